/* film_page.c — a page of a film's article list. A stored report
 * lists only its first FILM_REPORT_ARTICLES articles (aggregate.c); a page
 * within them is cut from it, a page past them is read by forming the
 * film's title again from its articles (film_reports, every article). */
#include "store.h"

#include <jansson.h>

/* The whole article list of the film `id` of title key `key` (new ref). */
int store_film_articles(reel_store *st, const char *key, const char *id, json_t **out)
{
    json_t *reps = NULL, *rep;
    size_t i;
    *out = NULL;
    int rc = film_reports(st->ctx, st, key, 0, &reps);
    json_array_foreach(reps, i, rep)
    {
        if (rc) break;
        const char *rid =
            json_string_value(json_object_get(json_object_get(rep, "film"), "id"));
        if (rid && !strcmp(rid, id)) *out = json_incref(json_object_get(rep, "articles"));
    }
    json_decref(reps);
    if (!rc && !*out)
        rc = reel_error(st->ctx, REEL_ENOTFOUND,
                        "the film '%s' changed while it was read", id);
    return rc;
}

int reel_store_film_page(char **out, reel_store *st, const char *title, int limit,
                         int offset)
{
    *out = NULL;
    if (limit < 1 || offset < 0)
        return reel_error(st->ctx, REEL_EINVAL,
                          "limit must be 1 or more and offset 0 or more");
    char *json = NULL;
    int rc = reel_store_film(&json, st, title);
    if (rc) {
        *out = json; /* the films an ambiguous title fits */
        return rc;
    }
    json_t *rep = json_loads(json, 0, NULL);
    free(json);
    json_t *film = json_object_get(rep, "film");
    json_t *arts = json_object_get(rep, "articles");
    if (!json_is_object(rep) || !json_is_array(arts)) {
        json_decref(rep);
        return reel_error(st->ctx, REEL_EDB, "'%s': the stored report is damaged", title);
    }
    json_t *tot = json_object_get(rep, "articles_total");
    size_t total =
        json_is_integer(tot) ? (size_t)json_integer_value(tot) : json_array_size(arts);
    size_t from = (size_t)offset, to = from + (size_t)limit;
    if (to > total) to = total;
    json_t *all = NULL;
    if (to > json_array_size(arts)) {
        rc = store_film_articles(st, json_string_value(json_object_get(film, "key")),
                                 json_string_value(json_object_get(film, "id")), &all);
        if (rc) {
            json_decref(rep);
            return rc;
        }
        arts = all;
        total = json_array_size(all);
        if (to > total) to = total;
    }
    json_t *page = json_array();
    for (size_t i = from; i < to; i++)
        json_array_append(page, json_array_get(arts, i));
    json_decref(all);
    json_object_set_new(rep, "articles", page);
    json_object_set_new(rep, "articles_total", json_integer((json_int_t)total));
    json_object_set_new(rep, "articles_limit", json_integer(limit));
    json_object_set_new(rep, "articles_offset", json_integer(offset));
    *out = json_dumps(rep, REEL_JSON_FLAGS | JSON_SORT_KEYS);
    json_decref(rep);
    return *out ? 0 : reel_error(st->ctx, REEL_ENOMEM, "out of memory");
}
