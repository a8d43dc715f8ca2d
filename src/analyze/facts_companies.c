/* facts_companies.c — studios and distributors in the forms reviews and
 * news use beyond "distributed by" and "Studio:" (facts_misc.c): "a
 * Blumhouse production", "the A24 film", "Warner Bros.' Barbie", "a drama
 * from Element Pictures", "Searchlight Pictures will release it", "A24,
 * the studio behind it", "streams on Apple TV+", "Production Co:" and
 * "Streaming Platform:" lines. A company is told from a person by its
 * form (a digit, capitals, "Pictures", "Bros.") or by the noun after it.
 */
#include "facts.h"

#include <ctype.h>

/* words that make a capitalised run a company */
static const char *const org_words[] = {
    "pictures",      "films",       "studios",    "studio",
    "entertainment", "productions", "production", "bros",
    "media",         "classics",    "releasing",  "features",
    "distribution",  "originals",   "original",   "animation",
    "company",       "group",       "films'",     "pictures'",
    "tv+",           "plus",        NULL};

/* capitalised modifiers of "production", "film" that are no company */
static const char *const not_org[] = {
    "hollywood", "broadway", "bollywood", "christmas", "holiday", "summer", "western",
    "bond", "oscar", "studio", "netflix-style", "indie", "stage", "west", "end", "b", "a",
    "i", "european", "american",
    /* formats, not firms: "the Blu-ray release", "an IMAX release" */
    "blu-ray", "blu", "dvd", "imax", "4k", "uhd", "vod", "hd", "digital", "vhs", "3d",
    NULL};

/* A company's name at i: capitalised words, numbers, "&", "+", "Bros.";
 * up to five tokens. Returns its length. */
static size_t org_name(const fx *x, size_t i)
{
    size_t j = i;
    while (j < x->sb && j - i < 5) {
        if (j > i && x->tok[j].span.start != x->tok[j - 1].span.end + 1 &&
            !((tpunct(x, j, ".") || tpunct(x, j, "+")) && tadjacent(x, j)))
            break;
        if (tcap(x, j) || x->tok[j].kind == REEL_TOK_NUMBER ||
            (j > i && (tpunct(x, j, "&") || tpunct(x, j, "+"))) ||
            (tpunct(x, j, ".") && j > i && tis(x, j - 1, "bros"))) {
            j++;
            if (j > i && (x->tflag[j - 1] & TF_POSS)) break;
            continue;
        }
        break;
    }
    return j - i;
}

/* Does the run [a, b) look like a company by its form? */
static int org_form(const fx *x, size_t a, size_t b)
{
    for (size_t k = a; k < b; k++) {
        if (tin(x, k, org_words)) return 1;
        const char *s = tstr(x, k);
        size_t n = tlen(x, k), up = 0, dig = 0, let = 0;
        for (size_t c = 0; c < n; c++) {
            if (isdigit((unsigned char)s[c])) dig++;
            if (isalpha((unsigned char)s[c])) {
                let++;
                if (isupper((unsigned char)s[c])) up++;
            }
        }
        if (dig && let) return 1;            /* A24 */
        if (let >= 3 && up == let) return 1; /* HBO, MUBI */
        if (tpunct(x, k, "+")) return 1;     /* Apple TV+ */
    }
    return 0;
}

/* Is the run [a, b) a person, a place, a film or an award rather than a
 * company? */
static int not_company(fx *x, size_t a, size_t b)
{
    /* "Pictures" alone is a word, not a firm */
    size_t named = 0;
    for (size_t k = a; k < b; k++)
        named += x->tok[k].kind != REEL_TOK_PUNCT && !tin(x, k, org_words);
    if (!named) return 1;
    if (x->tflag[a] & (TF_SUBJECT | TF_FILM)) return 1;
    if (tk(x, a, M_DEMONYM | M_LANG | M_ABODY | M_FEST)) return 1;
    if (b == a + 1 && tin(x, a, not_org)) return 1;
    if (place_country(tfold(x, a)) || place_city_country(tfold(x, a))) return 1;
    int p;
    size_t l = name_at(x, a, &p);
    if (l && !org_form(x, a, b)) {
        /* "the Paul Thomas Anderson film", "a Scorsese picture" */
        if (x->people[p].words > 1 || x->people[person_resolve(x, p)].words > 1) return 1;
        if (x->people[p].roles & ~R_PERSON) return 1;
    }
    return 0;
}

