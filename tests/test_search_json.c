/* test_search_json.c — the JSON of a search (src/store/search_json.c),
 * written without jansson, is byte for byte what the jansson objects it
 * replaced dumped to: random hits with quotes, backslashes, control
 * characters, letters beyond ASCII, bytes that are not UTF-8 (such a hit
 * is left out, as json_pack failing left it out), NULL fields, and ranks
 * tiny, huge, negative, whole and not finite.
 */
#include "helpers.h"
#include "jv.h"
#include "store/store.h"

#include <jansson.h>
#include <math.h>

/* The jansson building search_json replaced (store.c until 2026-12). */
static json_t *ref_snippet(const char *sn, json_t **ranges)
{
    buf b;
    buf_init(&b);
    *ranges = json_array();
    size_t start = 0;
    for (const char *p = sn ? sn : ""; *p; p++) {
        if (*p == '\x02')
            start = b.len;
        else if (*p == '\x03')
            json_array_append_new(
                *ranges, json_pack("[I,I]", (json_int_t)start, (json_int_t)b.len));
        else
            buf_putc(&b, *p);
    }
    json_t *r = json_stringn(b.data ? b.data : "", b.len);
    buf_free(&b);
    return r;
}

static int ref_hit(void *user, const store_hit *h)
{
    json_t *arr = user, *ranges = NULL;
    json_t *snippet = ref_snippet(h->snippet, &ranges);
    json_t *o = json_pack("{s:s,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o}", "id", h->id,
                          "title", h->title ? json_string(h->title) : json_null(),
                          "source", h->source ? json_string(h->source) : json_null(),
                          "url", h->url ? json_string(h->url) : json_null(), "outlet",
                          h->outlet ? json_string(h->outlet) : json_null(), "film",
                          h->film_key ? json_string(h->film_key) : json_null(), "kind",
                          h->kind ? json_string(h->kind) : json_null(), "snippet",
                          snippet, "highlights", ranges, "rank", jv_round(h->rank, 2));
    json_array_append_new(arr, o);
    return 0;
}

static char *ref_answer(const char *query, const store_hit *hits, int n, int total)
{
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        ref_hit(arr, &hits[i]);
    json_t *o = json_pack("{s:s,s:i,s:i,s:i,s:o}", "query", query, "total", total,
                          "limit", 20, "offset", 0, "hits", arr);
    char *s = o ? json_dumps(o, REEL_JSON_FLAGS | JSON_PRESERVE_ORDER) : NULL;
    json_decref(o);
    return s;
}

static const char *pieces[] = {
    "film", "the",          " ",         "\"",       "\\",    "/",
    "\n",   "\t",           "\r",        "\b",       "\f",    "\x01",
    "\x1f", "\x7f",         "é",         "ü",        "—",     "\xf0\x9f\x99\x82",
    "\x02", "\x03",         "\x02x\x03", "<b>",      "&amp;", "'",
    "\xc3", "\xed\xa0\x80", "\xff",      "\xe2\x82", "0",     "u00e9",
    "\\u",  "\xc0\xaf"};

/* A random string of pieces; bytes that are not UTF-8 only when `bad`. */
static char *random_text(unsigned *seed, int bad, int markers)
{
    buf b;
    buf_init(&b);
    int n = rand_r(seed) % 12;
    size_t n_pieces = sizeof pieces / sizeof *pieces;
    for (int i = 0; i < n; i++) {
        const char *p = pieces[rand_r(seed) % n_pieces];
        int invalid = !utf8_valid(p, strlen(p));
        int mark = strchr(p, '\x02') || strchr(p, '\x03');
        if ((invalid && !bad) || (mark && !markers)) continue;
        buf_puts(&b, p);
    }
    buf_putc(&b, 0);
    b.len--;
    return buf_detach(&b);
}

