/* facts_awards.c — awards and nominations, read one sentence at a time:
 * categories ("Best Supporting Actress", "best screenplay", "in
 * cinematography, editing and sound"), named prizes ("the Golden Lion",
 * "the Volpi Cup"), and counts ("six Oscars", "10 Oscar nominations",
 * "nine nods"). The body (Academy Award, BAFTA, Golden Globe, a festival)
 * is the one the sentence names or, failing that, the last one the article
 * named; won or nominated is the nearest cue. Values read "Academy Award
 * nomination for Best Director", "Golden Lion at Venice", "6 Academy
 * Awards"; the winner, when the sentence says "for NAME", is the qualifier.
 */
#include "facts.h"

#include <ctype.h>
#include <strings.h>

/* words of a category after "best" (or in a list after "winning in") */
static const char *const cat_words[] = {
    "picture", "film",        "director",    "directing",      "actor",
    "actress", "supporting",  "original",    "adapted",        "screenplay",
    "score",   "song",        "editing",     "cinematography", "sound",
    "visual",  "effects",     "production",  "design",         "costume",
    "makeup",  "make-up",     "hairstyling", "hair",           "international",
    "feature", "animated",    "documentary", "foreign",        "language",
    "motion",  "british",     "debut",       "ensemble",       "cast",
    "mixing",  "performance", "lead",        "male",           "female",
    "music",   "writing",     "non-english", "casting",        "stunt",
    "short",   "drama",       "comedy",      "musical",        "cinematographer",
    "editor",  "composer",    NULL};

/* words a category list may hold on its own ("winning in cinematography") */
static const char *const list_cats[] = {
    "cinematography", "editing", "score",      "sound",     "screenplay",  "costume",
    "makeup",         "visual",  "production", "directing", "hairstyling", NULL};

static const char *const nom_cues[] = {
    "nominated",  "nomination", "nominations", "nod",        "nods",
    "nominee",    "nominees",   "shortlisted", "contention", "oscar-nominated",
    "nominating", "contender",  NULL};

static const char *const win_cues[] = {
    "won",     "win",     "wins",    "winning",  "winner",   "took",      "takes",
    "take",    "taking",  "picked",  "snatched", "scooped",  "collected", "awarded",
    "went",    "go",      "goes",    "gave",     "given",    "beat",      "triumphed",
    "claimed", "bagged",  "earned",  "nabbed",   "swept",    "grabbed",   "landed",
    "victory", "winners", "collect", "receives", "received", "picking",   "picks",
    "pick",    "nabs",    "won't",   "taken",    "scoops",   "sweeps",    "earns",
    "bags",    "secured", "secures", NULL};

static const char *const count_nouns[] = {
    "awards",   "oscars", "nominations", "nods",       "prizes",  "categories", "wins",
    "trophies", "baftas", "globes",      "statuettes", "honours", "honors",     NULL};

static const char *const numbers[] = {
    "zero",  "one",  "two", "three",  "four",   "five",     "six",      "seven",
    "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", NULL};

/* The count a token says: "six", "10"; -1 if none. */
static int count_at(const fx *x, size_t i)
{
    for (int k = 0; numbers[k]; k++)
        if (tis(x, i, numbers[k])) return k;
    if (i < x->ntok && x->tok[i].kind == REEL_TOK_NUMBER) {
        const char *s = tstr(x, i);
        size_t n = tlen(x, i);
        if (n > 2) return -1;
        int v = 0;
        for (size_t k = 0; k < n; k++) {
            if (!isdigit((unsigned char)s[k])) return -1;
            v = v * 10 + (s[k] - '0');
        }
        return v;
    }
    return -1;
}

/* An awarding body at i: "Oscar(s)", "Academy Award(s)", "BAFTA", "Golden
 * Globe(s)"; canonical name and length, or NULL. Festivals are apart. */
