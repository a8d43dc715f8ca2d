/* main.c — the `reel` command: dispatch to one function per subcommand.
 * Everything real happens in libreel; see docs/man/reel.1.
 */
#include "cli.h"

#include <string.h>

static const struct {
    const char *name;
    int (*fn)(int, char **);
    const char *help;
    const char *synopsis; /* NULL: the command prints its own --help */
} commands[] = {
    {"ingest", cmd_ingest, "read, analyze and store articles (files, directories, -)",
     "[--db FILE|URL] [--batch N] [--model FILE] [--json] [--quiet] PATH..."},
    {"extract", cmd_extract, "analyze articles to JSON-lines records, no database",
     "[--partials] [--model FILE] [--quiet] [PATH...]   (stdin when no PATH)"},
    {"films", cmd_films, "list the films in the store",
     "[QUERY] [--sort title|score|reviews] [--limit N] [--offset N] [--db FILE|URL] "
     "[--json]"},
    {"film", cmd_film, "one film's report: reception, facts, articles",
     "TITLE [--db FILE|URL] [--json]   (any title variant, or a key; \"Dune (2021)\"\n"
     "            names the year when the title has several films)"},
    {"facts", cmd_facts, "a film's facts, reconciled across sources",
     "TITLE [--conflicts] [--db FILE|URL] [--json]"},
    {"article", cmd_article, "one article's record and text, or its versions",
     "ID [--versions] [--db FILE|URL] [--json]   (the SHA-256, or 6+ hex digits of it)"},
    {"catalog", cmd_catalog, "import a film catalog (titles, years, ids: docs/catalog.md)",
     "import [--db FILE|URL] [--json] FILE...   (reel TSV or IMDb title.*.tsv[.gz])"},
    {"delete", cmd_delete, "remove an article and its part in its film",
     "ID | --url URL [--db FILE|URL] [--json]"},
    {"search", cmd_search, "full-text search of the articles",
     "QUERY [--limit N] [--offset N] [--db FILE|URL] [--json]"},
    {"train", cmd_train, "train the sentiment model from labelled reviews", NULL},
    {"merge", cmd_merge, "merge per-film partials (a reducer)",
     "[--sorted] [--report] [--quiet] [FILE...]   (KEY<TAB>PARTIAL lines; stdin when no "
     "FILE)"},
    {"load", cmd_load, "load records or partials into the store",
     "[--db FILE|URL] [--batch N] [--json] [--quiet] [FILE...]"},
    {"migrate", cmd_migrate, "copy a SQLite store into PostgreSQL",
     "--from FILE --to postgres://... [--batch N] [--json] [--quiet]"},
    {"serve", cmd_serve, "the JSON HTTP API and web pages",
     "[--db FILE|URL] [--listen HOST:PORT] [--token T] [--threads N] [--max-body MiB]\n"
     "            [--no-cache]   (docs/api.md)"},
};

/* Command i's usage on stdout. 0 when the command prints its own. */
static int command_usage(size_t i)
{
    if (!commands[i].synopsis) return 0;
    printf("usage: reel %s %s\n\n%s.\nsee man reel for the options and exit codes.\n",
           commands[i].name, commands[i].synopsis, commands[i].help);
    return 1;
}

static int asks_help(int argc, char **argv)
{
    for (int a = 1; a < argc; a++)
        if (!strcmp(argv[a], "--help") || !strcmp(argv[a], "-h")) return 1;
    return 0;
}

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
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
        (!strcmp(argv[1], "help") && argc == 2)) {
        usage(stdout);
        return EXIT_OKAY;
    }
    if (!strcmp(argv[1], "--version")) {
        printf("reel %s (record version %d)\n", REEL_VERSION, REEL_RECORD_VERSION);
        return EXIT_OKAY;
    }
    /* "reel help CMD" is "reel CMD --help" */
    int help = !strcmp(argv[1], "help") && argc > 2;
    const char *name = help ? argv[2] : argv[1];
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++) {
        if (strcmp(name, commands[i].name) != 0) continue;
        if ((help || asks_help(argc - 1, argv + 1)) && command_usage(i)) return EXIT_OKAY;
        if (help) { /* a command that prints its own usage (train) */
            char *again[] = {argv[2], (char *)"--help", NULL};
            return commands[i].fn(2, again);
        }
        return commands[i].fn(argc - 1, argv + 1);
    }
    fprintf(stderr, "reel: unknown command '%s'\n", name);
    usage(stderr);
    return EXIT_USAGE;
}
