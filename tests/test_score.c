/* test_score.c — explicit scores (src/analyze/score*.c).
 * tests/data/scores.spec holds the cases (our own sentences): each is run
 * through reel_score_parse or analyze_score. Then the seeds through the whole
 * pipeline (which article has which verdict) and rt-dev's printed scores (all parse; the
 * threshold agrees with "fresh"), both skipped with a message when ../shared is absent.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
/* cmocka needs the four headers above first */
#include <cmocka.h>

#include <dirent.h>
#include <math.h>
#include <stdio.h>

#include "internal.h"
#include "textdoc.h"

static const char *src_dir(void)
{
    const char *d = getenv("REEL_SRC");
    return d && *d ? d : ".";
}

static char *slurp(const char *path, size_t *len)
{
    return file_slurp(path, len);
}

/* ---------------- the spec ---------------- */

typedef struct {
    char name[160];
    int is_doc;
    buf input;
    char hint[64];
    int has_hint;
    char title[128]; /* the page's title, when the case gives one */
    int has_title;
    int none;
    char form[16], raw[64];
    int has_form, has_raw, has_value, has_scale, has_score, has_positive;
    double value, scale, score;
    int positive; /* the verdict's side (reel_verdict_positive) */
    int line;
} spec_case;

static void check_case(spec_case *c, int *failures)
{
    reel_score got;
    reel_doc doc;
    int found = 0;
    char why[512] = "";
    memset(&got, 0, sizeof got);
    if (!c->is_doc) {
        int rc = reel_score_parse(&got, c->input.data ? c->input.data : "", c->input.len);
        if (rc != REEL_OK && rc != REEL_ENOTFOUND) snprintf(why, sizeof why, "rc %d", rc);
        found = rc == REEL_OK;
    } else {
        reel_ctx *ctx = NULL;
        assert_int_equal(reel_ctx_new(&ctx), 0);
        assert_int_equal(reel_ctx_load_model(ctx, NULL), 0);
        assert_int_equal(
            textdoc_init(&doc, c->input.data ? c->input.data : "", c->input.len), 0);
        if (c->has_hint) doc.score_hint = c->hint;
        if (c->has_title) doc.title = c->title;
        int rc = analyze_score(ctx, &doc);
        if (rc) snprintf(why, sizeof why, "rc %d: %s", rc, reel_errmsg(ctx));
        reel_ctx_free(ctx);
        got = doc.score;
        found = got.found;
        /* the span, when there is one, is where the raw text is */
        if (found && got.span.end > got.span.start &&
            (got.span.end > doc.text_len ||
             strncmp(doc.text + got.span.start, got.raw, got.span.end - got.span.start) !=
                 0 ||
             strlen(got.raw) != got.span.end - got.span.start))
            snprintf(why, sizeof why, "span [%zu,%zu) does not hold raw '%s'",
                     got.span.start, got.span.end, got.raw);
    }
    if (!*why) {
        if (c->none && found)
            snprintf(why, sizeof why, "expected none, got %s '%s' = %.1f", got.form,
                     got.raw, got.score100);
        else if (!c->none && !found)
            snprintf(why, sizeof why, "expected a score, got none");
        else if (found && c->has_form && strcmp(got.form, c->form) != 0)
            snprintf(why, sizeof why, "form %s, expected %s", got.form, c->form);
        else if (found && c->has_raw && strcmp(got.raw, c->raw) != 0)
            snprintf(why, sizeof why, "raw '%s', expected '%s'", got.raw, c->raw);
        else if (found && c->has_value && fabs(got.value - c->value) > 0.05)
            snprintf(why, sizeof why, "value %g, expected %g", got.value, c->value);
        else if (found && c->has_scale && fabs(got.scale - c->scale) > 0.05)
            snprintf(why, sizeof why, "scale %g, expected %g", got.scale, c->scale);
        else if (found && c->has_score && fabs(got.score100 - c->score) > 0.05)
            snprintf(why, sizeof why, "score %g, expected %g", got.score100, c->score);
        else if (found && c->has_positive &&
                 reel_verdict_positive(got.form, got.value, got.score100) != c->positive)
            snprintf(why, sizeof why, "%s '%s' = %g is %s, expected %s", got.form,
                     got.raw, got.score100, c->positive ? "negative" : "positive",
                     c->positive ? "positive" : "negative");
    }
    if (*why) {
        print_message("scores.spec:%d %s: %s\n", c->line, c->name, why);
        (*failures)++;
    }
    if (c->is_doc)
        textdoc_free(&doc);
    else
        free(got.raw);
}

