/* facts_forms.c — people in roles said in the less common wordings a
 * careful reader still follows: an actor's possessive before the part
 * ("Sigourney Weaver's Ripley", "John Hurt's doomed officer"), "X is
 * Lydia Tar, a ...", "the Cate Blanchett-starring drama", two actors in one
 * bracket ("her parents (A and B)"), "a thriller from genre veteran X", a
 * duo's names in brackets, caption lists ("A, B, C, Title"), "reunited with
 * A, B and C for Title", and "X, in his third film with Y, is superb as Z".
 * Each asks for more evidence than the common forms, as each is rarer.
 */
#include "facts.h"
#include "subject.h"

#include <strings.h>

/* known in a role that is not acting: such a name before a part is the
 * film's maker, not its player */
static int crewish(const fx *x, int p)
{
    return (x->people[p].roles &
            (R_DIRECTOR | R_WRITER | R_CREW | R_AUTHOR | R_CHARACTER | R_OTHER)) != 0;
}

/* a person of two or more words who may be an actor */
static int actor_name(fx *x, int p)
{
    return p >= 0 && fx_is_person(x, p) && x->people[p].words >= 2 && !crewish(x, p);
}

int fx_likely_actor(fx *x, int p)
{
    if (p < 0 || !fx_is_person(x, p)) return 0;
    const fx_person *q = &x->people[p];
    if (q->roles & (R_ACTOR | R_PERSON)) return 1;
    return q->first && subject_first_name(q->first, q->first_len);
}

static int in_film(const fx *x, size_t i)
{
    return i < x->ntok && (x->tflag[i] & (TF_SUBJECT | TF_FILM));
}

/* kinds of people a part is ("John Hurt's doomed officer"); kin and
 * business words are left out: "X's mother" or "X's agent" is as often
 * the actor's own */
static const char *const part_nouns[] = {
    "minister",  "officer",    "detective",   "cop",          "villain",    "hero",
    "heroine",   "antihero",   "killer",      "assassin",     "soldier",    "nurse",
    "teacher",   "lawyer",     "priest",      "sheriff",      "captain",    "king",
    "queen",     "prince",     "princess",    "emperor",      "empress",    "president",
    "senator",   "pilot",      "spy",         "gangster",     "hitman",     "mobster",
    "butler",    "maid",       "housekeeper", "chef",         "journalist", "reporter",
    "scientist", "professor",  "drifter",     "widow",        "widower",    "protagonist",
    "patriarch", "matriarch",  "tyrant",      "warlord",      "zealot",     "sidekick",
    "nemesis",   "antagonist", "general",     "colonel",      "sergeant",   "lieutenant",
    "commander", "character",  "alter",       "doppelganger", "conductor",  "courtier",
    "duchess",   "duke",       "lord",        "lady",         "count",      "countess",
    "outlaw",    "bandit",     "thief",       "con",          "grifter",    "heiress",
    "landlord",  "engineer",   "inventor",    "stranger",     "loner",      "recluse",
    "mercenary", "bounty",     NULL};

/* "X's [adjectives] part-noun": the description as the qualifier */
static int poss_description(fx *x, int p, size_t i, size_t j)
{
    size_t k = j, h = j;
    while (k < x->sb && k < h + 3 && tlower(x, k) && !tin(x, k, fx_stops) &&
           !tin(x, k, part_nouns))
        k++;
    if (!tin(x, k, part_nouns) || !tlower(x, k)) return 0;
    /* "prime minister": a compound noun */
    size_t e = k + 1;
    if (tin(x, e, part_nouns) && tlower(x, e)) e++;
    /* "X's role in Y", "X's character in his last film": another film */
    if (tis(x, e, "in") || tis(x, e, "from") || (x->tflag[e - 1] & TF_POSS)) return 0;
    if (tis(x, e - 1, "character") && e - 1 == j) {
        /* "X's character" says only that X acts in the film */
        return fx_emit_cast(x, p, NULL, 0, -2, i, e, 0.7);
    }
    const char *q = x->text + x->tok[j].span.start;
    size_t qn = x->tok[e - 1].span.end - x->tok[j].span.start;
    return fx_emit_cast(x, p, q, qn, -2, i, e, 0.7);
}

/* Does the sentence after the current one open with "She" or "He"? A
 * part is a person; a film is "it". */
