/* facts_people.c — patterns for people in roles: who directed, wrote,
 * shot, scored, produced and edited the film, and who plays whom. Each
 * pattern starts at one token of the current sentence (people_at) and reads
 * a few tokens around it, never more, so the cost is linear in the text.
 * Stage 0 runs the patterns that say a role outright ("directed by X",
 * "X plays Y", "Y (X)"); stage 1 the ones that need to know roles already
 * ("X's new film", "an X film", "the director", "playing Y").
 */
#include "facts.h"

#include <ctype.h>

/* ---------------- word lists ---------------- */

static const struct {
    const char *word;
    const char *pred;
    unsigned role;
} roles[] = {
    {"director", "director", R_DIRECTOR},
    {"co-director", "director", R_DIRECTOR},
    {"filmmaker", "director", R_DIRECTOR},
    {"helmer", "director", R_DIRECTOR},
    {"auteur", "director", R_DIRECTOR},
    {"writer-director", "director", R_DIRECTOR | R_WRITER},
    {"director-writer", "director", R_DIRECTOR | R_WRITER},
    {"writer", "writer", R_WRITER},
    {"co-writer", "writer", R_WRITER},
    {"screenwriter", "writer", R_WRITER},
    {"scriptwriter", "writer", R_WRITER},
    {"scribe", "writer", R_WRITER},
    {"cinematographer", "cinematographer", R_CREW},
    {"dp", "cinematographer", R_CREW},
    {"composer", "composer", R_CREW},
    {"producer", "producer", R_CREW},
    {"co-producer", "producer", R_CREW},
    {"editor", "editor", R_CREW},
    {"actor", "cast", R_ACTOR},
    {"actress", "cast", R_ACTOR},
    {"co-star", "cast", R_ACTOR},
    {"costar", "cast", R_ACTOR},
    {"star", "cast", R_ACTOR},
    {"newcomer", "cast", R_ACTOR},
};

const char *role_noun(const fx *x, size_t i, size_t *len, unsigned *role)
{
    if (i >= x->sb || x->tok[i].kind != REEL_TOK_WORD) return NULL;
    /* "director of photography" before "director" */
    if (tis(x, i, "director") && tis(x, i + 1, "of") && tis(x, i + 2, "photography")) {
        *len = 3;
        *role = R_CREW;
        return "cinematographer";
    }
    if ((tis(x, i, "executive") || tis(x, i, "film") || tis(x, i, "music") ||
         tis(x, i, "film's")) &&
        i + 1 < x->sb) {
        for (size_t k = 0; k < sizeof roles / sizeof roles[0]; k++)
            if (tis(x, i + 1, roles[k].word) && roles[k].role == R_CREW) {
                *len = 2;
                *role = roles[k].role;
                return roles[k].pred;
            }
    }
    for (size_t k = 0; k < sizeof roles / sizeof roles[0]; k++)
        if (tis(x, i, roles[k].word)) {
            *len = 1;
            *role = roles[k].role;
            return roles[k].pred;
        }
    return NULL;
}

/* the second predicate of a double role ("writer-director") */
static const char *second_pred(unsigned role)
{
    return (role & R_DIRECTOR) && (role & R_WRITER) ? "writer" : NULL;
}

static unsigned role_of_pred(const char *pred)
{
    if (!strcmp(pred, "director")) return R_DIRECTOR;
    if (!strcmp(pred, "writer")) return R_WRITER;
    if (!strcmp(pred, "cast")) return R_ACTOR;
    return R_CREW;
}

/* "directed by", "music by" ... : the predicates the word before "by"
 * gives (two for "written and directed by"). */
static const struct {
    const char *word, *pred;
} by_words[] = {
    {"directed", "director"},       {"co-directed", "director"},
    {"helmed", "director"},         {"direction", "director"},
    {"written", "writer"},          {"co-written", "writer"},
    {"penned", "writer"},           {"scripted", "writer"},
    {"screenplay", "writer"},       {"script", "writer"},
    {"adapted", "writer"},          {"shot", "cinematographer"},
    {"photographed", "cinematographer"}, {"lensed", "cinematographer"},
    {"cinematography", "cinematographer"}, {"camerawork", "cinematographer"},
    {"photography", "cinematographer"}, {"music", "composer"},
    {"score", "composer"},          {"scored", "composer"},
    {"composed", "composer"},       {"soundtrack", "composer"},
    {"produced", "producer"},       {"co-produced", "producer"},
    {"edited", "editor"},           {"editing", "editor"},
    {"starring", "cast"},           {"co-starring", "cast"},
};

static const char *by_pred(const fx *x, size_t i)
{
    for (size_t k = 0; k < sizeof by_words / sizeof by_words[0]; k++)
        if (tis(x, i, by_words[k].word)) return by_words[k].pred;
    return NULL;
}

/* "Almodóvar's script": the work noun after a possessive name. */
static const struct {
    const char *word, *pred;
} works[] = {
    {"script", "writer"},         {"screenplay", "writer"},     {"writing", "writer"},
    {"direction", "director"},    {"directing", "director"},    {"cinematography", "cinematographer"},
    {"camerawork", "cinematographer"}, {"lensing", "cinematographer"},
    {"photography", "cinematographer"}, {"camera", "cinematographer"},
    {"score", "composer"},  {"music", "composer"},
    {"soundtrack", "composer"},   {"editing", "editor"},
};

static const char *const genre_nouns[] = {
    "film",   "movie",  "picture", "drama",   "comedy",   "thriller",    "documentary",
    "feature", "musical", "western", "melodrama", "biopic", "romance", "horror",
    "sequel", "prequel", "remake", "epic",    "satire",   "adaptation",  "dramedy",
    "fable",  "tale",   "story",   "effort",  "masterpiece", "project",
    "outing", "entry",  "opus",    "joint",   "flick",    "memoir",      "meditation",
    "portrait", "noir", NULL};

/* function words: a modifier run stops at them */
static const char *const particles_list[] = {"de", "del", "van", "von", "der", "la", "le",
                                             "da", "di", "du", NULL};

static const char *const stops[] = {
    "in",  "of",   "like", "on",   "at",    "with",  "by",   "for",  "from", "to",
    "and", "as",   "that", "which", "who",  "is",    "was",  "are",  "were", "the",
    "a",   "an",   "his",  "her",  "their", "its",   "he",   "she",  "it",   "they",
    "but", "or",   "has",  "had",  "have",  "be",    "been", "not",  "than", "about",
    "into", "over", "while", "when", "where", "after", "before", "since", "if", NULL};

/* people-words: a possessive name before them is no director */
static const char *const kin[] = {"mother", "father", "son", "daughter", "brother", "sister",
                                  "wife", "husband", "friend", "lover", "boyfriend",
                                  "girlfriend", "assistant", "family", "story", "past",
                                  "childhood", "life", "career", "apartment", "muses",
                                  "muse", "collaborator", NULL};

/* Organisations are not people: "Sony Pictures Classics". */
static const char *const org_words[] = {
    "pictures", "films", "studios", "studio", "entertainment", "classics", "releasing",
    "productions", "production", "media", "features", "distribution", "company", "corporation",
    "corp", "inc", "ltd", "llc", "video", "television", "tv", "network", "records", "group",
    "bros", "brothers", "cinemas", "cinema", "theatre", "theater", "theatres", "theaters",
    "fox", "paramount", "universal", "netflix", "amazon", "lionsgate", "miramax", "magazine",
    "times", "post", "news", "journal", "weekly", "daily", "review", "tribune", "press",
    "festival", "awards", "academy", "university", "school", "street", "row", "collection",
    "criterion", NULL};

