/* subject_cands.c — the subject analyzer's candidates and the passes that
 * weigh them as a whole: a hash index of candidate titles by film key (so
 * every pass is linear in the candidates), the title forms of the page's
 * lines added as candidates, the headline and URL slug matched, shorter
 * forms counted into the longest consistent one ("Mad Max" and "Fury Road"
 * into "Mad Max: Fury Road"), names made of people's names, and, when
 * nothing else is chosen, the title that opens the article.
 */
#include "subject.h"

#include <ctype.h>
#include <strings.h>

/* ---- a set of hashed words (lower case) ---- */

uint64_t sc_hash_lower(const char *s, size_t n)
{
    uint64_t h = HASH_BASIS;
    for (size_t i = 0; i < n; i++)
        h = fnv1a_step(h, (unsigned char)tolower((unsigned char)s[i]));
    return h | 1;
}

int sc_hset_add(hset *h, uint64_t k)
{
    if (2 * (h->n + 1) > h->cap) {
        size_t cap = h->cap ? 2 * h->cap : 64;
        uint64_t *slots = calloc(cap, sizeof *slots);
        if (!slots) return REEL_ENOMEM;
        for (size_t j = 0; j < h->cap; j++) {
            if (!h->slots[j]) continue;
            size_t i = h->slots[j] & (cap - 1);
            while (slots[i])
                i = (i + 1) & (cap - 1);
            slots[i] = h->slots[j];
        }
        free(h->slots);
        h->slots = slots;
        h->cap = cap;
    }
    size_t i = k & (h->cap - 1);
    while (h->slots[i] && h->slots[i] != k)
        i = (i + 1) & (h->cap - 1);
    if (!h->slots[i]) h->n++;
    h->slots[i] = k;
    return 0;
}

int sc_hset_has(const hset *h, uint64_t k)
{
    if (!h->cap) return 0;
    size_t i = k & (h->cap - 1);
    while (h->slots[i]) {
        if (h->slots[i] == k) return 1;
        i = (i + 1) & (h->cap - 1);
    }
    return 0;
}

/* ---- candidates ---- */

static uint64_t hash_key(const char *key)
{
    return hash_bytes(key, strlen(key));
}

/* Rebuild the index at twice the items' capacity (load <= 1/2). */
static int cands_reindex(cands *cs)
{
    size_t cap = cs->cap * 2;
    size_t *ix = calloc(cap, sizeof *ix);
    if (!ix) return -1;
    for (size_t i = 0; i < cs->n; i++) {
        size_t j = hash_key(cs->items[i].key) & (cap - 1);
        while (ix[j])
            j = (j + 1) & (cap - 1);
        ix[j] = i + 1;
    }
    free(cs->index);
    cs->index = ix;
    cs->index_cap = cap;
    return 0;
}

/* The candidate with this key, or NULL; *slot gets the empty index slot
 * where it would go. */
cand *sc_cand_find(const cands *cs, const char *key, size_t *slot)
{
    if (!cs->index_cap) return NULL;
    size_t j = hash_key(key) & (cs->index_cap - 1);
    for (; cs->index[j]; j = (j + 1) & (cs->index_cap - 1)) {
        cand *c = &cs->items[cs->index[j] - 1];
        if (strcmp(c->key, key) == 0) return c;
    }
    if (slot) *slot = j;
    return NULL;
}

cand *sc_cand_get(cands *cs, const char *key)
{
    size_t j = 0;
    cand *found = sc_cand_find(cs, key, &j);
    if (found) return found;
    if (cs->n == cs->cap) {
        size_t cap = cs->cap ? cs->cap * 2 : 32;
        cand *p = realloc(cs->items, cap * sizeof *p);
        if (!p) return NULL;
        cs->items = p;
        cs->cap = cap;
        if (cands_reindex(cs)) return NULL;
        sc_cand_find(cs, key, &j);
    }
    cand *c = &cs->items[cs->n];
    memset(c, 0, sizeof *c);
    c->key = strdup(key);
    if (!c->key) return NULL;
    cs->index[j] = ++cs->n;
    return c;
}

void sc_cands_free(cands *cs)
{
    for (size_t i = 0; i < cs->n; i++) {
        free(cs->items[i].key);
        free(cs->items[i].surface);
    }
    free(cs->items);
    free(cs->index);
}

