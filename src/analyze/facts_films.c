/* facts_films.c — where films are named in an article, for the facts
 * analyzer: every occurrence of the subject's title, of the films the
 * subject analyzer mentions (when the evidence is more than a possessive),
 * and of titles in lists ("hits like Law of Desire and Tie Me Up!",
 * "Between Talk to Her, Volver and Julieta,", "the 2011 thriller Skin I
 * Live In", "two films in English, Snowpiercer and Okja"). A sentence
 * that names another film and not the subject gives its facts to that
 * film. Occurrences are indexed per token; fx_titled says whether a run
 * of words is a film the article knows (patterns ask before taking it for
 * a person or a part).
 */
#include "facts.h"
#include "subject.h"

#include <ctype.h>

/* ---------------- films ---------------- */

/* Does the film key match the tokens from i? Tokens that fold to nothing
 * (punctuation) are skipped; a leading "the" may be absent from the key.
 * Returns tokens consumed, 0 if no match. */
static size_t key_match(const fx *x, size_t i, size_t end, const char *key)
{
    size_t j = i;
    const char *k = key;
    if (!*k) return 0;
    if (j < end && !strcmp(tfold(x, j), "the") && strncmp(k, "the ", 4) != 0) j++;
    if (j >= end || !(tcap(x, j) || x->tok[j].kind == REEL_TOK_NUMBER)) return 0;
    while (*k) {
        while (j < end && !*tfold(x, j))
            j++;
        if (j >= end) return 0;
        const char *f = tfold(x, j);
        size_t fl = strlen(f);
        if (strncmp(k, f, fl) != 0) return 0;
        int poss = (x->tflag[j] & TF_POSS) != 0;
        /* "Pan's Labyrinth": the key keeps the s of the possessive */
        if (poss && k[fl] == 's' && (k[fl + 1] == ' ' || !k[fl + 1])) {
            fl++;
            poss = 0;
        }
        if (k[fl] != ' ' && k[fl] != 0) return 0;
        k += fl;
        if (*k == ' ') k++;
        j++;
        if (*k && poss) return 0; /* "Pain's and" */
    }
    return j - i;
}

/* Index occurrence k by its first token (open addressing over ohash). */
static void ohash_put(fx *x, size_t k)
{
    size_t m = x->ohcap - 1, j = (x->occ[k].a * 0x9E3779B97F4A7C15ULL >> 20) & m;
    while (x->ohash[j] && x->occ[x->ohash[j] - 1].a != x->occ[k].a)
        j = (j + 1) & m;
    x->ohash[j] = (uint32_t)k + 1;
}

/* The index of the occurrences, sized for nocc + 1 (at most half full). */
static int ohash_fit(fx *x, size_t want)
{
    if (2 * want <= x->ohcap) return 0;
    size_t cap = x->ohcap ? x->ohcap : 64;
    while (cap < 2 * want)
        cap *= 2;
    uint32_t *t = calloc(cap, sizeof *t);
    if (!t) return REEL_ENOMEM;
    free(x->ohash);
    x->ohash = t;
    x->ohcap = cap;
    for (size_t k = 0; k < x->nocc; k++)
        ohash_put(x, k);
    return 0;
}

int32_t occ_at(const fx *x, size_t i)
{
    if (i >= x->ntok || !(x->tflag[i] & (TF_SUBJECT | TF_FILM)) || !x->ohcap) return -1;
    /* occurrences do not overlap: the nearest start at or before i */
    size_t a = i;
    while (!(x->tflag[a] & TF_FILM_START)) {
        if (a == 0) return -1;
        a--;
    }
    size_t m = x->ohcap - 1, j = (a * 0x9E3779B97F4A7C15ULL >> 20) & m;
    for (; x->ohash[j]; j = (j + 1) & m)
        if (x->occ[x->ohash[j] - 1].a == a) return (int32_t)(x->ohash[j] - 1);
    return -1;
}

