/* docs.c — the loop `ingest` and `extract` share: every document of every
 * input file, read, cleaned, segmented and analyzed, handed to a callback.
 * A bad file or record is one line on stderr naming it; the rest go on.
 */
#include "docs.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int cli_for_each_doc(reel_ctx *ctx, const cli_files *files, cli_progress *p,
                     int (*fn)(void *user, reel_doc *doc), void *user, size_t *bad)
{
    /* the input's size, when its files have one, so progress moves within
       one big file too */
    uint64_t before = 0;
    p->bytes_total = 0;
    for (size_t i = 0; i < files->n; i++) {
        struct stat st;
        if (strcmp(files->paths[i], "-") != 0 && stat(files->paths[i], &st) == 0 &&
            S_ISREG(st.st_mode))
            p->bytes_total += (uint64_t)st.st_size;
    }
    for (size_t i = 0; i < files->n; i++) {
        const char *path = files->paths[i];
        reel_reader *r = NULL;
        struct stat st;
        uint64_t size =
            strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISREG(st.st_mode)
                ? (uint64_t)st.st_size
                : 0;
        cli_progress_file(p, i, before, path);
        if (reel_reader_open(&r, ctx, path) != 0) {
            cli_progress_end(p);
            fprintf(stderr, "reel: %s\n", reel_errmsg(ctx));
            (*bad)++;
            before += size;
            continue;
        }
        for (;;) {
            reel_doc *doc = NULL;
            int rc = reel_reader_next(&doc, r);
            if (rc == REEL_EDONE) break;
            if (rc == 0) rc = reel_process_doc(ctx, doc);
            if (rc != 0) {
                cli_progress_end(p);
                fprintf(stderr, "reel: %s\n", reel_errmsg(ctx));
                (*bad)++;
                reel_doc_free(doc);
                if (rc == REEL_EIO || rc == REEL_ENOMEM) break; /* the stream is gone */
                continue;
            }
            /* the sinks (a record, the store) want the analysis, not the
             * tokens it was made from: at 12 bytes a word they are the
             * largest part of a large page, so they go before the record
             * is written */
            free(doc->tokens);
            doc->tokens = NULL;
            doc->n_tokens = 0;
            uint64_t at = reel_reader_offset(r);
            cli_progress_doc(p, before + (at < size ? at : size), path);
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
        before += size;
    }
    cli_progress_file(p, files->n, before, NULL);
    cli_progress_end(p);
    return 0;
}
