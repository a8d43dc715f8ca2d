/* store_sqlite.c — the embedded store: one SQLite file, WAL, foreign keys
 * on, a versioned schema with migrations, an FTS5 index over the clean text
 * (unicode61 with diacritics removed, so "almodovar" finds "Almodóvar").
 * Ingest is idempotent by content SHA-256 and transactional per batch: a
 * process killed mid-batch leaves the file as it was before the batch.
 */
#include "sqlite_search.h"
#include "store.h"

#include <errno.h>
#include <math.h>
#include <sqlite3.h>
#include <sys/stat.h>

typedef struct {
    reel_store base;
    sqlite3 *db; /* NULL after a failed re-open: check() fails until one works */
    sqlite3_stmt *put_article, *put_fts, *put_fact, *film_records, *put_film, *get_film;
    /* the file this handle opened, to notice it replaced or deleted */
    int watch;
    dev_t dev;
    ino_t ino;
    sqlite_search *search; /* made at the first search (store_sqlite_search.c) */
    sqlite3_stmt *find_ident;
} sqlite_store;

static const char *schema_v1[] = {
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE articles("
    " id TEXT PRIMARY KEY, source TEXT, url TEXT, title TEXT, date TEXT, author TEXT,"
    " outlet TEXT, kind TEXT NOT NULL, film_key TEXT, film_title TEXT, film_year INTEGER,"
    " record TEXT NOT NULL, text TEXT NOT NULL,"
    " added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')))",
    "CREATE INDEX articles_film ON articles(film_key)",
    "CREATE TABLE films(key TEXT PRIMARY KEY, title TEXT NOT NULL, folded_title TEXT NOT "
    "NULL,"
    " year INTEGER, n_articles INTEGER NOT NULL, n_reviews INTEGER NOT NULL, score REAL,"
    " positive REAL, report TEXT NOT NULL)",
    "CREATE TABLE facts(article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE "
    "CASCADE,"
    " film_key TEXT, predicate TEXT NOT NULL, value TEXT NOT NULL, norm TEXT, qualifier "
    "TEXT,"
    " span_start INTEGER NOT NULL, span_end INTEGER NOT NULL, confidence REAL)",
    "CREATE INDEX facts_film ON facts(film_key, predicate)",
    "CREATE INDEX facts_article ON facts(article_id)",
    "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles',"
    " content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')",
    NULL};

/* Version 2: films are a title key and a year; articles have an identity
 * and their earlier versions. The films are dropped and rebuilt from the
 * articles on open (store_rebuild_films), nothing of an article is lost. */
static const char *schema_v2[] = {
    "ALTER TABLE films ADD COLUMN title_key TEXT",
    "CREATE INDEX films_title_key ON films(title_key)", "DELETE FROM films",
    "ALTER TABLE articles ADD COLUMN ident TEXT",
    /* identity_article() in SQL: the URL, else a source that names a place */
    "UPDATE articles SET ident = CASE WHEN url <> '' THEN url"
    " WHEN source <> '-' AND source NOT LIKE 'POST %' AND (instr(source, '/') > 0"
    " OR instr(source, '.') > 0) THEN source ELSE id END",
    "CREATE INDEX articles_ident ON articles(ident)",
    "CREATE TABLE article_versions(id TEXT PRIMARY KEY, ident TEXT NOT NULL, date TEXT,"
    " film_key TEXT, record TEXT NOT NULL, text TEXT NOT NULL, added_at TEXT,"
    " replaced_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')))",
    "CREATE INDEX article_versions_ident ON article_versions(ident)",
    /* title keys joined by an alternate title (store_alias.c) */
    "CREATE TABLE key_links(key TEXT PRIMARY KEY, canon TEXT NOT NULL)",
    "CREATE INDEX key_links_canon ON key_links(canon)",
    /* the optional film catalog (store_catalog.c) */
    "CREATE TABLE catalog(id TEXT PRIMARY KEY, title TEXT NOT NULL, year INTEGER,"
    " directors TEXT NOT NULL, ids TEXT NOT NULL)",
    "CREATE TABLE catalog_keys(key TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY(key, "
    "id))",
    NULL};

/* Version 3: the date of a film's first review, for listing films by it
 * (the films are rebuilt on open to fill it: their reports gain "dates"),
 * and the title keys whose films a deferring writer left behind their
 * articles, with how many articles changed since (store_stale.c). */
static const char *schema_v3[] = {
    "ALTER TABLE films ADD COLUMN first_review TEXT",
    "CREATE INDEX films_first_review ON films(first_review)", "DELETE FROM films",
    "CREATE TABLE films_stale(title_key TEXT PRIMARY KEY, n INTEGER NOT NULL)", NULL};

static int db_err(sqlite_store *s, int code, const char *what)
{
    return reel_error(s->base.ctx, code, "%s: %s: %s", s->base.url, what,
                      sqlite3_errmsg(s->db));
}

static int exec(sqlite_store *s, const char *sql)
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
static void bind_text(sqlite3_stmt *st, int i, const char *v)
{
    if (v) {
        if (sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT) == SQLITE_NOMEM) oom_note();
    } else {
        sqlite3_bind_null(st, i);
    }
}

static const char *col_text(sqlite3_stmt *st, int i)
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
static int step_err(sqlite_store *s, int code, const char *what)
{
    if (is_busy(code)) {
        s->base.locked = 1;
        return reel_error(s->base.ctx, REEL_EBUSY,
                          "%s: %s: another process is writing to it", s->base.url, what);
    }
    if ((code & 0xff) == SQLITE_NOTADB)
        return reel_error(s->base.ctx, REEL_ESCHEMA,
                          "%s: not a reel database (not an SQLite file)", s->base.url);
    return db_err(s, REEL_EDB, what);
}

/* Run a statement that may meet another process's lock (journal mode,
 * schema creation) until it passes, with backoff. */
static int exec_waiting(sqlite_store *s, const char *sql, const char *what)
{
    uint64_t started = store_now_ms();
    for (int attempt = 1;; attempt++) {
        int code = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
        if (code == SQLITE_OK) return 0;
        int rc = step_err(s, code, what);
        if (rc != REEL_EBUSY || !store_busy_wait(&s->base, attempt, started)) return rc;
    }
}

