/* sentiment_train.c — training the sentiment model with liblinear: a
 * vocabulary of hashed n-grams seen in at least min_df documents, per-feature
 * scaling (NB log-count ratios or idf), L2-normalised rows, and liblinear's
 * primal trust-region solvers, which use no random numbers, so the same
 * examples in the same order always give the same model. Then the
 * calibration of margins to P(positive) (Platt) and to 0-100 (isotonic).
 */
#include "sentiment.h"

#include <linear.h>
#include <math.h>

void sent_train_defaults(sent_train_opts *o)
{
    memset(o, 0, sizeof *o);
    /* chosen by 10-fold CV on polarity2k and mr, the IMDB dev split and
     * rt-dev quotes (models/MODEL.md); differences between the runners-up
     * were within a few tenths of a point */
    o->fo.ngram = 3;
    o->fo.negation = 1;
    o->sublinear = 0;
    o->scale = SENT_SCALE_NB;
    o->loss = SENT_LOSS_LR;
    o->C = 4;
    o->beta = 1;
    o->nb_alpha = 1;
    o->min_df = 0;
}

static void quiet(const char *s)
{
    (void)s;
}

/* LSD radix sort of 48-bit ids, 16 bits a pass, through tmp: the ids of
 * a whole corpus (tens of millions) sort in a fraction of qsort's time. */
static void sort_ids(uint64_t *a, uint64_t *tmp, size_t n, size_t *count)
{
    uint64_t *src = a, *dst = tmp;
    for (int shift = 0; shift < 48; shift += 16) {
        memset(count, 0, 65537 * sizeof *count);
        for (size_t i = 0; i < n; i++)
            count[((src[i] >> shift) & 0xffff) + 1]++;
        for (size_t b = 0; b < 65536; b++)
            count[b + 1] += count[b];
        for (size_t i = 0; i < n; i++)
            dst[count[(src[i] >> shift) & 0xffff]++] = src[i];
        uint64_t *t = src;
        src = dst;
        dst = t;
    }
    /* after three passes the sorted ids are in tmp */
    memcpy(a, src, n * sizeof *a);
}

