/* sqlite_schema.c — the SQLite store's schema and its migrations: version
 * 1's tables (with the FTS5 index) and each later version's steps, run in
 * BEGIN IMMEDIATE so processes opening a new file together create it
 * once; a newer, foreign or (read-only) older schema is refused.
 */
#include "sqlite.h"

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
    /* title keys joined by an alternate title (alias.c) */
    "CREATE TABLE key_links(key TEXT PRIMARY KEY, canon TEXT NOT NULL)",
    "CREATE INDEX key_links_canon ON key_links(canon)",
    /* the optional film catalog (catalog.c) */
    "CREATE TABLE catalog(id TEXT PRIMARY KEY, title TEXT NOT NULL, year INTEGER,"
    " directors TEXT NOT NULL, ids TEXT NOT NULL)",
    "CREATE TABLE catalog_keys(key TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY(key, "
    "id))",
    NULL};

/* Version 3: the date of a film's first review, for listing films by it
 * (the films are rebuilt on open to fill it: their reports gain "dates"),
 * and the title keys whose films a deferring writer left behind their
 * articles, with how many articles changed since (stale.c). */
static const char *schema_v3[] = {
    "ALTER TABLE films ADD COLUMN first_review TEXT",
    "CREATE INDEX films_first_review ON films(first_review)", "DELETE FROM films",
    "CREATE TABLE films_stale(title_key TEXT PRIMARY KEY, n INTEGER NOT NULL)", NULL};

/* The schema version (0: no reel schema) and whether other tables exist. */
int sq_read_version(sqlite_store *s, int *version, int *tables)
{
    sqlite3_stmt *q = NULL;
    int code;
    *version = *tables = 0;
    if ((code = sqlite3_prepare_v2(s->db,
                                   "SELECT count(*), count(*) FILTER (WHERE "
                                   "type='table' AND name='meta') FROM sqlite_master",
                                   -1, &q, NULL)) != SQLITE_OK)
        return sq_step_err(s, code, "cannot read the schema");
    if ((code = sqlite3_step(q)) != SQLITE_ROW) {
        sqlite3_finalize(q);
        return sq_step_err(s, code, "cannot read the schema");
    }
    *tables = sqlite3_column_int(q, 0);
    int has_meta = sqlite3_column_int(q, 1);
    sqlite3_finalize(q);
    if (!has_meta) return 0;
    if ((code = sqlite3_prepare_v2(s->db,
                                   "SELECT value FROM meta WHERE key='schema_version'",
                                   -1, &q, NULL)) != SQLITE_OK)
        return sq_step_err(s, code, "cannot read the schema version");
    if ((code = sqlite3_step(q)) == SQLITE_ROW) *version = atoi(sq_col_text(q, 0));
    sqlite3_finalize(q);
    if (code != SQLITE_ROW && code != SQLITE_DONE)
        return sq_step_err(s, code, "cannot read the schema version");
    if (*version <= 0)
        return reel_error(s->base.ctx, REEL_ESCHEMA,
                          "%s: not a reel database (no schema version)", s->base.url);
    return 0;
}

/* What the file holds, as a refusal; 0 when it is this reel's schema. */
int sq_refuse(sqlite_store *s, int mode, int version, int tables)
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
int sq_migrate(sqlite_store *s, int mode)
{
    int version = 0, tables = 0, rc;
    if ((rc = sq_read_version(s, &version, &tables))) return rc;
    if ((rc = sq_refuse(s, mode, version, tables))) return rc;
    if (version == REEL_SCHEMA_VERSION) return 0;
    if ((rc = sq_exec_waiting(s, "BEGIN IMMEDIATE", "cannot create the schema")))
        return rc;
    if ((rc = sq_read_version(s, &version, &tables)) ||
        (rc = sq_refuse(s, mode, version, tables)))
        goto fail;
    if (version == REEL_SCHEMA_VERSION) return sq_exec(s, "COMMIT"); /* another made it */
    if (version < 1) {
        for (const char **sql = schema_v1; *sql && !rc; sql++)
            rc = sq_exec(s, *sql);
        s->base.created = 1;
    }
    if (version < 2) {
        for (const char **sql = schema_v2; *sql && !rc; sql++)
            rc = sq_exec(s, *sql);
        s->base.rebuild_films = version >= 1; /* a new store has no films to rebuild */
    }
    if (version < 3 && !rc) {
        for (const char **sql = schema_v3; *sql && !rc; sql++)
            rc = sq_exec(s, *sql);
        s->base.rebuild_films = version >= 1;
    }
    if (!rc) {
        char sql[128];
        snprintf(sql, sizeof sql,
                 "INSERT OR REPLACE INTO meta(key, value) VALUES('schema_version', '%d')",
                 REEL_SCHEMA_VERSION);
        rc = sq_exec(s, sql);
    }
    if (!rc) rc = sq_exec(s, "COMMIT");
    if (!rc) return 0;
fail:
    s->base.created = 0;
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}
