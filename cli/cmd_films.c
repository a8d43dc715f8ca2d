/* cmd_films.c — `reel films [QUERY] [--sort title|score|reviews]
 * [--limit N] [--offset N]`: the films in the store. */
#include "render.h"

#include <stdlib.h>

int cmd_films(int argc, char **argv)
{
    cli_common c;
    cli_common_defaults(&c);
    const char *pos[1];
    int npos, rc;
    json_t *opts = json_object();
    static const char *const valued[] = {"sort", "limit", "offset", NULL};
    if ((rc = cli_parse(argc, argv, &c, pos, 1, &npos, valued, NULL, opts))) goto out;
    reel_ctx *ctx = cli_ctx(&c, 0);
    reel_store *st = ctx ? cli_store(ctx, &c) : NULL;
    rc = EXIT_FAIL;
    if (st) {
        char *json = NULL;
        const char *limit = json_string_value(json_object_get(opts, "limit"));
        const char *offset = json_string_value(json_object_get(opts, "offset"));
        int r = reel_store_films(st, &json, npos ? pos[0] : NULL,
                                 json_string_value(json_object_get(opts, "sort")),
                                 limit ? atoi(limit) : 100, offset ? atoi(offset) : 0);
        if (r) {
            rc = cli_fail(ctx, r);
        } else {
            if (c.json) {
                cli_print_json(json);
            } else {
                json_t *j = json_loads(json, 0, NULL);
                render_films(stdout, j);
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
