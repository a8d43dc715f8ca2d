/* test_train.c — the training recipe through the public API only
 * (reel_train_*, reel_model_save): the sets read from a data folder of our
 * own (every row kept, rt quotes without text skipped, a malformed row or a
 * missing file an error naming it), a model trained twice saving the same
 * bytes and loading as a context's model, the report's counts, and
 * cross-validation over the file's folds.
 */
#include <reel.h>
#include <reel_train.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

static char g_dir[64];

static void write_file(const char *name, const char *text)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", g_dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* Reviews of our own: the good ones praise, the bad ones pan, ten folds. */
static void write_sets(void)
{
    static const char *const good[] = {
        "a superb and moving film", "wonderful acting, a delight",
        "brilliant, funny and warm", "a great joy to watch"};
    static const char *const bad[] = {"a dull and tedious mess", "awful acting, a bore",
                                      "boring, clumsy and cold",
                                      "a terrible waste of time"};
    char buf[8192] = "", line[256];
    for (int i = 0; i < 40; i++) {
        snprintf(line, sizeof line, "%d\t%d\t%s %d\n", i % 2, i % 10,
                 i % 2 ? good[i / 2 % 4] : bad[i / 2 % 4], i);
        strcat(buf, line);
    }
    write_file("polarity2k.tsv", buf);
    write_file("mr.tsv", buf);
    buf[0] = 0;
    for (int i = 0; i < 20; i++) {
        snprintf(line, sizeof line, "%d\t%d\t%s<br />seen %d\n", i % 2, i % 2 ? 9 : 2,
                 i % 2 ? good[i % 4] : bad[i % 4], i);
        strcat(buf, line);
    }
    write_file("imdb_train.tsv.gz", buf); /* gzopen reads plain text too */
    buf[0] = 0;
    for (int i = 0; i < 12; i++) {
        snprintf(line, sizeof line, "film-%d\tc\to\td\t%d\t%s\tx\t%s\n", i % 3, i % 2,
                 i == 10 ? "C+"
                 : i % 2 ? "4/5"
                         : "1/5",
                 i == 11 ? ""
                 : i % 2 ? good[i % 4]
                         : bad[i % 4]);
        strcat(buf, line);
    }
    mkdir(strcat(strcpy(line, g_dir), "/rt-dev"), 0700);
    write_file("rt-dev/rt_critics.tsv", buf);
}

static void load_all(reel_ctx *ctx, reel_train_rows *r)
{
    for (int s = 0; s < REEL_TRAIN_SETS; s++)
        assert_int_equal(reel_train_rows_load(r, ctx, g_dir, (reel_train_set)s), 0);
}

static void test_rows(void **state)
{
    (void)state;
    reel_ctx *ctx = NULL;
    assert_int_equal(reel_ctx_new(&ctx), 0);
    reel_train_rows r = {0};
    load_all(ctx, &r);
    assert_int_equal(r.n, 40 + 40 + 20 + 11); /* the quote without text skipped */
    assert_int_equal(r.rows[0].set, REEL_TRAIN_IMDB);
    assert_string_equal(r.rows[0].text, "a dull and tedious mess seen 0");
    assert_true(r.rows[0].score == 100.0 / 9.0); /* rating 2 of 1-10 */
    assert_int_equal(r.rows[20 + 3].fold, 3);
    const reel_train_row *rt = &r.rows[100];
    assert_int_equal(rt->set, REEL_TRAIN_RT);
    assert_string_equal(rt->film, "film-0");
    assert_true(rt->score >= 0);
    /* a letter calibrates by its grade points (2.3 of 4.3), not its school 77 */
    assert_true(r.rows[100 + 10].score == 53.0);
    assert_int_equal(reel_train_imdb_split(&r.rows[0]), 0);
    assert_string_equal(reel_train_set_name(REEL_TRAIN_RT), "rt-dev");
    reel_train_rows_free(&r);
    assert_int_equal(r.n, 0);
    reel_train_rows_free(NULL);

    char where[128];
    snprintf(where, sizeof where, "%s/none", g_dir);
    assert_int_equal(reel_train_rows_load(&r, ctx, where, REEL_TRAIN_MR), REEL_EIO);
    assert_non_null(strstr(reel_errmsg(ctx), "none/mr.tsv: cannot open"));
    write_file("mr.tsv", "1\t0\tfine\nnot a row\n");
    assert_int_equal(reel_train_rows_load(&r, ctx, g_dir, REEL_TRAIN_MR), REEL_EFORMAT);
    assert_non_null(strstr(reel_errmsg(ctx), "mr.tsv:2: malformed row"));
    reel_train_rows_free(&r);
    reel_ctx_free(ctx);
    write_sets();
}

static long file_bytes(const char *path, char **out)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    *out = malloc((size_t)n);
    assert_int_equal(fread(*out, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    return n;
}

static void test_model(void **state)
{
    (void)state;
    reel_ctx *ctx = NULL;
    assert_int_equal(reel_ctx_new(&ctx), 0);
    reel_train_rows r = {0};
    load_all(ctx, &r);
    reel_train_opts o;
    reel_train_defaults(&o);
    assert_int_equal(o.ngram, 3);
    assert_int_equal(o.mr_weight, 1);
    o.min_df = 1;
    o.mr_weight = 2;
    char path[2][128];
    for (int k = 0; k < 2; k++) {
        reel_model *m = NULL;
        reel_train_report rep;
        assert_int_equal(reel_train_model(&m, ctx, &rep, &r, &o), 0);
        assert_int_equal(rep.n_train, 100); /* every row but rt-dev's */
        assert_int_equal(rep.rt_n, 11);
        assert_true(rep.features > 0);
        snprintf(path[k], sizeof path[k], "%s/m%d.model", g_dir, k);
        assert_int_equal(reel_model_save(ctx, m, path[k]), 0);
        reel_model_free(m);
    }
    char *a, *b;
    long na = file_bytes(path[0], &a), nb = file_bytes(path[1], &b);
    assert_int_equal(na, nb);
    assert_memory_equal(a, b, (size_t)na);
    free(a);
    free(b);
    assert_int_equal(reel_ctx_load_model(ctx, path[0]), 0);
    assert_true(reel_ctx_has_model(ctx));
    reel_model_free(NULL);

    reel_train_cv cv;
    assert_int_equal(reel_train_cross_validate(&cv, ctx, &r, REEL_TRAIN_POLARITY, &o), 0);
    assert_int_equal(cv.folds, 10);
    size_t n = 0;
    for (int k = 0; k < cv.folds; k++) {
        assert_int_equal(cv.n[k], 4);
        n += cv.n[k];
    }
    assert_int_equal(n, 40);
    assert_int_equal(reel_train_cross_validate(&cv, ctx, &r, REEL_TRAIN_RT, &o),
                     REEL_EINVAL);
    reel_train_rows_free(&r);
    reel_ctx_free(ctx);
}

static int setup(void **state)
{
    (void)state;
    snprintf(g_dir, sizeof g_dir, "/tmp/reel-train-XXXXXX");
    if (!mkdtemp(g_dir)) return -1;
    write_sets();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", g_dir);
    return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rows),
        cmocka_unit_test(test_model),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
