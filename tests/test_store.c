/* test_store.c — the SQLite store and aggregation: idempotent ingest,
 * accent-free search, film lookup by title variant, schema checks, and the
 * merge property (any split into partials, merged in any order, gives the
 * byte-identical report). */
#include "helpers.h"

#include <unistd.h>

static reel_ctx *g_ctx;

static const char *articles[] = {
    "Review: Parasite (2019)\n\nBong Joon-ho's Parasite is a brilliant, savage comedy. "
    "Song Kang-ho is superb.",
    "Parasite review\n\nParasite follows a poor family. Bong Joon-ho directs with "
    "precision. Grade: A-",
    "Interview\n\n\"I wanted to make a film about stairs,\" Bong says of Parasite. He "
    "tells us about Parasite and its house. \"It is about class,\" he explains.",
    "Review: Portrait of a Lady on Fire\n\nCéline Sciamma's Portrait of a Lady on Fire "
    "burns slowly. Noémie Merlant is wonderful."};

static char *tmp_db(char *buf, size_t n)
{
    snprintf(buf, n, "/tmp/reel-test-%d-%ld.db", (int)getpid(), random());
    return buf;
}

static void rm_db(const char *p)
{
    char x[512];
    unlink(p);
    snprintf(x, sizeof x, "%s-wal", p);
    unlink(x);
    snprintf(x, sizeof x, "%s-shm", p);
    unlink(x);
}

static void put_all(reel_store *st, size_t *added)
{
    *added = 0;
    assert_int_equal(reel_store_begin(st), 0);
    for (size_t i = 0; i < sizeof articles / sizeof *articles; i++) {
        reel_doc *d = process_str(g_ctx, articles[i], REEL_FORMAT_TEXT);
        assert_non_null(d);
        int a = 0;
        assert_int_equal(reel_store_put_doc(st, d, &a), 0);
        *added += (size_t)a;
        reel_doc_free(d);
    }
    assert_int_equal(reel_store_commit(st), 0);
}

static void test_idempotent_and_reads(void **state)
{
    (void)state;
    char path[256];
    reel_store *st = NULL;
    assert_int_equal(reel_store_open(g_ctx, &st, tmp_db(path, sizeof path)), 0);
    size_t added;
    put_all(st, &added);
    assert_int_equal(added, 4);
    char *before = NULL, *after = NULL;
    assert_int_equal(reel_store_film(st, &before, "parasite"), 0);
    put_all(st, &added);
    assert_int_equal(added, 0); /* same bytes: nothing changes */
    assert_int_equal(reel_store_film(st, &after, "PARASITE (2019)"), 0);
    assert_string_equal(before, after);
    assert_non_null(strstr(after, "\"articles\":3"));
    free(before);
    free(after);

    char *json = NULL;
    assert_int_equal(reel_store_search(st, &json, "celine", 10, 0), 0);
    assert_non_null(strstr(json, "\"total\":1"));
    free(json);
    assert_int_equal(reel_store_search(st, &json, "Bong Parasite", 10, 0), 0);
    assert_non_null(strstr(json, "\"total\":3"));
    free(json);
    assert_int_equal(reel_store_films(st, &json, NULL, "title", 10, 0), 0);
    assert_non_null(strstr(json, "\"total\":2"));
    free(json);
    assert_int_equal(reel_store_films(st, &json, NULL, "bogus", 10, 0), REEL_EINVAL);
    assert_int_equal(reel_store_film(st, &json, "No Such Film"), REEL_ENOTFOUND);
    assert_int_equal(reel_store_article(st, &json, "zz"), REEL_EINVAL);
    assert_int_equal(reel_store_article(st, &json, "000000"), REEL_ENOTFOUND);
    reel_store_close(st);
    rm_db(path);
}

static void test_schema_checks(void **state)
{
    (void)state;
    char path[256];
    reel_store *st = NULL;
    tmp_db(path, sizeof path);
    /* a file that is not a database */
    FILE *f = fopen(path, "wb");
    fputs("this is not sqlite, just text that is long enough to be a header......", f);
    fclose(f);
    assert_int_not_equal(reel_store_open(g_ctx, &st, path), 0);
    assert_non_null(strstr(reel_errmsg(g_ctx), path));
    rm_db(path);
    /* a newer schema version is refused */
    assert_int_equal(reel_store_open(g_ctx, &st, path), 0);
    reel_store_close(st);
    char cmd[512];
    snprintf(cmd, sizeof cmd,
             "sqlite3 %s \"UPDATE meta SET value='99' WHERE key='schema_version'\"", path);
    assert_int_equal(system(cmd), 0);
    assert_int_equal(reel_store_open(g_ctx, &st, path), REEL_ESCHEMA);
    assert_non_null(strstr(reel_errmsg(g_ctx), "99"));
    rm_db(path);
}

/* Partials: shards merged in any order equal the whole. */
static void test_merge_property(void **state)
{
    (void)state;
    size_t n = 3; /* the Parasite articles */
    char *recs[3];
    for (size_t i = 0; i < n; i++) {
        reel_doc *d = process_str(g_ctx, articles[i], REEL_FORMAT_TEXT);
        assert_int_equal(reel_record_to_json(g_ctx, &recs[i], d, 0), 0);
        reel_doc_free(d);
    }
    reel_partial *whole = NULL;
    reel_partial_new(&whole, "parasite");
    for (size_t i = 0; i < n; i++) assert_int_equal(reel_partial_add(g_ctx, whole, recs[i]), 0);
    char *want = NULL;
    assert_int_equal(reel_partial_finalize(g_ctx, &want, whole), 0);
    /* every split into up to 3 shards, merged in every order */
    for (unsigned assign = 0; assign < 27; assign++) {
        reel_partial *shard[3];
        for (int s = 0; s < 3; s++) reel_partial_new(&shard[s], "parasite");
        unsigned a = assign;
        for (size_t i = 0; i < n; i++, a /= 3) reel_partial_add(g_ctx, shard[a % 3], recs[i]);
        static const int orders[6][3] = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2},
                                         {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
        for (int o = 0; o < 6; o++) {
            reel_partial *acc = NULL;
            reel_partial_new(&acc, "parasite");
            for (int k = 0; k < 3; k++) {
                /* through JSON, as `reel merge` would see them */
                char *js = NULL;
                reel_partial *back = NULL;
                assert_int_equal(reel_partial_to_json(g_ctx, &js, shard[orders[o][k]]), 0);
                assert_int_equal(reel_partial_from_json(g_ctx, &back, js), 0);
                assert_int_equal(reel_partial_merge(g_ctx, acc, back), 0);
                reel_partial_free(back);
                free(js);
            }
            char *got = NULL;
            assert_int_equal(reel_partial_finalize(g_ctx, &got, acc), 0);
            assert_string_equal(got, want);
            free(got);
            reel_partial_free(acc);
        }
        for (int s = 0; s < 3; s++) reel_partial_free(shard[s]);
    }
    reel_partial *other = NULL;
    reel_partial_new(&other, "irishman");
    assert_int_equal(reel_partial_merge(g_ctx, whole, other), REEL_EINVAL);
    reel_partial_free(other);
    reel_partial_free(whole);
    free(want);
    for (size_t i = 0; i < n; i++) free(recs[i]);
}

int main(void)
{
    reel_ctx_new(&g_ctx);
    srandom((unsigned)getpid());
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_idempotent_and_reads),
        cmocka_unit_test(test_schema_checks),
        cmocka_unit_test(test_merge_property),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    reel_ctx_free(g_ctx);
    return rc;
}
