/* facts_misc.c — facts that are not people in roles: dates with what they
 * are dates of (release, local opening, home video, streaming, festival),
 * the MPAA rating, the runtime, country and language, people's
 * nationality, where the story is set, festivals, studio and
 * distributor. Like facts_people.c, every pattern starts at one token and
 * reads a bounded window around it.
 */
#include "facts.h"

#include <ctype.h>

/* ---------------- dates ---------------- */

typedef struct {
    const char *cue;  /* a word (folded) before the date */
    const char *what; /* what the date is of */
} date_cue;

/* nearest cue wins; multiword cues are matched on consecutive tokens */
static const date_cue date_cues[] = {
    {"blu ray", "home video"},
    {"dvd", "home video"},
    {"4k", "home video"},
    {"uhd", "home video"},
    {"home video", "home video"},
    {"home entertainment", "home video"},
    {"digital", "streaming"},
    {"streaming", "streaming"},
    {"streams", "streaming"},
    {"netflix", "streaming"},
    {"hulu", "streaming"},
    {"vod", "streaming"},
    {"on demand", "streaming"},
    {"prime video", "streaming"},
    {"disney", "streaming"},
    {"premiere", "premiere"},
    {"premiered", "premiere"},
    {"premieres", "premiere"},
    {"limited release", "limited release"},
    {"wide release", "wide release"},
    {"nationwide", "wide release"},
    {"release date", "release"},
    {"released", "release"},
    {"release", "release"},
    {"releases", "release"},
    {"in theaters", "release"},
    {"in theatres", "release"},
    {"in cinemas", "release"},
    {"theatrically", "release"},
    {"opens", "opening"},
    {"opening", "opening"},
    {"open", "opening"},
    {"arrives", "release"},
    {"debuts", "release"},
    {"hits", "release"},
    {"lands", "release"},
    {"bows", "release"},
    {"out", "release"},
    {"opened", "opening"},
    {"debuted", "premiere"},
    {"bowed", "premiere"},
    {"screening", "premiere"},
    {"wide", "wide release"},
    {"stream", "streaming"},
};

/* Do the folded words of tokens ending at e (inclusive) spell the cue?
 * ("Blu-ray" is one token folding to "blu ray"; "release date" two.) */
static int cue_ends_at(const fx *x, size_t e, const char *cue)
{
    char w[96];
    size_t n = 0;
    for (size_t k = 0; k < 3 && e >= x->sa + k; k++) {
        const char *f = tfold(x, e - k);
        size_t fl = strlen(f);
        if (!fl || fl + n + 1 >= sizeof w) return 0;
        /* prepend f */
        if (n) {
            memmove(w + fl + 1, w, n + 1);
            w[fl] = ' ';
            memcpy(w, f, fl);
            n += fl + 1;
        } else {
            memcpy(w, f, fl + 1);
            n = fl;
        }
        if (!strcmp(w, cue)) return 1;
        if (n >= strlen(cue)) return 0;
    }
    return 0;
}

static const char *date_what(const fx *x, size_t d)
{
    size_t lo = d > x->sa + 14 ? d - 14 : x->sa;
    for (size_t t = d; t-- > lo;) {
        if (tpunct(x, t, ";") || tpunct(x, t, "//")) break;
        for (size_t k = 0; k < sizeof date_cues / sizeof date_cues[0]; k++)
            if (cue_ends_at(x, t, date_cues[k].cue)) {
                const char *w = date_cues[k].what;
                /* "Original release date:", "premiere at Cannes" */
                if (!strcmp(w, "premiere")) {
                    for (size_t u = lo; u < x->sb && u < d + 8; u++)
                        if (place_festival(tfold(x, u)) || tis(x, u, "festival"))
                            return "festival premiere";
                }
                return w;
            }
    }
    /* "opens October 11" after the date: "October 11 opening" */
    for (size_t t = d + 1; t < x->sb && t < d + 4; t++) {
        if (tis(x, t, "release")) return "release";
        if (tis(x, t, "premiere")) return "premiere";
    }
    return NULL;
}

