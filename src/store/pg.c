/* store_pg.c — the shared store: PostgreSQL through libpq, for a team that
 * points every reel at one database and must get the SQLite store's answers.
 * Text keys compare byte-wise (COLLATE "C") so rows come back in the same
 * order; every statement with values is prepared; one transaction per batch.
 * Several `reel ingest` processes may load overlapping files at once: an
 * article goes in with ON CONFLICT DO NOTHING, the writes of a batch are
 * journaled so a deadlock or serialization failure replays the batch from
 * its start (a few times, with backoff), and the film summaries rebuilt at
 * commit are taken under per-film advisory locks in one global order.
 * A lost connection (a server restart) is REEL_EBUSY and is made again
 * (PQreset, session, statements) before the next call, or at once for a
 * read outside a batch, which is then run again.
 * Search: a GIN tsvector over the folded words, ranked by FTS5's BM25.
 */
#include "store.h"

#ifndef REEL_HAVE_PQ

int store_pg_open(reel_ctx *ctx, reel_store **out, const char *url, int mode)
{
    *out = NULL;
    (void)url;
    (void)mode;
    return reel_error(
        ctx, REEL_EDB,
        "this reel was built without libpq: PostgreSQL stores are not available");
}

#else

#include <libpq-fe.h>
#include <math.h>
#include <time.h>
#include <unistd.h>

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

#define FILMS_SELECT                                                                     \
    "SELECT key, title, year, n_articles, n_reviews, score, positive, title_key,"        \
    " first_review FROM films"                                                           \
    " WHERE $1::text IS NULL OR strpos(key, $1) > 0 OR strpos(folded_title, $1) > 0"

static const struct {
    const char *name, *sql;
    int nparams;
} stmts[N_STMTS] = {
    {"put_article",
     "INSERT INTO articles(id, source, url, title, date, author, outlet, kind, film_key,"
     " film_title, film_year, record, text, n_tokens, search, ident)"
     " VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14,"
     " $15::tsvector, $16) ON CONFLICT (id) DO NOTHING",
     16},
    {"put_fact",
     "INSERT INTO facts(article_id, film_key, predicate, value, norm, qualifier,"
     " span_start, span_end, confidence) VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9)",
     9},
    {"film_records", "SELECT record FROM articles WHERE film_key = $1 ORDER BY id", 1},
    /* one lock per film, taken in the order of the lock keys: two batches
     * touching the same films never wait on each other in a circle */
    {"lock_films",
     "SELECT count(pg_advisory_xact_lock(k)) FROM (SELECT DISTINCT hashtextextended(f, "
     "0) AS k"
     " FROM unnest(string_to_array($1, E'\\n')) AS f ORDER BY 1) AS keys",
     1},
    {"put_film",
     "INSERT INTO films(key, title, folded_title, year, n_articles, n_reviews, score,"
     " positive, report, title_key, first_review)"
     " VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
     " ON CONFLICT (key) DO UPDATE SET title = EXCLUDED.title,"
     " folded_title = EXCLUDED.folded_title, year = EXCLUDED.year,"
     " n_articles = EXCLUDED.n_articles, n_reviews = EXCLUDED.n_reviews,"
     " score = EXCLUDED.score, positive = EXCLUDED.positive, report = EXCLUDED.report,"
     " title_key = EXCLUDED.title_key, first_review = EXCLUDED.first_review",
     11},
    {"get_film", "SELECT report FROM films WHERE key = $1", 1},
    {"count_films",
     "SELECT count(*) FROM films WHERE $1::text IS NULL OR strpos(key, $1) > 0"
     " OR strpos(folded_title, $1) > 0",
     1},
    {"films_title", FILMS_SELECT " ORDER BY folded_title, key LIMIT $2 OFFSET $3", 3},
    {"films_score",
     FILMS_SELECT " ORDER BY score IS NULL, score DESC, key LIMIT $2 OFFSET $3", 3},
    {"films_reviews",
     FILMS_SELECT " ORDER BY n_reviews DESC, n_articles DESC, key LIMIT $2 OFFSET $3", 3},
    {"get_article",
     "SELECT record, text FROM articles WHERE id >= $1 AND id < $1 || 'g' ORDER BY id "
     "LIMIT 2",
     1},
    {"count_hits", "SELECT count(*) FROM articles WHERE search @@ $1::tsquery", 1},
    /* FTS5's bm25() with its constants (k1 1.2, b 0.75), computed in the
     * same order of operations, so ranks and their ties match SQLite's:
     * per query phrase ($1: one per line), idf = ln((N - hits + 0.5) /
     * (hits + 0.5)) (1e-6 when not positive), f = the phrase's occurrences in
     * the article (ts_rank_cd with unit weights counts them), D = the
     * article's words, avgdl = words per article; $2: all phrases. */
    {"search",
     "WITH words AS ("
     "  SELECT o, p::tsquery AS q"
     "  FROM unnest(string_to_array($1, E'\\n')) WITH ORDINALITY AS t(p, o)),"
     " corpus AS ("
     "  SELECT count(*)::float8 AS n, coalesce(sum(n_tokens), 0)::float8 AS tokens FROM "
     "articles),"
     " idf AS ("
     "  SELECT words.o, words.q,"
     "   (SELECT CASE WHEN x > 0 THEN x ELSE 1e-6::float8 END FROM"
     "     (SELECT ln((corpus.n - count(*)::float8 + 0.5::float8)"
     "                / (count(*)::float8 + 0.5::float8)) AS x"
     "      FROM articles a WHERE a.search @@ words.q) AS h) AS idf"
     "  FROM words, corpus)"
     " SELECT a.id, a.title, a.outlet, a.film_key, a.kind, a.text,"
     "  (SELECT sum(idf.idf * ((f.f * (1.2::float8 + 1.0::float8)) / (f.f + 1.2::float8"
     "     * (1.0::float8 - 0.75::float8 + 0.75::float8 * a.n_tokens::float8"
     "        / (corpus.tokens / corpus.n)))) ORDER BY idf.o)"
     "   FROM idf CROSS JOIN LATERAL"
     "    (SELECT ts_rank_cd('{1,1,1,1}', a.search, idf.q)::float8 AS f) AS f) AS score,"
     "  a.source, a.url"
     " FROM articles a, corpus WHERE a.search @@ $2::tsquery"
     " ORDER BY score DESC, a.id LIMIT $3 OFFSET $4",
     4},
    {"stats", "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM films)", 0},
    {"each_article", "SELECT record, text FROM articles ORDER BY id", 0},
    {"drop_films", "DELETE FROM films WHERE title_key = $1 OR key = $1", 1},
    {"films_of",
     "SELECT key, title, year, n_articles, n_reviews, score, positive, title_key FROM "
     "films"
     " WHERE title_key = $1 OR key = $1 ORDER BY year IS NULL, year, key",
     1},
    {"find_ident", "SELECT id, date, film_key FROM articles WHERE ident = $1 LIMIT 1", 1},
    {"has_version",
     "SELECT EXISTS(SELECT 1 FROM articles WHERE id = $1)"
     " OR EXISTS(SELECT 1 FROM article_versions WHERE id = $1)",
     1},
    {"retire_keep",
     "WITH old AS (DELETE FROM articles WHERE id = $1"
     " RETURNING id, ident, date, film_key, record, text, added_at)"
     " INSERT INTO article_versions(id, ident, date, film_key, record, text, added_at)"
     " SELECT * FROM old ON CONFLICT (id) DO NOTHING",
     1},
    {"retire_delete",
     "WITH old AS (DELETE FROM articles WHERE id = $1 RETURNING ident)"
     " DELETE FROM article_versions WHERE ident IN (SELECT ident FROM old)",
     1},
    {"put_version",
     "INSERT INTO article_versions(id, ident, date, film_key, record, text)"
     " VALUES($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING",
     6},
    {"versions",
     "SELECT id, date, to_char(added_at AT TIME ZONE 'UTC', "
     "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
     " c FROM (SELECT id, date, added_at, 0 AS c FROM article_versions WHERE ident = $1"
     " UNION ALL SELECT id, date, added_at, 1 FROM articles WHERE ident = $1) AS v"
     " ORDER BY c, 3, id",
     1},
    {"any_links", "SELECT EXISTS(SELECT 1 FROM key_links)", 0},
    {"key_canon", "SELECT canon FROM key_links WHERE key = $1", 1},
    {"join_links", "UPDATE key_links SET canon = $2 WHERE canon = $1", 2},
    {"join_link",
     "INSERT INTO key_links(key, canon) VALUES($1, $2)"
     " ON CONFLICT (key) DO UPDATE SET canon = EXCLUDED.canon",
     2},
    {"join_articles", "UPDATE articles SET film_key = $2 WHERE film_key = $1", 2},
    {"join_facts", "UPDATE facts SET film_key = $2 WHERE film_key = $1", 2},
    {"join_versions", "UPDATE article_versions SET film_key = $2 WHERE film_key = $1", 2},
    {"catalog_put",
     "INSERT INTO catalog(id, title, year, directors, ids) VALUES($1, $2, $3, $4, $5)"
     " ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, year = EXCLUDED.year,"
     " directors = EXCLUDED.directors, ids = EXCLUDED.ids",
     5},
    {"catalog_key",
     "INSERT INTO catalog_keys(key, id) VALUES($1, $2) ON CONFLICT DO NOTHING", 2},
    {"catalog_of",
     "SELECT id, title, year, directors, ids FROM catalog WHERE id IN"
     " (SELECT id FROM catalog_keys WHERE key = $1 OR key IN"
     " (SELECT key FROM key_links WHERE canon = $1)) ORDER BY year, id",
     1},
    /* the critic and outlet views' rows: verdict and printed score taken
     * out of the record as text (json, not jsonb: its text as stored) */
    {"each_review",
     "SELECT id, author, outlet, film_key, film_title, film_year, date, r->'verdict',"
     " r->'score'->>'raw' FROM (SELECT id, author, outlet, film_key, film_title,"
     " film_year, date, record::json AS r FROM articles WHERE kind = 'review') AS a"
     " ORDER BY id",
     0},
    {"films_year",
     FILMS_SELECT " ORDER BY year IS NULL, year, folded_title, key LIMIT $2 OFFSET $3",
     3},
    {"films_first",
     FILMS_SELECT
     " ORDER BY first_review IS NULL, first_review, folded_title, key LIMIT $2 OFFSET $3",
     3},
    {"each_fact",
     "SELECT article_id, film_key, predicate, value, norm, qualifier, span_start,"
     " span_end, confidence FROM facts ORDER BY article_id, span_start, span_end,"
     " predicate, value",
     0},
    {"stale_get", "SELECT n FROM films_stale WHERE title_key = $1", 1},
    {"stale_put",
     "INSERT INTO films_stale(title_key, n) VALUES($1, $2)"
     " ON CONFLICT (title_key) DO UPDATE SET n = EXCLUDED.n",
     2},
    {"stale_forget", "DELETE FROM films_stale WHERE title_key = $1", 1},
    {"stale_keys", "SELECT title_key FROM films_stale ORDER BY title_key", 0},
};