static int emit_org(fx *x, const char *pred, size_t a, size_t b, size_t sa, size_t sb,
                    double conf)
{
    size_t s = x->tok[a].span.start, e = x->tok[b - 1].span.end;
    const char *t;
    size_t n;
    fx_run_text(x, a, b, &t, &n);
    e = s + n;
    /* the folded key keeps "+": "Apple TV+" and "Apple TV" differ in kind */
    char *k = reel_fold(t, n);
    if (!k) return REEL_ENOMEM;
    int rc = fx_emit(x, pred, t, n, k, NULL, 0, -2, x->tok[sa].span.start,
                     x->tok[sb - 1].span.end > e ? x->tok[sb - 1].span.end : e, conf);
    free(k);
    return rc;
}

/* "a [taut and creepy] Blumhouse production", "the A24 film", "a Netflix
 * original" */
static int article_org(fx *x, size_t i)
{
    size_t j = fx_skip_mods(x, i + 1, 4, 0);
    size_t l = org_name(x, j);
    if (!l || l > 4) return 0;
    size_t h = j + l;
    if (x->tflag[h - 1] & TF_POSS) return 0;
    int release = tis(x, h, "release") || tis(x, h, "releases");
    int production = tis(x, h, "production") || tis(x, h, "co-production");
    int work = tis(x, h, "film") || tis(x, h, "movie") || tis(x, h, "picture") ||
               tis(x, h, "title") || tis(x, h, "feature") || tis(x, h, "original") ||
               tis(x, h, "joint");
    if (!release && !production && !work) return 0;
    if (not_company(x, j, h)) return 0;
    if (work && !org_form(x, j, h)) return 0;
    return emit_org(x, release ? "distributor" : "studio", j, h, i, h + 1, 0.7);
}

/* "Warner Bros.' Barbie", "Legendary Pictures' action adventure" */
static int poss_org(fx *x, size_t i)
{
    if (i > x->sa && (tcap(x, i - 1) || x->tok[i - 1].kind == REEL_TOK_NUMBER)) return 0;
    size_t l = org_name(x, i);
    if (!l) return 0;
    size_t e = i + l, k = e;
    if (!(x->tflag[e - 1] & TF_POSS) && !(is_apos_tok(x, e) && tadjacent(x, e))) return 0;
    if (is_apos_tok(x, k)) k++;
    /* the possessive must own something in this sentence */
    if (k >= x->sb) return 0;
    if (!org_form(x, i, e) || not_company(x, i, e)) return 0;
    /* the film, or a genre noun within a few modifiers */
    int film = (x->tflag[k] & (TF_SUBJECT | TF_FILM)) != 0;
    if (!film && tis(x, k, "and")) {
        /* "Warner Bros. Pictures' and Legendary Pictures' action adventure" */
        size_t l2 = org_name(x, k + 1);
        if (!l2) return 0;
        size_t e2 = k + 1 + l2;
        if (!(x->tflag[e2 - 1] & TF_POSS) && !is_apos_tok(x, e2)) return 0;
        int rc = emit_org(x, "studio", k + 1, e2, k + 1, e2, 0.7);
        if (rc) return rc;
        k = e2 + (is_apos_tok(x, e2) ? 1 : 0);
        if (k >= x->sb) return 0;
    }
    for (size_t m = k; !film && m < x->sb && m < k + 4; m++) {
        if (tin(x, m, fx_genre_nouns) || tis(x, m, "adventure"))
            film = 1;
        else if (!tlower(x, m) && !tpunct(x, m, "-"))
            break;
    }
    if (!film) return 0;
    return emit_org(x, "studio", i, e, i, k + 1, 0.7);
}

/* "a drama from Element Pictures", "the adaptation from Legendary and
 * Warner Bros." */
static int from_org(fx *x, size_t i)
{
    if (i == x->sa) return 0;
    size_t h = i - 1;
    if (!(tin(x, h, fx_genre_nouns) || tis(x, h, "production") || tis(x, h, "release")))
        return 0;
    size_t j = i + 1, n = 0, ends[4], starts[4];
    int formed = 0;
    while (j < x->sb && n < 4) {
        size_t l = org_name(x, j);
        if (!l || not_company(x, j, j + l)) return 0;
        formed |= org_form(x, j, j + l);
        starts[n] = j;
        ends[n++] = j + l;
        j += l;
        if (tis(x, j, "and") || tpunct(x, j, "&"))
            j++;
        else
            break;
    }
    if (!n || !formed) return 0;
    int rc = 0;
    for (size_t k = 0; k < n && !rc; k++)
        rc = emit_org(x, "studio", starts[k], ends[k], i, ends[k], 0.7);
    return rc;
}

/* "Searchlight Pictures will release Nomadland" */
static int will_release(fx *x, size_t i)
{
    if (!(tis(x, i + 1, "release") || tis(x, i + 1, "distribute"))) return 0;
    size_t st = i;
    while (st > x->sa && i - st < 5 &&
           (tcap(x, st - 1) || x->tok[st - 1].kind == REEL_TOK_NUMBER ||
            tpunct(x, st - 1, "&") || (tpunct(x, st - 1, ".") && tis(x, st - 2, "bros"))))
        st--;
    if (st == i || !org_form(x, st, i) || not_company(x, st, i)) return 0;
    return emit_org(x, "distributor", st, i, st, i + 2, 0.75);
}

