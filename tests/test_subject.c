/* test_subject.c — the subject film (src/analyze/subject*.c).
 * tests/data/subject.spec holds the cases (our own sentences): each article
 * goes through the whole pipeline as plain text, as real articles do, and
 * its subject is compared by film key. Then the pieces alone: the title
 * forms one line prints, and what a name's words say against it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
/* cmocka needs the four headers above first */
#include <cmocka.h>

#include <stdio.h>

#include "analyze/subject.h"
#include "internal.h"

static const char *src_dir(void)
{
    const char *d = getenv("REEL_SRC");
    return d && *d ? d : ".";
}

typedef struct {
    char name[200];
    char url[300], title[300];
    int html; /* "format: html": the input is a page, read as one */
    buf input;
    char want[200];
    int line;
} spec_case;

static int run_case(reel_ctx *ctx, spec_case *c)
{
    reel_doc *doc = NULL;
    int rc = reel_read(&doc, ctx, c->input.data ? c->input.data : "", c->input.len,
                       c->name, c->html ? REEL_FORMAT_HTML : REEL_FORMAT_TEXT);
    if (!rc && *c->url) doc->url = arena_strdup(doc->arena, c->url);
    if (!rc && *c->title) doc->title = arena_strdup(doc->arena, c->title);
    if (!rc) rc = reel_clean(ctx, doc);
    if (!rc) rc = reel_segment(ctx, doc);
    if (!rc) rc = reel_analyze(ctx, doc);
    int ok = 0;
    const char *got = doc && doc->subject.title ? doc->subject.title : NULL;
    if (rc) {
        print_message("subject.spec:%d %s: rc %d\n", c->line, c->name, rc);
    } else if (!strcmp(c->want, "none")) {
        ok = got == NULL;
    } else if (got) {
        char *a = reel_film_key(c->want, strlen(c->want));
        char *b = reel_film_key(got, strlen(got));
        ok = a && b && !strcmp(a, b);
        free(a);
        free(b);
    }
    if (!rc && !ok)
        print_message("subject.spec:%d %s: got '%s', want '%s'\n", c->line, c->name,
                      got ? got : "(none)", c->want);
    reel_doc_free(doc);
    return ok;
}

static void test_spec(void **state)
{
    (void)state;
    char path[4200];
    snprintf(path, sizeof path, "%s/tests/data/subject.spec", src_dir());
    FILE *f = fopen(path, "r");
    if (!f) fail_msg("cannot open %s", path);
    reel_ctx *ctx = NULL;
    assert_int_equal(reel_ctx_new(&ctx), 0);
    assert_int_equal(reel_ctx_load_model(ctx, NULL), 0);
    spec_case c;
    memset(&c, 0, sizeof c);
    buf_init(&c.input);
    char line[4096];
    int lineno = 0, cases = 0, failures = 0, in_body = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        size_t n = strlen(line);
        if (n && line[n - 1] == '\n') line[--n] = 0;
        if (!strncmp(line, "=== ", 4)) {
            buf_free(&c.input);
            memset(&c, 0, sizeof c);
            buf_init(&c.input);
            snprintf(c.name, sizeof c.name, "%.150s", line + 4);
            c.line = lineno;
            in_body = 1;
            continue;
        }
        if (in_body) {
            if (!strcmp(line, "---")) {
                in_body = 0;
            } else if (!c.input.len && !strncmp(line, "url: ", 5)) {
                snprintf(c.url, sizeof c.url, "%.250s", line + 5);
            } else if (!c.input.len && !strcmp(line, "format: html")) {
                c.html = 1;
            } else if (!c.input.len && !strncmp(line, "title: ", 7)) {
                snprintf(c.title, sizeof c.title, "%.250s", line + 7);
            } else {
                buf_append(&c.input, line, n);
                buf_putc(&c.input, '\n');
            }
            continue;
        }
        if (!strncmp(line, "subject: ", 9)) {
            snprintf(c.want, sizeof c.want, "%.150s", line + 9);
            cases++;
            failures += !run_case(ctx, &c);
            continue;
        }
        if (n && line[0] != '#')
            fail_msg("subject.spec:%d: cannot read '%s'", lineno, line);
    }
    fclose(f);
    buf_free(&c.input);
    reel_ctx_free(ctx);
    print_message("subject.spec: %d cases, %d failed\n", cases, failures);
    assert_true(cases >= 25);
    assert_int_equal(failures, 0);
}

