/* html_trim.c — the last look at an HTML page's blocks, once the walk has
 * made them: the headline and what sits above it (kickers, section names)
 * go, as do datelines and "By" lines, so the body starts with the
 * article's own text; a score line that the body selection cut as chrome
 * ("★★★★½" beside the byline) comes back, since reel reads verdicts.
 */
#include "html.h"

#include <ctype.h>

/* Does a heading repeat the headline? Folded, one holds the other and they
 * are of like length (a headline may carry a kicker or lose a subtitle). */
static int repeats_title(const char *key, size_t klen, const char *text, size_t len)
{
    char *h = reel_fold(text, len);
    int same = 0;
    if (h && *h) {
        size_t hl = strlen(h);
        const char *longer = hl >= klen ? h : key, *shorter = hl >= klen ? key : h;
        size_t ll = hl >= klen ? hl : klen, sl = hl >= klen ? klen : hl;
        same = strstr(longer, shorter) != NULL && sl * 10 >= ll * 6;
    }
    free(h);
    return same;
}

/* Words that sit around dates in a dateline ("Published: 10:48, Tue, Nov
 * 19, 2019 | Updated ...", "November 19, 2019 at 9:45 am"). */
static int dateline_word(const char *w, size_t n)
{
    static const char *fill[] = {
        "at",        "on",       "published", "updated",  "posted", "last",   "modified",
        "first",     "date",     "time",      "am",       "pm",     "a.m",    "p.m",
        "et",        "est",      "edt",       "ct",       "cst",    "cdt",    "pt",
        "pst",       "pdt",      "gmt",       "utc",      "bst",    "cet",    "cest",
        "ist",       "aest",     "mon",       "tue",      "tues",   "wed",    "thu",
        "thur",      "thurs",    "fri",       "sat",      "sun",    "monday", "tuesday",
        "wednesday", "thursday", "friday",    "saturday", "sunday", "of",     "original",
        NULL};
    while (n && ispunct((unsigned char)w[n - 1]))
        n--;
    while (n && ispunct((unsigned char)*w))
        w++, n--;
    if (n == 0) return 1;
    int digit = 1; /* times, years, ordinals: 10:48, 2019, 18th */
    for (size_t i = 0; i < n && digit; i++)
        digit = isdigit((unsigned char)w[i]) || w[i] == ':' || w[i] == '.' ||
                (i > 0 && isalpha((unsigned char)w[i]) && isdigit((unsigned char)w[0]));
    if (digit) return 1;
    char low[16];
    if (n >= sizeof low) return 0;
    for (size_t i = 0; i < n; i++)
        low[i] = (char)tolower((unsigned char)w[i]);
    low[n] = 0;
    for (const char **f = fill; *f; f++)
        if (!strcmp(low, *f)) return 1;
    return 0;
}

/* A short line that is only a date with its labels, or "By Name" with or
 * without one: page furniture at the head or foot of an article. */
static const char *dateline_reason(const char *s, size_t len)
{
    size_t words = 0, dates = 0, other = 0;
    int by = len > 4 && (s[0] == 'B') && (s[1] == 'y' || s[1] == 'Y') && s[2] == ' ' &&
             isupper((unsigned char)s[3]);
    for (size_t i = 0; i < len;) {
        while (i < len && s[i] == ' ')
            i++;
        if (i >= len) break;
        char iso[11];
        size_t used = date_parse(s + i, len - i, iso);
        if (used) {
            dates++;
            words += 2;
            i += used;
            continue;
        }
        size_t e = i;
        while (e < len && s[e] != ' ')
            e++;
        words++;
        if (!dateline_word(s + i, e - i)) other++;
        i = e;
        if (words > 20) return NULL;
    }
    if (dates && other == 0) return "dateline";
    /* "By Jane Doe", "By Jane Doe and John Roe, Reuters | Nov. 19, 2019" */
    if (by && words <= 12 &&
        (dates || (len && s[len - 1] != '.' && s[len - 1] != '!' && s[len - 1] != '?')))
        return "byline";
    return NULL;
}

/* A short block that is a critic's score on its own ("★★★★½", "Rating:
 * 9/10", "Verdict: B+"). Pages put it in the article's header beside the
 * byline, where it looks like chrome; reel needs it. A lone letter is more
 * often a drop cap than a grade. */
static int score_line(const reel_block *b)
{
    if (b->len < 2 || b->len > 40) return 0;
    reel_score sc;
    if (reel_score_parse(&sc, b->text, b->len) != 0) return 0;
    free(sc.raw);
    return 1;
}

/* A heading that opens readers' comments: "2 Responses", "Comments (14)",
 * "3 thoughts on ...", "Leave a Reply", "Join the discussion". */
