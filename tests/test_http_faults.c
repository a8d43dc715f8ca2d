/* test_http_faults.c — the live server under faults (http_live.h): a
 * request over its time limit, a stop with a request in flight, a store
 * file damaged or deleted while serving.
 */
#include "http_live.h"
/* the server's own state (private to src/http/), read for one thing only:
 * the deadline its worker sets as a request reaches the store */
#define REEL_HAVE_MHD 1
#include "http/server.h"

/* A store whose every article holds all of 16 words, 400 times in all:
 * searching for the 16 ranks every article on every word, an honest
 * search of tens of thousands of SQLite steps (tens of milliseconds
 * here; it took a few hundred before ranking was made cheaper). */
static void slow_store(const char *path)
{
    reel_ctx *ctx = NULL;
    reel_store *st = NULL;
    assert_int_equal(reel_ctx_new(&ctx), 0);
    assert_int_equal(reel_ctx_load_model(ctx, NULL), 0);
    unlink(path);
    assert_int_equal(reel_store_open(&st, ctx, path), 0);
    assert_int_equal(reel_store_begin(st), 0);
    unsigned seed = 7;
    for (int i = 0; i < 4000; i++) {
        buf b;
        buf_init(&b);
        buf_printf(
            &b,
            "{\"record_version\":%d,\"id\":\"%064x\",\"kind\":{\"label\":\"review\"},"
            "\"text\":\"",
            REEL_RECORD_VERSION, i);
        for (int k = 0; k < 400; k++)
            buf_printf(&b, "w%d ", k < 16 ? k : (int)(rand_r(&seed) % 16));
        buf_puts(&b, "\"}");
        int added = 0;
        assert_int_equal(reel_store_put_record(&added, st, b.data), 0);
        buf_free(&b);
    }
    assert_int_equal(reel_store_commit(st), 0);
    reel_store_close(st);
    reel_ctx_free(ctx);
}

static void rm_store(const char *path)
{
    char x[300];
    unlink(path);
    snprintf(x, sizeof x, "%s-wal", path);
    unlink(x);
    snprintf(x, sizeof x, "%s-shm", path);
    unlink(x);
}

#define SLOW_QUERY "/api/search?q=w0+w1+w2+w3+w4+w5+w6+w7+w8+w9+w10+w11+w12+w13+w14+w15"

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* A read past the server's time limit is cut and answered 503 (JSON or
 * HTML), and the worker answers the next request at once. The limit is
 * 1 ms: the search runs many times longer on any machine (it is checked
 * every 1,000 SQLite steps), while the health check's few small reads
 * never reach a check. */
static void test_request_limit(void **state)
{
    (void)state;
    char path[256];
    snprintf(path, sizeof path, "/tmp/reel-http-slow-%d.db", (int)getpid());
    slow_store(path);
    reel_ctx *ctx = NULL;
    assert_int_equal(reel_ctx_new(&ctx), 0);
    assert_int_equal(reel_ctx_load_model(ctx, NULL), 0);
    reel_server *srv = NULL;
    reel_server_opts o = {.threads = 1, .request_ms = 1, .cache_ms = -1};
    assert_int_equal(reel_server_start(&srv, ctx, path, "127.0.0.1:0", &o), 0);
    int port = reel_server_port(srv);
    double t0 = now_s();
    reply r = call(port, "GET", SLOW_QUERY, NULL, NULL);
    assert_json_error(&r, 503);
    assert_non_null(strstr(r.body, "limit of 1 ms"));
    reply_free(&r);
    r = call(port, "GET",
             "/search?q=w0+w1+w2+w3+w4+w5+w6+w7+w8+w9+w10+w11+w12+w13+w14+w15", NULL,
             NULL);
    assert_int_equal(r.status, 503);
    assert_non_null(strstr(header(&r, "Content-Type"), "text/html"));
    reply_free(&r);
    assert_true(now_s() - t0 < 2.0); /* each cut after a millisecond or so */
    r = call(port, "GET", "/api/health", NULL, NULL);
    assert_int_equal(r.status, 200);
    reply_free(&r);
    reel_server_stop(srv);
    reel_ctx_free(ctx);
    rm_store(path);
}

typedef struct {
    int port;
    reply r;
} pending;

static void *ask_slow(void *arg)
{
    pending *p = arg;
    p->r = call(p->port, "GET", SLOW_QUERY, NULL, NULL);
    return NULL;
}

/* The deadline the server's one worker set for its latest request: it sets
 * one (store_limit) as each request reaches its queries, so a new value
 * says the next request is in the store. */