/* The schema version (0: no reel schema) and whether other tables exist. */
static int read_version(sqlite_store *s, int *version, int *tables)
{
    sqlite3_stmt *q = NULL;
    int code;
    *version = *tables = 0;
    if ((code = sqlite3_prepare_v2(s->db,
                                   "SELECT count(*), count(*) FILTER (WHERE "
                                   "type='table' AND name='meta') FROM sqlite_master",
                                   -1, &q, NULL)) != SQLITE_OK)
        return step_err(s, code, "cannot read the schema");
    if ((code = sqlite3_step(q)) != SQLITE_ROW) {
        sqlite3_finalize(q);
        return step_err(s, code, "cannot read the schema");
    }
    *tables = sqlite3_column_int(q, 0);
    int has_meta = sqlite3_column_int(q, 1);
    sqlite3_finalize(q);
    if (!has_meta) return 0;
    if ((code = sqlite3_prepare_v2(s->db,
                                   "SELECT value FROM meta WHERE key='schema_version'",
                                   -1, &q, NULL)) != SQLITE_OK)
        return step_err(s, code, "cannot read the schema version");
    if ((code = sqlite3_step(q)) == SQLITE_ROW) *version = atoi(col_text(q, 0));
    sqlite3_finalize(q);
    if (code != SQLITE_ROW && code != SQLITE_DONE)
        return step_err(s, code, "cannot read the schema version");
    if (*version <= 0)
        return reel_error(s->base.ctx, REEL_ESCHEMA,
                          "%s: not a reel database (no schema version)", s->base.url);
    return 0;
}

/* What the file holds, as a refusal; 0 when it is this reel's schema. */
static int refuse(sqlite_store *s, int mode, int version, int tables)
{
    const char *url = s->base.url;
    if (version > REEL_SCHEMA_VERSION)
        return reel_error(
            s->base.ctx, REEL_ESCHEMA,
            "%s: schema version %d is newer than this reel (%d); upgrade reel", url,
            version, REEL_SCHEMA_VERSION);
    if (version == 0 && tables > 0)
        return reel_error(s->base.ctx, REEL_ESCHEMA,
                          "%s: a database of something else, not reel", url);
    if (version == 0 && !(mode & REEL_STORE_CREATE))
        return reel_error(s->base.ctx, REEL_ESCHEMA,
                          "%s: an empty database, not a reel store (`reel ingest --db %s "
                          "PATH` makes one)",
                          url, url);
    if (version < REEL_SCHEMA_VERSION && (mode & REEL_STORE_READONLY))
        return reel_error(
            s->base.ctx, REEL_ESCHEMA,
            "%s: schema version %d is older than this reel's (%d) and this "
            "handle is read-only; a writing command (reel ingest) upgrades it",
            url, version, REEL_SCHEMA_VERSION);
    return 0;
}

/* Create or migrate the schema; refuse a newer one. Processes opening a
 * new file together: the version is read again inside BEGIN IMMEDIATE, so
 * one creates the tables and the others find them made. */
