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

/* Cue phrases are lower case; blocks are matched through a lower-cased
 * copy (ASCII folding is all the cues need) with glibc's fast memmem. */
static int has(const char *s, size_t len, const char *needle)
{
    return memmem(s, len, needle, strlen(needle)) != NULL;
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
    "contribut", "patreon",    "journalism", "please consider", "become a",
    "your email", "inbox",     "sign-up",    "want more", NULL};

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

static const char *judge(const reel_block *b, const char *s, size_t len, size_t w);

const char *clean_block_reason(const reel_block *b)
{
    size_t len = b->len, w = words_in(b->text, len);
    /* the cue judgements concern short blocks (150 words at most): a long
     * one is judged by its kind and separators only, without a copy */
    if (w > 150) return judge(b, b->text, len, w);
    char small[2048];
    char *low = len < sizeof small ? small : malloc(len + 1);
    if (!low) return NULL;
    for (size_t i = 0; i < len; i++) low[i] = (char)tolower((unsigned char)b->text[i]);
    low[len] = 0;
    const char *why = judge(b, low, len, w);
    if (low != small) free(low);
    return why;
}

static const char *judge(const reel_block *b, const char *s, size_t len, size_t w)
{
    int shortb = w <= 14;
    if (b->link_density > 0.6 && w < 60) return "navigation";
    if (b->link_density > 0.35 && w < 12 && b->kind != REEL_BLOCK_HEADING)
        return "navigation";
    if (w <= 12 && cues(s, len, comment_cues)) return "comments";
    if (shortb && (has(s, len, "comments") && w <= 3)) return "comments";
    /* an appeal is a short plea dense with its words; in a long paragraph
     * of prose four of them are chance ("support", "member", "a month"),
     * and a page that is one long paragraph would lose all its text */
    int need = w <= 30 ? 2 : 4; /* counted only as far as the verdict needs */
    if (w <= 150) {
        int ac = 0;
        for (const char *const *c = appeal_cues; *c && ac < need; c++)
            ac += has(s, len, *c);
        if (ac >= need) return "appeal";
    }
    /* a one-word section label: "NEWSLETTER", "Related", "Trending" */
    if (w == 1 && (has(s, len, "newsletter") || has(s, len, "related") ||
                   has(s, len, "trending") || has(s, len, "popular") || has(s, len, "more")))
        return "related";
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

/* The shape of a link to another article: a short line with no sentence
 * punctuation. 2 = strongly so; 1 = a "Label: value" line, which is also
 * what an article's closing info lines look like ("Director: …"). */
static int link_like(const reel_block *b)
{
    if (b->len == 0 || words_in(b->text, b->len) > 14) return 0;
    char last = b->text[b->len - 1];
    if (last == '.' || last == '!' || last == '?' || last == ':') return 0;
    return memchr(b->text, ':', b->len) ? 1 : 2;
}

/* After the article's last real paragraph, a run of link-like lines with
 * at least two plain ones is a related-articles list. */
static void drop_related_tail(reel_doc *doc)
{
    size_t last_long = doc->n_blocks;
    for (size_t i = doc->n_blocks; i-- > 0;)
        if (!doc->blocks[i].boilerplate && words_in(doc->blocks[i].text, doc->blocks[i].len) >= 25) {
            last_long = i;
            break;
        }
    if (last_long == doc->n_blocks) return;
    size_t i = last_long + 1;
    while (i < doc->n_blocks) {
        size_t run = i, strong = 0;
        int l;
        while (run < doc->n_blocks && !doc->blocks[run].boilerplate &&
               doc->blocks[run].kind != REEL_BLOCK_LIST_ITEM && (l = link_like(&doc->blocks[run]))) {
            strong += l == 2;
            run++;
        }
        if (strong >= 2)
            for (size_t k = i; k < run; k++) {
                doc->blocks[k].boilerplate = 1;
                doc->blocks[k].reason = "related";
            }
        i = run > i ? run : i + 1;
    }
}

int reel_clean(reel_ctx *ctx, reel_doc *doc)
{
    int rc = REEL_OK;
    for (size_t i = 0; i < doc->n_blocks; i++) {
        reel_block *b = &doc->blocks[i];
        if (!b->boilerplate) {
            const char *why = clean_block_reason(b);
            if (why) {
                b->boilerplate = 1;
                b->reason = why;
            }
        }
    }
    drop_related_tail(doc);
    /* the clean text is allocated once at its final size: a page's text
     * is its largest string, held here beside its blocks */
    size_t total = 0;
    for (size_t i = 0; i < doc->n_blocks; i++)
        if (!doc->blocks[i].boilerplate) total += (total ? 2 : 0) + doc->blocks[i].len;
    char *out = arena_alloc(doc->arena, total + 1);
    if (!out) {
        rc = reel_error(ctx, REEL_ENOMEM, "%s: out of memory", doc->source);
        goto done;
    }
    size_t at = 0;
    for (size_t i = 0; i < doc->n_blocks; i++) {
        reel_block *b = &doc->blocks[i];
        if (b->boilerplate) {
            b->span.start = b->span.end = 0;
            continue;
        }
        if (at) {
            memcpy(out + at, "\n\n", 2);
            at += 2;
        }
        b->span.start = at;
        memcpy(out + at, b->text, b->len);
        at += b->len;
        b->span.end = at;
    }
    out[at] = 0;
    doc->text = out;
    doc->text_len = at;
    /* the kept blocks' texts are now in the clean text: their copies go */
    if (doc->block_arena) {
        for (size_t i = 0; i < doc->n_blocks; i++) {
            reel_block *b = &doc->blocks[i];
            char *t = b->boilerplate ? arena_strndup(doc->arena, b->text, b->len)
                                     : out + b->span.start;
            if (!t) {
                rc = reel_error(ctx, REEL_ENOMEM, "%s: out of memory", doc->source);
                goto done;
            }
            b->text = t;
        }
        arena_free(doc->block_arena);
        doc->block_arena = NULL;
    }
    doc_overflow_free(doc); /* the last block's text, held by the overflow */
done:
    return rc;
}
