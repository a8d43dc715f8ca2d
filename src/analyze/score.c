/* score.c — find the critic's own explicit verdict in an article.
 * Most score-shaped strings in film writing are not verdicts: titles (8½,
 * "Ocean's 11"), dates (10/11), counts ("9 out of 10 critics"), a disc's
 * picture rating, another outlet's stars. A match counts only where writers
 * put verdicts: after a verdict label, alone on its line or in its sentence,
 * in brackets after the title, after a rating verb ("I give it"), or — for
 * words like "Very Good" — as a capitalised scale label after "is". The
 * strongest such place wins, the later one on a tie (the closing verdict).
 */
#include "score.h"

#include <ctype.h>
#include <math.h>

/* How far around a match we look: NEAR for the words that make its place
 * (every match pays this), WINDOW for the line and SENTENCE for the
 * sentence of a match that has a place (quotes, other raters). Bounding
 * both keeps a huge one-line input linear. */
#define NEAR 160
#define WINDOW 1500
#define SENTENCE 400

enum {
    CTX_NONE = 0,
    CTX_TITLE_LABEL = 2, /* "Pain and Glory: 4/5" */
    CTX_VERB = 3,        /* "I give it 8/10", "is only Very Good" */
    CTX_SENTENCE = 4,    /* a sentence that is only the score */
    CTX_ALONE = 5,       /* a line that is only the score; "(★★★★☆)" */
    CTX_LABEL = 6,       /* "Verdict: B+", "Rating: ★★★½" */
    CTX_FILM_LABEL = 7   /* "Movie: 4/5" beside "Video: 5/5" */
};

typedef struct {
    const reel_doc *doc;
    const char *s;
    size_t len;
    int transcript;          /* two or more lines are speakers' turns ("HOST: ...") */
    const reel_block **kept; /* the kept blocks with text, by span (block_at) */
    size_t n_kept;
} scan;

/* ---------------- small text helpers ---------------- */

/* The line around [a, b), looking at most `window` bytes each way; *whole
 * says both ends are real line ends (else the line is longer than that). */
static void line_bounds(const scan *sc, size_t a, size_t b, size_t window, size_t *ls,
                        size_t *le, int *whole)
{
    size_t lo = a > window ? a - window : 0;
    size_t hi = b + window < sc->len ? b + window : sc->len;
    size_t i = a;
    while (i > lo && sc->s[i - 1] != '\n')
        i--;
    *ls = i;
    int ok = i == 0 || sc->s[i - 1] == '\n';
    i = b;
    while (i < hi && sc->s[i] != '\n')
        i++;
    *le = i;
    *whole = ok && (i == sc->len || sc->s[i] == '\n');
}

static int ends_sentence(const char *s, size_t i, size_t le)
{
    return (s[i] == '.' || s[i] == '!' || s[i] == '?') &&
           (i + 1 >= le || s[i + 1] == ' ' || s[i + 1] == '\t');
}

/* The sentence around [a, b) within its line [ls, le). */
static void sentence_bounds(const scan *sc, size_t ls, size_t le, size_t a, size_t b,
                            size_t *ss, size_t *se)
{
    size_t i = a;
    while (i > ls && !ends_sentence(sc->s, i - 1, le))
        i--;
    *ss = i;
    i = b;
    while (i < le && !ends_sentence(sc->s, i, le))
        i++;
    *se = i < le ? i + 1 : le;
}

/* Lower-cased ASCII word ending at or before `end` (skipping spaces and
 * simple punctuation); returns its start, or (size_t)-1 when none is left
 * in [lo, end). Curly apostrophes read as straight ones. */
