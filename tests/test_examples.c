/* test_examples.c — our examples/ corpus against what we know of each
 * article (tests/data/examples.expected.json): kind, subject film, the
 * explicit score as written, the date, and that no boilerplate survives. */
#include "helpers.h"

#include <jansson.h>

static void test_examples(void **state)
{
    (void)state;
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/data/examples.expected.json", src_dir());
    json_error_t err;
    json_t *all = json_load_file(path, 0, &err);
    if (!all) fprintf(stderr, "%s: %s\n", path, err.text);
    assert_non_null(all);
    reel_ctx *ctx = NULL;
    reel_ctx_new(&ctx);
    reel_ctx_load_model(ctx, NULL);
    char model[4200];
    snprintf(model, sizeof model, "%s/models/sentiment.model", src_dir());
    assert_int_equal(reel_ctx_load_model(ctx, model), 0);
    size_t i, bad = 0;
    json_t *e;
    json_array_foreach(all, i, e)
    {
        const char *file = json_string_value(json_object_get(e, "file"));
        snprintf(path, sizeof path, "%s/%s%s", src_dir(),
                 strncmp(file, "examples/", 9) ? "examples/" : "", file);
        reel_doc *d = process_file(ctx, path);
        assert_non_null(d);
        const char *kind = json_string_value(json_object_get(e, "kind"));
        const char *film = json_string_value(json_object_get(e, "film"));
        const char *raw = json_string_value(json_object_get(e, "score_raw"));
        const char *date = json_string_value(json_object_get(e, "date"));
        char *key = reel_film_key(film, strlen(film));
        if (strcmp(reel_kind_name(d->kind), kind)) {
            fprintf(stderr, "%s: kind %s, want %s\n", file, reel_kind_name(d->kind),
                    kind);
            bad++;
        }
        if (!d->subject.key || strcmp(d->subject.key, key)) {
            fprintf(stderr, "%s: film %s, want %s\n", file,
                    d->subject.key ? d->subject.key : "(none)", key);
            bad++;
        }
        if (raw && (!d->score.found || !strstr(raw, d->score.raw))) {
            fprintf(stderr, "%s: score %s, want %s\n", file,
                    d->score.found ? d->score.raw : "(none)", raw);
            bad++;
        }
        if (!raw && d->score.found) {
            fprintf(stderr, "%s: score %s where the page has none\n", file, d->score.raw);
            bad++;
        }
        if (date && (!d->date || strcmp(d->date, date))) {
            fprintf(stderr, "%s: date %s, want %s\n", file, d->date ? d->date : "(none)",
                    date);
            bad++;
        }
        static const char *boiler[] = {
            "Leave a Comment",     "Subscribe to", "newsletter", "Sign up",
            "All rights reserved", "cookies",      NULL};
        for (const char **b = boiler; *b; b++)
            if (d->text && memmem_ci_ascii(d->text, d->text_len, *b)) {
                fprintf(stderr, "%s: boilerplate '%s' left in the text\n", file, *b);
                bad++;
            }
        free(key);
        reel_doc_free(d);
    }
    reel_ctx_free(ctx);
    json_decref(all);
    assert_int_equal(bad, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_examples)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
