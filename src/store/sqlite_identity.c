/* sqlite_identity.c — the SQLite store's rows for identity (schema 2 and
 * 3): the films of a title key, an article's versions, title keys joined
 * by alternate titles, the film catalog, and the stale marks of films a
 * deferring writer has not rebuilt yet. The rules are identity.c's.
 */
#include "sqlite.h"

int sq_drop_films(reel_store *st, const char *title_key)
{
    return sq_run1((sqlite_store *)st,
                   "DELETE FROM films WHERE title_key = ?1 OR key = ?1", title_key,
                   "cannot drop films");
}

typedef struct {
    store_film_cb cb;
    void *user;
} film_rows;

static int film_row(void *user, sqlite3_stmt *q)
{
    film_rows *fr = user;
    store_film f;
    sq_film_row(q, &f);
    return fr->cb(fr->user, &f);
}

int sq_films_of(reel_store *st, const char *title_key, store_film_cb cb, void *user)
{
    film_rows fr = {cb, user};
    return sq_rows((sqlite_store *)st,
                   "SELECT key, title, year, n_articles, n_reviews, score, positive,"
                   " title_key FROM films WHERE title_key = ?1 OR key = ?1"
                   " ORDER BY year IS NULL, year, key",
                   title_key, film_row, &fr, "cannot list films");
}

int sq_find_ident(reel_store *st, const char *ident, char **id, char **date,
                  char **film_key)
{
    sqlite_store *s = (sqlite_store *)st;
    sqlite3_stmt *q = s->find_ident;
    int rc = 0;
    *id = *date = *film_key = NULL;
    sqlite3_reset(q);
    sq_bind_text(q, 1, ident);
    int step = sqlite3_step(q);
    if (step == SQLITE_ROW) {
        *id = sq_dup_or_null(sq_col_text(q, 0));
        *date = sq_dup_or_null(sq_col_text(q, 1));
        *film_key = sq_dup_or_null(sq_col_text(q, 2));
        if (!*id) rc = reel_error(st->ctx, REEL_ENOMEM, "out of memory");
    } else if (step == SQLITE_DONE) {
        rc = REEL_ENOTFOUND;
    } else {
        rc = sq_db_err(s, REEL_EDB, "cannot read article");
    }
    sqlite3_reset(q);
    return rc;
}

int sq_has_version(reel_store *st, const char *id, int *has)
{
    return sq_first_int((sqlite_store *)st,
                        "SELECT EXISTS(SELECT 1 FROM articles WHERE id = ?1)"
                        " OR EXISTS(SELECT 1 FROM article_versions WHERE id = ?1)",
                        id, has, "cannot read article");
}

int sq_retire(reel_store *st, const char *id, int keep)
{
    sqlite_store *s = (sqlite_store *)st;
    int rc = sq_run1(s,
                     "INSERT INTO articles_fts(articles_fts, rowid, title, text)"
                     " SELECT 'delete', rowid, title, text FROM articles WHERE id = ?1",
                     id, "cannot unindex article");
    if (!rc && keep)
        rc = sq_run1(
            s,
            "INSERT OR IGNORE INTO article_versions(id, ident, date, film_key, record,"
            " text, added_at) SELECT id, ident, date, film_key, record, text, added_at"
            " FROM articles WHERE id = ?1",
            id, "cannot keep the article's version");
    if (!rc && !keep)
        rc = sq_run1(
            s,
            "DELETE FROM article_versions WHERE ident = (SELECT ident FROM articles"
            " WHERE id = ?1)",
            id, "cannot delete the article's versions");
    if (!rc)
        rc =
            sq_run1(s, "DELETE FROM articles WHERE id = ?1", id, "cannot delete article");
    return rc;
}

int sq_put_version(reel_store *st, const store_article *a)
{
    const char *v[6] = {a->id, a->ident, a->date, a->film_key, a->record, a->text};
    return sq_run((sqlite_store *)st,
                  "INSERT OR IGNORE INTO article_versions(id, ident, date, film_key,"
                  " record, text, added_at) VALUES(?,?,?,?,?,?,"
                  " strftime('%Y-%m-%dT%H:%M:%SZ','now'))",
                  v, 6, "cannot keep the article's version");
}

