/* facts.c — the facts an article states about its film (director, cast and
 * characters, crew, studio, dates, rating, runtime, places, awards), each
 * traced to the words it was read from (docs/facts.md). This file drives
 * the extraction: it folds every token once, has the films marked
 * (facts_films.c) and the people found (facts_names.c), then runs the
 * patterns (facts_people.c, facts_misc.c) sentence by sentence, twice:
 * strong ones first so that the weak ones and the anaphora know who plays
 * whom. Facts are deduplicated per article and capped, so hostile input
 * stays linear. Pure: no I/O.
 */
#include "facts.h"

#include <ctype.h>

/* ---------------- tokens ---------------- */

size_t tlen(const fx *x, size_t i)
{
    return x->tok[i].span.end - x->tok[i].span.start;
}
const char *tstr(const fx *x, size_t i)
{
    return x->text + x->tok[i].span.start;
}

int tin(const fx *x, size_t i, const char *const *l)
{
    return i < x->ntok && word_in_ci(l, tstr(x, i), tlen(x, i));
}

int tpunct(const fx *x, size_t i, const char *p)
{
    return i < x->ntok && tlen(x, i) == strlen(p) && !memcmp(tstr(x, i), p, tlen(x, i));
}

int tadjacent(const fx *x, size_t i)
{
    return i > 0 && i < x->ntok && x->tok[i].span.start == x->tok[i - 1].span.end;
}

int tcap(const fx *x, size_t i)
{
    return i < x->ntok && x->tok[i].kind == REEL_TOK_WORD && x->tok[i].cap;
}

int tlower(const fx *x, size_t i)
{
    return i < x->ntok && x->tok[i].kind == REEL_TOK_WORD && !x->tok[i].cap;
}

int is_apos_tok(const fx *x, size_t i)
{
    return tpunct(x, i, "'") || tpunct(x, i, "\xE2\x80\x99");
}

/* Folded forms are interned: a text repeats its words, so each distinct
 * form is stored once in the arena, in the pool x->words, and a token
 * holds its index (4 bytes a token, not a string nor a pointer). The set
 * holds index + 1, 0 for an empty slot. */
typedef struct {
    uint32_t *slot;
    size_t mask, n;
} fold_set;

static uint64_t fold_hash(const char *s, size_t n)
{
    return fnv1a(FNV1A_BASIS, s, n);
}

/* The index in x->words of s[0..n) (no NUL inside), added when new; 0 or
 * REEL_ENOMEM. */
static int fold_intern(fx *x, fold_set *set, reel_arena *a, const char *s, size_t n,
                       uint32_t *id)
{
    if (2 * (set->n + 1) > set->mask + 1) {
        size_t cap = set->mask ? 2 * (set->mask + 1) : 1024;
        uint32_t *t = calloc(cap, sizeof *t);
        if (!t) return REEL_ENOMEM;
        for (size_t i = 0; set->mask && i <= set->mask; i++) {
            if (!set->slot[i]) continue;
            const char *w = x->words[set->slot[i] - 1];
            size_t j = fold_hash(w, strlen(w)) & (cap - 1);
            while (t[j])
                j = (j + 1) & (cap - 1);
            t[j] = set->slot[i];
        }
        free(set->slot);
        set->slot = t;
        set->mask = cap - 1;
    }
    size_t j = fold_hash(s, n) & set->mask;
    for (; set->slot[j]; j = (j + 1) & set->mask) {
        const char *w = x->words[set->slot[j] - 1];
        if (!strncmp(w, s, n) && w[n] == 0) {
            *id = set->slot[j] - 1;
            return 0;
        }
    }
    if (x->nwords == x->capwords) {
        /* a token's form fits in 32 bits: tokens are indexed by 32-bit
         * offsets into a text under 4 GiB */
        size_t cap = x->capwords ? 2 * x->capwords : 1024;
        const char **w = realloc(x->words, cap * sizeof *w);
        if (!w) return REEL_ENOMEM;
        x->words = w;
        x->capwords = cap;
    }
    char *f = arena_strndup(a, s, n);
    if (!f) return REEL_ENOMEM;
    x->words[x->nwords] = f;
    set->slot[j] = (uint32_t)x->nwords + 1;
    set->n++;
    *id = (uint32_t)x->nwords++;
    return 0;
}

/* Fold one token: an ASCII fast path (most tokens), utf8proc otherwise.
 * A possessive ending is cut off and flagged. */