static int add_occ(fx *x, size_t a, size_t b, int film)
{
    if (x->nocc == x->capocc) {
        size_t cap = x->capocc ? x->capocc * 2 : 32;
        fx_filmocc *p = realloc(x->occ, cap * sizeof *p);
        if (!p) return REEL_ENOMEM;
        x->occ = p;
        x->capocc = cap;
    }
    x->occ[x->nocc].a = a;
    x->occ[x->nocc].b = b;
    x->occ[x->nocc].film = film;
    if (ohash_fit(x, x->nocc + 1)) return REEL_ENOMEM;
    ohash_put(x, x->nocc);
    x->nocc++;
    for (size_t t = a; t < b; t++)
        x->tflag[t] |= film < 0 ? TF_SUBJECT : TF_FILM;
    x->tflag[a] |= TF_FILM_START;
    return 0;
}

int film_at(const fx *x, size_t i, size_t *len)
{
    if (i >= x->ntok || !(x->tflag[i] & TF_FILM_START)) return -2;
    int32_t k = occ_at(x, i);
    if (k < 0 || x->occ[k].a != i) return -2;
    *len = x->occ[k].b - x->occ[k].a;
    return x->occ[k].film;
}

/* Another film named by an explicit title run at token i: register it
 * (or find it) and mark the tokens. Returns its index or -1 on failure. */
int fx_add_film(fx *x, size_t a, size_t b)
{
    if (b <= a) return -1;
    for (size_t t = a; t < b; t++)
        if (x->tflag[t] & (TF_SUBJECT | TF_FILM)) return -1;
    size_t s = x->tok[a].span.start, e = x->tok[b - 1].span.end;
    char *key = reel_film_key(x->text + s, e - s);
    if (!key) {
        x->oom = 1;
        return -1;
    }
    int idx = -1;
    if (x->doc->subject.key && !strcmp(key, x->doc->subject.key)) {
        free(key);
        return add_occ(x, a, b, -1) ? -1 : -1;
    }
    for (size_t k = 0; k < x->nfilms; k++)
        if (!strcmp(x->films[k].key, key)) idx = (int)k;
    if (idx < 0) {
        if (x->nfilms >= 64) { /* a hostile list of titles: stop growing */
            free(key);
            return -1;
        }
        if (x->nfilms == x->capfilms) {
            size_t cap = x->capfilms ? x->capfilms * 2 : 8;
            fx_film *p = realloc(x->films, cap * sizeof *p);
            if (!p) {
                free(key);
                x->oom = 1;
                return -1;
            }
            x->films = p;
            x->capfilms = cap;
        }
        x->films[x->nfilms].title = arena_strndup(x->doc->arena, x->text + s, e - s);
        x->films[x->nfilms].key = arena_strdup(x->doc->arena, key);
        if (!x->films[x->nfilms].title || !x->films[x->nfilms].key) {
            free(key);
            x->oom = 1;
            return -1;
        }
        idx = (int)x->nfilms++;
    }
    free(key);
    if (add_occ(x, a, b, idx)) {
        x->oom = 1;
        return -1;
    }
    return idx;
}

/* Does the run [a, b) name a film the article knows: marked as one, the
 * key of a film it registered or the subject analyzer found (one word
 * will do here: the run is already in question), or words the page set
 * in italics, as pages set titles? A person or a part is none of these. */
int fx_titled(fx *x, size_t a, size_t b)
{
    if (b <= a || b > x->ntok) return 0;
    for (size_t t = a; t < b; t++)
        if (x->tflag[t] & (TF_SUBJECT | TF_FILM)) return 1;
    const char *s;
    size_t n;
    fx_run_text(x, a, b, &s, &n);
    const reel_doc *d = x->doc;
    for (size_t k = 0; k < d->n_italics; k++)
        if (strlen(d->italics[k]) == n && !memcmp(d->italics[k], s, n)) return 1;
    char *key = reel_film_key(s, n);
    if (!key) {
        x->oom = 1;
        return 0;
    }
    int hit = 0;
    for (size_t k = 0; k < x->nfilms && !hit; k++)
        hit = !strcmp(x->films[k].key, key);
    for (size_t m = 0; m < d->n_mentions && !hit; m++)
        hit = d->mentions[m].key && d->mentions[m].confidence >= 0.6 &&
              !strcmp(d->mentions[m].key, key);
    free(key);
    return hit;
}