static int word_in(const char *w, size_t n, const char *const *list)
{
    for (; *list; list++)
        if ((*list)[0] == w[0] && strlen(*list) == n && !strncmp(*list, w, n)) return 1;
    return 0;
}

/* Is person p really a person (not a firm, place or publication)? */
static int is_person_uncached(const fx *x, int p)
{
    const fx_person *q = &x->people[p];
    const char *k = q->key;
    while (*k) {
        const char *e = strchr(k, ' ');
        size_t n = e ? (size_t)(e - k) : strlen(k);
        if (word_in(k, n, org_words)) return 0;
        k += n;
        while (*k == ' ') k++;
    }
    if (place_country(q->key) || place_city_country(q->key) || place_festival(q->key))
        return 0;
    return 1;
}

static int is_person(fx *x, int p)
{
    if (p < 0) return 0;
    if (x->people[p].isp < 0) x->people[p].isp = (int8_t)is_person_uncached(x, p);
    return x->people[p].isp;
}

/* Skip modifiers (lower-case words that are not function words, commas
 * between them, possessive names: "Almodóvar's longtime collaborator") up
 * to max tokens; returns the next index. */
static size_t skip_mods(fx *x, size_t i, size_t max, int allow_poss)
{
    size_t n = 0;
    while (i < x->sb && n < max) {
        if (tlower(x, i) && !tin(x, i, stops)) {
            i++, n++;
            continue;
        }
        if ((tis(x, i, "a") || tis(x, i, "an") || tis(x, i, "the") || tis(x, i, "his") ||
             tis(x, i, "her") || tis(x, i, "their")) &&
            n == 0) {
            i++, n++;
            continue;
        }
        /* "the ageless and incomparable" */
        if (tis(x, i, "and") && n > 0 && tlower(x, i + 1) && !tin(x, i + 1, stops)) {
            i++, n++;
            continue;
        }
        if (tpunct(x, i, ",") && n > 0 && tlower(x, i + 1)) {
            i++, n++;
            continue;
        }
        int p;
        size_t l;
        if (allow_poss && (l = name_at(x, i, &p)) && (x->tflag[i + l - 1] & TF_POSS)) {
            i += l, n += l;
            if (is_apos_tok(x, i)) i++;
            continue;
        }
        break;
    }
    return i;
}

/* The name of a person starting at i after optional modifiers; 1 if found. */
static int person_after(fx *x, size_t i, size_t max, int *p, size_t *s, size_t *e)
{
    size_t j = skip_mods(x, i, max, 1);
    size_t l = name_at(x, j, p);
    if (!l || !is_person(x, *p)) return 0;
    *s = j;
    *e = j + l;
    return 1;
}

/* The written text of a name token run without the possessive. */
static void run_text(const fx *x, size_t a, size_t b, const char **s, size_t *n)
{
    size_t st = x->tok[a].span.start, en = x->tok[b - 1].span.end;
    if (x->tflag[b - 1] & TF_POSS) {
        const char *t = x->text + x->tok[b - 1].span.start;
        size_t tl = tlen(x, b - 1);
        if (tl > 2 && t[tl - 2] == '\'') en -= 2;
        else if (tl > 4 && !memcmp(t + tl - 4, "\xE2\x80\x99", 3)) en -= 4;
    }
    *s = x->text + st;
    *n = en - st;
}

/* A character: a name (resolved: "Salvador" → "Salvador Mallo"). */
static void char_text(fx *x, int p, size_t a, size_t b, const char **s, size_t *n)
{
    if (p >= 0 && x->people[p].words >= 1) {
        *s = x->people[p].name;
        *n = strlen(*s);
        return;
    }
    run_text(x, a, b, s, n);
}

/* A descriptive role before token i (exclusive): "his mother", "Salvador's
 * mother", "the assistant". Sets [*s, *e) tokens; 0 if none. */
static int role_np_before(fx *x, size_t i, size_t *s, size_t *e)
{
    if (i <= x->sa) return 0;
    size_t h = i - 1;
    if (!tlower(x, h) || tin(x, h, stops) || tlen(x, h) < 3) return 0;
    *e = i;
    *s = h;
    /* "Salvador's mother": keep the possessive name */
    size_t ns;
    int p;
    if (h > x->sa && name_before(x, h, &ns, &p) && (x->tflag[h - 1] & TF_POSS)) *s = ns;
    return 1;
}

/* The character named after "as" at j: "as Ofelia", "as the brutal
 * Captain Vidal", "as his daughter Anne". Sets the run; 0 if none. */
static int char_after_as(fx *x, size_t j, size_t *cs, size_t *ce, int *cp)
{
    size_t l = name_at(x, j, cp);
    if (!l && (tis(x, j, "the") || tis(x, j, "a") || tis(x, j, "an") || tis(x, j, "his") ||
               tis(x, j, "her") || tis(x, j, "their"))) {
        /* "as the Pennsylvania mob boss Russell Bufalino": the last name
         * of the phrase, past modifiers, places and "and" + modifier */
        size_t k = j + 1, found = 0, at = 0;
        int fp = -1, last = -1;
        while (k < x->sb && k < j + 10) {
            size_t nl = name_at(x, k, &fp);
            if (nl) {
                found = nl, at = k, last = fp;
                if (x->tflag[k + nl - 1] & TF_POSS) break;
                k += nl;
                continue;
            }
            if (tlower(x, k) && (!tin(x, k, stops) || (tis(x, k, "and") && tlower(x, k + 1)))) {
                k++;
                continue;
            }
            break;
        }
        if (found) {
            j = at;
            *cp = last;
        }
        l = found;
    }
    if (!l || (x->tflag[j + l - 1] & TF_POSS)) return 0;
    *cs = j;
    *ce = j + l;
    return 1;
}

/* ---- scoring who is the actor in "A (B)" ---- */
static double actor_score(const fx *x, int p)
{
    if (p < 0) return 0;
    const fx_person *q = &x->people[p];
    double s = 0;
    if (q->roles & R_ACTOR) s += 2;
    if (q->roles & R_CHARACTER) s -= 2;
    if (q->roles & (R_DIRECTOR | R_WRITER | R_CREW)) s += 0.5;
    return s;
}

static int emit_cast(fx *x, int actor, const char *q, size_t qn, int film, size_t ta,
                     size_t tb, double conf)
{
    if (actor < 0 || !is_person(x, actor)) return 0;
    person_role(x, actor, R_ACTOR);
    return fx_emit_person(x, "cast", actor, q, qn, film, ta, tb, conf);
}

static int emit_role(fx *x, const char *pred, unsigned role, int p, int film, size_t ta,
                     size_t tb, double conf)
{
    if (p < 0 || !is_person(x, p)) return 0;
    if (!strcmp(pred, "cast")) return emit_cast(x, p, NULL, 0, film, ta, tb, conf);
    person_role(x, p, role ? role : role_of_pred(pred));
    int rc = fx_emit_person(x, pred, p, NULL, 0, film, ta, tb, conf);
    const char *second = second_pred(role);
    if (!rc && second) rc = fx_emit_person(x, second, p, NULL, 0, film, ta, tb, conf);
    return rc;
}

