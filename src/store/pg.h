/* pg.h — the parts of the PostgreSQL store (pg*.c), private to them: the
 * handle, the prepared statements by number, and how a statement is run.
 * Outside, only store_pg_open (store.h) is seen.
 */
#ifndef REEL_STORE_PG_H
#define REEL_STORE_PG_H

#include "store.h"

#ifdef REEL_HAVE_PQ

#include <libpq-fe.h>

/* Attempts at a batch that keeps meeting deadlocks before giving up. */
#define MAX_ATTEMPTS 8
/* Facts go in several rows per statement (1, 2, 4 ... 32): an article's
 * facts cost a round trip or two to the server, not one each. */
#define FACT_SIZES 6
#define FACT_COLS 9

enum {
    S_PUT_ARTICLE,
    S_PUT_FACT,
    S_FILM_RECORDS,
    S_LOCK_FILMS,
    S_PUT_FILM,
    S_GET_FILM,
    S_COUNT_FILMS,
    S_FILMS_TITLE,
    S_FILMS_SCORE,
    S_FILMS_REVIEWS,
    S_GET_ARTICLE,
    S_COUNT_HITS,
    S_SEARCH,
    S_STATS,
    S_EACH_ARTICLE,
    S_DROP_FILMS,
    S_FILMS_OF,
    S_FIND_IDENT,
    S_HAS_VERSION,
    S_RETIRE_KEEP,
    S_RETIRE_DELETE,
    S_PUT_VERSION,
    S_VERSIONS,
    S_ANY_LINKS,
    S_KEY_CANON,
    S_JOIN_LINKS,
    S_JOIN_LINK,
    S_JOIN_ARTICLES,
    S_JOIN_FACTS,
    S_JOIN_VERSIONS,
    S_CATALOG_PUT,
    S_CATALOG_KEY,
    S_CATALOG_OF,
    S_EACH_REVIEW,
    S_FILMS_YEAR,
    S_FILMS_FIRST,
    S_EACH_FACT,
    S_STALE_GET,
    S_STALE_PUT,
    S_STALE_FORGET,
    S_STALE_KEYS,
    N_STMTS
};

typedef struct {
    const char *name, *sql;
    int nparams;
} pg_stmt;
/* pg_statements.c: indexed by the enum above */
extern const pg_stmt pg_stmts[N_STMTS];

/* A write of the open batch, kept to replay the batch after a deadlock. */
typedef struct {
    int stmt;
    char *v[16];
} pg_entry;

typedef struct {
    reel_store base; /* base.url: the URL without its password */
    PGconn *conn;
    vec journal;          /* pg_entry: the writes of the open batch, in order */
    int films_locked;     /* the batch holds its films' locks */
    int skip_facts;       /* the last article was already there: its facts too */
    vec pending;          /* size_t: journal entries of facts not sent yet */
    store_tokenizer *tok; /* FTS5's, for the index, queries and snippets */
    unsigned seed;
} pg_store;

/* Rows one at a time (single-row mode), so a film of many articles or a
 * whole store is never one result in memory. */
typedef int (*pg_row_cb)(void *user, PGresult *r, int row);

/* pg_statements.c: the statements of a session; a fact insert's name */
void pg_fact_stmt_name(char *out, size_t n, int size);
int pg_prepare(pg_store *s);

/* pg_schema.c: create or migrate the schema */
int pg_migrate(pg_store *s);

/* pg_conn.c: errors, running statements, the session */
void pg_one_line(char *dst, size_t n, const char *msg);
int pg_fail(pg_store *s, PGresult *r, const char *what);
int pg_ok(PGresult *r);
int pg_retryable(PGresult *r);
PGresult *pg_run(pg_store *s, int stmt, const char *const *v);
int pg_command(pg_store *s, const char *sql, const char *what);
int pg_read_again(pg_store *s, PGresult *r, int attempt);
int pg_command_again(pg_store *s, const char *sql, const char *what);
int pg_query(pg_store *s, int stmt, const char *const *v, PGresult **out,
             const char *what);
long pg_count_of(PGresult *r, int col);
int pg_stream(pg_store *s, int stmt, const char *const *v, pg_row_cb cb, void *user,
              const char *what);
double pg_real_or_nan(PGresult *r, int row, int col);
const char *pg_text_or_null(PGresult *r, int row, int col);
/* Row i of a films result (key, title, year, n_articles, n_reviews, score,
 * positive, title_key) as a store_film, its strings borrowed from r. */
void pg_film_row(PGresult *r, int i, store_film *f);
int pg_session(pg_store *s);
int pg_reconnect(pg_store *s);
int pg_check(reel_store *st);

/* pg_batch.c: the batch and its writes */
void pg_journal_clear(pg_store *s);
int pg_write_batch(pg_store *s, int stmt, const char *const *v, long *affected,
                   const char *what);
int pg_flush_facts(pg_store *s);
int pg_begin(reel_store *st);
int pg_commit(reel_store *st);
int pg_rollback(reel_store *st);
int pg_put_article(reel_store *st, const store_article *a, int *added);
int pg_put_fact(reel_store *st, const char *article_id, const char *film_key,
                const char *predicate, const char *value, const char *norm,
                const char *qualifier, size_t span_start, size_t span_end,
                double confidence);
int pg_lock_films(pg_store *s);
int pg_put_film(reel_store *st, const store_film *f, const char *report);

/* pg_read.c: reads (store_ops) */
int pg_film_records(reel_store *st, const char *key, store_record_cb cb, void *user);
int pg_get_film(reel_store *st, const char *key, char **report);
int pg_list_films(reel_store *st, const char *folded, const char *sort, int limit,
                  int offset, store_film_cb cb, void *user, int *total);
int pg_get_article(reel_store *st, const char *id, char **record, char **text);
int pg_search(reel_store *st, const char *folded, int limit, int offset, store_hit_cb cb,
              void *user, int *total);
int pg_stats(reel_store *st, long *articles, long *films);
int pg_each_article(reel_store *st, store_article_cb cb, void *user);
int pg_each_fact(reel_store *st, store_fact_cb cb, void *user);
int pg_each_review(reel_store *st, store_review_cb cb, void *user);

/* pg_identity.c: identity, catalog and stale rows (store_ops) */
int pg_drop_films(reel_store *st, const char *title_key);
int pg_films_of(reel_store *st, const char *title_key, store_film_cb cb, void *user);
int pg_find_ident(reel_store *st, const char *ident, char **id, char **date,
                  char **film_key);
int pg_has_version(reel_store *st, const char *id, int *has);
int pg_retire(reel_store *st, const char *id, int keep);
int pg_put_version(reel_store *st, const store_article *a);
int pg_versions(reel_store *st, const char *ident, store_version_cb cb, void *user);
int pg_any_links(reel_store *st, int *any);
int pg_key_canon(reel_store *st, const char *key, char **canon);
int pg_key_join(reel_store *st, const char *from, const char *to);
int pg_catalog_put(reel_store *st, const store_catalog_entry *e);
int pg_catalog_of(reel_store *st, const char *key, store_catalog_cb cb, void *user);
int pg_stale_get(reel_store *st, const char *key, long *n);
int pg_stale_put(reel_store *st, const char *key, long n);
int pg_stale_keys(reel_store *st, store_key_cb cb, void *user);

#endif
#endif
