/* test_store.c — the store under both backends (SQLite file, PostgreSQL
 * server started for the run): idempotent ingest, accent-free search, film
 * lookup by title variant, schema checks, the same answers byte for byte
 * from both, the batch writer, copying a store, concurrent writers (a
 * forced deadlock is replayed, no film summary loses an article), and the
 * merge property (any split into partials, merged in any order, gives the
 * identical report). Search's own cases are in test_store_search.c. */
#define STORE_TAG "store"
#include "store_fixture.h"

#include <jansson.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sqlite3.h>
#include <sys/socket.h>
#include <unistd.h>

static const char *articles[] = {
    "Review: Parasite (2019)\n\nBong Joon-ho's Parasite is a brilliant, savage comedy. "
    "Song Kang-ho is superb.",
    "Parasite review\n\nParasite follows a poor family. Bong Joon-ho directs with "
    "precision. Grade: A-",
    "Interview\n\n\"I wanted to make a film about stairs,\" Bong says of Parasite. He "
    "tells us about Parasite and its house. \"It is about class,\" he explains.",
    "Review: Portrait of a Lady on Fire\n\nCéline Sciamma's Portrait of a Lady on Fire "
    "burns slowly. Noémie Merlant is wonderful."};

static void put_all(reel_store *st, size_t *added)
{
    put_texts(st, articles, sizeof articles / sizeof *articles, added);
}

static void test_idempotent_and_reads(void **state)
{
    store_at at;
    store_new(&at, *(int *)*state);
    reel_store *st = open_ok(at.url);
    size_t added;
    put_all(st, &added);
    assert_int_equal(added, 4);
    char *before = NULL, *after = NULL;
    assert_int_equal(reel_store_film(&before, st, "parasite"), 0);
    put_all(st, &added);
    assert_int_equal(added, 0); /* same bytes: nothing changes */
    assert_int_equal(reel_store_film(&after, st, "PARASITE (2019)"), 0);
    assert_string_equal(before, after);
    assert_non_null(strstr(after, "\"articles\":3"));
    free(before);
    free(after);

    char *json = NULL;
    assert_int_equal(reel_store_search(&json, st, "celine", 10, 0), 0);
    assert_non_null(strstr(json, "\"total\":1"));
    free(json);
    assert_int_equal(reel_store_search(&json, st, "Bong Parasite", 10, 0), 0);
    assert_non_null(strstr(json, "\"total\":3"));
    free(json);
    assert_int_equal(reel_store_films(&json, st, NULL, "title", 10, 0), 0);
    assert_non_null(strstr(json, "\"total\":2"));
    free(json);
    assert_int_equal(reel_store_films(&json, st, NULL, "bogus", 10, 0), REEL_EINVAL);
    assert_int_equal(reel_store_film(&json, st, "No Such Film"), REEL_ENOTFOUND);
    assert_int_equal(reel_store_article(&json, st, "zz"), REEL_EINVAL);
    assert_int_equal(reel_store_article(&json, st, "000000"), REEL_ENOTFOUND);
    assert_int_equal(reel_store_stats(&json, st), 0);
    assert_non_null(strstr(json, "\"articles\":4,\"films\":2"));
    free(json);
    reel_store_close(st);
    store_rm(&at);
}

static void test_schema_sqlite(void **state)
{
    (void)state;
    store_at at;
    reel_store *st = NULL;
    store_new(&at, SQLITE);
    /* a file that is not a database */
    FILE *f = fopen(at.url, "wb");
    fputs("this is not sqlite, just text that is long enough to be a header......", f);
    fclose(f);
    assert_int_not_equal(reel_store_open(&st, g_ctx, at.url), 0);
    assert_non_null(strstr(reel_errmsg(g_ctx), at.url));
    store_rm(&at);
    /* a newer schema version is refused */
    st = open_ok(at.url);
    reel_store_close(st);
    char cmd[1400];
    snprintf(cmd, sizeof cmd,
             "sqlite3 %s \"UPDATE meta SET value='99' WHERE key='schema_version'\"",
             at.url);
    assert_int_equal(system(cmd), 0);
    assert_int_equal(reel_store_open(&st, g_ctx, at.url), REEL_ESCHEMA);
    assert_non_null(strstr(reel_errmsg(g_ctx), "99"));
    store_rm(&at);
}

