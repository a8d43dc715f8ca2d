/* facts_roles.c — people given with more than one role or part: double
 * roles ("writer/director X", "co-writer and director X"), "X, who also
 * wrote, edited and produced the film", "led by A and B", a character's
 * possessive, "X is Lydia Tár", capitalised "AS" credit lines, lists of
 * parts and "his role as". facts_people.c runs them.
 */
#include "facts.h"

#include <ctype.h>

/* ---- double roles and verb lists ---- */

/* "writer/director X", "director/co-writer X", "co-writer and director X",
 * "writer, director X" */
int fx_double_role(fx *x, size_t i)
{
    size_t l1, l2;
    unsigned r1, r2;
    const char *p1 = role_noun(x, i, &l1, &r1);
    if (!p1 || r1 == R_ACTOR) return 0;
    size_t j = i + l1;
    if (!(tpunct(x, j, "/") || tis(x, j, "and") || tpunct(x, j, "&"))) return 0;
    const char *p2 = role_noun(x, j + 1, &l2, &r2);
    if (!p2 || r2 == R_ACTOR) return 0;
    size_t k = j + 1 + l2, e;
    if (!fx_list_len(x, k, &e)) {
        /* "Director and screenwriter X's new film": one maker, both crafts */
        int p;
        size_t l = name_at(x, k, &p);
        if (!l || !(x->tflag[k + l - 1] & TF_POSS) || !fx_is_person(x, p) ||
            x->people[p].words < 2 || (x->people[p].roles & (R_ACTOR | R_CHARACTER)))
            return 0;
        int rc = fx_emit_role(x, p1, r1, p, -2, i, k + l, 0.8);
        if (!rc && strcmp(p1, p2)) rc = fx_emit_role(x, p2, r2, p, -2, i, k + l, 0.8);
        return rc;
    }
    int rc = fx_credit_items(x, k, p1, r1, 0, 0.8);
    if (!rc && strcmp(p1, p2)) rc = fx_credit_items(x, k, p2, r2, 0, 0.8);
    return rc;
}

/* "X, who also wrote, edited and produced the movie" */
int fx_who_verbs(fx *x, size_t i)
{
    if (!tis(x, i, "who") || i < x->sa + 2 || !tpunct(x, i - 1, ",")) return 0;
    size_t ns;
    int p;
    if (!name_before(x, i - 1, &ns, &p) || !fx_is_person(x, p) ||
        (x->people[p].roles & R_CHARACTER))
        return 0;
    size_t k = i + 1;
    if (tis(x, k, "also")) k++;
    const char *preds[6];
    size_t n = 0;
    while (k < x->sb && n < 6) {
        const char *pr = fx_verb_pred(x, k);
        if (!pr) break;
        preds[n++] = pr;
        k++;
        if (tpunct(x, k, ",")) k++;
        if (tis(x, k, "and")) k++;
    }
    if (!n) return 0;
    size_t fl = 0;
    if (x->tok[k].kind == REEL_TOK_PUNCT && !tpunct(x, k, ",") && !tpunct(x, k, ".") &&
        (x->tflag[k + 1] & (TF_SUBJECT | TF_FILM)))
        k++; /* “Nomadland” */
    int f = film_at(x, k, &fl);
    if (f < -1) {
        if ((tis(x, k, "the") || tis(x, k, "this")) &&
            (tis(x, k + 1, "film") || tis(x, k + 1, "movie")))
            fl = 2, f = -2;
        else if (tis(x, k, "it"))
            fl = 1, f = -2;
        else if (n == 1 && tpunct(x, k - 1, ",") && k >= i + 3 && fx_verb_pred(x, k - 2))
            f = -2, fl = 0, k--; /* "Peele, who wrote, never appears": the film */
        else
            return 0;
    }
    int rc = 0;
    for (size_t m = 0; m < n && !rc; m++)
        rc = fx_emit_role(x, preds[m], fx_role_of_pred(preds[m]), p, f, ns, k + fl, 0.8);
    return rc;
}

/* "led by A, B and C", "played alongside A and B", "co-starring with A":
 * the people a cast is led by or an actor works beside */
