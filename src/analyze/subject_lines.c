/* subject_lines.c — the title forms one line of a page prints, as a reader
 * sees them in a headline or a credit box: "X review", "Review: X",
 * "'X' review:", "X – Movie Review", "X (4 stars)", "X (2019)", "Film: X",
 * "Title X", "X Cast: …", a quoted title in a headline, the head of
 * "X: what it is about", and a short line standing alone at the top. Each
 * form has a weight; the forms that name the film by themselves ("X
 * review") are strong, the others need the title to recur in the text.
 */
#include "subject.h"

#include <ctype.h>
#include <strings.h>

/* Bytes of a quote mark at s (ASCII or curly), else 0. */
static size_t quote_len(const char *s, const char *end)
{
    if (s >= end) return 0;
    if (*s == '"' || *s == '\'') return 1;
    if (end - s >= 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
        ((unsigned char)s[2] >= 0x98 && (unsigned char)s[2] <= 0x9F))
        return 3;
    return 0;
}

/* A dash between words: "-", "–", "—". Its length at s, else 0. */
static size_t dash_len(const char *s, const char *end)
{
    if (s >= end) return 0;
    if (*s == '-' || *s == '|') return 1;
    if (end - s >= 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
        ((unsigned char)s[2] == 0x93 || (unsigned char)s[2] == 0x94))
        return 3;
    return 0;
}

static int word_at_ci(const char *s, const char *end, const char *w)
{
    size_t n = strlen(w);
    if ((size_t)(end - s) < n || strncasecmp(s, w, n) != 0) return 0;
    return s + n == end || !isalnum((unsigned char)s[n]);
}

/* Trim spaces, quotes, dashes, colons and the words "movie"/"film" from
 * both ends of [*s, *e). */
static void trim(const char **s, const char **e)
{
    for (int changed = 1; changed && *s < *e;) {
        changed = 0;
        size_t q;
        while (*s < *e && (isspace((unsigned char)**s) || **s == ':' || **s == ','))
            (*s)++, changed = 1;
        while (*e > *s && (isspace((unsigned char)(*e)[-1]) || (*e)[-1] == ':' ||
                           (*e)[-1] == ',' || (*e)[-1] == '.'))
            (*e)--, changed = 1;
        if ((q = quote_len(*s, *e)) || (q = dash_len(*s, *e))) *s += q, changed = 1;
        for (size_t k = 1; k <= 3 && *e - *s >= (ptrdiff_t)k; k++)
            if (quote_len(*e - k, *e) == k || dash_len(*e - k, *e) == k) {
                *e -= k;
                changed = 1;
                break;
            }
        /* "X (2019)": the year is not part of the title */
        if (*e - *s > 7 && (*e)[-1] == ')' && (*e)[-6] == '(' &&
            isdigit((unsigned char)(*e)[-5]) && isdigit((unsigned char)(*e)[-2])) {
            *e -= 6;
            changed = 1;
        }
        static const char *const tails[] = {" movie", " film", NULL};
        for (const char *const *t = tails; *t; t++) {
            size_t n = strlen(*t);
            if (*e - *s > (ptrdiff_t)n && !strncasecmp(*e - n, *t, n)) {
                *e -= n;
                changed = 1;
            }
        }
    }
}

static size_t words_in(const char *s, const char *e)
{
    size_t n = 0;
    int in = 0;
    for (; s < e; s++) {
        int w = !isspace((unsigned char)*s);
        n += w && !in;
        in = w;
    }
    return n;
}

/* Does a title-like piece start here: a capital, a digit or a quote? */
static int title_start(const char *s, const char *e)
{
    if (s >= e) return 0;
    unsigned char c = (unsigned char)*s;
    return isupper(c) || isdigit(c) || c >= 0xC0;
}

static const char *const not_title_start[] = {"this",  "our", "my",  "the full", "read",
                                              "see",   "a",   "in",  "full",     "your",
                                              "their", "his", "her", "its",      NULL};