/* ---- titles of other films named in lists and after genre words ---- */

static const char *const title_joiners[] = {
    "of", "the", "a",  "an", "in", "on", "to", "for", "with", "from", "at",
    "by", "my",  "me", "it", "is", "de", "la", "el",  "del",  "le",   NULL};

/* A title run from token i: capitalised words and numbers with the small
 * words titles keep in lower case; "!" / "?" / ":" inside ("Tie Me Up! Tie
 * Me Down!"). Stops at "and" (lists split there), commas, full stops. */
static size_t title_run(const fx *x, size_t i, size_t end)
{
    if (i >= end || !(tcap(x, i) || x->tok[i].kind == REEL_TOK_NUMBER)) return i;
    size_t j = i + 1, last = i + 1;
    while (j < end && j - i < FX_MAX_TITLE) {
        if (x->tflag[j - 1] & TF_POSS) break;
        if ((tpunct(x, j, "!") || tpunct(x, j, "?") || tpunct(x, j, ":")) &&
            tadjacent(x, j)) {
            last = j + 1;
            if (j + 1 < end && tcap(x, j + 1) && !tadjacent(x, j + 1)) {
                j++;
                continue;
            }
            break;
        }
        if (x->tok[j].span.start != x->tok[j - 1].span.end + 1) break;
        if (tcap(x, j) || x->tok[j].kind == REEL_TOK_NUMBER || tpunct(x, j, "&")) {
            j++;
            last = j;
            continue;
        }
        if (tin(x, j, title_joiners) && j + 1 < end &&
            (tcap(x, j + 1) || tin(x, j + 1, title_joiners))) {
            j++;
            continue;
        }
        break;
    }
    return last;
}

static const char *const film_plurals[] = {
    "hits",       "films",        "movies",   "features",       "works",     "classics",
    "titles",     "pictures",     "dramas",   "comedies",       "thrillers", "favorites",
    "favourites", "efforts",      "projects", "collaborations", "credits",   "outings",
    "entries",    "masterpieces", NULL};

static const char *const film_singulars[] = {
    "thriller",    "drama",   "comedy",  "documentary", "musical", "western", "melodrama",
    "biopic",      "sequel",  "prequel", "remake",      "classic", "hit",     "debut",
    "masterpiece", "feature", "romance", "satire",      "noir",    "horror",  NULL};

/* The items of a list of titles from token i: "X, Y and Z", each
 * [items[k][0], items[k][1]); how many (0 when one ends in a possessive,
 * "films like Almodóvar's"), and where the list ends in *stop. */
static size_t title_items(const fx *x, size_t i, size_t end, size_t items[16][2],
                          size_t *stop)
{
    size_t n = 0, j = i;
    *stop = i;
    while (j < end && n < 16) {
        size_t e = title_run(x, j, end);
        if (e == j) break;
        if (x->tflag[e - 1] & TF_POSS) return 0; /* "films like Almodóvar's" */
        items[n][0] = j;
        items[n][1] = e;
        n++;
        j = e;
        *stop = e;
        if (tpunct(x, j, ",") && j + 1 < end && tis(x, j + 1, "and"))
            j += 2;
        else if (tpunct(x, j, ","))
            j++;
        else if (tis(x, j, "and") || tpunct(x, j, "&"))
            j++;
        else
            break;
        if (j >= end || !(tcap(x, j) || x->tok[j].kind == REEL_TOK_NUMBER)) break;
    }
    return n;
}

/* A list of titles from token i: "X, Y and Z". Registers each. */
static int title_list(fx *x, size_t i, size_t end, int min_items)
{
    size_t items[16][2], stop, n = title_items(x, i, end, items, &stop);
    if ((int)n < min_items) return 0;
    for (size_t k = 0; k < n; k++)
        fx_add_film(x, items[k][0], items[k][1]);
    return x->oom ? REEL_ENOMEM : 0;
}