/* Names in a list from token i: "A, B and C", each optionally followed by
 * "as CHARACTER" or "(CHARACTER)". Calls the role for each. */
static int name_list(fx *x, size_t i, const char *pred, unsigned role, int film, double conf)
{
    int rc = 0;
    for (int k = 0; k < 40 && i < x->sb && !rc; k++) {
        int p;
        size_t l = name_at(x, i, &p);
        if (!l) break;
        size_t e = i + l;
        if (!strcmp(pred, "cast")) {
            const char *q = NULL;
            size_t qn = 0;
            int cp;
            size_t cl;
            size_t cs, ce;
            if (tis(x, e, "as") && char_after_as(x, e + 1, &cs, &ce, &cp)) {
                char_text(x, cp, cs, ce, &q, &qn);
                person_role(x, cp, R_CHARACTER);
                e = ce;
            } else if (tpunct(x, e, "(") && (cl = name_at(x, e + 1, &cp)) &&
                       tpunct(x, e + 1 + cl, ")")) {
                char_text(x, cp, e + 1, e + 1 + cl, &q, &qn);
                person_role(x, cp, R_CHARACTER);
                e = e + 2 + cl;
            }
            rc = emit_cast(x, p, q, qn, film, i, e, conf);
        } else {
            rc = emit_role(x, pred, role, p, film, i, e, conf);
        }
        i = e;
        if (tpunct(x, i, ",")) i++;
        if (tis(x, i, "and") || tpunct(x, i, "&")) i++;
        else if (!tpunct(x, i - 1, ",")) break;
    }
    return rc;
}

/* ---------------- stage 0: roles said outright ---------------- */

/* "Label: value" at the start of a line or after "//": Director:, Cast: */
static const struct {
    const char *w1, *w2, *pred;
    unsigned role;
} labels[] = {
    {"director", NULL, "director", R_DIRECTOR},
    {"directors", NULL, "director", R_DIRECTOR},
    {"directed", "by", "director", R_DIRECTOR},
    {"writer", NULL, "writer", R_WRITER},
    {"writers", NULL, "writer", R_WRITER},
    {"written", "by", "writer", R_WRITER},
    {"screenplay", NULL, "writer", R_WRITER},
    {"screenwriter", NULL, "writer", R_WRITER},
    {"cast", NULL, "cast", R_ACTOR},
    {"starring", NULL, "cast", R_ACTOR},
    {"stars", NULL, "cast", R_ACTOR},
    {"music", NULL, "composer", R_CREW},
    {"composer", NULL, "composer", R_CREW},
    {"score", NULL, "composer", R_CREW},
    {"cinematography", NULL, "cinematographer", R_CREW},
    {"cinematographer", NULL, "cinematographer", R_CREW},
    {"producer", NULL, "producer", R_CREW},
    {"producers", NULL, "producer", R_CREW},
    {"produced", "by", "producer", R_CREW},
    {"editor", NULL, "editor", R_CREW},
    {"editing", NULL, "editor", R_CREW},
};

static int label_at(fx *x, size_t i)
{
    for (size_t k = 0; k < sizeof labels / sizeof labels[0]; k++) {
        size_t j = i;
        if (!tis(x, j, labels[k].w1)) continue;
        j++;
        if (labels[k].w2) {
            if (!tis(x, j, labels[k].w2)) continue;
            j++;
        }
        if (!tpunct(x, j, ":")) continue;
        /* a label begins its line or follows a separator */
        int start = i == x->sa || tpunct(x, i - 1, "/") || tpunct(x, i - 1, "|") ||
                    tpunct(x, i - 1, "\xE2\x80\xA2") || tpunct(x, i - 1, ";");
        if (!start) continue;
        return name_list(x, j + 1, labels[k].pred, labels[k].role, -2, 0.9);
    }
    return 0;
}

/* "A (B)": a character and the actor who plays it, either way round. */
static int paren_cast(fx *x, size_t i)
{
    /* a headline's brackets hold another title: "Volver (Coming Home)" */
    if (!tpunct(x, i, "(") || x->sent_heading) return 0;
    size_t j = i + 1;
    int played_by = 0;
    if ((tis(x, j, "played") || tis(x, j, "portrayed") || tis(x, j, "voiced")) &&
        tis(x, j + 1, "by")) {
        j += 2;
        played_by = 1;
    }
    int b;
    size_t bs, be;
    if (!person_after(x, j, 4, &b, &bs, &be)) return 0;
    if (!tpunct(x, be, ")")) return 0;
    if (x->tflag[be - 1] & TF_POSS) return 0;
    int a;
    size_t as;
    const char *q = NULL;
    size_t qn = 0;
    if (name_before(x, i, &as, &a)) {
        if (a == b) return 0;
        int actor = b, chr = a;
        size_t cs = as, ce = i;
        /* "Character (Actor)" is the convention of reviews and synopses
         * alike; the other way round only when the roles already say so
         * ("Antonio Banderas (Salvador)" after "Banderas plays") or in a
         * cast list ("starring Antonio Banderas (Salvador), ...") */
        int list = as > x->sa && (tis(x, as - 1, "starring") || tis(x, as - 1, "stars"));
        if (!played_by && bs == i + 1 &&
            (list || actor_score(x, a) > actor_score(x, b) + 1.5)) {
            actor = a;
            chr = b;
            cs = bs;
            ce = be;
        }
        if (!is_person(x, chr)) return 0; /* "Metro Weekly (...)" */
        person_role(x, chr, R_CHARACTER);
        char_text(x, chr, cs, ce, &q, &qn);
        return emit_cast(x, actor, q, qn, -2, as, be + 1, 0.9);
    }
    /* "his mother (Penélope Cruz)", "Salvador's mother (played by ...)" */
    size_t ns, ne;
    if (role_np_before(x, i, &ns, &ne)) {
        const char *s = x->text + x->tok[ns].span.start;
        qn = x->tok[ne - 1].span.end - x->tok[ns].span.start;
        q = s;
        return emit_cast(x, b, q, qn, -2, ns, be + 1, played_by ? 0.85 : 0.6);
    }
    if (played_by) return emit_cast(x, b, NULL, 0, -2, i, be + 1, 0.8);
    return 0;
}

/* "CHARACTER, played by [modifiers] ACTOR" */
static int played_by(fx *x, size_t i)
{
    if (!(tis(x, i, "played") || tis(x, i, "portrayed") || tis(x, i, "voiced")) ||
        !tis(x, i + 1, "by") || i < x->sa + 2)
        return 0;
    /* "Ki-taek, played by", "Mrs. Park is played by" */
    if (!tpunct(x, i - 1, ",") && !tis(x, i - 1, "is") && !tis(x, i - 1, "was")) return 0;
    if (i >= 1 && tpunct(x, i - 1, "(")) return 0; /* paren_cast has it */
    int actor;
    size_t s, e;
    if (!person_after(x, i + 2, 6, &actor, &s, &e)) return 0;
    int chr;
    size_t cs;
    const char *q = NULL;
    size_t qn = 0;
    if (name_before(x, i - 1, &cs, &chr)) {
        if (chr == actor) return 0;
        person_role(x, chr, R_CHARACTER);
        char_text(x, chr, cs, i - 1, &q, &qn);
        return emit_cast(x, actor, q, qn, -2, cs, e, 0.9);
    }
    size_t ns, ne;
    if (role_np_before(x, i - 1, &ns, &ne)) {
        q = x->text + x->tok[ns].span.start;
        qn = x->tok[ne - 1].span.end - x->tok[ns].span.start;
        return emit_cast(x, actor, q, qn, -2, ns, e, 0.8);
    }
    return emit_cast(x, actor, NULL, 0, -2, i, e, 0.7);
}