static size_t word_before(const char *s, size_t lo, size_t end, char *out, size_t cap)
{
    size_t i = end;
    while (i > lo && (s[i - 1] == ' ' || s[i - 1] == '\t' || s[i - 1] == ',' ||
                      s[i - 1] == '(' || s[i - 1] == '"'))
        i--;
    size_t e = i;
    while (i > lo) {
        unsigned char c = (unsigned char)s[i - 1];
        if (isalnum(c) || c == '\'' || c == '-')
            i--;
        else if (i >= lo + 3 && memcmp(s + i - 3, "\xE2\x80\x99", 3) == 0)
            i -= 3;
        else
            break;
    }
    if (i == e) return (size_t)-1;
    size_t t = 0;
    for (size_t k = i; k < e && t + 1 < cap; k++) {
        if ((unsigned char)s[k] == 0xE2) {
            out[t++] = '\'';
            k += 2;
        } else {
            out[t++] = (char)tolower((unsigned char)s[k]);
        }
    }
    out[t] = 0;
    return i;
}

/* The first word at or after i on the line, lower-cased, and whether it
 * was capitalised. */
static size_t word_after(const char *s, size_t i, size_t le, char *out, size_t cap,
                         int *cap_out)
{
    while (i < le && (s[i] == ' ' || s[i] == '\t'))
        i++;
    size_t t = 0, st = i;
    *cap_out = i < le && isupper((unsigned char)s[i]);
    while (i < le && (isalnum((unsigned char)s[i]) || s[i] == '\'') && t + 1 < cap)
        out[t++] = (char)tolower((unsigned char)s[i++]);
    out[t] = 0;
    return st;
}

/* ---------------- context tests ---------------- */

/* Inside quotation marks opened earlier on its line: someone else's words. */
static int inside_quotes(const scan *sc, size_t ls, size_t a)
{
    int straight = 0, open = 0;
    for (size_t i = ls; i < a; i++) {
        unsigned char c = (unsigned char)sc->s[i];
        if (c == '"')
            straight++;
        else if (c == 0xE2 && i + 2 < a && (unsigned char)sc->s[i + 1] == 0x80) {
            if ((unsigned char)sc->s[i + 2] == 0x9C) open++;
            if ((unsigned char)sc->s[i + 2] == 0x9D && open > 0) open--;
        } else if (c == 0xC2 && i + 1 < a) {
            if ((unsigned char)sc->s[i + 1] == 0xAB) open++;
            if ((unsigned char)sc->s[i + 1] == 0xBB && open > 0) open--;
        }
    }
    return open > 0 || straight % 2 == 1;
}

static int cmp_block_start(const void *a, const void *b)
{
    size_t x = (*(const reel_block *const *)a)->span.start;
    size_t y = (*(const reel_block *const *)b)->span.start;
    return (x > y) - (x < y);
}

/* Index the kept blocks of sc->doc by where they start, so that finding a
 * match's block costs a binary search, not a walk over every block (a page
 * of 100,000 short blocks each holding a score was quadratic). */
static int index_blocks(scan *sc)
{
    const reel_doc *doc = sc->doc;
    if (!doc || !doc->n_blocks) return REEL_OK;
    sc->kept = malloc(doc->n_blocks * sizeof *sc->kept);
    if (!sc->kept) return REEL_ENOMEM;
    int sorted = 1;
    for (size_t k = 0; k < doc->n_blocks; k++) {
        const reel_block *b = &doc->blocks[k];
        if (b->boilerplate || b->span.end <= b->span.start) continue;
        if (sc->n_kept && sc->kept[sc->n_kept - 1]->span.start > b->span.start)
            sorted = 0;
        sc->kept[sc->n_kept++] = b;
    }
    if (!sorted) qsort(sc->kept, sc->n_kept, sizeof *sc->kept, cmp_block_start);
    return REEL_OK;
}

/* The block holding byte `at`, when the document has blocks with spans
 * (kept blocks do not overlap: the clean text is them joined in order). */
static const reel_block *block_at(const scan *sc, size_t at)
{
    size_t lo = 0, hi = sc->n_kept; /* the last block starting at or before at */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (sc->kept[mid]->span.start <= at)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0) return NULL;
    const reel_block *b = sc->kept[lo - 1];
    return at < b->span.end ? b : NULL;
}

/* Forms that stand alone on a line or in a sentence without being one:
 * "***" is a section break, a lone capital a drop cap or list marker,
 * "★ ★ ★" an ornament, "Recommended" a navigation heading. */
