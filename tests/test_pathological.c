/* test_pathological.c — inputs shaped to make a parser's cost grow faster
 * than its size (cmark's pathological tests): one element with 400,000
 * attributes, a single paragraph of megabytes, one word repeated a million
 * times, a line that never ends a sentence, 200,000 tiny blocks. Each test
 * builds its input and checks the result is right; the sizes are such that
 * a quadratic path would take far past ctest's timeout, so no clock is read.
 */
#include "helpers.h"
#include "textdoc.h"

#include <math.h>

static reel_ctx *g_ctx;

/* Under the sanitizers (ten times slower) the inputs are smaller. */
static size_t scaled(size_t n)
{
    return getenv("REEL_SANITIZED") ? n / 4 : n;
}

static reel_doc *read_clean(const char *s, size_t len, reel_format fmt)
{
    reel_doc *d = NULL;
    if (reel_read(&d, g_ctx, s, len, "pathological", fmt) != 0) {
        fprintf(stderr, "read failed: %s\n", reel_errmsg(g_ctx));
        return NULL;
    }
    if (reel_clean(g_ctx, d) != 0) {
        fprintf(stderr, "clean failed: %s\n", reel_errmsg(g_ctx));
        reel_doc_free(d);
        return NULL;
    }
    return d;
}

static int text_has(const reel_doc *d, const char *s)
{
    return d->text && memmem(d->text, d->text_len, s, strlen(s)) != NULL;
}

/* An element with `n` attributes, `first` before them and `last` after. */
static void attribute_bomb(buf *b, size_t n, const char *first, const char *last)
{
    buf_printf(b, "<div %s", first);
    for (size_t i = 0; i < n; i++)
        buf_printf(b,
                   i % 3 == 0   ? " data-a%zu=\"x > y\""
                   : i % 3 == 1 ? " data-b%zu=plain"
                                : " data-c%zu",
                   i);
    buf_printf(b, " %s>", last);
}

/* libxml2 checks every attribute of an element against the ones before it:
 * 80,000 took 34 s, 400,000 would take about 15 minutes. The pre-pass
 * keeps the first HTML_MAX_ATTRS; the tag's end is found past quoted '>'. */
static void test_many_attributes(void **state)
{
    (void)state;
    size_t n = scaled(400000);
    buf b;
    buf_init(&b);
    buf_puts(&b, "<html><body><article>");
    attribute_bomb(&b, n, "class=\"entry\"", "title='late'");
    buf_puts(
        &b, "<p>The paragraph inside the element with too many attributes is kept as "
            "it was written, with every word of it, in the order of the page.</p></div>");
    /* an attribute early in the tag still counts, one past the cap does not */
    attribute_bomb(&b, n, "hidden", "id=\"z\"");
    buf_puts(&b, "<p>This paragraph sits in a hidden element and never shows.</p></div>");
    attribute_bomb(&b, n, "id=\"y\"", "hidden");
    buf_puts(&b, "<p>This paragraph's hiding attribute came after the cap, so it "
                 "shows, as the one before it does, with all the words it was "
                 "written with.</p></div>");
    buf_puts(&b, "<p>The paragraph after all the elements closes the article as "
                 "written.</p></article></body></html>");
    assert_false(b.oom);
    reel_doc *d = read_clean(b.data, b.len, REEL_FORMAT_HTML);
    assert_non_null(d);
    assert_true(text_has(d, "The paragraph inside the element with too many attributes"));
    assert_false(text_has(d, "never shows"));
    assert_true(text_has(d, "came after the cap, so it shows,"));
    assert_true(text_has(d, "closes the article as written."));
    assert_false(text_has(d, "data-"));
    assert_false(text_has(d, "plain"));
    reel_doc_free(d);
    buf_free(&b);
}

/* A paragraph of prose that happens to hold the words of a donation appeal. */
static const char *const prose =
    "The film's members of the cast support one another through a month of "
    "shooting at sea, and the journalism of the period, which the director "
    "read for a year, gave the script its newsroom scenes. ";

/* One paragraph of megabytes, as HTML and as text: kept whole (it was
 * dropped as an "appeal" past 256 KB, leaving no text). A short appeal is
 * still dropped. */
