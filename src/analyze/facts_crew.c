/* facts_crew.c — who made the film: "directed by", "written and directed
 * by", "music by", "the cinematography of X", "composer X", "X's script",
 * "X directed TITLE", "Song, a playwright, wrote the screenplay", "which
 * he wrote and directed", "the script he wrote with X", "X's directorial
 * debut", "A and B, whose screenplay", and, once roles are known, "X's
 * new film", "an X film", "the director". Each pattern starts at one
 * token; facts_people.c dispatches them.
 */
#include "facts.h"
#include "subject.h"

/* "directed by A", "written and directed by A and B", "music by A" */
/* "the Mexican production “Roma” directed by", "White Noise, directed by":
 * a title (quoted, or a capitalised run before a comma) right before the
 * craft verb at v is the film credited; its index (-1 the subject), or -2
 * when there is none. A person's name there is no title. */
static int title_before(fx *x, size_t v)
{
    if (v < x->sa + 2) return -2;
    size_t t = v - 1;
    int quoted = 0, comma = 0;
    if (tpunct(x, t, ",")) t--, comma = 1;
    if (t > x->sa && (tpunct(x, t, "\xE2\x80\x9D") || tpunct(x, t, "\"")))
        t--, quoted = 1;
    if (!quoted && !comma) return -2;
    if (!tcap(x, t) && x->tok[t].kind != REEL_TOK_NUMBER) return -2;
    size_t st = t;
    while (st > x->sa && t - st < FX_MAX_TITLE &&
           (tcap(x, st - 1) || x->tok[st - 1].kind == REEL_TOK_NUMBER ||
            ((tis(x, st - 1, "of") || tis(x, st - 1, "the") || tis(x, st - 1, "and")) &&
             st - 1 > x->sa && tcap(x, st - 2))))
        st--;
    if (quoted && !(tpunct(x, st - 1, "\xE2\x80\x9C") || tpunct(x, st - 1, "\"")))
        return -2;
    /* a comma title starts its clause: "novel, White Noise, directed by" */
    if (!quoted && st > x->sa && !tpunct(x, st - 1, ",") && !tpunct(x, st - 1, "(") &&
        !tpunct(x, st - 1, ":"))
        return -2;
    for (size_t k = st; k <= t; k++) {
        if (x->tflag[k] & TF_SUBJECT) return -1;
        int p;
        if (name_at(x, k, &p) && fx_is_person(x, p) && x->people[p].words >= 2 &&
            ((x->people[p].first &&
              subject_first_name(x->people[p].first, x->people[p].first_len)) ||
             (x->people[p].roles & ~(unsigned)R_CHARACTER)))
            return -2;
        if (tk(x, k, M_DEMONYM | M_LANG | M_NOTNAME) && !(x->tflag[k] & TF_FILM))
            return -2;
    }
    if (x->tflag[st] & TF_FILM_START) {
        size_t fl;
        int f = film_at(x, st, &fl);
        return f >= -1 ? f : -2;
    }
    int f = fx_add_film(x, st, t + 1);
    if (x->oom) return -2;
    return f;
}

