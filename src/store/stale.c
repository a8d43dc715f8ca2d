/* stale.c — a growing film's report rebuilt in steps, not at every
 * batch. Rebuilding a film reads all its articles, so rebuilding it at each
 * batch made a long ingest into one film quadratic (issue 13). A deferring
 * handle (reel_store_defer: ingest, copy) rebuilds a film of STALE_MIN
 * articles or more only once the articles changed since it was built reach
 * 1/STALE_SHARE of those it was built from: the rebuilds of a growing film
 * then read a small multiple of its final size. In between its title key is
 * marked stale (films_stale, written in the batch's own transaction, so a
 * stopped writer leaves the mark), a report read of it is computed from the
 * articles, and reel_store_settle (the end of an ingest, the next writer)
 * stores it. Every report read is the one a full rebuild gives.
 */
#include "store.h"

#include <jansson.h>

/* below this many articles a film is rebuilt at every batch (cheap: at most
 * this many per film a batch touches, however long the ingest) */
#define STALE_MIN 64
/* rebuilt when the changed articles reach 1/STALE_SHARE of the built ones */
#define STALE_SHARE 2

void reel_store_defer(reel_store *st, int on)
{
    if (st) st->defer = on != 0;
}

static int sum_articles(void *user, const store_film *f)
{
    *(long *)user += f->n_articles;
    return 0;
}

int store_stale_commit(reel_store *st, const char *key, long changed)
{
    long stale = 0, built = 0;
    /* (PostgreSQL) reading the mark locks the batch's films first, so two
     * writers decide one after the other */
    int rc = st->ops->stale_get(st, key, &stale);
    if (rc) return rc;
    if (st->defer) {
        if ((rc = st->ops->films_of(st, key, sum_articles, &built))) return rc;
        if (built >= STALE_MIN && (stale + changed) * STALE_SHARE < built)
            return st->ops->stale_put(st, key, stale + changed);
    }
    if ((rc = store_rebuild_key(st, key))) return rc;
    return stale ? st->ops->stale_put(st, key, 0) : 0;
}

typedef struct {
    char **keys;
    size_t n, cap;
} key_list;

static int key_add(void *user, const char *key)
{
    key_list *l = user;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        char **p = realloc(l->keys, cap * sizeof *p);
        if (!p) return REEL_ENOMEM;
        l->keys = p;
        l->cap = cap;
    }
    if (!(l->keys[l->n] = strdup(key))) return REEL_ENOMEM;
    l->n++;
    return 0;
}

int reel_store_settle(reel_store *st)
{
    key_list l = {NULL, 0, 0};
    int rc = st->in_batch ? reel_error(st->ctx, REEL_EINVAL,
                                       "settle the films after the batch, not inside it")
                          : 0;
    if (!rc) rc = st->ops->check ? st->ops->check(st) : 0;
    if (!rc && (rc = st->ops->stale_keys(st, key_add, &l)) == REEL_ENOMEM)
        rc = reel_error(st->ctx, rc, "out of memory");
    int defer = st->defer;
    st->defer = 0; /* each key's batch rebuilds it and forgets its mark */
    for (size_t i = 0; i < l.n && !rc; i++) {
        if ((rc = reel_store_begin(st))) break;
        if (store_touch(st, l.keys[i])) {
            reel_store_rollback(st);
            rc = reel_error(st->ctx, REEL_ENOMEM, "out of memory");
            break;
        }
        rc = reel_store_commit(st);
    }
    st->defer = defer;
    for (size_t i = 0; i < l.n; i++)
        free(l.keys[i]);
    free(l.keys);
    return rc;
}

int store_stale_fresh(reel_store *st, char **report)
{
    json_t *rep = json_loads(*report, 0, NULL), *reps = NULL, *r;
    json_t *film = json_object_get(rep, "film");
    const char *key = json_string_value(json_object_get(film, "key"));
    const char *id = json_string_value(json_object_get(film, "id"));
    long stale = 0;
    size_t i;
    int rc = 0;
    if (!key || !id) goto done; /* not a report: left as it is */
    if ((rc = st->ops->stale_get(st, key, &stale)) || !stale) goto done;
    if ((rc = film_reports(st->ctx, st, key, FILM_REPORT_ARTICLES, &reps))) goto done;
    json_array_foreach(reps, i, r)
    {
        const char *rid =
            json_string_value(json_object_get(json_object_get(r, "film"), "id"));
        if (!rid || strcmp(rid, id) != 0) continue;
        /* the bytes store_rebuild_key would store */
        char *js = json_dumps(r, REEL_JSON_FLAGS | JSON_SORT_KEYS);
        if (!js) {
            rc = reel_error(st->ctx, REEL_ENOMEM, "out of memory");
            break;
        }
        free(*report);
        *report = js;
        break;
    }
    /* no such film now (its articles went to another year): the report as
     * it was last built */
done:
    json_decref(reps);
    json_decref(rep);
    return rc;
}