/* The actor before a verb at i: a name, "Name, who", or an anaphor. */
static int actor_before(fx *x, size_t i, size_t *s)
{
    int p;
    size_t ns;
    if (i > x->sa && name_before(x, i, &ns, &p) && !(x->tflag[i - 1] & TF_POSS)) {
        *s = ns;
        return p;
    }
    if (i > x->sa + 2 && tis(x, i - 1, "who") && tpunct(x, i - 2, ",") &&
        name_before(x, i - 2, &ns, &p)) {
        *s = ns;
        return p;
    }
    /* "Anthony Hopkins, who won his first Oscar for ..., plays" */
    if (i > x->sa + 2 && tpunct(x, i - 1, ",")) {
        for (size_t j = i - 2; j > x->sa && j + 25 > i; j--) {
            if (tpunct(x, j, ".") || tpunct(x, j, ";") || tpunct(x, j, "(")) break;
            if (tpunct(x, j, ",") && (tis(x, j + 1, "who") || tis(x, j + 1, "a") ||
                                      tis(x, j + 1, "an") || tis(x, j + 1, "the")) &&
                name_before(x, j, &ns, &p)) {
                *s = ns;
                return p;
            }
        }
    }
    if (i > x->sa && (tis(x, i - 1, "he") || tis(x, i - 1, "she")) && x->stage == 1) {
        *s = i - 1;
        return antecedent(x, R_ACTOR, R_CHARACTER | R_DIRECTOR | R_CREW);
    }
    if (i > x->sa + 1 && tis(x, i - 2, "the") &&
        (tis(x, i - 1, "actor") || tis(x, i - 1, "actress") || tis(x, i - 1, "star"))) {
        *s = i - 2;
        return x->stage == 1 ? antecedent(x, R_ACTOR, R_CHARACTER) : -1;
    }
    return -1;
}

static const char *const play_verbs[] = {"plays", "played", "portrays", "portrayed",
                                         "play", "portray", "embodies", "essays",
                                         "inhabits", "incarnates", NULL};

/* "ACTOR plays CHARACTER", "ACTOR stars as CHARACTER", "is cast as" */
static int plays(fx *x, size_t i)
{
    size_t after;
    if (tin(x, i, play_verbs) && !tis(x, i + 1, "by")) {
        after = i + 1;
    } else if ((tis(x, i, "stars") || tis(x, i, "starred") || tis(x, i, "star") ||
                tis(x, i, "cast") || tis(x, i, "appears") || tis(x, i, "co-stars")) &&
               tis(x, i + 1, "as")) {
        after = i + 2;
    } else {
        return 0;
    }
    size_t vs = i;
    if (tis(x, i, "cast") && i > x->sa && (tis(x, i - 1, "is") || tis(x, i - 1, "was"))) vs = i - 1;
    size_t as;
    int actor = actor_before(x, vs, &as);
    if (actor < 0 || !is_person(x, actor)) return 0;
    if (x->people[actor].roles & R_CHARACTER) return 0;
    if (tis(x, after, "the") && tis(x, after + 1, "role") && tis(x, after + 2, "of")) after += 3;
    int chr;
    size_t cl = name_at(x, after, &chr);
    if (!cl && (tis(x, after, "the") || tis(x, after, "a") || tis(x, after, "his") ||
                tis(x, after, "her") || tis(x, after, "their"))) {
        /* "plays the aging director Salvador Mallo": a name within reach */
        size_t j = skip_mods(x, after, 5, 0);
        if ((cl = name_at(x, j, &chr))) after = j;
    }
    /* "Anthony Hopkins ... plays Anthony": a first name alone that
     * resolves to the actor is the character's own name */
    int own = cl && chr == actor && cl < (size_t)x->people[actor].words;
    if (cl && (chr != actor || own) && !(x->tflag[after + cl - 1] & TF_POSS)) {
        if (x->stage != 0) return 0;
        const char *q;
        size_t qn;
        if (own) {
            run_text(x, after, after + cl, &q, &qn);
        } else {
            person_role(x, chr, R_CHARACTER);
            char_text(x, chr, after, after + cl, &q, &qn);
        }
        return emit_cast(x, actor, q, qn, -2, as, after + cl, 0.9);
    }
    /* "plays a filmmaker inspired by ...": cast, no character name */
    if (x->stage != 1) return 0;
    if (!(tis(x, after, "a") || tis(x, after, "an") || tis(x, after, "the"))) return 0;
    if (x->people[actor].roles & (R_DIRECTOR | R_WRITER | R_CREW)) return 0;
    return emit_cast(x, actor, NULL, 0, -2, as, after, 0.6);
}

/* "As CHARACTER, ACTOR ..." at the start of a sentence: "As Salvador
 * Mallo, Antonio Banderas", "As her mother Marion, Laurie Metcalf", "As
 * Christine "Lady Bird" McPherson, Saoirse Ronan" */
static int as_char_actor(fx *x, size_t i)
{
    if (i != x->sa || !tis(x, i, "as")) return 0;
    size_t j = i + 1;
    if (tis(x, j, "her") || tis(x, j, "his") || tis(x, j, "their") || tis(x, j, "the")) {
        size_t k = j + 1;
        while (k < x->sb && k < j + 4 && tlower(x, k) && !tin(x, k, stops)) k++;
        if (k > j + 1 && tcap(x, k)) j = k;
    }
    if (!tcap(x, j)) return 0;
    /* the character: capitalised words and quotes up to the comma */
    size_t c = j;
    while (c < x->sb && c < j + 10 && !tpunct(x, c, ",")) {
        int quote = x->tok[c].kind == REEL_TOK_PUNCT && !tpunct(x, c, ".");
        if (!tcap(x, c) && !quote && !tin(x, c, particles_list)) return 0;
        c++;
    }
    if (!tpunct(x, c, ",") || c == j) return 0;
    int chr = -1, actor;
    size_t al = name_at(x, c + 1, &actor);
    if (!al || !is_person(x, actor) || (x->tflag[c + al] & TF_POSS)) return 0;
    const char *q;
    size_t qn, cl = name_at(x, j, &chr);
    if (cl && j + cl == c) {
        if (chr == actor) return 0;
        person_role(x, chr, R_CHARACTER);
        char_text(x, chr, j, c, &q, &qn);
    } else {
        q = x->text + x->tok[j].span.start;
        qn = x->tok[c - 1].span.end - x->tok[j].span.start;
    }
    return emit_cast(x, actor, q, qn, -2, i, c + 1 + al, 0.85);
}

/* "Joe Pesci is quietly terrifying as Russell Bufalino", "with Sergi
 * López as the brutal Captain Vidal", "opposite Olivia Colman as his
 * daughter Anne" */