const char *fx_award_body_at(const fx *x, size_t i, size_t *len)
{
    *len = 1;
    if (tis(x, i, "oscar") || tis(x, i, "oscars") || tis(x, i, "oscar-nominated") ||
        tis(x, i, "oscar-winning"))
        return "Academy Award";
    if (tis(x, i, "academy") && (tis(x, i + 1, "award") || tis(x, i + 1, "awards"))) {
        *len = 2;
        return "Academy Award";
    }
    if (tis(x, i, "bafta") || tis(x, i, "baftas")) return "BAFTA";
    if (tis(x, i, "golden") && (tis(x, i + 1, "globe") || tis(x, i + 1, "globes"))) {
        *len = 2;
        return "Golden Globe";
    }
    return NULL;
}

/* A festival named at i (one to five capitalised words): canonical, length. */
static const char *fest_at(const fx *x, size_t i, size_t *len)
{
    char key[128];
    size_t o = 0;
    const char *fest = NULL;
    key[0] = 0;
    for (size_t t = i; t < x->sb && t < i + 5 && (tcap(x, t) || tis(x, t, "film")); t++) {
        size_t fl = strlen(tfold(x, t));
        if (o + fl + 2 >= sizeof key) break;
        if (o) key[o++] = ' ';
        memcpy(key + o, tfold(x, t), fl);
        o += fl;
        key[o] = 0;
        const char *f = place_festival(key);
        if (f) fest = f, *len = t + 1 - i;
    }
    return fest;
}

/* A named prize at i: capitalised words with a prize word among them
 * ("Golden Lion", "Grand Jury Prize", "Volpi Cup", "FIPRESCI Prize",
 * "Palme d'Or"). Returns its length in tokens. */
static size_t prize_at(const fx *x, size_t i)
{
    static const char *const prize_words[] = {
        "prize", "lion",     "bear", "palme",           "cup", "leopard", "shell",
        "volpi", "fipresci", "d'or", "d\xE2\x80\x99or", NULL};
    if (!tcap(x, i) || tis(x, i, "best") || tis(x, i, "the")) return 0;
    size_t j = i;
    int prize = 0;
    while (j < x->sb && j - i < 5) {
        if (j > i && x->tok[j].span.start != x->tok[j - 1].span.end + 1) break;
        if (tcap(x, j) || tis(x, j, "d'or") || tis(x, j, "d\xE2\x80\x99or")) {
            if (tin(x, j, prize_words) || !strncmp(tfold(x, j), "palme", 5)) prize = 1;
            j++;
            continue;
        }
        break;
    }
    /* "Prize" alone or "Jury Prize" after "Grand": the run as a whole */
    if (!prize || (j == i + 1 && tis(x, i, "prize"))) return 0;
    return j - i;
}

/* A category at i: "Best Supporting Actress", "best screenplay", "Outstanding
 * British Film". Writes the canonical words ("Best Supporting Actress")
 * into out; returns tokens used. */
static size_t category_at(const fx *x, size_t i, buf *out)
{
    if (!tis(x, i, "best") && !(tis(x, i, "outstanding") && tcap(x, i))) return 0;
    size_t j = i + 1;
    while (j < x->sb && j < i + 5 &&
           (tin(x, j, cat_words) || tpunct(x, j, "&") ||
            (tis(x, j, "and") && tin(x, j + 1, cat_words) && tcap(x, j + 1) &&
             tcap(x, j - 1))))
        j++;
    while (j > i + 1 && !tin(x, j - 1, cat_words))
        j--;
    if (j == i + 1) return 0;
    /* "best" in lower case is as often praise ("the best performance of
     * the year"): an award only right after a cue or a body ("won best
     * screenplay", "the Oscar for best sound") or before an award noun
     * ("a best actress nomination") */
    if (!tcap(x, i)) {
        static const char *const after[] = {
            "award", "awards",   "prize",     "nomination", "nominations",
            "nod",   "category", "statuette", "gong",       "trophy",
            "oscar", "winner",   "honours",   "honors",     NULL};
        int ok = tin(x, j, after);
        for (size_t k = i; !ok && k-- > x->sa && k + 4 > i;) {
            if (tkmask(x, k) & M_AWARD)
                ok = 1;
            else if ((tkmask(x, k) & M_ABODY) && !tis(x, k, "best") && count_at(x, k) < 0)
                ok = 1;
            else if (!(tis(x, k, "for") || tis(x, k, "the") || tis(x, k, "a") ||
                       tis(x, k, "his") || tis(x, k, "her") || tis(x, k, "its") ||
                       tis(x, k, "their") || tis(x, k, "home") || tis(x, k, "up")))
                break;
        }
        if (!ok) return 0;
    }
    for (size_t k = i; k < j; k++) {
        const char *w = tstr(x, k);
        size_t n = tlen(x, k);
        if (out->len) buf_putc(out, ' ');
        if (tis(x, k, "and")) {
            buf_puts(out, "and");
            continue;
        }
        buf_putc(out, (char)toupper((unsigned char)w[0]));
        for (size_t c = 1; c < n; c++)
            buf_putc(out, (char)tolower((unsigned char)w[c]));
    }
    return j - i;
}

