/* score_forms.c — the written forms of a critic's score and their 0-100 value.
 * Star glyphs (★★★★☆, ✭, "***½"), "N stars", x/y and "x out of y", letter
 * grades and verbal verdicts are matched here, with no opinion on whether a
 * match in running text is really a verdict (score.c decides that). The
 * normalisation tables are the contract of docs/scores.md: change both.
 */
#include "score.h"

#include <ctype.h>
#include <stdio.h>
#include <strings.h>

/* ---------------- lexical helpers ---------------- */

int32_t score_cp_at(const char *s, size_t len, size_t i, size_t *next)
{
    size_t j = i;
    int32_t c = -1;
    if (i < len) c = utf8_next(s, len, &j);
    if (next) *next = j;
    return c;
}

/* The code point that ends just before byte i, and where it starts. */
int32_t score_cp_before(const char *s, size_t i, size_t *prev)
{
    if (i == 0) {
        if (prev) *prev = 0;
        return -1;
    }
    size_t j = i - 1;
    while (j > 0 && i - j < 4 && ((unsigned char)s[j] & 0xC0) == 0x80)
        j--;
    size_t k = j;
    int32_t c = utf8_next(s, i, &k);
    if (c < 0 || k != i) {
        j = i - 1;
        c = -1;
    }
    if (prev) *prev = j;
    return c;
}

int score_is_word_cp(int32_t c)
{
    return c >= 0 && (uc_is_letter(c) || uc_is_digit(c));
}

/* Horizontal space only: a score never continues over a line break. */
static int is_hspace(const char *s, size_t len, size_t i, size_t *next)
{
    if (i >= len || s[i] == '\n' || s[i] == '\r') return 0;
    int32_t c = score_cp_at(s, len, i, next);
    return c == '\t' || c == ' ' || c == 0xA0 || (c >= 0x2000 && c <= 0x200A) ||
           c == 0x202F;
}

size_t score_skip_space(const char *s, size_t len, size_t i)
{
    size_t n;
    while (is_hspace(s, len, i, &n))
        i = n;
    return i;
}

size_t score_skip_space_back(const char *s, size_t lo, size_t i)
{
    while (i > lo) {
        size_t p;
        int32_t c = score_cp_before(s, i, &p);
        if (!(c == ' ' || c == '\t' || c == 0xA0 || (c >= 0x2000 && c <= 0x200A) ||
              c == 0x202F))
            break;
        i = p;
    }
    return i;
}

static int word_ends_at(const char *s, size_t len, size_t i)
{
    return !score_is_word_cp(score_cp_at(s, len, i, NULL));
}

/* Match `pat` (lower-case words separated by single spaces) at s[i],
 * case-insensitively; in the text words may be separated by spaces or one
 * hyphen ("must-see", "three-and-a-half"). Returns the end, or 0. */
static size_t match_phrase_walk(const char *s, size_t len, size_t i, const char *pat)
{
    size_t j = i;
    for (const char *p = pat; *p; p++) {
        if (*p == ' ') {
            if (j < len && s[j] == '-') {
                j++;
                continue;
            }
            size_t k = score_skip_space(s, len, j);
            if (k == j) return 0;
            j = k;
            continue;
        }
        if (j >= len) return 0;
        unsigned char c = (unsigned char)s[j]; /* ASCII lower case, as tolower in C */
        if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != (unsigned char)*p) return 0;
        j++;
    }
    return word_ends_at(s, len, j) ? j : 0;
}

/* match_phrase_walk behind its first-letter test, inlined where it is
 * called: score_match_at tries a dozen phrases at every position of the
 * text, and nearly all fail on their first letter. */
static inline size_t match_phrase(const char *s, size_t len, size_t i, const char *pat)
{
    if (pat[0] && pat[0] != ' ') {
        if (i >= len) return 0;
        unsigned char c = (unsigned char)s[i];
        if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != (unsigned char)pat[0]) return 0;
    }
    return match_phrase_walk(s, len, i, pat);
}

/* ---------------- numbers ---------------- */