int fx_led_by(fx *x, size_t i)
{
    size_t j;
    int a = -1;
    size_t al = 0;
    /* "the film casts A opposite B": both */
    if (tis(x, i, "casts") && (al = name_at(x, i + 1, &a)) &&
        tis(x, i + 1 + al, "opposite") && !(x->tflag[i + al] & TF_POSS)) {
        if (!fx_is_person(x, a) || (x->people[a].roles & R_CHARACTER)) return 0;
        int rc = fx_emit_cast(x, a, NULL, 0, -2, i + 1, i + 1 + al, 0.75);
        if (rc) return rc;
        j = i + 2 + al;
        size_t end;
        if (!fx_list_len(x, j, &end)) return 0;
        return fx_credit_items(x, j, "cast", R_ACTOR, 0, 0.75);
    }
    if ((tis(x, i, "led") || tis(x, i, "fronted") || tis(x, i, "headlined") ||
         tis(x, i, "anchored")) &&
        tis(x, i + 1, "by"))
        j = i + 2;
    else if ((tis(x, i, "played") || tis(x, i, "starred") || tis(x, i, "stars") ||
              tis(x, i, "acts") || tis(x, i, "co-stars") || tis(x, i, "co-starred") ||
              tis(x, i, "appears") || tis(x, i, "plays")) &&
             (tis(x, i + 1, "alongside") || tis(x, i + 1, "opposite")))
        j = i + 2;
    else
        return 0;
    size_t end;
    size_t n = fx_list_len(x, j, &end);
    /* "The Kim family is led by Ki-taek, played by ...": one name led by is
     * as often a character */
    if (!n || (n < 2 && tis(x, i, "led"))) return 0;
    /* "fairies, led by Oberon and Titania": a one-word name that is no
     * one's full name is as likely a character */
    int p;
    name_at(x, j, &p);
    if (x->people[p].words < 2) return 0;
    return fx_credit_items(x, j, "cast", R_ACTOR, 0, 0.75);
}

/* "Charlize Theron's Imperator Furiosa": an actor's possessive before a
 * name already known as a character (stage 1) */
int fx_poss_character(fx *x, size_t i)
{
    int p, c;
    size_t l = name_at(x, i, &p);
    if (!l || !(x->tflag[i + l - 1] & TF_POSS) || !fx_is_person(x, p)) return 0;
    if (x->people[p].words < 2 ||
        (x->people[p].roles & (R_CHARACTER | R_DIRECTOR | R_WRITER | R_CREW | R_AUTHOR)))
        return 0;
    size_t j = i + l;
    if (is_apos_tok(x, j)) j++;
    size_t cl = name_at(x, j, &c);
    if (!cl || c == p || !(x->people[c].roles & R_CHARACTER) ||
        (x->tflag[j + cl - 1] & TF_POSS))
        return 0;
    /* the possessor must be known as an actor: "the Spy Bureau's Dubois"
     * is an organisation's man */
    if (!(x->people[p].roles & R_ACTOR)) {
        int full = -1;
        size_t kl0 = strlen(x->people[p].key);
        for (size_t k = 0; k < x->npeople && k < 512; k++) {
            const fx_person *r = &x->people[k];
            size_t rl = strlen(r->key);
            if ((int)k != p && (r->roles & R_ACTOR) && rl > kl0 + 1 &&
                !strcmp(r->key + rl - kl0, x->people[p].key) &&
                r->key[rl - kl0 - 1] == ' ')
                full = (int)k;
        }
        if (full < 0) return 0;
    }
    /* "De Niro's Sheeran": the full name of an actor the article gave */
    size_t kl = strlen(x->people[p].key);
    for (size_t k = 0; k < x->npeople && k < 512 && !(x->people[p].roles & R_ACTOR);
         k++) {
        const fx_person *r = &x->people[k];
        size_t rl = strlen(r->key);
        if ((int)k != p && (r->roles & R_ACTOR) && rl > kl + 1 &&
            !strcmp(r->key + rl - kl, x->people[p].key) && r->key[rl - kl - 1] == ' ') {
            p = (int)k;
            break;
        }
    }
    const char *q;
    size_t qn;
    fx_char_text(x, c, j, j + cl, &q, &qn);
    return fx_emit_cast(x, p, q, qn, -2, i, j + cl, 0.7);
}

/* "Edward H. Hamm is also a producer", "Ed Guiney, producer of The
 * Favourite": a person said to hold a craft, of the film named after it
 * or the sentence's */
