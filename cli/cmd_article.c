/* cmd_article.c — `reel article ID [--versions]`: one article's record and
 * clean text, or the versions of it the store has seen (a page ingested
 * again after it changed replaces the earlier one, which is kept); ID is
 * its SHA-256 or a prefix of at least 6 hex digits. */
#include "render.h"

static int query(reel_store *st, char **out, void *arg)
{
    return reel_store_article(out, st, arg);
}

static void render(FILE *out, json_t *answer, void *arg)
{
    (void)arg;
    render_article(out, answer);
}

static int query_versions(reel_store *st, char **out, void *arg)
{
    return reel_store_versions(out, st, arg);
}

static void render_versions(FILE *out, json_t *answer, void *arg)
{
    (void)arg;
    json_t *v;
    size_t i;
    fprintf(out, "%s\n", json_string_value(json_object_get(answer, "article")));
    json_array_foreach(json_object_get(answer, "versions"), i, v)
    {
        const char *date = json_string_value(json_object_get(v, "date"));
        const char *added = json_string_value(json_object_get(v, "added_at"));
        fprintf(out, "  %.12s  dated %-10.10s  stored %s%s\n",
                json_string_value(json_object_get(v, "id")), date ? date : "-",
                added ? added : "-",
                json_is_true(json_object_get(v, "current")) ? "  (current)" : "");
    }
}

int cmd_article(int argc, char **argv)
{
    cli_common c;
    cli_common_defaults(&c);
    const char *pos[1];
    int npos, rc;
    static const char *const flags[] = {"versions", NULL};
    json_t *opts = json_object();
    if ((rc = cli_parse(argc, argv, &c, pos, 1, &npos, NULL, flags, opts))) goto done;
    if (npos != 1) {
        fprintf(stderr, "usage: reel article [--db FILE] [--json] [--versions] ID\n");
        rc = EXIT_USAGE;
        goto done;
    }
    if (json_object_get(opts, "versions"))
        rc = cli_run_query(&c, query_versions, render_versions, (void *)pos[0]);
    else
        rc = cli_run_query(&c, query, render, (void *)pos[0]);
done:
    json_decref(opts);
    return rc;
}
