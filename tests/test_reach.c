/* test_reach.c — reviews over time and export, under both backends (a
 * SQLite file and the PostgreSQL server started for the run): a film's
 * timeline (points in date order, the running share worked out by hand,
 * undated reviews counted and not placed), films by year and by first
 * review, the whole-store export as CSV and JSON lines, and the generic
 * CSV writer's quoting. SQLite and PostgreSQL must answer byte for byte
 * alike. */
#include "csv.h"
#define STORE_TAG "reach"
#include "store_fixture.h"

#include <jansson.h>
#include <sqlite3.h>
#include <unistd.h>

/* A review record as `reel extract` would give it: film, date (NULL:
 * none), verdict score and whether it is positive. */
static void put_review(reel_store *st, int n, const char *film, int year,
                       const char *kind, const char *date, const char *outlet,
                       double score, int positive)
{
    json_t *rec = json_pack("{s:i,s:s,s:s,s:{s:s},s:s,s:{s:s,s:s,s:i},s:s}",
                            "record_version", REEL_RECORD_VERSION, "id", "", "title", "",
                            "kind", "label", kind, "outlet", outlet, "subject", "title",
                            film, "key", film, "year", year, "text", "A review.");
    char id[65], title[128];
    snprintf(id, sizeof id, "%064x", n);
    snprintf(title, sizeof title, "%s, seen by %s", film, outlet);
    json_object_set_new(rec, "id", json_string(id));
    json_object_set_new(rec, "title", json_string(title));
    json_object_set_new(rec, "date", date ? json_string(date) : json_null());
    json_object_set_new(rec, "author", json_string("A. Critic"));
    if (!strcmp(kind, "review"))
        json_object_set_new(rec, "verdict",
                            json_pack("{s:f,s:s,s:b}", "score100", score, "source",
                                      "explicit", "positive", positive));
    char *s = json_dumps(rec, JSON_COMPACT);
    json_decref(rec);
    int added = 0;
    int rc = reel_store_put_record(&added, st, s);
    if (rc) fprintf(stderr, "put: %s\n", reel_errmsg(g_ctx));
    assert_int_equal(rc, 0);
    assert_int_equal(added, 1);
    free(s);
}

/* Three films: stalker's reviews out of date order, two without a date
 * that can be placed, an interview (never a point); solaris is older and
 * reviewed earlier; mirror is reviewed last. One article through the whole
 * pipeline gives the export its facts. */
static void put_fixture(reel_store *st)
{
    assert_int_equal(reel_store_begin(st), 0);
    put_review(st, 1, "stalker", 1979, "review", "1980-01-15", "Gazette", 90, 1);
    put_review(st, 2, "stalker", 1979, "review", "1979-06-10", "Lantern", 40, 0);
    put_review(st, 3, "stalker", 1979, "review", "1979-05-25", "Dispatch, Weekly", 80, 1);
    put_review(st, 4, "stalker", 1979, "review", NULL, "Cutaway", 70, 1);
    put_review(st, 5, "stalker", 1979, "review", "--06-01", "Reel \"Q\"", 30, 0);
    put_review(st, 6, "stalker", 1979, "interview", "1979-01-01", "Talk", 0, 0);
    put_review(st, 7, "solaris", 1972, "review", "1972-03-01", "Gazette", 85, 1);
    put_review(st, 8, "mirror", 1975, "review", "1990-01-01", "Lantern", 75, 1);
    reel_doc *d = process_str(g_ctx,
                              "Review: Parasite (2019)\n\nBong Joon-ho's Parasite is a "
                              "brilliant, savage comedy. Song Kang-ho is superb.",
                              REEL_FORMAT_TEXT);
    assert_non_null(d);
    int added = 0;
    assert_int_equal(reel_store_put_doc(&added, st, d), 0);
    reel_doc_free(d);
    assert_int_equal(reel_store_commit(st), 0);
}

static char *timeline(reel_store *st, const char *title)
{
    char *out = NULL;
    int rc = reel_store_film_timeline(&out, st, title);
    if (rc) fprintf(stderr, "timeline %s: %s\n", title, reel_errmsg(g_ctx));
    assert_int_equal(rc, 0);
    return out;
}