static void test_huge_paragraph(void **state)
{
    (void)state;
    size_t size = scaled(4u << 20), pl = strlen(prose);
    buf b;
    buf_init(&b);
    buf_puts(&b, "<html><body><article><p>");
    size_t start = b.len;
    while (b.len - start < size)
        buf_append(&b, prose, pl);
    size_t body = b.len - start - 1; /* the last space is trimmed */
    buf_puts(&b, "</p><p>Support our journalism: become a member for five dollars a "
                 "month.</p></article></body></html>");
    assert_false(b.oom);
    reel_doc *d = read_clean(b.data, b.len, REEL_FORMAT_HTML);
    assert_non_null(d);
    assert_int_equal(d->text_len, body);
    assert_false(text_has(d, "Support our journalism"));
    reel_doc_free(d);
    /* the same paragraph as plain text */
    d = read_clean(b.data + start, body, REEL_FORMAT_TEXT);
    assert_non_null(d);
    assert_int_equal(d->text_len, body);
    reel_doc_free(d);
    buf_free(&b);
}

/* One word a million times, through the whole pipeline (segmenter and
 * analyzers see one sentence of a million tokens). */
static void test_repeated_word(void **state)
{
    (void)state;
    size_t n = scaled(1000000);
    buf b;
    buf_init(&b);
    for (size_t i = 0; i < n; i++)
        buf_append(&b, "the ", 4);
    assert_false(b.oom);
    reel_doc *d = NULL;
    assert_int_equal(reel_process(&d, g_ctx, b.data, b.len, "words", REEL_FORMAT_TEXT),
                     0);
    assert_int_equal(d->text_len, b.len - 1);
    reel_doc_free(d);
    buf_free(&b);
}

/* Megabytes of names and words with no sentence end and no newline. */
static void test_long_line(void **state)
{
    (void)state;
    size_t size = scaled(2u << 20);
    const char *run = "Arrival with Amy Adams and Jeremy Renner directed by Denis "
                      "Villeneuve from a story by Ted Chiang ";
    size_t rl = strlen(run);
    buf b;
    buf_init(&b);
    while (b.len < size)
        buf_append(&b, run, rl);
    buf_puts(&b, "and the line ends here.");
    assert_false(b.oom);
    reel_doc *d = NULL;
    assert_int_equal(reel_process(&d, g_ctx, b.data, b.len, "line", REEL_FORMAT_TEXT), 0);
    assert_int_equal(d->text_len, b.len);
    assert_true(text_has(d, "and the line ends here."));
    reel_doc_free(d);
    buf_free(&b);
}

/* 200,000 paragraphs of two words, and as many list items of links. */
static void test_many_blocks(void **state)
{
    (void)state;
    size_t n = scaled(200000);
    buf b;
    buf_init(&b);
    buf_puts(&b, "<html><body><article>");
    for (size_t i = 0; i < n; i++)
        buf_printf(&b, "<p>Line %zu.</p>", i);
    buf_puts(&b, "</article><ul>");
    for (size_t i = 0; i < n; i++)
        buf_printf(&b, "<li><a href=\"/%zu\">Another story</a></li>", i);
    buf_puts(&b, "</ul></body></html>");
    assert_false(b.oom);
    reel_doc *d = read_clean(b.data, b.len, REEL_FORMAT_HTML);
    assert_non_null(d);
    char last[64];
    snprintf(last, sizeof last, "Line %zu.", n - 1);
    assert_true(text_has(d, "Line 0."));
    assert_true(text_has(d, last));
    assert_false(text_has(d, "Another story"));
    reel_doc_free(d);
    buf_free(&b);
}

/* Film-site shapes at depth: 50,000 nested boxes of credits, each a
 * candidate credit box, and 100,000 nested elements titled as ratings,
 * each asking whether the subtree below holds text. */
static void test_nested_film_shapes(void **state)
{
    (void)state;
    size_t n = scaled(50000);
    buf b;
    buf_init(&b);
    buf_puts(&b, "<html><body><article><p>A paragraph before the boxes, long enough to "
                 "count as the start of the article's own text.</p>");
    for (size_t i = 0; i < n; i++)
        buf_puts(&b, "<div><p>Director: Ava DuVernay</p><p>Cast: David Oyelowo</p>");
    buf_puts(&b, "<p>Bottom of the boxes.</p>");
    for (size_t i = 0; i < n; i++)
        buf_puts(&b, "</div>");
    for (size_t i = 0; i < 2 * n; i++)
        buf_puts(&b, "<span title=\"4 out of 5 stars\">");
    buf_puts(&b, "Bottom of the ratings.");
    for (size_t i = 0; i < 2 * n; i++)
        buf_puts(&b, "</span>");
    buf_puts(&b, "</article></body></html>");
    assert_false(b.oom);
    reel_doc *d = read_clean(b.data, b.len, REEL_FORMAT_HTML);
    assert_non_null(d);
    assert_true(text_has(d, "Director: Ava DuVernay"));
    assert_true(text_has(d, "Bottom of the boxes."));
    assert_true(text_has(d, "Bottom of the ratings."));
    reel_doc_free(d);
    buf_free(&b);
}