static const struct {
    const char *word;
    int value;
} number_words[] = {{"zero", 0},  {"one", 1},  {"two", 2},  {"three", 3},
                    {"four", 4},  {"five", 5}, {"six", 6},  {"seven", 7},
                    {"eight", 8}, {"nine", 9}, {"ten", 10}, {"twenty", 20}};

static size_t parse_number_word(const char *s, size_t len, size_t i, int *v)
{
    for (size_t k = 0; k < sizeof number_words / sizeof *number_words; k++) {
        size_t e = match_phrase(s, len, i, number_words[k].word);
        if (e) {
            *v = number_words[k].value;
            return e;
        }
    }
    return 0;
}

/* A half written after a whole number: "½", " 1/2", " and a half". */
static size_t parse_half(const char *s, size_t len, size_t i, double *frac)
{
    size_t n, j = i;
    if (j < len && s[j] == ' ') j++;
    int32_t c = score_cp_at(s, len, j, &n);
    if (c == 0xBD || c == 0xBC || c == 0xBE) {
        *frac = c == 0xBD ? 0.5 : c == 0xBC ? 0.25 : 0.75;
        return n;
    }
    if (j + 3 <= len && memcmp(s + j, "1/2", 3) == 0 &&
        !(j + 3 < len && isdigit((unsigned char)s[j + 3]))) {
        *frac = 0.5;
        return j + 3;
    }
    j = i;
    if (j < len && s[j] == '-') j++;
    j = score_skip_space(s, len, j);
    size_t e = match_phrase(s, len, j, "and a half");
    if (!e) e = match_phrase(s, len, j, "and one half");
    if (e && j > i) {
        *frac = 0.5;
        return e;
    }
    return 0;
}

/* A quantity: "3", "3.5", "7,5", "3½", "3 1/2", "three and a half", "½".
 * *is_word says it was spelled out. Returns the end, or 0. */
static size_t parse_amount(const char *s, size_t len, size_t i, double *v, int *is_word)
{
    size_t j = i, n;
    int whole = 0;
    *is_word = 0;
    if (j < len && isdigit((unsigned char)s[j])) {
        char tmp[16];
        size_t t = 0;
        while (j < len && isdigit((unsigned char)s[j]) && t < 4)
            tmp[t++] = s[j++];
        if (j < len && isdigit((unsigned char)s[j])) return 0; /* a year, a count */
        whole = 1;
        if (j + 1 < len && (s[j] == '.' || s[j] == ',') &&
            isdigit((unsigned char)s[j + 1])) {
            tmp[t++] = '.';
            size_t k = j + 1;
            while (k < len && isdigit((unsigned char)s[k]) && k - j <= 2)
                tmp[t++] = s[k++];
            /* "1,000" is a thousand; three decimals is a measurement */
            if (k < len && isdigit((unsigned char)s[k])) return 0;
            j = k;
            whole = 0;
        }
        tmp[t] = 0;
        *v = strtod(tmp, NULL);
    } else {
        int w;
        int32_t c = score_cp_at(s, len, j, &n);
        if (c == 0xBD) {
            *v = 0.5;
            return n;
        }
        j = parse_number_word(s, len, i, &w);
        if (!j) return 0;
        *v = w;
        *is_word = 1;
        whole = 1;
    }
    if (whole) {
        double frac;
        size_t e = parse_half(s, len, j, &frac);
        /* the spelled "and a half" goes with words, "½" with either */
        if (e) {
            *v += frac;
            j = e;
        }
    }
    return j;
}

static int scale_ok(double sc)
{
    return sc == 3 || sc == 4 || sc == 5 || sc == 6 || sc == 10 || sc == 20 || sc == 100;
}

