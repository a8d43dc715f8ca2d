/* facts_lists.c — people given in lists and blocks: credit blocks
 * ("Starring:" then one name a line, "Cast: A, B, C"), lists after a
 * noun ("a supporting cast of A, B and C", "actors like A and B",
 * "Directors A and B"), lists before a verb ("A, B and C co-star") and
 * "ACTOR as CHARACTER" wherever a list or a clause starts (double roles
 * and verb lists are in facts_roles.c). facts_people.c runs them.
 */
#include "facts.h"

#include <ctype.h>

/* Does a line break (not a space) separate token j from the one before? */
static int line_break_before(const fx *x, size_t j)
{
    if (j == 0 || j >= x->ntok) return 0;
    for (size_t o = x->tok[j - 1].span.end; o < x->tok[j].span.start; o++)
        if (x->text[o] == '\n') return 1;
    return 0;
}

/* "Rating:", "Release Date:": a label that ends a credit block. */
static int label_ahead(const fx *x, size_t j)
{
    for (size_t k = j; k < x->sb && k < j + 3; k++) {
        if (tpunct(x, k, ":")) return 1;
        if (!tcap(x, k)) return 0;
    }
    return 0;
}

/* Words that are never part of a credited person's name: crafts and
 * labels run together with names in credit lines and headlines. */
static const char *const not_name[] = {
    "casting",  "designer",    "consultant",      "author",
    "novelist", "playwright",  "costume",         "talks",
    "talk",     "interview",   "review",          "exclusive",
    "rating",   "runtime",     "genre",           "release",
    "date",     "editor",      "producer",        "director",
    "writer",   "composer",    "cinematographer", "starring",
    "cast",     "certificate", "certification",   "trailer",
    "says",     "on",          "about",           NULL};

static int run_has_not_name(const fx *x, size_t a, size_t b)
{
    for (size_t k = a; k < b; k++)
        if (tin(x, k, not_name)) return 1;
    return 0;
}

/* A credited name at j that the name finder missed ("Oscar Isaac" after a
 * word it reads as an award): capitalised words, hyphens and "Jr.", on
 * one line. Returns its length in tokens. */
static size_t cap_run(const fx *x, size_t j)
{
    size_t k = j;
    while (k < x->sb && k < j + FX_MAX_NAME) {
        if (k > j && (line_break_before(x, k) ||
                      x->tok[k].span.start != x->tok[k - 1].span.end + 1))
            break;
        if (!tcap(x, k) || tk(x, k, M_LABEL) || tin(x, k, not_name)) break;
        if (k > j && tpunct(x, k + 1, ":")) break; /* the next label */
        k++;
    }
    return k - j;
}

static int emit_text(fx *x, const char *pred, size_t a, size_t b, double conf)
{
    const char *s;
    size_t n;
    fx_run_text(x, a, b, &s, &n);
    return fx_emit(x, pred, s, n, NULL, NULL, 0, -2, x->tok[a].span.start,
                   x->tok[b - 1].span.end, conf);
}

/* One item of a list at j: a person in a role, with "as CHARACTER" or
 * "(CHARACTER)" after a cast member. Sets *end; 0 or an error. */