static void test_timeline(void **state)
{
    store_at at;
    store_new(&at, *(int *)*state);
    reel_store *st = open_ok(at.url);
    put_fixture(st);
    char *json = timeline(st, "Stalker");
    json_t *tl = json_loads(json, 0, NULL);
    assert_non_null(tl);
    assert_int_equal(json_integer_value(json_object_get(tl, "reviews")), 5);
    assert_int_equal(json_integer_value(json_object_get(tl, "dated")), 3);
    assert_int_equal(json_integer_value(json_object_get(tl, "undated")), 2);
    assert_string_equal(json_string_value(json_object_get(tl, "first")), "1979-05-25");
    assert_string_equal(json_string_value(json_object_get(tl, "last")), "1980-01-15");
    json_t *pts = json_object_get(tl, "points");
    assert_int_equal(json_array_size(pts), 3);
    /* by date: 80 (+), 40 (-), 90 (+): 1/1, 1/2, 2/3 positive */
    static const char *dates[] = {"1979-05-25", "1979-06-10", "1980-01-15"};
    static const double scores[] = {80, 40, 90}, shares[] = {100, 50, 66.67};
    static const char *verdicts[] = {"positive", "negative", "positive"};
    for (size_t i = 0; i < 3; i++) {
        json_t *p = json_array_get(pts, i);
        assert_string_equal(json_string_value(json_object_get(p, "date")), dates[i]);
        assert_true(json_number_value(json_object_get(p, "score")) == scores[i]);
        assert_true(json_number_value(json_object_get(p, "running_share")) == shares[i]);
        assert_string_equal(json_string_value(json_object_get(p, "verdict")),
                            verdicts[i]);
        assert_int_equal(json_integer_value(json_object_get(p, "reviews_so_far")),
                         (json_int_t)i + 1);
        assert_int_equal(strlen(json_string_value(json_object_get(p, "article"))), 64);
    }
    assert_int_equal(json_array_size(json_object_get(tl, "undated_articles")), 2);
    json_decref(tl);
    free(json);
    /* the report says when its reviews came out */
    assert_int_equal(reel_store_film(&json, st, "stalker"), 0);
    assert_non_null(strstr(json, "\"first_review\":\"1979-05-25\""));
    assert_non_null(strstr(json, "\"reviews_undated\":2"));
    free(json);
    /* a film with no reviews: an empty timeline; an unknown one: not found */
    json = timeline(st, "Parasite");
    assert_non_null(strstr(json, "\"dated\":0"));
    assert_non_null(strstr(json, "\"points\":[]"));
    free(json);
    assert_int_equal(reel_store_film_timeline(&json, st, "No Such Film"), REEL_ENOTFOUND);
    free(json);
    reel_store_close(st);
    store_rm(&at);
}

static char *films(reel_store *st, const char *sort)
{
    char *out = NULL;
    assert_int_equal(reel_store_films(&out, st, NULL, sort, 10, 0), 0);
    return out;
}

/* The films' ids of a list answer, in order, space-separated. */
static void film_order(const char *json, char *out, size_t n)
{
    json_t *o = json_loads(json, 0, NULL), *f;
    size_t i;
    out[0] = 0;
    json_array_foreach(json_object_get(o, "films"), i, f)
    {
        size_t l = strlen(out);
        snprintf(out + l, n - l, "%s%s", l ? "|" : "",
                 json_string_value(json_object_get(f, "key")));
    }
    json_decref(o);
}

static void test_films_sorted(void **state)
{
    store_at at;
    store_new(&at, *(int *)*state);
    reel_store *st = open_ok(at.url);
    put_fixture(st);
    char order[256], *json = films(st, "year");
    film_order(json, order, sizeof order);
    assert_string_equal(order, "solaris|mirror|stalker|parasite");
    free(json);
    json = films(st, "first-review");
    film_order(json, order, sizeof order);
    assert_string_equal(order, "solaris|stalker|mirror|parasite"); /* none: last */
    assert_non_null(strstr(json, "\"first_review\":\"1972-03-01\""));
    assert_non_null(strstr(json, "\"first_review\":null"));
    free(json);
    assert_int_equal(reel_store_films(&json, st, NULL, "latest", 10, 0), REEL_EINVAL);
    reel_store_close(st);
    store_rm(&at);
}

static int to_buf(void *user, const char *data, size_t len)
{
    return buf_append(user, data, len) ? -1 : 0;
}

static char *export(reel_store *st, const char *table, const char *format, long *rows)
{
    buf b;
    buf_init(&b);
    int rc = reel_store_export(rows, st, table, format, to_buf, &b);
    if (rc) fprintf(stderr, "export %s: %s\n", table, reel_errmsg(g_ctx));
    assert_int_equal(rc, 0);
    buf_putc(&b, 0);
    return buf_detach(&b);
}

