/* facts_names.c — people in an article, for the facts analyzer: the runs of
 * capitalised words that name people ("Guillermo del Toro", "J. K.
 * Rowling", "Mrs. Park", "Clifton Collins Jr."), their resolution within
 * the article ("Almodóvar" → "Pedro Almodóvar", by hashing first and last
 * words, so linear on any input) and the recency ring anaphora reads
 * ("the director", "he").
 */
#include "facts.h"

#include <ctype.h>

/* ---------------- people ---------------- */

/* Lower-case words that join a name's parts: "Guillermo del Toro". */
static const char *const particles[] = {"de",  "del", "della", "di",  "da",  "dos", "das",
                                        "du",  "van", "von",   "der", "den", "la",  "le",
                                        "bin", "ibn", "al",    "st",  "ter", "ten", NULL};

static uint64_t fnv(const char *s)
{
    return hash_bytes(s, strlen(s));
}

static int person_find(const fx *x, const char *key)
{
    size_t m = x->phcap - 1, i = fnv(key) & m;
    while (x->phash[i] >= 0) {
        if (!strcmp(x->people[x->phash[i]].key, key)) return x->phash[i];
        i = (i + 1) & m;
    }
    return -1;
}

static int person_add(fx *x, reel_arena *a, const char *name, size_t len, const char *key,
                      int words)
{
    int p = person_find(x, key);
    if (p >= 0) {
        x->people[p].mentions++;
        return p;
    }
    if (x->npeople >= FX_MAX_PEOPLE) return -1;
    if (x->npeople == x->cappeople) {
        size_t cap = x->cappeople ? x->cappeople * 2 : 64;
        fx_person *np = realloc(x->people, cap * sizeof *np);
        if (!np) {
            x->oom = 1;
            return -1;
        }
        x->people = np;
        x->cappeople = cap;
    }
    fx_person *q = &x->people[x->npeople];
    memset(q, 0, sizeof *q);
    q->name = arena_strndup(a, name, len);
    q->key = arena_strdup(a, key);
    if (!q->name || !q->key) {
        x->oom = 1;
        return -1;
    }
    q->words = words;
    q->mentions = 1;
    q->first = q->key;
    const char *sp = strchr(q->key, ' ');
    q->first_len = sp ? (size_t)(sp - q->key) : strlen(q->key);
    const char *ls = strrchr(q->key, ' ');
    q->last = ls ? ls + 1 : q->key;
    q->last_len = strlen(q->last);
    q->full = -1;
    q->isp = -1;
    size_t m = x->phcap - 1, i = fnv(key) & m;
    while (x->phash[i] >= 0)
        i = (i + 1) & m;
    x->phash[i] = (int32_t)x->npeople;
    return (int)x->npeople++;
}

/* A word token that can be part of a name. */
static int name_word(const fx *x, size_t i)
{
    if (!tcap(x, i)) return 0;
    if (x->tflag[i] & (TF_SUBJECT | TF_FILM)) return 0;
    /* ALL-CAPS words of two letters or more are acronyms and headlines */
    const char *s = tstr(x, i);
    size_t n = tlen(x, i), upper = 0, letters = 0;
    for (size_t k = 0; k < n; k++)
        if (isalpha((unsigned char)s[k])) {
            letters++;
            if (isupper((unsigned char)s[k])) upper++;
        }
    if (letters >= 2 && upper == letters) return 0;
    /* "A-list", "B-movie", "X-ray": a letter and a hyphen */
    if (n > 2 && s[1] == '-') return 0;
    return 1;
}

static const char *const headline_verbs[] = {
    "talks", "says",  "reveals", "discusses", "explains",  "opens",   "shares",    "gets",
    "is",    "was",   "returns", "joins",     "breaks",    "on",      "in",        "and",
    "to",    "at",    "for",     "with",      "reflects",  "recalls", "remembers", "wins",
    "takes", "makes", "defends", "responds",  "addresses", NULL};

static int in_lower(const char *w, const uint64_t *lower, size_t lcap)
{
    uint64_t h = hash_bytes(w, strlen(w)) | 1;
    size_t m = lcap - 1, k = h & m;
    while (lower[k]) {
        if (lower[k] == h) return 1;
        k = (k + 1) & m;
    }
    return 0;
}

/* "Oscar Isaac": the award's word as a first name, when a capitalised word
 * that no award phrase uses follows it on the same line. */
