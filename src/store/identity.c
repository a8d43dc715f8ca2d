/* identity.c — identity over either backend: a new version of an
 * article replaces the current one (which is kept as a version), an older
 * or identical one changes nothing; deleting an article; its versions; a
 * film asked for by title and year, with the films a bare title fits
 * listed rather than one picked; and rebuilding every film after a
 * migration. Backends only move rows (store.h); the rules live here.
 */
#include "../identity.h"
#include "store.h"

#include <math.h>

int store_version_check(reel_store *st, const store_article *a, int *replace)
{
    char *cur = NULL, *date = NULL, *key = NULL;
    int has = 0;
    *replace = 0;
    if (!a->ident) return 0;
    int rc = st->ops->find_ident(st, a->ident, &cur, &date, &key);
    if (rc == REEL_ENOTFOUND) return 0; /* a new article */
    if (rc) return rc;
    if (!strcmp(cur, a->id)) {
        *replace = -1; /* the same bytes again: a no-op */
        goto done;
    }
    if ((rc = st->ops->has_version(st, a->id, &has))) goto done;
    if (has) {
        *replace = -1; /* an earlier version seen again */
        goto done;
    }
    /* the later ingest wins, unless its date says it is the older page */
    if (identity_date_newer(a->date, date) < 0) {
        *replace = -1;
        rc = st->ops->put_version(st, a);
        goto done;
    }
    if ((rc = st->ops->retire(st, cur, 1))) goto done;
    if (key && (rc = store_touch(st, key))) rc = reel_error(st->ctx, rc, "out of memory");
done:
    free(cur);
    free(date);
    free(key);
    return rc;
}

/* ---------------- rebuilding the films ---------------- */

static int key_of_record(void *user, const char *record, const char *text)
{
    (void)text;
    json_t *keys = user;
    json_t *rec = json_loads(record, 0, NULL);
    const char *k =
        json_string_value(json_object_get(json_object_get(rec, "subject"), "key"));
    if (k && *k) json_object_set_new(keys, k, json_true());
    json_decref(rec);
    return 0;
}

int store_rebuild_films(reel_store *st)
{
    json_t *keys = json_object();
    if (!keys) return reel_error(st->ctx, REEL_ENOMEM, "out of memory");
    int rc = st->ops->each_article(st, key_of_record, keys);
    const char *k;
    json_t *v;
    if (!rc) rc = reel_store_begin(st);
    json_object_foreach(keys, k, v)
    {
        if (rc) break;
        /* a title joined to another by an alternate title is under that one */
        char *canon = store_alias_canon(st, k);
        if (!canon || store_touch(st, canon))
            rc = reel_error(st->ctx, REEL_ENOMEM, "out of memory");
        free(canon);
    }
    if (!rc)
        rc = reel_store_commit(st);
    else
        reel_store_rollback(st);
    json_decref(keys);
    if (!rc) st->rebuild_films = 0;
    return rc;
}

/* ---------------- delete and versions ---------------- */

static int current_of(reel_store *st, const char *id_or_url, int by_url, char **id,
                      char **key, char **ident)
{
    char *record = NULL, *text = NULL, *date = NULL;
    int rc;
    *id = *key = *ident = NULL;
    if (by_url) {
        rc = st->ops->find_ident(st, id_or_url, id, &date, key);
        if (rc == REEL_ENOTFOUND)
            return reel_error(st->ctx, rc, "no article with URL '%s' in the store",
                              id_or_url);
        free(date);
        if (!rc && !(*ident = strdup(id_or_url)))
            rc = reel_error(st->ctx, REEL_ENOMEM, "out of memory");
        return rc;
    }
    size_t n = strlen(id_or_url);
    if (n < 6 || n > 64 || strspn(id_or_url, "0123456789abcdef") != n)
        return reel_error(st->ctx, REEL_EINVAL,
                          "'%s' is not an article id (6 to 64 hex digits)", id_or_url);
    if ((rc = st->ops->get_article(st, id_or_url, &record, &text))) return rc;
    json_t *rec = json_loads(record, 0, NULL);
    const char *sid = json_string_value(json_object_get(rec, "id"));
    const char *k =
        json_string_value(json_object_get(json_object_get(rec, "subject"), "key"));
    const char *who = rec ? identity_article(rec) : NULL;
    *id = sid ? strdup(sid) : NULL;
    *key = k && *k ? strdup(k) : NULL;
    *ident = who ? strdup(who) : NULL;
    if (!*id || !*ident) rc = reel_error(st->ctx, REEL_EDB, "a stored record is damaged");
    json_decref(rec);
    free(record);
    free(text);
    return rc;
}

int reel_store_delete(char **out, reel_store *st, const char *id_or_url, int by_url)
{
    char *id = NULL, *key = NULL, *ident = NULL;
    int rc, own = !st->in_batch;
    *out = NULL;
    if ((rc = current_of(st, id_or_url, by_url, &id, &key, &ident))) goto done;
    if (own && (rc = reel_store_begin(st))) goto done;
    rc = st->ops->retire(st, id, 0);
    if (!rc && key && store_touch(st, key))
        rc = reel_error(st->ctx, REEL_ENOMEM, "out of memory");
    if (own) {
        if (rc)
            reel_store_rollback(st);
        else
            rc = reel_store_commit(st);
    }
    if (rc) goto done;
    json_t *o = json_pack("{s:s,s:s,s:o}", "deleted", id, "article", ident, "film",
                          key ? json_string(key) : json_null());
    *out = o ? json_dumps(o, REEL_JSON_FLAGS | JSON_PRESERVE_ORDER) : NULL;
    json_decref(o);
    if (!*out) rc = reel_error(st->ctx, REEL_ENOMEM, "out of memory");
done:
    free(id);
    free(key);
    free(ident);
    return rc;
}

