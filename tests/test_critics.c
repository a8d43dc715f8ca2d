/* test_critics.c — the critic and outlet views (store/critics.c, byline.c)
 * under both backends: names unified (case, accents, "By ", a trailing
 * outlet), every figure of a small fixture of our own
 * (tests/data/critics.jsonl) against the values worked out by hand below,
 * and SQLite and PostgreSQL giving the same JSON byte for byte.
 *
 * The fixture by hand (P positive, N negative; scores out of 4):
 *   Alpha Harbour 2001: Ann P 4, Bob P 3.5 (no year given), Cy N 1, Dot P 4
 *   Bravo Lantern 2002: Ann N 1, Bob P 4, Cy P 3.5, unsigned N 1
 *   Charlie Orchard 2003: Ann P 3.5, Bob N 1, Cy P 4
 *   Delta Quarry 2004: Ann P 4 (its only review)
 *   Echo Meadow 2005: Ann N 1, Bob N 1, Dot N 1, Cy P 3.5
 * Ann Lee against the others' majority: Alpha 2P 1N -> P, agrees; Bravo
 * 2P 1N -> P, differs; Charlie 1P 1N tie, not compared; Delta none, not
 * compared; Echo 1P 2N -> N, agrees: 2 of 3 = 0.667. Her 0-100 scores 100,
 * 25, 87.5, 100, 25: average 67.5, spread (population SD) 35.
 * Bob Roy: Alpha agrees, Bravo (1P 2N) differs, Charlie (2P) differs, Echo
 * agrees: 2 of 4. The Daily Reel (Ann and Cy; "Daily Reel" too) against the
 * other outlets' reviews: Alpha 2P -> P (Ann agrees, Cy not), Bravo tie,
 * Charlie 1N -> N (both differ), Delta none, Echo 2N -> N (Ann agrees, Cy
 * not): 2 of 6.
 */
#include "byline.h"
#define STORE_TAG "critics"
#include "store_fixture.h"

#include <jansson.h>
#include <unistd.h>

/* Every line of tests/data/critics.jsonl into the store. */
static void load_fixture(reel_store *st)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/data/critics.jsonl", src_dir());
    reel_reader *r = NULL;
    assert_int_equal(reel_reader_open(&r, g_ctx, path), 0);
    assert_int_equal(reel_store_begin(st), 0);
    int n = 0, rc;
    reel_doc *d = NULL;
    while ((rc = reel_reader_next(&d, r)) == 0) {
        assert_int_equal(reel_clean(g_ctx, d), 0);
        assert_int_equal(reel_segment(g_ctx, d), 0);
        assert_int_equal(reel_analyze(g_ctx, d), 0);
        int added = 0;
        assert_int_equal(reel_store_put_doc(&added, st, d), 0);
        assert_int_equal(added, 1);
        reel_doc_free(d);
        n++;
    }
    assert_int_equal(rc, REEL_EDONE);
    reel_reader_free(r);
    assert_int_equal(reel_store_commit(st), 0);
    assert_int_equal(n, 16);
}

static json_t *parsed(char *json)
{
    assert_non_null(json);
    json_t *j = json_loads(json, 0, NULL);
    assert_non_null(j);
    free(json);
    return j;
}

static double num(json_t *o, const char *k)
{
    json_t *v = json_object_get(o, k);
    assert_true(json_is_number(v));
    return json_number_value(v);
}

static long integer(json_t *o, const char *k)
{
    json_t *v = json_object_get(o, k);
    assert_true(json_is_integer(v));
    return (long)json_integer_value(v);
}

static const char *str(json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    assert_non_null(s);
    return s;
}

/* The row of `list` named `name`. */
static json_t *row(json_t *list, const char *name)
{
    size_t i;
    json_t *r;
    json_array_foreach(list, i, r) if (!strcmp(str(r, "name"), name)) return r;
    fail_msg("no row %s", name);
    return NULL;
}