static int oscar_name(const fx *x, size_t i, size_t end)
{
    static const char *const award_next[] = {
        "winner",      "winners",     "winning",  "nominee", "nominees", "nominated",
        "nomination",  "nominations", "season",   "race",    "night",    "ceremony",
        "campaign",    "contender",   "glory",    "buzz",    "best",     "for",
        "award",       "awards",      "telecast", "host",    "hopeful",  "nod",
        "nods",        "gold",        "voters",   "talk",    "favorite", "favourite",
        "frontrunner", "history",     NULL};
    if (!tis(x, i, "oscar") || i + 1 >= end) return 0;
    if (x->tok[i + 1].span.start != x->tok[i].span.end + 1 ||
        x->text[x->tok[i].span.end] != ' ')
        return 0;
    return name_word(x, i + 1) && !tk(x, i + 1, M_NOTNAME) &&
           !tin(x, i + 1, award_next) && !(x->tflag[i] & TF_POSS);
}

/* Scan a name run from token i within [i, end): its end (exclusive). */
static size_t scan_name(fx *x, size_t i, size_t end, const uint64_t *lower, size_t lcap)
{
    /* "Mrs. Park", "Dr. Mallo": a title keeps its name */
    static const char *const titles[] = {"mr",   "mrs",  "ms",  "dr",  "mme", "mlle",
                                         "lt",   "capt", "sgt", "col", "gen", "det",
                                         "prof", "rev",  "st",  NULL};
    if (tin(x, i, titles) && tpunct(x, i + 1, ".") && tadjacent(x, i + 1) &&
        i + 2 < end && name_word(x, i + 2) &&
        x->tok[i + 2].span.start == x->tok[i + 1].span.end + 1 &&
        !tk(x, i + 2, M_NOTNAME)) {
        size_t e = scan_name(x, i + 2, end, NULL, 0);
        return e > i + 2 ? e : i;
    }
    if (!name_word(x, i) || (tk(x, i, M_NOTNAME | M_DEMONYM) && !oscar_name(x, i, end)))
        return i;
    /* a sentence-initial word the text also uses in lower case */
    if (i == x->sa && lower) {
        uint64_t h = fnv(tfold(x, i)) | 1;
        size_t m = lcap - 1, k = h & m;
        while (lower[k]) {
            if (lower[k] == h) return i;
            k = (k + 1) & m;
        }
    }
    size_t j = i + 1;
    if (x->tflag[i] & TF_POSS) return j;
    while (j < end && j - i < FX_MAX_NAME) {
        /* a line break ends a name: credit blocks put one name a line */
        char gap = x->text[x->tok[j - 1].span.end];
        if (gap == '\n' || gap == '\r' || gap == '\t') break;
        if (x->tok[j].span.start != x->tok[j - 1].span.end + 1) {
            /* initials: "J. K. Rowling" */
            if (tpunct(x, j, ".") && tadjacent(x, j) && tlen(x, j - 1) == 1 &&
                j + 1 < end && name_word(x, j + 1) &&
                x->tok[j + 1].span.start == x->tok[j].span.end + 1) {
                j++;
                continue;
            }
            break;
        }
        if (tpunct(x, j, ".")) break;
        /* "Clifton Collins Jr." keeps its dot */
        if ((tis(x, j, "jr") || tis(x, j, "sr")) && tpunct(x, j + 1, ".") &&
            tadjacent(x, j + 1)) {
            j += 2;
            break;
        }
        /* a Title Case headline runs a name into the words after it
         * ("Director George Miller Talks Stunts"): a third word the text
         * also writes in lower case, or a headline verb, ends it */
        if (x->sent_heading && j - i >= 2 && lower &&
            (in_lower(tfold(x, j), lower, lcap) || tin(x, j, headline_verbs)))
            break;
        if (name_word(x, j) && !tk(x, j, M_NOTNAME | M_DEMONYM)) {
            j++;
            if (x->tflag[j - 1] & TF_POSS) break;
            continue;
        }
        if (tin(x, j, particles) && j + 1 < end && name_word(x, j + 1) &&
            x->tok[j + 1].span.start == x->tok[j].span.end + 1) {
            j++;
            continue;
        }
        break;
    }
    /* a lone initial is no name */
    if (j == i + 1 && tlen(x, i) == 1) return i;
    return j;
}

/* The folded key of tokens [s, e) without the possessive, in b (reused
 * from name to name: person_add keeps its own copy of a new key, so a
 * name said a million times costs no memory). NULL when out of memory. */
