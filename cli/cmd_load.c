/* cmd_load.c — `reel load [--db FILE] [--batch N] [FILE...]`: the end of a
 * sharded run. Record lines (`reel extract` output) go into the store in
 * batches of N, one transaction each, idempotent by article id like ingest;
 * the store builds every film's report from its records. Partial lines
 * (`reel merge` output) hold no text, so they are not stored: they are
 * checked, after the records are in, against the store's report of their
 * film, and each film whose report differs is named (docs/scale.md).
 */
#include "lines.h"
#include "partials.h"
#include "render.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    reel_ctx *ctx;
    reel_store *st;
    /* the records, written a batch at a time when one is full, so the
     * store's write lock is not held while the input is read (a pipe from
     * `reel extract` analysing as it goes) */
    reel_batch *b;
    size_t bad;
    cli_pset partials;
} loader;

/* A bad record is named and skipped (it is checked before any write). */
static void refused(void *user, const char *path, size_t line_no)
{
    loader *l = user;
    fprintf(stderr, "reel: %s: line %zu: %s\n", path, line_no, reel_errmsg(l->ctx));
    l->bad++;
}

/* One record into the open batch. 0, or an error when the store failed
 * (the batch is rolled back). */
static int put(loader *l, const char *json, const cli_lines *L)
{
    return reel_batch_put(l->b, json, L->path, L->line_no);
}

/* One line: a record, a partial, or an error for that line. */
static int take(loader *l, const char *json, const cli_lines *L)
{
    json_error_t err;
    json_t *obj = json_loads(json, 0, &err);
    int rc = 0;
    if (!json_is_object(obj)) {
        reel_error(l->ctx, REEL_EFORMAT, "not a JSON object: %s", err.text);
        rc = 1;
    } else if (json_object_get(obj, "record_version")) {
        rc = put(l, json, L);
    } else if (json_object_get(obj, "partial_version")) {
        reel_partial *p = NULL;
        const char *key = NULL;
        rc = cli_partial_of(l->ctx, obj, json, &p, &key) == 1
                 ? cli_pset_add(&l->partials, l->ctx, key, p)
                 : 1;
    } else {
        reel_error(l->ctx, REEL_EFORMAT, "neither a record nor a partial");
        rc = 1;
    }
    json_decref(obj);
    if (rc == 1) {
        fprintf(stderr, "reel: %s: line %zu: %s\n", cli_safe(L->path), L->line_no,
                reel_errmsg(l->ctx));
        l->bad++;
        rc = 0;
    }
    return rc;
}

/* One film of a merged partial (its report `mine`) against the store's:
 * 1 same, 0 differs (named on stderr), or a negative error. */
static int same_film(loader *l, const char *key, const char *mine)
{
    json_t *rep = json_loads(mine, 0, NULL);
    const char *id =
        json_string_value(json_object_get(json_object_get(rep, "film"), "id"));
    char *stored = NULL, *want = strdup(id ? id : key);
    json_decref(rep);
    if (!want) return reel_error(l->ctx, REEL_ENOMEM, "out of memory");
    int r = reel_store_film(&stored, l->st, want), rc = 1;
    if (r == 0 && !strcmp(mine, stored)) {
        rc = 1;
    } else if (r == 0 || r == REEL_ENOTFOUND || r == REEL_EAMBIGUOUS) {
        fprintf(stderr, "reel: film '%s': %s\n", want,
                r ? "in the partials but not in the store (load its records)"
                  : "the store's report differs from the merged partials (the store "
                    "holds other articles of it, or the partials are stale)");
        rc = 0;
    } else {
        rc = r;
    }
    free(stored);
    free(want);
    return rc;
}

/* Each merged partial against the store's reports of its films (a title's
 * partial holds every film of that title, one report a line). */
