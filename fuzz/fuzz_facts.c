/* fuzz_facts.c — libFuzzer target for the facts analyzer and their
 * reconciliation: any bytes, read as a text article, must give facts whose
 * spans lie inside the clean text and whose sentence exists, within the
 * per-article cap; the record must fold into a film report. A broken
 * invariant aborts, which the fuzzer (and fuzz/replay.c) reports.
 */
#include "fuzz.h"
#include "internal.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    reel_ctx *ctx = NULL;
    reel_doc *d = NULL;
    char *rec = NULL, *rep = NULL;
    reel_partial *p = NULL;
    if (reel_ctx_new(&ctx) || reel_ctx_load_model(ctx, NULL)) return 0;
    if (reel_process(&d, ctx, (const char *)data, size, "fuzz", REEL_FORMAT_TEXT) == 0) {
        if (d->n_facts > 400) abort();
        for (size_t i = 0; i < d->n_facts; i++) {
            const reel_fact *f = &d->facts[i];
            if (!f->predicate || !f->value || !f->norm) abort();
            if (f->span.start > f->span.end || f->span.end > d->text_len) abort();
            if (f->sentence >= d->n_sentences) abort();
            if (f->confidence < 0 || f->confidence > 1) abort();
        }
        if (reel_record_to_json(&rec, ctx, d, 0) == 0 &&
            reel_partial_new(&p, "fuzz") == 0 && reel_partial_add(ctx, p, rec) == 0 &&
            reel_partial_finalize(&rep, ctx, p) != 0)
            abort();
    }
    free(rep);
    free(rec);
    reel_partial_free(p);
    reel_doc_free(d);
    reel_ctx_free(ctx);
    return 0;
}