/* A scale's maximum: "5", "10", "100", "five", "ten", "a hundred". */
static size_t parse_scale(const char *s, size_t len, size_t i, double *sc, int words_ok)
{
    size_t j = i;
    if (j < len && isdigit((unsigned char)s[j])) {
        unsigned n = 0;
        while (j < len && isdigit((unsigned char)s[j]) && j - i < 4)
            n = n * 10 + (unsigned)(s[j++] - '0');
        if (j < len && isdigit((unsigned char)s[j])) return 0;
        /* "3.5/4.0": a scale written with a zero decimal */
        if (j + 1 < len && s[j] == '.' && s[j + 1] == '0') {
            size_t k = j + 1;
            while (k < len && s[k] == '0')
                k++;
            if (!(k < len && isdigit((unsigned char)s[k]))) j = k;
        }
        *sc = n;
    } else {
        if (!words_ok) return 0;
        int w;
        size_t e = match_phrase(s, len, j, "a hundred");
        if (!e) e = match_phrase(s, len, j, "one hundred");
        if (e) {
            *sc = 100;
            return e;
        }
        j = parse_number_word(s, len, j, &w);
        if (!j) return 0;
        *sc = w;
    }
    return scale_ok(*sc) ? j : 0;
}

/* Words for stars in the languages reel reads, and units some sites rate
 * in instead ("3.5 Moons", "4 hearts"): those only count after a verdict
 * label (score.c), as in prose they are things, not ratings. */
static const char *const star_words[] = {"stars",     "star",     "étoiles", "étoile",
                                         "estrellas", "estrella", "sternen", "sterne",
                                         "stern",     "stelle",   "stella",  NULL};
static const char *const unit_words[] = {"moons", "moon",  "hearts", "heart", "skulls",
                                         "skull", "reels", "reel",   NULL};

/* An optional "star(s)" (or a rating unit, *unit set) after a score;
 * returns the end or 0. */
static size_t parse_unit_word(const char *s, size_t len, size_t i, int *unit)
{
    size_t j = (i < len && s[i] == '-') ? i + 1 : score_skip_space(s, len, i), e;
    *unit = 0;
    for (const char *const *w = star_words; *w; w++)
        if ((e = match_phrase(s, len, j, *w))) return e;
    for (const char *const *w = unit_words; *w; w++)
        if ((e = match_phrase(s, len, j, *w))) {
            *unit = 1;
            return e;
        }
    return 0;
}

static size_t parse_stars_word(const char *s, size_t len, size_t i)
{
    int unit;
    size_t e = parse_unit_word(s, len, i, &unit);
    return unit ? 0 : e;
}

/* "of" in the languages reel reads: "4 sur 5", "4 de 5", "4 von 5",
 * "4 su 5". Like "of", a count as often as a score (score.c decides). */
static size_t match_of_word(const char *s, size_t len, size_t k)
{
    size_t e;
    for (const char *const *w = lex_of_words; *w; w++)
        if ((e = match_phrase(s, len, k, *w))) return e;
    return 0;
}

/* A number may not run on into a date, a time, a decimal or a word. */
static int number_ends_cleanly(const char *s, size_t len, size_t e)
{
    if (e >= len) return 1;
    char c = s[e];
    if (c == '/' || c == '%' || c == '-' || c == '+') return 0;
    if ((c == '.' || c == ',' || c == ':') && e + 1 < len &&
        isdigit((unsigned char)s[e + 1]))
        return 0;
    return word_ends_at(s, len, e);
}

/* A scale written after stars: " out of 5", "/5", " (out of four)". */
static size_t parse_trailing_scale(const char *s, size_t len, size_t i, double *sc)
{
    size_t j = score_skip_space(s, len, i);
    int paren = 0;
    if (j < len && s[j] == '(') {
        paren = 1;
        j = score_skip_space(s, len, j + 1);
    }
    size_t e = match_phrase(s, len, j, "out of");
    if (!e && !paren) e = match_of_word(s, len, j);
    if (e) {
        e = parse_scale(s, len, score_skip_space(s, len, e), sc, 1);
    } else if (j < len && s[j] == '/') {
        e = parse_scale(s, len, score_skip_space(s, len, j + 1), sc, 0);
        if (e && !number_ends_cleanly(s, len, e)) e = 0;
    }
    if (!e) return 0;
    if (paren) {
        e = score_skip_space(s, len, e);
        if (e >= len || s[e] != ')') return 0;
        e++;
    }
    return e;
}

/* Without a drawn or written scale, a count of stars is out of five (the
 * common web convention); more than five can only be out of ten. */
