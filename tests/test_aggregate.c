/* test_aggregate.c — the per-film reception figures of src/aggregate/aggregate.c,
 * computed from records written by hand so every expected number can be
 * worked out on paper: critics' score, counts, histogram, spread, extremes,
 * and the share positive with its weighed uncertain verdicts.
 */
#include "helpers.h"

#include <jansson.h>
#include <math.h>

static reel_ctx *g_ctx;

static int setup(void **state)
{
    (void)state;
    return reel_ctx_new(&g_ctx) || reel_ctx_load_model(g_ctx, NULL);
}

static int teardown(void **state)
{
    (void)state;
    reel_ctx_free(g_ctx);
    return 0;
}

/* One review record: an explicit score value/scale (scale 0 = none, then the
 * verdict is predicted), the text's probability positive, and its kind. */
static char *record(int n, const char *kind, double value, double scale, double prob)
{
    char id[65];
    snprintf(id, sizeof id, "%064d", n);
    double s100 = scale > 0 ? value / scale * 100 : 100 * prob;
    json_t *score = scale > 0
                        ? json_pack("{s:s,s:f,s:f,s:f}", "form", "fraction", "value",
                                    value, "scale", scale, "score100", s100)
                        : json_null();
    json_t *rec = json_pack(
        "{s:s,s:{s:s},s:{s:s,s:s},s:o,s:{s:f,s:f},s:{s:f,s:s,s:b},s:[],s:[],s:s}", "id",
        id, "kind", "label", kind, "subject", "title", "Test Film", "key", "test film",
        "score", score, "sentiment", "prob_positive", prob, "score100", 100 * prob,
        "verdict", "score100", s100, "source", scale > 0 ? "explicit" : "predicted",
        "positive", s100 >= REEL_POSITIVE_THRESHOLD, "quotes", "facts", "outlet",
        "Outlet");
    char *js = json_dumps(rec, 0);
    json_decref(rec);
    return js;
}

/* One review graded with a letter: its grade points and its school-table
 * score100, the verdict's side written as record.c writes it. */
static char *graded(int n, const char *grade, double points, double s100)
{
    char id[65];
    snprintf(id, sizeof id, "%064d", n);
    json_t *rec = json_pack(
        "{s:s,s:{s:s},s:{s:s,s:s},s:{s:s,s:s,s:f,s:i,s:f},s:{s:f,s:f},s:{s:f,s:s,s:b},"
        "s:[],s:[],s:s}",
        "id", id, "kind", "label", "review", "subject", "title", "Test Film", "key",
        "test film", "score", "raw", grade, "form", "letter", "value", points, "scale", 0,
        "score100", s100, "sentiment", "prob_positive", 0.5, "score100", 50.0, "verdict",
        "score100", s100, "source", "explicit", "positive",
        reel_verdict_positive("letter", points, s100), "quotes", "facts", "outlet",
        "Outlet");
    char *js = json_dumps(rec, 0);
    json_decref(rec);
    return js;
}

static json_t *report_of(char **recs, size_t n)
{
    reel_partial *p = NULL;
    assert_int_equal(reel_partial_new(&p, "test film"), 0);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(reel_partial_add(g_ctx, p, recs[i]), 0);
        free(recs[i]);
    }
    char *out = NULL;
    assert_int_equal(reel_partial_finalize(&out, g_ctx, p), 0);
    reel_partial_free(p);
    json_t *rep = json_loads(out, 0, NULL);
    free(out);
    assert_non_null(rep);
    return rep;
}

static double rnum(json_t *rep, const char *k)
{
    json_t *v = json_object_get(json_object_get(rep, "reception"), k);
    assert_true(json_is_number(v));
    return json_number_value(v);
}

