/* test_identity.c — film and article identity in both stores (SQLite file,
 * PostgreSQL server started for the run): remakes are different films, an
 * article without a year joins the film whose credits it shares or stays
 * unresolved, a bare title that fits several films lists them, a year that
 * is not the film's finds nothing; a changed version of an article replaces
 * the current one and is kept as a version, an identical one is a no-op,
 * delete removes an article and its part in its film; a store written by
 * reel 54cc6e6 (schema 1) is migrated in place without losing anything. */
#include "film_alias.h"
#include "identity.h"
#define STORE_TAG "ident"
#include "store_fixture.h"

#include <jansson.h>
#include <unistd.h>

/* The record of a text, with the URL, date and film year a source would
 * give (0: no year). */
static char *record_of(const char *text, const char *url, const char *date, int year)
{
    reel_doc *d = process_str(g_ctx, text, REEL_FORMAT_TEXT);
    assert_non_null(d);
    char *json = NULL;
    assert_int_equal(reel_record_to_json(&json, g_ctx, d, 1), 0);
    reel_doc_free(d);
    json_t *rec = json_loads(json, 0, NULL);
    free(json);
    assert_non_null(rec);
    json_object_set_new(rec, "url", url ? json_string(url) : json_null());
    json_object_set_new(rec, "date", date ? json_string(date) : json_null());
    json_t *subj = json_object_get(rec, "subject");
    assert_true(json_is_object(subj));
    json_object_set_new(subj, "year", year ? json_integer(year) : json_null());
    json = json_dumps(rec, JSON_COMPACT);
    json_decref(rec);
    return json;
}

static int put(reel_store *st, const char *text, const char *url, const char *date,
               int year)
{
    char *rec = record_of(text, url, date, year);
    int added = -1;
    assert_int_equal(reel_store_put_record(&added, st, rec), 0);
    free(rec);
    return added;
}

static json_t *film_json(reel_store *st, const char *title, int expect_rc)
{
    char *out = NULL;
    int rc = reel_store_film(&out, st, title);
    if (rc != expect_rc) fprintf(stderr, "%s: %d %s\n", title, rc, reel_errmsg(g_ctx));
    assert_int_equal(rc, expect_rc);
    json_t *j = out ? json_loads(out, 0, NULL) : NULL;
    free(out);
    return j;
}

static const char *LYNCH = "Review: Dune\n\nDavid Lynch's Dune is a muddle of a film. "
                           "Kyle MacLachlan stars as Paul Atreides. Rating: 2/5";
static const char *VILLENEUVE = "Review: Dune\n\nDenis Villeneuve's Dune is a triumph. "
                                "Timothée Chalamet stars as Paul Atreides. Rating: 4.5/5";
static const char *CREDITED = "Dune review\n\nDune, directed by Denis Villeneuve, is a "
                              "grand spectacle of sand and sound. Rating: 4/5";
static const char *BARE = "Dune review\n\nDune is a grand spectacle of sand. Rating: 3/5";

static void test_remakes(void **state)
{
    store_at at;
    store_new(&at, *(int *)*state);
    reel_store *st = open_ok(at.url);
    assert_int_equal(put(st, LYNCH, "https://a.example/dune", NULL, 1984), 1);
    assert_int_equal(put(st, VILLENEUVE, "https://b.example/dune", NULL, 2021), 1);
    /* one film of the title so far per year; a bare title now fits two */
    json_t *j = film_json(st, "Dune", REEL_EAMBIGUOUS);
    assert_int_equal(json_array_size(json_object_get(j, "films")), 2);
    assert_string_equal(json_string_value(json_object_get(
                            json_array_get(json_object_get(j, "films"), 0), "name")),
                        "Dune (1984)");
    json_decref(j);
    /* no year: the credits place it; no year and no credits: unresolved */
    assert_int_equal(put(st, CREDITED, "https://c.example/dune", NULL, 0), 1);
    assert_int_equal(put(st, BARE, "https://d.example/dune", NULL, 0), 1);
    j = film_json(st, "Dune (2021)", 0);
    json_t *film = json_object_get(j, "film");
    assert_int_equal(json_integer_value(json_object_get(film, "year")), 2021);
    assert_string_equal(json_string_value(json_object_get(film, "id")), "dune (2021)");
    assert_int_equal(
        json_integer_value(json_object_get(json_object_get(j, "counts"), "articles")), 2);
    json_decref(j);
    j = film_json(st, "dune (1984)", 0);
    assert_int_equal(
        json_integer_value(json_object_get(json_object_get(j, "counts"), "articles")), 1);
    json_decref(j);
    j = film_json(st, "Dune (?)", 0);
    assert_true(json_is_true(json_object_get(json_object_get(j, "film"), "unresolved")));
    json_decref(j);
    /* a year that is none of the title's films finds none of them */
    assert_null(film_json(st, "Dune (2020)", REEL_ENOTFOUND));
    char *list = NULL;
    assert_int_equal(reel_store_films(&list, st, "dune", NULL, 0, 0), 0);
    assert_non_null(strstr(list, "\"total\":3"));
    free(list);
    reel_store_close(st);
    store_rm(&at);
}

