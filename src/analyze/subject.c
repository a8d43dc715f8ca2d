/* subject.c — which film the article is about, apart from the films it
 * merely mentions. Candidates are runs of capitalised words (with the small
 * words titles keep in lower case: "Pain and Glory", "Women on the Verge of
 * a Nervous Breakdown"); each gathers evidence: named in the headline or in
 * quotes there, followed by "(2019)" or a star rating, preceded by a genre
 * word or a possessive ("Almodóvar's Pain & Glory"), how often it recurs.
 * Evidence that a run is a person ("says", "plays", "(Antonio Banderas)",
 * a surname used alone) counts against it. Title variants share a key
 * (reel_film_key), so "Pain & Glory" = "Pain and Glory" = "PAIN AND GLORY".
 */
#include "subject.h"

#include <ctype.h>
#include <math.h>
#include <strings.h>

/* ---- small word sets ---- */

static int tok_is(const reel_doc *d, const reel_token *t, const char *w)
{
    size_t n = t->span.end - t->span.start;
    const char *s = d->text + t->span.start;
    /* most tokens differ at once: the first byte before the call */
    if (n == 0 || tolower((unsigned char)s[0]) != tolower((unsigned char)w[0])) return 0;
    /* w ends at n exactly: a shorter w stops strncasecmp at its NUL */
    return strncasecmp(s, w, n) == 0 && w[n] == 0;
}

static int tok_in(const reel_doc *d, const reel_token *t, const char *const *list)
{
    for (; *list; list++)
        if (tok_is(d, t, *list)) return 1;
    return 0;
}

static const char *const connectors[] = {
    "of",   "and",  "the", "a",   "an",  "in",  "on", "at", "to", "for",
    "with", "from", "by",  "or",  "nor", "but", "as", "vs", "de", "del",
    "la",   "le",   "les", "los", "las", "el",  "y",  "e",  "di", "da",
    "du",   "des",  "von", "van", "der", "den", "il", NULL};

static const char *const genre_words[] = {
    "film",        "movie",   "drama",      "comedy",      "thriller", "documentary",
    "feature",     "picture", "sequel",     "prequel",     "remake",   "musical",
    "western",     "romance", "epic",       "melodrama",   "biopic",   "horror",
    "animation",   "cartoon", "adaptation", "blockbuster", "flick",    "dramedy",
    "satire",      "noir",    "films",      "movies",      "title",    "classic",
    "masterpiece", "hit",     "hits",       "release",     "premiere", "screening",
    "series",      "show",    "version",    NULL};

/* The genre words that name a film and nothing else ("hit", "show" and
 * "release" name songs, programmes and products too). */
static const char *const film_nouns[] = {
    "film",     "movie",  "films", "movies", "documentary", "biopic", "flick",
    "thriller", "comedy", "drama", "sequel", "remake",      NULL};

static const char *const person_after[] = {
    "says",     "said",    "tells",    "told",   "explains", "explained", "recalls",
    "adds",     "added",   "plays",    "played", "portrays", "portrayed", "stars",
    "starred",  "directs", "directed", "wrote",  "writes",   "who",       "himself",
    "herself",  "he",      "she",      "his",    "her",      "whom",      "turns",
    "delivers", "gives",   NULL};

static const char *const person_before[] = {"director",
                                            "directors",
                                            "actor",
                                            "actress",
                                            "star",
                                            "filmmaker",
                                            "writer",
                                            "writer-director",
                                            "composer",
                                            "producer",
                                            "critic",
                                            "by",
                                            "mr",
                                            "mrs",
                                            "ms",
                                            "dr",
                                            "cinematographer",
                                            "editor",
                                            "screenwriter",
                                            "co-star",
                                            "costar",
                                            "collaborator",
                                            "muse",
                                            "auteur",
                                            "novelist",
                                            "author",
                                            "mother",
                                            "father",
                                            "son",
                                            "daughter",
                                            "brother",
                                            "sister",
                                            "wife",
                                            "husband",
                                            "friend",
                                            "lover",
                                            "boyfriend",
                                            "girlfriend",
                                            "named",
                                            "protagonist",
                                            "character",
                                            "assistant",
                                            NULL};

static const char *const film_after[] = {
    "is rated", "opens",    "follows",      "premieres", "premiered", "hits",   "arrives",
    "tells of", "centers",  "centres",      "is a",      "is an",     "is the", "was",
    "is",       "stumbles", "demonstrates", "amounts",   "comes",     NULL};

/* Words of film talk. A page with few of them (a news story about trade
 * or a gadget review) names no film unless a name carries a film's own
 * marks ("the film X", "X (2019)", "X (★★★★)"): otherwise every recurring
 * capitalised name there ("Beijing", "Home Depot") would become a film. */
static const char *const film_vocab[] = {"film",
                                         "films",
                                         "movie",
                                         "movies",
                                         "director",
                                         "directed",
                                         "directs",
                                         "directing",
                                         "starring",
                                         "screenplay",
                                         "cinema",
                                         "cinematic",
                                         "cinematographer",
                                         "cinematography",
                                         "trailer",
                                         "actor",
                                         "actress",
                                         "actors",
                                         "actresses",
                                         "filmmaker",
                                         "filmmakers",
                                         "screening",
                                         "screenings",
                                         "oscar",
                                         "oscars",
                                         "cannes",
                                         "sundance",
                                         "premiere",
                                         "premiered",
                                         "sequel",
                                         "documentary",
                                         "blu-ray",
                                         "dvd",
                                         "scene",
                                         "scenes",
                                         "character",
                                         "characters",
                                         "screenwriter",
                                         "hollywood",
                                         "biopic",
                                         "remake",
                                         "theaters",
                                         "theatres",
                                         "theatrical",
                                         "box-office",
                                         "auteur",
                                         "filmography",
                                         "criterion",
                                         "streaming",
                                         "cast",
                                         "spoilers",
                                         "credits",
                                         "franchise",
                                         "blockbuster",
                                         NULL};

