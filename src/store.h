/* store.h — the store interface: one struct of operations, two
 * implementations (store_sqlite.c, store_pg.c). Everything above it (the
 * JSON the reads return, the film reports) is built once in store.c from
 * these primitives, so both backends give byte-identical answers.
 */
#ifndef REEL_STORE_H
#define REEL_STORE_H

#include "internal.h"

#define REEL_SCHEMA_VERSION 1

/* A search uses the first this many distinct words of its query (store.c;
 * docs/api.md): the cost of a search grows with its words. */
#define SEARCH_MAX_TERMS 16

/* One article as the store keeps it. */
typedef struct {
    const char *id, *source, *url, *title, *date, *author, *outlet, *kind;
    const char *film_key, *film_title; /* NULL when no subject */
    int film_year;
    const char *record; /* the record JSON without text */
    const char *text;   /* clean text */
} store_article;

typedef struct {
    const char *id, *title, *outlet, *film_key, *kind, *snippet;
    double rank;
} store_hit;

typedef struct {
    const char *key, *title;
    int year;
    int n_articles, n_reviews;
    double score; /* critics' score, NAN when none */
    double positive;
} store_film;

typedef int (*store_record_cb)(void *user, const char *record_json);
typedef int (*store_hit_cb)(void *user, const store_hit *hit);
typedef int (*store_film_cb)(void *user, const store_film *film);
typedef int (*store_article_cb)(void *user, const char *record_json, const char *text);

typedef struct store_ops {
    const char *name;
    void (*close)(reel_store *st);
    int (*begin)(reel_store *st);
    int (*commit)(reel_store *st);
    int (*rollback)(reel_store *st);
    /* Insert unless the id is there; *added says which. */
    int (*put_article)(reel_store *st, const store_article *a, int *added);
    /* Facts rows of an article, for `reel facts` and search. */
    int (*put_fact)(reel_store *st, const char *article_id, const char *film_key,
                    const char *predicate, const char *value, const char *norm,
                    const char *qualifier, size_t span_start, size_t span_end,
                    double confidence);
    /* Every record of a film, in id order. */
    int (*film_records)(reel_store *st, const char *key, store_record_cb cb, void *user);
    /* Save the summary of a film (after its articles changed). */
    int (*put_film)(reel_store *st, const store_film *f, const char *report_json);
    /* The cached report of a film; REEL_ENOTFOUND when there is none. */
    int (*get_film)(reel_store *st, const char *key, char **report_json);
    /* Keys of films whose key or title contains `folded` (NULL: all). */
    int (*list_films)(reel_store *st, const char *folded, const char *sort, int limit,
                      int offset, store_film_cb cb, void *user, int *total);
    /* An article by id prefix: record JSON and text (malloc'd). */
    int (*get_article)(reel_store *st, const char *id_prefix, char **record, char **text);
    int (*search)(reel_store *st, const char *folded_query, int limit, int offset,
                  store_hit_cb cb, void *user, int *total);
    int (*stats)(reel_store *st, long *articles, long *films);
    /* Every article's record JSON (without text) and text, in id order. */
    int (*each_article)(reel_store *st, store_article_cb cb, void *user);
    /* Start interrupting queries past st->deadline_ms or while *st->stop is
     * set (store_limit); a statement stopped so fails as any other. */
    int (*watch)(reel_store *st, int limit_ms);
    /* A few cheap reads that fail when the store is damaged or gone
     * (/api/health). */
    int (*health)(reel_store *st);
    /* Before a call outside a batch: is the handle still on its store? A
     * replaced SQLite file is opened again, a lost PostgreSQL connection
     * re-made; REEL_EBUSY when the store is gone or unreachable. */
    int (*check)(reel_store *st);
} store_ops;

struct reel_store {
    const store_ops *ops;
    reel_ctx *ctx;
    char *url;
    int in_batch;
    int mode;    /* REEL_STORE_* bits it was opened with */
    int created; /* this open made the store */
    /* the backend's last REEL_EBUSY was a lock another writer holds (worth
     * waiting for), not an unreachable store */
    int locked;
    int busy_ms; /* how long begin waits for a locked store (0: a minute) */
    /* articles the open batch adds (a backend that replays a batch after a
     * deadlock recounts it), and those added by committed batches */
    long batch_added, added;
    /* films touched by the open batch; their summaries are rebuilt at commit */
    char **touched;
    size_t n_touched, cap_touched;
    /* a request's time limit (the server's): a query running when the
     * monotonic clock passes deadline_ms (0: none), or when *stop turns
     * non-zero, is interrupted */
    _Atomic uint64_t deadline_ms;
    const _Atomic int *stop;
    int watched;
};

int store_sqlite_open(reel_ctx *ctx, reel_store **out, const char *path, int mode);
int store_pg_open(reel_ctx *ctx, reel_store **out, const char *url, int mode);
/* Sleep before attempt `attempt` (1, 2, ...) at a locked store, with a
 * growing, jittered backoff; 0 when `started_ms` (store_now_ms) is more than
 * st->busy_ms ago and the caller should give up. */
int store_busy_wait(reel_store *st, int attempt, uint64_t started_ms);
uint64_t store_now_ms(void);
/* Interrupt this store's queries `limit_ms` from now (0: no limit) or as
 * soon as *stop is set (NULL: never). 0, or the backend's error. */
int store_limit(reel_store *st, int limit_ms, const _Atomic int *stop);
/* Whether a query failed because of store_limit: past its deadline or
 * stopped. */
int store_limited(const reel_store *st);
/* The store answers and its tables can be read (/api/health); 0 or the
 * error, with its message on the context. */
int store_check(reel_store *st);


/* store_text.c: what makes PostgreSQL search like FTS5, with FTS5's own
 * unicode61 tokenizer (remove_diacritics 2) from an in-memory SQLite. */
typedef struct store_tokenizer store_tokenizer;
typedef struct {
    size_t start, end;
} store_span;
int store_tokenizer_new(store_tokenizer **out); /* 0, REEL_ENOMEM or REEL_EDB */
void store_tokenizer_free(store_tokenizer *t);
/* The tsvector (as text) of an article: each word of title and text as
 * FTS5 folds it, with its positions; *n_words: FTS5's count of its words
 * (BM25's document length). Words past `budget` bytes of tsvector (the
 * server refuses 1 MB) are counted but not indexed. *out malloc'd. */
int store_index(store_tokenizer *t, const char *title, const char *text, size_t budget,
                char **out, int *n_words);
/* A folded query as tsquery text: each word a phrase of its tokens, the
 * phrases one per line in *phrases and ANDed in *all (both malloc'd). */
int store_query(store_tokenizer *t, const char *folded, char **phrases, char **all);
/* FTS5 snippet() of `text` for a folded query: about n_tokens words, the
 * matches between \x02 and \x03, "…" where text was cut. malloc'd; NULL on
 * failure. */
char *store_snippet(store_tokenizer *t, const char *text, const char *folded_query,
                    int n_tokens);

/* aggregate.c: the report of a film from its records. */
int film_report(reel_ctx *ctx, reel_store *st, const char *key, char **out,
                store_film *summary);

#endif
