/* test_jsonl.c — the JSON-lines reader (src/read/jsonl.c): lines read in
 * chunks, so a line that spans many chunks, a line over the size limit
 * (an error for that line only, never held whole), a malformed line, blank
 * and CRLF lines and a last line without a newline are each what
 * docs/formats.md says.
 */
#include "helpers.h"

#include <unistd.h>

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

/* One article line whose text is `words` copies of a sentence. */
static void article_line(buf *b, const char *url, size_t words)
{
    buf_printf(b, "{\"url\": \"%s\", \"film\": \"Past Lives\", \"text\": \"", url);
    for (size_t i = 0; i < words; i++)
        buf_puts(b, "Greta Lee is wonderful. ");
    buf_puts(b, "\"}");
}

static void test_lines(void **state)
{
    (void)state;
    buf b;
    buf_init(&b);
    article_line(&b, "https://a.example/1", 3);
    buf_puts(&b, "\n\n  \r\n");
    article_line(&b, "https://a.example/long", 20000); /* ~480 KB: many chunks */
    buf_puts(&b, "\n");
    article_line(&b, "https://a.example/huge", 60000); /* over the limit below */
    buf_puts(&b, "\n{not json\r\n");
    article_line(&b, "https://a.example/last", 2); /* no newline at the end */
    char path[] = "/tmp/reel-test-jsonl-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, b.data, b.len), (ssize_t)b.len);
    close(fd);
    buf_free(&b);

    reel_ctx_set_max_input(g_ctx, 1u << 20);
    reel_reader *r = NULL;
    assert_int_equal(reel_reader_open(&r, g_ctx, path), 0);
    const char *want[] = {"https://a.example/1", "https://a.example/long", NULL, NULL,
                          "https://a.example/last"};
    int codes[] = {0, 0, REEL_ETOOBIG, REEL_EFORMAT, 0};
    for (int i = 0; i < 5; i++) {
        reel_doc *d = NULL;
        int rc = reel_reader_next(&d, r);
        assert_int_equal(rc, codes[i]);
        if (rc) {
            assert_null(d);
            assert_non_null(strstr(reel_errmsg(g_ctx), path));
            assert_non_null(strstr(reel_errmsg(g_ctx), i == 2 ? "line 5" : "line 6"));
            continue;
        }
        assert_non_null(d);
        assert_string_equal(d->url, want[i]);
        assert_string_equal(d->film_hint, "Past Lives");
        reel_doc_free(d);
    }
    reel_doc *d = NULL;
    assert_int_equal(reel_reader_next(&d, r), REEL_EDONE);
    reel_reader_free(r);
    reel_ctx_set_max_input(g_ctx, 64u << 20);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_lines)};
    return cmocka_run_group_tests(tests, setup, teardown);
}
