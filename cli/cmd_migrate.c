/* cmd_migrate.c — `reel migrate --from FILE --to postgres://…`: copy a
 * store into another, typically one user's SQLite file into the team's
 * PostgreSQL. Records and text go in as ingest puts them, so the films
 * are rebuilt identically; a second run adds nothing (content hashes).
 */
#include "cli.h"

#include <jansson.h>

#include <stdlib.h>
#include <string.h>

static void step(void *user, size_t copied)
{
    cli_progress *p = user;
    cli_progress_step(p, copied, "articles");
}

/* How many articles a store holds (0 when it cannot say). */
static size_t count_articles(reel_store *st)
{
    char *stats = NULL;
    json_int_t n = 0;
    if (reel_store_stats(&stats, st) == 0) {
        json_t *o = json_loads(stats, 0, NULL);
        n = json_integer_value(json_object_get(o, "articles"));
        json_decref(o);
    }
    free(stats);
    return n > 0 ? (size_t)n : 0;
}

int cmd_migrate(int argc, char **argv)
{
    cli_common c;
    cli_common_defaults(&c);
    const char *from = NULL, *to = NULL;
    long batch = REEL_BATCH_DEFAULT;
    enum { O_FROM = 1, O_TO, O_BATCH };
    static const struct option lo[] = {CLI_COMMON_OPTIONS,
                                       {"from", required_argument, NULL, O_FROM},
                                       {"to", required_argument, NULL, O_TO},
                                       {"batch", required_argument, NULL, O_BATCH},
                                       {NULL, 0, NULL, 0}};
    optind = 1;
    opterr = 0;
    int ch;
    while ((ch = getopt_long(argc, argv, ":q", lo, NULL)) != -1) {
        if (cli_common_take(&c, ch, optarg)) continue;
        if (ch == O_FROM) {
            from = optarg;
        } else if (ch == O_TO) {
            to = optarg;
        } else if (ch == O_BATCH) {
            batch = strtol(optarg, NULL, 10);
            if (batch < 1) batch = 1;
        } else if (ch == ':') {
            /* a common option's missing value is said as every command says it */
            int common = optopt == CLI_OPT_DB || optopt == CLI_OPT_MODEL;
            fprintf(stderr, "reel%s: %s needs a value\n", common ? "" : " migrate",
                    cli_safe(argv[optind - 1]));
            return EXIT_USAGE;
        } else {
            fprintf(stderr, "reel migrate: unknown argument %s\n",
                    cli_safe(argv[optind - 1]));
            return EXIT_USAGE;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "reel migrate: unknown argument %s\n", cli_safe(argv[optind]));
        return EXIT_USAGE;
    }
    if (!from || !to) {
        fprintf(
            stderr,
            "usage: reel migrate --from FILE --to postgres://USER@HOST/DB [--batch N]\n");
        return EXIT_USAGE;
    }
    if (!strcmp(from, to)) {
        fprintf(stderr, "reel migrate: --from and --to name the same store\n");
        return EXIT_USAGE;
    }
    int rc = EXIT_FAIL;
    reel_store *src = NULL, *dst = NULL;
    reel_ctx *ctx = cli_ctx(&c, 0);
    if (!ctx) return EXIT_FAIL;
    cli_common cf = c, ct = c;
    cf.db = from;
    ct.db = to;
    /* the source must exist (cli_store never creates one); the target is
     * made when it is not there */
    if (!(src = cli_store(ctx, &cf)) || !(dst = cli_store_create(ctx, &ct))) goto done;
    size_t copied = 0, added = 0;
    cli_progress p;
    cli_progress_start(&p, "migrate", count_articles(src), c.quiet);
    int failed =
        reel_store_copy_progress(&copied, &added, dst, src, (size_t)batch, step, &p);
    cli_progress_end(&p);
    if (failed) {
        fprintf(stderr, "reel: %s\n", reel_errmsg(ctx));
        fprintf(stderr,
                "reel migrate: %zu articles copied before the error; run again to "
                "complete (what is there is skipped)\n",
                copied);
        goto done;
    }
    if (c.json)
        printf("{\"articles\":%zu,\"added\":%zu,\"unchanged\":%zu}\n", copied, added,
               copied - added);
    else if (!c.quiet)
        fprintf(stderr, "reel: %zu article%s copied: %zu added, %zu already there\n",
                copied, cli_s(copied), added, copied - added);
    rc = EXIT_OKAY;
done:
    reel_store_close(dst);
    reel_store_close(src);
    reel_ctx_free(ctx);
    return rc;
}