/* Enough film talk that a recurring name may be a title on its own. */
static int film_context(const reel_doc *d)
{
    size_t words = 0, film = 0;
    for (size_t i = 0; i < d->n_tokens; i++) {
        const reel_token *t = &d->tokens[i];
        if (t->kind != REEL_TOK_WORD) continue;
        words++;
        int c = tolower((unsigned char)d->text[t->span.start]);
        if (strchr("fmdscatbhor", c) && tok_in(d, t, film_vocab)) film++;
    }
    /* a few lines (a news item, a pull quote) are too short to judge; a
     * short text (a capsule review) or one with a critic's score may say
     * "film" once (a gadget review with a score says it never) */
    return words < 60 || film >= 8 || (film >= 1 && d->score.found) ||
           (film * 1000 >= 4 * words && (film >= 2 || words < 300));
}

/* Words that start sentences and headlines but are not names. */
static const char *const starters[] = {
    "the",   "a",      "an",       "this",    "that",   "these", "those", "it",
    "its",   "he",     "she",      "they",    "we",     "i",     "you",   "his",
    "her",   "their",  "our",      "my",      "your",   "but",   "and",   "or",
    "so",    "yet",    "still",    "as",      "in",     "on",    "at",    "for",
    "with",  "from",   "by",       "if",      "when",   "while", "after", "before",
    "since", "though", "although", "because", "even",   "there", "here",  "what",
    "who",   "how",    "why",      "where",   "one",    "both",  "all",   "some",
    "many",  "most",   "each",     "every",   "no",     "not",   "then",  "thus",
    "also",  "really", "whatever", "however", "indeed", "time",  "watch", "review",
    "film",  "movie",  NULL};

/* ---- lower-case word set of the document (for sentence-initial words) ---- */

typedef struct {
    uint64_t *slots;
    size_t cap;
} hset;

static uint64_t hash_lower(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)tolower((unsigned char)s[i]);
        h *= 1099511628211ULL;
    }
    return h | 1;
}

static int hset_add(hset *h, uint64_t k)
{
    size_t i = k & (h->cap - 1);
    while (h->slots[i] && h->slots[i] != k)
        i = (i + 1) & (h->cap - 1);
    h->slots[i] = k;
    return 0;
}

static int hset_has(const hset *h, uint64_t k)
{
    size_t i = k & (h->cap - 1);
    while (h->slots[i]) {
        if (h->slots[i] == k) return 1;
        i = (i + 1) & (h->cap - 1);
    }
    return 0;
}

/* ---- candidates ---- */

typedef struct {
    char *key;
    char *surface; /* most frequent written form */
    size_t surface_count;
    size_t count;
    size_t first; /* byte offset of first mention */
    size_t first_end;
    int words;
    int connector;
    double film, person;
    int marked;   /* named as a film outright: "the film X", "X (★★★★)" */
    int in_title; /* 2: named in the headline, 1: in another short line at the top */
    int year;
    double form;  /* the strongest title form a line prints it in (subject_lines.c) */
    int strong;   /* a form that names the film by itself ("X review") */
    int absorbed; /* counted into a longer form of the same title */
    int not_film; /* NOT_FILM_* from its words */
    int speaker;  /* times it opens a line before a colon ("Jane Park: …") */
} cand;

typedef struct {
    cand *items;
    size_t n, cap;
    size_t *index; /* open addressing: item number + 1, 0 = empty */
    size_t index_cap;
} cands;

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
static cand *cand_find(const cands *cs, const char *key, size_t *slot)
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

static cand *cand_get(cands *cs, const char *key)
{
    size_t j = 0;
    cand *found = cand_find(cs, key, &j);
    if (found) return found;
    if (cs->n == cs->cap) {
        size_t cap = cs->cap ? cs->cap * 2 : 32;
        cand *p = realloc(cs->items, cap * sizeof *p);
        if (!p) return NULL;
        cs->items = p;
        cs->cap = cap;
        if (cands_reindex(cs)) return NULL;
        cand_find(cs, key, &j);
    }
    cand *c = &cs->items[cs->n];
    memset(c, 0, sizeof *c);
    c->key = strdup(key);
    if (!c->key) return NULL;
    cs->index[j] = ++cs->n;
    return c;
}

static void cands_free(cands *cs)
{
    for (size_t i = 0; i < cs->n; i++) {
        free(cs->items[i].key);
        free(cs->items[i].surface);
    }
    free(cs->items);
    free(cs->index);
}

static int is_titleword(const reel_token *t)
{
    if (t->kind == REEL_TOK_WORD && t->cap) return 1;
    if (t->kind == REEL_TOK_NUMBER) return 1;
    return 0;
}

/* Possessive "'s" / "’s" at the end of a word token: its length, else 0. */
static size_t possessive_len(const reel_doc *d, const reel_token *t)
{
    const char *s = d->text + t->span.start;
    size_t n = t->span.end - t->span.start;
    if (n > 2 && s[n - 2] == '\'' && (s[n - 1] == 's' || s[n - 1] == 'S')) return 2;
    if (n > 4 && !memcmp(s + n - 4, "\xE2\x80\x99", 3) &&
        (s[n - 1] == 's' || s[n - 1] == 'S'))
        return 4;
    /* "Dune‘s": the opening quote typed for an apostrophe */
    if (n > 4 && !memcmp(s + n - 4, "\xE2\x80\x98", 3) &&
        (s[n - 1] == 's' || s[n - 1] == 'S'))
        return 4;
    /* "Jenkins’", "Coens'": a plural possessive */
    if (n > 2 && s[n - 1] == '\'' && s[n - 2] == 's') return 1;
    if (n > 4 && !memcmp(s + n - 3, "\xE2\x80\x99", 3) && s[n - 4] == 's') return 3;
    return 0;
}

