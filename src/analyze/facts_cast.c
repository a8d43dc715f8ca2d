/* facts_cast.c — who plays whom: "Character (Actor)", "Character,
 * played by Actor", "Actor plays Character", "As Character, Actor",
 * "Actor is superb as Character", "with Actor as the brutal Character",
 * "starring A, B and C", "a performance from Actor", "Actor's
 * performance as a mother", "Actor ... playing Character". Each pattern
 * starts at one token; facts_people.c dispatches them.
 */
#include "facts.h"

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

/* words that describe an actor, not a character: "(a luminous X)" */
static const char *const actor_words[] = {"great",
                                          "remarkable",
                                          "luminous",
                                          "wonderful",
                                          "brilliant",
                                          "excellent",
                                          "superb",
                                          "terrific",
                                          "fantastic",
                                          "magnificent",
                                          "reliable",
                                          "always",
                                          "ever",
                                          "marvellous",
                                          "marvelous",
                                          "outstanding",
                                          "formidable",
                                          "mesmerising",
                                          "mesmerizing",
                                          "incredible",
                                          "extraordinary",
                                          "fine",
                                          "splendid",
                                          "perfect",
                                          "veteran",
                                          "newcomer",
                                          "star",
                                          "actor",
                                          "actress",
                                          "comedian",
                                          "rapper",
                                          "singer",
                                          "legendary",
                                          "iconic",
                                          "charismatic",
                                          "impressive",
                                          "stellar",
                                          "delightful",
                                          "phenomenal",
                                          "radiant",
                                          "magnetic",
                                          "stunning",
                                          "winner",
                                          "nominee",
                                          "favourite",
                                          "favorite",
                                          "regular",
                                          "mainstay",
                                          "icon",
                                          "legend",
                                          "stalwart",
                                          "alum",
                                          "never-better",
                                          "scene-stealing",
                                          "excellent",
                                          "heartbreaking",
                                          "revelatory",
                                          "wonderfully",
                                          "frenetically",
                                          "series",
                                          "franchise",
                                          "first-time",
                                          "debutant",
                                          "debuting",
                                          "young",
                                          "unrecognisable",
                                          "unrecognizable",
                                          "hilarious",
                                          "terrifying",
                                          "menacing",
                                          NULL};

/* nouns that describe a character, not an actor */
static const char *const char_nouns[] = {
    "minister", "king",    "queen",   "prince",      "princess",    "duke",
    "duchess",  "lord",    "lady",    "captain",     "officer",     "doctor",
    "uncle",    "aunt",    "cousin",  "boss",        "neighbour",   "neighbor",
    "rival",    "villain", "sheriff", "detective",   "husband",     "wife",
    "fiancé",   "fiancee", "future",  "prime",       "-to-be",      "widow",
    "widower",  "nephew",  "niece",   "grandmother", "grandfather", "teacher",
    "priest",   "nun",     "soldier", "pilot",       "agent",       "cop",
    NULL};

/* "her parents (Bradley Whitford and Catherine Keener)", "the family
 * (A, B)": two or more names in brackets after a noun, each a cast
 * member. 1 if it was such a list (facts emitted), 0 if not, or an error. */
static int paren_list(fx *x, size_t i)
{
    size_t j = i + 1, e, n = 0, k = j;
    int p;
    if (i <= x->sa || !tlower(x, i - 1)) return 0;
    while (k < x->sb && n < 8) {
        size_t l = name_at(x, k, &p);
        if (!l || (x->tflag[k + l - 1] & TF_POSS)) return 0;
        n++;
        k += l;
        e = k;
        if (tpunct(x, k, ")")) break;
        if (tpunct(x, k, ",")) k++;
        if (tis(x, k, "and") || tpunct(x, k, "&"))
            k++;
        else if (!tpunct(x, k - 1, ","))
            return 0;
    }
    if (n < 2 || !tpunct(x, k, ")")) return 0;
    (void)e;
    int rc = fx_credit_items(x, j, "cast", R_ACTOR, 0, 0.75);
    return rc ? rc : 1;
}