/* The message of a failed open: one line naming the database. */
static void assert_one_line(const char *must_contain)
{
    const char *m = reel_errmsg(g_ctx);
    if (!strstr(m, must_contain)) fprintf(stderr, "message: %s\n", m);
    assert_non_null(strstr(m, must_contain));
    assert_null(strchr(m, '\n'));
}

static int free_port(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t n = sizeof a;
    assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
    assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &n), 0);
    close(fd); /* nothing listens there now: a refused connection */
    return ntohs(a.sin_port);
}

static void test_schema_pg(void **state)
{
    (void)state;
    store_at at;
    reel_store *st = NULL;
    store_new(&at, PG);
    st = open_ok(at.url);
    reel_store_close(st);
    /* opening again migrates nothing and works */
    st = open_ok(at.url);
    reel_store_close(st);
    /* a newer schema version is refused */
    assert_int_equal(
        pg_sql(at.name, "UPDATE meta SET value='99' WHERE key='schema_version'"), 0);
    assert_int_equal(reel_store_open(&st, g_ctx, at.url), REEL_ESCHEMA);
    assert_one_line("schema version 99 is newer");
    store_rm(&at);
    /* tables named like ours but no schema version: somebody else's */
    store_new(&at, PG);
    assert_int_equal(pg_sql(at.name, "CREATE TABLE articles(x int)"), 0);
    assert_int_equal(reel_store_open(&st, g_ctx, at.url), REEL_ESCHEMA);
    assert_one_line("not reel");
    store_rm(&at);
    /* a database that does not exist, a refused connection, a wrong URL */
    char url[1200];
    snprintf(url, sizeof url, "%.*s/no_such_db", (int)(strrchr(pg_admin, '/') - pg_admin),
             pg_admin);
    assert_int_equal(reel_store_open(&st, g_ctx, url), REEL_EDB);
    assert_one_line("no_such_db");
    snprintf(url, sizeof url, "postgresql://reel@127.0.0.1:%d/x", free_port());
    assert_int_equal(reel_store_open(&st, g_ctx, url), REEL_EDB);
    assert_one_line("cannot connect");
    assert_int_not_equal(
        reel_store_open(&st, g_ctx, "postgresql://reel@127.0.0.1:port/x"), 0);
    assert_one_line("postgresql://reel@127.0.0.1:port/x");
    assert_int_not_equal(reel_store_open(&st, g_ctx, "postgres://h/db?nosuchoption=1"),
                         0);
    assert_one_line("not a valid PostgreSQL URL");
    /* a password never reaches a message */
    snprintf(url, sizeof url, "postgresql://reel:s3cret@127.0.0.1:%d/x", free_port());
    assert_int_equal(reel_store_open(&st, g_ctx, url), REEL_EDB);
    assert_null(strstr(reel_errmsg(g_ctx), "s3cret"));
}

/* Our own longer review, so snippets are cut from the middle of a text,
 * start at sentences and carry ellipses, and ranks differ by length. */
static char *long_review(void)
{
    static const char *sentences[] = {
        "The house sits on a hill and the film never lets us forget the stairs.",
        ("Rain falls for a whole night: the poor family's flat floods while the rich "
         "sleep."),
        "Bong Joon-ho keeps the camera low, and the comedy turns cold.",
        "Nothing here is wasted; every object returns later with a new meaning.",
        "Song Kang-ho plays the father with a tired grace that is hard to forget.",
        "Céline, a critic friend, called it the best film of 2019 and she wasn't wrong.",
        "By the last act the basement holds more than a secret.",
        "It's a film about class, smell and the lines people draw around themselves."};
    buf b;
    buf_init(&b);
    buf_puts(&b, "Review: Parasite, again\n\n");
    for (int i = 0; i < 40; i++) {
        buf_puts(&b, sentences[(i * 5) % 8]);
        buf_puts(&b, i % 6 == 5 ? "\n\n" : " ");
    }
    return buf_detach(&b);
}

static char *call_films(reel_store *st, const char *q, const char *sort)
{
    char *j = NULL;
    assert_int_equal(reel_store_films(&j, st, q, sort, 100, 0), 0);
    return j;
}