static int default_star_scale(double v, double *sc)
{
    if (v <= 5)
        *sc = 5;
    else if (v <= 10)
        *sc = 10;
    else
        return 0;
    return 1;
}

/* ---------------- the forms ---------------- */

static int glyph_filled(int32_t c)
{
    return c == 0x2605 || c == 0x272A || c == 0x272D || c == 0x272E || c == 0x272F ||
           c == 0x2B50 || c == 0x1F31F;
}
static int glyph_empty(int32_t c)
{
    return c == 0x2606 || c == 0x2729;
}
static int glyph_half(int32_t c)
{
    return c == 0xBD || (c >= 0x2BE8 && c <= 0x2BEB);
}
static int glyph_any(int32_t c)
{
    return glyph_filled(c) || glyph_empty(c) || glyph_half(c);
}

static int finish_stars(const char *s, size_t len, size_t end, double value, int drawn,
                        score_match *m)
{
    double sc = drawn;
    size_t e = drawn ? 0 : parse_trailing_scale(s, len, end, &sc);
    if (e) end = e;
    if (!drawn && !e && !default_star_scale(value, &sc)) return 0;
    if (value > sc) return 0;
    m->explicit_scale = drawn || e;
    m->end = end;
    m->form = SF_STARS;
    m->value = value;
    m->scale = sc;
    m->score100 = 100.0 * value / sc;
    return 1;
}

/* A rating draws at most ten stars; a longer run is decoration. */
#define GLYPH_RUN_MAX 10

/* Does the glyph run at i continue one that starts before it ("★★" or
 * "★ ★" before i)? Its tail is no rating of its own, and reading it from
 * every position of a long run would cost the square of the run. */
static int glyph_run_before(const char *s, size_t i)
{
    size_t p;
    int32_t c = score_cp_before(s, i, &p);
    if (c == ' ' && i > 0) c = score_cp_before(s, p, NULL);
    return glyph_any(c) || c == 0xFE0F;
}

/* ★★★★☆, ★★★½, ✭, ★ ★ ★ ☆ ☆, ⭐⭐⭐ */
static int match_glyphs(const char *s, size_t len, size_t i, score_match *m)
{
    size_t j = i, end = i, n;
    int filled = 0, empty = 0, half = 0;
    if (!glyph_any(score_cp_at(s, len, i, NULL)) || glyph_run_before(s, i)) return 0;
    for (;;) {
        int32_t c = score_cp_at(s, len, j, &n);
        if (glyph_filled(c))
            filled++;
        else if (glyph_empty(c))
            empty++;
        else if (glyph_half(c))
            half++;
        else if (c == 0xFE0F && j > i)
            ; /* emoji presentation selector */
        else
            break;
        /* past the cap or a second half the run is no rating, however long */
        if (filled + empty > GLYPH_RUN_MAX || half > 1) return 0;
        j = end = n;
        if (j < len && s[j] == ' ' && glyph_any(score_cp_at(s, len, j + 1, NULL))) {
            m->spaced = 1;
            j++;
        }
    }
    if (filled + empty == 0) return 0;
    if (!half && end + 3 <= len && memcmp(s + end, "1/2", 3) == 0 &&
        number_ends_cleanly(s, len, end + 3)) {
        half = 1;
        end += 3;
    }
    if (half > 1) return 0;
    m->half = half > 0;
    m->empties = empty > 0;
    int drawn = empty ? filled + empty + half : 0;
    if (empty && drawn < 3) return 0;
    return finish_stars(s, len, end, filled + 0.5 * half, drawn, m);
}

/* "****", "***1/2", "**½" */
static int match_asterisks(const char *s, size_t len, size_t i, score_match *m)
{
    size_t j = i;
    while (j < len && s[j] == '*')
        j++;
    int count = (int)(j - i);
    if (count < 1 || count > 5) return 0;
    double frac = 0;
    size_t e = parse_half(s, len, j, &frac);
    if (e && frac == 0.5 && (e == j + 2 || e == j + 3 || e == j + 4))
        j = e;
    else
        frac = 0;
    if (!word_ends_at(s, len, j) || (j < len && s[j] == '*')) return 0;
    m->asterisks = 1;
    m->half = frac > 0;
    return finish_stars(s, len, j, count + frac, 0, m);
}

