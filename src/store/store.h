/* store.h — the store interface: one struct of operations, two
 * implementations (sqlite.c, pg.c). Everything above it (the
 * JSON the reads return, the film reports) is built once in store.c from
 * these primitives, so both backends give byte-identical answers.
 */
#ifndef REEL_STORE_H
#define REEL_STORE_H

#include "../identity.h"
#include "../internal.h"

#include <jansson.h>

/* 2: films are a title key and a year (films.title_key), articles have an
 * identity (articles.ident) and earlier versions (article_versions);
 * 3: films.first_review, the date of a film's first review (docs/schema.md); films_stale,
 * the title keys whose films a deferring writer has not rebuilt yet (stale.c) */
#define REEL_SCHEMA_VERSION 3

/* A search uses the first this many distinct words of its query (store.c;
 * docs/api.md): the cost of a search grows with its words. */
#define SEARCH_MAX_TERMS 16

/* One article as the store keeps it. */
typedef struct {
    const char *id, *source, *url, *title, *date, *author, *outlet, *kind;
    const char *ident;                 /* what it is a version of (identity.c) */
    const char *film_key, *film_title; /* NULL when no subject */
    int film_year;
    const char *record; /* the record JSON without text */
    const char *text;   /* clean text */
} store_article;

typedef struct {
    const char *id, *title, *outlet, *film_key, *kind, *snippet;
    double rank;
    const char *source, *url; /* where it came from: what names an untitled hit */
} store_hit;

typedef struct {
    const char *key;       /* the film's id: "pain and glory (2019)" (identity.c) */
    const char *title_key; /* the matching key of its title: "pain and glory" */
    const char *title;
    int year;
    int n_articles, n_reviews;
    double score; /* critics' score, NAN when none */
    double positive;
    const char *first_review; /* the date of its first review, NULL when none */
} store_film;

typedef int (*store_record_cb)(void *user, const char *record_json);
typedef int (*store_hit_cb)(void *user, const store_hit *hit);
typedef int (*store_film_cb)(void *user, const store_film *film);
typedef int (*store_article_cb)(void *user, const char *record_json, const char *text);
/* A catalog film (catalog.c): directors and ids as JSON arrays. */
typedef struct {
    const char *id, *title;
    int year;
    const char *directors, *ids;
    const char *const *keys; /* its title keys: title and alternate titles */
    size_t n_keys;
} store_catalog_entry;
typedef int (*store_catalog_cb)(void *user, const char *id, const char *title, int year,
                                const char *directors, const char *ids);
typedef int (*store_version_cb)(void *user, const char *id, const char *date,
                                const char *added_at, int current);
/* A current review as the critic and outlet views read it (critics.c):
 * its byline and film columns, its record's "verdict" object as JSON text
 * and its explicit score as printed ("3.5/5"); NULL where the record has
 * none. */
typedef struct {
    const char *id, *author, *outlet, *film_key, *film_title, *date;
    int film_year;
    const char *verdict, *score_raw;
} store_review;
typedef int (*store_review_cb)(void *user, const store_review *r);
/* One row of the facts table (each_fact): NULL for a missing norm,
 * qualifier or film key, NAN for a missing confidence. */