int fx_by_pattern(fx *x, size_t i)
{
    if (!tis(x, i, "by") && !tis(x, i, "of")) return 0;
    if (i == x->sa) return 0;
    const char *p1 = fx_by_pred(x, i - 1), *p2 = NULL;
    /* "written for the screen by" */
    size_t v = i - 1;
    if (!p1 && i >= x->sa + 4 && tis(x, i - 1, "screen") && tis(x, i - 2, "the") &&
        tis(x, i - 3, "for")) {
        v = i - 4;
        p1 = fx_by_pred(x, v);
    }
    /* "with story by A and B", "screenplay by A, story by B": the story
     * credit; not "a (short) story by", which names a source's author */
    if (!p1 && tis(x, i - 1, "story") && !tis(x, i, "of") &&
        (i - 1 == x->sa || tpunct(x, i - 2, ",") || tpunct(x, i - 2, ";") ||
         tpunct(x, i - 2, ":") || tis(x, i - 2, "with") || tis(x, i - 2, "and")))
        p1 = "writer";
    if (!p1) return 0;
    int of = tis(x, i, "of");
    /* "of" only with nouns of craft: "the cinematography of José Luis Alcaine" */
    if (of && !(tis(x, i - 1, "cinematography") || tis(x, i - 1, "camerawork") ||
                tis(x, i - 1, "score") || tis(x, i - 1, "music")))
        return 0;
    if (v >= x->sa + 2 && tis(x, v - 1, "and")) p2 = fx_by_pred(x, v - 2);
    if (!strcmp(p1, "cast")) return 0; /* "starring by" is no English */
    int p;
    size_t at = i + 1;
    size_t l = name_at(x, at, &p);
    if (!l && !of) {
        /* "the camerawork by Irish cinematographer Robbie Ryan": a
         * nationality and a word or two before the name */
        size_t k = at;
        if (tk(x, k, M_DEMONYM)) k++;
        while (k < x->sb && k < at + 3 && tlower(x, k) && !tin(x, k, fx_stops))
            k++;
        if (k > at && (l = name_at(x, k, &p)) && fx_is_person(x, p) &&
            x->people[p].words >= 2)
            at = k;
        else
            l = 0;
    }
    if (!l) {
        /* "produced by El Deseo": an organisation */
        return 0;
    }
    /* "story by Bruce Geller's heirs": the name is not the credit */
    if (x->tflag[at + l - 1] & TF_POSS) return 0;
    if (!fx_is_person(x, p)) {
        if (!strcmp(p1, "producer") && !of) {
            const char *s;
            size_t n;
            fx_run_text(x, at, at + l, &s, &n);
            return fx_emit(x, "studio", s, n, NULL, NULL, 0, -2, x->tok[i - 1].span.start,
                           x->tok[at + l - 1].span.end, 0.7);
        }
        return 0;
    }
    int film = of ? -2 : title_before(x, p2 ? v - 2 : v);
    int rc = fx_name_list(x, at, p1, fx_role_of_pred(p1), film, 0.9);
    if (!rc && p2) rc = fx_name_list(x, at, p2, fx_role_of_pred(p2), film, 0.9);
    return x->oom ? REEL_ENOMEM : rc;
}

/* "director Pedro Almodóvar", "Composer Alberto Iglesias",
 * "writer-director Pedro Almodóvar" */
int fx_role_name(fx *x, size_t i)
{
    size_t rl;
    unsigned role;
    const char *pred = role_noun(x, i, &rl, &role);
    if (!pred) return 0;
    size_t j = i + rl;
    if (j >= x->sb || x->tok[j].span.start != x->tok[j - 1].span.end + 1) return 0;
    int p;
    /* "her co-writer and partner Noah Baumbach" */
    if (tis(x, j, "and") && tlower(x, j + 1) && !tin(x, j + 1, fx_stops) &&
        !role_noun(x, j + 1, &(size_t){0}, &(unsigned){0}) && x->person_at[j + 2] >= 0)
        j += 2;
    size_t l = name_at(x, j, &p);
    if (!l || !fx_is_person(x, p)) return 0;
    /* "actor Antonio Banderas": a real person, an actor, not necessarily in
     * this film; only the crafts behind the camera say the film */
    if (!strcmp(pred, "cast")) return 0; /* "Broadway star Sally": maybe a character */
    /* "“Monsoon Wedding” director Mira Nair": a quoted title before the
     * role is another film's */
    if (i > x->sa && x->tok[i - 1].kind == REEL_TOK_PUNCT && !tpunct(x, i - 1, ",") &&
        !tpunct(x, i - 1, "(") && !tpunct(x, i - 1, ":") && !tpunct(x, i - 1, ".") &&
        !(i > x->sa + 1 && (x->tflag[i - 2] & TF_SUBJECT)))
        return 0;
    /* "director Yusuke Kafuku (Hidetoshi Nishijima)": an actor in brackets
     * after the name makes it a character's */
    {
        int a;
        size_t al;
        if (tpunct(x, j + l, "(") && (al = name_at(x, j + l + 1, &a)) &&
            tpunct(x, j + l + 1 + al, ")"))
            return 0;
    }
    /* "director Alfonso Cuarón for Roma": the title after is his */
    if (tis(x, j + l, "for") && tcap(x, j + l + 1) && !(x->tflag[j + l + 1] & TF_SUBJECT))
        return 0;
    /* "writer Haruki Murakami's short story": the author of the source */
    if ((x->tflag[j + l - 1] & TF_POSS) && !strcmp(pred, "writer")) {
        person_role(x, p, R_AUTHOR);
        return 0;
    }
    return fx_emit_role(x, pred, role, p, -2, i, j + l, 0.8);
}

