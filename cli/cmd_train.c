/* cmd_train.c — `reel train`: trains the sentiment model from
 * ../shared/data (imdb_train, polarity2k, mr), calibrated against explicit
 * scores (IMDB ratings of a held-out-by-film dev split and rt-dev's printed
 * scores), and writes models/sentiment.model; --cv and --rt-eval evaluate.
 * The recipe is the library's (reel_train.h); exports: bench/sentiment_export.c.
 */
#include "cli.h"
#include "reel_train.h"

#include <stdlib.h>
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
    const char *out, *data, *cv, *sets;
    int json, rt_eval;
    reel_train_opts to;
} train_args;

/* The usage text; `reel completion bash` reads its options from it too. */
const char cmd_train_usage[] =
    "usage: reel train [--out models/sentiment.model] [--data ../shared/data]\n"
    "                  [--sets imdb,polarity2k,mr] [--mr-weight N] [--json]\n"
    "       reel train --cv polarity2k|mr|imdb [--json]\n"
    "       reel train --rt-eval [--json]\n"
    "       reel train names ...   (the first-name model: reel train names --help)\n"
    "model options: --ngram N  --C X  --scale nb|idf|none  --loss lr|svm\n"
    "               --beta B  --sublinear  --no-negation\n"
    "               --min-df N (0: by corpus size)  --nb-alpha A\n";

/* Append the sets named in `sets` ("imdb,mr"); prints and fails on an
 * unknown name or an unreadable file. */
static int load_sets(reel_ctx *ctx, reel_train_rows *r, const char *dir, const char *sets)
{
    char tmp[256];
    snprintf(tmp, sizeof tmp, "%s", sets);
    for (char *save = NULL, *t = strtok_r(tmp, ",", &save); t;
         t = strtok_r(NULL, ",", &save)) {
        int found = 0;
        for (int s = 0; s < REEL_TRAIN_SETS; s++)
            if (strcmp(t, reel_train_set_name((reel_train_set)s)) == 0) {
                if (reel_train_rows_load(r, ctx, dir, (reel_train_set)s)) {
                    fprintf(stderr, "reel train: %s\n", reel_errmsg(ctx));
                    return -1;
                }
                found = 1;
            }
        if (!found) {
            fprintf(stderr,
                    "reel train: unknown set '%s' (imdb, polarity2k, mr, rt-dev)\n", t);
            return -1;
        }
    }
    return 0;
}

static void print_opts(FILE *f, const reel_train_opts *o)
{
    static const char *const scales[] = {"none", "nb", "idf"}; /* REEL_TRAIN_SCALE_* */
    fprintf(f,
            "ngram=%d negation=%d scale=%s sublinear=%d loss=%s C=%g "
            "beta=%g nb_alpha=%g min_df=%d",
            o->ngram, o->negation, scales[o->scale], o->sublinear,
            o->loss == REEL_TRAIN_LOSS_SVM ? "svm" : "lr", o->C, o->beta, o->nb_alpha,
            o->min_df);
}

/* --cv SET: 10-fold on the file's folds (polarity2k, mr) or the IMDB dev
 * split held out by film. */
