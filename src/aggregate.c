/* aggregate.c — per-film reception from mergeable partials. A partial is
 * the set of its articles' summaries keyed by article id (verdict, kind,
 * outlet, quote and fact candidates): merging is set union, so it is
 * associative, commutative and idempotent, and finalize computes every
 * figure (critics' score, share positive, histogram, spread, extremes,
 * quotes, facts) from the summaries in id order. A sharded run therefore
 * gives the byte-identical report of a single run.
 */
#include "identity.h"
#include "internal.h"
#include "store.h"
#include "store_catalog.h"

#include <jansson.h>
#include <math.h>

#define PARTIAL_VERSION 1

struct reel_partial {
    char *key;
    json_t *articles; /* id → summary */
};

int reel_partial_new(reel_partial **out, const char *film_key)
{
    reel_partial *p = calloc(1, sizeof *p);
    *out = NULL;
    if (!p) return REEL_ENOMEM;
    p->key = strdup(film_key ? film_key : "");
    p->articles = json_object();
    if (!p->key || !p->articles) {
        reel_partial_free(p);
        return REEL_ENOMEM;
    }
    *out = p;
    return 0;
}

void reel_partial_free(reel_partial *p)
{
    if (!p) return;
    free(p->key);
    json_decref(p->articles);
    free(p);
}

static json_t *get_copy(json_t *o, const char *k)
{
    json_t *v = json_object_get(o, k);
    return v ? json_deep_copy(v) : json_null();
}

/* The summary of a record: what finalize needs, nothing more. */
static json_t *summary_of(json_t *rec)
{
    json_t *s = json_object();
    static const char *keep[] = {"title", "date",     "author", "outlet",    "source",
                                 "url",   "verdict",  "score",  "sentiment", "quotes",
                                 "facts", "language", NULL};
    for (const char **k = keep; *k; k++)
        json_object_set_new(s, *k, get_copy(rec, *k));
    json_t *kind = json_object_get(json_object_get(rec, "kind"), "label");
    const char *k = json_is_string(kind) ? json_string_value(kind) : "other";
    json_object_set_new(s, "kind", json_string(k));
    /* only a review has a verdict; records stored before that rule had one
       on every kind, so the summary applies it and gives the tone instead */
    if (strcmp(k, "review") != 0) {
        json_t *pp = json_object_get(json_object_get(rec, "sentiment"), "prob_positive");
        json_object_set_new(s, "verdict", json_null());
        json_object_set_new(s, "tone",
                            json_is_number(pp) ? record_tone(json_number_value(pp))
                                               : json_null());
    } else {
        json_object_set_new(s, "tone", json_null());
    }
    json_t *subj = json_object_get(rec, "subject");
    json_object_set_new(s, "film_title", get_copy(subj, "title"));
    json_object_set_new(s, "film_year", get_copy(subj, "year"));
    /* the title keys of the other titles it gives the film (film_alias.c),
     * which join title keys when partials are merged */
    json_t *aliases = json_object_get(subj, "aliases"), *al;
    size_t ai;
    if (json_array_size(aliases)) {
        json_t *keys = json_array();
        json_array_foreach(aliases, ai, al)
        {
            const char *t = json_string_value(al);
            char *k = t ? reel_film_key(t, strlen(t)) : NULL;
            if (k && *k) json_array_append_new(keys, json_string(k));
            free(k);
        }
        json_object_set_new(s, "aliases", keys);
    }
    /* which article this is a version of (identity.c) */
    const char *ident = identity_article(rec);
    json_object_set_new(s, "ident", ident ? json_string(ident) : json_null());
    return s;
}

int partial_add_json(reel_ctx *ctx, reel_partial *p, json_t *rec)
{
    const char *id = json_string_value(json_object_get(rec, "id"));
    if (!id) return reel_error(ctx, REEL_EFORMAT, "record has no id");
    json_t *s = summary_of(rec);
    if (!s) return reel_error(ctx, REEL_ENOMEM, "out of memory");
    json_object_set_new(p->articles, id, s);
    return 0;
}

int reel_partial_add(reel_ctx *ctx, reel_partial *p, const char *record_json)
{
    json_error_t err;
    json_t *rec = json_loads(record_json, 0, &err);
    if (!json_is_object(rec)) {
        json_decref(rec);
        return reel_error(ctx, REEL_EFORMAT, "record is not a JSON object: %s", err.text);
    }
    int rc = partial_add_json(ctx, p, rec);
    json_decref(rec);
    return rc;
}