static int date_at(fx *x, size_t i)
{
    const reel_token *t = &x->tok[i];
    if (!(t->kind == REEL_TOK_NUMBER || tcap(x, i))) return 0;
    if (i > x->sa && tadjacent(x, i) && !tpunct(x, i - 1, "(")) return 0;
    char iso[11];
    size_t lim = x->tok[x->sb - 1].span.end - t->span.start;
    size_t used = date_parse(x->text + t->span.start, lim, iso);
    if (!used) return 0;
    const char *what = date_what(x, i);
    if (!what) return 0;
    size_t end = t->span.start + used;
    /* "the Madrid of the 80s" is no date; a bare year is the year */
    if (strlen(iso) == 4) return 0;
    return fx_emit(x, "release_date", x->text + t->span.start, used, iso, what,
                   strlen(what), -2, t->span.start, end, 0.8);
}

/* "One of the best films of 2019 was ...", "Pain and Glory (2019)" */
static int year_at(fx *x, size_t i)
{
    if (x->tok[i].kind != REEL_TOK_NUMBER || tlen(x, i) != 4) return 0;
    int y = atoi(tstr(x, i));
    if (y < 1890 || y > 2100) return 0;
    int film = -3;
    if (i >= 2 && tpunct(x, i - 1, "(") && tpunct(x, i + 1, ")") &&
        (x->tflag[i - 2] & (TF_SUBJECT | TF_FILM))) {
        /* the title run just before */
        int32_t k = occ_at(x, i - 2);
        if (k >= 0 && x->occ[k].b == i - 1) film = x->occ[k].film;
    } else if (i + 2 < x->sb && (x->tflag[i + 2] & TF_FILM_START) && tlower(x, i + 1)) {
        /* "the haunting 2011 thriller Skin I Live In" */
        size_t fl;
        film = film_at(x, i + 2, &fl);
        if (film < -1) film = -3;
    } else if (i >= 2 && tis(x, i - 1, "of") &&
               (tis(x, i - 2, "films") || tis(x, i - 2, "movies")) && x->sent_subject) {
        film = -1;
    } else if (i >= 1 && (tis(x, i - 1, "in")) && i >= 2 &&
               (tis(x, i - 2, "released") || tis(x, i - 2, "premiered"))) {
        film = -2;
    }
    if (film == -3) return 0;
    return fx_emit(x, "year", tstr(x, i), 4, NULL, NULL, 0, film, x->tok[i].span.start,
                   x->tok[i].span.end, 0.75);
}

/* ---------------- rating, runtime ---------------- */

static const char *const ratings[] = {"g",     "pg", "pg-13",   "r",
                                      "nc-17", "nr", "unrated", NULL};

/* certificates of other boards: the value, its country */
static const struct {
    const char *v, *country;
} certificates[] = {
    {"u", "UK"},           {"12a", "UK"},          {"12", "UK"},
    {"15", "UK"},          {"18", "UK"},           {"r18", "UK"},
    {"m", "Australia"},    {"ma15+", "Australia"}, {"ma 15+", "Australia"},
    {"r18+", "Australia"}, {"ma15", "Australia"},  {"14a", "Canada"},
    {"18a", "Canada"},     {"fsk 12", "Germany"},  {"fsk 16", "Germany"},
    {"fsk 18", "Germany"}, {"fsk 6", "Germany"},   {"fsk 0", "Germany"},
};

/* "Certificate: 15", "Rated M", "Classification: MA15+": a board's
 * certificate other than the MPAA's, with its country as the qualifier. */
static int certificate_at(fx *x, size_t i, size_t j)
{
    if (j >= x->sb) return 0;
    /* the value: one token, or two ("MA 15+", "FSK 12"), read raw */
    for (size_t n = 2; n >= 1; n--) {
        if (j + n > x->sb) continue;
        size_t a = x->tok[j].span.start, e = x->tok[j + n - 1].span.end;
        if (e - a >= 12) continue;
        char v[16];
        size_t o = 0;
        for (size_t k = a; k < e; k++)
            v[o++] = (char)tolower((unsigned char)x->text[k]);
        v[o] = 0;
        for (size_t k = 0; k < sizeof certificates / sizeof certificates[0]; k++) {
            if (strcmp(v, certificates[k].v)) continue;
            /* the next token must end the value: "Rated M for ..." not "Rated Mature" */
            char norm[16];
            for (size_t c = 0; c <= o; c++)
                norm[c] = (char)toupper((unsigned char)v[c]);
            const char *q = certificates[k].country;
            return fx_emit(x, "rating", x->text + a, e - a, norm, q, strlen(q), -2,
                           x->tok[i].span.start, e, 0.85);
        }
        if (n == 1) break;
    }
    return 0;
}