static int can_stand_alone(const score_match *m)
{
    if (m->form == SF_VERBAL) return 0;
    if (m->form == SF_LETTER) return m->signed_grade;
    if (m->asterisks) return m->half || m->explicit_scale;
    if (m->spaced) return m->empties || m->half;
    return 1;
}

/* What sits right before the match on its line: a label and its class;
 * *opens says a LABEL_TITLE opens the line. */
static label_class label_before(const scan *sc, size_t ls, size_t a, int *opens)
{
    const char *s = sc->s;
    size_t i = a;
    *opens = 0;
    /* skip an opening bracket or quote between label and score */
    for (;;) {
        i = score_skip_space_back(s, ls, i);
        if (i > ls && (s[i - 1] == '(' || s[i - 1] == '"' || s[i - 1] == '['))
            i--;
        else if (i >= ls + 3 && memcmp(s + i - 3, "\xE2\x80\x9C", 3) == 0)
            i -= 3;
        else
            break;
    }
    size_t sep = i;
    int has_sep = 0;
    if (i > ls && (s[i - 1] == ':' || s[i - 1] == '|' || s[i - 1] == '-' ||
                   (s[i - 1] == '/' && i - 1 > ls && isalpha((unsigned char)s[i - 2])))) {
        sep = i - 1;
        has_sep = 1;
    } else if (i >= ls + 3 && (memcmp(s + i - 3, "\xE2\x80\x93", 3) == 0 ||
                               memcmp(s + i - 3, "\xE2\x80\x94", 3) == 0)) {
        sep = i - 3;
        has_sep = 1;
    }
    size_t end = score_skip_space_back(s, ls, sep);
    /* the label starts after the previous item or sentence on the line */
    size_t st = end;
    while (st > ls) {
        char c = s[st - 1];
        if (c == '|' || c == ';' || c == ',' || c == '\t' ||
            ends_sentence(s, st - 1, end))
            break;
        if (st >= ls + 2 && (unsigned char)s[st - 2] == 0xC2 &&
            (unsigned char)s[st - 1] == 0xB7)
            break;
        if (st >= ls + 3 && memcmp(s + st - 3, "\xE2\x80\xA2", 3) == 0) break;
        st--;
    }
    st = score_skip_space(s, end, st);
    if (st >= end) return LABEL_NONE;
    label_class lc = score_label_class(s, st, end);
    int opens_line = st == score_skip_space(s, end, ls) && (ls == 0 || s[ls - 1] == '\n');
    /* a name is the label only when it opens the line: "Parasite (2019)
       ★★★★★", not "... the latest from Bong Joon-ho ★★★★★" */
    if (lc == LABEL_TITLE) {
        *opens = opens_line;
        return opens_line ? lc : LABEL_NONE;
    }
    if (has_sep || lc == LABEL_OTHER) return lc; /* "Picture Quality ★★★★" */
    /* no separator: only a verdict word opening the line ("Grade B+") */
    if (opens_line && (lc == LABEL_VERDICT || lc == LABEL_FILM)) return lc;
    return LABEL_NONE;
}

/* The line opens with a verdict label and the match ends it:
 * "Recommendation: <a few sentences>. 8/10." */
static label_class line_label(const scan *sc, size_t ls, size_t le, const score_match *m)
{
    const char *s = sc->s;
    size_t i = m->end;
    while (i < le && (s[i] == ' ' || s[i] == '.' || s[i] == '!' || s[i] == ')'))
        i++;
    if (i != le) return LABEL_NONE;
    for (size_t k = ls; k < le && k < ls + 40; k++) {
        if (s[k] == ':' || s[k] == '|') {
            label_class lc = score_label_class(s, ls, k);
            return lc == LABEL_VERDICT || lc == LABEL_FILM ? lc : LABEL_NONE;
        }
    }
    return LABEL_NONE;
}