static int list_item(fx *x, size_t j, const char *pred, unsigned role, int loose,
                     double conf, size_t *end)
{
    int p = -1;
    size_t l = name_at(x, j, &p);
    size_t cl = loose ? cap_run(x, j) : 0;
    *end = j;
    if (!l && !cl) return 0;
    if (l && (x->tflag[j + l - 1] & TF_POSS)) return 0;
    if (l && run_has_not_name(x, j, j + l)) return 0;
    /* a block whose line breaks the page lost runs names together */
    if (loose && (l > 4 || cl > 4)) return 0;
    if (cl > l) {
        *end = j + cl;
        if (l && cl > l) p = -1;
    } else {
        *end = j + l;
    }
    size_t e = *end;
    if (p >= 0 && (x->people[p].roles & R_CHARACTER) && !strcmp(pred, "cast") && !loose)
        return 0;
    if (p >= 0 && !fx_is_person(x, p)) return 0;
    if (!strcmp(pred, "cast")) {
        const char *q = NULL;
        size_t qn = 0, cs, ce, ql;
        int cp;
        if (tis(x, e, "as") && fx_char_after_as(x, e + 1, &cs, &ce, &cp) && cp != p) {
            fx_char_text(x, cp, cs, ce, &q, &qn);
            person_role(x, cp, R_CHARACTER);
            e = ce;
            /* a nickname and the rest of the name: 'Bradley "Rooster" Bradshaw' */
            if (e + 2 < x->sb && x->tok[e].kind == REEL_TOK_PUNCT && !tpunct(x, e, ",") &&
                !tpunct(x, e, ".") && tcap(x, e + 1)) {
                size_t k = e + 1;
                while (k < x->sb && k < e + 4 && tcap(x, k))
                    k++;
                if (k < x->sb && x->tok[k].kind == REEL_TOK_PUNCT && !tpunct(x, k, ",")) {
                    k++;
                    while (k < x->sb && k < e + 8 && tcap(x, k))
                        k++;
                    e = k;
                }
            }
        } else if (tpunct(x, e, "(") && (ql = name_at(x, e + 1, &cp)) &&
                   tpunct(x, e + 1 + ql, ")") && cp != p) {
            fx_char_text(x, cp, e + 1, e + 1 + ql, &q, &qn);
            person_role(x, cp, R_CHARACTER);
            e = e + 2 + ql;
        }
        *end = e;
        if (p >= 0) return fx_emit_cast(x, p, q, qn, -2, j, e, conf);
        const char *s;
        size_t n;
        fx_run_text(x, j, j + cl, &s, &n);
        return fx_emit(x, "cast", s, n, NULL, q, qn, -2, x->tok[j].span.start,
                       x->tok[e - 1].span.end, conf);
    }
    if (p >= 0) return fx_emit_role(x, pred, role, p, -2, j, e, conf);
    return emit_text(x, pred, j, e, conf);
}

/* An appositive after a list item: ", Goose's son," — skipped when a name
 * follows it. Returns the index of the comma before the next name. */
static size_t skip_apposition(fx *x, size_t i)
{
    if (!tpunct(x, i, ",")) return i;
    size_t k = i + 1;
    int p;
    if (name_at(x, k, &p) && !(x->tflag[k + x->name_len[k] - 1] & TF_POSS)) return i;
    int lower = 0;
    for (size_t n = 0; k < x->sb && n < 5; k++, n++) {
        if (tpunct(x, k, ",")) {
            size_t l = name_at(x, k + 1, &p);
            return lower && l && !(x->tflag[k + l] & TF_POSS) ? k : i;
        }
        if (tlower(x, k) || (x->tflag[k] & TF_POSS)) lower = 1;
        if (x->tok[k].kind == REEL_TOK_PUNCT && !is_apos_tok(x, k)) return i;
    }
    return i;
}

