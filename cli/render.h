/* render.h — printing store answers (JSON from the library) for people. */
#ifndef REEL_CLI_RENDER_H
#define REEL_CLI_RENDER_H

#include "cli.h"
#include <jansson.h>

/* Parse the common options and up to `maxpos` positional arguments
 * (getopt_long); extra options "--name VALUE" or "--name=VALUE" are stored
 * in `opts` (names without dashes) and flags ("--name") as "1". Returns 0 or
 * EXIT_USAGE (message printed). */
int cli_parse(int argc, char **argv, cli_common *c, const char **pos, int maxpos,
              int *npos, const char *const *valued, const char *const *flags,
              json_t *opts);

/* The option --`name` of `opts` as a whole number >= min into *out (`dflt`
 * when absent). 0, or EXIT_USAGE with a message for "x", "-1", "2.5". */
int cli_count_opt(json_t *opts, const char *cmd, const char *name, long min, int dflt,
                  int *out);

/* Print a store error and map its code to an exit code. */
int cli_fail(reel_ctx *ctx, int rc);

/* A read command: open the context and store, ask `query` for JSON, print
 * it (--json) or lay it out with `render`; returns the exit code. */
typedef int (*cli_query_fn)(reel_store *st, char **out, void *arg);
typedef void (*cli_render_fn)(FILE *out, json_t *answer, void *arg);
int cli_run_query(const cli_common *c, cli_query_fn query, cli_render_fn render,
                  void *arg);

/* Print JSON text as it is, with a newline. */
void cli_print_json(const char *json);

/* The string member k of an answer ("" included), else dflt; the same
 * for a member with something in it (cli_text_or: dflt for "" too). The
 * command reads answers through the public API only, so it keeps these
 * beside its printing rather than borrow the library's (src/jv.h). */
const char *cli_str_or(json_t *o, const char *k, const char *dflt);
const char *cli_text_or(json_t *o, const char *k, const char *dflt);

void render_film(FILE *out, json_t *report, int conflicts_only, int facts_only);
void render_films(FILE *out, json_t *list);
void render_article(FILE *out, json_t *rec);
void render_search(FILE *out, json_t *res);
/* timeline.c: a film's reviews over time (reel_store_film_timeline). */
void render_timeline(FILE *out, json_t *timeline);
/* timeline.c: films with the date of their first review leading. */
void render_films_first(FILE *out, json_t *list);

#endif