/* "The Irishman, Netflix's three-and-a-half-hour gangster epic, ended the
 * night with nothing": a capitalised run that opens the sentence and is set
 * off by an apposition whose head is a kind of film is a title. */
static int title_apposition(fx *x, size_t a, size_t b)
{
    size_t e = title_run(x, a, b);
    if (e <= a || !tpunct(x, e, ",") || (x->tflag[e - 1] & TF_POSS)) return 0;
    if (x->tflag[a] & (TF_SUBJECT | TF_FILM)) return 0;
    if (subject_first_name(tfold(x, a), strlen(tfold(x, a))) && e - a >= 2) return 0;
    static const char *const rel[] = {"who",  "whose", "which", "where",
                                      "when", "that",  NULL};
    size_t k = e + 1;
    /* the apposition opens with a determiner or a possessive name */
    if (!(tis(x, k, "the") || tis(x, k, "a") || tis(x, k, "an") || tis(x, k, "his") ||
          tis(x, k, "her") || tis(x, k, "their") ||
          (tcap(x, k) && (x->tflag[k] & TF_POSS))))
        return 0;
    while (k < b && k < e + 10 && !tpunct(x, k, ",") && !tin(x, k, fx_genre_nouns)) {
        if (tin(x, k, rel)) return 0; /* "Spielberg, whose new film," */
        k++;
    }
    if (!tin(x, k, fx_genre_nouns) || !tpunct(x, k + 1, ",")) return 0;
    fx_add_film(x, a, e);
    return x->oom ? REEL_ENOMEM : 0;
}

/* "You've made two films in English, Snowpiercer and Okja.": a counted
 * or owned plural of films, then after the comma that closes its noun
 * phrase a list of two or more titles that ends the sentence, is a
 * filmography. A list of people ("two films with his favourite actors,
 * Tom Hanks and Meg Ryan") follows a word for people, or its names open
 * with a first name (a one-word title may be one: "Jackie"). */
static int filmography(fx *x, size_t a, size_t b)
{
    static const char *const owners[] = {
        "two",  "three", "four", "five", "six",     "seven",    "his",     "her", "their",
        "your", "my",    "our",  "both", "several", "previous", "earlier", NULL};
    static const char *const people_nouns[] = {
        "actors",  "actresses",     "stars",   "co-stars", "leads",
        "friends", "collaborators", "players", "cast",     "performers",
        "muses",   "regulars",      NULL};
    size_t e = b;
    while (e > a &&
           (tpunct(x, e - 1, ".") || tpunct(x, e - 1, "?") || tpunct(x, e - 1, "!")))
        e--;
    for (size_t c = a + 2; c < e; c++) {
        /* the comma closes a noun phrase, not a title of the list */
        if (!tpunct(x, c, ",") || !tlower(x, c - 1)) continue;
        int cue = 0;
        for (size_t k = c > a + 8 ? c - 8 : a + 1; k < c && !cue; k++)
            cue = tin(x, k, film_plurals) &&
                  (tin(x, k - 1, owners) || x->tok[k - 1].kind == REEL_TOK_NUMBER ||
                   (k >= a + 2 && tin(x, k - 2, owners)));
        if (!cue) continue;
        size_t items[16][2], stop, n = title_items(x, c + 1, e, items, &stop);
        if (n < 2 || stop != e) continue;
        /* "two films with his favourite actors, Tom Hanks and Meg Ryan" */
        for (size_t k = c > a + 8 ? c - 8 : a; k < c; k++)
            if (tin(x, k, people_nouns)) return 0;
        for (size_t k = 0; k < n; k++)
            if (items[k][1] - items[k][0] >= 2 &&
                subject_first_name(tfold(x, items[k][0]), strlen(tfold(x, items[k][0]))))
                return 0;
        for (size_t k = 0; k < n; k++)
            fx_add_film(x, items[k][0], items[k][1]);
        return x->oom ? REEL_ENOMEM : 0;
    }
    return 0;
}