static int rating_at(fx *x, size_t i)
{
    if ((tis(x, i, "certificate") || tis(x, i, "certification") ||
         tis(x, i, "classification") || tis(x, i, "cert")) &&
        tpunct(x, i + 1, ":"))
        return certificate_at(x, i, i + 2);
    if (!(tis(x, i, "rated") || (tis(x, i, "rating") && tpunct(x, i + 1, ":")) ||
          (tis(x, i, "mpaa") && tpunct(x, i + 1, ":"))))
        return 0;
    /* "Rated M", "Rated 15": another board's letters, in capitals */
    if (tis(x, i, "rated") && i + 1 < x->sb && !tin(x, i + 1, ratings) &&
        (isupper((unsigned char)tstr(x, i + 1)[0]) ||
         isdigit((unsigned char)tstr(x, i + 1)[0])))
        return certificate_at(x, i, i + 1);
    size_t j = i + 1;
    if (tpunct(x, j, ":")) j++;
    if (tis(x, j, "mpaa") && tis(x, j + 1, "rating")) j += 2;
    if (tpunct(x, j, ":")) j++;
    if (j >= x->sb) return 0;
    const char *s = tstr(x, j);
    size_t n = tlen(x, j);
    /* the letters must be written in capitals: "rated R", not "rated r" */
    if (!isupper((unsigned char)s[0]) && !tis(x, j, "unrated")) return 0;
    if (tis(x, j, "not") && tis(x, j + 1, "rated")) {
        return fx_emit(x, "rating", "Not Rated", 9, "nr", NULL, 0, -2,
                       x->tok[i].span.start, x->tok[j + 1].span.end, 0.8);
    }
    if (!tin(x, j, ratings)) return 0;
    char norm[8];
    for (size_t k = 0; k < n && k < 7; k++)
        norm[k] = (char)toupper((unsigned char)s[k]);
    norm[n < 7 ? n : 7] = 0;
    return fx_emit(x, "rating", s, n, norm, NULL, 0, -2, x->tok[i].span.start,
                   x->tok[j].span.end, 0.9);
}

static int number_word(const fx *x, size_t i)
{
    static const char *const w[] = {"one", "two", "three", "four", "five", NULL};
    for (int k = 0; w[k]; k++)
        if (tis(x, i, w[k])) return k + 1;
    if (x->tok[i].kind == REEL_TOK_NUMBER) return atoi(tstr(x, i));
    return -1;
}

