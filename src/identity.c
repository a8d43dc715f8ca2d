/* identity.c — which film and which article: a title key holds every film
 * of that title (remakes, same-title films), and the articles of one key
 * are split into films by year (printed beside the title or given by the
 * source, else the film's stated release), with the credits (director,
 * cast) placing an article that gives no year. An article is its
 * canonical URL, else its source path, else its content hash; of two
 * versions, the newer by date wins, else the greater hash, so a partial's
 * choice does not depend on the order it saw them in. All of it is a pure
 * function of the set of summaries, which keeps merges associative.
 */
#include "identity.h"

#include <ctype.h>

/* years a film can have: the first films to a century from now */
static int plausible_year(json_int_t y)
{
    return y >= 1880 && y <= 2200;
}

static int year_of_summary(json_t *s)
{
    json_t *y = json_object_get(s, "film_year");
    return json_is_integer(y) && plausible_year(json_integer_value(y))
               ? (int)json_integer_value(y)
               : 0;
}

/* A home-video, streaming or re-release date says when a copy came out,
 * not when the film did. */
static int later_release(const char *qualifier)
{
    static const char *words[] = {"home",      "dvd",    "blu",   "stream",
                                  "digital",   "vod",    "video", "re-release",
                                  "rerelease", "restor", NULL};
    if (!qualifier) return 0;
    char low[64];
    size_t n = 0;
    for (; qualifier[n] && n + 1 < sizeof low; n++)
        low[n] = (char)tolower((unsigned char)qualifier[n]);
    low[n] = 0;
    for (const char **w = words; *w; w++)
        if (strstr(low, *w)) return 1;
    return 0;
}

/* The earliest release year the article states of its film, or 0. */
static int release_year(json_t *s)
{
    json_t *facts = json_object_get(s, "facts"), *f;
    size_t i;
    int year = 0;
    json_array_foreach(facts, i, f)
    {
        const char *pred = json_string_value(json_object_get(f, "predicate"));
        const char *norm = json_string_value(json_object_get(f, "norm"));
        if (!pred || strcmp(pred, "release_date") || !norm || strlen(norm) < 4) continue;
        if (!json_is_true(json_object_get(f, "about_subject"))) continue;
        if (later_release(json_string_value(json_object_get(f, "qualifier")))) continue;
        int y = atoi(norm);
        if (plausible_year(y) && (!year || y < year)) year = y;
    }
    return year;
}

/* The folded names the article credits its film with: "d:NAME" for a
 * director, "c:NAME" for the cast, in one JSON object used as a set. */
static void credits_add(json_t *set, json_t *s)
{
    json_t *facts = json_object_get(s, "facts"), *f;
    size_t i;
    json_array_foreach(facts, i, f)
    {
        const char *pred = json_string_value(json_object_get(f, "predicate"));
        const char *norm = json_string_value(json_object_get(f, "norm"));
        if (!pred || !norm || !*norm ||
            !json_is_true(json_object_get(f, "about_subject")))
            continue;
        char k[256];
        if (!strcmp(pred, "director"))
            snprintf(k, sizeof k, "d:%s", norm);
        else if (!strcmp(pred, "cast"))
            snprintf(k, sizeof k, "c:%s", norm);
        else
            continue;
        json_object_set_new(set, k, json_true());
    }
}

/* How strongly an article's credits tie it to a film's: a shared director
 * counts 2, each shared cast member 1. */
static int credits_overlap(json_t *a, json_t *film)
{
    int score = 0;
    const char *k;
    json_t *v;
    json_object_foreach(a, k, v)
    {
        if (json_object_get(film, k)) score += k[0] == 'd' ? 2 : 1;
    }
    return score;
}

typedef struct {
    int lo, hi;    /* the years its articles give (one film: within a year) */
    int seed; /* a catalog film's (its year fixed), or -1 */
    json_t *years; /* "YYYY" → articles giving it */
    json_t *credits;
} cluster;

static int cluster_fit(const cluster *c, size_t n, int year)
{
    for (size_t i = 0; i < n; i++)
        if (year >= c[i].lo - 1 && year <= c[i].hi + 1) return (int)i;
    return -1;
}

static void cluster_count(cluster *c, int year)
{
    char yb[16];
    snprintf(yb, sizeof yb, "%d", year);
    json_t *have = json_object_get(c->years, yb);
    json_object_set_new(c->years, yb,
                        json_integer(have ? json_integer_value(have) + 1 : 1));
    if (c->seed >= 0) return; /* a catalog film's year is the catalog's */
    if (year < c->lo) c->lo = year;
    if (year > c->hi) c->hi = year;
}

/* The year a film is known by: the one most of its articles give; on a
 * tie, the earliest. */