static int find_titles(fx *x)
{
    for (size_t s = 0; s < x->doc->n_sentences; s++) {
        const reel_sentence *se = &x->doc->sentences[s];
        size_t a = se->tok_start, b = se->tok_end;
        x->sa = a;
        x->sb = b;
        if (tcap(x, a)) {
            int rc = title_apposition(x, a, b);
            if (rc) return rc;
        }
        int rc = filmography(x, a, b);
        if (rc) return rc;
        for (size_t i = a; i < b; i++) {
            int rc = 0;
            if (!(tkmask(x, i) & (M_TCUE | M_AS | M_BY | M_SET))) continue;
            if (tis(x, i, "like") || tis(x, i, "including") ||
                (tis(x, i, "as") && i > a && tis(x, i - 1, "such"))) {
                int cue = 0;
                for (size_t k = i > a + 4 ? i - 4 : a; k < i; k++)
                    cue |= tin(x, k, film_plurals);
                if (cue) rc = title_list(x, i + 1, b, 1);
            } else if (i == a && tis(x, i, "between")) {
                rc = title_list(x, i + 1, b, 2);
            } else if (tis(x, i, "of") && i > a &&
                       (tis(x, i - 1, "director") || tis(x, i - 1, "writer-director") ||
                        tis(x, i - 1, "star") || tis(x, i - 1, "maker") ||
                        tis(x, i - 1, "creator") || tis(x, i - 1, "auteur"))) {
                rc = title_list(x, i + 1, b, 1);
            } else if (tin(x, i, film_singulars) && i + 1 < b && tcap(x, i + 1) &&
                       i > a && !tcap(x, i - 1)) {
                size_t e = title_run(x, i + 1, b);
                if (e > i + 1 && !(x->tflag[e - 1] & TF_POSS) && !tpunct(x, e, "(")) {
                    fx_add_film(x, i + 1, e);
                    rc = x->oom ? REEL_ENOMEM : 0;
                }
            } else if (tis(x, i, "in") && i > a &&
                       (tis(x, i - 1, "starred") || tis(x, i - 1, "appeared") ||
                        tis(x, i - 1, "role") || tis(x, i - 1, "roles") ||
                        tis(x, i - 1, "turn"))) {
                rc = title_list(x, i + 1, b, 1);
            }
            if (rc) return rc;
        }
    }
    return 0;
}

/* Is a mention from the subject analyzer a film we can use? Not when it
 * begins with a word no title begins with, nor when it is followed by an
 * actor's name in brackets (then it is a character). */
static int usable_mention(const fx *x, const reel_film_ref *r)
{
    static const char *const no_start[] = {"starring", "review", "film", "photo",
                                           "director", "watch",  "read", NULL};
    static const char *const org[] = {"cinemas", "cinema",   "theatre",  "theater",
                                      "street",  "pictures", "classics", NULL};
    if (!strchr(r->key, ' ')) return 0;
    /* a possessive alone ("Fidel Castro's Communist Revolution") is too
     * little: a genre word, a year, a rating must have said "film" too */
    if (r->confidence < 0.6) return 0;
    for (const char *const *w = no_start; *w; w++) {
        size_t n = strlen(*w);
        if (!strncmp(r->key, *w, n) && r->key[n] == ' ') return 0;
    }
    for (const char *const *w = org; *w; w++) {
        const char *p = strstr(r->key, *w);
        size_t n = strlen(*w);
        if (p && (p == r->key || p[-1] == ' ') && (p[n] == ' ' || !p[n])) return 0;
    }
    /* "Alberto Crespo (Asier Etxeandia)": a character */
    size_t e = r->span.end;
    const char *t = x->text;
    if (e + 2 < x->doc->text_len && t[e] == ' ' && t[e + 1] == '(' &&
        !isdigit((unsigned char)t[e + 2]) && (unsigned char)t[e + 2] != 0xE2 &&
        t[e + 2] != '*')
        return 0;
    return 1;
}

