/* test_pipeline.c — reading, cleaning, subject and kind over our own
 * fixtures (text readers, boilerplate, metadata lines, encodings) and over
 * the seeds in ../shared (skipped loudly when absent). */
#include "helpers.h"

#include <jansson.h>
#include <math.h>

static reel_ctx *g_ctx;

/* The record written part by part (sentences and blocks one at a time,
 * the text escaped piece by piece, to keep a large page's memory bounded)
 * is byte for byte the dump of the whole tree, with and without the text. */
static void record_parts_same(const char *in)
{
    reel_doc *d = process_str(g_ctx, in, REEL_FORMAT_AUTO);
    assert_non_null(d);
    assert_true(d->n_sentences >= 3);
    for (int with_text = 0; with_text <= 1; with_text++) {
        char *parts = NULL;
        assert_int_equal(reel_record_to_json(&parts, g_ctx, d, with_text), 0);
        json_t *r = record_build(d, with_text);
        char *whole = json_dumps(r, REEL_JSON_FLAGS | JSON_PRESERVE_ORDER);
        json_decref(r);
        assert_string_equal(parts, whole);
        free(parts);
        free(whole);
    }
    reel_doc_free(d);
}

static void test_record_parts(void **state)
{
    (void)state;
    record_parts_same("Review: Parasite\n\nBong Joon-ho's Parasite (2019) is \"sharp and "
                      "funny\", says one critic. It is not dull.\n\nSong Kang-ho stars. "
                      "A boilerplate line follows.\n\nShare this: Facebook Twitter\n");
    /* a text of several pieces whose cuts fall inside characters (four-byte
     * ones mostly), with quotes and backslashes */
    int inside = 0;
    for (int shift = 0; shift < 4; shift++) {
        buf b;
        buf_init(&b);
        buf_printf(&b, "Review: Amélie\n\n%.*s", shift, "xyz");
        for (int k = 0; b.len < 200000; k++)
            buf_printf(&b,
                       "\xF0\x9F\x8E\xAC\xF0\x9F\x8E\xAC\xF0\x9F\x8E\xAC\xF0\x9F\x8E\xAC "
                       "Amélie’s “café” \\ \"%d\".\n\n",
                       k);
        reel_doc *d = process_str(g_ctx, b.data, REEL_FORMAT_AUTO);
        assert_non_null(d);
        for (size_t at = 65536; at < d->text_len; at += 65536)
            inside += ((unsigned char)d->text[at] & 0xC0) == 0x80;
        reel_doc_free(d);
        record_parts_same(b.data);
        buf_free(&b);
    }
    assert_true(inside > 0);
}

/* The same with the numbers jansson writes in its own way: whole numbers
 * (".0"), exponents ("1e20", "1e-5" without '+' or zeros), minus zero,
 * and what is not finite (null); headings' levels too. */
static void test_record_parts_numbers(void **state)
{
    (void)state;
    static const double v[] = {0.0,
                               -0.0,
                               1.0,
                               0.5,
                               0.12345,
                               0.00005,
                               0.00004,
                               2.0e-3,
                               1.0e20,
                               -3.25e9,
                               123456789.123456,
                               7.0e15,
                               NAN,
                               INFINITY,
                               0.9999,
                               0.99995,
                               0.001,
                               0.1,
                               0.25,
                               0.3333333,
                               0.0123,
                               1.5,
                               10000.0};
    const size_t nv = sizeof v / sizeof *v;
    const char *in = "Heading\n\nOne sentence here. Two sentences here. Three here.\n\n"
                     "A second paragraph. And more.\n";
    reel_doc *d = process_str(g_ctx, in, REEL_FORMAT_AUTO);
    assert_non_null(d);
    assert_true(d->n_sentences >= 2 && d->n_blocks >= 2);
    for (size_t k = 0; k < nv; k++) {
        for (size_t i = 0; i < d->n_sentences; i++)
            d->sentences[i].polarity = v[(k + i) % nv];
        for (size_t i = 0; i < d->n_blocks; i++) {
            d->blocks[i].link_density = v[(k + 3 * i) % nv];
            d->blocks[i].level = (int)((k + i) % 3);
        }
        char *parts = NULL;
        assert_int_equal(reel_record_to_json(&parts, g_ctx, d, 1), 0);
        json_t *r = record_build(d, 1);
        char *whole = json_dumps(r, REEL_JSON_FLAGS | JSON_PRESERVE_ORDER);
        json_decref(r);
        assert_string_equal(parts, whole);
        free(parts);
        free(whole);
    }
    reel_doc_free(d);
}

