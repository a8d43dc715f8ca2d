/* fuzz_html.c — the HTML reader (encoding detection, libxml2 parse,
 * metadata, body selection) and everything after it: any bytes through
 * reel_process as HTML must not crash, leak or hang. */
#include "fuzz.h"
#include "internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    reel_ctx *ctx = NULL;
    if (reel_ctx_new(&ctx) || reel_ctx_load_model(ctx, NULL)) return 0;
    reel_doc *d = NULL;
    if (reel_process(&d, ctx, (const char *)data, size, "fuzz", REEL_FORMAT_HTML) == 0) {
        char *json = NULL;
        if (reel_record_to_json(&json, ctx, d, 1) == 0) free(json);
    }
    reel_doc_free(d);
    reel_ctx_free(ctx);
    return 0;
}