/* "Name's [adjectives] script": a craft credited by possessive */
int fx_poss_work(fx *x, size_t i)
{
    int p;
    size_t l = name_at(x, i, &p);
    if (!l || !(x->tflag[i + l - 1] & TF_POSS) || !fx_is_person(x, p)) return 0;
    if (x->people[p].roles & R_CHARACTER) return 0;
    size_t j = i + l;
    if (is_apos_tok(x, j)) j++;
    for (size_t k = j; k < j + 4 && k < x->sb; k++) {
        for (size_t w = 0; fx_works[w].word; w++)
            if (tis(x, k, fx_works[w].word))
                return fx_emit_role(x, fx_works[w].pred,
                                    fx_role_of_pred(fx_works[w].pred), p, -2, i, k + 1,
                                    0.75);
        /* "Hans Zimmer's ominous, ethereal score" */
        if (tpunct(x, k, ",") || tis(x, k, "and")) continue;
        if (!tlower(x, k) || tin(x, k, fx_stops)) break;
    }
    return 0;
}

/* "The prize went to A and B, whose screenplay ...": the writers, named
 * before the clause; not "whose script for Other Film" */
int fx_whose_script(fx *x, size_t i)
{
    if (!tis(x, i, "whose") || i < x->sa + 2 || !tpunct(x, i - 1, ",")) return 0;
    size_t w = i + 1;
    if (tis(x, w, "original") || tis(x, w, "adapted") || tis(x, w, "winning")) w++;
    if (!(tis(x, w, "screenplay") || tis(x, w, "script"))) return 0;
    if (tis(x, w + 1, "for") || tis(x, w + 1, "of")) return 0;
    /* walk the list back: NAME ((, NAME)* ,? and NAME) , whose */
    size_t s = i - 1, ns, n = 0;
    int p;
    while (s > x->sa && n < 6 && name_before(x, s, &ns, &p) && fx_is_person(x, p) &&
           !(x->tflag[s - 1] & TF_POSS) && !(x->people[p].roles & R_CHARACTER)) {
        n++;
        s = ns;
        size_t b = s;
        if (b > x->sa && (tis(x, b - 1, "and") || tpunct(x, b - 1, "&"))) b--;
        if (b > x->sa && tpunct(x, b - 1, ",")) b--;
        if (b == s) break;
        s = b;
    }
    if (!n) return 0;
    while (s < x->sb && x->person_at[s] < 0)
        s++; /* a dangling "and" */
    return fx_name_list(x, s, "writer", R_WRITER, -2, 0.75);
}

/* "the script he wrote with Eric Roth": the co-writer */
int fx_wrote_with(fx *x, size_t i)
{
    if (!(tis(x, i, "wrote") || tis(x, i, "co-wrote") || tis(x, i, "written") ||
          tis(x, i, "co-written")) ||
        !tis(x, i + 1, "with"))
        return 0;
    int p;
    size_t l = name_at(x, i + 2, &p);
    if (!l || (x->tflag[i + 1 + l] & TF_POSS) || !fx_is_person(x, p) ||
        (x->people[p].roles & R_CHARACTER))
        return 0;
    /* the work must be this film's: "the script he wrote with X", "the
     * film, which she co-wrote with X"; not "2016's Keanu (which he
     * co-wrote with X)" */
    int work = 0;
    for (size_t k = i; k-- > x->sa && k + 6 > i;) {
        if (tpunct(x, k, "(")) return 0;
        if (x->tflag[k] & TF_SUBJECT) work = 1;
        if (tis(x, k, "script") || tis(x, k, "screenplay") ||
            ((tis(x, k, "film") || tis(x, k, "movie")) && k > x->sa &&
             (tis(x, k - 1, "the") || tis(x, k - 1, "this"))))
            work = 1;
    }
    if (!work) return 0;
    return fx_emit_role(x, "writer", R_WRITER, p, -2, i, i + 2 + l, 0.7);
}