static const char *run_key(fx *x, buf *b, size_t s, size_t e)
{
    b->len = 0;
    for (size_t t = s; t < e; t++) {
        if (!*tfold(x, t)) continue;
        if (b->len) buf_putc(b, ' ');
        buf_puts(b, tfold(x, t));
    }
    if (buf_reserve(b, 0)) return NULL;
    b->data[b->len] = 0;
    return b->data;
}

/* The written form of a name without its possessive ending. */
static size_t name_text_end(const fx *x, size_t last)
{
    size_t e = x->tok[last].span.end;
    if (x->tflag[last] & TF_POSS) {
        const char *s = x->text + x->tok[last].span.start;
        size_t n = tlen(x, last);
        if (n > 2 && s[n - 2] == '\'')
            e -= 2;
        else if (n > 4 && !memcmp(s + n - 4, "\xE2\x80\x99", 3))
            e -= 4;
    }
    return e;
}

/* Insert h into the open-addressing set t of cap slots (h is never 0). */
static void lower_add(uint64_t *t, size_t cap, uint64_t h)
{
    size_t m = cap - 1, k = h & m;
    while (t[k] && t[k] != h)
        k = (k + 1) & m;
    t[k] = h;
}

/* The set of hashes of the words the text uses in lower case, sized by
 * the distinct words (at most half full), not by the tokens: a long text
 * repeats its words. In the arena; its size in *out_cap. */
static uint64_t *lower_words(fx *x, reel_arena *a, size_t *out_cap)
{
    size_t cap = 64, n = 0;
    uint64_t *t = calloc(cap, sizeof *t);
    if (!t) return NULL;
    for (size_t i = 0; i < x->ntok; i++) {
        if (!tlower(x, i) || !*tfold(x, i)) continue;
        if (2 * (n + 1) > cap) {
            uint64_t *g = calloc(2 * cap, sizeof *g);
            if (!g) {
                free(t);
                return NULL;
            }
            for (size_t k = 0; k < cap; k++)
                if (t[k]) lower_add(g, 2 * cap, t[k]);
            free(t);
            t = g;
            cap *= 2;
        }
        uint64_t h = fnv(tfold(x, i)) | 1;
        size_t m = cap - 1, k = h & m;
        while (t[k] && t[k] != h)
            k = (k + 1) & m;
        if (!t[k]) n++;
        t[k] = h;
    }
    uint64_t *out = arena_alloc(a, cap * sizeof *out);
    if (out) memcpy(out, t, cap * sizeof *out);
    free(t);
    *out_cap = cap;
    return out;
}

