/* score.c — placeholder until the score parser branch lands (it replaces
 * this file): finds no explicit score. */
#include "../internal.h"

int reel_score_parse(reel_score *out, const char *text, size_t len)
{
    (void)text;
    (void)len;
    memset(out, 0, sizeof *out);
    return REEL_ENOTFOUND;
}

int analyze_score(reel_ctx *ctx, reel_doc *doc)
{
    (void)ctx;
    memset(&doc->score, 0, sizeof doc->score);
    return 0;
}
