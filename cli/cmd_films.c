/* cmd_films.c — `reel films [QUERY] [--sort title|score|reviews|year|
 * first-review] [--limit N] [--offset N] [--language CODE] [--csv]`: the
 * films in the store;
 * with --language, those with at least one article in that language
 * (reel_store_films_language). */
#include "render.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *query, *sort, *language;
    int limit, offset;
} films_args;

static int query(reel_store *st, char **out, void *arg)
{
    films_args *a = arg;
    if (a->language)
        return reel_store_films_language(out, st, a->query, a->sort, a->language,
                                         a->limit, a->offset);
    return reel_store_films(out, st, a->query, a->sort, a->limit, a->offset);
}

static void render(FILE *out, json_t *answer, void *arg)
{
    films_args *a = arg;
    if (a->sort && !strcmp(a->sort, "first-review"))
        render_films_first(out, answer);
    else
        render_films(out, answer);
}

int cmd_films(int argc, char **argv)
{
    cli_common c;
    cli_common_defaults(&c);
    static const char *const first[] = {"name", "title", "year", NULL};
    c.csv_rows = "films";
    c.csv_first = first;
    const char *pos[1];
    int npos, rc;
    json_t *opts = json_object();
    static const char *const valued[] = {"sort", "limit", "offset", "language", NULL};
    if ((rc = cli_parse(argc, argv, &c, pos, 1, &npos, valued, NULL, opts)) == 0) {
        films_args a = {npos ? pos[0] : NULL,
                        json_string_value(json_object_get(opts, "sort")),
                        json_string_value(json_object_get(opts, "language")), 100, 0};
        if ((rc = cli_count_opt(opts, argv[0], "limit", 1, 100, &a.limit)) == 0 &&
            (rc = cli_count_opt(opts, argv[0], "offset", 0, 0, &a.offset)) == 0)
            rc = cli_run_query(&c, query, render, &a);
    }
    json_decref(opts);
    return rc;
}