static int fold_one(fx *x, size_t i, fold_set *set, reel_arena *a, char *f)
{
    const char *s = tstr(x, i);
    size_t n = tlen(x, i);
    if (x->tok[i].kind == REEL_TOK_WORD) {
        if (n > 2 && s[n - 2] == '\'' && (s[n - 1] == 's' || s[n - 1] == 'S')) {
            n -= 2;
            x->tflag[i] |= TF_POSS;
        } else if (n > 4 && !memcmp(s + n - 4, "\xE2\x80\x99", 3) &&
                   (s[n - 1] == 's' || s[n - 1] == 'S')) {
            n -= 4;
            x->tflag[i] |= TF_POSS;
        } else if (n > 1 && (s[n - 1] == 's' || s[n - 1] == 'S') &&
                   is_apos_tok(x, i + 1) && tadjacent(x, i + 1) &&
                   (i + 2 >= x->ntok || !tadjacent(x, i + 2))) {
            x->tflag[i] |= TF_POSS; /* Banderas’ performance */
        }
    }
    /* ASCII, or ASCII with curly apostrophes ("it’s"): the fast path */
    int ascii = 1;
    for (size_t k = 0; k < n && ascii; k++)
        if ((unsigned char)s[k] >= 0x80) {
            if (k + 3 <= n && !memcmp(s + k, "\xE2\x80\x99", 3))
                k += 2;
            else
                ascii = 0;
        }
    if (ascii) {
        /* f holds at least n + 1 bytes */
        size_t o = 0;
        int space = 0;
        if (n == 1 && s[0] == '&') {
            /* only a lone "&" becomes "and" */
            memcpy(f, "and", 3);
            o = 3;
        } else {
            for (size_t k = 0; k < n; k++) {
                unsigned char c = (unsigned char)s[k];
                if (c == '\'') continue;
                if (c == 0xE2) { /* ’ */
                    k += 2;
                    continue;
                }
                if (c == '&') {
                    space = 1;
                    continue;
                }
                if (isalnum(c)) {
                    if (space && o) f[o++] = ' ';
                    space = 0;
                    f[o++] = (char)tolower(c);
                } else {
                    space = 1;
                }
            }
        }
        return fold_intern(x, set, a, f, o, &x->wid[i]);
    }
    char *m = reel_fold(s, n);
    if (!m) return REEL_ENOMEM;
    int rc = fold_intern(x, set, a, m, strlen(m), &x->wid[i]);
    free(m);
    return rc;
}

static int fold_tokens(fx *x, reel_arena *a)
{
    fold_set set = {0};
    size_t longest = 3;
    for (size_t i = 0; i < x->ntok; i++)
        if (tlen(x, i) > longest) longest = tlen(x, i);
    char *f = malloc(longest + 1);
    int rc = f ? 0 : REEL_ENOMEM;
    for (size_t i = 0; i < x->ntok && !rc; i++)
        rc = fold_one(x, i, &set, a, f);
    free(f);
    free(set.slot);
    return rc;
}

/* ---------------- output ---------------- */

int context_film(const fx *x)
{
    if (x->sent_other >= 0 && !x->sent_subject) return x->sent_other;
    return -1;
}

static int same_fact(const fx_fact *f, const char *pred, const char *norm, int film)
{
    return f->film == film && !strcmp(f->predicate, pred) && !strcmp(f->norm, norm);
}

/* Is a character name "better" than another: a name over a description,
 * a longer name that contains the shorter. */
static int better_qualifier(const char *nq, const char *old)
{
    if (!old) return nq != NULL;
    if (!nq) return 0;
    int ncap = isupper((unsigned char)nq[0]) || (unsigned char)nq[0] >= 0x80;
    int ocap = isupper((unsigned char)old[0]) || (unsigned char)old[0] >= 0x80;
    if (ncap != ocap) return ncap;
    return strlen(nq) > strlen(old) && strstr(nq, old) != NULL;
}

static int emit_one(fx *x, const char *pred, const char *value, size_t vlen,
                    const char *norm, const char *qual, size_t qlen, int film, size_t sa,
                    size_t sb, double conf)
{
    reel_arena *a = x->doc->arena;
    char *nq = qual && qlen ? arena_strndup(a, qual, qlen) : NULL;
    if (qual && qlen && !nq) return REEL_ENOMEM;
    for (size_t k = 0; k < x->nfacts; k++) {
        fx_fact *f = &x->facts[k];
        if (!same_fact(f, pred, norm, film)) continue;
        if (better_qualifier(nq, f->qualifier)) f->qualifier = nq;
        if (conf > f->confidence) {
            f->confidence = conf;
            f->span.start = sa;
            f->span.end = sb;
            f->sentence = x->sent;
        }
        return 0;
    }
    if (x->nfacts >= FX_MAX_FACTS) return 0;
    fx_fact *f = &x->facts[x->nfacts];
    f->predicate = pred;
    f->value = arena_strndup(a, value, vlen);
    f->norm = arena_strdup(a, norm);
    f->qualifier = nq;
    f->film = film;
    f->span.start = sa;
    f->span.end = sb;
    f->sentence = x->sent;
    f->confidence = conf;
    if (!f->value || !f->norm) return REEL_ENOMEM;
    x->nfacts++;
    return 0;
}

