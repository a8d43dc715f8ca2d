/* segment.c — tokens and sentences with byte offsets into the clean text.
 * Tokens: words (with inner apostrophes, hyphens and abbreviation dots),
 * numbers (3.5, 1,000, 8½), punctuation, symbols (★). Sentences end at
 * . ! ? … followed by a space and an upper-case start, never after an
 * abbreviation ("Dr.", "Oct. 11") or an initial ("J. K."), and always at a
 * block boundary (the blank line between blocks). A text of more sentences
 * than its budget (REEL_SEG_*: 16,384 and one per 1,024 bytes) has them
 * grouped, so many to a sentence as it takes to fit; tokens past their
 * budget (REEL_TOK_*) are not made.
 */
#include "analyze/lexicon.h"
#include "internal.h"

#include <ctype.h>

static int is_apos(int32_t cp) { return cp == '\'' || cp == 0x2019; }
static int is_word_cp(int32_t cp) { return cp > 0 && (uc_is_letter(cp) || uc_is_digit(cp)); }
static int is_vulgar_fraction(int32_t cp) { return cp == 0xBD || cp == 0xBC || cp == 0xBE; }

static int32_t peek_cp(const char *s, size_t len, size_t i)
{
    if (i >= len) return 0;
    return utf8_next(s, len, &i);
}

static int tokenize(reel_doc *doc, vec *toks)
{
    const char *s = doc->text;
    size_t len = doc->text_len, i = 0;
    size_t budget = REEL_TOK_BASE + len / REEL_TOK_BYTES;
    while (i < len) {
        size_t start = i;
        int32_t cp = utf8_next(s, len, &i);
        if (cp < 0 || uc_is_space(cp)) continue;
        if (toks->n == budget) {
            doc->unread_at = start;
            break;
        }
        reel_token t = {{start, 0}, REEL_TOK_PUNCT, 0};
        if (is_word_cp(cp)) {
            int digits_only = uc_is_digit(cp), letters = !digits_only;
            t.cap = uc_is_upper(cp);
            for (;;) {
                size_t j = i;
                int32_t c = peek_cp(s, len, j);
                if (is_word_cp(c)) {
                    utf8_next(s, len, &i);
                    if (uc_is_digit(c)) {
                        /* keep going */
                    } else {
                        letters = 1;
                        digits_only = 0;
                    }
                    continue;
                }
                if (digits_only && is_vulgar_fraction(c)) { /* 8½ */
                    utf8_next(s, len, &i);
                    continue;
                }
                /* inner ' - . , : joiners, only between word characters */
                if (is_apos(c) || c == '-' || c == 0x2010 || c == '.' ||
                    (digits_only && (c == ',' || c == '.'))) {
                    size_t k = j;
                    utf8_next(s, len, &k);
                    int32_t after = peek_cp(s, len, k);
                    int ok = is_word_cp(after);
                    if (c == '.' && letters) {
                        /* "U.S." style: single letters between dots */
                        ok = ok && (i - t.span.start) <= 2 && uc_is_letter(after);
                    }
                    if (c == ',' && ok) ok = uc_is_digit(after);
                    if (c == '.' && digits_only && ok) ok = uc_is_digit(after);
                    if (ok) {
                        i = k;
                        continue;
                    }
                }
                break;
            }
            /* "U.S." keeps its final dot */
            if (letters && i < len && s[i] == '.' && i - t.span.start >= 3 &&
                s[i - 2] == '.')
                i++;
            t.kind = digits_only ? REEL_TOK_NUMBER : REEL_TOK_WORD;
        } else if (cp == '.' && i + 1 < len && s[i] == '.' && s[i + 1] == '.') {
            i += 2; /* ... */
        } else if (is_vulgar_fraction(cp)) {
            t.kind = REEL_TOK_NUMBER;
        } else if (uc_is_punct(cp)) {
            t.kind = REEL_TOK_PUNCT;
        } else {
            t.kind = REEL_TOK_SYMBOL;
        }
        t.span.end = i;
        reel_token *slot = vec_push(toks);
        if (!slot) return REEL_ENOMEM;
        *slot = t;
    }
    return 0;
}

