/* facts_people.c — what the patterns for people in roles share (role
 * nouns, word lists, who is a person and not a firm, modifiers, emitting a
 * role), the credit labels ("Director:", "Cast:"), and people_at, which
 * runs the patterns of facts_cast.c and facts_crew.c that can start at a
 * token. Stage 0 runs those that say a role outright ("directed by X", "X
 * plays Y", "Y (X)"); stage 1 those that need roles known already ("X's
 * new film", "an X film", "the director", "playing Y").
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

/* Words that make a craft noun another job: "casting director", "sound
 * editor", "art director", "music supervisor". */
static const char *const other_job[] = {"casting",
                                        "art",
                                        "creative",
                                        "musical",
                                        "assistant",
                                        "unit",
                                        "stunt",
                                        "managing",
                                        "artistic",
                                        "festival",
                                        "programme",
                                        "program",
                                        "marketing",
                                        "technical",
                                        "animation",
                                        "associate",
                                        "dialogue",
                                        "fight",
                                        "sound",
                                        "story",
                                        "copy",
                                        "features",
                                        "news",
                                        "entertainment",
                                        "photo",
                                        "video",
                                        "supervising",
                                        "executive-in-charge",
                                        "choreographer",
                                        "theatre",
                                        "theater",
                                        "stage",
                                        "opera",
                                        "commercials",
                                        "ballet",
                                        "magazine",
                                        "web",
                                        "digital",
                                        "fashion",
                                        "beauty",
                                        "deputy",
                                        "senior",
                                        "contributing",
                                        "politics",
                                        "culture",
                                        "arts",
                                        NULL};

const char *role_noun(const fx *x, size_t i, size_t *len, unsigned *role)
{
    if (i >= x->sb || x->tok[i].kind != REEL_TOK_WORD) return NULL;
    if (tis(x, i, "director") || tis(x, i, "editor") || tis(x, i, "producer") ||
        tis(x, i, "writer") || tis(x, i, "directors") || tis(x, i, "editors") ||
        tis(x, i, "screenwriter")) {
        /* "casting director", "theatre actor and director": the job a word
         * just before names */
        for (size_t k = i; k-- > x->sa && k + 4 > i;) {
            if (tin(x, k, other_job) || strstr(tfold(x, k), "theatre") ||
                strstr(tfold(x, k), "theater"))
                return NULL;
            if (!(tlower(x, k) || tis(x, k, "and"))) break;
        }
        /* "his wife, screenwriter Oto": a character's job */
        if (i > x->sa + 1 && tpunct(x, i - 1, ",") && tin(x, i - 2, fx_kin)) return NULL;
    }
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
const char *fx_second_pred(unsigned role)
{
    return (role & R_DIRECTOR) && (role & R_WRITER) ? "writer" : NULL;
}

unsigned fx_role_of_pred(const char *pred)
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
    {"directed", "director"},
    {"co-directed", "director"},
    {"helmed", "director"},
    {"direction", "director"},
    {"written", "writer"},
    {"co-written", "writer"},
    {"penned", "writer"},
    {"scripted", "writer"},
    {"screenplay", "writer"},
    {"script", "writer"},
    {"adapted", "writer"},
    {"shot", "cinematographer"},
    {"photographed", "cinematographer"},
    {"lensed", "cinematographer"},
    {"cinematography", "cinematographer"},
    {"camerawork", "cinematographer"},
    {"photography", "cinematographer"},
    {"music", "composer"},
    {"score", "composer"},
    {"scored", "composer"},
    {"composed", "composer"},
    {"soundtrack", "composer"},
    {"produced", "producer"},
    {"co-produced", "producer"},
    {"edited", "editor"},
    {"editing", "editor"},
    {"starring", "cast"},
    {"co-starring", "cast"},
};

const char *fx_by_pred(const fx *x, size_t i)
{
    for (size_t k = 0; k < sizeof by_words / sizeof by_words[0]; k++)
        if (tis(x, i, by_words[k].word)) return by_words[k].pred;
    return NULL;
}

