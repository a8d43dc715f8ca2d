/* cmd_search.c — `reel search QUERY [--limit N] [--offset N]`: full-text
 * search over the clean text, case- and accent-insensitive. */
#include "render.h"

#include <stdlib.h>

int cmd_search(int argc, char **argv)
{
    cli_common c;
    cli_common_defaults(&c);
    const char *pos[1];
    int npos, rc;
    json_t *opts = json_object();
    static const char *const valued[] = {"limit", "offset", NULL};
    if ((rc = cli_parse(argc, argv, &c, pos, 1, &npos, valued, NULL, opts))) goto out;
    if (npos != 1) {
        fprintf(stderr, "usage: reel search [--db FILE] [--json] QUERY\n");
        rc = EXIT_USAGE;
        goto out;
    }
    reel_ctx *ctx = cli_ctx(&c, 0);
    reel_store *st = ctx ? cli_store(ctx, &c) : NULL;
    rc = EXIT_FAIL;
    if (st) {
        char *json = NULL;
        const char *limit = json_string_value(json_object_get(opts, "limit"));
        const char *offset = json_string_value(json_object_get(opts, "offset"));
        int r = reel_store_search(st, &json, pos[0], limit ? atoi(limit) : 20,
                                  offset ? atoi(offset) : 0);
        if (r) {
            rc = cli_fail(ctx, r);
        } else {
            if (c.json) {
                cli_print_json(json);
            } else {
                json_t *j = json_loads(json, 0, NULL);
                render_search(stdout, j);
                json_decref(j);
            }
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
