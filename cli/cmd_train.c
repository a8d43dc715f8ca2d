/* cmd_train.c — `reel train`: trains the sentiment model from
 * ../shared/data (imdb_train, polarity2k, mr), calibrates its 0-100 score
 * against explicit scores (IMDB ratings of a held-out-by-film dev split and
 * rt-dev's printed scores) and writes models/sentiment.model. The same
 * command evaluates (--cv, --rt-eval), exports the identical splits for the
 * benchmark's anchors (--export) and times prediction (--predict).
 */
#include "../src/analyze/sentiment.h"
#include "cli.h"
#include "train_data.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static long peak_rss_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

typedef struct {
    const char *out, *data, *cv, *export_dir, *predict, *model, *sets;
    int json, rt_eval;
    int mr_rep; /* how many times mr's snippets count in the full model */
    sent_train_opts to;
} train_args;

/* The usage text; `reel completion bash` reads its options from it too. */
const char cmd_train_usage[] =
    "usage: reel train [--out models/sentiment.model] [--data ../shared/data]\n"
    "                  [--sets imdb,polarity2k,mr] [--mr-weight N] [--json]\n"
    "       reel train --cv polarity2k|mr|imdb [--export DIR] [--json]\n"
    "       reel train --rt-eval [--export DIR] [--json]\n"
    "       reel train --predict FILE.tsv --model M   (label TAB text lines)\n"
    "       reel train names ...   (the first-name model: reel train names --help)\n"
    "model options: --ngram N  --C X  --scale nb|idf|none  --loss lr|svm\n"
    "               --beta B  --sublinear  --no-negation\n"
    "               --min-df N (0: by corpus size)  --nb-alpha A\n";

static void usage(FILE *f)
{
    fputs(cmd_train_usage, f);
}

/* ---------------- features of every row ---------------- */

static int extract_all(const train_rows *r, const feat_opts *fo, sent_example **out)
{
    sent_example *ex = calloc(r->n ? r->n : 1, sizeof *ex);
    if (!ex) return -1;
    for (size_t i = 0; i < r->n; i++) {
        featvec_init(&ex[i].fv);
        ex[i].label = r->rows[i].label;
        if (features_extract(&ex[i].fv, fo, r->rows[i].text, r->rows[i].len)) {
            for (size_t j = 0; j <= i; j++)
                featvec_free(&ex[j].fv);
            free(ex);
            return -1;
        }
    }
    *out = ex;
    return 0;
}

static void free_examples(sent_example *ex, size_t n)
{
    if (!ex) return;
    for (size_t i = 0; i < n; i++)
        featvec_free(&ex[i].fv);
    free(ex);
}

/* Train on the rows where pick[i] == 1 (shallow copies of the examples);
 * rows of the set `heavy` go in `rep` times: liblinear has no example
 * weights, and repeating a row is the same as weighting it. */
static struct reel_model *train_on_w(reel_ctx *ctx, const sent_example *ex,
                                     const char *pick, size_t n,
                                     const sent_train_opts *to, const train_rows *r,
                                     train_set heavy, int rep)
{
    size_t cap = 0;
    for (size_t i = 0; i < n; i++)
        if (pick[i] == 1) cap += (r && r->rows[i].set == heavy) ? (size_t)rep : 1;
    sent_example *sub = malloc((cap ? cap : 1) * sizeof *sub);
    struct reel_model *m = NULL;
    if (!sub) return NULL;
    size_t k = 0;
    /* repeats go in as whole extra passes so the order stays the file's */
    int passes = r ? rep : 1;
    for (int p = 0; p < (passes > 1 ? passes : 1); p++)
        for (size_t i = 0; i < n; i++)
            if (pick[i] == 1 && (p == 0 || r->rows[i].set == heavy)) sub[k++] = ex[i];
    if (sent_train(ctx, &m, sub, k, to))
        fprintf(stderr, "reel train: %s\n", reel_errmsg(ctx));
    free(sub);
    return m;
}