static void test_byline(void **state)
{
    (void)state;
    static const struct {
        const char *author, *outlet, *name, *key;
    } cases[] = {
        {"By ROGER EBERT", NULL, "ROGER EBERT", "roger ebert"},
        {"by: Manohla Dargis", "New York Times", "Manohla Dargis", "manohla dargis"},
        {"  Pedro   Almodóvar ", NULL, "Pedro Almodóvar", "pedro almodovar"},
        {"Peter Bradshaw, The Guardian", "Guardian", "Peter Bradshaw", "peter bradshaw"},
        {"Peter Bradshaw - Guardian", "The Guardian", "Peter Bradshaw", "peter bradshaw"},
        {"Peter Bradshaw (The Guardian)", "The Guardian", "Peter Bradshaw",
         "peter bradshaw"},
        {"Peter Bradshaw \xe2\x80\x94 The Guardian", "The Guardian", "Peter Bradshaw",
         "peter bradshaw"},
        /* a tail that is not the outlet stays: it may be a name's part */
        {"Sammy Davis, Jr.", "Variety", "Sammy Davis, Jr.", "sammy davis jr"},
        {"Jane Doe, Film Critic", "Variety", "Jane Doe, Film Critic",
         "jane doe film critic"},
        /* a byline that is only the outlet names no critic */
        {"Variety", "Variety", "", ""},
        {"The Guardian", "Guardian", "", ""},
        /* "By" alone, and a name that starts with By */
        {"By", NULL, "By", "by"},
        {"Byron Hale", NULL, "Byron Hale", "byron hale"},
        {"", NULL, "", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *name = byline_critic(cases[i].author, cases[i].outlet);
        char *key = byline_key(name, 0);
        assert_string_equal(name, cases[i].name);
        assert_string_equal(key, cases[i].key);
        free(name);
        free(key);
    }
    char *k = byline_key("The Guardian", 1);
    assert_string_equal(k, "guardian");
    free(k);
    k = byline_key("Cahiers du Cinéma", 1);
    assert_string_equal(k, "cahiers du cinema");
    free(k);
}

/* Every figure of the fixture, as worked out by hand at the top. */
static void test_fixture(void **state)
{
    store_at at;
    reel_store *st = store_open_new(&at, *(int *)*state);
    char *json = NULL;
    /* an empty store has none */
    assert_int_equal(reel_store_critics(&json, st, NULL, NULL, 10, 0), 0);
    assert_string_equal(json,
                        "{\"total\":0,\"limit\":10,\"offset\":0,\"sort\":\"reviews\","
                        "\"critics\":[]}");
    free(json);
    assert_int_equal(reel_store_critic(&json, st, "Ann Lee", 10, 0), REEL_ENOTFOUND);
    load_fixture(st);

    assert_int_equal(reel_store_critics(&json, st, NULL, NULL, 50, 0), 0);
    json_t *l = parsed(json), *cs = json_object_get(l, "critics");
    assert_int_equal(integer(l, "total"), 4); /* Ann, Bob, Cy, Dot: not the unsigned */
    assert_int_equal(json_array_size(cs), 4);
    /* by reviews, then key */
    assert_string_equal(str(json_array_get(cs, 0), "name"), "Ann Lee");
    assert_string_equal(str(json_array_get(cs, 1), "name"), "Bob Roy");
    assert_string_equal(str(json_array_get(cs, 2), "name"), "Cy Dee");
    assert_string_equal(str(json_array_get(cs, 3), "name"), "Dot Fox");
    json_t *ann = row(cs, "Ann Lee");
    assert_int_equal(integer(ann, "reviews"), 5);
    assert_int_equal(integer(ann, "scored"), 5);
    assert_true(num(ann, "average") == 67.5);
    assert_true(num(ann, "stddev") == 35.0);
    assert_true(num(ann, "positive") == 0.6);
    assert_int_equal(integer(ann, "agreed"), 2);
    assert_int_equal(integer(ann, "compared"), 3);
    assert_true(num(ann, "agreement") == 0.667);
    assert_string_equal(str(ann, "outlet"), "The Daily Reel");
    json_t *bob = row(cs, "Bob Roy");
    assert_int_equal(integer(bob, "agreed"), 2);
    assert_int_equal(integer(bob, "compared"), 4);
    assert_true(num(bob, "agreement") == 0.5);
    json_t *cy = row(cs, "Cy Dee");
    assert_int_equal(integer(cy, "agreed"), 0);
    assert_int_equal(integer(cy, "compared"), 3);
    json_t *dot = row(cs, "Dot Fox");
    assert_int_equal(integer(dot, "agreed"), 2);
    assert_int_equal(integer(dot, "compared"), 2);
    /* every list row is flat: strings, numbers, null (for --csv) */
    size_t i;
    json_t *r;
    json_array_foreach(cs, i, r)
    {
        const char *k;
        json_t *v;
        json_object_foreach(r, k, v) assert_false(json_is_object(v) || json_is_array(v));
    }
    json_decref(l);

    /* sorts, a query, a page */
    assert_int_equal(reel_store_critics(&json, st, NULL, "agreement", 50, 0), 0);
    l = parsed(json);
    cs = json_object_get(l, "critics");
    assert_string_equal(str(json_array_get(cs, 0), "name"), "Dot Fox"); /* 1.0 */
    assert_string_equal(str(json_array_get(cs, 3), "name"), "Cy Dee");  /* 0.0 */
    json_decref(l);
    assert_int_equal(reel_store_critics(&json, st, NULL, "score", 50, 0), 0);
    l = parsed(json);
    assert_string_equal(str(json_array_get(json_object_get(l, "critics"), 0), "name"),
                        "Cy Dee"); /* 75 */
    json_decref(l);
    assert_int_equal(reel_store_critics(&json, st, "LÉE", "name", 1, 0), 0);
    l = parsed(json);
    assert_int_equal(integer(l, "total"), 1);
    json_decref(l);
    assert_int_equal(reel_store_critics(&json, st, NULL, "name", 2, 3), 0);
    l = parsed(json);
    assert_int_equal(integer(l, "total"), 4);
    assert_int_equal(json_array_size(json_object_get(l, "critics")), 1);
    json_decref(l);
    assert_int_equal(reel_store_critics(&json, st, NULL, "title", 2, 0), REEL_EINVAL);

    /* one critic: found by any spelling, or by the one name containing it */
    assert_int_equal(reel_store_critic(&json, st, "by ann lée", 2, 0), 0);
    json_t *a = parsed(json);
    assert_string_equal(str(a, "name"), "Ann Lee");
    assert_int_equal(json_array_size(json_object_get(a, "names")), 3);
    assert_int_equal(json_array_size(json_object_get(a, "items")), 2); /* the page */
    assert_int_equal(integer(a, "reviews"), 5);
    /* newest first */
    assert_string_equal(str(json_array_get(json_object_get(a, "items"), 0), "title"),
                        "Echo Meadow");
    /* five scored: the higher three and the lower two */
    json_t *hi = json_object_get(a, "highest"), *lo = json_object_get(a, "lowest");
    assert_int_equal(json_array_size(hi), 3);
    assert_int_equal(json_array_size(lo), 2);
    assert_string_equal(str(json_array_get(hi, 0), "title"), "Alpha Harbour");
    assert_string_equal(str(json_array_get(hi, 1), "title"), "Delta Quarry");
    assert_string_equal(str(json_array_get(hi, 2), "title"), "Charlie Orchard");
    assert_string_equal(str(json_array_get(lo, 0), "title"), "Bravo Lantern");
    assert_string_equal(str(json_array_get(lo, 1), "title"), "Echo Meadow");
    json_t *bravo = json_array_get(lo, 0), *charlie = json_array_get(hi, 2),
           *delta = json_array_get(hi, 1);
    assert_int_equal(integer(bravo, "others_positive"), 2);
    assert_int_equal(integer(bravo, "others_negative"), 1);
    assert_string_equal(str(bravo, "consensus"), "positive");
    assert_true(json_is_false(json_object_get(bravo, "agrees")));
    assert_string_equal(str(bravo, "film"), "bravo lantern (2002)");
    assert_string_equal(str(bravo, "score"), "1/4");
    assert_string_equal(str(charlie, "consensus"), "tie");
    assert_true(json_is_null(json_object_get(charlie, "agrees")));
    assert_string_equal(str(delta, "consensus"), "none");
    assert_true(json_is_null(json_object_get(delta, "agrees")));
    json_decref(a);
    /* Bob's Alpha review gave no year: it is the key's one film, 2001 */
    assert_int_equal(reel_store_critic(&json, st, "bob", 10, 0), 0);
    a = parsed(json);
    json_array_foreach(json_object_get(a, "items"), i,
                       r) if (!strcmp(str(r, "title"), "Alpha Harbour"))
    {
        assert_string_equal(str(r, "film"), "alpha harbour (2001)");
        assert_int_equal(integer(r, "others_positive"), 2);
        assert_int_equal(integer(r, "others_negative"), 1);
    }
    json_decref(a);
    /* "o" is in Bob's, Dot's: not one critic */
    assert_int_equal(reel_store_critic(&json, st, "o", 10, 0), REEL_ENOTFOUND);
    assert_non_null(strstr(reel_errmsg(g_ctx), "give more of the name"));
    assert_int_equal(reel_store_critic(&json, st, "Nobody Here", 10, 0), REEL_ENOTFOUND);

    /* outlets: "The Daily Reel" and "Daily Reel" are one */
    assert_int_equal(reel_store_outlets(&json, st, NULL, NULL, 50, 0), 0);
    l = parsed(json);
    json_t *os = json_object_get(l, "outlets");
    assert_int_equal(integer(l, "total"), 2);
    json_t *reel = row(os, "The Daily Reel"), *weekly = row(os, "Screen Weekly");
    assert_int_equal(integer(reel, "reviews"), 9);
    assert_int_equal(integer(reel, "n_critics"), 2);
    assert_int_equal(integer(reel, "agreed"), 2);
    assert_int_equal(integer(reel, "compared"), 6);
    assert_int_equal(integer(weekly, "reviews"), 7);
    assert_int_equal(integer(weekly, "n_critics"),
                     2); /* the unsigned review is no critic */
    assert_int_equal(integer(weekly, "agreed"), 0);
    assert_int_equal(integer(weekly, "compared"), 1);
    json_decref(l);
    assert_int_equal(reel_store_outlet(&json, st, "daily reel", 100, 0), 0);
    a = parsed(json);
    assert_string_equal(str(a, "name"), "The Daily Reel");
    json_t *crs = json_object_get(a, "critics");
    assert_int_equal(json_array_size(crs), 2);
    assert_string_equal(str(json_array_get(crs, 0), "name"), "Ann Lee");
    assert_int_equal(integer(json_array_get(crs, 0), "reviews"), 5);
    assert_int_equal(json_array_size(json_object_get(a, "items")), 9);
    json_decref(a);
    reel_store_close(st);
    store_rm(&at);
}

/* Both backends give the same JSON, byte for byte, for every view. */
static void test_same_answers(void **state)
{
    (void)state;
    store_at at[2];
    char *answers[2][6] = {{NULL}};
    for (int b = 0; b < 2; b++) {
        reel_store *st = store_open_new(&at[b], b);
        load_fixture(st);
        assert_int_equal(reel_store_critics(&answers[b][0], st, NULL, NULL, 50, 0), 0);
        assert_int_equal(reel_store_outlets(&answers[b][1], st, NULL, "score", 50, 0), 0);
        assert_int_equal(reel_store_critic(&answers[b][2], st, "Ann Lee", 100, 0), 0);
        assert_int_equal(reel_store_critic(&answers[b][3], st, "Cy Dee", 2, 1), 0);
        assert_int_equal(reel_store_outlet(&answers[b][4], st, "Screen Weekly", 100, 0),
                         0);
        assert_int_equal(reel_store_critics(&answers[b][5], st, "o", "agreement", 50, 0),
                         0);
        reel_store_close(st);
        store_rm(&at[b]);
    }
    for (int k = 0; k < 6; k++) {
        assert_string_equal(answers[0][k], answers[1][k]);
        free(answers[0][k]);
        free(answers[1][k]);
    }
}

int main(void)
{
    reel_ctx_new(&g_ctx);
    reel_ctx_load_model(g_ctx, NULL);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_byline),
        cmocka_unit_test_prestate(test_fixture, &SQLITE),
        cmocka_unit_test_prestate(test_fixture, &PG),
        cmocka_unit_test(test_same_answers),
    };
    int rc = cmocka_run_group_tests(tests, store_group_setup, store_group_teardown);
    reel_ctx_free(g_ctx);
    return rc;
}
