/* cmd_catalog.c — `reel catalog import FILE...`: load a film catalog (reel's
 * TSV, or IMDb's title.basics / title.akas / title.principals / name.basics
 * files; docs/catalog.md) into the store. Films then resolve to its entries
 * and carry their ids; every film is formed again at once. */
#include "render.h"

#include <stdlib.h>
#include <string.h>

int cmd_catalog(int argc, char **argv)
{
    cli_common c;
    cli_common_defaults(&c);
    const char **pos = calloc((size_t)argc + 1, sizeof *pos);
    int npos = 0, rc = EXIT_FAIL;
    reel_ctx *ctx = NULL;
    reel_store *st = NULL;
    if (!pos) return EXIT_FAIL;
    if ((rc = cli_parse(argc, argv, &c, pos, argc, &npos, NULL, NULL, NULL))) goto done;
    if (npos < 2 || strcmp(pos[0], "import")) {
        fprintf(stderr, "usage: reel catalog import [--db FILE|URL] [--json] FILE...\n");
        rc = EXIT_USAGE;
        goto done;
    }
    rc = EXIT_FAIL;
    if (reel_ctx_new(&ctx) || !(st = cli_store(ctx, &c))) goto done;
    size_t films = 0;
    int r = reel_catalog_import(&films, st, pos + 1, (size_t)npos - 1);
    if (r) {
        rc = cli_fail(ctx, r);
        goto done;
    }
    if (c.json)
        printf("{\"films\":%zu}\n", films);
    else if (!c.quiet)
        fprintf(stderr, "reel: %zu catalog films imported; films formed again\n", films);
    rc = EXIT_OKAY;
done:
    reel_store_close(st);
    reel_ctx_free(ctx);
    free(pos);
    return rc;
}
