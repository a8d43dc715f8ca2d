/* cmd_export.c — `reel export --format csv|jsonl films|articles|facts`:
 * a whole table of the store on standard output (or --output FILE), as
 * reel_store_export streams it: the columns are docs/schema.md's, the
 * memory bounded whatever the store's size. */
#include "render.h"

#include <stdlib.h>
#include <string.h>

static int write_out(void *user, const char *data, size_t len)
{
    return fwrite(data, 1, len, (FILE *)user) == len ? 0 : -1;
}

int cmd_export(int argc, char **argv)
{
    cli_common c;
    cli_common_defaults(&c);
    const char *pos[1];
    int npos, rc;
    json_t *opts = json_object();
    static const char *const valued[] = {"format", "output", NULL};
    if ((rc = cli_parse(argc, argv, &c, pos, 1, &npos, valued, NULL, opts)) != 0)
        goto done;
    const char *format = json_string_value(json_object_get(opts, "format"));
    const char *path = json_string_value(json_object_get(opts, "output"));
    if (!format) format = "csv";
    if (npos != 1 || (strcmp(format, "csv") && strcmp(format, "jsonl")) ||
        (strcmp(pos[0], "films") && strcmp(pos[0], "articles") &&
         strcmp(pos[0], "facts"))) {
        fprintf(stderr, "usage: reel export [--format csv|jsonl] [--output FILE] "
                        "[--db FILE|URL] films|articles|facts\n");
        rc = EXIT_USAGE;
        goto done;
    }
    reel_ctx *ctx = cli_ctx(&c, CLI_MODEL_NONE);
    reel_store *st = ctx ? cli_store(ctx, &c) : NULL;
    FILE *out = stdout;
    rc = EXIT_FAIL;
    if (st && path && !(out = fopen(path, "wb")))
        fprintf(stderr, "reel export: cannot write %s\n", cli_safe(path));
    if (st && out) {
        long rows = 0;
        int r = reel_store_export(&rows, st, pos[0], format, write_out, out);
        if (fflush(out) != 0 && !r) {
            fprintf(stderr, "reel export: the output could not be written\n");
        } else if (r) {
            rc = cli_fail(ctx, r);
        } else {
            rc = EXIT_OKAY;
            if (!c.quiet && path)
                fprintf(stderr, "reel: %ld %s written to %s\n", rows,
                        rows == 1 ? "row" : "rows", cli_safe(path));
        }
    }
    if (out && out != stdout) fclose(out);
    reel_store_close(st);
    reel_ctx_free(ctx);
done:
    json_decref(opts);
    return rc;
}
