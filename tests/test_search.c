/* test_search.c — search on the SQLite store (src/store/sqlite_search.c):
 * the hits and totals are those of FTS5's own bm25() ordering (ties by
 * article id) on every page, past runs of ties longer than the rows a page
 * keeps and on deep pages, and when rows are ranked partly (a common word
 * with a rare one); the article counts kept per connection follow
 * writes by another connection and by the same one.
 */
#include "helpers.h"
#include "store/store.h"

#include <jansson.h>
#include <sqlite3.h>
#include <unistd.h>

static reel_ctx *g_ctx;
static int g_seq;

static void path_new(char *out, size_t n)
{
    snprintf(out, n, "/tmp/reel-search-%d-%d.db", (int)getpid(), ++g_seq);
}

static reel_store *open_as(const char *path, int mode)
{
    reel_store *st = NULL;
    int rc = reel_store_open_mode(&st, g_ctx, path, mode);
    if (rc) fprintf(stderr, "open %s: %s\n", path, reel_errmsg(g_ctx));
    assert_int_equal(rc, 0);
    return st;
}

/* Article `i` of a kind: its title numbered, its body built by `body`. */
static void put_many(reel_store *st, int from, int n, void (*body)(buf *, int))
{
    assert_int_equal(reel_store_begin(st), 0);
    for (int i = from; i < from + n; i++) {
        buf b;
        buf_init(&b);
        buf_printf(&b, "Note %d\n\n", i);
        body(&b, i);
        reel_doc *d = process_str(g_ctx, b.data, REEL_FORMAT_TEXT);
        assert_non_null(d);
        int added = 0;
        assert_int_equal(reel_store_put_doc(&added, st, d), 0);
        assert_int_equal(added, 1);
        reel_doc_free(d);
        buf_free(&b);
    }
    assert_int_equal(reel_store_commit(st), 0);
}

/* The same words in each: every one ranks alike for "grain". */
static void tied_body(buf *b, int i)
{
    (void)i;
    buf_puts(b, "The same words again: grain, frost and a quiet field at dawn.");
}

/* "grain" a varying number of times among varying filler: varied ranks. */
static void varied_body(buf *b, int i)
{
    for (int k = 0; k < 1 + i % 7; k++)
        buf_puts(b, "grain ");
    for (int k = 0; k < i % 23; k++)
        buf_puts(b, "meadow ");
    buf_puts(b, "and frost.");
}

/* The ids of a page as FTS5's bm25() orders every match, ties by id, and
 * the number of matches, read straight from the file. */
static char *expected(const char *path, const char *fts, int limit, int offset,
                      int *total)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *q = NULL;
    buf b;
    buf_init(&b);
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    assert_int_equal(
        sqlite3_prepare_v2(db,
                           "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?",
                           -1, &q, NULL),
        SQLITE_OK);
    sqlite3_bind_text(q, 1, fts, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    *total = sqlite3_column_int(q, 0);
    sqlite3_finalize(q);
    assert_int_equal(
        sqlite3_prepare_v2(db,
                           "SELECT a.id FROM articles_fts JOIN articles a"
                           " ON a.rowid = articles_fts.rowid WHERE articles_fts MATCH ?1"
                           " ORDER BY bm25(articles_fts), a.id LIMIT ?2 OFFSET ?3",
                           -1, &q, NULL),
        SQLITE_OK);
    sqlite3_bind_text(q, 1, fts, -1, SQLITE_STATIC);
    sqlite3_bind_int(q, 2, limit);
    sqlite3_bind_int(q, 3, offset);
    while (sqlite3_step(q) == SQLITE_ROW) {
        buf_puts(&b, (const char *)sqlite3_column_text(q, 0));
        buf_putc(&b, ' ');
    }
    sqlite3_finalize(q);
    sqlite3_close(db);
    if (!b.data) buf_puts(&b, "");
    return buf_detach(&b);
}

/* The ids of a page as reel_store_search gives them, and its total. */
static char *got(reel_store *st, const char *query, int limit, int offset, int *total)
{
    char *json = NULL;
    assert_int_equal(reel_store_search(&json, st, query, limit, offset), 0);
    json_t *o = json_loads(json, 0, NULL), *h;
    assert_non_null(o);
    *total = (int)json_integer_value(json_object_get(o, "total"));
    buf b;
    buf_init(&b);
    size_t i;
    json_array_foreach(json_object_get(o, "hits"), i, h)
    {
        buf_puts(&b, json_string_value(json_object_get(h, "id")));
        buf_putc(&b, ' ');
    }
    json_decref(o);
    free(json);
    if (!b.data) buf_puts(&b, "");
    return buf_detach(&b);
}

