/* test_oom.c — allocation failures, in the manner of SQLite's malloc tests:
 * the process's allocator (malloc, calloc, realloc, free, interposed here,
 * so libxml2, SQLite and jansson fail too) fails at the Nth call, for every N
 * up to the number of calls a typical document makes, through the pipeline,
 * the record and the store. Each failure must come back as an error code
 * (or be absorbed), never a crash, and leave nothing allocated behind; a
 * store written under failures must pass SQLite's integrity check and hold
 * the document whole or not at all. Interposing malloc does not mix with
 * AddressSanitizer's own, so the sanitizer build skips this test. */
#include "helpers.h"

#include <dlfcn.h>
#include <elf.h>
#include <execinfo.h>
#include <jansson.h>
#include <link.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define REEL_OOM_SKIP 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define REEL_OOM_SKIP 1
#endif
#endif

#ifndef REEL_OOM_SKIP
extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void __libc_free(void *);

/* calls counted since arming; the call numbered fail_at fails (once) */
static long calls, fail_at;
static int armed, failed;
/* Which calls are counted (and failed): 1 only those reel's own code
 * makes; 0 every call but libxml2's; 2 only libxml2's. libxml2 2.9 spins
 * for up to a second on some of its own failed allocations, so its calls are
 * sampled apart, few of them (REEL_OOM_FULL=1: all). */
static int only_ours;

/* Live blocks that reel's own code allocated (the caller is in this
 * executable, which links libreel statically), in an open-addressing set:
 * a leak is one of ours. libxml2 2.9 itself leaks a buffer when an
 * allocation fails inside xmlParserInputBufferCreateMem; blocks that a
 * library allocates are not counted. */
#define LIVE_CAP (1u << 21)
static void *live_set[LIVE_CAP];
static long live;
static uintptr_t text_lo, text_hi, xml_lo, xml_hi, tc_lo, tc_hi;

static int phdr_cb(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size, (void)data;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type == PT_LOAD && (ph->p_flags & PF_X)) {
            text_lo = info->dlpi_addr + ph->p_vaddr;
            text_hi = text_lo + ph->p_memsz;
        }
    }
    return 1; /* the first object is the executable */
}

/* The code of the libraries the sweeps treat apart: libxml2 (sampled) and
 * libexttextcat, whose fp_Init writes through the result of a calloc it
 * does not check (a crash inside the library that reel cannot prevent), so
 * its own calls are never failed. */
static int lib_cb(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size, (void)data;
    uintptr_t *lo = NULL, *hi = NULL;
    if (info->dlpi_name && strstr(info->dlpi_name, "libxml2"))
        lo = &xml_lo, hi = &xml_hi;
    else if (info->dlpi_name && strstr(info->dlpi_name, "libexttextcat"))
        lo = &tc_lo, hi = &tc_hi;
    if (!lo) return 0;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type == PT_LOAD && (ph->p_flags & PF_X)) {
            *lo = info->dlpi_addr + ph->p_vaddr;
            *hi = *lo + ph->p_memsz;
        }
    }
    return 0;
}

static size_t slot(void *p)
{
    return (size_t)(((uintptr_t)p >> 4) * 0x9E3779B97F4A7C15ull >> 43);
}

static int is_ours(void *caller);

static void note_alloc(void *p, void *caller)
{
    if (!p || !is_ours(caller)) return;
    size_t i = slot(p) & (LIVE_CAP - 1);
    while (live_set[i])
        i = (i + 1) & (LIVE_CAP - 1);
    live_set[i] = p;
    live++;
}

/* linear probing with backward-shift deletion: no tombstones, so probes
 * stay short over millions of allocations */
static void note_free(void *p)
{
    if (!p || !live) return;
    size_t i = slot(p) & (LIVE_CAP - 1);
    while (live_set[i] && live_set[i] != p)
        i = (i + 1) & (LIVE_CAP - 1);
    if (!live_set[i]) return;
    live--;
    size_t j = i;
    for (;;) {
        live_set[i] = NULL;
        for (;;) {
            j = (j + 1) & (LIVE_CAP - 1);
            if (!live_set[j]) return;
            size_t home = slot(live_set[j]) & (LIVE_CAP - 1);
            /* move j back to i unless its home lies cyclically in (i, j] */
            if (i <= j ? (home <= i || home > j) : (home <= i && home > j)) break;
        }
        live_set[i] = live_set[j];
        i = j;
    }
}