int fx_credit_items(fx *x, size_t i, const char *pred, unsigned role, int loose,
                    double conf)
{
    int rc = 0;
    int cast = !strcmp(pred, "cast");
    for (int k = 0; k < 60 && i < x->sb && !rc; k++) {
        /* "Rating:" ends a block; in prose a name before a colon ("her
         * co-stars A and B: ...") is still one of the list */
        if (k > 0 && loose && label_ahead(x, i)) break;
        size_t e;
        rc = list_item(x, i, pred, role, loose, conf, &e);
        if (e == i) break;
        i = loose || !cast ? e : skip_apposition(x, e);
        int sep = 0;
        if (tpunct(x, i, ",") || tpunct(x, i, ";")) i++, sep = 1;
        if (tis(x, i, "and") || tpunct(x, i, "&")) i++, sep = 1;
        if (!sep && !(loose && line_break_before(x, i))) break;
    }
    /* "Starring: A" and one more name a line under it, each line a
     * sentence of its own: read on while a line is one name and no
     * more, up to the next label ("Rating:") */
    if (!rc && loose && i == x->sb && i > x->sa && !tpunct(x, i - 1, ".")) {
        size_t osa = x->sa, osb = x->sb, osent = x->sent;
        for (int k = 0; k < 40 && !rc && x->sent + 1 < x->doc->n_sentences; k++) {
            const reel_sentence *se = &x->doc->sentences[x->sent + 1];
            if (se->tok_start != i || !line_break_before(x, i)) break;
            x->sa = i;
            x->sb = se->tok_end;
            if (label_ahead(x, i)) break;
            int p = -1;
            size_t l = name_at(x, i, &p), cl = cap_run(x, i);
            int whole = (l && i + l == x->sb && p >= 0 && fx_is_person(x, p)) ||
                        (cl >= 2 && cl <= 3 && i + cl == x->sb);
            if (!whole || run_has_not_name(x, i, x->sb)) break;
            x->sent++;
            size_t e;
            rc = list_item(x, i, pred, role, 1, conf, &e);
            if (e != x->sb) break;
            i = e;
        }
        x->sa = osa;
        x->sb = osb;
        x->sent = osent;
        return rc;
    }
    /* "stars A, B, C," and the list goes on in the next paragraph, which
     * the page made a sentence of its own: read on into it, once */
    if (!rc && i == x->sb && i > x->sa && tpunct(x, i - 1, ",") &&
        x->sent + 1 < x->doc->n_sentences &&
        x->doc->sentences[x->sent + 1].tok_start == i && x->person_at[i] >= 0) {
        size_t osa = x->sa, osb = x->sb, osent = x->sent;
        x->sa = i;
        x->sb = x->doc->sentences[x->sent + 1].tok_end;
        x->sent++; /* each fact keeps the sentence its words are in */
        for (int k = 0; k < 60 && i < x->sb && !rc; k++) {
            size_t e;
            rc = list_item(x, i, pred, role, 0, conf, &e);
            if (e == i) break;
            i = e;
            int sep = 0;
            if (tpunct(x, i, ",")) i++, sep = 1;
            if (tis(x, i, "and") || tpunct(x, i, "&")) i++, sep = 1;
            if (!sep) break;
        }
        x->sa = osa;
        x->sb = osb;
        x->sent = osent;
    }
    return rc;
}

/* How many list items follow at i (names joined by ",", "and", "&"). */
size_t fx_list_len(fx *x, size_t i, size_t *end)
{
    size_t n = 0;
    *end = i;
    while (i < x->sb && n < 40) {
        int p;
        size_t l = name_at(x, i, &p);
        if (!l || (x->tflag[i + l - 1] & TF_POSS)) break;
        n++;
        i += l;
        *end = i;
        if (tpunct(x, i, ",")) i++;
        if (tis(x, i, "and") || tpunct(x, i, "&"))
            i++;
        else if (!tpunct(x, i - 1, ","))
            break;
    }
    return n;
}

/* ---- lists after a noun ---- */

static const struct {
    const char *w, *pred;
    unsigned role;
} plural_roles[] = {
    {"actors", "cast", R_ACTOR},
    {"actresses", "cast", R_ACTOR},
    {"stars", "cast", R_ACTOR},
    {"co-stars", "cast", R_ACTOR},
    {"costars", "cast", R_ACTOR},
    {"directors", "director", R_DIRECTOR},
    {"co-directors", "director", R_DIRECTOR},
    {"filmmakers", "director", R_DIRECTOR},
    {"writers", "writer", R_WRITER},
    {"screenwriters", "writer", R_WRITER},
    {"co-writers", "writer", R_WRITER},
    {"producers", "producer", R_CREW},
    {"screenwriter", "writer", R_WRITER},
    {"writer", "writer", R_WRITER},
    {"director", "director", R_DIRECTOR},
    {"producer", "producer", R_CREW},
};

/* "a supporting cast of A, B and C", "the cast includes A", "actors like
 * A and B", "stars Timothée Chalamet and Zendaya", "Directors A and B",
 * "Screenwriter A, B, C" (a singular role noun takes a list of two or more:
 * one name is fx_role_name's) */