int reel_partial_merge(reel_ctx *ctx, reel_partial *dst, const reel_partial *src)
{
    if (strcmp(dst->key, src->key) != 0)
        return reel_error(ctx, REEL_EINVAL,
                          "cannot merge partials of films '%s' and '%s'", dst->key,
                          src->key);
    const char *id;
    json_t *v;
    json_object_foreach(src->articles, id, v)
    {
        /* same id means same bytes: same summary; keep the one there */
        if (!json_object_get(dst->articles, id))
            json_object_set_new(dst->articles, id, json_deep_copy(v));
    }
    return 0;
}

const char *reel_partial_key(const reel_partial *p)
{
    return p->key;
}

size_t reel_partial_count(const reel_partial *p)
{
    return json_object_size(p->articles);
}

/* Union-find over title keys, in a JSON object key → parent key. */
static const char *root_of(json_t *parent, const char *k)
{
    for (;;) {
        const char *up = json_string_value(json_object_get(parent, k));
        if (!up || !strcmp(up, k)) return k;
        k = up;
    }
}

static void join_keys(json_t *parent, const char *a, const char *b)
{
    if (!json_object_get(parent, a)) json_object_set_new(parent, a, json_string(a));
    if (!json_object_get(parent, b)) json_object_set_new(parent, b, json_string(b));
    char *ra = strdup(root_of(parent, a)), *rb = strdup(root_of(parent, b));
    /* the smaller key is the group's, as the store does (store_alias.c) */
    if (ra && rb && strcmp(ra, rb))
        strcmp(ra, rb) < 0 ? json_object_set_new(parent, rb, json_string(ra))
                           : json_object_set_new(parent, ra, json_string(rb));
    free(ra);
    free(rb);
}

int reel_partials_join(reel_ctx *ctx, reel_partial **ps, size_t n)
{
    json_t *parent = json_object();
    if (!parent) return reel_error(ctx, REEL_ENOMEM, "out of memory");
    for (size_t i = 0; i < n; i++) {
        const char *id;
        json_t *sum, *al;
        size_t k;
        join_keys(parent, ps[i]->key, ps[i]->key);
        json_object_foreach(ps[i]->articles, id, sum)
        {
            json_array_foreach(json_object_get(sum, "aliases"), k, al)
            {
                if (json_is_string(al))
                    join_keys(parent, ps[i]->key, json_string_value(al));
            }
        }
    }
    int rc = 0;
    json_t *first = json_object(); /* group key → index of its partial */
    for (size_t i = 0; i < n && !rc; i++) {
        const char *root = root_of(parent, ps[i]->key);
        json_t *at = json_object_get(first, root);
        if (!at) {
            json_object_set_new(first, root, json_integer((json_int_t)i));
            if (strcmp(root, ps[i]->key)) {
                char *k = strdup(root);
                if (!k)
                    rc = reel_error(ctx, REEL_ENOMEM, "out of memory");
                else
                    free(ps[i]->key), ps[i]->key = k;
            }
            continue;
        }
        reel_partial *dst = ps[json_integer_value(at)];
        const char *id;
        json_t *v;
        json_object_foreach(ps[i]->articles, id, v)
        {
            if (!json_object_get(dst->articles, id))
                json_object_set_new(dst->articles, id, json_deep_copy(v));
        }
        json_object_clear(ps[i]->articles); /* emptied: the caller skips it */
    }
    json_decref(first);
    json_decref(parent);
    return rc;
}

int reel_partial_to_json(char **out, reel_ctx *ctx, const reel_partial *p)
{
    json_t *o = json_pack("{s:i,s:s,s:O}", "partial_version", PARTIAL_VERSION, "film",
                          p->key, "articles", p->articles);
    *out = o ? json_dumps(o, REEL_JSON_FLAGS | JSON_SORT_KEYS) : NULL;
    json_decref(o);
    return *out ? 0 : reel_error(ctx, REEL_ENOMEM, "out of memory");
}