static double random_rank(unsigned *seed)
{
    static const double special[] = {
        0.0,  -0.0, 1.0,   100.0, 1e-7,           0.005,    0.015, 2.675,    1e15,
        1e17, 1e21, 1e300, 1e307, 123456789012.5, -3.14159, NAN,   INFINITY, -INFINITY};
    int k = rand_r(seed) % 4;
    if (k == 0) return special[rand_r(seed) % (sizeof special / sizeof *special)];
    if (k == 1) return (double)rand_r(seed) / RAND_MAX * 30.0;
    if (k == 2) return ldexp((double)rand_r(seed), rand_r(seed) % 200 - 100);
    return -(double)(rand_r(seed) % 100000) / 1000.0;
}

static void test_like_jansson(void **state)
{
    (void)state;
    unsigned seed = 13;
    int compared = 0, dropped = 0;
    for (int round = 0; round < 3000; round++) {
        enum { N = 5 };
        store_hit hits[N];
        char *owned[N][8];
        int n = rand_r(&seed) % (N + 1);
        int bad = round % 4 == 0;
        for (int i = 0; i < n; i++) {
            for (int f = 0; f < 8; f++)
                owned[i][f] =
                    rand_r(&seed) % 5 || f == 0 || f == 7
                        ? random_text(&seed, bad && rand_r(&seed) % 3 == 0, f == 7)
                        : NULL;
            hits[i] = (store_hit){.id = owned[i][0],
                                  .title = owned[i][1],
                                  .outlet = owned[i][2],
                                  .film_key = owned[i][3],
                                  .kind = owned[i][4],
                                  .snippet = owned[i][7],
                                  .rank = random_rank(&seed),
                                  .source = owned[i][5],
                                  .url = owned[i][6]};
        }
        char *query = random_text(&seed, bad && round % 8 == 0, 0);
        int total = rand_r(&seed);
        char *want = ref_answer(query, hits, n, total);
        search_json j;
        memset(&j, 0, sizeof j);
        for (int i = 0; i < n; i++)
            assert_int_equal(search_json_hit(&j, &hits[i]), 0);
        char *have = search_json_finish(&j, query, total, 20, 0);
        if (!want) { /* the query itself is not UTF-8 */
            assert_null(have);
        } else {
            assert_non_null(have);
            if (strcmp(want, have)) fprintf(stderr, "want %s\nhave %s\n", want, have);
            assert_string_equal(want, have);
            compared++;
            json_t *o = json_loads(want, 0, NULL);
            dropped += n - (int)json_array_size(json_object_get(o, "hits"));
            json_decref(o);
        }
        free(want);
        free(have);
        free(query);
        for (int i = 0; i < n; i++)
            for (int f = 0; f < 8; f++)
                free(owned[i][f]);
    }
    fprintf(stderr, "answers compared with jansson's: %d (%d hits left out)\n", compared,
            dropped);
    assert_true(compared > 2500);
    assert_true(dropped > 50);
}

/* Ranks in hundredths (written without printf) and past them, one hit
 * each: as jansson's %.12g writes them. */
static void test_ranks_like_jansson(void **state)
{
    (void)state;
    int compared = 0;
    for (long long k = -300000; k <= 300000; k += 13) {
        double ranks[] = {(double)k / 100.0, (double)k / 100.0 + 0.004,
                          (double)k * 1e4 + 0.5, (double)k * 1e-5};
        for (size_t i = 0; i < sizeof ranks / sizeof *ranks; i++) {
            store_hit h = {.id = "a", .snippet = "x", .rank = ranks[i]};
            char *want = ref_answer("q", &h, 1, 1);
            search_json j;
            memset(&j, 0, sizeof j);
            search_json_hit(&j, &h);
            char *have = search_json_finish(&j, "q", 1, 20, 0);
            assert_string_equal(want, have);
            free(want);
            free(have);
            compared++;
        }
    }
    assert_true(compared > 150000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_like_jansson),
        cmocka_unit_test(test_ranks_like_jansson),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
