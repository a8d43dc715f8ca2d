/* sentiment_export.c — the sentiment model's anchors get exactly reel's
 * splits and tokens (bench/sentiment.sh): --cv SET writes each fold of
 * `reel train --cv SET` and --rt-eval the split of `reel train --rt-eval`
 * as fastText lines, svmlight tf-idf vectors over reel's n-grams and raw
 * text for VADER; --predict FILE times the model on "label TAB text" lines.
 * Usage: bench_sentiment_export --cv polarity2k|mr|imdb --export DIR [--data DIR]
 *        bench_sentiment_export --rt-eval --export DIR [--data DIR]
 *        bench_sentiment_export --predict FILE.tsv --model M [--json]
 */
#include "hash.h"
#include "analyze/sentiment.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <sys/resource.h>
#include <time.h>

static const char *me = "bench_sentiment_export";

/* fastText line: __label__N and our tokens (no negation marks: fastText
 * gets the same words and learns its own bigrams). */
static void write_ft(FILE *f, const reel_train_row *row, const feat_opts *fo, buf *b)
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

static void write_raw(FILE *f, const reel_train_row *row)
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
                        const reel_train_rows *r, const sent_example *ex,
                        const char *pick, const feat_opts *fo)
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
    if (sent_train_picked(ctx, &v, ex, pick, r->n, &vo, NULL, 1)) {
        fprintf(stderr, "%s: %s\n", me, reel_errmsg(ctx));
        goto done;
    }
    for (int k = 0; k < 5; k++) {
        snprintf(path, sizeof path, "%s/%s.%s", dir, name, suffix[k]);
        f[k] = fopen(path, "w");
        if (!f[k]) {
            fprintf(stderr, "%s: %s: %s\n", me, path, strerror(errno));
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
        uint64_t z = splitmix64_next(&seed);
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

/* The folds of `reel train --cv SET`, or (set < 0) the split of
 * `reel train --rt-eval`: trained on the three sets, tested on rt-dev. */
static int run_export(reel_ctx *ctx, const char *data, int set, const char *dir)
{
    reel_train_rows r = {0};
    sent_example *ex = NULL;
    char *pick = NULL;
    int rc = 1;
    reel_train_opts o;
    reel_train_defaults(&o);
    sent_train_opts to;
    sent_opts_of(&to, &o);
    for (int s = 0; s < REEL_TRAIN_SETS; s++)
        if ((set < 0 || s == set) &&
            reel_train_rows_load(&r, ctx, data, (reel_train_set)s)) {
            fprintf(stderr, "%s: %s\n", me, reel_errmsg(ctx));
            goto done;
        }
    if (sent_extract_rows(&ex, &r, &to.fo) || !(pick = malloc(r.n ? r.n : 1))) goto done;
    int folds = set < 0 || set == REEL_TRAIN_IMDB ? 1 : 10;
    for (int k = 0; k < folds; k++) {
        for (size_t i = 0; i < r.n; i++) {
            const reel_train_row *row = &r.rows[i];
            int s = set < 0                  ? row->set == REEL_TRAIN_RT
                    : set == REEL_TRAIN_IMDB ? reel_train_imdb_split(row)
                                             : row->fold == k;
            pick[i] = s < 0 ? 0 : (char)(s + 1);
        }
        char name[64];
        snprintf(name, sizeof name, "%s.%d",
                 set < 0 ? "rt" : reel_train_set_name((reel_train_set)set), k);
        if (export_split(ctx, dir, name, &r, ex, pick, &to.fo)) goto done;
    }
    rc = 0;
done:
    free(pick);
    sent_examples_free(ex, r.n);
    reel_train_rows_free(&r);
    return rc;
}

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

/* "label TAB text" lines; the loaded model scores each whole text
 * (tokenising included) and the throughput is printed. */
static int run_predict(reel_ctx *ctx, const char *file, const char *model, int json)
{
    FILE *f = NULL;
    char *line = NULL;
    size_t cap = 0, n = 0, correct = 0;
    featvec fv;
    featvec_init(&fv);
    int rc = 1;
    double t0 = now();
    if (reel_ctx_load_model(ctx, model)) {
        fprintf(stderr, "%s: %s\n", me, reel_errmsg(ctx));
        goto done;
    }
    const struct reel_model *m = ctx->model;
    if (!(f = fopen(file, "r"))) {
        fprintf(stderr, "%s: %s: %s\n", me, file, strerror(errno));
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
    if (json)
        printf("{\"n\":%zu,\"accuracy\":%.4f,\"seconds\":%.4f,"
               "\"per_second\":%.0f,\"peak_rss_kb\":%ld}\n",
               n, n ? 100.0 * correct / n : 0, dt, n / dt, peak_rss_kb());
    else
        printf("%zu predictions in %.3f s (model load included): %.0f/s, "
               "accuracy %.2f%%, peak RSS %ld MB\n",
               n, dt, n / dt, n ? 100.0 * correct / n : 0, peak_rss_kb() / 1024);
    rc = 0;
done:
    if (f) fclose(f);
    free(line);
    featvec_free(&fv);
    return rc;
}

int main(int argc, char **argv)
{
    const char *data = "../shared/data", *cv = NULL, *dir = NULL, *predict = NULL,
               *model = NULL;
    int rt = 0, json = 0, ch;
    static const struct option lo[] = {{"data", required_argument, NULL, 'd'},
                                       {"cv", required_argument, NULL, 'c'},
                                       {"rt-eval", no_argument, NULL, 'r'},
                                       {"export", required_argument, NULL, 'e'},
                                       {"predict", required_argument, NULL, 'p'},
                                       {"model", required_argument, NULL, 'm'},
                                       {"json", no_argument, NULL, 'j'},
                                       {NULL, 0, NULL, 0}};
    while ((ch = getopt_long(argc, argv, "", lo, NULL)) != -1) {
        switch (ch) {
        case 'd':
            data = optarg;
            break;
        case 'c':
            cv = optarg;
            break;
        case 'r':
            rt = 1;
            break;
        case 'e':
            dir = optarg;
            break;
        case 'p':
            predict = optarg;
            break;
        case 'm':
            model = optarg;
            break;
        case 'j':
            json = 1;
            break;
        default:
            return 2;
        }
    }
    int set = -1;
    for (int s = 0; cv && s < REEL_TRAIN_RT; s++)
        if (!strcmp(cv, reel_train_set_name((reel_train_set)s))) set = s;
    if (optind < argc || (predict ? !model : !dir || (cv ? set < 0 : !rt))) {
        fprintf(stderr,
                "usage: %s --cv polarity2k|mr|imdb --export DIR [--data DIR]\n"
                "       %s --rt-eval --export DIR [--data DIR]\n"
                "       %s --predict FILE.tsv --model M [--json]\n",
                me, me, me);
        return 2;
    }
    reel_ctx *ctx = NULL;
    if (reel_ctx_new(&ctx)) return 1;
    int rc = predict ? run_predict(ctx, predict, model, json)
                     : run_export(ctx, data, set, dir);
    reel_ctx_free(ctx);
    return rc;
}
