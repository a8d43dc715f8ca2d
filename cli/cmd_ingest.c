/* cmd_ingest.c — `reel ingest [--db FILE] PATH…`: read, analyze and store
 * articles. Batches of --batch documents are one transaction each, so a
 * killed run loses at most the open batch and a re-run completes it (ingest
 * is idempotent by content hash).
 */
#include "docs.h"

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
            fprintf(stderr, "reel ingest: unknown option %s\n", cli_safe(argv[i]));
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
    if (c.json)
        printf("{\"articles\":%zu,\"added\":%zu,\"unchanged\":%zu,\"errors\":%zu}\n", s.seen,
               s.added, s.seen - s.added, bad);
    else
        fprintf(stderr, "reel: %zu articles read: %zu added, %zu already there; %zu errors\n",
                s.seen, s.added, s.seen - s.added, bad);
    rc = bad == 0 ? EXIT_OKAY : (s.seen ? EXIT_PARTIAL : EXIT_FAIL);
done:
    reel_store_close(st);
    reel_ctx_free(ctx);
    cli_files_free(&files);
    free(paths);
    return rc;
}
