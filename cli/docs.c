/* docs.c — the loop `ingest` and `extract` share: every document of every
 * input file, read, cleaned, segmented and analyzed, handed to a callback.
 * A bad file or record is one line on stderr naming it; the rest go on.
 */
#include "docs.h"

#include <string.h>

int cli_for_each_doc(reel_ctx *ctx, const cli_files *files, cli_progress *p,
                     int (*fn)(void *user, reel_doc *doc), void *user, size_t *bad)
{
    for (size_t i = 0; i < files->n; i++) {
        const char *path = files->paths[i];
        reel_reader *r = NULL;
        cli_progress_step(p, i, path);
        if (reel_reader_open(ctx, &r, path) != 0) {
            cli_progress_end(p);
            fprintf(stderr, "reel: %s\n", reel_errmsg(ctx));
            (*bad)++;
            continue;
        }
        for (;;) {
            reel_doc *doc = NULL;
            int rc = reel_reader_next(r, &doc);
            if (rc == REEL_EDONE) break;
            if (rc == 0) rc = reel_clean(ctx, doc);
            if (rc == 0) rc = reel_segment(ctx, doc);
            if (rc == 0) rc = reel_analyze(ctx, doc);
            if (rc != 0) {
                cli_progress_end(p);
                fprintf(stderr, "reel: %s\n", reel_errmsg(ctx));
                (*bad)++;
                reel_doc_free(doc);
                if (rc == REEL_EIO || rc == REEL_ENOMEM) break; /* the stream is gone */
                continue;
            }
            rc = fn(user, doc);
            reel_doc_free(doc);
            if (rc) {
                reel_reader_free(r);
                return rc; /* the sink failed (database): stop */
            }
        }
        size_t skipped = reel_reader_skipped(r);
        if (skipped) {
            cli_progress_end(p);
            fprintf(stderr, "reel: %s: %zu records skipped (not HTML responses)\n",
                    cli_safe(path), skipped);
        }
        reel_reader_free(r);
    }
    cli_progress_step(p, files->n, NULL);
    cli_progress_end(p);
    return 0;
}
