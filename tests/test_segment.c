/* test_segment.c — sentences and tokens (src/segment.c), driven by the
 * cases in tests/data/segment.spec, plus token kinds and offsets, and the
 * budgets of sentences, blocks and tokens a huge text of tiny ones meets. */
#include "helpers.h"

#include <jansson.h>

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
    assert_int_equal(d->unread_at, 0);
    assert_int_equal(d->n_blocks, 2);
    reel_doc_free(d);
}

/* n copies of unit after head, as one string */
static char *repeat(const char *head, const char *unit, size_t n)
{
    size_t hl = strlen(head), ul = strlen(unit);
    char *s = malloc(hl + ul * n + 1);
    assert_non_null(s);
    memcpy(s, head, hl);
    for (size_t i = 0; i < n; i++) memcpy(s + hl + i * ul, unit, ul);
    s[hl + ul * n] = 0;
    return s;
}

/* 40,000 one-sentence paragraphs: over the budget of blocks and of
 * sentences (16,384 of each and one per 1,024 bytes). The clean text is
 * the same as without the budgets; the blocks past it are one last block;
 * the sentences come in threes. */
static void test_sentence_and_block_budget(void **state)
{
    (void)state;
    const size_t n = 40000;
    char *in = repeat("", "It is good.\n\n", n);
    reel_doc *d = process_str(g_ctx, in, REEL_FORMAT_TEXT);
    assert_non_null(d);
    assert_int_equal(d->text_len, strlen(in) - 2);
    assert_memory_equal(d->text, in, d->text_len);
    size_t max_blocks = REEL_SEG_BASE + strlen(in) / REEL_SEG_BYTES;
    assert_int_equal(d->n_blocks, max_blocks);
    const reel_block *last = &d->blocks[d->n_blocks - 1];
    assert_int_equal(last->span.end, d->text_len);
    assert_int_equal(last->span.start, (max_blocks - 1) * 13);
    assert_int_equal(last->kind, REEL_BLOCK_PARAGRAPH);
    size_t budget = REEL_SEG_BASE + d->text_len / REEL_SEG_BYTES;
    assert_true(n > 2 * budget);
    size_t g = (n + budget - 1) / budget; /* paragraphs to a sentence */
    assert_true(g >= 3);
    assert_int_equal(d->n_sentences, (n + g - 1) / g);
    for (size_t i = 0; i < d->n_sentences; i++) {
        const reel_sentence *se = &d->sentences[i];
        size_t k = i + 1 < d->n_sentences ? g : n - i * g; /* the last has the rest */
        assert_int_equal(se->span.start, i * g * 13);
        assert_int_equal(se->span.end - se->span.start, k * 13 - 2);
        assert_int_equal(se->tok_start, i * g * 4);
        assert_int_equal(se->tok_end, (i * g + k) * 4);
    }
    assert_int_equal(d->unread_at, 0);
    reel_doc_free(d);
    free(in);
}

/* A page of 40,000 paragraphs, a menu among the last: past the block
 * budget the kept paragraphs are one last block, what would be dropped is
 * not in it, and the text is the same. */
static void test_html_block_budget(void **state)
{
    (void)state;
    char *body = repeat("<html><body><article>", "<p>It is good.</p>", 40000);
    buf page;
    buf_init(&page);
    buf_puts(&page, body);
    buf_puts(&page, "<nav><a href=/a>Home</a> <a href=/b>Reviews</a></nav><p>The end.</p>"
                    "</article></body></html>");
    assert_false(page.oom);
    reel_doc *d = process_str(g_ctx, page.data, REEL_FORMAT_HTML);
    assert_non_null(d);
    assert_int_equal(d->n_blocks, REEL_SEG_BASE + page.len / REEL_SEG_BYTES);
    const reel_block *last = &d->blocks[d->n_blocks - 1];
    assert_false(last->boilerplate);
    assert_int_equal(last->span.end, d->text_len);
    assert_int_equal(d->text_len, 40000 * 13 + 8);
    assert_null(memmem(d->text, d->text_len, "Reviews", 7));
    assert_memory_equal(d->text + d->text_len - 21, "It is good.\n\nThe end.", 21);
    reel_doc_free(d);
    buf_free(&page);
    free(body);
}

/* A token every 1.5 bytes ("I. I. I."): past the budget of tokens (65,536
 * and one per 4 bytes) the text is kept but not read, and the record says
 * from which byte. */
static void test_token_budget(void **state)
{
    (void)state;
    const char *head = "The opening says that Arrival is a patient film that rewards its "
                       "viewers, and that its director, Denis Villeneuve, trusts them.\n\n";
    char *in = repeat(head, "I. ", 100000);
    reel_doc *d = process_str(g_ctx, in, REEL_FORMAT_TEXT);
    assert_non_null(d);
    size_t budget = REEL_TOK_BASE + d->text_len / REEL_TOK_BYTES;
    assert_int_equal(d->n_tokens, budget);
    assert_true(d->unread_at > strlen(head) && d->unread_at < d->text_len);
    assert_true(reel_token_span(&d->tokens[d->n_tokens - 1]).end <= d->unread_at);
    assert_int_equal(d->sentences[d->n_sentences - 1].tok_end, d->n_tokens);
    assert_string_equal(d->language, "en");
    json_t *rec = record_build(d, 0);
    assert_non_null(rec);
    json_t *na = json_object_get(rec, "not_analysed");
    assert_true(json_is_object(na));
    char want[80];
    snprintf(want, sizeof want, "over the token budget: the text from byte %zu on",
             d->unread_at);
    assert_string_equal(json_string_value(json_object_get(na, "reason")), want);
    json_decref(rec);
    reel_doc_free(d);
    free(in);
}

int main(void)
{
    reel_ctx_new(&g_ctx);
    reel_ctx_load_model(g_ctx, NULL);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_spec),
        cmocka_unit_test(test_tokens),
        cmocka_unit_test(test_offsets_cover_text),
        cmocka_unit_test(test_sentence_and_block_budget),
        cmocka_unit_test(test_html_block_budget),
        cmocka_unit_test(test_token_budget),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    reel_ctx_free(g_ctx);
    return rc;
}