/* A heading-like previous line that is only a label ("Verdict", "Video:"). */
static label_class previous_line_label(const scan *sc, size_t ls)
{
    const char *s = sc->s;
    size_t e = ls, lo = ls > 200 ? ls - 200 : 0;
    while (e > lo && (s[e - 1] == '\n' || s[e - 1] == ' ' || s[e - 1] == '\r'))
        e--;
    if (e > lo && s[e - 1] == ':') e--;
    size_t st = e;
    while (st > lo && s[st - 1] != '\n')
        st--;
    if (st == lo && lo > 0) return LABEL_NONE;
    if (e - st > 40) return LABEL_NONE;
    label_class lc = score_label_class(s, st, e);
    return lc == LABEL_TITLE ? LABEL_NONE : lc;
}

/* A rating verb before the match, over score_fillers: "I'd give it a solid 8/10".
 * Returns 1 for the critic's own verb, -1 for a third party's, 0 for none;
 * *copula says the verb was "is"/"was". */
static int verb_before(const scan *sc, size_t ss, size_t a, int *copula, int *negated)
{
    char w[32];
    size_t at = a;
    *copula = *negated = 0;
    for (int k = 0; k < 6; k++) {
        at = word_before(sc->s, ss, at, w, sizeof w);
        if (at == (size_t)-1) return 0;
        size_t wl = strlen(w);
        if (word_in(score_negations, w, wl) || (wl > 3 && strcmp(w + wl - 3, "n't") == 0))
            *negated = 1;
        if (word_in(score_fillers, w, wl) || word_in(score_negations, w, wl)) continue;
        if (!word_in(score_rating_verbs, w, wl)) return 0;
        *copula = strcmp(w, "is") == 0 || strcmp(w, "was") == 0 ||
                  strcmp(w, "it's") == 0 || strcmp(w, "that's") == 0 ||
                  strcmp(w, "be") == 0 || strcmp(w, "remains") == 0;
        if (word_in(score_third_person_verbs, w, wl)) {
            char p[32];
            size_t q = at;
            while ((q = word_before(sc->s, ss, q, p, sizeof p)) != (size_t)-1)
                if (word_in(score_first_person, p, strlen(p))) return 1;
            return -1;
        }
        return 1;
    }
    return 0;
}

/* Most words of the line capitalised: a headline, where "Is Excellent"
 * says nothing about a rating scale. */
static int mostly_title_case(const char *s, size_t ls, size_t le)
{
    int words = 0, caps = 0;
    for (size_t i = ls; i < le; i++) {
        if (isalpha((unsigned char)s[i]) && (i == ls || s[i - 1] == ' ')) {
            words++;
            caps += isupper((unsigned char)s[i]) != 0;
        }
    }
    return words >= 3 && caps * 10 >= words * 7;
}

/* A fraction in prose that is a date, a time, a share or a count. */
static int looks_like_count_or_date(const scan *sc, size_t ss, size_t le,
                                    const score_match *m)
{
    char w[32];
    int capital;
    if (m->form != SF_FRACTION && !(m->form == SF_STARS && m->stars_word)) return 0;
    word_after(sc->s, m->end, le, w, sizeof w, &capital);
    size_t n = strlen(w);
    if (strcmp(w, "of") == 0 || strcmp(w, "percent") == 0) return 1;
    /* "9 out of 10 critics", "8/10 times": a plural noun follows */
    if (m->form == SF_FRACTION && n > 2 && w[n - 1] == 's' && strcmp(w, "stars") != 0 &&
        strcmp(w, "points") != 0 && strcmp(w, "is") != 0 && strcmp(w, "was") != 0 &&
        strcmp(w, "this") != 0 && strcmp(w, "thus") != 0 && strcmp(w, "as") != 0)
        return 1;
    if (m->form == SF_FRACTION &&
        word_before(sc->s, ss, m->start, w, sizeof w) != (size_t)-1 &&
        word_in(score_date_cues, w, strlen(w)))
        return 1;
    return 0;
}

/* "4/5 from Empire", "B+ by The Guardian": credited to someone else. */
static int credited_after(const scan *sc, size_t le, const score_match *m)
{
    char w[32], w2[32];
    int capital, cap2;
    size_t at = word_after(sc->s, m->end, le, w, sizeof w, &capital);
    if (strcmp(w, "from") != 0 && strcmp(w, "by") != 0 && strcmp(w, "on") != 0) return 0;
    word_after(sc->s, at + strlen(w), le, w2, sizeof w2, &cap2);
    return cap2;
}