/* Titles and initials never end a sentence ("Dr. Mallo"); other
 * abbreviations only keep a sentence going before a number ("Oct. 11",
 * "No. 5"), since "etc." often does end one. */
static const char *const titles[] = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col", "capt",
    "sgt", "mt", "ft", "st", "vs", "e.g", "i.e", "cf", "messrs", "rev", "hon", NULL};
static const char *const abbrevs[] = {
    "jr", "sr", "etc", "inc", "ltd", "co", "corp", "no", "vol", "vols", "pp", "fig",
    "approx", "dept", "est", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "ave",
    "blvd", "rd", "a.m", "p.m", "ph.d", "op", "al", "ca", "min", "hr", "hrs", NULL};

/* A company abbreviation keeps a sentence going before the rest of the
 * company's name ("Warner Bros. Pictures", "Acme Co. Films"); before any
 * other word it may well end one ("... from Warner Bros. It opens"). */
static const char *const company_abbrevs[] = {"bros", "inc", "co", "ltd", "corp", "llc", NULL};
static const char *const company_words[] = {
    "pictures",  "entertainment", "studios", "studio", "animation", "television",
    "discovery", "films",         "records", "releasing", "distribution",
    "productions", "media", "home", "international", NULL};

static int is_closer(const char *s, const reel_token *t)
{
    size_t n = t->span.end - t->span.start;
    const char *p = s + t->span.start;
    if (n == 1) return *p == '"' || *p == '\'' || *p == ')' || *p == ']';
    if (n == 3)
        return !memcmp(p, "\xE2\x80\x9D", 3) || !memcmp(p, "\xE2\x80\x99", 3) ||
               !memcmp(p, "\xC2\xBB", 2);
    return n == 2 && !memcmp(p, "\xC2\xBB", 2);
}

/* Can a sentence start with token t? Upper case, digit, quote or bracket. */
static int can_start(const char *s, const reel_token *t)
{
    if (t->cap || t->kind == REEL_TOK_NUMBER) return 1;
    const char *p = s + t->span.start;
    size_t n = t->span.end - t->span.start;
    if (n == 1 && (*p == '"' || *p == '\'' || *p == '(' || *p == '[')) return 1;
    if (n == 3 && (!memcmp(p, "\xE2\x80\x9C", 3) || !memcmp(p, "\xE2\x80\x98", 3)))
        return 1;
    if (t->kind == REEL_TOK_SYMBOL) return 1;
    return 0;
}

static int is_terminal(const char *s, const reel_token *t)
{
    const char *p = s + t->span.start;
    size_t n = t->span.end - t->span.start;
    if (n == 1) return *p == '.' || *p == '!' || *p == '?';
    if (n == 3) return !memcmp(p, "...", 3) || !memcmp(p, "\xE2\x80\xA6", 3);
    return 0;
}

/* Find the sentence ends of the tokens t[0..n) of text s: one sentence into
 * `out` for every `group` ends (and one for the rest), until `out` holds
 * more than `cap`; returns how many ends there are, SIZE_MAX when memory
 * runs out. */
