/* cmd_films.c — `reel films [QUERY] [--sort title|score|reviews]
 * [--limit N] [--offset N] [--language CODE]`: the films in the store;
 * with --language, those with at least one article in that language (the
 * records' ISO 639-1 `language`, read from each film's report). */
#include "render.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *query, *sort, *language;
    int limit, offset;
} films_args;

/* Whether the film's report lists an article in `language`. */
static int has_language(reel_store *st, const char *key, const char *language, int *rc)
{
    char *js = NULL;
    if ((*rc = reel_store_film(st, &js, key))) return 0;
    json_t *rep = json_loads(js, 0, NULL), *a;
    free(js);
    size_t i;
    int found = 0;
    json_array_foreach(json_object_get(rep, "articles"), i, a)
    {
        const char *l = json_string_value(json_object_get(a, "language"));
        if (l && strcmp(l, language) == 0) found = 1;
    }
    json_decref(rep);
    return found;
}

/* Every film (a page of 500 at a time), kept when it has an article in the
 * language; then the asked page of those. One report read per film: fine
 * for a desk's store, a scan for a crawl's (the store keeps no index of
 * languages). */
static int films_in_language(reel_store *st, char **out, films_args *a)
{
    json_t *kept = json_array();
    int rc = 0;
    for (int offset = 0;; offset += 500) {
        char *js = NULL;
        if ((rc = reel_store_films(st, &js, a->query, a->sort, 500, offset))) break;
        json_t *page = json_loads(js, 0, NULL), *f;
        free(js);
        json_t *films = json_object_get(page, "films");
        size_t i, n = json_array_size(films);
        json_array_foreach(films, i, f)
        {
            if (has_language(st, json_string_value(json_object_get(f, "key")),
                             a->language, &rc))
                json_array_append(kept, f);
            if (rc) break;
        }
        json_decref(page);
        if (rc || n < 500) break;
    }
    if (rc) {
        json_decref(kept);
        return rc;
    }
    int limit = a->limit > 0 ? a->limit : 50, offset = a->offset > 0 ? a->offset : 0;
    int total = (int)json_array_size(kept);
    json_t *films = json_array();
    for (int i = offset; i < total && i < offset + limit; i++)
        json_array_append(films, json_array_get(kept, (size_t)i));
    json_decref(kept);
    json_t *ans = json_pack("{s:i,s:i,s:i,s:s,s:o}", "total", total, "limit", limit,
                            "offset", offset, "language", a->language, "films", films);
    *out = json_dumps(ans, JSON_COMPACT);
    json_decref(ans);
    return *out ? 0 : REEL_ENOMEM;
}

static int query(reel_store *st, char **out, void *arg)
{
    films_args *a = arg;
    if (a->language) return films_in_language(st, out, a);
    return reel_store_films(st, out, a->query, a->sort, a->limit, a->offset);
}

static void render(FILE *out, json_t *answer, void *arg)
{
    (void)arg;
    render_films(out, answer);
}

int cmd_films(int argc, char **argv)
{
    cli_common c;
    cli_common_defaults(&c);
    const char *pos[1];
    int npos, rc;
    json_t *opts = json_object();
    static const char *const valued[] = {"sort", "limit", "offset", "language", NULL};
    if ((rc = cli_parse(argc, argv, &c, pos, 1, &npos, valued, NULL, opts)) == 0) {
        const char *limit = json_string_value(json_object_get(opts, "limit"));
        const char *offset = json_string_value(json_object_get(opts, "offset"));
        films_args a = {npos ? pos[0] : NULL,
                        json_string_value(json_object_get(opts, "sort")),
                        json_string_value(json_object_get(opts, "language")),
                        limit ? atoi(limit) : 100, offset ? atoi(offset) : 0};
        rc = cli_run_query(&c, query, render, &a);
    }
    json_decref(opts);
    return rc;
}