int fx_emit(fx *x, const char *pred, const char *value, size_t vlen, const char *norm,
            const char *qual, size_t qlen, int film, size_t span_a, size_t span_b,
            double conf)
{
    char *own = NULL;
    int rc = 0;
    if (!norm) {
        own = reel_fold(value, vlen);
        if (!own) return REEL_ENOMEM;
        norm = own;
    }
    if (!*norm) goto done;
    if (film == -2) film = context_film(x);
    if (film >= 0 && !x->sent_subject) {
        /* every other film the sentence names, when it names no subject */
        for (size_t t = x->sa; t < x->sb && !rc; t++) {
            int32_t k = occ_at(x, t);
            if (k < 0 || x->occ[k].a != t || x->occ[k].film < 0) continue;
            rc = emit_one(x, pred, value, vlen, norm, qual, qlen, x->occ[k].film, span_a,
                          span_b, conf);
        }
        goto done;
    }
    rc = emit_one(x, pred, value, vlen, norm, qual, qlen, film, span_a, span_b, conf);
done:
    free(own);
    return rc;
}

int fx_emit_person(fx *x, const char *pred, int p, const char *qual, size_t qlen,
                   int film, size_t ta, size_t tb, double conf)
{
    if (p < 0) return 0;
    p = person_resolve(x, p);
    const fx_person *q = &x->people[p];
    if (tb <= ta) tb = ta + 1;
    return fx_emit(x, pred, q->name, strlen(q->name), q->key, qual, qlen, film,
                   x->tok[ta].span.start, x->tok[tb - 1].span.end, conf);
}

/* ---------------- driver ---------------- */

static const char *const film_nouns[] = {"film", "movie", "picture", NULL};

static void sentence_context(fx *x)
{
    x->sent_subject = 0;
    x->sent_other = -1;
    for (size_t i = x->sa; i < x->sb; i++) {
        if (x->tflag[i] & TF_SUBJECT) x->sent_subject = 1;
        if ((x->tflag[i] & TF_FILM_START) && x->sent_other < 0) {
            size_t n;
            int f = film_at(x, i, &n);
            if (f >= 0) x->sent_other = f;
        }
        /* "the film", "this movie": the subject, spoken of */
        if (tin(x, i, film_nouns) && i > x->sa &&
            (tis(x, i - 1, "the") || tis(x, i - 1, "this")) &&
            !(i + 1 < x->sb && tis(x, i + 1, "of")))
            x->sent_subject = 1;
    }
}

static int run_sentences(fx *x, int stage)
{
    x->stage = stage;
    x->award_body = x->award_fest = NULL;
    x->award_nseen = 0;
    x->ring_n = 0;
    x->last_char_sent = (size_t)-1;
    for (size_t s = 0; s < x->doc->n_sentences && !x->oom; s++) {
        const reel_sentence *se = &x->doc->sentences[s];
        x->sent = s;
        x->sa = se->tok_start;
        x->sb = se->tok_end;
        x->sent_heading = x->heading[s];
        sentence_context(x);
        if (stage == 1) {
            int rc = awards_in_sentence(x);
            if (rc) return rc;
        }
        for (size_t i = x->sa; i < x->sb; i++) {
            int rc = people_at(x, i);
            if (!rc) rc = misc_at(x, i);
            if (rc) return rc;
            if (x->person_at[i] >= 0) {
                int p = person_resolve(x, x->person_at[i]);
                note_mention(x, p);
                if (x->people[p].roles & R_CHARACTER) x->last_char_sent = s;
            }
        }
    }
    return x->oom ? REEL_ENOMEM : 0;
}

/* A director said outright ("directed by", "Director:", "director X")
 * outweighs one read from a possessive ("Frank Herbert's Dune", "David
 * Lynch's adaptation"), which is as often the book's author or another
 * version's maker: the weaker ones about the same film go, unless the
 * article names the weaker one more often (an interview with the film's
 * director that mentions the maker of an earlier version). */
static void drop_weak_directors(fx *x)
{
    size_t o = 0;
    for (size_t j = 0; j < x->nfacts; j++) {
        const fx_fact *g = &x->facts[j];
        int weak = 0;
        if (!strcmp(g->predicate, "director") && g->confidence < 0.76)
            for (size_t k = 0; k < x->nfacts && !weak; k++) {
                const fx_fact *f = &x->facts[k];
                weak = !strcmp(f->predicate, "director") && f->confidence >= 0.8 &&
                       f->film == g->film && strcmp(g->norm, f->norm) &&
                       fx_person_mentions(x, f->norm) >= fx_person_mentions(x, g->norm);
            }
        if (!weak) x->facts[o++] = *g;
    }
    x->nfacts = o;
}