/* "A24, the studio behind Moonlight" */
static int org_apposition(fx *x, size_t i)
{
    if (!tis(x, i + 1, "the")) return 0;
    const char *pred = tis(x, i + 2, "studio") || tis(x, i + 2, "company") ||
                               tis(x, i + 2, "banner") || tis(x, i + 2, "label")
                           ? "studio"
                       : tis(x, i + 2, "distributor") ? "distributor"
                                                      : NULL;
    if (!pred || !(tis(x, i + 3, "behind") || tis(x, i + 3, "that"))) return 0;
    size_t st = i;
    while (st > x->sa && i - st < 5 &&
           (tcap(x, st - 1) || x->tok[st - 1].kind == REEL_TOK_NUMBER ||
            tpunct(x, st - 1, "&")))
        st--;
    if (st == i || not_company(x, st, i)) return 0;
    return emit_org(x, pred, st, i, st, i + 4, 0.75);
}

/* "streams on Apple TV+", "released on Netflix", "available on MUBI" */
static int stream_on(fx *x, size_t i)
{
    if (i == x->sa) return 0;
    size_t v = i - 1;
    if (!(tis(x, v, "stream") || tis(x, v, "streams") || tis(x, v, "streaming") ||
          tis(x, v, "released") || tis(x, v, "available") || tis(x, v, "exclusively") ||
          tis(x, v, "premieres") || tis(x, v, "arrives") || tis(x, v, "lands")))
        return 0;
    size_t l = org_name(x, i + 1);
    if (!l || not_company(x, i + 1, i + 1 + l)) return 0;
    /* "released on Friday", "released on July 4": days and months are no firms */
    static const char *const when[] = {
        "monday",   "tuesday",   "wednesday", "thursday",  "friday",  "saturday",
        "sunday",   "january",   "february",  "march",     "april",   "may",
        "june",     "july",      "august",    "september", "october", "november",
        "december", "christmas", "jan",       "feb",       "mar",     "apr",
        "jun",      "jul",       "aug",       "sept",      "sep",     "oct",
        "nov",      "dec",       "dvd",       "blu-ray",   NULL};
    if (tin(x, i + 1, when)) return 0;
    /* "Apple TV Plus": keep "Plus" */
    size_t e = i + 1 + l;
    return emit_org(x, "distributor", i + 1, e, v, e, 0.7);
}

/* "Production Co: A, B, C", "Streaming Platform: MUBI" */
static int org_label(fx *x, size_t i)
{
    const char *pred = NULL;
    size_t j;
    if (tis(x, i, "production") &&
        (tis(x, i + 1, "co") || tis(x, i + 1, "companies") || tis(x, i + 1, "cos"))) {
        j = i + 2;
        if (tpunct(x, j, ".")) j++;
        pred = "studio";
    } else if (tis(x, i, "streaming") &&
               (tis(x, i + 1, "platform") || tis(x, i + 1, "service") ||
                tis(x, i + 1, "on"))) {
        j = i + 2;
        pred = "distributor";
    } else if (tis(x, i, "distributors") || tis(x, i, "studios")) {
        j = i + 1;
        pred = tis(x, i, "studios") ? "studio" : "distributor";
    } else {
        return 0;
    }
    if (!tpunct(x, j, ":")) return 0;
    j++;
    int rc = 0;
    for (int n = 0; n < 8 && j < x->sb && !rc; n++) {
        size_t l = org_name(x, j);
        if (!l) break;
        /* the next label ("Runtime:") ends the list */
        if (tpunct(x, j + l, ":")) break;
        rc = emit_org(x, pred, j, j + l, i, j + l, 0.85);
        j += l;
        if (!tpunct(x, j, ",")) break;
        j++;
    }
    return rc;
}

int companies_at(fx *x, size_t i)
{
    if (tis(x, i, "a") || tis(x, i, "an") || tis(x, i, "the")) return article_org(x, i);
    if (tis(x, i, "from")) return from_org(x, i);
    if (tis(x, i, "will")) return will_release(x, i);
    if (tpunct(x, i, ",")) return org_apposition(x, i);
    if (tis(x, i, "on")) return stream_on(x, i);
    if (tis(x, i, "production") || tis(x, i, "streaming") || tis(x, i, "distributors") ||
        tis(x, i, "studios"))
        return org_label(x, i);
    if (tcap(x, i) || x->tok[i].kind == REEL_TOK_NUMBER) return poss_org(x, i);
    return 0;
}