static int runtime_at(fx *x, size_t i)
{
    int cue = 0;
    size_t lo = i > x->sa + 6 ? i - 6 : x->sa;
    for (size_t t = lo; t < i; t++)
        if (tis(x, t, "runs") || tis(x, t, "running") || tis(x, t, "runtime") ||
            tis(x, t, "clocks") || tis(x, t, "length") || tis(x, t, "lasts") ||
            (tis(x, t, "run") && tis(x, t + 1, "time")) ||
            /* "the film's 106 minutes" */
            ((x->tflag[t] & TF_POSS) &&
             (!strcmp(tfold(x, t), "film") || !strcmp(tfold(x, t), "movie"))))
            cue = 1;
    int h = number_word(x, i);
    if (h < 0) return 0;
    size_t j = i + 1;
    int minutes = -1;
    const char *s = tstr(x, i);
    /* "113-minute" is one token */
    if (x->tok[i].kind != REEL_TOK_PUNCT && isdigit((unsigned char)s[0])) {
        size_t n = tlen(x, i);
        if (n > 7 && !memcmp(s + n - 7, "-minute", 7)) {
            minutes = atoi(s);
            cue = 1;
            j = i + 1;
        }
    }
    /* "138-minute" written as three tokens */
    if (minutes < 0 && x->tok[i].kind == REEL_TOK_NUMBER && tpunct(x, j, "-") &&
        tadjacent(x, j) && tis(x, j + 1, "minute") && tadjacent(x, j + 1)) {
        minutes = h;
        cue = 1;
        j += 2;
    }
    if (minutes < 0 && (tis(x, j, "hours") || tis(x, j, "hour") || tis(x, j, "hr") ||
                        tis(x, j, "hrs") || tis(x, j, "h"))) {
        minutes = h * 60;
        j++;
        if (tis(x, j, "and")) j++;
        int m = j < x->sb ? number_word(x, j) : -1;
        if (m >= 0 && m < 60 &&
            (tis(x, j + 1, "minutes") || tis(x, j + 1, "min") || tis(x, j + 1, "mins") ||
             tis(x, j + 1, "m"))) {
            minutes += m;
            j += 2;
            cue = 1; /* "two hours 59 minutes": exact enough to be a running time */
        }
        if (!cue) return 0;
    } else if (minutes < 0 &&
               (tis(x, j, "minutes") || tis(x, j, "min") || tis(x, j, "mins"))) {
        minutes = h;
        j++;
        if (tis(x, j - 1, "min") && tpunct(x, j, ".") && tadjacent(x, j)) j++;
        /* "(113 min)" in a credits line */
        if (i > x->sa && tpunct(x, i - 1, "(") && tpunct(x, j, ")")) cue = 1;
    }
    if (minutes < 40 || minutes > 600 || !cue) return 0;
    char v[16], shown[24];
    snprintf(v, sizeof v, "%d", minutes);
    size_t a = x->tok[i].span.start, e = x->tok[j - 1].span.end;
    /* "3 hours and 26 minutes" is told as "206 min"; the span keeps the
     * words */
    if (minutes >= 60 && !isdigit((unsigned char)tstr(x, j - 1)[0]) &&
        (tis(x, i + 1, "hours") || tis(x, i + 1, "hour") || tis(x, i + 1, "hr") ||
         tis(x, i + 1, "hrs") || tis(x, i + 1, "h"))) {
        int n = snprintf(shown, sizeof shown, "%d min", minutes);
        return fx_emit(x, "runtime", shown, (size_t)n, v, NULL, 0, -2, a, e, 0.85);
    }
    return fx_emit(x, "runtime", x->text + a, e - a, v, NULL, 0, -2, a, e, 0.85);
}

/* ---------------- places ---------------- */

/* A place name run at i (capitalised words): folded key, token length. */
static size_t place_run(fx *x, size_t i, char *key, size_t cap)
{
    key[0] = 0;
    if (!tcap(x, i) && !(tis(x, i, "us") && isupper((unsigned char)tstr(x, i)[0])))
        return 0;
    size_t best = 0;
    size_t o = 0;
    for (size_t n = 0; n < 4 && i + n < x->sb; n++) {
        size_t t = i + n;
        if (n && x->tok[t].span.start != x->tok[t - 1].span.end + 1) break;
        if (n && !tcap(x, t) && !tis(x, t, "de") && !tis(x, t, "of")) break;
        const char *f = tfold(x, t);
        size_t fl = strlen(f);
        if (o + fl + 2 >= cap) break;
        if (o) key[o++] = ' ';
        memcpy(key + o, f, fl);
        o += fl;
        key[o] = 0;
        if (place_city_country(key) || place_country_name(key)) best = n + 1;
        if (x->tflag[t] & TF_POSS) break;
    }
    /* leave the key of the best length */
    o = 0;
    key[0] = 0;
    for (size_t n = 0; n < best; n++) {
        const char *f = tfold(x, i + n);
        size_t fl = strlen(f);
        if (o) key[o++] = ' ';
        memcpy(key + o, f, fl);
        o += fl;
        key[o] = 0;
    }
    return best;
}

/* Is the sentence about the story: does it name a character, or does it
 * say "he"/"she" right after a sentence that did? */