int fx_noun_list(fx *x, size_t i)
{
    const char *pred = NULL;
    unsigned role = 0;
    size_t j = i + 1;
    int singular = 0;
    if (tis(x, i, "cast") || tis(x, i, "starcast") || tis(x, i, "ensemble") ||
        tis(x, i, "line-up") || tis(x, i, "lineup")) {
        if (tis(x, j, "also")) j++;
        if (!(tis(x, j, "of") || tis(x, j, "includes") || tis(x, j, "including") ||
              tis(x, j, "is") || tis(x, j, "are") || tis(x, j, "features") ||
              tis(x, j, "featuring") || tis(x, j, "boasts") || tis(x, j, "comprises")))
            return 0;
        /* "the cast of Succession": a title, not people */
        j++;
        pred = "cast", role = R_ACTOR;
    } else {
        for (size_t k = 0; k < sizeof plural_roles / sizeof plural_roles[0]; k++)
            if (tis(x, i, plural_roles[k].w)) {
                pred = plural_roles[k].pred, role = plural_roles[k].role;
                singular = !strcmp(tfold(x, i) + strlen(tfold(x, i)) - 1, "s") ? 0 : 1;
                break;
            }
        if (!pred) return 0;
        /* "five stars", "the stars of Top Gun" */
        if (i > x->sa && x->tok[i - 1].kind == REEL_TOK_NUMBER) return 0;
        if (tis(x, j, "like") || tis(x, j, "including"))
            j++;
        else if (tis(x, j, "such") && tis(x, j + 1, "as"))
            j += 2;
        else if (tpunct(x, j, ",") && !singular)
            j++;
    }
    size_t end;
    size_t n = fx_list_len(x, j, &end);
    if (!n || (singular && n < 2)) return 0;
    /* "directors George Miller and Peter Jackson" in a sentence about
     * directing at large: crews in lists only where the sentence names
     * the film or the list opens it */
    if (strcmp(pred, "cast") && !singular && !x->sent_subject && i != x->sa &&
        !tpunct(x, i - 1, ":"))
        return 0;
    if (singular) {
        /* "Screenwriter A, B, C" opening a credit line: commas only, not in
         * a headline ("Director X Talks Stunts, Slang") */
        if (x->sent_heading || (i != x->sa && !tpunct(x, i - 1, ":"))) return 0;
        for (size_t k = j; k < end; k++)
            if (tis(x, k, "and") || tpunct(x, k, "&")) return 0;
    }
    /* the list must end its clause, not be the subject of "X plays Y" */
    return fx_credit_items(x, j, pred, role, 0, 0.8);
}

/* ---- lists before a verb: "A, B and C co-star", "A and B also appear" ---- */

int fx_list_verb(fx *x, size_t i)
{
    int single_ok;
    if (tis(x, i, "co-star") || tis(x, i, "co-stars") || tis(x, i, "costar"))
        single_ok = 1;
    else if (tis(x, i, "star") || tis(x, i, "appear") || tis(x, i, "feature"))
        single_ok = 0;
    else
        return 0;
    /* "A stars as X" is fx_plays'; "A and B star as the couple" is two */
    int as = tis(x, i + 1, "as") && !single_ok;
    size_t v = i;
    if (v > x->sa && tis(x, v - 1, "also")) v--;
    /* "A and B of Sitcom fame star": the aside after the last name */
    if (v > x->sa + 2 && tis(x, v - 1, "fame")) {
        size_t k = v - 1;
        while (k > x->sa && k + 5 > v && !tis(x, k - 1, "of") && tcap(x, k - 1))
            k--;
        if (k > x->sa + 1 && k < v - 1 && tis(x, k - 1, "of")) v = k - 1;
    }
    /* walk the list back: NAME ((, NAME)* ,? and NAME) */
    size_t s = v, n = 0, ns;
    int p;
    while (s > x->sa && name_before(x, s, &ns, &p) && !(x->tflag[s - 1] & TF_POSS)) {
        n++;
        s = ns;
        size_t b = s;
        if (b > x->sa && (tis(x, b - 1, "and") || tpunct(x, b - 1, "&"))) b--;
        if (b > x->sa && tpunct(x, b - 1, ",")) b--;
        if (b == s || !name_before(x, b, &ns, &p)) break;
        s = b;
    }
    if (!n || (n < 2 && !single_ok) || (as && n < 2)) return 0;
    return fx_credit_items(x, s, "cast", R_ACTOR, 0, 0.8);
}

