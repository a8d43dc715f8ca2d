/* pg_schema.c — the PostgreSQL store's schema and its migrations: version
 * 1's tables and each later version's steps, run in one transaction under
 * an advisory lock, so processes opening a new database together create
 * it once; a newer, foreign or (read-only) older schema is refused.
 */
#include "pg.h"

#ifdef REEL_HAVE_PQ

/* Version 3: the date of a film's first review, for listing films by it
 * (the films are rebuilt on open to fill it: their reports gain "dates"),
 * and the title keys whose films a deferring writer left behind their
 * articles, with how many articles changed since (stale.c). */
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
    /* title keys joined by an alternate title (alias.c) */
    "CREATE TABLE key_links(key text COLLATE \"C\" PRIMARY KEY,"
    " canon text COLLATE \"C\" NOT NULL)",
    "CREATE INDEX key_links_canon ON key_links(canon)",
    /* the optional film catalog (catalog.c) */
    "CREATE TABLE catalog(id text COLLATE \"C\" PRIMARY KEY, title text NOT NULL,"
    " year integer, directors text NOT NULL, ids text NOT NULL)",
    "CREATE TABLE catalog_keys(key text COLLATE \"C\" NOT NULL, id text COLLATE \"C\""
    " NOT NULL, PRIMARY KEY(key, id))",
    NULL};

/* Version 1 of the schema. Later versions append their own list and a
 * step in pg_migrate(). */
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

int pg_migrate(pg_store *s)
{
    PGresult *r = NULL;
    int rc, version = 0;
    const char *url = s->base.url;
    if ((rc = pg_command(s, "BEGIN", "opening the store"))) return rc;
    /* one migrating process at a time; the others then find it done */
    if ((rc = pg_command(s, "SELECT pg_advisory_xact_lock(7310874514235518316)",
                         "opening the store")))
        goto done;
    r = PQexec(
        s->conn,
        "SELECT to_regclass('meta') IS NOT NULL, to_regclass('articles') IS NOT NULL"
        " OR to_regclass('films') IS NOT NULL OR to_regclass('facts') IS NOT NULL");
    if (!pg_ok(r)) {
        rc = pg_fail(s, r, "reading the schema");
        goto done;
    }
    int has_meta = PQgetvalue(r, 0, 0)[0] == 't',
        has_tables = PQgetvalue(r, 0, 1)[0] == 't';
    PQclear(r);
    r = NULL;
    if (has_meta) {
        r = PQexec(s->conn, "SELECT value FROM meta WHERE key = 'schema_version'");
        if (!pg_ok(r)) {
            rc = pg_fail(s, r, "reading the schema version");
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
            rc = pg_command(s, *sql, "creating the schema");
        s->base.created = !rc;
    }
    if (version < 2 && !rc) {
        for (const char **sql = schema_v2; *sql && !rc; sql++)
            rc = pg_command(s, *sql, "migrating the schema to version 2");
        s->base.rebuild_films = version >= 1;
    }
    if (version < 3 && !rc) {
        for (const char **sql = schema_v3; *sql && !rc; sql++)
            rc = pg_command(s, *sql, "migrating the schema to version 3");
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
        if (!pg_ok(r)) rc = pg_fail(s, r, "recording the schema version");
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
    rc = pg_command(s, "COMMIT", "creating the schema");
    if (rc) s->base.created = 0;
    return rc;
}

#endif