static int plot_context(fx *x, size_t upto)
{
    for (size_t t = x->sa; t < x->sb; t++) {
        int p;
        size_t l = name_at(x, t, &p);
        if (l && (x->people[p].roles & R_CHARACTER)) return 1;
        if (l) t += l - 1;
    }
    if (x->last_char_sent == (size_t)-1 || x->last_char_sent + 2 < x->sent) return 0;
    for (size_t t = x->sa; t < upto; t++)
        if (tis(x, t, "he") || tis(x, t, "she") || tis(x, t, "his") || tis(x, t, "her"))
            return 1;
    return 0;
}

/* "set in Madrid", "turns up in Madrid", "a village in Valencia", "the
 * Madrid of the 80s", "one of Mexico's most prestigious theatres" */
static int setting_at(fx *x, size_t i)
{
    int set_in = 0;
    size_t j;
    if ((tis(x, i, "set") || tis(x, i, "takes")) && i + 1 < x->sb) {
        j = i + 1;
        if (tis(x, i, "takes")) {
            if (!tis(x, j, "place")) return 0;
            j++;
        }
        if (!tis(x, j, "in")) return 0;
        j++;
        set_in = 1;
    } else if (tis(x, i, "in") || tis(x, i, "to") || tis(x, i, "across") ||
               tis(x, i, "around") || tis(x, i, "through")) {
        j = i + 1;
    } else if (tis(x, i, "of") && i > x->sa && tis(x, i - 1, "one")) {
        j = i + 1; /* "one of Mexico's ..." */
    } else {
        return 0;
    }
    if (tis(x, j, "the") && tcap(x, j + 1)) j++;
    char key[128];
    size_t l = place_run(x, j, key, sizeof key);
    if (!l) return 0;
    /* a release is no setting: "limited release in the US" */
    for (size_t t = i > x->sa + 3 ? i - 3 : x->sa; t < i; t++)
        if (tis(x, t, "release") || tis(x, t, "released") || tis(x, t, "opens") ||
            tis(x, t, "born") || tis(x, t, "shot") || tis(x, t, "filmed") ||
            tis(x, t, "lives") || tis(x, t, "screened") || tis(x, t, "premiered"))
            return 0;
    if (place_festival(key) && !set_in) return 0;
    int poss = (x->tflag[j + l - 1] & TF_POSS) != 0;
    if (tis(x, i, "of") && !poss) return 0;
    if (!set_in && !plot_context(x, i)) return 0;
    const char *country = place_city_country(key);
    if (!country) country = place_country_name(key);
    size_t a = x->tok[j].span.start;
    size_t e = x->tok[j + l - 1].span.end;
    if (poss) e -= tstr(x, j + l - 1)[tlen(x, j + l - 1) - 2] == '\'' ? 2 : 4;
    return fx_emit(x, "setting", x->text + a, e - a, key, country, strlen(country), -2,
                   x->tok[i].span.start, e, set_in ? 0.85 : 0.6);
}

/* "Spanish director Pedro Almodóvar", "the Spanish actor", "Mexico's
 * answer to Douglas Sirk" */
static int nationality_at(fx *x, size_t i)
{
    const char *country = NULL;
    if (tcap(x, i)) country = place_demonym(tfold(x, i));
    if (country) {
        size_t rl;
        unsigned role;
        const char *pred = role_noun(x, i + 1, &rl, &role);
        if (!pred) return 0;
        size_t e = i + 1 + rl;
        int p = -1;
        size_t l = name_at(x, e, &p);
        if (!l && i > x->sa && tis(x, i - 1, "the")) {
            p = role & R_ACTOR ? antecedent(x, R_ACTOR, R_CHARACTER)
                               : antecedent(x, role, R_ACTOR | R_CHARACTER);
        }
        if (p < 0 || (x->people[p].roles & R_CHARACTER)) return 0;
        const fx_person *q = &x->people[p];
        return fx_emit(x, "nationality", country, strlen(country), NULL, q->name,
                       strlen(q->name), -2, x->tok[i].span.start,
                       x->tok[(l ? e + l : e) - 1].span.end, 0.7);
    }
    /* "COUNTRY's answer to X": the sentence's subject is from there */
    if (!(x->tflag[i] & TF_POSS) || !tis(x, i + 1, "answer") || !tis(x, i + 2, "to"))
        return 0;
    country = place_country(tfold(x, i));
    if (!country) return 0;
    int p = -1;
    size_t ns;
    if (i > x->sa && (tis(x, i - 1, "is") || tis(x, i - 1, "was"))) {
        if (!name_before(x, i - 1, &ns, &p)) p = -1;
        if (p < 0 && i >= x->sa + 2 && (tis(x, i - 2, "he") || tis(x, i - 2, "she")))
            p = antecedent(x, 0, R_CHARACTER);
    } else if (i > x->sa &&
               (tis(x, i - 1, "he's") || tis(x, i - 1, "she's") ||
                tis(x, i - 1, "he\xE2\x80\x99s") || tis(x, i - 1, "she\xE2\x80\x99s"))) {
        p = antecedent(x, 0, R_CHARACTER);
    }
    if (p < 0 || (x->people[p].roles & R_CHARACTER)) return 0;
    const fx_person *q = &x->people[p];
    return fx_emit(x, "nationality", country, strlen(country), NULL, q->name,
                   strlen(q->name), -2, x->tok[i].span.start, x->tok[i + 2].span.end,
                   0.5);
}