/* "Jordan Peele ... his directorial debut", "Gerwig's directorial
 * effort": the person whose directing it is */
int fx_directorial(fx *x, size_t i)
{
    if (!tis(x, i, "directorial") || i <= x->sa) return 0;
    if (!(tis(x, i + 1, "debut") || tis(x, i + 1, "effort") || tis(x, i + 1, "feature") ||
          tis(x, i + 1, "return") || tis(x, i + 1, "outing")))
        return 0;
    int p = -1;
    size_t ps = i;
    if ((x->tflag[i - 1] & TF_POSS) || is_apos_tok(x, i - 1)) {
        /* "Gerwig's directorial effort": the name ends at the possessive */
        if (!name_before(x, is_apos_tok(x, i - 1) ? i - 1 : i, &ps, &p)) return 0;
    } else if (tis(x, i - 1, "his") || tis(x, i - 1, "her")) {
        /* the nearest full name before, in the sentence */
        for (size_t k = i - 1; k > x->sa && p < 0; k--) {
            size_t ns;
            int q;
            if (name_before(x, k, &ns, &q) && x->people[q].words > 1 &&
                !(x->people[q].roles & (R_CHARACTER | R_ACTOR)))
                p = q, ps = ns;
        }
        if (p < 0) return 0;
    } else {
        return 0;
    }
    if (!fx_is_person(x, p) || (x->people[p].roles & R_CHARACTER)) return 0;
    return fx_emit_role(x, "director", R_DIRECTOR, p, -2, ps, i + 2, 0.75);
}

/* ---------------- stage 1: needs roles known ---------------- */

/* "Pedro Almodóvar's Pain and Glory", "Almodóvar's richly self-reflexive
 * drama", "Almodóvar's brilliant new film": a possessive before the film is
 * its maker. */
static const char *const source_nouns[] = {
    "novel",  "book",  "books",   "novels",     "play",        "short",
    "memoir", "comic", "comics",  "bestseller", "best-seller", "novella",
    "manga",  "saga",  "stories", NULL};