/* Every place the subject and the other films are named. */
int mark_films(fx *x)
{
    const reel_doc *d = x->doc;
    for (size_t m = 0; m < d->n_mentions && x->nfilms < 64; m++) {
        const reel_film_ref *r = &d->mentions[m];
        if (!r->key || !*r->key) continue;
        if (d->subject.key && !strcmp(r->key, d->subject.key)) continue;
        if (!usable_mention(x, r)) continue;
        if (x->nfilms == x->capfilms) {
            size_t cap = x->capfilms ? x->capfilms * 2 : 8;
            fx_film *p = realloc(x->films, cap * sizeof *p);
            if (!p) return REEL_ENOMEM;
            x->films = p;
            x->capfilms = cap;
        }
        x->films[x->nfilms].title = r->title;
        x->films[x->nfilms].key = r->key;
        x->nfilms++;
    }
    /* the subject first, so a list never takes its words */
    for (size_t i = 0; i < x->ntok && d->subject.key; i++) {
        if (!(tcap(x, i) || x->tok[i].kind == REEL_TOK_NUMBER || tis(x, i, "the")))
            continue;
        size_t n = key_match(x, i, x->ntok, d->subject.key);
        if (n) {
            if (add_occ(x, i, i + n, -1)) return REEL_ENOMEM;
            i += n - 1;
        }
    }
    int rc = find_titles(x);
    if (rc) return rc;
    for (size_t i = 0; i < x->ntok; i++) {
        if (x->tflag[i] & (TF_SUBJECT | TF_FILM)) continue;
        if (!(tcap(x, i) || x->tok[i].kind == REEL_TOK_NUMBER || tis(x, i, "the")))
            continue;
        size_t best = 0;
        int film = -2;
        for (size_t k = 0; k < x->nfilms; k++) {
            size_t n = key_match(x, i, x->ntok, x->films[k].key);
            /* a lone word is a film only where the text says so */
            if (n && !strchr(x->films[k].key, ' ')) n = 0;
            if (n > best) best = n, film = (int)k;
        }
        if (best) {
            size_t t;
            for (t = i; t < i + best && !(x->tflag[t] & (TF_SUBJECT | TF_FILM)); t++)
                ;
            if (t < i + best) continue;
            if (add_occ(x, i, i + best, film)) return REEL_ENOMEM;
            i += best - 1;
        }
    }
    /* a mention whose words follow a first name is the end of a person's
     * name ("Robert De Niro" → "De Niro"): not a film */
    if (x->nocc) {
        char *veto = calloc(x->nfilms + 1, 1);
        if (!veto) return REEL_ENOMEM;
        for (size_t k = 0; k < x->nocc; k++) {
            const fx_filmocc *o = &x->occ[k];
            if (o->film >= 0 && o->a > 0 && tcap(x, o->a - 1) &&
                !tk(x, o->a - 1, M_NOTNAME) &&
                !(x->tflag[o->a - 1] & (TF_POSS | TF_SUBJECT | TF_FILM)) &&
                x->tok[o->a].span.start == x->tok[o->a - 1].span.end + 1)
                veto[o->film] = 1;
        }
        size_t w = 0;
        for (size_t k = 0; k < x->nocc; k++) {
            const fx_filmocc *o = &x->occ[k];
            /* "J. Robert Oppenheimer": the subject's title as a surname */
            int name_end = o->film < 0 && o->a > 0 && tcap(x, o->a - 1) &&
                           !tk(x, o->a - 1, M_NOTNAME | M_ABODY) &&
                           !(x->tflag[o->a - 1] & (TF_POSS | TF_SUBJECT | TF_FILM)) &&
                           x->tok[o->a].span.start == x->tok[o->a - 1].span.end + 1;
            if ((o->film >= 0 && veto[o->film]) || name_end) {
                for (size_t t = o->a; t < o->b; t++)
                    x->tflag[t] &= (uint8_t) ~(TF_FILM | TF_FILM_START | TF_SUBJECT);
                continue;
            }
            x->occ[w++] = *o;
        }
        x->nocc = w;
        memset(x->ohash, 0, x->ohcap * sizeof *x->ohash);
        for (size_t k = 0; k < x->nocc; k++)
            ohash_put(x, k);
        free(veto);
    }
    return 0;
}
