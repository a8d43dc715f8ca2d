/* cli.h — shared pieces of the `reel` command: one function per subcommand
 * (cli/cmd_<name>.c), option helpers, output helpers, exit codes.
 * The command is a thin shell over libreel: it parses arguments, calls the
 * library, prints for people (or JSON with --json) and picks the exit code.
 */
#ifndef REEL_CLI_H
#define REEL_CLI_H

#include "reel.h"
#include <stdio.h>

/* Exit codes (documented in docs/man/reel.1). */
enum {
    EXIT_OKAY = 0,     /* everything worked */
    EXIT_FAIL = 1,     /* the command failed as a whole */
    EXIT_USAGE = 2,    /* bad arguments */
    EXIT_PARTIAL = 3,  /* some inputs were bad; the good ones went in */
    EXIT_NOTFOUND = 4, /* no such film or article */
    EXIT_AMBIGUOUS = 5 /* a title without a year fits several films (listed) */
};

/* Common options every subcommand accepts. */
typedef struct {
    const char *db;     /* --db, else $REEL_DB, else reel.db */
    const char *model;  /* --model, else $REEL_MODEL, else the installed one */
    int json;           /* --json */
    int quiet;          /* --quiet: no progress bar */
} cli_common;

/* Parse a common option at argv[*i]; returns 1 if it was one (advancing *i
 * past its value), 0 if not, -1 on a missing value (message printed). */
int cli_common_opt(cli_common *c, int argc, char **argv, int *i);
void cli_common_defaults(cli_common *c);
/* A context with the model loaded when one is found; prints and returns
 * NULL on failure. `need_model`: fail when no model can be loaded. */
reel_ctx *cli_ctx(const cli_common *c, int need_model);
/* Open the store, printing a one-line error on failure. */
reel_store *cli_store(reel_ctx *ctx, const cli_common *c);

/* Progress bar on stderr, only when stderr is a terminal. */
typedef struct {
    int on;
    size_t total, done;
    double last;
    const char *label;
} cli_progress;
void cli_progress_start(cli_progress *p, const char *label, size_t total, int quiet);
void cli_progress_step(cli_progress *p, size_t done, const char *what);
void cli_progress_end(cli_progress *p);

/* Subcommands: argv[0] is the subcommand's name. */
int cmd_ingest(int argc, char **argv);
int cmd_extract(int argc, char **argv);
int cmd_films(int argc, char **argv);
int cmd_film(int argc, char **argv);
int cmd_facts(int argc, char **argv);
int cmd_article(int argc, char **argv);
int cmd_delete(int argc, char **argv);
int cmd_catalog(int argc, char **argv);
int cmd_search(int argc, char **argv);
int cmd_train(int argc, char **argv);
int cmd_merge(int argc, char **argv);
int cmd_load(int argc, char **argv);
int cmd_migrate(int argc, char **argv);
int cmd_serve(int argc, char **argv);

#endif
