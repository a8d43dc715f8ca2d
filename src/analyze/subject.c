/* subject.c — which film the article is about, apart from the films it
 * merely mentions. Candidates are runs of capitalised words (with the small
 * words titles keep in lower case: "Pain and Glory"; a colon inside:
 * "Mad Max: Fury Road") and the titles the page's lines print in a reader's
 * forms ("X review", "Review: X", "Film: X": subject_lines.c). Each gathers
 * evidence: named in the headline or the URL, in quotes, followed by
 * "(2019)" or a star rating, preceded by a genre word or a possessive
 * ("Almodóvar's Pain & Glory"), how often and how early it recurs.
 * Evidence that a run is a person, a place, a company, an award or a page
 * label (its words: subject_words.c; its grammar: "says", "plays",
 * "Fern (Frances McDormand)", a surname used alone) counts against it or
 * rules it out. Title variants share a key (reel_film_key), so "Pain &
 * Glory" = "Pain and Glory"; shorter forms count into the longest
 * consistent one (subject_cands.c). The weights are set by hand (see
 * analyze_subject): each is a reader's rule, measured on articles-dev.
 */
#include "subject.h"

#include <ctype.h>
#include <math.h>
#include <strings.h>

typedef struct {
    const reel_doc *d;
    hset lower;
    hset speakers, speakers2; /* words of "Name:" line openers: once, twice */
    cands *cs;
    vec tentative; /* sentence-initial runs decided after the scan */
} ctxs;

typedef struct {
    size_t a, b;
} run;