/* Clear verdicts only: every figure is a plain count or mean. */
static void test_clear_verdicts(void **state)
{
    (void)state;
    char *recs[] = {record(1, "review", 8, 10, 0.9), record(2, "review", 2, 4, 0.2),
                    record(3, "review", 4, 5, 0.7), record(4, "review", 35, 100, 0.4),
                    record(5, "interview", 1, 10, 0.1)};
    json_t *rep = report_of(recs, 5);
    /* the interview's 10 is no review verdict */
    assert_int_equal((int)rnum(rep, "reviews_scored"), 4);
    assert_true(fabs(rnum(rep, "critics_score") - (80 + 50 + 80 + 35) / 4.0) < 0.01);
    assert_int_equal((int)rnum(rep, "positive"), 2);
    assert_true(fabs(rnum(rep, "positive_share") - 50.0) < 0.01);
    assert_int_equal((int)rnum(rep, "weighed"), 0);
    assert_int_equal((int)rnum(rep, "explicit"), 4);
    assert_true(fabs(rnum(rep, "median") - 65.0) < 0.01);
    /* population sd of 80, 50, 80, 35 */
    double m = 61.25,
           var =
               ((80 - m) * (80 - m) * 2 + (50 - m) * (50 - m) + (35 - m) * (35 - m)) / 4;
    assert_true(fabs(rnum(rep, "stddev") - sqrt(var)) < 0.01);
    json_t *h = json_object_get(json_object_get(rep, "reception"), "histogram");
    assert_int_equal(json_array_size(h), 10);
    assert_int_equal(json_integer_value(json_array_get(h, 8)), 2);
    assert_int_equal(json_integer_value(json_array_get(h, 5)), 1);
    assert_int_equal(json_integer_value(json_array_get(h, 3)), 1);
    json_t *counts = json_object_get(rep, "counts");
    assert_int_equal(json_integer_value(json_object_get(counts, "review")), 4);
    assert_int_equal(json_integer_value(json_object_get(counts, "interview")), 1);
    /* ties for the most positive go to the smaller id */
    json_t *best = json_object_get(json_object_get(rep, "reception"), "most_positive");
    assert_string_equal(
        json_string_value(json_object_get(best, "id")),
        "0000000000000000000000000000000000000000000000000000000000000001");
    json_t *worst = json_object_get(json_object_get(rep, "reception"), "most_negative");
    assert_string_equal(
        json_string_value(json_object_get(worst, "id")),
        "0000000000000000000000000000000000000000000000000000000000000004");
    json_decref(rep);
}

/* Letter grades: the critics' score averages their school-table numbers,
 * while the share positive counts them by the grade. A C+ (77) and a D- (60)
 * are above the threshold's number but are pans; a B- (80) is a rave. */
static void test_letters_by_grade(void **state)
{
    (void)state;
    char *recs[] = {graded(1, "C+", 2.3, 77), graded(2, "D-", 0.7, 60),
                    graded(3, "B-", 2.7, 80), graded(4, "A", 4.0, 95)};
    json_t *rep = report_of(recs, 4);
    assert_true(fabs(rnum(rep, "critics_score") - (77 + 60 + 80 + 95) / 4.0) < 0.01);
    assert_int_equal((int)rnum(rep, "positive"), 2);
    assert_true(fabs(rnum(rep, "positive_share") - 50.0) < 0.01);
    assert_int_equal((int)rnum(rep, "weighed"), 0);
    json_decref(rep);
}

/* A borderline printed score (2.5/4) counts its own rate, moved by its
 * text and by nothing else: the same 2.5/4 with the same neutral text
 * counts 0.54 among raves and among pans. A predicted verdict leans
 * towards the film's clear verdicts. */
static void test_borderline_and_consensus(void **state)
{
    (void)state;
    char *raves[] = {record(1, "review", 4, 4, 0.5), record(2, "review", 3.5, 4, 0.5),
                     record(3, "review", 9, 10, 0.5), record(4, "review", 2.5, 4, 0.5)};
    json_t *rep = report_of(raves, 4);
    assert_int_equal((int)rnum(rep, "weighed"), 1);
    assert_int_equal((int)rnum(rep, "positive"), 4); /* at the threshold: all four */
    assert_true(fabs(rnum(rep, "positive_share") - 100 * (3 + 0.54) / 4) < 0.01);
    json_decref(rep);

    char *pans[] = {record(1, "review", 1, 4, 0.5), record(2, "review", 1.5, 4, 0.5),
                    record(3, "review", 2, 10, 0.5), record(4, "review", 2.5, 4, 0.5)};
    rep = report_of(pans, 4);
    assert_true(fabs(rnum(rep, "positive_share") - 100 * 0.54 / 4) < 0.01);
    json_decref(rep);

    /* the text counts: the same 2.5/4 with a glowing text, alone */
    char *glow[] = {record(1, "review", 2.5, 4, 0.95)};
    rep = report_of(glow, 1);
    assert_true(rnum(rep, "positive_share") > 90.0);
    json_decref(rep);
    char *grim[] = {record(1, "review", 2.5, 4, 0.05)};
    rep = report_of(grim, 1);
    assert_true(rnum(rep, "positive_share") < 10.0);
    json_decref(rep);

    /* an unscored review with a neutral text: above half among raves,
       below half among pans */
    char *raves2[] = {record(1, "review", 4, 4, 0.5), record(2, "review", 3.5, 4, 0.5),
                      record(3, "review", 9, 10, 0.5), record(4, "review", 0, 0, 0.5)};
    rep = report_of(raves2, 4);
    double up = rnum(rep, "positive_share");
    assert_true(up > 75.0 + 100 * 0.5 / 4 && up < 100.0);
    json_decref(rep);
    char *pans2[] = {record(1, "review", 1, 4, 0.5), record(2, "review", 1.5, 4, 0.5),
                     record(3, "review", 2, 10, 0.5), record(4, "review", 0, 0, 0.5)};
    rep = report_of(pans2, 4);
    double down = rnum(rep, "positive_share");
    assert_true(down > 0 && down < 100 * 0.5 / 4);
    json_decref(rep);
}