static int is_ours(void *caller)
{
    return (uintptr_t)caller >= text_lo && (uintptr_t)caller < text_hi;
}

/* jansson 2.14's json_loads frees a buffer twice after one of its own
 * allocations fails (found by this test: a crash inside the library that
 * reel cannot prevent), so allocations inside it are never failed;
 * json_loads is interposed here to know when a call is inside it. */
static int in_loads;

json_t *json_loads(const char *input, size_t flags, json_error_t *error)
{
    static json_t *(*real)(const char *, size_t, json_error_t *);
    if (!real) *(void **)&real = dlsym(RTLD_NEXT, "json_loads");
    in_loads++;
    json_t *j = real(input, flags, error);
    in_loads--;
    return j;
}

static int should_fail(void *caller)
{
    if (!armed || in_loads) return 0;
    if (only_ours == 1 && !is_ours(caller)) return 0;
    if ((uintptr_t)caller >= tc_lo && (uintptr_t)caller < tc_hi) return 0;
    int xml = (uintptr_t)caller >= xml_lo && (uintptr_t)caller < xml_hi;
    if ((only_ours == 0 && xml) || (only_ours == 2 && !xml)) return 0;
    calls++;
    if (calls == fail_at) {
        failed = 1;
        if (getenv("REEL_OOM_TRACE")) { /* where the failing call came from */
            armed = 0;
            void *frames[32];
            backtrace_symbols_fd(frames, backtrace(frames, 32), 2);
            armed = 1;
        }
        return 1;
    }
    return 0;
}

void *malloc(size_t n)
{
    if (should_fail(__builtin_return_address(0))) return NULL;
    void *p = __libc_malloc(n);
    note_alloc(p, __builtin_return_address(0));
    return p;
}

void *calloc(size_t a, size_t b)
{
    if (should_fail(__builtin_return_address(0))) return NULL;
    void *p = __libc_calloc(a, b);
    note_alloc(p, __builtin_return_address(0));
    return p;
}

void *realloc(void *old, size_t n)
{
    if (!old) {
        if (should_fail(__builtin_return_address(0))) return NULL;
        void *p = __libc_malloc(n);
        note_alloc(p, __builtin_return_address(0));
        return p;
    }
    if (n == 0) {
        note_free(old);
        __libc_free(old);
        return NULL;
    }
    if (should_fail(__builtin_return_address(0))) return NULL;
    void *p = __libc_realloc(old, n);
    if (p && p != old) {
        /* the block keeps its owner */
        size_t before = (size_t)live;
        note_free(old);
        if ((size_t)live != before) note_alloc(p, (void *)text_lo);
    }
    return p;
}

void free(void *p)
{
    note_free(p);
    __libc_free(p);
}

static void arm(long n)
{
    if (!text_hi) dl_iterate_phdr(phdr_cb, NULL);
    if (!xml_hi) dl_iterate_phdr(lib_cb, NULL);
    calls = 0;
    fail_at = n;
    failed = 0;
    armed = 1;
}

static void disarm(void)
{
    armed = 0;
}

static char *doc_bytes;
static size_t doc_len;
static const char *doc_name;

/* A short plain-text article in our own words: the text reader's path. */
static const char text_doc[] =
    "Arrival review\n\n"
    "By Jo Marsh\n\n"
    "Denis Villeneuve's Arrival stars Amy Adams as Louise Banks, a linguist, and "
    "Jeremy Renner as Ian Donnelly. It is patient, strange and moving.\n\n"
    "\"One of the year's best films,\" a critic said. Grade: B+\n";

/* The record of a run without failures; a run that succeeds under one
 * must give the same bytes (a part quietly left out is a failure too). */
static char *want_json;