int reel_partial_from_json(reel_partial **out, reel_ctx *ctx, const char *json)
{
    json_error_t err;
    *out = NULL;
    json_t *o = json_loads(json, 0, &err);
    json_t *film = json_object_get(o, "film"), *arts = json_object_get(o, "articles");
    if (!json_is_object(o) || !json_is_string(film) || !json_is_object(arts) ||
        json_integer_value(json_object_get(o, "partial_version")) != PARTIAL_VERSION) {
        json_decref(o);
        return reel_error(ctx, REEL_EFORMAT, "not a reel partial (version %d): %s",
                          PARTIAL_VERSION, o ? "missing fields" : err.text);
    }
    reel_partial *p = NULL;
    if (reel_partial_new(&p, json_string_value(film))) {
        json_decref(o);
        return reel_error(ctx, REEL_ENOMEM, "out of memory");
    }
    json_decref(p->articles);
    p->articles = json_incref(arts);
    json_decref(o);
    *out = p;
    return 0;
}

/* ---------------- finalize ---------------- */

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double quantile(const double *v, size_t n, double q)
{
    if (n == 0) return NAN;
    double pos = q * (double)(n - 1);
    size_t i = (size_t)pos;
    double f = pos - (double)i;
    return i + 1 < n ? v[i] * (1 - f) + v[i + 1] * f : v[i];
}

static json_t *num(double v)
{
    if (!isfinite(v)) return json_null();
    return json_real(round(v * 100.0) / 100.0);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* ids in sorted order: the order every figure is computed in */
static const char **sorted_ids(json_t *arts, size_t *n)
{
    *n = json_object_size(arts);
    const char **ids = malloc((*n ? *n : 1) * sizeof *ids);
    if (!ids) return NULL;
    size_t i = 0;
    const char *k;
    json_t *v;
    json_object_foreach(arts, k, v) ids[i++] = k;
    qsort(ids, *n, sizeof *ids, cmp_str);
    return ids;
}

static json_t *article_brief(const char *id, json_t *s)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_string(id));
    static const char *keep[] = {"title",  "outlet",   "author",  "date",  "kind",
                                 "source", "url",      "verdict", "score", "sentiment",
                                 "tone",   "language", NULL};
    for (const char **k = keep; *k; k++)
        json_object_set_new(o, *k, get_copy(s, *k));
    return o;
}

/* Share positive, weighing the verdicts that do not settle it alone.
 * A clear verdict (an explicit score away from the line) counts 1 or 0.
 * Two kinds are uncertain, and each counts its probability of being
 * positive:
 * - a printed score that critics put on both sides of the line (2.5/4 and
 *   6/10: docs/scores.md, "Borderline scores"): the rate at which that score
 *   is positive, moved by the text model's log-odds. Nothing else: on rt-dev
 *   a 2.5/4 is positive as often among raves as among pans, so the film's
 *   other verdicts say nothing more about it;
 * - a verdict predicted from the text: the text model's log-odds plus
 *   PREDICTED_CONSENSUS times the log-odds of the film's share among its
 *   clear verdicts (with a prior of 2 reviews at 50%). An unscored review
 *   goes with the film's critics far more often than the text model alone
 *   can tell: on rt-dev 18% of them are positive on films whose clear
 *   verdicts are under 20% positive, 91% on films over 80%. */
#define PREDICTED_CONSENSUS 0.75

static double logit(double p)
{
    if (p < 1e-4) p = 1e-4;
    if (p > 1 - 1e-4) p = 1 - 1e-4;
    return log(p / (1 - p));
}

/* P(positive) of an explicit score on its own: 1 or 0 away from the line,
 * the measured share on the line's borderline steps; < 0 = not borderline. */
static double borderline_prior(json_t *score)
{
    double value = json_number_value(json_object_get(score, "value"));
    double scale = json_number_value(json_object_get(score, "scale"));
    if (scale == 4 && value == 2.5) return 0.54;
    if (scale == 10 && value == 6) return 0.55;
    return -1;
}

/* A review's verdict, positive or not: a letter grade by the grade, the rest
 * at the threshold (reel_verdict_positive, docs/scores.md). */
static int verdict_positive(json_t *s, double score100, int is_explicit)
{
    json_t *sc = is_explicit ? json_object_get(s, "score") : NULL;
    return reel_verdict_positive(json_string_value(json_object_get(sc, "form")),
                                 json_number_value(json_object_get(sc, "value")),
                                 score100);
}