/* "the six awards it was nominated for", "the ten categories in which it
 * was nominated": a relative clause right after a count noun that says
 * nominated. */
static const char *const rel_glue[] = {"it",   "that", "which", "they", "she",
                                       "he",   "was",  "were",  "had",  "has",
                                       "been", "in",   "for",   NULL};

static int nominated_after(const fx *x, size_t j)
{
    for (size_t k = j; k < x->sb && k < j + 5; k++) {
        if (tin(x, k, nom_cues)) return 1;
        if (!tin(x, k, rel_glue)) return 0;
    }
    return 0;
}

/* Is the cue at k inside such a clause ("awards it was nominated for")?
 * Then it governs no category after it. */
static int in_relative(const fx *x, size_t k)
{
    for (size_t t = k; t-- > x->sa && t + 5 > k;) {
        if (tin(x, t, count_nouns)) return t + 1 < k;
        if (!tin(x, t, rel_glue)) return 0;
    }
    return 0;
}

/* Won or nominated: the nearest cue before token i in the sentence (a
 * nomination word just after it counts too: "a Best Actress nomination"). */
static int nominated_at(const fx *x, size_t i, size_t e)
{
    for (size_t k = e; k < x->sb && k < e + 2; k++)
        if (tin(x, k, nom_cues)) return 1;
    for (size_t k = i; k-- > x->sa && k + 14 > i;) {
        if (tin(x, k, nom_cues) && !in_relative(x, k)) return 1;
        if (tin(x, k, win_cues)) return 0;
    }
    return 0;
}

typedef struct {
    const char *body; /* "Academy Award", "BAFTA", ... or NULL */
    const char *fest; /* "Cannes", "Venice", ... or NULL */
    int cue;          /* the sentence speaks of winning or nominations */
} award_ctx;

static int film_for(const fx *x, size_t e);

static int emit_award(fx *x, const award_ctx *c0, const char *count, const char *what,
                      int nominated, const char *who, size_t ta, size_t tb)
{
    const award_ctx *c = c0;
    buf b;
    buf_init(&b);
    if (count) {
        buf_puts(&b, count);
        buf_putc(&b, ' ');
    }
    if (c->body && !c->fest) {
        buf_puts(&b, c->body);
        /* "7 BAFTA Awards", "3 Golden Globe Awards", "4 Academy Awards" */
        if (nominated)
            buf_puts(&b, count ? " nominations" : " nomination");
        else if (count)
            buf_puts(&b, strstr(c->body, "Award") ? "s" : " Awards");
        if (what) buf_puts(&b, " for ");
    } else if (nominated) {
        buf_puts(&b, count ? "nominations" : "nomination");
        if (what) buf_puts(&b, " for ");
    }
    if (what) buf_puts(&b, what);
    if (c->fest) {
        if (!what && !c->body) buf_puts(&b, count ? "awards" : "award");
        buf_puts(&b, " at ");
        buf_puts(&b, c->fest);
    }
    if (nominated && c->fest) buf_puts(&b, " (nomination)");
    if (b.oom) {
        buf_free(&b);
        return REEL_ENOMEM;
    }
    int film = film_for(x, tb);
    if (film == -3) {
        buf_free(&b);
        return 0;
    }
    int rc = fx_emit(x, "award", b.data, b.len, NULL, who, who ? strlen(who) : 0, film,
                     x->tok[ta].span.start, x->tok[tb - 1].span.end, 0.75);
    buf_free(&b);
    return rc;
}

