/* read_all.h — the loop the stream-reader fuzz targets share: open a file
 * through reel_reader with a small size limit and take every record until
 * the reader says it is done, as a caller would after each error. */
#ifndef REEL_FUZZ_READ_ALL_H
#define REEL_FUZZ_READ_ALL_H

#include "internal.h"

static inline void fuzz_read_all(const char *path)
{
    reel_ctx *ctx = NULL;
    reel_reader *r = NULL;
    if (reel_ctx_new(&ctx) == 0 && reel_ctx_load_model(ctx, NULL) == 0) {
        reel_ctx_set_max_input(ctx, 1 << 16);
        if (reel_reader_open(&r, ctx, path) == 0) {
            /* a bound far above any input's record count: a reader that
             * never ends is a bug the fuzzer reports as a timeout */
            for (int i = 0; i < 100000; i++) {
                reel_doc *d = NULL;
                int rc = reel_reader_next(&d, r);
                reel_doc_free(d);
                if (rc == REEL_EDONE || rc == REEL_EIO) break;
            }
        }
    }
    reel_reader_free(r);
    reel_ctx_free(ctx);
}

#endif