static size_t split(const char *s, const reel_token *t, size_t n, size_t group, vec *out,
                    size_t cap)
{
    size_t start = 0, gstart = 0, ends = 0; /* this sentence's, this group's */
    for (size_t i = 0; i < n; i++) {
        int end = 0;
        size_t last = i;
        if (i + 1 == n) {
            end = 1;
        } else {
            /* a block boundary: a newline between this token and the next */
            const char *gap = memchr(s + t[i].span.end, '\n',
                                     t[i + 1].span.start - t[i].span.end);
            if (gap) end = 1;
        }
        if (!end && is_terminal(s, &t[i])) {
            /* take closing quotes and brackets with the sentence */
            size_t j = i;
            while (j + 1 < n && t[j + 1].span.start == t[j].span.end &&
                   is_closer(s, &t[j + 1]))
                j++;
            int spaced = j + 1 < n && t[j + 1].span.start > t[j].span.end;
            int abbrev = 0;
            if (s[t[i].span.start] == '.' && i > start && t[i - 1].span.end == t[i].span.start) {
                const reel_token *w = &t[i - 1];
                size_t wl = w->span.end - w->span.start;
                /* an initial (J. K. Rowling) or a known abbreviation */
                if ((wl == 1 && w->cap) || word_in_ci(titles, s + w->span.start, wl))
                    abbrev = 1;
                else if (j + 1 < n && t[j + 1].kind == REEL_TOK_NUMBER &&
                         word_in_ci(abbrevs, s + w->span.start, wl))
                    abbrev = 1;
                else if (j + 1 < n &&
                         word_in_ci(company_abbrevs, s + w->span.start, wl) &&
                         word_in_ci(company_words, s + t[j + 1].span.start,
                                    t[j + 1].span.end - t[j + 1].span.start))
                    abbrev = 1;
                /* "Warner Bros.' new film": a possessive, not a closing quote */
                else if (j == i + 1 &&
                         word_in_ci(company_abbrevs, s + w->span.start, wl) &&
                         t[j].span.start == t[i].span.end &&
                         (s[t[j].span.start] == '\'' ||
                          !memcmp(s + t[j].span.start, "\xE2\x80\x99", 3)))
                    abbrev = 1;
            }
            if (spaced && !abbrev && j + 1 < n && can_start(s, &t[j + 1])) {
                end = 1;
                last = j;
            }
            /* "U.S." at the end of a sentence */
            if (!end && spaced && j + 1 < n && t[i].span.end - t[i].span.start == 1 &&
                i > start && t[i - 1].span.end == t[i].span.start && !abbrev)
                end = can_start(s, &t[j + 1]);
            if (end) last = j;
        }
        if (end) {
            ends++;
            /* one sentence for every `group` ends, and the last */
            if (out && (ends % group == 0 || last + 1 == n)) {
                reel_sentence *se = vec_push(out);
                if (!se) return SIZE_MAX;
                se->span.start = t[gstart].span.start;
                se->span.end = t[last].span.end;
                se->tok_start = gstart;
                se->tok_end = last + 1;
                se->polarity = -1;
                gstart = last + 1;
                /* past the budget: count the rest, keep nothing */
                if (out->n > cap) out = NULL;
            }
            start = last + 1;
            i = last;
        }
    }
    return ends;
}

int reel_segment(reel_ctx *ctx, reel_doc *doc)
{
    int rc = REEL_OK;
    vec toks, sents;
    vec_init(&toks, sizeof(reel_token));
    vec_init(&sents, sizeof(reel_sentence));
    free(doc->tokens);
    free(doc->sentences);
    doc->tokens = NULL;
    doc->sentences = NULL;
    doc->n_tokens = doc->n_sentences = 0;
    doc->unread_at = 0;
    if (doc->text_len > UINT32_MAX) /* tokens keep 32-bit offsets */
        return reel_error(ctx, REEL_ETOOBIG, "%s: clean text of %zu bytes is over 4 GiB",
                          doc->source, doc->text_len);
    if ((rc = tokenize(doc, &toks))) goto oom;
    /* A text of more sentences than its budget (REEL_SEG_*) has its
     * sentences taken in groups of as many as it takes to fit: each
     * sentence the record holds is then a run of the text's sentences */
    size_t budget = REEL_SEG_BASE + doc->text_len / REEL_SEG_BYTES;
    size_t ends = split(doc->text, toks.items, toks.n, 1, &sents, budget);
    if (ends == SIZE_MAX) goto oom;
    if (sents.n > budget) {
        vec_free(&sents);
        vec_init(&sents, sizeof(reel_sentence));
        size_t group = (ends + budget - 1) / budget;
        if (split(doc->text, toks.items, toks.n, group, &sents, SIZE_MAX) == SIZE_MAX)
            goto oom;
    }
    /* give back the doubling's slack: the tokens live as long as the doc */
    if (toks.n && toks.n < toks.cap) {
        void *fit = realloc(toks.items, toks.n * toks.size);
        if (fit) toks.items = fit;
    }
    doc->tokens = toks.items;
    doc->n_tokens = toks.n;
    doc->sentences = sents.items;
    doc->n_sentences = sents.n;
    return 0;
oom:
    vec_free(&toks);
    vec_free(&sents);
    return reel_error(ctx, REEL_ENOMEM, "%s: out of memory", doc->source);
}