/* "8/10", "3.5 / 4", "3 1/2/5", "4 out of 5", "eight out of ten", each
 * optionally followed by "stars"; and "4 stars", "three and a half stars",
 * "4 stars out of 5", "half a star". */
static int match_number(const char *s, size_t len, size_t i, score_match *m)
{
    double v, sc;
    int word;
    size_t j, e;
    if ((e = match_phrase(s, len, i, "half a star"))) {
        m->stars_word = 1;
        return finish_stars(s, len, e, 0.5, 0, m);
    }
    j = parse_amount(s, len, i, &v, &word);
    if (!j) return 0;
    size_t k = score_skip_space(s, len, j);
    size_t n;
    int32_t c = score_cp_at(s, len, k, &n);
    e = 0;
    if (c == '/' || c == 0x2044 || c == 0x2215) {
        if (word) return 0;
        e = parse_scale(s, len, score_skip_space(s, len, n), &sc, 0);
        if (e && !number_ends_cleanly(s, len, e)) e = 0;
    } else if ((e = match_phrase(s, len, k, "out of"))) {
        e = parse_scale(s, len, score_skip_space(s, len, e), &sc, 1);
    } else if ((e = match_of_word(s, len, k))) {
        /* "3.5 of 5": a score only where nothing else can be (score.c) */
        e = parse_scale(s, len, score_skip_space(s, len, e), &sc, 1);
        if (e && !number_ends_cleanly(s, len, e)) e = 0;
        m->of_form = e > 0;
    }
    if (e) {
        if (v > sc) return 0;
        size_t st = parse_stars_word(s, len, e);
        m->end = st ? st : e;
        m->form = st ? SF_STARS : SF_FRACTION;
        m->stars_word = st > 0;
        m->explicit_scale = 1;
        m->value = v;
        m->scale = sc;
        m->score100 = 100.0 * v / sc;
        return 1;
    }
    if (!word && !number_ends_cleanly(s, len, j) && s[j] != '-') return 0;
    int unit;
    e = parse_unit_word(s, len, j, &unit);
    if (!e) return 0;
    m->stars_word = !unit;
    m->other_unit = unit;
    m->half = v != (double)(long)v;
    return finish_stars(s, len, e, v, 0, m);
}

/* A letter keeps its grade points (A+ = 4.3 ... F = 0) as its value and the
 * common school table as its score100 (A- = 91, C+ = 77): the number a reader
 * expects. Whether it is positive follows the grade, not the number
 * (reel_verdict_positive): a C+ is 77 but a mixed-to-negative review. */
static const struct {
    const char *grade;
    double points, score100;
} letter_table[] = {
    {"A+", 4.3, 100}, {"A", 4.0, 95},  {"A-", 3.7, 91}, {"B+", 3.3, 87}, {"B", 3.0, 83},
    {"B-", 2.7, 80},  {"C+", 2.3, 77}, {"C", 2.0, 73},  {"C-", 1.7, 70}, {"D+", 1.3, 67},
    {"D", 1.0, 63},   {"D-", 0.7, 60}, {"F", 0.0, 0},
};

/* The lowest positive grade: on rt-dev every B- and above is fresh (83 of
 * 83 B-) and every C+ and below rotten (0 of 68 C+): docs/scores.md. */
#define POSITIVE_GRADE_POINTS 2.7

int reel_verdict_positive(const char *form, double value, double score100)
{
    if (form && strcmp(form, "letter") == 0) return value >= POSITIVE_GRADE_POINTS - 1e-9;
    return score100 >= REEL_POSITIVE_THRESHOLD;
}