static int migrate(sqlite_store *s, int mode)
{
    int version = 0, tables = 0, rc;
    if ((rc = read_version(s, &version, &tables))) return rc;
    if ((rc = refuse(s, mode, version, tables))) return rc;
    if (version == REEL_SCHEMA_VERSION) return 0;
    if ((rc = exec_waiting(s, "BEGIN IMMEDIATE", "cannot create the schema"))) return rc;
    if ((rc = read_version(s, &version, &tables)) ||
        (rc = refuse(s, mode, version, tables)))
        goto fail;
    if (version == REEL_SCHEMA_VERSION) return exec(s, "COMMIT"); /* another made it */
    if (version < 1) {
        for (const char **sql = schema_v1; *sql && !rc; sql++)
            rc = exec(s, *sql);
        s->base.created = 1;
    }
    if (version < 2) {
        for (const char **sql = schema_v2; *sql && !rc; sql++)
            rc = exec(s, *sql);
        s->base.rebuild_films = version >= 1; /* a new store has no films to rebuild */
    }
    if (version < 3 && !rc) {
        for (const char **sql = schema_v3; *sql && !rc; sql++)
            rc = exec(s, *sql);
        s->base.rebuild_films = version >= 1;
    }
    if (!rc) {
        char sql[128];
        snprintf(sql, sizeof sql,
                 "INSERT OR REPLACE INTO meta(key, value) VALUES('schema_version', '%d')",
                 REEL_SCHEMA_VERSION);
        rc = exec(s, sql);
    }
    if (!rc) rc = exec(s, "COMMIT");
    if (!rc) return 0;
fail:
    s->base.created = 0;
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

static void disconnect(sqlite_store *s)
{
    sqlite3_finalize(s->put_article);
    sqlite3_finalize(s->put_fts);
    sqlite3_finalize(s->put_fact);
    sqlite3_finalize(s->film_records);
    sqlite3_finalize(s->put_film);
    sqlite3_finalize(s->get_film);
    s->put_article = s->put_fts = s->put_fact = s->film_records = s->put_film =
        s->get_film = NULL;
    sqlite3_finalize(s->find_ident);
    s->find_ident = NULL;
    sqlite_search_free(s->search);
    s->search = NULL;
    sqlite3_close(s->db);
    s->db = NULL;
}

static void sq_close(reel_store *st)
{
    sqlite_store *s = (sqlite_store *)st;
    disconnect(s);
    free(s);
}

static int sq_begin(reel_store *st)
{
    sqlite_store *s = (sqlite_store *)st;
    int code = sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    return code == SQLITE_OK ? 0 : step_err(s, code, "cannot start a batch");
}
static int sq_commit(reel_store *st)
{
    return exec((sqlite_store *)st, "COMMIT");
}
static int sq_rollback(reel_store *st)
{
    return exec((sqlite_store *)st, "ROLLBACK");
}

static int sq_put_article(reel_store *st, const store_article *a, int *added)
{
    sqlite_store *s = (sqlite_store *)st;
    sqlite3_stmt *q = s->put_article;
    *added = 0;
    sqlite3_reset(q);
    bind_text(q, 1, a->id);
    bind_text(q, 2, a->source);
    bind_text(q, 3, a->url);
    bind_text(q, 4, a->title);
    bind_text(q, 5, a->date);
    bind_text(q, 6, a->author);
    bind_text(q, 7, a->outlet);
    bind_text(q, 8, a->kind ? a->kind : "other");
    bind_text(q, 9, a->film_key);
    bind_text(q, 10, a->film_title);
    if (a->film_year)
        sqlite3_bind_int(q, 11, a->film_year);
    else
        sqlite3_bind_null(q, 11);
    bind_text(q, 12, a->record);
    bind_text(q, 13, a->text);
    bind_text(q, 14, a->ident);
    if (sqlite3_step(q) != SQLITE_DONE)
        return db_err(s, REEL_EDB, "cannot store article");
    if (sqlite3_changes(s->db) == 0) return 0; /* already there: idempotent */
    *added = 1;
    sqlite3_int64 rowid = sqlite3_last_insert_rowid(s->db);
    q = s->put_fts;
    sqlite3_reset(q);
    sqlite3_bind_int64(q, 1, rowid);
    bind_text(q, 2, a->title);
    bind_text(q, 3, a->text);
    if (sqlite3_step(q) != SQLITE_DONE)
        return db_err(s, REEL_EDB, "cannot index article");
    return 0;
}

static int sq_put_fact(reel_store *st, const char *article_id, const char *film_key,
                       const char *predicate, const char *value, const char *norm,
                       const char *qualifier, size_t span_start, size_t span_end,
                       double confidence)
{
    sqlite_store *s = (sqlite_store *)st;
    sqlite3_stmt *q = s->put_fact;
    sqlite3_reset(q);
    bind_text(q, 1, article_id);
    bind_text(q, 2, film_key);
    bind_text(q, 3, predicate ? predicate : "");
    bind_text(q, 4, value ? value : "");
    bind_text(q, 5, norm);
    bind_text(q, 6, qualifier);
    sqlite3_bind_int64(q, 7, (sqlite3_int64)span_start);
    sqlite3_bind_int64(q, 8, (sqlite3_int64)span_end);
    sqlite3_bind_double(q, 9, confidence);
    if (sqlite3_step(q) != SQLITE_DONE) return db_err(s, REEL_EDB, "cannot store fact");
    return 0;
}

static int sq_film_records(reel_store *st, const char *key, store_record_cb cb,
                           void *user)
{
    sqlite_store *s = (sqlite_store *)st;
    sqlite3_stmt *q = s->film_records;
    int rc = 0, step;
    sqlite3_reset(q);
    bind_text(q, 1, key);
    while ((step = sqlite3_step(q)) == SQLITE_ROW)
        if ((rc = cb(user, col_text(q, 0)))) break;
    if (!rc && step != SQLITE_DONE) rc = db_err(s, REEL_EDB, "cannot read records");
    sqlite3_reset(q);
    return rc;
}

static int sq_put_film(reel_store *st, const store_film *f, const char *report)
{
    sqlite_store *s = (sqlite_store *)st;
    sqlite3_stmt *q = s->put_film;
    char *folded =
        reel_fold(f->title ? f->title : f->key, strlen(f->title ? f->title : f->key));
    if (!folded) return reel_error(st->ctx, REEL_ENOMEM, "out of memory");
    sqlite3_reset(q);
    bind_text(q, 1, f->key);
    bind_text(q, 2, f->title ? f->title : f->key);
    bind_text(q, 3, folded);
    if (f->year)
        sqlite3_bind_int(q, 4, f->year);
    else
        sqlite3_bind_null(q, 4);
    sqlite3_bind_int(q, 5, f->n_articles);
    sqlite3_bind_int(q, 6, f->n_reviews);
    if (isfinite(f->score))
        sqlite3_bind_double(q, 7, f->score);
    else
        sqlite3_bind_null(q, 7);
    if (isfinite(f->positive))
        sqlite3_bind_double(q, 8, f->positive);
    else
        sqlite3_bind_null(q, 8);
    bind_text(q, 9, report);
    bind_text(q, 10, f->title_key);
    bind_text(q, 11, f->first_review);
    int step = sqlite3_step(q);
    free(folded);
    if (step != SQLITE_DONE) return db_err(s, REEL_EDB, "cannot store film");
    return 0;
}

static int sq_get_film(reel_store *st, const char *key, char **report)
{
    sqlite_store *s = (sqlite_store *)st;
    sqlite3_stmt *q = s->get_film;
    int rc = 0;
    *report = NULL;
    sqlite3_reset(q);
    bind_text(q, 1, key);
    int step = sqlite3_step(q);
    if (step == SQLITE_ROW) {
        *report = strdup(col_text(q, 0));
        if (!*report) rc = reel_error(st->ctx, REEL_ENOMEM, "out of memory");
    } else if (step == SQLITE_DONE) {
        rc = reel_error(st->ctx, REEL_ENOTFOUND, "no film '%s' in the store", key);
    } else {
        rc = db_err(s, REEL_EDB, "cannot read film");
    }
    sqlite3_reset(q);
    return rc;
}

static int sq_list_films(reel_store *st, const char *folded, const char *sort, int limit,
                         int offset, store_film_cb cb, void *user, int *total)
{
    sqlite_store *s = (sqlite_store *)st;
    const char *order = !strcmp(sort, "score") ? "score IS NULL, score DESC, key"
                        : !strcmp(sort, "reviews")
                            ? "n_reviews DESC, n_articles DESC, key"
                        : !strcmp(sort, "year") ? "year IS NULL, year, folded_title, key"
                        : !strcmp(sort, "first-review")
                            ? "first_review IS NULL, first_review, folded_title, key"
                            : "folded_title, key";
    char sql[512];
    sqlite3_stmt *q = NULL;
    int rc = 0, step;
    const char *where =
        folded ? "WHERE instr(key, ?1) > 0 OR instr(folded_title, ?1) > 0" : "";
    snprintf(sql, sizeof sql, "SELECT count(*) FROM films %s", where);
    if (sqlite3_prepare_v2(s->db, sql, -1, &q, NULL) != SQLITE_OK)
        return db_err(s, REEL_EDB, "cannot list films");
    if (folded) bind_text(q, 1, folded);
    *total = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int(q, 0) : 0;
    sqlite3_finalize(q);
    snprintf(
        sql, sizeof sql,
        "SELECT key, title, year, n_articles, n_reviews, score, positive, title_key, "
        "first_review FROM films %s "
        "ORDER BY %s LIMIT %d OFFSET %d",
        where, order, limit, offset);
    if (sqlite3_prepare_v2(s->db, sql, -1, &q, NULL) != SQLITE_OK)
        return db_err(s, REEL_EDB, "cannot list films");
    if (folded) bind_text(q, 1, folded);
    while ((step = sqlite3_step(q)) == SQLITE_ROW) {
        store_film f;
        f.key = col_text(q, 0);
        f.title_key = col_text(q, 7);
        f.title = col_text(q, 1);
        f.year = sqlite3_column_int(q, 2);
        f.n_articles = sqlite3_column_int(q, 3);
        f.n_reviews = sqlite3_column_int(q, 4);
        f.score =
            sqlite3_column_type(q, 5) == SQLITE_NULL ? NAN : sqlite3_column_double(q, 5);
        f.positive =
            sqlite3_column_type(q, 6) == SQLITE_NULL ? NAN : sqlite3_column_double(q, 6);
        f.first_review = col_text(q, 8);
        if ((rc = cb(user, &f))) break;
    }
    if (!rc && step != SQLITE_DONE) rc = db_err(s, REEL_EDB, "cannot list films");
    sqlite3_finalize(q);
    return rc;
}

static int sq_get_article(reel_store *st, const char *id, char **record, char **text)
{
    sqlite_store *s = (sqlite_store *)st;
    sqlite3_stmt *q = NULL;
    int rc = 0;
    *record = *text = NULL;
    if (sqlite3_prepare_v2(
            s->db,
            "SELECT record, text FROM articles WHERE id >= ?1 AND id < ?1 || 'g' "
            "ORDER BY id LIMIT 2",
            -1, &q, NULL) != SQLITE_OK)
        return db_err(s, REEL_EDB, "cannot read article");
    bind_text(q, 1, id);
    int step = sqlite3_step(q);
    if (step == SQLITE_ROW) {
        *record = strdup(col_text(q, 0));
        *text = strdup(col_text(q, 1));
        if (sqlite3_step(q) == SQLITE_ROW)
            rc = reel_error(st->ctx, REEL_EINVAL,
                            "id '%s' names more than one article; give more digits", id);
        else if (!*record || !*text)
            rc = reel_error(st->ctx, REEL_ENOMEM, "out of memory");
    } else if (step == SQLITE_DONE) {
        rc = reel_error(st->ctx, REEL_ENOTFOUND, "no article '%s' in the store", id);
    } else {
        rc = db_err(s, REEL_EDB, "cannot read article");
    }
    sqlite3_finalize(q);
    if (rc) {
        free(*record);
        free(*text);
        *record = *text = NULL;
    }
    return rc;
}

static int sq_search(reel_store *st, const char *folded, int limit, int offset,
                     store_hit_cb cb, void *user, int *total)
{
    sqlite_store *s = (sqlite_store *)st;
    int rc;
    *total = 0;
    if (!s->search && (rc = sqlite_search_new(st, s->db, &s->search))) return rc;
    return sqlite_search_run(s->search, folded, limit, offset, cb, user, total);
}

static int sq_stats(reel_store *st, long *articles, long *films)
{
    sqlite_store *s = (sqlite_store *)st;
    sqlite3_stmt *q = NULL;
    if (sqlite3_prepare_v2(
            s->db, "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM films)",
            -1, &q, NULL) != SQLITE_OK)
        return db_err(s, REEL_EDB, "cannot count");
    if (sqlite3_step(q) == SQLITE_ROW) {
        *articles = sqlite3_column_int64(q, 0);
        *films = sqlite3_column_int64(q, 1);
    }
    sqlite3_finalize(q);
    return 0;
}

static int sq_each_article(reel_store *st, store_article_cb cb, void *user)
{
    sqlite_store *s = (sqlite_store *)st;
    sqlite3_stmt *q = NULL;
    int rc = 0, step;
    if (sqlite3_prepare_v2(s->db, "SELECT record, text FROM articles ORDER BY id", -1, &q,
                           NULL) != SQLITE_OK)
        return db_err(s, REEL_EDB, "cannot read articles");
    while ((step = sqlite3_step(q)) == SQLITE_ROW)
        if ((rc = cb(user, col_text(q, 0), col_text(q, 1)))) break;
    if (!rc && step != SQLITE_DONE) rc = db_err(s, REEL_EDB, "cannot read articles");
    sqlite3_finalize(q);
    return rc;
}

static int sq_each_fact(reel_store *st, store_fact_cb cb, void *user)
{
    sqlite_store *s = (sqlite_store *)st;
    sqlite3_stmt *q = NULL;
    int rc = 0, step;
    if (sqlite3_prepare_v2(
            s->db,
            "SELECT article_id, film_key, predicate, value, norm, qualifier,"
            " span_start, span_end, confidence FROM facts ORDER BY "
            "article_id, span_start, span_end, predicate, value",
            -1, &q, NULL) != SQLITE_OK)
        return db_err(s, REEL_EDB, "cannot read facts");
    while ((step = sqlite3_step(q)) == SQLITE_ROW) {
        store_fact f = {
            col_text(q, 0),
            col_text(q, 1),
            col_text(q, 2),
            col_text(q, 3),
            col_text(q, 4),
            col_text(q, 5),
            (long)sqlite3_column_int64(q, 6),
            (long)sqlite3_column_int64(q, 7),
            sqlite3_column_type(q, 8) == SQLITE_NULL ? NAN : sqlite3_column_double(q, 8)};
        if ((rc = cb(user, &f))) break;
    }
    if (!rc && step != SQLITE_DONE) rc = db_err(s, REEL_EDB, "cannot read facts");
    sqlite3_finalize(q);
    return rc;
}

static int sq_check(reel_store *st);

/* The reviews the critic and outlet views read: the verdict and printed
 * score are taken out of the record here, as text, so both backends hand
 * the same bytes to the same JSON parser. */
static int sq_each_review(reel_store *st, store_review_cb cb, void *user)
{
    sqlite_store *s = (sqlite_store *)st;
    sqlite3_stmt *q = NULL;
    int rc = 0, step;
    if (sqlite3_prepare_v2(
            s->db,
            "SELECT id, author, outlet, film_key, film_title, film_year, date,"
            " json_extract(record, '$.verdict'),"
            " json_extract(record, '$.score.raw')"
            " FROM articles WHERE kind = 'review' ORDER BY id",
            -1, &q, NULL) != SQLITE_OK)
        return db_err(s, REEL_EDB, "cannot read reviews");
    while ((step = sqlite3_step(q)) == SQLITE_ROW) {
        store_review r = {col_text(q, 0),           col_text(q, 1), col_text(q, 2),
                          col_text(q, 3),           col_text(q, 4), col_text(q, 6),
                          sqlite3_column_int(q, 5), col_text(q, 7), col_text(q, 8)};
        if ((rc = cb(user, &r))) break;
    }
    if (!rc && step != SQLITE_DONE) rc = db_err(s, REEL_EDB, "cannot read reviews");
    sqlite3_finalize(q);
    return rc;
}

/* ---------------- identity (schema 2) ---------------- */

static int sq_drop_films(reel_store *st, const char *title_key)
{
    sqlite_store *s = (sqlite_store *)st;
    sqlite3_stmt *q = NULL;
    if (sqlite3_prepare_v3(s->db, "DELETE FROM films WHERE title_key = ?1 OR key = ?1",
                           -1, SQLITE_PREPARE_PERSISTENT, &q, NULL) != SQLITE_OK)
        return db_err(s, REEL_EDB, "cannot drop films");
    bind_text(q, 1, title_key);
    int step = sqlite3_step(q);
    sqlite3_finalize(q);
    return step == SQLITE_DONE ? 0 : db_err(s, REEL_EDB, "cannot drop films");
}

static int sq_films_of(reel_store *st, const char *title_key, store_film_cb cb,
                       void *user)
{
    sqlite_store *s = (sqlite_store *)st;
    sqlite3_stmt *q = NULL;
    int rc = 0, step;
    if (sqlite3_prepare_v2(
            s->db,
            "SELECT key, title, year, n_articles, n_reviews, score, positive,"
            " title_key FROM films WHERE title_key = ?1 OR key = ?1"
            " ORDER BY year IS NULL, year, key",
            -1, &q, NULL) != SQLITE_OK)
        return db_err(s, REEL_EDB, "cannot list films");
    bind_text(q, 1, title_key);
    while ((step = sqlite3_step(q)) == SQLITE_ROW) {
        store_film f;
        f.key = col_text(q, 0);
        f.title = col_text(q, 1);
        f.year = sqlite3_column_int(q, 2);
        f.n_articles = sqlite3_column_int(q, 3);
        f.n_reviews = sqlite3_column_int(q, 4);
        f.score =
            sqlite3_column_type(q, 5) == SQLITE_NULL ? NAN : sqlite3_column_double(q, 5);
        f.positive =
            sqlite3_column_type(q, 6) == SQLITE_NULL ? NAN : sqlite3_column_double(q, 6);
        f.title_key = col_text(q, 7);
        f.first_review = NULL;
        if ((rc = cb(user, &f))) break;
    }
    if (!rc && step != SQLITE_DONE) rc = db_err(s, REEL_EDB, "cannot list films");
    sqlite3_finalize(q);
    return rc;
}

static char *dup_or_null(const char *v)
{
    return v ? strdup(v) : NULL;
}

static int sq_find_ident(reel_store *st, const char *ident, char **id, char **date,
                         char **film_key)
{
    sqlite_store *s = (sqlite_store *)st;
    sqlite3_stmt *q = s->find_ident;
    int rc = 0;
    *id = *date = *film_key = NULL;
    sqlite3_reset(q);
    bind_text(q, 1, ident);
    int step = sqlite3_step(q);
    if (step == SQLITE_ROW) {
        *id = dup_or_null(col_text(q, 0));
        *date = dup_or_null(col_text(q, 1));
        *film_key = dup_or_null(col_text(q, 2));
        if (!*id) rc = reel_error(st->ctx, REEL_ENOMEM, "out of memory");
    } else if (step == SQLITE_DONE) {
        rc = REEL_ENOTFOUND;
    } else {
        rc = db_err(s, REEL_EDB, "cannot read article");
    }
    sqlite3_reset(q);
    return rc;
}

/* One statement with one text parameter, run to its end. */
static int run1(sqlite_store *s, const char *sql, const char *v, const char *what)
{
    sqlite3_stmt *q = NULL;
    if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &q, NULL) !=
        SQLITE_OK)
        return db_err(s, REEL_EDB, what);
    bind_text(q, 1, v);
    int step = sqlite3_step(q);
    while (step == SQLITE_ROW)
        step = sqlite3_step(q);
    sqlite3_finalize(q);
    return step == SQLITE_DONE ? 0 : db_err(s, REEL_EDB, what);
}

