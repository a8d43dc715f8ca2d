/* test_sentiment.c — the sentiment model (src/analyze/sentiment*.c,
 * features.c): tokenisation and negation marks, deterministic training on
 * our own synthetic reviews, the model file's round trip and its errors,
 * the analyzer's refusals (no model, no words), the calibration map, and
 * the shipped model on two reviews we wrote.
 */
#include "helpers.h"
#include "textdoc.h"

#include "analyze/sentiment.h"

#include <math.h>
#include <unistd.h>

static const feat_opts FO = {.ngram = 3, .negation = 1};

static char *tokens_of(const char *s, int marks)
{
    buf b;
    buf_init(&b);
    assert_int_equal(features_tokens(&b, &FO, s, strlen(s), marks), 0);
    return buf_detach(&b);
}

static void test_tokens(void **state)
{
    (void)state;
    char *t = tokens_of("This is NOT good, but the acting isn't bad!", 1);
    assert_string_equal(t, "this is not NOT_good but the acting isn't NOT_bad !");
    free(t);
    /* a typographic apostrophe is the same word; the scope ends at "." */
    t = tokens_of("It doesn\xE2\x80\x99t work. Fine cast.", 1);
    assert_string_equal(t, "it doesn't NOT_work fine cast");
    free(t);
    /* without marks (what the anchors are fed); accents lower-cased */
    t = tokens_of("Never DULL \xC3\x89LAN", 0);
    assert_string_equal(t, "never dull \xC3\xA9lan");
    free(t);
    /* pre-tokenised text (polarity2k, mr) gives the same tokens as raw */
    char *a = tokens_of("it's not \" great \" , sadly .", 1);
    char *b = tokens_of("It's not \"great\", sadly.", 1);
    assert_string_equal(a, b);
    free(a);
    free(b);
}

static size_t count_of(const featvec *fv, const char *text)
{
    /* the id of a text's single unigram */
    featvec one;
    featvec_init(&one);
    assert_int_equal(features_extract(&one, &FO, text, strlen(text)), 0);
    assert_int_equal(one.n, 1);
    uint64_t id = one.items[0].id;
    featvec_free(&one);
    for (size_t i = 0; i < fv->n; i++)
        if (fv->items[i].id == id) return fv->items[i].count;
    return 0;
}

static void test_features(void **state)
{
    (void)state;
    featvec fv;
    featvec_init(&fv);
    const char *s = "good good film. not good";
    assert_int_equal(features_extract(&fv, &FO, s, strlen(s)), 0);
    assert_int_equal(fv.words, 5);
    for (size_t i = 1; i < fv.n; i++)
        assert_true(fv.items[i - 1].id < fv.items[i].id);
    for (size_t i = 0; i < fv.n; i++)
        assert_true(fv.items[i].id < (1ULL << 48));
    /* "good" twice un-negated; the negated one is a different feature */
    assert_int_equal(count_of(&fv, "good"), 2);
    assert_int_equal(count_of(&fv, "not"), 1);
    /* unigrams: good, film, not, NOT_good (4); bigrams: good good, good film,
     * not NOT_good (3; none across the "."); trigram: good good film (1) */
    assert_int_equal(fv.n, 8);
    /* no words: punctuation and symbols only */
    assert_int_equal(features_extract(&fv, &FO, "... !!! -- *", 12), 0);
    assert_int_equal(fv.words, 0);
    featvec_free(&fv);
}

static uint64_t keep_only;
static int keep_one(const void *arg, uint64_t id)
{
    (void)arg;
    return id == keep_only;
}

/* A long repetitive text: the vector holds its distinct features, merged
 * as it fills, not one entry per word (issue 13: memory per document);
 * with a filter set, only the ids the filter keeps. */
static void test_features_bounded(void **state)
{
    (void)state;
    const char *unit = "good film, good film. ";
    size_t reps = 100000, ul = strlen(unit);
    char *s = malloc(reps * ul + 1);
    assert_non_null(s);
    for (size_t i = 0; i < reps; i++)
        memcpy(s + i * ul, unit, ul);
    s[reps * ul] = 0;
    featvec fv;
    featvec_init(&fv);
    assert_int_equal(features_extract(&fv, &FO, s, reps * ul), 0);
    assert_int_equal(fv.words, 4 * reps);
    assert_int_equal(fv.n, 3); /* good, film, "good film" */
    assert_true(fv.cap <= 8192);
    assert_int_equal(count_of(&fv, "good"), 2 * reps);
    for (size_t i = 1; i < fv.n; i++)
        assert_true(fv.items[i - 1].id < fv.items[i].id);
    /* the filter: only "film" is kept, with its full count */
    featvec one;
    featvec_init(&one);
    assert_int_equal(features_extract(&one, &FO, "film", 4), 0);
    keep_only = one.items[0].id;
    featvec_free(&one);
    fv.keep = keep_one;
    assert_int_equal(features_extract(&fv, &FO, s, reps * ul), 0);
    assert_int_equal(fv.n, 1);
    assert_int_equal(fv.items[0].id, keep_only);
    assert_int_equal(fv.items[0].count, 2 * reps);
    featvec_free(&fv);
    free(s);
}