/* "Almodóvar's script": the work noun after a possessive name. */
const fx_work fx_works[] = {
    {"script", "writer"},
    {"screenplay", "writer"},
    {"writing", "writer"},
    {"direction", "director"},
    {"directing", "director"},
    {"cinematography", "cinematographer"},
    {"camerawork", "cinematographer"},
    {"lensing", "cinematographer"},
    {"photography", "cinematographer"},
    {"camera", "cinematographer"},
    {"score", "composer"},
    {"music", "composer"},
    {"soundtrack", "composer"},
    {"editing", "editor"},
    {NULL, NULL},
};

const char *const fx_genre_nouns[] = {
    "film",        "movie",       "picture", "drama",      "comedy",    "thriller",
    "documentary", "feature",     "musical", "western",    "melodrama", "biopic",
    "romance",     "horror",      "sequel",  "prequel",    "remake",    "epic",
    "satire",      "adaptation",  "dramedy", "fable",      "tale",      "story",
    "effort",      "masterpiece", "project", "outing",     "entry",     "opus",
    "joint",       "flick",       "memoir",  "meditation", "portrait",  "noir",
    NULL};

/* function words: a modifier run fx_stops at them */
const char *const fx_particles_list[] = {"de", "del", "van", "von", "der", "la",
                                         "le", "da",  "di",  "du",  NULL};

const char *const fx_stops[] = {
    "in",    "of",     "like",  "on",    "at",    "with", "by",    "for",  "from",
    "to",    "and",    "as",    "that",  "which", "who",  "is",    "was",  "are",
    "were",  "the",    "a",     "an",    "his",   "her",  "their", "its",  "he",
    "she",   "it",     "they",  "but",   "or",    "has",  "had",   "have", "be",
    "been",  "not",    "than",  "about", "into",  "over", "while", "when", "where",
    "after", "before", "since", "if",    NULL};

/* people-words: a possessive name before them is no director */
const char *const fx_kin[] = {
    "mother",    "father",    "son",    "daughter", "brother",      "sister",
    "wife",      "husband",   "friend", "lover",    "boyfriend",    "girlfriend",
    "assistant", "family",    "story",  "past",     "childhood",    "life",
    "career",    "apartment", "muses",  "muse",     "collaborator", NULL};

/* Organisations are not people: "Sony Pictures Classics", "Screen Actors
 * Guild", "New York Film Critics Circle". */
static const char *const org_words[] = {
    "pictures", "films",        "studios",     "studio",      "entertainment",
    "classics", "releasing",    "productions", "production",  "media",
    "features", "distribution", "company",     "corporation", "corp",
    "inc",      "ltd",          "llc",         "video",       "television",
    "tv",       "network",      "records",     "group",       "bros",
    "brothers", "cinemas",      "cinema",      "theatre",     "theater",
    "theatres", "theaters",     "fox",         "paramount",   "universal",
    "netflix",  "amazon",       "lionsgate",   "miramax",     "magazine",
    "times",    "post",         "news",        "journal",     "weekly",
    "daily",    "review",       "tribune",     "press",       "festival",
    "awards",   "academy",      "university",  "school",      "street",
    "row",      "collection",   "criterion",   "award",       "prize",
    "winner",   "nominee",      "central",     "channel",     "guild",
    "guilds",   "association",  "society",     "institute",   "foundation",
    "council",  "circle",       "federation",  "committee",   NULL};

/* Is person p really a person (not a firm, place or publication)? */
static int is_person_uncached(const fx *x, int p)
{
    const fx_person *q = &x->people[p];
    const char *k = q->key;
    while (*k) {
        const char *e = strchr(k, ' ');
        size_t n = e ? (size_t)(e - k) : strlen(k);
        if (word_in(org_words, k, n)) return 0;
        k += n;
        while (*k == ' ')
            k++;
    }
    if (place_country(q->key) || place_city_country(q->key) || place_festival(q->key))
        return 0;
    return 1;
}

int fx_is_person(fx *x, int p)
{
    if (p < 0) return 0;
    if (x->people[p].isp < 0) x->people[p].isp = (int8_t)is_person_uncached(x, p);
    return x->people[p].isp;
}

/* Skip modifiers (lower-case words that are not function words, commas
 * between them, possessive names: "Almodóvar's longtime collaborator") up
 * to max tokens; returns the next index. */