static void test_same_answers(void **state)
{
    (void)state;
    store_at a, b;
    store_new(&a, SQLITE);
    store_new(&b, PG);
    reel_store *sq = open_ok(a.url), *pg = open_ok(b.url);
    char *extra = long_review();
    const char *texts[6] = {
        articles[0], articles[1],
        articles[2], articles[3],
        extra,       "The Irishman\n\nA news item: The Irishman opens in November."};
    size_t added;
    put_texts(sq, texts, 6, &added);
    put_texts(pg, texts, 6, &added);
    static const char *sorts[] = {"title", "score", "reviews"};
    for (int i = 0; i < 3; i++) {
        char *x = call_films(sq, NULL, sorts[i]), *y = call_films(pg, NULL, sorts[i]);
        assert_string_equal(x, y);
        free(x);
        free(y);
        x = call_films(sq, "ParaSite", sorts[i]);
        y = call_films(pg, "ParaSite", sorts[i]);
        assert_string_equal(x, y);
        free(x);
        free(y);
    }
    static const char *films[] = {"parasite", "Portrait of a Lady on Fire", "irishman",
                                  "Parasite (2019)"};
    for (int i = 0; i < 4; i++) {
        char *x = NULL, *y = NULL;
        assert_int_equal(reel_store_film(&x, sq, films[i]), 0);
        assert_int_equal(reel_store_film(&y, pg, films[i]), 0);
        assert_string_equal(x, y);
        free(x);
        free(y);
    }
    static const char *queries[] = {"celine",  "Bong Parasite", "parasite",
                                    "film",    "stairs class",  "noemie merlant",
                                    "a",       "Joon-ho",       "2019",
                                    "the the", "wasn't",        "rain night"};
    for (size_t i = 0; i < sizeof queries / sizeof *queries; i++)
        for (int off = 0; off < 2; off++) {
            char *x = NULL, *y = NULL;
            assert_int_equal(reel_store_search(&x, sq, queries[i], 3, off * 3), 0);
            assert_int_equal(reel_store_search(&y, pg, queries[i], 3, off * 3), 0);
            if (strcmp(x, y)) fprintf(stderr, "query '%s':\n%s\n%s\n", queries[i], x, y);
            assert_string_equal(x, y);
            free(x);
            free(y);
        }
    /* every article by an id prefix */
    char *list = NULL;
    assert_int_equal(reel_store_search(&list, sq, "a", 50, 0), 0);
    for (const char *p = strstr(list, "\"id\":\""); p; p = strstr(p + 1, "\"id\":\"")) {
        char id[13], *x = NULL, *y = NULL;
        memcpy(id, p + 6, 12);
        id[12] = 0;
        assert_int_equal(reel_store_article(&x, sq, id), 0);
        assert_int_equal(reel_store_article(&y, pg, id), 0);
        assert_string_equal(x, y);
        free(x);
        free(y);
    }
    free(list);
    free(extra);
    reel_store_close(sq);
    reel_store_close(pg);
    store_rm(&a);
    store_rm(&b);
}

/* The store's batch writer: batches of opts.size records, one commit each
 * (committed() after each, counting the records stored so far); a
 * malformed record named through refused() and skipped, or, without it,
 * failing its batch, which is rolled back whole. */
typedef struct {
    size_t commits, last, refused, line;
} batch_seen;

static void batch_committed(void *user, size_t records)
{
    batch_seen *b = user;
    b->commits++;
    b->last = records;
}

static void batch_refused(void *user, const char *origin, size_t line)
{
    batch_seen *b = user;
    assert_string_equal(origin, "in.jsonl");
    b->refused++;
    b->line = line;
}

