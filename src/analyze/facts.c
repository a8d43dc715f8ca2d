/* facts.c — the facts an article states about its film (director, cast and
 * characters, crew, studio, dates, rating, runtime, places, awards), each
 * traced to the words it was read from. This file drives the extraction:
 * it folds every token once, marks where films are named, finds the runs
 * of capitalised words that name people and resolves them within the
 * article ("Almodóvar" → "Pedro Almodóvar"), then runs the patterns of
 * facts_people.c and facts_misc.c sentence by sentence, twice: strong
 * patterns first so that the weak ones and the anaphora ("the director")
 * know who plays whom. Facts are deduplicated per article and capped, so
 * hostile input stays linear. Pure: no I/O.
 */
#include "facts.h"

#include <ctype.h>

/* ---------------- tokens ---------------- */

size_t tlen(const fx *x, size_t i) { return x->tok[i].span.end - x->tok[i].span.start; }
const char *tstr(const fx *x, size_t i) { return x->text + x->tok[i].span.start; }

int tin(const fx *x, size_t i, const char *const *l)
{
    if (i >= x->ntok) return 0;
    const char *s = tstr(x, i);
    size_t n = tlen(x, i);
    unsigned char c0 = (unsigned char)s[0];
    if (c0 >= 'A' && c0 <= 'Z') c0 = (unsigned char)(c0 + 32);
    /* the first letter rules out nearly every entry without a strlen */
    for (; *l; l++) {
        if ((unsigned char)(*l)[0] != c0 || strlen(*l) != n) continue;
        size_t k = 1;
        for (; k < n; k++) {
            unsigned char c = (unsigned char)s[k];
            if (c >= 'A' && c <= 'Z') c = (unsigned char)(c + 32);
            if (c != (unsigned char)(*l)[k]) break;
        }
        if (k == n) return 1;
    }
    return 0;
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

/* Fold one token: an ASCII fast path (most tokens), utf8proc otherwise.
 * A possessive ending is cut off and flagged. */
static int fold_tokens(fx *x, reel_arena *a)
{
    for (size_t i = 0; i < x->ntok; i++) {
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
            } else if (n > 1 && (s[n - 1] == 's' || s[n - 1] == 'S') && is_apos_tok(x, i + 1) &&
                       tadjacent(x, i + 1) &&
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
        char *f;
        if (ascii) {
            f = arena_alloc(a, n + 1);
            if (!f) return REEL_ENOMEM;
            size_t o = 0;
            int space = 0;
            for (size_t k = 0; k < n; k++) {
                unsigned char c = (unsigned char)s[k];
                if (c == '\'') continue;
                if (c == 0xE2) { /* ’ */
                    k += 2;
                    continue;
                }
                if (c == '&') {
                    /* only a lone "&" becomes "and" */
                    if (n == 1) {
                        f = arena_strdup(a, "and");
                        if (!f) return REEL_ENOMEM;
                        o = 3;
                        break;
                    }
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
            if (n != 1 || s[0] != '&') f[o] = 0;
        } else {
            char *m = reel_fold(s, n);
            if (!m) return REEL_ENOMEM;
            f = arena_strdup(a, m);
            free(m);
            if (!f) return REEL_ENOMEM;
        }
        x->fold[i] = f;
    }
    return 0;
}

/* ---------------- films ---------------- */

/* Does the film key match the tokens from i? Tokens that fold to nothing
 * (punctuation) are skipped; a leading "the" may be absent from the key.
 * Returns tokens consumed, 0 if no match. */
static size_t key_match(const fx *x, size_t i, size_t end, const char *key)
{
    size_t j = i;
    const char *k = key;
    if (!*k) return 0;
    if (j < end && !strcmp(x->fold[j], "the") && strncmp(k, "the ", 4) != 0) j++;
    if (j >= end || !(tcap(x, j) || x->tok[j].kind == REEL_TOK_NUMBER)) return 0;
    while (*k) {
        while (j < end && !*x->fold[j]) j++;
        if (j >= end) return 0;
        const char *f = x->fold[j];
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
    for (size_t t = a; t < b; t++) x->occ_cover[t] = (int32_t)x->nocc;
    x->nocc++;
    for (size_t t = a; t < b; t++) x->tflag[t] |= film < 0 ? TF_SUBJECT : TF_FILM;
    x->tflag[a] |= TF_FILM_START;
    return 0;
}

int film_at(const fx *x, size_t i, size_t *len)
{
    if (i >= x->ntok || !(x->tflag[i] & TF_FILM_START)) return -2;
    int32_t k = x->occ_cover[i];
    if (k < 0 || x->occ[k].a != i) return -2;
    *len = x->occ[k].b - x->occ[k].a;
    return x->occ[k].film;
}

/* Another film named by an explicit title run at token i: register it
 * (or find it) and mark the tokens. Returns its index or -1 on failure. */
int fx_add_film(fx *x, size_t a, size_t b);
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

/* ---- titles of other films named in lists and after genre words ---- */

static const char *const title_joiners[] = {"of", "the", "a", "an", "in", "on", "to", "for",
                                            "with", "from", "at", "by", "my", "me", "it",
                                            "is", "de", "la", "el", "del", "le", NULL};

/* A title run from token i: capitalised words and numbers with the small
 * words titles keep in lower case; "!" / "?" / ":" inside ("Tie Me Up! Tie
 * Me Down!"). Stops at "and" (lists split there), commas, full stops. */
static size_t title_run(const fx *x, size_t i, size_t end)
{
    if (i >= end || !(tcap(x, i) || x->tok[i].kind == REEL_TOK_NUMBER)) return i;
    size_t j = i + 1, last = i + 1;
    while (j < end && j - i < FX_MAX_TITLE) {
        if (x->tflag[j - 1] & TF_POSS) break;
        if ((tpunct(x, j, "!") || tpunct(x, j, "?") || tpunct(x, j, ":")) && tadjacent(x, j)) {
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
        if (tin(x, j, title_joiners) && j + 1 < end && (tcap(x, j + 1) || tin(x, j + 1, title_joiners))) {
            j++;
            continue;
        }
        break;
    }
    return last;
}

static const char *const film_plurals[] = {
    "hits", "films", "movies", "features", "works", "classics", "titles", "pictures",
    "dramas", "comedies", "thrillers", "favorites", "favourites", "efforts", "projects",
    "collaborations", "credits", "outings", "entries", "masterpieces", NULL};

static const char *const film_singulars[] = {
    "thriller", "drama", "comedy", "documentary", "musical", "western", "melodrama", "biopic",
    "sequel", "prequel", "remake", "classic", "hit", "debut", "masterpiece", "feature",
    "romance", "satire", "noir", "horror", NULL};

/* A list of titles from token i: "X, Y and Z". Registers each. */
static int title_list(fx *x, size_t i, size_t end, int min_items)
{
    size_t items[16][2], n = 0, j = i;
    while (j < end && n < 16) {
        size_t e = title_run(x, j, end);
        if (e == j) break;
        if (x->tflag[e - 1] & TF_POSS) return 0; /* "films like Almodóvar's" */
        items[n][0] = j;
        items[n][1] = e;
        n++;
        j = e;
        if (tpunct(x, j, ",") && j + 1 < end && tis(x, j + 1, "and")) j += 2;
        else if (tpunct(x, j, ",")) j++;
        else if (tis(x, j, "and") || tpunct(x, j, "&")) j++;
        else break;
        if (j >= end || !(tcap(x, j) || x->tok[j].kind == REEL_TOK_NUMBER)) break;
    }
    if ((int)n < min_items) return 0;
    for (size_t k = 0; k < n; k++) fx_add_film(x, items[k][0], items[k][1]);
    return x->oom ? REEL_ENOMEM : 0;
}

static int find_titles(fx *x)
{
    for (size_t s = 0; s < x->doc->n_sentences; s++) {
        const reel_sentence *se = &x->doc->sentences[s];
        size_t a = se->tok_start, b = se->tok_end;
        x->sa = a;
        x->sb = b;
        for (size_t i = a; i < b; i++) {
            int rc = 0;
            if (!(x->kmask[i] & (M_TCUE | M_AS | M_BY | M_SET))) continue;
            if (tis(x, i, "like") || tis(x, i, "including") ||
                (tis(x, i, "as") && i > a && tis(x, i - 1, "such"))) {
                int cue = 0;
                for (size_t k = i > a + 4 ? i - 4 : a; k < i; k++) cue |= tin(x, k, film_plurals);
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
                        tis(x, i - 1, "role") || tis(x, i - 1, "roles") || tis(x, i - 1, "turn"))) {
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
    static const char *const no_start[] = {"starring", "review", "film", "photo", "director",
                                           "watch", "read", NULL};
    static const char *const org[] = {"cinemas", "cinema", "theatre", "theater", "street",
                                      "pictures", "classics", NULL};
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
        !isdigit((unsigned char)t[e + 2]) && (unsigned char)t[e + 2] != 0xE2 && t[e + 2] != '*')
        return 0;
    return 1;
}

/* Every place the subject and the other films are named. */
static int mark_films(fx *x)
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
        if (!(tcap(x, i) || x->tok[i].kind == REEL_TOK_NUMBER || tis(x, i, "the"))) continue;
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
        if (!(tcap(x, i) || x->tok[i].kind == REEL_TOK_NUMBER || tis(x, i, "the"))) continue;
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
            if (o->film >= 0 && o->a > 0 && tcap(x, o->a - 1) && !tk(x, o->a - 1, M_NOTNAME) &&
                !(x->tflag[o->a - 1] & (TF_POSS | TF_SUBJECT | TF_FILM)) &&
                x->tok[o->a].span.start == x->tok[o->a - 1].span.end + 1)
                veto[o->film] = 1;
        }
        size_t w = 0;
        for (size_t k = 0; k < x->nocc; k++) {
            const fx_filmocc *o = &x->occ[k];
            /* "J. Robert Oppenheimer": the subject's title as a surname */
            int name_end = o->film < 0 && o->a > 0 && tcap(x, o->a - 1) &&
                           !tk(x, o->a - 1, M_NOTNAME) &&
                           !(x->tflag[o->a - 1] & (TF_POSS | TF_SUBJECT | TF_FILM)) &&
                           x->tok[o->a].span.start == x->tok[o->a - 1].span.end + 1;
            if ((o->film >= 0 && veto[o->film]) || name_end) {
                for (size_t t = o->a; t < o->b; t++)
                    x->tflag[t] &= (uint8_t)~(TF_FILM | TF_FILM_START | TF_SUBJECT);
                continue;
            }
            x->occ[w++] = *o;
        }
        x->nocc = w;
        for (size_t t = 0; t < x->ntok; t++) x->occ_cover[t] = -1;
        for (size_t k = 0; k < x->nocc; k++)
            for (size_t t = x->occ[k].a; t < x->occ[k].b; t++) x->occ_cover[t] = (int32_t)k;
        free(veto);
    }
    return 0;
}

/* ---------------- people ---------------- */

/* The words patterns start at, folded, with the patterns they start;
 * and the words that never begin a person's name (sentence starters,
 * labels, months, role nouns, titles). */
static const struct {
    const char *w;
    uint32_t m;
} keywords[] = {
    {"director", M_LABEL | M_ROLE | M_NOTNAME}, {"directors", M_LABEL | M_NOTNAME},
    {"directed", M_LABEL | M_VERB}, {"wrote", M_VERB}, {"co wrote", M_VERB},
    {"directs", M_VERB}, {"penned", M_VERB}, {"shot", M_VERB}, {"lensed", M_VERB},
    {"scored", M_VERB}, {"edited", M_VERB}, {"helmed", M_VERB}, {"co directed", M_VERB},
    {"co produced", M_VERB}, {"writer", M_LABEL | M_ROLE | M_NOTNAME},
    {"writers", M_LABEL}, {"written", M_LABEL}, {"screenplay", M_LABEL | M_NOTNAME},
    {"screenwriter", M_LABEL | M_ROLE | M_NOTNAME}, {"cast", M_LABEL | M_PLAY | M_NOTNAME},
    {"starring", M_LABEL | M_STARRING | M_NOTNAME}, {"stars", M_LABEL | M_PLAY | M_STARRING | M_NOTNAME},
    {"music", M_LABEL | M_ROLE | M_NOTNAME}, {"composer", M_LABEL | M_ROLE | M_NOTNAME},
    {"score", M_LABEL | M_NOTNAME}, {"cinematography", M_LABEL | M_NOTNAME},
    {"cinematographer", M_LABEL | M_ROLE | M_NOTNAME}, {"producer", M_LABEL | M_ROLE | M_NOTNAME},
    {"producers", M_LABEL}, {"produced", M_LABEL | M_VERB}, {"editor", M_LABEL | M_ROLE | M_NOTNAME},
    {"editing", M_LABEL}, {"plays", M_PLAY}, {"played", M_PLAY | M_PLAYED},
    {"portrays", M_PLAY}, {"portrayed", M_PLAY | M_PLAYED}, {"play", M_PLAY},
    {"portray", M_PLAY}, {"embodies", M_PLAY}, {"essays", M_PLAY}, {"inhabits", M_PLAY},
    {"incarnates", M_PLAY}, {"starred", M_PLAY}, {"star", M_PLAY | M_ROLE | M_NOTNAME},
    {"appears", M_PLAY}, {"co stars", M_PLAY | M_STARRING}, {"voiced", M_PLAYED},
    {"as", M_AS | M_NOTNAME}, {"performance", M_PERF}, {"turn", M_PERF},
    {"co starring", M_STARRING}, {"by", M_BY | M_NOTNAME}, {"of", M_BY | M_SET | M_NOTNAME},
    {"co director", M_ROLE | M_NOTNAME}, {"filmmaker", M_ROLE | M_NOTNAME},
    {"helmer", M_ROLE | M_NOTNAME}, {"auteur", M_ROLE | M_NOTNAME},
    {"writer director", M_ROLE | M_NOTNAME}, {"director writer", M_ROLE | M_NOTNAME},
    {"co writer", M_ROLE | M_NOTNAME}, {"scriptwriter", M_ROLE}, {"scribe", M_ROLE},
    {"dp", M_ROLE}, {"co producer", M_ROLE | M_NOTNAME}, {"actor", M_ROLE | M_NOTNAME},
    {"actress", M_ROLE | M_NOTNAME}, {"co star", M_ROLE | M_NOTNAME}, {"costar", M_ROLE},
    {"newcomer", M_ROLE | M_NOTNAME}, {"executive", M_ROLE}, {"film", M_ROLE | M_NOTNAME},
    {"films", M_ROLE | M_NOTNAME}, {"the", M_DET | M_NOTNAME}, {"its", M_DET | M_NOTNAME},
    {"his", M_DET | M_NOTNAME}, {"her", M_DET | M_NOTNAME}, {"playing", M_PLAYING},
    {"rated", M_RATED | M_NOTNAME}, {"rating", M_RATED | M_NOTNAME}, {"mpaa", M_RATED},
    {"one", M_RUNWORD | M_NOTNAME}, {"two", M_RUNWORD}, {"three", M_RUNWORD},
    {"four", M_RUNWORD}, {"country", M_CLABEL}, {"language", M_CLABEL},
    {"studio", M_COMPANY | M_NOTNAME}, {"studios", M_COMPANY}, {"distributor", M_COMPANY | M_NOTNAME},
    {"production", M_COMPANY}, {"distributed", M_COMPANY}, {"released", M_COMPANY},
    {"releases", M_COMPANY}, {"distributes", M_COMPANY}, {"opens", M_COMPANY},
    {"a", M_COMPANY | M_NOTNAME}, {"an", M_COMPANY | M_NOTNAME}, {"set", M_SET},
    {"takes", M_SET}, {"in", M_SET | M_AT | M_NOTNAME}, {"to", M_SET | M_NOTNAME},
    {"across", M_SET}, {"around", M_SET}, {"through", M_SET}, {"won", M_AWARD},
    {"wins", M_AWARD}, {"winning", M_AWARD}, {"earned", M_AWARD}, {"scooped", M_AWARD},
    {"nabbed", M_AWARD}, {"collected", M_AWARD}, {"received", M_AWARD}, {"took", M_AWARD},
    {"picked", M_AWARD}, {"nominated", M_AWARD}, {"at", M_AT | M_NOTNAME},
    {"including", M_TCUE}, {"featuring", M_STARRING}, {"features", M_STARRING}, {"between", M_TCUE | M_NOTNAME}, {"thriller", M_TCUE},
    {"drama", M_TCUE}, {"comedy", M_TCUE}, {"documentary", M_TCUE}, {"musical", M_TCUE},
    {"western", M_TCUE}, {"melodrama", M_TCUE}, {"biopic", M_TCUE}, {"sequel", M_TCUE},
    {"prequel", M_TCUE}, {"remake", M_TCUE}, {"classic", M_TCUE}, {"hit", M_TCUE},
    {"debut", M_TCUE}, {"masterpiece", M_TCUE}, {"feature", M_TCUE}, {"romance", M_TCUE},
    {"satire", M_TCUE}, {"noir", M_TCUE}, {"horror", M_TCUE},
    /* never the first word of a name */
    {"this", M_NOTNAME}, {"that", M_NOTNAME}, {"these", M_NOTNAME}, {"those", M_NOTNAME},
    {"it", M_NOTNAME}, {"he", M_NOTNAME}, {"she", M_NOTNAME}, {"they", M_NOTNAME},
    {"we", M_NOTNAME}, {"i", M_NOTNAME}, {"you", M_NOTNAME}, {"their", M_NOTNAME},
    {"our", M_NOTNAME}, {"my", M_NOTNAME}, {"your", M_NOTNAME}, {"him", M_NOTNAME},
    {"them", M_NOTNAME}, {"but", M_NOTNAME}, {"and", M_NOTNAME}, {"or", M_NOTNAME},
    {"so", M_NOTNAME}, {"yet", M_NOTNAME}, {"still", M_NOTNAME}, {"on", M_NOTNAME},
    {"for", M_NOTNAME}, {"with", M_NOTNAME}, {"from", M_NOTNAME}, {"if", M_NOTNAME},
    {"when", M_NOTNAME}, {"while", M_NOTNAME}, {"after", M_NOTNAME}, {"before", M_NOTNAME},
    {"since", M_NOTNAME}, {"though", M_NOTNAME}, {"although", M_NOTNAME},
    {"because", M_NOTNAME}, {"even", M_NOTNAME}, {"there", M_NOTNAME}, {"here", M_NOTNAME},
    {"what", M_NOTNAME}, {"who", M_NOTNAME}, {"how", M_NOTNAME}, {"why", M_NOTNAME},
    {"where", M_NOTNAME}, {"both", M_NOTNAME}, {"all", M_NOTNAME}, {"some", M_NOTNAME},
    {"many", M_NOTNAME}, {"most", M_NOTNAME}, {"each", M_NOTNAME}, {"every", M_NOTNAME},
    {"no", M_NOTNAME}, {"not", M_NOTNAME}, {"then", M_NOTNAME}, {"thus", M_NOTNAME},
    {"also", M_NOTNAME}, {"oscar", M_NOTNAME}, {"oscars", M_NOTNAME}, {"academy", M_NOTNAME},
    {"best", M_NOTNAME}, {"movie", M_NOTNAME}, {"review", M_NOTNAME}, {"photo", M_NOTNAME},
    {"photos", M_NOTNAME}, {"festival", M_NOTNAME}, {"watch", M_NOTNAME}, {"read", M_NOTNAME},
    {"more", M_NOTNAME}, {"january", M_NOTNAME}, {"february", M_NOTNAME},
    {"march", M_NOTNAME}, {"april", M_NOTNAME}, {"june", M_NOTNAME}, {"july", M_NOTNAME},
    {"august", M_NOTNAME}, {"september", M_NOTNAME}, {"october", M_NOTNAME},
    {"november", M_NOTNAME}, {"december", M_NOTNAME}, {"monday", M_NOTNAME},
    {"tuesday", M_NOTNAME}, {"wednesday", M_NOTNAME}, {"thursday", M_NOTNAME},
    {"friday", M_NOTNAME}, {"saturday", M_NOTNAME}, {"sunday", M_NOTNAME},
    {"runtime", M_NOTNAME}, {"mr", M_NOTNAME}, {"mrs", M_NOTNAME}, {"ms", M_NOTNAME},
    {"dr", M_NOTNAME}, {"sir", M_NOTNAME}, {"dame", M_NOTNAME}, {"mvp", M_NOTNAME},
    {"recommendation", M_NOTNAME}, {"highlights", M_NOTNAME}, {"synopsis", M_NOTNAME},
    {"verdict", M_NOTNAME}, {"update", M_NOTNAME}, {"updated", M_NOTNAME},
    {"posted", M_NOTNAME}, {"share", M_NOTNAME}, {"follow", M_NOTNAME},
    {"subscribe", M_NOTNAME}, {"support", M_NOTNAME}, {"visit", M_NOTNAME},
    {"like", M_NOTNAME | M_TCUE},
    {"click", M_NOTNAME}, {"original", M_NOTNAME}, {"release", M_NOTNAME},
    {"date", M_NOTNAME}, {"blu ray", M_NOTNAME}, {"dvd", M_NOTNAME}, {"q a", M_NOTNAME},
    {"yes", M_NOTNAME}, {"oh", M_NOTNAME}, {"well", M_NOTNAME}, {"just", M_NOTNAME},
    {"only", M_NOTNAME}, {"now", M_NOTNAME}, {"today", M_NOTNAME}, {"yesterday", M_NOTNAME},
    {"tomorrow", M_NOTNAME}, {"whatever", M_NOTNAME}, {"however", M_NOTNAME},
    {"meanwhile", M_NOTNAME}, {"cannes", M_NOTNAME}, {"sundance", M_NOTNAME},
    {"venice", M_NOTNAME}, {"berlinale", M_NOTNAME}, {"tiff", M_NOTNAME},
    {"imdb", M_NOTNAME}, {"netflix", M_NOTNAME}, {"hbo", M_NOTNAME}, {"amazon", M_NOTNAME},
};

/* Lower-case words that join a name's parts: "Guillermo del Toro". */
static const char *const particles[] = {"de",  "del", "della", "di", "da", "dos", "das",
                                        "du",  "van", "von",   "der", "den", "la", "le",
                                        "bin", "ibn", "al",    "st", "ter", "ten", NULL};

static uint64_t fnv(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
}

/* The per-document table of keywords (and demonyms): folded word → M_*.
 * Built once per call in the arena; a few hundred inserts. */
typedef struct {
    uint64_t h;
    uint32_t m;
} kwslot;

static int build_kmask(fx *x, reel_arena *a)
{
    size_t cap = 1024;
    kwslot *t = arena_alloc(a, cap * sizeof *t);
    if (!t) return REEL_ENOMEM;
    size_t nk = sizeof keywords / sizeof keywords[0];
    const char *pw[400];
    size_t nd = place_words(pw, 400, 0), np = place_words(pw, 400, 1);
    for (size_t k = 0; k < nk + np; k++) {
        const char *w = k < nk ? keywords[k].w : pw[k - nk];
        uint32_t m = k < nk ? keywords[k].m : (k - nk < nd ? M_DEMONYM : M_LANG);
        uint64_t h = fnv(w) | 1;
        size_t i = h & (cap - 1);
        while (t[i].h && t[i].h != h) i = (i + 1) & (cap - 1);
        t[i].h = h;
        t[i].m |= m;
    }
    for (size_t i = 0; i < x->ntok; i++) {
        const reel_token *tk0 = &x->tok[i];
        uint32_t m = 0;
        if (tk0->kind == REEL_TOK_WORD && tk0->cap) m |= M_CAP;
        if (tk0->kind == REEL_TOK_NUMBER || isdigit((unsigned char)x->text[tk0->span.start])) m |= M_NUM;
        if (tpunct(x, i, "(")) m |= M_PAREN;
        if (tk0->kind == REEL_TOK_WORD && *x->fold[i]) {
            uint64_t h = fnv(x->fold[i]) | 1;
            size_t j = h & (cap - 1);
            while (t[j].h && t[j].h != h) j = (j + 1) & (cap - 1);
            if (t[j].h) m |= t[j].m;
        }
        x->kmask[i] = m;
    }
    return 0;
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
    while (x->phash[i] >= 0) i = (i + 1) & m;
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
    return 1;
}

/* Scan a name run from token i within [i, end): its end (exclusive). */
static size_t scan_name(fx *x, size_t i, size_t end, const uint64_t *lower, size_t lcap)
{
    /* "Mrs. Park", "Dr. Mallo": a title keeps its name */
    static const char *const titles[] = {"mr", "mrs", "ms", "dr", "mme", "mlle", "lt", "capt",
                                         "sgt", "col", "gen", "det", "prof", "rev", "st", NULL};
    if (tin(x, i, titles) && tpunct(x, i + 1, ".") && tadjacent(x, i + 1) && i + 2 < end &&
        name_word(x, i + 2) && x->tok[i + 2].span.start == x->tok[i + 1].span.end + 1 &&
        !tk(x, i + 2, M_NOTNAME)) {
        size_t e = scan_name(x, i + 2, end, NULL, 0);
        return e > i + 2 ? e : i;
    }
    if (!name_word(x, i) || tk(x, i, M_NOTNAME | M_DEMONYM)) return i;
    /* a sentence-initial word the text also uses in lower case */
    if (i == x->sa && lower) {
        uint64_t h = fnv(x->fold[i]) | 1;
        size_t m = lcap - 1, k = h & m;
        while (lower[k]) {
            if (lower[k] == h) return i;
            k = (k + 1) & m;
        }
    }
    size_t j = i + 1;
    if (x->tflag[i] & TF_POSS) return j;
    while (j < end && j - i < FX_MAX_NAME) {
        if (x->tok[j].span.start != x->tok[j - 1].span.end + 1) {
            /* initials: "J. K. Rowling" */
            if (tpunct(x, j, ".") && tadjacent(x, j) && tlen(x, j - 1) == 1 && j + 1 < end &&
                name_word(x, j + 1) && x->tok[j + 1].span.start == x->tok[j].span.end + 1) {
                j++;
                continue;
            }
            break;
        }
        if (tpunct(x, j, ".")) break;
        /* "Clifton Collins Jr." keeps its dot */
        if ((tis(x, j, "jr") || tis(x, j, "sr")) && tpunct(x, j + 1, ".") && tadjacent(x, j + 1)) {
            j += 2;
            break;
        }
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

/* The folded key of tokens [a, b) without the possessive. */
static char *run_key(fx *x, reel_arena *a, size_t s, size_t e)
{
    buf b;
    buf_init(&b);
    for (size_t t = s; t < e; t++) {
        if (!*x->fold[t]) continue;
        if (b.len) buf_putc(&b, ' ');
        buf_puts(&b, x->fold[t]);
    }
    if (b.oom) {
        buf_free(&b);
        return NULL;
    }
    char *k = arena_strndup(a, b.data ? b.data : "", b.len);
    buf_free(&b);
    return k;
}

/* The written form of a name without its possessive ending. */
static size_t name_text_end(const fx *x, size_t last)
{
    size_t e = x->tok[last].span.end;
    if (x->tflag[last] & TF_POSS) {
        const char *s = x->text + x->tok[last].span.start;
        size_t n = tlen(x, last);
        if (n > 2 && s[n - 2] == '\'') e -= 2;
        else if (n > 4 && !memcmp(s + n - 4, "\xE2\x80\x99", 3)) e -= 4;
    }
    return e;
}

static int collect_people(fx *x, reel_arena *a)
{
    /* words the text uses in lower case: a capitalised one at the start of
     * a sentence is then an ordinary word ("Still", "Many") */
    size_t lcap = 64;
    while (lcap < x->ntok * 2) lcap *= 2;
    uint64_t *lower = arena_alloc(a, lcap * sizeof *lower);
    if (!lower) return REEL_ENOMEM;
    for (size_t i = 0; i < x->ntok; i++) {
        if (!tlower(x, i) || !*x->fold[i]) continue;
        uint64_t h = fnv(x->fold[i]) | 1;
        size_t m = lcap - 1, k = h & m;
        while (lower[k] && lower[k] != h) k = (k + 1) & m;
        lower[k] = h;
    }
    for (size_t s = 0; s < x->doc->n_sentences; s++) {
        const reel_sentence *se = &x->doc->sentences[s];
        x->sa = se->tok_start;
        x->sb = se->tok_end;
        for (size_t i = se->tok_start; i < se->tok_end; i++) {
            size_t e = scan_name(x, i, se->tok_end, lower, lcap);
            if (e == i) continue;
            char *key = run_key(x, a, i, e);
            if (!key) return REEL_ENOMEM;
            if (!*key) continue;
            size_t ts = x->tok[i].span.start, te = name_text_end(x, e - 1);
            int words = 0;
            for (size_t t = i; t < e; t++) words += x->tok[t].kind == REEL_TOK_WORD && !tpunct(x, t, ".");
            int p = person_add(x, a, x->text + ts, te - ts, key, words);
            if (x->oom) return REEL_ENOMEM;
            if (p >= 0) {
                x->person_at[i] = p;
                x->name_len[i] = (uint8_t)(e - i);
            }
            i = e - 1;
        }
    }
    /* a single word resolves to the full name it is the first or last word
     * of, the most mentioned one when several fit: one hash of the words of
     * full names, so this stays linear */
    size_t wcap = 64;
    while (wcap < x->npeople * 4) wcap *= 2;
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
            while (wh[k] && wh[k] != h) k = (k + 1) & m;
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
        while (wh[k] && wh[k] != h) k = (k + 1) & m;
        if (!wh[k]) continue;
        q->full = wp[k];
        fx_person *r = &x->people[wp[k]];
        if (!strcmp(r->last, q->key)) r->last_alone += q->mentions;
        else r->first_alone += q->mentions;
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
static void note_mention(fx *x, int p)
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

static int emit_one(fx *x, const char *pred, const char *value, size_t vlen, const char *norm,
                    const char *qual, size_t qlen, int film, size_t sa, size_t sb, double conf)
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
            const char *qual, size_t qlen, int film, size_t span_a, size_t span_b, double conf)
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
            int32_t k = x->occ_cover[t];
            if (k < 0 || x->occ[k].a != t || x->occ[k].film < 0) continue;
            rc = emit_one(x, pred, value, vlen, norm, qual, qlen, x->occ[k].film, span_a, span_b,
                          conf);
        }
        goto done;
    }
    rc = emit_one(x, pred, value, vlen, norm, qual, qlen, film, span_a, span_b, conf);
done:
    free(own);
    return rc;
}

int fx_emit_person(fx *x, const char *pred, int p, const char *qual, size_t qlen, int film,
                   size_t ta, size_t tb, double conf)
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
    x->ring_n = 0;
    x->last_char_sent = (size_t)-1;
    for (size_t s = 0; s < x->doc->n_sentences && !x->oom; s++) {
        const reel_sentence *se = &x->doc->sentences[s];
        x->sent = s;
        x->sa = se->tok_start;
        x->sb = se->tok_end;
        x->sent_heading = x->heading[s];
        sentence_context(x);
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
    x.fold = arena_alloc(a, x.ntok * sizeof *x.fold);
    x.tflag = arena_alloc(a, x.ntok);
    x.person_at = arena_alloc(a, x.ntok * sizeof *x.person_at);
    x.name_len = arena_alloc(a, x.ntok);
    x.phcap = 1;
    while (x.phcap < 2 * FX_MAX_PEOPLE) x.phcap *= 2;
    x.phash = arena_alloc(a, x.phcap * sizeof *x.phash);
    x.facts = arena_alloc(a, FX_MAX_FACTS * sizeof *x.facts);
    x.kmask = arena_alloc(a, x.ntok * sizeof *x.kmask);
    x.occ_cover = arena_alloc(a, x.ntok * sizeof *x.occ_cover);
    if (!x.occ_cover || !x.kmask || !x.fold || !x.tflag || !x.person_at || !x.name_len || !x.phash || !x.facts) goto oom;
    for (size_t i = 0; i < x.ntok; i++) x.person_at[i] = x.occ_cover[i] = -1;
    for (size_t i = 0; i < x.phcap; i++) x.phash[i] = -1;
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
    }
    if ((rc = fold_tokens(&x, a))) goto oom;
    if ((rc = build_kmask(&x, a))) goto oom; /* before the films: find_titles reads it */
    if ((rc = mark_films(&x))) goto oom;
    if ((rc = collect_people(&x, a))) goto oom;
    if ((rc = run_sentences(&x, 0))) goto oom;
    if ((rc = run_sentences(&x, 1))) goto oom;
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
    free(x.people);
    arena_free(a);
    return rc;
}