/* One document through the pipeline and into a record: 0 or an error. */
static int pipeline_once(reel_ctx *ctx)
{
    reel_doc *d = NULL;
    char *json = NULL;
    int rc = reel_process(&d, ctx, doc_bytes, doc_len, doc_name, REEL_FORMAT_AUTO);
    if (rc == 0) rc = reel_record_to_json(&json, ctx, d, 1);
    if (rc == 0 && !want_json) {
        want_json = json;
        json = NULL;
    } else if (rc == 0 && strcmp(json, want_json) != 0) {
        int was = armed;
        armed = 0;
        size_t k = 0;
        while (json[k] && json[k] == want_json[k])
            k++;
        fprintf(stderr, "record differs at byte %zu: ...%.80s\n   instead of ...%.80s\n",
                k, json + (k > 20 ? k - 20 : 0), want_json + (k > 20 ? k - 20 : 0));
        armed = was;
        rc = 1; /* success with a short record: reported as a failure */
    }
    free(json);
    reel_doc_free(d);
    return rc;
}

static reel_ctx *ctx_with_model(void)
{
    reel_ctx *ctx = NULL;
    assert_int_equal(reel_ctx_new(&ctx), 0);
    char model[4200];
    snprintf(model, sizeof model, "%s/models/sentiment.model", src_dir());
    assert_int_equal(reel_ctx_load_model(ctx, model), 0);
    return ctx;
}

/* The small page of tests/data (ours): each sweep runs the pipeline once
 * per counted allocation, so the document is short. */
static void load_doc(void)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/tests/data/oom-review.html", src_dir());
    doc_bytes = slurp(path, &doc_len);
    doc_name = "oom.html";
    assert_non_null(doc_bytes);
}

static const char *const pass_name[] = {"every call but libxml2's", "reel's own calls",
                                        "libxml2's calls, sampled"};

/* One run with libxml2's allocation n failing, in a child process with a
 * CPU limit: libxml2 2.9 loops in xmlNextChar after some of its own failed
 * allocations (a defect of the library, not reel's: the parse never comes
 * back to reel), so such a run is counted, not waited for. A crash, a leak
 * of reel's blocks or a positive return fails the test. Returns 1 when the
 * run hit that loop, else 0. */
static int libxml2_run_apart(reel_ctx *ctx, long n, long base)
{
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        struct rlimit cpu = {2, 2};
        setrlimit(RLIMIT_CPU, &cpu);
        arm(n);
        int rc = pipeline_once(ctx);
        disarm();
        _exit(rc > 0 ? 3 : live != base ? 2 : 0);
    }
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    if (WIFSIGNALED(status) &&
        (WTERMSIG(status) == SIGXCPU || WTERMSIG(status) == SIGKILL))
        return 1;
    if (WIFSIGNALED(status))
        fail_msg("libxml2's allocation %ld failed: signal %d", n, WTERMSIG(status));
    if (WEXITSTATUS(status) == 2) fail_msg("libxml2's allocation %ld failed: a leak", n);
    if (WEXITSTATUS(status) == 3)
        fail_msg("libxml2's allocation %ld: positive return", n);
    return 0;
}

/* Fail each counted allocation of one pipeline run in turn: every one that
 * reel's own code makes (ours = 1), every one the libraries make too but
 * libxml2 (ours = 0), or a sample of libxml2's own (ours = 2: it spins for
 * a while on some of its failures; REEL_OOM_FULL=1 runs all of them). */
static void pipeline_sweep(reel_ctx *ctx, int ours)
{
    only_ours = ours;
    assert_int_equal(pipeline_once(ctx), 0); /* warm up lazy library state */
    long base = live;
    arm(0);
    assert_int_equal(pipeline_once(ctx), 0);
    disarm();
    long total = calls;
    assert_int_equal(live, base);
    if (ours != 2) assert_true(total > 50);
    long stride = ours != 2 || getenv("REEL_OOM_FULL") ? 1 : total / 12 + 1;
    long errors = 0, absorbed = 0, lazy = 0, runs = 0, spins = 0;
    /* REEL_OOM_FROM=N (and REEL_OOM_TRACE=1) to look at one failure */
    long from = getenv("REEL_OOM_FROM") ? atol(getenv("REEL_OOM_FROM")) : 1;
    if (getenv("REEL_OOM_FROM")) total = from;
    for (long n = from; n <= total; n += stride, runs++) {
        if (ours == 2) {
            spins += libxml2_run_apart(ctx, n, base);
            continue;
        }
        arm(n);
        int rc = pipeline_once(ctx);
        disarm();
        if (rc < 0)
            errors++;
        else if (rc == 0)
            absorbed++;
        else if (getenv("REEL_OOM_LIST"))
            fprintf(stderr, "  %s, %s: allocation %ld: a different record\n", doc_name,
                    pass_name[ours], n);
        else
            fail_msg("%s, %s: allocation %ld: success with a different record (or a "
                     "positive return)",
                     doc_name, pass_name[ours], n);
        if (live != base) {
            /* a library's lazy state (OpenSSL's error queue is made on its
             * first error) stays once; a leak grows on every repeat */
            long after_first = live;
            arm(n);
            pipeline_once(ctx);
            disarm();
            if (live != after_first)
                fail_msg(
                    "%s: allocation %ld of %ld failed: %ld blocks leaked (rc %d: %s)",
                    doc_name, n, total, live - after_first, rc, reel_errmsg(ctx));
            lazy += live - base;
            base = live;
        }
    }
    fprintf(stderr,
            "pipeline (%s), %s: %ld allocations, %ld of them failed in turn: %ld errors, "
            "%ld absorbed, %ld blocks of lazy library state%s\n",
            doc_name, pass_name[ours], total, runs, errors, absorbed, lazy,
            spins ? " (libxml2 looped inside itself on some: see libxml2_run_apart)"
                  : "");
    if (ours == 1 && !getenv("REEL_OOM_FROM")) assert_true(errors > 0);
    /* and the context still works after all that */
    only_ours = 0;
    assert_int_equal(pipeline_once(ctx), 0);
}

