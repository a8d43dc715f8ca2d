/* cmd_ingest.c — `reel ingest [--db FILE] PATH…`: read, analyze and store
 * articles. Batches of --batch documents are one transaction each, so a
 * killed run loses at most the open batch and a re-run completes it (ingest
 * is idempotent by content hash).
 */
#include "docs.h"
#include "render.h"

#include <jansson.h>

#include <stdlib.h>
#include <string.h>

typedef struct {
    reel_store *st;
    reel_ctx *ctx;
    size_t seen, added, in_batch, batch;
} sink;

static int put(void *user, reel_doc *doc)
{
    sink *s = user;
    int added = 0;
    if (s->in_batch == 0 && reel_store_begin(s->st)) goto fail;
    if (reel_store_put_doc(s->st, doc, &added)) goto fail;
    s->seen++;
    s->added += (size_t)added;
    if (++s->in_batch >= s->batch) {
        s->in_batch = 0;
        if (reel_store_commit(s->st)) goto fail;
    }
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
    int np = 0, rc = EXIT_FAIL, batch = 100;
    if (!paths) return EXIT_FAIL;
    json_t *opts = json_object();
    static const char *const valued[] = {"batch", NULL};
    int bad_args = cli_parse(argc, argv, &c, paths, argc, &np, valued, NULL, opts) ||
                   cli_count_opt(opts, argv[0], "batch", 1, 100, &batch);
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
    reel_store *st = ctx ? cli_store(ctx, &c) : NULL;
    if (!st) goto done;
    sink s = {st, ctx, 0, 0, 0, (size_t)batch};
    size_t bad = files.errors;
    cli_progress p;
    cli_progress_start(&p, "ingest", files.n, c.quiet);
    int failed = cli_for_each_doc(ctx, &files, &p, put, &s, &bad);
    if (!failed && s.in_batch && reel_store_commit(st)) {
        fprintf(stderr, "reel: %s\n", reel_errmsg(ctx));
        failed = 1;
    }
    if (failed) {
        reel_store_rollback(st);
        rc = EXIT_FAIL;
        goto done;
    }
    /* what the committed batches added: exact under concurrent writers */
    s.added = (size_t)reel_store_added(st);
    /* which model predicted the verdicts: null when none did */
    const char *model = reel_ctx_model_path(ctx);
    json_t *mj = model ? json_string(model) : json_null();
    char *ms = json_dumps(mj, JSON_ENCODE_ANY);
    json_decref(mj);
    if (c.json)
        printf("{\"articles\":%zu,\"added\":%zu,\"unchanged\":%zu,\"errors\":%zu,"
               "\"model\":%s}\n",
               s.seen, s.added, s.seen - s.added, bad, ms ? ms : "null");
    else if (!c.quiet)
        fprintf(stderr,
                "reel: %zu article%s read: %zu added, %zu already there; %zu error%s\n",
                s.seen, cli_s(s.seen), s.added, s.seen - s.added, bad, cli_s(bad));
    free(ms);
    rc = bad == 0 ? EXIT_OKAY : (s.seen ? EXIT_PARTIAL : EXIT_FAIL);
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