static struct reel_model *train_on(reel_ctx *ctx, const sent_example *ex,
                                   const char *pick, size_t n, const sent_train_opts *to)
{
    return train_on_w(ctx, ex, pick, n, to, NULL, SET_COUNT, 1);
}

/* Models whose loss is not logistic get Platt scaling from held-out
 * margins; the logistic one's probabilities are used as they are. */
static void set_platt(struct reel_model *m, const sent_train_opts *to,
                      const double *margin, const int *label, size_t n)
{
    if (to->loss == SENT_LOSS_LR || n == 0) return;
    sent_fit_platt(margin, label, n, &m->prob_a, &m->prob_b);
}

/* ---------------- export for the anchors ---------------- */

/* fastText line: __label__N and our tokens (no negation marks: fastText
 * gets the same words and learns its own bigrams). */
static void write_ft(FILE *f, const train_row *row, const feat_opts *fo, buf *b)
{
    b->len = 0;
    features_tokens(b, fo, row->text, row->len, 0);
    fprintf(f, "__label__%d %s\n", row->label, b->data ? b->data : "");
}

/* svmlight line over the vocabulary `v` (idf-scaled, sublinear tf,
 * L2-normalised: the usual tf-idf uni+bigram baseline on our features). */
static void write_svm(FILE *f, const sent_example *e, const struct reel_model *v)
{
    double norm2 = 0;
    size_t from = 0;
    fprintf(f, "%d", e->label ? 1 : -1);
    for (int pass = 0; pass < 2; pass++) {
        from = 0;
        for (size_t j = 0; j < e->fv.n; j++) {
            size_t a = from, b = v->n;
            while (a < b) {
                size_t mid = a + (b - a) / 2;
                if (v->keys[mid] < e->fv.items[j].id)
                    a = mid + 1;
                else
                    b = mid;
            }
            from = a;
            if (a == v->n || v->keys[a] != e->fv.items[j].id) continue;
            double x = (1 + log((double)e->fv.items[j].count)) * v->scale[a];
            if (pass == 0)
                norm2 += x * x;
            else
                fprintf(f, " %zu:%.6g", a + 1, x / sqrt(norm2));
        }
        if (norm2 <= 0) break;
    }
    fputc('\n', f);
}

static void write_raw(FILE *f, const train_row *row)
{
    fprintf(f, "%d\t", row->label);
    for (size_t i = 0; i < row->len; i++) {
        char c = row->text[i];
        fputc(c == '\t' || c == '\n' || c == '\r' ? ' ' : c, f);
    }
    fputc('\n', f);
}

/* Writes DIR/NAME.{train,test}.{ft,svm} and DIR/NAME.test.tsv (raw text for
 * VADER and for timing predictions). pick: 1 train, 2 test, 0 neither. */
static int export_split(reel_ctx *ctx, const char *dir, const char *name,
                        const train_rows *r, const sent_example *ex, const char *pick,
                        const feat_opts *fo)
{
    char path[4096];
    FILE *f[5] = {0};
    static const char *const suffix[5] = {"train.ft", "test.ft", "train.svm", "test.svm",
                                          "test.tsv"};
    struct reel_model *v = NULL;
    size_t *order = NULL;
    int rc = -1;
    buf b;
    buf_init(&b);
    sent_train_opts vo;
    sent_train_defaults(&vo);
    vo.fo = *fo;
    vo.scale = SENT_SCALE_IDF;
    vo.sublinear = 1;
    vo.C = 1e-6; /* only the vocabulary and idf are used */
    v = train_on(ctx, ex, pick, r->n, &vo);
    if (!v) goto done;
    for (int k = 0; k < 5; k++) {
        snprintf(path, sizeof path, "%s/%s.%s", dir, name, suffix[k]);
        f[k] = fopen(path, "w");
        if (!f[k]) {
            fprintf(stderr, "reel train: %s: %s\n", cli_safe(path), strerror(errno));
            goto done;
        }
    }
    /* the sets list all positives first: online learners (fastText) need
     * the rows shuffled, by our own seeded generator so runs repeat */
    order = malloc((r->n ? r->n : 1) * sizeof *order);
    if (!order) goto done;
    for (size_t i = 0; i < r->n; i++)
        order[i] = i;
    uint64_t seed = 0x5eed5eedULL;
    for (size_t i = r->n; i > 1; i--) {
        seed += 0x9e3779b97f4a7c15ULL;
        uint64_t z = seed;
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        z ^= z >> 31;
        size_t j = (size_t)(z % i), t = order[i - 1];
        order[i - 1] = order[j];
        order[j] = t;
    }
    for (size_t k = 0; k < r->n; k++) {
        size_t i = order[k];
        if (!pick[i]) continue;
        int t = pick[i] == 2;
        write_ft(f[t], &r->rows[i], fo, &b);
        write_svm(f[2 + t], &ex[i], v);
        if (t) write_raw(f[4], &r->rows[i]);
    }
    rc = 0;
done:
    for (int k = 0; k < 5; k++)
        if (f[k] && fclose(f[k]) != 0) rc = -1;
    model_free(v);
    free(order);
    buf_free(&b);
    return rc;
}