static void strip_newline(char *line)
{
    size_t n = strlen(line);
    while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
        line[--n] = 0;
}

static void test_spec(void **state)
{
    (void)state;
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/data/scores.spec", src_dir());
    FILE *f = fopen(path, "r");
    if (!f) fail_msg("cannot open %s (set REEL_SRC to the source tree)", path);
    char line[4096];
    spec_case c;
    int in_case = 0, in_text = 0, failures = 0, cases = 0, lineno = 0;
    memset(&c, 0, sizeof c);
    for (;;) {
        char *got = fgets(line, sizeof line, f);
        if (got) {
            lineno++;
            strip_newline(line);
        }
        if (!got || strncmp(line, "=== ", 4) == 0) {
            if (in_case) {
                check_case(&c, &failures);
                cases++;
                buf_free(&c.input);
            }
            if (!got) break;
            memset(&c, 0, sizeof c);
            in_case = 1;
            c.line = lineno;
            c.is_doc = strncmp(line + 4, "doc ", 4) == 0;
            in_text = c.is_doc;
            snprintf(c.name, sizeof c.name, "%.150s", line + 4);
            continue;
        }
        if (!in_case || (!in_text && (line[0] == '#' || line[0] == 0))) continue;
        if (in_text) {
            if (strcmp(line, "---") == 0) {
                in_text = 0;
            } else if (strncmp(line, "hint: ", 6) == 0) {
                snprintf(c.hint, sizeof c.hint, "%.60s", line + 6);
                c.has_hint = 1;
            } else if (strncmp(line, "title: ", 7) == 0) {
                snprintf(c.title, sizeof c.title, "%.120s", line + 7);
                c.has_title = 1;
            } else {
                if (c.input.len) buf_putc(&c.input, '\n');
                buf_puts(&c.input, line);
            }
            continue;
        }
        if (strncmp(line, "input:", 6) == 0)
            buf_puts(&c.input, line[6] == ' ' ? line + 7 : line + 6);
        else if (strcmp(line, "none") == 0)
            c.none = 1;
        else if (sscanf(line, "form: %15s", c.form) == 1)
            c.has_form = 1;
        else if (strncmp(line, "raw: ", 5) == 0)
            c.has_raw = snprintf(c.raw, sizeof c.raw, "%.60s", line + 5) > 0;
        else if (sscanf(line, "value: %lf", &c.value) == 1)
            c.has_value = 1;
        else if (sscanf(line, "scale: %lf", &c.scale) == 1)
            c.has_scale = 1;
        else if (sscanf(line, "score: %lf", &c.score) == 1)
            c.has_score = 1;
        else if (strcmp(line, "positive: yes") == 0 || strcmp(line, "positive: no") == 0)
            c.has_positive = 1, c.positive = line[10] == 'y';
        else
            fail_msg("scores.spec:%d: cannot read '%s'", lineno, line);
    }
    fclose(f);
    print_message("scores.spec: %d cases, %d failed\n", cases, failures);
    assert_true(cases >= 50);
    assert_int_equal(failures, 0);
}

/* ---------------- API edges ---------------- */

static void test_parse_edges(void **state)
{
    (void)state;
    reel_score s;
    assert_int_equal(reel_score_parse(NULL, "8/10", 4), REEL_EINVAL);
    assert_int_equal(reel_score_parse(&s, NULL, 3), REEL_EINVAL);
    assert_int_equal(reel_score_parse(&s, NULL, 0), REEL_ENOTFOUND);
    assert_false(s.found);
    /* a length shorter than the string: only that much is read */
    assert_int_equal(reel_score_parse(&s, "8/10 and more", 4), REEL_OK);
    assert_string_equal(s.raw, "8/10");
    assert_int_equal(s.span.start, 0);
    assert_int_equal(s.span.end, 4);
    free(s.raw);
    /* invalid UTF-8 and NUL bytes are not scores, and not crashes */
    assert_int_equal(reel_score_parse(&s, "\xE2\x98", 2), REEL_ENOTFOUND);
    assert_int_equal(reel_score_parse(&s,
                                      "8/\0"
                                      "10",
                                      5),
                     REEL_ENOTFOUND);
}

static void test_no_text(void **state)
{
    (void)state;
    reel_ctx *ctx = NULL;
    reel_doc doc;
    assert_int_equal(reel_ctx_new(&ctx), 0);
    assert_int_equal(reel_ctx_load_model(ctx, NULL), 0);
    assert_int_equal(textdoc_init(&doc, "", 0), 0);
    assert_int_equal(analyze_score(ctx, &doc), 0);
    assert_false(doc.score.found);
    textdoc_free(&doc);
    reel_ctx_free(ctx);
}