int fx_poss_film(fx *x, size_t i)
{
    int p;
    size_t l = name_at(x, i, &p);
    if (!l || !(x->tflag[i + l - 1] & TF_POSS) || !fx_is_person(x, p)) return 0;
    if (x->people[p].roles & (R_ACTOR | R_CHARACTER | R_AUTHOR)) return 0;
    if (x->people[p].words < 2 && !(x->people[p].roles & R_DIRECTOR)) return 0;
    size_t j = i + l;
    if (is_apos_tok(x, j)) j++;
    size_t k = j, n = 0;
    int genre = 0;
    while (k < x->sb && n < 6) {
        /* "Frank Herbert's science-fiction novel Dune": the book's author */
        if (tin(x, k, source_nouns)) {
            person_role(x, p, R_AUTHOR);
            return 0;
        }
        if (x->tflag[k] & TF_FILM_START) {
            size_t fl;
            int f = film_at(x, k, &fl);
            return fx_emit_role(x, "director", R_DIRECTOR, p, f, i, k + fl, 0.75);
        }
        if (tin(x, k, fx_kin)) return 0;
        if (tin(x, k, fx_genre_nouns)) {
            genre = 1;
            k++, n++;
            continue;
        }
        /* a Title Case headline: "X's Space Epic Is Full Of Spectacle" */
        if ((tlower(x, k) && !tin(x, k, fx_stops)) || tpunct(x, k, ",") ||
            (x->sent_heading && tcap(x, k) && !(x->tflag[k] & (TF_FILM | TF_SUBJECT)) &&
             !subject_first_name(tfold(x, k), strlen(tfold(x, k))))) {
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
        while (st < e && !tcap(x, st))
            st++;
        if (st < e && (x->tflag[st] & TF_FILM_START)) {
            size_t fl;
            int f = film_at(x, st, &fl);
            return fx_emit_role(x, "director", R_DIRECTOR, p, f, i, k, 0.7);
        }
        if (st < e && !(x->tflag[st] & (TF_SUBJECT | TF_FILM))) {
            int f = fx_add_film(x, st, e);
            if (x->oom) return REEL_ENOMEM;
            return f >= 0 ? fx_emit_role(x, "director", R_DIRECTOR, p, f, i, k, 0.65) : 0;
        }
    }
    /* "X's film" with no title: a maker named once, with no other sign of
     * directing, is as likely another film's ("Colm Bairéad's film") */
    const fx_person *q = &x->people[p];
    if (!(q->roles & R_DIRECTOR) && q->mentions + q->last_alone + q->first_alone < 2)
        return 0;
    return fx_emit_role(x, "director", R_DIRECTOR, p, -2, i, k, 0.7);
}

/* "an Almodóvar film", "a Spike Lee joint" */
int fx_name_film(fx *x, size_t i)
{
    if (i == x->sa ||
        !(tis(x, i - 1, "a") || tis(x, i - 1, "an") || tis(x, i - 1, "another") ||
          tis(x, i - 1, "latest") || tis(x, i - 1, "classic")))
        return 0;
    int p;
    size_t l = name_at(x, i, &p);
    if (!l || (x->tflag[i + l - 1] & TF_POSS) || !fx_is_person(x, p)) return 0;
    if (!(tis(x, i + l, "film") || tis(x, i + l, "movie") || tis(x, i + l, "joint") ||
          tis(x, i + l, "picture") || tis(x, i + l, "production")))
        return 0;
    if (x->people[p].roles & (R_ACTOR | R_CHARACTER | R_CREW)) return 0;
    /* "a Christmas movie", "a Marvel film": one word that is nobody's
     * surname in the article is a kind of film, not its maker */
    if (x->people[p].words < 2 && !(x->people[p].roles & R_DIRECTOR)) return 0;
    return fx_emit_role(x, "director", R_DIRECTOR, p, -2, i - 1, i + l + 1, 0.7);
}

/* "the director", "the writer-director of X and Y", "the actor": the
 * person last named in that role (or any real person, for the director). */
int fx_role_anaphor(fx *x, size_t i)
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
    if (ante < 0 || !fx_is_person(x, ante)) return 0;
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
            rc = fx_emit_role(x, pred, role, ante, f, i, k + fl, 0.6);
            k += fl;
            if (tpunct(x, k, ",")) k++;
            if (tis(x, k, "and")) k++;
        }
        return rc;
    }
    if (tis(x, e, "of")) return 0; /* the director of something else */
    if (!strcmp(pred, "cast")) return fx_emit_cast(x, ante, NULL, 0, -2, i, e, 0.55);
    return fx_emit_role(x, pred, role, ante, -2, i, e, 0.55);
}

const char *fx_verb_pred(const fx *x, size_t v)
{
    if (tis(x, v, "directed") || tis(x, v, "directs") || tis(x, v, "helmed") ||
        tis(x, v, "co-directed"))
        return "director";
    if (tis(x, v, "wrote") || tis(x, v, "co-wrote") || tis(x, v, "writes") ||
        tis(x, v, "penned"))
        return "writer";
    if (tis(x, v, "shot") || tis(x, v, "lensed")) return "cinematographer";
    if (tis(x, v, "scored")) return "composer";
    if (tis(x, v, "produced") || tis(x, v, "co-produced")) return "producer";
    if (tis(x, v, "edited")) return "editor";
    return NULL;
}

/* "NAME directed TITLE", "NAME wrote and directed the film", "NAME
 * directs with total control" */