static int sq_has_version(reel_store *st, const char *id, int *has)
{
    sqlite_store *s = (sqlite_store *)st;
    sqlite3_stmt *q = NULL;
    *has = 0;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT EXISTS(SELECT 1 FROM articles WHERE id = ?1)"
                           " OR EXISTS(SELECT 1 FROM article_versions WHERE id = ?1)",
                           -1, &q, NULL) != SQLITE_OK)
        return db_err(s, REEL_EDB, "cannot read article");
    bind_text(q, 1, id);
    if (sqlite3_step(q) == SQLITE_ROW) *has = sqlite3_column_int(q, 0);
    sqlite3_finalize(q);
    return 0;
}

static int sq_retire(reel_store *st, const char *id, int keep)
{
    sqlite_store *s = (sqlite_store *)st;
    int rc = run1(s,
                  "INSERT INTO articles_fts(articles_fts, rowid, title, text)"
                  " SELECT 'delete', rowid, title, text FROM articles WHERE id = ?1",
                  id, "cannot unindex article");
    if (!rc && keep)
        rc = run1(
            s,
            "INSERT OR IGNORE INTO article_versions(id, ident, date, film_key, record,"
            " text, added_at) SELECT id, ident, date, film_key, record, text, added_at"
            " FROM articles WHERE id = ?1",
            id, "cannot keep the article's version");
    if (!rc && !keep)
        rc = run1(s,
                  "DELETE FROM article_versions WHERE ident = (SELECT ident FROM articles"
                  " WHERE id = ?1)",
                  id, "cannot delete the article's versions");
    if (!rc)
        rc = run1(s, "DELETE FROM articles WHERE id = ?1", id, "cannot delete article");
    return rc;
}

