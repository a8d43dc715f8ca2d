/* cmd_extract.c — `reel extract [--partials] [PATH…]`: the per-article side
 * alone, no database: one record per line on stdout (docs/record.md), or
 * with --partials one "KEY<TAB>PARTIAL" line per article that has a subject
 * film (what `reel merge` reduces; docs/scale.md). With no path it reads
 * standard input, so it runs as a Hadoop Streaming mapper or under Spark's
 * RDD.pipe. Memory stays flat: one document at a time.
 */
#include "docs.h"
#include "partials.h"
#include "render.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    reel_ctx *ctx;
    int partials;
} emitter;

/* The article's partial: its film's key and a partial of this one record
 * (the record without its text: partials never need it). */
static int emit_partial(reel_ctx *ctx, reel_doc *doc)
{
    const char *key = doc->subject.key;
    if (!doc->subject.title || !key || !*key) return 0; /* no film: no partial */
    char *json = NULL;
    reel_partial *p = NULL;
    int rc = reel_record_to_json(&json, ctx, doc, 0);
    if (rc == 0)
        rc =
            reel_partial_new(&p, key) ? reel_error(ctx, REEL_ENOMEM, "out of memory") : 0;
    if (rc == 0) rc = reel_partial_add(ctx, p, json);
    if (rc == 0) rc = cli_partial_print(stdout, ctx, key, p);
    free(json);
    reel_partial_free(p);
    return rc;
}

static int emit(void *user, reel_doc *doc)
{
    emitter *e = user;
    char *json = NULL;
    int rc = e->partials ? emit_partial(e->ctx, doc)
                         : reel_record_to_json(&json, e->ctx, doc, 1);
    if (rc != 0) {
        fprintf(stderr, "reel: %s\n", reel_errmsg(e->ctx));
        free(json);
        return 0; /* this record only */
    }
    if (json) {
        fputs(json, stdout);
        fputc('\n', stdout);
        free(json);
    }
    return ferror(stdout) ? -1 : 0;
}

int cmd_extract(int argc, char **argv)
{
    cli_common c;
    cli_common_defaults(&c);
    const char **paths = calloc((size_t)argc + 2, sizeof *paths);
    int np = 0, rc = EXIT_FAIL, partials = 0;
    if (!paths) return EXIT_FAIL;
    json_t *opts = json_object();
    static const char *const flags[] = {"partials", NULL};
    if (cli_parse(argc, argv, &c, paths, argc, &np, NULL, flags, opts)) {
        json_decref(opts);
        free(paths);
        return EXIT_USAGE;
    }
    partials = json_object_get(opts, "partials") != NULL;
    json_decref(opts);
    if (np == 0) paths[np++] = "-";
    cli_files files = {0};
    cli_files_collect(&files, (char **)paths, np);
    reel_ctx *ctx = cli_ctx(&c, CLI_MODEL_WANT);
    if (!ctx) goto done;
    size_t bad = files.errors;
    cli_progress p;
    cli_progress_start(&p, "extract", files.n, c.quiet);
    emitter e = {ctx, partials};
    if (cli_for_each_doc(ctx, &files, &p, emit, &e, &bad)) {
        fprintf(stderr, "reel: cannot write records to standard output\n");
        goto done;
    }
    fflush(stdout);
    rc = bad == 0 ? EXIT_OKAY : EXIT_PARTIAL;
done:
    reel_ctx_free(ctx);
    cli_files_free(&files);
    free(paths);
    return rc;
}