int fx_name_verb(fx *x, size_t i)
{
    int p;
    size_t l = name_at(x, i, &p);
    if (!l || (x->tflag[i + l - 1] & TF_POSS) || !fx_is_person(x, p)) return 0;
    size_t v = i + l;
    if (tis(x, v, "also")) v++;
    const char *pred = fx_verb_pred(x, v), *pred2 = NULL;
    if (!pred) return 0;
    if (tis(x, v + 1, "by")) return 0; /* "X DIRECTED BY: Y": a label after X */
    size_t o = v + 1;
    if (tis(x, o, "and") && (pred2 = fx_verb_pred(x, o + 1))) o += 2;
    size_t fl = 0;
    int f = film_at(x, o, &fl);
    double conf = 0.85;
    if (f < -1) {
        f = -2;
        if ((tis(x, o, "the") || tis(x, o, "this")) &&
            (tis(x, o + 1, "film") || tis(x, o + 1, "movie") ||
             tis(x, o + 1, "screenplay") || tis(x, o + 1, "script")))
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
    int rc = fx_emit_role(x, pred, fx_role_of_pred(pred), p, f, i, end, conf);
    if (!rc && pred2)
        rc = fx_emit_role(x, pred2, fx_role_of_pred(pred2), p, f, i, end, conf);
    return rc;
}

/* "Song, a playwright herself, wrote the screenplay": the verb after an
 * appositive; the name before it */
int fx_appositive_verb(fx *x, size_t i)
{
    const char *pred = fx_verb_pred(x, i);
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
    if (p < 0 || !fx_is_person(x, p) || (x->people[p].roles & R_CHARACTER)) return 0;
    size_t o = i + 1, fl = 0;
    int f = film_at(x, o, &fl);
    if (f < -1) {
        f = -2;
        if ((tis(x, o, "the") || tis(x, o, "this")) &&
            (tis(x, o + 1, "film") || tis(x, o + 1, "movie") ||
             tis(x, o + 1, "screenplay") || tis(x, o + 1, "script")))
            fl = 2;
        else if (tis(x, o, "it"))
            fl = 1;
        else
            return 0;
    }
    return fx_emit_role(x, pred, fx_role_of_pred(pred), p, f, ns, o + fl, 0.75);
}

/* "Oppenheimer, which he wrote and directed", "he directed it": the
 * verb after "he"/"she", the person last named in such a role */
int fx_pronoun_verb(fx *x, size_t i)
{
    const char *pred = fx_verb_pred(x, i), *pred2 = NULL;
    if (!pred || i <= x->sa) return 0;
    size_t v = i, h = i - 1;
    if (tis(x, h, "also") && h > x->sa) h--;
    if (!(tis(x, h, "he") || tis(x, h, "she"))) return 0;
    int rel = h > x->sa && (tis(x, h - 1, "which") || tis(x, h - 1, "that"));
    size_t o = v + 1;
    if (tis(x, o, "and") && (pred2 = fx_verb_pred(x, o + 1))) o += 2;
    size_t fl = 0;
    int f = film_at(x, o, &fl);
    if (f < -1) {
        f = -2;
        if ((tis(x, o, "the") || tis(x, o, "this")) &&
            (tis(x, o + 1, "film") || tis(x, o + 1, "movie")))
            fl = 2;
        else if (tis(x, o, "it"))
            fl = 1;
        else if (!rel)
            return 0;
    }
    unsigned want = !strcmp(pred, "director") || (pred2 && !strcmp(pred2, "director"))
                        ? R_DIRECTOR | R_WRITER
                        : fx_role_of_pred(pred);
    int p = antecedent(x, want, R_ACTOR | R_CHARACTER);
    if (p < 0 || !fx_is_person(x, p) || x->people[p].words < 2) {
        /* the most recent real person, by full name */
        if (p >= 0 && x->people[p].full >= 0) p = x->people[p].full;
        if (p < 0 || x->people[p].words < 2) return 0;
    }
    size_t end = o + fl > x->sb ? x->sb : o + fl;
    if (end <= h) end = i + 1;
    int rc = fx_emit_role(x, pred, fx_role_of_pred(pred), p, f, h, end, 0.6);
    if (!rc && pred2)
        rc = fx_emit_role(x, pred2, fx_role_of_pred(pred2), p, f, h, end, 0.6);
    return rc;
}
