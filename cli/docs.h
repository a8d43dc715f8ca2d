/* docs.h — iterate analyzed documents over input files. */
#ifndef REEL_CLI_DOCS_H
#define REEL_CLI_DOCS_H

#include "walk.h"

/* Calls fn for each document; bad files/records are reported and counted
 * in *bad. Returns fn's first non-zero result (which stops the loop). */
int cli_for_each_doc(reel_ctx *ctx, const cli_files *files, cli_progress *p,
                     int (*fn)(void *user, reel_doc *doc), void *user, size_t *bad);

#endif
