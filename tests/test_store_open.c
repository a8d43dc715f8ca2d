/* test_store_open.c — how a store is opened and how it recovers: the open
 * modes (only REEL_STORE_CREATE makes a store; a missing or empty one is an
 * error that leaves nothing behind; read-only handles never write), schema
 * creation by many openers at once, begin waiting for a locked file and
 * giving up with REEL_EBUSY, a replaced or deleted file noticed by an open
 * handle, and a PostgreSQL handle whose connection was cut connecting
 * again. Both backends; the PostgreSQL server is started for the run. */
#define STORE_TAG "open"
#include "store_fixture.h"

#include <jansson.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

static void path_new(char *out, size_t n)
{
    snprintf(out, n, "/tmp/reel-open-%d-%d.db", (int)getpid(), ++g_seq);
}

static void path_rm(const char *p)
{
    char x[1100];
    unlink(p);
    snprintf(x, sizeof x, "%s-wal", p);
    unlink(x);
    snprintf(x, sizeof x, "%s-shm", p);
    unlink(x);
}

static int exists(const char *p)
{
    struct stat sb;
    return stat(p, &sb) == 0;
}

static long articles_of(reel_store *st)
{
    char *json = NULL;
    if (reel_store_stats(&json, st)) return -1;
    json_t *o = json_loads(json, 0, NULL);
    long n = (long)json_integer_value(json_object_get(o, "articles"));
    json_decref(o);
    free(json);
    return n;
}

static void put_one(reel_store *st, const char *text)
{
    reel_doc *d = process_str(g_ctx, text, REEL_FORMAT_TEXT);
    assert_non_null(d);
    int added = 0;
    int rc = reel_store_put_doc(&added, st, d);
    if (rc) fprintf(stderr, "put: %s\n", reel_errmsg(g_ctx));
    assert_int_equal(rc, 0);
    reel_doc_free(d);
}

static void test_modes_sqlite(void **state)
{
    (void)state;
    char p[1024], x[1100];
    reel_store *st = NULL;
    path_new(p, sizeof p);
    /* missing: an error naming it, for reading and read-only handles alike */
    assert_int_equal(reel_store_open_mode(&st, g_ctx, p, 0), REEL_ENOTFOUND);
    assert_non_null(strstr(reel_errmsg(g_ctx), p));
    assert_int_equal(reel_store_open_mode(&st, g_ctx, p, REEL_STORE_READONLY),
                     REEL_ENOTFOUND);
    assert_null(st);
    assert_false(exists(p));
    snprintf(x, sizeof x, "%s-wal", p);
    assert_false(exists(x));
    /* an empty file is not a store, and is left empty */
    FILE *f = fopen(p, "w");
    fclose(f);
    assert_int_equal(reel_store_open_mode(&st, g_ctx, p, 0), REEL_ESCHEMA);
    struct stat sb;
    assert_int_equal(stat(p, &sb), 0);
    assert_int_equal(sb.st_size, 0);
    unlink(p);
    /* created, and said so once */
    assert_int_equal(reel_store_open_mode(&st, g_ctx, p, REEL_STORE_CREATE), 0);
    assert_int_equal(reel_store_created(st), 1);
    assert_string_equal(reel_store_name(st), p);
    put_one(st, "Review: Harbour Light\n\nHarbour Light is a patient, tender film.");
    reel_store_close(st);
    assert_int_equal(reel_store_open_mode(&st, g_ctx, p, REEL_STORE_CREATE), 0);
    assert_int_equal(reel_store_created(st), 0);
    reel_store_close(st);
    /* read-only: reads work, writes fail, the file is unchanged */
    assert_int_equal(reel_store_open_mode(&st, g_ctx, p, REEL_STORE_READONLY), 0);
    assert_int_equal(articles_of(st), 1);
    reel_doc *d =
        process_str(g_ctx, "Review: Other\n\nOther is a film.", REEL_FORMAT_TEXT);
    int added = 0;
    assert_int_not_equal(reel_store_put_doc(&added, st, d), 0);
    reel_doc_free(d);
    assert_int_equal(articles_of(st), 1);
    reel_store_close(st);
    path_rm(p);
}

/* A writer holding the lock makes another's begin wait, then give up with
 * REEL_EBUSY and a message that says so (not "database is locked"). */
