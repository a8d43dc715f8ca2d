/* test_html.c — the HTML reader and body selection (src/read/html.c,
 * src/read/html_body.c): extraction cases from tests/data/html/extract.spec,
 * encodings, page metadata, and inputs that must not crash or hang (100,000
 * levels of nesting, 50 MB, junk), generated here rather than committed.
 * The extraction-dev pages in ../shared are read when present.
 */
#include "helpers.h"
#include "read/html.h"
#include "read/read.h"

#include <dirent.h>
#include <time.h>

static reel_ctx *g_ctx;

/* read + clean: what the body selection and boilerplate removal give. */
static reel_doc *read_clean(const char *s, size_t len, reel_format fmt)
{
    reel_doc *d = NULL;
    if (reel_read(&d, g_ctx, s, len, "test", fmt) != 0) {
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

static reel_doc *read_fixture(const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/data/html/%s", src_dir(), name);
    size_t len = 0;
    char *s = slurp(path, &len);
    if (!s) {
        fprintf(stderr, "%s: missing fixture\n", path);
        return NULL;
    }
    reel_doc *d = read_clean(s, len, REEL_FORMAT_HTML);
    free(s);
    return d;
}

static int text_has(const reel_doc *d, const char *s)
{
    return d->text && memmem(d->text, d->text_len, s, strlen(s)) != NULL;
}

/* ---------------- extraction cases ---------------- */

static int spec_failures;

static void check_case(const char *name, const char *input, const char *expected)
{
    reel_doc *d = read_clean(input, strlen(input), REEL_FORMAT_HTML);
    size_t el = strlen(expected);
    while (el && expected[el - 1] == '\n')
        el--;
    if (!d || d->text_len != el || memcmp(d->text, expected, el) != 0) {
        fprintf(stderr, "case \"%s\":\n--- expected\n%.*s\n--- got\n%s\n", name, (int)el,
                expected, d ? d->text : "(no document)");
        spec_failures++;
    }
    reel_doc_free(d);
}

static void test_extract_spec(void **state)
{
    (void)state;
    spec_failures = 0;
    assert_true(run_spec("html/extract.spec", check_case) >= 5);
    assert_int_equal(spec_failures, 0);
}

/* Film sites' own traps: ratings as images, credit boxes, comments,
 * a video page's one line (tests/data/html/filmsite.spec). */
static void test_filmsite_spec(void **state)
{
    (void)state;
    spec_failures = 0;
    assert_true(run_spec("html/filmsite.spec", check_case) >= 11);
    assert_int_equal(spec_failures, 0);
}

/* Which alt and title texts are ratings: the rating's own words only. */
static void test_rating_text(void **state)
{
    (void)state;
    const char *yes[] = {"three-and-a-half stars",
                         "4 out of 5 stars",
                         "Rated 4 out of 5",
                         "3.5 stars",
                         "Rating: 8/10",
                         "\xE2\x98\x85\xE2\x98\x85\xE2\x98\x85\xC2\xBD",
                         "Four stars",
                         "half a star",
                         NULL};
    const char *no[] = {"Willem Dafoe stars as the keeper",
                        "Photo 1/12",
                        "Photo 1 out of 12",
                        "stars",
                        "Noteworthy stars",
                        "A still from the film",
                        "",
                        "one two three four five six seven eight nine ten stars",
                        NULL};
    for (const char **p = yes; *p; p++)
        if (!html_rating_text(*p, strlen(*p))) fail_msg("not read as a rating: %s", *p);
    for (const char **p = no; *p; p++)
        if (html_rating_text(*p, strlen(*p))) fail_msg("read as a rating: %s", *p);
}

/* The dropped blocks stay in the document with their reason. */
static void test_dropped_blocks_kept_with_reason(void **state)
{
    (void)state;
    const char *page =
        "<html><body><nav class=\"menu\"><a href=\"/\">Home</a> <a "
        "href=\"/f\">Films</a></nav>"
        "<article><p>Greta Gerwig's Little Women follows the four March sisters across "
        "several "
        "years, cutting between their childhood and their lives as young women.</p>"
        "<p>Saoirse Ronan plays Jo, who writes, and Florence Pugh plays Amy, who paints "
        "and "
        "later marries Laurie, played by Timothée Chalamet.</p></article></body></html>";
    reel_doc *d = read_clean(page, strlen(page), REEL_FORMAT_HTML);
    assert_non_null(d);
    int nav = 0;
    for (size_t i = 0; i < d->n_blocks; i++)
        if (strstr(d->blocks[i].text, "Home")) {
            assert_true(d->blocks[i].boilerplate);
            assert_non_null(d->blocks[i].reason);
            nav = 1;
        }
    assert_true(nav);
    assert_true(text_has(d, "Timothée Chalamet"));
    assert_false(text_has(d, "Home"));
    reel_doc_free(d);
}

/* ---------------- encodings ---------------- */

static void expect_encoding(const char *file, const char *encoding, const char *needle,
                            int repaired)
{
    reel_doc *d = read_fixture(file);
    assert_non_null(d);
    if (strcmp(d->encoding, encoding) != 0 || !text_has(d, needle) ||
        (repaired >= 0 && (size_t)repaired != d->repaired))
        fprintf(stderr, "%s: encoding %s, repaired %zu, text: %.200s\n", file,
                d->encoding, d->repaired, d->text);
    assert_string_equal(d->encoding, encoding);
    assert_true(text_has(d, needle));
    if (repaired >= 0) assert_int_equal(d->repaired, (size_t)repaired);
    reel_doc_free(d);
}

static void test_encodings(void **state)
{
    (void)state;
    /* a BOM outranks the page's (wrong) declaration */
    expect_encoding("enc_bom_utf8.html", "UTF-8", "Pedro Almodóvar wrote", 0);
    expect_encoding("enc_meta_1252.html", "windows-1252", "festival’s award", 0);
    expect_encoding("enc_http_equiv_latin1.html", "windows-1252", "Penélope Cruz", 0);
    expect_encoding("enc_undeclared_utf8.html", "UTF-8", "Salvador’s mother", 0);
    expect_encoding("enc_undeclared_1252.html", "windows-1252", "Almodóvar", 0);
    /* saved as UTF-8 under an old Latin-1 declaration: the bytes decide */
    expect_encoding("enc_mislabeled_utf8.html", "UTF-8", "festival’s award", 0);
    expect_encoding("enc_xml_decl.html", "windows-1252", "Penélope", 0);
    expect_encoding("enc_koi8r.html", "koi8-r", "Андрей Тарковский", 0);
    expect_encoding("enc_utf16le.html", "UTF-16LE", "Almodóvar", 0);
    /* declared UTF-8 with two bad bytes: repaired, counted, not fatal */
    expect_encoding("enc_broken_utf8.html", "UTF-8", "Band\xEF\xBF\xBDras", 2);
}

/* Invalid UTF-8 that is not declared: a little damage is repaired. */
static void test_undeclared_damage(void **state)
{
    (void)state;
    const char *page =
        "<html><body><p>Céline Sciamma's film is set in Brittany, and "
        "Noémie Merlant plays the painter \xC3 who arrives by boat.</p>"
        "<p>Adèle Haenel plays Héloïse, the woman she paints.</p></body></html>";
    reel_doc *d = read_clean(page, strlen(page), REEL_FORMAT_HTML);
    assert_non_null(d);
    assert_string_equal(d->encoding, "UTF-8");
    assert_int_equal(d->repaired, 1);
    assert_true(text_has(d, "Héloïse"));
    reel_doc_free(d);
}

/* ---------------- metadata ---------------- */

static void test_meta_og(void **state)
{
    (void)state;
    reel_doc *d = read_fixture("meta_og.html");
    assert_non_null(d);
    assert_string_equal(d->title, "The Irishman review: a long goodbye");
    assert_string_equal(d->outlet, "The Test Ledger");
    assert_string_equal(d->date, "2019-11-01");
    /* the name, not the profile URL of article:author */
    assert_string_equal(d->author, "Graham Pell");
    assert_string_equal(d->url, "https://www.example.com/film/the-irishman-review");
    /* the headline is metadata: the body starts with the article's text */
    assert_memory_equal(d->text, "Martin Scorsese", 15);
    reel_doc_free(d);
}

static void test_meta_title_site(void **state)
{
    (void)state;
    reel_doc *d = read_fixture("meta_title_site.html");
    assert_non_null(d);
    /* the outlet after the last dash goes; the dash inside the headline stays */
    assert_string_equal(d->title, "Parasite review – the house on the hill");
    assert_string_equal(d->date, "2019-10-11");
    assert_false(text_has(d, "Posted on"));
    reel_doc_free(d);

    const char *page =
        "<html><head><title>Roma wins the Golden Lion | Festivals | Test "
        "Daily</title></head><body><p>Alfonso Cuarón's Roma won the Golden Lion "
        "at the Venice Film Festival in 2018.</p></body></html>";
    d = read_clean(page, strlen(page), REEL_FORMAT_HTML);
    assert_non_null(d);
    assert_string_equal(d->title, "Roma wins the Golden Lion");
    reel_doc_free(d);
}

/* No date in the metadata: the dateline under the headline gives it, and
 * leaves the text; a date inside the prose does not. */
static void test_meta_dateline(void **state)
{
    (void)state;
    const char *page =
        "<html><body><div class=\"story\"><h1>Portrait of a Lady on Fire opens</h1>"
        "<p>Updated Feb. 14, 2020, 9:00 a.m. ET</p>"
        "<p>Céline Sciamma's film, first shown at Cannes on May 19, 2019, opens in more "
        "cinemas this weekend after a strong start in New York and Los Angeles.</p>"
        "<p>Noémie Merlant and Adèle Haenel star as the painter and her "
        "subject.</p></div>"
        "</body></html>";
    reel_doc *d = read_clean(page, strlen(page), REEL_FORMAT_HTML);
    assert_non_null(d);
    assert_non_null(d->date);
    assert_string_equal(d->date, "2020-02-14");
    assert_false(text_has(d, "Updated"));
    assert_memory_equal(d->text, "Céline Sciamma", strlen("Céline Sciamma"));
    reel_doc_free(d);

    page =
        "<html><body><p>Céline Sciamma's film was first shown at Cannes on May 19, 2019, "
        "and won the prize for the best screenplay there.</p></body></html>";
    d = read_clean(page, strlen(page), REEL_FORMAT_HTML);
    assert_non_null(d);
    assert_null(d->date);
    reel_doc_free(d);
}

static void test_meta_jsonld_review(void **state)
{
    (void)state;
    reel_doc *d = read_fixture("meta_jsonld_review.html");
    assert_non_null(d);
    assert_string_equal(d->title, "Pain and Glory is Almodóvar looking back");
    assert_string_equal(d->date, "2019-10-04");
    assert_string_equal(d->author, "Alba Moreno-Kidd");
    assert_string_equal(d->outlet, "Cinema Test Compass");
    assert_string_equal(d->film_hint, "Pain and Glory");
    assert_int_equal(d->year_hint, 2019);
    assert_string_equal(d->score_hint, "4.5/5");
    reel_doc_free(d);

    d = read_fixture("meta_jsonld_rating10.html");
    assert_non_null(d);
    assert_string_equal(d->title, "Moonlight: our verdict");
    assert_string_equal(d->film_hint, "Moonlight");
    assert_int_equal(d->year_hint, 2016);
    assert_string_equal(d->score_hint, "9/10");
    reel_doc_free(d);
}

static void test_meta_jsonld_graph(void **state)
{
    (void)state;
    reel_doc *d = read_fixture("meta_jsonld_graph.html");
    assert_non_null(d);
    assert_string_equal(d->title, "Roma leads the nominations");
    assert_string_equal(d->date, "2019-01-22");
    assert_string_equal(d->author, "Dana Ruiz");
    assert_string_equal(d->outlet, "The Graph Test Times");
    /* a news article names no reviewed film */
    assert_null(d->film_hint);
    assert_null(d->score_hint);
    reel_doc_free(d);
}

/* ---------------- hostile input ---------------- */

/* 100,000 nested elements: the text before, inside and after comes out
 * (libxml2 stops at depth 256 unless told otherwise). */
static void test_deep_nesting(void **state)
{
    (void)state;
    const int depth = 100000;
    buf b;
    buf_init(&b);
    buf_puts(&b, "<html><body><p>The opening sentence sits before all the nesting.</p>");
    for (int i = 0; i < depth; i++)
        buf_puts(&b, i % 2 ? "<span>" : "<div>");
    buf_puts(&b, "The deepest sentence is found at the bottom.");
    for (int i = depth - 1; i >= 0; i--)
        buf_puts(&b, i % 2 ? "</span>" : "</div>");
    buf_puts(&b, "<p>The closing sentence comes after the nesting.</p></body></html>");
    assert_false(b.oom);
    reel_doc *d = NULL;
    int rc = reel_process(&d, g_ctx, b.data, b.len, "deep", REEL_FORMAT_HTML);
    assert_int_equal(rc, 0);
    assert_true(text_has(d, "The opening sentence"));
    assert_true(text_has(d, "The deepest sentence"));
    assert_true(text_has(d, "The closing sentence"));
    reel_doc_free(d);
    /* never closed at all */
    b.len = 0;
    buf_puts(&b, "<p>Words before the unclosed tags.</p>");
    for (int i = 0; i < depth; i++)
        buf_puts(&b, "<div><b>");
    buf_puts(&b, "unclosed bottom");
    rc = reel_process(&d, g_ctx, b.data, b.len, "deep-unclosed", REEL_FORMAT_HTML);
    assert_int_equal(rc, 0);
    assert_true(text_has(d, "Words before the unclosed tags."));
    assert_true(text_has(d, "unclosed bottom"));
    reel_doc_free(d);
    buf_free(&b);
}

/* 50 MB of article: read whole, in bounded time. */
static void test_50mb(void **state)
{
    (void)state;
    buf b;
    buf_init(&b);
    const char *para =
        "<p>Every paragraph of this very long page says the same thing about "
        "the same film, again and again, so that the page grows large.</p>\n";
    size_t pl = strlen(para);
    buf_puts(&b, "<html><head><title>A long page</title></head><body><article>");
    /* under the sanitizers (ten times slower) 8 MB stands in for 50 */
    size_t mb = getenv("REEL_SANITIZED") ? 8 : 50;
    while (b.len < mb * 1024 * 1024 && !b.oom)
        buf_append(&b, para, pl);
    buf_puts(&b, "<p>The last paragraph.</p></article></body></html>");
    assert_false(b.oom);
    reel_doc *d = read_clean(b.data, b.len, REEL_FORMAT_HTML);
    assert_non_null(d);
    assert_true(d->text_len > mb * 1024 * 1024 * 6 / 10);
    assert_true(text_has(d, "The last paragraph."));
    reel_doc_free(d);
    buf_free(&b);
}

/* A page handed over with read_owned is freed by the reader once libxml2
 * holds its copy (so a big page is not held twice), and reads the same as
 * through reel_read; text keeps its bytes for the caller to free. */
static void test_owned(void **state)
{
    (void)state;
    const char *page =
        "<html><head><title>Handed over</title></head><body><article>"
        "<p>The first paragraph of a page whose bytes the reader gives away.</p>"
        "<p>A second one, so that there are blocks to compare.</p>"
        "</article></body></html>";
    reel_doc *want = NULL, *got = NULL;
    assert_int_equal(
        reel_read(&want, g_ctx, page, strlen(page), "page", REEL_FORMAT_HTML), 0);
    char *bytes = strdup(page);
    assert_non_null(bytes);
    assert_int_equal(
        read_owned(g_ctx, &got, &bytes, strlen(page), "page", REEL_FORMAT_HTML), 0);
    assert_null(bytes);
    assert_int_equal(got->n_blocks, want->n_blocks);
    for (size_t i = 0; i < got->n_blocks; i++) {
        assert_int_equal(got->blocks[i].len, want->blocks[i].len);
        assert_memory_equal(got->blocks[i].text, want->blocks[i].text,
                            got->blocks[i].len);
        assert_int_equal(got->blocks[i].boilerplate, want->blocks[i].boilerplate);
    }
    reel_doc_free(got);
    reel_doc_free(want);

    const char *text = "A plain text article keeps its bytes: the caller frees them.\n";
    bytes = strdup(text);
    assert_int_equal(
        read_owned(g_ctx, &got, &bytes, strlen(text), "text", REEL_FORMAT_TEXT), 0);
    assert_non_null(bytes);
    free(bytes);
    reel_doc_free(got);
}

/* Junk: empty, binary, random bytes after an HTML start, NULs, a lone
 * tag. Each is a clean error or a document, never a crash. */
static void test_junk(void **state)
{
    (void)state;
    reel_doc *d = NULL;
    assert_int_equal(reel_read(&d, g_ctx, "", 0, "empty", REEL_FORMAT_HTML),
                     REEL_EFORMAT);
    assert_null(d);
    assert_true(strstr(reel_errmsg(g_ctx), "empty") != NULL);

    unsigned char junk[65536];
    uint32_t x = 2463534242u;
    for (size_t i = 0; i < sizeof junk; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        junk[i] = (unsigned char)x;
    }
    int rc =
        reel_read(&d, g_ctx, (const char *)junk, sizeof junk, "binary", REEL_FORMAT_AUTO);
    assert_int_equal(rc, REEL_EFORMAT);
    assert_null(d);

    /* printable junk after an HTML start: no crash, whatever comes out */
    memcpy(junk, "<html><body>", 12);
    for (size_t i = 12; i < sizeof junk; i++)
        junk[i] = (unsigned char)(0x20 + junk[i] % 0x5f);
    rc = reel_process(&d, g_ctx, (const char *)junk, sizeof junk, "junk",
                      REEL_FORMAT_HTML);
    assert_true(rc == 0 || rc == REEL_EFORMAT);
    reel_doc_free(d);
    d = NULL;

    /* NUL bytes inside a page, past the binary sniffing window */
    buf b;
    buf_init(&b);
    buf_puts(&b, "<html><body><p>");
    for (int i = 0; i < 1000; i++)
        buf_puts(&b, "text before the nul bytes ");
    buf_puts(&b, "</p><p>after");
    buf_append(&b, "\0\0\0", 3);
    buf_puts(&b, " the nul bytes the page goes on.</p></body></html>");
    rc = reel_process(&d, g_ctx, b.data, b.len, "nul", REEL_FORMAT_HTML);
    assert_int_equal(rc, 0);
    assert_true(text_has(d, "text before the nul bytes"));
    reel_doc_free(d);
    d = NULL;
    buf_free(&b);

    /* no text at all */
    rc = reel_read(&d, g_ctx, "<html><body><img src=x></body></html>", 37, "notext",
                   REEL_FORMAT_HTML);
    assert_int_equal(rc, REEL_EFORMAT);
    assert_null(d);
    rc = reel_read(&d, g_ctx, "<", 1, "lt", REEL_FORMAT_HTML);
    assert_int_not_equal(rc, 0);
    assert_null(d);
}

/* ---------------- the development pages ---------------- */

/* Every page of extraction-dev reads, and gives text. */
static void test_extraction_dev(void **state)
{
    (void)state;
    REQUIRE_SHARED();
    char dir[4200];
    snprintf(dir, sizeof dir, "%s/data/extraction-dev/html", shared_dir());
    DIR *dh = opendir(dir);
    if (!dh) {
        fprintf(stderr, "SKIP: %s is absent\n", dir);
        skip();
    }
    struct dirent *e;
    size_t n = 0;
    while ((e = readdir(dh)) != NULL) {
        if (!strstr(e->d_name, ".html")) continue;
        char path[4200 + 260];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        size_t len = 0;
        char *s = slurp(path, &len);
        assert_non_null(s);
        reel_doc *d = read_clean(s, len, REEL_FORMAT_AUTO);
        if (!d || d->text_len < 200)
            fprintf(stderr, "%s: little or no text\n", e->d_name);
        assert_non_null(d);
        assert_true(d->text_len >= 200);
        reel_doc_free(d);
        free(s);
        n++;
    }
    closedir(dh);
    assert_true(n >= 50);
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
        cmocka_unit_test(test_extract_spec),
        cmocka_unit_test(test_filmsite_spec),
        cmocka_unit_test(test_rating_text),
        cmocka_unit_test(test_dropped_blocks_kept_with_reason),
        cmocka_unit_test(test_encodings),
        cmocka_unit_test(test_undeclared_damage),
        cmocka_unit_test(test_meta_og),
        cmocka_unit_test(test_meta_title_site),
        cmocka_unit_test(test_meta_dateline),
        cmocka_unit_test(test_meta_jsonld_review),
        cmocka_unit_test(test_meta_jsonld_graph),
        cmocka_unit_test(test_deep_nesting),
        cmocka_unit_test(test_50mb),
        cmocka_unit_test(test_junk),
        cmocka_unit_test(test_owned),
        cmocka_unit_test(test_extraction_dev),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