/* Token i ends a possessive: "Villeneuve's", "Jenkins’" (the apostrophe
 * of a plural possessive is a token of its own). */
static int possessive_at(const reel_doc *d, size_t i)
{
    const reel_token *t = &d->tokens[i];
    if (t->kind == REEL_TOK_WORD) return possessive_len(d, t) != 0;
    size_t n = t->span.end - t->span.start;
    const char *s = d->text + t->span.start;
    int apos = (n == 1 && s[0] == '\'') || (n == 3 && !memcmp(s, "\xE2\x80\x99", 3));
    if (!apos || i == 0 || t[-1].span.end != t->span.start || !t[-1].cap) return 0;
    return d->text[t[-1].span.end - 1] == 's';
}

/* Does the text right after `pos` begin with phrase (case-insensitive,
 * skipping one space)? */
static int followed_by(const reel_doc *d, size_t pos, const char *phrase)
{
    size_t i = pos;
    if (i < d->text_len && d->text[i] == ',') return 0;
    while (i < d->text_len && d->text[i] == ' ')
        i++;
    size_t n = strlen(phrase);
    if (i + n > d->text_len) return 0;
    if (memmem_ci_ascii(d->text + i, n, phrase) != d->text + i) return 0;
    return i + n == d->text_len || !isalnum((unsigned char)d->text[i + n]);
}

/* "(2019)" right after: the year, else 0. */
static int year_after(const reel_doc *d, size_t pos)
{
    const char *s = d->text + pos;
    size_t left = d->text_len - pos;
    if (left >= 7 && s[0] == ' ' && s[1] == '(' && isdigit((unsigned char)s[2]) &&
        isdigit((unsigned char)s[5]) && s[6] == ')') {
        int y = atoi(s + 2);
        if (y >= 1880 && y <= 2100) return y;
    }
    return 0;
}

/* A rating in parentheses right after the title: "(★★★★☆)". */
static int rating_after(const reel_doc *d, size_t pos)
{
    const char *s = d->text + pos;
    size_t left = d->text_len - pos;
    return left >= 5 && s[0] == ' ' && s[1] == '(' &&
           (!memcmp(s + 2, "\xE2\x98\x85", 3) || !memcmp(s + 2, "\xE2\x98\x86", 3) ||
            s[2] == '*');
}

/* A quote mark token: ASCII or curly. */
static int is_quote_tok(const reel_doc *d, const reel_token *t)
{
    size_t n = t->span.end - t->span.start;
    const unsigned char *s = (const unsigned char *)d->text + t->span.start;
    if (n == 1) return s[0] == '"' || s[0] == '\'';
    return n == 3 && s[0] == 0xE2 && s[1] == 0x80 && s[2] >= 0x98 && s[2] <= 0x9F;
}

typedef struct {
    const reel_doc *d;
    hset lower;
    cands *cs;
    vec tentative; /* sentence-initial runs decided after the scan */
} ctxs;

typedef struct {
    size_t a, b;
} run;

/* A page label word: "Director", "Title", "Genre". */
static int label_word(const reel_doc *d, const reel_token *w)
{
    char low[24];
    size_t n = w->span.end - w->span.start;
    if (w->kind != REEL_TOK_WORD || n >= sizeof low) return 0;
    for (size_t i = 0; i < n; i++)
        low[i] = (char)tolower((unsigned char)d->text[w->span.start + i]);
    return subject_label(low, n);
}

