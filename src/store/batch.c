/* batch.c — the store's batch writer: records are kept as they come and
 * written REEL_BATCH_DEFAULT (or the caller's size) at a time, each batch
 * one transaction, so a killed writer loses at most the open batch (puts
 * are idempotent: a re-run completes it) and the write lock is held only
 * while rows go in. `reel ingest`, `reel load` and reel_store_copy
 * (`reel migrate`) write through it.
 */
#include "store.h"

#include <time.h>

typedef struct {
    char *json;         /* a record as text, or */
    json_t *rec;        /* one already parsed (reel_store_copy) */
    const char *origin; /* where it came from, for opts.refused (borrowed) */
    size_t line;
} waiting_record;

struct reel_batch {
    reel_store *st;
    reel_batch_opts o;
    waiting_record *w;
    size_t n, cap;
    size_t records, added; /* of the committed batches */
};

int reel_batch_new(reel_batch **out, reel_store *st, const reel_batch_opts *opts)
{
    reel_batch *b = calloc(1, sizeof *b);
    *out = NULL;
    if (!b) return reel_error(st->ctx, REEL_ENOMEM, "out of memory");
    b->st = st;
    if (opts) b->o = *opts;
    if (!b->o.size) b->o.size = REEL_BATCH_DEFAULT;
    *out = b;
    return 0;
}

static void drop_waiting(reel_batch *b)
{
    for (size_t i = 0; i < b->n; i++) {
        free(b->w[i].json);
        json_decref(b->w[i].rec);
    }
    b->n = 0;
}

void reel_batch_free(reel_batch *b)
{
    if (!b) return;
    drop_waiting(b);
    free(b->w);
    free(b);
}

/* The waiting records in one transaction; a record the store refuses as
 * malformed is the caller's to name (opts.refused) and is skipped, else
 * it fails the batch, which is rolled back. */
static int write_once(reel_batch *b, size_t *records, size_t *added)
{
    reel_store *st = b->st;
    int rc = reel_store_begin(st);
    *records = *added = 0;
    for (size_t i = 0; i < b->n && !rc; i++) {
        int a = 0;
        rc = b->w[i].rec ? store_put_json(st, b->w[i].rec, &a)
                         : reel_store_put_record(&a, st, b->w[i].json);
        if ((rc == REEL_EFORMAT || rc == REEL_EINVAL) && b->o.refused) {
            b->o.refused(b->o.user, b->w[i].origin, b->w[i].line);
            rc = 0;
            continue;
        }
        if (rc) break;
        (*records)++;
        *added += (size_t)a;
    }
    if (rc)
        reel_store_rollback(st);
    else
        rc = reel_store_commit(st);
    return rc;
}

static double seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int reel_batch_flush(reel_batch *b)
{
    if (!b->n) return 0;
    double start = seconds();
    size_t records = 0, added = 0;
    int rc, said = 0;
    /* a store that cannot answer now (its server restarting, the
     * connection cut mid-batch) is tried again, the same records, for up
     * to opts.busy_ms: writing a batch twice stores it once */
    for (unsigned ms = 250;; ms = ms < 4000 ? ms * 2 : 4000) {
        rc = write_once(b, &records, &added);
        if (rc != REEL_EBUSY || (seconds() - start) * 1000 >= b->o.busy_ms) break;
        if (!said++ && b->o.busy) b->o.busy(b->o.user);
        struct timespec ts = {(time_t)(ms / 1000), (long)(ms % 1000) * 1000000L};
        nanosleep(&ts, NULL);
    }
    drop_waiting(b);
    if (rc) return rc;
    b->records += records;
    b->added += added;
    if (b->o.committed) b->o.committed(b->o.user, b->records);
    return 0;
}

static waiting_record *push(reel_batch *b)
{
    if (b->n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 16;
        waiting_record *w = realloc(b->w, cap * sizeof *w);
        if (!w) return NULL;
        b->w = w;
        b->cap = cap;
    }
    waiting_record *w = &b->w[b->n];
    memset(w, 0, sizeof *w);
    return w;
}

int reel_batch_put(reel_batch *b, const char *record_json, const char *origin,
                   size_t line)
{
    waiting_record *w = push(b);
    if (!w || !(w->json = strdup(record_json)))
        return reel_error(b->st->ctx, REEL_ENOMEM, "out of memory");
    w->origin = origin;
    w->line = line;
    b->n++;
    return b->n >= b->o.size ? reel_batch_flush(b) : 0;
}

int store_batch_put_json(reel_batch *b, json_t *rec)
{
    waiting_record *w = push(b);
    if (!w) {
        json_decref(rec);
        return reel_error(b->st->ctx, REEL_ENOMEM, "out of memory");
    }
    w->rec = rec;
    b->n++;
    return b->n >= b->o.size ? reel_batch_flush(b) : 0;
}

size_t reel_batch_records(const reel_batch *b)
{
    return b ? b->records : 0;
}

size_t reel_batch_added(const reel_batch *b)
{
    return b ? b->added : 0;
}
