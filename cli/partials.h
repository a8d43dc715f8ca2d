/* partials.h — per-film partials in the command: made from a record or
 * parsed from a partial line, and a set of them merged by film key (the
 * in-memory reduce of `reel merge` and the check of `reel load`). */
#ifndef REEL_CLI_PARTIALS_H
#define REEL_CLI_PARTIALS_H

#include "cli.h"
#include <jansson.h>

/* The partial of one input line (`o` is its parsed JSON, `text` the line):
 * a partial line as it is, or a record folded into a new partial. 1 with
 * out and key set (the key borrowed from o); 0 for a record without a
 * subject film (it has no partial); -1 with the message on ctx. */
int cli_partial_of(reel_ctx *ctx, json_t *o, const char *text, reel_partial **out,
                   const char **key);

/* Partials merged by film key. */
typedef struct {
    json_t *index; /* key -> position */
    reel_partial **items;
    char **keys;
    size_t n, cap;
} cli_pset;

void cli_pset_init(cli_pset *s);
/* Join the partials whose alternate titles link their title keys
 * (reel_partials_join), the set keyed again. 0, or -1 with the message. */
int cli_pset_join(cli_pset *s, reel_ctx *ctx);
/* Merge p into the set (the set takes p). 0, or -1 with the message on ctx. */
int cli_pset_add(cli_pset *s, reel_ctx *ctx, const char *key, reel_partial *p);
/* Positions in key order (byte order, as Hadoop sorts). malloc'd. */
size_t *cli_pset_order(const cli_pset *s);
void cli_pset_free(cli_pset *s);

/* Write "KEY<TAB>PARTIAL" (the form Hadoop and Spark partition on) to out.
 * 0, or -1 with the message on ctx. */
int cli_partial_print(FILE *out, reel_ctx *ctx, const char *key, const reel_partial *p);

#endif