static int actor_as(fx *x, size_t i)
{
    if (!tis(x, i, "as") || i <= x->sa) return 0;
    size_t cs, ce;
    int chr;
    if (!char_after_as(x, i + 1, &cs, &ce, &chr)) {
        /* "opposite Anthony Hopkins as her father": a description */
        size_t ns, k = i + 1;
        int actor;
        if (!name_before(x, i, &ns, &actor) || ns <= x->sa || !is_person(x, actor)) return 0;
        if (!(tis(x, ns - 1, "with") || tis(x, ns - 1, "opposite") || tis(x, ns - 1, "alongside")))
            return 0;
        if (!(tis(x, k, "the") || tis(x, k, "a") || tis(x, k, "an") || tis(x, k, "his") ||
              tis(x, k, "her") || tis(x, k, "their")))
            return 0;
        k++;
        size_t h = k;
        while (k < x->sb && k < h + 4 && tlower(x, k) && !tin(x, k, stops)) k++;
        if (k == h) return 0;
        return emit_cast(x, actor, tstr(x, k - 1), tlen(x, k - 1), -2, ns, k, 0.7);
    }
    int actor = -1;
    size_t as = 0, ns;
    if (name_before(x, i, &ns, &actor)) {
        /* "Lee Sun-kyun and Cho Yeo-jeong as the wealthy Parks": a role
         * shared by two is no one character */
        size_t ps;
        int other;
        if (ns > x->sa + 1 && tis(x, ns - 1, "and") && name_before(x, ns - 1, &ps, &other) &&
            !(x->people[other].roles & R_CHARACTER))
            return 0;
        /* "with X as Y", "opposite X as Y", "starring X as Y" */
        if (!(ns > x->sa && (tis(x, ns - 1, "with") || tis(x, ns - 1, "opposite") ||
                             tis(x, ns - 1, "alongside") || tis(x, ns - 1, "and") ||
                             tis(x, ns - 1, "from"))))
            return 0;
        as = ns;
    } else {
        /* "X is [quietly terrifying] as Y" */
        size_t k = i;
        while (k > x->sa && k + 5 > i && tlower(x, k - 1) && !tis(x, k - 1, "is") &&
               !tis(x, k - 1, "was") && !tin(x, k - 1, stops))
            k--;
        if (k <= x->sa || !(tis(x, k - 1, "is") || tis(x, k - 1, "was"))) return 0;
        if (!name_before(x, k - 1, &ns, &actor)) return 0;
        as = ns;
    }
    if (actor == chr || !is_person(x, actor) || (x->tflag[i - 1] & TF_POSS)) return 0;
    if (x->people[actor].roles & R_CHARACTER) return 0;
    const char *q;
    size_t qn;
    person_role(x, chr, R_CHARACTER);
    char_text(x, chr, cs, ce, &q, &qn);
    return emit_cast(x, actor, q, qn, -2, as, ce, 0.8);
}

/* "Lucas Hedges, as the nephew, is a revelation" */
static int actor_as_role(fx *x, size_t i)
{
    if (!tis(x, i, "as") || i < x->sa + 2 || !tpunct(x, i - 1, ",")) return 0;
    if (!(tis(x, i + 1, "the") || tis(x, i + 1, "a") || tis(x, i + 1, "an") ||
          tis(x, i + 1, "his") || tis(x, i + 1, "her")))
        return 0;
    size_t k = i + 2;
    while (k < x->sb && k < i + 6 && tlower(x, k) && !tin(x, k, stops)) k++;
    if (k == i + 2 || !tpunct(x, k, ",")) return 0;
    int actor;
    size_t ns;
    if (!name_before(x, i - 1, &ns, &actor) || !is_person(x, actor)) return 0;
    if (x->people[actor].roles & (R_CHARACTER | R_DIRECTOR | R_CREW | R_WRITER)) return 0;
    return emit_cast(x, actor, tstr(x, k - 1), tlen(x, k - 1), -2, ns, k, 0.6);
}

/* "a performance from ACTOR [as CHARACTER]", "ACTOR as the lead, CHAR" */
static int performance_from(fx *x, size_t i)
{
    if (!(tis(x, i, "performance") || tis(x, i, "turn")) ||
        !(tis(x, i + 1, "from") || tis(x, i + 1, "by") || tis(x, i + 1, "of")))
        return 0;
    int actor;
    size_t s, e;
    if (!person_after(x, i + 2, 3, &actor, &s, &e)) return 0;
    if (x->tflag[e - 1] & TF_POSS) return 0;
    const char *q = NULL;
    size_t qn = 0, end = e;
    if (tis(x, e, "as")) {
        int chr;
        size_t j = e + 1, cl = name_at(x, j, &chr);
        if (!cl) {
            /* "as the main subject, Salvador Gallo" */
            size_t k = skip_mods(x, j, 5, 0);
            if (tpunct(x, k, ",")) k++;
            if ((cl = name_at(x, k, &chr))) j = k;
        }
        if (cl && chr != actor) {
            person_role(x, chr, R_CHARACTER);
            char_text(x, chr, j, j + cl, &q, &qn);
            end = j + cl;
        }
    }
    return emit_cast(x, actor, q, qn, -2, i, end, 0.8);
}

/* "Starring in [...], ACTOR ..." at the start of a sentence */
static int starring_in(fx *x, size_t i)
{
    if (i != x->sa || !tis(x, i, "starring") || !tis(x, i + 1, "in")) return 0;
    for (size_t j = i + 2; j < x->sb && j < i + 20; j++) {
        if (!tpunct(x, j, ",")) continue;
        int actor;
        size_t l = name_at(x, j + 1, &actor);
        if (!l) return 0;
        return emit_cast(x, actor, NULL, 0, -2, j + 1, j + 1 + l, 0.8);
    }
    return 0;
}

/* "starring A, B and C", "TITLE stars A and B" */
static int starring(fx *x, size_t i)
{
    int after_film = i > x->sa && ((x->tflag[i - 1] & (TF_SUBJECT | TF_FILM)) ||
                                    tis(x, i - 1, "it") || tis(x, i - 1, "film") ||
                                    tis(x, i - 1, "which") || tis(x, i - 1, "that") ||
                                    tis(x, i - 1, "movie") ||
                                    (tpunct(x, i - 1, ",") && i > x->sa + 1 &&
                                     (x->tflag[i - 2] & (TF_SUBJECT | TF_FILM))));
    int ok = tis(x, i, "starring") || tis(x, i, "co-starring") || tis(x, i, "featuring") ||
             ((tis(x, i, "stars") || tis(x, i, "co-stars") || tis(x, i, "features")) &&
              after_film);
    if (!ok) return 0;
    if (tis(x, i + 1, "in")) return 0;
    size_t j = i + 1;
    int p;
    if (!name_at(x, j, &p)) return 0;
    return name_list(x, j, "cast", R_ACTOR, -2, 0.85);
}

