/* analyze.c — runs the analyzers over one cleaned, segmented document in
 * the order their inputs need: the language, the explicit score (the kind
 * rules use it), then subject, sentiment (sentence polarity feeds quotes),
 * kind, facts (they need the subject), quotes. The last four read English
 * words and run only on English (or undetected) text. Pure: no clock, and
 * no I/O but the one load of the context's default model on its first
 * English document (reel_ctx_new's lazy promise, model_default.c).
 */
#include "../internal.h"

/* The analyzers in order; an allocation one of them absorbed (a fact or
 * a mention quietly left out) is noted and made an error in reel_analyze. */
static int analyze_all(reel_ctx *ctx, reel_doc *doc)
{
    int rc;
    if ((rc = analyze_language(ctx, doc))) return rc;
    if ((rc = analyze_score(ctx, doc))) return rc;
    if ((rc = analyze_subject(ctx, doc))) return rc;
    if (!language_is_english(doc)) {
        language_skip_english(doc);
        return 0;
    }
    if ((rc = model_ensure(ctx)) || (rc = analyze_sentiment(ctx, doc))) return rc;
    if ((rc = analyze_kind(ctx, doc))) return rc;
    if ((rc = analyze_facts(ctx, doc))) return rc;
    return analyze_quotes(ctx, doc);
}

int reel_analyze(reel_ctx *ctx, reel_doc *doc)
{
    unsigned oom0 = oom_mark();
    int rc = analyze_all(ctx, doc);
    if (rc == 0 && oom_since(oom0))
        rc = reel_error(ctx, REEL_ENOMEM, "%s: out of memory in an analyzer",
                        doc->source ? doc->source : "document");
    return rc;
}