/* Version 3: the date of a film's first review, for listing films by it
 * (the films are rebuilt on open to fill it: their reports gain "dates"),
 * and the title keys whose films a deferring writer left behind their
 * articles, with how many articles changed since (store_stale.c). */
static const char *schema_v3[] = {
    "ALTER TABLE films ADD COLUMN IF NOT EXISTS first_review text COLLATE \"C\"",
    "CREATE INDEX IF NOT EXISTS films_first_review ON films(first_review)",
    "DELETE FROM films",
    "CREATE TABLE IF NOT EXISTS films_stale(title_key text COLLATE \"C\" PRIMARY KEY,"
    " n bigint NOT NULL)",
    NULL};

/* Version 2: films are a title key and a year; articles have an identity
 * and their earlier versions. The films are rebuilt from the articles on
 * open (store_rebuild_films); nothing of an article is lost. */
static const char *schema_v2[] = {
    "ALTER TABLE films ADD COLUMN title_key text COLLATE \"C\"",
    "CREATE INDEX films_title_key ON films(title_key)", "DELETE FROM films",
    "ALTER TABLE articles ADD COLUMN ident text COLLATE \"C\"",
    /* identity_article() in SQL: the URL, else a source that names a place */
    "UPDATE articles SET ident = CASE WHEN url <> '' THEN url"
    " WHEN source <> '-' AND source NOT LIKE 'POST %' AND (strpos(source, '/') > 0"
    " OR strpos(source, '.') > 0) THEN source ELSE id END",
    "CREATE INDEX articles_ident ON articles(ident)",
    "CREATE TABLE article_versions(id text COLLATE \"C\" PRIMARY KEY,"
    " ident text COLLATE \"C\" NOT NULL, date text, film_key text, record text NOT NULL,"
    " text text NOT NULL, added_at timestamptz, replaced_at timestamptz NOT NULL DEFAULT "
    "now())",
    "CREATE INDEX article_versions_ident ON article_versions(ident)",
    /* title keys joined by an alternate title (store_alias.c) */
    "CREATE TABLE key_links(key text COLLATE \"C\" PRIMARY KEY,"
    " canon text COLLATE \"C\" NOT NULL)",
    "CREATE INDEX key_links_canon ON key_links(canon)",
    /* the optional film catalog (store_catalog.c) */
    "CREATE TABLE catalog(id text COLLATE \"C\" PRIMARY KEY, title text NOT NULL,"
    " year integer, directors text NOT NULL, ids text NOT NULL)",
    "CREATE TABLE catalog_keys(key text COLLATE \"C\" NOT NULL, id text COLLATE \"C\""
    " NOT NULL, PRIMARY KEY(key, id))",
    NULL};

/* Version 1 of the schema. Later versions append their own list and a
 * step in migrate(). */
static const char *schema_v1[] = {
    "CREATE TABLE meta(key text PRIMARY KEY, value text NOT NULL)",
    "CREATE TABLE articles("
    " id text COLLATE \"C\" PRIMARY KEY, source text, url text, title text, date text,"
    " author text, outlet text, kind text NOT NULL, film_key text COLLATE \"C\","
    " film_title text, film_year integer, record text NOT NULL, text text NOT NULL,"
    " n_tokens integer NOT NULL, search tsvector NOT NULL,"
    " added_at timestamptz NOT NULL DEFAULT now())",
    "CREATE INDEX articles_film ON articles(film_key)",
    "CREATE INDEX articles_search ON articles USING gin(search)",
    /* every search needs the article count and mean length (BM25): an
     * index-only scan of this, not of the table */
    "CREATE INDEX articles_tokens ON articles(n_tokens)",
    "CREATE TABLE films(key text COLLATE \"C\" PRIMARY KEY, title text NOT NULL,"
    " folded_title text COLLATE \"C\" NOT NULL, year integer, n_articles integer NOT "
    "NULL,"
    " n_reviews integer NOT NULL, score double precision, positive double precision,"
    " report text NOT NULL)",
    "CREATE TABLE facts("
    " article_id text COLLATE \"C\" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
    " film_key text COLLATE \"C\", predicate text NOT NULL, value text NOT NULL,"
    " norm text, qualifier text, span_start bigint NOT NULL, span_end bigint NOT NULL,"
    " confidence double precision)",
    "CREATE INDEX facts_film ON facts(film_key, predicate)",
    "CREATE INDEX facts_article ON facts(article_id)", NULL};

/* A write of the open batch, kept to replay the batch after a deadlock. */
typedef struct {
    int stmt;
    char *v[16];
} entry;