static void test_busy_sqlite(void **state)
{
    (void)state;
    char p[1024];
    reel_store *a = NULL, *b = NULL;
    reel_ctx *bctx = NULL;
    path_new(p, sizeof p);
    assert_int_equal(reel_store_open(&a, g_ctx, p), 0);
    assert_int_equal(reel_ctx_new(&bctx), 0);
    assert_int_equal(reel_ctx_load_model(bctx, NULL), 0);
    assert_int_equal(reel_store_open_mode(&b, bctx, p, 0), 0);
    assert_int_equal(reel_store_begin(a), 0);
    put_one(a, "Review: Harbour Light\n\nHarbour Light is a patient, tender film.");
    b->busy_ms = 2500; /* past SQLite's own 2 s wait: the backoff runs */
    uint64_t t0 = store_now_ms();
    assert_int_equal(reel_store_begin(b), REEL_EBUSY);
    uint64_t waited = store_now_ms() - t0;
    /* its own limit, not the default minute (the bound leaves a loaded
     * or sanitized machine room for the last 2 s attempt and more) */
    assert_true(waited >= 2500 && waited < 30000);
    assert_non_null(strstr(reel_errmsg(bctx), "busy"));
    assert_non_null(strstr(reel_errmsg(bctx), p));
    assert_int_equal(reel_store_commit(a), 0);
    /* once the lock is free, begin goes through */
    assert_int_equal(reel_store_begin(b), 0);
    assert_int_equal(reel_store_commit(b), 0);
    assert_int_equal(articles_of(b), 1);
    reel_store_close(a);
    reel_store_close(b);
    reel_ctx_free(bctx);
    path_rm(p);
}

typedef struct {
    const char *path;
    pthread_barrier_t *go;
    int rc, created;
    char msg[1024];
} opener;

static void *open_at_once(void *arg)
{
    opener *o = arg;
    reel_ctx *ctx = NULL;
    reel_store *st = NULL;
    reel_ctx_new(&ctx);
    reel_ctx_load_model(ctx, NULL);
    pthread_barrier_wait(o->go);
    o->rc = reel_store_open(&st, ctx, o->path);
    o->created = o->rc == 0 && reel_store_created(st);
    snprintf(o->msg, sizeof o->msg, "%s", reel_errmsg(ctx));
    reel_store_close(st);
    reel_ctx_free(ctx);
    return NULL;
}

/* Eight handles opening one new file at the same moment, ten times: all
 * open, one made the schema (before: "table meta already exists"). */
static void test_first_open_race(void **state)
{
    (void)state;
    enum { N = 8, TRIALS = 10 };
    for (int t = 0; t < TRIALS; t++) {
        char p[1024];
        path_new(p, sizeof p);
        pthread_barrier_t go;
        pthread_barrier_init(&go, NULL, N);
        pthread_t th[N];
        opener o[N];
        for (int i = 0; i < N; i++) {
            memset(&o[i], 0, sizeof o[i]);
            o[i].path = p;
            o[i].go = &go;
            pthread_create(&th[i], NULL, open_at_once, &o[i]);
        }
        int created = 0;
        for (int i = 0; i < N; i++) {
            pthread_join(th[i], NULL);
            if (o[i].rc) fprintf(stderr, "trial %d opener %d: %s\n", t, i, o[i].msg);
            assert_int_equal(o[i].rc, 0);
            created += o[i].created;
        }
        assert_int_equal(created, 1);
        pthread_barrier_destroy(&go);
        path_rm(p);
    }
}

/* An open handle follows the file at its path: a replacement is opened, a
 * deletion is REEL_EBUSY (never a new empty store), the file back is read. */
