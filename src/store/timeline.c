/* timeline.c — a film's reviews over time: each review with a verdict
 * as a point at its date, in date order, with the share of positive
 * verdicts so far. Built from the film's report (every article, read again
 * when the report lists only the first FILM_REPORT_ARTICLES), so both
 * backends answer byte for byte alike. Reviews without a date that can be
 * placed are counted and listed, never guessed onto the line.
 */
#include "store.h"

#include <ctype.h>
#include <jansson.h>
#include <math.h>

typedef struct {
    const char *date, *id;
    json_t *article;
} dated;

static int by_date_then_id(const void *a, const void *b)
{
    const dated *x = a, *y = b;
    int c = strcmp(x->date, y->date);
    return c ? c : strcmp(x->id, y->id);
}

static json_t *str_or_null(json_t *o, const char *k)
{
    json_t *v = json_object_get(o, k);
    return json_is_string(v) ? json_string(json_string_value(v)) : json_null();
}

/* The timeline of a report's `articles` (all of the film's). */
static json_t *timeline_of(json_t *film, json_t *arts)
{
    size_t n = json_array_size(arts), nd = 0, i;
    dated *d = malloc((n ? n : 1) * sizeof *d);
    json_t *undated = json_array(), *a;
    if (!d || !undated) {
        free(d);
        json_decref(undated);
        return NULL;
    }
    size_t reviews = 0;
    json_array_foreach(arts, i, a)
    {
        const char *kind = json_string_value(json_object_get(a, "kind"));
        json_t *v = json_object_get(a, "verdict");
        if (!kind || strcmp(kind, "review") ||
            !json_is_number(json_object_get(v, "score100")))
            continue;
        reviews++;
        const char *date = json_string_value(json_object_get(a, "date"));
        const char *id = json_string_value(json_object_get(a, "id"));
        if (!id) continue;
        if (date_placeable(date))
            d[nd++] = (dated){date, id, a};
        else
            json_array_append_new(undated, json_string(id));
    }
    qsort(d, nd, sizeof *d, by_date_then_id);
    json_t *points = json_array();
    size_t pos = 0;
    for (size_t k = 0; k < nd; k++) {
        json_t *v = json_object_get(d[k].article, "verdict");
        int positive = json_is_true(json_object_get(v, "positive"));
        pos += (size_t)positive;
        double share = 100.0 * (double)pos / (double)(k + 1);
        json_t *p = json_object();
        json_object_set_new(p, "date", json_string(d[k].date));
        json_object_set_new(
            p, "score",
            json_real(round(json_number_value(json_object_get(v, "score100")) * 100) /
                      100));
        json_object_set_new(p, "verdict",
                            json_string(positive ? "positive" : "negative"));
        json_object_set_new(p, "source", str_or_null(v, "source"));
        json_object_set_new(p, "article", json_string(d[k].id));
        json_object_set_new(p, "title", str_or_null(d[k].article, "title"));
        json_object_set_new(p, "outlet", str_or_null(d[k].article, "outlet"));
        json_object_set_new(p, "author", str_or_null(d[k].article, "author"));
        json_object_set_new(p, "reviews_so_far", json_integer((json_int_t)(k + 1)));
        json_object_set_new(p, "positive_so_far", json_integer((json_int_t)pos));
        json_object_set_new(p, "running_share", json_real(round(share * 100) / 100));
        json_array_append_new(points, p);
    }
    json_t *o = json_object();
    json_object_set(o, "film", film);
    json_object_set_new(o, "reviews", json_integer((json_int_t)reviews));
    json_object_set_new(o, "dated", json_integer((json_int_t)nd));
    json_object_set_new(o, "undated", json_integer((json_int_t)json_array_size(undated)));
    json_object_set_new(o, "first", nd ? json_string(d[0].date) : json_null());
    json_object_set_new(o, "last", nd ? json_string(d[nd - 1].date) : json_null());
    json_object_set_new(o, "positive", json_integer((json_int_t)pos));
    json_object_set_new(o, "points", points);
    json_object_set_new(o, "undated_articles", undated);
    free(d);
    return o;
}

int store_timeline_of_report(reel_store *st, const char *report_json, char **out)
{
    *out = NULL;
    json_t *rep = json_loads(report_json, 0, NULL), *all = NULL;
    json_t *film = json_object_get(rep, "film"), *arts = json_object_get(rep, "articles");
    if (!json_is_object(film) || !json_is_array(arts)) {
        json_decref(rep);
        return reel_error(st->ctx, REEL_EDB, "the stored report of a film is damaged");
    }
    json_t *tot = json_object_get(rep, "articles_total");
    if (json_is_integer(tot) && (size_t)json_integer_value(tot) > json_array_size(arts)) {
        int rc =
            store_film_articles(st, json_string_value(json_object_get(film, "key")),
                                json_string_value(json_object_get(film, "id")), &all);
        if (rc) {
            json_decref(rep);
            return rc;
        }
        arts = all;
    }
    json_t *tl = timeline_of(film, arts);
    json_decref(all);
    json_decref(rep);
    *out = tl ? json_dumps(tl, REEL_JSON_FLAGS | JSON_PRESERVE_ORDER) : NULL;
    json_decref(tl);
    return *out ? 0 : reel_error(st->ctx, REEL_ENOMEM, "out of memory");
}

int reel_store_film_timeline(char **out, reel_store *st, const char *title)
{
    char *json = NULL;
    *out = NULL;
    int rc = reel_store_film(&json, st, title);
    if (rc) {
        *out = json; /* the films an ambiguous title fits */
        return rc;
    }
    rc = store_timeline_of_report(st, json, out);
    free(json);
    return rc;
}