typedef struct {
    reel_store base; /* base.url: the URL without its password */
    PGconn *conn;
    vec journal;          /* entry: the writes of the open batch, in order */
    int films_locked;     /* the batch holds its films' locks */
    int skip_facts;       /* the last article was already there: its facts too */
    vec pending;          /* size_t: journal entries of facts not sent yet */
    store_tokenizer *tok; /* FTS5's, for the index, queries and snippets */
    unsigned seed;
} pg_store;

/* ---------------- errors ---------------- */

/* libpq's messages span lines ("...failed: Connection refused\n\tIs the
 * server running..."); the command prints one line. */
static void one_line(char *dst, size_t n, const char *msg)
{
    size_t j = 0;
    int space = 0;
    for (const char *p = msg ? msg : ""; *p && j + 1 < n; p++) {
        if (*p == '\n' || *p == '\t' || *p == '\r' || *p == ' ') {
            space = 1;
            continue;
        }
        if (space && j) dst[j++] = ' ';
        space = 0;
        if (j + 1 < n) dst[j++] = *p;
    }
    dst[j] = 0;
}

static int lost(pg_store *s, PGresult *r)
{
    const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
    return PQstatus(s->conn) == CONNECTION_BAD || (state && !strncmp(state, "57P", 3)) ||
           (state && !strncmp(state, "08", 2));
}

/* One line naming the database, what we were doing and what went wrong. */
static int fail(pg_store *s, PGresult *r, const char *what)
{
    char msg[700];
    const char *m = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    if (m && *m) {
        one_line(msg, sizeof msg, m);
    } else {
        /* libpq's own text: its first line says it ("FATAL:  terminating
         * connection..."); the rest is a generic guess */
        m = PQerrorMessage(s->conn);
        size_t n = strcspn(m, "\n");
        if (!strncmp(m, "FATAL:", 6) || !strncmp(m, "ERROR:", 6)) m += 6, n -= 6;
        char first[700];
        snprintf(first, sizeof first, "%.*s", (int)n, m);
        one_line(msg, sizeof msg, first);
    }
    if (lost(s, r))
        return reel_error(
            s->base.ctx, REEL_EBUSY,
            "%s: lost the connection to the server while %s (%s); %s", s->base.url, what,
            msg,
            !strcmp(what, "committing the batch")
                ? "the batch may not have been stored: run the command again "
                  "to complete it"
            : s->base.in_batch ? "the open batch was not stored: run the "
                                 "command again to complete it"
                               : "run the command again");
    return reel_error(s->base.ctx, REEL_EDB, "%s: %s: %s", s->base.url, what, msg);
}

static int ok(PGresult *r)
{
    ExecStatusType t = PQresultStatus(r);
    return t == PGRES_COMMAND_OK || t == PGRES_TUPLES_OK || t == PGRES_SINGLE_TUPLE;
}

/* A deadlock or a serialization failure: the batch can be run again. */
static int retryable(PGresult *r)
{
    const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    return state && (!strcmp(state, "40001") || !strcmp(state, "40P01"));
}

static void no_notices(void *arg, const char *message)
{
    (void)arg;
    (void)message; /* the library never prints */
}

/* ---------------- running statements ---------------- */

static PGresult *run(pg_store *s, int stmt, const char *const *v)
{
    return PQexecPrepared(s->conn, stmts[stmt].name, stmts[stmt].nparams, v, NULL, NULL,
                          0);
}

/* A statement without values (BEGIN, DDL); 0 or an error. */
static int command(pg_store *s, const char *sql, const char *what)
{
    PGresult *r = PQexec(s->conn, sql);
    int rc = ok(r) ? 0 : fail(s, r, what);
    PQclear(r);
    return rc;
}

static int reconnect(pg_store *s);

/* A read outside a batch that found the connection lost (the server
 * restarted since the last call): connect again and run it once more. */
static int read_again(pg_store *s, PGresult *r, int attempt)
{
    return attempt == 0 && !s->base.in_batch && lost(s, r);
}

/* Run a statement and keep its result; an error becomes the store's. */
static int query(pg_store *s, int stmt, const char *const *v, PGresult **out,
                 const char *what)
{
    for (int attempt = 0;; attempt++) {
        *out = run(s, stmt, v);
        if (ok(*out)) return 0;
        int rc;
        if (read_again(s, *out, attempt)) {
            PQclear(*out);
            *out = NULL;
            if (!(rc = reconnect(s))) continue;
            return rc;
        }
        rc = fail(s, *out, what);
        PQclear(*out);
        *out = NULL;
        return rc;
    }
}

static long count_of(PGresult *r, int col)
{
    return atol(PQgetvalue(r, 0, col));
}

/* Rows one at a time (single-row mode), so a film of many articles or a
 * whole store is never one result in memory. */
typedef int (*row_cb)(void *user, PGresult *r, int row);

static int stream(pg_store *s, int stmt, const char *const *v, row_cb cb, void *user,
                  const char *what)
{
    for (int attempt = 0;; attempt++) {
        if (!PQsendQueryPrepared(s->conn, stmts[stmt].name, stmts[stmt].nparams, v, NULL,
                                 NULL, 0)) {
            if (!read_again(s, NULL, attempt)) return fail(s, NULL, what);
            int rc = reconnect(s);
            if (rc) return rc;
            continue;
        }
        PQsetSingleRowMode(s->conn);
        int rc = 0, rows = 0, again = 0;
        PGresult *r;
        while ((r = PQgetResult(s->conn))) {
            ExecStatusType t = PQresultStatus(r);
            if (t == PGRES_SINGLE_TUPLE || t == PGRES_TUPLES_OK) {
                for (int i = 0; i < PQntuples(r) && !rc; i++, rows++)
                    rc = cb(user, r, i);
            } else if (!rc && rows == 0 && read_again(s, r, attempt)) {
                again = 1; /* nothing was handed on yet: the whole read again */
            } else if (!rc && !again) {
                rc = fail(s, r, what);
            }
            PQclear(r); /* after a failed callback: drain, the connection stays usable */
        }
        if (!again) return rc;
        if ((rc = reconnect(s))) return rc;
    }
}

/* ---------------- the batch journal ---------------- */

static void journal_clear(pg_store *s)
{
    entry *e = s->journal.items;
    for (size_t k = 0; k < s->journal.n; k++)
        for (int i = 0; i < stmts[e[k].stmt].nparams; i++)
            free(e[k].v[i]);
    s->journal.n = 0;
    s->pending.n = 0;
    s->films_locked = 0;
    s->skip_facts = 0;
}

static int journal_add(pg_store *s, int stmt, const char *const *v)
{
    entry *e = vec_push(&s->journal);
    if (!e) return reel_error(s->base.ctx, REEL_ENOMEM, "out of memory");
    e->stmt = stmt;
    for (int i = 0; i < stmts[stmt].nparams; i++) {
        if (!v[i]) continue;
        if (!(e->v[i] = strdup(v[i]))) {
            s->journal.n--; /* the caller's write never ran */
            for (int j = 0; j < i; j++)
                free(e->v[j]);
            return reel_error(s->base.ctx, REEL_ENOMEM, "out of memory");
        }
    }
    return 0;
}

static void backoff(pg_store *s, int attempt)
{
    /* random, growing: writers that just deadlocked do not meet again */
    useconds_t us = (useconds_t)((rand_r(&s->seed) % 40 + 10) * 1000 * attempt);
    usleep(us);
}

/* The batch met a deadlock (or serialization failure): roll it back and
 * run its writes again from the start. An article that another writer
 * stored meanwhile is now "already there", and its facts are skipped. The
 * affected rows of the last write go to *affected. */