static int sq_put_version(reel_store *st, const store_article *a)
{
    sqlite_store *s = (sqlite_store *)st;
    sqlite3_stmt *q = NULL;
    if (sqlite3_prepare_v2(
            s->db,
            "INSERT OR IGNORE INTO article_versions(id, ident, date, film_key,"
            " record, text, added_at) VALUES(?,?,?,?,?,?,"
            " strftime('%Y-%m-%dT%H:%M:%SZ','now'))",
            -1, &q, NULL) != SQLITE_OK)
        return db_err(s, REEL_EDB, "cannot keep the article's version");
    bind_text(q, 1, a->id);
    bind_text(q, 2, a->ident);
    bind_text(q, 3, a->date);
    bind_text(q, 4, a->film_key);
    bind_text(q, 5, a->record);
    bind_text(q, 6, a->text);
    int step = sqlite3_step(q);
    sqlite3_finalize(q);
    return step == SQLITE_DONE ? 0
                               : db_err(s, REEL_EDB, "cannot keep the article's version");
}

static int sq_versions(reel_store *st, const char *ident, store_version_cb cb, void *user)
{
    sqlite_store *s = (sqlite_store *)st;
    sqlite3_stmt *q = NULL;
    int rc = 0, step;
    if (sqlite3_prepare_v2(
            s->db,
            "SELECT id, date, added_at, 0 FROM article_versions WHERE ident = ?1"
            " UNION ALL SELECT id, date, added_at, 1 FROM articles"
            " WHERE ident = ?1 ORDER BY 4, 3, 1",
            -1, &q, NULL) != SQLITE_OK)
        return db_err(s, REEL_EDB, "cannot read versions");
    bind_text(q, 1, ident);
    while ((step = sqlite3_step(q)) == SQLITE_ROW)
        if ((rc = cb(user, col_text(q, 0), col_text(q, 1), col_text(q, 2),
                     sqlite3_column_int(q, 3))))
            break;
    if (!rc && step != SQLITE_DONE) rc = db_err(s, REEL_EDB, "cannot read versions");
    sqlite3_finalize(q);
    return rc;
}