static int version_cb(void *user, const char *id, const char *date, const char *added_at,
                      int current)
{
    json_array_append_new(user,
                          json_pack("{s:s,s:o,s:o,s:b}", "id", id, "date",
                                    date ? json_string(date) : json_null(), "added_at",
                                    added_at ? json_string(added_at) : json_null(),
                                    "current", current));
    return 0;
}

int reel_store_versions(char **out, reel_store *st, const char *id)
{
    char *cur = NULL, *key = NULL, *ident = NULL;
    *out = NULL;
    int rc = current_of(st, id, 0, &cur, &key, &ident);
    if (rc) return rc;
    json_t *vs = json_array();
    if (!(rc = st->ops->versions(st, ident, version_cb, vs))) {
        json_t *o =
            json_pack("{s:s,s:s,s:O}", "article", ident, "current", cur, "versions", vs);
        *out = o ? json_dumps(o, REEL_JSON_FLAGS | JSON_PRESERVE_ORDER) : NULL;
        json_decref(o);
        if (!*out) rc = reel_error(st->ctx, REEL_ENOMEM, "out of memory");
    }
    json_decref(vs);
    free(cur);
    free(key);
    free(ident);
    return rc;
}

/* ---------------- films by title and year ---------------- */

json_t *store_film_brief(const store_film *f)
{
    char name[600];
    const char *title = f->title ? f->title : f->key;
    int unresolved = strlen(f->key) >= 4 && !strcmp(f->key + strlen(f->key) - 4, " (?)");
    if (unresolved)
        snprintf(name, sizeof name, "%s (year unresolved)", title);
    else if (f->year)
        snprintf(name, sizeof name, "%s (%d)", title, f->year);
    else
        snprintf(name, sizeof name, "%s", title);
    json_t *o =
        json_pack("{s:s,s:s,s:s,s:s,s:o,s:i,s:i}", "key",
                  f->title_key ? f->title_key : f->key, "id", f->key, "name", name,
                  "title", title, "year", f->year ? json_integer(f->year) : json_null(),
                  "articles", f->n_articles, "reviews", f->n_reviews);
    if (o && unresolved) json_object_set_new(o, "unresolved", json_true());
    return o;
}

typedef struct {
    int year; /* 0 any, -1 the unresolved */
    json_t *films;
    char *only;
} match;

static int match_cb(void *user, const store_film *f)
{
    match *m = user;
    int unresolved = strlen(f->key) >= 4 && !strcmp(f->key + strlen(f->key) - 4, " (?)");
    if (m->year > 0 && (unresolved || f->year != m->year)) return 0;
    if (m->year < 0 && !unresolved) return 0;
    if (json_array_size(m->films) == 0) {
        free(m->only);
        m->only = strdup(f->key);
    }
    json_array_append_new(m->films, store_film_brief(f));
    return 0;
}

int store_film_by_year(reel_store *st, char **out, const char *title, int *found)
{
    int year = 0, rc;
    *out = NULL;
    *found = 0;
    identity_parse_year(title, strlen(title), &year);
    char *key = reel_film_key(title, strlen(title));
    if (!key) return reel_error(st->ctx, REEL_ENOMEM, "out of memory");
    if (year < 0) { /* "KEY (?)": reel_film_key keeps the "(?)" as a word */
        size_t n = strlen(key);
        if (n >= 2 && !strcmp(key + n - 2, " ?")) key[n - 2] = 0;
        while (n && key[strlen(key) - 1] == ' ')
            key[strlen(key) - 1] = 0;
    }
    /* a title joined to another by an alternate title stands under it */
    char *canon = store_alias_canon(st, key);
    free(key);
    key = canon;
    if (!key) return reel_error(st->ctx, REEL_ENOMEM, "out of memory");
    match m = {year, json_array(), NULL};
    rc = st->ops->films_of(st, key, match_cb, &m);
    size_t n = json_array_size(m.films);
    if (rc) goto done;
    if (n == 1) {
        *found = 1;
        rc = st->ops->get_film(st, m.only, out);
    } else if (n > 1) {
        *found = 1;
        json_t *o = json_pack("{s:s,s:O}", "ambiguous", title, "films", m.films);
        *out = o ? json_dumps(o, REEL_JSON_FLAGS | JSON_PRESERVE_ORDER) : NULL;
        json_decref(o);
        rc = *out ? reel_error(st->ctx, REEL_EAMBIGUOUS,
                               "'%s' fits %zu films; name one with its year, e.g. '%s'",
                               title, n,
                               json_string_value(
                                   json_object_get(json_array_get(m.films, 0), "name")))
                  : reel_error(st->ctx, REEL_ENOMEM, "out of memory");
    } else if (year) {
        /* a year that is not the film's: never another year's film */
        *found = 1;
        rc = reel_error(st->ctx, REEL_ENOTFOUND, "no film '%s' in the store", title);
    }
done:
    json_decref(m.films);
    free(m.only);
    free(key);
    return rc;
}