/* "a Spanish film", "Country: Spain", "Spain's Oscar entry";
 * "in Spanish with English subtitles", "Spanish-language", "Language:" */
static int country_language_at(fx *x, size_t i)
{
    if ((tis(x, i, "country") || tis(x, i, "language")) && tpunct(x, i + 1, ":")) {
        char key[128];
        int lang = tis(x, i, "language");
        size_t j = i + 2;
        size_t l = lang ? (tcap(x, j) && place_language(tfold(x, j)) ? 1 : 0)
                        : place_run(x, j, key, sizeof key);
        if (!l) return 0;
        const char *v = lang ? place_language(tfold(x, j)) : place_country(key);
        if (!v) return 0;
        return fx_emit(x, lang ? "language" : "country", v, strlen(v), NULL, NULL, 0, -2,
                       x->tok[i].span.start, x->tok[j + l - 1].span.end, 0.9);
    }
    if (!tcap(x, i)) return 0;
    const char *f = tfold(x, i);
    /* "Spanish-language" folds to "spanish language" */
    const char *sp = strchr(f, ' ');
    if (sp && !strcmp(sp + 1, "language")) {
        char w[64];
        size_t n = (size_t)(sp - f);
        if (n >= sizeof w) return 0;
        memcpy(w, f, n);
        w[n] = 0;
        const char *lang = place_language(w);
        if (!lang) return 0;
        return fx_emit(x, "language", lang, strlen(lang), NULL, NULL, 0, -2,
                       x->tok[i].span.start, x->tok[i].span.end, 0.85);
    }
    const char *lang = place_language(f);
    if (lang && i > x->sa && tis(x, i - 1, "in")) {
        /* "in French and English with subtitles": the list, then the cue */
        size_t j = i, langs[6], nl = 0;
        while (j < x->sb && nl < 6 && tcap(x, j) && place_language(tfold(x, j))) {
            langs[nl++] = j++;
            if (tis(x, j, "and") || tpunct(x, j, ",")) j++;
        }
        int cue = tis(x, j, "subtitled") ||
                  (tis(x, j, "with") &&
                   (tis(x, j + 1, "subtitles") || tis(x, j + 2, "subtitles")));
        for (size_t k = 0; cue && k < nl; k++) {
            const char *lk = place_language(tfold(x, langs[k]));
            int rc =
                fx_emit(x, "language", lk, strlen(lk), NULL, NULL, 0, -2,
                        x->tok[langs[k]].span.start, x->tok[langs[k]].span.end, 0.85);
            if (rc) return rc;
        }
        if (cue) return 0;
    }
    const char *country = place_demonym(f);
    if (country && i > x->sa &&
        (tis(x, i - 1, "a") || tis(x, i - 1, "an") || tis(x, i - 1, "this")) &&
        (tis(x, i + 1, "film") || tis(x, i + 1, "movie") || tis(x, i + 1, "production") ||
         tis(x, i + 1, "drama") || tis(x, i + 1, "comedy") || tis(x, i + 1, "import") ||
         tis(x, i + 1, "co-production") || tis(x, i + 1, "thriller")))
        return fx_emit(x, "country", country, strlen(country), NULL, NULL, 0, -2,
                       x->tok[i].span.start, x->tok[i + 1].span.end, 0.75);
    if ((x->tflag[i] & TF_POSS) && (country = place_country(f)) &&
        (tis(x, i + 1, "entry") || tis(x, i + 2, "entry") || tis(x, i + 3, "entry") ||
         tis(x, i + 1, "submission") || tis(x, i + 2, "submission") ||
         tis(x, i + 3, "submission")))
        return fx_emit(x, "country", country, strlen(country), NULL, NULL, 0, -2,
                       x->tok[i].span.start, x->tok[i + 1].span.end, 0.8);
    return 0;
}

