/* test_kind.c — article kind (src/analyze/kind.c).
 * tests/data/kind.spec holds the cases (our own sentences): each article is
 * run through the whole pipeline as plain text and its kind compared with
 * the one the case names. A failing case prints its name and the kind read.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
/* cmocka needs the four headers above first */
#include <cmocka.h>

#include <stdio.h>

#include "internal.h"

static const char *src_dir(void)
{
    const char *d = getenv("REEL_SRC");
    return d && *d ? d : ".";
}

static int check_case(reel_ctx *ctx, const char *name, const buf *text, const char *want)
{
    reel_doc *d = NULL;
    int rc = reel_process(&d, ctx, text->data ? text->data : "", text->len, name,
                          REEL_FORMAT_TEXT);
    int ok = rc == 0 && d && strcmp(reel_kind_name(d->kind), want) == 0;
    if (!ok)
        fprintf(stderr, "kind.spec: %s: want %s, got %s (rc %d)\n", name, want,
                d ? reel_kind_name(d->kind) : "nothing", rc);
    reel_doc_free(d);
    return ok;
}

static void test_kind_spec(void **state)
{
    (void)state;
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/data/kind.spec", src_dir());
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    reel_ctx *ctx = NULL;
    assert_int_equal(reel_ctx_new(&ctx), 0);
    assert_int_equal(reel_ctx_load_model(ctx, NULL), 0);
    char *line = NULL, name[160] = "";
    size_t cap = 0;
    ssize_t n;
    buf text = {0};
    int in_text = 0, cases = 0, failures = 0;
    while ((n = getline(&line, &cap, f)) > 0) {
        if (!strncmp(line, "=== ", 4)) {
            snprintf(name, sizeof name, "%.*s", (int)(n - 5), line + 4);
            text.len = 0;
            in_text = 1;
        } else if (in_text && !strcmp(line, "---\n")) {
            in_text = 0;
        } else if (in_text) {
            assert_int_equal(buf_append(&text, line, (size_t)n), 0);
        } else if (!strncmp(line, "kind: ", 6)) {
            line[n - 1] = 0;
            cases++;
            failures += !check_case(ctx, name, &text, line + 6);
        }
    }
    fclose(f);
    free(line);
    buf_free(&text);
    reel_ctx_free(ctx);
    fprintf(stderr, "kind.spec: %d cases, %d failed\n", cases, failures);
    assert_true(cases >= 10);
    assert_int_equal(failures, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_kind_spec)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