static void test_batch_writer(void **state)
{
    (void)state;
    char *recs[4];
    for (size_t i = 0; i < 4; i++) {
        reel_doc *d = process_str(g_ctx, articles[i], REEL_FORMAT_TEXT);
        assert_non_null(d);
        assert_int_equal(reel_record_to_json(&recs[i], g_ctx, d, 1), 0);
        reel_doc_free(d);
    }
    store_at at;
    reel_store *st = store_open_new(&at, SQLITE);
    batch_seen seen = {0, 0, 0, 0};
    reel_batch_opts o = {2, batch_refused, 0, NULL, batch_committed, &seen};
    reel_batch *b = NULL;
    assert_int_equal(reel_batch_new(&b, st, &o), 0);
    assert_int_equal(reel_batch_put(b, recs[0], "in.jsonl", 1), 0);
    assert_int_equal(seen.commits, 0); /* kept until the batch is full */
    assert_int_equal(reel_batch_put(b, "{\"record_version\":1}", "in.jsonl", 2), 0);
    assert_int_equal(seen.commits, 1);
    assert_int_equal(seen.refused, 1);
    assert_int_equal(seen.line, 2);
    assert_int_equal(reel_batch_put(b, recs[1], "in.jsonl", 3), 0);
    assert_int_equal(reel_batch_put(b, recs[1], "in.jsonl", 4), 0);
    assert_int_equal(reel_batch_put(b, recs[2], "in.jsonl", 5), 0);
    assert_int_equal(seen.commits, 2);
    assert_int_equal(reel_batch_flush(b), 0);
    assert_int_equal(seen.commits, 3);
    assert_int_equal(seen.last, 4);
    assert_int_equal(reel_batch_records(b), 4); /* the refused one not counted */
    assert_int_equal(reel_batch_added(b), 3);   /* recs[1] twice is one article */
    reel_batch_free(b);
    /* no refused(): a bad record fails its batch, rolled back whole */
    assert_int_equal(reel_batch_new(&b, st, NULL), 0);
    assert_int_equal(reel_batch_put(b, recs[3], NULL, 0), 0);
    assert_int_equal(reel_batch_put(b, "[]", NULL, 0), 0);
    assert_int_equal(reel_batch_flush(b), REEL_EFORMAT);
    assert_int_equal(reel_batch_records(b), 0);
    assert_int_equal(reel_batch_flush(b), 0); /* the failed batch was dropped */
    reel_batch_free(b);
    char *stats = NULL;
    assert_int_equal(reel_store_stats(&stats, st), 0);
    json_t *o2 = json_loads(stats, 0, NULL);
    assert_int_equal(json_integer_value(json_object_get(o2, "articles")), 3);
    json_decref(o2);
    free(stats);
    reel_store_close(st);
    store_rm(&at);
    for (size_t i = 0; i < 4; i++)
        free(recs[i]);
}

static void test_copy(void **state)
{
    (void)state;
    store_at a, b;
    store_new(&a, SQLITE);
    store_new(&b, PG);
    reel_store *sq = open_ok(a.url), *pg = open_ok(b.url);
    size_t added, copied;
    put_all(sq, &added);
    assert_int_equal(reel_store_copy(&copied, &added, pg, sq, 2), 0);
    assert_int_equal(copied, 4);
    assert_int_equal(added, 4);
    assert_int_equal(reel_store_copy(&copied, &added, pg, sq, 0), 0);
    assert_int_equal(added, 0); /* a second copy adds nothing */
    char *x = NULL, *y = NULL;
    assert_int_equal(reel_store_film(&x, sq, "parasite"), 0);
    assert_int_equal(reel_store_film(&y, pg, "parasite"), 0);
    assert_string_equal(x, y);
    free(x);
    free(y);
    assert_int_equal(pg_value(b.name, "SELECT count(*) FROM facts"),
                     pg_value(b.name, "SELECT count(*) FROM facts f JOIN articles a"
                                      " ON a.id = f.article_id"));
    reel_store_close(sq);
    reel_store_close(pg);
    store_rm(&a);
    store_rm(&b);
}

/* ---- facts ---- */

/* Records of the test articles, each with n facts of our own making
 * (several statements' worth: the PostgreSQL store sends them in groups). */