static uint64_t worker_deadline(reel_server *srv)
{
    pthread_mutex_lock(&srv->mu);
    uint64_t d = srv->workers ? atomic_load(&srv->workers->st->deadline_ms) : 0;
    pthread_mutex_unlock(&srv->mu);
    return d;
}

/* Stopping the server with a long search in flight interrupts it: the
 * client gets 503, the stop takes well under its second. The stop comes
 * once the search has begun (the worker's new deadline), on any machine:
 * not after a fixed 30 ms, which a loaded or sanitized run could spend
 * before the request even reached the server. */
static void test_stop_in_flight(void **state)
{
    (void)state;
    char path[256];
    snprintf(path, sizeof path, "/tmp/reel-http-stop-%d.db", (int)getpid());
    slow_store(path);
    reel_ctx *ctx = NULL;
    assert_int_equal(reel_ctx_new(&ctx), 0);
    assert_int_equal(reel_ctx_load_model(ctx, NULL), 0);
    reel_server *srv = NULL;
    reel_server_opts o = {.threads = 1, .cache_ms = -1, .request_ms = 600000};
    assert_int_equal(reel_server_start(&srv, ctx, path, "127.0.0.1:0", &o), 0);
    pending p = {reel_server_port(srv), {0}};
    /* how long the search takes when nothing stops it */
    double t0 = now_s();
    reply full = call(p.port, "GET", SLOW_QUERY, NULL, NULL);
    double alone = now_s() - t0;
    fprintf(stderr, "the slow search alone: %.3f s\n", alone);
    assert_int_equal(full.status, 200);
    reply_free(&full);
    uint64_t first = worker_deadline(srv);
    assert_true(first > 0);
    pthread_t t;
    pthread_create(&t, NULL, ask_slow, &p);
    struct timespec nap = {0, 1000 * 1000};
    for (int i = 0; i < 60000 && worker_deadline(srv) == first; i++)
        nanosleep(&nap, NULL);
    assert_true(worker_deadline(srv) != first); /* the search is in flight */
    t0 = now_s();
    reel_server_stop(srv);
    double stop = now_s() - t0;
    pthread_join(t, NULL);
    if (alone > 0.1) { /* the search was surely still running at the stop */
        assert_json_error(&p.r, 503);
        assert_non_null(strstr(p.r.body, "shutting down"));
    } else {
        assert_true(p.r.status == 200 || p.r.status == 503);
    }
    assert_true(stop < 1.2);
    reply_free(&p.r);
    reel_ctx_free(ctx);
    rm_store(path);
}

/* /api/health reads the store: a truncated or overwritten file is 503
 * with a JSON error, not "ok". */
static void test_health_damaged(void **state)
{
    (void)state;
    char path[256];
    snprintf(path, sizeof path, "/tmp/reel-http-damaged-%d.db", (int)getpid());
    for (int how = 0; how < 2; how++) {
        rm_store(path);
        reel_store *src = NULL, *dst = NULL;
        reel_ctx *ctx = NULL;
        assert_int_equal(reel_ctx_new(&ctx), 0);
        assert_int_equal(reel_ctx_load_model(ctx, NULL), 0);
        /* a copy of the test store, closed: its WAL is folded in */
        assert_int_equal(reel_store_open(&src, ctx, g_db), 0);
        assert_int_equal(reel_store_open(&dst, ctx, path), 0);
        assert_int_equal(reel_store_copy(NULL, NULL, dst, src, 100), 0);
        reel_store_close(src);
        reel_store_close(dst);
        reel_server *srv = NULL;
        reel_server_opts o = {.threads = 1};
        assert_int_equal(reel_server_start(&srv, ctx, path, "127.0.0.1:0", &o), 0);
        int port = reel_server_port(srv);
        FILE *f = fopen(path, "r+b");
        assert_non_null(f);
        fseek(f, 0, SEEK_END);
        long size = ftell(f);
        if (how == 0) {
            assert_int_equal(ftruncate(fileno(f), size / 2), 0);
        } else { /* everything past the first pages overwritten */
            fseek(f, 8192, SEEK_SET);
            for (long i = 8192; i < size; i++)
                fputc(0x5a, f);
        }
        fclose(f);
        reply r = call(port, "GET", "/api/health", NULL, NULL);
        assert_json_error(&r, 503);
        reply_free(&r);
        reel_server_stop(srv);
        reel_ctx_free(ctx);
    }
    rm_store(path);
}

int main(void)
{
    const struct CMUnitTest faults[] = {
        cmocka_unit_test(test_request_limit),
        cmocka_unit_test(test_stop_in_flight),
        cmocka_unit_test(test_health_damaged),
    };
    return cmocka_run_group_tests_name("http_faults", faults, server_setup,
                                       server_teardown);
}
