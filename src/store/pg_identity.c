/* pg_identity.c — the PostgreSQL store's rows for identity (schema 2 and
 * 3): the films of a title key, an article's versions, title keys joined
 * by alternate titles, the film catalog, and the stale marks of films a
 * deferring writer has not rebuilt yet. The rules are identity.c's.
 */
#include "pg.h"

#ifdef REEL_HAVE_PQ

int pg_drop_films(reel_store *st, const char *title_key)
{
    PGresult *r = NULL;
    const char *v[1] = {title_key};
    int rc = pg_query((pg_store *)st, S_DROP_FILMS, v, &r, "dropping films");
    PQclear(r);
    return rc;
}

int pg_films_of(reel_store *st, const char *title_key, store_film_cb cb, void *user)
{
    PGresult *r = NULL;
    const char *v[1] = {title_key};
    int rc = pg_query((pg_store *)st, S_FILMS_OF, v, &r, "listing films");
    for (int i = 0; !rc && i < PQntuples(r); i++) {
        store_film f;
        pg_film_row(r, i, &f);
        rc = cb(user, &f);
    }
    PQclear(r);
    return rc;
}

static char *dup_or_null(const char *v)
{
    return v ? strdup(v) : NULL;
}

int pg_find_ident(reel_store *st, const char *ident, char **id, char **date,
                  char **film_key)
{
    pg_store *s = (pg_store *)st;
    PGresult *r = NULL;
    const char *v[1] = {ident};
    *id = *date = *film_key = NULL;
    /* facts still waiting are of other articles: the look-up needs none */
    int rc = pg_query(s, S_FIND_IDENT, v, &r, "reading an article");
    if (rc) return rc;
    if (PQntuples(r) == 0) {
        rc = REEL_ENOTFOUND;
    } else {
        *id = strdup(PQgetvalue(r, 0, 0));
        *date = dup_or_null(pg_text_or_null(r, 0, 1));
        *film_key = dup_or_null(pg_text_or_null(r, 0, 2));
        if (!*id) rc = reel_error(st->ctx, REEL_ENOMEM, "out of memory");
    }
    PQclear(r);
    return rc;
}

int pg_has_version(reel_store *st, const char *id, int *has)
{
    PGresult *r = NULL;
    const char *v[1] = {id};
    int rc = pg_query((pg_store *)st, S_HAS_VERSION, v, &r, "reading an article");
    *has = !rc && PQgetvalue(r, 0, 0)[0] == 't';
    PQclear(r);
    return rc;
}

int pg_retire(reel_store *st, const char *id, int keep)
{
    pg_store *s = (pg_store *)st;
    const char *v[1] = {id};
    long n = 0;
    /* facts still waiting must reach the article before it goes */
    int rc = s->pending.n ? pg_flush_facts(s) : 0;
    if (rc) return rc;
    if (!st->in_batch) {
        PGresult *r = NULL;
        rc = pg_query(s, keep ? S_RETIRE_KEEP : S_RETIRE_DELETE, v, &r,
                      "retiring an article");
        PQclear(r);
        return rc;
    }
    return pg_write_batch(s, keep ? S_RETIRE_KEEP : S_RETIRE_DELETE, v, &n,
                          "retiring an article");
}

int pg_put_version(reel_store *st, const store_article *a)
{
    pg_store *s = (pg_store *)st;
    const char *v[6] = {a->id, a->ident, a->date, a->film_key, a->record, a->text};
    long n = 0;
    return pg_write_batch(s, S_PUT_VERSION, v, &n, "keeping an article's version");
}

int pg_versions(reel_store *st, const char *ident, store_version_cb cb, void *user)
{
    PGresult *r = NULL;
    const char *v[1] = {ident};
    int rc = pg_query((pg_store *)st, S_VERSIONS, v, &r, "reading versions");
    for (int i = 0; !rc && i < PQntuples(r); i++)
        rc = cb(user, PQgetvalue(r, i, 0), pg_text_or_null(r, i, 1),
                pg_text_or_null(r, i, 2), atoi(PQgetvalue(r, i, 3)));
    PQclear(r);
    return rc;
}

int pg_any_links(reel_store *st, int *any)
{
    PGresult *r = NULL;
    int rc = pg_query((pg_store *)st, S_ANY_LINKS, NULL, &r, "reading title links");
    *any = !rc && PQgetvalue(r, 0, 0)[0] == 't';
    PQclear(r);
    return rc;
}