static const char *V1 = "Review: Parasite\n\nBong Joon-ho's Parasite is a savage satire. "
                        "Song Kang-ho is superb. Rating: 4/5";
static const char *V2 = "Review: Parasite\n\nBong Joon-ho's Parasite is a savage satire. "
                        "Song Kang-ho is superb. A paragraph added later says more about "
                        "its house and its stairs. Rating: 4/5";

static void test_versions(void **state)
{
    store_at at;
    store_new(&at, *(int *)*state);
    reel_store *st = open_ok(at.url);
    const char *url = "https://e.example/parasite";
    assert_int_equal(put(st, V1, url, "2019-10-01", 2019), 1);
    assert_int_equal(put(st, V2, url, "2019-10-01", 2019), 1);
    assert_int_equal(put(st, V2, url, "2019-10-01", 2019), 0); /* identical: no-op */
    assert_int_equal(put(st, V1, url, "2019-10-01", 2019), 0); /* seen: no-op */
    json_t *j = film_json(st, "Parasite", 0);
    assert_int_equal(
        json_integer_value(json_object_get(json_object_get(j, "counts"), "articles")), 1);
    const char *id = json_string_value(
        json_object_get(json_array_get(json_object_get(j, "articles"), 0), "id"));
    char *cur = strdup(id);
    json_decref(j);
    /* the search finds the current words only */
    char *hits = NULL;
    assert_int_equal(reel_store_search(&hits, st, "stairs", 10, 0), 0);
    assert_non_null(strstr(hits, "\"total\":1"));
    free(hits);
    char *vs = NULL;
    assert_int_equal(reel_store_versions(&vs, st, cur), 0);
    j = json_loads(vs, 0, NULL);
    free(vs);
    assert_int_equal(json_array_size(json_object_get(j, "versions")), 2);
    assert_true(json_is_true(
        json_object_get(json_array_get(json_object_get(j, "versions"), 1), "current")));
    json_decref(j);
    /* an older page (by its date) arriving later does not replace it */
    assert_int_equal(put(st, "Review: Parasite\n\nAn old draft of Parasite. Rating: 1/5",
                         url, "2019-01-01", 2019),
                     0);
    j = film_json(st, "Parasite", 0);
    assert_string_equal(json_string_value(json_object_get(
                            json_array_get(json_object_get(j, "articles"), 0), "id")),
                        cur);
    json_decref(j);
    char *del = NULL;
    assert_int_equal(reel_store_delete(&del, st, url, 1), 0);
    free(del);
    assert_null(film_json(st, "Parasite", REEL_ENOTFOUND));
    assert_int_equal(reel_store_delete(&del, st, url, 1), REEL_ENOTFOUND);
    free(cur);
    reel_store_close(st);
    store_rm(&at);
}

/* A SQLite store written by reel at 54cc6e6 (schema 1, tests/data): it
 * opens, is migrated in place, and answers with every article and film. */
static void test_migrate_v1(void **state)
{
    (void)state;
    char src[1024], dst[256];
    const char *root = getenv("REEL_SRC");
    snprintf(src, sizeof src, "%s/tests/data/store-v1.sqlite", root ? root : ".");
    snprintf(dst, sizeof dst, "/tmp/reel-ident-v1-%d.db", (int)getpid());
    size_t len = 0;
    char *bytes = slurp(src, &len);
    assert_non_null(bytes);
    FILE *f = fopen(dst, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(bytes, 1, len, f), len);
    fclose(f);
    free(bytes);
    reel_store *st = open_ok(dst);
    char *stats = NULL;
    assert_int_equal(reel_store_stats(&stats, st), 0);
    assert_non_null(strstr(stats, "\"articles\":12"));
    assert_non_null(strstr(stats, "\"films\":4"));
    assert_non_null(strstr(stats, "\"schema_version\":3")); /* migrated 1 -> 3 */
    free(stats);
    json_t *j = film_json(st, "Parasite (2019)", 0);
    assert_int_equal(
        json_integer_value(json_object_get(json_object_get(j, "counts"), "articles")), 4);
    json_decref(j);
    j = film_json(st, "The Irishman", 0);
    assert_non_null(j);
    json_decref(j);
    reel_store_close(st);
    /* opened again: nothing more to migrate */
    st = open_ok(dst);
    assert_int_equal(reel_store_stats(&stats, st), 0);
    assert_non_null(strstr(stats, "\"films\":4"));
    free(stats);
    reel_store_close(st);
    store_at at = {0};
    snprintf(at.url, sizeof at.url, "%s", dst);
    store_rm(&at);
}