static void same_page(reel_store *st, const char *path, const char *query,
                      const char *fts, int limit, int offset)
{
    int t1 = -1, t2 = -2;
    char *want = expected(path, fts, limit, offset, &t1),
         *have = got(st, query, limit, offset, &t2);
    if (strcmp(want, have) || t1 != t2)
        fprintf(stderr, "'%s' limit %d offset %d: total %d, %d\nwant %s\nhave %s\n",
                query, limit, offset, t1, t2, want, have);
    assert_int_equal(t1, t2);
    assert_string_equal(want, have);
    free(want);
    free(have);
}

/* 150 articles tied for "grain" (more than a first page keeps: 20 + 64)
 * after 1,000 of varied ranks: every page, shallow or deep (past 1,000
 * rows, one full sort), is bm25()'s, ties by article id. */
static void test_pages_are_bm25(void **state)
{
    (void)state;
    char path[1024];
    path_new(path, sizeof path);
    reel_store *w = open_as(path, REEL_STORE_CREATE);
    put_many(w, 0, 1000, varied_body);
    put_many(w, 1000, 150, tied_body);
    reel_store_close(w);
    reel_store *st = open_as(path, REEL_STORE_READONLY);
    static const struct {
        int limit, offset;
    } pages[] = {{20, 0},   {20, 20},   {1, 0},    {100, 0},   {50, 900},
                 {20, 990}, {20, 1000}, {7, 1120}, {20, 1140}, {20, 2000}};
    for (size_t i = 0; i < sizeof pages / sizeof *pages; i++) {
        same_page(st, path, "grain", "\"grain\"", pages[i].limit, pages[i].offset);
        same_page(st, path, "Frost grain", "\"frost\" \"grain\"", pages[i].limit,
                  pages[i].offset);
        same_page(st, path, "quiet", "\"quiet\"", pages[i].limit, pages[i].offset);
    }
    /* tied rows only (all 150 alike): pages cut by article id */
    same_page(st, path, "dawn", "\"dawn\"", 20, 0);
    same_page(st, path, "dawn", "\"dawn\"", 20, 140);
    same_page(st, path, "meadow frost", "\"meadow\" \"frost\"", 30, 10);
    reel_store_close(st);
    store_file_rm(path);
}

/* "the" in every article, a varying number of times (its IDF is the
 * floor, 1e-6: it only breaks ties), "grain" in some, "meadow" in others,
 * and lengths that vary: rows ranked partly (sqlite_search.c stops ranking
 * a row that cannot reach the page) must leave the page bm25()'s. */
static void mixed_body(buf *b, int i)
{
    for (int k = 0; k < i % 11; k++)
        buf_puts(b, "the ");
    if (i % 3 != 1)
        for (int k = 0; k < 1 + i % 4; k++)
            buf_puts(b, "grain ");
    if (i % 5 < 2)
        for (int k = 0; k < 1 + i % 3; k++)
            buf_puts(b, "meadow ");
    for (int k = 0; k < (i * 7) % 13; k++)
        buf_puts(b, "filler ");
    buf_puts(b, "the end.");
}

static void test_partial_ranks_are_bm25(void **state)
{
    (void)state;
    char path[1024];
    path_new(path, sizeof path);
    reel_store *w = open_as(path, REEL_STORE_CREATE);
    put_many(w, 0, 600, mixed_body);
    reel_store_close(w);
    reel_store *st = open_as(path, REEL_STORE_READONLY);
    static const struct {
        int limit, offset;
    } pages[] = {{20, 0}, {20, 20}, {1, 0}, {5, 100}, {100, 0}, {50, 350}};
    static const struct {
        const char *q, *fts;
    } queries[] = {{"grain the", "\"grain\" \"the\""},
                   {"the grain", "\"the\" \"grain\""},
                   {"meadow grain", "\"meadow\" \"grain\""},
                   {"the meadow grain", "\"the\" \"meadow\" \"grain\""},
                   {"the", "\"the\""},
                   {"filler the", "\"filler\" \"the\""}};
    for (size_t i = 0; i < sizeof pages / sizeof *pages; i++)
        for (size_t k = 0; k < sizeof queries / sizeof *queries; k++)
            same_page(st, path, queries[k].q, queries[k].fts, pages[i].limit,
                      pages[i].offset);
    reel_store_close(st);
    store_file_rm(path);
}

/* The place of each article in id order, kept once ties have cost enough
 * lookups, follows writes: articles tied with the others, added by
 * another connection after the places were read, take their places by id
 * on a long-open reader's pages. */