static int is_closing(char c)
{
    return c == '.' || c == '!' || c == ')' || c == ']';
}

static int dash_or_colon_at(const char *s, size_t le, size_t i)
{
    if (i >= le) return 0;
    if (s[i] == ':' || s[i] == '-' || s[i] == '|') return 1;
    return i + 3 <= le && (memcmp(s + i, "\xE2\x80\x93", 3) == 0 ||
                           memcmp(s + i, "\xE2\x80\x94", 3) == 0);
}

/* The strength of the place a match sits in (CTX_*), from the words near
 * it only; 0 when it is in no verdict's place. [ls, le) is its line as far
 * as NEAR reaches (`whole` when that is the entire line), [ss, se) its
 * sentence within that. */
static int place_strength(const scan *sc, const score_match *m, size_t ls, size_t le,
                          int whole, size_t ss, size_t se)
{
    const char *s = sc->s;
    int verbal_ends = 1;
    if (m->form == SF_VERBAL || (m->form == SF_LETTER && !m->signed_grade)) {
        /* a verdict word or a bare letter must end its clause: "Verdict:
           Excellent." but not "Verdict: Excellent performances ..." */
        size_t i = m->end;
        while (i < le && (s[i] == ' ' || s[i] == '\t'))
            i++;
        verbal_ends = i >= le || strchr(".!;,)]\"", s[i]) ||
                      (s[i] == '-' && i + 1 < le && s[i + 1] == ' ') ||
                      (unsigned char)s[i] == 0xE2 /* dash, quote, ellipsis */;
    }
    /* every place of a bare letter needs it to end its clause, and every
       place of a lower-case verdict word too (the label ones): most
       matches in prose stop here */
    if (!verbal_ends && (m->form == SF_LETTER || !m->titlecase)) return CTX_NONE;
    /* a number after "out of" is a scale with its value missing ("Rating:
       out of 5 stars", the stars were images); one before "of" a share */
    char w0[32];
    if (word_before(s, ls, m->start, w0, sizeof w0) != (size_t)-1 &&
        (word_in(lex_of_words, w0, strlen(w0)) ||
         (m->form == SF_FRACTION && word_in(score_date_cues_abroad, w0, strlen(w0)))))
        return CTX_NONE;
    if (m->form == SF_FRACTION || m->stars_word) {
        int capital;
        word_after(s, m->end, le, w0, sizeof w0, &capital);
        if (strcmp(w0, "of") == 0) return CTX_NONE;
    }
    int opens;
    label_class lc = label_before(sc, ls, m->start, &opens);
    if (lc == LABEL_OTHER) return CTX_NONE;
    /* a bare number or a site's own unit ("3.5 Moons") is a rating only
       right after a verdict label */
    if ((m->bare || m->other_unit) && lc != LABEL_VERDICT && lc != LABEL_FILM)
        return CTX_NONE;
    if (!whole) opens = 0;
    /* "3 of 5" is a count ("3 of 5 films") unless labelled or alone */
    if (m->of_form && lc != LABEL_VERDICT && lc != LABEL_FILM) {
        score_match w;
        if (!(whole && score_match_whole(s, ls, le, &w) && w.start == m->start))
            return CTX_NONE;
    }
    if (lc == LABEL_VERDICT || lc == LABEL_FILM) {
        if (!verbal_ends) return CTX_NONE;
        return lc == LABEL_FILM ? CTX_FILM_LABEL : CTX_LABEL;
    }
    if (m->form != SF_VERBAL && m->form != SF_LETTER) {
        /* a label opening a long paragraph that the score closes: look at
           the whole line, but only for a score that ends one */
        size_t fls, fle;
        int fwhole;
        size_t t = m->end;
        while (t < le && (s[t] == ' ' || s[t] == '.' || s[t] == '!' || s[t] == ')'))
            t++;
        if (t == le && (le == sc->len || s[le] == '\n')) {
            line_bounds(sc, m->start, m->end, WINDOW, &fls, &fle, &fwhole);
            label_class ll = line_label(sc, fls, fle, m);
            if (ll != LABEL_NONE) return ll == LABEL_FILM ? CTX_FILM_LABEL : CTX_LABEL;
        }
    }

    score_match w;
    int alone_line = whole && score_match_whole(s, ls, le, &w) && w.start == m->start;
    if (alone_line) {
        label_class pl = previous_line_label(sc, ls);
        if (pl == LABEL_OTHER) return CTX_NONE;
        if (pl != LABEL_NONE && (verbal_ends || m->form != SF_VERBAL))
            return pl == LABEL_FILM ? CTX_FILM_LABEL : CTX_LABEL;
        if (can_stand_alone(m)) return CTX_ALONE;
    }

    /* in brackets right after something: "Pain & Glory (★★★★☆)"; or closing
       a paragraph after its last sentence: "... of the year. [A-]" */
    size_t b = score_skip_space_back(s, ls, m->start);
    size_t e = score_skip_space(s, le, m->end);
    if (b > ls && e < le &&
        ((s[b - 1] == '(' && s[e] == ')') || (s[b - 1] == '[' && s[e] == ']')) &&
        m->form != SF_VERBAL) {
        size_t before = score_skip_space_back(s, ls, b - 1);
        int closes = whole && score_skip_space(s, le, e + 1) == le &&
                     (before == ls || strchr(".!?", s[before - 1]));
        if (closes) return CTX_ALONE;
        if (before > ls && (m->form != SF_LETTER || m->signed_grade)) return CTX_ALONE;
    }

    if (looks_like_count_or_date(sc, ss, le, m)) return CTX_NONE;
    if (score_match_whole(s, ss, se, &w) && w.start == m->start) {
        if (can_stand_alone(m)) return CTX_SENTENCE;
        /* "... the extras are thin. Rent It." — a verdict phrase of two or
           more capitalised words closing its paragraph; one word ("Good.")
           is too common a sentence to be a rating */
        if (m->form == SF_VERBAL && m->titlecase && ss > ls && whole &&
            score_skip_space(s, le, se) == le &&
            memchr(s + m->start, ' ', m->end - m->start))
            return CTX_VERB;
    }
    /* "Name: score" or "Name (year) ★★★★" as a whole line: the film, or
       one item of a list, which best_match tells apart */
    size_t tail = score_skip_space(s, le, m->end);
    while (tail < le && is_closing(s[tail]))
        tail++;
    if (lc == LABEL_TITLE && opens && tail >= le && m->form != SF_VERBAL &&
        m->form != SF_LETTER && !m->asterisks)
        return CTX_TITLE_LABEL;
    /* "7/10 – a bold debut": the score opens the line, a dash or colon
       follows it, then the one-line summary */
    if ((ls == 0 || s[ls - 1] == '\n') && score_skip_space(s, le, ls) == m->start &&
        m->explicit_scale && m->form != SF_VERBAL && dash_or_colon_at(s, le, tail))
        return CTX_VERB;

    int copula, negated;
    int verb = verb_before(sc, ss, m->start, &copula, &negated);
    if (verb <= 0 || negated) return CTX_NONE;
    if (m->form == SF_VERBAL) {
        /* "is only Very Good instead of ...": a scale's label in prose; not
           "Very Good Girls" (a title) nor a headline in Title Case */
        char nx[32];
        int capital;
        word_after(s, m->end, le, nx, sizeof nx, &capital);
        if (!m->titlecase || capital || mostly_title_case(s, ls, le)) return CTX_NONE;
        const reel_block *blk = block_at(sc, m->start);
        if (blk && blk->kind == REEL_BLOCK_HEADING) return CTX_NONE;
        return CTX_VERB;
    }
    if (m->form == SF_LETTER && !verbal_ends) return CTX_NONE;
    /* "it is a 4/5": a copula needs an explicit scale or a grade to be sure */
    if (copula && m->form != SF_LETTER && !m->explicit_scale) return CTX_NONE;
    return CTX_VERB;
}