static int run_cv(reel_ctx *ctx, const train_args *a)
{
    reel_train_rows r = {0};
    reel_train_set set = REEL_TRAIN_SETS; /* --cv names one of the first three */
    for (reel_train_set k = 0; k < REEL_TRAIN_RT; k++)
        if (strcmp(a->cv, reel_train_set_name(k)) == 0) set = k;
    if (set == REEL_TRAIN_SETS) {
        fprintf(stderr, "reel train: --cv takes polarity2k, mr or imdb\n");
        return EXIT_USAGE;
    }
    reel_train_cv cv;
    int failed = reel_train_rows_load(&r, ctx, a->data, set);
    if (!failed && !a->json) {
        printf("%s: ", a->cv);
        print_opts(stdout, &a->to);
        printf("\n");
    }
    if (failed || reel_train_cross_validate(&cv, ctx, &r, set, &a->to)) {
        fprintf(stderr, "reel train: %s\n", reel_errmsg(ctx));
        reel_train_rows_free(&r);
        return EXIT_FAIL;
    }
    size_t n = 0, correct = 0;
    for (int k = 0; k < cv.folds; k++) {
        n += cv.n[k];
        correct += cv.correct[k];
        if (!a->json)
            printf("  fold %d: %.2f%% of %zu\n", k, 100.0 * cv.correct[k] / cv.n[k],
                   cv.n[k]);
    }
    double acc = 100.0 * correct / n;
    if (a->json)
        printf("{\"set\":\"%s\",\"folds\":%d,\"n\":%zu,\"accuracy\":%.4f,"
               "\"seconds\":%.2f}\n",
               a->cv, cv.folds, n, acc, cv.seconds);
    else
        printf("%s: accuracy %.2f%% over %zu held-out reviews (%d fold%s, %.1f s)\n",
               a->cv, acc, n, cv.folds, cv.folds > 1 ? "s" : "", cv.seconds);
    reel_train_rows_free(&r);
    return EXIT_OKAY;
}

static int run_train(reel_ctx *ctx, const train_args *a)
{
    reel_train_rows r = {0};
    reel_model *m = NULL;
    reel_train_report rep;
    int rc = EXIT_FAIL;
    double t0 = now();
    if (load_sets(ctx, &r, a->data, a->sets)) goto done;
    int with_rt = 0;
    if (a->rt_eval || strcmp(a->sets, "imdb,polarity2k,mr") == 0) {
        if (reel_train_rows_load(&r, ctx, a->data, REEL_TRAIN_RT)) {
            fprintf(stderr, "reel train: %s\n", reel_errmsg(ctx));
            goto done;
        }
        with_rt = 1;
    }
    double t_load = now() - t0;
    if (reel_train_model(&m, ctx, &rep, &r, &a->to) ||
        (!a->rt_eval && reel_model_save(ctx, m, a->out))) {
        fprintf(stderr, "reel train: %s\n", reel_errmsg(ctx));
        goto done;
    }
    double total = now() - t0;
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
               a->sets, rep.n_train, rep.features, rep.imdb_dev_accuracy, rep.imdb_dev_n,
               rep.rt_accuracy, rep.rt_n, rep.rt_mae, rep.rt_mae_mean, rep.rt_mae_in,
               rep.rt_scored, t_load, rep.seconds_features, rep.seconds_train, total,
               size, peak_rss_kb());
    } else {
        printf("trained on %zu reviews (%s): %zu features; ", rep.n_train, a->sets,
               rep.features);
        print_opts(stdout, &a->to);
        printf("\n");
        if (rep.imdb_dev_n)
            printf("IMDB dev (held out by film): %.2f%% of %zu\n", rep.imdb_dev_accuracy,
                   rep.imdb_dev_n);
        if (with_rt) {
            printf("rt-dev quotes (fresh/rotten): %.2f%% of %zu\n", rep.rt_accuracy,
                   rep.rt_n);
            printf("rt-dev 0-100 mean abs error: %.2f held out by film "
                   "(always the mean: %.2f; in-sample %.2f) over %zu scores\n",
                   rep.rt_mae, rep.rt_mae_mean, rep.rt_mae_in, rep.rt_scored);
        }
        printf("time: load %.1f s, features %.1f s, train+calibrate %.1f s, "
               "total %.1f s; peak RSS %ld MB\n",
               t_load, rep.seconds_features, rep.seconds_train, total,
               peak_rss_kb() / 1024);
        if (size >= 0) printf("wrote %s (%ld bytes)\n", a->out, size);
    }
    rc = EXIT_OKAY;
done:
    reel_model_free(m);
    reel_train_rows_free(&r);
    return rc;
}

