/* cmd_article.c — `reel article ID`: one article's record and clean text;
 * ID is its SHA-256 or a prefix of at least 6 hex digits. */
#include "render.h"

static int query(reel_store *st, char **out, void *arg)
{
    return reel_store_article(st, out, arg);
}

static void render(FILE *out, json_t *answer, void *arg)
{
    (void)arg;
    render_article(out, answer);
}

int cmd_article(int argc, char **argv)
{
    cli_common c;
    cli_common_defaults(&c);
    const char *pos[1];
    int npos, rc;
    if ((rc = cli_parse(argc, argv, &c, pos, 1, &npos, NULL, NULL, NULL))) return rc;
    if (npos != 1) {
        fprintf(stderr, "usage: reel article [--db FILE] [--json] ID\n");
        return EXIT_USAGE;
    }
    return cli_run_query(&c, query, render, (void *)pos[0]);
}