/* "Tron: Legacy director Kim Lee …": a weak form that ends at a colon
 * ("X: what the piece says") misreads a title with a colon in it when the
 * words after the colon complete a title the text names elsewhere. */
static int colon_inside_title(const cands *cs, const char *line, size_t len, size_t start,
                              size_t end)
{
    if (end + 2 >= len || line[end] != ':' || line[end + 1] != ' ') return 0;
    size_t p = end + 2;
    for (int words = 0; p < len && words < 8; words++) {
        size_t e = p;
        while (e < len && line[e] != ' ')
            e++;
        unsigned char c = (unsigned char)line[p];
        if (!isupper(c) && !isdigit(c)) return 0;
        char *key = reel_film_key(line + start, e - start);
        int found = key && *key && sc_cand_find(cs, key, NULL) != NULL;
        free(key);
        if (found) return 1;
        p = e + 1;
    }
    return 0;
}

/* The titles a line prints in a reader's forms, as candidates. `off` is
 * the line's offset in the text, or SIZE_MAX for the headline metadata. */
int sc_add_line_titles(cands *cs, const char *line, size_t len, size_t off, int top,
                       size_t text_len)
{
    if (off != SIZE_MAX && off + len > text_len) off = SIZE_MAX;
    line_title lt[8];
    size_t n = subject_line_titles(line, len, top, lt, 8);
    for (size_t i = 0; i < n; i++) {
        if (!lt[i].strong && colon_inside_title(cs, line, len, lt[i].start, lt[i].end))
            continue;
        char *key = reel_film_key(line + lt[i].start, lt[i].end - lt[i].start);
        if (!key) return REEL_ENOMEM;
        int letters = 0;
        for (const char *p = key; *p && !letters; p++)
            letters = !isdigit((unsigned char)*p) && *p != ' ';
        if (!letters) *key = 0; /* "1", "2019": no title */
        cand *k = NULL;
        if (*key && !(k = sc_cand_find(cs, key, NULL))) {
            if (!(k = sc_cand_get(cs, key))) {
                free(key);
                return REEL_ENOMEM;
            }
            k->surface = strndup(line + lt[i].start, lt[i].end - lt[i].start);
            if (!k->surface) {
                free(key);
                return REEL_ENOMEM;
            }
            if (off != SIZE_MAX) {
                k->first = off + lt[i].start;
                k->first_end = off + lt[i].end;
            }
            k->words = 1;
            for (const char *p = k->key; *p; p++)
                k->words += *p == ' ';
        }
        free(key);
        if (!k) continue;
        if (lt[i].weight > k->form) k->form = lt[i].weight;
        if (lt[i].strong) k->strong = 1;
        if (lt[i].marked) k->marked = 1;
        if (top && k->in_title < 1) k->in_title = 1;
    }
    return 0;
}

/* "Director: Jane Campion", "Directed by Jane Campion", "Starring: …". */
int sc_credit_line(const char *s, size_t n)
{
    static const char *const heads[] = {"director", "directed by", "starring",
                                        "stars:",   "cast:",       "written by",
                                        "writer:",  "writers:",    "screenplay",
                                        NULL};
    for (const char *const *h = heads; *h; h++)
        if (n >= strlen(*h) && !strncasecmp(s, *h, strlen(*h))) return 1;
    /* a verdict line under the title: "3 stars", "Rating: 4/5", "Grade: B" */
    static const char *const verdicts[] = {"rating", "grade", "verdict", "score", NULL};
    for (const char *const *h = verdicts; *h; h++)
        if (n >= strlen(*h) && !strncasecmp(s, *h, strlen(*h))) return 1;
    if (n <= 20 && n && isdigit((unsigned char)s[0]) && memmem_ci_ascii(s, n, "star"))
        return 1;
    return 0;
}

/* Does `key` occur in `hay` as whole words? */
int sc_has_words(const char *hay, const char *key)
{
    size_t n = strlen(key);
    for (const char *p = hay; n && (p = strstr(p, key)) != NULL; p++)
        if ((p == hay || p[-1] == ' ') &&
            (p[n] == 0 || p[n] == ' ' ||
             (p[n] == 's' && (p[n + 1] == 0 || p[n + 1] == ' '))))
            return 1; /* "top guns": "Top Gun’s" folded */
    return 0;
}