static int next_is_person(const fx *x)
{
    if (x->sent + 1 >= x->doc->n_sentences) return 0;
    size_t t = x->doc->sentences[x->sent + 1].tok_start;
    return tis(x, t, "she") || tis(x, t, "he");
}

/* "the best thriller since Alfred Hitchcock's Rebecca", "a film like
 * Greta Gerwig's Lady Bird": a possessive that a kind of film is compared
 * with is a maker's, and what follows it a title (token i opens the name) */
static int compared_film(const fx *x, size_t i)
{
    static const char *const cmp[] = {"since", "than", "like", "after", "unlike", NULL};
    if (i <= x->sa || !tin(x, i - 1, cmp)) return 0;
    for (size_t k = i - 1; k-- > x->sa && k + 5 > i;) {
        if (tin(x, k, fx_genre_nouns)) return 1;
        if (tpunct(x, k, ",") || tpunct(x, k, ".")) break;
    }
    return 0;
}

/* "Frances McDormand's Fern", "John Hurt's doomed officer" (stage 1): the
 * part is a character when it is a first name, when the actor is known as
 * one, or when the next sentence calls it she or he. A title after the
 * possessive ("Delbert Mann's <i>Marty</i>", a film the article names
 * elsewhere, or one a kind of film is compared with) makes it a maker's
 * film, not a player's part. */
int fx_poss_part(fx *x, size_t i)
{
    int p, c;
    size_t l = name_at(x, i, &p);
    if (!l || !(x->tflag[i + l - 1] & TF_POSS) || !actor_name(x, p) || in_film(x, i))
        return 0;
    if (compared_film(x, i)) return 0;
    if (x->sent_other >= 0 && !x->sent_subject) return 0;
    size_t j = i + l;
    if (is_apos_tok(x, j)) j++;
    if (tlower(x, j)) return fx_likely_actor(x, p) ? poss_description(x, p, i, j) : 0;
    size_t cl = name_at(x, j, &c);
    if (!cl || c == p || in_film(x, j) || (x->tflag[j + cl - 1] & TF_POSS) || cl > 3)
        return 0;
    if (x->people[c].roles & ~(unsigned)R_CHARACTER) return 0;
    if (tk(x, j, M_DEMONYM | M_LANG | M_ABODY | M_FEST | M_NOTNAME)) return 0;
    if (fx_titled(x, j, j + cl)) return 0;
    /* "Bohemian Rhapsody's Rami Malek": a title's actor, not an actor's
     * part; the possessor must be a person by its first name or known
     * to act, and a full name after it needs the latter */
    int known = (x->people[p].roles & R_ACTOR) != 0;
    const char *pf = x->people[p].first;
    if (!known && !(pf && subject_first_name(pf, x->people[p].first_len))) return 0;
    const char *f = tfold(x, j);
    int first = subject_first_name(f, strlen(f));
    if (first && cl >= 2 && !known) return 0;
    if (!first && !known && !next_is_person(x)) return 0;
    const char *q;
    size_t qn;
    fx_run_text(x, j, j + cl, &q, &qn);
    person_role(x, c, R_CHARACTER);
    return fx_emit_cast(x, p, q, qn, -2, i, j + cl, 0.7);
}

/* "The phenomenal Michelle Yeoh is Evelyn, a laundromat owner": an actor
 * is a name that ends the clause (stage 0). */
int fx_name_is_part(fx *x, size_t i)
{
    int p, c;
    size_t l = name_at(x, i, &p);
    if (!l || !actor_name(x, p) || (x->tflag[i + l - 1] & TF_POSS) || in_film(x, i))
        return 0;
    /* the clause's subject: the sentence's start, or "The [adjective]" */
    size_t b = i;
    while (b > x->sa && b + 3 > i && tlower(x, b - 1) && !tin(x, b - 1, fx_stops))
        b--;
    if (b > x->sa && tis(x, b - 1, "the")) b--;
    if (b != x->sa && !tpunct(x, b - 1, ",") && !tis(x, b - 1, "and")) return 0;
    size_t j = i + l;
    if (!tis(x, j, "is")) return 0;
    j++;
    size_t cl = name_at(x, j, &c);
    if (!cl || cl > 3 || c == p || in_film(x, j) || (x->tflag[j + cl - 1] & TF_POSS))
        return 0;
    if (x->people[c].roles & ~(unsigned)R_CHARACTER) return 0;
    for (size_t k = j; k < j + cl; k++)
        if (tk(x, k, M_DEMONYM | M_LANG | M_ABODY | M_FEST | M_NOTNAME)) return 0;
    if (place_country(x->people[c].key) || place_city_country(x->people[c].key)) return 0;
    size_t e = j + cl;
    if (!(e >= x->sb || tpunct(x, e, ",") || tpunct(x, e, ".") || tpunct(x, e, ";") ||
          tpunct(x, e, "\xE2\x80\x94") || tpunct(x, e, "\xE2\x80\x93")))
        return 0;
    const char *q;
    size_t qn;
    fx_run_text(x, j, e, &q, &qn);
    person_role(x, c, R_CHARACTER);
    return fx_emit_cast(x, p, q, qn, -2, i, e, 0.75);
}