/* Record one run of title words [a, b) (token indices). */
static int add_run(ctxs *c, size_t a, size_t b, int title_run)
{
    const reel_doc *d = c->d;
    const reel_token *t = d->tokens;
    /* trim connectors at either end */
    while (a < b && !t[a].cap && t[a].kind != REEL_TOK_NUMBER)
        a++;
    while (b > a && !t[b - 1].cap && t[b - 1].kind != REEL_TOK_NUMBER)
        b--;
    /* "Director George Miller", "Title Mad Max": a credit box's label */
    while (b - a > 1 && label_word(d, &t[a])) {
        a++;
        while (a < b && !t[a].cap && t[a].kind != REEL_TOK_NUMBER)
            a++;
    }
    if (a >= b) return 0;
    /* "[Laughs]": a transcript's stage direction */
    if (a > 0 && tok_is(d, &t[a - 1], "[")) return 0;
    /* numbers only: "2019", "10" are not titles */
    int any_word = 0, connector = 0;
    for (size_t i = a; i < b; i++) {
        if (t[i].kind == REEL_TOK_WORD && t[i].cap) any_word = 1;
        if (t[i].kind == REEL_TOK_WORD && !t[i].cap) connector = 1;
    }
    if (!any_word) return 0;
    /* "I", "A": a lone letter is a pronoun or an initial, not a title */
    if (b - a == 1 && t[a].span.end - t[a].span.start == 1) return 0;
    size_t start = t[a].span.start, end = t[b - 1].span.end;
    /* "The Irishman" at a sentence start: the key drops the article anyway,
     * but the title as written keeps it */
    if (a > 0 && tok_is(d, &t[a - 1], "The") && d->text[t[a - 1].span.start] == 'T' &&
        t[a - 1].span.end + 1 == start)
        start = t[a - 1].span.start;
    size_t poss = possessive_len(d, &t[b - 1]);
    end -= poss;
    char *key = reel_film_key(d->text + start, end - start);
    if (!key) return REEL_ENOMEM;
    if (!*key) {
        free(key);
        return 0;
    }
    cand *k = cand_get(c->cs, key);
    free(key);
    if (!k) return REEL_ENOMEM;
    if (k->count == 0) {
        k->first = start;
        k->first_end = end;
        k->words = (int)(b - a);
        k->connector = connector;
    }
    k->count++;
    if (title_run) k->in_title = 1;
    /* surface form: keep the most frequent; ties keep the first */
    if (!k->surface || (k->surface_count < 2 &&
                        strncmp(k->surface, d->text + start, end - start) != 0)) {
        if (!k->surface) {
            k->surface = strndup(d->text + start, end - start);
            k->surface_count = 1;
        }
    } else if (strlen(k->surface) == end - start &&
               !strncmp(k->surface, d->text + start, end - start)) {
        k->surface_count++;
    }
    if (!k->surface) return REEL_ENOMEM;
    /* evidence from the words around */
    if (poss) k->person += 0.5, k->film -= 0; /* "Almodóvar's": someone's */
    if (a > 0) {
        /* "his film “The Favourite”": look past the opening quote */
        size_t pa = a > 1 && is_quote_tok(d, &t[a - 1]) ? a - 1 : a;
        const reel_token *prev = &t[pa - 1];
        /* "to film Dune: Part Two": the verb, not the noun */
        int verb = pa >= 2 && tok_is(d, &t[pa - 2], "to");
        if (prev->kind == REEL_TOK_WORD && !verb && tok_in(d, prev, genre_words)) {
            k->film += 2;
            if (tok_in(d, prev, film_nouns)) k->marked = 1;
        }
        if (possessive_at(d, pa - 1)) k->film += 1;
        if (prev->kind == REEL_TOK_WORD && tok_in(d, prev, person_before)) k->person += 1;
        /* "(Antonio Banderas)" after a name: an actor */
        if (tok_is(d, prev, "(") && b < d->n_tokens && tok_is(d, &t[b], ")") && a >= 2 &&
            t[a - 2].cap)
            k->person += 1.5;
    }
    if (!poss) {
        for (const char *const *p = person_after; *p; p++)
            if (followed_by(d, end, *p)) {
                k->person += 1;
                break;
            }
        for (const char *const *p = film_after; *p; p++)
            if (followed_by(d, end, *p)) {
                k->film += 0.5;
                break;
            }
    }
    /* “Pain and Glory”: a whole quotation that is a name is a title */
    if (a > 0 && b < d->n_tokens && is_quote_tok(d, &t[a - 1]) && is_quote_tok(d, &t[b]))
        k->film += 1;
    /* "Barry Jenkins' shimmering Moonlight": someone's (adjective) X */
    if (a >= 2 && t[a - 1].kind == REEL_TOK_WORD && !t[a - 1].cap &&
        possessive_at(d, a - 2))
        k->film += 1;
    /* "Mad Max: Fury Road": people and places have no colon in them */
    if (memchr(d->text + start, ':', end - start)) k->film += 1;
    /* "Fern (Frances McDormand)": a character, the actor in brackets */
    if (end + 3 < d->text_len && d->text[end] == ' ' && d->text[end + 1] == '(' &&
        isupper((unsigned char)d->text[end + 2])) {
        const char *close = memchr(d->text + end + 2, ')', d->text_len - end - 2);
        size_t n = close ? (size_t)(close - (d->text + end + 2)) : 0;
        int digit = 0;
        for (size_t i = 0; i < n; i++)
            digit |= isdigit((unsigned char)d->text[end + 2 + i]);
        if (close && n < 40 && !digit && memchr(d->text + end + 2, ' ', n))
            k->person += 2;
    }
    /* "Jane Park: How did…" at the start of a line: a speaker */
    if (end < d->text_len && d->text[end] == ':' &&
        (start == 0 || d->text[start - 1] == '\n') &&
        !memchr(d->text + start, ':', end - start))
        k->speaker++;
    /* "Salvador, played by": a character */
    if (end + 2 < d->text_len && d->text[end] == ',' && followed_by(d, end + 1, "played"))
        k->person += 1.5;
    int y = year_after(d, end);
    if (y) {
        k->year = y;
        k->film += 2;
    }
    if (rating_after(d, end)) {
        k->film += 2;
        k->marked = 1;
    }
    return 0;
}

/* "Mad Max: Fury Road": the colon at token b joins two capitalised runs
 * into one title, unless the left part is a label ("Director: Jane
 * Campion", "Drive My Car Cast: …", "Review: Dune"). */
static int colon_joins(const reel_doc *d, size_t a, size_t b, size_t to)
{
    const reel_token *t = d->tokens;
    if (b + 1 >= to || !tok_is(d, &t[b], ":") || t[b].span.start != t[b - 1].span.end ||
        t[b + 1].span.start != t[b].span.end + 1 || !is_titleword(&t[b + 1]))
        return 0;
    if (b - a > 6) return 0;
    /* "Peele: Well, …", "Fennessey: This is…": a speaker's turn */
    static const char *const turn[] = {"well", "yes",  "yeah", "no",   "oh",
                                       "so",   "okay", "damn", "sure", "right",
                                       "look", "i",    NULL};
    if ((tok_in(d, &t[b + 1], turn) || tok_in(d, &t[b + 1], starters)) &&
        (b + 2 >= to || !t[b + 2].cap || t[b + 2].span.start != t[b + 1].span.end + 1))
        return 0;
    /* "The Irishman: Martin Scorsese looks back": a person after the colon */
    {
        char low[24];
        size_t n = t[b + 1].span.end - t[b + 1].span.start;
        if (n < sizeof low) {
            for (size_t i = 0; i < n; i++)
                low[i] = (char)tolower((unsigned char)d->text[t[b + 1].span.start + i]);
            if (subject_first_name(low, n)) return 0;
        }
    }
    /* "TAKE: Even", "UPDATE: The": a shouted label */
    if (b - a == 1) {
        int lower = 0;
        for (size_t i = t[a].span.start; i < t[a].span.end; i++)
            lower |= islower((unsigned char)d->text[i]);
        if (!lower) return 0;
    }
    for (size_t i = a; i < b; i++)
        if (tok_is(d, &t[i], ":")) return 0; /* one colon in a title */
    char low[32];
    for (size_t k = 0; k < 2; k++) {
        const reel_token *w = k ? &t[b - 1] : &t[a];
        size_t n = w->span.end - w->span.start;
        if (n >= sizeof low) continue;
        for (size_t i = 0; i < n; i++)
            low[i] = (char)tolower((unsigned char)d->text[w->span.start + i]);
        if (subject_label(low, n)) return 0;
    }
    /* "Director Jane Campion:" — a name before a colon is a speaker */
    return 1;
}