/* "directed by A", "written and directed by A and B", "music by A" */
static int by_pattern(fx *x, size_t i)
{
    if (!tis(x, i, "by") && !tis(x, i, "of")) return 0;
    if (i == x->sa) return 0;
    const char *p1 = by_pred(x, i - 1), *p2 = NULL;
    if (!p1) return 0;
    int of = tis(x, i, "of");
    /* "of" only with nouns of craft: "the cinematography of José Luis Alcaine" */
    if (of && !(tis(x, i - 1, "cinematography") || tis(x, i - 1, "camerawork") ||
                tis(x, i - 1, "score") || tis(x, i - 1, "music")))
        return 0;
    if (i >= x->sa + 3 && tis(x, i - 2, "and")) p2 = by_pred(x, i - 3);
    if (!strcmp(p1, "cast")) return 0; /* "starring by" is no English */
    int p;
    size_t l = name_at(x, i + 1, &p);
    if (!l) {
        /* "produced by El Deseo": an organisation */
        return 0;
    }
    if (!is_person(x, p)) {
        if (!strcmp(p1, "producer") && !of) {
            const char *s;
            size_t n;
            run_text(x, i + 1, i + 1 + l, &s, &n);
            return fx_emit(x, "studio", s, n, NULL, NULL, 0, -2, x->tok[i - 1].span.start,
                           x->tok[i + l].span.end, 0.7);
        }
        return 0;
    }
    int rc = name_list(x, i + 1, p1, role_of_pred(p1), -2, 0.9);
    if (!rc && p2) rc = name_list(x, i + 1, p2, role_of_pred(p2), -2, 0.9);
    return rc;
}

/* "director Pedro Almodóvar", "Composer Alberto Iglesias",
 * "writer-director Pedro Almodóvar" */
static int role_name(fx *x, size_t i)
{
    size_t rl;
    unsigned role;
    const char *pred = role_noun(x, i, &rl, &role);
    if (!pred) return 0;
    size_t j = i + rl;
    if (j >= x->sb || x->tok[j].span.start != x->tok[j - 1].span.end + 1) return 0;
    int p;
    size_t l = name_at(x, j, &p);
    if (!l || !is_person(x, p)) return 0;
    /* "actor Antonio Banderas": a real person, an actor, not necessarily in
     * this film; only the crafts behind the camera say the film */
    if (!strcmp(pred, "cast")) return 0; /* "Broadway star Sally": maybe a character */
    return emit_role(x, pred, role, p, -2, i, j + l, 0.8);
}

/* "Name's [adjectives] script": a craft credited by possessive */
static int poss_work(fx *x, size_t i)
{
    int p;
    size_t l = name_at(x, i, &p);
    if (!l || !(x->tflag[i + l - 1] & TF_POSS) || !is_person(x, p)) return 0;
    if (x->people[p].roles & R_CHARACTER) return 0;
    size_t j = i + l;
    if (is_apos_tok(x, j)) j++;
    for (size_t k = j; k < j + 4 && k < x->sb; k++) {
        for (size_t w = 0; w < sizeof works / sizeof works[0]; w++)
            if (tis(x, k, works[w].word))
                return emit_role(x, works[w].pred, role_of_pred(works[w].pred), p, -2, i,
                                 k + 1, 0.75);
        if (!tlower(x, k) || tin(x, k, stops)) break;
    }
    return 0;
}

/* "Banderas' flawless performance", "Cruz's performance as a mother" */
static int poss_performance(fx *x, size_t i)
{
    int p;
    size_t l = name_at(x, i, &p);
    if (!l || !(x->tflag[i + l - 1] & TF_POSS) || !is_person(x, p)) return 0;
    if (x->people[p].roles & (R_CHARACTER | R_DIRECTOR | R_CREW)) return 0;
    size_t j = i + l;
    if (is_apos_tok(x, j)) j++;
    size_t k = j;
    while (k < j + 4 && k < x->sb && tlower(x, k) && !tin(x, k, stops) &&
           !(tis(x, k, "performance") || tis(x, k, "turn") || tis(x, k, "portrayal")))
        k++;
    if (!(tis(x, k, "performance") || tis(x, k, "turn") || tis(x, k, "portrayal"))) return 0;
    const char *q = NULL;
    size_t qn = 0, end = k + 1;
    if (tis(x, k + 1, "as")) {
        int chr;
        size_t cl = name_at(x, k + 2, &chr);
        if (cl) {
            person_role(x, chr, R_CHARACTER);
            char_text(x, chr, k + 2, k + 2 + cl, &q, &qn);
            end = k + 2 + cl;
        } else {
            /* "as a mother who ...": the head noun */
            size_t m = skip_mods(x, k + 2, 4, 0);
            if (m > k + 2 && tlower(x, m - 1) && !tis(x, m - 1, "a")) {
                q = tstr(x, m - 1);
                qn = tlen(x, m - 1);
                end = m;
            }
        }
    }
    return emit_cast(x, p, q, qn, -2, i, end, 0.7);
}

/* "ACTOR turns in a ... performance" */
static int gives_performance(fx *x, size_t i)
{
    if (!(tis(x, i, "performance") || tis(x, i, "turn"))) return 0;
    for (size_t v = i; v-- > x->sa && v + 8 > i;) {
        size_t vs = v;
        if (tis(x, v, "in") && v > x->sa && (tis(x, v - 1, "turns") || tis(x, v - 1, "turned")))
            vs = v - 1;
        else if (!(tis(x, v, "gives") || tis(x, v, "delivers") || tis(x, v, "gave") ||
                   tis(x, v, "delivered") || tis(x, v, "offers")))
            continue;
        size_t as;
        int actor = actor_before(x, vs, &as);
        if (actor < 0) return 0;
        if (x->people[actor].roles & (R_CHARACTER | R_DIRECTOR | R_CREW)) return 0;
        /* "gives his best performance in years as Lewis Strauss" */
        for (size_t k = i + 1; k < x->sb && k < i + 5; k++) {
            if (x->tok[k].kind == REEL_TOK_PUNCT) break;
            size_t cs, ce;
            int chr;
            if (tis(x, k, "as") && char_after_as(x, k + 1, &cs, &ce, &chr) && chr != actor) {
                const char *q;
                size_t qn;
                person_role(x, chr, R_CHARACTER);
                char_text(x, chr, cs, ce, &q, &qn);
                return emit_cast(x, actor, q, qn, -2, as, ce, 0.75);
            }
        }
        return emit_cast(x, actor, NULL, 0, -2, as, i + 1, 0.7);
    }
    return 0;
}

/* ---------------- stage 1: needs roles known ---------------- */

/* "Pedro Almodóvar's Pain and Glory", "Almodóvar's richly self-reflexive
 * drama", "Almodóvar's brilliant new film": a possessive before the film is
 * its maker. */