/* ---------------- festivals, companies ---------------- */

/* "premiered at Cannes", "caught the film at TIFF", "screened at the
 * Venice Film Festival" */
static int festival_at(fx *x, size_t i)
{
    if (!tis(x, i, "at") && !tis(x, i, "in")) return 0;
    int cue = 0;
    size_t lo = i > x->sa + 5 ? i - 5 : x->sa;
    for (size_t t = lo; t < i; t++)
        if (tis(x, t, "premiered") || tis(x, t, "premieres") || tis(x, t, "premiere") ||
            tis(x, t, "screened") || tis(x, t, "screening") || tis(x, t, "played") ||
            tis(x, t, "caught") || tis(x, t, "saw") || tis(x, t, "debuted") ||
            tis(x, t, "bowed") || tis(x, t, "unveiled") || tis(x, t, "competition") ||
            tis(x, t, "opened") || tis(x, t, "seen") || tis(x, t, "shown"))
            cue = 1;
    if (!cue) return 0;
    size_t k = i + 1;
    if (tis(x, k, "the")) k++;
    if (tis(x, k, "this") || tis(x, k, "last")) k++;
    char key[128];
    size_t o = 0;
    const char *fest = NULL;
    size_t fe = k;
    key[0] = 0;
    for (size_t t = k; t < x->sb && t < k + 6 && (tcap(x, t) || tis(x, t, "film")); t++) {
        size_t fl = strlen(tfold(x, t));
        if (o + fl + 2 >= sizeof key) break;
        if (o) key[o++] = ' ';
        memcpy(key + o, tfold(x, t), fl);
        o += fl;
        key[o] = 0;
        if (place_festival(key)) fest = place_festival(key), fe = t + 1;
    }
    if (!fest) return 0;
    /* in a sentence about the story ("a screening in Cannes") it is no fact */
    return fx_emit(x, "festival", fest, strlen(fest), NULL, NULL, 0, -2,
                   x->tok[k].span.start, x->tok[fe - 1].span.end, 0.7);
}

/* An organisation's name at i: capitalised words, "Bros.", "&", numbers
 * ("20th Century Fox", "A24"). Returns tokens. */
static size_t org_run(const fx *x, size_t i)
{
    size_t j = i;
    while (j < x->sb && j - i < 6) {
        if (j > i && x->tok[j].span.start != x->tok[j - 1].span.end + 1 &&
            !(tpunct(x, j, ".") && tadjacent(x, j)))
            break;
        if (tcap(x, j) || x->tok[j].kind == REEL_TOK_NUMBER || tpunct(x, j, "&") ||
            (tpunct(x, j, ".") && j > i && tis(x, j - 1, "bros"))) {
            j++;
            continue;
        }
        break;
    }
    return j - i;
}

