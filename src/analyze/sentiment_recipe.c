/* sentiment_recipe.c — the recipe of the shipped sentiment model
 * (models/MODEL.md): which rows each model trains on (mr repeated, rt-dev
 * never), the dev model whose held-out IMDB margins give Platt scaling and
 * calibration points, the 0-100 calibration on those and rt-dev's printed
 * scores with its error held out by film, and cross-validation on the
 * sets' own folds. The solver and the calibration fits are
 * sentiment_train.c; reading the sets is train_data.c.
 */
#include "../hash.h"
#include "sentiment.h"

#include <math.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

void sent_opts_of(sent_train_opts *out, const reel_train_opts *o)
{
    sent_train_defaults(out);
    out->fo.ngram = o->ngram;
    out->fo.negation = o->negation;
    out->sublinear = o->sublinear;
    out->scale = o->scale == REEL_TRAIN_SCALE_NB    ? SENT_SCALE_NB
                 : o->scale == REEL_TRAIN_SCALE_IDF ? SENT_SCALE_IDF
                                                    : SENT_SCALE_NONE;
    out->loss = o->loss == REEL_TRAIN_LOSS_SVM ? SENT_LOSS_SVM : SENT_LOSS_LR;
    out->C = o->C;
    out->beta = o->beta;
    out->nb_alpha = o->nb_alpha;
    out->min_df = o->min_df;
}

void reel_train_defaults(reel_train_opts *out)
{
    sent_train_opts d;
    sent_train_defaults(&d);
    memset(out, 0, sizeof *out);
    out->ngram = d.fo.ngram;
    out->negation = d.fo.negation;
    out->sublinear = d.sublinear;
    out->scale = d.scale == SENT_SCALE_NB    ? REEL_TRAIN_SCALE_NB
                 : d.scale == SENT_SCALE_IDF ? REEL_TRAIN_SCALE_IDF
                                             : REEL_TRAIN_SCALE_NONE;
    out->loss = d.loss == SENT_LOSS_SVM ? REEL_TRAIN_LOSS_SVM : REEL_TRAIN_LOSS_LR;
    out->C = d.C;
    out->beta = d.beta;
    out->nb_alpha = d.nb_alpha;
    out->min_df = d.min_df;
    out->mr_weight = 1;
}

int sent_extract_rows(sent_example **out, const reel_train_rows *r, const feat_opts *fo)
{
    sent_example *ex = calloc(r->n ? r->n : 1, sizeof *ex);
    if (!ex) return REEL_ENOMEM;
    for (size_t i = 0; i < r->n; i++) {
        featvec_init(&ex[i].fv);
        ex[i].label = r->rows[i].label;
        if (features_extract(&ex[i].fv, fo, r->rows[i].text, r->rows[i].len)) {
            sent_examples_free(ex, i + 1);
            return REEL_ENOMEM;
        }
    }
    *out = ex;
    return 0;
}

void sent_examples_free(sent_example *ex, size_t n)
{
    if (!ex) return;
    for (size_t i = 0; i < n; i++)
        featvec_free(&ex[i].fv);
    free(ex);
}

/* Train on the rows where pick[i] == 1 (shallow copies of the examples);
 * mr rows go in `rep` times: liblinear has no example weights, and
 * repeating a row is the same as weighting it. */
int sent_train_picked(reel_ctx *ctx, struct reel_model **out, const sent_example *ex,
                      const char *pick, size_t n, const sent_train_opts *to,
                      const reel_train_rows *r, int rep)
{
    size_t cap = 0;
    *out = NULL;
    for (size_t i = 0; i < n; i++)
        if (pick[i] == 1) cap += (r && r->rows[i].set == REEL_TRAIN_MR) ? (size_t)rep : 1;
    sent_example *sub = malloc((cap ? cap : 1) * sizeof *sub);
    if (!sub) return reel_error(ctx, REEL_ENOMEM, "out of memory");
    size_t k = 0;
    /* repeats go in as whole extra passes so the order stays the file's */
    int passes = r ? rep : 1;
    for (int p = 0; p < (passes > 1 ? passes : 1); p++)
        for (size_t i = 0; i < n; i++)
            if (pick[i] == 1 && (p == 0 || r->rows[i].set == REEL_TRAIN_MR))
                sub[k++] = ex[i];
    int rc = sent_train(ctx, out, sub, k, to);
    free(sub);
    return rc;
}