typedef struct {
    double certain_pos;    /* clear verdicts that are positive */
    size_t certain_n;      /* clear verdicts */
    double borderline_pos; /* borderline scores: their probabilities, summed */
    size_t borderline_n;
    double *logodds; /* each predicted verdict's text log-odds, for share_finish */
    size_t predicted_n;
} share_tally;

static void share_add(share_tally *t, json_t *s, double score100, int is_explicit)
{
    json_t *sent = json_object_get(s, "sentiment");
    json_t *pp = json_object_get(sent, "prob_positive");
    double text = json_is_number(pp) ? logit(json_number_value(pp)) : 0;
    if (is_explicit) {
        double prior = borderline_prior(json_object_get(s, "score"));
        if (prior < 0) {
            t->certain_n++;
            t->certain_pos += verdict_positive(s, score100, 1);
            return;
        }
        /* its own evidence only: known as soon as it is read */
        t->borderline_n++;
        t->borderline_pos += 1.0 / (1.0 + exp(-(logit(prior) + text)));
        return;
    }
    t->logodds[t->predicted_n++] = text;
}

static double share_finish(const share_tally *t)
{
    double pi = (t->certain_pos + 1.0) / ((double)t->certain_n + 2.0);
    double film = PREDICTED_CONSENSUS * logit(pi),
           pos = t->certain_pos + t->borderline_pos;
    for (size_t i = 0; i < t->predicted_n; i++)
        pos += 1.0 / (1.0 + exp(-(t->logodds[i] + film)));
    return pos;
}

/* Reception figures over the reviews' verdicts. */
static json_t *reception(json_t *arts, const char **ids, size_t n)
{
    double *vals = malloc((n ? n : 1) * sizeof *vals);
    share_tally share = {.logodds = malloc((n ? n : 1) * sizeof(double))};
    if (!vals || !share.logodds) {
        free(vals);
        free(share.logodds);
        oom_note();
        return NULL;
    }
    size_t nv = 0, explicit_n = 0, predicted_n = 0, pos = 0;
    double sum = 0;
    int hist[10] = {0};
    const char *best_id = NULL, *worst_id = NULL;
    double best = -1, worst = 101;
    for (size_t i = 0; i < n; i++) {
        json_t *s = json_object_get(arts, ids[i]);
        if (strcmp(json_str0(json_object_get(s, "kind")), "review") != 0) continue;
        json_t *v = json_object_get(s, "verdict");
        json_t *sc = json_object_get(v, "score100");
        if (!json_is_number(sc)) continue;
        double x = json_number_value(sc);
        vals[nv++] = x;
        sum += x;
        int b = (int)(x / 10.0);
        if (b > 9) b = 9;
        if (b < 0) b = 0;
        hist[b]++;
        const char *src = json_string_value(json_object_get(v, "source"));
        int is_explicit = src && !strcmp(src, "explicit");
        if (is_explicit)
            explicit_n++;
        else
            predicted_n++;
        pos += (size_t)verdict_positive(s, x, is_explicit);
        share_add(&share, s, x, is_explicit);
        /* ties go to the smaller id: ids are visited in order */
        if (x > best) best = x, best_id = ids[i];
        if (x < worst) worst = x, worst_id = ids[i];
    }
    json_t *r = json_object();
    double mean = nv ? sum / (double)nv : NAN;
    double var = 0;
    for (size_t i = 0; i < nv; i++)
        var += (vals[i] - mean) * (vals[i] - mean);
    qsort(vals, nv, sizeof *vals, cmp_double);
    json_object_set_new(r, "critics_score", num(mean));
    json_object_set_new(r, "reviews_scored", json_integer((json_int_t)nv));
    json_object_set_new(r, "explicit", json_integer((json_int_t)explicit_n));
    json_object_set_new(r, "predicted", json_integer((json_int_t)predicted_n));
    json_object_set_new(r, "positive", json_integer((json_int_t)pos));
    json_object_set_new(r, "positive_share",
                        nv ? num(100.0 * share_finish(&share) / (double)nv)
                           : json_null());
    json_object_set_new(
        r, "weighed", json_integer((json_int_t)(share.borderline_n + share.predicted_n)));
    json_object_set_new(r, "threshold", json_real(REEL_POSITIVE_THRESHOLD));
    json_t *h = json_array();
    for (int b = 0; b < 10; b++)
        json_array_append_new(h, json_integer(hist[b]));
    json_object_set_new(r, "histogram", h);
    json_object_set_new(r, "stddev", nv ? num(sqrt(var / (double)nv)) : json_null());
    json_object_set_new(r, "median", num(quantile(vals, nv, 0.5)));
    json_object_set_new(r, "q1", num(quantile(vals, nv, 0.25)));
    json_object_set_new(r, "q3", num(quantile(vals, nv, 0.75)));
    json_object_set_new(r, "iqr",
                        nv ? num(quantile(vals, nv, 0.75) - quantile(vals, nv, 0.25))
                           : json_null());
    json_object_set_new(r, "most_positive",
                        best_id ? article_brief(best_id, json_object_get(arts, best_id))
                                : json_null());
    json_object_set_new(r, "most_negative",
                        worst_id && nv > 1
                            ? article_brief(worst_id, json_object_get(arts, worst_id))
                            : json_null());
    free(vals);
    free(share.logodds);
    return r;
}

