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
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int k = cli_common_opt(&c, argc, argv, &i);
        if (k < 0) return EXIT_USAGE;
        if (k) continue;
        if ((!strcmp(a, "--from") || !strcmp(a, "--to") || !strcmp(a, "--batch")) &&
            i + 1 >= argc) {
            fprintf(stderr, "reel migrate: %s needs a value\n", cli_safe(a));
            return EXIT_USAGE;
        }
        if (!strcmp(a, "--from")) {
            from = argv[++i];
        } else if (!strcmp(a, "--to")) {
            to = argv[++i];
        } else if (!strcmp(a, "--batch")) {
            batch = strtol(argv[++i], NULL, 10);
            if (batch < 1) batch = 1;
        } else {
            fprintf(stderr, "reel migrate: unknown argument %s\n", cli_safe(a));
            return EXIT_USAGE;
        }
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