/* The body or festival an award at [i, e) is given by: the nearest the
 * sentence names before it, else after it, else the article's last. */
static award_ctx ctx_for(const fx *x, size_t i, size_t e, award_ctx art)
{
    award_ctx c = art;
    size_t l;
    for (size_t k = i; k-- > x->sa && k + 30 > i;) {
        /* a clause before the comma is another's: "X, who won a Golden
         * Globe, has a nomination for Best Actor" */
        if ((tpunct(x, k, ",") && !tis(x, k + 1, "where") && !tis(x, k + 1, "when")) ||
            tpunct(x, k, ";"))
            break;
        if (!(tkmask(x, k) & (M_ABODY | M_FEST))) continue;
        const char *b = fx_award_body_at(x, k, &l);
        if (b) return c.body = b, c.fest = NULL, c;
        if (tcap(x, k) && (b = fest_at(x, k, &l))) return c.fest = b, c.body = NULL, c;
    }
    for (size_t k = e; k < x->sb && k < e + 30; k++) {
        if (!(tkmask(x, k) & (M_ABODY | M_FEST))) continue;
        const char *b = fx_award_body_at(x, k, &l);
        if (b) return c.body = b, c.fest = NULL, c;
        if (tcap(x, k) && (b = fest_at(x, k, &l))) return c.fest = b, c.body = NULL, c;
    }
    return c;
}

/* Categories only a ceremony gives (the Academy, BAFTA, the Globes): a
 * festival's jury names its own prizes (Palme d'Or, Golden Lion) and at
 * most an actor, actress, director, screenplay or film, so "the top prize
 * at Cannes and Best Picture" pairs Best Picture with no festival. */
static int ceremony_only(const char *cat)
{
    static const char *const words[] = {
        "picture", "supporting",  "original",    "adapted", "international",
        "foreign", "animated",    "editing",     "design",  "costume",
        "makeup",  "make-up",     "hair",        "sound",   "mixing",
        "effects", "song",        "casting",     "stunt",   "ensemble",
        "motion",  "non-english", "british",     "musical", "comedy",
        "drama",   "score",       "hairstyling", NULL};
    for (const char *p = cat; *p;) {
        while (*p == ' ')
            p++;
        size_t n = strcspn(p, " ");
        for (const char *const *w = words; *w && n; w++)
            if (strlen(*w) == n && !strncasecmp(p, *w, n)) return 1;
        p += n;
    }
    return 0;
}

/* The body a ceremony's category belongs to when ctx_for found a festival:
 * a body the sentence names anywhere, else the one the article named most,
 * else none (the category stands alone). */
static award_ctx ceremony_ctx(const fx *x, award_ctx c)
{
    size_t l;
    c.fest = NULL;
    c.body = NULL;
    for (size_t k = x->sa; k < x->sb; k++)
        if ((tkmask(x, k) & M_ABODY) && (c.body = fx_award_body_at(x, k, &l))) return c;
    int best = -1;
    for (size_t j = 0; j < x->award_nseen; j++)
        if (!x->award_isfest[j] &&
            (best < 0 || x->award_count[j] >= x->award_count[best]))
            best = (int)j;
    if (best >= 0) c.body = x->award_seen[best];
    return c;
}

/* Who won the award at [i, e): "for Ryan Gosling" after it, the name
 * before the verb ("Colin Farrell has won"), or "he"/"she". */