/* "Best Supporting Actress": where the award's capitalised words starting
 * at token i end, or i when none start there. */
static size_t award_words_at(const reel_doc *d, size_t i, size_t to)
{
    const reel_token *t = d->tokens;
    if (!tok_is(d, &t[i], "best") || !t[i].cap) return i;
    size_t j = i + 1;
    char low[24];
    while (j < to && t[j].cap && t[j].kind == REEL_TOK_WORD) {
        size_t n = t[j].span.end - t[j].span.start;
        if (n >= sizeof low) break;
        for (size_t k = 0; k < n; k++)
            low[k] = (char)tolower((unsigned char)d->text[t[j].span.start + k]);
        if (!subject_category_word(low, n)) break;
        j++;
    }
    return j > i + 1 ? j : i;
}

/* Scan one range of tokens (a sentence, or the headline) for runs. */
static int scan(ctxs *c, size_t from, size_t to, int title_run)
{
    const reel_doc *d = c->d;
    const reel_token *t = d->tokens;
    size_t i = from;
    while (i < to) {
        if (!is_titleword(&t[i]) || t[i].kind == REEL_TOK_NUMBER) {
            i++;
            continue;
        }
        size_t a = i;
        /* a sentence-initial word that the text also uses in lower case, or
         * a common starter, is not part of a name */
        int initial = 0;
        /* a sentence's first word, or the first after a speaker's colon */
        int opens = i == from || (i > from && tok_is(d, &t[i - 1], ":"));
        if (opens && t[i].kind == REEL_TOK_WORD && !title_run) {
            size_t n = t[i].span.end - t[i].span.start;
            if (tok_in(d, &t[i], starters)) {
                i++;
                continue;
            }
            initial = hset_has(&c->lower, hash_lower(d->text + t[i].span.start, n));
        }
        /* "Best Actress as The Favourite": an award's words end a run */
        size_t after = award_words_at(d, i, to);
        if (after > i) {
            i = after;
            continue;
        }
        size_t b = i + 1;
        int poss = possessive_len(d, &t[i]) != 0;
        while (!poss && b < to && b - a < 10) {
            const reel_token *x = &t[b];
            if (award_words_at(d, b, to) > b) break;
            /* words must touch with single spaces, no punctuation between
             * (but for a title's colon, taken by colon_joins) */
            if (x->span.start != t[b - 1].span.end + 1 && !colon_joins(d, a, b, to))
                break;
            if (is_titleword(x) ||
                (x->kind == REEL_TOK_WORD && tok_in(d, x, connectors)) ||
                (x->kind != REEL_TOK_WORD && tok_is(d, x, "&"))) {
                poss = possessive_len(d, x) != 0;
                b++;
                continue;
            }
            if (colon_joins(d, a, b, to)) {
                b++;
                continue;
            }
            break;
        }
        if (initial) {
            /* "Pain and Glory follows": decided once we know whether the
             * whole run is a title named elsewhere */
            run *r = vec_push(&c->tentative);
            if (!r) return REEL_ENOMEM;
            r->a = a;
            r->b = b;
            i = b;
            continue;
        }
        int rc = add_run(c, a, b, title_run);
        if (rc) return rc;
        i = b;
    }
    return 0;
}

/* A Title Case line ("Space Epic Is Full Of Spectacle"): every word is
 * capitalised, so its runs say nothing about where a title starts or ends;
 * its titles are read by their forms (subject_lines.c) and by matching
 * names the body uses. */
static int titlecase_sentence(const reel_doc *d, const reel_sentence *se)
{
    size_t words = 0, caps = 0;
    for (size_t i = se->tok_start; i < se->tok_end; i++) {
        const reel_token *t = &d->tokens[i];
        if (t->kind != REEL_TOK_WORD || (!t->cap && tok_in(d, t, connectors))) continue;
        words++;
        caps += t->cap != 0;
    }
    return words >= 5 && caps * 10 >= words * 9;
}

/* The titles a line prints in a reader's forms, as candidates. `off` is
 * the line's offset in the text, or SIZE_MAX for the headline metadata. */