static int verify(loader *l, size_t *same, size_t *differ)
{
    if (cli_pset_join(&l->partials, l->ctx)) return REEL_ENOMEM;
    size_t *order = cli_pset_order(&l->partials);
    if (!order) return reel_error(l->ctx, REEL_ENOMEM, "out of memory");
    int rc = 0;
    for (size_t i = 0; i < l->partials.n && !rc; i++) {
        const char *key = l->partials.keys[order[i]];
        char *mine = NULL;
        rc = reel_partial_finalize(&mine, l->ctx, l->partials.items[order[i]]);
        if (rc) break;
        int all = 1;
        for (char *line = mine, *next; line && *line && !rc; line = next) {
            next = strchr(line, '\n');
            if (next) *next++ = 0;
            int r = same_film(l, key, line);
            if (r < 0)
                rc = r;
            else if (!r)
                all = 0;
        }
        if (!rc) all ? (*same)++ : (*differ)++;
        free(mine);
    }
    free(order);
    return rc;
}

int cmd_load(int argc, char **argv)
{
    cli_common c;
    cli_common_defaults(&c);
    loader l;
    memset(&l, 0, sizeof l);
    cli_pset_init(&l.partials);
    cli_lines L;
    memset(&L, 0, sizeof L);
    const char **paths = calloc((size_t)argc + 1, sizeof *paths);
    json_t *opts = json_object();
    static const char *const valued[] = {"batch", NULL};
    int np = 0, rc = EXIT_FAIL;
    if (!paths || !opts) goto done;
    if ((rc = cli_parse(argc, argv, &c, paths, argc, &np, valued, NULL, opts))) goto done;
    rc = EXIT_FAIL;
    const char *batch = json_string_value(json_object_get(opts, "batch"));
    reel_batch_opts bo = {
        batch && atol(batch) > 0 ? (size_t)atol(batch) : 0, refused, 0, NULL, NULL, &l};
    /* loading needs no model: records already carry their analysis */
    if (reel_ctx_new(&l.ctx)) goto done;
    if (!(l.st = cli_store_create(l.ctx, &c))) goto done;
    if (reel_batch_new(&l.b, l.st, &bo)) {
        fprintf(stderr, "reel: %s\n", reel_errmsg(l.ctx));
        goto done;
    }
    /* a film loaded over many batches is rebuilt in steps (store/stale.c) */
    reel_store_defer(l.st, 1);
    cli_lines_open(&L, paths, np);
    char *json, *prefix;
    int failed = 0;
    while (!failed && cli_lines_next(&L, &json, &prefix))
        failed = take(&l, json, &L) != 0;
    if (!failed) failed = reel_batch_flush(l.b) != 0;
    size_t records = reel_batch_records(l.b), added = reel_batch_added(l.b);
    /* the films left stale (after a failure, the next writer's) */
    if (!failed) failed = reel_store_settle(l.st) != 0;
    size_t same = 0, differ = 0;
    if (!failed) failed = verify(&l, &same, &differ) != 0;
    if (failed) {
        fprintf(stderr, "reel: %s\n", reel_errmsg(l.ctx));
        reel_store_rollback(l.st);
        goto done;
    }
    size_t errors = l.bad + L.errors;
    if (c.json)
        printf("{\"records\":%zu,\"added\":%zu,\"unchanged\":%zu,\"partials\":%zu,"
               "\"partials_matching\":%zu,\"partials_differing\":%zu,\"errors\":%zu}\n",
               records, added, records - added, l.partials.n, same, differ, errors);
    else if (!c.quiet)
        fprintf(
            stderr,
            "reel: %zu record%s: %zu added, %zu already there; %zu film%s partials: %zu "
            "match the store, %zu differ; %zu error%s\n",
            records, cli_s(records), added, records - added, l.partials.n,
            l.partials.n == 1 ? "'s" : "s'", same, differ, errors, cli_s(errors));
    rc = errors || differ ? EXIT_PARTIAL : EXIT_OKAY;
done:
    reel_batch_free(l.b);
    reel_store_close(l.st);
    cli_pset_free(&l.partials);
    cli_lines_close(&L);
    reel_ctx_free(l.ctx);
    json_decref(opts);
    free(paths);
    return rc;
}
