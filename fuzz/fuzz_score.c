/* fuzz_score.c — libFuzzer target for the explicit-score reader: the input
 * goes to reel_score_parse as a score written on its own, then becomes an
 * article (paragraphs at blank lines) for analyze_score. Checks what must
 * hold for any input: spans inside the text, raw equal to the spanned text,
 * scores on 0-100, no leaks.
 */
#include "fuzz.h"
#include <stdint.h>
#include <stdio.h>

#include "../tests/textdoc.h"
#include "internal.h"

static void check(const reel_score *s, const char *text, size_t len)
{
    if (!s->found) return;
    if (!(s->score100 >= 0 && s->score100 <= 100) || !s->raw || !s->form)
        __builtin_trap();
    if (s->span.start > s->span.end || s->span.end > len) __builtin_trap();
    size_t n = s->span.end - s->span.start;
    if (n && (strlen(s->raw) != n || memcmp(text + s->span.start, s->raw, n) != 0))
        __builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    reel_score s;
    if (reel_score_parse(&s, text, size) == REEL_OK) check(&s, text, size);
    free(s.raw);

    reel_ctx *ctx = NULL;
    reel_doc doc;
    if (reel_ctx_new(&ctx) || reel_ctx_load_model(ctx, NULL)) return 0;
    if (textdoc_init(&doc, text, size) == REEL_OK && analyze_score(ctx, &doc) == REEL_OK)
        check(&doc.score, doc.text, doc.text_len);
    textdoc_free(&doc);
    reel_ctx_free(ctx);
    return 0;
}