int sent_train(reel_ctx *ctx, struct reel_model **out, const sent_example *ex, size_t n,
               const sent_train_opts *o)
{
    int rc = REEL_ENOMEM;
    uint64_t *all = NULL, *tmp = NULL;
    size_t *count = NULL;
    double *pos = NULL, *neg = NULL, *df = NULL, *y = NULL;
    struct feature_node *nodes = NULL;
    struct feature_node **rows = NULL;
    struct model *lm = NULL;
    struct reel_model *m = NULL;
    *out = NULL;
    if (n < 2) {
        rc = reel_error(ctx, REEL_EINVAL, "training needs at least 2 examples");
        goto done;
    }

    /* 1. vocabulary: ids seen in >= min_df documents, ascending */
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += ex[i].fv.n;
    all = malloc((total ? total : 1) * sizeof *all);
    tmp = malloc((total ? total : 1) * sizeof *tmp);
    count = malloc(65537 * sizeof *count);
    if (!all || !tmp || !count) goto oom;
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < ex[i].fv.n; j++)
            all[k++] = ex[i].fv.items[j].id;
    sort_ids(all, tmp, total, count);
    free(tmp);
    tmp = NULL;
    /* min_df 0 = by corpus size: 2, and one more per 10,000 documents past
     * 20,000, which keeps the shipped model near 4 MB without costing
     * accuracy (n-grams that rare carry little weight) */
    size_t min_df = o->min_df > 0 ? (size_t)o->min_df : (n + 9999) / 10000;
    if (min_df < 2) min_df = 2;
    size_t nv = 0;
    for (size_t i = 0; i < total;) {
        size_t j = i;
        while (j < total && all[j] == all[i])
            j++;
        if (j - i >= min_df) all[nv++] = all[i];
        i = j;
    }

    m = calloc(1, sizeof *m);
    if (!m) goto oom;
    m->fo = o->fo;
    m->sublinear = o->sublinear;
    m->n = nv;
    m->keys = malloc((nv ? nv : 1) * sizeof *m->keys);
    m->scale = malloc((nv ? nv : 1) * sizeof *m->scale);
    m->w = calloc(nv ? nv : 1, sizeof *m->w);
    if (!m->keys || !m->scale || !m->w) goto oom;
    if (nv) memcpy(m->keys, all, nv * sizeof *all);
    free(all);
    all = NULL;
    if (model_index(m)) goto oom;

    /* 2. per-feature statistics: document frequency by class */
    pos = calloc(nv + 1, sizeof *pos);
    neg = calloc(nv + 1, sizeof *neg);
    df = calloc(nv + 1, sizeof *df);
    if (!pos || !neg || !df) goto oom;
    size_t nnz = 0, npos = 0;
    for (size_t i = 0; i < n; i++) {
        npos += ex[i].label == 1;
        for (size_t j = 0; j < ex[i].fv.n; j++) {
            size_t f = model_find(m, ex[i].fv.items[j].id);
            if (f == SIZE_MAX) continue;
            nnz++;
            df[f] += 1;
            if (ex[i].label == 1)
                pos[f] += 1;
            else
                neg[f] += 1;
        }
    }
    if (npos == 0 || npos == n) {
        rc = reel_error(ctx, REEL_EINVAL, "training needs both classes");
        goto done;
    }
    double psum = 0, qsum = 0, smax = 0;
    double *scales = pos; /* reused: pos[f] is read before scales[f] is set */
    for (size_t f = 0; f < nv; f++) {
        psum += pos[f] + o->nb_alpha;
        qsum += neg[f] + o->nb_alpha;
    }
    for (size_t f = 0; f < nv; f++) {
        double s = 1;
        if (o->scale == SENT_SCALE_NB)
            s = log(((pos[f] + o->nb_alpha) / psum) / ((neg[f] + o->nb_alpha) / qsum));
        else if (o->scale == SENT_SCALE_IDF)
            s = log((1.0 + (double)n) / (1.0 + df[f])) + 1.0;
        scales[f] = s;
        if (fabs(s) > smax) smax = fabs(s);
    }
    m->scale_step = smax > 0 ? smax / 32767 : 1.0 / 32767;
    for (size_t f = 0; f < nv; f++)
        m->scale[f] = model_quantise(scales[f], m->scale_step);

    /* 3. the liblinear problem: scaled, L2-normalised rows + a bias node */
    nodes = malloc((nnz + 2 * n) * sizeof *nodes);
    rows = malloc(n * sizeof *rows);
    y = malloc(n * sizeof *y);
    if (!nodes || !rows || !y) goto oom;
    struct feature_node *p = nodes;
    for (size_t i = 0; i < n; i++) {
        rows[i] = p;
        y[i] = ex[i].label == 1 ? 1 : -1;
        double norm2 = 0;
        struct feature_node *row = p;
        /* ids ascend in fv and keys are sorted: feature numbers ascend too,
         * as liblinear wants */
        for (size_t j = 0; j < ex[i].fv.n; j++) {
            size_t f = model_find(m, ex[i].fv.items[j].id);
            if (f == SIZE_MAX) continue;
            double v = o->sublinear ? 1.0 + log((double)ex[i].fv.items[j].count) : 1.0;
            /* the float scale, as prediction will see it */
            double x = v * (double)m->scale[f];
            if (x == 0) continue;
            p->index = (int)f + 1;
            p->value = x;
            norm2 += x * x;
            p++;
        }
        if (norm2 > 0)
            for (struct feature_node *q = row; q < p; q++)
                q->value /= sqrt(norm2);
        p->index = (int)nv + 1;
        p->value = 1.0;
        p++;
        p->index = -1;
        p++;
    }
    struct problem prob = {.l = (int)n, .n = (int)nv + 1, .y = y, .x = rows, .bias = 1.0};
    struct parameter par = {0};
    par.solver_type = o->loss == SENT_LOSS_SVM ? L2R_L2LOSS_SVC : L2R_LR;
    par.eps = 0.01;
    par.C = o->C;
    par.p = 0.1;
    const char *bad = check_parameter(&prob, &par);
    if (bad) {
        rc = reel_error(ctx, REEL_EINVAL, "liblinear: %s", bad);
        goto done;
    }
    set_print_string_function(quiet);
    lm = train(&prob, &par);
    if (!lm) goto oom;
    /* liblinear's decision value is positive for its first label */
    double sign = lm->label[0] == 1 ? 1 : -1;
    double wabs = 0;
    for (size_t f = 0; f < nv; f++)
        wabs += fabs(lm->w[f]);
    double wbar = nv ? wabs / (double)nv : 0;
    double wmax = 0;
    for (size_t f = 0; f < nv; f++) {
        double w = sign * ((1 - o->beta) * wbar + o->beta * lm->w[f]);
        if (fabs(w) > wmax) wmax = fabs(w);
    }
    m->w_step = wmax > 0 ? wmax / 32767 : 1.0 / 32767;
    for (size_t f = 0; f < nv; f++)
        m->w[f] =
            model_quantise(sign * ((1 - o->beta) * wbar + o->beta * lm->w[f]), m->w_step);
    m->bias = sign * lm->w[nv];
    m->prob_a = 1;
    m->prob_b = 0;
    m->n_knots = 0;
    *out = m;
    m = NULL;
    rc = REEL_OK;
    goto done;
