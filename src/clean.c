/* clean.c — drop the blocks that are not the article (navigation, share and
 * newsletter blocks, donation and membership appeals, comment prompts, photo
 * credits, legal lines) and join the rest into the clean text every span
 * points into. Readers may already have flagged blocks (HTML link density,
 * page chrome); this stage adds the text-based judgements common to all
 * formats. Block text is already NFC (doc_add_block).
 */
#include "internal.h"

#include <ctype.h>

static size_t words_in(const char *s, size_t len)
{
    size_t n = 0;
    int in = 0;
    for (size_t i = 0; i < len; i++) {
        int sp = s[i] == ' ';
        if (!sp && !in) n++;
        in = !sp;
    }
    return n;
}

static int has(const char *s, size_t len, const char *needle)
{
    return memmem_ci_ascii(s, len, needle) != NULL;
}

/* How many distinct phrases of `list` occur in the block. */
static int cues(const char *s, size_t len, const char *const *list)
{
    int n = 0;
    for (; *list; list++) n += has(s, len, *list);
    return n;
}

static const char *const appeal_cues[] = {
    "support",   "membership", "member",     "donat",     "subscribe", "subscription",
    "newsletter", "sign up",   "join us",    "a month",   "per month", "perks",
    "contribut", "patreon",    "journalism", "please consider", "become a", NULL};

static const char *const share_cues[] = {
    "share this", "share on", "share via", "tweet", "facebook", "pinterest",
    "email this", "follow us", "whatsapp", "linkedin", "reddit", "copy link", NULL};

static const char *const comment_cues[] = {
    "leave a comment", "leave a reply", "post a comment", "add a comment",
    "join the discussion", "comments are closed", "log in to comment",
    "view comments", "show comments", NULL};

static const char *const credit_cues[] = {
    "photo:", "photo by", "photograph:", "photograph by", "image:", "credit:",
    "courtesy of", "getty images", "(photo", "photo credit", "images via",
    "\xC2\xA9", /* © */ NULL};

static const char *const legal_cues[] = {
    "all rights reserved", "privacy policy", "terms of use", "terms of service",
    "cookie policy", "use of cookies", "copyright \xC2\xA9", NULL};

static const char *const related_cues[] = {
    "related:", "related articles", "related stories", "read more", "more from",
    "recommended for you", "you may also like", "you might also like", "trending now",
    "most popular", "most read", "advertisement", "sponsored content", "skip to content",
    "back to top", NULL};

/* Why a block is boilerplate, or NULL if it is article text. */
static const char *boilerplate_reason(const reel_block *b)
{
    const char *s = b->text;
    size_t len = b->len, w = words_in(s, len);
    int shortb = w <= 14;
    if (b->link_density > 0.6 && w < 60) return "navigation";
    if (b->link_density > 0.35 && w < 12 && b->kind != REEL_BLOCK_HEADING)
        return "navigation";
    if (w <= 12 && cues(s, len, comment_cues)) return "comments";
    if (shortb && (has(s, len, "comments") && w <= 3)) return "comments";
    int ac = cues(s, len, appeal_cues);
    if ((shortb && ac >= 2) || ac >= 4) return "appeal";
    if (w <= 25 && cues(s, len, credit_cues)) return "credit";
    if (b->kind == REEL_BLOCK_CAPTION) return "caption";
    /* "Home | Reviews | Features": a menu flattened into text */
    size_t seps = 0;
    for (size_t i = 0; i < len; i++)
        seps += s[i] == '|' || (i + 1 < len && (unsigned char)s[i] == 0xC2 &&
                                (unsigned char)s[i + 1] == 0xB7); /* · */
    if (seps >= 3 && w <= seps * 4) return "navigation";
    if (shortb && cues(s, len, share_cues)) return "share";
    if (w <= 30 && cues(s, len, legal_cues)) return "legal";
    if (w <= 8 && cues(s, len, related_cues)) return "related";
    return NULL;
}

int reel_clean(reel_ctx *ctx, reel_doc *doc)
{
    int rc = REEL_OK;
    buf text;
    buf_init(&text);
    for (size_t i = 0; i < doc->n_blocks; i++) {
        reel_block *b = &doc->blocks[i];
        if (!b->boilerplate) {
            const char *why = boilerplate_reason(b);
            if (why) {
                b->boilerplate = 1;
                b->reason = why;
            }
        }
        if (b->boilerplate) {
            b->span.start = b->span.end = 0;
            continue;
        }
        if (text.len) buf_append(&text, "\n\n", 2);
        b->span.start = text.len;
        buf_append(&text, b->text, b->len);
        b->span.end = text.len;
    }
    if (text.oom) {
        rc = reel_error(ctx, REEL_ENOMEM, "%s: out of memory", doc->source);
        goto done;
    }
    doc->text = arena_strndup(doc->arena, text.data ? text.data : "", text.len);
    doc->text_len = text.len;
    if (!doc->text) rc = reel_error(ctx, REEL_ENOMEM, "%s: out of memory", doc->source);
done:
    buf_free(&text);
    return rc;
}