typedef struct {
    const char *article_id, *film_key, *predicate, *value, *norm, *qualifier;
    long span_start, span_end;
    double confidence;
} store_fact;
typedef int (*store_fact_cb)(void *user, const store_fact *f);
typedef int (*store_key_cb)(void *user, const char *key);

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
    /* ---- identity (schema 2) ---- */
    /* Forget every film of a title key (before its films are put again). */
    int (*drop_films)(reel_store *st, const char *title_key);
    /* The films of a title key, in year order. */
    int (*films_of)(reel_store *st, const char *title_key, store_film_cb cb, void *user);
    /* The current version of the article `ident`: its id, date and film key
     * (malloc'd, date and key may be NULL); REEL_ENOTFOUND when none. */
    int (*find_ident)(reel_store *st, const char *ident, char **id, char **date,
                      char **film_key);
    /* 1 in *has when `id` is stored, current or as an earlier version. */
    int (*has_version)(reel_store *st, const char *id, int *has);
    /* Move the current article `id` to the versions (keep = 1) or delete
     * it and its versions (keep = 0); its facts and search entry go. */
    int (*retire)(reel_store *st, const char *id, int keep);
    /* Keep a version that lost to the current one (an older date). */
    int (*put_version)(reel_store *st, const store_article *a);
    /* Every version of the article `ident`: id, date, added_at, current. */
    int (*versions)(reel_store *st, const char *ident, store_version_cb cb, void *user);
    /* ---- alternate titles (alias.c) ---- */
    /* 1 in *any when some title key is joined to another. */
    int (*any_links)(reel_store *st, int *any);
    /* The title key `key` is joined to, or NULL when none (malloc'd). */
    int (*key_canon)(reel_store *st, const char *key, char **canon);
    /* Join title key `from` into `to`: its articles, facts and versions move,
     * keys joined to it follow, its films go. */
    int (*key_join)(reel_store *st, const char *from, const char *to);
    /* ---- the film catalog (catalog.c) ---- */
    /* Put (or replace) a catalog film and its title keys. */
    int (*catalog_put)(reel_store *st, const store_catalog_entry *e);
    /* The catalog films of a title key and the keys joined to it, by year. */
    int (*catalog_of)(reel_store *st, const char *key, store_catalog_cb cb, void *user);
    /* ---- critics and outlets (critics.c) ---- */
    /* Every current article of kind "review", in id order. */
    int (*each_review)(reel_store *st, store_review_cb cb, void *user);
    /* ---- export (export.c) ---- */
    /* Every fact row, by article id then span, streamed (never all in
     * memory). */
    int (*each_fact)(reel_store *st, store_fact_cb cb, void *user);
    /* ---- stale films (stale.c, schema 3) ---- */
    /* How many articles of title key `key` changed since its films were
     * built (0 when its films are current). */
    int (*stale_get)(reel_store *st, const char *key, long *n);
    /* Set that count; 0 forgets the key. */
    int (*stale_put)(reel_store *st, const char *key, long n);
    /* Every title key with a count, in key order. */
    int (*stale_keys)(reel_store *st, store_key_cb cb, void *user);
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
    /* films touched by the open batch, and how many of their articles it
     * changed; their summaries are rebuilt at commit (or left stale when
     * deferring: stale.c) */
    char **touched;
    long *touched_n;
    size_t n_touched, cap_touched;
    int defer; /* reel_store_defer: rebuild large films' reports in steps */
    /* a request's time limit (the server's): a query running when the
     * monotonic clock passes deadline_ms (0: none), or when *stop turns
     * non-zero, is interrupted */
    _Atomic uint64_t deadline_ms;
    const _Atomic int *stop;
    int watched;

    int rebuild_films; /* a migration dropped the films: rebuild them on open */
    int links;         /* title keys are joined by aliases (read per batch) */
    char *canon_key;   /* the put article's title key after joining (owned) */
    /* the summaries of large films' articles, kept between batches
     * (film_report.c); NULL until one is kept */
    json_t *summaries;
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

/* store.c: put one parsed record (with "text") into the open batch, or
 * its own one (reel_store_put_record without the parsing). */
int store_put_json(reel_store *st, json_t *rec, int *out_added);
/* batch.c: hand a parsed record to the batch writer (its reference taken
 * in every case), written as reel_batch_put writes. */
int store_batch_put_json(reel_batch *b, json_t *rec);
/* store.c: a title key whose films the open batch must rebuild. */
int store_touch(reel_store *st, const char *key);
/* store.c: the films of title key `key` built again from its articles
 * (inside the open batch). */