static void test_pipeline_every_failure(void **state)
{
    (void)state;
    if (getenv("REEL_OOM_STORE_AT") || getenv("REEL_OOM_STORE_ONLY")) skip();
    load_doc();
    reel_ctx *ctx = ctx_with_model();
    pipeline_sweep(ctx, 1);
    if (!getenv("REEL_OOM_FROM")) {
        pipeline_sweep(ctx, 0);
        pipeline_sweep(ctx, 2);
    }
    free(doc_bytes);
    free(want_json);
    want_json = NULL;
    /* the plain-text reader's path too */
    doc_bytes = strdup(text_doc);
    doc_len = strlen(text_doc);
    doc_name = "oom.txt";
    if (!getenv("REEL_OOM_FROM")) {
        pipeline_sweep(ctx, 1);
        pipeline_sweep(ctx, 0);
    }
    free(doc_bytes);
    free(want_json);
    want_json = NULL;
    reel_ctx_free(ctx);
}

/* Every table of a store as its row count and a digest of its rows (in
 * any order; the columns of times, *_at, left out), as one string: a
 * document stored whole leaves the string of a run that succeeded, a
 * failed one that of the store before it. */
static void table_digest(sqlite3 *h, const char *table, char *out, size_t n)
{
    char q[300];
    snprintf(q, sizeof q, "SELECT * FROM \"%s\"", table);
    sqlite3_stmt *c = NULL;
    uint64_t sum = 0;
    long rows = 0;
    if (sqlite3_prepare_v2(h, q, -1, &c, NULL) == SQLITE_OK) {
        while (sqlite3_step(c) == SQLITE_ROW) {
            uint64_t row = HASH_BASIS;
            for (int k = 0; k < sqlite3_column_count(c); k++) {
                const char *name = sqlite3_column_name(c, k);
                size_t nl = strlen(name);
                if (nl > 3 && !strcmp(name + nl - 3, "_at")) continue;
                const unsigned char *v = sqlite3_column_blob(c, k);
                int len = sqlite3_column_bytes(c, k);
                row = fnv1a_step(row, (uint64_t)(k + 1 + sqlite3_column_type(c, k)));
                row = fnv1a(row, v, (size_t)(len > 0 ? len : 0));
            }
            sum += row;
            rows++;
        }
    }
    sqlite3_finalize(c);
    snprintf(out, n, "%s=%ld:%016llx ", table, rows, (unsigned long long)sum);
}

static void row_counts(const char *db, char *out, size_t n)
{
    sqlite3 *h = NULL;
    out[0] = 0;
    if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        snprintf(out, n, "(cannot open)");
        sqlite3_close(h);
        return;
    }
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(h,
                           "SELECT name FROM sqlite_master WHERE type = 'table' AND "
                           "sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name",
                           -1, &st, NULL) == SQLITE_OK) {
        while (sqlite3_step(st) == SQLITE_ROW) {
            size_t at = strlen(out);
            if (at + 100 < n)
                table_digest(h, (const char *)sqlite3_column_text(st, 0), out + at,
                             n - at);
        }
    }
    sqlite3_finalize(st);
    sqlite3_close(h);
}