static char **records_with_facts(size_t n_facts)
{
    size_t n = sizeof articles / sizeof *articles;
    char **out = calloc(n + 1, sizeof *out);
    for (size_t i = 0; i < n; i++) {
        reel_doc *d = process_str(g_ctx, articles[i], REEL_FORMAT_TEXT);
        char *js = NULL;
        assert_int_equal(reel_record_to_json(&js, g_ctx, d, 1), 0);
        json_t *rec = json_loads(js, 0, NULL), *facts = json_array();
        for (size_t k = 0; k < n_facts; k++) {
            char value[64], norm[64];
            snprintf(value, sizeof value, "Person %zu of %zu", k, i);
            snprintf(norm, sizeof norm, "person %zu of %zu", k, i);
            json_array_append_new(
                facts,
                json_pack("{s:s,s:s,s:s,s:o,s:[I,I],s:f,s:b}", "predicate",
                          k % 3 ? "cast" : "director", "value", value, "norm", norm,
                          "qualifier", k % 4 ? json_string("as Kim") : json_null(),
                          "span", (json_int_t)k, (json_int_t)(k + 5), "confidence",
                          0.5 + (double)k / 1000.0, "about_subject", k % 2 == 0));
        }
        json_object_set_new(rec, "facts", facts);
        out[i] = json_dumps(rec, JSON_COMPACT | JSON_PRESERVE_ORDER);
        json_decref(rec);
        free(js);
        reel_doc_free(d);
    }
    return out;
}

static void free_records(char **r)
{
    for (char **p = r; *p; p++)
        free(*p);
    free(r);
}

/* The facts rows of a store, one line each, in one order. */
#define FACT_ROWS                                                                        \
    "SELECT article_id || '|' || coalesce(film_key, '-') || '|' || predicate || '|' ||"  \
    " value || '|' || coalesce(norm, '-') || '|' || coalesce(qualifier, '-') || '|' ||"  \
    " span_start || '|' || span_end || '|' || CAST(round(confidence * 1000000) AS"       \
    " bigint) FROM facts ORDER BY 1"

static char *sqlite_rows(const char *path, const char *sql)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *q = NULL;
    buf b;
    buf_init(&b);
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &q, NULL), SQLITE_OK);
    while (sqlite3_step(q) == SQLITE_ROW) {
        buf_puts(&b, (const char *)sqlite3_column_text(q, 0));
        buf_putc(&b, '\n');
    }
    sqlite3_finalize(q);
    sqlite3_close(db);
    return buf_detach(&b);
}

static char *pg_rows(const char *db, const char *sql)
{
    char url[1200];
    snprintf(url, sizeof url, "%.*s/%s", (int)(strrchr(pg_admin, '/') - pg_admin),
             pg_admin, db);
    PGconn *c = PQconnectdb(url);
    PGresult *r = PQexec(c, sql);
    assert_int_equal(PQresultStatus(r), PGRES_TUPLES_OK);
    buf b;
    buf_init(&b);
    for (int i = 0; i < PQntuples(r); i++) {
        buf_puts(&b, PQgetvalue(r, i, 0));
        buf_putc(&b, '\n');
    }
    PQclear(r);
    PQfinish(c);
    return buf_detach(&b);
}

static void test_facts_alike(void **state)
{
    (void)state;
    store_at a, b;
    store_new(&a, SQLITE);
    store_new(&b, PG);
    reel_store *sq = open_ok(a.url), *pg = open_ok(b.url);
    char **recs = records_with_facts(71);  /* 32 + 32 + 4 + 2 + 1 */
    for (int pass = 0; pass < 2; pass++) { /* the second adds nothing */
        assert_int_equal(reel_store_begin(sq), 0);
        assert_int_equal(reel_store_begin(pg), 0);
        for (char **r = recs; *r; r++) {
            int x = 0, y = 0;
            assert_int_equal(reel_store_put_record(&x, sq, *r), 0);
            assert_int_equal(reel_store_put_record(&y, pg, *r), 0);
            assert_int_equal(x, !pass);
            assert_int_equal(y, !pass);
        }
        assert_int_equal(reel_store_commit(sq), 0);
        assert_int_equal(reel_store_commit(pg), 0);
    }
    char *x = sqlite_rows(a.url, FACT_ROWS), *y = pg_rows(b.name, FACT_ROWS);
    assert_int_equal(pg_value(b.name, "SELECT count(*) FROM facts"), 4 * 71);
    assert_string_equal(x, y);
    free(x);
    free(y);
    assert_int_equal(reel_store_film(&x, sq, "parasite"), 0);
    assert_int_equal(reel_store_film(&y, pg, "parasite"), 0);
    assert_string_equal(x, y);
    free(x);
    free(y);
    free_records(recs);
    reel_store_close(sq);
    reel_store_close(pg);
    store_rm(&a);
    store_rm(&b);
}

/* ---- concurrent writers ---- */