static size_t count_lines(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

static void test_export(void **state)
{
    store_at at;
    store_new(&at, *(int *)*state);
    reel_store *st = open_ok(at.url);
    put_fixture(st);
    long rows = 0;
    char *csv = export(st, "films", "csv", &rows);
    assert_int_equal(rows, 4);
    assert_int_equal(count_lines(csv), 5);
    assert_true(!strncmp(csv,
                         "id,key,title,year,articles,reviews,critics_score,"
                         "positive_share,first_review\r\n",
                         strlen("id,key,title,year,articles,reviews,critics_score,"
                                "positive_share,first_review\r\n")));
    assert_non_null(strstr(csv, ",1979-05-25\r\n"));
    free(csv);
    csv = export(st, "articles", "csv", &rows);
    assert_int_equal(rows, 9);
    /* quoted as RFC 4180 says: a comma, a doubled quote */
    assert_non_null(strstr(csv, ",\"Dispatch, Weekly\","));
    assert_non_null(strstr(csv, ",\"Reel \"\"Q\"\"\","));
    free(csv);
    char *jl = export(st, "articles", "jsonl", &rows);
    assert_int_equal(rows, 9);
    assert_int_equal(count_lines(jl), 9);
    for (char *line = jl; *line;) {
        char *nl = strchr(line, '\n');
        json_t *o = json_loadb(line, (size_t)(nl - line), 0, NULL);
        assert_true(json_is_object(o));
        assert_non_null(json_object_get(o, "verdict"));
        json_decref(o);
        line = nl + 1;
    }
    free(jl);
    char *facts = export(st, "facts", "csv", &rows);
    assert_true(rows > 0);
    assert_int_equal(count_lines(facts), (size_t)rows + 1);
    assert_non_null(strstr(facts, ",director,Bong Joon-ho,"));
    free(facts);
    assert_int_equal(reel_store_export(NULL, st, "critics", "csv", to_buf, NULL),
                     REEL_EINVAL);
    assert_int_equal(reel_store_export(NULL, st, "films", "xml", to_buf, NULL),
                     REEL_EINVAL);
    reel_store_close(st);
    store_rm(&at);
}

static int refuse(void *user, const char *data, size_t len)
{
    (void)user, (void)data, (void)len;
    return -1;
}

/* A writer that fails stops the export with REEL_EIO. */
static void test_export_write_fails(void **state)
{
    (void)state;
    store_at at;
    store_new(&at, SQLITE);
    reel_store *st = open_ok(at.url);
    put_fixture(st);
    assert_int_equal(reel_store_export(NULL, st, "facts", "jsonl", refuse, NULL),
                     REEL_EIO);
    reel_store_close(st);
    store_rm(&at);
}

/* Timelines, sorted lists and exports: the same bytes from both stores. */
static void test_same_answers(void **state)
{
    (void)state;
    store_at a, b;
    store_new(&a, SQLITE);
    store_new(&b, PG);
    reel_store *sq = open_ok(a.url), *pg = open_ok(b.url);
    put_fixture(sq);
    put_fixture(pg);
    static const char *titles[] = {"stalker", "Solaris (1972)", "mirror", "parasite"};
    for (size_t i = 0; i < 4; i++) {
        char *x = timeline(sq, titles[i]), *y = timeline(pg, titles[i]);
        assert_string_equal(x, y);
        free(x);
        free(y);
    }
    static const char *sorts[] = {"year", "first-review"};
    for (size_t i = 0; i < 2; i++) {
        char *x = films(sq, sorts[i]), *y = films(pg, sorts[i]);
        assert_string_equal(x, y);
        free(x);
        free(y);
    }
    static const char *tables[] = {"films", "articles", "facts"};
    static const char *formats[] = {"csv", "jsonl"};
    for (size_t t = 0; t < 3; t++)
        for (size_t f = 0; f < 2; f++) {
            long rx, ry;
            char *x = export(sq, tables[t], formats[f], &rx),
                 *y = export(pg, tables[t], formats[f], &ry);
            assert_int_equal(rx, ry);
            assert_string_equal(x, y);
            free(x);
            free(y);
        }
    reel_store_close(sq);
    reel_store_close(pg);
    store_rm(&a);
    store_rm(&b);
}

/* A film of more reviews than its report lists: the timeline has them all. */
static void test_timeline_past_report(void **state)
{
    store_at at;
    store_new(&at, *(int *)*state);
    reel_store *st = open_ok(at.url);
    assert_int_equal(reel_store_begin(st), 0);
    int n = FILM_REPORT_ARTICLES + 5;
    for (int i = 0; i < n; i++) {
        char date[16];
        snprintf(date, sizeof date, "20%02d-%02d-%02d", 10 + i % 10, 1 + i % 12,
                 1 + i % 28);
        put_review(st, 100 + i, "heat", 1995, "review", date, "Gazette", i % 3 ? 70 : 30,
                   i % 3 != 0);
    }
    assert_int_equal(reel_store_commit(st), 0);
    char *json = timeline(st, "heat");
    json_t *tl = json_loads(json, 0, NULL);
    assert_int_equal(json_integer_value(json_object_get(tl, "dated")), n);
    json_t *last = json_array_get(json_object_get(tl, "points"), (size_t)n - 1);
    /* i % 3 != 0 positive: 670 of 1005 */
    assert_int_equal(json_integer_value(json_object_get(last, "positive_so_far")), 670);
    assert_string_equal(json_string_value(json_object_get(tl, "last")), "2019-12-28");
    json_decref(tl);
    free(json);
    reel_store_close(st);
    store_rm(&at);
}

/* Moving an old store on: a version 2 file gains films.first_review and
 * its films are rebuilt with it. */
static void test_schema_3(void **state)
{
    (void)state;
    store_at at;
    store_new(&at, SQLITE);
    reel_store *st = open_ok(at.url);
    put_fixture(st);
    reel_store_close(st);
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(at.url, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db,
                                  "DROP INDEX films_first_review;"
                                  "DROP TABLE films_stale;"
                                  "ALTER TABLE films DROP COLUMN first_review;"
                                  "UPDATE meta SET value='2' WHERE key='schema_version'",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(db);
    st = open_ok(at.url);
    char order[256], *json = films(st, "first-review");
    film_order(json, order, sizeof order);
    assert_string_equal(order, "solaris|stalker|mirror|parasite");
    free(json);
    reel_store_close(st);
    store_rm(&at);
}

static char *to_csv(const char *json, const char *const *first)
{
    char *out = NULL;
    int rc = reel_json_to_csv(&out, g_ctx, json, first);
    assert_int_equal(rc, 0);
    return out;
}

/* The CSV writer: quoting, nesting, empty cells, UTF-8 kept and repaired. */
static void test_csv_writer(void **state)
{
    (void)state;
    char *csv = to_csv("[{\"a\":\"plain\",\"b\":\"x,y\",\"c\":\"say \\\"hi\\\"\","
                       "\"d\":\"two\\nlines\",\"e\":\"cr\\rhere\"}]",
                       NULL);
    assert_string_equal(csv, "a,b,c,d,e\r\nplain,\"x,y\",\"say \"\"hi\"\"\","
                             "\"two\nlines\",\"cr\rhere\"\r\n");
    free(csv);
    csv = to_csv("[{\"v\":{\"s\":90.5,\"p\":true},\"n\":null,\"l\":[1,2],\"i\":3},"
                 "{\"v\":null,\"t\":\"Almodóvar\",\"i\":2.0}]",
                 (const char *const[]){"t", NULL});
    assert_string_equal(csv, "t,v.s,v.p,n,l,i\r\n,90.5,true,,\"[1,2]\",3\r\n"
                             "Almodóvar,,,,,2\r\n");
    free(csv);
    csv = to_csv("[]", NULL);
    assert_string_equal(csv, "");
    free(csv);
    /* bytes that are not UTF-8 never reach the file: U+FFFD instead */
    buf b;
    buf_init(&b);
    csv_field(&b, "ab\xff");
    buf_putc(&b, 0);
    assert_string_equal(b.data, "ab\xEF\xBF\xBD");
    buf_free(&b);
    char *out = NULL;
    assert_int_equal(reel_json_to_csv(&out, g_ctx, "{\"not\":\"a list\"}", NULL),
                     REEL_EINVAL);
}

int main(void)
{
    reel_ctx_new(&g_ctx);
    reel_ctx_load_model(g_ctx, NULL);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_prestate(test_timeline, &SQLITE),
        cmocka_unit_test_prestate(test_timeline, &PG),
        cmocka_unit_test_prestate(test_films_sorted, &SQLITE),
        cmocka_unit_test_prestate(test_films_sorted, &PG),
        cmocka_unit_test_prestate(test_export, &SQLITE),
        cmocka_unit_test_prestate(test_export, &PG),
        cmocka_unit_test(test_export_write_fails),
        cmocka_unit_test(test_same_answers),
        cmocka_unit_test_prestate(test_timeline_past_report, &SQLITE),
        cmocka_unit_test_prestate(test_timeline_past_report, &PG),
        cmocka_unit_test(test_schema_3),
        cmocka_unit_test(test_csv_writer),
    };
    int rc = cmocka_run_group_tests(tests, store_group_setup, store_group_teardown);
    reel_ctx_free(g_ctx);
    return rc;
}