/* Dropped blocks keep their text in the record: quotes, backslashes and
 * control bytes escaped as jansson escapes them, UTF-8 as it is, and a
 * text jansson refuses (overlong, surrogate, past U+10FFFF, cut short)
 * left out as it leaves it out. */
static void test_record_parts_dropped_text(void **state)
{
    (void)state;
#define T(x)                                                                             \
    {                                                                                    \
        x, sizeof x - 1                                                                  \
    }
    static const char nul[] = "a\0b";
    static const struct {
        const char *s;
        size_t n;
    } texts[] = {
        T("plain words"),
        T("say \"no\" \\ back / slash"),
        T("\x01\x1f\t\n\r\b\f\x7f end"),
        T(nul),
        T("caf\xC3\xA9 \xE2\x98\x85 \xF0\x9F\x8E\xAC"),
        T("\xC0\x80"),
        T("\xED\xA0\x80"),
        T("\xF4\x90\x80\x80"),
        T("cut \xE2\x82"),
        T(""),
    };
#undef T
    const size_t nt = sizeof texts / sizeof *texts;
    const char *in = "Heading\n\nOne sentence here. Two sentences here.\n\n"
                     "A second paragraph. And more.\n\nA third one.\n";
    reel_doc *d = process_str(g_ctx, in, REEL_FORMAT_AUTO);
    assert_non_null(d);
    assert_true(d->n_blocks >= 2);
    reel_block saved = d->blocks[0];
    for (size_t k = 0; k < nt; k++) {
        d->blocks[0].boilerplate = 1;
        d->blocks[0].reason = k % 2 ? "boilerplate \"quoted\"" : NULL;
        d->blocks[0].text = (char *)texts[k].s;
        d->blocks[0].len = texts[k].n;
        char *parts = NULL;
        assert_int_equal(reel_record_to_json(&parts, g_ctx, d, 1), 0);
        json_t *r = record_build(d, 1);
        char *whole = json_dumps(r, REEL_JSON_FLAGS | JSON_PRESERVE_ORDER);
        json_decref(r);
        assert_string_equal(parts, whole);
        free(parts);
        free(whole);
    }
    d->blocks[0] = saved;
    reel_doc_free(d);
}

static int text_has(const reel_doc *d, const char *s)
{
    return d->text && memmem(d->text, d->text_len, s, strlen(s)) != NULL;
}

static void test_text_structure(void **state)
{
    (void)state;
    const char *in = "The Daily Frame\n\nReview: Parasite\n\nBy Ann Other\n\n"
                     "Bong Joon-ho's Parasite (2019) is a\nsharp, wrapped\nparagraph.\n\n"
                     "• first item\n• second item\n\nLeave a Comment:\n";
    reel_doc *d = process_str(g_ctx, in, REEL_FORMAT_AUTO);
    assert_non_null(d);
    assert_string_equal(d->outlet, "The Daily Frame");
    assert_string_equal(d->title, "Review: Parasite");
    assert_true(text_has(d, "is a sharp, wrapped paragraph."));
    assert_false(text_has(d, "Leave a Comment"));
    size_t items = 0;
    for (size_t i = 0; i < d->n_blocks; i++)
        if (d->blocks[i].kind == REEL_BLOCK_LIST_ITEM) items++;
    assert_int_equal(items, 2);
    assert_non_null(d->subject.title);
    assert_string_equal(d->subject.key, "parasite");
    assert_int_equal(d->subject.year, 2019);
    reel_doc_free(d);
}

static void test_date_line(void **state)
{
    (void)state;
    reel_doc *d =
        process_str(g_ctx, " date 2019-11-27 The director talks.", REEL_FORMAT_TEXT);
    assert_non_null(d);
    assert_string_equal(d->date, "2019-11-27");
    assert_false(text_has(d, "date 2019"));
    reel_doc_free(d);
    d = process_str(g_ctx, "Published: October 4, 2019\n\nText here.", REEL_FORMAT_TEXT);
    assert_non_null(d);
    assert_string_equal(d->date, "2019-10-04");
    reel_doc_free(d);
}