static int replay(pg_store *s, long *affected, const char *what)
{
    for (int attempt = 1;; attempt++) {
        PQclear(PQexec(s->conn, "ROLLBACK"));
        backoff(s, attempt);
        int rc = command(s, "BEGIN", "starting a batch again after a deadlock");
        if (rc) return rc;
        s->films_locked = 0;
        s->skip_facts = 0;
        s->pending.n = 0; /* the replay sends every fact of the journal */
        s->base.batch_added = 0;
        int again = 0;
        const entry *e = s->journal.items;
        for (size_t k = 0; k < s->journal.n && !rc && !again; k++) {
            long n = 0;
            if (e[k].stmt == S_PUT_FACT && s->skip_facts) {
                n = 0;
            } else {
                PGresult *r = run(s, e[k].stmt, (const char *const *)e[k].v);
                if (ok(r))
                    n = atol(PQcmdTuples(r));
                else if (retryable(r) && attempt < MAX_ATTEMPTS)
                    again = 1;
                else if (retryable(r))
                    rc = reel_error(s->base.ctx, REEL_EDB,
                                    "%s: %s: still meeting deadlocks after %d attempts;"
                                    " run the command again",
                                    s->base.url, what, MAX_ATTEMPTS);
                else
                    rc = fail(s, r, what);
                PQclear(r);
                if (e[k].stmt == S_PUT_ARTICLE) {
                    s->skip_facts = n == 0;
                    s->base.batch_added += n > 0;
                }
            }
            if (k + 1 == s->journal.n && affected) *affected = n;
        }
        if (!again) return rc;
    }
}

/* A write of the open batch: journaled, and on a deadlock the whole batch
 * is replayed, so the caller never sees one. */
static int write_batch(pg_store *s, int stmt, const char *const *v, long *affected,
                       const char *what)
{
    int rc = journal_add(s, stmt, v);
    if (rc) return rc;
    PGresult *r = run(s, stmt, v);
    if (ok(r)) {
        *affected = atol(PQcmdTuples(r));
        if (stmt == S_PUT_ARTICLE) s->skip_facts = *affected == 0;
    } else if (retryable(r)) {
        rc = replay(s, affected, what);
        /* the article being put is counted by the caller */
        if (!rc && stmt == S_PUT_ARTICLE && *affected > 0) s->base.batch_added--;
    } else {
        rc = fail(s, r, what);
    }
    PQclear(r);
    return rc;
}

static void fact_stmt_name(char *out, size_t n, int size)
{
    snprintf(out, n, "put_facts_%d", size);
}

/* Send the facts put since the last flush, in as few statements as the
 * sizes allow. */
static int flush_facts(pg_store *s)
{
    const size_t *idx = s->pending.items;
    size_t done = 0;
    while (done < s->pending.n) {
        int k = FACT_SIZES - 1;
        while ((size_t)1 << k > s->pending.n - done)
            k--;
        int rows = 1 << k;
        const char *v[FACT_COLS << (FACT_SIZES - 1)];
        char name[32];
        for (int i = 0; i < rows; i++) {
            const entry *e = (const entry *)s->journal.items + idx[done + (size_t)i];
            for (int c = 0; c < FACT_COLS; c++)
                v[i * FACT_COLS + c] = e->v[c];
        }
        fact_stmt_name(name, sizeof name, rows);
        PGresult *r = PQexecPrepared(s->conn, name, rows * FACT_COLS, v, NULL, NULL, 0);
        int rc = 0;
        if (ok(r))
            done += (size_t)rows;
        else if (retryable(r))
            rc = replay(s, NULL, "storing facts");
        else
            rc = fail(s, r, "storing facts");
        PQclear(r);
        if (rc || !s->pending.n) return rc; /* (a replay sent them all) */
    }
    s->pending.n = 0;
    return 0;
}

/* ---------------- schema ---------------- */