/* When the reviews came out: the first and last review date (ISO, as far
 * as the date goes: "2019", "2019-05", "2019-05-21") and the reviews with
 * none, for the timeline and `films --sort first-review`. */
static json_t *review_dates(json_t *arts, const char **ids, size_t n)
{
    const char *first = NULL, *last = NULL;
    size_t undated = 0;
    for (size_t i = 0; i < n; i++) {
        json_t *s = json_object_get(arts, ids[i]);
        if (strcmp(json_string_value(json_object_get(s, "kind")), "review") != 0)
            continue;
        const char *d = json_string_value(json_object_get(s, "date"));
        if (!timeline_date_ok(d)) {
            undated++;
            continue;
        }
        if (!first || strcmp(d, first) < 0) first = d;
        if (!last || strcmp(d, last) > 0) last = d;
    }
    return json_pack("{s:o,s:o,s:I}", "first_review",
                     first ? json_string(first) : json_null(), "last_review",
                     last ? json_string(last) : json_null(), "reviews_undated",
                     (json_int_t)undated);
}

int reception_extras(json_t *report, json_t *arts, const char **ids,
                     size_t n); /* quotes.c */
int facts_reconcile(json_t *report, json_t *arts, const char **ids,
                    size_t n); /* reconcile.c */

/* No article wrote the film's year beside its title: the year of its
 * earliest stated release (a release date, not a home-video one). */
static void film_year_from_facts(json_t *rep)
{
    json_t *facts = json_object_get(rep, "facts"), *f;
    size_t i;
    int year = 0;
    json_array_foreach(facts, i, f)
    {
        const char *pred = json_string_value(json_object_get(f, "predicate"));
        const char *norm = json_string_value(json_object_get(f, "norm"));
        if (!pred || strcmp(pred, "release_date") != 0 || !norm || strlen(norm) < 4)
            continue;
        int y = atoi(norm);
        if (y >= 1880 && y <= 2200 && (!year || y < year)) year = y;
    }
    if (year)
        json_object_set_new(json_object_get(rep, "film"), "year", json_integer(year));
}

/* The report of one film of the partial: the articles `ids` (in id order)
 * that identity_partition put in it. */