static const char *winner_of(fx *x, size_t i, size_t e)
{
    int p;
    if (tis(x, e, "for") && name_at(x, e + 1, &p) && fx_is_person(x, p) &&
        !(x->people[p].roles & R_CHARACTER))
        return x->people[p].name;
    size_t v = i;
    while (v > x->sa && v + 8 > i && !tin(x, v - 1, win_cues) && !tin(x, v - 1, nom_cues))
        v--;
    if (v <= x->sa || !(tin(x, v - 1, win_cues) || tin(x, v - 1, nom_cues))) return NULL;
    v--;
    if (v > x->sa && (tis(x, v - 1, "has") || tis(x, v - 1, "was") ||
                      tis(x, v - 1, "had") || tis(x, v - 1, "also")))
        v--;
    size_t ns;
    p = -1;
    if (v > x->sa && name_before(x, v, &ns, &p) && !(x->tflag[v - 1] & TF_POSS) &&
        fx_is_person(x, p) && !(x->people[p].roles & R_CHARACTER))
        return x->people[p].name;
    if (v > x->sa && (tis(x, v - 1, "he") || tis(x, v - 1, "she"))) {
        p = antecedent(x, R_ACTOR | R_DIRECTOR, R_CHARACTER);
        if (p >= 0) return x->people[p].name;
    }
    return NULL;
}

/* The craft a category credits: "Best Supporting Actress" → cast. */
static const char *category_pred(const char *cat)
{
    char low[128];
    size_t n = strlen(cat);
    if (n >= sizeof low) n = sizeof low - 1;
    for (size_t k = 0; k < n; k++)
        low[k] = (char)tolower((unsigned char)cat[k]);
    low[n] = 0;
    if (strstr(low, "actor") || strstr(low, "actress") || strstr(low, "performance"))
        return "cast";
    if (strstr(low, "director") || strstr(low, "directing")) return "director";
    if (strstr(low, "screenplay") || strstr(low, "writing")) return "writer";
    if (strstr(low, "cinematograph")) return "cinematographer";
    if (strstr(low, "editing")) return "editor";
    if (strstr(low, "score") && !strstr(low, "song")) return "composer";
    return NULL;
}

static int film_for(const fx *x, size_t e);

/* "Best Director for Ryusuke Hamaguchi", "Best Adapted Screenplay for
 * Hamaguchi and co-writer Takamasa Oe", "Ke Huy Quan won for Best
 * Supporting Actor": the people an award in a craft names did that craft
 * in the film it was given for. */
static int winners_role(fx *x, const char *cat, size_t i, size_t e)
{
    const char *pred = category_pred(cat);
    if (!pred) return 0;
    int film = film_for(x, e);
    if (film == -3) return 0;
    /* a round-up of winners names other films ("Netflix's Roma", "Nolan's
     * Oppenheimer"): only a sentence that names no other film credits the
     * subject's people */
    if (film == -2 && !x->sent_subject) {
        for (size_t k = x->sa; k < x->sb; k++) {
            if (x->tflag[k] & TF_FILM) return 0;
            if ((x->tflag[k] & TF_POSS) && tcap(x, k) && k + 1 < x->sb &&
                (tcap(x, k + 1) || (is_apos_tok(x, k + 1) && tcap(x, k + 2))))
                return 0;
        }
    }
    unsigned role = fx_role_of_pred(pred);
    int p, rc = 0;
    size_t fl;
    /* "X takes best screenplay for Title": the film, then the name before
     * the verb */
    if (tis(x, e, "for") && film_at(x, e + 1, &fl) < -1) {
        size_t k = e + 1;
        for (int n = 0; n < 4 && !rc; n++) {
            size_t l = name_at(x, k, &p);
            if (!l || (x->tflag[k + l - 1] & TF_POSS) || x->people[p].words < 2) break;
            if (!(x->people[p].roles & R_CHARACTER))
                rc = fx_emit_role(x, pred, role, p, film, i, k + l, 0.7);
            k += l;
            if (tpunct(x, k, ",")) k++;
            if (!tis(x, k, "and")) break;
            k = fx_skip_mods(x, k + 1, 3, 0);
        }
        return rc;
    }
    /* the name before the verb */
    size_t v = i;
    while (v > x->sa && v + 8 > i && !tin(x, v - 1, win_cues) && !tin(x, v - 1, nom_cues))
        v--;
    if (v <= x->sa || !(tin(x, v - 1, win_cues) || tin(x, v - 1, nom_cues))) return 0;
    v--;
    /* "has secured a nomination for": back past the verb, its article and
     * the auxiliaries to the name */
    static const char *const aux[] = {"has",  "was",   "had", "also", "have",
                                      "been", "a",     "an",  "the",  "his",
                                      "her",  "their", "its", "now",  NULL};
    for (int n = 0; n < 5 && v > x->sa; n++) {
        if (tin(x, v - 1, aux) || (n < 3 && tin(x, v - 1, win_cues)))
            v--;
        else
            break;
    }
    size_t ns;
    /* "Brendan Gleeson and Barry Keoghan also picked up ...": each of a
     * list before the verb */
    for (int n = 0; n < 4 && !rc && v > x->sa && name_before(x, v, &ns, &p) &&
                    !(x->tflag[v - 1] & TF_POSS);
         n++) {
        /* "Green Book's Mahershala Ali won": the title before is his film */
        if (ns > x->sa && ((x->tflag[ns - 1] & TF_POSS) || is_apos_tok(x, ns - 1))) break;
        if (!(x->people[p].roles & R_CHARACTER) && x->people[p].words > 1)
            rc = fx_emit_role(x, pred, role, p, film, ns, e, 0.7);
        v = ns;
        if (v > x->sa && (tis(x, v - 1, "and") || tpunct(x, v - 1, "&"))) v--;
        if (v > x->sa && tpunct(x, v - 1, ",")) v--;
        if (v == ns) break;
    }
    return rc;
}

