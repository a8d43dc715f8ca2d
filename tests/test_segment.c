/* test_segment.c — sentences and tokens (src/segment.c), driven by the
 * cases in tests/data/segment.spec, plus token kinds and offsets. */
#include "helpers.h"

static reel_ctx *g_ctx;

static void check_case(const char *name, const char *input, const char *expected)
{
    reel_doc *d = process_str(g_ctx, input, REEL_FORMAT_TEXT);
    assert_non_null(d);
    buf got;
    buf_init(&got);
    for (size_t i = 0; i < d->n_sentences; i++) {
        reel_span s = d->sentences[i].span;
        buf_append(&got, d->text + s.start, s.end - s.start);
        buf_putc(&got, '\n');
    }
    if (strcmp(got.data ? got.data : "", expected) != 0) {
        fprintf(stderr, "case '%s'\n--- expected\n%s--- got\n%s", name, expected,
                got.data ? got.data : "");
        fail();
    }
    buf_free(&got);
    reel_doc_free(d);
}

static void test_spec(void **state)
{
    (void)state;
    assert_true(run_spec("segment.spec", check_case) >= 9);
}

static void test_tokens(void **state)
{
    (void)state;
    reel_doc *d = process_str(g_ctx, "Pain & Glory (★★★★☆) gets 8½ of 10, isn't it?",
                              REEL_FORMAT_TEXT);
    assert_non_null(d);
    const char *want[] = {"Pain", "&",    "Glory", "(",  "★",  "★", "★",     "★",  "☆",
                          ")",    "gets", "8½",    "of", "10", ",", "isn't", "it", "?"};
    assert_int_equal(d->n_tokens, sizeof want / sizeof *want);
    for (size_t i = 0; i < d->n_tokens; i++) {
        reel_span s = reel_token_span(&d->tokens[i]);
        assert_int_equal(s.end - s.start, strlen(want[i]));
        assert_memory_equal(d->text + s.start, want[i], s.end - s.start);
    }
    assert_true(d->tokens[0].cap);
    assert_int_equal(d->tokens[4].kind, REEL_TOK_SYMBOL);
    assert_int_equal(d->tokens[11].kind, REEL_TOK_NUMBER);
    assert_int_equal(d->tokens[15].kind, REEL_TOK_WORD);
    reel_doc_free(d);
}

static void test_offsets_cover_text(void **state)
{
    (void)state;
    reel_doc *d = process_str(g_ctx, "One. Two!\n\nThree? Four", REEL_FORMAT_TEXT);
    assert_non_null(d);
    assert_int_equal(d->n_sentences, 4);
    for (size_t i = 0; i + 1 < d->n_sentences; i++) {
        assert_true(d->sentences[i].span.end <= d->sentences[i + 1].span.start);
        assert_int_equal(d->sentences[i].tok_end, d->sentences[i + 1].tok_start);
    }
    assert_int_equal(d->sentences[3].tok_end, d->n_tokens);
    reel_doc_free(d);
}

int main(void)
{
    reel_ctx_new(&g_ctx);
    reel_ctx_load_model(g_ctx, NULL);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_spec),
        cmocka_unit_test(test_tokens),
        cmocka_unit_test(test_offsets_cover_text),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    reel_ctx_free(g_ctx);
    return rc;
}