static json_t *group_report(const reel_partial *p, const film_group *g, json_t *catalog,
                            size_t cap)
{
    const char **ids = g->ids;
    size_t n = g->n;
    json_t *rep = json_object();
    /* the film's name: the variant most articles use; ties → smallest.
     * Reports are dumped with sorted keys: the bytes must not depend on
     * the order a partial's JSON happened to be written in. */
    json_t *titles = json_object(), *years = json_object();
    for (size_t i = 0; i < n; i++) {
        json_t *s = json_object_get(p->articles, ids[i]);
        const char *t = json_string_value(json_object_get(s, "film_title"));
        if (t) {
            json_t *c = json_object_get(titles, t);
            json_object_set_new(titles, t,
                                json_integer(c ? json_integer_value(c) + 1 : 1));
        }
        json_t *y = json_object_get(s, "film_year");
        if (json_is_integer(y)) {
            char yb[16];
            snprintf(yb, sizeof yb, "%d", (int)json_integer_value(y));
            json_t *c = json_object_get(years, yb);
            json_object_set_new(years, yb,
                                json_integer(c ? json_integer_value(c) + 1 : 1));
        }
    }
    const char *title = NULL, *k;
    json_int_t best = 0;
    json_t *v;
    json_object_foreach(titles, k, v)
    {
        json_int_t c = json_integer_value(v);
        if (c > best || (c == best && title && strcmp(k, title) < 0)) best = c, title = k;
    }
    int year = 0;
    best = 0;
    json_object_foreach(years, k, v)
    {
        json_int_t c = json_integer_value(v);
        if (c > best || (c == best && atoi(k) < year)) best = c, year = atoi(k);
    }
    if (g->year) year = g->year;
    /* a film the catalog knows goes by the catalog's title */
    json_t *entry = g->seed >= 0 ? json_array_get(catalog, (size_t)g->seed) : NULL;
    if (json_is_string(json_object_get(entry, "title")))
        title = json_string_value(json_object_get(entry, "title"));
    json_object_set_new(rep, "film",
                        json_pack("{s:s,s:s,s:o}", "key", p->key, "title",
                                  title ? title : p->key, "year",
                                  year ? json_integer(year) : json_null()));
    json_object_set_new(rep, "title_variants", titles);
    json_decref(years);

    json_t *counts = json_pack("{s:I,s:i,s:i,s:i,s:i}", "articles", (json_int_t)n,
                               "review", 0, "interview", 0, "news", 0, "other", 0);
    json_t *arts = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *s = json_object_get(p->articles, ids[i]);
        const char *kind = json_string_value(json_object_get(s, "kind"));
        json_t *c = json_object_get(counts, kind);
        if (c) json_object_set_new(counts, kind, json_integer(json_integer_value(c) + 1));
        /* the first `cap` in id order; the rest are paged (store_film_page.c) */
        if (!cap || i < cap) json_array_append_new(arts, article_brief(ids[i], s));
    }
    if (cap && n > cap)
        json_object_set_new(rep, "articles_total", json_integer((json_int_t)n));
    json_object_set_new(rep, "counts", counts);
    json_object_set_new(rep, "dates", review_dates(p->articles, ids, n));
    json_object_set_new(rep, "reception", reception(p->articles, ids, n));
    reception_extras(rep, p->articles, ids, n);
    if (facts_reconcile(rep, p->articles, ids, n))
        oom_note(); /* film_reports refuses it */
    if (!year && !g->unresolved) film_year_from_facts(rep);
    json_t *film = json_object_get(rep, "film");
    char *id = identity_film_id(p->key, g->year, g->unresolved);
    if (!id) oom_note();
    json_object_set_new(film, "id", id ? json_string(id) : json_null());
    free(id);
    if (g->unresolved) json_object_set_new(film, "unresolved", json_true());
    /* the catalog's entry it resolved to: its ids ("tt0087182", "Q…") */
    if (g->seed >= 0 && json_array_get(catalog, (size_t)g->seed))
        json_object_set(film, "catalog", json_array_get(catalog, (size_t)g->seed));
    json_object_set_new(rep, "articles", arts);
    return rep;
}

/* The current versions among a partial's articles: of the ids that share
 * an identity, the newer by date, else the greater id (identity.c), so
 * the choice is the same in whatever order shards met them. */
static const char **current_ids(json_t *arts, size_t *n)
{
    const char **ids = sorted_ids(arts, n);
    if (!ids) return NULL;
    json_t *best = json_object(); /* identity → index into ids */
    if (!best) {
        free(ids);
        return NULL;
    }
    for (size_t i = 0; i < *n; i++) {
        json_t *s = json_object_get(arts, ids[i]);
        const char *ident = json_string_value(json_object_get(s, "ident"));
        if (!ident) ident = ids[i];
        json_t *at = json_object_get(best, ident);
        if (at) {
            size_t j = (size_t)json_integer_value(at);
            json_t *o = json_object_get(arts, ids[j]);
            if (!identity_newer(json_string_value(json_object_get(s, "date")), ids[i],
                                json_string_value(json_object_get(o, "date")), ids[j]))
                continue;
        }
        json_object_set_new(best, ident, json_integer((json_int_t)i));
    }
    size_t k = 0;
    for (size_t i = 0; i < *n; i++) {
        json_t *s = json_object_get(arts, ids[i]);
        const char *ident = json_string_value(json_object_get(s, "ident"));
        if ((size_t)json_integer_value(json_object_get(best, ident ? ident : ids[i])) ==
            i)
            ids[k++] = ids[i];
    }
    *n = k;
    json_decref(best);
    return ids;
}