static int company_at(fx *x, size_t i)
{
    const char *pred = NULL;
    size_t j;
    double conf = 0.85;
    /* "A24 released it in theaters", "Neon releases the film" */
    if ((tis(x, i, "released") || tis(x, i, "releases") || tis(x, i, "distributes") ||
         tis(x, i, "opens")) &&
        !tis(x, i + 1, "by") && i > x->sa) {
        size_t st = i;
        while (st > x->sa && i - st < 5 &&
               (tcap(x, st - 1) || x->tok[st - 1].kind == REEL_TOK_NUMBER ||
                tpunct(x, st - 1, "&")))
            st--;
        if (st == i) return 0;
        if (x->tflag[st] & (TF_SUBJECT | TF_FILM)) return 0;
        size_t fl = 0;
        int obj = tis(x, i + 1, "it") || film_at(x, i + 1, &fl) == -1 ||
                  ((tis(x, i + 1, "the") || tis(x, i + 1, "this")) &&
                   (tis(x, i + 2, "film") || tis(x, i + 2, "movie")));
        if (!obj) return 0;
        /* a person releasing a film is a producer's business, not a firm's */
        int p = x->person_at[st];
        if (p >= 0 && x->people[p].full >= 0) p = x->people[p].full;
        if (p >= 0 && (x->people[p].roles || x->people[p].words > 1)) {
            const char *k = x->people[p].key;
            if (place_country(k)) return 0;
            int orgish = 0;
            static const char *const ow[] = {
                "pictures",  "films", "studios",  "entertainment", "classics",
                "releasing", "media", "features", "distribution",  NULL};
            for (const char *const *w = ow; *w; w++)
                orgish |= strstr(k, *w) != NULL;
            if (!orgish) return 0;
        }
        size_t a = x->tok[st].span.start, e = x->tok[i - 1].span.end;
        char *k = reel_fold(x->text + a, e - a);
        if (!k) return REEL_ENOMEM;
        int rc = fx_emit(x, "distributor", x->text + a, e - a, k, NULL, 0, -2, a,
                         x->tok[i].span.end, 0.7);
        free(k);
        return rc;
    }
    if ((tis(x, i, "studio") || tis(x, i, "studios") || tis(x, i, "distributor")) &&
        tpunct(x, i + 1, ":")) {
        pred = tis(x, i, "distributor") ? "distributor" : "studio";
        j = i + 2;
    } else if (tis(x, i, "production") &&
               (tis(x, i + 1, "company") || tis(x, i + 1, "companies")) &&
               tpunct(x, i + 2, ":")) {
        pred = "studio";
        j = i + 3;
    } else if ((tis(x, i, "distributed") || tis(x, i, "released")) &&
               tis(x, i + 1, "by")) {
        pred = "distributor";
        j = i + 2;
    } else if ((tis(x, i, "a") || tis(x, i, "an")) && tcap(x, i + 1)) {
        /* "a Sony Pictures Classics release" */
        size_t l = org_run(x, i + 1);
        if (!l || !tis(x, i + 1 + l, "release")) return 0;
        pred = "distributor";
        j = i + 1;
        conf = 0.7;
    } else {
        return 0;
    }
    size_t l = org_run(x, j);
    if (!l) return 0;
    size_t a = x->tok[j].span.start, e = x->tok[j + l - 1].span.end;
    char *k = reel_fold(x->text + a, e - a);
    if (!k) return REEL_ENOMEM;
    int rc = fx_emit(x, pred, x->text + a, e - a, k, NULL, 0, -2, x->tok[i].span.start, e,
                     conf);
    free(k);
    return rc;
}

int misc_at(fx *x, size_t i)
{
    int rc = 0;
    uint32_t m = tkmask(x, i);
    if (x->stage == 0 && (rc = companies_at(x, i))) return rc;
    if (!m) return 0;
    if (x->stage == 0) {
        if ((m & (M_CAP | M_NUM)) && (rc = date_at(x, i))) return rc;
        if ((m & M_NUM) && (rc = year_at(x, i))) return rc;
        if ((m & M_RATED) && (rc = rating_at(x, i))) return rc;
        if ((m & (M_NUM | M_RUNWORD)) && (rc = runtime_at(x, i))) return rc;
        if ((m & (M_CLABEL | M_DEMONYM | M_LANG)) && (rc = country_language_at(x, i)))
            return rc;
        if ((m & M_CAP) && (x->tflag[i] & TF_POSS) && (rc = country_language_at(x, i)))
            return rc;
        if ((m & M_COMPANY) && (rc = company_at(x, i))) return rc;
        return 0;
    }
    if ((m & M_SET) && (rc = setting_at(x, i))) return rc;
    if ((m & M_DEMONYM) || ((m & M_CAP) && (x->tflag[i] & TF_POSS)))
        if ((rc = nationality_at(x, i))) return rc;
    if ((m & M_AT) && (rc = festival_at(x, i))) return rc;
    return 0;
}