/* "minus" or "plus" (any case) at s[k], as a whole word: its end, or 0. */
static size_t sign_word(const char *s, size_t len, size_t k, char *sign)
{
    static const char *const words[] = {"minus", "plus"};
    for (int w = 0; w < 2; w++) {
        size_t n = strlen(words[w]);
        if (k + n <= len && strncasecmp(s + k, words[w], n) == 0 &&
            !score_is_word_cp(score_cp_at(s, len, k + n, NULL))) {
            *sign = w ? '+' : '-';
            return k + n;
        }
    }
    return 0;
}

static int match_letter(const char *s, size_t len, size_t i, score_match *m)
{
    char g[3] = {0, 0, 0};
    if (i >= len || !s[i] || !strchr("ABCDF", s[i])) return 0;
    g[0] = s[i];
    size_t j = i + 1, n, e;
    int32_t c = score_cp_at(s, len, j, &n);
    if ((c == ' ' || c == '-') && (e = sign_word(s, len, n, &g[1]))) {
        /* "B minus", "A-plus": the sign spelt out */
        j = e;
    } else if (c == '+') {
        g[1] = '+';
        j = n;
    } else if ((c == '-' || c == 0x2212 || c == 0x2013) &&
               !isdigit((unsigned char)(n < len ? s[n] : 0))) {
        /* an en dash is a minus only when nothing is written after it
           ("B–" at the end), not when it opens a clause ("B – a ...") */
        int32_t after = score_cp_at(s, len, n, NULL);
        if (c != 0x2013 || after < 0 || after == '\n' || after == ')' || after == ',' ||
            after == '.' || after == ';') {
            g[1] = '-';
            j = n;
        }
    }
    if (!g[1] && j + 1 < len && s[j] == ' ' && (s[j + 1] == '+' || s[j + 1] == '-') &&
        (j + 2 >= len || strchr("\n.,;)", s[j + 2]))) {
        /* "B +" as some sources print it, when nothing follows the sign */
        g[1] = s[j + 1];
        j += 2;
    }
    int32_t nx = score_cp_at(s, len, j, &n);
    if (score_is_word_cp(nx) || nx == '\'' || nx == 0x2019 || nx == '&' || nx == '/' ||
        nx == '+' || nx == '@' || nx == '-')
        return 0;
    /* "A. O. Scott", "D.C.": initials, not grades */
    if (nx == '.' && n < len) {
        size_t k = n;
        if (isalpha((unsigned char)s[k])) return 0;
        k = score_skip_space(s, len, k);
        if (k + 1 < len && isupper((unsigned char)s[k]) && s[k + 1] == '.') return 0;
    }
    for (size_t k = 0; k < sizeof letter_table / sizeof *letter_table; k++) {
        if (strcmp(letter_table[k].grade, g) == 0) {
            m->end = j;
            m->form = SF_LETTER;
            m->value = letter_table[k].points;
            m->scale = 0;
            m->score100 = letter_table[k].score100;
            m->signed_grade = g[1] != 0;
            return 1;
        }
    }
    return 0;
}

/* Verbal verdicts, placed where the same verdict sits on a five-star scale
 * (Excellent ~ 4½ stars = 90, Very Good = 4 stars = 80, Good = 3 stars = 60,
 * Fair = 2 stars = 40, Poor = 1 star = 20): docs/scores.md. */
static const struct {
    const char *phrase;
    double score100;
} verbal_table[] = {
    {"masterpiece", 100},  {"masterwork", 100},    {"must see", 90},
    {"essential", 90},     {"excellent", 90},      {"outstanding", 90},
    {"superb", 90},        {"exceptional", 90},    {"highly recommended", 90},
    {"great", 80},         {"very good", 80},      {"recommended", 70},
    {"see it", 70},        {"good", 60},           {"decent", 60},
    {"worth seeing", 60},  {"worth watching", 60}, {"worth a look", 60},
    {"worth it", 60},      {"stream it", 60},      {"rent it", 50},
    {"average", 50},       {"mixed", 50},          {"okay", 50},
    {"so so", 50},         {"fair", 40},           {"mediocre", 40},
    {"disappointing", 40}, {"weak", 40},           {"not recommended", 30},
    {"skip it", 30},       {"skip", 30},           {"poor", 20},
    {"bad", 20},           {"avoid", 20},          {"avoid it", 20},
    {"very bad", 10},      {"awful", 10},          {"terrible", 10},
    {"dreadful", 10},      {"abysmal", 0},
};