static int integrity_ok(const char *db)
{
    sqlite3 *h = NULL;
    int ok = 0;
    if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK) {
        sqlite3_stmt *st = NULL;
        if (sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &st, NULL) == SQLITE_OK &&
            sqlite3_step(st) == SQLITE_ROW)
            ok = !strcmp((const char *)sqlite3_column_text(st, 0), "ok");
        sqlite3_finalize(st);
    }
    sqlite3_close(h);
    return ok;
}

/* Open a store, write one processed document, commit, close. */
static int store_once(reel_ctx *ctx, const char *db, reel_doc *d)
{
    reel_store *st = NULL;
    int added = 0;
    int rc = reel_store_open(&st, ctx, db);
    if (rc == 0) rc = reel_store_begin(st);
    if (rc == 0) rc = reel_store_put_doc(&added, st, d);
    if (rc == 0)
        rc = reel_store_commit(st);
    else if (st)
        reel_store_rollback(st);
    reel_store_close(st);
    return rc;
}

static char db[256], wal[300], shm[300], seed_db[256];

static void remove_store(void)
{
    unlink(db), unlink(wal), unlink(shm);
}

static void copy_file(const char *from, const char *to)
{
    size_t n = 0;
    char *bytes = slurp(from, &n);
    assert_non_null(bytes);
    FILE *f = fopen(to, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(bytes, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
    free(bytes);
}

/* The store under test: new (fresh = 1: the schema made under failures
 * too) or a copy of a store that already holds another article. */
static void fresh_store(int fresh)
{
    remove_store();
    if (!fresh) copy_file(seed_db, db);
}

static void store_sweep(reel_ctx *ctx, reel_doc *d, int ours, int fresh)
{
    only_ours = ours;
    fresh_store(fresh);
    char before[4096], after[4096], now[4096];
    row_counts(db, before, sizeof before);
    if (fresh) before[0] = 0;                    /* no file at all */
    assert_int_equal(store_once(ctx, db, d), 0); /* warm up */
    fresh_store(fresh);
    long base = live;
    arm(0);
    assert_int_equal(store_once(ctx, db, d), 0);
    disarm();
    long total = calls;
    assert_int_equal(live, base);
    row_counts(db, after, sizeof after);
    long errors = 0, runs = 0;
    /* a store run makes thousands of calls (jansson's for the film's
     * report among reel's own, SQLite's): an even sample of about 250 of
     * each kind keeps make check quick; REEL_OOM_FULL=1 fails every one
     * (all passed when this test was written) */
    long stride = getenv("REEL_OOM_FULL") ? 1 : total / 250 + 1;
    long from = 1;
    /* REEL_OOM_STORE_AT=N (and REEL_OOM_TRACE=1) to look at one failure */
    if (getenv("REEL_OOM_STORE_AT")) from = total = atol(getenv("REEL_OOM_STORE_AT"));
    for (long n = from; n <= total; n += stride, runs++) {
        fresh_store(fresh);
        arm(n);
        int rc = store_once(ctx, db, d);
        disarm();
        if (rc > 0) fail_msg("store allocation %ld: positive return %d", n, rc);
        if (rc < 0) errors++;
        if (live != base) {
            long after_first = live;
            fresh_store(fresh);
            arm(n);
            store_once(ctx, db, d);
            disarm();
            if (live != after_first)
                fail_msg(
                    "store allocation %ld of %ld failed: %ld blocks leaked (rc %d: %s)",
                    n, total, live - after_first, rc, reel_errmsg(ctx));
            base = live;
            fresh_store(fresh);
            arm(n);
            rc = store_once(ctx, db, d);
            disarm();
        }
        if (access(db, F_OK) == 0) {
            if (!integrity_ok(db))
                fail_msg("store allocation %ld: integrity check fails", n);
            row_counts(db, now, sizeof now);
            /* the document is there whole (committed) or not at all */
            if (rc == 0 && strcmp(now, after) != 0 && getenv("REEL_OOM_LIST"))
                fprintf(stderr, "  store allocation %ld: ok but a different store\n", n);
            else if (rc == 0 && strcmp(now, after) != 0)
                fail_msg("store allocation %ld: ok but the store holds %s, not %s", n,
                         now, after);
            if (rc < 0 && before[0] && strcmp(now, before) != 0)
                fail_msg(
                    "store allocation %ld: error (%s) but the store holds %s, not %s", n,
                    reel_errmsg(ctx), now, before);
            if (rc < 0 && !before[0] && strstr(now, "articles=") &&
                !strstr(now, "articles=0:"))
                fail_msg("store allocation %ld: error (%s) but the store holds %s", n,
                         reel_errmsg(ctx), now);
            /* and the next run on the same file succeeds */
            if (rc < 0 && store_once(ctx, db, d) != 0)
                fail_msg(
                    "store allocation %ld: the store is unusable after the failure: %s",
                    n, reel_errmsg(ctx));
        } else if (rc == 0) {
            fail_msg("store allocation %ld: ok but no store file", n);
        }
    }
    fprintf(stderr,
            "store (%s), %s: %ld allocations, %ld of them failed in turn: %ld errors\n",
            fresh ? "new" : "holding an article", pass_name[ours], total, runs, errors);
    if (!getenv("REEL_OOM_STORE_AT")) assert_true(errors > 0);
}

static void test_store_every_failure(void **state)
{
    (void)state;
    if (getenv("REEL_OOM_FROM") || getenv("REEL_OOM_PIPELINE_ONLY")) skip();
    load_doc();
    reel_ctx *ctx = ctx_with_model();
    reel_doc *d = NULL, *other = NULL;
    assert_int_equal(
        reel_process(&d, ctx, doc_bytes, doc_len, "oom.html", REEL_FORMAT_AUTO), 0);
    assert_int_equal(reel_process(&other, ctx, text_doc, strlen(text_doc), "other.txt",
                                  REEL_FORMAT_AUTO),
                     0);
    /* on /dev/shm where there is one: hundreds of stores, each synced */
    char dir[] = "/dev/shm/reel-oom-XXXXXX";
    if (access("/dev/shm", W_OK) != 0) memcpy(dir, "/tmp/reel-oom-XXXXX", 20);
    assert_non_null(mkdtemp(dir));
    snprintf(db, sizeof db, "%s/s.db", dir);
    snprintf(wal, sizeof wal, "%s-wal", db);
    snprintf(shm, sizeof shm, "%s-shm", db);
    snprintf(seed_db, sizeof seed_db, "%s/seed.db", dir);
    /* a store that holds one other article, closed (checkpointed) */
    assert_int_equal(store_once(ctx, seed_db, other), 0);

    if (!getenv("REEL_OOM_STORE_PASS") || atoi(getenv("REEL_OOM_STORE_PASS")) == 1)
        store_sweep(ctx, d, 1, 0);
    store_sweep(ctx, d, 0, 0);
    store_sweep(ctx, d, 1, 1);
    store_sweep(ctx, d, 0, 1);
    only_ours = 0;
    remove_store();
    unlink(seed_db);
    rmdir(dir);
    reel_doc_free(d);
    reel_doc_free(other);
    reel_ctx_free(ctx);
    free(doc_bytes);
}

/* Three short reviews of one film in our own words, with scores, cast
 * and quotable sentences: a film report with every part (reception,
 * pull quotes, consensus, facts and a conflict). */
static const char *const film_docs[] = {
    "Arrival review\n\nBy Ana Ruiz, Harbor Film Journal\n\n"
    "Denis Villeneuve directed Arrival, and Amy Adams stars as Louise Banks, a "
    "linguist who learns the language of visitors from space. Jeremy Renner plays "
    "Ian Donnelly. The film is patient, tender and quietly overwhelming from its "
    "first scene to its last.\n\nRating: 4/4\n",
    "Arrival\n\nBy Tom Beck, The Night Screen\n\n"
    "Amy Adams gives a luminous performance as Louise Banks in Arrival, directed by "
    "Denis Villeneuve. Jeremy Renner plays Ian Donelly. A patient and moving film "
    "about language and grief that rewards every minute of attention.\n\n"
    "Score: 9/10\n",
    "Arrival review\n\nBy Lee Park, Cinema North\n\n"
    "Arrival, directed by Denis Villeneuve, casts Amy Adams as the linguist Louise "
    "Banks. The slow middle stretch drags, and the film is more solemn than it is "
    "moving, though Amy Adams is superb.\n\nRating: 2/5\n"};
#define FILM_DOCS (sizeof film_docs / sizeof *film_docs)
static char *film_recs[FILM_DOCS];

/* Two partials of the film's records merged, then finalized: 0 with the
 * report in *out, or an error. */
static int finalize_once(reel_ctx *ctx, char **out)
{
    reel_partial *a = NULL, *b = NULL;
    *out = NULL;
    int rc = reel_partial_new(&a, "arrival");
    if (rc == 0) rc = reel_partial_new(&b, "arrival");
    for (size_t i = 0; i < FILM_DOCS && rc == 0; i++)
        rc = reel_partial_add(ctx, i % 2 ? a : b, film_recs[i]);
    if (rc == 0) rc = reel_partial_merge(ctx, a, b);
    if (rc == 0) rc = reel_partial_finalize(out, ctx, a);
    reel_partial_free(a);
    reel_partial_free(b);
    return rc;
}

/* Aggregation under allocation failures: each one fails the call (an
 * error, nothing leaked) or gives the very report of a run without
 * failures. A report short of its facts, quotes or an article is a
 * failure of this test. */
static void test_finalize_every_failure(void **state)
{
    (void)state;
    if (getenv("REEL_OOM_FROM") || getenv("REEL_OOM_STORE_AT")) skip();
    reel_ctx *ctx = ctx_with_model();
    for (size_t i = 0; i < FILM_DOCS; i++) {
        reel_doc *d = NULL;
        char name[32];
        snprintf(name, sizeof name, "review-%zu.txt", i);
        assert_int_equal(reel_process(&d, ctx, film_docs[i], strlen(film_docs[i]), name, REEL_FORMAT_AUTO),
                         0);
        assert_int_equal(reel_record_to_json(&film_recs[i], ctx, d, 1), 0);
        reel_doc_free(d);
    }
    char *want = NULL, *got = NULL;
    assert_int_equal(finalize_once(ctx, &want), 0); /* warm up */
    free(want);
    for (int ours = 0; ours <= 1; ours++) {
        only_ours = ours;
        arm(0);
        assert_int_equal(finalize_once(ctx, &want), 0);
        disarm();
        long total = calls, base = live; /* `want` is live throughout */
        assert_true(strstr(want, "\"facts\":[{") && strstr(want, "\"pull_quotes\":[{"));
        long errors = 0, runs = 0;
        long stride = getenv("REEL_OOM_FULL") ? 1 : total / 2000 + 1;
        for (long n = 1; n <= total; n += stride, runs++) {
            arm(n);
            int rc = finalize_once(ctx, &got);
            disarm();
            if (rc > 0) fail_msg("finalize allocation %ld: positive return %d", n, rc);
            if (rc < 0) errors++;
            if (rc == 0 && strcmp(got, want) != 0) {
                size_t k = 0;
                while (got[k] && got[k] == want[k])
                    k++;
                fail_msg("finalize allocation %ld of %ld: success with a different "
                         "report at byte %zu: ...%.60s",
                         n, total, k, got + (k > 20 ? k - 20 : 0));
            }
            free(got);
            got = NULL;
            if (live != base)
                fail_msg("finalize allocation %ld of %ld: %ld blocks leaked (rc %d: %s)",
                         n, total, live - base, rc, reel_errmsg(ctx));
        }
        fprintf(stderr,
                "finalize, %s: %ld allocations, %ld of them failed in turn: %ld errors\n",
                pass_name[ours], total, runs, errors);
        assert_true(errors > 0);
        free(want);
        want = NULL;
    }
    only_ours = 0;
    for (size_t i = 0; i < FILM_DOCS; i++)
        free(film_recs[i]);
    reel_ctx_free(ctx);
}
#else
static void test_pipeline_every_failure(void **state)
{
    (void)state;
    fprintf(stderr, "SKIP: allocation-failure tests interpose malloc; they run in the "
                    "normal build, not under AddressSanitizer\n");
    skip();
}
static void test_store_every_failure(void **state)
{
    test_pipeline_every_failure(state);
}
static void test_finalize_every_failure(void **state)
{
    test_pipeline_every_failure(state);
}
#endif

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pipeline_every_failure),
        cmocka_unit_test(test_store_every_failure),
        cmocka_unit_test(test_finalize_every_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