static int comment_heading(const reel_block *b)
{
    if (b->len > 120) return 0;
    char low[128];
    size_t n = 0;
    for (size_t i = 0; i < b->len && n + 1 < sizeof low; i++)
        low[n++] = (char)tolower((unsigned char)b->text[i]);
    low[n] = 0;
    static const char *const opens[] = {
        "leave a reply",         "leave a comment", "post a comment",
        "add a comment",         "write a comment", "join the discussion",
        "join the conversation", "reader comments", NULL};
    for (const char *const *o = opens; *o; o++)
        if (!strncmp(low, *o, strlen(*o))) return 1;
    if (!strcmp(low, "comments") || !strcmp(low, "responses")) return 1;
    /* a count and a noun, in either order */
    const char *p = low;
    int count = 0;
    while (isdigit((unsigned char)*p))
        p++, count = 1;
    if (count && *p == ' ') {
        p++;
        if (!strncmp(p, "thoughts on", 11)) return 1;
        static const char *const nouns[] = {
            "comment", "comments", "response", "responses", "reply", "replies", NULL};
        for (const char *const *w = nouns; *w; w++)
            if (!strcmp(p, *w)) return 1;
        return 0;
    }
    if (!strncmp(low, "comments (", 10) || !strncmp(low, "responses (", 11)) {
        p = low + (low[0] == 'c' ? 10 : 11);
        while (isdigit((unsigned char)*p))
            p++, count = 1;
        return count && p[0] == ')' && !p[1];
    }
    return 0;
}

/* A page without a date in its metadata usually prints one in its
 * dateline or byline: the first full date of such a block in [from, to]. */
static void page_date(reel_doc *doc, size_t from, size_t to)
{
    for (size_t i = from; i <= to && i < doc->n_blocks; i++) {
        const reel_block *b = &doc->blocks[i];
        if (b->len > 120 || !b->reason ||
            (strcmp(b->reason, "dateline") != 0 && strcmp(b->reason, "byline") != 0))
            continue;
        for (size_t k = 0; k < b->len; k++) {
            if (k && b->text[k - 1] != ' ') continue;
            char iso[11];
            if (date_parse(b->text + k, b->len - k, iso) && strlen(iso) == 10 &&
                iso[0] != '-') {
                doc->date = arena_strdup(doc->arena, iso);
                return;
            }
        }
    }
}

void html_trim_blocks(reel_doc *doc)
{
    char *key = doc->title ? reel_fold(doc->title, strlen(doc->title)) : NULL;
    size_t klen = key ? strlen(key) : 0;
    size_t first = doc->n_blocks, last = 0, head = doc->n_blocks, top = doc->n_blocks;
    size_t text_at = doc->n_blocks;
    int begun = 0; /* the article's text has begun */
    for (size_t i = 0; i < doc->n_blocks; i++) {
        reel_block *b = &doc->blocks[i];
        /* the headline, kept or not: the article starts here. An <h1>
         * above the text is the headline even when <title> words it
         * otherwise. */
        if (b->kind == REEL_BLOCK_HEADING && !begun && head == doc->n_blocks &&
            ((klen && repeats_title(key, klen, b->text, b->len)) ||
             (b->level == 1 && !b->boilerplate))) {
            head = i;
            /* what the body kept above it is a kicker or a section name */
            for (size_t k = first; k < i; k++)
                if (!doc->blocks[k].boilerplate && doc->blocks[k].len < 200 &&
                    !(doc->blocks[k].kind == REEL_BLOCK_LIST_ITEM &&
                      html_credit_line(doc->blocks[k].text, doc->blocks[k].len))) {
                    doc->blocks[k].boilerplate = 1;
                    doc->blocks[k].reason = "before headline";
                }
            first = doc->n_blocks;
        }
        if (b->boilerplate) continue;
        /* readers' comments after the article: the rest of the page */
        if (begun && b->kind != REEL_BLOCK_LIST_ITEM && comment_heading(b)) {
            for (size_t k = i; k < doc->n_blocks; k++)
                if (!doc->blocks[k].boilerplate) {
                    doc->blocks[k].boilerplate = 1;
                    doc->blocks[k].reason = "comments";
                }
            break;
        }
        const char *why = NULL;
        if (b->kind == REEL_BLOCK_HEADING && !begun && head == i)
            why = "title";
        else if ((b->kind == REEL_BLOCK_PARAGRAPH || b->kind == REEL_BLOCK_HEADING) &&
                 b->len < 200)
            why = dateline_reason(b->text, b->len);
        if (why) {
            b->boilerplate = 1;
            b->reason = why;
            continue;
        }
        if (first == doc->n_blocks) first = i;
        if (top == doc->n_blocks) top = i;
        last = i;
        if (b->kind != REEL_BLOCK_HEADING && b->len >= 100 && !begun) {
            begun = 1;
            text_at = i;
        }
    }
    free(key);
    if (first == doc->n_blocks) return;
    size_t from = head < top ? head : top;
    if (!doc->date) page_date(doc, from > 8 ? from - 8 : 0, text_at);
    /* the verdict in the article's header or among the cut parts of its
     * body comes back */
    for (size_t i = from; i < doc->n_blocks; i++) {
        reel_block *b = &doc->blocks[i];
        /* after the body's last kept block, only what was cut inside it */
        if (i > last && b->reason &&
            (!strcmp(b->reason, "outside article") || !strcmp(b->reason, "unlikely") ||
             !strcmp(b->reason, "hidden")))
            continue;
        if (b->boilerplate && b->kind != REEL_BLOCK_HEADING &&
            (score_line(b) || html_rating_text(b->text, b->len))) {
            b->boilerplate = 0;
            b->reason = NULL;
        }
    }
}
