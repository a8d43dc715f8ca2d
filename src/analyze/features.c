/* features.c — text to hashed word n-gram features for the sentiment model.
 * Our own tokenisation: lower-cased runs of letters and digits (inner
 * apostrophes kept, so "doesn't" stays one word whether the source was raw
 * or pre-tokenised), "!" and "?" as tokens, clause punctuation as bigram
 * boundaries, and negation marking ("not good" -> not NOT_good) until the
 * clause ends, so the model can tell "good" from "not good".
 */
#include "lexicon.h"
#include "sentiment.h"

#include <utf8proc.h>

void featvec_init(featvec *fv)
{
    memset(fv, 0, sizeof *fv);
}
void featvec_free(featvec *fv)
{
    free(fv->items);
    free(fv->tmp);
    featvec_init(fv);
}

/* Marks a negated word's hash (any odd constant spreads; this one is
 * SplitMix64's, as the shipped model's feature ids were made with it). */
#define NEG_SALT SPLITMIX64_GAMMA

/* Words that open a negation scope (besides every word ending in "n't"). */
static const char *const negators[] = {
    "not",     "no",      "never",    "none",    "nothing", "nobody", "nowhere",
    "neither", "nor",     "cannot",   "without", "hardly",  "barely", "cant",
    "dont",    "wont",    "didnt",    "doesnt",  "isnt",    "wasnt",  "arent",
    "werent",  "couldnt", "shouldnt", "wouldnt", "aint",    NULL};

/* Words that close a negation scope as punctuation does ("not great, but
 * fun": "fun" is not negated). */
static const char *const scope_enders[] = {"but",    "however", "although",
                                           "though", "yet",     NULL};

static int is_negator(const char *w, size_t n)
{
    if (n >= 3 && memcmp(w + n - 3, "n't", 3) == 0) return 1;
    return word_in(negators, w, n);
}

/* Token callback: `word` (lower-cased UTF-8), whether it is negated, and
 * whether a clause boundary precedes it (no n-gram spans a boundary). */
typedef int (*tok_fn)(void *arg, const char *word, size_t n, int negated, int boundary);

/* Walk the text, calling fn for each token. Returns fn's first non-zero. */
static int tokenize(const feat_opts *o, const char *s, size_t len, tok_fn fn, void *arg,
                    size_t *out_words)
{
    char word[256];
    size_t wn = 0, words = 0;
    int negated = 0, boundary = 1, rc = 0;
    size_t i = 0;
    while (i <= len) {
        int32_t cp = -1;
        if (i < len) {
            unsigned char c = (unsigned char)s[i];
            if (c < 0x80) {
                cp = c;
                i++;
            } else {
                cp = utf8_next(s, len, &i);
            }
        } else {
            i++; /* the end flushes the last word */
        }
        int wordch = cp < 0      ? 0
                     : cp < 0x80 ? ((cp | 32) >= 'a' && (cp | 32) <= 'z') ||
                                       (cp >= '0' && cp <= '9')
                                 : uc_is_letter(cp) || uc_is_digit(cp);
        /* an apostrophe between word characters stays inside the word */
        if (!wordch && wn > 0 && (cp == '\'' || cp == 0x2019) && i < len) {
            size_t j = i;
            int32_t nx = utf8_next(s, len, &j);
            if (nx >= 0 && uc_is_letter(nx)) {
                if (wn < sizeof word - 1) word[wn++] = '\'';
                continue;
            }
        }
        if (wordch) {
            int32_t lc = cp < 0x80 ? (cp >= 'A' && cp <= 'Z' ? cp + 32 : cp)
                                   : utf8proc_tolower(cp);
            char enc[4];
            int k = cp < 0x80 ? (enc[0] = (char)lc, 1) : utf8_put(enc, lc);
            if (wn + (size_t)k < sizeof word - 1) {
                memcpy(word + wn, enc, (size_t)k);
                wn += (size_t)k;
            }
            continue;
        }
        if (wn > 0) {
            words++;
            if (word_in(scope_enders, word, wn)) {
                negated = 0;
                boundary = 1;
            }
            rc = fn(arg, word, wn, o->negation && negated, boundary);
            if (rc) goto done;
            boundary = 0;
            if (o->negation && is_negator(word, wn)) negated = 1;
            wn = 0;
        }
        if (cp < 0) continue;
        if (cp == '!' || cp == '?') {
            rc = fn(arg, cp == '!' ? "!" : "?", 1, 0, 1);
            if (rc) goto done;
        }
        switch (cp) {
        case '!':
        case '?': /* they end the clause too */
        case '.':
        case ',':
        case ';':
        case ':':
        case 0x2026: /* … */
            negated = 0;
            boundary = 1;
            break;
        default:
            break;
        }
    }
done:
    if (out_words) *out_words = words;
    return rc;
}

/* ---- features: token ids, then n-gram ids ---- */

typedef struct {
    featvec *fv;
    int ngram;
    uint64_t prev[2]; /* ids of the last two tokens in this clause */
    int nprev;
} fx_state;