static int add_line_titles(cands *cs, const char *line, size_t len, size_t off, int top,
                           size_t text_len)
{
    if (off != SIZE_MAX && off + len > text_len) off = SIZE_MAX;
    line_title lt[8];
    size_t n = subject_line_titles(line, len, top, lt, 8);
    for (size_t i = 0; i < n; i++) {
        char *key = reel_film_key(line + lt[i].start, lt[i].end - lt[i].start);
        if (!key) return REEL_ENOMEM;
        int letters = 0;
        for (const char *p = key; *p && !letters; p++)
            letters = !isdigit((unsigned char)*p) && *p != ' ';
        if (!letters) *key = 0; /* "1", "2019": no title */
        cand *k = NULL;
        if (*key && !(k = cand_find(cs, key, NULL))) {
            if (!(k = cand_get(cs, key))) {
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
static int credit_line(const char *s, size_t n)
{
    static const char *const heads[] = {"director", "directed by", "starring",
                                        "stars:",   "cast:",       "written by",
                                        "writer:",  "writers:",    "screenplay",
                                        NULL};
    for (const char *const *h = heads; *h; h++)
        if (n >= strlen(*h) && !strncasecmp(s, *h, strlen(*h))) return 1;
    return 0;
}

/* Does `key` occur in `hay` as whole words? */
static int has_words(const char *hay, const char *key)
{
    size_t n = strlen(key);
    for (const char *p = hay; n && (p = strstr(p, key)) != NULL; p++)
        if ((p == hay || p[-1] == ' ') && (p[n] == 0 || p[n] == ' ')) return 1;
    return 0;
}

/* Does the URL's path spell the key ("/mad-max-fury-road-review")? */
static int in_slug(const char *url, const char *key)
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

static int absorb_short_forms(cands *cs)
{
    for (size_t i = 0; i < cs->n; i++) {
        cand *b = &cs->items[i];
        if (b->absorbed || !b->surface) continue;
        const char *colon = strchr(b->surface, ':');
        if (colon) {
            char *hk = reel_film_key(b->surface, (size_t)(colon - b->surface));
            char *tk = reel_film_key(colon + 1, strlen(colon + 1));
            if (!hk || !tk) {
                free(hk);
                free(tk);
                return REEL_ENOMEM;
            }
            cand *h = *hk ? cand_find(cs, hk, NULL) : NULL;
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
                    absorb(b, cand_find(cs, num, NULL));
                }
            }
            if (h && !sequel && (b->count >= h->count || b->strong || b->form >= 4))
                absorb(b, h);
            cand *t = *tk ? cand_find(cs, tk, NULL) : NULL;
            /* a tail of one word may be a character ("Maverick"): only
             * when the full form is printed as the title */
            if (t && (t->words > 1 || b->strong)) absorb(b, t);
            free(hk);
            free(tk);
        }
        const char *sp = strchr(b->key, ' ');
        if (b->words >= 3 && sp && b->strong) {
            cand *t = cand_find(cs, sp + 1, NULL);
            if (t && !t->strong && strchr(sp + 1, ' ')) absorb(b, t);
        }
    }
    return 0;
}

/* "Hardy and Theron", "Gosling and Robbie": names made only of words that
 * are people's first or last names elsewhere in the article. */
static int people_words(cands *cs)
{
    hset names = {NULL, 64};
    while (names.cap < cs->n * 4)
        names.cap *= 2;
    names.slots = calloc(names.cap, sizeof *names.slots);
    if (!names.slots) return REEL_ENOMEM;
    for (size_t i = 0; i < cs->n; i++) {
        cand *k = &cs->items[i];
        if (k->not_film != NOT_FILM_PERSON || k->words > 4) continue;
        for (const char *w = k->key; *w;) {
            size_t n = strcspn(w, " ");
            hset_add(&names, hash_lower(w, n));
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
            } else if (hset_has(&names, hash_lower(w, n))) {
                named++;
            } else {
                all = 0;
            }
            w += n;
            while (*w == ' ')
                w++;
        }
        if (all && named >= 2) k->person += 3;
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
            if (hset_has(&names, hash_lower(w, n))) k->person += 3;
        }
    }
    free(names.slots);
    return 0;
}

/* Lines at the top of the page read as its headline area. */
#define TOP_LINES 10

/* Another film the article names: evidence of a film, more than of a
 * person; a lone word needs more of it. */
static int is_mention(const cand *k, int filmy)
{
    if (!filmy && !k->marked) return 0;
    double need = k->words == 1 ? 2 : 1;
    return k->film >= need && k->film > k->person;
}