static int push(const char *line, const char *s, const char *e, double w, int strong,
                line_title *out, size_t *n, size_t max)
{
    trim(&s, &e);
    if (*n >= max || !title_start(s, e)) return 0;
    size_t words = words_in(s, e);
    if (words == 0 || words > 10) return 0;
    for (const char *const *p = not_title_start; *p; p++)
        if (word_at_ci(s, e, *p) && words_in(s, e) <= 2) return 0;
    /* a title is written in Title Case: "Share this story", "Get all the
     * details" are page chrome */
    static const char *const small[] = {
        "of", "the", "a",  "an", "and", "in", "on", "at", "to", "for", "with", "from",
        "by", "or",  "vs", "de", "la",  "le", "is", "it", "my", "me",  NULL};
    int first = 1;
    for (const char *p = s; p < e;) {
        while (p < e && isspace((unsigned char)*p))
            p++;
        const char *q = p;
        while (q < e && !isspace((unsigned char)*q))
            q++;
        if (q > p && islower((unsigned char)*p)) {
            int ok = !first;
            if (ok) {
                ok = 0;
                for (const char *const *w = small; *w && !ok; w++)
                    ok =
                        (size_t)(q - p) == strlen(*w) && !strncmp(p, *w, (size_t)(q - p));
            }
            if (!ok) return 0;
        }
        first = 0;
        p = q;
    }
    /* "Director: Jane Campion", "Rating: 4 out of 5": a label and its value */
    const char *colon = memchr(s, ':', (size_t)(e - s));
    if (colon) {
        const char *w = colon;
        while (w > s && w[-1] != ' ')
            w--;
        char lw[40];
        size_t n1 = (size_t)(colon - s), n2 = (size_t)(colon - w);
        for (int k = 0; k < 2; k++) {
            const char *from = k ? w : s;
            size_t n = k ? n2 : n1;
            if (n >= sizeof lw) continue;
            for (size_t i = 0; i < n; i++)
                lw[i] = (char)tolower((unsigned char)from[i]);
            if (subject_label(lw, n)) return 0;
        }
    }
    /* a label is not a title ("Film", "Review") */
    char low[40];
    size_t len = (size_t)(e - s);
    if (len < sizeof low) {
        for (size_t i = 0; i < len; i++)
            low[i] = (char)tolower((unsigned char)s[i]);
        if (subject_label(low, len)) return 0;
    }
    for (size_t i = 0; i < *n; i++)
        if (out[i].start == (size_t)(s - line) && out[i].end == (size_t)(e - line)) {
            if (w > out[i].weight) out[i].weight = w;
            out[i].strong |= strong;
            return 1;
        }
    out[*n].start = (size_t)(s - line);
    out[*n].end = (size_t)(e - line);
    out[*n].weight = w;
    out[*n].strong = strong;
    out[*n].marked = 0;
    (*n)++;
    return 1;
}

/* "LFF 2018: The Favourite": a festival or series tag before a colon. */
static const char *after_tag(const char *s, const char *e)
{
    const char *colon = memchr(s, ':', (size_t)(e - s));
    if (!colon) return s;
    int digits = 0, lower = 0;
    for (const char *p = s; p < colon; p++) {
        digits += isdigit((unsigned char)*p) != 0;
        lower += islower((unsigned char)*p) != 0;
    }
    return digits >= 4 || (!lower && words_in(s, colon) == 1) ? colon + 1 : s;
}