int cmd_train(int argc, char **argv)
{
    train_args a = {.out = "models/sentiment.model",
                    .data = "../shared/data",
                    .sets = "imdb,polarity2k,mr"};
    if (argc > 1 && strcmp(argv[1], "names") == 0)
        return cmd_train_names(argc - 1, argv + 1);
    reel_train_defaults(&a.to);
    /* long options only: the letters are codes, not short options; the
     * flags set their field themselves (getopt_long then returns 0) */
    const struct option lo[] = {{"out", required_argument, NULL, 'o'},
                                {"data", required_argument, NULL, 'd'},
                                {"sets", required_argument, NULL, 's'},
                                {"cv", required_argument, NULL, 'c'},
                                {"json", no_argument, &a.json, 1},
                                {"mr-weight", required_argument, NULL, 'w'},
                                {"rt-eval", no_argument, &a.rt_eval, 1},
                                {"sublinear", no_argument, &a.to.sublinear, 1},
                                {"no-negation", no_argument, &a.to.negation, 0},
                                {"ngram", required_argument, NULL, 'n'},
                                {"C", required_argument, NULL, 'C'},
                                {"beta", required_argument, NULL, 'b'},
                                {"min-df", required_argument, NULL, 'm'},
                                {"nb-alpha", required_argument, NULL, 'a'},
                                {"scale", required_argument, NULL, 'x'},
                                {"loss", required_argument, NULL, 'l'},
                                {"help", no_argument, NULL, 'h'},
                                {NULL, 0, NULL, 0}};
    optind = 1;
    opterr = 0;
    int ch;
    while ((ch = getopt_long(argc, argv, ":h", lo, NULL)) != -1) {
        const char *v = optarg;
        switch (ch) {
        case 0: /* a flag */
            break;
        case 'o':
            a.out = v;
            break;
        case 'd':
            a.data = v;
            break;
        case 's':
            a.sets = v;
            break;
        case 'c':
            a.cv = v;
            break;
        case 'w':
            a.to.mr_weight = atoi(v);
            break;
        case 'n':
            a.to.ngram = atoi(v);
            break;
        case 'C':
            a.to.C = atof(v);
            break;
        case 'b':
            a.to.beta = atof(v);
            break;
        case 'm':
            a.to.min_df = atoi(v);
            break;
        case 'a':
            a.to.nb_alpha = atof(v);
            break;
        case 'x':
            a.to.scale = strcmp(v, "nb") == 0    ? REEL_TRAIN_SCALE_NB
                         : strcmp(v, "idf") == 0 ? REEL_TRAIN_SCALE_IDF
                                                 : REEL_TRAIN_SCALE_NONE;
            break;
        case 'l':
            a.to.loss = strcmp(v, "svm") == 0 ? REEL_TRAIN_LOSS_SVM : REEL_TRAIN_LOSS_LR;
            break;
        case 'h':
            fputs(cmd_train_usage, stdout);
            return EXIT_OKAY;
        case ':':
            fprintf(stderr, "reel train: %s needs a value\n", cli_safe(argv[optind - 1]));
            return EXIT_USAGE;
        default:
            fprintf(stderr, "reel train: unknown option %s\n",
                    cli_safe(argv[optind - 1]));
            fputs(cmd_train_usage, stderr);
            return EXIT_USAGE;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "reel train: unknown option %s\n", cli_safe(argv[optind]));
        fputs(cmd_train_usage, stderr);
        return EXIT_USAGE;
    }
    if (a.to.ngram < 1 || a.to.ngram > 3 || !(a.to.C > 0) || a.to.min_df < 0 ||
        a.to.mr_weight < 1 || a.to.mr_weight > 10) {
        fprintf(stderr, "reel train: --ngram is 1-3, --C > 0, --min-df >= 0, "
                        "--mr-weight 1-10\n");
        return EXIT_USAGE;
    }
    reel_ctx *ctx = NULL;
    if (reel_ctx_new(&ctx)) {
        fprintf(stderr, "reel train: out of memory\n");
        return EXIT_FAIL;
    }
    int rc = a.cv ? run_cv(ctx, &a) : run_train(ctx, &a);
    reel_ctx_free(ctx);
    return rc;
}