/* ---- synthetic training data, written here ---- */

static const char *const POS[] = {"wonderful", "moving", "superb", "delightful",
                                  "gripping"};
static const char *const NEG[] = {"dull", "clumsy", "tedious", "awful", "lifeless"};
static const char *const FILL[] = {"the film",    "its cast",  "the script",
                                   "this sequel", "the score", "the ending"};

/* n reviews: positives praise or deny a fault ("not dull"), negatives find
 * fault or deny praise ("not wonderful"), so negation carries signal. */
static sent_example *synthetic(size_t n)
{
    sent_example *ex = calloc(n, sizeof *ex);
    assert_non_null(ex);
    uint64_t seed = 42;
    char text[256];
    for (size_t i = 0; i < n; i++) {
        int label = (int)(i % 2);
        const char *const *good = label ? POS : NEG, *const *bad = label ? NEG : POS;
        const char *fill = FILL[splitmix64_next(&seed) % 6];
        if (splitmix64_next(&seed) % 3 == 0)
            snprintf(text, sizeof text, "%s is not %s. %s.", fill,
                     bad[splitmix64_next(&seed) % 5], FILL[splitmix64_next(&seed) % 6]);
        else
            snprintf(text, sizeof text, "%s is %s, %s is %s.", fill,
                     good[splitmix64_next(&seed) % 5], FILL[splitmix64_next(&seed) % 6],
                     good[splitmix64_next(&seed) % 5]);
        featvec_init(&ex[i].fv);
        ex[i].label = label;
        assert_int_equal(features_extract(&ex[i].fv, &FO, text, strlen(text)), 0);
    }
    return ex;
}

static void free_synthetic(sent_example *ex, size_t n)
{
    for (size_t i = 0; i < n; i++)
        featvec_free(&ex[i].fv);
    free(ex);
}

static struct reel_model *train_synthetic(reel_ctx *ctx, const sent_example *ex, size_t n)
{
    sent_train_opts o;
    sent_train_defaults(&o);
    o.fo = FO;
    struct reel_model *m = NULL;
    assert_int_equal(sent_train(ctx, &m, ex, n, &o), 0);
    assert_non_null(m);
    return m;
}

static double margin_of(const struct reel_model *m, const char *s)
{
    featvec fv;
    featvec_init(&fv);
    assert_int_equal(features_extract(&fv, &m->fo, s, strlen(s)), 0);
    double mg = model_margin(m, &fv, NULL);
    featvec_free(&fv);
    return mg;
}

static void test_train_deterministic(void **state)
{
    (void)state;
    reel_ctx *ctx = NULL;
    assert_int_equal(reel_ctx_new(&ctx), 0);
    assert_int_equal(reel_ctx_load_model(ctx, NULL), 0);
    sent_example *ex = synthetic(400);
    struct reel_model *a = train_synthetic(ctx, ex, 400);
    struct reel_model *b = train_synthetic(ctx, ex, 400);
    buf ba, bb;
    buf_init(&ba);
    buf_init(&bb);
    assert_int_equal(model_write(a, &ba), 0);
    assert_int_equal(model_write(b, &bb), 0);
    assert_int_equal(ba.len, bb.len);
    assert_memory_equal(ba.data, bb.data, ba.len);
    /* it learned the words, and the negation marks */
    assert_true(margin_of(a, "the film is superb") > 0);
    assert_true(margin_of(a, "the film is tedious") < 0);
    assert_true(margin_of(a, "the film is not tedious") > 0);
    assert_true(margin_of(a, "the film is not superb") < 0);
    assert_true(model_prob(a, margin_of(a, "superb, moving")) > 0.5);
    /* one class only is an error, not a model */
    sent_train_opts o;
    sent_train_defaults(&o);
    struct reel_model *bad = NULL;
    sent_example one[2] = {ex[1], ex[3]};
    assert_int_equal(sent_train(ctx, &bad, one, 2, &o), REEL_EINVAL);
    assert_null(bad);
    buf_free(&ba);
    buf_free(&bb);
    model_free(a);
    model_free(b);
    free_synthetic(ex, 400);
    reel_ctx_free(ctx);
}