/* Record one run of title words [a, b) (token indices). */
static int add_run(ctxs *c, size_t a, size_t b, int part)
{
    const reel_doc *d = c->d;
    const reel_token *t = d->tokens;
    /* trim connectors at either end */
    while (a < b && !t[a].cap && t[a].kind != REEL_TOK_NUMBER)
        a++;
    while (b > a && !t[b - 1].cap && t[b - 1].kind != REEL_TOK_NUMBER)
        b--;
    /* "Director George Miller", "Title Mad Max": a credit box's label */
    while (b - a > 1 && sc_label_word(d, &t[a])) {
        a++;
        while (a < b && !t[a].cap && t[a].kind != REEL_TOK_NUMBER)
            a++;
    }
    if (a >= b) return 0;
    /* "[Laughs]": a transcript's stage direction */
    if (a > 0 && sc_tok_is(d, &t[a - 1], "[")) return 0;
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
    if (a > 0 && sc_tok_is(d, &t[a - 1], "The") && d->text[t[a - 1].span.start] == 'T' &&
        t[a - 1].span.end + 1 == start)
        start = t[a - 1].span.start;
    size_t poss = sc_possessive_len(d, &t[b - 1]);
    end -= poss;
    char *key = reel_film_key(d->text + start, end - start);
    if (!key) return REEL_ENOMEM;
    if (!*key) {
        free(key);
        return 0;
    }
    cand *k = sc_cand_get(c->cs, key);
    free(key);
    if (!k) return REEL_ENOMEM;
    if (k->count == 0) {
        k->first = start;
        k->first_end = end;
        k->words = (int)(b - a);
        k->connector = connector;
    }
    k->count++;
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
    /* "Top Gun 2", "Paddington 3": a sequel's number ends a title, never
     * a person's name (a single digit: "Studio 54", "Formula 1" are not) */
    int numbered = b - a >= 2 && t[b - 1].kind == REEL_TOK_NUMBER &&
                   t[b - 1].span.end - t[b - 1].span.start == 1 &&
                   d->text[t[b - 1].span.start] >= '2' && !poss;
    /* a part of a longer run is a mention, its context is the run's */
    if (part) {
        if (memchr(d->text + start, ':', end - start)) k->film += 1;
        if (numbered) k->film += 1;
        return 0;
    }
    if (numbered) k->film += 1;
    /* evidence from the words around */
    if (poss) k->person += 0.5, k->film -= 0; /* "Almodóvar's": someone's */
    if (a > 0) {
        /* "his film “The Favourite”": look past the opening quote */
        size_t pa = a > 1 && sc_is_quote_tok(d, &t[a - 1]) ? a - 1 : a;
        const reel_token *prev = &t[pa - 1];
        /* "to film Dune: Part Two": the verb, not the noun */
        int verb = pa >= 2 && sc_tok_is(d, &t[pa - 2], "to");
        /* "Movie Theater chains…" opening a sentence: one compound noun */
        size_t ps = prev->span.start;
        int opener = prev->cap && pa == a &&
                     (ps == 0 || d->text[ps - 1] == '\n' ||
                      (pa >= 2 &&
                       (sc_tok_is(d, &t[pa - 2], ".") || sc_tok_is(d, &t[pa - 2], "!") ||
                        sc_tok_is(d, &t[pa - 2], "?"))));
        if (prev->kind == REEL_TOK_WORD && !verb && !opener &&
            sc_tok_in(d, prev, subject_genre_words)) {
            k->film += 2;
            if (sc_tok_in(d, prev, subject_film_nouns)) k->marked = 1;
        }
        if (sc_possessive_at(d, pa - 1)) k->film += 1;
        /* "on making Copper Sky", "while shooting X", "starring in X" */
        static const char *const making[] = {"making",  "shooting", "directing",
                                             "filming", "editing",  "scoring",
                                             "casting", NULL};
        if (prev->kind == REEL_TOK_WORD && !prev->cap && sc_tok_in(d, prev, making))
            k->film += 1;
        if (prev->kind == REEL_TOK_WORD && sc_tok_in(d, prev, subject_person_before))
            k->person += 1;
        /* "Mr. Lynch", "Dr. Keller": the stop after the title ended the run */
        static const char *const abbrev[] = {"mr", "mrs", "ms", "mx", "dr", "prof", NULL};
        if (sc_tok_is(d, prev, ".") && pa >= 2 && sc_tok_in(d, &t[pa - 2], abbrev) &&
            t[pa - 2].span.end == prev->span.start)
            k->person += 2;
        /* "(Antonio Banderas)" after a name: an actor */
        if (sc_tok_is(d, prev, "(") && b < d->n_tokens && sc_tok_is(d, &t[b], ")") &&
            a >= 2 && t[a - 2].cap)
            k->person += 1.5;
    }
    /* "X tells the story of…", "X tells the loosely true tale": a film
     * telling (a person "tells The Ringer", "tells me") */
    int tells = sc_followed_by(d, end, "tells the") && b + 2 < d->n_tokens &&
                t[b + 2].kind == REEL_TOK_WORD && !t[b + 2].cap;
    if (tells) k->film += 1;
    if (!poss && !tells) {
        for (const char *const *p = subject_person_after; *p; p++)
            if (sc_followed_by(d, end, *p)) {
                k->person += 1;
                break;
            }
        for (const char *const *p = subject_film_after; *p; p++)
            if (sc_followed_by(d, end, *p)) {
                k->film += 0.5;
                break;
            }
    }
    /* “Pain and Glory”: a whole quotation that is a name is a title, but
     * for a name given to something else ("the last part is called
     * ‘Black’", "a song named ‘Home’"): only a film can be "called" so */
    if (a > 0 && b < d->n_tokens && sc_is_quote_tok(d, &t[a - 1]) &&
        sc_is_quote_tok(d, &t[b])) {
        static const char *const naming[] = {"called", "named",    "titled",
                                             "dubbed", "entitled", NULL};
        int named = a >= 2 && sc_tok_in(d, &t[a - 2], naming), film_named = 0;
        for (size_t j = a - 1; named && j > 0 && j + 8 > a; j--)
            film_named |= sc_tok_in(d, &t[j - 1], subject_film_nouns);
        if (!named || film_named) k->film += 1;
    }
    /* "a better film than Moonlight", "a film like Moonlight": a film
     * compared with a film */
    if (a >= 2 && (sc_tok_is(d, &t[a - 1], "than") || sc_tok_is(d, &t[a - 1], "like")) &&
        sc_tok_in(d, &t[a - 2], subject_film_nouns))
        k->film += 1.5;
    /* "Barry Jenkins' shimmering Moonlight": someone's (adjective) X */
    if (a >= 2 && t[a - 1].kind == REEL_TOK_WORD && !t[a - 1].cap &&
        sc_possessive_at(d, a - 2))
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
    /* "Copper Sky, her second feature": a film in apposition */
    if (b + 3 < d->n_tokens && sc_tok_is(d, &t[b], ",")) {
        static const char *const det[] = {"her", "his", "their", "the", "a", NULL};
        if (sc_tok_in(d, &t[b + 1], det) &&
            (sc_tok_in(d, &t[b + 2], subject_film_nouns) ||
             sc_tok_is(d, &t[b + 2], "feature") ||
             sc_tok_in(d, &t[b + 3], subject_film_nouns) ||
             sc_tok_is(d, &t[b + 3], "feature")))
            k->film += 1.5;
    }
    /* "Salvador, played by": a character */
    if (end + 2 < d->text_len && d->text[end] == ',' &&
        sc_followed_by(d, end + 1, "played"))
        k->person += 1.5;
    int y = sc_year_after(d, end);
    if (y) {
        k->year = y;
        k->film += 2;
    }
    if (sc_rating_after(d, end)) {
        k->film += 2;
        k->marked = 1;
    }
    /* "Zhao's last film, The Rider": another of the maker's films */
    {
        static const char *const before[] = {"last",     "previous", "earlier", "prior",
                                             "next",     "upcoming", "former",  "debut",
                                             "breakout", NULL};
        size_t j = a;
        if (j > 0 && (sc_tok_is(d, &t[j - 1], ",") || sc_is_quote_tok(d, &t[j - 1]))) j--;
        if (j >= 2 && sc_tok_in(d, &t[j - 1], subject_film_nouns) &&
            sc_tok_in(d, &t[j - 2], before))
            k->other = 1;
    }
    /* "based on Jane Roe's award-winning Nomadland: Surviving America…":
     * the source book, not the film; an adaptation takes the head of its
     * source's title ("Killers of the Flower Moon: The Osage Murders…") */
    if (sc_source_before(d, a)) {
        k->film -= 1.5;
        k->source = 1;
        for (size_t j = a + 1; j + 1 < b; j++)
            if (sc_tok_is(d, &t[j], ":")) {
                int rc = add_run(c, a, j, 1);
                if (rc) return rc;
                char *hk = reel_film_key(d->text + t[a].span.start,
                                         t[j].span.start - t[a].span.start);
                if (!hk) return REEL_ENOMEM;
                cand *h = sc_cand_find(c->cs, hk, NULL);
                free(hk);
                if (h) h->film += 2;
                break;
            }
    }
    return 0;
}

