/* main.c — the `reel` command: dispatch to one function per subcommand.
 * Everything real happens in libreel; see docs/man/reel.1.
 */
#include "cli.h"

#include <string.h>

/* Options every command that reads or writes the store takes. */
#define OPT_DB                                                                           \
    "  --db FILE|URL      a SQLite file or postgres:// URL ($REEL_DB, else reel.db)\n"
#define OPT_JSON                                                                         \
    "  --json             machine-readable output (the same JSON as the HTTP API)\n"
#define OPT_CSV "  --csv              the list as CSV (RFC 4180: header row, UTF-8)\n"
#define OPT_QUIET "  -q, --quiet        no progress line and no summary\n"
#define OPT_MODEL                                                                        \
    "  --model FILE       the sentiment model ($REEL_MODEL, else the installed one)\n"   \
    "  --no-model         predict nothing; no warning that no model was found\n"
#define OPT_PAGE                                                                         \
    "  --limit N          at most N answers (a whole number of 1 or more)\n"             \
    "  --offset N         skip the first N (0 or more)\n"

static const cli_command commands[] = {
    {"ingest", cmd_ingest, "read, analyze and store articles (files, directories, -)",
     "[--db FILE|URL] [--batch N] [--model FILE] [--no-model] [--json] [--quiet] PATH...",
     OPT_DB
     "  --batch N          documents per transaction (default 100)\n" OPT_MODEL OPT_JSON
         OPT_QUIET},
    {"extract", cmd_extract, "analyze articles to JSON-lines records, no database",
     "[--partials] [--model FILE] [--no-model] [--quiet] [PATH...]   (stdin when no "
     "PATH)",
     "  --partials         one KEY<TAB>PARTIAL line per film article, for reel "
     "merge\n" OPT_MODEL OPT_QUIET},
    {"films", cmd_films, "list the films in the store",
     "[QUERY] [--sort title|score|reviews|year|first-review] [--limit N] [--offset N]\n"
     "            [--language CODE] [--db FILE|URL] [--json|--csv]",
     "  QUERY              films whose title holds it (case and accents ignored)\n"
     "  --sort KEY         title (default), score (best first), reviews (most "
     "first),\n"
     "                     year (oldest first), first-review (earliest first)\n" OPT_PAGE
     "  --language CODE    films with an article in that language (ISO 639-1: en, "
     "fr)\n" OPT_DB OPT_JSON OPT_CSV},
    {"film", cmd_film, "one film's report: reception, facts, articles",
     "TITLE [--limit N] [--offset N] [--timeline] [--db FILE|URL] [--json|--csv]\n"
     "            (any title variant, or a key; \"Dune (2021)\" names the year when the\n"
     "            title has several films)",
     "  --limit N          a page of N of its articles (default 100), in id order;\n"
     "                     without it the report lists the first 1000\n"
     "  --offset N         the page from the Nth article (default 0)\n"
     "  --timeline         its reviews by date, with the running share positive\n" OPT_DB
         OPT_JSON "  --csv              its articles (or timeline points) as CSV\n"},
    {"facts", cmd_facts, "a film's facts, reconciled across sources",
     "TITLE [--conflicts] [--db FILE|URL] [--json|--csv]",
     "  --conflicts        only the facts the sources disagree on\n" OPT_DB OPT_JSON
         OPT_CSV},
    {"article", cmd_article, "one article's record and text, or its versions",
     "ID [--versions] [--db FILE|URL] [--json]   (the SHA-256, or 6+ hex digits of it)",
     "  --versions         the article's versions, oldest first\n" OPT_DB OPT_JSON},
    {"catalog", cmd_catalog, "import a film catalog (titles, years, ids: docs/catalog.md)",
     "import [--db FILE|URL] [--json] FILE...   (reel TSV or IMDb title.*.tsv[.gz])",
     OPT_DB OPT_JSON},
    {"delete", cmd_delete, "remove an article and its part in its film",
     "ID | --url URL [--db FILE|URL] [--json]",
     "  --url URL          the article with this canonical URL\n" OPT_DB OPT_JSON},
    {"search", cmd_search, "full-text search of the articles",
     "QUERY [--limit N] [--offset N] [--db FILE|URL] [--json|--csv]",
     OPT_PAGE OPT_DB OPT_JSON OPT_CSV},
    {"critics", cmd_critics, "the critics of the stored reviews, with their figures",
     "[QUERY] [--sort reviews|name|score|agreement] [--limit N] [--offset N]\n"
     "            [--db FILE|URL] [--json|--csv]",
     "  QUERY              critics whose name holds it (case and accents ignored)\n"
     "  --sort KEY         reviews (most first, default), name, score (highest\n"
     "                     average first), agreement (with each film's "
     "consensus)\n" OPT_PAGE OPT_DB OPT_JSON OPT_CSV},
    {"critic", cmd_critic, "one critic: reviews, average, spread, agreement",
     "NAME [--limit N] [--offset N] [--db FILE|URL] [--json|--csv]   (any case, accents,\n"
     "            \"By ...\"; or a part of the name only one critic's holds)",
     "  --limit N          a page of N of their reviews, newest first (default 20)\n"
     "  --offset N         the page from the Nth review (default 0)\n" OPT_DB OPT_JSON OPT_CSV},
    {"outlets", cmd_outlets, "the outlets of the stored reviews, with their figures",
     "[QUERY] [--sort reviews|name|score|agreement] [--limit N] [--offset N]\n"
     "            [--db FILE|URL] [--json|--csv]",
     "  QUERY              outlets whose name holds it (case and accents ignored)\n"
     "  --sort KEY         reviews (default), name, score, agreement\n" OPT_PAGE OPT_DB
         OPT_JSON OPT_CSV},
    {"outlet", cmd_outlet, "one outlet: reviews, critics, average, agreement",
     "NAME [--limit N] [--offset N] [--db FILE|URL] [--json|--csv]",
     "  --limit N          a page of N of its reviews, newest first (default 20)\n"
     "  --offset N         the page from the Nth review (default 0)\n" OPT_DB OPT_JSON OPT_CSV},
    {"train", cmd_train, "train the sentiment model (`train names`: the names model)", NULL,
     cmd_train_usage},
    {"merge", cmd_merge, "merge per-film partials (a reducer)",
     "[--sorted] [--report] [--quiet] [FILE...]   (KEY<TAB>PARTIAL lines; stdin when no "
     "FILE)",
     "  --sorted           input grouped by key (a streaming reducer): constant memory\n"
     "  --report           each film's finished report, not its partial\n" OPT_QUIET},
    {"load", cmd_load, "load records or partials into the store",
     "[--db FILE|URL] [--batch N] [--json] [--quiet] [FILE...]",
     OPT_DB
     "  --batch N          records per transaction (default 100)\n" OPT_JSON OPT_QUIET},
    {"migrate", cmd_migrate, "copy a SQLite store into PostgreSQL",
     "--from FILE --to postgres://... [--batch N] [--json] [--quiet]",
     "  --from FILE        the SQLite store to copy\n"
     "  --to URL           the PostgreSQL store (postgres://...)\n"
     "  --batch N          articles per transaction (default 100)\n" OPT_JSON OPT_QUIET},
    {"export", cmd_export, "a whole table of the store as CSV or JSON lines",
     "[--format csv|jsonl] [--output FILE] [--db FILE|URL] films|articles|facts",
     "  --format F         csv (default: RFC 4180, header row) or jsonl\n"
     "  --output FILE      write there, not to standard output\n" OPT_DB OPT_QUIET},
    {"serve", cmd_serve, "the JSON HTTP API and web pages",
     "[--db FILE|URL] [--listen HOST:PORT] [--token T] [--threads N] [--max-body MiB]\n"
     "            [--request-timeout MS] [--cors ORIGIN] [--no-cache]   (docs/api.md)",
     OPT_DB "  --listen HOST:PORT where to listen (default 127.0.0.1:8080)\n"
            "  --token T          require 'Authorization: Bearer T' to POST articles\n"
            "  --threads N        worker threads\n"
            "  --max-body MiB     largest article a POST may send\n"
            "  --request-timeout MS  longest a request may take the store (default 10000)\n"
            "  --cors ORIGIN      let pages of ORIGIN (or *) read the API from scripts\n"
            "  --no-cache         no in-memory cache of answers\n" OPT_MODEL},
    {"completion", cmd_completion, "print the shell completion script (bash)",
     "bash   (source it, or install it as\n"
     "            /usr/share/bash-completion/completions/reel: make install does)",
     NULL},
};