static int sq_any_links(reel_store *st, int *any)
{
    sqlite_store *s = (sqlite_store *)st;
    sqlite3_stmt *q = NULL;
    *any = 0;
    if (sqlite3_prepare_v2(s->db, "SELECT EXISTS(SELECT 1 FROM key_links)", -1, &q,
                           NULL) != SQLITE_OK)
        return db_err(s, REEL_EDB, "cannot read title links");
    if (sqlite3_step(q) == SQLITE_ROW) *any = sqlite3_column_int(q, 0);
    sqlite3_finalize(q);
    return 0;
}

static int sq_key_canon(reel_store *st, const char *key, char **canon)
{
    sqlite_store *s = (sqlite_store *)st;
    sqlite3_stmt *q = NULL;
    int rc = 0;
    *canon = NULL;
    if (sqlite3_prepare_v3(s->db, "SELECT canon FROM key_links WHERE key = ?", -1,
                           SQLITE_PREPARE_PERSISTENT, &q, NULL) != SQLITE_OK)
        return db_err(s, REEL_EDB, "cannot read title links");
    bind_text(q, 1, key);
    if (sqlite3_step(q) == SQLITE_ROW && !(*canon = dup_or_null(col_text(q, 0))))
        rc = reel_error(st->ctx, REEL_ENOMEM, "out of memory");
    sqlite3_finalize(q);
    return rc;
}

static int sq_key_join(reel_store *st, const char *from, const char *to)
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
    for (const char **q = sql; *q; q++) {
        sqlite3_stmt *stmt = NULL;
        if (sqlite3_prepare_v3(s->db, *q, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) !=
            SQLITE_OK)
            return db_err(s, REEL_EDB, "cannot join titles");
        bind_text(stmt, 1, from);
        bind_text(stmt, 2, to);
        int step = sqlite3_step(stmt);
        sqlite3_finalize(stmt);
        if (step != SQLITE_DONE) return db_err(s, REEL_EDB, "cannot join titles");
    }
    return 0;
}

static int sq_catalog_put(reel_store *st, const store_catalog_entry *e)
{
    sqlite_store *s = (sqlite_store *)st;
    sqlite3_stmt *q = NULL;
    if (sqlite3_prepare_v3(
            s->db,
            "INSERT OR REPLACE INTO catalog(id, title, year, directors, ids)"
            " VALUES(?,?,?,?,?)",
            -1, SQLITE_PREPARE_PERSISTENT, &q, NULL) != SQLITE_OK)
        return db_err(s, REEL_EDB, "cannot store the catalog");
    bind_text(q, 1, e->id);
    bind_text(q, 2, e->title);
    if (e->year)
        sqlite3_bind_int(q, 3, e->year);
    else
        sqlite3_bind_null(q, 3);
    bind_text(q, 4, e->directors);
    bind_text(q, 5, e->ids);
    int step = sqlite3_step(q);
    sqlite3_finalize(q);
    if (step != SQLITE_DONE) return db_err(s, REEL_EDB, "cannot store the catalog");
    if (sqlite3_prepare_v3(s->db,
                           "INSERT OR IGNORE INTO catalog_keys(key, id) VALUES(?,?)", -1,
                           SQLITE_PREPARE_PERSISTENT, &q, NULL) != SQLITE_OK)
        return db_err(s, REEL_EDB, "cannot store the catalog");
    for (size_t i = 0; i < e->n_keys && step == SQLITE_DONE; i++) {
        sqlite3_reset(q);
        bind_text(q, 1, e->keys[i]);
        bind_text(q, 2, e->id);
        step = sqlite3_step(q);
    }
    sqlite3_finalize(q);
    return step == SQLITE_DONE ? 0 : db_err(s, REEL_EDB, "cannot store the catalog");
}

static int sq_catalog_of(reel_store *st, const char *key, store_catalog_cb cb, void *user)
{
    sqlite_store *s = (sqlite_store *)st;
    sqlite3_stmt *q = NULL;
    int rc = 0, step;
    if (sqlite3_prepare_v3(
            s->db,
            "SELECT id, title, year, directors, ids FROM catalog WHERE id IN"
            " (SELECT id FROM catalog_keys WHERE key = ?1 OR key IN"
            " (SELECT key FROM key_links WHERE canon = ?1))"
            " ORDER BY year, id",
            -1, SQLITE_PREPARE_PERSISTENT, &q, NULL) != SQLITE_OK)
        return db_err(s, REEL_EDB, "cannot read the catalog");
    bind_text(q, 1, key);
    while ((step = sqlite3_step(q)) == SQLITE_ROW)
        if ((rc = cb(user, col_text(q, 0), col_text(q, 1), sqlite3_column_int(q, 2),
                     col_text(q, 3), col_text(q, 4))))
            break;
    if (!rc && step != SQLITE_DONE) rc = db_err(s, REEL_EDB, "cannot read the catalog");
    sqlite3_finalize(q);
    return rc;
}