static void test_boilerplate(void **state)
{
    (void)state;
    const char *in =
        "A real paragraph about the film and its long, slow pleasures.\n\n"
        "Parasite — Photo: Neon\n\n"
        "Support Our Journalism\n\n"
        "Please consider a membership: for $5 a month you support our newsletter and "
        "get member perks.\n\n"
        "Share this on Facebook\n\nAll rights reserved. Privacy Policy\n";
    reel_doc *d = process_str(g_ctx, in, REEL_FORMAT_TEXT);
    assert_non_null(d);
    assert_true(text_has(d, "long, slow pleasures"));
    assert_false(text_has(d, "Photo:"));
    assert_false(text_has(d, "Journalism"));
    assert_false(text_has(d, "membership"));
    assert_false(text_has(d, "Facebook"));
    assert_false(text_has(d, "Privacy"));
    reel_doc_free(d);
}

static void test_encodings(void **state)
{
    (void)state;
    /* Windows-1252: é as 0xE9, curly quotes as 0x93/0x94 */
    const char cp[] = "C\xE9line Sciamma\x92s film is \x93superb\x94.";
    reel_doc *d = NULL;
    assert_int_equal(reel_process(&d, g_ctx, cp, sizeof cp - 1, "cp", REEL_FORMAT_TEXT),
                     0);
    assert_string_equal(d->encoding, "windows-1252");
    assert_true(text_has(d, "Céline Sciamma’s film is “superb”."));
    reel_doc_free(d);
    /* UTF-8 with one broken byte: repaired and counted */
    const char bad[] = "Almodóvar\xFF film is lovely and very long indeed.";
    assert_int_equal(
        reel_process(&d, g_ctx, bad, sizeof bad - 1, "bad", REEL_FORMAT_TEXT), 0);
    assert_int_equal(d->repaired, 1);
    assert_true(utf8_valid(d->text, d->text_len));
    reel_doc_free(d);
    /* NFC: e + combining acute becomes é */
    d = process_str(g_ctx, "Pene\xCC\x81lope Cruz shines.", REEL_FORMAT_TEXT);
    assert_true(text_has(d, "Penélope"));
    reel_doc_free(d);
}

static void test_bad_input(void **state)
{
    (void)state;
    reel_doc *d = NULL;
    assert_int_equal(reel_process(&d, g_ctx, "", 0, "empty", REEL_FORMAT_AUTO),
                     REEL_EFORMAT);
    assert_non_null(strstr(reel_errmsg(g_ctx), "empty"));
    const char bin[] = "\x7f"
                       "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0";
    assert_int_equal(
        reel_process(&d, g_ctx, bin, sizeof bin - 1, "bin", REEL_FORMAT_AUTO),
        REEL_EFORMAT);
    assert_non_null(strstr(reel_errmsg(g_ctx), "binary"));
    assert_null(d);
    assert_int_equal(reel_process(&d, g_ctx, "  \n\n \n", 6, "blank", REEL_FORMAT_TEXT),
                     REEL_EFORMAT);
}

/* reel_process_doc after reel_read is reel_process, record for record; on
 * error the document is still the caller's, whole, to free once. */
