/* test_dense_markup.c — the budget of markup in the HTML pre-pass
 * (html_lean.c): a page of megabytes of tiny elements, attributes or
 * comments keeps at most HTML_BUDGET_BASE items and one per
 * HTML_BUDGET_BYTES of its size, so its tree (a node of about 120 bytes per
 * item) stays within a few times the page; every word of its text is kept,
 * and pages under the budget pass untouched. Counted, not timed.
 */
#include "helpers.h"
#include "read/html.h"

#include <ctype.h>

static reel_ctx *g_ctx;

/* Markup items in s: start tags, comments, doctypes, PIs (attributes are
 * counted by the caller's shape). */
static size_t count_items(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i + 1 < n; i++)
        if (s[i] == '<' &&
            (isalpha((unsigned char)s[i + 1]) || s[i + 1] == '!' || s[i + 1] == '?'))
            k++;
    return k;
}

static size_t count_in(const char *s, size_t n, const char *what)
{
    size_t k = 0, w = strlen(what);
    for (const char *p = s; (p = memmem(p, (size_t)(s + n - p), what, w)) != NULL; p += w)
        k++;
    return k;
}

static size_t budget_at(size_t len)
{
    return HTML_BUDGET_BASE + len / HTML_BUDGET_BYTES;
}

static const char head[] = "<html><head><title>A dense page</title></head><body><article>"
                           "<p>The opening paragraph of the page says that Arrival is a "
                           "patient film, and that it rewards the viewer who waits.</p>";
static const char tail[] = "</article></body></html>";

/* head, `n` copies of unit, then `after` and tail. */
static void dense_page(buf *b, const char *unit, size_t n, const char *after)
{
    buf_init(b);
    buf_puts(b, head);
    for (size_t i = 0; i < n; i++)
        buf_puts(b, unit);
    buf_puts(b, after);
    buf_puts(b, tail);
    assert_false(b->oom);
}

/* The words of all blocks, kept or cut: how many times `w` occurs. */
static size_t words_in_blocks(const reel_doc *d, const char *w)
{
    size_t k = 0;
    for (size_t i = 0; i < d->n_blocks; i++)
        k += count_in(d->blocks[i].text, d->blocks[i].len, w);
    return k;
}

/* The page through the pre-pass into *out (the caller frees it), its
 * markup within the budget. */
static void lean_page(buf *out, const buf *page)
{
    buf_init(out);
    assert_int_equal(html_lean(out, page->data, page->len), 0);
    assert_true(out->len > 0);
    assert_true(count_items(out->data, out->len) <= budget_at(page->len));
}

/* A real page's markup (thousands of items) is far under the budget: the
 * pre-pass leaves it as it is. */
static void test_under_budget_untouched(void **state)
{
    (void)state;
    buf b, out;
    dense_page(&b, "<p class=\"note\"><b>x</b> <i>y</i><!-- c --><br></p>", 20000, "");
    assert_true(count_items(b.data, b.len) < budget_at(b.len));
    buf_init(&out);
    assert_int_equal(html_lean(&out, b.data, b.len), 0);
    assert_int_equal(out.len, 0);
    buf_free(&out);
    buf_free(&b);
}

/* 300,000 paragraphs of one italic word: 600,000 tags in 4.5 MB. The
 * markup past the budget goes, every word stays, end tags match the start
 * tags kept, and a script past the budget goes whole. */
static void test_dense_elements(void **state)
{
    (void)state;
    size_t n = 300000;
    buf b, out;
    dense_page(&b, "<p><i>qv</i></p>", n,
               "<script>var z = \"<b>\";</script><p>The closing paragraph of the "
               "page is read as the rest of it is.</p>");
    lean_page(&out, &b);
    assert_true(count_items(out.data, out.len) > HTML_BUDGET_BASE);
    assert_int_equal(count_in(out.data, out.len, "qv"), n);
    assert_int_equal(count_in(out.data, out.len, "<i>"),
                     count_in(out.data, out.len, "</i>"));
    assert_int_equal(count_in(out.data, out.len, "<p>"),
                     count_in(out.data, out.len, "</p>"));
    /* a dropped block tag leaves a space: the words do not run together */
    assert_int_equal(count_in(out.data, out.len, "qvqv"), 0);
    assert_null(memmem(out.data, out.len, "var z", 5));
    assert_non_null(memmem(out.data, out.len, "The closing paragraph", 21));
    buf_free(&out);

    /* and through the reader: every word in the blocks, none lost */
    reel_doc *d = NULL;
    assert_int_equal(reel_read(&d, g_ctx, b.data, b.len, "dense", REEL_FORMAT_HTML), 0);
    assert_int_equal(words_in_blocks(d, "qv"), n);
    assert_true(words_in_blocks(d, "The closing paragraph") == 1);
    reel_doc_free(d);
    buf_free(&b);
}

/* Inline elements dropped leave nothing between the letters of a word. */
static void test_dense_inline(void **state)
{
    (void)state;
    size_t n = 400000;
    buf b, out;
    dense_page(&b, "<b>w</b><span>z</span> ", n, "");
    lean_page(&out, &b);
    /* the tags kept aside, the text reads as it did */
    size_t k = 0;
    for (size_t i = 0; i < out.len; i++) {
        if (out.data[i] == '<') {
            while (i < out.len && out.data[i] != '>')
                i++;
            continue;
        }
        out.data[k++] = out.data[i];
    }
    assert_int_equal(count_in(out.data, k, "wz "), n);
    buf_free(&out);
    buf_free(&b);
}

/* Attributes count: an element with a hundred of them is a hundred items,
 * and those past the budget go while the tags keep their ends. */
static void test_dense_attributes(void **state)
{
    (void)state;
    buf unit;
    buf_init(&unit);
    buf_puts(&unit, "<i");
    for (int i = 0; i < 100; i++)
        buf_printf(&unit, " a%d=x", i);
    buf_puts(&unit, ">qv</i>");
    size_t n = 8000, attrs = 0;
    buf b, out;
    dense_page(&b, unit.data, n, "");
    lean_page(&out, &b);
    attrs = count_in(out.data, out.len, "=x");
    assert_true(count_items(out.data, out.len) + attrs <= budget_at(b.len) + 2);
    assert_int_equal(count_in(out.data, out.len, "qv"), n);
    buf_free(&out);
    buf_free(&b);
    buf_free(&unit);
}

/* Comments and processing instructions are nodes too. */
static void test_dense_comments(void **state)
{
    (void)state;
    size_t n = 500000;
    buf b, out;
    dense_page(&b, "<!---->q<?x>", n, "");
    lean_page(&out, &b);
    assert_int_equal(count_in(out.data, out.len, "q"), n);
    buf_free(&out);
    buf_free(&b);
}

static int setup(void **state)
{
    (void)state;
    return reel_ctx_new(&g_ctx) == 0 ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    reel_ctx_free(g_ctx);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_under_budget_untouched),
        cmocka_unit_test(test_dense_elements),
        cmocka_unit_test(test_dense_inline),
        cmocka_unit_test(test_dense_attributes),
        cmocka_unit_test(test_dense_comments),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