static void test_calibration(void **state)
{
    (void)state;
    reel_ctx *ctx = NULL;
    assert_int_equal(reel_ctx_new(&ctx), 0);
    assert_int_equal(reel_ctx_load_model(ctx, NULL), 0);
    sent_example *ex = synthetic(100);
    struct reel_model *m = train_synthetic(ctx, ex, 100);
    /* noisy increasing scores; one decreasing pair must be pooled */
    double x[] = {-3, -2, -1, -0.5, 0, 0.5, 1, 2, 3};
    double y[] = {10, 20, 30, 25, 50, 60, 70, 80, 95};
    assert_int_equal(sent_calibrate(m, x, y, NULL, 9), 0);
    assert_true(m->n_knots >= 2 && m->n_knots <= 9);
    for (size_t i = 1; i < m->n_knots; i++) {
        assert_true(m->cal_x[i] > m->cal_x[i - 1]);
        assert_true(m->cal_y[i] >= m->cal_y[i - 1]);
    }
    /* 30 at -1 and 25 at -0.5 pool into one knot: 27.5 at -0.75 */
    assert_true(fabs(model_score100(m, -0.75) - 27.5) < 1e-9);
    assert_true(m->n_knots == 8);
    assert_true(model_score100(m, -10) == 10 && model_score100(m, 10) == 95);
    double prev = -1;
    for (double t = -4; t <= 4; t += 0.1) {
        double s = model_score100(m, t);
        assert_true(s >= prev && s >= 0 && s <= 100);
        prev = s;
    }
    model_free(m);
    free_synthetic(ex, 100);
    reel_ctx_free(ctx);
}

/* ---- the model file ---- */

static char tmpdir[] = "/tmp/reel-test-sentiment-XXXXXX";