typedef struct {
    const char *url;
    char *const *records;
    size_t n;
    int reverse;
    pthread_barrier_t *after_first; /* NULL: no rendezvous */
    int rc;
    char err[1024];
    long added;
} writer;

static void *write_batch(void *arg)
{
    writer *w = arg;
    reel_ctx *ctx = NULL;
    reel_store *st = NULL;
    reel_ctx_new(&ctx);
    reel_ctx_load_model(ctx, NULL);
    w->rc = reel_store_open(&st, ctx, w->url);
    if (!w->rc) w->rc = reel_store_begin(st);
    for (size_t i = 0; i < w->n && !w->rc; i++) {
        size_t k = w->reverse ? w->n - 1 - i : i;
        int added = 0;
        w->rc = reel_store_put_record(&added, st, w->records[k]);
        /* both writers hold one article the other is about to insert */
        if (i == 0 && w->after_first) pthread_barrier_wait(w->after_first);
    }
    if (!w->rc) w->rc = reel_store_commit(st);
    w->added = reel_store_added(st);
    if (w->rc) snprintf(w->err, sizeof w->err, "%s", reel_errmsg(ctx));
    reel_store_close(st);
    reel_ctx_free(ctx);
    return NULL;
}

/* Runs the writers; the articles they say they added, in all. */
static long run_writers(writer *w, int n)
{
    long added = 0;
    pthread_t t[8];
    for (int i = 0; i < n; i++)
        assert_int_equal(pthread_create(&t[i], NULL, write_batch, &w[i]), 0);
    for (int i = 0; i < n; i++)
        pthread_join(t[i], NULL);
    for (int i = 0; i < n; i++) {
        if (w[i].rc) fprintf(stderr, "writer %d: %s\n", i, w[i].err);
        assert_int_equal(w[i].rc, 0);
        added += w[i].added;
    }
    return added;
}

static void test_concurrent_writers(void **state)
{
    (void)state;
    store_at one, seq;
    store_new(&one, PG);
    store_new(&seq, PG);
    reel_store *st = open_ok(seq.url);
    char **recs = records_with_facts(40);
    assert_int_equal(reel_store_begin(st), 0);
    for (char **r = recs; *r; r++) {
        int added = 0;
        assert_int_equal(reel_store_put_record(&added, st, *r), 0);
    }
    assert_int_equal(reel_store_commit(st), 0);
    char *want = NULL;
    assert_int_equal(reel_store_film(&want, st, "parasite"), 0);
    reel_store_close(st);
    reel_store_close(open_ok(one.url)); /* the schema, before the writers race */
    long deadlocks_before = pg_value("postgres", "SELECT coalesce(sum(deadlocks), 0)"
                                                 " FROM pg_stat_database");

    /* two writers insert the same two articles in opposite orders: a
     * deadlock PostgreSQL must break, and the victim's batch is replayed */
    pthread_barrier_t bar;
    pthread_barrier_init(&bar, NULL, 2);
    writer w[2] = {{one.url, recs, 2, 0, &bar, 0, "", 0},
                   {one.url, recs, 2, 1, &bar, 0, "", 0}};
    assert_int_equal(run_writers(w, 2), 2); /* exact, though a batch was replayed */
    pthread_barrier_destroy(&bar);
    /* a backend's statistics reach the view as it exits: wait for them
     * (up to 60 s on a loaded machine; no longer than they take) */
    long deadlocks = deadlocks_before;
    for (int i = 0; i < 600 && deadlocks <= deadlocks_before; i++) {
        usleep(100000);
        deadlocks = pg_value("postgres",
                             "SELECT coalesce(sum(deadlocks), 0) FROM pg_stat_database");
    }
    fprintf(stderr, "deadlocks PostgreSQL broke (and the store replayed): %ld\n",
            deadlocks - deadlocks_before);
    assert_true(deadlocks > deadlocks_before);
    assert_int_equal(pg_value(one.name, "SELECT count(*) FROM articles"), 2);
    assert_int_equal(pg_value(one.name, "SELECT count(*) FROM facts"), 2 * 40);

    /* four writers, overlapping, all about one film: every article once,
     * its facts once, and the film's summary has every article */
    writer v[4] = {{one.url, recs, 3, 0, NULL, 0, "", 0},
                   {one.url, recs, 3, 1, NULL, 0, "", 0},
                   {one.url, recs + 1, 3, 0, NULL, 0, "", 0},
                   {one.url, recs, 4, 1, NULL, 0, "", 0}};
    assert_int_equal(run_writers(v, 4), 2);
    assert_int_equal(pg_value(one.name, "SELECT count(*) FROM articles"), 4);
    assert_int_equal(pg_value(one.name, "SELECT count(*) FROM facts"),
                     pg_value(seq.name, "SELECT count(*) FROM facts"));
    st = open_ok(one.url);
    char *got = NULL;
    assert_int_equal(reel_store_film(&got, st, "parasite"), 0);
    assert_string_equal(got, want);
    free(got);
    free(want);
    free_records(recs);
    reel_store_close(st);
    store_rm(&one);
    store_rm(&seq);
}