/* ---- "ACTOR as CHARACTER" where a clause or a list item starts ---- */

int fx_name_as(fx *x, size_t i)
{
    int p;
    size_t l = name_at(x, i, &p), ps;
    if (!l || !tis(x, i + l, "as") || (x->tflag[i + l - 1] & TF_POSS)) return 0;
    /* "A and B as the wealthy Parks": a role two share is no character */
    int other;
    if (i > x->sa + 1 && tis(x, i - 1, "and") && name_before(x, i - 1, &ps, &other))
        return 0;
    if (!fx_is_person(x, p) ||
        (x->people[p].roles & (R_CHARACTER | R_DIRECTOR | R_WRITER | R_CREW)))
        return 0;
    /* "Recast as hit man Danny Grogan": one capitalised word opening a
     * sentence is as likely a verb or an adverb */
    if (i == x->sa && x->people[p].words < 2 && !(x->people[p].roles & R_ACTOR)) return 0;
    int start = i == x->sa || tpunct(x, i - 1, ",") || tpunct(x, i - 1, "(") ||
                tpunct(x, i - 1, ";") || tpunct(x, i - 1, ":") || tis(x, i - 1, "plus") ||
                tis(x, i - 1, "and") || tis(x, i - 1, "with") || tis(x, i - 1, "while") ||
                tis(x, i - 1, "including") || tis(x, i - 1, "starring") ||
                tis(x, i - 1, "featuring") || tis(x, i - 1, "also") ||
                /* "rising star Barry Keoghan as ..." */
                tis(x, i - 1, "star") || tis(x, i - 1, "actor") ||
                tis(x, i - 1, "actress") || tis(x, i - 1, "newcomer");
    if (!start) return 0;
    size_t a = i + l + 1, cs, ce;
    int cp;
    const char *q = NULL;
    size_t qn = 0, end;
    if (fx_char_after_as(x, a, &cs, &ce, &cp) && cp != p) {
        person_role(x, cp, R_CHARACTER);
        fx_char_text(x, cp, cs, ce, &q, &qn);
        end = ce;
    } else {
        /* "as village idiot Dominic", "as a housekeeper", "as the oldest" */
        size_t k = a, det = 0, pl;
        int pp;
        if (tis(x, k, "a") || tis(x, k, "an") || tis(x, k, "the") || tis(x, k, "his") ||
            tis(x, k, "her") || tis(x, k, "their"))
            k++, det = 1;
        else if ((pl = name_at(x, k, &pp)) && (x->tflag[k + pl - 1] & TF_POSS)) {
            /* "as Padraic's loyal sister Siobhan" */
            k += pl;
            if (is_apos_tok(x, k)) k++;
            det = 1;
        }
        size_t h = k;
        while (k < x->sb && k < h + 4 && tlower(x, k) && !tin(x, k, fx_stops))
            k++;
        size_t nl = name_at(x, k, &cp);
        if (nl && k > h && cp != p && !(x->tflag[k + nl - 1] & TF_POSS)) {
            person_role(x, cp, R_CHARACTER);
            fx_char_text(x, cp, k, k + nl, &q, &qn);
            end = k + nl;
        } else if (det && k > h &&
                   (x->people[p].words > 1 || (x->people[p].roles & R_ACTOR))) {
            size_t rl;
            unsigned r;
            if (role_noun(x, k - 1, &rl, &r) && r != R_ACTOR) return 0;
            if (tis(x, k - 1, "well") || tis(x, k - 1, "much") || tis(x, k - 1, "result"))
                return 0;
            q = tstr(x, k - 1);
            qn = tlen(x, k - 1);
            end = k;
        } else {
            return 0;
        }
    }
    return fx_emit_cast(x, p, q, qn, -2, i, end, 0.75);
}