/* The strength of the place a match sits in (CTX_*), 0 when it is not the
 * critic's verdict there: first its place from the words near it (cheap,
 * and most matches in prose have none), then what rules a placed match out
 * — someone else's words, another rater, a disc's qualities. */
static int context_strength(const scan *sc, const score_match *m)
{
    const char *s = sc->s;
    size_t ls, le, ss, se;
    int whole;
    line_bounds(sc, m->start, m->end, NEAR, &ls, &le, &whole);
    sentence_bounds(sc, ls, le, m->start, m->end, &ss, &se);
    int st = place_strength(sc, m, ls, le, whole, ss, se);
    if (st == CTX_NONE) return st;

    line_bounds(sc, m->start, m->end, WINDOW, &ls, &le, &whole);
    sentence_bounds(sc, m->start > ls + SENTENCE ? m->start - SENTENCE : ls,
                    m->end + SENTENCE < le ? m->end + SENTENCE : le, m->start, m->end,
                    &ss, &se);
    const reel_block *blk = block_at(sc, m->start);
    if (blk && (blk->kind == REEL_BLOCK_QUOTE || blk->link_density > 0.5))
        return CTX_NONE;
    if (inside_quotes(sc, ls, m->start)) return CTX_NONE;
    /* in a transcript, a score said in someone's turn is theirs: a guest
       critic's, not the article's verdict */
    if (sc->transcript && whole && st < CTX_LABEL) {
        size_t t = score_turn_start(s, ls, le);
        if (t && m->start > t) return CTX_NONE;
    }
    if (score_has_any_word(s, ss, se, score_other_raters)) return CTX_NONE;
    if (st < CTX_LABEL) {
        if (credited_after(sc, le, m)) return CTX_NONE;
        if (score_has_any_word(s, ss, se, score_disc_words)) return CTX_NONE;
    }
    return st;
}