/* ---------------- evaluation ---------------- */

typedef struct {
    size_t n, correct;
} acc_t;

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

static int load_sets(train_rows *r, const char *dir, const char *sets)
{
    char tmp[256];
    snprintf(tmp, sizeof tmp, "%s", sets);
    for (char *save = NULL, *t = strtok_r(tmp, ",", &save); t;
         t = strtok_r(NULL, ",", &save)) {
        int found = 0;
        for (int s = 0; s < SET_COUNT; s++)
            if (strcmp(t, train_set_name((train_set)s)) == 0) {
                if (train_rows_load(r, dir, (train_set)s)) return -1;
                found = 1;
            }
        if (!found) {
            fprintf(stderr,
                    "reel train: unknown set '%s' (imdb, polarity2k, "
                    "mr, rt-dev)\n",
                    t);
            return -1;
        }
    }
    return 0;
}

static const char *loss_name(const sent_train_opts *o)
{
    return o->loss == SENT_LOSS_SVM ? "svm" : "lr";
}
static const char *scale_name(const sent_train_opts *o)
{
    return o->scale == SENT_SCALE_NB ? "nb" : o->scale == SENT_SCALE_IDF ? "idf" : "none";
}

static void print_opts(FILE *f, const sent_train_opts *o)
{
    fprintf(f,
            "ngram=%d negation=%d scale=%s sublinear=%d loss=%s C=%g "
            "beta=%g nb_alpha=%g min_df=%d",
            o->fo.ngram, o->fo.negation, scale_name(o), o->sublinear, loss_name(o), o->C,
            o->beta, o->nb_alpha, o->min_df);
}

/* --cv SET: 10-fold on the file's folds (polarity2k, mr) or the IMDB dev
 * split held out by film. */
