/* pg.c — the shared store: PostgreSQL through libpq, for a team that
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
 * This file opens the store and lists its operations; the parts, one job
 * each, are pg_conn.c, pg_statements.c, pg_schema.c, pg_batch.c,
 * pg_read.c, pg_identity.c and pg_search.c, sharing pg.h.
 */
#include "pg.h"

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

#include <time.h>
#include <unistd.h>

static void pg_close(reel_store *st)
{
    pg_store *s = (pg_store *)st;
    pg_journal_clear(s);
    vec_free(&s->journal);
    vec_free(&s->pending);
    store_tokenizer_free(s->tok);
    PQfinish(s->conn);
    free(s);
}

/* The server's time limit as the session's statement_timeout: the server
 * cancels a statement that runs longer (the store's deadline is per
 * request, PostgreSQL's per statement; a request runs one long one). */
static int pg_watch(reel_store *st, int limit_ms)
{
    char sql[64];
    snprintf(sql, sizeof sql, "SET statement_timeout = %d", limit_ms > 0 ? limit_ms : 0);
    return pg_command_again((pg_store *)st, sql, "setting the time limit");
}

/* For /api/health: the connection answers and the tables can be read
 * (the schema version, one article and one film). */
static int pg_health(reel_store *st)
{
    return pg_command_again((pg_store *)st,
                            "SELECT (SELECT value FROM meta WHERE key = 'schema_version'),"
                            " (SELECT length(id) FROM articles LIMIT 1),"
                            " (SELECT length(key) FROM films LIMIT 1)",
                            "checking the store");
}

static const store_ops pg_ops = {
    "postgresql",   pg_close,       pg_begin,        pg_commit,      pg_rollback,
    pg_put_article, pg_put_fact,    pg_film_records, pg_put_film,    pg_get_film,
    pg_list_films,  pg_get_article, pg_search,       pg_stats,       pg_each_article,
    pg_watch,       pg_health,      pg_check,        pg_drop_films,  pg_films_of,
    pg_find_ident,  pg_has_version, pg_retire,       pg_put_version, pg_versions,
    pg_any_links,   pg_key_canon,   pg_key_join,     pg_catalog_put, pg_catalog_of,
    pg_each_review, pg_each_fact,   pg_stale_get,    pg_stale_put,   pg_stale_keys};

static void no_notices(void *arg, const char *message)
{
    (void)arg;
    (void)message; /* the library never prints */
}

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
    vec_init(&s->journal, sizeof(pg_entry));
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
        pg_one_line(msg, sizeof msg, err ? err : "out of memory");
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
        pg_one_line(msg, sizeof msg, PQerrorMessage(s->conn));
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
    if ((rc = pg_session(s))) goto fail;
    if ((rc = pg_migrate(s))) goto fail;
    rc = pg_prepare(s);
    if (rc) goto fail;
    *out = &s->base;
    return 0;
fail:
    free(s->base.url);
    pg_close(&s->base);
    return rc;
}

#endif