int analyze_subject(reel_ctx *ctx, reel_doc *doc)
{
    int rc = REEL_OK;
    cands cs = {0}, tent = {0};
    ctxs c = {doc, {NULL, 0}, &cs, {0}};
    vec_init(&c.tentative, sizeof(run));
    char *tops[TOP_LINES + 1] = {0};
    size_t ntop = 0;
    memset(&doc->subject, 0, sizeof doc->subject);
    doc->mentions = NULL;
    doc->n_mentions = 0;

    size_t cap = 64;
    while (cap < doc->n_tokens * 2)
        cap *= 2;
    c.lower.cap = cap;
    c.lower.slots = calloc(cap, sizeof *c.lower.slots);
    if (!c.lower.slots) goto oom;
    for (size_t i = 0; i < doc->n_tokens; i++) {
        const reel_token *t = &doc->tokens[i];
        if (t->kind == REEL_TOK_WORD && !t->cap)
            hset_add(&c.lower,
                     hash_lower(doc->text + t->span.start, t->span.end - t->span.start));
    }
    for (size_t s = 0; s < doc->n_sentences; s++) {
        const reel_sentence *se = &doc->sentences[s];
        if (titlecase_sentence(doc, se)) continue;
        if ((rc = scan(&c, se->tok_start, se->tok_end, 0))) goto oom;
    }
    /* the page's lines in a reader's title forms; the opening lines (and
     * the headline) are kept folded to find the body's names in them */
    if (doc->title) {
        if ((rc = add_line_titles(&cs, doc->title, strlen(doc->title), SIZE_MAX, 1, 0)))
            goto oom;
        if (!(tops[ntop++] = reel_film_key(doc->title, strlen(doc->title)))) goto oom;
    }
    /* every block, the dropped ones too where a reader still sees them:
     * a "Review: Dune" label or a "Film: X" line the cleaner took for
     * chrome at the top of the page */
    for (size_t i = 0, line = 0; i < doc->n_blocks; i++) {
        const reel_block *bl = &doc->blocks[i];
        if (!bl->len) continue;
        int top = line++ < TOP_LINES;
        /* a dropped block of links is a menu or a "related" box: its
         * "X review" is another page's */
        if (bl->boilerplate && (!top || bl->link_density > 0.5)) continue;
        size_t off = bl->boilerplate ? SIZE_MAX : bl->span.start;
        /* a headline is short; the article's first paragraphs are not
         * its headline area */
        top = top && bl->len <= 160;
        /* a short line right above a credit box ("Director: …") is its title */
        if (top && i + 1 < doc->n_blocks &&
            credit_line(doc->blocks[i + 1].text, doc->blocks[i + 1].len))
            top = 2;
        if ((rc = add_line_titles(&cs, bl->text, bl->len, off, top, doc->text_len)))
            goto oom;
        if (top && ntop < TOP_LINES + 1 &&
            !(tops[ntop++] = reel_film_key(bl->text, bl->len)))
            goto oom;
    }
    /* sentence-initial runs: the whole run if it is named elsewhere (or in
     * a title form), else without its first word */
    for (size_t r = 0; r < c.tentative.n; r++) {
        run *ru = (run *)c.tentative.items + r;
        const reel_token *t = doc->tokens;
        char *key = reel_film_key(doc->text + t[ru->a].span.start,
                                  t[ru->b - 1].span.end - t[ru->a].span.start);
        if (!key) goto oom;
        cand *tc = *key ? cand_get(&tent, key) : NULL;
        free(key);
        if (tc) tc->count++;
    }
    for (size_t r = 0; r < c.tentative.n; r++) {
        run *ru = (run *)c.tentative.items + r;
        const reel_token *t = doc->tokens;
        char *key = reel_film_key(doc->text + t[ru->a].span.start,
                                  t[ru->b - 1].span.end - t[ru->a].span.start);
        if (!key) goto oom;
        /* named elsewhere, or opening two sentences whole ("Courier Nine
         * has…", "Courier Nine is…") */
        cand *tc = cand_find(&tent, key, NULL);
        int known = cand_find(&cs, key, NULL) != NULL ||
                    (tc && tc->count >= 2 && ru->b - ru->a >= 2);
        free(key);
        /* "Get Out manages": when the rest would begin with a common word
         * too, the run is not a name after a capitalised sentence start
         * but a title of common words */
        if (!known && ru->b - ru->a >= 2 && t[ru->a + 1].kind == REEL_TOK_WORD &&
            !tok_in(doc, &t[ru->a + 1], connectors) &&
            hset_has(&c.lower,
                     hash_lower(doc->text + t[ru->a + 1].span.start,
                                t[ru->a + 1].span.end - t[ru->a + 1].span.start)))
            known = 1;
        size_t a = known ? ru->a : ru->a + 1;
        if (a < ru->b && (rc = add_run(&c, a, ru->b, 0))) goto oom;
    }
    for (size_t i = 0; i < cs.n; i++) {
        cand *k = &cs.items[i];
        k->not_film = subject_not_film(k->key);
        /* a transcript names its speakers again and again; a headline's
         * "The Irishman: …" is once */
        if (k->speaker >= 2) k->person += 1.5;
        if (k->not_film == NOT_FILM_PERSON || k->not_film == NOT_FILM_PLACE)
            k->person += 3;
        /* the headline (the first short line when the page names none) */
        for (size_t j = 0; j < ntop && k->in_title < 2 && k->count; j++)
            if (has_words(tops[j], k->key)) k->in_title = j == 0 ? 2 : 1;
        if (doc->url && k->count && in_slug(doc->url, k->key)) k->film += 1.5;
    }
    if ((rc = absorb_short_forms(&cs))) goto oom;
    if ((rc = people_words(&cs))) goto oom;
    /* A surname used alone marks the full name as a person: "Banderas"
     * alone and "Antonio Banderas". */
    for (size_t i = 0; i < cs.n; i++) {
        cand *k = &cs.items[i];
        if (k->words < 2 || k->connector || k->strong || k->marked) continue;
        const char *last = strrchr(k->key, ' ');
        if (!last) continue;
        /* only a name that looks like a person's: "Tumblr Dune" (a menu
         * run into a headline) says nothing about "Dune" */
        if (!k->person && !subject_first_name(k->key, strcspn(k->key, " "))) continue;
        cand *alone = cand_find(&cs, last + 1, NULL);
        if (alone && alone != k && !alone->strong) {
            k->person += 1.5;
            alone->person += 1;
        }
    }
    /* "Salvador Gallo (Antonio Banderas)" then "Salvador": a person's
     * first name used alone is that person */
    for (size_t i = 0; i < cs.n; i++) {
        cand *k = &cs.items[i];
        if (k->words < 2 || k->words > 3 || k->connector || k->marked ||
            (k->person < 2 && k->not_film != NOT_FILM_PERSON))
            continue;
        char first[64];
        size_t n = strcspn(k->key, " ");
        if (n >= sizeof first) continue;
        memcpy(first, k->key, n);
        first[n] = 0;
        cand *alone = cand_find(&cs, first, NULL);
        if (alone && alone != k && !alone->strong) alone->person += 1.5;
    }
    /* "Salvador and Frederico": two names that also stand alone are a
     * coordination of people or places, not a title */
    for (size_t i = 0; i < cs.n; i++) {
        cand *k = &cs.items[i];
        const char *and = strstr(k->key, " and ");
        if (!and || k->in_title || k->strong) continue;
        char *left = strndup(k->key, (size_t)(and-k->key));
        if (!left) goto oom;
        char *right = reel_film_key(and+5, strlen(and+5));
        if (!right) {
            free(left);
            goto oom;
        }
        size_t rw = strcspn(right, " ");
        char *right1 = strndup(right, rw);
        if (!right1) {
            free(left);
            free(right);
            goto oom;
        }
        if (cand_find(&cs, left, NULL) &&
            (cand_find(&cs, right, NULL) || cand_find(&cs, right1, NULL)))
            k->film -= 10;
        free(left);
        free(right);
        free(right1);
    }
    /* choose */
    double best = 0, second = 0;
    cand *win = NULL;
    int filmy = film_context(doc);
    for (size_t i = 0; i < cs.n; i++) {
        cand *k = &cs.items[i];
        if (k->absorbed) continue;
        /* an award, a company, a label is never the film */
        if (k->not_film == NOT_FILM_AWARD || k->not_film == NOT_FILM_COMPANY ||
            k->not_film == NOT_FILM_LABEL)
            continue;
        /* no film talk: only a name called a film outright */
        if (!filmy && !k->marked) continue;
        /* a title form counts when the form names the film by itself or
         * the name recurs in the text */
        double form = k->strong || k->count >= 2 ? k->form : 0;
        if (!k->count && !k->strong) continue; /* a line's form only, never in the text */
        /* recurring and never acting like a person: mild evidence of a title */
        double film = k->film + form + (k->count >= 2 ? 1.5 * k->in_title : 0) +
                      (k->connector ? 0.5 : 0) +
                      (k->person == 0 && k->count > 1 ? 0.3 * (double)k->count : 0);

        if (film < 0.6) continue; /* no evidence it is a film at all */
        double score = film + log2(1.0 + (double)k->count) * 1.5 - 2.0 * k->person;
        /* named earlier reads as the subject: at most a point lost at the end */
        if (doc->text_len && k->count) score -= (double)k->first / (double)doc->text_len;
        /* a lone word needs more than two mentions ("Dune", "Barbie") */
        if (k->words == 1 && !k->in_title && !form && k->count < 3) score -= 0.5;

#ifdef SUBJECT_DEBUG
        if (getenv("SUBJECT_DEBUG"))
            fprintf(stderr,
                    "%-40s c=%zu film=%.1f form=%.1f%s title=%d person=%.1f nf=%d "
                    "score=%.2f\n",
                    k->surface, k->count, k->film, k->form, k->strong ? "S" : "",
                    k->in_title, k->person, k->not_film, score);
#endif
        if (score > best) {
            second = best;
            best = score;
            win = k;
        } else if (score > second) {
            second = score;
        }
    }
    /* A list or a round-up ("The ten best ghost stories on film", each
     * entry "Title (2011)"): many titles marked alike and none named in the
     * headline, printed as the subject, or recurring, is about no one film */
    if (win && win->in_title < 2 && win->count < 3) {
        size_t titled = 0;
        for (size_t i = 0; i < cs.n && titled < 3; i++) {
            const cand *k = &cs.items[i];
            if (!k->absorbed && !k->not_film && (k->year || k->strong)) titled++;
        }
        if (titled >= 3) win = NULL;
    }
    /* the source knows: a JSON-lines "film" or JSON-LD itemReviewed */
    if (doc->film_hint && *doc->film_hint) {
        char *hk = reel_film_key(doc->film_hint, strlen(doc->film_hint));
        if (!hk) goto oom;
        doc->subject.title = doc->film_hint;
        doc->subject.key = arena_strdup(doc->arena, hk);
        doc->subject.year = doc->year_hint;
        doc->subject.confidence = 1.0;
        for (size_t i = 0; i < cs.n; i++)
            if (!strcmp(cs.items[i].key, hk)) {
                doc->subject.mentions = cs.items[i].count;
                doc->subject.span.start = cs.items[i].first;
                doc->subject.span.end = cs.items[i].first_end;
                win = &cs.items[i];
            }
        free(hk);
    } else if (win) {
        doc->subject.title = arena_strdup(doc->arena, win->surface);
        doc->subject.key = arena_strdup(doc->arena, win->key);
        doc->subject.year = win->year ? win->year : doc->year_hint;
        doc->subject.mentions = win->count;
        doc->subject.span.start = win->first;
        doc->subject.span.end = win->first_end;
        doc->subject.confidence = best / (best + second + 1.0);
    }
    /* mentions: other film-like runs */
    size_t nm = 0;
    for (size_t i = 0; i < cs.n; i++) {
        cand *k = &cs.items[i];
        if (k == win || k->absorbed || k->not_film) continue;
        if (is_mention(k, filmy)) nm++;
    }
    if (nm) {
        doc->mentions = arena_alloc(doc->arena, nm * sizeof *doc->mentions);
        if (!doc->mentions) goto oom;
        for (size_t i = 0; i < cs.n; i++) {
            cand *k = &cs.items[i];
            if (k == win || k->absorbed || k->not_film || !is_mention(k, filmy)) continue;
            reel_film_ref *m = &doc->mentions[doc->n_mentions++];
            m->title = arena_strdup(doc->arena, k->surface);
            m->key = arena_strdup(doc->arena, k->key);
            m->year = k->year;
            m->mentions = k->count;
            m->span.start = k->first;
            m->span.end = k->first_end;
            m->confidence = k->film / (k->film + k->person + 1);
        }
    }
    goto done;
oom:
    rc = reel_error(ctx, REEL_ENOMEM, "%s: out of memory", doc->source);
done:
    for (size_t k = 0; k < ntop; k++)
        free(tops[k]);
    free(c.lower.slots);
    vec_free(&c.tentative);
    cands_free(&cs);
    cands_free(&tent);
    return rc;
}
