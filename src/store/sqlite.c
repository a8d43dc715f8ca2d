/* sqlite.c — the embedded store: one SQLite file, WAL, foreign keys
 * on, a versioned schema with migrations, an FTS5 index over the clean text
 * (unicode61 with diacritics removed, so "almodovar" finds "Almodóvar").
 * Ingest is idempotent by content SHA-256 and transactional per batch: a
 * process killed mid-batch leaves the file as it was before the batch.
 * This file opens the store, watches its file and lists its operations;
 * the parts, one job each, are sqlite_run.c, sqlite_schema.c,
 * sqlite_batch.c, sqlite_read.c, sqlite_identity.c and sqlite_search.c,
 * sharing sqlite.h.
 */
#include "sqlite.h"

#include <errno.h>
#include <sys/stat.h>

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
        if (step != SQLITE_DONE)
            return sq_db_err(s, REEL_EDB, "the store cannot be read");
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

static int sq_check(reel_store *st);

static const store_ops sqlite_ops = {
    "sqlite",       sq_close,       sq_begin,        sq_commit,      sq_rollback,
    sq_put_article, sq_put_fact,    sq_film_records, sq_put_film,    sq_get_film,
    sq_list_films,  sq_get_article, sq_search,       sq_stats,       sq_each_article,
    sq_watch,       sq_health,      sq_check,        sq_drop_films,  sq_films_of,
    sq_find_ident,  sq_has_version, sq_retire,       sq_put_version, sq_versions,
    sq_any_links,   sq_key_canon,   sq_key_join,     sq_catalog_put, sq_catalog_of,
    sq_each_review, sq_each_fact,   sq_stale_get,    sq_stale_put,   sq_stale_keys};

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
    if ((rc = sq_exec(s, "PRAGMA foreign_keys=ON"))) return rc;
    /* a store that must exist is looked at before anything is written to
     * it: an empty or foreign file is refused as it was found */
    if (!(mode & REEL_STORE_CREATE)) {
        int version, tables;
        if ((rc = sq_read_version(s, &version, &tables)) ||
            (rc = sq_refuse(s, mode, version, tables)))
            return rc;
    }
    /* a file that is not a database fails on the first read: here, or in
     * read_version (the journal mode is the file's already) */
    if (!ro && (rc = sq_exec_waiting(s, "PRAGMA journal_mode=WAL",
                                     "cannot set the journal mode")))
        return rc;
    if (!ro && (rc = sq_exec(s, "PRAGMA synchronous=NORMAL"))) return rc;
    /* a reader (a server's worker) reads the search index and the same
     * films again and again: 32 MB of pages kept, not SQLite's 2 MB */
    if (ro && (rc = sq_exec(s, "PRAGMA cache_size=-32768"))) return rc;
    if ((rc = sq_migrate(s, mode))) return rc;
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
            return sq_db_err(s, REEL_EDB, "cannot prepare statements");
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
