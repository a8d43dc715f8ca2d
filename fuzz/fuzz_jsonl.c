/* fuzz_jsonl.c — the JSON-lines reader over arbitrary bytes: every record
 * is read or rejected on its own, and iteration always ends. */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[] = "/tmp/reel-fuzz-jsonl-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) return 0;
    FILE *f = fdopen(fd, "wb");
    if (!f) return 0;
    /* make it a JSON-lines stream whatever the bytes */
    fputc('{', f);
    fwrite(data, 1, size, f);
    fclose(f);
    reel_ctx *ctx = NULL;
    reel_reader *r = NULL;
    if (reel_ctx_new(&ctx) == 0) {
        reel_ctx_set_max_input(ctx, 1 << 16);
        if (reel_reader_open(ctx, &r, path) == 0) {
            for (int i = 0; i < 100000; i++) {
                reel_doc *d = NULL;
                int rc = reel_reader_next(r, &d);
                reel_doc_free(d);
                if (rc == REEL_EDONE || rc == REEL_EIO) break;
            }
        }
    }
    reel_reader_free(r);
    reel_ctx_free(ctx);
    unlink(path);
    return 0;
}