int store_rebuild_key(reel_store *st, const char *key);
/* stale.c: at commit, the touched key `key` (`changed` of its
 * articles changed by the batch): its films rebuilt now, or (a deferring
 * handle, a large film) left stale with the count kept. */
int store_stale_commit(reel_store *st, const char *key, long changed);
/* stale.c: a film report read from the films table (*report,
 * malloc'd, replaced) made current when its title key is stale: computed
 * from the articles for this answer (a read never writes). */
int store_stale_fresh(reel_store *st, char **report);
/* store/identity.c: before an article is put, what to do with the version
 * already stored of it: *replace 0 put it (a new article, or the current
 * one was retired to the versions), -1 leave it (stored already, or older
 * than the current one, which is then kept as a version). */
int store_version_check(reel_store *st, const store_article *a, int *replace);
/* alias.c: the title key an article's film goes under, once the
 * keys its alternate titles (subject.aliases) link are joined: *key is the
 * record's key or a joined one (borrowed from the record or st). */
int store_alias_resolve(reel_store *st, json_t *subject, const char **key);
/* alias.c: the title key `key` stands under (malloc'd). */
char *store_alias_canon(reel_store *st, const char *key);
/* store/identity.c: every film rebuilt from the articles (after a
 * migration that changed how films are formed). */
int store_rebuild_films(reel_store *st);
/* store/identity.c: a film's list entry (key, id, name "Title (2019)",
 * title, year, counts); NULL when out of memory. */
json_t *store_film_brief(const store_film *f);
/* store/identity.c: the film `title` names, by its title key and the year
 * in it ("Dune (2021)"): *found 0 when the key has no film (the caller
 * looks further), else the report, REEL_ENOTFOUND (the year is none of
 * the title's films), or REEL_EAMBIGUOUS with *out the JSON list of the
 * films it fits. */
int store_film_by_year(reel_store *st, char **out, const char *title, int *found);

/* pg_search.c: what makes PostgreSQL search like FTS5, with FTS5's own
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

/* A film report lists its first this many articles (in id order) and, when
 * it has more, "articles_total"; the rest are read a page at a time
 * (reel_store_film_page): a report's size, and the work of keeping it at
 * each batch, do not grow with every article of a large film. */
#define FILM_REPORT_ARTICLES 1000

/* film_report.c: the reports of the films of a title key from its records,
 * one per film (identity.c splits them), as a JSON array (*out, caller
 * decrefs); an empty array when the key has no articles left. Each lists
 * its first `cap` articles (0: all). */
int film_reports(reel_ctx *ctx, reel_store *st, const char *key, size_t cap,
                 json_t **out);
/* film_report.c: forget the kept summary of article `id` of title key `key`
 * (it is put again: its record may not be the bytes summarised before). */
void store_summaries_forget(reel_store *st, const char *key, const char *id);
/* aggregate.c, for film_report.c: the reports of the films a partial holds
 * (identity_partition with the catalog's `seeds`, NULL for none), a new
 * JSON array, NULL when out of memory; and the partial's summaries, id →
 * summary (borrowed: a summary made of the same record may be set in it). */
json_t *partial_reports(const reel_partial *p, const film_seed *seeds, size_t n_seeds,
                        json_t *catalog, size_t cap);
json_t *partial_summaries(const reel_partial *p);
/* timeline.c: the timeline (reel_store_film_timeline) of a film
 * whose report is `report_json`, as the stored report (every article read
 * again when it lists only the first ones); *out malloc'd. */
int store_timeline_of_report(reel_store *st, const char *report_json, char **out);
/* film_page.c: every article of the film `id` of title key `key`, as
 * its report would list them without a cap (new ref in *out). */
int store_film_articles(reel_store *st, const char *key, const char *id, json_t **out);

/* The list row of a report; its strings borrowed from `rep`. */
void film_summary(json_t *rep, store_film *summary);

#endif