size_t fx_skip_mods(fx *x, size_t i, size_t max, int allow_poss)
{
    size_t n = 0;
    while (i < x->sb && n < max) {
        if (tlower(x, i) && !tin(x, i, fx_stops)) {
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
        if (tis(x, i, "and") && n > 0 && tlower(x, i + 1) && !tin(x, i + 1, fx_stops)) {
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
int fx_person_after(fx *x, size_t i, size_t max, int *p, size_t *s, size_t *e)
{
    size_t j = fx_skip_mods(x, i, max, 1);
    size_t l = name_at(x, j, p);
    if (!l || !fx_is_person(x, *p)) return 0;
    *s = j;
    *e = j + l;
    return 1;
}

/* The written text of a name token run without the possessive. */
void fx_run_text(const fx *x, size_t a, size_t b, const char **s, size_t *n)
{
    size_t st = x->tok[a].span.start, en = x->tok[b - 1].span.end;
    if (x->tflag[b - 1] & TF_POSS) {
        const char *t = x->text + x->tok[b - 1].span.start;
        size_t tl = tlen(x, b - 1);
        if (tl > 2 && t[tl - 2] == '\'')
            en -= 2;
        else if (tl > 4 && !memcmp(t + tl - 4, "\xE2\x80\x99", 3))
            en -= 4;
    }
    *s = x->text + st;
    *n = en - st;
}

/* A character: a name (resolved: "Salvador" → "Salvador Mallo"). */
void fx_char_text(fx *x, int p, size_t a, size_t b, const char **s, size_t *n)
{
    if (p >= 0 && x->people[p].words >= 1) {
        *s = x->people[p].name;
        *n = strlen(*s);
        return;
    }
    fx_run_text(x, a, b, s, n);
}

/* A descriptive role before token i (exclusive): "his mother", "Salvador's
 * mother", "the assistant". Sets [*s, *e) tokens; 0 if none. */
int fx_role_np_before(fx *x, size_t i, size_t *s, size_t *e)
{
    if (i <= x->sa) return 0;
    size_t h = i - 1;
    static const char *const pron[] = {"him",        "them",      "himself", "herself",
                                       "themselves", "including", "us",      "you",
                                       "me",         "one",       NULL};
    if (!tlower(x, h) || tin(x, h, fx_stops) || tlen(x, h) < 3 || tin(x, h, pron))
        return 0;
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
int fx_char_after_as(fx *x, size_t j, size_t *cs, size_t *ce, int *cp)
{
    size_t l = name_at(x, j, cp);
    /* "as Daniel's loyal friend Rod": a possessive opens the phrase as a
     * determiner would */
    size_t from = j + 1;
    int poss = l && (x->tflag[j + l - 1] & TF_POSS);
    if (poss) {
        from = j + l;
        if (is_apos_tok(x, from)) from++;
        if (!tlower(x, from)) poss = 0;
    }
    if ((!l && (tis(x, j, "the") || tis(x, j, "a") || tis(x, j, "an") ||
                tis(x, j, "his") || tis(x, j, "her") || tis(x, j, "their"))) ||
        poss) {
        /* "as the Pennsylvania mob boss Russell Bufalino": the last name
         * of the phrase, past modifiers, places and "and" + modifier */
        size_t k = from, found = 0, at = 0;
        int fp = -1, last = -1;
        while (k < x->sb && k < j + 10) {
            size_t nl = name_at(x, k, &fp);
            if (nl) {
                found = nl, at = k, last = fp;
                if (x->tflag[k + nl - 1] & TF_POSS) break;
                k += nl;
                continue;
            }
            if (tlower(x, k) &&
                (!tin(x, k, fx_stops) || (tis(x, k, "and") && tlower(x, k + 1)))) {
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

int fx_emit_cast(fx *x, int actor, const char *q, size_t qn, int film, size_t ta,
                 size_t tb, double conf)
{
    if (actor < 0 || !fx_is_person(x, actor)) return 0;
    person_role(x, actor, R_ACTOR);
    return fx_emit_person(x, "cast", actor, q, qn, film, ta, tb, conf);
}

int fx_emit_role(fx *x, const char *pred, unsigned role, int p, int film, size_t ta,
                 size_t tb, double conf)
{
    if (p < 0 || !fx_is_person(x, p)) return 0;
    if (!strcmp(pred, "cast")) return fx_emit_cast(x, p, NULL, 0, film, ta, tb, conf);
    person_role(x, p, role ? role : fx_role_of_pred(pred));
    int rc = fx_emit_person(x, pred, p, NULL, 0, film, ta, tb, conf);
    const char *second = fx_second_pred(role);
    if (!rc && second) rc = fx_emit_person(x, second, p, NULL, 0, film, ta, tb, conf);
    return rc;
}

/* Names in a list from token i: "A, B and C", each optionally followed by
 * "as CHARACTER" or "(CHARACTER)". Calls the role for each. */
int fx_name_list(fx *x, size_t i, const char *pred, unsigned role, int film, double conf)
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
            if (tis(x, e, "as") && fx_char_after_as(x, e + 1, &cs, &ce, &cp)) {
                fx_char_text(x, cp, cs, ce, &q, &qn);
                person_role(x, cp, R_CHARACTER);
                e = ce;
            } else if (tpunct(x, e, "(") && (cl = name_at(x, e + 1, &cp)) &&
                       tpunct(x, e + 1 + cl, ")")) {
                fx_char_text(x, cp, e + 1, e + 1 + cl, &q, &qn);
                person_role(x, cp, R_CHARACTER);
                e = e + 2 + cl;
            }
            rc = fx_emit_cast(x, p, q, qn, film, i, e, conf);
        } else {
            rc = fx_emit_role(x, pred, role, p, film, i, e, conf);
        }
        i = e;
        if (tpunct(x, i, ",")) i++;
        if (tis(x, i, "and") || tpunct(x, i, "&"))
            i++;
        else if (!tpunct(x, i - 1, ","))
            break;
    }
    /* "written by A and" where the page broke the paragraph: the last name
     * opens the next block, a sentence of its own; read it, once */
    if (!rc && i == x->sb && i > x->sa + 1 && tis(x, i - 1, "and") &&
        strcmp(pred, "cast") && x->sent + 1 < x->doc->n_sentences &&
        x->doc->sentences[x->sent + 1].tok_start == i) {
        size_t osa = x->sa, osb = x->sb, osent = x->sent;
        x->sa = i;
        x->sb = x->doc->sentences[x->sent + 1].tok_end;
        x->sent++;
        int p;
        size_t l = name_at(x, i, &p);
        if (l && fx_is_person(x, p) && !(x->tflag[i + l - 1] & TF_POSS))
            rc = fx_emit_role(x, pred, role, p, film, i, i + l, conf);
        x->sa = osa;
        x->sb = osb;
        x->sent = osent;
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
    {"screenwriters", NULL, "writer", R_WRITER},
    {"screenplay", "by", "writer", R_WRITER},
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

static int line_start(const fx *x, size_t i)
{
    if (i == 0) return 1;
    for (size_t o = x->tok[i - 1].span.end; o < x->tok[i].span.start; o++)
        if (x->text[o] == '\n') return 1;
    return 0;
}

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
        /* a line the page ran into the one before keeps its capital:
         * "... Nick Lathouris DIRECTED BY: George Miller" */
        int start = i == x->sa || line_start(x, i) || tcap(x, i) ||
                    tpunct(x, i - 1, "/") || tpunct(x, i - 1, "|") ||
                    tpunct(x, i - 1, "\xE2\x80\xA2") || tpunct(x, i - 1, ";");
        if (!start) continue;
        return fx_credit_items(x, j + 1, labels[k].pred, labels[k].role, 1, 0.9);
    }
    return 0;
}

int people_at(fx *x, size_t i)
{
    int rc = 0;
    uint32_t m = tkmask(x, i);
    int name = x->person_at[i] >= 0;
    if (!m && !name) return 0;
    if (x->stage == 0) {
        if ((m & M_LABEL) && (rc = label_at(x, i))) return rc;
        if ((m & M_PAREN) && (rc = fx_paren_cast(x, i))) return rc;
        if ((m & M_PAREN) && (rc = fx_paren_pair(x, i))) return rc;
        if ((m & (M_STARRING | M_CAP)) && (rc = fx_compound_starring(x, i))) return rc;
        if ((m & M_ROLE) && (rc = fx_role_duo(x, i))) return rc;
        if ((m & M_PLAYED) && (rc = fx_played_by(x, i))) return rc;
        if ((m & M_PLAY) && (rc = fx_plays(x, i))) return rc;
        if ((m & M_AS) && (rc = fx_as_char_actor(x, i))) return rc;
        if ((m & M_AS) && (rc = fx_actor_as(x, i))) return rc;
        if ((m & M_PERF) && (rc = fx_performance_from(x, i))) return rc;
        if ((m & M_STARRING) && (rc = fx_starring_in(x, i))) return rc;
        if ((m & (M_STARRING | M_PLAY)) && (rc = fx_starring(x, i))) return rc;
        if ((m & M_BY) && (rc = fx_by_pattern(x, i))) return rc;
        if ((m & M_ROLE) && (rc = fx_double_role(x, i))) return rc;
        if ((m & M_LIST) && (rc = fx_noun_list(x, i))) return rc;
        if ((m & M_LIST) && (rc = fx_list_verb(x, i))) return rc;
        if ((m & M_LIST) && (rc = fx_who_verbs(x, i))) return rc;
        if ((m & M_LIST) && (rc = fx_whose_script(x, i))) return rc;
        if ((m & (M_LIST | M_PLAY)) && (rc = fx_led_by(x, i))) return rc;
        if ((m & M_ROLE) && (rc = fx_role_name(x, i))) return rc;
        if ((m & M_ROLE) && (rc = fx_is_role(x, i))) return rc;
        if ((m & M_VERB) && (rc = fx_wrote_with(x, i))) return rc;
        if ((m & M_CAP) && !name && (rc = fx_caps_as(x, i))) return rc;
        if ((m & (M_AS | M_SET)) && (rc = fx_list_parts(x, i))) return rc;
        if ((m & M_LIST) && (rc = fx_his_role(x, i))) return rc;
        if ((m & M_LIST) && (rc = fx_directorial(x, i))) return rc;
        if ((m & M_VERB) && (rc = fx_appositive_verb(x, i))) return rc;
        if (!name) return 0;
        if ((rc = fx_name_as(x, i))) return rc;
        if ((rc = fx_poss_work(x, i))) return rc;
        if ((rc = fx_name_verb(x, i))) return rc;
        if ((rc = fx_name_is_part(x, i))) return rc;
        if ((rc = fx_genre_from(x, i))) return rc;
        if ((rc = fx_caption_cast(x, i))) return rc;
        if ((rc = fx_reunited_with(x, i))) return rc;
        /* evidence of people for anaphora: "X says", "X tells" */
        int p;
        size_t l = name_at(x, i, &p);
        if (l && (tis(x, i + l, "says") || tis(x, i + l, "said") ||
                  tis(x, i + l, "tells") || tis(x, i + l, "told") ||
                  tis(x, i + l, "explains") || tis(x, i + l, "recalls")))
            person_role(x, p, R_PERSON);
        return 0;
    }
    if ((m & M_PLAY) && (rc = fx_plays(x, i))) return rc;
    if ((m & M_PERF) && (rc = fx_gives_performance(x, i))) return rc;
    if ((m & M_DET) && (rc = fx_role_anaphor(x, i))) return rc;
    if ((m & M_PLAYING) && (rc = fx_playing(x, i))) return rc;
    if ((m & M_AS) && (rc = fx_actor_as_role(x, i))) return rc;
    if ((m & M_VERB) && (rc = fx_pronoun_verb(x, i))) return rc;
    if ((m & M_DET) && (rc = fx_his_nth_film(x, i))) return rc;
    if (!name) return 0;
    if ((rc = fx_poss_performance(x, i))) return rc;
    if ((rc = fx_poss_character(x, i))) return rc;
    if ((rc = fx_poss_part(x, i))) return rc;
    if ((rc = fx_aside_as(x, i))) return rc;
    if ((rc = fx_poss_film(x, i))) return rc;
    if ((rc = fx_name_film(x, i))) return rc;
    return 0;
}