/* "the Frances McDormand–starring drama", "a Cate Blanchett-starring
 * romance" (stage 0, at the word starring or the word that ends in it). */
int fx_compound_starring(fx *x, size_t i)
{
    const char *s = tstr(x, i);
    size_t n = tlen(x, i);
    static const char suf[] = "-starring";
    size_t sl = sizeof suf - 1;
    if (n > sl && !strncasecmp(s + n - sl, suf, sl)) {
        /* one token: the name's last word joined to the suffix */
        size_t a = i;
        while (a > x->sa && a + 3 > i && tcap(x, a - 1) && tadjacent(x, a) == 0 &&
               !tk(x, a - 1, M_NOTNAME))
            a--;
        if (a == i) return 0;
        size_t st = x->tok[a].span.start;
        size_t en = x->tok[i].span.start + n - sl;
        return fx_emit(x, "cast", x->text + st, en - st, NULL, NULL, 0, -2, st,
                       x->tok[i].span.end, 0.8);
    }
    if (!tis(x, i, "starring") || i < x->sa + 2 || !tadjacent(x, i)) return 0;
    if (!(tpunct(x, i - 1, "-") || tpunct(x, i - 1, "\xE2\x80\x93") ||
          tpunct(x, i - 1, "\xE2\x80\x94")) ||
        !tadjacent(x, i - 1))
        return 0;
    size_t ns;
    int p;
    if (!name_before(x, i - 1, &ns, &p) || !fx_is_person(x, p)) return 0;
    return fx_emit_cast(x, p, NULL, 0, -2, ns, i + 1, 0.8);
}

/* "Rose's parents (Catherine Keener and Bradley Whitford, both fine)": two
 * actors in one bracket after a description (stage 0, at "("). */
int fx_paren_pair(fx *x, size_t i)
{
    if (!tpunct(x, i, "(") || i <= x->sa || x->sent_heading) return 0;
    if (!tlower(x, i - 1) || tin(x, i - 1, fx_stops)) return 0;
    size_t rl;
    unsigned role;
    if (role_noun(x, i - 1, &rl, &role)) return 0;
    int a, b;
    size_t j = i + 1, la = name_at(x, j, &a);
    if (!la || !actor_name(x, a) || (x->tflag[j + la - 1] & TF_POSS)) return 0;
    size_t k = j + la;
    if (!(tis(x, k, "and") || tpunct(x, k, "&"))) return 0;
    size_t lb = name_at(x, k + 1, &b);
    if (!lb || !actor_name(x, b) || b == a || (x->tflag[k + lb] & TF_POSS)) return 0;
    size_t e = k + 1 + lb;
    if (!(tpunct(x, e, ")") || tpunct(x, e, ","))) return 0;
    int rc = fx_emit_cast(x, a, NULL, 0, -2, j, j + la, 0.75);
    if (!rc) rc = fx_emit_cast(x, b, NULL, 0, -2, k + 1, e, 0.75);
    return rc;
}

/* "a phenomenal drama from filmmaking legend Martin Scorsese" (stage 0, at
 * the name): the maker of the film the sentence is about. */