static int run_cv(reel_ctx *ctx, const train_args *a)
{
    train_rows r = {0};
    sent_example *ex = NULL;
    char *pick = NULL;
    int rc = EXIT_FAIL;
    train_set set;
    if (strcmp(a->cv, "imdb") == 0)
        set = SET_IMDB;
    else if (strcmp(a->cv, "polarity2k") == 0)
        set = SET_POLARITY;
    else if (strcmp(a->cv, "mr") == 0)
        set = SET_MR;
    else {
        fprintf(stderr, "reel train: --cv takes polarity2k, mr or imdb\n");
        return EXIT_USAGE;
    }
    if (train_rows_load(&r, a->data, set)) goto done;
    if (extract_all(&r, &a->to.fo, &ex)) goto done;
    pick = malloc(r.n);
    if (!pick) goto done;
    int folds = set == SET_IMDB ? 1 : 10;
    acc_t total = {0};
    double t0 = now();
    if (!a->json) {
        printf("%s: ", train_set_name(set));
        print_opts(stdout, &a->to);
        printf("\n");
    }
    for (int k = 0; k < folds; k++) {
        for (size_t i = 0; i < r.n; i++) {
            int s =
                set == SET_IMDB ? imdb_split(&r.rows[i]) : (r.rows[i].fold == k ? 1 : 0);
            pick[i] = s < 0 ? 0 : (char)(s + 1);
        }
        if (a->export_dir) {
            char name[64];
            snprintf(name, sizeof name, "%s.%d", train_set_name(set), k);
            if (export_split(ctx, a->export_dir, name, &r, ex, pick, &a->to.fo))
                goto done;
        }
        struct reel_model *m = train_on(ctx, ex, pick, r.n, &a->to);
        if (!m) goto done;
        acc_t acc = {0};
        eval_on(m, ex, pick, r.n, &acc, NULL);
        model_free(m);
        total.n += acc.n;
        total.correct += acc.correct;
        if (!a->json)
            printf("  fold %d: %.2f%% of %zu\n", k, 100.0 * acc.correct / acc.n, acc.n);
    }
    double acc = 100.0 * total.correct / total.n;
    if (a->json)
        printf("{\"set\":\"%s\",\"folds\":%d,\"n\":%zu,\"accuracy\":%.4f,"
               "\"seconds\":%.2f}\n",
               train_set_name(set), folds, total.n, acc, now() - t0);
    else
        printf("%s: accuracy %.2f%% over %zu held-out reviews (%d fold%s, %.1f s)\n",
               train_set_name(set), acc, total.n, folds, folds > 1 ? "s" : "",
               now() - t0);
    rc = EXIT_OKAY;
done:
    free(pick);
    free_examples(ex, r.n);
    train_rows_free(&r);
    return rc;
}

/* ---------------- calibration ---------------- */

/* Calibration points: IMDB dev reviews (rating as 0-100, margins from a
 * model that did not see them) and rt-dev quotes with a printed score
 * (margins from `rt_model`, which never sees rt-dev). Each source gets the
 * same total weight. rt rows with rt_fold >= 0 and == skip_fold are left
 * out (cross-fitting for the held-out error). */
typedef struct {
    double *x, *y, *w;
    size_t n;
} cal_set;

static int calibrate(struct reel_model *m, const double *imdb_margin, const train_rows *r,
                     const double *rt_margin, const int *rt_fold, int skip_fold)
{
    cal_set c = {0};
    size_t nimdb = 0, nrt = 0;
    int rc = -1;
    c.x = malloc((r->n + 1) * sizeof(double));
    c.y = malloc((r->n + 1) * sizeof(double));
    c.w = malloc((r->n + 1) * sizeof(double));
    if (!c.x || !c.y || !c.w) goto done;
    for (size_t i = 0; i < r->n; i++) {
        const train_row *row = &r->rows[i];
        if (row->score < 0) continue;
        if (row->set == SET_IMDB && !isnan(imdb_margin[i])) nimdb++;
        if (row->set == SET_RT && rt_fold[i] != skip_fold) nrt++;
    }
    for (size_t i = 0; i < r->n; i++) {
        const train_row *row = &r->rows[i];
        if (row->score < 0) continue;
        if (row->set == SET_IMDB && !isnan(imdb_margin[i])) {
            c.x[c.n] = imdb_margin[i];
            c.w[c.n] = 1.0 / (double)nimdb;
        } else if (row->set == SET_RT && rt_fold[i] != skip_fold) {
            c.x[c.n] = rt_margin[i];
            c.w[c.n] = 1.0 / (double)nrt;
        } else {
            continue;
        }
        c.y[c.n++] = row->score;
    }
    rc = sent_calibrate(m, c.x, c.y, c.w, c.n) ? -1 : 0;
done:
    free(c.x);
    free(c.y);
    free(c.w);
    return rc;
}

/* rt-dev's films in two halves (for cross-fitted calibration error). */
static int film_fold(const char *film)
{
    uint64_t h = 1469598103934665603ULL;
    for (const char *p = film ? film : ""; *p; p++) {
        h ^= (unsigned char)*p;
        h *= 1099511628211ULL;
    }
    return (int)(h >> 33) & 1;
}

