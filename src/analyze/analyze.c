/* analyze.c — runs the analyzers over one cleaned, segmented document in
 * the order their inputs need: the explicit score first (the kind rules
 * use it), then subject, sentiment (sentence polarity feeds quotes), kind,
 * facts (they need the subject), quotes. Pure: no I/O, no clock.
 */
#include "../internal.h"

int reel_analyze(reel_ctx *ctx, reel_doc *doc)
{
    int rc;
    if ((rc = analyze_score(ctx, doc))) return rc;
    if ((rc = analyze_subject(ctx, doc))) return rc;
    if ((rc = analyze_sentiment(ctx, doc))) return rc;
    if ((rc = analyze_kind(ctx, doc))) return rc;
    if ((rc = analyze_facts(ctx, doc))) return rc;
    return analyze_quotes(ctx, doc);
}
