/* pg_conn.c — running statements on the PostgreSQL store's connection:
 * errors as one line naming the database (a lost connection REEL_EBUSY),
 * a read outside a batch run again after a reconnect, rows streamed one at
 * a time, and the session (its settings and statements) made again when
 * the server restarted.
 */
#include "pg.h"

#ifdef REEL_HAVE_PQ

#include <math.h>

/* libpq's messages span lines ("...failed: Connection refused\n\tIs the
 * server running..."); the command prints one line. */
void pg_one_line(char *dst, size_t n, const char *msg)
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
int pg_fail(pg_store *s, PGresult *r, const char *what)
{
    char msg[700];
    const char *m = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    if (m && *m) {
        pg_one_line(msg, sizeof msg, m);
    } else {
        /* libpq's own text: its first line says it ("FATAL:  terminating
         * connection..."); the rest is a generic guess */
        m = PQerrorMessage(s->conn);
        size_t n = strcspn(m, "\n");
        if (!strncmp(m, "FATAL:", 6) || !strncmp(m, "ERROR:", 6)) m += 6, n -= 6;
        char first[700];
        snprintf(first, sizeof first, "%.*s", (int)n, m);
        pg_one_line(msg, sizeof msg, first);
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

int pg_ok(PGresult *r)
{
    ExecStatusType t = PQresultStatus(r);
    return t == PGRES_COMMAND_OK || t == PGRES_TUPLES_OK || t == PGRES_SINGLE_TUPLE;
}

/* A deadlock or a serialization failure: the batch can be run again. */
int pg_retryable(PGresult *r)
{
    const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    return state && (!strcmp(state, "40001") || !strcmp(state, "40P01"));
}

PGresult *pg_run(pg_store *s, int stmt, const char *const *v)
{
    return PQexecPrepared(s->conn, pg_stmts[stmt].name, pg_stmts[stmt].nparams, v, NULL,
                          NULL, 0);
}

/* A statement without values (BEGIN, DDL); 0 or an error. */
int pg_command(pg_store *s, const char *sql, const char *what)
{
    PGresult *r = PQexec(s->conn, sql);
    int rc = pg_ok(r) ? 0 : pg_fail(s, r, what);
    PQclear(r);
    return rc;
}

/* A read outside a batch that found the connection lost (the server
 * restarted since the last call): connect again and run it once more. */
int pg_read_again(pg_store *s, PGresult *r, int attempt)
{
    return attempt == 0 && !s->base.in_batch && lost(s, r);
}

/* A statement without values outside a batch (a session setting, the
 * health query): like pg_command, but a connection found lost (the server
 * restarted while this one was idle) is made again and the statement run
 * once more, as reads are. */
int pg_command_again(pg_store *s, const char *sql, const char *what)
{
    for (int attempt = 0;; attempt++) {
        PGresult *r = PQexec(s->conn, sql);
        if (pg_ok(r)) {
            PQclear(r);
            return 0;
        }
        int rc;
        if (pg_read_again(s, r, attempt)) {
            PQclear(r);
            if (!(rc = pg_reconnect(s))) continue;
            return rc;
        }
        rc = pg_fail(s, r, what);
        PQclear(r);
        return rc;
    }
}

/* Run a statement and keep its result; an error becomes the store's. */
int pg_query(pg_store *s, int stmt, const char *const *v, PGresult **out,
             const char *what)
{
    for (int attempt = 0;; attempt++) {
        *out = pg_run(s, stmt, v);
        if (pg_ok(*out)) return 0;
        int rc;
        if (pg_read_again(s, *out, attempt)) {
            PQclear(*out);
            *out = NULL;
            if (!(rc = pg_reconnect(s))) continue;
            return rc;
        }
        rc = pg_fail(s, *out, what);
        PQclear(*out);
        *out = NULL;
        return rc;
    }
}

long pg_count_of(PGresult *r, int col)
{
    return atol(PQgetvalue(r, 0, col));
}

int pg_stream(pg_store *s, int stmt, const char *const *v, pg_row_cb cb, void *user,
              const char *what)
{
    for (int attempt = 0;; attempt++) {
        if (!PQsendQueryPrepared(s->conn, pg_stmts[stmt].name, pg_stmts[stmt].nparams, v,
                                 NULL, NULL, 0)) {
            if (!pg_read_again(s, NULL, attempt)) return pg_fail(s, NULL, what);
            int rc = pg_reconnect(s);
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
            } else if (!rc && rows == 0 && pg_read_again(s, r, attempt)) {
                again = 1; /* nothing was handed on yet: the whole read again */
            } else if (!rc && !again) {
                rc = pg_fail(s, r, what);
            }
            PQclear(r); /* after a failed callback: drain, the connection stays usable */
        }
        if (!again) return rc;
        if ((rc = pg_reconnect(s))) return rc;
    }
}

double pg_real_or_nan(PGresult *r, int row, int col)
{
    return PQgetisnull(r, row, col) ? NAN : strtod(PQgetvalue(r, row, col), NULL);
}

const char *pg_text_or_null(PGresult *r, int row, int col)
{
    return PQgetisnull(r, row, col) ? NULL : PQgetvalue(r, row, col);
}

/* What every session needs: exact doubles, read-only when opened so. */
int pg_session(pg_store *s)
{
    s->base.watched = 0; /* statement_timeout is the session's: set again */
    /* doubles read back exactly, as SQLite gives them (servers before 12) */
    int rc = pg_command(s, "SET extra_float_digits = 3", "setting up the session");
    if (!rc && (s->base.mode & REEL_STORE_READONLY))
        rc = pg_command(s, "SET default_transaction_read_only = on",
                        "setting up the session");
    return rc;
}

/* The connection was lost (a restart, a network cut): make it again, with
 * its session and statements. REEL_EBUSY while the server cannot be
 * reached, so a server answers 503 and the next call tries again. */
int pg_reconnect(pg_store *s)
{
    char msg[700];
    PQreset(s->conn);
    if (PQstatus(s->conn) != CONNECTION_OK) {
        pg_one_line(msg, sizeof msg, PQerrorMessage(s->conn));
        return reel_error(s->base.ctx, REEL_EBUSY,
                          "%s: the database server cannot be reached (%s); try again "
                          "when it is back",
                          s->base.url, msg);
    }
    int rc = pg_session(s);
    return rc ? rc : pg_prepare(s);
}

int pg_check(reel_store *st)
{
    pg_store *s = (pg_store *)st;
    return PQstatus(s->conn) == CONNECTION_OK ? 0 : pg_reconnect(s);
}

void pg_film_row(PGresult *r, int i, store_film *f)
{
    f->key = PQgetvalue(r, i, 0);
    f->title_key = pg_text_or_null(r, i, 7);
    f->title = PQgetvalue(r, i, 1);
    f->year = atoi(PQgetvalue(r, i, 2));
    f->n_articles = atoi(PQgetvalue(r, i, 3));
    f->n_reviews = atoi(PQgetvalue(r, i, 4));
    f->score = pg_real_or_nan(r, i, 5);
    f->positive = pg_real_or_nan(r, i, 6);
    f->first_review = NULL;
}

#endif