/* ---------------- the seeds ---------------- */

static void test_seeds(void **state)
{
    (void)state;
    static const struct {
        const char *prefix, *form, *raw;
        double score;
    } want[] = {{"000_", NULL, NULL, 0},
                {"001_", "stars", "★★★★☆", 80},
                {"002_", "fraction", "8/10", 80},
                {"003_", "verbal", "Very Good", 80},
                {"004_", NULL, NULL, 0}};
    char dir[1024], path[1400];
    snprintf(dir, sizeof dir, "%s/../shared/seeds", src_dir());
    int checked = 0;
    for (size_t k = 0; k < sizeof want / sizeof *want; k++) {
        /* seed files are named <prefix><hash>.txt: find each by prefix */
        char name[256] = "";
        DIR *d = opendir(dir);
        struct dirent *e;
        while (d && (e = readdir(d)))
            if (strncmp(e->d_name, want[k].prefix, strlen(want[k].prefix)) == 0)
                snprintf(name, sizeof name, "%s", e->d_name);
        if (d) closedir(d);
        if (!*name) continue;
        snprintf(path, sizeof path, "%s/%s", dir, name);
        size_t len = 0;
        char *text = slurp(path, &len);
        assert_non_null(text);
        /* through the whole pipeline: read, clean, segment, analyze */
        reel_ctx *ctx = NULL;
        reel_doc *doc = NULL;
        assert_int_equal(reel_ctx_new(&ctx), 0);
        assert_int_equal(reel_ctx_load_model(ctx, NULL), 0);
        int rc = reel_process(&doc, ctx, text, len, path, REEL_FORMAT_AUTO);
        if (rc) fail_msg("seed %s: %s", name, reel_errmsg(ctx));
        const reel_score *got = &doc->score;
        if (!want[k].form) {
            if (got->found)
                fail_msg("seed %s: expected no score, got '%s'", name, got->raw);
        } else {
            if (!got->found)
                fail_msg("seed %s: expected %s, got none", name, want[k].raw);
            assert_string_equal(got->form, want[k].form);
            assert_string_equal(got->raw, want[k].raw);
            assert_true(fabs(got->score100 - want[k].score) < 0.05);
            assert_true(got->span.end <= doc->text_len);
            assert_int_equal(got->span.end - got->span.start, strlen(want[k].raw));
            assert_memory_equal(doc->text + got->span.start, want[k].raw,
                                strlen(want[k].raw));
        }
        reel_doc_free(doc);
        reel_ctx_free(ctx);
        free(text);
        checked++;
    }
    if (checked == 0) {
        print_message("SKIP: %s is absent (shared seeds are not in this checkout)\n",
                      dir);
        skip();
    }
    assert_int_equal(checked, 5);
}

/* ---------------- rt-dev: every printed score parses ---------------- */

static void test_rt_dev(void **state)
{
    (void)state;
    char path[1100];
    snprintf(path, sizeof path, "%s/../shared/data/rt-dev/rt_critics.tsv", src_dir());
    FILE *f = fopen(path, "r");
    if (!f) {
        print_message("SKIP: %s is absent (shared data is not in this checkout)\n", path);
        skip();
    }
    char *line = NULL;
    size_t cap = 0;
    long scored = 0, parsed = 0, agree = 0;
    while (getline(&line, &cap, f) > 0) {
        char *field[8];
        char *p = line;
        int nf = 0;
        for (; nf < 8 && p; nf++) {
            field[nf] = p;
            p = strchr(p, '\t');
            if (p) *p++ = 0;
        }
        if (nf < 7 || !*field[5]) continue;
        scored++;
        reel_score s;
        if (reel_score_parse(&s, field[5], strlen(field[5])) != REEL_OK) {
            print_message("rt-dev: '%s' does not parse\n", field[5]);
            continue;
        }
        parsed++;
        agree +=
            reel_verdict_positive(s.form, s.value, s.score100) == (field[4][0] == '1');
        free(s.raw);
    }
    free(line);
    fclose(f);
    print_message("rt-dev: %ld scored rows, %ld parsed, agreement with fresh %.2f%%\n",
                  scored, parsed, 100.0 * agree / (parsed ? parsed : 1));
    assert_true(scored > 0);
    assert_int_equal(parsed, scored);
    assert_true(agree >= 0.94 * parsed);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_spec),    cmocka_unit_test(test_parse_edges),
        cmocka_unit_test(test_no_text), cmocka_unit_test(test_seeds),
        cmocka_unit_test(test_rt_dev),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