/* May a score start at byte i (whose code point is c)? Not inside a word,
 * a number, a date or a price. */
static int start_ok(const char *s, size_t i, int32_t c)
{
    int32_t p = score_cp_before(s, i, NULL);
    if (c == '*') return p != '*';
    if (c >= 0x80 && c != 0xBD) return 1; /* star glyphs */
    if (score_is_word_cp(p)) return 0;
    /* "Grade/A-": a slash right after a verdict label's word */
    if (p == '/' && i >= 2 && isalpha((unsigned char)s[i - 2])) {
        size_t w = i - 1;
        while (w > 0 && i - w < 24 && isalpha((unsigned char)s[w - 1]))
            w--;
        return score_label_class(s, w, i - 1) == LABEL_VERDICT;
    }
    return !(p >= 0 && p < 0x80 && strchr("/.,:$#%&@_'-+*", (int)p) && p != 0) &&
           p != 0x2019;
}

static int fill_score(reel_doc *doc, const score_match *m, const char *raw,
                      size_t raw_len, int with_span)
{
    reel_score *o = &doc->score;
    o->raw = arena_strndup(doc->arena, raw, raw_len);
    if (!o->raw) return REEL_ENOMEM;
    o->found = 1;
    o->form = score_form_name(m->form);
    o->span.start = with_span ? m->start : 0;
    o->span.end = with_span ? m->end : 0;
    o->value = m->value;
    o->scale = m->scale;
    o->score100 = m->score100;
    return REEL_OK;
}

/* "Rating: 2.0": a bare number right after a label's separator (the
 * label itself is judged by place_strength). Cheap first test: the byte
 * before is a separator, so ordinary numbers in prose cost nothing. */
static int bare_after_label(const scan *sc, size_t i, score_match *m)
{
    if (!isdigit((unsigned char)sc->s[i])) return 0;
    size_t b = score_skip_space_back(sc->s, i > 40 ? i - 40 : 0, i);
    if (b == 0 || !strchr(":|-", sc->s[b - 1])) return 0;
    if (!score_match_bare(sc->s, sc->len, i, m)) return 0;
    score_bare_label(sc->s, b > 40 ? b - 40 : 0, b - 1, m);
    return 1;
}

/* The critic's verdict among the matches of the text: strongest place,
 * then the later one. *found 0 when there is none. */