static void test_replaced_sqlite(void **state)
{
    (void)state;
    char p[1024], q[1024], away[1100];
    reel_store *st = NULL, *w = NULL;
    path_new(p, sizeof p);
    path_new(q, sizeof q);
    assert_int_equal(reel_store_open(&w, g_ctx, p), 0);
    put_one(w, "Review: Harbour Light\n\nHarbour Light is a patient, tender film.");
    reel_store_close(w);
    assert_int_equal(reel_store_open(&w, g_ctx, q), 0);
    put_one(w, "Review: Harbour Light\n\nHarbour Light is a patient, tender film.");
    put_one(w, "Review: North Road\n\nNorth Road is a cold, bright film.");
    reel_store_close(w);
    assert_int_equal(reel_store_open_mode(&st, g_ctx, p, REEL_STORE_READONLY), 0);
    assert_int_equal(articles_of(st), 1);
    assert_int_equal(rename(q, p), 0);
    assert_int_equal(articles_of(st), 2);
    snprintf(away, sizeof away, "%s.away", p);
    assert_int_equal(rename(p, away), 0);
    char *json = NULL;
    assert_int_equal(reel_store_stats(&json, st), REEL_EBUSY);
    assert_non_null(strstr(reel_errmsg(g_ctx), "gone"));
    assert_int_equal(reel_store_films(&json, st, NULL, NULL, 0, 0), REEL_EBUSY);
    assert_false(exists(p));
    assert_int_equal(rename(away, p), 0);
    assert_int_equal(articles_of(st), 2);
    reel_store_close(st);
    path_rm(p);
    path_rm(q);
}

static void test_modes_pg(void **state)
{
    (void)state;
    REQUIRE_PG();
    char url[1200], name[64];
    reel_store *st = NULL;
    snprintf(name, sizeof name, "reel_open_%d_%d", (int)getpid(), ++g_seq);
    assert_int_equal(pg_new_db(url, sizeof url, name), 0);
    /* a database without reel's tables is not a store to read */
    assert_int_equal(reel_store_open_mode(&st, g_ctx, url, 0), REEL_ENOTFOUND);
    assert_int_equal(reel_store_open_mode(&st, g_ctx, url, REEL_STORE_READONLY),
                     REEL_ENOTFOUND);
    assert_int_equal(
        pg_value(name,
                 "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()"),
        0);
    assert_int_equal(reel_store_open_mode(&st, g_ctx, url, REEL_STORE_CREATE), 0);
    assert_int_equal(reel_store_created(st), 1);
    put_one(st, "Review: Harbour Light\n\nHarbour Light is a patient, tender film.");
    reel_store_close(st);
    assert_int_equal(reel_store_open_mode(&st, g_ctx, url, REEL_STORE_READONLY), 0);
    assert_int_equal(reel_store_created(st), 0);
    reel_doc *d =
        process_str(g_ctx, "Review: Other\n\nOther is a film.", REEL_FORMAT_TEXT);
    int added = 0;
    assert_int_not_equal(reel_store_put_doc(&added, st, d), 0);
    reel_doc_free(d);
    assert_int_equal(articles_of(st), 1);
    /* the connection cut under the handle (as a server restart does): the
     * next read connects again and is answered */
    char sql[300];
    snprintf(sql, sizeof sql,
             "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '%s'"
             " AND pid <> pg_backend_pid()",
             name);
    char left[300];
    snprintf(left, sizeof left,
             "SELECT count(*) FROM pg_stat_activity WHERE datname = '%s'", name);
    for (int round = 0; round < 3; round++) {
        assert_int_equal(pg_sql("postgres", sql), 0);
        /* the backend ends when it takes the signal: the read comes once it
         * has gone (not after a fixed 100 ms, which a loaded machine may
         * not give it, and the read would race the cut), up to 60 s */
        for (int i = 0; i < 600 && pg_value("postgres", left) != 0; i++)
            usleep(100 * 1000);
        assert_int_equal(pg_value("postgres", left), 0);
        long n = articles_of(st);
        if (n != 1) fprintf(stderr, "after the cut: %s\n", reel_errmsg(g_ctx));
        assert_int_equal(n, 1);
        char *json = NULL;
        assert_int_equal(reel_store_film(&json, st, "Harbour Light"), 0);
        free(json);
    }
    reel_store_close(st);
    snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s", name);
    pg_sql("postgres", sql);
}

int main(void)
{
    reel_ctx_new(&g_ctx);
    reel_ctx_load_model(g_ctx, NULL);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_modes_sqlite),    cmocka_unit_test(test_busy_sqlite),
        cmocka_unit_test(test_first_open_race), cmocka_unit_test(test_replaced_sqlite),
        cmocka_unit_test(test_modes_pg),
    };
    int rc = cmocka_run_group_tests(tests, store_group_setup, store_group_teardown);
    reel_ctx_free(g_ctx);
    return rc;
}
