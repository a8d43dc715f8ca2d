/* cmd_ingest.c — `reel ingest [--db FILE] PATH…`: read, analyze and store
 * articles. Batches of --batch documents are one transaction each, so a
 * killed run loses at most the open batch and a re-run completes it (ingest
 * is idempotent by content hash). A batch is analysed first and written
 * after, so the store's write lock is held only while rows go in, never
 * while a slow page is analysed: other writers wait milliseconds, not the
 * length of an analysis, and a busy store is waited for (reel_store_begin).
 */
#include "docs.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct {
    reel_store *st;
    reel_ctx *ctx;
    size_t seen, batch;
    char **pending; /* records (JSON with text) of the batch, analysed */
    size_t n_pending, cap_pending;
} sink;

static void pending_clear(sink *s)
{
    for (size_t i = 0; i < s->n_pending; i++)
        free(s->pending[i]);
    s->n_pending = 0;
}

/* Write the analysed batch in one transaction. */
static int write_batch(sink *s)
{
    int rc, added = 0;
    if ((rc = reel_store_begin(s->st))) return rc;
    for (size_t i = 0; i < s->n_pending && !rc; i++)
        rc = reel_store_put_record(s->st, s->pending[i], &added);
    if (rc)
        reel_store_rollback(s->st);
    else
        rc = reel_store_commit(s->st);
    return rc;
}

static double seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Write the batch; a store that cannot answer now (its database server
 * restarting, the connection cut mid-batch) is tried again, the same
 * records, for up to a minute: writing a batch twice stores it once. */
static int flush(sink *s)
{
    if (!s->n_pending) return 0;
    double start = seconds();
    int rc, said = 0;
    for (unsigned ms = 250;; ms = ms < 4000 ? ms * 2 : 4000) {
        rc = write_batch(s);
        if (rc != REEL_EBUSY || seconds() - start >= 60) break;
        if (!said++)
            fprintf(stderr, "\nreel: %s (trying the batch again for up to a minute)\n",
                    reel_errmsg(s->ctx));
        struct timespec ts = {(time_t)(ms / 1000), (long)(ms % 1000) * 1000000L};
        nanosleep(&ts, NULL);
    }
    if (!rc) s->seen += s->n_pending;
    pending_clear(s);
    return rc;
}

static int put(void *user, reel_doc *doc)
{
    sink *s = user;
    char *rec = NULL;
    if (s->n_pending == s->cap_pending) {
        size_t cap = s->cap_pending ? s->cap_pending * 2 : 16;
        char **p = realloc(s->pending, cap * sizeof *p);
        if (!p) {
            reel_error(s->ctx, REEL_ENOMEM, "out of memory");
            goto fail;
        }
        s->pending = p;
        s->cap_pending = cap;
    }
    if (reel_record_to_json(s->ctx, &rec, doc, 1)) goto fail;
    s->pending[s->n_pending++] = rec;
    if (s->n_pending >= s->batch && flush(s)) goto fail;
    return 0;
fail:
    fprintf(stderr, "\nreel: %s\n", reel_errmsg(s->ctx));
    return -1;
}

int cmd_ingest(int argc, char **argv)
{
    cli_common c;
    cli_common_defaults(&c);
    char **paths = calloc((size_t)argc + 1, sizeof *paths);
    int np = 0, rc = EXIT_FAIL;
    long batch = 100;
    if (!paths) return EXIT_FAIL;
    for (int i = 1; i < argc; i++) {
        int k = cli_common_opt(&c, argc, argv, &i);
        if (k < 0) {
            free(paths);
            return EXIT_USAGE;
        }
        if (k) continue;
        if (!strcmp(argv[i], "--batch") && i + 1 < argc) {
            batch = strtol(argv[++i], NULL, 10);
            if (batch < 1) batch = 1;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "reel ingest: unknown option %s\n", argv[i]);
            free(paths);
            return EXIT_USAGE;
        } else {
            paths[np++] = argv[i];
        }
    }
    if (np == 0) {
        fprintf(stderr, "usage: reel ingest [--db FILE] [--batch N] PATH...\n");
        free(paths);
        return EXIT_USAGE;
    }
    cli_files files = {0};
    cli_files_collect(&files, paths, np);
    reel_ctx *ctx = cli_ctx(&c, 0);
    reel_store *st = ctx ? cli_store_create(ctx, &c) : NULL;
    if (!st) goto done;
    sink s = {st, ctx, 0, (size_t)batch, NULL, 0, 0};
    size_t bad = files.errors;
    cli_progress p;
    cli_progress_start(&p, "ingest", files.n, c.quiet);
    int failed = cli_for_each_doc(ctx, &files, &p, put, &s, &bad);
    if (!failed && flush(&s)) {
        fprintf(stderr, "reel: %s\n", reel_errmsg(ctx));
        failed = 1;
    }
    pending_clear(&s);
    free(s.pending);
    if (failed) {
        rc = EXIT_FAIL;
        goto done;
    }
    /* what the committed batches added: exact under concurrent writers */
    size_t added = (size_t)reel_store_added(st);
    if (c.json)
        printf("{\"articles\":%zu,\"added\":%zu,\"unchanged\":%zu,\"errors\":%zu}\n",
               s.seen, added, s.seen - added, bad);
    else
        fprintf(stderr,
                "reel: %zu articles read: %zu added, %zu already there; %zu errors\n",
                s.seen, added, s.seen - added, bad);
    rc = bad == 0 ? EXIT_OKAY : (s.seen ? EXIT_PARTIAL : EXIT_FAIL);
done:
    reel_store_close(st);
    reel_ctx_free(ctx);
    cli_files_free(&files);
    free(paths);
    return rc;
}
