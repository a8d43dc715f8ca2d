/* reception.c — a film's reception figures, from its reviews' summaries in
 * id order: critics' score (the mean of the 0-100 verdicts), share positive
 * (each uncertain verdict weighed by how sure it is: see below), counts of
 * explicit and predicted verdicts, histogram, spread and quartiles, the most
 * positive and most negative reviews, and when the reviews came out. Part
 * of finalize (aggregate.c): a pure function of the summaries.
 */
#include "../internal.h"
#include "../jv.h"
#include "../store/store.h"
#include "aggregate.h"

#include <jansson.h>
#include <math.h>

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
json_t *film_reception(json_t *arts, const char **ids, size_t n)
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
    json_object_set_new(r, "critics_score", jv_round(mean, 2));
    json_object_set_new(r, "reviews_scored", json_integer((json_int_t)nv));
    json_object_set_new(r, "explicit", json_integer((json_int_t)explicit_n));
    json_object_set_new(r, "predicted", json_integer((json_int_t)predicted_n));
    json_object_set_new(r, "positive", json_integer((json_int_t)pos));
    json_object_set_new(r, "positive_share",
                        nv ? jv_round(100.0 * share_finish(&share) / (double)nv, 2)
                           : json_null());
    json_object_set_new(
        r, "weighed", json_integer((json_int_t)(share.borderline_n + share.predicted_n)));
    json_object_set_new(r, "threshold", json_real(REEL_POSITIVE_THRESHOLD));
    json_t *h = json_array();
    for (int b = 0; b < 10; b++)
        json_array_append_new(h, json_integer(hist[b]));
    json_object_set_new(r, "histogram", h);
    json_object_set_new(r, "stddev", nv ? jv_round(sqrt(var / (double)nv), 2) : json_null());
    json_object_set_new(r, "median", jv_round(quantile(vals, nv, 0.5), 2));
    json_object_set_new(r, "q1", jv_round(quantile(vals, nv, 0.25), 2));
    json_object_set_new(r, "q3", jv_round(quantile(vals, nv, 0.75), 2));
    json_object_set_new(r, "iqr",
                        nv ? jv_round(quantile(vals, nv, 0.75) - quantile(vals, nv, 0.25), 2)
                           : json_null());
    json_object_set_new(
        r, "most_positive",
        best_id ? aggregate_article_brief(best_id, json_object_get(arts, best_id))
                : json_null());
    json_object_set_new(
        r, "most_negative",
        worst_id && nv > 1
            ? aggregate_article_brief(worst_id, json_object_get(arts, worst_id))
            : json_null());
    free(vals);
    free(share.logodds);
    return r;
}

/* When the reviews came out: the first and last review date (ISO, as far
 * as the date goes: "2019", "2019-05", "2019-05-21") and the reviews with
 * none, for the timeline and `films --sort first-review`. */
json_t *film_review_dates(json_t *arts, const char **ids, size_t n)
{
    const char *first = NULL, *last = NULL;
    size_t undated = 0;
    for (size_t i = 0; i < n; i++) {
        json_t *s = json_object_get(arts, ids[i]);
        if (strcmp(json_string_value(json_object_get(s, "kind")), "review") != 0)
            continue;
        const char *d = json_string_value(json_object_get(s, "date"));
        if (!date_placeable(d)) {
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
