/* fuzz_catalog.c — `reel catalog import` over arbitrary bytes: reel's TSV
 * or IMDb's title.* / name.basics layout, told by the header line, each
 * bad line refused on its own; the store stays usable whatever comes in. */
#include "fuzz.h"
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char dir[] = "/tmp/reel-fuzz-catalog-XXXXXX";
    if (!mkdtemp(dir)) return 0;
    char tsv[64], db[64], wal[72], shm[72];
    snprintf(tsv, sizeof tsv, "%s/c.tsv", dir);
    snprintf(db, sizeof db, "%s/s.db", dir);
    snprintf(wal, sizeof wal, "%s-wal", db);
    snprintf(shm, sizeof shm, "%s-shm", db);
    FILE *f = fopen(tsv, "wb");
    if (f) {
        fwrite(data, 1, size, f);
        fclose(f);
        reel_ctx *ctx = NULL;
        reel_store *st = NULL;
        if (reel_ctx_new(&ctx) == 0 && reel_ctx_load_model(ctx, NULL) == 0 &&
            reel_store_open(&st, ctx, db) == 0) {
            const char *paths[] = {tsv};
            size_t films = 0;
            reel_catalog_import(&films, st, paths, 1);
            char *out = NULL;
            if (reel_store_stats(&out, st) != 0) abort(); /* still a store */
            free(out);
        }
        reel_store_close(st);
        reel_ctx_free(ctx);
    }
    unlink(tsv), unlink(db), unlink(wal), unlink(shm);
    rmdir(dir);
    return 0;
}