/* "Mad Max: Fury Road": the colon at token b joins two capitalised runs
 * into one title, unless the left part is a label ("Director: Jane
 * Campion", "Drive My Car Cast: …", "Review: Dune"). */
static int colon_joins(const ctxs *c, size_t a, size_t b, size_t to)
{
    const reel_doc *d = c->d;
    const reel_token *t = d->tokens;
    if (b + 1 >= to || !sc_tok_is(d, &t[b], ":") ||
        t[b].span.start != t[b - 1].span.end ||
        t[b + 1].span.start != t[b].span.end + 1 || !sc_is_titleword(&t[b + 1]))
        return 0;
    if (b - a > 6) return 0;
    /* "Peele: Well, …", "Fennessey: This is…": a speaker's turn */
    static const char *const turn[] = {"well", "yes",  "yeah", "no",   "oh",
                                       "so",   "okay", "damn", "sure", "right",
                                       "look", "i",    NULL};
    if ((sc_tok_in(d, &t[b + 1], turn) || sc_tok_in(d, &t[b + 1], subject_starters)) &&
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
    /* "Jordan Peele: Doesn't…" opening a line: a speaker's turn in a
     * transcript, a person's full name before the colon */
    if (b - a >= 2 && b - a <= 3 &&
        (t[a].span.start == 0 || d->text[t[a].span.start - 1] == '\n')) {
        char low[24];
        size_t n = t[a].span.end - t[a].span.start;
        int all_cap = 1;
        for (size_t i = a; i < b; i++)
            all_cap &= t[i].cap && t[i].kind == REEL_TOK_WORD;
        if (all_cap && n < sizeof low) {
            for (size_t i = 0; i < n; i++)
                low[i] = (char)tolower((unsigned char)d->text[t[a].span.start + i]);
            if (subject_first_name(low, n)) return 0;
        }
    }
    /* "Kapoor: Almost nothing…": a name that opens two lines or more before
     * a colon is a transcript's speaker, not the head of a title */
    if ((t[a].span.start == 0 || d->text[t[a].span.start - 1] == '\n') &&
        sc_hset_has(&c->speakers2,
                    sc_hash_lower(d->text + t[b - 1].span.start,
                                  t[b - 1].span.end - t[b - 1].span.start)))
        return 0;
    /* "TAKE: Even", "UPDATE: The": a shouted label */
    if (b - a == 1) {
        int lower = 0;
        for (size_t i = t[a].span.start; i < t[a].span.end; i++)
            lower |= islower((unsigned char)d->text[i]);
        if (!lower) return 0;
    }
    for (size_t i = a; i < b; i++)
        if (sc_tok_is(d, &t[i], ":")) return 0; /* one colon in a title */
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

/* Joining words a title rarely has between two names ("of", "the", "in"
 * and "and" are common inside titles: "Pain and Glory"; left alone). */
static const char *const split_words[] = {"for", "with", "from", "by", "as", "vs", NULL};

/* Scan one range of tokens (a sentence, or the headline) for runs. */
static int scan(ctxs *c, size_t from, size_t to, int title_run)
{
    const reel_doc *d = c->d;
    const reel_token *t = d->tokens;
    size_t i = from;
    while (i < to) {
        if (!sc_is_titleword(&t[i]) || t[i].kind == REEL_TOK_NUMBER) {
            i++;
            continue;
        }
        size_t a = i;
        /* a sentence-initial word that the text also uses in lower case, or
         * a common starter, is not part of a name */
        int initial = 0;
        /* a sentence's first word, or the first after a speaker's colon */
        int opens = i == from || (i > from && sc_tok_is(d, &t[i - 1], ":"));
        if (opens && t[i].kind == REEL_TOK_WORD && !title_run) {
            size_t n = t[i].span.end - t[i].span.start;
            if (sc_tok_in(d, &t[i], subject_starters)) {
                i++;
                continue;
            }
            initial = sc_hset_has(&c->lower, sc_hash_lower(d->text + t[i].span.start, n));
        }
        /* "Best Actress as The Favourite": an award's words end a run */
        size_t after = sc_award_words_at(d, i, to);
        if (after > i) {
            i = after;
            continue;
        }
        size_t b = i + 1;
        int poss = sc_possessive_len(d, &t[i]) != 0;
        while (!poss && b < to && b - a < 10) {
            const reel_token *x = &t[b];
            if (sc_award_words_at(d, b, to) > b) break;
            /* words must touch with single spaces, no punctuation between
             * (but for a title's colon, taken by colon_joins) */
            if (x->span.start != t[b - 1].span.end + 1 && !colon_joins(c, a, b, to))
                break;
            if (sc_is_titleword(x) ||
                (x->kind == REEL_TOK_WORD && sc_tok_in(d, x, subject_connectors)) ||
                (x->kind != REEL_TOK_WORD && sc_tok_is(d, x, "&"))) {
                poss = sc_possessive_len(d, x) != 0;
                b++;
                continue;
            }
            if (colon_joins(c, a, b, to)) {
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
        int rc = add_run(c, a, b, 0);
        if (rc) return rc;
        /* "Connelly for Top Gun: Maverick", "Teller and Jennifer Connelly":
         * the two sides of a joining word are mentions too, so a title or a
         * name caught in a longer run is still counted (and the run, made
         * * of a person and a title, is told apart in sc_people_words); not at
         * "and", which titles have ("Pain and Glory") */
        for (size_t j = a + 1; j + 1 < b; j++)
            if (t[j].kind == REEL_TOK_WORD && !t[j].cap &&
                sc_tok_in(d, &t[j], split_words)) {
                if ((rc = add_run(c, a, j, 1)) || (rc = add_run(c, j + 1, b, 1)))
                    return rc;
                break;
            }
        i = b;
    }
    return 0;
}

/* The film key of a run of tokens; NULL when out of memory. */
static char *run_key(const reel_doc *d, const run *ru)
{
    const reel_token *t = d->tokens;
    return reel_film_key(d->text + t[ru->a].span.start,
                         t[ru->b - 1].span.end - t[ru->a].span.start);
}

/* Count one more of `key` (freed here; NULL: out of memory) in cs; an
 * empty key counts nothing. 0 or REEL_ENOMEM. */
static int count_key(cands *cs, char *key)
{
    if (!key) return REEL_ENOMEM;
    cand *k = *key ? sc_cand_get(cs, key) : NULL;
    int empty = !*key;
    free(key);
    if (!k && !empty) return REEL_ENOMEM;
    if (k) k->count++;
    return 0;
}

/* Spaces in a line (its words, less one). */
static size_t spaces(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += s[i] == ' ';
    return k;
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
    cands cs = {0}, tent = {0}, ital = {0};
    ctxs c = {doc, {NULL, 0, 0}, {NULL, 0, 0}, {NULL, 0, 0}, &cs, {0}};
    vec_init(&c.tentative, sizeof(run));
    char *tops[TOP_LINES + 1] = {0};
    size_t head = SIZE_MAX; /* which of tops is the headline */
    size_t ntop = 0;
    memset(&doc->subject, 0, sizeof doc->subject);
    doc->mentions = NULL;
    doc->n_mentions = 0;

    for (size_t i = 0; i < doc->n_tokens; i++) {
        const reel_token *t = &doc->tokens[i];
        if (t->kind == REEL_TOK_WORD && !t->cap &&
            (rc = sc_hset_add(&c.lower, sc_hash_lower(doc->text + t->span.start,
                                                      t->span.end - t->span.start))))
            goto oom;
    }
    c.speakers.cap = c.speakers2.cap = 256;
    c.speakers.slots = calloc(256, sizeof *c.speakers.slots);
    c.speakers2.slots = calloc(256, sizeof *c.speakers2.slots);
    if (!c.speakers.slots || !c.speakers2.slots) goto oom;
    sc_note_speakers(doc, &c.speakers, &c.speakers2);
    for (size_t s = 0; s < doc->n_sentences; s++) {
        const reel_sentence *se = &doc->sentences[s];
        if (sc_titlecase_sentence(doc, se)) continue;
        if ((rc = scan(&c, se->tok_start, se->tok_end, 0))) goto oom;
    }
    /* the page's lines in a reader's title forms; the opening lines (and
     * the headline) are kept folded to find the body's names in them */
    if (doc->title) {
        if ((rc =
                 sc_add_line_titles(&cs, doc->title, strlen(doc->title), SIZE_MAX, 1, 0)))
            goto oom;
        head = ntop;
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
        for (size_t j = i + 1; top == 1 && j < doc->n_blocks && j <= i + 2; j++)
            if (sc_credit_line(doc->blocks[j].text, doc->blocks[j].len)) top = 2;
        if ((rc = sc_add_line_titles(&cs, bl->text, bl->len, off, top, doc->text_len)))
            goto oom;
        if (top && ntop < TOP_LINES + 1) {
            /* without a headline from the page, the first short line of
             * three words or more that ends as a headline does, with no
             * full stop ("We may earn a commission…." is chrome) */
            if (head == SIZE_MAX && bl->text[bl->len - 1] != '.' &&
                spaces(bl->text, bl->len) >= 2)
                head = ntop;
            if (!(tops[ntop++] = reel_film_key(bl->text, bl->len))) goto oom;
        }
    }
    /* the titles an HTML page set in italics (read/html.c) */
    for (size_t i = 0; i < doc->n_italics; i++)
        if (count_key(&ital, reel_film_key(doc->italics[i], strlen(doc->italics[i]))))
            goto oom;
    /* sentence-initial runs: the whole run if it is named elsewhere (or in
     * a title form, or in italics), else without its first word */
    for (size_t r = 0; r < c.tentative.n; r++)
        if (count_key(&tent, run_key(doc, (run *)c.tentative.items + r))) goto oom;
    for (size_t r = 0; r < c.tentative.n; r++) {
        run *ru = (run *)c.tentative.items + r;
        const reel_token *t = doc->tokens;
        char *key = run_key(doc, ru);
        if (!key) goto oom;
        /* named elsewhere, or opening two sentences whole ("Courier Nine
         * has…", "Courier Nine is…") */
        cand *tc = sc_cand_find(&tent, key, NULL);
        int known = sc_cand_find(&cs, key, NULL) != NULL ||
                    sc_cand_find(&ital, key, NULL) != NULL ||
                    (tc && tc->count >= 2 && ru->b - ru->a >= 2);
        free(key);
        /* "Get Out manages": when the rest would begin with a common word
         * too, the run is not a name after a capitalised sentence start
         * but a title of common words */
        if (!known && ru->b - ru->a >= 2 && t[ru->a + 1].kind == REEL_TOK_WORD &&
            !sc_tok_in(doc, &t[ru->a + 1], subject_connectors) &&
            sc_hset_has(&c.lower,
                        sc_hash_lower(doc->text + t[ru->a + 1].span.start,
                                      t[ru->a + 1].span.end - t[ru->a + 1].span.start)))
            known = 1;
        size_t a = known ? ru->a : ru->a + 1;
        if (a < ru->b && (rc = add_run(&c, a, ru->b, 0))) goto oom;
    }
    for (size_t i = 0; i < cs.n; i++) {
        cand *k = &cs.items[i];
        k->not_film = subject_not_film(k->key);
        /* "The Olive Press": a person's name has no article before it */
        if (k->not_film == NOT_FILM_PERSON && k->surface &&
            (!strncasecmp(k->surface, "the ", 4) || !strncasecmp(k->surface, "a ", 2) ||
             !strncasecmp(k->surface, "an ", 3)))
            k->not_film = NOT_FILM_NONE;
        /* a transcript names its speakers again and again; a headline's
         * "The Irishman: …" is once */
        if (k->speaker >= 2) k->person += 1.5;
        /* "Peele: Damn." read as a headline's "X: …" is a speaker's turn
         * when the name opens two lines or more so */
        const char *lastw = strrchr(k->key, ' ');
        lastw = lastw ? lastw + 1 : k->key;
        if (k->speaker && !k->strong && k->form <= 2 && k->words <= 3 &&
            sc_hset_has(&c.speakers2, sc_hash_lower(lastw, strlen(lastw))))
            k->form = 0;
        if (k->not_film == NOT_FILM_PERSON || k->not_film == NOT_FILM_PLACE)
            k->person += 3;
        /* the headline (the first short line when the page names none) */
        for (size_t j = 0; j < ntop && k->in_title < 2 && k->count; j++)
            if (sc_has_words(tops[j], k->key)) k->in_title = j == head ? 2 : 1;
        if (doc->url && k->count && sc_in_slug(doc->url, k->key)) k->film += 1.5;
        /* set in italics, as pages set titles (people and places are not):
         * a title, though not yet the subject, since every film named is */
        if (k->count && sc_cand_find(&ital, k->key, NULL)) k->film += 1.5, k->italic = 1;
    }
    if ((rc = sc_absorb_short_forms(&cs))) goto oom;
    if ((rc = sc_people_words(&cs))) goto oom;
    /* A surname used alone marks the full name as a person: "Banderas"
     * alone and "Antonio Banderas". */
    for (size_t i = 0; i < cs.n; i++) {
        cand *k = &cs.items[i];
        if (k->words < 2 || k->connector || k->strong || k->marked) continue;
        const char *last = strrchr(k->key, ' ');
        if (!last) continue;
        /* only a name that looks like a person's, by its first name or by
         * the surname acting as one alone ("Dumas plays"): "Tumblr Dune" (a
         * menu run into a headline) says nothing about "Dune" */
        cand *alone = sc_cand_find(&cs, last + 1, NULL);
        if (!k->person && !subject_first_name(k->key, strcspn(k->key, " ")) &&
            !(alone && alone->person > alone->film))
            continue;
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
        cand *alone = sc_cand_find(&cs, first, NULL);
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
        cand *lc = sc_cand_find(&cs, left, NULL), *rc1 = sc_cand_find(&cs, right, NULL);
        if (!rc1) rc1 = sc_cand_find(&cs, right1, NULL);
        if (lc && rc1) {
            k->film -= 10;
        } else if ((lc && lc != k && lc->person > lc->film) ||
                   (rc1 && rc1 != k && rc1->person > rc1->film)) {
            /* "Key and Peele" where Peele is a person: a double act */
            k->person += 2;
        }
        free(left);
        free(right);
        free(right1);
    }
    /* Choose. The weights are set by hand, in the units of one piece of
     * evidence a reader would take as decisive ("the film X", "X (2019)":
     * 2; a title form that names the film alone, "X review": 8, so it
     * outweighs anything but a name's own words; the headline: 1.5 per
     * level; a person's evidence counts double against). They were checked
     * on articles-dev (74/75), extraction-dev's pages about no film (1/61
     * given a subject) and tests/data/subject.spec; nothing is learned. */
    double best = 0, second = 0;
    cand *win = NULL;
    int filmy = sc_film_context(doc);
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
        if (k->other) score -= 2.5; /* "her previous film X" */
        /* named earlier reads as the subject: at most a point lost at the end */
        if (doc->text_len && k->count) score -= (double)k->first / (double)doc->text_len;
        /* a lone word needs more than two mentions ("Dune", "Barbie") */
        if (k->words == 1 && !k->in_title && !form && k->count < 3) score -= 0.5;

        if (score > best) {
            second = best;
            best = score;
            win = k;
        } else if (score > second) {
            second = score;
        }
    }
    /* A list or a round-up ("The ten best ghost stories on film", each
     * entry "Title (2011)" or in italics): many titles marked alike and
     * none named in the headline, printed as the subject, or recurring, is
     * about no one film */
    if (win && win->in_title < 2 && win->count < 3) {
        size_t titled = 0;
        for (size_t i = 0; i < cs.n && titled < 3; i++) {
            const cand *k = &cs.items[i];
            if (!k->absorbed && !k->not_film && (k->year || k->strong || k->italic))
                titled++;
        }
        if (titled >= 3) win = NULL;
    }
    /* a page with a critic's score under a headline that is a bare name
     * ("Tidewater") reviews that film, named or not in the text */
    if (!win && filmy && doc->score.found && head != SIZE_MAX) {
        size_t talk = 0; /* film talk, not just a short page's benefit of doubt */
        for (size_t i = 0; i < doc->n_tokens && talk < 2; i++)
            talk += doc->tokens[i].kind == REEL_TOK_WORD &&
                    sc_tok_in(doc, &doc->tokens[i], subject_film_vocab);
        cand *h = talk >= 2 ? sc_cand_find(&cs, tops[head], NULL) : NULL;
        if (h && !h->absorbed && !h->not_film && h->person == 0 && h->form >= 4 &&
            h->words <= 5)
            win = h, best = 1.0, second = 0;
    }
    if (!win && (win = sc_lead_title(doc, &cs)) != NULL) best = 1.0, second = 0;
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
    free(c.speakers.slots);
    free(c.speakers2.slots);
    vec_free(&c.tentative);
    sc_cands_free(&cs);
    sc_cands_free(&tent);
    sc_cands_free(&ital);
    return rc;
}