int fx_is_role(fx *x, size_t i)
{
    size_t rl;
    unsigned role;
    const char *pred = role_noun(x, i, &rl, &role);
    if (!pred || !strcmp(pred, "cast") || i < x->sa + 2) return 0;
    size_t e = i + rl, ns;
    int p, film = -2;
    if ((tis(x, e, "of") || tis(x, e, "on")) &&
        (x->tflag[e + 1] & TF_FILM_START || x->tflag[e + 1] & TF_SUBJECT)) {
        size_t fl;
        film = film_at(x, e + 1, &fl);
        if (film < -1) film = -2;
    } else if (tis(x, e, "of") || tis(x, e, "for") || tis(x, e, "at")) {
        return 0; /* "producer of a podcast", "editor at Variety" */
    }
    size_t k = i - 1;
    if (tpunct(x, k, ",")) {
        /* "Ed Guiney, producer of The Favourite" */
        if (film == -2) return 0;
        if (!name_before(x, k, &ns, &p)) return 0;
    } else {
        if (!(tis(x, k, "a") || tis(x, k, "an") || tis(x, k, "the"))) return 0;
        k--;
        if (k > x->sa && tis(x, k, "also")) k--;
        if (!(tis(x, k, "is") || tis(x, k, "was")) || k <= x->sa) return 0;
        if (!name_before(x, k, &ns, &p)) return 0;
    }
    if ((x->tflag[ns + x->name_len[ns] - 1] & TF_POSS) || !fx_is_person(x, p) ||
        (x->people[p].roles & R_CHARACTER))
        return 0;
    return fx_emit_role(x, pred, role, p, film, ns, e, 0.75);
}

/* "ZENDAYA as Chani", "TOM HARDY as Max": a press-notes cast line with the
 * names in capitals, which the name finder leaves alone */
int fx_caps_as(fx *x, size_t i)
{
    if (i != x->sa && !tpunct(x, i - 1, ",") && !tpunct(x, i - 1, ";") &&
        !tpunct(x, i - 1, ")") && !tpunct(x, i - 1, ":") && !tis(x, i - 1, "and"))
        return 0;
    size_t k = i;
    while (k < x->sb && k < i + 4 && x->tok[k].kind == REEL_TOK_WORD && tcap(x, k)) {
        const char *s = tstr(x, k);
        size_t n = tlen(x, k), up = 0, let = 0;
        for (size_t c = 0; c < n; c++)
            if (isalpha((unsigned char)s[c]))
                let++, up += isupper((unsigned char)s[c]) != 0;
        if (let < 2 || up != let) break;
        k++;
    }
    if (k == i || !tis(x, k, "as") || tk(x, i, M_LABEL | M_NOTNAME)) return 0;
    int cp;
    size_t cl = name_at(x, k + 1, &cp);
    if (!cl || (x->tflag[k + cl] & TF_POSS)) return 0;
    /* the name as a reader writes it: "ZENDAYA" → "Zendaya" */
    buf b;
    buf_init(&b);
    for (size_t t = i; t < k; t++) {
        const char *s = tstr(x, t);
        size_t n = tlen(x, t);
        if (b.len) buf_putc(&b, ' ');
        for (size_t c = 0; c < n; c++) {
            int first = c == 0 || s[c - 1] == '-' || s[c - 1] == '\'';
            unsigned char u = (unsigned char)s[c];
            /* "É" (C3 89) → "é" (C3 A9): Latin-1 capitals in UTF-8 */
            if (u == 0xC3 && c + 1 < n && !first) {
                unsigned char v = (unsigned char)s[c + 1];
                buf_putc(&b, (char)u);
                buf_putc(&b, (char)(v >= 0x80 && v <= 0x9E && v != 0x97 ? v + 0x20 : v));
                c++;
                continue;
            }
            buf_putc(&b, (char)(first ? u : tolower(u)));
        }
    }
    if (b.oom) {
        buf_free(&b);
        return REEL_ENOMEM;
    }
    const char *q;
    size_t qn;
    person_role(x, cp, R_CHARACTER);
    fx_char_text(x, cp, k + 1, k + 1 + cl, &q, &qn);
    int rc = fx_emit(x, "cast", b.data, b.len, NULL, q, qn, -2, x->tok[i].span.start,
                     x->tok[k + cl].span.end, 0.75);
    buf_free(&b);
    return rc;
}

/* A list of two or more names ending right before token i: its start, or
 * (size_t)-1. */
static size_t list_before(fx *x, size_t i, size_t *count)
{
    size_t s = i, n = 0, ns;
    int p;
    while (s > x->sa && name_before(x, s, &ns, &p) && !(x->tflag[s - 1] & TF_POSS)) {
        /* "Finally, Trevante Rhodes as ...": one capitalised word opening
         * the sentence is no name of the list */
        if (ns == x->sa && x->people[p].words < 2) break;
        n++;
        s = ns;
        size_t b = s;
        if (b > x->sa && (tis(x, b - 1, "and") || tpunct(x, b - 1, "&"))) b--;
        if (b > x->sa && tpunct(x, b - 1, ",")) b--;
        if (b == s || !name_before(x, b, &ns, &p)) break;
        s = b;
    }
    *count = n;
    return n ? s : (size_t)-1;
}

/* "A, B and C in smaller but pivotal parts", "A and B in the lead roles",
 * "A, B and C as Fern's mentors": a list and the parts it plays */
