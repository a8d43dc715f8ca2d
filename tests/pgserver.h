/* pgserver.h — a PostgreSQL server for the cmocka tests that run a store
 * case under both backends: $REEL_PG_URL when set (an admin URL), else one
 * started for this program by tests/pg/start.sh and stopped at the end.
 * No server is a loud failure, never a skip: the issue asks for both.
 */
#ifndef REEL_TEST_PGSERVER_H
#define REEL_TEST_PGSERVER_H

#include "helpers.h"

#include <libpq-fe.h>

static char pg_admin[1024]; /* URL of the server's "postgres" database */
static char pg_dir[1024];   /* set when we started the server */
static char pg_why[1024];   /* why there is no server */

/* Start (or find) the server; 0 or -1 with pg_why set. */
static inline int pg_server_start(void)
{
    const char *env = getenv("REEL_PG_URL");
    if (env && *env) {
        snprintf(pg_admin, sizeof pg_admin, "%s", env);
        return 0;
    }
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "bash '%s/tests/pg/start.sh' 2>&1", src_dir());
    FILE *p = popen(cmd, "r");
    if (!p) {
        snprintf(pg_why, sizeof pg_why, "cannot run tests/pg/start.sh");
        return -1;
    }
    char line[1024];
    buf out;
    buf_init(&out);
    while (fgets(line, sizeof line, p)) {
        buf_puts(&out, line);
        size_t n = strlen(line);
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = 0;
        if (!strncmp(line, "/tmp/reel-pg.", 13))
            snprintf(pg_dir, sizeof pg_dir, "%s", line);
        if (!strncmp(line, "postgresql://", 13))
            snprintf(pg_admin, sizeof pg_admin, "%s", line);
    }
    int rc = pclose(p);
    if (rc != 0 || !*pg_admin) {
        snprintf(pg_why, sizeof pg_why, "%s", out.data ? out.data : "no output");
        buf_free(&out);
        return -1;
    }
    buf_free(&out);
    return 0;
}

static inline void pg_server_stop(void)
{
    if (!*pg_dir) return;
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "bash '%s/tests/pg/stop.sh' '%s'", src_dir(), pg_dir);
    if (system(cmd) != 0) fprintf(stderr, "could not stop the server in %s\n", pg_dir);
    *pg_dir = 0;
}

static inline void pg_quiet(void *arg, const char *msg)
{
    (void)arg;
    (void)msg;
}

/* Run one SQL command on a database of the server ("postgres": admin). */
static inline int pg_sql(const char *db, const char *sql)
{
    char url[1200];
    const char *slash = strrchr(pg_admin, '/');
    snprintf(url, sizeof url, "%.*s/%s", (int)(slash - pg_admin), pg_admin, db);
    PGconn *c = PQconnectdb(url);
    int ok = PQstatus(c) == CONNECTION_OK;
    PQsetNoticeProcessor(c, pg_quiet, NULL);
    if (ok) {
        PGresult *r = PQexec(c, sql);
        ok =
            PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
        if (!ok) fprintf(stderr, "%s: %s", sql, PQerrorMessage(c));
        PQclear(r);
    } else {
        fprintf(stderr, "%s: %s", url, PQerrorMessage(c));
    }
    PQfinish(c);
    return ok ? 0 : -1;
}

/* The first value of a query's first row, as a number (-1 on error). */
static inline long pg_value(const char *db, const char *sql)
{
    char url[1200];
    const char *slash = strrchr(pg_admin, '/');
    snprintf(url, sizeof url, "%.*s/%s", (int)(slash - pg_admin), pg_admin, db);
    PGconn *c = PQconnectdb(url);
    long v = -1;
    if (PQstatus(c) == CONNECTION_OK) {
        PGresult *r = PQexec(c, sql);
        if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0)
            v = atol(PQgetvalue(r, 0, 0));
        else
            fprintf(stderr, "%s: %s", sql, PQerrorMessage(c));
        PQclear(r);
    }
    PQfinish(c);
    return v;
}

/* A new empty database; its URL in out. */
static inline int pg_new_db(char *out, size_t n, const char *name)
{
    char sql[300];
    snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s", name);
    if (pg_sql("postgres", sql)) return -1;
    snprintf(sql, sizeof sql, "CREATE DATABASE %s TEMPLATE template0 ENCODING 'UTF8'",
             name);
    if (pg_sql("postgres", sql)) return -1;
    const char *slash = strrchr(pg_admin, '/');
    snprintf(out, n, "%.*s/%s", (int)(slash - pg_admin), pg_admin, name);
    return 0;
}

#define REQUIRE_PG()                                                                     \
    do {                                                                                 \
        if (!*pg_admin) {                                                                \
            fprintf(stderr,                                                              \
                    "FAIL: no PostgreSQL server for the PostgreSQL store tests:\n%s\n",  \
                    pg_why);                                                             \
            fail();                                                                      \
        }                                                                                \
    } while (0)

#endif
