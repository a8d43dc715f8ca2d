/* fuzz_model.c — libFuzzer target for the sentiment model loader: any bytes
 * go to model_read; a model it accepts must write back to the same bytes and
 * score a text without trouble. Inputs carry no valid checksum by chance, so
 * the target also re-signs the input (the fuzzer's way past the SHA-256) to
 * reach the header and feature checks.
 */
#include "fuzz.h"
#include <openssl/evp.h>
#include <stdint.h>

#include "analyze/sentiment.h"

static void check(reel_ctx *ctx, const char *data, size_t size)
{
    struct reel_model *m = NULL;
    if (model_read(ctx, &m, data, size, "fuzz.model") != REEL_OK) {
        if (!reel_errmsg(ctx)[0] || !strstr(reel_errmsg(ctx), "fuzz.model"))
            __builtin_trap();
        return;
    }
    buf b;
    buf_init(&b);
    if (model_write(m, &b) != REEL_OK || b.len != size || memcmp(b.data, data, size))
        __builtin_trap();
    featvec fv;
    featvec_init(&fv);
    const char *text = "Not good at all, but the cast is wonderful!";
    if (features_extract(&fv, &m->fo, text, strlen(text)) == REEL_OK) {
        double mg = model_margin(m, &fv, NULL);
        double p = model_prob(m, mg), s = model_score100(m, mg);
        if (!(p >= 0 && p <= 1 && s >= 0 && s <= 100)) __builtin_trap();
    }
    featvec_free(&fv);
    buf_free(&b);
    model_free(m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    reel_ctx *ctx = NULL;
    if (reel_ctx_new(&ctx) || reel_ctx_load_model(ctx, NULL)) return 0;
    check(ctx, (const char *)data, size);
    if (size >= 32 && size < (1u << 24)) {
        char *copy = malloc(size);
        if (copy) {
            unsigned int n = 0;
            memcpy(copy, data, size);
            EVP_Digest(copy, size - 32, (unsigned char *)copy + size - 32, &n,
                       EVP_sha256(), NULL);
            check(ctx, copy, size);
            free(copy);
        }
    }
    reel_ctx_free(ctx);
    return 0;
}
