/* language.c — the films with an article in a given language
 * (`reel films --language`, `/api/films?language=`). Built above the store
 * interface from reel_store_films and each film's report (whose articles
 * carry their record's `language`), so every backend answers alike and no
 * backend needs a new column; the cost is one report read per film (and
 * the rest of the articles of one past a report's 1000, when those do not
 * have it).
 */
#include "../internal.h"
#include "store.h"

#include <jansson.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* Whether the report `js` lists an article in `language`; *listed: how
 * many it lists, *total: how many the film has. */
static int lists_language(const char *js, const char *language, size_t *listed,
                          size_t *total)
{
    json_t *rep = json_loads(js, 0, NULL), *art;
    json_t *arts = json_object_get(rep, "articles");
    json_t *tot = json_object_get(rep, "articles_total");
    size_t i;
    int found = 0;
    json_array_foreach(arts, i, art)
    {
        const char *l = json_string_value(json_object_get(art, "language"));
        if (l && strcmp(l, language) == 0) found = 1;
    }
    *listed = json_array_size(arts);
    *total = json_is_integer(tot) ? (size_t)json_integer_value(tot) : *listed;
    json_decref(rep);
    return found;
}

/* Whether the film has an article in `language`: in its report's list,
 * else (a film of more articles than a report lists) in the rest. */
static int has_language(reel_store *st, const char *key, const char *language, int *rc)
{
    char *js = NULL;
    size_t listed = 0, total = 0;
    if ((*rc = reel_store_film(&js, st, key))) return 0;
    int found = lists_language(js, language, &listed, &total);
    free(js);
    if (found || total <= listed || total - listed > INT_MAX) return found;
    js = NULL;
    if ((*rc = reel_store_film_page(&js, st, key, (int)(total - listed), (int)listed)))
        return 0;
    found = lists_language(js, language, &listed, &total);
    free(js);
    return found;
}

/* Every film (a page of 500 at a time), kept when it has an article in the
 * language; then the asked page of those. One report read per film: fine
 * for a desk's store, a scan for a crawl's (the store keeps no index of
 * languages). */
int reel_store_films_language(char **out, reel_store *st, const char *query,
                              const char *sort, const char *language, int limit,
                              int offset)
{
    *out = NULL;
    if (!language || !*language)
        return reel_store_films(out, st, query, sort, limit, offset);
    json_t *kept = json_array();
    int rc = 0;
    for (int page_at = 0;; page_at += 500) {
        char *js = NULL;
        if ((rc = reel_store_films(&js, st, query, sort, 500, page_at))) break;
        json_t *page = json_loads(js, 0, NULL), *f;
        free(js);
        json_t *films = json_object_get(page, "films");
        size_t i, n = json_array_size(films);
        json_array_foreach(films, i, f)
        {
            if (has_language(st, json_string_value(json_object_get(f, "key")), language,
                             &rc))
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
    if (limit <= 0) limit = 50;
    if (offset < 0) offset = 0;
    int total = (int)json_array_size(kept);
    json_t *films = json_array();
    for (int i = offset; i < total && i < offset + limit; i++)
        json_array_append(films, json_array_get(kept, (size_t)i));
    json_decref(kept);
    json_t *ans = json_pack("{s:i,s:i,s:i,s:s,s:o}", "total", total, "limit", limit,
                            "offset", offset, "language", language, "films", films);
    *out = ans ? json_dumps(ans, REEL_JSON_FLAGS) : NULL;
    json_decref(ans);
    return *out ? 0 : reel_error(st->ctx, REEL_ENOMEM, "out of memory listing films");
}