int pg_key_canon(reel_store *st, const char *key, char **canon)
{
    PGresult *r = NULL;
    const char *v[1] = {key};
    *canon = NULL;
    int rc = pg_query((pg_store *)st, S_KEY_CANON, v, &r, "reading title links");
    if (!rc && PQntuples(r) == 1 && !(*canon = strdup(PQgetvalue(r, 0, 0))))
        rc = reel_error(st->ctx, REEL_ENOMEM, "out of memory");
    PQclear(r);
    return rc;
}

int pg_key_join(reel_store *st, const char *from, const char *to)
{
    pg_store *s = (pg_store *)st;
    static const int order[] = {S_JOIN_LINKS, S_JOIN_LINK,     S_JOIN_ARTICLES,
                                S_JOIN_FACTS, S_JOIN_VERSIONS, S_DROP_FILMS};
    const char *v[2] = {from, to};
    int rc = s->pending.n ? pg_flush_facts(s) : 0;
    if (!strcmp(from, to)) return rc;
    for (size_t i = 0; !rc && i < sizeof order / sizeof *order; i++) {
        long n = 0;
        rc = pg_write_batch(s, order[i], v, &n, "joining titles");
    }
    return rc;
}

int pg_catalog_put(reel_store *st, const store_catalog_entry *e)
{
    pg_store *s = (pg_store *)st;
    char year[16];
    long n = 0;
    snprintf(year, sizeof year, "%d", e->year);
    const char *v[5] = {e->id, e->title, e->year ? year : NULL, e->directors, e->ids};
    int rc = pg_write_batch(s, S_CATALOG_PUT, v, &n, "storing the catalog");
    for (size_t i = 0; !rc && i < e->n_keys; i++) {
        const char *k[2] = {e->keys[i], e->id};
        rc = pg_write_batch(s, S_CATALOG_KEY, k, &n, "storing the catalog");
    }
    return rc;
}

int pg_catalog_of(reel_store *st, const char *key, store_catalog_cb cb, void *user)
{
    PGresult *r = NULL;
    const char *v[1] = {key};
    int rc = pg_query((pg_store *)st, S_CATALOG_OF, v, &r, "reading the catalog");
    for (int i = 0; !rc && i < PQntuples(r); i++)
        rc = cb(user, PQgetvalue(r, i, 0), PQgetvalue(r, i, 1), atoi(PQgetvalue(r, i, 2)),
                PQgetvalue(r, i, 3), PQgetvalue(r, i, 4));
    PQclear(r);
    return rc;
}

int pg_stale_get(reel_store *st, const char *key, long *n)
{
    pg_store *s = (pg_store *)st;
    PGresult *r = NULL;
    const char *v[1] = {key};
    int rc = s->pending.n ? pg_flush_facts(s) : 0;
    *n = 0;
    /* the batch's films locked before their mark is read: two writers
     * decide (store_stale_commit) one after the other */
    if (!rc && st->in_batch && !s->films_locked && st->n_touched) rc = pg_lock_films(s);
    if (!rc) rc = pg_query(s, S_STALE_GET, v, &r, "reading the stale films");
    if (!rc && PQntuples(r) == 1) *n = atol(PQgetvalue(r, 0, 0));
    PQclear(r);
    return rc;
}

int pg_stale_put(reel_store *st, const char *key, long n)
{
    char nb[32];
    long affected = 0;
    snprintf(nb, sizeof nb, "%ld", n);
    const char *v[2] = {key, nb};
    return pg_write_batch((pg_store *)st, n ? S_STALE_PUT : S_STALE_FORGET, v, &affected,
                          "marking a stale film");
}

typedef struct {
    store_key_cb cb;
    void *user;
} key_rows;

static int stale_row(void *user, PGresult *r, int row)
{
    key_rows *kr = user;
    return kr->cb(kr->user, PQgetvalue(r, row, 0));
}

int pg_stale_keys(reel_store *st, store_key_cb cb, void *user)
{
    key_rows kr = {cb, user};
    return pg_stream((pg_store *)st, S_STALE_KEYS, NULL, stale_row, &kr,
                     "reading the stale films");
}

#endif
