/* main.c — the `reel` command: dispatch to one function per subcommand.
 * Everything real happens in libreel; see docs/man/reel.1.
 */
#include "cli.h"

#include <string.h>

static const struct {
    const char *name;
    int (*fn)(int, char **);
    const char *help;
} commands[] = {
    {"ingest", cmd_ingest, "read, analyze and store articles (files, directories, -)"},
    {"extract", cmd_extract, "analyze articles to JSON-lines records, no database"},
    {"films", cmd_films, "list the films in the store"},
    {"film", cmd_film, "one film's report: reception, facts, articles"},
    {"facts", cmd_facts, "a film's facts, reconciled across sources"},
    {"article", cmd_article, "one article's record and text"},
    {"search", cmd_search, "full-text search of the articles"},
    {"train", cmd_train, "train the sentiment model from labelled reviews"},
    {"merge", cmd_merge, "merge per-film partials (a reducer)"},
    {"load", cmd_load, "load records or partials into the store"},
    {"migrate", cmd_migrate, "copy a SQLite store into PostgreSQL"},
    {"serve", cmd_serve, "the JSON HTTP API and web pages"},
};

static void usage(FILE *f)
{
    fprintf(f, "usage: reel COMMAND [options] [args]\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        fprintf(f, "  %-8s %s\n", commands[i].name, commands[i].help);
    fprintf(f, "\ncommon options: --db FILE|postgres://... (or $REEL_DB), --model FILE,\n"
               "  --json (machine-readable output), --quiet (no progress bar)\n"
               "see man reel for exit codes and details.\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return EXIT_OKAY;
    }
    if (!strcmp(argv[1], "--version")) {
        printf("reel %s (record version %d)\n", REEL_VERSION, REEL_RECORD_VERSION);
        return EXIT_OKAY;
    }
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (!strcmp(argv[1], commands[i].name)) return commands[i].fn(argc - 1, argv + 1);
    fprintf(stderr, "reel: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return EXIT_USAGE;
}