/* Above this many entries a full vector is first sorted and merged in
 * place, and grows only when that frees less than half of it: memory is
 * then bounded by the number of distinct features, not of words. */
#define FV_COMPACT_MIN 4096

static int fv_push(featvec *fv, uint64_t id)
{
    /* ids are 48 bits: the model file stores 6 bytes per key, and a
     * chance match of an unknown n-gram stays negligible (n / 2^48) */
    id >>= 16;
    if (fv->keep && !fv->keep(fv->keep_arg, id)) return 0;
    int full = fv->n == fv->cap;
    if (full && fv->cap >= FV_COMPACT_MIN) {
        if (featvec_finish(fv)) return REEL_ENOMEM;
        full = fv->n > fv->cap / 2;
    }
    if (full) {
        size_t cap = fv->cap ? fv->cap * 2 : 256;
        feat *p = realloc(fv->items, cap * sizeof *p);
        if (!p) return REEL_ENOMEM;
        fv->items = p;
        fv->cap = cap;
    }
    fv->items[fv->n].id = id;
    fv->items[fv->n].count = 1;
    fv->n++;
    return 0;
}

static int on_token(void *arg, const char *w, size_t n, int negated, int boundary)
{
    fx_state *st = arg;
    uint64_t h = fnv1a(FNV1A_BASIS, w, n);
    if (negated) h ^= NEG_SALT;
    /* mixed, so that n-gram ids built from token ids spread well */
    h = splitmix64_mix(h);
    if (boundary) st->nprev = 0;
    if (fv_push(st->fv, h)) return REEL_ENOMEM;
    if (st->ngram >= 2 && st->nprev >= 1 &&
        fv_push(st->fv, splitmix64_mix(st->prev[0] * 31 + h + 2)))
        return REEL_ENOMEM;
    if (st->ngram >= 3 && st->nprev >= 2 &&
        fv_push(st->fv, splitmix64_mix((st->prev[1] * 31 + st->prev[0]) * 31 + h + 3)))
        return REEL_ENOMEM;
    st->prev[1] = st->prev[0];
    st->prev[0] = h;
    if (st->nprev < 2) st->nprev++;
    return 0;
}

/* LSD radix sort by id (48 bits, 8 per pass) through tmp; a text has a few
 * hundred features, where this is several times faster than qsort. */
static void sort_feats(feat *a, feat *tmp, size_t n)
{
    if (n < 32) {
        for (size_t i = 1; i < n; i++) {
            feat x = a[i];
            size_t j = i;
            while (j > 0 && a[j - 1].id > x.id) {
                a[j] = a[j - 1];
                j--;
            }
            a[j] = x;
        }
        return;
    }
    feat *src = a, *dst = tmp;
    for (int shift = 0; shift < 48; shift += 8) {
        size_t count[257] = {0};
        for (size_t i = 0; i < n; i++)
            count[((src[i].id >> shift) & 255) + 1]++;
        for (int b = 0; b < 256; b++)
            count[b + 1] += count[b];
        for (size_t i = 0; i < n; i++)
            dst[count[(src[i].id >> shift) & 255]++] = src[i];
        feat *t = src;
        src = dst;
        dst = t;
    }
    /* six passes: the sorted run is back in `a` */
}

int featvec_finish(featvec *fv)
{
    if (fv->n > 1) {
        if (fv->tmp_cap < fv->n) {
            feat *t = realloc(fv->tmp, fv->n * sizeof *t);
            if (!t) return REEL_ENOMEM;
            fv->tmp = t;
            fv->tmp_cap = fv->n;
        }
        sort_feats(fv->items, fv->tmp, fv->n);
    }
    size_t k = 0;
    for (size_t i = 0; i < fv->n; i++) {
        if (k > 0 && fv->items[k - 1].id == fv->items[i].id)
            fv->items[k - 1].count += fv->items[i].count;
        else
            fv->items[k++] = fv->items[i];
    }
    fv->n = k;
    return 0;
}

int features_extract(featvec *fv, const feat_opts *o, const char *s, size_t len)
{
    fx_state st = {.fv = fv, .ngram = o->ngram};
    fv->n = 0;
    fv->words = 0;
    int rc = tokenize(o, s, len, on_token, &st, &fv->words);
    return rc ? rc : featvec_finish(fv);
}

/* ---- tokens as text ---- */

typedef struct {
    buf *out;
    int marks;
} tx_state;

static int on_token_text(void *arg, const char *w, size_t n, int negated, int boundary)
{
    tx_state *st = arg;
    (void)boundary;
    if (st->out->len && buf_putc(st->out, ' ')) return REEL_ENOMEM;
    if (st->marks && negated && buf_puts(st->out, "NOT_")) return REEL_ENOMEM;
    return buf_append(st->out, w, n);
}

int features_tokens(buf *out, const feat_opts *o, const char *s, size_t len, int marks)
{
    tx_state st = {out, marks};
    return tokenize(o, s, len, on_token_text, &st, NULL);
}