/* Does the URL's path spell the key ("/mad-max-fury-road-review")? */
int sc_in_slug(const char *url, const char *key)
{
    const char *path = strstr(url, "://");
    path = path ? strchr(path + 3, '/') : url;
    if (!path) return 0;
    size_t n = strlen(key);
    if (!n || strlen(path) > 400) return 0;
    for (const char *p = path + 1; *p; p++) {
        size_t i = 0;
        while (i < n && p[i] &&
               (tolower((unsigned char)p[i]) == key[i] ||
                (key[i] == ' ' && strchr("-_+", p[i]))))
            i++;
        if (i == n && !isalnum((unsigned char)p[-1]) && !isalnum((unsigned char)p[n]))
            return 1;
    }
    return 0;
}

/* Count B's shorter forms into it: "Mad Max" and "Fury Road" around
 * "Mad Max: Fury Road" (the head only when the full form is as common or
 * printed as the title, so "Dune" is not "Dune: Part Two"), and
 * "Everywhere All at Once" cut from a sentence-initial "Everything
 * Everywhere All at Once". */
static void absorb(cand *b, cand *h)
{
    if (!h || h == b || h->absorbed) return;
    b->count += h->count;
    if (h->film > 0) b->film += h->film;
    if (h->form > b->form) b->form = h->form;
    b->strong |= h->strong;
    if (h->in_title > b->in_title) b->in_title = h->in_title;
    b->marked |= h->marked;
    if (!b->year) b->year = h->year;
    h->absorbed = 1;
}

int sc_absorb_short_forms(cands *cs)
{
    for (size_t i = 0; i < cs->n; i++) {
        cand *b = &cs->items[i];
        /* a source book's long title does not take the film's name */
        if (b->absorbed || !b->surface || b->source) continue;
        const char *colon = strchr(b->surface, ':');
        if (colon) {
            char *hk = reel_film_key(b->surface, (size_t)(colon - b->surface));
            char *tk = reel_film_key(colon + 1, strlen(colon + 1));
            if (!hk || !tk) {
                free(hk);
                free(tk);
                return REEL_ENOMEM;
            }
            cand *h = *hk ? sc_cand_find(cs, hk, NULL) : NULL;
            /* "Dune: Part Two" is another film than "Dune" */
            static const char *const parts[] = {"part", "chapter", "volume",
                                                "vol",  "episode", NULL};
            int sequel = isdigit((unsigned char)tk[0]);
            for (const char *const *w = parts; *w && !sequel; w++)
                sequel = !strncmp(tk, *w, strlen(*w)) && tk[strlen(*w)] == ' ';
            /* "Top Gun 2" is what "Top Gun: Maverick" was called before */
            /* "Dune" named more than "Dune: Part Two": the series' first
             * film is the topic and the sequel a mention */
            if (sequel && h && h->count > b->count) h->film += 1;
            if (!sequel && *hk && strlen(hk) < 60) {
                char num[64];
                for (char dgt = '2'; dgt <= '4'; dgt++) {
                    snprintf(num, sizeof num, "%s %c", hk, dgt);
                    absorb(b, sc_cand_find(cs, num, NULL));
                }
            }
            if (h && !sequel && (b->count >= h->count || b->strong || b->form >= 4))
                absorb(b, h);
            cand *t = *tk ? sc_cand_find(cs, tk, NULL) : NULL;
            /* a tail of one word may be a character ("Maverick"): only
             * when the full form is printed as the title */
            if (t && (t->words > 1 || b->strong)) absorb(b, t);
            free(hk);
            free(tk);
        }
        const char *sp = strchr(b->key, ' ');
        if (b->words >= 3 && sp && b->strong) {
            cand *t = sc_cand_find(cs, sp + 1, NULL);
            if (t && !t->strong && strchr(sp + 1, ' ')) absorb(b, t);
        }
    }
    return 0;
}

/* "Hardy and Theron", "Gosling and Robbie": names made only of words that
 * are people's first or last names elsewhere in the article. */