static int poss_film(fx *x, size_t i)
{
    int p;
    size_t l = name_at(x, i, &p);
    if (!l || !(x->tflag[i + l - 1] & TF_POSS) || !is_person(x, p)) return 0;
    if (x->people[p].roles & (R_ACTOR | R_CHARACTER)) return 0;
    if (x->people[p].words < 2 && !(x->people[p].roles & R_DIRECTOR)) return 0;
    size_t j = i + l;
    if (is_apos_tok(x, j)) j++;
    size_t k = j, n = 0;
    int genre = 0;
    while (k < x->sb && n < 6) {
        if (x->tflag[k] & TF_FILM_START) {
            size_t fl;
            int f = film_at(x, k, &fl);
            return emit_role(x, "director", R_DIRECTOR, p, f, i, k + fl, 0.75);
        }
        if (tin(x, k, kin)) return 0;
        if (tin(x, k, genre_nouns)) {
            genre = 1;
            k++, n++;
            continue;
        }
        if ((tlower(x, k) && !tin(x, k, stops)) || tpunct(x, k, ",")) {
            if (genre) break;
            k++, n++;
            continue;
        }
        break;
    }
    if (!genre) return 0;
    /* a possessive before "film" names a film of his; which one the
     * sentence says, or the subject */
    if (tis(x, k, "of") || tis(x, k - 1, "films") || tis(x, k - 1, "movies")) return 0;
    /* "Pain and Glory, Pedro Almodóvar's autobiographical drama": the
     * title the phrase stands beside */
    if (i > x->sa + 1 && tpunct(x, i - 1, ",")) {
        size_t e = i - 1, st = e;
        while (st > x->sa && e - st < FX_MAX_TITLE && !(x->tflag[st - 1] & TF_POSS) &&
               (tcap(x, st - 1) || tis(x, st - 1, "and") || tis(x, st - 1, "of") ||
                tis(x, st - 1, "the") || tpunct(x, st - 1, "&")))
            st--;
        while (st < e && !tcap(x, st)) st++;
        if (st < e && (x->tflag[st] & TF_FILM_START)) {
            size_t fl;
            int f = film_at(x, st, &fl);
            return emit_role(x, "director", R_DIRECTOR, p, f, i, k, 0.7);
        }
        if (st < e && !(x->tflag[st] & (TF_SUBJECT | TF_FILM))) {
            int f = fx_add_film(x, st, e);
            if (x->oom) return REEL_ENOMEM;
            return f >= 0 ? emit_role(x, "director", R_DIRECTOR, p, f, i, k, 0.65) : 0;
        }
    }
    return emit_role(x, "director", R_DIRECTOR, p, -2, i, k, 0.7);
}

/* "an Almodóvar film", "a Spike Lee joint" */
static int name_film(fx *x, size_t i)
{
    if (i == x->sa || !(tis(x, i - 1, "a") || tis(x, i - 1, "an") || tis(x, i - 1, "another") ||
                        tis(x, i - 1, "latest") || tis(x, i - 1, "classic")))
        return 0;
    int p;
    size_t l = name_at(x, i, &p);
    if (!l || (x->tflag[i + l - 1] & TF_POSS) || !is_person(x, p)) return 0;
    if (!(tis(x, i + l, "film") || tis(x, i + l, "movie") || tis(x, i + l, "joint") ||
          tis(x, i + l, "picture") || tis(x, i + l, "production")))
        return 0;
    if (x->people[p].roles & (R_ACTOR | R_CHARACTER | R_CREW)) return 0;
    return emit_role(x, "director", R_DIRECTOR, p, -2, i - 1, i + l + 1, 0.7);
}

/* "the director", "the writer-director of X and Y", "the actor": the
 * person last named in that role (or any real person, for the director). */
static int role_anaphor(fx *x, size_t i)
{
    if (!(tis(x, i, "the") || tis(x, i, "its") || tis(x, i, "his") || tis(x, i, "her")))
        return 0;
    size_t j = i + 1;
    if (tis(x, j, "film's") || tis(x, j, "movie's")) j++;
    size_t rl;
    unsigned role;
    const char *pred = role_noun(x, j, &rl, &role);
    if (!pred) return 0;
    size_t e = j + rl;
    int p;
    if (name_at(x, e, &p)) return 0; /* "the director Pedro Almodóvar": role_name */
    if (tpunct(x, e, ",") && name_at(x, e + 1, &p)) return 0;
    if (tis(x, i, "his") || tis(x, i, "her")) {
        if (strcmp(pred, "cast") != 0) return 0; /* "his director" is someone else's */
        return 0;
    }
    int ante;
    if (role & R_ACTOR)
        ante = antecedent(x, R_ACTOR, R_CHARACTER | R_DIRECTOR | R_CREW);
    else
        ante = antecedent(x, role, R_ACTOR | R_CHARACTER);
    if (ante < 0 || !is_person(x, ante)) return 0;
    if (!(x->people[ante].roles & role) && x->people[ante].words < 2 &&
        x->people[x->people[ante].full >= 0 ? x->people[ante].full : ante].words < 2)
        return 0;
    /* "the writer-director of All About My Mother and ...": those films */
    if (tis(x, e, "of") && (x->tflag[e + 1] & TF_FILM_START)) {
        int rc = 0;
        size_t k = e + 1;
        while (k < x->sb && (x->tflag[k] & TF_FILM_START) && !rc) {
            size_t fl;
            int f = film_at(x, k, &fl);
            rc = emit_role(x, pred, role, ante, f, i, k + fl, 0.6);
            k += fl;
            if (tpunct(x, k, ",")) k++;
            if (tis(x, k, "and")) k++;
        }
        return rc;
    }
    if (tis(x, e, "of")) return 0; /* the director of something else */
    if (!strcmp(pred, "cast")) return emit_cast(x, ante, NULL, 0, -2, i, e, 0.55);
    return emit_role(x, pred, role, ante, -2, i, e, 0.55);
}

/* "ACTOR brings ... to playing CHARACTER" */
static int playing(fx *x, size_t i)
{
    if (!tis(x, i, "playing")) return 0;
    int chr;
    size_t cl = name_at(x, i + 1, &chr);
    if (!cl || (x->tflag[i + cl] & TF_POSS)) return 0;
    /* the sentence's actor: the first person named in it with that role */
    int actor = -1;
    size_t as = 0;
    for (size_t k = x->sa; k < i && actor < 0; k++) {
        int p;
        size_t l = name_at(x, k, &p);
        if (l && (x->people[p].roles & R_ACTOR) && p != chr) actor = p, as = k;
        if (l) k += l - 1;
    }
    if (actor < 0) return 0;
    const char *q;
    size_t qn;
    person_role(x, chr, R_CHARACTER);
    char_text(x, chr, i + 1, i + 1 + cl, &q, &qn);
    return emit_cast(x, actor, q, qn, -2, as, i + 1 + cl, 0.65);
}

/* the craft a verb says: "directed" → director */
static const char *verb_pred(const fx *x, size_t v)
{
    if (tis(x, v, "directed") || tis(x, v, "directs") || tis(x, v, "helmed") ||
        tis(x, v, "co-directed"))
        return "director";
    if (tis(x, v, "wrote") || tis(x, v, "co-wrote") || tis(x, v, "writes") || tis(x, v, "penned"))
        return "writer";
    if (tis(x, v, "shot") || tis(x, v, "lensed")) return "cinematographer";
    if (tis(x, v, "scored")) return "composer";
    if (tis(x, v, "produced") || tis(x, v, "co-produced")) return "producer";
    if (tis(x, v, "edited")) return "editor";
    return NULL;
}

/* "NAME directed TITLE", "NAME wrote and directed the film", "NAME
 * directs with total control" */