int fx_genre_from(fx *x, size_t i)
{
    static const char *const kinds[] = {
        "film",        "movie",   "picture", "drama",   "comedy",    "thriller",
        "documentary", "feature", "musical", "western", "melodrama", "biopic",
        "romance",     "horror",  "epic",    "satire",  "dramedy",   "noir",
        "sequel",      "flick",   "opus",    NULL};
    int p;
    size_t l = name_at(x, i, &p);
    if (!l || !fx_is_person(x, p) || x->people[p].words < 2 ||
        (x->people[p].roles & (R_ACTOR | R_CHARACTER)) || (x->tflag[i + l - 1] & TF_POSS))
        return 0;
    size_t k = i;
    while (k > x->sa && k + 3 > i && tlower(x, k - 1) && !tin(x, k - 1, fx_stops))
        k--;
    if (k < x->sa + 2 || !tis(x, k - 1, "from") || !tin(x, k - 2, kinds)) return 0;
    /* "a sequel from the studio's own X" is not "the film X made" when the
     * words between name a craft other than directing */
    for (size_t t = k; t < i; t++) {
        size_t rl;
        unsigned role;
        const char *pr = role_noun(x, t, &rl, &role);
        if (pr && strcmp(pr, "director")) return 0;
    }
    return fx_emit_role(x, "director", R_DIRECTOR, p, -2, k - 2, i + l, 0.75);
}

/* "the writer-director duo Daniels (made up of A and B)", "directing duo
 * A and B" (stage 0, at the role noun). */
int fx_role_duo(fx *x, size_t i)
{
    static const char *const duo[] = {"duo",      "team",    "pair",
                                      "partners", "twins",   "siblings",
                                      "brothers", "sisters", NULL};
    size_t rl;
    unsigned role;
    const char *pred = role_noun(x, i, &rl, &role);
    if (!pred || !strcmp(pred, "cast")) return 0;
    size_t j = i + rl;
    if (!tin(x, j, duo)) return 0;
    j++;
    /* the pair's own name ("Daniels") before the bracket */
    size_t k = j;
    while (k < x->sb && k < j + 2 && tcap(x, k))
        k++;
    if (tpunct(x, k, "(")) {
        k++;
        if ((tis(x, k, "made") && tis(x, k + 1, "up") && tis(x, k + 2, "of")))
            k += 3;
        else if (tis(x, k, "consisting") && tis(x, k + 1, "of"))
            k += 2;
        else if (tis(x, k, "comprising") || tis(x, k, "aka") || tis(x, k, "i.e."))
            k++;
    } else if (k != j) {
        return 0;
    }
    int p;
    size_t l = name_at(x, k, &p);
    if (!l || !fx_is_person(x, p)) return 0;
    return fx_name_list(x, k, pred, role, -2, 0.8);
}

/* "Greta Lee, Teo Yoo, John Magaro, Past Lives": a caption that lists the
 * players, then the film (stage 0, at the first name of a line). */
int fx_caption_cast(fx *x, size_t i)
{
    if (i != x->sa) return 0;
    size_t k = i, starts[8];
    int ps[8], n = 0;
    while (k < x->sb && n < 8) {
        int p;
        size_t l = name_at(x, k, &p);
        if (!l || !actor_name(x, p) || (x->tflag[k + l - 1] & TF_POSS) || in_film(x, k))
            break;
        starts[n] = k;
        ps[n++] = p;
        k += l;
        if (!tpunct(x, k, ",")) return 0;
        k++;
    }
    if (n < 2 || k >= x->sb || !(x->tflag[k] & TF_SUBJECT)) return 0;
    int32_t o = occ_at(x, k);
    if (o < 0) return 0;
    size_t e = x->occ[o].b;
    if (!(e >= x->sb || tpunct(x, e, "|") || tpunct(x, e, "."))) return 0;
    int rc = 0;
    for (int m = 0; m < n && !rc; m++)
        rc = fx_emit_cast(x, ps[m], NULL, 0, -1, starts[m], starts[m] + 1, 0.7);
    return rc;
}

/* "Kosinski reunited with Tom Cruise, Miles Teller and Jennifer Connelly
 * for Top Gun: Maverick" (stage 0, at the first name): the film's players. */
int fx_reunited_with(fx *x, size_t i)
{
    static const char *const verbs[] = {"reunited", "reunite",   "reunites",  "reunites",
                                        "reteamed", "reteams",   "re-teamed", "reteam",
                                        "re-teams", "re-unites", NULL};
    if (i < x->sa + 2 || !tis(x, i - 1, "with") || !tin(x, i - 2, verbs)) return 0;
    size_t k = i;
    for (int n = 0; n < 8 && k < x->sb; n++) {
        int p;
        size_t l = name_at(x, k, &p);
        if (!l || !fx_is_person(x, p) || crewish(x, p) || (x->tflag[k + l - 1] & TF_POSS))
            return 0;
        k += l;
        if (tpunct(x, k, ",")) k++;
        if (tis(x, k, "and") || tpunct(x, k, "&")) k++;
        if (tis(x, k, "for") || tis(x, k, "on") || tis(x, k, "in")) break;
    }
    if (!(tis(x, k, "for") || tis(x, k, "on") || tis(x, k, "in")) || k + 1 >= x->sb ||
        !(x->tflag[k + 1] & TF_SUBJECT))
        return 0;
    return fx_name_list(x, i, "cast", R_ACTOR, -1, 0.75);
}