static int cluster_year(const cluster *c)
{
    int year = 0;
    json_int_t best = 0;
    const char *k;
    json_t *v;
    json_object_foreach(c->years, k, v)
    {
        json_int_t n = json_integer_value(v);
        if (n > best || (n == best && atoi(k) < year)) best = n, year = atoi(k);
    }
    return year;
}

static int cmp_int(const void *a, const void *b)
{
    return (*(const int *)a > *(const int *)b) - (*(const int *)a < *(const int *)b);
}

int identity_partition(json_t *arts, const char **ids, size_t n, const film_seed *seeds,
                       size_t n_seeds, film_group **out, size_t *n_out)
{
    int rc = REEL_ENOMEM;
    *out = NULL;
    *n_out = 0;
    int *strong = calloc(n + 1, sizeof *strong), *weak = calloc(n + 1, sizeof *weak);
    int *sorted = calloc(n + 1, sizeof *sorted);
    long *where = calloc(n + 1, sizeof *where); /* cluster of each article; -1 none */
    cluster *cl = calloc(n + n_seeds + 1, sizeof *cl);
    json_t **cred = calloc(n + 1, sizeof *cred);
    size_t ncl = 0, ns = 0, ng = 0;
    film_group *g = NULL;
    if (!strong || !weak || !sorted || !where || !cl || !cred) goto done;
    for (size_t i = 0; i < n; i++) {
        json_t *s = json_object_get(arts, ids[i]);
        strong[i] = year_of_summary(s);
        weak[i] = strong[i] ? 0 : release_year(s);
        where[i] = -1;
        if (!(cred[i] = json_object())) goto done;
        credits_add(cred[i], s);
    }
    /* the catalog's films of the title first: an article's year or
     * director places it in one */
    for (size_t c = 0; c < n_seeds; c++) {
        cl[ncl].lo = cl[ncl].hi = seeds[c].year ? seeds[c].year : -10;
        cl[ncl].seed = (int)c;
        if (!(cl[ncl].years = json_object()) || !(cl[ncl].credits = json_object()))
            goto done;
        if (seeds[c].credits) json_object_update(cl[ncl].credits, seeds[c].credits);
        ncl++;
    }
    for (size_t i = 0; i < n; i++) {
        if (!strong[i]) continue;
        int at = cluster_fit(cl, ncl, strong[i]);
        if (at >= 0) {
            where[i] = at;
            cluster_count(&cl[at], strong[i]);
            json_object_update(cl[at].credits, cred[i]);
        } else {
            sorted[ns++] = strong[i];
        }
    }
    /* films from the years written beside the title: years a year apart
     * are one film (a festival year and a release year) */
    size_t first_new = ncl;
    qsort(sorted, ns, sizeof *sorted, cmp_int);
    for (size_t i = 0; i < ns; i++) {
        if (ncl > first_new && sorted[i] <= cl[ncl - 1].hi + 1) {
            cl[ncl - 1].hi = sorted[i];
            continue;
        }
        cl[ncl].lo = cl[ncl].hi = sorted[i];
        cl[ncl].seed = -1;
        if (!(cl[ncl].years = json_object()) || !(cl[ncl].credits = json_object()))
            goto done;
        ncl++;
    }
    for (size_t i = 0; i < n; i++) {
        if (!strong[i] || where[i] >= 0) continue;
        where[i] = cluster_fit(cl, ncl, strong[i]);
        cluster_count(&cl[where[i]], strong[i]);
        json_object_update(cl[where[i]].credits, cred[i]);
    }
    /* a stated release year: the film of that year, else the film whose
     * credits it shares, else a film of its own */
    for (size_t i = 0; i < n; i++) {
        if (!weak[i]) continue;
        int at = cluster_fit(cl, ncl, weak[i]);
        if (at < 0) {
            int best = 0, ties = 0;
            for (size_t c = 0; c < ncl; c++) {
                int o = credits_overlap(cred[i], cl[c].credits);
                if (o > best)
                    best = o, at = (int)c, ties = 0;
                else if (o == best && o > 0)
                    ties++;
            }
            if (ties) at = -1;
        }
        if (at < 0) {
            at = (int)ncl++;
            cl[at].lo = cl[at].hi = weak[i];
            cl[at].seed = -1;
            if (!(cl[at].years = json_object()) || !(cl[at].credits = json_object()))
                goto done;
        }
        where[i] = at;
        cluster_count(&cl[at], weak[i]);
        json_object_update(cl[at].credits, cred[i]);
    }
    /* no year at all: the one film of the title, else the one whose
     * credits it shares, else unresolved */
    int unresolved = 0;
    for (size_t i = 0; i < n; i++) {
        if (where[i] >= 0) continue;
        if (ncl == 1) {
            where[i] = 0;
            continue;
        }
        int best = 0, ties = 0, at = -1;
        for (size_t c = 0; c < ncl; c++) {
            int o = credits_overlap(cred[i], cl[c].credits);
            if (o > best)
                best = o, at = (int)c, ties = 0;
            else if (o == best && o > 0)
                ties++;
        }
        if (at >= 0 && !ties)
            where[i] = at;
        else
            unresolved++;
    }
    ng = ncl ? ncl + (unresolved > 0) : 1;
    g = calloc(ng, sizeof *g);
    if (!g) goto done;
    for (size_t c = 0; c < ng; c++) {
        g[c].ids = calloc(n + 1, sizeof *g[c].ids);
        if (!g[c].ids) goto done;
        g[c].seed = c < ncl ? cl[c].seed : -1;
        if (c < ncl)
            g[c].year = cl[c].seed >= 0 && seeds[cl[c].seed].year ? seeds[cl[c].seed].year
                                                                  : cluster_year(&cl[c]);
        g[c].unresolved = ncl > 0 && c == ncl;
    }
    for (size_t i = 0; i < n; i++) {
        size_t c = where[i] >= 0 ? (size_t)where[i] : ncl ? ncl : 0;
        g[c].ids[g[c].n++] = ids[i];
    }
    /* films in year order, the unresolved articles last */
    for (size_t a = 1; a < ncl; a++)
        for (size_t b = a; b > 0 && g[b - 1].year > g[b].year; b--) {
            film_group t = g[b - 1];
            g[b - 1] = g[b];
            g[b] = t;
        }
    /* a catalog film no article is about is no film of the store's */
    size_t kept = 0;
    for (size_t c = 0; c < ng; c++) {
        if (g[c].n == 0 && (kept > 0 || c + 1 < ng)) {
            free(g[c].ids);
            continue;
        }
        g[kept++] = g[c];
    }
    *out = g;
    *n_out = kept;
    g = NULL;
    rc = 0;
done:
    if (g) identity_groups_free(g, ng);
    for (size_t c = 0; cl && c < ncl; c++) {
        json_decref(cl[c].years);
        json_decref(cl[c].credits);
    }
    for (size_t i = 0; cred && i < n; i++)
        json_decref(cred[i]);
    free(cred);
    free(cl);
    free(where);
    free(sorted);
    free(weak);
    free(strong);
    return rc;
}

