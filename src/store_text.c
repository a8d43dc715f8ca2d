/* store_text.c — full-text pieces the PostgreSQL store needs to answer
 * searches like the SQLite one: words cut where SQLite's unicode61
 * tokenizer cuts them (so a word count and a match are the same on both
 * sides), the folded words PostgreSQL indexes, and snippets chosen and
 * marked the way FTS5's snippet() does, with \x02 ... \x03 around matches.
 */
#include "store.h"

#include <utf8proc.h>

/* A word character for unicode61: letters, numbers, private use, and the
 * combining diacritics it strips (é written as e + U+0301 is one word). */
static int word_char(int32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
               (cp >= '0' && cp <= '9');
    if (cp >= 0x300 && cp <= 0x36F) return 1;
    utf8proc_category_t c = utf8proc_category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
           (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO) ||
           c == UTF8PROC_CATEGORY_CO;
}

int store_words(const char *s, size_t len, vec *out)
{
    size_t i = 0;
    vec_init(out, sizeof(store_span));
    while (i < len) {
        size_t at = i;
        int32_t cp = utf8_next(s, len, &i);
        if (!word_char(cp)) continue;
        size_t end = i;
        while (i < len) {
            size_t j = i;
            if (!word_char(utf8_next(s, len, &j))) break;
            end = i = j;
        }
        store_span *w = vec_push(out);
        if (!w) {
            vec_free(out);
            return REEL_ENOMEM;
        }
        w->start = at;
        w->end = end;
    }
    return 0;
}

/* The folded words of s, space-separated: every non-word byte becomes a
 * space before folding, so reel_fold neither joins "don't" into one word
 * nor spells "&" as "and" — the words are unicode61's. */
static int fold_words(buf *out, const char *s, int *n_words)
{
    size_t len = s ? strlen(s) : 0;
    vec words;
    if (store_words(s ? s : "", len, &words)) return REEL_ENOMEM;
    *n_words += (int)words.n;
    buf spaced;
    buf_init(&spaced);
    const store_span *w = words.items;
    for (size_t k = 0; k < words.n; k++) {
        if (k) buf_putc(&spaced, ' ');
        buf_append(&spaced, s + w[k].start, w[k].end - w[k].start);
    }
    vec_free(&words);
    int rc = spaced.oom ? REEL_ENOMEM : 0;
    if (!rc && spaced.len) {
        char *f = reel_fold(spaced.data, spaced.len);
        if (!f)
            rc = REEL_ENOMEM;
        else if (*f) {
            if (out->len) buf_putc(out, ' ');
            buf_puts(out, f);
        }
        free(f);
    }
    buf_free(&spaced);
    return rc ? rc : out->oom ? REEL_ENOMEM : 0;
}

int store_index_text(const char *title, const char *text, char **out, int *n_words)
{
    buf b;
    buf_init(&b);
    *out = NULL;
    *n_words = 0;
    int rc = fold_words(&b, title, n_words);
    if (!rc) rc = fold_words(&b, text, n_words);
    if (rc) {
        buf_free(&b);
        return rc;
    }
    *out = buf_detach(&b); /* "" for a text without words */
    return *out ? 0 : REEL_ENOMEM;
}

/* What a word costs in a tsvector's string part: the lexeme, padding to
 * an even offset, a position count and up to 256 positions of 2 bytes. */
static size_t lexeme_cost(size_t len, size_t n_pos)
{
    return len + (len & 1) + 2 + 2 * (n_pos > 256 ? 256 : n_pos);
}

size_t store_index_cap(char *index, size_t budget)
{
    size_t len = strlen(index), cost = 0, words = 0;
    /* under 2 bytes of text per byte of tsvector (a 1-letter word and its
     * space cost 6), so a short text cannot reach the budget */
    if (len <= budget / 4) return len;
    /* distinct words: an open-addressed table of (start, length, count) */
    size_t cap = 1024;
    while (cap < len / 2)
        cap <<= 1;
    struct slot {
        size_t start, len, n;
    } *t = calloc(cap, sizeof *t);
    if (!t) return len; /* the server will say if it does not fit */
    size_t i = 0, cut = len;
    while (i < len) {
        size_t start = i;
        while (i < len && index[i] != ' ')
            i++;
        size_t n = i - start;
        uint64_t h = 1469598103934665603ull;
        for (size_t k = start; k < i; k++)
            h = (h ^ (unsigned char)index[k]) * 1099511628211ull;
        size_t at = (size_t)h & (cap - 1);
        while (t[at].n &&
               !(t[at].len == n && !memcmp(index + t[at].start, index + start, n)))
            at = (at + 1) & (cap - 1);
        size_t before = t[at].n ? lexeme_cost(n, t[at].n) : 0;
        if (!t[at].n) {
            t[at].start = start;
            t[at].len = n;
            words++;
        }
        t[at].n++;
        cost += lexeme_cost(n, t[at].n) - before;
        if (cost > budget || words > cap / 2) {
            cut = start ? start - 1 : 0;
            break;
        }
        while (i < len && index[i] == ' ')
            i++;
    }
    free(t);
    index[cut] = 0;
    return cut;
}

/* ---------------- snippets ---------------- */

/* One word of the query; a word repeated in the query is a phrase again,
 * as in FTS5. */
typedef struct {
    const char *text; /* points into the query copy */
} phrase;

typedef struct {
    size_t pos; /* word index in the text */
    size_t phr; /* phrase index */
} instance;

