/* fuzz_segment.c — the segmenter on arbitrary clean text: spans must stay
 * inside the text, in order, and tokens must tile each sentence. */
#include "fuzz.h"
#include "internal.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    reel_ctx *ctx = NULL;
    if (reel_ctx_new(&ctx) || reel_ctx_load_model(ctx, NULL)) return 0;
    reel_doc *d = doc_new();
    if (!d) goto done;
    /* the segmenter sees clean text: valid UTF-8, as clean leaves it */
    buf b;
    buf_init(&b);
    utf8_repair(&b, (const char *)data, size);
    d->text = arena_strndup(d->arena, b.data ? b.data : "", b.len);
    d->text_len = b.len;
    buf_free(&b);
    if (!d->text) goto done;
    if (reel_segment(ctx, d) == 0) {
        size_t prev = 0;
        for (size_t i = 0; i < d->n_sentences; i++) {
            const reel_sentence *s = &d->sentences[i];
            if (s->span.start < prev || s->span.end > d->text_len ||
                s->span.start > s->span.end || s->tok_start >= s->tok_end ||
                s->tok_end > d->n_tokens)
                abort();
            prev = s->span.end;
        }
        for (size_t i = 0; i < d->n_tokens; i++)
            if (d->tokens[i].span.end > d->text_len ||
                d->tokens[i].span.start >= d->tokens[i].span.end)
                abort();
    }
done:
    reel_doc_free(d);
    reel_ctx_free(ctx);
    return 0;
}
