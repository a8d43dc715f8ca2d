/* cmd_delete.c — `reel delete ID | --url URL`: remove an article (by its id
 * prefix, or by its canonical URL) with its earlier versions, facts and
 * search entry; its film's report is rebuilt without it, and a film left
 * without articles goes. */
#include "render.h"

#include <stdlib.h>

typedef struct {
    const char *what;
    int by_url;
} delete_args;

static int query(reel_store *st, char **out, void *arg)
{
    delete_args *a = arg;
    return reel_store_delete(out, st, a->what, a->by_url);
}

static void render(FILE *out, json_t *answer, void *arg)
{
    (void)arg;
    json_t *film = json_object_get(answer, "film");
    fprintf(out, "deleted %.12s (%s)%s%s\n",
            json_string_value(json_object_get(answer, "deleted")),
            json_string_value(json_object_get(answer, "article")),
            json_is_string(film) ? "; rebuilt film " : "",
            json_is_string(film) ? json_string_value(film) : "");
}

int cmd_delete(int argc, char **argv)
{
    cli_common c;
    cli_common_defaults(&c);
    const char *pos[1];
    int npos, rc;
    static const char *const valued[] = {"url", NULL};
    json_t *opts = json_object();
    if ((rc = cli_parse(argc, argv, &c, pos, 1, &npos, valued, NULL, opts))) goto done;
    const char *url = json_string_value(json_object_get(opts, "url"));
    if ((npos == 1) == (url != NULL)) {
        fprintf(stderr, "usage: reel delete [--db FILE|URL] [--json] ID | --url URL\n");
        rc = EXIT_USAGE;
        goto done;
    }
    delete_args a = {url ? url : pos[0], url != NULL};
    rc = cli_run_query(&c, query, render, &a);
done:
    json_decref(opts);
    return rc;
}