static int cmp_fact(const void *pa, const void *pb)
{
    const fx_fact *a = pa, *b = pb;
    if (a->span.start != b->span.start) return a->span.start < b->span.start ? -1 : 1;
    int c = strcmp(a->predicate, b->predicate);
    if (c) return c;
    return strcmp(a->norm, b->norm);
}

int analyze_facts(reel_ctx *ctx, reel_doc *doc)
{
    int rc = REEL_OK;
    fx x;
    memset(&x, 0, sizeof x);
    reel_arena *a = arena_new();
    doc->facts = NULL;
    doc->n_facts = 0;
    if (!a) goto oom;
    x.ctx = ctx;
    x.doc = doc;
    x.text = doc->text;
    x.tok = doc->tokens;
    x.ntok = doc->n_tokens;
    if (!doc->text || !doc->n_tokens) goto done;
    x.wid = arena_alloc(a, x.ntok * sizeof *x.wid);
    x.tflag = arena_alloc(a, x.ntok);
    x.person_at = arena_alloc(a, x.ntok * sizeof *x.person_at);
    x.name_len = arena_alloc(a, x.ntok);
    x.phcap = 1;
    while (x.phcap < 2 * FX_MAX_PEOPLE)
        x.phcap *= 2;
    x.phash = arena_alloc(a, x.phcap * sizeof *x.phash);
    x.facts = arena_alloc(a, FX_MAX_FACTS * sizeof *x.facts);
    if (!x.wid || !x.tflag || !x.person_at || !x.name_len || !x.phash || !x.facts)
        goto oom;
    for (size_t i = 0; i < x.ntok; i++)
        x.person_at[i] = -1;
    for (size_t i = 0; i < x.phcap; i++)
        x.phash[i] = -1;
    /* which sentences are headings: blocks and sentences both run in text
     * order, so one walk */
    x.heading = arena_alloc(a, doc->n_sentences + 1);
    if (!x.heading) goto oom;
    for (size_t s = 0, b = 0; s < doc->n_sentences; s++) {
        size_t at = doc->sentences[s].span.start;
        while (b < doc->n_blocks &&
               (doc->blocks[b].boilerplate || doc->blocks[b].span.end <= at))
            b++;
        x.heading[s] = b < doc->n_blocks && doc->blocks[b].kind == REEL_BLOCK_HEADING &&
                       doc->blocks[b].span.start <= at;
        /* a page cut off mid-sentence leaves its last paragraph as a short
         * unpunctuated line the reader takes for a heading: a long last
         * line is still prose */
        if (x.heading[s] &&
            doc->sentences[s].tok_end - doc->sentences[s].tok_start >= 10) {
            size_t nb = b + 1;
            while (nb < doc->n_blocks && doc->blocks[nb].boilerplate)
                nb++;
            if (nb == doc->n_blocks) x.heading[s] = 0;
        }
    }
    if ((rc = fold_tokens(&x, a))) goto oom;
    if ((rc = build_kmask(&x, a))) goto oom; /* before the films: find_titles reads it */
    if ((rc = mark_films(&x))) goto oom;
    if ((rc = collect_people(&x, a))) goto oom;
    if ((rc = run_sentences(&x, 0))) goto oom;
    if ((rc = run_sentences(&x, 1))) goto oom;
    drop_weak_directors(&x);
    if (x.nfacts) {
        qsort(x.facts, x.nfacts, sizeof *x.facts, cmp_fact);
        doc->facts = arena_alloc(doc->arena, x.nfacts * sizeof *doc->facts);
        if (!doc->facts) goto oom;
        for (size_t k = 0; k < x.nfacts; k++) {
            const fx_fact *f = &x.facts[k];
            reel_fact *o = &doc->facts[k];
            o->predicate = f->predicate;
            o->value = f->value;
            o->norm = f->norm;
            o->qualifier = f->qualifier;
            o->about_subject = f->film < 0;
            o->film = f->film < 0 ? doc->subject.title : x.films[f->film].title;
            o->span = f->span;
            o->sentence = f->sentence;
            o->confidence = f->confidence;
        }
        doc->n_facts = x.nfacts;
    }
    goto done;
oom:
    rc = reel_error(ctx, REEL_ENOMEM, "%s: out of memory in the facts analyzer",
                    doc->source ? doc->source : "document");
done:
    free(x.films);
    free(x.occ);
    free(x.ohash);
    free(x.words);
    free(x.people);
    arena_free(a);
    return rc;
}