static int name_verb(fx *x, size_t i)
{
    int p;
    size_t l = name_at(x, i, &p);
    if (!l || (x->tflag[i + l - 1] & TF_POSS) || !is_person(x, p)) return 0;
    size_t v = i + l;
    if (tis(x, v, "also")) v++;
    const char *pred = verb_pred(x, v), *pred2 = NULL;
    if (!pred) return 0;
    size_t o = v + 1;
    if (tis(x, o, "and") && (pred2 = verb_pred(x, o + 1))) o += 2;
    size_t fl = 0;
    int f = film_at(x, o, &fl);
    double conf = 0.85;
    if (f < -1) {
        f = -2;
        if ((tis(x, o, "the") || tis(x, o, "this")) &&
            (tis(x, o + 1, "film") || tis(x, o + 1, "movie") || tis(x, o + 1, "screenplay") ||
             tis(x, o + 1, "script")))
            fl = 2;
        else if (tis(x, o, "it") || tis(x, o, "this"))
            fl = 1, conf = 0.75;
        else if (!strcmp(pred, "director") && !pred2 &&
                 (tis(x, o, "with") || tis(x, o, "from") || tpunct(x, o, ".") ||
                  tpunct(x, o, ",") || o >= x->sb))
            fl = 0, conf = 0.7; /* "X directs with total control" */
        else
            return 0;
    }
    size_t end = o + fl > x->sb ? x->sb : (o + fl > i + l ? o + fl : i + l + 1);
    int rc = emit_role(x, pred, role_of_pred(pred), p, f, i, end, conf);
    if (!rc && pred2) rc = emit_role(x, pred2, role_of_pred(pred2), p, f, i, end, conf);
    return rc;
}

/* "Song, a playwright herself, wrote the screenplay": the verb after an
 * appositive; the name before it */
static int appositive_verb(fx *x, size_t i)
{
    const char *pred = verb_pred(x, i);
    if (!pred || i < x->sa + 3 || !tpunct(x, i - 1, ",")) return 0;
    size_t ns = 0;
    int p = -1;
    for (size_t j = i - 2; j > x->sa && j + 12 > i; j--) {
        if (tpunct(x, j, ".") || tpunct(x, j, ";") || tpunct(x, j, "(")) return 0;
        if (tpunct(x, j, ",") && (tis(x, j + 1, "a") || tis(x, j + 1, "an") ||
                                  tis(x, j + 1, "the") || tis(x, j + 1, "who"))) {
            if (!name_before(x, j, &ns, &p)) return 0;
            break;
        }
    }
    if (p < 0 || !is_person(x, p) || (x->people[p].roles & R_CHARACTER)) return 0;
    size_t o = i + 1, fl = 0;
    int f = film_at(x, o, &fl);
    if (f < -1) {
        f = -2;
        if ((tis(x, o, "the") || tis(x, o, "this")) &&
            (tis(x, o + 1, "film") || tis(x, o + 1, "movie") || tis(x, o + 1, "screenplay") ||
             tis(x, o + 1, "script")))
            fl = 2;
        else if (tis(x, o, "it"))
            fl = 1;
        else
            return 0;
    }
    return emit_role(x, pred, role_of_pred(pred), p, f, ns, o + fl, 0.75);
}

/* "Oppenheimer, which he wrote and directed", "he directed it": the
 * verb after "he"/"she", the person last named in such a role */
static int pronoun_verb(fx *x, size_t i)
{
    const char *pred = verb_pred(x, i), *pred2 = NULL;
    if (!pred || i <= x->sa) return 0;
    size_t v = i, h = i - 1;
    if (tis(x, h, "also") && h > x->sa) h--;
    if (!(tis(x, h, "he") || tis(x, h, "she"))) return 0;
    int rel = h > x->sa && (tis(x, h - 1, "which") || tis(x, h - 1, "that"));
    size_t o = v + 1;
    if (tis(x, o, "and") && (pred2 = verb_pred(x, o + 1))) o += 2;
    size_t fl = 0;
    int f = film_at(x, o, &fl);
    if (f < -1) {
        f = -2;
        if ((tis(x, o, "the") || tis(x, o, "this")) && (tis(x, o + 1, "film") || tis(x, o + 1, "movie")))
            fl = 2;
        else if (tis(x, o, "it"))
            fl = 1;
        else if (!rel)
            return 0;
    }
    unsigned want = !strcmp(pred, "director") || (pred2 && !strcmp(pred2, "director"))
                        ? R_DIRECTOR | R_WRITER
                        : role_of_pred(pred);
    int p = antecedent(x, want, R_ACTOR | R_CHARACTER);
    if (p < 0 || !is_person(x, p) || x->people[p].words < 2) {
        /* the most recent real person, by full name */
        if (p >= 0 && x->people[p].full >= 0) p = x->people[p].full;
        if (p < 0 || x->people[p].words < 2) return 0;
    }
    size_t end = o + fl > x->sb ? x->sb : o + fl;
    if (end <= h) end = i + 1;
    int rc = emit_role(x, pred, role_of_pred(pred), p, f, h, end, 0.6);
    if (!rc && pred2) rc = emit_role(x, pred2, role_of_pred(pred2), p, f, h, end, 0.6);
    return rc;
}

int people_at(fx *x, size_t i)
{
    int rc = 0;
    uint32_t m = x->kmask[i];
    int name = x->person_at[i] >= 0;
    if (!m && !name) return 0;
    if (x->stage == 0) {
        if ((m & M_LABEL) && (rc = label_at(x, i))) return rc;
        if ((m & M_PAREN) && (rc = paren_cast(x, i))) return rc;
        if ((m & M_PLAYED) && (rc = played_by(x, i))) return rc;
        if ((m & M_PLAY) && (rc = plays(x, i))) return rc;
        if ((m & M_AS) && (rc = as_char_actor(x, i))) return rc;
        if ((m & M_AS) && (rc = actor_as(x, i))) return rc;
        if ((m & M_PERF) && (rc = performance_from(x, i))) return rc;
        if ((m & M_STARRING) && (rc = starring_in(x, i))) return rc;
        if ((m & (M_STARRING | M_PLAY)) && (rc = starring(x, i))) return rc;
        if ((m & M_BY) && (rc = by_pattern(x, i))) return rc;
        if ((m & M_ROLE) && (rc = role_name(x, i))) return rc;
        if ((m & M_VERB) && (rc = appositive_verb(x, i))) return rc;
        if (!name) return 0;
        if ((rc = poss_work(x, i))) return rc;
        if ((rc = name_verb(x, i))) return rc;
        /* evidence of people for anaphora: "X says", "X tells" */
        int p;
        size_t l = name_at(x, i, &p);
        if (l && (tis(x, i + l, "says") || tis(x, i + l, "said") || tis(x, i + l, "tells") ||
                  tis(x, i + l, "told") || tis(x, i + l, "explains") || tis(x, i + l, "recalls")))
            person_role(x, p, R_PERSON);
        return 0;
    }
    if ((m & M_PLAY) && (rc = plays(x, i))) return rc;
    if ((m & M_PERF) && (rc = gives_performance(x, i))) return rc;
    if ((m & M_DET) && (rc = role_anaphor(x, i))) return rc;
    if ((m & M_PLAYING) && (rc = playing(x, i))) return rc;
    if ((m & M_AS) && (rc = actor_as_role(x, i))) return rc;
    if ((m & M_VERB) && (rc = pronoun_verb(x, i))) return rc;
    if (!name) return 0;
    if ((rc = poss_performance(x, i))) return rc;
    if ((rc = poss_film(x, i))) return rc;
    if ((rc = name_film(x, i))) return rc;
    return 0;
}
