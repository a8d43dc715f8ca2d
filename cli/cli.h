/* cli.h — shared pieces of the `reel` command: one function per subcommand
 * (cli/cmd_<name>.c), option helpers, output helpers, exit codes.
 * The command is a thin shell over libreel: it parses arguments, calls the
 * library, prints for people (or JSON with --json) and picks the exit code.
 */
#ifndef REEL_CLI_H
#define REEL_CLI_H

#include "reel.h"
#include <getopt.h>
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

/* `s` (a file name, an argument) as one printable line: control
 * characters, bidi overrides and invalid UTF-8 escaped (src/escape.c).
 * The result lives until the 8th call after this one. */
const char *cli_safe(const char *s);

/* Common options every subcommand accepts. */
typedef struct {
    const char *db;    /* --db, else $REEL_DB, else reel.db */
    const char *model; /* --model, else $REEL_MODEL, else the installed one */
    int json;          /* --json */
    int quiet;         /* --quiet: no progress bar, no summary */
    int no_model;      /* --no-model: predict nothing, and say nothing of it */
    /* --csv: a command that sets csv_rows (the name of its answer's array:
     * "films", "hits") before cli_parse takes --csv, and cli_run_query then
     * prints that array as CSV (reel_json_to_csv), csv_first's columns
     * leading (may be NULL) */
    int csv;
    const char *csv_rows;
    const char *const *csv_first;
} cli_common;

/* The common options as getopt_long entries, for a command's own table
 * (with "q" in its short options): --json, -q/--quiet, --no-model, --db,
 * --model; --csv is added by cli_parse when the command sets csv_rows. */
enum { CLI_OPT_JSON = 1000, CLI_OPT_NO_MODEL, CLI_OPT_DB, CLI_OPT_MODEL, CLI_OPT_CSV };
/* clang-format off */
#define CLI_COMMON_OPTIONS                                                               \
    {"json", no_argument, NULL, CLI_OPT_JSON},                                           \
    {"quiet", no_argument, NULL, 'q'},                                                   \
    {"no-model", no_argument, NULL, CLI_OPT_NO_MODEL},                                   \
    {"db", required_argument, NULL, CLI_OPT_DB},                                         \
    {"model", required_argument, NULL, CLI_OPT_MODEL}
/* clang-format on */
/* Apply the common option getopt_long returned as `ch` (its value `arg`):
 * 1 if it was one, 0 if it is the command's own. */
int cli_common_take(cli_common *c, int ch, const char *arg);
void cli_common_defaults(cli_common *c);
/* How a command uses the sentiment model. */
enum {
    CLI_MODEL_NONE = 0, /* predicts nothing (queries): none loaded */
    CLI_MODEL_WANT = 1, /* predicts when it can: a missing model is said once */
    CLI_MODEL_NEED = 2  /* cannot work without one */
};
/* A context with the model loaded as `model` says: --model, else beside
 * the binary, else $REEL_MODEL or the installed one. Prints and returns
 * NULL on failure (a model that is there but broken is one). */
reel_ctx *cli_ctx(const cli_common *c, int model);
/* Open the existing store (a missing one is an error: reading commands
 * never create one), printing a one-line error on failure. */
reel_store *cli_store(reel_ctx *ctx, const cli_common *c);
/* The same, making the store when there is none and saying so on stderr
 * (ingest, load, migrate --to). */
reel_store *cli_store_create(reel_ctx *ctx, const cli_common *c);

/* Progress line on stderr, only when stderr is a terminal (progress.c):
 * files or items done of `total`, articles, bytes of the input. */
typedef struct {
    int on;
    size_t total, done; /* files (or items) */
    size_t docs;        /* articles read so far */
    uint64_t bytes_total, bytes_done;
    double start, last;
    const char *label;
} cli_progress;
void cli_progress_start(cli_progress *p, const char *label, size_t total, int quiet);
/* `done` items of total (a count-only progress: migrate) */
void cli_progress_step(cli_progress *p, size_t done, const char *what);
/* starting file number `file`; the bytes of the input read before it */
void cli_progress_file(cli_progress *p, size_t file, uint64_t bytes_done,
                       const char *what);
/* one more article; the bytes of the input read so far */
void cli_progress_doc(cli_progress *p, uint64_t bytes_done, const char *what);
void cli_progress_end(cli_progress *p);

/* "s" after a count that is not 1: "1 error", "2 errors". */
const char *cli_s(size_t n);

/* Subcommands: argv[0] is the subcommand's name. */
int cmd_ingest(int argc, char **argv);
int cmd_extract(int argc, char **argv);
int cmd_films(int argc, char **argv);
int cmd_film(int argc, char **argv);
int cmd_facts(int argc, char **argv);
/* `reel train names` (cmd_train_names.c), reached through cmd_train. */
int cmd_train_names(int argc, char **argv);
int cmd_article(int argc, char **argv);
int cmd_delete(int argc, char **argv);
int cmd_catalog(int argc, char **argv);
int cmd_search(int argc, char **argv);
int cmd_train(int argc, char **argv);
extern const char cmd_train_usage[]; /* its usage text (it prints its own) */
int cmd_merge(int argc, char **argv);
int cmd_load(int argc, char **argv);
int cmd_migrate(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_completion(int argc, char **argv);

/* The command table of main.c: each subcommand's name, function, one-line
 * help, synopsis (NULL: it prints its own usage) and option lines. */
typedef struct {
    const char *name;
    int (*fn)(int, char **);
    const char *help;
    const char *synopsis;
    const char *options; /* each option on its own line, for --help; with no
                            synopsis, the usage text the command prints */
} cli_command;
const cli_command *cli_commands(size_t *n);
int cmd_critics(int argc, char **argv);
int cmd_critic(int argc, char **argv);
int cmd_outlets(int argc, char **argv);
int cmd_outlet(int argc, char **argv);
int cmd_export(int argc, char **argv);

#endif