oom:
    rc = reel_error(ctx, REEL_ENOMEM, "out of memory while training");
done:
    if (lm) free_and_destroy_model(&lm);
    free(all);
    free(tmp);
    free(count);
    free(pos);
    free(neg);
    free(df);
    free(nodes);
    free(rows);
    free(y);
    model_free(m);
    return rc;
}

/* ---------------- calibration ---------------- */

void sent_fit_platt(const double *margin, const int *label, size_t n, double *out_a,
                    double *out_b)
{
    /* Platt's targets keep the fit finite on separable data. */
    double np = 0, nn = 0;
    for (size_t i = 0; i < n; i++) {
        if (label[i] == 1)
            np++;
        else
            nn++;
    }
    double tp = (np + 1) / (np + 2), tn = 1 / (nn + 2);
    double a = 1, b = 0;
    for (int it = 0; it < 100; it++) {
        double g0 = 0, g1 = 0, h00 = 1e-9, h01 = 0, h11 = 1e-9;
        for (size_t i = 0; i < n; i++) {
            double t = label[i] == 1 ? tp : tn;
            double pr = 1 / (1 + exp(-(a * margin[i] + b)));
            double d = pr - t, w = pr * (1 - pr);
            g0 += d * margin[i];
            g1 += d;
            h00 += w * margin[i] * margin[i];
            h01 += w * margin[i];
            h11 += w;
        }
        double det = h00 * h11 - h01 * h01;
        if (fabs(det) < 1e-300) break;
        double da = (h11 * g0 - h01 * g1) / det;
        double db = (h00 * g1 - h01 * g0) / det;
        a -= da;
        b -= db;
        if (fabs(da) < 1e-10 && fabs(db) < 1e-10) break;
    }
    *out_a = a;
    *out_b = b;
}

typedef struct {
    double x, y, w;
} cal_pt;

static int cmp_pt(const void *a, const void *b)
{
    const cal_pt *p = a, *q = b;
    if (p->x != q->x) return p->x < q->x ? -1 : 1;
    if (p->y != q->y) return p->y < q->y ? -1 : 1;
    return 0;
}

int sent_calibrate(struct reel_model *m, const double *margin, const double *score,
                   const double *weight, size_t n)
{
    cal_pt *pt = malloc((n ? n : 1) * sizeof *pt);
    cal_pt *blk = malloc((n ? n : 1) * sizeof *blk);
    int rc = REEL_ENOMEM;
    if (!pt || !blk) goto done;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(margin[i]) || !isfinite(score[i])) continue;
        pt[k].x = margin[i];
        pt[k].y = score[i];
        pt[k].w = weight ? weight[i] : 1;
        if (pt[k].w > 0) k++;
    }
    m->n_knots = 0;
    rc = REEL_OK;
    if (k == 0) goto done;
    qsort(pt, k, sizeof *pt, cmp_pt);
    /* pool adjacent violators; a block keeps its weighted mean x and y */
    size_t nb = 0;
    for (size_t i = 0; i < k; i++) {
        blk[nb].x = pt[i].x * pt[i].w;
        blk[nb].y = pt[i].y * pt[i].w;
        blk[nb].w = pt[i].w;
        nb++;
        while (nb > 1 && blk[nb - 2].y / blk[nb - 2].w >= blk[nb - 1].y / blk[nb - 1].w) {
            blk[nb - 2].x += blk[nb - 1].x;
            blk[nb - 2].y += blk[nb - 1].y;
            blk[nb - 2].w += blk[nb - 1].w;
            nb--;
        }
    }
    for (size_t i = 0; i < nb; i++) {
        blk[i].x /= blk[i].w;
        blk[i].y /= blk[i].w;
    }
    /* thin to at most SENT_MAX_KNOTS knots, evenly over the blocks, keeping
     * the ends; x stays strictly increasing because blocks are disjoint */
    size_t want = nb < SENT_MAX_KNOTS ? nb : SENT_MAX_KNOTS;
    for (size_t i = 0; i < want; i++) {
        size_t src = want == 1 ? 0 : i * (nb - 1) / (want - 1);
        if (m->n_knots > 0 && blk[src].x <= m->cal_x[m->n_knots - 1]) continue;
        m->cal_x[m->n_knots] = blk[src].x;
        m->cal_y[m->n_knots] = blk[src].y;
        m->n_knots++;
    }
done:
    free(pt);
    free(blk);
    return rc;
}