/* Models whose loss is not logistic get Platt scaling from held-out
 * margins; the logistic one's probabilities are used as they are. */
static void set_platt(struct reel_model *m, const sent_train_opts *to,
                      const double *margin, const int *label, size_t n)
{
    if (to->loss == SENT_LOSS_LR || n == 0) return;
    sent_fit_platt(margin, label, n, &m->prob_a, &m->prob_b);
}

typedef struct {
    size_t n, correct;
} acc_t;

/* Accuracy on the rows where pick[i] == 2, their margins into `margins`. */
static void eval_on(const struct reel_model *m, const sent_example *ex, const char *pick,
                    size_t n, acc_t *acc, double *margins)
{
    for (size_t i = 0; i < n; i++) {
        if (pick[i] != 2) continue;
        double mg = model_margin(m, &ex[i].fv, NULL);
        if (margins) margins[i] = mg;
        acc->n++;
        acc->correct += (model_prob(m, mg) >= 0.5) == (ex[i].label == 1);
    }
}

/* Calibration points: IMDB dev reviews (rating as 0-100, margins from a
 * model that did not see them) and rt-dev quotes with a printed score
 * (margins from the model, which never sees rt-dev). Each source gets the
 * same total weight. rt rows with rt_fold >= 0 and == skip_fold are left
 * out (cross-fitting for the held-out error). */