/* Predicted verdicts count their probability; a 3/5 is clear, not weighed. */
static void test_predicted_are_weighed(void **state)
{
    (void)state;
    char *recs[] = {record(1, "review", 0, 0, 0.8), record(2, "review", 0, 0, 0.3),
                    record(3, "review", 3, 5, 0.1)};
    json_t *rep = report_of(recs, 3);
    assert_int_equal((int)rnum(rep, "weighed"), 2);
    assert_int_equal((int)rnum(rep, "predicted"), 2);
    /* clear: one positive of one → film log-odds 0.75*logit(2/3) */
    double film = 0.75 * log(2.0);
    double p1 = 1 / (1 + exp(-(log(0.8 / 0.2) + film)));
    double p2 = 1 / (1 + exp(-(log(0.3 / 0.7) + film)));
    assert_true(fabs(rnum(rep, "positive_share") - 100 * (1 + p1 + p2) / 3) < 0.01);
    json_decref(rep);
}

/* No "(2019)" beside any title: the year is that of the earliest release
 * date the articles state; a home-video date does not count. */
static void test_year_from_release_dates(void **state)
{
    (void)state;
    const char *facts[] = {"2019-10-11", "2019-05-21", "2020-01-28"};
    const char *preds[] = {"release_date", "release_date", "home_video_date"};
    char *recs[3];
    for (int i = 0; i < 3; i++) {
        char *one = record(i + 1, "news", 0, 0, 0.6);
        json_t *rec = json_loads(one, 0, NULL);
        free(one);
        json_array_append_new(json_object_get(rec, "facts"),
                              json_pack("{s:s,s:s,s:s,s:n,s:s,s:b,s:[i,i],s:i,s:s,s:f}",
                                        "predicate", preds[i], "value", facts[i], "norm",
                                        facts[i], "qualifier", "film", "Test Film",
                                        "about_subject", 1, "span", 0, 10, "sentence", 0,
                                        "evidence", "It opens then.", "confidence", 0.9));
        recs[i] = json_dumps(rec, 0);
        json_decref(rec);
    }
    json_t *rep = report_of(recs, 3);
    json_t *year = json_object_get(json_object_get(rep, "film"), "year");
    assert_true(json_is_integer(year));
    assert_int_equal(json_integer_value(year), 2019);
    json_decref(rep);
}

static void test_no_reviews(void **state)
{
    (void)state;
    char *recs[] = {record(1, "news", 0, 0, 0.6)};
    json_t *rep = report_of(recs, 1);
    json_t *r = json_object_get(rep, "reception");
    assert_true(json_is_null(json_object_get(r, "positive_share")));
    assert_true(json_is_null(json_object_get(r, "critics_score")));
    assert_int_equal(json_integer_value(json_object_get(r, "reviews_scored")), 0);
    json_decref(rep);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_clear_verdicts),
        cmocka_unit_test(test_letters_by_grade),
        cmocka_unit_test(test_borderline_and_consensus),
        cmocka_unit_test(test_predicted_are_weighed),
        cmocka_unit_test(test_year_from_release_dates),
        cmocka_unit_test(test_no_reviews),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