size_t subject_line_titles(const char *line, size_t len, int top, line_title *out,
                           size_t max)
{
    size_t n = 0;
    const char *end = line + len, *s = line;
    while (s < end && isspace((unsigned char)*s))
        s++;
    if (s == end || len > 300) return 0;
    int shortline = len <= 200;

    /* "Review: X", "Film Review: X" */
    const char *r = memmem_ci_ascii(s, (size_t)(end - s), "review:");
    /* "'X' Review: a subtitle" names X before the label: what follows is
     * the critic's line, not the title */
    int named_before = 0;
    if (r && r > s) {
        const char *ps = after_tag(s, r), *pe = r;
        trim(&ps, &pe);
        char low[24];
        size_t pn = (size_t)(pe - ps);
        if (pn >= sizeof low) {
            named_before = 1;
        } else if (pn) {
            for (size_t i = 0; i < pn; i++)
                low[i] = (char)tolower((unsigned char)ps[i]);
            named_before = !subject_label(low, pn) && !(pn == 2 && !memcmp(low, "tv", 2));
        }
    }
    if (r && shortline && !named_before &&
        (r == s || isspace((unsigned char)r[-1]) || r[-1] == '\'')) {
        const char *x = r + 7, *e = end;
        for (const char *p = x + 1; p < end; p++)
            if ((dash_len(p, end) && p[-1] == ' ') || (*p == '(' && p > x + 1)) {
                e = p;
                break;
            }
        push(line, x, e, 8, 1, out, &n, max);
    }
    /* "Review | X" */
    if (shortline && !strncasecmp(s, "review |", 8))
        push(line, s + 8, end, 8, 1, out, &n, max);
    /* "X review", "X Movie Review", "X – Film Review", "'X' review:" */
    for (const char *p = s; shortline && p < end;) {
        const char *rv = memmem_ci_ascii(p, (size_t)(end - p), "review");
        if (!rv) break;
        p = rv + 6;
        if (rv == s || (p < end && isalnum((unsigned char)*p))) continue;
        if (p < end && *p == ':' && rv > s &&
            memmem_ci_ascii(s, (size_t)(rv - s), ":") == NULL && words_in(s, rv) <= 1)
            continue; /* "Review:" itself, handled above */
        const char *x = after_tag(s, rv);
        /* "Interview: X Review" or "Exclusive: X review" */
        if (word_at_ci(x, rv, "interview") || word_at_ci(x, rv, "exclusive")) {
            const char *c = memchr(x, ':', (size_t)(rv - x));
            if (c) x = c + 1;
        }
        push(line, x, rv, 8, 1, out, &n, max);
        break;
    }
    /* "X (4 stars)", "X (2019)", "X (★★★★)" */
    const char *paren = memchr(s, '(', (size_t)(end - s));
    if (paren && paren > s && len <= 160) {
        const char *in = paren + 1;
        int year = end - in >= 5 && isdigit((unsigned char)in[0]) &&
                   isdigit((unsigned char)in[3]) && in[4] == ')';
        int stars = memmem_ci_ascii(in, (size_t)(end - in), "star") != NULL ||
                    (end - in >= 3 && (unsigned char)in[0] == 0xE2 &&
                     (unsigned char)in[1] == 0x98);
        if (year || stars) push(line, s, paren, 8, 1, out, &n, max);
    }
    /* "Film: X", "Movie: X", "Title: X", "Title X" (a credit box) */
    static const char *const heads[] = {"film:", "movie:", "title:", "film title:", NULL};
    for (const char *const *h = heads; *h; h++)
        if (!strncasecmp(s, *h, strlen(*h)))
            push(line, s + strlen(*h), end, 8, 1, out, &n, max);
    if (len <= 80 && !strncmp(s, "Title ", 6) && title_start(s + 6, end))
        push(line, s + 6, end, 8, 1, out, &n, max);
    /* "X Cast: …", "X Director: …": a title before a credit label */
    const char *colon = memchr(s, ':', (size_t)(end - s));
    if (colon && colon > s && shortline) {
        const char *w = colon;
        while (w > s && w[-1] != ' ')
            w--;
        char low[16];
        size_t wl = (size_t)(colon - w);
        if (w > s && wl < sizeof low) {
            for (size_t i = 0; i < wl; i++)
                low[i] = (char)tolower((unsigned char)w[i]);
            static const char *const credit[] = {
                "cast",    "director", "directors", "stars", "starring", "writer",
                "writers", "rating",   "runtime",   "plot",  "synopsis", NULL};
            for (const char *const *c = credit; *c; c++)
                if (strlen(*c) == wl && !memcmp(*c, low, wl)) {
                    push(line, s, w, 6, 1, out, &n, max);
                    break;
                }
        }
    }
    /* a line that says "film" or "movie" names a film with its strong forms
     * ("X Movie Review", "Film: X"): that holds on a page with little film
     * talk, where "X review" may be a laptop's */
    if (memmem_ci_ascii(s, (size_t)(end - s), "film") ||
        memmem_ci_ascii(s, (size_t)(end - s), "movie"))
        for (size_t i = 0; i < n; i++)
            out[i].marked = out[i].strong;
    if (!top) return n;
    /* a quoted title in a headline */
    for (const char *p = s; p < end;) {
        size_t q = quote_len(p, end);
        if (!q || (p > s && isalnum((unsigned char)p[-1]))) {
            p++;
            continue;
        }
        const char *a = p + q, *b = a;
        while (b < end && !quote_len(b, end))
            b++;
        if (b >= end) break;
        /* an apostrophe inside a word ("don't") does not close */
        if (b + 1 < end && isalpha((unsigned char)b[-1]) &&
            isalpha((unsigned char)b[1])) {
            p = b + 1;
            continue;
        }
        if (b > a && words_in(a, b) <= 8) push(line, a, b, 6, 1, out, &n, max);
        p = b + quote_len(b, end);
    }
    /* "X: what the piece says" */
    if (colon && colon > s && colon + 1 < end && colon[1] == ' ' &&
        words_in(s, colon) <= 6)
        push(line, after_tag(s, colon) == s ? s : s, colon, 2, 0, out, &n, max);
    /* a short line on its own */
    if (len <= 80 && words_in(s, end) <= 7 && !strchr(".?!", end[-1]))
        push(line, s, end, top == 2 ? 6 : 4, top == 2, out, &n, max);
    return n;
}