/* "DiCaprio, in his third film with Scorsese, is superb as Billy
 * Costigan": a name opening the sentence, an aside between commas, then
 * the part after "as" (stage 1, at the name). */
int fx_aside_as(fx *x, size_t i)
{
    if (i != x->sa) return 0;
    int p;
    size_t l = name_at(x, i, &p);
    if (!l || !fx_is_person(x, p) || crewish(x, p) || (x->tflag[i + l - 1] & TF_POSS))
        return 0;
    size_t k = i + l;
    if (!tpunct(x, k, ",")) return 0;
    k++;
    size_t a = k;
    while (k < x->sb && k < a + 12 && !tpunct(x, k, ","))
        k++;
    if (!tpunct(x, k, ",") || k == a) return 0;
    k++;
    static const char *const objects[] = {"him", "her", "them", "us", "me", NULL};
    size_t v = k;
    while (k < x->sb && k < v + 10 && !tis(x, k, "as")) {
        int q;
        if (tpunct(x, k, ",") || tin(x, k, objects) || name_at(x, k, &q)) return 0;
        k++;
    }
    if (!tis(x, k, "as") || k == v) return 0;
    size_t cs, ce;
    int c;
    if (!fx_char_after_as(x, k + 1, &cs, &ce, &c) || c == p) return 0;
    if (c >= 0 && (x->people[c].roles & ~(unsigned)R_CHARACTER)) return 0;
    const char *q;
    size_t qn;
    person_role(x, c, R_CHARACTER);
    fx_char_text(x, c, cs, ce, &q, &qn);
    return fx_emit_cast(x, p, q, qn, -2, i, ce, 0.75);
}

/* "Martin McDonagh has returned with this, his fourth and most commanding
 * feature": a numbered film of a person named earlier in the sentence is
 * the film the sentence is about, and the person its maker (stage 1, at
 * "his" or "her"). Actors are left out: "in her first film since" is as
 * often said of them. */
int fx_his_nth_film(fx *x, size_t i)
{
    static const char *const nth[] = {"first",    "second",  "third",  "fourth", "fifth",
                                      "sixth",    "seventh", "eighth", "ninth",  "tenth",
                                      "eleventh", "twelfth", "latest", "newest", NULL};
    static const char *const heads[] = {"feature", "film", "movie", "picture", NULL};
    if (!(tis(x, i, "his") || tis(x, i, "her")) || !tin(x, i + 1, nth)) return 0;
    size_t k = i + 2;
    while (k < x->sb && k < i + 7 && !tin(x, k, heads) &&
           ((tlower(x, k) && (!tin(x, k, fx_stops) || tis(x, k, "and"))) ||
            tpunct(x, k, "\"") || tpunct(x, k, "\xE2\x80\x9C") ||
            tpunct(x, k, "\xE2\x80\x9D") || (tcap(x, k) && !tis(x, k, "the"))))
        k++;
    if (!tin(x, k, heads) || tis(x, k + 1, "since") || tis(x, k + 1, "with") ||
        tis(x, k + 1, "in") || tis(x, k + 1, "as") || tis(x, k + 1, "for"))
        return 0;
    /* the nearest person before, not an actor nor a possessor */
    int p = -1;
    size_t at = 0;
    for (size_t t = i; t-- > x->sa && t + 25 > i;) {
        int q;
        size_t l = name_at(x, t, &q);
        if (l && t + l <= i) {
            if (!(x->tflag[t + l - 1] & TF_POSS) && fx_is_person(x, q)) p = q, at = t;
            break;
        }
    }
    if (p < 0 || x->people[p].words < 2 ||
        (x->people[p].roles & (R_ACTOR | R_CHARACTER | R_AUTHOR | R_OTHER)))
        return 0;
    return fx_emit_role(x, "director", R_DIRECTOR, p, -2, at, k + 1, 0.7);
}