/* The forms one line prints, and what each is worth. */
static void test_line_forms(void **state)
{
    (void)state;
    static const struct {
        const char *line;
        int top;
        const char *want; /* the strong title, or NULL for none */
    } cases[] = {
        {"Paper Lanterns review: a ghost story", 0, "Paper Lanterns"},
        {"Review: Paper Lanterns", 0, "Paper Lanterns"},
        {"'Paper Lanterns' Movie Review", 0, "Paper Lanterns"},
        {"Paper Lanterns \xE2\x80\x93 Film Review", 0, "Paper Lanterns"},
        {"Paper Lanterns (2020)", 0, "Paper Lanterns"},
        {"Paper Lanterns (3 stars)", 0, "Paper Lanterns"},
        {"Film: Paper Lanterns", 0, "Paper Lanterns"},
        {"Title Paper Lanterns", 0, "Paper Lanterns"},
        {"Paper Lanterns Cast: Ana Reis, Rui Lopes", 0, "Paper Lanterns"},
        {"Festival 2021: Paper Lanterns review \xE2\x80\x93 a delight", 0,
         "Paper Lanterns"},
        {"\xE2\x80\x98Paper Lanterns\xE2\x80\x99 Review: Ana Reis Stars in a Ghost Story",
         0, "Paper Lanterns"},
        {"'Paper Lanterns': Film Review", 0, "Paper Lanterns"},
        {"Review | Paper Lanterns", 0, "Paper Lanterns"},
        {"PAPER LANTERNS Review", 0, "PAPER LANTERNS"},
        {"Paper Lanterns movie review & film summary (2020)", 0, "Paper Lanterns"},
        {"Paper Lanterns (2020) - Movie Review", 0, "Paper Lanterns"},
        /* chrome: none of these is a title */
        {"This review may contain spoilers from Paper Lanterns", 0, NULL},
        {"Get all the details from our movie review.", 0, NULL},
        {"Year Released: 2019", 1, NULL},
        {"Director: Ana Reis", 1, NULL},
        {"Share this story", 1, NULL},
        {"Rating: 4 out of 5", 1, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        line_title lt[8];
        size_t n = subject_line_titles(cases[i].line, strlen(cases[i].line), cases[i].top,
                                       lt, 8);
        const char *got = NULL;
        size_t got_len = 0;
        for (size_t k = 0; k < n; k++)
            if (lt[k].strong) {
                got = cases[i].line + lt[k].start;
                got_len = lt[k].end - lt[k].start;
                break;
            }
        if (!cases[i].want) {
            if (got)
                fail_msg("'%s': got '%.*s', want none", cases[i].line, (int)got_len, got);
            continue;
        }
        if (!got || got_len != strlen(cases[i].want) ||
            memcmp(got, cases[i].want, got_len))
            fail_msg("'%s': got '%.*s', want '%s'", cases[i].line, (int)got_len,
                     got ? got : "", cases[i].want);
    }
}

/* The names model (models/names.model, compiled in): sorted, so every
 * name is found by the binary search; names used as given names are in,
 * given names that are mostly common words ("will", "hope") are not. */
static void test_names_model(void **state)
{
    (void)state;
    assert_true(subject_names_model_n > 500);
    for (size_t i = 0; i < subject_names_model_n; i++) {
        if (i)
            assert_true(strcmp(subject_names_model[i - 1], subject_names_model[i]) < 0);
        const char *w = subject_names_model[i];
        assert_true(subject_first_name(w, strlen(w)));
    }
    static const char *const names[] = {"jordan",   "frances", "denis",
                                        "jennifer", "tom",     NULL};
    for (const char *const *w = names; *w; w++)
        assert_true(subject_first_name(*w, strlen(*w)));
    static const char *const words[] = {"will", "hope", "may",  "faith", "guy",
                                        "art",  "joy",  "dune", "",      NULL};
    for (const char *const *w = words; *w; w++)
        assert_false(subject_first_name(*w, strlen(*w)));
}

/* What a name's own words say: person, award, company, place, label. */
static void test_not_film(void **state)
{
    (void)state;
    static const struct {
        const char *key;
        int want;
    } cases[] = {
        {"jordan peele", NOT_FILM_PERSON},
        {"queen anne", NOT_FILM_PERSON},
        {"aaron tate", NOT_FILM_PERSON}, /* the list's ends: it is searched sorted */
        {"zoe nagy", NOT_FILM_PERSON},
        {"lena hart", NOT_FILM_PERSON},
        {"oscar for best picture", NOT_FILM_AWARD},
        {"golden globes", NOT_FILM_AWARD},
        {"best supporting actress", NOT_FILM_AWARD},
        {"a24", NOT_FILM_COMPANY},
        {"searchlight pictures", NOT_FILM_COMPANY},
        {"irish", NOT_FILM_PLACE},
        {"japanese", NOT_FILM_PLACE},
        {"osage nation", NOT_FILM_PLACE},
        {"set in miami", NOT_FILM_PLACE},
        {"year released", NOT_FILM_LABEL},
        {"written by", NOT_FILM_LABEL},
        {"sunday", NOT_FILM_LABEL},
        /* films whose words look like the above are still films */
        {"best years of our lives", NOT_FILM_NONE},
        {"lion king", NOT_FILM_NONE},
        {"social network", NOT_FILM_NONE},
        {"modern times", NOT_FILM_NONE},
        {"killers of flower moon", NOT_FILM_NONE},
        {"frances ha and the others", NOT_FILM_NONE},
        {"mad max fury road", NOT_FILM_NONE},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        int got = subject_not_film(cases[i].key);
        if (got != cases[i].want)
            fail_msg("'%s': got %d, want %d", cases[i].key, got, cases[i].want);
    }
}

/* What an HTML page says about its film before its text does: a JSON-LD
 * Movie, the og:title in a reader's form, the canonical URL's slug. */
static void test_html_metadata(void **state)
{
    (void)state;
    static const struct {
        const char *html, *want;
    } cases[] = {
        {"<html><head><script type=\"application/ld+json\">{\"@context\": "
         "\"https://schema.org\", \"@type\": \"Movie\", \"name\": \"The Tin Lantern\"}"
         "</script></head><body><p>Director Ola Berg spent six years on this. The story "
         "follows "
         "a lamplighter and his daughter through a long winter, and Mona Hill is "
         "wonderful as the "
         "girl. Everything about it is made with care.</p></body></html>",
         "The Tin Lantern"},
        {"<html><head><meta property=\"og:title\" content=\"Review: Salt and "
         "Ash\"></head>"
         "<body><h1>Review: Salt and Ash</h1><p>Few films this year are so patient. Ines "
         "Rocha "
         "plays a fisherman's widow who will not sell her boat, and the director Tiago "
         "Mendes "
         "lets every scene breathe. It is a film about weather and grief and "
         "stubbornness, and "
         "it is very good.</p></body></html>",
         "Salt and Ash"},
        {"<html><head><link rel=\"canonical\" href=\"https://example.org/reviews/"
         "the-quiet-orchard-review\"></head><body><p>The Quiet Orchard opens with a long "
         "shot "
         "of a field. Mira Stone plays a farmer who takes in a stranger, and The Quiet "
         "Orchard "
         "slowly turns into a thriller. Mr Dale is fine in a small part. The film is too "
         "long, "
         "but the last twenty minutes are superb.</p></body></html>",
         "The Quiet Orchard"},
    };
    reel_ctx *ctx = NULL;
    assert_int_equal(reel_ctx_new(&ctx), 0);
    assert_int_equal(reel_ctx_load_model(ctx, NULL), 0);
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        reel_doc *doc = NULL;
        assert_int_equal(reel_process(&doc, ctx, cases[i].html, strlen(cases[i].html),
                                      "case", REEL_FORMAT_HTML),
                         0);
        const char *got = doc->subject.key;
        char *want = reel_film_key(cases[i].want, strlen(cases[i].want));
        if (!got || strcmp(got, want))
            fail_msg("html case %zu: got '%s', want '%s'", i, got ? got : "(none)", want);
        free(want);
        reel_doc_free(doc);
    }
    reel_ctx_free(ctx);
}