void identity_groups_free(film_group *g, size_t n)
{
    if (!g) return;
    for (size_t i = 0; i < n; i++)
        free(g[i].ids);
    free(g);
}

char *identity_film_id(const char *key, int year, int unresolved)
{
    buf b;
    buf_init(&b);
    buf_puts(&b, key);
    if (unresolved)
        buf_puts(&b, " (?)");
    else if (year)
        buf_printf(&b, " (%d)", year);
    return buf_detach(&b);
}

int identity_parse_year(const char *title, size_t len, int *year)
{
    *year = 0;
    while (len && isspace((unsigned char)title[len - 1]))
        len--;
    if (len >= 3 && !strncmp(title + len - 3, "(?)", 3)) {
        *year = -1;
        return 1;
    }
    if (len >= 6 && title[len - 1] == ')' && title[len - 6] == '(') {
        int y = 0;
        for (size_t i = len - 5; i < len - 1; i++) {
            if (!isdigit((unsigned char)title[i])) return 0;
            y = y * 10 + (title[i] - '0');
        }
        *year = y;
        return 1;
    }
    return 0;
}

/* ---------------- articles ---------------- */

/* A source that names a place: a file path or a locator in a file
 * ("crawl.warc.gz:1234"). Standard input ("-"), an API upload without a URL
 * ("POST /api/articles") and a bare label a program gave ("test") name no
 * place, and two different articles may share them. */
static int source_is_place(const char *src)
{
    if (!src || !*src || !strcmp(src, "-") || !strncmp(src, "POST ", 5)) return 0;
    return strchr(src, '/') || strchr(src, '.');
}

const char *identity_article(json_t *rec)
{
    const char *url = json_string_value(json_object_get(rec, "url"));
    if (url && *url) return url;
    const char *src = json_string_value(json_object_get(rec, "source"));
    if (source_is_place(src)) return src;
    return json_string_value(json_object_get(rec, "id"));
}

/* An ISO date's comparable prefix ("2019-10-04..."), or NULL when the
 * date is absent or written otherwise. */
static const char *iso(const char *d)
{
    if (!d || strlen(d) < 4) return NULL;
    for (int i = 0; i < 4; i++)
        if (!isdigit((unsigned char)d[i])) return NULL;
    return d;
}

int identity_date_newer(const char *a, const char *b)
{
    a = iso(a);
    b = iso(b);
    if (!a || !b) return 0;
    return strcmp(a, b) > 0 ? 1 : strcmp(a, b) < 0 ? -1 : 0;
}

int identity_newer(const char *date_a, const char *id_a, const char *date_b,
                   const char *id_b)
{
    int d = identity_date_newer(date_a, date_b);
    if (d) return d > 0;
    return strcmp(id_a, id_b) > 0;
}
