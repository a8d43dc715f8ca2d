/* sqlite.h — the parts of the SQLite store (sqlite*.c), private to them:
 * the handle and its statements, and how a statement is run. Outside,
 * only store_sqlite_open (store.h) is seen.
 */
#ifndef REEL_STORE_SQLITE_H
#define REEL_STORE_SQLITE_H

#include "sqlite_search.h"
#include "store.h"

#include <sqlite3.h>
#include <sys/types.h>

typedef struct {
    reel_store base;
    sqlite3 *db; /* NULL after a failed re-open: check() fails until one works */
    sqlite3_stmt *put_article, *put_fts, *put_fact, *film_records, *put_film, *get_film;
    /* the file this handle opened, to notice it replaced or deleted */
    int watch;
    dev_t dev;
    ino_t ino;
    sqlite_search *search; /* made at the first search (sqlite_search.c) */
    sqlite3_stmt *find_ident;
} sqlite_store;

/* sqlite_run.c: errors, values, running statements */
int sq_db_err(sqlite_store *s, int code, const char *what);
int sq_exec(sqlite_store *s, const char *sql);
void sq_bind_text(sqlite3_stmt *st, int i, const char *v);
/* The same, for the largest values (an article's text and record): not
 * copied, so the caller keeps v until the statement has run, then clears
 * the bindings (sqlite3_clear_bindings). */
void sq_bind_text_static(sqlite3_stmt *st, int i, const char *v);
const char *sq_col_text(sqlite3_stmt *st, int i);
int sq_step_err(sqlite_store *s, int code, const char *what);
int sq_exec_waiting(sqlite_store *s, const char *sql, const char *what);
/* A statement with text parameters ?1 .. ?n (NULL binds NULL), or one, run
 * to its end: 0 or the store's error (`what`). */
int sq_run(sqlite_store *s, const char *sql, const char *const *v, int n,
           const char *what);
int sq_run1(sqlite_store *s, const char *sql, const char *v, const char *what);
/* Each row of a statement (`key` bound as ?1 unless NULL) handed to
 * row(user, q) until it returns non-zero: 0, that value, or the store's
 * error (`what`). */
typedef int (*sq_row_fn)(void *user, sqlite3_stmt *q);
int sq_rows(sqlite_store *s, const char *sql, const char *key, sq_row_fn row, void *user,
            const char *what);
/* The first column of a statement's first row (0 when it has none). */
int sq_first_int(sqlite_store *s, const char *sql, const char *key, int *out,
                 const char *what);
/* A films row (key, title, year, n_articles, n_reviews, score, positive,
 * title_key) as a store_film, its strings borrowed from q. */
void sq_film_row(sqlite3_stmt *q, store_film *f);
char *sq_dup_or_null(const char *v);

/* sqlite_schema.c: the schema version, create or migrate */
int sq_read_version(sqlite_store *s, int *version, int *tables);
int sq_refuse(sqlite_store *s, int mode, int version, int tables);
int sq_migrate(sqlite_store *s, int mode);

/* sqlite_batch.c: the batch and its writes (store_ops) */
int sq_begin(reel_store *st);
int sq_commit(reel_store *st);
int sq_rollback(reel_store *st);
int sq_put_article(reel_store *st, const store_article *a, int *added);
int sq_put_fact(reel_store *st, const char *article_id, const char *film_key,
                const char *predicate, const char *value, const char *norm,
                const char *qualifier, size_t span_start, size_t span_end,
                double confidence);
int sq_put_film(reel_store *st, const store_film *f, const char *report);

/* sqlite_read.c: reads (store_ops) */
int sq_film_records(reel_store *st, const char *key, store_record_cb cb, void *user);
int sq_get_film(reel_store *st, const char *key, char **report);
int sq_list_films(reel_store *st, const char *folded, const char *sort, int limit,
                  int offset, store_film_cb cb, void *user, int *total);
int sq_get_article(reel_store *st, const char *id, char **record, char **text);
int sq_search(reel_store *st, const char *folded, int limit, int offset, store_hit_cb cb,
              void *user, int *total);
int sq_stats(reel_store *st, long *articles, long *films);
int sq_each_article(reel_store *st, store_article_cb cb, void *user);
int sq_each_fact(reel_store *st, store_fact_cb cb, void *user);
int sq_each_review(reel_store *st, store_review_cb cb, void *user);

/* sqlite_identity.c: identity, catalog and stale rows (store_ops) */
int sq_drop_films(reel_store *st, const char *title_key);
int sq_films_of(reel_store *st, const char *title_key, store_film_cb cb, void *user);
int sq_find_ident(reel_store *st, const char *ident, char **id, char **date,
                  char **film_key);
int sq_has_version(reel_store *st, const char *id, int *has);
int sq_retire(reel_store *st, const char *id, int keep);
int sq_put_version(reel_store *st, const store_article *a);
int sq_versions(reel_store *st, const char *ident, store_version_cb cb, void *user);
int sq_any_links(reel_store *st, int *any);
int sq_key_canon(reel_store *st, const char *key, char **canon);
int sq_key_join(reel_store *st, const char *from, const char *to);
int sq_catalog_put(reel_store *st, const store_catalog_entry *e);
int sq_catalog_of(reel_store *st, const char *key, store_catalog_cb cb, void *user);
int sq_stale_get(reel_store *st, const char *key, long *n);
int sq_stale_put(reel_store *st, const char *key, long n);
int sq_stale_keys(reel_store *st, store_key_cb cb, void *user);

#endif
