/* sqlite_run.c — running statements on the SQLite store: errors as one
 * message naming the file (another writer's lock REEL_EBUSY, a file that
 * is not a database said so), values bound (a failed copy noted as out of
 * memory), and a statement run to its end.
 */
#include "sqlite.h"

#include <math.h>

int sq_db_err(sqlite_store *s, int code, const char *what)
{
    return reel_error(s->base.ctx, code, "%s: %s: %s", s->base.url, what,
                      sqlite3_errmsg(s->db));
}

int sq_exec(sqlite_store *s, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        int rc = reel_error(s->base.ctx, REEL_EDB, "%s: %s", s->base.url,
                            msg ? msg : sqlite3_errmsg(s->db));
        sqlite3_free(msg);
        return rc;
    }
    return 0;
}

/* A copy that failed leaves the parameter NULL and the row short: it is
 * noted, and the writers above refuse the article or report (oom_since). */
void sq_bind_text(sqlite3_stmt *st, int i, const char *v)
{
    if (v) {
        if (sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT) == SQLITE_NOMEM) oom_note();
    } else {
        sqlite3_bind_null(st, i);
    }
}

void sq_bind_text_static(sqlite3_stmt *st, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

const char *sq_col_text(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

/* SQLite's "busy" family: another connection holds a lock we need. */
static int is_busy(int code)
{
    code &= 0xff;
    return code == SQLITE_BUSY || code == SQLITE_LOCKED;
}

/* A failed step as an error: a lock another writer holds is REEL_EBUSY
 * (begin waits and tries again), a file that is not a database says so. */
int sq_step_err(sqlite_store *s, int code, const char *what)
{
    if (is_busy(code)) {
        s->base.locked = 1;
        return reel_error(s->base.ctx, REEL_EBUSY,
                          "%s: %s: another process is writing to it", s->base.url, what);
    }
    if ((code & 0xff) == SQLITE_NOTADB)
        return reel_error(s->base.ctx, REEL_ESCHEMA,
                          "%s: not a reel database (not an SQLite file)", s->base.url);
    return sq_db_err(s, REEL_EDB, what);
}

/* Run a statement that may meet another process's lock (journal mode,
 * schema creation) until it passes, with backoff. */
int sq_exec_waiting(sqlite_store *s, const char *sql, const char *what)
{
    uint64_t started = store_now_ms();
    for (int attempt = 1;; attempt++) {
        int code = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
        if (code == SQLITE_OK) return 0;
        int rc = sq_step_err(s, code, what);
        if (rc != REEL_EBUSY || !store_busy_wait(&s->base, attempt, started)) return rc;
    }
}

/* One statement with text parameters ?1 .. ?n (NULL binds NULL), run to
 * its end. */
int sq_run(sqlite_store *s, const char *sql, const char *const *v, int n,
           const char *what)
{
    sqlite3_stmt *q = NULL;
    if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &q, NULL) !=
        SQLITE_OK)
        return sq_db_err(s, REEL_EDB, what);
    for (int i = 0; i < n; i++)
        sq_bind_text(q, i + 1, v[i]);
    int step = sqlite3_step(q);
    while (step == SQLITE_ROW)
        step = sqlite3_step(q);
    sqlite3_finalize(q);
    return step == SQLITE_DONE ? 0 : sq_db_err(s, REEL_EDB, what);
}

int sq_run1(sqlite_store *s, const char *sql, const char *v, const char *what)
{
    return sq_run(s, sql, &v, 1, what);
}

int sq_rows(sqlite_store *s, const char *sql, const char *key, sq_row_fn row, void *user,
            const char *what)
{
    sqlite3_stmt *q = NULL;
    int rc = 0, step;
    if (sqlite3_prepare_v2(s->db, sql, -1, &q, NULL) != SQLITE_OK)
        return sq_db_err(s, REEL_EDB, what);
    if (key) sq_bind_text(q, 1, key);
    while ((step = sqlite3_step(q)) == SQLITE_ROW)
        if ((rc = row(user, q))) break;
    if (!rc && step != SQLITE_DONE) rc = sq_db_err(s, REEL_EDB, what);
    sqlite3_finalize(q);
    return rc;
}

int sq_first_int(sqlite_store *s, const char *sql, const char *key, int *out,
                 const char *what)
{
    sqlite3_stmt *q = NULL;
    *out = 0;
    if (sqlite3_prepare_v2(s->db, sql, -1, &q, NULL) != SQLITE_OK)
        return sq_db_err(s, REEL_EDB, what);
    if (key) sq_bind_text(q, 1, key);
    if (sqlite3_step(q) == SQLITE_ROW) *out = sqlite3_column_int(q, 0);
    sqlite3_finalize(q);
    return 0;
}

void sq_film_row(sqlite3_stmt *q, store_film *f)
{
    f->key = sq_col_text(q, 0);
    f->title = sq_col_text(q, 1);
    f->year = sqlite3_column_int(q, 2);
    f->n_articles = sqlite3_column_int(q, 3);
    f->n_reviews = sqlite3_column_int(q, 4);
    f->score =
        sqlite3_column_type(q, 5) == SQLITE_NULL ? NAN : sqlite3_column_double(q, 5);
    f->positive =
        sqlite3_column_type(q, 6) == SQLITE_NULL ? NAN : sqlite3_column_double(q, 6);
    f->title_key = sq_col_text(q, 7);
    f->first_review = NULL;
}

char *sq_dup_or_null(const char *v)
{
    return v ? strdup(v) : NULL;
}