static int migrate(pg_store *s)
{
    PGresult *r = NULL;
    int rc, version = 0;
    const char *url = s->base.url;
    if ((rc = command(s, "BEGIN", "opening the store"))) return rc;
    /* one migrating process at a time; the others then find it done */
    if ((rc = command(s, "SELECT pg_advisory_xact_lock(7310874514235518316)",
                      "opening the store")))
        goto done;
    r = PQexec(
        s->conn,
        "SELECT to_regclass('meta') IS NOT NULL, to_regclass('articles') IS NOT NULL"
        " OR to_regclass('films') IS NOT NULL OR to_regclass('facts') IS NOT NULL");
    if (!ok(r)) {
        rc = fail(s, r, "reading the schema");
        goto done;
    }
    int has_meta = PQgetvalue(r, 0, 0)[0] == 't',
        has_tables = PQgetvalue(r, 0, 1)[0] == 't';
    PQclear(r);
    r = NULL;
    if (has_meta) {
        r = PQexec(s->conn, "SELECT value FROM meta WHERE key = 'schema_version'");
        if (!ok(r)) {
            rc = fail(s, r, "reading the schema version");
            goto done;
        }
        if (PQntuples(r) == 1) version = atoi(PQgetvalue(r, 0, 0));
        PQclear(r);
        r = NULL;
        if (version <= 0) {
            rc = reel_error(
                s->base.ctx, REEL_ESCHEMA,
                "%s: not a reel database (a meta table without a schema version)", url);
            goto done;
        }
    } else if (has_tables) {
        rc = reel_error(
            s->base.ctx, REEL_ESCHEMA,
            "%s: a database of something else, not reel (tables named like reel's"
            " but no schema version)",
            url);
        goto done;
    }
    if (version > REEL_SCHEMA_VERSION) {
        rc =
            reel_error(s->base.ctx, REEL_ESCHEMA,
                       "%s: schema version %d is newer than this reel (%d); upgrade reel",
                       url, version, REEL_SCHEMA_VERSION);
        goto done;
    }
    if (version == REEL_SCHEMA_VERSION) goto done;
    if (version == 0 && !(s->base.mode & REEL_STORE_CREATE)) {
        rc = reel_error(s->base.ctx, REEL_ENOTFOUND,
                        "%s: no reel store in this database (nothing was created: only "
                        "reel ingest and reel load make one)",
                        url);
        goto done;
    }
    if (s->base.mode & REEL_STORE_READONLY) {
        rc =
            reel_error(s->base.ctx, REEL_ESCHEMA,
                       "%s: schema version %d is older than this reel's (%d) and this "
                       "handle is read-only; a writing command (reel ingest) upgrades it",
                       url, version, REEL_SCHEMA_VERSION);
        goto done;
    }
    if (version < 1) {
        for (const char **sql = schema_v1; *sql && !rc; sql++)
            rc = command(s, *sql, "creating the schema");
        s->base.created = !rc;
    }
    if (version < 2 && !rc) {
        for (const char **sql = schema_v2; *sql && !rc; sql++)
            rc = command(s, *sql, "migrating the schema to version 2");
        s->base.rebuild_films = version >= 1;
    }
    if (version < 3 && !rc) {
        for (const char **sql = schema_v3; *sql && !rc; sql++)
            rc = command(s, *sql, "migrating the schema to version 3");
        s->base.rebuild_films = version >= 1;
    }
    if (!rc) {
        char v[16];
        snprintf(v, sizeof v, "%d", REEL_SCHEMA_VERSION);
        const char *vals[1] = {v};
        r = PQexecParams(s->conn,
                         "INSERT INTO meta(key, value) VALUES('schema_version', $1)"
                         " ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                         1, NULL, vals, NULL, NULL, 0);
        if (!ok(r)) rc = fail(s, r, "recording the schema version");
        PQclear(r);
        r = NULL;
    }
done:
    PQclear(r);
    if (rc) {
        s->base.created = 0;
        PQclear(PQexec(s->conn, "ROLLBACK"));
        return rc;
    }
    rc = command(s, "COMMIT", "creating the schema");
    if (rc) s->base.created = 0;
    return rc;
}

/* ---------------- operations ---------------- */

static void pg_close(reel_store *st)
{
    pg_store *s = (pg_store *)st;
    journal_clear(s);
    vec_free(&s->journal);
    vec_free(&s->pending);
    store_tokenizer_free(s->tok);
    PQfinish(s->conn);
    free(s);
}

/* A batch starts on a live connection: one lost since the last call (the
 * server restarted between batches) is made again first. */
static int pg_begin(reel_store *st)
{
    pg_store *s = (pg_store *)st;
    journal_clear(s);
    for (int attempt = 0;; attempt++) {
        PGresult *r = PQexec(s->conn, "BEGIN");
        int rc = 0;
        if (!ok(r) && read_again(s, r, attempt)) {
            PQclear(r);
            if ((rc = reconnect(s))) return rc;
            continue;
        }
        if (!ok(r)) rc = fail(s, r, "starting a batch");
        PQclear(r);
        return rc;
    }
}

static int pg_commit(reel_store *st)
{
    pg_store *s = (pg_store *)st;
    int rc = s->pending.n ? flush_facts(s) : 0;
    if (rc) {
        journal_clear(s);
        return rc;
    }
    PGresult *r = PQexec(s->conn, "COMMIT");
    if (!ok(r))
        rc = fail(s, r, "committing the batch");
    else if (strcmp(PQcmdStatus(r), "COMMIT") != 0) /* the server rolled it back */
        rc = reel_error(st->ctx, REEL_EDB, "%s: the batch was rolled back by the server",
                        st->url);
    PQclear(r);
    journal_clear(s);
    return rc;
}

static int pg_rollback(reel_store *st)
{
    pg_store *s = (pg_store *)st;
    journal_clear(s);
    if (PQstatus(s->conn) == CONNECTION_BAD) return 0; /* nothing left to roll back */
    return command(s, "ROLLBACK", "rolling back the batch");
}

static int pg_put_article(reel_store *st, const store_article *a, int *added)
{
    pg_store *s = (pg_store *)st;
    char *index = NULL, year[16], words[16];
    int n_words = 0, rc;
    long n = 0;
    *added = 0;
    /* a text of very many distinct words (a word list, encoded data) is
     * searchable up to where its tsvector would pass PostgreSQL's 1 MB */
    if ((rc = store_index(s->tok, a->title, a->text, 1000000, &index, &n_words)))
        return reel_error(st->ctx, rc, "article %.12s: cannot index its text", a->id);
    snprintf(year, sizeof year, "%d", a->film_year);
    snprintf(words, sizeof words, "%d", n_words);
    const char *v[16] = {a->id,
                         a->source,
                         a->url,
                         a->title,
                         a->date,
                         a->author,
                         a->outlet,
                         a->kind ? a->kind : "other",
                         a->film_key,
                         a->film_title,
                         a->film_year ? year : NULL,
                         a->record,
                         a->text,
                         words,
                         index,
                         a->ident};
    rc = write_batch(s, S_PUT_ARTICLE, v, &n, "storing an article");
    free(index);
    if (!rc) *added = n > 0;
    return rc;
}

static int pg_put_fact(reel_store *st, const char *article_id, const char *film_key,
                       const char *predicate, const char *value, const char *norm,
                       const char *qualifier, size_t span_start, size_t span_end,
                       double confidence)
{
    pg_store *s = (pg_store *)st;
    char start[24], end[24], conf[40];
    int rc;
    if (s->skip_facts) return 0; /* a replay found the article already stored */
    snprintf(start, sizeof start, "%zu", span_start);
    snprintf(end, sizeof end, "%zu", span_end);
    snprintf(conf, sizeof conf, "%.17g", confidence);
    const char *v[9] = {article_id,
                        film_key,
                        predicate ? predicate : "",
                        value ? value : "",
                        norm,
                        qualifier,
                        start,
                        end,
                        isfinite(confidence) ? conf : NULL};
    /* journaled now, sent with others later (at most 32 wait) */
    if ((rc = journal_add(s, S_PUT_FACT, v))) return rc;
    size_t *p = vec_push(&s->pending);
    if (!p) return reel_error(st->ctx, REEL_ENOMEM, "out of memory");
    *p = s->journal.n - 1;
    return s->pending.n >= ((size_t)1 << (FACT_SIZES - 1)) ? flush_facts(s) : 0;
}

/* Before the batch rebuilds its films: lock them all, in one order, so
 * two writers' rebuilds of a film happen one after the other and the later
 * one sees the earlier one's articles. */
static int lock_films(pg_store *s)
{
    reel_store *st = &s->base;
    buf keys;
    buf_init(&keys);
    for (size_t i = 0; i < st->n_touched; i++) {
        if (i) buf_putc(&keys, '\n');
        buf_puts(&keys, st->touched[i]);
    }
    if (keys.oom) return reel_error(st->ctx, REEL_ENOMEM, "out of memory");
    const char *v[1] = {keys.data ? keys.data : ""};
    int rc = 0;
    for (int attempt = 1;; attempt++) {
        PGresult *r = run(s, S_LOCK_FILMS, v);
        if (ok(r)) {
            PQclear(r);
            break;
        }
        if (!retryable(r) || attempt >= MAX_ATTEMPTS) {
            rc = fail(s, r, "locking the batch's films");
            PQclear(r);
            break;
        }
        PQclear(r);
        if ((rc = replay(s, NULL, "storing the batch again after a deadlock"))) break;
    }
    buf_free(&keys);
    if (!rc) s->films_locked = 1;
    return rc;
}

typedef struct {
    store_record_cb cb;
    void *user;
} record_rows;

static int record_row(void *user, PGresult *r, int row)
{
    record_rows *rr = user;
    return rr->cb(rr->user, PQgetvalue(r, row, 0));
}

static int pg_film_records(reel_store *st, const char *key, store_record_cb cb,
                           void *user)
{
    pg_store *s = (pg_store *)st;
    int rc;
    if (s->pending.n && (rc = flush_facts(s))) return rc;
    if (st->in_batch && !s->films_locked && st->n_touched && (rc = lock_films(s)))
        return rc;
    const char *v[1] = {key};
    record_rows rr = {cb, user};
    return stream(s, S_FILM_RECORDS, v, record_row, &rr, "reading a film's records");
}

static const char *num(char *b, size_t n, double x)
{
    if (!isfinite(x)) return NULL;
    snprintf(b, n, "%.17g", x);
    return b;
}

static int pg_put_film(reel_store *st, const store_film *f, const char *report)
{
    pg_store *s = (pg_store *)st;
    const char *title = f->title ? f->title : f->key;
    char *folded = reel_fold(title, strlen(title));
    char year[16], na[16], nr[16], score[40], pos[40];
    PGresult *r = NULL;
    if (!folded) return reel_error(st->ctx, REEL_ENOMEM, "out of memory");
    snprintf(year, sizeof year, "%d", f->year);
    snprintf(na, sizeof na, "%d", f->n_articles);
    snprintf(nr, sizeof nr, "%d", f->n_reviews);
    const char *v[11] = {f->key,
                         title,
                         folded,
                         f->year ? year : NULL,
                         na,
                         nr,
                         num(score, sizeof score, f->score),
                         num(pos, sizeof pos, f->positive),
                         report,
                         f->title_key,
                         f->first_review};
    int rc = query(s, S_PUT_FILM, v, &r, "storing a film");
    PQclear(r);
    free(folded);
    return rc;
}

static int pg_get_film(reel_store *st, const char *key, char **report)
{
    pg_store *s = (pg_store *)st;
    PGresult *r = NULL;
    const char *v[1] = {key};
    *report = NULL;
    int rc = query(s, S_GET_FILM, v, &r, "reading a film");
    if (rc) return rc;
    if (PQntuples(r) == 0)
        rc = reel_error(st->ctx, REEL_ENOTFOUND, "no film '%s' in the store", key);
    else if (!(*report = strdup(PQgetvalue(r, 0, 0))))
        rc = reel_error(st->ctx, REEL_ENOMEM, "out of memory");
    PQclear(r);
    return rc;
}

static double real_or_nan(PGresult *r, int row, int col)
{
    return PQgetisnull(r, row, col) ? NAN : strtod(PQgetvalue(r, row, col), NULL);
}

static const char *text_or_null(PGresult *r, int row, int col)
{
    return PQgetisnull(r, row, col) ? NULL : PQgetvalue(r, row, col);
}

static int pg_list_films(reel_store *st, const char *folded, const char *sort, int limit,
                         int offset, store_film_cb cb, void *user, int *total)
{
    pg_store *s = (pg_store *)st;
    PGresult *r = NULL;
    char lim[16], off[16];
    int stmt = !strcmp(sort, "score")          ? S_FILMS_SCORE
               : !strcmp(sort, "reviews")      ? S_FILMS_REVIEWS
               : !strcmp(sort, "year")         ? S_FILMS_YEAR
               : !strcmp(sort, "first-review") ? S_FILMS_FIRST
                                               : S_FILMS_TITLE;
    snprintf(lim, sizeof lim, "%d", limit);
    snprintf(off, sizeof off, "%d", offset);
    const char *v[3] = {folded, lim, off};
    *total = 0;
    int rc = query(s, S_COUNT_FILMS, v, &r, "listing films");
    if (rc) return rc;
    *total = (int)count_of(r, 0);
    PQclear(r);
    if ((rc = query(s, stmt, v, &r, "listing films"))) return rc;
    for (int i = 0; i < PQntuples(r) && !rc; i++) {
        store_film f;
        f.key = PQgetvalue(r, i, 0);
        f.title_key = text_or_null(r, i, 7);
        f.title = PQgetvalue(r, i, 1);
        f.year = atoi(PQgetvalue(r, i, 2));
        f.n_articles = atoi(PQgetvalue(r, i, 3));
        f.n_reviews = atoi(PQgetvalue(r, i, 4));
        f.score = real_or_nan(r, i, 5);
        f.positive = real_or_nan(r, i, 6);
        f.first_review = text_or_null(r, i, 8);
        rc = cb(user, &f);
    }
    PQclear(r);
    return rc;
}

static int pg_get_article(reel_store *st, const char *id, char **record, char **text)
{
    pg_store *s = (pg_store *)st;
    PGresult *r = NULL;
    const char *v[1] = {id};
    *record = *text = NULL;
    int rc = query(s, S_GET_ARTICLE, v, &r, "reading an article");
    if (rc) return rc;
    if (PQntuples(r) == 0) {
        rc = reel_error(st->ctx, REEL_ENOTFOUND, "no article '%s' in the store", id);
    } else if (PQntuples(r) > 1) {
        rc = reel_error(st->ctx, REEL_EINVAL,
                        "id '%s' names more than one article; give more digits", id);
    } else {
        *record = strdup(PQgetvalue(r, 0, 0));
        *text = strdup(PQgetvalue(r, 0, 1));
        if (!*record || !*text) rc = reel_error(st->ctx, REEL_ENOMEM, "out of memory");
    }
    PQclear(r);
    if (rc) {
        free(*record);
        free(*text);
        *record = *text = NULL;
    }
    return rc;
}

static int pg_search(reel_store *st, const char *folded, int limit, int offset,
                     store_hit_cb cb, void *user, int *total)
{
    pg_store *s = (pg_store *)st;
    PGresult *r = NULL;
    char lim[16], off[16];
    snprintf(lim, sizeof lim, "%d", limit);
    snprintf(off, sizeof off, "%d", offset);
    char *phrases = NULL, *all = NULL;
    *total = 0;
    int rc = store_query(s->tok, folded, &phrases, &all);
    if (rc) return reel_error(st->ctx, rc, "cannot read the query");
    const char *v[4] = {phrases, all, lim, off};
    if (!*all) goto done; /* no word FTS5 would index: nothing matches */
    if ((rc = query(s, S_COUNT_HITS, v + 1, &r, "searching"))) goto done;
    *total = (int)count_of(r, 0);
    PQclear(r);
    if ((rc = query(s, S_SEARCH, v, &r, "searching"))) goto done;
    for (int i = 0; i < PQntuples(r) && !rc; i++) {
        /* the snippet as FTS5's snippet(…, 16) cuts and marks it */
        char *snippet = store_snippet(s->tok, PQgetvalue(r, i, 5), folded, 16);
        if (!snippet) {
            rc = reel_error(st->ctx, REEL_ENOMEM, "out of memory");
            break;
        }
        store_hit h = {
            PQgetvalue(r, i, 0),   text_or_null(r, i, 1), text_or_null(r, i, 2),
            text_or_null(r, i, 3), text_or_null(r, i, 4), snippet,
            real_or_nan(r, i, 6),  text_or_null(r, i, 7), text_or_null(r, i, 8)};
        rc = cb(user, &h);
        free(snippet);
    }
    PQclear(r);
done:
    free(phrases);
    free(all);
    return rc;
}

static int pg_stats(reel_store *st, long *articles, long *films)
{
    pg_store *s = (pg_store *)st;
    PGresult *r = NULL;
    int rc = query(s, S_STATS, NULL, &r, "counting");
    if (rc) return rc;
    *articles = count_of(r, 0);
    *films = count_of(r, 1);
    PQclear(r);
    return 0;
}

typedef struct {
    store_article_cb cb;
    void *user;
} article_rows;

static int article_row(void *user, PGresult *r, int row)
{
    article_rows *ar = user;
    return ar->cb(ar->user, PQgetvalue(r, row, 0), PQgetvalue(r, row, 1));
}

static int pg_each_article(reel_store *st, store_article_cb cb, void *user)
{
    article_rows ar = {cb, user};
    return stream((pg_store *)st, S_EACH_ARTICLE, NULL, article_row, &ar,
                  "reading articles");
}

typedef struct {
    store_fact_cb cb;
    void *user;
} fact_rows;

static int fact_row(void *user, PGresult *r, int row)
{
    fact_rows *fr = user;
    store_fact f = {
        PQgetvalue(r, row, 0),       text_or_null(r, row, 1),     PQgetvalue(r, row, 2),
        PQgetvalue(r, row, 3),       text_or_null(r, row, 4),     text_or_null(r, row, 5),
        atol(PQgetvalue(r, row, 6)), atol(PQgetvalue(r, row, 7)), real_or_nan(r, row, 8)};
    return fr->cb(fr->user, &f);
}

static int pg_each_fact(reel_store *st, store_fact_cb cb, void *user)
{
    fact_rows fr = {cb, user};
    return stream((pg_store *)st, S_EACH_FACT, NULL, fact_row, &fr, "reading facts");
}

/* The server's time limit as the session's statement_timeout: the server
 * cancels a statement that runs longer (the store's deadline is per
 * request, PostgreSQL's per statement; a request runs one long one). */
static int pg_watch(reel_store *st, int limit_ms)
{
    char sql[64];
    snprintf(sql, sizeof sql, "SET statement_timeout = %d", limit_ms > 0 ? limit_ms : 0);
    return command((pg_store *)st, sql, "setting the time limit");
}

/* For /api/health: the connection answers and the tables can be read
 * (the schema version, one article and one film). */
static int pg_health(reel_store *st)
{
    return command((pg_store *)st,
                   "SELECT (SELECT value FROM meta WHERE key = 'schema_version'),"
                   " (SELECT length(id) FROM articles LIMIT 1),"
                   " (SELECT length(key) FROM films LIMIT 1)",
                   "checking the store");
}

static int pg_check(reel_store *st);

typedef struct {
    store_review_cb cb;
    void *user;
} review_rows;

static int review_row(void *user, PGresult *r, int row)
{
    review_rows *rr = user;
    /* a JSON null verdict is as none */
    const char *verdict = text_or_null(r, row, 7);
    if (verdict && !strcmp(verdict, "null")) verdict = NULL;
    store_review v = {text_or_null(r, row, 0),
                      text_or_null(r, row, 1),
                      text_or_null(r, row, 2),
                      text_or_null(r, row, 3),
                      text_or_null(r, row, 4),
                      text_or_null(r, row, 6),
                      PQgetisnull(r, row, 5) ? 0 : atoi(PQgetvalue(r, row, 5)),
                      verdict,
                      text_or_null(r, row, 8)};
    return rr->cb(rr->user, &v);
}

static int pg_each_review(reel_store *st, store_review_cb cb, void *user)
{
    review_rows rr = {cb, user};
    return stream((pg_store *)st, S_EACH_REVIEW, NULL, review_row, &rr,
                  "reading reviews");
}

/* ---------------- identity (schema 2) ---------------- */

static int pg_drop_films(reel_store *st, const char *title_key)
{
    PGresult *r = NULL;
    const char *v[1] = {title_key};
    int rc = query((pg_store *)st, S_DROP_FILMS, v, &r, "dropping films");
    PQclear(r);
    return rc;
}

static int pg_films_of(reel_store *st, const char *title_key, store_film_cb cb,
                       void *user)
{
    PGresult *r = NULL;
    const char *v[1] = {title_key};
    int rc = query((pg_store *)st, S_FILMS_OF, v, &r, "listing films");
    for (int i = 0; !rc && i < PQntuples(r); i++) {
        store_film f;
        f.key = PQgetvalue(r, i, 0);
        f.title_key = text_or_null(r, i, 7);
        f.title = PQgetvalue(r, i, 1);
        f.year = atoi(PQgetvalue(r, i, 2));
        f.n_articles = atoi(PQgetvalue(r, i, 3));
        f.n_reviews = atoi(PQgetvalue(r, i, 4));
        f.score = real_or_nan(r, i, 5);
        f.positive = real_or_nan(r, i, 6);
        f.first_review = NULL;
        rc = cb(user, &f);
    }
    PQclear(r);
    return rc;
}

static char *dup_or_null(const char *v)
{
    return v ? strdup(v) : NULL;
}

static int pg_find_ident(reel_store *st, const char *ident, char **id, char **date,
                         char **film_key)
{
    pg_store *s = (pg_store *)st;
    PGresult *r = NULL;
    const char *v[1] = {ident};
    *id = *date = *film_key = NULL;
    /* facts still waiting are of other articles: the look-up needs none */
    int rc = query(s, S_FIND_IDENT, v, &r, "reading an article");
    if (rc) return rc;
    if (PQntuples(r) == 0) {
        rc = REEL_ENOTFOUND;
    } else {
        *id = strdup(PQgetvalue(r, 0, 0));
        *date = dup_or_null(text_or_null(r, 0, 1));
        *film_key = dup_or_null(text_or_null(r, 0, 2));
        if (!*id) rc = reel_error(st->ctx, REEL_ENOMEM, "out of memory");
    }
    PQclear(r);
    return rc;
}

static int pg_has_version(reel_store *st, const char *id, int *has)
{
    PGresult *r = NULL;
    const char *v[1] = {id};
    int rc = query((pg_store *)st, S_HAS_VERSION, v, &r, "reading an article");
    *has = !rc && PQgetvalue(r, 0, 0)[0] == 't';
    PQclear(r);
    return rc;
}

static int pg_retire(reel_store *st, const char *id, int keep)
{
    pg_store *s = (pg_store *)st;
    const char *v[1] = {id};
    long n = 0;
    /* facts still waiting must reach the article before it goes */
    int rc = s->pending.n ? flush_facts(s) : 0;
    if (rc) return rc;
    if (!st->in_batch) {
        PGresult *r = NULL;
        rc = query(s, keep ? S_RETIRE_KEEP : S_RETIRE_DELETE, v, &r,
                   "retiring an article");
        PQclear(r);
        return rc;
    }
    return write_batch(s, keep ? S_RETIRE_KEEP : S_RETIRE_DELETE, v, &n,
                       "retiring an article");
}

static int pg_put_version(reel_store *st, const store_article *a)
{
    pg_store *s = (pg_store *)st;
    const char *v[6] = {a->id, a->ident, a->date, a->film_key, a->record, a->text};
    long n = 0;
    return write_batch(s, S_PUT_VERSION, v, &n, "keeping an article's version");
}

static int pg_versions(reel_store *st, const char *ident, store_version_cb cb, void *user)
{
    PGresult *r = NULL;
    const char *v[1] = {ident};
    int rc = query((pg_store *)st, S_VERSIONS, v, &r, "reading versions");
    for (int i = 0; !rc && i < PQntuples(r); i++)
        rc = cb(user, PQgetvalue(r, i, 0), text_or_null(r, i, 1), text_or_null(r, i, 2),
                atoi(PQgetvalue(r, i, 3)));
    PQclear(r);
    return rc;
}

static int pg_any_links(reel_store *st, int *any)
{
    PGresult *r = NULL;
    int rc = query((pg_store *)st, S_ANY_LINKS, NULL, &r, "reading title links");
    *any = !rc && PQgetvalue(r, 0, 0)[0] == 't';
    PQclear(r);
    return rc;
}

static int pg_key_canon(reel_store *st, const char *key, char **canon)
{
    PGresult *r = NULL;
    const char *v[1] = {key};
    *canon = NULL;
    int rc = query((pg_store *)st, S_KEY_CANON, v, &r, "reading title links");
    if (!rc && PQntuples(r) == 1 && !(*canon = strdup(PQgetvalue(r, 0, 0))))
        rc = reel_error(st->ctx, REEL_ENOMEM, "out of memory");
    PQclear(r);
    return rc;
}

static int pg_key_join(reel_store *st, const char *from, const char *to)
{
    pg_store *s = (pg_store *)st;
    static const int order[] = {S_JOIN_LINKS, S_JOIN_LINK,     S_JOIN_ARTICLES,
                                S_JOIN_FACTS, S_JOIN_VERSIONS, S_DROP_FILMS};
    const char *v[2] = {from, to};
    int rc = s->pending.n ? flush_facts(s) : 0;
    if (!strcmp(from, to)) return rc;
    for (size_t i = 0; !rc && i < sizeof order / sizeof *order; i++) {
        long n = 0;
        rc = write_batch(s, order[i], v, &n, "joining titles");
    }
    return rc;
}

static int pg_catalog_put(reel_store *st, const store_catalog_entry *e)
{
    pg_store *s = (pg_store *)st;
    char year[16];
    long n = 0;
    snprintf(year, sizeof year, "%d", e->year);
    const char *v[5] = {e->id, e->title, e->year ? year : NULL, e->directors, e->ids};
    int rc = write_batch(s, S_CATALOG_PUT, v, &n, "storing the catalog");
    for (size_t i = 0; !rc && i < e->n_keys; i++) {
        const char *k[2] = {e->keys[i], e->id};
        rc = write_batch(s, S_CATALOG_KEY, k, &n, "storing the catalog");
    }
    return rc;
}

static int pg_catalog_of(reel_store *st, const char *key, store_catalog_cb cb, void *user)
{
    PGresult *r = NULL;
    const char *v[1] = {key};
    int rc = query((pg_store *)st, S_CATALOG_OF, v, &r, "reading the catalog");
    for (int i = 0; !rc && i < PQntuples(r); i++)
        rc = cb(user, PQgetvalue(r, i, 0), PQgetvalue(r, i, 1), atoi(PQgetvalue(r, i, 2)),
                PQgetvalue(r, i, 3), PQgetvalue(r, i, 4));
    PQclear(r);
    return rc;
}

static int pg_stale_get(reel_store *st, const char *key, long *n)
{
    pg_store *s = (pg_store *)st;
    PGresult *r = NULL;
    const char *v[1] = {key};
    int rc = s->pending.n ? flush_facts(s) : 0;
    *n = 0;
    /* the batch's films locked before their mark is read: two writers
     * decide (store_stale_commit) one after the other */
    if (!rc && st->in_batch && !s->films_locked && st->n_touched) rc = lock_films(s);
    if (!rc) rc = query(s, S_STALE_GET, v, &r, "reading the stale films");
    if (!rc && PQntuples(r) == 1) *n = atol(PQgetvalue(r, 0, 0));
    PQclear(r);
    return rc;
}

static int pg_stale_put(reel_store *st, const char *key, long n)
{
    char nb[32];
    long affected = 0;
    snprintf(nb, sizeof nb, "%ld", n);
    const char *v[2] = {key, nb};
    return write_batch((pg_store *)st, n ? S_STALE_PUT : S_STALE_FORGET, v, &affected,
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

static int pg_stale_keys(reel_store *st, store_key_cb cb, void *user)
{
    key_rows kr = {cb, user};
    return stream((pg_store *)st, S_STALE_KEYS, NULL, stale_row, &kr,
                  "reading the stale films");
}

static const store_ops pg_ops = {
    "postgresql",   pg_close,       pg_begin,        pg_commit,      pg_rollback,
    pg_put_article, pg_put_fact,    pg_film_records, pg_put_film,    pg_get_film,
    pg_list_films,  pg_get_article, pg_search,       pg_stats,       pg_each_article,
    pg_watch,       pg_health,      pg_check,        pg_drop_films,  pg_films_of,
    pg_find_ident,  pg_has_version, pg_retire,       pg_put_version, pg_versions,
    pg_any_links,   pg_key_canon,   pg_key_join,     pg_catalog_put, pg_catalog_of,
    pg_each_review, pg_each_fact, pg_stale_get,   pg_stale_put,   pg_stale_keys};

/* ---------------- opening ---------------- */

/* The URL as messages show it: a password in it becomes "***". */
static char *redact(const char *url)
{
    buf b;
    buf_init(&b);
    const char *auth = strstr(url, "://");
    auth = auth ? auth + 3 : url;
    size_t alen = strcspn(auth, "/?");
    const char *at = NULL;
    for (const char *p = auth; p < auth + alen; p++)
        if (*p == '@') at = p;
    const char *colon = at ? memchr(auth, ':', (size_t)(at - auth)) : NULL;
    if (colon) {
        buf_append(&b, url, (size_t)(colon + 1 - url));
        buf_puts(&b, "***");
        url = at;
    }
    /* ...?password=secret&... */
    const char *p;
    while ((p = strstr(url, "password=")) && (p == url || p[-1] == '?' || p[-1] == '&')) {
        buf_append(&b, url, (size_t)(p + 9 - url));
        buf_puts(&b, "***");
        url = p + 9 + strcspn(p + 9, "&");
    }
    buf_puts(&b, url);
    return buf_detach(&b);
}

/* What every session needs: exact doubles, read-only when opened so. */
static int session(pg_store *s)
{
    s->base.watched = 0; /* statement_timeout is the session's: set again */
    /* doubles read back exactly, as SQLite gives them (servers before 12) */
    int rc = command(s, "SET extra_float_digits = 3", "setting up the session");
    if (!rc && (s->base.mode & REEL_STORE_READONLY))
        rc = command(s, "SET default_transaction_read_only = on",
                     "setting up the session");
    return rc;
}

/* The prepared statements of a session (again after a reconnect). */
static int prepare(pg_store *s)
{
    reel_ctx *ctx = s->base.ctx;
    int rc = 0;
    for (int i = 0; i < N_STMTS; i++) {
        PGresult *r =
            PQprepare(s->conn, stmts[i].name, stmts[i].sql, stmts[i].nparams, NULL);
        if (!ok(r)) rc = fail(s, r, "preparing statements");
        PQclear(r);
        if (rc) return rc;
    }
    for (int k = 0; k < FACT_SIZES && !rc; k++) {
        /* placeholders only: the values travel as parameters */
        buf sql;
        buf_init(&sql);
        buf_puts(&sql, "INSERT INTO facts(article_id, film_key, predicate, value, norm,"
                       " qualifier, span_start, span_end, confidence) VALUES");
        for (int i = 0; i < 1 << k; i++) {
            buf_puts(&sql, i ? ", (" : " (");
            for (int c = 1; c <= FACT_COLS; c++)
                buf_printf(&sql, "$%d%s", i * FACT_COLS + c, c < FACT_COLS ? ", " : ")");
        }
        char name[32];
        fact_stmt_name(name, sizeof name, 1 << k);
        PGresult *r =
            sql.oom ? NULL
                    : PQprepare(s->conn, name, sql.data, (1 << k) * FACT_COLS, NULL);
        if (!r)
            rc = reel_error(ctx, REEL_ENOMEM, "out of memory");
        else if (!ok(r))
            rc = fail(s, r, "preparing statements");
        PQclear(r);
        buf_free(&sql);
    }
    return rc;
}

/* The connection was lost (a restart, a network cut): make it again, with
 * its session and statements. REEL_EBUSY while the server cannot be
 * reached, so a server answers 503 and the next call tries again. */
static int reconnect(pg_store *s)
{
    char msg[700];
    PQreset(s->conn);
    if (PQstatus(s->conn) != CONNECTION_OK) {
        one_line(msg, sizeof msg, PQerrorMessage(s->conn));
        return reel_error(s->base.ctx, REEL_EBUSY,
                          "%s: the database server cannot be reached (%s); try again "
                          "when it is back",
                          s->base.url, msg);
    }
    int rc = session(s);
    return rc ? rc : prepare(s);
}

static int pg_check(reel_store *st)
{
    pg_store *s = (pg_store *)st;
    return PQstatus(s->conn) == CONNECTION_OK ? 0 : reconnect(s);
}

int store_pg_open(reel_ctx *ctx, reel_store **out, const char *url, int mode)
{
    int rc = 0;
    char msg[700], *err = NULL;
    *out = NULL;
    pg_store *s = calloc(1, sizeof *s);
    if (!s) return reel_error(ctx, REEL_ENOMEM, "out of memory");
    s->base.ops = &pg_ops;
    s->base.ctx = ctx;
    s->base.mode = mode;
    s->seed = (unsigned)getpid() ^ (unsigned)time(NULL);
    vec_init(&s->journal, sizeof(entry));
    vec_init(&s->pending, sizeof(size_t));
    if (!(s->base.url = redact(url))) {
        free(s);
        return reel_error(ctx, REEL_ENOMEM, "out of memory");
    }
    if ((rc = store_tokenizer_new(&s->tok))) {
        rc = reel_error(ctx, rc, "cannot load SQLite's FTS5 tokenizer");
        goto fail;
    }
    PQconninfoOption *parsed = PQconninfoParse(url, &err);
    if (!parsed) {
        one_line(msg, sizeof msg, err ? err : "out of memory");
        rc = reel_error(ctx, REEL_EINVAL, "%s: not a valid PostgreSQL URL: %s",
                        s->base.url, msg);
        PQfreemem(err);
        goto fail;
    }
    PQconninfoFree(parsed);
    /* defaults first: what the URL says wins */
    const char *keys[] = {"connect_timeout", "application_name", "client_encoding",
                          "dbname", NULL};
    const char *vals[] = {getenv("PGCONNECT_TIMEOUT") ? NULL : "10", "reel", "UTF8", url,
                          NULL};
    s->conn = PQconnectdbParams(keys, vals, 1);
    if (!s->conn) {
        rc = reel_error(ctx, REEL_ENOMEM, "out of memory");
        goto fail;
    }
    if (PQstatus(s->conn) != CONNECTION_OK) {
        one_line(msg, sizeof msg, PQerrorMessage(s->conn));
        rc = reel_error(ctx, REEL_EDB, "%s: cannot connect: %s", s->base.url, msg);
        goto fail;
    }
    PQsetNoticeProcessor(s->conn, no_notices, NULL);
    const char *enc = PQparameterStatus(s->conn, "server_encoding");
    if (!enc || strcmp(enc, "UTF8") != 0) {
        rc = reel_error(
            ctx, REEL_EDB,
            "%s: the database's encoding is %s; reel needs UTF8 (createdb -E UTF8"
            " -T template0 NAME)",
            s->base.url, enc ? enc : "unknown");
        goto fail;
    }
    if ((rc = session(s))) goto fail;
    if ((rc = migrate(s))) goto fail;
    rc = prepare(s);
    if (rc) goto fail;
    *out = &s->base;
    return 0;
fail:
    free(s->base.url);
    pg_close(&s->base);
    return rc;
}

#endif