static int sq_watch(reel_store *st, int limit_ms);
static int sq_health(reel_store *st);

/* Reads that fail on a damaged file, for /api/health, in a few
 * milliseconds whatever the store's size (PRAGMA quick_check reads every
 * page: seconds on a large store): the schema version, the first and last
 * row of each table whole (a truncated file loses its last pages, where
 * the newest rows are; text and records span overflow pages), one lookup
 * in the full-text index, and the file's size against the page count its
 * header claims when no WAL holds pages beyond it. */
static int sq_health(reel_store *st)
{
    sqlite_store *s = (sqlite_store *)st;
    static const char *const reads[] = {
        "SELECT count(*) FROM meta WHERE key = 'schema_version' AND value <> ''",
        "SELECT length(id) + length(record) + length(text) FROM articles"
        " WHERE rowid IN ((SELECT min(rowid) FROM articles), (SELECT max(rowid) FROM "
        "articles))",
        "SELECT length(key) + length(report) FROM films"
        " WHERE rowid IN ((SELECT min(rowid) FROM films), (SELECT max(rowid) FROM "
        "films))",
        "SELECT length(value) FROM facts"
        " WHERE rowid IN ((SELECT min(rowid) FROM facts), (SELECT max(rowid) FROM "
        "facts))",
        "SELECT count(*) FROM (SELECT rowid FROM articles_fts WHERE articles_fts MATCH "
        "'reel'"
        " LIMIT 1)",
        NULL};
    for (int i = 0; reads[i]; i++) {
        sqlite3_stmt *q = NULL;
        int step = SQLITE_ERROR;
        if (sqlite3_prepare_v2(s->db, reads[i], -1, &q, NULL) == SQLITE_OK)
            while ((step = sqlite3_step(q)) == SQLITE_ROW)
                ;
        sqlite3_finalize(q);
        if (step != SQLITE_DONE) return db_err(s, REEL_EDB, "the store cannot be read");
    }
    sqlite3_int64 pages = 0, size = 0, file = -1, wal = 0;
    sqlite3_stmt *q = NULL;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT page_count * page_size FROM pragma_page_count,"
                           " pragma_page_size",
                           -1, &q, NULL) == SQLITE_OK &&
        sqlite3_step(q) == SQLITE_ROW)
        pages = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    sqlite3_file *f = NULL;
    if (sqlite3_file_control(s->db, "main", SQLITE_FCNTL_FILE_POINTER, &f) == SQLITE_OK &&
        f && f->pMethods && f->pMethods->xFileSize(f, &size) == SQLITE_OK)
        file = size;
    f = NULL;
    if (sqlite3_file_control(s->db, "main", SQLITE_FCNTL_JOURNAL_POINTER, &f) ==
            SQLITE_OK &&
        f && f->pMethods && f->pMethods->xFileSize(f, &size) == SQLITE_OK)
        wal = size;
    if (file >= 0 && wal == 0 && file < pages)
        return reel_error(st->ctx, REEL_EDB,
                          "%s: the store cannot be read: the file has %lld bytes of the "
                          "%lld its header gives (truncated?)",
                          st->url, (long long)file, (long long)pages);
    return 0;
}

/* Called every 1000 VM steps of any statement: non-zero interrupts it
 * (SQLITE_INTERRUPT), which is how a request past its time limit, or one
 * in flight at shutdown, lets go of its worker. */
static int sq_progress(void *user)
{
    return store_limited(user);
}

static int sq_watch(reel_store *st, int limit_ms)
{
    (void)limit_ms; /* the deadline is read from st at every call */
    sqlite3_progress_handler(((sqlite_store *)st)->db, 1000, sq_progress, st);
    return 0;
}

static int sq_stale_get(reel_store *st, const char *key, long *n)
{
    sqlite_store *s = (sqlite_store *)st;
    sqlite3_stmt *q = NULL;
    *n = 0;
    if (sqlite3_prepare_v3(s->db, "SELECT n FROM films_stale WHERE title_key = ?", -1,
                           SQLITE_PREPARE_PERSISTENT, &q, NULL) != SQLITE_OK)
        return db_err(s, REEL_EDB, "cannot read the stale films");
    bind_text(q, 1, key);
    int code = sqlite3_step(q);
    if (code == SQLITE_ROW) *n = (long)sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    return code == SQLITE_ROW || code == SQLITE_DONE
               ? 0
               : step_err(s, code, "cannot read the stale films");
}

static int sq_stale_put(reel_store *st, const char *key, long n)
{
    sqlite_store *s = (sqlite_store *)st;
    sqlite3_stmt *q = NULL;
    const char *sql = n ? "INSERT OR REPLACE INTO films_stale(title_key, n) VALUES(?, ?)"
                        : "DELETE FROM films_stale WHERE title_key = ?";
    if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &q, NULL) !=
        SQLITE_OK)
        return db_err(s, REEL_EDB, "cannot mark a stale film");
    bind_text(q, 1, key);
    if (n) sqlite3_bind_int64(q, 2, n);
    int code = sqlite3_step(q);
    sqlite3_finalize(q);
    return code == SQLITE_DONE ? 0 : step_err(s, code, "cannot mark a stale film");
}

static int sq_stale_keys(reel_store *st, store_key_cb cb, void *user)
{
    sqlite_store *s = (sqlite_store *)st;
    sqlite3_stmt *q = NULL;
    int rc = 0, code;
    if (sqlite3_prepare_v2(s->db, "SELECT title_key FROM films_stale ORDER BY title_key",
                           -1, &q, NULL) != SQLITE_OK)
        return db_err(s, REEL_EDB, "cannot read the stale films");
    while (!rc && (code = sqlite3_step(q)) == SQLITE_ROW)
        rc = cb(user, col_text(q, 0));
    if (!rc && code != SQLITE_DONE) rc = step_err(s, code, "cannot read the stale films");
    sqlite3_finalize(q);
    return rc;
}