/* "A (B)": a character and the actor who plays it, either way round. */
int fx_paren_cast(fx *x, size_t i)
{
    /* a headline's brackets hold another title: "Volver (Coming Home)" */
    if (!tpunct(x, i, "(") || x->sent_heading) return 0;
    size_t j = i + 1;
    if (tis(x, j, "including") || tis(x, j, "like") || tis(x, j, "dir") ||
        tis(x, j, "directed") || tis(x, j, "also"))
        return 0;
    int rc;
    if ((rc = paren_list(x, i))) return rc > 0 ? 0 : rc;
    /* "Andre Holland (playing Kevin)", "Tom Hardy (as Max)": the actor
     * outside, the character inside */
    if (tis(x, j, "playing") || (tis(x, j, "as") && !tis(x, j + 1, "played"))) {
        int a, c;
        size_t as, cl = name_at(x, j + 1, &c);
        if (cl && name_before(x, i, &as, &a) && a != c && fx_is_person(x, a) &&
            !(x->tflag[i - 1] & TF_POSS) && !(x->tflag[j + cl] & TF_POSS) &&
            !(x->people[a].roles & (R_CHARACTER | R_DIRECTOR | R_WRITER | R_CREW))) {
            const char *q;
            size_t qn;
            person_role(x, c, R_CHARACTER);
            fx_char_text(x, c, j + 1, j + 1 + cl, &q, &qn);
            return fx_emit_cast(x, a, q, qn, -2, as, j + 1 + cl, 0.8);
        }
        return 0;
    }
    /* "(as played by the brilliant Kate McKinnon)" */
    if (tis(x, j, "as") && tis(x, j + 1, "played")) j++;
    /* "Nicholas Hoult (prime minister-to-be Robert Harley)", "Joe Alwyn
     * (the future husband of Abigail)": a description of a character
     * inside, so the actor is outside; "(series veteran Hugh Keays-Byrne)",
     * "(a remarkable Olivia Colman)" describe the actor inside */
    {
        int a, b;
        size_t as, bs, be, k = j;
        int chr_noun = 0;
        int praise = 0;
        while (k < x->sb && k < j + 6 && (tlower(x, k) || tpunct(x, k, "-")) &&
               !tis(x, k, "of")) {
            if (tin(x, k, fx_kin) || tin(x, k, char_nouns) ||
                strstr(tfold(x, k), "to be") || strstr(tfold(x, k), "to-be"))
                chr_noun = 1;
            if (tin(x, k, actor_words) || strstr(tfold(x, k), "winning") ||
                strstr(tfold(x, k), "nominated"))
                praise = 1;
            k++;
        }
        /* "(the spymaster Francis Walsingham)": an article, a noun, a name */
        if (!praise && k > j + 1 && (tis(x, j, "the") || tis(x, j, "a")) &&
            x->person_at[k] >= 0)
            chr_noun = 1;
        if (praise) chr_noun = 0;
        if (chr_noun && name_before(x, i, &as, &a) && !(x->tflag[i - 1] & TF_POSS) &&
            fx_is_person(x, a) &&
            !(x->people[a].roles & (R_CHARACTER | R_DIRECTOR | R_WRITER | R_CREW)) &&
            x->people[a].words > 1) {
            const char *q = NULL;
            size_t qn = 0, end = k;
            size_t l = name_at(x, k, &b);
            if (l && b != a && !(x->tflag[k + l - 1] & TF_POSS) &&
                tpunct(x, k + l, ")")) {
                person_role(x, b, R_CHARACTER);
                fx_char_text(x, b, k, k + l, &q, &qn);
                end = k + l;
            } else {
                /* the description itself, up to the bracket */
                size_t c = k;
                while (c < x->sb && c < k + 6 && !tpunct(x, c, ")"))
                    c++;
                if (!tpunct(x, c, ")")) return 0;
                q = x->text + x->tok[j].span.start;
                qn = x->tok[c - 1].span.end - x->tok[j].span.start;
                end = c;
            }
            (void)bs, (void)be;
            return fx_emit_cast(x, a, q, qn, -2, as, end + 1, 0.75);
        }
    }
    int played_by = 0;
    /* "(by Greig Fraser)" after a craft: "the cinematography (by X)" */
    if (tis(x, j, "by") && i > x->sa) {
        for (size_t w = 0; fx_works[w].word; w++)
            if (tis(x, i - 1, fx_works[w].word)) {
                int p;
                size_t ps, pe;
                if (!fx_person_after(x, j + 1, 2, &p, &ps, &pe) || !tpunct(x, pe, ")"))
                    return 0;
                return fx_emit_role(x, fx_works[w].pred,
                                    fx_role_of_pred(fx_works[w].pred), p, -2, i - 1,
                                    pe + 1, 0.8);
            }
        return 0;
    }
    if ((tis(x, j, "played") || tis(x, j, "portrayed") || tis(x, j, "voiced") ||
         tis(x, j, "led")) &&
        tis(x, j + 1, "by")) {
        j += 2;
        played_by = 1;
    }
    int b;
    size_t bs, be;
    if (!fx_person_after(x, j, 4, &b, &bs, &be)) return 0;
    /* "Chris (Daniel Kaluuya, in a star-making turn)" */
    int more = tpunct(x, be, ",") && tlower(x, be + 1) && bs == j;
    if (!tpunct(x, be, ")") && !more) return 0;
    if (bs > j && !played_by) {
        /* "(a remarkable Olivia Colman)": modifiers, not a description
         * with a name in it */
        for (size_t t = j; t < bs; t++)
            if (tin(x, t, fx_kin) || tis(x, t, "of") || tis(x, t, "to")) return 0;
    }
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
        if (!fx_is_person(x, chr)) return 0; /* "Metro Weekly (...)" */
        person_role(x, chr, R_CHARACTER);
        fx_char_text(x, chr, cs, ce, &q, &qn);
        return fx_emit_cast(x, actor, q, qn, -2, as, be + 1, 0.9);
    }
    /* "“Weird Barbie” (Kate McKinnon)": a quoted character */
    if (i > x->sa + 2 && x->tok[i - 1].kind == REEL_TOK_PUNCT && !tpunct(x, i - 1, ",")) {
        size_t o = i - 1, k = o;
        const char *cq = tstr(x, o);
        int closing =
            !strncmp(cq, "\xE2\x80\x9D", 3) || cq[0] == '"' || !strncmp(cq, "''", 2);
        /* a typed closing quote of two apostrophes read as two tokens */
        if (!closing && tpunct(x, o, "'") && tpunct(x, o - 1, "'") && tadjacent(x, o) &&
            o - 1 > x->sa + 1) {
            o--;
            k = o;
            closing = 1;
        }
        while (closing && k > x->sa && o - k < 6) {
            k--;
            if (x->tok[k].kind == REEL_TOK_PUNCT) break;
        }
        if (closing && k < o && k + 1 < o && x->tok[k].kind == REEL_TOK_PUNCT &&
            tcap(x, k + 1)) {
            const char *s0 = x->text + x->tok[k + 1].span.start;
            size_t sn = x->tok[o - 1].span.end - x->tok[k + 1].span.start;
            return fx_emit_cast(x, b, s0, sn, -2, k, be + 1, 0.8);
        }
    }
    /* "his mother (Penélope Cruz)", "Salvador's mother (played by ...)" */
    size_t ns, ne;
    if (fx_role_np_before(x, i, &ns, &ne)) {
        const char *s = x->text + x->tok[ns].span.start;
        qn = x->tok[ne - 1].span.end - x->tok[ns].span.start;
        q = s;
        return fx_emit_cast(x, b, q, qn, -2, ns, be + 1, played_by ? 0.85 : 0.6);
    }
    if (played_by) return fx_emit_cast(x, b, NULL, 0, -2, i, be + 1, 0.8);
    return 0;
}