static void best_match(const scan *sc, score_match *best, int *found)
{
    int best_key = 0, titled = 0;
    score_match title_m;
    *found = 0;
    for (size_t i = 0; i < sc->len;) {
        size_t n;
        int32_t c = score_cp_at(sc->s, sc->len, i, &n);
        score_match m;
        if (c > 0 && start_ok(sc->s, i, c) &&
            (score_match_at(sc->s, sc->len, i, &m) || bare_after_label(sc, i, &m))) {
            int st = context_strength(sc, &m);
            /* on the same footing a number beats a word: it is the critic's
               own scale rather than our reading of an adjective */
            int key = st * 2 + (m.form != SF_VERBAL);
            if (st == CTX_TITLE_LABEL) {
                title_m = m;
                titled++;
            } else if (st > 0 && key >= best_key) {
                best_key = key;
                *best = m;
                *found = 1;
            }
            i = m.end > i ? m.end : n;
            continue;
        }
        i = n > i ? n : i + 1;
    }
    /* One "Name: 4/5" line is the film's; several are a list of films or
       outlets, none of them this article's verdict. */
    if (!*found && titled == 1) {
        *best = title_m;
        *found = 1;
    }
}

/* A printed score from structured data: any form reel_score_parse reads,
 * or "x/y" over any scale up to 100 (schema.org's bestRating may be 7 or
 * 1; structured data holds no dates to mistake for a score). */
static int hint_match(const char *hint, score_match *h)
{
    size_t n = strlen(hint);
    if (score_match_whole(hint, 0, n, h)) return 1;
    char *end;
    double v = strtod(hint, &end);
    if (end == hint || *end != '/') return 0;
    const char *sp = end + 1;
    double sc = strtod(sp, &end);
    if (end == sp || *end || !(sc > 0 && sc <= 100) || !(v >= 0 && v <= sc)) return 0;
    memset(h, 0, sizeof *h);
    h->end = n;
    h->form = SF_FRACTION;
    h->value = v;
    h->scale = sc;
    h->score100 = 100.0 * v / sc;
    h->explicit_scale = 1;
    return 1;
}

int analyze_score(reel_ctx *ctx, reel_doc *doc)
{
    int rc = REEL_OK;
    score_match best = {0};
    int found = 0;
    if (!doc) return reel_error(ctx, REEL_EINVAL, "score: no document");
    memset(&doc->score, 0, sizeof doc->score);
    if (!doc->arena) return reel_error(ctx, REEL_EINVAL, "score: document has no arena");
    scan sc = {doc, doc->text ? doc->text : "", doc->text ? doc->text_len : 0, 0, NULL,
               0};
    if (index_blocks(&sc) != REEL_OK)
        return reel_error(ctx, REEL_ENOMEM, "score: out of memory");
    sc.transcript = score_count_turns(sc.s, sc.len) >= 2;
    best_match(&sc, &best, &found);
    int from_title = 0;
    if (!found && doc->title && *doc->title) {
        /* a page whose headline carries the stars ("Get Out (4 stars)")
           only in its <title> or og:title: the headline read as a line of
           its own, with the same places as the text's */
        scan ts = {NULL, doc->title, strlen(doc->title), 0, NULL, 0};
        best_match(&ts, &best, &found);
        from_title = found;
    }

    if (doc->score_hint && *doc->score_hint) {
        /* the source printed the score (JSON lines, schema.org data): it is
           the verdict; the page's own reading gives it a span and its
           written form when the two agree on the value */
        score_match h;
        if (hint_match(doc->score_hint, &h)) {
            if (found && !from_title && fabs(best.score100 - h.score100) < 0.5)
                rc = fill_score(doc, &best, sc.s + best.start, best.end - best.start, 1);
            else
                rc = fill_score(doc, &h, doc->score_hint + h.start, h.end - h.start, 0);
            goto done;
        }
    }
    if (found && from_title)
        rc = fill_score(doc, &best, doc->title + best.start, best.end - best.start, 0);
    else if (found)
        rc = fill_score(doc, &best, sc.s + best.start, best.end - best.start, 1);
done:
    free(sc.kept);
    if (rc == REEL_ENOMEM) return reel_error(ctx, rc, "score: out of memory");
    return rc;
}
