/* process.c — the one composition of the per-article pipeline: read →
 * clean → segment → analyze (DESIGN.md). reel_process does it from bytes;
 * reel_process_doc does the last three on a document already read, for
 * callers that read through reel_reader or set metadata first (the command's
 * ingest and extract, the server's POST /api/articles).
 */
#include "internal.h"

int reel_process_doc(reel_ctx *ctx, reel_doc *doc)
{
    int rc = reel_clean(ctx, doc);
    if (rc == 0) rc = reel_segment(ctx, doc);
    if (rc == 0) rc = reel_analyze(ctx, doc);
    return rc;
}

int reel_process(reel_doc **out, reel_ctx *ctx, const char *bytes, size_t len,
                 const char *source, reel_format format)
{
    reel_doc *doc = NULL;
    int rc = reel_read(&doc, ctx, bytes, len, source, format);
    if (rc == 0) rc = reel_process_doc(ctx, doc);
    if (rc) {
        reel_doc_free(doc);
        doc = NULL;
    }
    *out = doc;
    return rc;
}
