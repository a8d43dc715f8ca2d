/* cmd_extract.c — `reel extract [PATH…]`: the per-article side alone, no
 * database: one record per line on stdout (docs/record.md). With no path it
 * reads standard input, so it runs as a Hadoop Streaming mapper or under
 * Spark's RDD.pipe. Memory stays flat: one document at a time.
 */
#include "docs.h"

#include <stdlib.h>
#include <string.h>

static int emit(void *user, reel_doc *doc)
{
    reel_ctx *ctx = user;
    char *json = NULL;
    if (reel_record_to_json(ctx, &json, doc, 1) != 0) {
        fprintf(stderr, "reel: %s\n", reel_errmsg(ctx));
        return 0; /* this record only */
    }
    fputs(json, stdout);
    fputc('\n', stdout);
    free(json);
    return ferror(stdout) ? -1 : 0;
}

int cmd_extract(int argc, char **argv)
{
    cli_common c;
    cli_common_defaults(&c);
    char **paths = calloc((size_t)argc + 2, sizeof *paths);
    int np = 0, rc = EXIT_FAIL;
    if (!paths) return EXIT_FAIL;
    for (int i = 1; i < argc; i++) {
        int k = cli_common_opt(&c, argc, argv, &i);
        if (k < 0) {
            free(paths);
            return EXIT_USAGE;
        }
        if (k) continue;
        if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "reel extract: unknown option %s\n", argv[i]);
            free(paths);
            return EXIT_USAGE;
        }
        paths[np++] = argv[i];
    }
    if (np == 0) paths[np++] = "-";
    cli_files files = {0};
    cli_files_collect(&files, paths, np);
    reel_ctx *ctx = cli_ctx(&c, 0);
    if (!ctx) goto done;
    size_t bad = files.errors;
    cli_progress p;
    cli_progress_start(&p, "extract", files.n, c.quiet || files.n < 2);
    if (cli_for_each_doc(ctx, &files, &p, emit, ctx, &bad)) {
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