/* Hostile shapes for the line forms and the candidate passes: many
 * "review" words, quotes and colons on short lines, many names joined by
 * "for" and ":". Linear code gets through them at once; a quadratic pass
 * over candidates would not finish within the test's timeout. */
static void test_pathological(void **state)
{
    (void)state;
    buf b;
    buf_init(&b);
    for (int i = 0; i < 3000; i++) {
        buf_puts(&b, "reviewx reviewx Review: review | Review review: 'A' review\n\n");
        buf_puts(&b, "\xE2\x80\x98"
                     "Ab\xE2\x80\x99 \xE2\x80\x98"
                     "Cd\xE2\x80\x99 Ab: Cd: Ef: Gh (2019) (4 stars)\n\n");
        char line[160];
        snprintf(line, sizeof line,
                 "Name%d Person%d for Title%d: Part%d with Other%d by Some%d.\n\n", i, i,
                 i, i, i, i);
        buf_puts(&b, line);
    }
    assert_false(b.oom);
    reel_ctx *ctx = NULL;
    assert_int_equal(reel_ctx_new(&ctx), 0);
    assert_int_equal(reel_ctx_load_model(ctx, NULL), 0);
    reel_doc *doc = NULL;
    assert_int_equal(reel_process(&doc, ctx, b.data, b.len, "hostile", REEL_FORMAT_TEXT),
                     0);
    reel_doc_free(doc);
    reel_ctx_free(ctx);
    buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_spec),        cmocka_unit_test(test_line_forms),
        cmocka_unit_test(test_not_film),    cmocka_unit_test(test_html_metadata),
        cmocka_unit_test(test_names_model), cmocka_unit_test(test_pathological),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