/* "CHARACTER, played by [modifiers] ACTOR" */
int fx_played_by(fx *x, size_t i)
{
    if (!(tis(x, i, "played") || tis(x, i, "portrayed") || tis(x, i, "voiced")) ||
        !tis(x, i + 1, "by") || i < x->sa + 2)
        return 0;
    /* "Ki-taek, played by", "Mrs. Park is played by", "one of the Kens
     * played by Simu Liu" */
    size_t nb;
    int pb;
    if (!tpunct(x, i - 1, ",") && !tis(x, i - 1, "is") && !tis(x, i - 1, "was") &&
        !(name_before(x, i, &nb, &pb) && !(x->tflag[i - 1] & TF_POSS)))
        return 0;
    if (i >= 1 && tpunct(x, i - 1, "(")) return 0; /* paren_cast has it */
    /* "Goose, who was played by X, died in the first movie": a sequel's
     * review speaking of the original */
    if (tis(x, i - 1, "was")) {
        for (size_t k = x->sa; k + 1 < x->sb; k++)
            if ((tis(x, k, "first") || tis(x, k, "original") || tis(x, k, "previous") ||
                 tis(x, k, "earlier")) &&
                (tis(x, k + 1, "film") || tis(x, k + 1, "movie") || tis(x, k + 1, "one")))
                return 0;
    }
    int actor;
    size_t s, e;
    if (!fx_person_after(x, i + 2, 6, &actor, &s, &e)) return 0;
    int chr;
    size_t cs;
    const char *q = NULL;
    size_t qn = 0;
    size_t cut =
        tpunct(x, i - 1, ",") || tis(x, i - 1, "is") || tis(x, i - 1, "was") ? i - 1 : i;
    if (name_before(x, cut, &cs, &chr)) {
        if (chr == actor) return 0;
        person_role(x, chr, R_CHARACTER);
        fx_char_text(x, chr, cs, cut, &q, &qn);
        return fx_emit_cast(x, actor, q, qn, -2, cs, e, 0.9);
    }
    size_t ns, ne;
    if (fx_role_np_before(x, i - 1, &ns, &ne)) {
        q = x->text + x->tok[ns].span.start;
        qn = x->tok[ne - 1].span.end - x->tok[ns].span.start;
        return fx_emit_cast(x, actor, q, qn, -2, ns, e, 0.8);
    }
    return fx_emit_cast(x, actor, NULL, 0, -2, i, e, 0.7);
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
    /* "Ke Huy Quan who delivers": no comma */
    if (i > x->sa + 1 && tis(x, i - 1, "who") && name_before(x, i - 1, &ns, &p) &&
        !(x->tflag[i - 2] & TF_POSS)) {
        *s = ns;
        return p;
    }
    /* "Anthony Hopkins, who won his first Oscar for ..., plays" */
    if (i > x->sa + 2 && tpunct(x, i - 1, ",")) {
        for (size_t j = i - 2; j > x->sa && j + 25 > i; j--) {
            if (tpunct(x, j, ".") || tpunct(x, j, ";") || tpunct(x, j, "(")) break;
            if (tpunct(x, j, ",") &&
                (tis(x, j + 1, "who") || tis(x, j + 1, "a") || tis(x, j + 1, "an") ||
                 tis(x, j + 1, "the")) &&
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

static const char *const play_verbs[] = {
    "plays",    "played", "portrays", "portrayed",  "play", "portray",
    "embodies", "essays", "inhabits", "incarnates", NULL};

/* "ACTOR plays CHARACTER", "ACTOR stars as CHARACTER", "is cast as" */
int fx_plays(fx *x, size_t i)
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
    /* "X, who played alongside A and B": X is in the cast, and A and B
     * are the others in it, not a part (fx_led_by reads them) */
    if (tis(x, after, "alongside") || tis(x, after, "opposite") ||
        tis(x, after, "beside")) {
        size_t as;
        int actor = x->stage == 0 ? actor_before(x, i, &as) : -1;
        if (actor < 0 || !fx_is_person(x, actor) ||
            (x->people[actor].roles & R_CHARACTER))
            return 0;
        return fx_emit_cast(x, actor, NULL, 0, -2, as, i + 1, 0.75);
    }
    size_t vs = i;
    if (tis(x, i, "cast") && i > x->sa && (tis(x, i - 1, "is") || tis(x, i - 1, "was")))
        vs = i - 1;
    size_t as;
    int actor = actor_before(x, vs, &as);
    if (actor < 0 || !fx_is_person(x, actor)) return 0;
    if (x->people[actor].roles & R_CHARACTER) return 0;
    if (tis(x, after, "the") && tis(x, after + 1, "role") && tis(x, after + 2, "of"))
        after += 3;
    int chr;
    size_t cl = name_at(x, after, &chr);
    if (!cl && tlower(x, after) && !tin(x, after, fx_stops)) {
        /* "plays wily newcomer Abigail" */
        size_t j = fx_skip_mods(x, after, 3, 0);
        if (j > after && (cl = name_at(x, j, &chr))) after = j;
    }
    if (!cl && (tis(x, after, "the") || tis(x, after, "a") || tis(x, after, "his") ||
                tis(x, after, "her") || tis(x, after, "their"))) {
        /* "plays the aging director Salvador Mallo": a name within reach */
        size_t j = fx_skip_mods(x, after, 5, 0);
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
            fx_run_text(x, after, after + cl, &q, &qn);
        } else {
            person_role(x, chr, R_CHARACTER);
            fx_char_text(x, chr, after, after + cl, &q, &qn);
        }
        return fx_emit_cast(x, actor, q, qn, -2, as, after + cl, 0.9);
    }
    /* "plays a filmmaker inspired by ...": cast, no character name; in the
     * present tense, as a review tells its film ("played a corpse" is as
     * often another film's) */
    if (x->stage != 1) return 0;
    if (tis(x, i, "played") || tis(x, i, "portrayed") || tis(x, i, "starred")) return 0;
    if (!(tis(x, after, "a") || tis(x, after, "an") || tis(x, after, "the"))) return 0;
    if (x->people[actor].roles & (R_DIRECTOR | R_WRITER | R_CREW)) return 0;
    return fx_emit_cast(x, actor, NULL, 0, -2, as, after, 0.6);
}

/* "As CHARACTER, ACTOR ..." at the start of a sentence: "As Salvador
 * Mallo, Antonio Banderas", "As her mother Marion, Laurie Metcalf", "As
 * Christine "Lady Bird" McPherson, Saoirse Ronan" */
int fx_as_char_actor(fx *x, size_t i)
{
    if (i != x->sa || !tis(x, i, "as")) return 0;
    size_t j = i + 1;
    if (tis(x, j, "her") || tis(x, j, "his") || tis(x, j, "their") || tis(x, j, "the")) {
        size_t k = j + 1;
        while (k < x->sb && k < j + 4 && tlower(x, k) && !tin(x, k, fx_stops))
            k++;
        if (k > j + 1 && tcap(x, k)) j = k;
    }
    if (!tcap(x, j)) return 0;
    /* the character: capitalised words and quotes up to the comma */
    size_t c = j;
    while (c < x->sb && c < j + 10 && !tpunct(x, c, ",")) {
        int quote = x->tok[c].kind == REEL_TOK_PUNCT && !tpunct(x, c, ".");
        if (!tcap(x, c) && !quote && !tin(x, c, fx_particles_list)) return 0;
        c++;
    }
    if (!tpunct(x, c, ",") || c == j) return 0;
    int chr = -1, actor;
    size_t al = name_at(x, c + 1, &actor);
    if (!al || !fx_is_person(x, actor) || (x->tflag[c + al] & TF_POSS)) return 0;
    const char *q;
    size_t qn, cl = name_at(x, j, &chr);
    if (cl && j + cl == c) {
        if (chr == actor) return 0;
        person_role(x, chr, R_CHARACTER);
        fx_char_text(x, chr, j, c, &q, &qn);
    } else {
        q = x->text + x->tok[j].span.start;
        qn = x->tok[c - 1].span.end - x->tok[j].span.start;
    }
    return fx_emit_cast(x, actor, q, qn, -2, i, c + 1 + al, 0.85);
}

/* "Joe Pesci is quietly terrifying as Russell Bufalino", "with Sergi
 * López as the brutal Captain Vidal", "opposite Olivia Colman as his
 * daughter Anne" */
/* "Nicholas Hoult is a lot of fun as a nihilistic zealot": an actor who
 * is something as a described part (no name); the head noun is the
 * qualifier. Not a craft ("assured as a director") nor a manner ("good as
 * a whole"). */
static int actor_is_as(fx *x, size_t i)
{
    static const char *const not_parts[] = {
        "whole",    "result",    "rule",   "person", "man",     "woman",    "storyteller",
        "presence", "performer", "artist", "talent", "team",    "ensemble", "filmmaker",
        "piece",    "work",      "film",   "movie",  "matter",  "kid",      "child",
        "teenager", "adult",     "viewer", "critic", "fan",     "result",   "way",
        "whole",    "star",      "lead",   "actor",  "actress", "comedian", "singer",
        "debut",    NULL};
    size_t k = i;
    while (k > x->sa && k + 8 > i && !tis(x, k - 1, "is") && !tis(x, k - 1, "was") &&
           (tlower(x, k - 1) || tis(x, k - 1, "a")))
        k--;
    if (k <= x->sa + 1 || !(tis(x, k - 1, "is") || tis(x, k - 1, "was"))) return 0;
    size_t ns;
    int actor;
    if (!name_before(x, k - 1, &ns, &actor) || !fx_likely_actor(x, actor) ||
        x->people[actor].words < 2 || (x->tflag[k - 2] & TF_POSS) ||
        (x->people[actor].roles &
         (R_CHARACTER | R_DIRECTOR | R_WRITER | R_CREW | R_AUTHOR | R_OTHER)))
        return 0;
    size_t j = i + 1;
    if (!(tis(x, j, "a") || tis(x, j, "an") || tis(x, j, "the"))) return 0;
    j++;
    size_t h = j;
    while (j < x->sb && j < h + 4 && tlower(x, j) && !tin(x, j, fx_stops))
        j++;
    if (j == h) return 0;
    size_t rl;
    unsigned role;
    if (tin(x, j - 1, not_parts) || role_noun(x, j - 1, &rl, &role)) return 0;
    return fx_emit_cast(x, actor, tstr(x, h),
                        x->tok[j - 1].span.end - x->tok[h].span.start, -2, ns, j, 0.7);
}

int fx_actor_as(fx *x, size_t i)
{
    if (!tis(x, i, "as") || i <= x->sa) return 0;
    size_t cs, ce;
    int chr;
    if (!fx_char_after_as(x, i + 1, &cs, &ce, &chr)) {
        /* "opposite Anthony Hopkins as her father": a description */
        size_t ns, k = i + 1;
        int actor;
        if (!name_before(x, i, &ns, &actor)) return actor_is_as(x, i);
        if (ns <= x->sa || !fx_is_person(x, actor)) return 0;
        if (!(tis(x, ns - 1, "with") || tis(x, ns - 1, "opposite") ||
              tis(x, ns - 1, "alongside")))
            return 0;
        if (!(tis(x, k, "the") || tis(x, k, "a") || tis(x, k, "an") || tis(x, k, "his") ||
              tis(x, k, "her") || tis(x, k, "their")))
            return 0;
        k++;
        size_t h = k;
        while (k < x->sb && k < h + 4 && tlower(x, k) && !tin(x, k, fx_stops))
            k++;
        if (k == h) return 0;
        return fx_emit_cast(x, actor, tstr(x, k - 1), tlen(x, k - 1), -2, ns, k, 0.7);
    }
    int actor = -1;
    size_t as = 0, ns;
    if (name_before(x, i, &ns, &actor)) {
        /* "Lee Sun-kyun and Cho Yeo-jeong as the wealthy Parks": a role
         * shared by two is no one character */
        size_t ps;
        int other;
        if (ns > x->sa + 1 && tis(x, ns - 1, "and") &&
            name_before(x, ns - 1, &ps, &other) &&
            !(x->people[other].roles & R_CHARACTER))
            return 0;
        /* "with X as Y", "opposite X as Y", "starring X as Y" */
        if (!(ns > x->sa && (tis(x, ns - 1, "with") || tis(x, ns - 1, "opposite") ||
                             tis(x, ns - 1, "alongside") || tis(x, ns - 1, "and") ||
                             tis(x, ns - 1, "from") || tis(x, ns - 1, "plus") ||
                             (tis(x, ns - 1, "for") && x->people[actor].words >= 2))))
            return 0;
        as = ns;
    } else {
        /* "X is [quietly terrifying] as Y" */
        size_t k = i;
        while (k > x->sa && k + 5 > i && tlower(x, k - 1) && !tis(x, k - 1, "is") &&
               !tis(x, k - 1, "was") && !tin(x, k - 1, fx_stops))
            k--;
        if (k <= x->sa || !(tis(x, k - 1, "is") || tis(x, k - 1, "was"))) return 0;
        if (!name_before(x, k - 1, &ns, &actor)) return 0;
        as = ns;
    }
    if (actor == chr || !fx_is_person(x, actor) || (x->tflag[i - 1] & TF_POSS)) return 0;
    if (x->people[actor].roles & R_CHARACTER) return 0;
    const char *q;
    size_t qn;
    person_role(x, chr, R_CHARACTER);
    fx_char_text(x, chr, cs, ce, &q, &qn);
    return fx_emit_cast(x, actor, q, qn, -2, as, ce, 0.8);
}

/* "Lucas Hedges, as the nephew, is a revelation" */
int fx_actor_as_role(fx *x, size_t i)
{
    if (!tis(x, i, "as") || i < x->sa + 2 || !tpunct(x, i - 1, ",")) return 0;
    if (!(tis(x, i + 1, "the") || tis(x, i + 1, "a") || tis(x, i + 1, "an") ||
          tis(x, i + 1, "his") || tis(x, i + 1, "her")))
        return 0;
    size_t k = i + 2;
    while (k < x->sb && k < i + 6 && tlower(x, k) && !tin(x, k, fx_stops))
        k++;
    if (k == i + 2 || !tpunct(x, k, ",")) return 0;
    int actor;
    size_t ns;
    if (!name_before(x, i - 1, &ns, &actor) || !fx_is_person(x, actor)) return 0;
    if (x->people[actor].roles & (R_CHARACTER | R_DIRECTOR | R_CREW | R_WRITER)) return 0;
    return fx_emit_cast(x, actor, tstr(x, k - 1), tlen(x, k - 1), -2, ns, k, 0.6);
}

/* "a performance from ACTOR [as CHARACTER]", "ACTOR as the lead, CHAR" */
int fx_performance_from(fx *x, size_t i)
{
    if (!(tis(x, i, "performance") || tis(x, i, "turn")) ||
        !(tis(x, i + 1, "from") || tis(x, i + 1, "by") || tis(x, i + 1, "of")))
        return 0;
    int actor;
    size_t s, e;
    if (!fx_person_after(x, i + 2, 3, &actor, &s, &e)) return 0;
    if (x->tflag[e - 1] & TF_POSS) return 0;
    const char *q = NULL;
    size_t qn = 0, end = e;
    if (tis(x, e, "as")) {
        int chr;
        size_t j = e + 1, cl = name_at(x, j, &chr);
        if (!cl) {
            /* "as the main subject, Salvador Gallo" */
            size_t k = fx_skip_mods(x, j, 5, 0);
            if (tpunct(x, k, ",")) k++;
            if ((cl = name_at(x, k, &chr))) j = k;
        }
        if (cl && chr != actor) {
            person_role(x, chr, R_CHARACTER);
            fx_char_text(x, chr, j, j + cl, &q, &qn);
            end = j + cl;
        }
    }
    return fx_emit_cast(x, actor, q, qn, -2, i, end, 0.8);
}

/* "Starring in [...], ACTOR ..." at the start of a sentence */
int fx_starring_in(fx *x, size_t i)
{
    if (i != x->sa || !tis(x, i, "starring") || !tis(x, i + 1, "in")) return 0;
    for (size_t j = i + 2; j < x->sb && j < i + 20; j++) {
        if (!tpunct(x, j, ",")) continue;
        int actor;
        size_t l = name_at(x, j + 1, &actor);
        if (!l) return 0;
        return fx_emit_cast(x, actor, NULL, 0, -2, j + 1, j + 1 + l, 0.8);
    }
    return 0;
}

/* "starring A, B and C", "TITLE stars A and B" */
int fx_starring(fx *x, size_t i)
{
    int after_film =
        i > x->sa && ((x->tflag[i - 1] & (TF_SUBJECT | TF_FILM)) || tis(x, i - 1, "it") ||
                      tis(x, i - 1, "film") || tis(x, i - 1, "which") ||
                      tis(x, i - 1, "that") || tis(x, i - 1, "movie") ||
                      (tpunct(x, i - 1, ",") && i > x->sa + 1 &&
                       (x->tflag[i - 2] & (TF_SUBJECT | TF_FILM))));
    int ok = tis(x, i, "starring") || tis(x, i, "co-starring") ||
             tis(x, i, "featuring") ||
             ((tis(x, i, "stars") || tis(x, i, "co-stars") || tis(x, i, "features")) &&
              after_film);
    if (!ok) return 0;
    if (tis(x, i + 1, "in")) return 0;
    size_t j = i + 1;
    int p;
    if (!name_at(x, j, &p)) return 0;
    return fx_name_list(x, j, "cast", R_ACTOR, -2, 0.85);
}

/* "Banderas' flawless performance", "Cruz's performance as a mother" */
int fx_poss_performance(fx *x, size_t i)
{
    int p;
    size_t l = name_at(x, i, &p);
    if (!l || !(x->tflag[i + l - 1] & TF_POSS) || !fx_is_person(x, p)) return 0;
    if (x->people[p].roles & (R_CHARACTER | R_DIRECTOR | R_CREW)) return 0;
    size_t j = i + l;
    if (is_apos_tok(x, j)) j++;
    size_t k = j;
    while (k < j + 4 && k < x->sb && tlower(x, k) && !tin(x, k, fx_stops) &&
           !(tis(x, k, "performance") || tis(x, k, "turn") || tis(x, k, "portrayal")))
        k++;
    if (!(tis(x, k, "performance") || tis(x, k, "turn") || tis(x, k, "portrayal")))
        return 0;
    /* "Cate Blanchett's performance in Carol": another film's */
    if (tis(x, k + 1, "in") && tcap(x, k + 2) && !(x->tflag[k + 2] & TF_SUBJECT))
        return 0;
    const char *q = NULL;
    size_t qn = 0, end = k + 1;
    if (tis(x, k + 1, "as")) {
        int chr;
        size_t cl = name_at(x, k + 2, &chr);
        if (cl) {
            person_role(x, chr, R_CHARACTER);
            fx_char_text(x, chr, k + 2, k + 2 + cl, &q, &qn);
            end = k + 2 + cl;
        } else {
            /* "as a mother who ...": the head noun */
            size_t m = fx_skip_mods(x, k + 2, 4, 0);
            if (m > k + 2 && tlower(x, m - 1) && !tis(x, m - 1, "a")) {
                q = tstr(x, m - 1);
                qn = tlen(x, m - 1);
                end = m;
            }
        }
    }
    return fx_emit_cast(x, p, q, qn, -2, i, end, 0.7);
}

/* "ACTOR turns in a ... performance" */
int fx_gives_performance(fx *x, size_t i)
{
    if (!(tis(x, i, "performance") || tis(x, i, "turn") || tis(x, i, "outing"))) return 0;
    for (size_t v = i; v-- > x->sa && v + 8 > i;) {
        size_t vs = v;
        if (tis(x, v, "in") && v > x->sa &&
            (tis(x, v - 1, "turns") || tis(x, v - 1, "turned")))
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
            if (tis(x, k, "as") && fx_char_after_as(x, k + 1, &cs, &ce, &chr) &&
                chr != actor) {
                const char *q;
                size_t qn;
                person_role(x, chr, R_CHARACTER);
                fx_char_text(x, chr, cs, ce, &q, &qn);
                return fx_emit_cast(x, actor, q, qn, -2, as, ce, 0.75);
            }
        }
        return fx_emit_cast(x, actor, NULL, 0, -2, as, i + 1, 0.7);
    }
    return 0;
}

/* "ACTOR brings ... to playing CHARACTER" */
int fx_playing(fx *x, size_t i)
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
    fx_char_text(x, chr, i + 1, i + 1 + cl, &q, &qn);
    return fx_emit_cast(x, actor, q, qn, -2, as, i + 1 + cl, 0.65);
}

/* the craft a verb says: "directed" → director */
