/* cmd_search.c — `reel search QUERY [--limit N] [--offset N] [--csv]`: full-text
 * search over the clean text, case- and accent-insensitive. */
#include "render.h"

#include <stdlib.h>

typedef struct {
    const char *query;
    int limit, offset;
} search_args;

static int query(reel_store *st, char **out, void *arg)
{
    search_args *a = arg;
    return reel_store_search(out, st, a->query, a->limit, a->offset);
}

static void render(FILE *out, json_t *answer, void *arg)
{
    (void)arg;
    render_search(out, answer);
}

int cmd_search(int argc, char **argv)
{
    cli_common c;
    cli_common_defaults(&c);
    c.csv_rows = "hits";
    const char *pos[1];
    int npos, rc;
    json_t *opts = json_object();
    static const char *const valued[] = {"limit", "offset", NULL};
    if ((rc = cli_parse(argc, argv, &c, pos, 1, &npos, valued, NULL, opts)) == 0) {
        if (npos != 1) {
            fprintf(stderr, "usage: reel search [--db FILE] [--json] QUERY\n");
            rc = EXIT_USAGE;
        } else {
            search_args a = {pos[0], 20, 0};
            if ((rc = cli_count_opt(opts, argv[0], "limit", 1, 20, &a.limit)) == 0 &&
                (rc = cli_count_opt(opts, argv[0], "offset", 0, 0, &a.offset)) == 0)
                rc = cli_run_query(&c, query, render, &a);
        }
    }
    json_decref(opts);
    return rc;
}