static void test_process_doc(void **state)
{
    (void)state;
    const char *page = "<html><head><title>Okja review</title></head><body><article>"
                       "<h1>Okja review</h1><p>Bong Joon-ho's Okja (2017) is a "
                       "tender and furious film about a girl and her giant pig.</p>"
                       "<p>Rating: 4/5</p></article><p>Share this: Facebook</p>"
                       "</body></html>";
    reel_doc *whole = NULL, *step = NULL;
    assert_int_equal(
        reel_process(&whole, g_ctx, page, strlen(page), "okja.html", REEL_FORMAT_AUTO),
        0);
    assert_int_equal(
        reel_read(&step, g_ctx, page, strlen(page), "okja.html", REEL_FORMAT_AUTO), 0);
    assert_int_equal(reel_process_doc(g_ctx, step), 0);
    char *a = NULL, *b = NULL;
    assert_int_equal(reel_record_to_json(&a, g_ctx, whole, 1), 0);
    assert_int_equal(reel_record_to_json(&b, g_ctx, step, 1), 0);
    assert_string_equal(a, b);
    free(a);
    free(b);
    reel_doc_free(whole);
    reel_doc_free(step);

    /* a model named but missing fails the analysis step, not the read */
    char missing[4200];
    snprintf(missing, sizeof missing, "%s/no-such.model", src_dir());
    assert_int_equal(setenv("REEL_MODEL", missing, 1), 0);
    reel_ctx *ctx = NULL;
    assert_int_equal(reel_ctx_new(&ctx), 0);
    const char *text = "Okja is a wonderful, moving and funny film. I loved it.";
    assert_int_equal(reel_read(&step, ctx, text, strlen(text), "r.txt", REEL_FORMAT_TEXT),
                     0);
    assert_int_equal(reel_process_doc(ctx, step), REEL_EMODEL);
    assert_string_equal(step->source, "r.txt");
    reel_doc_free(step);
    reel_ctx_free(ctx);
    assert_int_equal(unsetenv("REEL_MODEL"), 0);
}

static void test_subject_vs_mentions(void **state)
{
    (void)state;
    const char *in =
        "After Memories of Murder and the film Snowpiercer, director Bong Joon-ho "
        "returns "
        "with Parasite. Parasite follows the Kim family. In Parasite, Song Kang-ho plays "
        "Kim Ki-taek, and he says little. Bong says Parasite is his angriest film.";
    reel_doc *d = process_str(g_ctx, in, REEL_FORMAT_TEXT);
    assert_non_null(d);
    assert_non_null(d->subject.key);
    assert_string_equal(d->subject.key, "parasite");
    int snow = 0;
    for (size_t i = 0; i < d->n_mentions; i++)
        if (!strcmp(d->mentions[i].key, "snowpiercer")) snow = 1;
    assert_true(snow);
    reel_doc_free(d);
}

/* A long story with no film talk names no film, however often a name
 * recurs in it; the same names beside film talk do make one the subject. */
static void test_no_film_talk_no_subject(void **state)
{
    (void)state;
    buf b;
    buf_init(&b);
    buf_puts(&b, "Harbour Council approves new ferry terminal\n\n");
    for (int i = 0; i < 12; i++)
        buf_printf(
            &b,
            "Members of the Harbour Council voted on Tuesday to fund the terminal, "
            "and the Port Authority said work at Kestrel Point would begin in "
            "spring. Kestrel Point has waited %d years for a new landing, and "
            "a petition hit Kestrel Point Harbour this week. ",
            10 + i);
    reel_doc *d = process_str(g_ctx, b.data, REEL_FORMAT_TEXT);
    assert_non_null(d);
    assert_null(d->subject.title);
    assert_int_equal(d->n_mentions, 0);
    reel_doc_free(d);
    /* a film named with its own marks still counts: "the film X (2019)" */
    buf_puts(&b,
             "Locals will remember the film Kestrel Point (2019), shot on the quay. ");
    d = process_str(g_ctx, b.data, REEL_FORMAT_TEXT);
    assert_non_null(d);
    assert_non_null(d->subject.key);
    assert_string_equal(d->subject.key, "kestrel point");
    reel_doc_free(d);
    buf_free(&b);
}

/* A long review naming over a hundred people (the candidate set grows
 * through several rehashes) still finds its film and counts every mention
 * of it. */
static void test_subject_among_many_names(void **state)
{
    (void)state;
    static const char *const first[] = {"Alma",  "Bruno", "Clara", "Dario", "Elena",
                                        "Fabio", "Greta", "Hugo",  "Irene", "Jonas"};
    static const char *const last[] = {"Abbott", "Barros", "Castell", "Dunmore",
                                       "Eberly", "Falk",   "Gosse",   "Harlan",
                                       "Ivers",  "Jessup", "Kovac",   "Lindqvist"};
    buf b;
    buf_init(&b);
    buf_puts(&b, "The film Quiet Harbour opens with a long shot of the sea. ");
    int n = 0;
    for (size_t i = 0; i < 10; i++)
        for (size_t j = 0; j < 12; j++, n++) {
            buf_printf(&b, "%s %s plays a neighbour in Quiet Harbour. ", first[i],
                       last[j]);
            if (n % 40 == 0) buf_puts(&b, "The movie never hurries. ");
        }
    reel_doc *d = process_str(g_ctx, b.data, REEL_FORMAT_TEXT);
    assert_non_null(d);
    assert_non_null(d->subject.key);
    assert_string_equal(d->subject.key, "quiet harbour");
    assert_int_equal(d->subject.mentions, 121);
    reel_doc_free(d);
    buf_free(&b);
}