static void test_tie_places_follow_writes(void **state)
{
    (void)state;
    char path[1024];
    path_new(path, sizeof path);
    reel_store *w = open_as(path, REEL_STORE_CREATE);
    put_many(w, 0, 300, tied_body);
    reel_store *r = open_as(path, REEL_STORE_READONLY);
    for (int i = 0; i < 20; i++) /* 20 x 84 tied rows looked up: then all read */
        same_page(r, path, "dawn", "\"dawn\"", 20, 0);
    put_many(w, 300, 100, tied_body);
    same_page(r, path, "dawn", "\"dawn\"", 20, 0);
    same_page(r, path, "dawn", "\"dawn\"", 30, 370);
    same_page(r, path, "grain dawn", "\"grain\" \"dawn\"", 50, 100);
    reel_store_close(r);
    reel_store_close(w);
    store_file_rm(path);
}

/* Filler: neither word. */
static void plain_body(buf *b, int i)
{
    buf_printf(b, "Plain words about nothing in particular, number %d.", i);
}

static void frost_body(buf *b, int i)
{
    buf_printf(b, "Frost on the window, day %d.", i);
}

static void grain_body(buf *b, int i)
{
    buf_printf(b, "Grain in the barn, day %d.", i);
}

/* Two articles of one length, "grain" three times and "frost" once, and
 * the other way round: the one whose thrice-said word is rarer ranks
 * first. */
static void pair_body(buf *b, int i)
{
    buf_puts(b, i % 2 ? "grain grain grain frost" : "frost frost frost grain");
}

static char *first_hit(reel_store *st)
{
    char *json = NULL;
    assert_int_equal(reel_store_search(&json, st, "grain frost", 1, 0), 0);
    json_t *o = json_loads(json, 0, NULL);
    char *id = strdup(json_string_value(
        json_object_get(json_array_get(json_object_get(o, "hits"), 0), "id")));
    json_decref(o);
    free(json);
    return id;
}

/* The article counts behind a word's IDF are kept per connection between
 * searches: a write by another connection (another process, or the
 * server's writer) or by this one must be seen at the next search. Here
 * the writes make the rarer word the commoner, which reverses the order
 * of the pair; a search on a long-open handle answers as a new one does. */
static void test_counts_follow_writes(void **state)
{
    (void)state;
    char path[1024];
    path_new(path, sizeof path);
    reel_store *w = open_as(path, REEL_STORE_CREATE);
    put_many(w, 0, 40, plain_body);
    put_many(w, 40, 2, pair_body); /* 40: frost thrice, 41: grain thrice */
    put_many(w, 42, 8, grain_body);
    reel_store *r = open_as(path, REEL_STORE_READONLY);
    /* frost in 2 of 50, grain in 10: the article saying frost thrice first */
    char *before = first_hit(r), *before_w = first_hit(w);
    assert_string_equal(before, before_w);

    /* another connection's write: frost in 32 of 110, now the commoner */
    put_many(w, 50, 30, frost_body);
    put_many(w, 80, 30, plain_body);
    reel_store *fresh = open_as(path, REEL_STORE_READONLY);
    char *after = first_hit(r), *after_fresh = first_hit(fresh);
    assert_string_equal(after, after_fresh);
    assert_string_not_equal(before, after);
    /* the writer's own connection, which searched before its writes */
    char *after_w = first_hit(w);
    assert_string_equal(after_w, after_fresh);

    /* and back: grain made the commoner by the writer, seen by both */
    put_many(w, 110, 40, grain_body);
    reel_store *fresh2 = open_as(path, REEL_STORE_READONLY);
    char *again = first_hit(r), *again_w = first_hit(w), *again_fresh = first_hit(fresh2);
    assert_string_equal(again, again_fresh);
    assert_string_equal(again_w, again_fresh);
    assert_string_equal(again, before);

    free(before);
    free(before_w);
    free(after);
    free(after_fresh);
    free(after_w);
    free(again);
    free(again_w);
    free(again_fresh);
    reel_store_close(fresh2);
    reel_store_close(fresh);
    reel_store_close(r);
    reel_store_close(w);
    store_file_rm(path);
}

int main(void)
{
    reel_ctx_new(&g_ctx);
    reel_ctx_load_model(g_ctx, NULL);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pages_are_bm25),
        cmocka_unit_test(test_counts_follow_writes),
        cmocka_unit_test(test_partial_ranks_are_bm25),
        cmocka_unit_test(test_tie_places_follow_writes),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    reel_ctx_free(g_ctx);
    return rc;
}