static void write_bytes(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

static void expect_model_error(reel_ctx *ctx, const char *path, const char *what)
{
    assert_int_equal(reel_ctx_load_model(ctx, path), REEL_EMODEL);
    assert_non_null(strstr(reel_errmsg(ctx), path));
    assert_non_null(strstr(reel_errmsg(ctx), what));
}

static void test_file_round_trip_and_errors(void **state)
{
    (void)state;
    assert_non_null(mkdtemp(tmpdir));
    char path[512], bad[512];
    snprintf(path, sizeof path, "%s/s.model", tmpdir);
    snprintf(bad, sizeof bad, "%s/bad.model", tmpdir);
    reel_ctx *ctx = NULL;
    assert_int_equal(reel_ctx_new(&ctx), 0);
    assert_int_equal(reel_ctx_load_model(ctx, NULL), 0);
    sent_example *ex = synthetic(200);
    struct reel_model *m = train_synthetic(ctx, ex, 200);
    double x[] = {-2, 0, 2}, y[] = {10, 50, 90};
    assert_int_equal(sent_calibrate(m, x, y, NULL, 3), 0);
    assert_int_equal(model_save(ctx, m, path), 0);

    /* load, write again: the same bytes as the file */
    size_t flen = 0;
    char *file = slurp(path, &flen);
    assert_non_null(file);
    assert_int_equal(reel_ctx_load_model(ctx, path), 0);
    assert_true(reel_ctx_has_model(ctx));
    buf again;
    buf_init(&again);
    assert_int_equal(model_write(ctx->model, &again), 0);
    assert_int_equal(again.len, flen);
    assert_memory_equal(again.data, file, flen);
    /* and the loaded model predicts exactly what the trained one does */
    assert_true(margin_of(ctx->model, "its cast is not dull") ==
                margin_of(m, "its cast is not dull"));

    /* missing */
    char missing[600];
    snprintf(missing, sizeof missing, "%s/none.model", tmpdir);
    expect_model_error(ctx, missing, "cannot open");
    assert_true(reel_ctx_has_model(ctx)); /* a failed load keeps the old one */
    /* empty, not a model */
    write_bytes(bad, "", 0);
    expect_model_error(ctx, bad, "not a reel sentiment model");
    write_bytes(bad,
                "hello, world: this is some text and not a model at all, "
                "long enough to pass the length check of the header.....",
                110);
    expect_model_error(ctx, bad, "not a reel sentiment model");
    /* one flipped bit in the weights */
    file[flen / 2] ^= 0x10;
    write_bytes(bad, file, flen);
    expect_model_error(ctx, bad, "checksum");
    file[flen / 2] ^= 0x10;
    /* truncated */
    write_bytes(bad, file, flen - 100);
    expect_model_error(ctx, bad, "checksum");
    /* another version */
    file[8] = 99;
    write_bytes(bad, file, flen);
    expect_model_error(ctx, bad, "version 99");

    unlink(bad);
    unlink(path);
    rmdir(tmpdir);
    buf_free(&again);
    free(file);
    model_free(m);
    free_synthetic(ex, 200);
    reel_ctx_free(ctx);
}

/* ---- the analyzer ---- */

static void test_analyzer_refuses(void **state)
{
    (void)state;
    reel_ctx *ctx = NULL;
    assert_int_equal(reel_ctx_new(&ctx), 0);
    assert_int_equal(reel_ctx_load_model(ctx, NULL), 0);
    const char *text = "The film is superb.\n\nThe ending is not dull.";
    reel_doc doc;
    assert_int_equal(textdoc_init(&doc, text, strlen(text)), 0);
    /* no model: no prediction, never a made-up 50 */
    assert_int_equal(analyze_sentiment(ctx, &doc), 0);
    assert_int_equal(doc.sentiment.has, 0);
    for (size_t i = 0; i < doc.n_sentences; i++)
        assert_true(doc.sentences[i].polarity == -1);
    /* with a model: a prediction for the words, -1 for a wordless line */
    sent_example *ex = synthetic(200);
    ctx->model = train_synthetic(ctx, ex, 200);
    assert_int_equal(analyze_sentiment(ctx, &doc), 0);
    assert_int_equal(doc.sentiment.has, 1);
    assert_true(doc.sentiment.prob_positive > 0.5);
    assert_true(doc.sentiment.score100 >= 0 && doc.sentiment.score100 <= 100);
    assert_true(doc.n_sentences >= 2);
    for (size_t i = 0; i < doc.n_sentences; i++)
        assert_true(doc.sentences[i].polarity > 0.5);
    textdoc_free(&doc);

    const char *empty = "*** --- ***\n\n!!!";
    assert_int_equal(textdoc_init(&doc, empty, strlen(empty)), 0);
    assert_int_equal(analyze_sentiment(ctx, &doc), 0);
    assert_int_equal(doc.sentiment.has, 0);
    for (size_t i = 0; i < doc.n_sentences; i++)
        assert_true(doc.sentences[i].polarity == -1);
    textdoc_free(&doc);
    assert_int_equal(textdoc_init(&doc, "", 0), 0);
    assert_int_equal(analyze_sentiment(ctx, &doc), 0);
    assert_int_equal(doc.sentiment.has, 0);
    textdoc_free(&doc);
    free_synthetic(ex, 200);
    reel_ctx_free(ctx);
}

/* Two reviews we wrote; the shipped model must tell them apart. */
static const char *GOOD_REVIEW =
    "A triumph. The director's finest film in a decade is funny, tender and "
    "beautifully acted; the two leads are superb together, and the last "
    "twenty minutes are as moving as anything in cinemas this year. I loved "
    "every minute of it and can't wait to see it again.";
static const char *BAD_REVIEW =
    "A mess. The plot makes no sense, the jokes fall flat and the acting is "
    "wooden from start to finish. It is a boring, lazy and forgettable "
    "sequel that wastes a good cast on a dull script. Don't bother; this is "
    "the worst film I have seen all year.";

static void test_shipped_model(void **state)
{
    (void)state;
    REQUIRE_SHARED();
    char path[4096];
    snprintf(path, sizeof path, "%s/models/sentiment.model", src_dir());
    reel_ctx *ctx = NULL;
    assert_int_equal(reel_ctx_new(&ctx), 0);
    assert_int_equal(reel_ctx_load_model(ctx, NULL), 0);
    if (reel_ctx_load_model(ctx, path)) fail_msg("%s", reel_errmsg(ctx));
    reel_doc *good = process_str(ctx, GOOD_REVIEW, REEL_FORMAT_TEXT);
    reel_doc *bad = process_str(ctx, BAD_REVIEW, REEL_FORMAT_TEXT);
    assert_non_null(good);
    assert_non_null(bad);
    assert_int_equal(good->sentiment.has, 1);
    assert_int_equal(bad->sentiment.has, 1);
    assert_true(good->sentiment.prob_positive > 0.8);
    assert_true(bad->sentiment.prob_positive < 0.2);
    assert_true(good->sentiment.score100 > 65);
    assert_true(bad->sentiment.score100 < 35);
    /* sentence polarities: the verdicts at both ends point the right way */
    assert_true(good->n_sentences >= 3 && bad->n_sentences >= 3);
    assert_true(good->sentences[good->n_sentences - 1].polarity > 0.5);
    assert_true(bad->sentences[bad->n_sentences - 1].polarity < 0.5);
    reel_doc_free(good);
    reel_doc_free(bad);
    reel_ctx_free(ctx);
}

/* reel_ctx_new promises the default model ($REEL_MODEL, else the installed
 * one) and reads it on the first prediction only, once; NULL says none and
 * changes nothing in the record; none found is said in the record. */
static void test_default_model_lazy(void **state)
{
    (void)state;
    char path[4096];
    snprintf(path, sizeof path, "%s/models/sentiment.model", src_dir());
    assert_int_equal(setenv("REEL_MODEL", path, 1), 0);
    reel_ctx *ctx = NULL;
    assert_int_equal(reel_ctx_new(&ctx), 0);
    assert_false(reel_ctx_has_model(ctx)); /* nothing read yet */
    reel_doc *good = process_str(ctx, GOOD_REVIEW, REEL_FORMAT_TEXT);
    assert_non_null(good);
    assert_int_equal(good->sentiment.has, 1);
    assert_true(good->sentiment.prob_positive > 0.8);
    const char *loaded = reel_ctx_model_path(ctx);
    assert_non_null(loaded);
    assert_string_equal(loaded, path);
    reel_doc *bad = process_str(ctx, BAD_REVIEW, REEL_FORMAT_TEXT);
    assert_non_null(bad);
    assert_true(bad->sentiment.prob_positive < 0.2);
    assert_ptr_equal(reel_ctx_model_path(ctx), loaded); /* loaded once */
    reel_doc_free(good);
    reel_doc_free(bad);
    reel_ctx_free(ctx);

    /* told none: nothing loaded, nothing said */
    assert_int_equal(reel_ctx_new(&ctx), 0);
    assert_int_equal(reel_ctx_load_model(ctx, NULL), 0);
    good = process_str(ctx, GOOD_REVIEW, REEL_FORMAT_TEXT);
    assert_non_null(good);
    assert_int_equal(good->sentiment.has, 0);
    assert_int_equal(good->sentiment.no_model, 0);
    assert_false(reel_ctx_has_model(ctx));
    char *json = NULL;
    assert_int_equal(reel_record_to_json(&json, ctx, good, 0), 0);
    assert_non_null(strstr(json, "\"not_analysed\":null"));
    free(json);
    reel_doc_free(good);
    reel_ctx_free(ctx);

    /* $REEL_MODEL naming a file that is not there: the call that predicts
     * fails and says which file, never a silent run without verdicts */
    char missing[4200];
    snprintf(missing, sizeof missing, "%s/no-such.model", src_dir());
    assert_int_equal(setenv("REEL_MODEL", missing, 1), 0);
    assert_int_equal(reel_ctx_new(&ctx), 0);
    reel_doc *doc = NULL;
    assert_int_equal(reel_process(&doc, ctx, GOOD_REVIEW, strlen(GOOD_REVIEW), "r.txt",
                                  REEL_FORMAT_TEXT),
                     REEL_EMODEL);
    assert_non_null(strstr(reel_errmsg(ctx), "no-such.model"));
    reel_doc_free(doc);
    reel_ctx_free(ctx);

    /* none found: no verdict, and the record says why */
    assert_int_equal(unsetenv("REEL_MODEL"), 0);
    assert_int_equal(reel_ctx_new(&ctx), 0);
    good = process_str(ctx, GOOD_REVIEW, REEL_FORMAT_TEXT);
    assert_non_null(good);
    if (reel_ctx_has_model(ctx)) {
        reel_doc_free(good);
        reel_ctx_free(ctx);
        skip(); /* a model is installed on this machine */
    }
    assert_int_equal(good->sentiment.has, 0);
    assert_int_equal(good->sentiment.no_model, 1);
    assert_non_null(strstr(reel_errmsg(ctx), "no sentiment model found"));
    assert_int_equal(reel_record_to_json(&json, ctx, good, 0), 0);
    assert_non_null(strstr(
        json,
        "\"not_analysed\":{\"analyzers\":[\"sentiment\"],\"reason\":\"no model\"}"));
    assert_non_null(strstr(json, "\"verdict\":null"));
    free(json);
    reel_doc_free(good);
    reel_ctx_free(ctx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tokens),
        cmocka_unit_test(test_features),
        cmocka_unit_test(test_features_bounded),
        cmocka_unit_test(test_train_deterministic),
        cmocka_unit_test(test_calibration),
        cmocka_unit_test(test_file_round_trip_and_errors),
        cmocka_unit_test(test_analyzer_refuses),
        cmocka_unit_test(test_shipped_model),
        cmocka_unit_test(test_default_model_lazy),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