int sc_people_words(cands *cs)
{
    hset names = {NULL, 64, 0};
    while (names.cap < cs->n * 4)
        names.cap *= 2;
    names.slots = calloc(names.cap, sizeof *names.slots);
    if (!names.slots) return REEL_ENOMEM;
    for (size_t i = 0; i < cs->n; i++) {
        cand *k = &cs->items[i];
        if (k->not_film != NOT_FILM_PERSON || k->words > 4) continue;
        for (const char *w = k->key; *w;) {
            size_t n = strcspn(w, " ");
            if (sc_hset_add(&names, sc_hash_lower(w, n))) {
                free(names.slots);
                return REEL_ENOMEM;
            }
            w += n;
            while (*w == ' ')
                w++;
        }
    }
    for (size_t i = 0; i < cs->n; i++) {
        cand *k = &cs->items[i];
        if (k->not_film || k->words < 2 || k->words > 5) continue;
        int all = 1, named = 0;
        for (const char *w = k->key; *w && all;) {
            size_t n = strcspn(w, " ");
            if (n == 3 && !memcmp(w, "and", 3)) {
                /* a connector between two names */
            } else if (sc_hset_has(&names, sc_hash_lower(w, n))) {
                named++;
            } else {
                all = 0;
            }
            w += n;
            while (*w == ' ')
                w++;
        }
        if (all && named >= 2) k->person += 3;
        /* "Connelly for Top Gun: Maverick": a person's name, then a
         * joining word: the run is a person and a title run together */
        static const char *const joins[] = {" for ", " with ", " from ", " and ",
                                            " by ",  " as ",   NULL};
        const char *cut = NULL;
        for (const char *const *j = joins; *j; j++) {
            const char *p = strstr(k->key, *j);
            if (p && (!cut || p < cut)) cut = p;
        }
        if (cut && cut > k->key) {
            int left_named = 1;
            for (const char *w = k->key; w < cut && left_named;) {
                size_t n = strcspn(w, " ");
                left_named = sc_hset_has(&names, sc_hash_lower(w, n));
                w += n;
                while (*w == ' ')
                    w++;
            }
            if (left_named) k->person += 3;
        }
        /* "Frances McDormand and David Strathairn": a full name first */
        const char *and = strstr(k->key, " and ");
        if (and) {
            size_t fw = strcspn(k->key, " ");
            if (memchr(k->key, ' ', (size_t)(and-k->key)) &&
                subject_first_name(k->key, fw) && (size_t)(and-k->key) > fw)
                k->person += 3;
        }
        /* "Peele: Damn": a speaker's name before a colon, not a title */
        const char *colon = k->surface ? strchr(k->surface, ':') : NULL;
        if (colon) {
            const char *w = k->key;
            size_t n = strcspn(w, " ");
            if (sc_hset_has(&names, sc_hash_lower(w, n))) k->person += 3;
        }
    }
    free(names.slots);
    return 0;
}

/* Nothing named as a film, on a page that says "the movie" throughout:
 * the title that opens the article ("Get Out broke out."), as a reader
 * takes the lead's subject for what "the movie" refers to. Only a run of
 * two words or more that starts one of the first two sentences and never
 * acts as a person, a place or anything else; NULL when there is none. */
cand *sc_lead_title(const reel_doc *doc, cands *cs)
{
    if (doc->n_sentences < 2) return NULL;
    /* "the movie", "the film" again and again: one film the page is about
     * ("the movie business" once or twice is an industry's) */
    size_t nouns = 0;
    for (size_t i = 1; i < doc->n_tokens && nouns < 3; i++) {
        const reel_token *t = &doc->tokens[i];
        size_t n = t->span.end - t->span.start - sc_possessive_len(doc, t);
        const char *w = doc->text + t->span.start;
        nouns += t->kind == REEL_TOK_WORD && sc_tok_is(doc, t - 1, "the") &&
                 ((n == 4 && !strncasecmp(w, "film", 4)) ||
                  (n == 5 && !strncasecmp(w, "movie", 5)));
    }
    if (nouns < 3) return NULL;
    cand *win = NULL;
    for (size_t i = 0; i < cs->n; i++) {
        cand *k = &cs->items[i];
        if (k->absorbed || !k->count || k->person > 0 || k->not_film || k->other ||
            k->source || k->words < 2)
            continue;
        int opens = 0;
        for (size_t s = 0; s < 2; s++)
            opens |= doc->sentences[s].span.start == k->first;
        if (opens && (!win || k->first < win->first)) win = k;
    }
    return win;
}