/* `seeds` and `catalog` (the entries as JSON, one per seed): the catalog's
 * films of the title, when the store has a catalog; NULL otherwise. */
static json_t *partial_reports(const reel_partial *p, const film_seed *seeds,
                               size_t n_seeds, json_t *catalog, size_t cap)
{
    size_t n = 0, ng = 0;
    film_group *g = NULL;
    const char **ids = current_ids(p->articles, &n);
    json_t *reps = ids ? json_array() : NULL;
    if (!reps || identity_partition(p->articles, ids, n, seeds, n_seeds, &g, &ng))
        goto fail;
    for (size_t i = 0; i < ng; i++) {
        json_t *rep = group_report(p, &g[i], catalog, cap);
        if (!rep || json_array_append_new(reps, rep)) goto fail;
    }
    identity_groups_free(g, ng);
    free(ids);
    return reps;
fail:
    identity_groups_free(g, ng);
    json_decref(reps);
    free(ids);
    return NULL;
}

/* One report per film the partial holds (identity.c splits a title's
 * articles by year), one JSON object a line, in year order. */
int reel_partial_finalize(char **out, reel_ctx *ctx, const reel_partial *p)
{
    json_t *reps = partial_reports(p, NULL, 0, NULL, FILM_REPORT_ARTICLES), *rep;
    buf b;
    buf_init(&b);
    size_t i;
    *out = NULL;
    if (!reps) return reel_error(ctx, REEL_ENOMEM, "out of memory");
    json_array_foreach(reps, i, rep)
    {
        char *one = json_dumps(rep, REEL_JSON_FLAGS | JSON_SORT_KEYS);
        if (!one) b.oom = 1;
        if (i) buf_putc(&b, '\n');
        if (one) buf_puts(&b, one);
        free(one);
    }
    json_decref(reps);
    if (b.oom) {
        buf_free(&b);
        return reel_error(ctx, REEL_ENOMEM, "out of memory");
    }
    *out = buf_detach(&b);
    return *out ? 0 : reel_error(ctx, REEL_ENOMEM, "out of memory");
}

/* ---------------- from the store ---------------- */

/* The summaries of the articles of the large title keys a store handle
 * rebuilt last, kept between batches (st->summaries: title key → id →
 * [record length, summary]): a batch that adds to a film of thousands of
 * articles then parses only its new records, not every record again. A
 * summary is a function of the record alone, and a record of an id is the
 * same bytes unless it was deleted and put again, which drops it from here
 * (store_summaries_forget) and changes its length, checked too. */
#define SUMMARIES_MIN 64     /* keys with fewer articles are cheap to parse */
#define SUMMARIES_MAX 200000 /* summaries kept in all; past it, start again */

typedef struct {
    reel_ctx *ctx;
    reel_partial *p;
    json_t *cached; /* id → [length, summary] from the last rebuild, or NULL */
    json_t *fresh;  /* the same of this rebuild */
} collect;

/* The id of a record as record.c writes it, without parsing it; NULL when
 * it does not start so (the record is parsed). */
static const char *record_id(const char *json, char id[65])
{
    static const char head[] = "{\"record_version\":1,\"id\":\"";
    size_t h = sizeof head - 1;
    if (strncmp(json, head, h) != 0) return NULL;
    const char *x = json + h;
    for (int i = 0; i < 64; i++)
        if (!((x[i] >= '0' && x[i] <= '9') || (x[i] >= 'a' && x[i] <= 'f'))) return NULL;
    if (x[64] != '"') return NULL;
    memcpy(id, x, 64);
    id[64] = 0;
    return id;
}