int collect_people(fx *x, reel_arena *a)
{
    /* words the text uses in lower case: a capitalised one at the start of
     * a sentence is then an ordinary word ("Still", "Many") */
    size_t lcap = 0;
    uint64_t *lower = lower_words(x, a, &lcap);
    if (!lower) return REEL_ENOMEM;
    buf kb;
    buf_init(&kb);
    for (size_t s = 0; s < x->doc->n_sentences; s++) {
        const reel_sentence *se = &x->doc->sentences[s];
        x->sa = se->tok_start;
        x->sb = se->tok_end;
        x->sent_heading = x->heading[s];
        if (!x->sent_heading) {
            /* a Title Case line the reader did not mark as a heading:
             * most of its words capitalised */
            size_t words = 0, caps = 0;
            for (size_t i = se->tok_start; i < se->tok_end && i < se->tok_start + 40; i++)
                if (x->tok[i].kind == REEL_TOK_WORD && !tpunct(x, i, ".")) {
                    words++;
                    caps += tcap(x, i) != 0;
                }
            x->sent_heading = words >= 5 && caps * 10 >= words * 8;
        }
        for (size_t i = se->tok_start; i < se->tok_end; i++) {
            size_t e = scan_name(x, i, se->tok_end, lower, lcap);
            if (e == i) continue;
            const char *key = run_key(x, &kb, i, e);
            if (!key) {
                buf_free(&kb);
                return REEL_ENOMEM;
            }
            if (!*key) continue;
            size_t ts = x->tok[i].span.start, te = name_text_end(x, e - 1);
            int words = 0;
            for (size_t t = i; t < e; t++)
                words += x->tok[t].kind == REEL_TOK_WORD && !tpunct(x, t, ".");
            int p = person_add(x, a, x->text + ts, te - ts, key, words);
            if (x->oom) {
                buf_free(&kb);
                return REEL_ENOMEM;
            }
            if (p >= 0) {
                x->person_at[i] = (int16_t)p;
                x->name_len[i] = (uint8_t)(e - i);
            }
            i = e - 1;
        }
    }
    buf_free(&kb);
    /* a single word resolves to the full name it is the first or last word
     * of, the most mentioned one when several fit: one hash of the words of
     * full names, so this stays linear */
    size_t wcap = 64;
    while (wcap < x->npeople * 4)
        wcap *= 2;
    uint64_t *wh = arena_alloc(a, wcap * sizeof *wh);
    int32_t *wp = arena_alloc(a, wcap * sizeof *wp);
    if (!wh || !wp) return REEL_ENOMEM;
    for (size_t p = 0; p < x->npeople; p++) {
        fx_person *r = &x->people[p];
        if (r->words < 2) continue;
        for (int side = 0; side < 2; side++) {
            char w[128];
            const char *src = side ? r->last : r->first;
            size_t n = side ? r->last_len : r->first_len;
            if (n == 0 || n >= sizeof w) continue;
            memcpy(w, src, n);
            w[n] = 0;
            uint64_t h = fnv(w) | 1;
            size_t m = wcap - 1, k = h & m;
            while (wh[k] && wh[k] != h)
                k = (k + 1) & m;
            if (!wh[k] || x->people[wp[k]].mentions < r->mentions) {
                wh[k] = h;
                wp[k] = (int32_t)p;
            }
        }
    }
    for (size_t p = 0; p < x->npeople; p++) {
        fx_person *q = &x->people[p];
        if (q->words != 1) continue;
        uint64_t h = fnv(q->key) | 1;
        size_t m = wcap - 1, k = h & m;
        while (wh[k] && wh[k] != h)
            k = (k + 1) & m;
        if (!wh[k]) continue;
        q->full = wp[k];
        fx_person *r = &x->people[wp[k]];
        if (!strcmp(r->last, q->key))
            r->last_alone += q->mentions;
        else
            r->first_alone += q->mentions;
    }
    return 0;
}

int person_resolve(fx *x, int p)
{
    if (p < 0) return p;
    return x->people[p].full >= 0 ? x->people[p].full : p;
}

size_t name_at(fx *x, size_t i, int *person)
{
    if (i >= x->sb || i < x->sa || x->person_at[i] < 0) return 0;
    size_t n = x->name_len[i];
    if (i + n > x->sb) return 0;
    *person = person_resolve(x, x->person_at[i]);
    return n;
}

int name_before(fx *x, size_t i, size_t *start, int *person)
{
    size_t lo = i > FX_MAX_NAME ? i - FX_MAX_NAME : 0;
    if (lo < x->sa) lo = x->sa;
    for (size_t s = i; s-- > lo;) {
        if (x->person_at[s] >= 0 && s + x->name_len[s] == i) {
            *start = s;
            *person = person_resolve(x, x->person_at[s]);
            return 1;
        }
    }
    return 0;
}

void person_role(fx *x, int p, unsigned roles)
{
    if (p >= 0) x->people[person_resolve(x, p)].roles |= roles;
}

/* Recency: the latest people named, newest last; anaphora looks back
 * through them only, so it costs the same on any input. */
void note_mention(fx *x, int p)
{
    size_t n = x->ring_n, cap = sizeof x->ring / sizeof x->ring[0];
    for (size_t k = 0; k < n; k++)
        if (x->ring[k] == p) {
            memmove(&x->ring[k], &x->ring[k + 1], (n - k - 1) * sizeof x->ring[0]);
            n--;
            break;
        }
    if (n == cap) {
        memmove(&x->ring[0], &x->ring[1], (cap - 1) * sizeof x->ring[0]);
        n--;
    }
    x->ring[n++] = p;
    x->ring_n = n;
}

int antecedent(fx *x, unsigned want, unsigned avoid)
{
    for (size_t k = x->ring_n; k-- > 0 && want;) {
        unsigned r = x->people[x->ring[k]].roles;
        if ((r & want) && !(r & avoid)) return x->ring[k];
    }
    for (size_t k = x->ring_n; k-- > 0;) {
        unsigned r = x->people[x->ring[k]].roles;
        if (!(r & avoid) && x->people[x->ring[k]].words >= 1) return x->ring[k];
    }
    return -1;
}

int fx_person_mentions(const fx *x, const char *key)
{
    int p = person_find(x, key);
    if (p < 0) return 0;
    const fx_person *q = &x->people[p];
    return q->mentions + q->first_alone + q->last_alone;
}