typedef struct {
    store_version_cb cb;
    void *user;
} version_rows;

static int version_row(void *user, sqlite3_stmt *q)
{
    version_rows *vr = user;
    return vr->cb(vr->user, sq_col_text(q, 0), sq_col_text(q, 1), sq_col_text(q, 2),
                  sqlite3_column_int(q, 3));
}

int sq_versions(reel_store *st, const char *ident, store_version_cb cb, void *user)
{
    version_rows vr = {cb, user};
    return sq_rows((sqlite_store *)st,
                   "SELECT id, date, added_at, 0 FROM article_versions WHERE ident = ?1"
                   " UNION ALL SELECT id, date, added_at, 1 FROM articles"
                   " WHERE ident = ?1 ORDER BY 4, 3, 1",
                   ident, version_row, &vr, "cannot read versions");
}

int sq_any_links(reel_store *st, int *any)
{
    return sq_first_int((sqlite_store *)st, "SELECT EXISTS(SELECT 1 FROM key_links)",
                        NULL, any, "cannot read title links");
}

int sq_key_canon(reel_store *st, const char *key, char **canon)
{
    sqlite_store *s = (sqlite_store *)st;
    sqlite3_stmt *q = NULL;
    int rc = 0;
    *canon = NULL;
    if (sqlite3_prepare_v3(s->db, "SELECT canon FROM key_links WHERE key = ?", -1,
                           SQLITE_PREPARE_PERSISTENT, &q, NULL) != SQLITE_OK)
        return sq_db_err(s, REEL_EDB, "cannot read title links");
    sq_bind_text(q, 1, key);
    if (sqlite3_step(q) == SQLITE_ROW && !(*canon = sq_dup_or_null(sq_col_text(q, 0))))
        rc = reel_error(st->ctx, REEL_ENOMEM, "out of memory");
    sqlite3_finalize(q);
    return rc;
}

int sq_key_join(reel_store *st, const char *from, const char *to)
{
    sqlite_store *s = (sqlite_store *)st;
    static const char *sql[] = {
        "UPDATE key_links SET canon = ?2 WHERE canon = ?1",
        "INSERT OR REPLACE INTO key_links(key, canon) VALUES(?1, ?2)",
        "UPDATE articles SET film_key = ?2 WHERE film_key = ?1",
        "UPDATE facts SET film_key = ?2 WHERE film_key = ?1",
        "UPDATE article_versions SET film_key = ?2 WHERE film_key = ?1",
        "DELETE FROM films WHERE title_key = ?1 OR key = ?1",
        NULL};
    if (!strcmp(from, to)) return 0;
    const char *v[2] = {from, to};
    int rc = 0;
    for (const char **q = sql; *q && !rc; q++)
        rc = sq_run(s, *q, v, 2, "cannot join titles");
    return rc;
}

int sq_catalog_put(reel_store *st, const store_catalog_entry *e)
{
    sqlite_store *s = (sqlite_store *)st;
    sqlite3_stmt *q = NULL;
    if (sqlite3_prepare_v3(
            s->db,
            "INSERT OR REPLACE INTO catalog(id, title, year, directors, ids)"
            " VALUES(?,?,?,?,?)",
            -1, SQLITE_PREPARE_PERSISTENT, &q, NULL) != SQLITE_OK)
        return sq_db_err(s, REEL_EDB, "cannot store the catalog");
    sq_bind_text(q, 1, e->id);
    sq_bind_text(q, 2, e->title);
    if (e->year)
        sqlite3_bind_int(q, 3, e->year);
    else
        sqlite3_bind_null(q, 3);
    sq_bind_text(q, 4, e->directors);
    sq_bind_text(q, 5, e->ids);
    int step = sqlite3_step(q);
    sqlite3_finalize(q);
    if (step != SQLITE_DONE) return sq_db_err(s, REEL_EDB, "cannot store the catalog");
    if (sqlite3_prepare_v3(s->db,
                           "INSERT OR IGNORE INTO catalog_keys(key, id) VALUES(?,?)", -1,
                           SQLITE_PREPARE_PERSISTENT, &q, NULL) != SQLITE_OK)
        return sq_db_err(s, REEL_EDB, "cannot store the catalog");
    for (size_t i = 0; i < e->n_keys && step == SQLITE_DONE; i++) {
        sqlite3_reset(q);
        sq_bind_text(q, 1, e->keys[i]);
        sq_bind_text(q, 2, e->id);
        step = sqlite3_step(q);
    }
    sqlite3_finalize(q);
    return step == SQLITE_DONE ? 0 : sq_db_err(s, REEL_EDB, "cannot store the catalog");
}

