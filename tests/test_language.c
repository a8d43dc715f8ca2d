/* test_language.c — src/analyze/language.c through the whole pipeline: each
 * of our four reviews in tests/data/language/ (French, Spanish, German,
 * English; our own words) comes out in its language with its printed score,
 * and on the non-English ones the English-only analyzers do not guess: no
 * sentiment (so no predicted verdict), no facts, no quotes, and the record
 * says so.
 */
#include "helpers.h"

#include <jansson.h>
#include <math.h>

static reel_ctx *g_ctx;

static int setup(void **state)
{
    (void)state;
    if (reel_ctx_new(&g_ctx) || reel_ctx_load_model(g_ctx, NULL)) return -1;
    char model[4200];
    snprintf(model, sizeof model, "%s/models/sentiment.model", src_dir());
    return reel_ctx_load_model(g_ctx, model);
}

static int teardown(void **state)
{
    (void)state;
    reel_ctx_free(g_ctx);
    return 0;
}

static reel_doc *fixture(const char *name)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/tests/data/language/%s", src_dir(), name);
    reel_doc *d = process_file(g_ctx, path);
    assert_non_null(d);
    return d;
}

static json_t *record_of(const reel_doc *d)
{
    char *js = NULL;
    assert_int_equal(reel_record_to_json(&js, g_ctx, d, 0), 0);
    json_t *r = json_loads(js, 0, NULL);
    free(js);
    assert_non_null(r);
    return r;
}

/* A non-English review: its language, its printed score, nothing guessed. */
static void check_foreign(const char *file, const char *lang, const char *raw,
                          double score100)
{
    reel_doc *d = fixture(file);
    assert_non_null(d->language);
    assert_string_equal(d->language, lang);
    assert_true(d->score.found);
    assert_string_equal(d->score.raw, raw);
    assert_true(fabs(d->score.score100 - score100) < 0.05);
    assert_false(d->sentiment.has);
    assert_int_equal(d->n_facts, 0);
    assert_int_equal(d->n_quotes, 0);
    for (size_t i = 0; i < d->n_sentences; i++)
        assert_true(d->sentences[i].polarity < 0);
    /* a printed score is a review's mark, the one kind cue needing no words */
    assert_int_equal(d->kind, REEL_KIND_REVIEW);

    json_t *r = record_of(d);
    assert_string_equal(json_string_value(json_object_get(r, "language")), lang);
    json_t *na = json_object_get(r, "not_analysed");
    assert_true(json_is_object(na));
    char reason[32];
    snprintf(reason, sizeof reason, "language %s", lang);
    assert_string_equal(json_string_value(json_object_get(na, "reason")), reason);
    json_t *what = json_object_get(na, "analyzers");
    int sentiment = 0, facts = 0;
    size_t i;
    json_t *w;
    json_array_foreach(what, i, w)
    {
        sentiment += !strcmp(json_string_value(w), "sentiment");
        facts += !strcmp(json_string_value(w), "facts");
    }
    assert_int_equal(sentiment, 1);
    assert_int_equal(facts, 1);
    /* the verdict is the critic's own, never one predicted by the English model */
    json_t *v = json_object_get(r, "verdict");
    assert_string_equal(json_string_value(json_object_get(v, "source")), "explicit");
    assert_true(json_is_null(json_object_get(r, "sentiment")));
    json_decref(r);
    reel_doc_free(d);
}

static void test_french_review(void **state)
{
    (void)state;
    check_foreign("fr-review.txt", "fr", "4/5", 80);
}

static void test_spanish_pan(void **state)
{
    (void)state;
    check_foreign("es-pan.txt", "es", "3/10", 30);
}

static void test_german_review(void **state)
{
    (void)state;
    check_foreign("de-review.txt", "de", "4 von 5 Sternen", 80);
}

/* English runs every analyzer as before. */
static void test_english_review(void **state)
{
    (void)state;
    reel_doc *d = fixture("en-review.txt");
    assert_string_equal(d->language, "en");
    assert_true(d->score.found);
    assert_string_equal(d->score.raw, "4/5");
    assert_true(d->sentiment.has);
    assert_int_equal(d->kind, REEL_KIND_REVIEW);
    assert_true(d->kind_confidence > 0.5);
    json_t *r = record_of(d);
    assert_string_equal(json_string_value(json_object_get(r, "language")), "en");
    assert_true(json_is_null(json_object_get(r, "not_analysed")));
    assert_true(json_is_object(json_object_get(r, "sentiment")));
    json_decref(r);
    reel_doc_free(d);
}

/* A French page with no printed score: no kind guessed from English words,
 * no predicted verdict at all, and the record names the kind as not read. */
static void test_foreign_without_score(void **state)
{
    (void)state;
    reel_doc *d =
        process_str(g_ctx,
                    "Le réalisateur revient avec une histoire de famille tournée "
                    "dans un petit village du Jura. Les acteurs sont justes, la "
                    "photographie est belle, mais le récit s'essouffle avant la fin.",
                    REEL_FORMAT_TEXT);
    assert_non_null(d);
    assert_string_equal(d->language, "fr");
    assert_false(d->score.found);
    assert_false(d->sentiment.has);
    assert_int_equal(d->kind, REEL_KIND_OTHER);
    json_t *r = record_of(d);
    assert_true(json_is_null(json_object_get(r, "verdict")));
    json_t *what = json_object_get(json_object_get(r, "not_analysed"), "analyzers");
    assert_string_equal(json_string_value(json_array_get(what, 1)), "kind");
    json_decref(r);
    reel_doc_free(d);
}

/* Too little text to tell: unknown, and analysed as before (as English). */
static void test_short_text_is_unknown(void **state)
{
    (void)state;
    reel_doc *d = process_str(g_ctx, "Great fun. 4/5", REEL_FORMAT_TEXT);
    assert_non_null(d);
    assert_null(d->language);
    json_t *r = record_of(d);
    assert_true(json_is_null(json_object_get(r, "language")));
    assert_true(json_is_null(json_object_get(r, "not_analysed")));
    json_decref(r);
    reel_doc_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_french_review),
        cmocka_unit_test(test_spanish_pan),
        cmocka_unit_test(test_german_review),
        cmocka_unit_test(test_english_review),
        cmocka_unit_test(test_foreign_without_score),
        cmocka_unit_test(test_short_text_is_unknown),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