/* The calibration and quote metrics shared by the default run and
 * --rt-eval: trains the IMDB-dev model (for held-out IMDB margins) and the
 * full model, calibrates, and reports. On success *out is the final model. */
typedef struct {
    double imdb_dev_acc, rt_acc, mae, mae_mean, mae_in, train_s;
    size_t n_train, imdb_dev_n, rt_n, rt_scored;
} train_report;

static int build_model(reel_ctx *ctx, const train_args *a, train_rows *r,
                       sent_example *ex, struct reel_model **out, train_report *rep,
                       int with_rt)
{
    char *pick = malloc(r->n ? r->n : 1);
    double *im = malloc((r->n + 1) * sizeof *im);
    double *rtm = malloc((r->n + 1) * sizeof *rtm);
    int *rtf = malloc((r->n + 1) * sizeof *rtf);
    int *lab = malloc((r->n + 1) * sizeof *lab);
    double *pm = malloc((r->n + 1) * sizeof *pm);
    struct reel_model *dev = NULL, *m = NULL;
    int rc = -1, have_imdb = 0;
    if (!pick || !im || !rtm || !rtf || !lab || !pm) goto done;
    for (size_t i = 0; i < r->n; i++) {
        im[i] = NAN;
        rtf[i] = r->rows[i].set == SET_RT ? film_fold(r->rows[i].film) : -1;
        have_imdb |= r->rows[i].set == SET_IMDB;
    }
    double t0 = now();
    /* 1. the dev model: everything but the IMDB dev films (and rt-dev) */
    size_t np = 0;
    if (have_imdb) {
        for (size_t i = 0; i < r->n; i++) {
            const train_row *row = &r->rows[i];
            int s = row->set == SET_IMDB ? imdb_split(row) : 0;
            pick[i] = row->set == SET_RT ? 0 : s == 0 ? 1 : s == 1 ? 2 : 0;
        }
        dev = train_on_w(ctx, ex, pick, r->n, &a->to, r, SET_MR, a->mr_rep);
        if (!dev) goto done;
        acc_t acc = {0};
        eval_on(dev, ex, pick, r->n, &acc, im);
        rep->imdb_dev_acc = 100.0 * acc.correct / acc.n;
        rep->imdb_dev_n = acc.n;
        for (size_t i = 0; i < r->n; i++)
            if (pick[i] == 2) {
                lab[np] = ex[i].label;
                pm[np++] = im[i];
            }
    }
    /* 2. the model that ships: every labelled review but rt-dev */
    for (size_t i = 0; i < r->n; i++)
        pick[i] = r->rows[i].set != SET_RT;
    m = train_on_w(ctx, ex, pick, r->n, &a->to, r, SET_MR, a->mr_rep);
    if (!m) goto done;
    rep->train_s = now() - t0;
    rep->n_train = 0;
    for (size_t i = 0; i < r->n; i++)
        rep->n_train += pick[i];
    set_platt(m, &a->to, pm, lab, np);
    /* 3. rt-dev quotes: fresh accuracy and margins for calibration */
    acc_t racc = {0};
    for (size_t i = 0; i < r->n; i++)
        pick[i] = r->rows[i].set == SET_RT ? 2 : 0;
    eval_on(m, ex, pick, r->n, &racc, rtm);
    rep->rt_n = racc.n;
    rep->rt_acc = racc.n ? 100.0 * racc.correct / racc.n : 0;
    /* 4. held-out calibration error on rt-dev: fit on one half of the films
     * (+ IMDB dev), measure on the other, both ways; beside the error of
     * always predicting the mean score of the fitting half */
    double err = 0, err_mean = 0, err_in = 0;
    size_t nerr = 0;
    if (with_rt) {
        for (int half = 0; half < 2; half++) {
            struct reel_model tmp = *m;
            if (calibrate(&tmp, im, r, rtm, rtf, half)) goto done;
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
    }
    /* 5. the final calibration uses all points */
    if (calibrate(m, im, r, rtm, rtf, -2)) goto done;
    for (size_t i = 0; i < r->n; i++)
        if (rtf[i] >= 0 && r->rows[i].score >= 0)
            err_in += fabs(model_score100(m, rtm[i]) - r->rows[i].score);
    rep->rt_scored = nerr;
    rep->mae = nerr ? err / (double)nerr : NAN;
    rep->mae_mean = nerr ? err_mean / (double)nerr : NAN;
    rep->mae_in = nerr ? err_in / (double)nerr : NAN;
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

static int run_train(reel_ctx *ctx, const train_args *a)
{
    train_rows r = {0};
    sent_example *ex = NULL;
    struct reel_model *m = NULL;
    int rc = EXIT_FAIL;
    double t0 = now();
    if (load_sets(&r, a->data, a->sets)) goto done;
    int with_rt = 0;
    if (a->rt_eval || strcmp(a->sets, "imdb,polarity2k,mr") == 0) {
        if (train_rows_load(&r, a->data, SET_RT)) goto done;
        with_rt = 1;
    }
    double t_load = now() - t0;
    if (extract_all(&r, &a->to.fo, &ex)) {
        fprintf(stderr, "reel train: out of memory extracting features\n");
        goto done;
    }
    double t_feat = now() - t0 - t_load;
    if (a->rt_eval && a->export_dir) {
        char *pick = malloc(r.n);
        if (!pick) goto done;
        for (size_t i = 0; i < r.n; i++)
            pick[i] = r.rows[i].set == SET_RT ? 2 : 1;
        int e = export_split(ctx, a->export_dir, "rt.0", &r, ex, pick, &a->to.fo);
        free(pick);
        if (e) goto done;
    }
    train_report rep = {0};
    if (build_model(ctx, a, &r, ex, &m, &rep, with_rt)) goto done;
    double total = now() - t0;
    if (!a->rt_eval && model_save(ctx, m, a->out)) {
        fprintf(stderr, "reel train: %s\n", reel_errmsg(ctx));
        goto done;
    }
    struct stat st;
    long size = (!a->rt_eval && stat(a->out, &st) == 0) ? (long)st.st_size : -1;
    if (a->json) {
        printf("{\"sets\":\"%s\",\"train_reviews\":%zu,\"features\":%zu,"
               "\"imdb_dev_accuracy\":%.4f,\"imdb_dev_n\":%zu,"
               "\"rt_quote_accuracy\":%.4f,\"rt_quotes\":%zu,"
               "\"rt_mae\":%.3f,\"rt_mae_mean\":%.3f,\"rt_mae_in_sample\":%.3f,"
               "\"rt_scored\":%zu,\"seconds_load\":%.2f,\"seconds_features\":%.2f,"
               "\"seconds_train\":%.2f,\"seconds_total\":%.2f,"
               "\"model_bytes\":%ld,\"peak_rss_kb\":%ld}\n",
               a->sets, rep.n_train, m->n, rep.imdb_dev_acc, rep.imdb_dev_n, rep.rt_acc,
               rep.rt_n, rep.mae, rep.mae_mean, rep.mae_in, rep.rt_scored, t_load, t_feat,
               rep.train_s, total, size, peak_rss_kb());
    } else {
        printf("trained on %zu reviews (%s): %zu features; ", rep.n_train, a->sets, m->n);
        print_opts(stdout, &a->to);
        printf("\n");
        if (rep.imdb_dev_n)
            printf("IMDB dev (held out by film): %.2f%% of %zu\n", rep.imdb_dev_acc,
                   rep.imdb_dev_n);
        if (with_rt) {
            printf("rt-dev quotes (fresh/rotten): %.2f%% of %zu\n", rep.rt_acc, rep.rt_n);
            printf("rt-dev 0-100 mean abs error: %.2f held out by film "
                   "(always the mean: %.2f; in-sample %.2f) over %zu scores\n",
                   rep.mae, rep.mae_mean, rep.mae_in, rep.rt_scored);
        }
        printf("time: load %.1f s, features %.1f s, train+calibrate %.1f s, "
               "total %.1f s; peak RSS %ld MB\n",
               t_load, t_feat, rep.train_s, total, peak_rss_kb() / 1024);
        if (size >= 0) printf("wrote %s (%ld bytes)\n", a->out, size);
    }
    rc = EXIT_OKAY;
done:
    model_free(m);
    free_examples(ex, r.n);
    train_rows_free(&r);
    return rc;
}

/* --predict FILE: "label TAB text" lines; the loaded model scores each
 * whole text (tokenising included) and the throughput is printed. */
static int run_predict(reel_ctx *ctx, const train_args *a)
{
    FILE *f = NULL;
    char *line = NULL;
    size_t cap = 0, n = 0, correct = 0;
    featvec fv;
    featvec_init(&fv);
    int rc = EXIT_FAIL;
    double t0 = now();
    if (!a->model) {
        fprintf(stderr, "reel train: --predict needs --model FILE\n");
        return EXIT_USAGE;
    }
    if (reel_ctx_load_model(ctx, a->model)) {
        fprintf(stderr, "reel train: %s\n", reel_errmsg(ctx));
        goto done;
    }
    const struct reel_model *m = ctx->model;
    f = fopen(a->predict, "r");
    if (!f) {
        fprintf(stderr, "reel train: %s: %s\n", cli_safe(a->predict), strerror(errno));
        goto done;
    }
    ssize_t len;
    while ((len = getline(&line, &cap, f)) > 0) {
        char *tab = strchr(line, '\t');
        if (!tab) continue;
        const char *text = tab + 1;
        size_t tl = (size_t)len - (size_t)(text - line);
        if (features_extract(&fv, &m->fo, text, tl)) goto done;
        double p = model_prob(m, model_margin(m, &fv, NULL));
        correct += (p >= 0.5) == (line[0] == '1');
        n++;
    }
    double dt = now() - t0;
    if (a->json)
        printf("{\"n\":%zu,\"accuracy\":%.4f,\"seconds\":%.4f,"
               "\"per_second\":%.0f,\"peak_rss_kb\":%ld}\n",
               n, n ? 100.0 * correct / n : 0, dt, n / dt, peak_rss_kb());
    else
        printf("%zu predictions in %.3f s (model load included): %.0f/s, "
               "accuracy %.2f%%, peak RSS %ld MB\n",
               n, dt, n / dt, n ? 100.0 * correct / n : 0, peak_rss_kb() / 1024);
    rc = EXIT_OKAY;
done:
    if (f) fclose(f);
    free(line);
    featvec_free(&fv);
    return rc;
}

int cmd_train(int argc, char **argv)
{
    train_args a = {.out = "models/sentiment.model",
                    .data = "../shared/data",
                    .sets = "imdb,polarity2k,mr",
                    .mr_rep = 1};
    if (argc > 1 && strcmp(argv[1], "names") == 0)
        return cmd_train_names(argc - 1, argv + 1);
    sent_train_defaults(&a.to);
    reel_ctx *ctx = NULL;
    int rc = EXIT_USAGE;
    enum {
        O_OUT = 1,
        O_DATA,
        O_SETS,
        O_CV,
        O_EXPORT,
        O_PREDICT,
        O_MODEL,
        O_JSON,
        O_MR_WEIGHT,
        O_RT_EVAL,
        O_SUBLINEAR,
        O_NO_NEGATION,
        O_NGRAM,
        O_C,
        O_BETA,
        O_MIN_DF,
        O_NB_ALPHA,
        O_SCALE,
        O_LOSS
    };
    static const struct option lo[] = {
        {"out", required_argument, NULL, O_OUT},
        {"data", required_argument, NULL, O_DATA},
        {"sets", required_argument, NULL, O_SETS},
        {"cv", required_argument, NULL, O_CV},
        {"export", required_argument, NULL, O_EXPORT},
        {"predict", required_argument, NULL, O_PREDICT},
        {"model", required_argument, NULL, O_MODEL},
        {"json", no_argument, NULL, O_JSON},
        {"mr-weight", required_argument, NULL, O_MR_WEIGHT},
        {"rt-eval", no_argument, NULL, O_RT_EVAL},
        {"sublinear", no_argument, NULL, O_SUBLINEAR},
        {"no-negation", no_argument, NULL, O_NO_NEGATION},
        {"ngram", required_argument, NULL, O_NGRAM},
        {"C", required_argument, NULL, O_C},
        {"beta", required_argument, NULL, O_BETA},
        {"min-df", required_argument, NULL, O_MIN_DF},
        {"nb-alpha", required_argument, NULL, O_NB_ALPHA},
        {"scale", required_argument, NULL, O_SCALE},
        {"loss", required_argument, NULL, O_LOSS},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    optind = 1;
    opterr = 0;
    int ch;
    while ((ch = getopt_long(argc, argv, ":h", lo, NULL)) != -1) {
        const char *v = optarg;
        switch (ch) {
        case O_OUT:
            a.out = v;
            break;
        case O_DATA:
            a.data = v;
            break;
        case O_SETS:
            a.sets = v;
            break;
        case O_CV:
            a.cv = v;
            break;
        case O_EXPORT:
            a.export_dir = v;
            break;
        case O_PREDICT:
            a.predict = v;
            break;
        case O_MODEL:
            a.model = v;
            break;
        case O_JSON:
            a.json = 1;
            break;
        case O_MR_WEIGHT:
            a.mr_rep = atoi(v);
            break;
        case O_RT_EVAL:
            a.rt_eval = 1;
            break;
        case O_SUBLINEAR:
            a.to.sublinear = 1;
            break;
        case O_NO_NEGATION:
            a.to.fo.negation = 0;
            break;
        case O_NGRAM:
            a.to.fo.ngram = atoi(v);
            break;
        case O_C:
            a.to.C = atof(v);
            break;
        case O_BETA:
            a.to.beta = atof(v);
            break;
        case O_MIN_DF:
            a.to.min_df = atoi(v);
            break;
        case O_NB_ALPHA:
            a.to.nb_alpha = atof(v);
            break;
        case O_SCALE:
            a.to.scale = strcmp(v, "nb") == 0    ? SENT_SCALE_NB
                         : strcmp(v, "idf") == 0 ? SENT_SCALE_IDF
                                                 : SENT_SCALE_NONE;
            break;
        case O_LOSS:
            a.to.loss = strcmp(v, "svm") == 0 ? SENT_LOSS_SVM : SENT_LOSS_LR;
            break;
        case 'h':
            usage(stdout);
            rc = EXIT_OKAY;
            goto done;
        case ':':
            fprintf(stderr, "reel train: %s needs a value\n", cli_safe(argv[optind - 1]));
            goto done;
        default:
            fprintf(stderr, "reel train: unknown option %s\n",
                    cli_safe(argv[optind - 1]));
            usage(stderr);
            goto done;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "reel train: unknown option %s\n", cli_safe(argv[optind]));
        usage(stderr);
        goto done;
    }
    if (a.to.fo.ngram < 1 || a.to.fo.ngram > 3 || !(a.to.C > 0) || a.to.min_df < 0 ||
        a.mr_rep < 1 || a.mr_rep > 10) {
        fprintf(stderr, "reel train: --ngram is 1-3, --C > 0, --min-df >= 0, "
                        "--mr-weight 1-10\n");
        goto done;
    }
    if (reel_ctx_new(&ctx)) {
        fprintf(stderr, "reel train: out of memory\n");
        rc = EXIT_FAIL;
        goto done;
    }
    if (a.predict)
        rc = run_predict(ctx, &a);
    else if (a.cv)
        rc = run_cv(ctx, &a);
    else
        rc = run_train(ctx, &a);
done:
    reel_ctx_free(ctx);
    return rc;
}