static int match_verbal(const char *s, size_t len, size_t i, score_match *m)
{
    size_t best = 0;
    double score = 0;
    if (i >= len || !isalpha((unsigned char)s[i])) return 0;
    int first = tolower((unsigned char)s[i]);
    for (size_t k = 0; k < sizeof verbal_table / sizeof *verbal_table; k++) {
        if (first != verbal_table[k].phrase[0]) continue;
        size_t e = match_phrase(s, len, i, verbal_table[k].phrase);
        if (e > best) {
            best = e;
            score = verbal_table[k].score100;
        }
    }
    if (!best) return 0;
    /* Title Case ("Very Good") marks a rating scale's label in prose */
    int title = 1;
    for (size_t k = i; k < best; k++)
        if ((k == i || s[k - 1] == ' ' || s[k - 1] == '-') &&
            islower((unsigned char)s[k]))
            title = 0;
    m->end = best;
    m->form = SF_VERBAL;
    m->value = score;
    m->scale = 0;
    m->score100 = score;
    m->titlecase = title;
    return 1;
}

int score_match_bare(const char *s, size_t len, size_t i, score_match *m)
{
    memset(m, 0, sizeof *m);
    m->start = i;
    size_t j = i;
    while (j < len && isdigit((unsigned char)s[j]) && j - i < 3)
        j++;
    if (j == i || j - i > 2) return 0;
    if (j + 1 < len && s[j] == '.' && isdigit((unsigned char)s[j + 1])) {
        j += 2;
        if (j < len && isdigit((unsigned char)s[j])) j++;
    }
    if (!number_ends_cleanly(s, len, j)) return 0;
    /* it ends its clause: "Rating: 2.0", not "Rating: 15 minutes" */
    size_t k = j;
    while (k < len && (s[k] == ' ' || s[k] == '\t'))
        k++;
    if (k < len && !strchr("\n\r.!;,)|", s[k])) return 0;
    char tmp[8];
    memcpy(tmp, s + i, j - i);
    tmp[j - i] = 0;
    double v = strtod(tmp, NULL);
    if (!(v >= 0 && v <= 10)) return 0;
    m->end = j;
    m->form = SF_FRACTION;
    m->value = v;
    m->scale = v <= 4 ? 4 : v <= 5 ? 5 : 10;
    m->score100 = 100.0 * v / m->scale;
    m->bare = 1;
    return 1;
}

void score_bare_label(const char *s, size_t lo, size_t label_end, score_match *m)
{
    size_t e = score_skip_space_back(s, lo, label_end), b = e;
    while (b > lo && !isspace((unsigned char)s[b - 1]) && s[b - 1] != '|' &&
           s[b - 1] != ':')
        b--;
    char w[16];
    if (e - b == 0 || e - b >= sizeof w) return;
    for (size_t i = b; i < e; i++)
        w[i - b] = (char)tolower((unsigned char)s[i]);
    w[e - b] = 0;
    for (const char *const *p = star_words; *p; p++) {
        double sc;
        if (strcmp(w, *p) == 0 && default_star_scale(m->value, &sc)) {
            m->form = SF_STARS;
            m->scale = sc;
            m->score100 = 100.0 * m->value / sc;
            return;
        }
    }
}

int score_match_at(const char *s, size_t len, size_t i, score_match *m)
{
    memset(m, 0, sizeof *m);
    m->start = i;
    if (i >= len) return 0;
    if (match_glyphs(s, len, i, m)) return 1;
    memset(m, 0, sizeof *m);
    m->start = i;
    if (s[i] == '*') return match_asterisks(s, len, i, m);
    if (match_number(s, len, i, m)) return 1;
    memset(m, 0, sizeof *m);
    m->start = i;
    if (match_letter(s, len, i, m)) return 1;
    return match_verbal(s, len, i, m);
}

const char *score_form_name(score_form f)
{
    static const char *const names[] = {"stars", "fraction", "letter", "verbal"};
    return names[f];
}