int fx_list_parts(fx *x, size_t i)
{
    size_t n, s, ns0;
    int p0;
    /* a name must end right before: most "in" and "as" have none */
    if (i <= x->sa || !name_before(x, i, &ns0, &p0)) return 0;
    if (tis(x, i, "in")) {
        size_t k = i + 1, end = i + 6;
        int part = 0;
        for (; k < x->sb && k < end; k++) {
            if (tis(x, k, "role") || tis(x, k, "roles") || tis(x, k, "part") ||
                tis(x, k, "parts") || tis(x, k, "lead") || tis(x, k, "leads")) {
                part = 1;
                break;
            }
            if (!tlower(x, k) || (tin(x, k, fx_stops) && !tis(x, k, "the") &&
                                  !tis(x, k, "but") && !tis(x, k, "and")))
                break;
        }
        if (!part) return 0;
        s = list_before(x, i, &n);
        if (s == (size_t)-1) return 0;
    } else if (tis(x, i, "as")) {
        s = list_before(x, i, &n);
        if (s == (size_t)-1 || n < 2) return 0;
        /* "A and B as the wealthy Parks" is the same as one role shared:
         * the list is cast, with no character each */
    } else {
        return 0;
    }
    /* the list opens its clause: "plus A, B and C in ...", "with A and B";
     * after a preposition that takes a title ("a small part in Asako, and
     * A as ...") its first name is that title */
    static const char *const title_preps[] = {"in", "from",  "since", "on",
                                              "at", "about", NULL};
    if (!(s == x->sa || tpunct(x, s - 1, ",") || tis(x, s - 1, "plus") ||
          tis(x, s - 1, "with") || tis(x, s - 1, "and") || tpunct(x, s - 1, ":") ||
          (tlower(x, s - 1) && !tin(x, s - 1, title_preps))))
        return 0;
    int rc = 0;
    size_t k = s;
    for (size_t m = 0; m < n && !rc; m++) {
        int p;
        size_t l = name_at(x, k, &p);
        if (!l) break;
        /* a film the article names is no player */
        if (!(x->people[p].roles & (R_CHARACTER | R_DIRECTOR | R_WRITER | R_CREW)) &&
            !fx_titled(x, k, k + l))
            rc = fx_emit_cast(x, p, NULL, 0, -2, k, k + l, 0.7);
        k += l;
        if (tpunct(x, k, ",")) k++;
        if (tis(x, k, "and") || tpunct(x, k, "&")) k++;
    }
    return rc;
}

/* "Caleb Landry Jones aces his role as Rose's brother", "Colin Farrell,
 * who won a Golden Globe for his role in the film": the person the
 * clause opens with plays a part */
int fx_his_role(fx *x, size_t i)
{
    if (!tis(x, i, "role") || i < x->sa + 2) return 0;
    if (!(tis(x, i - 1, "his") || tis(x, i - 1, "her") || tis(x, i - 1, "their")))
        return 0;
    int in_film =
        tis(x, i + 1, "in") && ((x->tflag[i + 2] & TF_SUBJECT) ||
                                ((tis(x, i + 2, "the") || tis(x, i + 2, "this")) &&
                                 (tis(x, i + 3, "film") || tis(x, i + 3, "movie"))));
    if (!tis(x, i + 1, "as") && !in_film) return 0;
    /* the nearest person before, within reach */
    size_t k = i, ns = 0;
    int p = -1, found = 0;
    for (; k > x->sa && k + 12 > i && !found; k--) {
        if (!name_before(x, k, &ns, &p)) continue;
        /* "won a Golden Globe for his role": an award is nobody */
        int award = 0;
        for (size_t t = ns; t < k; t++)
            award |= tk(x, t, M_ABODY | M_FEST) != 0;
        if (!award) found = 1;
        k = ns + 1;
    }
    if (found) {
        k = ns;
        size_t l = x->name_len[k];
        if ((x->tflag[k + l - 1] & TF_POSS) || !fx_is_person(x, p) ||
            x->people[p].words < 2 ||
            (x->people[p].roles & (R_CHARACTER | R_DIRECTOR | R_WRITER | R_CREW)))
            return 0;
        const char *q = NULL;
        size_t qn = 0, cs, ce;
        int cp;
        if (tis(x, i + 1, "as") && fx_char_after_as(x, i + 2, &cs, &ce, &cp) && cp != p) {
            person_role(x, cp, R_CHARACTER);
            fx_char_text(x, cp, cs, ce, &q, &qn);
        }
        return fx_emit_cast(x, p, q, qn, -2, k, i + 2, 0.7);
    }
    return 0;
}