static int collect_cb(void *user, const char *record_json)
{
    collect *c = user;
    char idb[65];
    const char *id = record_id(record_json, idb);
    json_int_t len = (json_int_t)strlen(record_json);
    json_t *hit = id && c->cached ? json_object_get(c->cached, id) : NULL;
    if (hit && json_integer_value(json_array_get(hit, 0)) == len) {
        json_t *s = json_array_get(hit, 1);
        if (json_object_set(c->p->articles, id, s) || json_object_set(c->fresh, id, hit))
            return reel_error(c->ctx, REEL_ENOMEM, "out of memory");
        return 0;
    }
    int rc = reel_partial_add(c->ctx, c->p, record_json);
    if (rc || !id) return rc;
    json_t *s = json_object_get(c->p->articles, id);
    if (!s) return 0; /* its own "id" differs from the one it starts with */
    if (json_object_set_new(c->fresh, id, json_pack("[I,O]", len, s)))
        return reel_error(c->ctx, REEL_ENOMEM, "out of memory");
    return 0;
}

/* Keep this rebuild's summaries of `key` for the next, when it is large. */
static void summaries_keep(reel_store *st, const char *key, json_t *fresh)
{
    if (!st->summaries) st->summaries = json_object();
    if (!st->summaries) return;
    if (json_object_size(fresh) < SUMMARIES_MIN) {
        json_object_del(st->summaries, key);
        return;
    }
    size_t total = json_object_size(fresh);
    const char *k;
    json_t *v;
    json_object_foreach(st->summaries, k, v)
    {
        if (strcmp(k, key)) total += json_object_size(v);
    }
    if (total > SUMMARIES_MAX) json_object_clear(st->summaries);
    if (json_object_size(fresh) <= SUMMARIES_MAX)
        json_object_set(st->summaries, key, fresh);
}

void store_summaries_forget(reel_store *st, const char *key, const char *id)
{
    json_t *m = st->summaries && key ? json_object_get(st->summaries, key) : NULL;
    if (m) json_object_del(m, id);
}

int film_reports(reel_ctx *ctx, reel_store *st, const char *key, size_t cap, json_t **out)
{
    reel_partial *p = NULL;
    unsigned oom0 = oom_mark(); /* a report short of a part is an error */
    int rc = reel_partial_new(&p, key);
    *out = NULL;
    if (rc) return reel_error(ctx, rc, "out of memory");
    collect c = {ctx, p, st->summaries ? json_object_get(st->summaries, key) : NULL,
                 json_object()};
    json_t *catalog = NULL;
    film_seed *seeds = NULL;
    size_t n_seeds = 0;
    if (!c.fresh) {
        rc = reel_error(ctx, REEL_ENOMEM, "out of memory");
        goto done;
    }
    if ((rc = st->ops->film_records(st, key, collect_cb, &c))) goto done;
    /* summaries short of a part (a kind, a verdict) never reach the report */
    if (oom_since(oom0)) {
        rc = reel_error(ctx, REEL_ENOMEM, "out of memory");
        goto done;
    }
    summaries_keep(st, key, c.fresh);
    /* a title whose articles are all gone (replaced, deleted) has no film */
    if (json_object_size(p->articles) == 0) {
        *out = json_array();
    } else {
        if ((rc = store_catalog_seeds(st, key, &seeds, &n_seeds, &catalog))) goto done;
        *out = partial_reports(p, seeds, n_seeds, catalog, cap);
    }
    if (!*out || oom_since(oom0)) {
        json_decref(*out);
        *out = NULL;
        rc = reel_error(ctx, REEL_ENOMEM, "out of memory");
    }
done:
    json_decref(c.fresh);
    store_catalog_seeds_free(seeds, n_seeds, catalog);
    reel_partial_free(p);
    return rc;
}

void film_summary(json_t *rep, store_film *summary)
{
    json_t *film = json_object_get(rep, "film"), *r = json_object_get(rep, "reception");
    json_t *counts = json_object_get(rep, "counts");
    summary->key = json_string_value(json_object_get(film, "id"));
    summary->title_key = json_string_value(json_object_get(film, "key"));
    summary->title = json_string_value(json_object_get(film, "title"));
    summary->year = (int)json_integer_value(json_object_get(film, "year"));
    summary->n_articles = (int)json_integer_value(json_object_get(counts, "articles"));
    summary->n_reviews = (int)json_integer_value(json_object_get(counts, "review"));
    json_t *cs = json_object_get(r, "critics_score");
    summary->score = json_is_number(cs) ? json_number_value(cs) : NAN;
    json_t *ps = json_object_get(r, "positive_share");
    summary->positive = json_is_number(ps) ? json_number_value(ps) : NAN;
    summary->first_review =
        json_string_value(json_object_get(json_object_get(rep, "dates"), "first_review"));
}