static void test_film_ids(void **state)
{
    (void)state;
    char *id = identity_film_id("dune", 2021, 0);
    assert_string_equal(id, "dune (2021)");
    free(id);
    id = identity_film_id("dune", 0, 1);
    assert_string_equal(id, "dune (?)");
    free(id);
    int year = 0;
    assert_int_equal(identity_parse_year("Pain & Glory (2018)", 19, &year), 1);
    assert_int_equal(year, 2018);
    assert_int_equal(identity_parse_year("Dune", 4, &year), 0);
    assert_int_equal(identity_newer("2020-01-01", "aa", "2019-01-01", "bb"), 1);
    assert_int_equal(identity_newer(NULL, "bb", NULL, "aa"), 1);
    assert_int_equal(identity_newer(NULL, "aa", NULL, "bb"), 0);
}

/* The other titles an article gives its film, and what is not one. */
static void test_alias_find(void **state)
{
    (void)state;
    static const struct {
        const char *text, *want; /* want: aliases joined by "|" */
    } cases[] = {
        {"Parasite review\n\nBong Joon-ho's Parasite (Gisaengchung) is a savage satire. "
         "Parasite is great.",
         "Gisaengchung"},
        {"Parasite review\n\nParasite (*기생충*) is a savage satire. Parasite is great.",
         "기생충"},
        {"Review\n\n기생충 (Parasite) is a savage satire. Parasite is great, Parasite is "
         "sharp.",
         "기생충"},
        {"Dune review\n\nDune (Denis Villeneuve) is a triumph. Dune is vast. Dune is "
         "loud.",
         ""},
        {"Dune review\n\nDune (2021) is a triumph. Dune (PG-13) is vast. Dune (trailer) "
         "is loud. Dune (Courtesy of Warner Bros) is long.",
         ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        reel_doc *d = process_str(g_ctx, cases[i].text, REEL_FORMAT_TEXT);
        assert_non_null(d);
        film_aliases al;
        assert_int_equal(film_aliases_find(d, &al), 0);
        char got[256] = "";
        for (size_t k = 0; k < al.n; k++) {
            if (k) strcat(got, "|");
            strncat(got, al.titles[k], sizeof got - strlen(got) - 1);
        }
        if (strcmp(got, cases[i].want))
            fail_msg("case %zu (subject %s): got '%s', want '%s'", i,
                     d->subject.title ? d->subject.title : "(none)", got, cases[i].want);
        film_aliases_free(&al);
        reel_doc_free(d);
    }
}

/* A record whose film is `film` (as a source would name it). */
static char *record_for(const char *text, const char *url, const char *film, int year)
{
    char *json = record_of(text, url, NULL, year);
    json_t *rec = json_loads(json, 0, NULL);
    free(json);
    json_t *subj = json_object_get(rec, "subject");
    char *key = reel_film_key(film, strlen(film));
    json_object_set_new(subj, "title", json_string(film));
    json_object_set_new(subj, "key", json_string(key));
    free(key);
    json = json_dumps(rec, JSON_COMPACT);
    json_decref(rec);
    return json;
}

/* An article under one title that gives the other joins the two, in
 * whichever order they come; a same-titled film of another year stays
 * apart. */
static void test_alias_join(void **state)
{
    char *recs[3];
    recs[0] = record_for(
        "Review: Gisaengchung\n\nGisaengchung is Bong Joon-ho's masterpiece. Rating: 5/5",
        "https://k.example/g", "Gisaengchung", 2019);
    recs[1] = record_of("Parasite review\n\nBong Joon-ho's Parasite (Gisaengchung) is a "
                        "savage satire of class. Parasite is sharp. Rating: 4/5",
                        "https://a.example/p", NULL, 2019);
    recs[2] = record_for("Review: Parasite\n\nParasite is a cheap horror film. Parasite "
                         "is dull. Rating: 1/5",
                         "https://o.example/p82", "Parasite", 1982);
    static const int orders[2][3] = {{0, 1, 2}, {2, 1, 0}};
    char *first = NULL;
    for (int o = 0; o < 2; o++) {
        store_at at;
        store_new(&at, *(int *)*state);
        reel_store *st = open_ok(at.url);
        for (int k = 0; k < 3; k++) {
            int added = 0;
            assert_int_equal(reel_store_put_record(&added, st, recs[orders[o][k]]), 0);
            assert_int_equal(added, 1);
        }
        json_t *j = film_json(st, "Gisaengchung (2019)", 0);
        assert_int_equal(
            json_integer_value(json_object_get(json_object_get(j, "counts"), "articles")),
            2);
        json_decref(j);
        j = film_json(st, "Parasite (2019)", 0);
        assert_non_null(j);
        json_decref(j);
        j = film_json(st, "Parasite (1982)", 0);
        assert_int_equal(
            json_integer_value(json_object_get(json_object_get(j, "counts"), "articles")),
            1);
        json_decref(j);
        char *list = NULL;
        assert_int_equal(reel_store_films(&list, st, NULL, NULL, 0, 0), 0);
        if (!first)
            first = list;
        else {
            assert_string_equal(first, list); /* the order they came in does not matter */
            free(list);
        }
        reel_store_close(st);
        store_rm(&at);
    }
    free(first);
    for (int i = 0; i < 3; i++)
        free(recs[i]);
}

/* With a catalog, remakes separate by director without printed years, and
 * films carry the catalog's ids: from reel's TSV and from IMDb's layout. */
static void test_catalog(void **state)
{
    const char *root = getenv("REEL_SRC");
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/tests/data/catalog", root ? root : ".");
    for (int layout = 0; layout < 2; layout++) {
        store_at at;
        store_new(&at, *(int *)*state);
        reel_store *st = open_ok(at.url);
        assert_int_equal(put(st, LYNCH, "https://a.example/dune", NULL, 0), 1);
        assert_int_equal(put(st, VILLENEUVE, "https://b.example/dune", NULL, 0), 1);
        /* no years: one film of the title */
        json_t *j = film_json(st, "Dune", 0);
        json_decref(j);
        char p[5][1200];
        const char *paths[5];
        static const char *imdb[] = {"title.basics.tsv.gz", "title.akas.tsv",
                                     "title.principals.tsv", "name.basics.tsv"};
        size_t np = layout ? 4 : 1;
        for (size_t i = 0; i < np; i++) {
            snprintf(p[i], sizeof p[i], "%s/%s", dir, layout ? imdb[i] : "films.tsv");
            paths[i] = p[i];
        }
        size_t films = 0;
        int rc = reel_catalog_import(&films, st, paths, np);
        if (rc) fprintf(stderr, "import: %s\n", reel_errmsg(g_ctx));
        assert_int_equal(rc, 0);
        assert_int_equal(films, 3);
        j = film_json(st, "Dune", REEL_EAMBIGUOUS);
        assert_int_equal(json_array_size(json_object_get(j, "films")), 2);
        json_decref(j);
        j = film_json(st, "Dune (1984)", 0);
        json_t *cat = json_object_get(json_object_get(j, "film"), "catalog");
        assert_string_equal(json_string_value(json_object_get(cat, "id")), "tt0087182");
        assert_int_equal(
            json_integer_value(json_object_get(json_object_get(j, "counts"), "articles")),
            1);
        json_decref(j);
        j = film_json(st, "Dune (2021)", 0);
        cat = json_object_get(json_object_get(j, "film"), "catalog");
        assert_string_equal(
            json_string_value(json_array_get(json_object_get(cat, "ids"), 0)),
            "tt1160419");
        json_decref(j);
        /* an article under the catalog's other title joins its film */
        char *rec = record_for("Review: Gisaengchung\n\nGisaengchung is a masterpiece. "
                               "Rating: 5/5",
                               "https://k.example/g", "Gisaengchung", 0);
        int added = 0;
        assert_int_equal(reel_store_put_record(&added, st, rec), 0);
        free(rec);
        j = film_json(st, "Parasite", 0);
        assert_string_equal(
            json_string_value(json_object_get(json_object_get(j, "film"), "title")),
            "Parasite");
        assert_int_equal(
            json_integer_value(json_object_get(json_object_get(j, "film"), "year")),
            2019);
        json_decref(j);
        reel_store_close(st);
        store_rm(&at);
    }
}

int main(void)
{
    reel_ctx_new(&g_ctx);
    reel_ctx_load_model(g_ctx, NULL);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_film_ids),
        cmocka_unit_test_prestate(test_remakes, &SQLITE),
        cmocka_unit_test_prestate(test_remakes, &PG),
        cmocka_unit_test_prestate(test_versions, &SQLITE),
        cmocka_unit_test_prestate(test_versions, &PG),
        cmocka_unit_test(test_migrate_v1),
        cmocka_unit_test(test_alias_find),
        cmocka_unit_test_prestate(test_alias_join, &SQLITE),
        cmocka_unit_test_prestate(test_alias_join, &PG),
        cmocka_unit_test_prestate(test_catalog, &SQLITE),
        cmocka_unit_test_prestate(test_catalog, &PG),
    };
    int rc = cmocka_run_group_tests(tests, store_group_setup, store_group_teardown);
    reel_ctx_free(g_ctx);
    return rc;
}