static char *fold_word(const char *s, size_t n)
{
    int ascii = 1;
    for (size_t i = 0; i < n && ascii; i++)
        if ((unsigned char)s[i] >= 0x80) ascii = 0;
    if (!ascii) return reel_fold(s, n);
    char *f = malloc(n + 1);
    if (!f) return NULL;
    for (size_t i = 0; i < n; i++)
        f[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] + 32) : s[i];
    f[n] = 0;
    return f;
}

/* FTS5's fts5SnippetScore: 1000 for each phrase's first instance in the
 * window [at, at+n), 1 for the others; *adj centres the matches. */
static int window_score(const instance *in, size_t n_in, size_t n_phr, size_t at,
                        size_t n, size_t n_words, unsigned char *seen, long *adj)
{
    int score = 0;
    long first = -1, last = 0;
    memset(seen, 0, n_phr);
    for (size_t k = 0; k < n_in; k++) {
        if (in[k].pos < at || in[k].pos >= at + n) continue;
        score += seen[in[k].phr] ? 1 : 1000;
        seen[in[k].phr] = 1;
        if (first < 0) first = (long)in[k].pos;
        last = (long)in[k].pos + 1;
    }
    if (adj) {
        long a = first - ((long)n - (last - first)) / 2;
        if (a + (long)n > (long)n_words) a = (long)n_words - (long)n;
        if (a < 0) a = 0;
        *adj = a;
    }
    return score;
}

/* Does a sentence start at word w? (FTS5: whitespace before it, and before
 * that a '.' or ':'.) */
static int sentence_start(const char *text, const store_span *w, size_t k)
{
    if (k == 0) return 1;
    long i = (long)w[k].start - 1;
    char c = 0;
    for (; i >= 0; i--) {
        c = text[i];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
    }
    return i != (long)w[k].start - 1 && (c == '.' || c == ':');
}

char *store_snippet(const char *text, const char *folded_query, int n_tokens)
{
    static const char ellipsis[] = "\xe2\x80\xa6";
    size_t len = strlen(text), n = n_tokens > 0 ? (size_t)n_tokens : 16;
    char *q = strdup(folded_query), *res = NULL;
    vec words, phrases, insts, starts;
    unsigned char *seen = NULL, *hit = NULL;
    buf out;
    buf_init(&out);
    vec_init(&phrases, sizeof(phrase));
    vec_init(&insts, sizeof(instance));
    vec_init(&starts, sizeof(size_t));
    vec_init(&words, sizeof(store_span));
    if (!q || store_words(text, len, &words)) goto done;
    for (char *p = strtok(q, " "); p; p = strtok(NULL, " ")) {
        phrase *ph = vec_push(&phrases);
        if (!ph) goto done;
        ph->text = p;
    }
    const store_span *w = words.items;
    const phrase *ph = phrases.items;
    seen = calloc(phrases.n + 1, 1);
    hit = calloc(words.n + 1, 1);
    if (!seen || !hit) goto done;
    for (size_t k = 0; k < words.n; k++) {
        if (sentence_start(text, w, k)) {
            size_t *s = vec_push(&starts);
            if (!s) goto done;
            *s = k;
        }
        char *f = fold_word(text + w[k].start, w[k].end - w[k].start);
        if (!f) goto done;
        for (size_t p = 0; p < phrases.n; p++)
            if (!strcmp(f, ph[p].text)) {
                instance *in = vec_push(&insts);
                if (!in) {
                    free(f);
                    goto done;
                }
                in->pos = k;
                in->phr = p;
                hit[k] = 1;
            }
        free(f);
    }
    /* the best window, as fts5SnippetFunction picks it */
    const instance *in = insts.items;
    const size_t *first = starts.items;
    int best = 0;
    size_t best_start = 0;
    for (size_t k = 0; k < insts.n; k++) {
        long adj = 0;
        int sc = window_score(in, insts.n, phrases.n, in[k].pos, n, words.n, seen, &adj);
        if (sc > best) {
            best = sc;
            best_start = (size_t)adj;
        }
        if (starts.n && words.n > n) {
            size_t j = 0;
            while (j + 1 < starts.n && first[j + 1] <= in[k].pos)
                j++;
            if (first[j] < in[k].pos) {
                sc = window_score(in, insts.n, phrases.n, first[j], n, words.n, seen,
                                  NULL) +
                     (first[j] == 0 ? 120 : 100);
                if (sc > best) {
                    best = sc;
                    best_start = first[j];
                }
            }
        }
    }
    /* the window's text, from its first word (or the very start) to its
     * last word (or the very end), each matching word marked */
    size_t last = best_start + n - 1, off = 0;
    if (best_start > 0) {
        buf_puts(&out, ellipsis);
        off = best_start < words.n ? w[best_start].start : len;
    }
    for (size_t k = best_start; k < words.n && k <= last; k++) {
        if (!hit[k]) continue;
        buf_append(&out, text + off, w[k].start - off);
        buf_putc(&out, '\x02');
        buf_append(&out, text + w[k].start, w[k].end - w[k].start);
        buf_putc(&out, '\x03');
        off = w[k].end;
    }
    if (words.n == 0 || last >= words.n - 1) {
        buf_append(&out, text + off, len - off);
    } else {
        buf_append(&out, text + off, w[last].end - off);
        buf_puts(&out, ellipsis);
    }
    res = buf_detach(&out);
done:
    buf_free(&out);
    vec_free(&words);
    vec_free(&phrases);
    vec_free(&insts);
    vec_free(&starts);
    free(seen);
    free(hit);
    free(q);
    return res;
}