#define N_COMMANDS (sizeof commands / sizeof *commands)

const cli_command *cli_commands(size_t *n)
{
    *n = N_COMMANDS;
    return commands;
}

/* Command i's usage on stdout: synopsis, what it does, every option. 0 when
 * the command prints its own. */
static int command_usage(size_t i)
{
    if (!commands[i].synopsis) return 0;
    printf("usage: reel %s %s\n\n%s.\n", commands[i].name, commands[i].synopsis,
           commands[i].help);
    if (commands[i].options) printf("\noptions:\n%s", commands[i].options);
    printf(
        "  -h, --help         this help\n\nsee man reel for the exit codes and more.\n");
    return 1;
}

/* Edits (insert, delete, substitute, swap two neighbours) from a to b. */
static size_t edit_distance(const char *a, const char *b)
{
    size_t n = strlen(a), m = strlen(b);
    if (n > 31 || m > 31) return 99;
    size_t d[32][32];
    for (size_t i = 0; i <= n; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= m; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= n; i++)
        for (size_t j = 1; j <= m; j++) {
            size_t best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            if (d[i - 1][j] + 1 < best) best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best) best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    return d[n][m];
}

/* The commands a mistyped name is closest to (within 2 edits, or the one
 * it begins), on stderr. */
static void did_you_mean(const char *name)
{
    size_t best = 3, n = 0;
    for (size_t i = 0; i < N_COMMANDS; i++) {
        size_t d = edit_distance(name, commands[i].name);
        if (strlen(name) >= 2 && !strncmp(commands[i].name, name, strlen(name))) d = 1;
        if (d < best) best = d;
    }
    if (best > 2) return;
    for (size_t i = 0; i < N_COMMANDS; i++) {
        size_t d = edit_distance(name, commands[i].name);
        if (strlen(name) >= 2 && !strncmp(commands[i].name, name, strlen(name))) d = 1;
        if (d != best) continue;
        fprintf(stderr, "%s '%s'", n++ ? " or" : "did you mean", commands[i].name);
    }
    fprintf(stderr, "?\n");
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
    for (size_t i = 0; i < N_COMMANDS; i++)
        fprintf(f, "  %-8s %s\n", commands[i].name, commands[i].help);
    fprintf(f,
            "\ncommon options: --db FILE|postgres://... (or $REEL_DB), --model FILE,\n"
            "  --json (machine-readable output), --quiet (no progress line, no summary)\n"
            "reel COMMAND --help (or reel help COMMAND) for a command's options;\n"
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
    for (size_t i = 0; i < N_COMMANDS; i++) {
        if (strcmp(name, commands[i].name) != 0) continue;
        if ((help || asks_help(argc - 1, argv + 1)) && command_usage(i)) return EXIT_OKAY;
        if (help) { /* a command that prints its own usage (train) */
            char *again[] = {argv[2], (char *)"--help", NULL};
            return commands[i].fn(2, again);
        }
        return commands[i].fn(argc - 1, argv + 1);
    }
    fprintf(stderr, "reel: unknown command '%s'\n", cli_safe(name));
    did_you_mean(name);
    fprintf(stderr, "reel --help lists the commands.\n");
    return EXIT_USAGE;
}
