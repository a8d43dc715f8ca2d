/* cmd_article.c — `reel article ID`: one article's record and clean text;
 * ID is its SHA-256 or a prefix of at least 6 hex digits. */
#include "render.h"

#include <stdlib.h>

int cmd_article(int argc, char **argv)
{
    cli_common c;
    cli_common_defaults(&c);
    const char *pos[1];
    int npos, rc;
    if ((rc = cli_parse(argc, argv, &c, pos, 1, &npos, NULL, NULL, NULL))) return rc;
    if (npos != 1) {
        fprintf(stderr, "usage: reel article [--db FILE] [--json] ID\n");
        return EXIT_USAGE;
    }
    reel_ctx *ctx = cli_ctx(&c, 0);
    reel_store *st = ctx ? cli_store(ctx, &c) : NULL;
    rc = EXIT_FAIL;
    if (st) {
        char *json = NULL;
        int r = reel_store_article(st, &json, pos[0]);
        if (r) {
            rc = cli_fail(ctx, r);
        } else {
            if (c.json) {
                cli_print_json(json);
            } else {
                json_t *j = json_loads(json, 0, NULL);
                render_article(stdout, j);
                json_decref(j);
            }
            rc = EXIT_OKAY;
        }
        free(json);
    }
    reel_store_close(st);
    reel_ctx_free(ctx);
    return rc;
}