static const store_ops sqlite_ops = {
    "sqlite",       sq_close,       sq_begin,        sq_commit,      sq_rollback,
    sq_put_article, sq_put_fact,    sq_film_records, sq_put_film,    sq_get_film,
    sq_list_films,  sq_get_article, sq_search,       sq_stats,       sq_each_article,
    sq_watch,       sq_health,      sq_check,        sq_drop_films,  sq_films_of,
    sq_find_ident,  sq_has_version, sq_retire,       sq_put_version, sq_versions,
    sq_any_links,   sq_key_canon,   sq_key_join,     sq_catalog_put, sq_catalog_of,
    sq_each_review, sq_each_fact, sq_stale_get,   sq_stale_put,   sq_stale_keys};

/* Open the file and make it ready: journal mode, schema, statements. */
static int connect(sqlite_store *s, int mode)
{
    s->base.watched = 0; /* a new handle: the time limit is set on it again */
    const char *path = s->base.url;
    reel_ctx *ctx = s->base.ctx;
    int rc, ro = mode & REEL_STORE_READONLY;
    int flags = (ro ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) |
                (mode & REEL_STORE_CREATE ? SQLITE_OPEN_CREATE : 0) |
                SQLITE_OPEN_FULLMUTEX;
    if (sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK)
        return reel_error(ctx, REEL_EDB, "%s: cannot open database: %s", path,
                          s->db ? sqlite3_errmsg(s->db) : "out of memory");
    /* the wait inside SQLite is short; longer waits are begin's, with backoff */
    sqlite3_busy_timeout(s->db, 2000);
    sqlite3_extended_result_codes(s->db, 1);
    if ((rc = exec(s, "PRAGMA foreign_keys=ON"))) return rc;
    /* a store that must exist is looked at before anything is written to
     * it: an empty or foreign file is refused as it was found */
    if (!(mode & REEL_STORE_CREATE)) {
        int version, tables;
        if ((rc = read_version(s, &version, &tables)) ||
            (rc = refuse(s, mode, version, tables)))
            return rc;
    }
    /* a file that is not a database fails on the first read: here, or in
     * read_version (the journal mode is the file's already) */
    if (!ro &&
        (rc = exec_waiting(s, "PRAGMA journal_mode=WAL", "cannot set the journal mode")))
        return rc;
    if (!ro && (rc = exec(s, "PRAGMA synchronous=NORMAL"))) return rc;
    /* a reader (a server's worker) reads the search index and the same
     * films again and again: 32 MB of pages kept, not SQLite's 2 MB */
    if (ro && (rc = exec(s, "PRAGMA cache_size=-32768"))) return rc;
    if ((rc = migrate(s, mode))) return rc;
    struct {
        sqlite3_stmt **st;
        const char *sql;
    } prep[] = {
        {&s->put_article, "INSERT OR IGNORE INTO articles(id, source, url, title, date, "
                          "author, outlet, kind,"
                          " film_key, film_title, film_year, record, text, ident)"
                          " VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)"},
        {&s->put_fts, "INSERT INTO articles_fts(rowid, title, text) VALUES(?,?,?)"},
        {&s->put_fact,
         "INSERT INTO facts(article_id, film_key, predicate, value, norm, qualifier,"
         " span_start, span_end, confidence) VALUES(?,?,?,?,?,?,?,?,?)"},
        {&s->film_records, "SELECT record FROM articles WHERE film_key = ? ORDER BY id"},
        {&s->put_film,
         "INSERT OR REPLACE INTO films(key, title, folded_title, year, n_articles, "
         "n_reviews,"
         " score, positive, report, title_key, first_review) "
         "VALUES(?,?,?,?,?,?,?,?,?,?,?)"},
        {&s->get_film, "SELECT report FROM films WHERE key = ?"},
        {&s->find_ident,
         "SELECT id, date, film_key FROM articles WHERE ident = ? LIMIT 1"},
    };
    for (size_t i = 0; i < sizeof prep / sizeof *prep; i++)
        if (sqlite3_prepare_v3(s->db, prep[i].sql, -1, SQLITE_PREPARE_PERSISTENT,
                               prep[i].st, NULL) != SQLITE_OK)
            return db_err(s, REEL_EDB, "cannot prepare statements");
    return 0;
}

/* The file under the path is still the one open? A new one (replaced by a
 * copy, a restore, a rename) is opened in its place, never created; a
 * deleted one is REEL_EBUSY until a file is back. */
static int sq_check(reel_store *st)
{
    sqlite_store *s = (sqlite_store *)st;
    struct stat sb;
    if (!s->watch) return 0;
    if (stat(st->url, &sb) != 0)
        return reel_error(st->ctx, REEL_EBUSY,
                          "%s: the store file is gone (%s); nothing is answered until it "
                          "is back",
                          st->url, strerror(errno));
    if (s->db && sb.st_dev == s->dev && sb.st_ino == s->ino) return 0;
    disconnect(s);
    int rc = connect(s, st->mode & ~REEL_STORE_CREATE);
    if (rc) {
        char why[sizeof st->ctx->errmsg];
        snprintf(why, sizeof why, "%s", reel_errmsg(st->ctx));
        disconnect(s);
        return reel_error(st->ctx, rc == REEL_ENOMEM ? rc : REEL_EBUSY,
                          "the store file was replaced and cannot be opened: %s", why);
    }
    s->dev = sb.st_dev;
    s->ino = sb.st_ino;
    return 0;
}

int store_sqlite_open(reel_ctx *ctx, reel_store **out, const char *path, int mode)
{
    int rc = 0;
    struct stat sb;
    *out = NULL;
    if (!(mode & REEL_STORE_CREATE) && stat(path, &sb) != 0 && errno == ENOENT)
        return reel_error(ctx, REEL_ENOTFOUND,
                          "%s: no such store (nothing was created: only reel ingest and "
                          "reel load make one)",
                          path);
    sqlite_store *s = calloc(1, sizeof *s);
    if (!s) return reel_error(ctx, REEL_ENOMEM, "out of memory");
    s->base.ops = &sqlite_ops;
    s->base.ctx = ctx;
    s->base.mode = mode;
    s->base.url = strdup(path);
    if (!s->base.url) {
        free(s);
        return reel_error(ctx, REEL_ENOMEM, "out of memory");
    }
    if ((rc = connect(s, mode))) goto fail;
    if (stat(path, &sb) == 0) {
        s->watch = 1;
        s->dev = sb.st_dev;
        s->ino = sb.st_ino;
    }
    *out = &s->base;
    return 0;
fail:
    free(s->base.url);
    s->base.url = NULL;
    sq_close(&s->base);
    return rc;
}