typedef struct {
    store_catalog_cb cb;
    void *user;
} catalog_rows;

static int catalog_row(void *user, sqlite3_stmt *q)
{
    catalog_rows *cr = user;
    return cr->cb(cr->user, sq_col_text(q, 0), sq_col_text(q, 1),
                  sqlite3_column_int(q, 2), sq_col_text(q, 3), sq_col_text(q, 4));
}

int sq_catalog_of(reel_store *st, const char *key, store_catalog_cb cb, void *user)
{
    catalog_rows cr = {cb, user};
    return sq_rows((sqlite_store *)st,
                   "SELECT id, title, year, directors, ids FROM catalog WHERE id IN"
                   " (SELECT id FROM catalog_keys WHERE key = ?1 OR key IN"
                   " (SELECT key FROM key_links WHERE canon = ?1))"
                   " ORDER BY year, id",
                   key, catalog_row, &cr, "cannot read the catalog");
}

int sq_stale_get(reel_store *st, const char *key, long *n)
{
    sqlite_store *s = (sqlite_store *)st;
    sqlite3_stmt *q = NULL;
    *n = 0;
    if (sqlite3_prepare_v3(s->db, "SELECT n FROM films_stale WHERE title_key = ?", -1,
                           SQLITE_PREPARE_PERSISTENT, &q, NULL) != SQLITE_OK)
        return sq_db_err(s, REEL_EDB, "cannot read the stale films");
    sq_bind_text(q, 1, key);
    int code = sqlite3_step(q);
    if (code == SQLITE_ROW) *n = (long)sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    return code == SQLITE_ROW || code == SQLITE_DONE
               ? 0
               : sq_step_err(s, code, "cannot read the stale films");
}

int sq_stale_put(reel_store *st, const char *key, long n)
{
    sqlite_store *s = (sqlite_store *)st;
    sqlite3_stmt *q = NULL;
    const char *sql = n ? "INSERT OR REPLACE INTO films_stale(title_key, n) VALUES(?, ?)"
                        : "DELETE FROM films_stale WHERE title_key = ?";
    if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &q, NULL) !=
        SQLITE_OK)
        return sq_db_err(s, REEL_EDB, "cannot mark a stale film");
    sq_bind_text(q, 1, key);
    if (n) sqlite3_bind_int64(q, 2, n);
    int code = sqlite3_step(q);
    sqlite3_finalize(q);
    return code == SQLITE_DONE ? 0 : sq_step_err(s, code, "cannot mark a stale film");
}

int sq_stale_keys(reel_store *st, store_key_cb cb, void *user)
{
    sqlite_store *s = (sqlite_store *)st;
    sqlite3_stmt *q = NULL;
    int rc = 0, code;
    if (sqlite3_prepare_v2(s->db, "SELECT title_key FROM films_stale ORDER BY title_key",
                           -1, &q, NULL) != SQLITE_OK)
        return sq_db_err(s, REEL_EDB, "cannot read the stale films");
    while (!rc && (code = sqlite3_step(q)) == SQLITE_ROW)
        rc = cb(user, sq_col_text(q, 0));
    if (!rc && code != SQLITE_DONE)
        rc = sq_step_err(s, code, "cannot read the stale films");
    sqlite3_finalize(q);
    return rc;
}