/* A verdict line is neither the headline nor the film ("Grade: A"). */
static void test_verdict_line_not_title(void **state)
{
    (void)state;
    reel_doc *d = process_str(
        g_ctx, "A fine, sharp film about two families.\n\nGrade: A\n", REEL_FORMAT_TEXT);
    assert_non_null(d);
    assert_null(d->title);
    assert_null(d->subject.title);
    reel_doc_free(d);
}

static void test_kind_rules(void **state)
{
    (void)state;
    reel_doc *d = process_str(
        g_ctx,
        "Interview: Céline Sciamma\n\n\"I wanted the gaze to be shared,\" Sciamma says. "
        "She tells us the shoot was short. \"We rehearsed little,\" she explains. "
        "\"The sea was cold,\" she recalls, laughing.",
        REEL_FORMAT_TEXT);
    assert_int_equal(d->kind, REEL_KIND_INTERVIEW);
    reel_doc_free(d);
    d = process_str(g_ctx,
                    "Watch the new trailer\n\nThe studio announced today that the film "
                    "arrives on Blu-ray and DVD on March 3, with special features and a "
                    "4K edition available for pre-order.",
                    REEL_FORMAT_TEXT);
    assert_int_equal(d->kind, REEL_KIND_NEWS);
    reel_doc_free(d);
}

/* The seeds: one film, kinds interview, review x3, news; no boilerplate. */
static void test_seeds(void **state)
{
    (void)state;
    REQUIRE_SHARED();
    static const struct {
        const char *file;
        reel_kind kind;
    } want[] = {{"000_301585d02438b6ef.txt", REEL_KIND_INTERVIEW},
                {"001_7e8294aa730ccb85.txt", REEL_KIND_REVIEW},
                {"002_99f94a31965ac140.txt", REEL_KIND_REVIEW},
                {"003_e6441d7339a65493.txt", REEL_KIND_REVIEW},
                {"004_eb9ff4351c88c7ea.txt", REEL_KIND_NEWS}};
    for (size_t i = 0; i < 5; i++) {
        char path[4200];
        snprintf(path, sizeof path, "%s/seeds/%s", shared_dir(), want[i].file);
        reel_doc *d = process_file(g_ctx, path);
        assert_non_null(d);
        if (d->kind != want[i].kind)
            fprintf(stderr, "%s: kind %s\n", want[i].file, reel_kind_name(d->kind));
        assert_int_equal(d->kind, want[i].kind);
        assert_non_null(d->subject.key);
        assert_string_equal(d->subject.key, "pain and glory");
        assert_false(text_has(d, "Leave a Comment"));
        assert_false(text_has(d, "Support Metro Weekly"));
        assert_false(text_has(d, "membership"));
        if (i == 0) assert_string_equal(d->date, "2019-11-27");
        if (i == 3) {
            /* films merely mentioned are not the subject */
            for (size_t m = 0; m < d->n_mentions; m++)
                assert_string_not_equal(d->mentions[m].key, "pain and glory");
        }
        reel_doc_free(d);
    }
}

int main(void)
{
    reel_ctx_new(&g_ctx);
    reel_ctx_load_model(g_ctx, NULL);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_structure),
        cmocka_unit_test(test_record_parts),
        cmocka_unit_test(test_record_parts_numbers),
        cmocka_unit_test(test_record_parts_dropped_text),
        cmocka_unit_test(test_date_line),
        cmocka_unit_test(test_boilerplate),
        cmocka_unit_test(test_encodings),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_process_doc),
        cmocka_unit_test(test_subject_vs_mentions),
        cmocka_unit_test(test_kind_rules),
        cmocka_unit_test(test_seeds),
        cmocka_unit_test(test_verdict_line_not_title),
        cmocka_unit_test(test_no_film_talk_no_subject),
        cmocka_unit_test(test_subject_among_many_names),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    reel_ctx_free(g_ctx);
    return rc;
}