/* "won an Oscar for The Favourite": the film after "for", else the
 * sentence's */
static int film_for(const fx *x, size_t e)
{
    size_t fl;
    if (tis(x, e, "for")) {
        int f = film_at(x, e + 1, &fl), p;
        if (f >= -1) return f;
        /* "for The Favourite" when the title is not known as one: some
         * other work, not to be given to the subject */
        if (tcap(x, e + 1) && !tis(x, e + 1, "best") && !tis(x, e + 1, "outstanding") &&
            !(x->tflag[e + 1] & TF_SUBJECT) &&
            !(x->person_at[e + 1] >= 0 && name_at((fx *)x, e + 1, &p) &&
              x->people[p].words >= 2))
            return -3;
    }
    return -2;
}

/* Count a body or festival named; the article's context is then the one
 * named most often so far (the latest on a tie): a piece on the Oscars
 * that mentions a Golden Globe once is still about the Oscars. */
static void award_seen(fx *x, const char *name, int fest)
{
    size_t k = 0;
    while (k < x->award_nseen && strcmp(x->award_seen[k], name))
        k++;
    if (k == x->award_nseen) {
        if (k == sizeof x->award_seen / sizeof x->award_seen[0]) return;
        x->award_seen[k] = name;
        x->award_isfest[k] = (uint8_t)fest;
        x->award_count[k] = 0;
        x->award_nseen++;
    }
    x->award_count[k]++;
    int best = -1;
    for (size_t j = 0; j < x->award_nseen; j++)
        if (best < 0 || x->award_count[j] > x->award_count[best] ||
            (x->award_count[j] == x->award_count[best] && j == k))
            best = (int)j;
    x->award_body = x->award_isfest[best] ? NULL : x->award_seen[best];
    x->award_fest = x->award_isfest[best] ? x->award_seen[best] : NULL;
}

/* "the Oscar-winning Nomadland", "Oscar-nominated Drive My Car's": an
 * award said of the film as an adjective (not of a person: "Oscar-winning
 * actress Frances McDormand" names no film after it). */
