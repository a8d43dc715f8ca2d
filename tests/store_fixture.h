/* store_fixture.h — a store for a cmocka case under either backend: a
 * SQLite file under /tmp or a new database on the PostgreSQL server of
 * pgserver.h (started once for the program by store_group_setup), opened
 * on the program's context and removed after. A test defines STORE_TAG
 * (a short lower-case word) before including it, so files and databases
 * say which program made them.
 */
#ifndef REEL_TEST_STORE_FIXTURE_H
#define REEL_TEST_STORE_FIXTURE_H

#include "pgserver.h"
#include "store/store.h"

#include <unistd.h>

#ifndef STORE_TAG
#define STORE_TAG "store"
#endif

static reel_ctx *g_ctx;
static int g_seq;
/* the prestate of a case run under each backend */
static int SQLITE __attribute__((unused)) = 0, PG __attribute__((unused)) = 1;

typedef struct {
    int pg;
    char url[1200], name[64];
} store_at;

/* A new, empty place for a store (nothing is created yet). */
static inline void store_new(store_at *at, int pg)
{
    at->pg = pg;
    if (pg) {
        REQUIRE_PG();
        snprintf(at->name, sizeof at->name, "reel_%s%d_%d", STORE_TAG, (int)getpid(),
                 ++g_seq);
        assert_int_equal(pg_new_db(at->url, sizeof at->url, at->name), 0);
    } else {
        snprintf(at->url, sizeof at->url, "/tmp/reel-%s-%d-%d.db", STORE_TAG,
                 (int)getpid(), ++g_seq);
    }
}

/* The store's file (with its WAL) or database gone. */
static inline void store_rm(store_at *at)
{
    if (at->pg) {
        char sql[128];
        snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s", at->name);
        pg_sql("postgres", sql);
        return;
    }
    char x[1300];
    unlink(at->url);
    snprintf(x, sizeof x, "%s-wal", at->url);
    unlink(x);
    snprintf(x, sizeof x, "%s-shm", at->url);
    unlink(x);
}

/* The store at `url` opened (created when missing), or the case fails
 * with the reason. */
static inline reel_store *open_ok(const char *url)
{
    reel_store *st = NULL;
    int rc = reel_store_open(&st, g_ctx, url);
    if (rc) fprintf(stderr, "open %s: %s\n", url, reel_errmsg(g_ctx));
    assert_int_equal(rc, 0);
    return st;
}

/* store_new, then the store opened there. */
static inline reel_store *store_open_new(store_at *at, int pg)
{
    store_new(at, pg);
    return open_ok(at->url);
}

/* cmocka group setup and teardown: the PostgreSQL server for the whole
 * program. No server is a loud failure of every PostgreSQL case. */
static inline int store_group_setup(void **state)
{
    (void)state;
    if (pg_server_start())
        fprintf(stderr,
                "FAIL: PostgreSQL could not be started; every PostgreSQL case will "
                "fail:\n%s\n",
                pg_why);
    else
        fprintf(stderr, "PostgreSQL for this run: %s\n", pg_admin);
    return 0;
}

static inline int store_group_teardown(void **state)
{
    (void)state;
    pg_server_stop();
    return 0;
}

/* Put each text (read, cleaned, analyzed) into st in one transaction;
 * *added: how many were new. */
static inline void put_texts(reel_store *st, const char *const *texts, size_t n, size_t *added)
{
    *added = 0;
    assert_int_equal(reel_store_begin(st), 0);
    for (size_t i = 0; i < n; i++) {
        reel_doc *d = process_str(g_ctx, texts[i], REEL_FORMAT_TEXT);
        assert_non_null(d);
        int a = 0;
        assert_int_equal(reel_store_put_doc(&a, st, d), 0);
        *added += (size_t)a;
        reel_doc_free(d);
    }
    assert_int_equal(reel_store_commit(st), 0);
}

#endif
