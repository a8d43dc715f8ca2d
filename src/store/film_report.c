/* film_report.c — a film's report read out of the store: the records of a
 * title key streamed from the backend into a partial (aggregate.c), split
 * into films with the catalog's seeds, and reported; the summaries of a
 * large film's articles are kept between batches so a batch parses only
 * its new records. Called by the store when a batch touches a film.
 */
#include "catalog.h"
#include "store.h"

#include <jansson.h>
#include <math.h>

/* The summaries of the articles of the large title keys a store handle
 * rebuilt last, kept between batches (st->summaries: title key → id →
 * [record length, summary]): a batch that adds to a film of thousands of
 * articles then parses only its new records, not every record again. A
 * summary is a function of the record alone, and a record of an id is the
 * same bytes unless it was deleted and put again, which drops it from here
 * (store_summaries_forget) and changes its length, checked too. */
#define SUMMARIES_MIN 64     /* keys with fewer articles are cheap to parse */
#define SUMMARIES_MAX 200000 /* summaries kept in all; past it, start again */

typedef struct {
    reel_ctx *ctx;
    reel_partial *p;
    json_t *cached; /* id → [length, summary] from the last rebuild, or NULL */
    json_t *fresh;  /* the same of this rebuild */
} collect;

/* The id of a record as record.c writes it, without parsing it; NULL when
 * it does not start so (the record is parsed). */
static const char *record_id(const char *json, char id[65])
{
    static const char head[] = "{\"record_version\":1,\"id\":\"";
    size_t h = sizeof head - 1;
    if (strncmp(json, head, h) != 0) return NULL;
    const char *x = json + h;
    for (int i = 0; i < 64; i++)
        if (!((x[i] >= '0' && x[i] <= '9') || (x[i] >= 'a' && x[i] <= 'f'))) return NULL;
    if (x[64] != '"') return NULL;
    memcpy(id, x, 64);
    id[64] = 0;
    return id;
}

static int collect_cb(void *user, const char *record_json)
{
    collect *c = user;
    char idb[65];
    const char *id = record_id(record_json, idb);
    json_int_t len = (json_int_t)strlen(record_json);
    json_t *hit = id && c->cached ? json_object_get(c->cached, id) : NULL;
    if (hit && json_integer_value(json_array_get(hit, 0)) == len) {
        json_t *s = json_array_get(hit, 1);
        if (json_object_set(partial_summaries(c->p), id, s) ||
            json_object_set(c->fresh, id, hit))
            return reel_error(c->ctx, REEL_ENOMEM, "out of memory");
        return 0;
    }
    int rc = reel_partial_add(c->ctx, c->p, record_json);
    if (rc || !id) return rc;
    json_t *s = json_object_get(partial_summaries(c->p), id);
    if (!s) return 0; /* its own "id" differs from the one it starts with */
    if (json_object_set_new(c->fresh, id, json_pack("[I,O]", len, s)))
        return reel_error(c->ctx, REEL_ENOMEM, "out of memory");
    return 0;
}

/* Keep this rebuild's summaries of `key` for the next, when it is large. */
static void summaries_keep(reel_store *st, const char *key, json_t *fresh)
{
    if (!st->summaries) st->summaries = json_object();
    if (!st->summaries) return;
    if (json_object_size(fresh) < SUMMARIES_MIN) {
        json_object_del(st->summaries, key);
        return;
    }
    size_t total = json_object_size(fresh);
    const char *k;
    json_t *v;
    json_object_foreach(st->summaries, k, v)
    {
        if (strcmp(k, key)) total += json_object_size(v);
    }
    if (total > SUMMARIES_MAX) json_object_clear(st->summaries);
    if (json_object_size(fresh) <= SUMMARIES_MAX)
        json_object_set(st->summaries, key, fresh);
}

void store_summaries_forget(reel_store *st, const char *key, const char *id)
{
    json_t *m = st->summaries && key ? json_object_get(st->summaries, key) : NULL;
    if (m) json_object_del(m, id);
}

int film_reports(reel_ctx *ctx, reel_store *st, const char *key, size_t cap, json_t **out)
{
    reel_partial *p = NULL;
    unsigned oom0 = oom_mark(); /* a report short of a part is an error */
    int rc = reel_partial_new(&p, key);
    *out = NULL;
    if (rc) return reel_error(ctx, rc, "out of memory");
    collect c = {ctx, p, st->summaries ? json_object_get(st->summaries, key) : NULL,
                 json_object()};
    json_t *catalog = NULL;
    film_seed *seeds = NULL;
    size_t n_seeds = 0;
    if (!c.fresh) {
        rc = reel_error(ctx, REEL_ENOMEM, "out of memory");
        goto done;
    }
    if ((rc = st->ops->film_records(st, key, collect_cb, &c))) goto done;
    /* summaries short of a part (a kind, a verdict) never reach the report */
    if (oom_since(oom0)) {
        rc = reel_error(ctx, REEL_ENOMEM, "out of memory");
        goto done;
    }
    summaries_keep(st, key, c.fresh);
    /* a title whose articles are all gone (replaced, deleted) has no film */
    if (reel_partial_count(p) == 0) {
        *out = json_array();
    } else {
        if ((rc = store_catalog_seeds(st, key, &seeds, &n_seeds, &catalog))) goto done;
        *out = partial_reports(p, seeds, n_seeds, catalog, cap);
    }
    if (!*out || oom_since(oom0)) {
        json_decref(*out);
        *out = NULL;
        rc = reel_error(ctx, REEL_ENOMEM, "out of memory");
    }
done:
    json_decref(c.fresh);
    store_catalog_seeds_free(seeds, n_seeds, catalog);
    reel_partial_free(p);
    return rc;
}

void film_summary(json_t *rep, store_film *summary)
{
    json_t *film = json_object_get(rep, "film"), *r = json_object_get(rep, "reception");
    json_t *counts = json_object_get(rep, "counts");
    summary->key = json_string_value(json_object_get(film, "id"));
    summary->title_key = json_string_value(json_object_get(film, "key"));
    summary->title = json_string_value(json_object_get(film, "title"));
    summary->year = (int)json_integer_value(json_object_get(film, "year"));
    summary->n_articles = (int)json_integer_value(json_object_get(counts, "articles"));
    summary->n_reviews = (int)json_integer_value(json_object_get(counts, "review"));
    json_t *cs = json_object_get(r, "critics_score");
    summary->score = json_is_number(cs) ? json_number_value(cs) : NAN;
    json_t *ps = json_object_get(r, "positive_share");
    summary->positive = json_is_number(ps) ? json_number_value(ps) : NAN;
    summary->first_review =
        json_string_value(json_object_get(json_object_get(rep, "dates"), "first_review"));
}
