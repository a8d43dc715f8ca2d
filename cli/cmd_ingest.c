/* cmd_ingest.c — `reel ingest [--db FILE] PATH…`: read, analyze and store
 * articles. Batches of --batch documents (the store's batch writer) are one
 * transaction each, so a killed run loses at most the open batch and a
 * re-run completes it (ingest is idempotent by content hash). A batch is
 * analysed first and written after, so the store's write lock is held only
 * while rows go in, never while a slow page is analysed: other writers wait
 * milliseconds, not the length of an analysis, and a busy store is waited
 * for (reel_store_begin).
 */
#include "docs.h"
#include "render.h"

#include <jansson.h>

#include <stdlib.h>
#include <string.h>

typedef struct {
    reel_ctx *ctx;
    reel_batch *b;
} sink;

static void busy(void *user)
{
    sink *s = user;
    fprintf(stderr, "\nreel: %s (trying the batch again for up to a minute)\n",
            reel_errmsg(s->ctx));
}

static int put(void *user, reel_doc *doc)
{
    sink *s = user;
    char *rec = NULL;
    if (reel_record_to_json(&rec, s->ctx, doc, 1)) goto fail;
    int rc = reel_batch_put(s->b, rec, NULL, 0);
    free(rec);
    if (rc) goto fail;
    return 0;
fail:
    fprintf(stderr, "\nreel: %s\n", reel_errmsg(s->ctx));
    return -1;
}

int cmd_ingest(int argc, char **argv)
{
    cli_common c;
    cli_common_defaults(&c);
    const char **paths = calloc((size_t)argc + 1, sizeof *paths);
    int np = 0, rc = EXIT_FAIL, batch = REEL_BATCH_DEFAULT;
    if (!paths) return EXIT_FAIL;
    json_t *opts = json_object();
    static const char *const valued[] = {"batch", NULL};
    int bad_args = cli_parse(argc, argv, &c, paths, argc, &np, valued, NULL, opts) ||
                   cli_count_opt(opts, argv[0], "batch", 1, REEL_BATCH_DEFAULT, &batch);
    json_decref(opts);
    if (bad_args) {
        free(paths);
        return EXIT_USAGE;
    }
    if (np == 0) {
        fprintf(stderr, "usage: reel ingest [--db FILE] [--batch N] PATH...\n");
        free(paths);
        return EXIT_USAGE;
    }
    cli_files files = {0};
    cli_files_collect(&files, (char **)paths, np);
    reel_ctx *ctx = cli_ctx(&c, CLI_MODEL_WANT);
    reel_store *st = ctx ? cli_store_create(ctx, &c) : NULL;
    if (!st) goto done;
    /* a film growing over many batches is rebuilt in steps, and once at the
     * end (reel_store_settle), not at every batch */
    reel_store_defer(st, 1);
    /* a store that cannot answer now (its database server restarting,
     * the connection cut mid-batch) is tried again for up to a minute */
    sink s = {ctx, NULL};
    reel_batch_opts bo = {(size_t)batch, NULL, 60000, busy, NULL, &s};
    if (reel_batch_new(&s.b, st, &bo)) {
        fprintf(stderr, "reel: %s\n", reel_errmsg(ctx));
        goto done;
    }
    size_t bad = files.errors;
    cli_progress p;
    cli_progress_start(&p, "ingest", files.n, c.quiet);
    int failed = cli_for_each_doc(ctx, &files, &p, put, &s, &bad);
    if (!failed && reel_batch_flush(s.b)) {
        fprintf(stderr, "reel: %s\n", reel_errmsg(ctx));
        failed = 1;
    }
    size_t seen = reel_batch_records(s.b);
    reel_batch_free(s.b);
    /* what the batches left stale (and what a stopped ingest before this
     * one left); after a failure, the next writer's */
    if (!failed && reel_store_settle(st)) {
        fprintf(stderr, "reel: %s\n", reel_errmsg(ctx));
        failed = 1;
    }
    if (failed) {
        rc = EXIT_FAIL;
        goto done;
    }
    /* what the committed batches added: exact under concurrent writers */
    size_t added = (size_t)reel_store_added(st);
    /* which model predicted the verdicts: null when none did */
    const char *model = reel_ctx_model_path(ctx);
    json_t *mj = model ? json_string(model) : json_null();
    char *ms = json_dumps(mj, JSON_ENCODE_ANY);
    json_decref(mj);
    if (c.json)
        printf("{\"articles\":%zu,\"added\":%zu,\"unchanged\":%zu,\"errors\":%zu,"
               "\"model\":%s}\n",
               seen, added, seen - added, bad, ms ? ms : "null");
    else if (!c.quiet)
        fprintf(stderr,
                "reel: %zu article%s read: %zu added, %zu already there; %zu error%s\n",
                seen, cli_s(seen), added, seen - added, bad, cli_s(bad));
    free(ms);
    rc = bad == 0 ? EXIT_OKAY : (seen ? EXIT_PARTIAL : EXIT_FAIL);
    /* without a model, reviews without a printed score went in without a
       verdict: not a clean run unless asked for (--no-model) */
    if (rc == EXIT_OKAY && !model && !c.no_model) rc = EXIT_PARTIAL;
done:
    reel_store_close(st);
    reel_ctx_free(ctx);
    cli_files_free(&files);
    free(paths);
    return rc;
}
