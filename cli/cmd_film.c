/* cmd_film.c — `reel film TITLE` (the whole report) and `reel facts TITLE
 * [--conflicts]` (the reconciled facts, or only the disputed ones). A title
 * matches any of its variants ("Pain & Glory" = "Pain and Glory (2019)"). */
#include "render.h"

#include <stdlib.h>

static int film_or_facts(int argc, char **argv, int facts)
{
    cli_common c;
    cli_common_defaults(&c);
    const char *pos[1];
    int npos, rc;
    json_t *opts = json_object();
    static const char *const flags[] = {"conflicts", NULL};
    if ((rc = cli_parse(argc, argv, &c, pos, 1, &npos, NULL, flags, opts))) goto out;
    if (npos != 1) {
        fprintf(stderr, "usage: reel %s [--db FILE] [--json]%s TITLE\n", argv[0],
                facts ? " [--conflicts]" : "");
        rc = EXIT_USAGE;
        goto out;
    }
    int conflicts = json_object_get(opts, "conflicts") != NULL;
    reel_ctx *ctx = cli_ctx(&c, 0);
    reel_store *st = ctx ? cli_store(ctx, &c) : NULL;
    rc = EXIT_FAIL;
    if (st) {
        char *json = NULL;
        int r = reel_store_film(st, &json, pos[0]);
        if (r) {
            rc = cli_fail(ctx, r);
        } else {
            json_t *rep = json_loads(json, 0, NULL);
            if (c.json && !facts) {
                cli_print_json(json);
            } else if (c.json) {
                /* facts only, optionally only the disputed ones */
                json_t *out = json_array(), *f;
                size_t i;
                json_array_foreach(json_object_get(rep, "facts"), i, f) if (
                    !conflicts || json_is_true(json_object_get(f, "conflict")))
                    json_array_append(out, f);
                char *s = json_dumps(json_pack("{s:O,s:o}", "film", json_object_get(rep, "film"),
                                               "facts", out),
                                     JSON_COMPACT | JSON_PRESERVE_ORDER);
                if (s) cli_print_json(s);
                free(s);
            } else {
                render_film(stdout, rep, conflicts, facts);
            }
            json_decref(rep);
            rc = EXIT_OKAY;
        }
        free(json);
    }
    reel_store_close(st);
    reel_ctx_free(ctx);
out:
    json_decref(opts);
    return rc;
}

int cmd_film(int argc, char **argv) { return film_or_facts(argc, argv, 0); }
int cmd_facts(int argc, char **argv) { return film_or_facts(argc, argv, 1); }