static int calibrate(reel_ctx *m_ctx, struct reel_model *m, const double *imdb_margin,
                     const reel_train_rows *r, const double *rt_margin,
                     const int *rt_fold, int skip_fold)
{
    double *x = malloc((r->n + 1) * sizeof *x);
    double *y = malloc((r->n + 1) * sizeof *y);
    double *w = malloc((r->n + 1) * sizeof *w);
    size_t n = 0, nimdb = 0, nrt = 0;
    int rc = REEL_ENOMEM;
    if (!x || !y || !w) {
        reel_error(m_ctx, REEL_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < r->n; i++) {
        const reel_train_row *row = &r->rows[i];
        if (row->score < 0) continue;
        if (row->set == REEL_TRAIN_IMDB && !isnan(imdb_margin[i])) nimdb++;
        if (row->set == REEL_TRAIN_RT && rt_fold[i] != skip_fold) nrt++;
    }
    for (size_t i = 0; i < r->n; i++) {
        const reel_train_row *row = &r->rows[i];
        if (row->score < 0) continue;
        if (row->set == REEL_TRAIN_IMDB && !isnan(imdb_margin[i])) {
            x[n] = imdb_margin[i];
            w[n] = 1.0 / (double)nimdb;
        } else if (row->set == REEL_TRAIN_RT && rt_fold[i] != skip_fold) {
            x[n] = rt_margin[i];
            w[n] = 1.0 / (double)nrt;
        } else {
            continue;
        }
        y[n++] = row->score;
    }
    rc = sent_calibrate(m, x, y, w, n) ? reel_error(m_ctx, REEL_ENOMEM, "out of memory")
                                       : 0;
done:
    free(x);
    free(y);
    free(w);
    return rc;
}

/* rt-dev's films in two halves (for cross-fitted calibration error). */
static int film_fold(const char *film)
{
    const char *f = film ? film : "";
    return (int)(hash_bytes(f, strlen(f)) >> 33) & 1;
}

/* The dev model (for held-out IMDB margins), the model that ships,
 * Platt scaling, rt-dev's accuracy and held-out calibration error, and
 * the final calibration on every point. */
static int build_model(reel_ctx *ctx, const sent_train_opts *to, int mr_rep,
                       const reel_train_rows *r, const sent_example *ex,
                       struct reel_model **out, reel_train_report *rep)
{
    char *pick = malloc(r->n ? r->n : 1);
    double *im = malloc((r->n + 1) * sizeof *im);
    double *rtm = malloc((r->n + 1) * sizeof *rtm);
    int *rtf = malloc((r->n + 1) * sizeof *rtf);
    int *lab = malloc((r->n + 1) * sizeof *lab);
    double *pm = malloc((r->n + 1) * sizeof *pm);
    struct reel_model *dev = NULL, *m = NULL;
    int rc = REEL_ENOMEM, have_imdb = 0, have_rt = 0;
    if (!pick || !im || !rtm || !rtf || !lab || !pm) {
        reel_error(ctx, REEL_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < r->n; i++) {
        im[i] = NAN;
        rtf[i] = r->rows[i].set == REEL_TRAIN_RT ? film_fold(r->rows[i].film) : -1;
        have_imdb |= r->rows[i].set == REEL_TRAIN_IMDB;
        have_rt |= r->rows[i].set == REEL_TRAIN_RT;
    }
    double t0 = now();
    /* 1. the dev model: everything but the IMDB dev films (and rt-dev) */
    size_t np = 0;
    if (have_imdb) {
        for (size_t i = 0; i < r->n; i++) {
            const reel_train_row *row = &r->rows[i];
            int s = row->set == REEL_TRAIN_IMDB ? reel_train_imdb_split(row) : 0;
            pick[i] = row->set == REEL_TRAIN_RT ? 0 : s == 0 ? 1 : s == 1 ? 2 : 0;
        }
        if ((rc = sent_train_picked(ctx, &dev, ex, pick, r->n, to, r, mr_rep))) goto done;
        acc_t acc = {0};
        eval_on(dev, ex, pick, r->n, &acc, im);
        rep->imdb_dev_accuracy = 100.0 * acc.correct / acc.n;
        rep->imdb_dev_n = acc.n;
        for (size_t i = 0; i < r->n; i++)
            if (pick[i] == 2) {
                lab[np] = ex[i].label;
                pm[np++] = im[i];
            }
    }
    /* 2. the model that ships: every labelled review but rt-dev */
    for (size_t i = 0; i < r->n; i++)
        pick[i] = r->rows[i].set != REEL_TRAIN_RT;
    if ((rc = sent_train_picked(ctx, &m, ex, pick, r->n, to, r, mr_rep))) goto done;
    rep->seconds_train = now() - t0;
    rep->n_train = 0;
    for (size_t i = 0; i < r->n; i++)
        rep->n_train += (size_t)pick[i];
    set_platt(m, to, pm, lab, np);
    /* 3. rt-dev quotes: fresh accuracy and margins for calibration */
    acc_t racc = {0};
    for (size_t i = 0; i < r->n; i++)
        pick[i] = r->rows[i].set == REEL_TRAIN_RT ? 2 : 0;
    eval_on(m, ex, pick, r->n, &racc, rtm);
    rep->rt_n = racc.n;
    rep->rt_accuracy = racc.n ? 100.0 * racc.correct / racc.n : 0;
    /* 4. held-out calibration error on rt-dev: fit on one half of the films
     * (+ IMDB dev), measure on the other, both ways; beside the error of
     * always predicting the mean score of the fitting half */
    double err = 0, err_mean = 0, err_in = 0;
    size_t nerr = 0;
    for (int half = 0; have_rt && half < 2; half++) {
        struct reel_model tmp = *m;
        if ((rc = calibrate(ctx, &tmp, im, r, rtm, rtf, half))) goto done;
        double sum = 0;
        size_t cnt = 0;
        for (size_t i = 0; i < r->n; i++)
            if (rtf[i] >= 0 && rtf[i] != half && r->rows[i].score >= 0) {
                sum += r->rows[i].score;
                cnt++;
            }
        double mean = cnt ? sum / (double)cnt : 50;
        for (size_t i = 0; i < r->n; i++)
            if (rtf[i] == half && r->rows[i].score >= 0) {
                err += fabs(model_score100(&tmp, rtm[i]) - r->rows[i].score);
                err_mean += fabs(mean - r->rows[i].score);
                nerr++;
            }
    }
    /* 5. the final calibration uses all points */
    if ((rc = calibrate(ctx, m, im, r, rtm, rtf, -2))) goto done;
    for (size_t i = 0; i < r->n; i++)
        if (rtf[i] >= 0 && r->rows[i].score >= 0)
            err_in += fabs(model_score100(m, rtm[i]) - r->rows[i].score);
    rep->rt_scored = nerr;
    rep->rt_mae = nerr ? err / (double)nerr : NAN;
    rep->rt_mae_mean = nerr ? err_mean / (double)nerr : NAN;
    rep->rt_mae_in = nerr ? err_in / (double)nerr : NAN;
    rep->features = m->n;
    *out = m;
    m = NULL;
    rc = 0;
done:
    model_free(dev);
    model_free(m);
    free(pick);
    free(im);
    free(rtm);
    free(rtf);
    free(lab);
    free(pm);
    return rc;
}

int reel_train_model(reel_model **out, reel_ctx *ctx, reel_train_report *report,
                     const reel_train_rows *rows, const reel_train_opts *opts)
{
    reel_train_report rep;
    memset(&rep, 0, sizeof rep);
    sent_train_opts to;
    sent_opts_of(&to, opts);
    sent_example *ex = NULL;
    *out = NULL;
    double t0 = now();
    if (sent_extract_rows(&ex, rows, &to.fo))
        return reel_error(ctx, REEL_ENOMEM, "out of memory extracting features");
    rep.seconds_features = now() - t0;
    int rc = build_model(ctx, &to, opts->mr_weight, rows, ex, out, &rep);
    sent_examples_free(ex, rows->n);
    if (report) *report = rep;
    return rc;
}

int reel_train_cross_validate(reel_train_cv *out, reel_ctx *ctx,
                              const reel_train_rows *rows, reel_train_set set,
                              const reel_train_opts *opts)
{
    memset(out, 0, sizeof *out);
    if (set != REEL_TRAIN_IMDB && set != REEL_TRAIN_POLARITY && set != REEL_TRAIN_MR)
        return reel_error(ctx, REEL_EINVAL,
                          "cross-validation takes polarity2k, mr or imdb");
    sent_train_opts to;
    sent_opts_of(&to, opts);
    sent_example *ex = NULL;
    char *pick = NULL;
    int rc = REEL_ENOMEM;
    if (sent_extract_rows(&ex, rows, &to.fo) || !(pick = malloc(rows->n ? rows->n : 1))) {
        reel_error(ctx, REEL_ENOMEM, "out of memory extracting features");
        goto done;
    }
    out->folds = set == REEL_TRAIN_IMDB ? 1 : 10;
    double t0 = now();
    for (int k = 0; k < out->folds; k++) {
        for (size_t i = 0; i < rows->n; i++) {
            const reel_train_row *row = &rows->rows[i];
            int s = set == REEL_TRAIN_IMDB ? reel_train_imdb_split(row) : row->fold == k;
            pick[i] = row->set != set || s < 0 ? 0 : (char)(s + 1);
        }
        struct reel_model *m = NULL;
        if ((rc = sent_train_picked(ctx, &m, ex, pick, rows->n, &to, NULL, 1))) goto done;
        acc_t acc = {0};
        eval_on(m, ex, pick, rows->n, &acc, NULL);
        model_free(m);
        out->n[k] = acc.n;
        out->correct[k] = acc.correct;
    }
    out->seconds = now() - t0;
    rc = 0;
done:
    free(pick);
    sent_examples_free(ex, rows->n);
    return rc;
}

int reel_model_save(reel_ctx *ctx, const reel_model *model, const char *path)
{
    return model_save(ctx, model, path);
}

void reel_model_free(reel_model *model)
{
    model_free(model);
}