/* The score analyzer on text of `n` copies of `unit` then `tail`: the
 * score it reads (found 0 when none). */
static reel_score score_of_run(size_t n, const char *unit, const char *tail)
{
    buf b;
    buf_init(&b);
    for (size_t i = 0; i < n; i++)
        buf_puts(&b, unit);
    buf_puts(&b, tail);
    assert_false(b.oom);
    reel_doc d;
    assert_int_equal(textdoc_init(&d, b.data, b.len), 0);
    assert_int_equal(analyze_score(g_ctx, &d), 0);
    reel_score s = d.score;
    s.raw = NULL; /* in the document's arena */
    textdoc_free(&d);
    buf_free(&b);
    return s;
}

/* A run of star glyphs was read again from each of its positions: 100,000
 * "★" (300 KB) took 105 s. A run is read once, from its first glyph, and
 * no further than the ten stars a rating may draw; a longer run is
 * decoration, and the rating after it is still found. */
static void test_star_runs(void **state)
{
    (void)state;
    static const struct {
        const char *unit;
        size_t bytes;
    } runs[] = {{"★", 3}, {"☆", 3}, {"★☆½", 8}, {"*", 1}, {"★ ", 4}};
    for (size_t r = 0; r < sizeof runs / sizeof runs[0]; r++) {
        size_t n = scaled(300000) / runs[r].bytes;
        reel_score s = score_of_run(n, runs[r].unit, "");
        assert_false(s.found);
        s = score_of_run(n, runs[r].unit, "\n\nRating: ★★★½\n");
        assert_true(s.found);
        assert_string_equal(s.form, "stars");
        assert_true(fabs(s.score100 - 70) < 0.05);
    }
}

/* Scores and score-shaped words by the hundred thousand: "10/10 " on one
 * line, one to a paragraph (each match looked for its block by walking
 * every block), labels without values, "out of" without numbers, long
 * digit runs after a label. The verdict written last is found. */
static void test_score_repeats(void **state)
{
    (void)state;
    size_t n = scaled(100000);
    reel_score s = score_of_run(n, "10/10 ", "");
    assert_false(s.found); /* a line of a hundred thousand is no verdict */
    s = score_of_run(n, "10/10 ", "\n\nRating: 3/4\n");
    assert_true(s.found);
    assert_true(fabs(s.score100 - 75) < 0.05);
    s = score_of_run(n, "A paragraph rated 2/5 in passing.\n\n", "Rating: 3/4\n");
    assert_true(s.found);
    assert_true(fabs(s.score100 - 75) < 0.05);
    s = score_of_run(n, "Rating: ★★\n\n", "Rating: ★★★★\n");
    assert_true(s.found);
    assert_true(fabs(s.score100 - 80) < 0.05);
    s = score_of_run(n, "Rating: ", "\n\nRating: 3/4\n");
    assert_true(s.found);
    assert_true(fabs(s.score100 - 75) < 0.05);
    s = score_of_run(n, "out of ", "\n\nRating: 3/4\n");
    assert_true(s.found);
    assert_true(fabs(s.score100 - 75) < 0.05);
    s = score_of_run(n, "three and a half ", "\n\nRating: 3/4\n");
    assert_true(s.found);
    assert_true(fabs(s.score100 - 75) < 0.05);
    s = score_of_run(3 * n, "7", "");
    assert_false(s.found);
    s = score_of_run(3 * n, "7", "/10\n\nRating: 3/4\n");
    assert_true(s.found);
    assert_true(fabs(s.score100 - 75) < 0.05);
}

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_many_attributes), cmocka_unit_test(test_huge_paragraph),
        cmocka_unit_test(test_repeated_word),   cmocka_unit_test(test_long_line),
        cmocka_unit_test(test_many_blocks),     cmocka_unit_test(test_nested_film_shapes),
        cmocka_unit_test(test_star_runs),       cmocka_unit_test(test_score_repeats),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