static int award_adjective(fx *x, size_t i)
{
    int win = tis(x, i, "oscar-winning");
    if (!win && !tis(x, i, "oscar-nominated")) return 0;
    size_t j = i + 1;
    int film = -3;
    if (j >= x->sb) return 0;
    if (x->tflag[j] & TF_SUBJECT)
        film = -1;
    else if (tin(x, j, fx_genre_nouns) && !tis(x, j + 1, "of") &&
             (j + 1 >= x->sb ||
              (!(x->tflag[j + 1] & TF_FILM) && x->person_at[j + 1] < 0)))
        film = -2;
    if (film == -3) return 0;
    static const char body[] = "Academy Award", nom[] = "Academy Award nomination";
    const char *v = win ? body : nom;
    return fx_emit(x, "award", v, strlen(v), NULL, NULL, 0, film, x->tok[i].span.start,
                   x->tok[j].span.end, 0.7);
}

int awards_in_sentence(fx *x)
{
    award_ctx c = {x->award_body, x->award_fest, 0};
    for (size_t i = x->sa; i < x->sb; i++) {
        int rc = (tkmask(x, i) & M_ABODY) ? award_adjective(x, i) : 0;
        if (rc) return rc;
    }
    /* the sentence's own body and festival, and whether it speaks of awards */
    for (size_t i = x->sa; i < x->sb; i++) {
        uint32_t m = tkmask(x, i);
        if (!(m & (M_ABODY | M_FEST | M_AWARD))) continue;
        size_t l;
        const char *b = (m & M_ABODY) ? fx_award_body_at(x, i, &l) : NULL;
        if (b) {
            award_seen(x, b, 0);
        } else if ((m & M_FEST) && tcap(x, i) && (b = fest_at(x, i, &l))) {
            award_seen(x, b, 1);
        }
        if (m & M_AWARD) c.cue = 1;
    }
    /* a body named without a cue still sets the article's context; the
     * sentence's own bodies come first for its awards (ctx_for) */
    c.body = x->award_body;
    c.fest = x->award_fest;
    if (!c.cue) return 0;
    int crc = fx_craft_winners(x);
    if (crc) return crc;
    int rc = 0;
    for (size_t i = x->sa; i < x->sb && !rc; i++) {
        uint32_t m = tkmask(x, i);
        if (!(m & (M_ABODY | M_CAP | M_NUM)) && !tis(x, i, "in")) continue;
        buf cat;
        buf_init(&cat);
        size_t l = category_at(x, i, &cat), pl;
        if (cat.oom) {
            buf_free(&cat);
            return REEL_ENOMEM;
        }
        /* "won three Oscars, though not Best Picture": a category denied */
        int denied = 0;
        for (size_t k = i; l && k-- > x->sa && k + 4 > i && !tpunct(x, k, ",");)
            if (tis(x, k, "not") || tis(x, k, "except") || tis(x, k, "without") ||
                tis(x, k, "never"))
                denied = 1;
        if (denied) {
            buf_free(&cat);
            i += l - 1;
            continue;
        }
        if (l) {
            award_ctx cc = ctx_for(x, i, i + l, c);
            if (cc.fest && ceremony_only(cat.data)) cc = ceremony_ctx(x, cc);
            rc = emit_award(x, &cc, NULL, cat.data, nominated_at(x, i, i + l),
                            winner_of(x, i, i + l), i, i + l);
            if (!rc) rc = winners_role(x, cat.data, i, i + l);
            buf_free(&cat);
            i += l - 1;
            continue;
        }
        buf_free(&cat);
        if ((pl = prize_at(x, i))) {
            const char *s = x->text + x->tok[i].span.start;
            size_t n = x->tok[i + pl - 1].span.end - x->tok[i].span.start;
            char tmp[160];
            if (n >= sizeof tmp) n = sizeof tmp - 1;
            memcpy(tmp, s, n);
            tmp[n] = 0;
            award_ctx pc = ctx_for(x, i, i + pl, c);
            pc.body = NULL; /* a named prize is its own body */
            rc = emit_award(x, &pc, NULL, tmp, nominated_at(x, i, i + pl),
                            winner_of(x, i, i + pl), i, i + pl);
            i += pl - 1;
            continue;
        }
        /* counts: "six Oscars", "10 Oscar nominations", "nine nods" */
        int n = count_at(x, i);
        if (n > 0) {
            size_t j = i + 1, bl = 0;
            /* "four of the six awards it was nominated for": the part is
             * what it won, the whole what it was up for; the whole is read
             * when the loop reaches it */
            size_t whole = 0;
            if (tis(x, j, "of")) {
                size_t k = j + 1;
                if (tis(x, k, "the") || tis(x, k, "its") || tis(x, k, "their") ||
                    tis(x, k, "his") || tis(x, k, "her"))
                    k++;
                int m = count_at(x, k);
                if (m <= n) continue;
                whole = k;
                j = k + 1;
            }
            int part_of = i > x->sa + 2 && tis(x, i - 1, "the") && tis(x, i - 2, "of") &&
                          count_at(x, i - 3) > 0;
            if (!part_of && i > x->sa + 1 && tis(x, i - 1, "of") &&
                count_at(x, i - 2) > 0)
                part_of = 1;
            award_ctx cc = ctx_for(x, i, i + 1, c);
            const char *b = fx_award_body_at(x, j, &bl);
            if (b) {
                cc.body = b, cc.fest = NULL;
                j += bl;
                if (tis(x, j - 1, "oscars") || tis(x, j - 1, "awards") ||
                    tis(x, j - 1, "globes") || tis(x, j - 1, "baftas")) {
                    /* "six Oscars": the noun was the body */
                    j--;
                }
            }
            if (!tin(x, j, count_nouns) && !(b && tin(x, j - 1 + 1, count_nouns)))
                continue;
            if (!cc.body && !cc.fest) continue;
            int nom = tis(x, j, "nominations") || tis(x, j, "nods") ||
                      nominated_after(x, j + 1) ||
                      (!whole && !part_of && i > x->sa && nominated_at(x, i, j + 1) &&
                       !tis(x, j, "wins"));
            if (whole) nom = 0;
            /* the whole of "four of the six awards" is only a figure when
             * it counts nominations */
            if (part_of && !nom) continue;
            char num[16];
            snprintf(num, sizeof num, "%d", n);
            rc = emit_award(x, &cc, num, NULL, nom, NULL, i, j + 1);
            i = whole ? whole - 1 : j;
            continue;
        }
        /* "winning in cinematography, editing, score and sound" */
        if (tis(x, i, "in") && i > x->sa && tin(x, i - 1, win_cues) &&
            tin(x, i + 1, list_cats)) {
            size_t k = i + 1;
            while (k < x->sb && !rc) {
                size_t s = k;
                while (k < x->sb && k < s + 3 && tin(x, k, cat_words))
                    k++;
                if (k == s) break;
                char tmp[80];
                size_t tn = x->tok[k - 1].span.end - x->tok[s].span.start;
                if (tn >= sizeof tmp) tn = sizeof tmp - 1;
                memcpy(tmp, x->text + x->tok[s].span.start, tn);
                tmp[tn] = 0;
                award_ctx lc = ctx_for(x, i, i + 1, c);
                rc = emit_award(x, &lc, NULL, tmp, 0, NULL, s, k);
                if (tpunct(x, k, ",")) k++;
                if (tis(x, k, "and")) k++;
            }
            i = k > i ? k - 1 : i;
            continue;
        }
        /* "won an Oscar", "nominated for a Golden Globe": the body alone */
        size_t bl;
        const char *b = fx_award_body_at(x, i, &bl);
        if (b && i > x->sa + 1 &&
            (tis(x, i - 1, "a") || tis(x, i - 1, "an") || tis(x, i - 1, "the")) &&
            !(tis(x, i + bl, "for") &&
              (tis(x, i + bl + 1, "best") || tis(x, i + bl + 2, "best")))) {
            int cue = -1;
            for (size_t k = i - 1; k-- > x->sa && k + 4 > i && cue < 0;) {
                if (tin(x, k, nom_cues))
                    cue = 1;
                else if (tin(x, k, win_cues))
                    cue = 0;
            }
            if (cue >= 0) {
                award_ctx bc = {b, NULL, 1};
                rc = emit_award(x, &bc, NULL, NULL, cue, NULL, i - 1, i + bl);
            }
        }
    }
    return rc;
}