/* Partials: shards merged in any order equal the whole. */
static void test_merge_property(void **state)
{
    (void)state;
    size_t n = 3; /* the Parasite articles */
    char *recs[3];
    for (size_t i = 0; i < n; i++) {
        reel_doc *d = process_str(g_ctx, articles[i], REEL_FORMAT_TEXT);
        assert_int_equal(reel_record_to_json(&recs[i], g_ctx, d, 0), 0);
        reel_doc_free(d);
    }
    reel_partial *whole = NULL;
    reel_partial_new(&whole, "parasite");
    for (size_t i = 0; i < n; i++)
        assert_int_equal(reel_partial_add(g_ctx, whole, recs[i]), 0);
    char *want = NULL;
    assert_int_equal(reel_partial_finalize(&want, g_ctx, whole), 0);
    /* every split into up to 3 shards, merged in every order */
    for (unsigned assign = 0; assign < 27; assign++) {
        reel_partial *shard[3];
        for (int s = 0; s < 3; s++)
            reel_partial_new(&shard[s], "parasite");
        unsigned a = assign;
        for (size_t i = 0; i < n; i++, a /= 3)
            reel_partial_add(g_ctx, shard[a % 3], recs[i]);
        static const int orders[6][3] = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2},
                                         {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
        for (int o = 0; o < 6; o++) {
            reel_partial *acc = NULL;
            reel_partial_new(&acc, "parasite");
            for (int k = 0; k < 3; k++) {
                /* through JSON, as `reel merge` would see them */
                char *js = NULL;
                reel_partial *back = NULL;
                assert_int_equal(reel_partial_to_json(&js, g_ctx, shard[orders[o][k]]),
                                 0);
                assert_int_equal(reel_partial_from_json(&back, g_ctx, js), 0);
                assert_int_equal(reel_partial_merge(g_ctx, acc, back), 0);
                reel_partial_free(back);
                free(js);
            }
            char *got = NULL;
            assert_int_equal(reel_partial_finalize(&got, g_ctx, acc), 0);
            assert_string_equal(got, want);
            free(got);
            reel_partial_free(acc);
        }
        for (int s = 0; s < 3; s++)
            reel_partial_free(shard[s]);
    }
    reel_partial *other = NULL;
    reel_partial_new(&other, "irishman");
    assert_int_equal(reel_partial_merge(g_ctx, whole, other), REEL_EINVAL);
    reel_partial_free(other);
    reel_partial_free(whole);
    free(want);
    for (size_t i = 0; i < n; i++)
        free(recs[i]);
}

int main(void)
{
    reel_ctx_new(&g_ctx);
    reel_ctx_load_model(g_ctx, NULL);
    srandom((unsigned)getpid());
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_prestate(test_idempotent_and_reads, &SQLITE),
        cmocka_unit_test_prestate(test_idempotent_and_reads, &PG),
        cmocka_unit_test(test_schema_sqlite),
        cmocka_unit_test(test_schema_pg),
        cmocka_unit_test(test_same_answers),
        cmocka_unit_test(test_batch_writer),
        cmocka_unit_test(test_copy),
        cmocka_unit_test(test_facts_alike),
        cmocka_unit_test(test_concurrent_writers),
        cmocka_unit_test(test_merge_property),
    };
    int rc = cmocka_run_group_tests(tests, store_group_setup, store_group_teardown);
    reel_ctx_free(g_ctx);
    return rc;
}
