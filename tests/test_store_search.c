/* test_store_search.c — search in the store under both backends: the
 * text tokenizer the PostgreSQL search shares with FTS5, a very wordy
 * article, cost bounded whatever the query's shape (repeated words, long
 * queries, deep pages), and snippets and ranks like FTS5's own. */
#define STORE_TAG "search"
#include "store_fixture.h"

#include <jansson.h>
#include <sqlite3.h>
#include <time.h>
#include <unistd.h>

static void test_store_text(void **state)
{
    (void)state;
    store_tokenizer *t = NULL;
    assert_int_equal(store_tokenizer_new(&t), 0);
    /* FTS5's words: apostrophes and hyphens split, accents folded away,
     * positions per word (the text's after a gap from the title's) */
    char *index = NULL;
    int n = 0;
    assert_int_equal(store_index(t, "Pain & Glory", "Almodo\xcc\x81var's Joon-ho, 3.5/5!",
                                 1000000, &index, &n),
                     0);
    assert_string_equal(
        index, "'pain':1 'glory':2 'almodovar':4 's':5 'joon':6 'ho':7 '3':8 '5':9,10");
    assert_int_equal(n, 9);
    free(index);
    assert_int_equal(store_index(t, NULL, "", 1000000, &index, &n), 0);
    assert_string_equal(index, "");
    assert_int_equal(n, 0);
    free(index);
    /* the query: a phrase per word, FTS5's tokens inside */
    char *phrases = NULL, *all = NULL;
    assert_int_equal(store_query(t, "bong joon-ho it's", &phrases, &all), 0);
    assert_string_equal(phrases, "'bong'\n'joon' <-> 'ho'\n'it' <-> 's'");
    assert_string_equal(all, "('bong') & ('joon' <-> 'ho') & ('it' <-> 's')");
    free(phrases);
    free(all);
    /* no match in the text (the title matched): its first words */
    char *s = store_snippet(t,
                            "One two three four five six seven eight nine ten eleven "
                            "twelve thirteen fourteen fifteen sixteen seventeen.",
                            "absent", 16);
    assert_string_equal(s,
                        "One two three four five six seven eight nine ten eleven twelve "
                        "thirteen fourteen fifteen sixteen\xe2\x80\xa6");
    free(s);
    /* a short text is the whole snippet, matches marked */
    s = store_snippet(t, "Céline Sciamma's film.", "celine", 16);
    assert_string_equal(s, "\x02"
                           "Céline\x03 Sciamma's film.");
    free(s);
    /* a long one: a window of 16 words around the match, cut with ellipses */
    s = store_snippet(
        t,
        "a b c d e f g h i j k l m n o p q r s t u v w x y z target aa bb cc dd ee ff "
        "gg hh ii jj kk ll mm nn",
        "target", 16);
    assert_string_equal(
        s,
        "\xe2\x80\xa6t u v w x y z \x02target\x03 aa bb cc dd ee ff gg hh\xe2\x80\xa6");
    free(s);
    /* a phrase of words longer than the kept ring's first room (32 bytes),
     * in the middle: as FTS5's snippet() cuts it (the sqlite3 shell's) */
    s = store_snippet(t,
                      "a b c d e f g h i j k l m n o p q r s t "
                      "supercalifragilisticexpialidociousness-"
                      "extraordinarilylongwordsforthisone u v w x y z aa bb cc dd ee ff "
                      "gg hh ii jj kk ll mm nn",
                      "supercalifragilisticexpialidociousness-"
                      "extraordinarilylongwordsforthisone",
                      16);
    assert_string_equal(
        s, "\xe2\x80\xa6n o p q r s t \x02supercalifragilisticexpialidociousness-"
           "extraordinarilylongwordsforthisone\x03 u v w x y z aa\xe2\x80\xa6");
    free(s);
    store_tokenizer_free(t);
}

/* A text of 150,000 distinct words (no article, but a word list or an
 * encoded blob can look like one): its tsvector would pass PostgreSQL's
 * 1 MB, so the index is cut, and the article still goes in. */
static char *wordy_text(void)
{
    buf b;
    buf_init(&b);
    buf_puts(&b, "Review: Wordy Film\n\nWordy Film is a film. ");
    unsigned seed = 3;
    for (int i = 0; i < 150000; i++) {
        for (int k = 0; k < 8; k++)
            buf_putc(&b, (char)('a' + rand_r(&seed) % 26));
        buf_putc(&b, ' ');
    }
    return buf_detach(&b);
}

static void test_wordy_article(void **state)
{
    (void)state;
    char *text = wordy_text(), *index = NULL;
    int n = 0;
    store_tokenizer *t = NULL;
    assert_int_equal(store_tokenizer_new(&t), 0);
    assert_int_equal(store_index(t, NULL, text, 1000000, &index, &n), 0);
    assert_int_equal(n, 8 + 150000); /* every word counted */
    size_t lexemes = 1;
    for (const char *p = index; *p; p++)
        lexemes += *p == ' ';
    assert_true(lexemes > 50000 && lexemes < 150000); /* not all indexed */
    free(index);
    store_tokenizer_free(t);

    store_at at;
    store_new(&at, PG);
    reel_store *st = open_ok(at.url);
    reel_doc *d = process_str(g_ctx, text, REEL_FORMAT_TEXT);
    int added = 0;
    assert_int_equal(reel_store_put_doc(&added, st, d), 0);
    assert_int_equal(added, 1);
    char first[9], *json = NULL;
    memcpy(first, strstr(text, "film. ") + 6, 8);
    first[8] = 0;
    assert_int_equal(reel_store_search(&json, st, first, 5, 0), 0);
    assert_non_null(strstr(json, "\"total\":1"));
    free(json);
    reel_doc_free(d);
    reel_store_close(st);
    store_rm(&at);
    free(text);
}

/* The hits of a search answer: everything after "total" (the echo of the
 * query differs between a query and its deduplicated form). */
static char *hits_of(reel_store *st, const char *q, int limit)
{
    char *json = NULL;
    assert_int_equal(reel_store_search(&json, st, q, limit, 0), 0);
    char *t = strstr(json, "\"total\"");
    assert_non_null(t);
    char *r = strdup(t);
    free(json);
    return r;
}

static double seconds_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* A query word repeated 255 times once cost the square of its repeats for
 * every matching row (snippet() over all of them): 200 articles of 400
 * "the" each would take minutes. Repeats are dropped and only the first
 * SEARCH_MAX_TERMS distinct words count: the same hits as the short query,
 * in well under a second, each with its snippet. */
static void test_search_bounded(void **state)
{
    store_at at;
    store_new(&at, *(int *)*state);
    reel_store *st = open_ok(at.url);
    enum { N = 200 };
    char **texts = calloc(N + 2, sizeof *texts);
    for (int i = 0; i < N; i++) {
        buf b;
        buf_init(&b);
        buf_printf(&b, "Review %d\n\n", i);
        for (int k = 0; k < 400; k++)
            buf_printf(&b, "the word%d the film. ", (i * 7 + k) % 50);
        texts[i] = buf_detach(&b);
    }
    texts[N] = strdup("Note\n\nabc d dx are three words.");
    texts[N + 1] = strdup("Other note\n\nabc d are two words.");
    size_t added = 0;
    put_texts(st, (const char *const *)texts, N + 2, &added);
    assert_int_equal(added, N + 2);

    buf q;
    buf_init(&q);
    for (int k = 0; k < 255; k++)
        buf_puts(&q, k ? " the" : "the");
    /* timed against the one-word search of the same hits, so the bound is
     * this machine's and this build's (a sanitized or loaded run is slower
     * at both), with 2 s more for a pause a busy machine may take: about
     * the same time; quadratic, minutes */
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    char *one = hits_of(st, "THE", 50);
    double t_one = seconds_since(&t0);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    char *many = hits_of(st, q.data, 50);
    double t_many = seconds_since(&t0);
    fprintf(stderr, "'the' x 255: %.3f s, 'the': %.3f s\n", t_many, t_one);
    assert_true(t_many < 10 * t_one + 2.0);
    assert_string_equal(many, one);
    assert_non_null(strstr(many, "\"total\":200"));
    /* every hit returned has its snippet with a marked match */
    char *full = NULL;
    assert_int_equal(reel_store_search(&full, st, q.data, 50, 0), 0);
    json_t *r = json_loads(full, 0, NULL), *h;
    size_t i;
    assert_int_equal(json_array_size(json_object_get(r, "hits")), 50);
    json_array_foreach(json_object_get(r, "hits"), i, h)
    {
        assert_true(strlen(json_string_value(json_object_get(h, "snippet"))) > 0);
        assert_true(json_array_size(json_object_get(h, "highlights")) > 0);
    }
    json_decref(r);
    free(full);
    free(many);
    free(one);

    /* past SEARCH_MAX_TERMS distinct words the rest is not searched for */
    buf_free(&q);
    buf_init(&q);
    for (int k = 0; k < SEARCH_MAX_TERMS; k++)
        buf_printf(&q, "word%d ", k);
    char *capped = hits_of(st, q.data, 50);
    buf_puts(&q, "word49 nosuchword");
    char *longer = hits_of(st, q.data, 50);
    assert_string_equal(capped, longer);
    free(capped);
    free(longer);
    /* one article of one word 200,000 times: FTS5's own snippet() scores
     * every match against every other (minutes); ours slides (store/pg_search.c) */
    buf_free(&q);
    buf_init(&q);
    buf_puts(&q, "Echo\n\n");
    for (int k = 0; k < 200000; k++)
        buf_puts(&q, "echo ");
    /* timed against storing it (reading, analysing and indexing the same
     * 200,000 words): about as long or less; quadratic, far longer */
    const char *echo[] = {q.data};
    clock_gettime(CLOCK_MONOTONIC, &t0);
    put_texts(st, echo, 1, &added);
    double t_put = seconds_since(&t0);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    char *e = hits_of(st, "echo", 5);
    double t_echo = seconds_since(&t0);
    fprintf(stderr, "'echo' in 200,000: %.3f s, storing it: %.3f s\n", t_echo, t_put);
    assert_true(t_echo < 10 * t_put + 2.0);
    assert_non_null(strstr(e, "\"total\":1"));
    assert_non_null(strstr(e, "\"highlights\":[[0,4]"));
    free(e);
    /* a request's time limit: a stop interrupts the search, then searches
     * run again; on PostgreSQL the limit is the session's statement_timeout */
    if (!at.pg) {
        _Atomic int stop = 1;
        assert_int_equal(store_limit(st, 0, &stop), 0);
        char *x = NULL;
        assert_int_equal(reel_store_search(&x, st, "the word7", 10, 0), REEL_EDB);
        assert_true(store_limited(st));
        stop = 0;
        assert_false(store_limited(st));
        assert_int_equal(reel_store_search(&x, st, "the word7", 10, 0), 0);
        free(x);
        assert_int_equal(store_limit(st, 1, NULL), 0);
        struct timespec nap = {0, 20 * 1000 * 1000};
        nanosleep(&nap, NULL);
        assert_true(store_limited(st)); /* past its deadline */
        assert_int_equal(reel_store_search(&x, st, "the word7", 10, 0), REEL_EDB);
        assert_int_equal(store_limit(st, 0, NULL), 0);
        assert_int_equal(reel_store_search(&x, st, "the word7", 10, 0), 0);
        free(x);
    } else {
        assert_int_equal(store_limit(st, 60000, NULL), 0); /* SET statement_timeout */
        char *x = NULL;
        assert_int_equal(reel_store_search(&x, st, "the word7", 10, 0), 0);
        free(x);
    }
    /* a kept word is compared whole: "dx" is not taken for "d" */
    char *dx = hits_of(st, "abc abc d dx", 10);
    assert_non_null(strstr(dx, "\"total\":1"));
    free(dx);

    buf_free(&q);
    for (int k = 0; k < N + 2; k++)
        free(texts[k]);
    free(texts);
    reel_store_close(st);
    store_rm(&at);
}

/* Random texts and queries: the words, positions and snippets of
 * store/pg_search.c are FTS5's exactly (the PostgreSQL store indexes and cuts
 * with them), odd characters included: an emoji FTS5 counts as a word
 * (U+1F642) and one it does not (U+1F600), letters beyond the BMP, marks,
 * ligatures, apostrophes and hyphens (phrases). */
static void test_text_like_fts5(void **state)
{
    (void)state;
    static const char *vocab[] = {"film",
                                  "Céline",
                                  "stairs",
                                  "the",
                                  "a",
                                  "house",
                                  "rain",
                                  "Bong",
                                  "Joon-ho's",
                                  "class",
                                  "2019",
                                  "night",
                                  "it's",
                                  "ÉTÉ",
                                  "x",
                                  "\xf0\x9f\x99\x82",
                                  "\xf0\x9f\x98\x80",
                                  "\xf0\x9d\x90\x80"
                                  "bc",
                                  "e\xcc\x81x",
                                  "\xef\xac\x81lm",
                                  "Stra\xc3\x9f"
                                  "e",
                                  "\xed\x95\x9c\xea\xb5\xad",
                                  "\xc2\xbd",
                                  "snake_case",
                                  "3.5"};
    static const size_t n_vocab = sizeof vocab / sizeof *vocab;
    static const char *seps[] = {" ",  " ",    " ",   ", ", ". ",
                                 ": ", "\n\n", " - ", "! ", "; "};
    sqlite3 *db = NULL;
    sqlite3_stmt *ins = NULL, *q = NULL, *voc = NULL;
    store_tokenizer *tok = NULL;
    assert_int_equal(store_tokenizer_new(&tok), 0);
    assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db,
                                  "CREATE VIRTUAL TABLE f USING fts5(x, tokenize="
                                  "'unicode61 remove_diacritics 2');"
                                  "CREATE VIRTUAL TABLE v USING fts5vocab(f, 'instance')",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    assert_int_equal(
        sqlite3_prepare_v2(db, "INSERT INTO f(rowid, x) VALUES(1, ?)", -1, &ins, NULL),
        SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT snippet(f, 0, char(2), char(3), '…', 16)"
                                        " FROM f WHERE f MATCH ?",
                                        -1, &q, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT term, offset FROM v ORDER BY offset",
                                        -1, &voc, NULL),
                     SQLITE_OK);
    unsigned seed = 7;
    int compared = 0;
    for (int round = 0; round < 500; round++) {
        buf t;
        buf_init(&t);
        int n = 1 + rand_r(&seed) % 60;
        for (int i = 0; i < n; i++) {
            buf_puts(&t, vocab[rand_r(&seed) % n_vocab]);
            buf_puts(&t, seps[rand_r(&seed) % 10]);
        }
        char *text = buf_detach(&t);
        sqlite3_exec(db, "DELETE FROM f", NULL, NULL, NULL);
        sqlite3_reset(ins);
        sqlite3_bind_text(ins, 1, text, -1, SQLITE_STATIC);
        assert_int_equal(sqlite3_step(ins), SQLITE_DONE);

        /* the index: FTS5's words at their positions (+2: the text's), a
         * word's positions together in order of first use */
        char *terms[256];
        buf pos[256];
        int n_terms = 0, words = 0;
        sqlite3_reset(voc);
        while (sqlite3_step(voc) == SQLITE_ROW) {
            const char *term = (const char *)sqlite3_column_text(voc, 0);
            int at = sqlite3_column_int(voc, 1), k = 0;
            while (k < n_terms && strcmp(terms[k], term))
                k++;
            if (k == n_terms) {
                terms[n_terms] = strdup(term);
                buf_init(&pos[n_terms++]);
            }
            buf_printf(&pos[k], "%c%d", pos[k].len ? ',' : ':', at + 2);
            words++;
        }
        buf want;
        buf_init(&want);
        for (int k = 0; k < n_terms; k++) {
            buf_printf(&want, "%s'%s'%s", k ? " " : "", terms[k], pos[k].data);
            free(terms[k]);
            buf_free(&pos[k]);
        }
        char *index = NULL, *expect = buf_detach(&want);
        int n_words = 0;
        assert_int_equal(store_index(tok, NULL, text, 1000000, &index, &n_words), 0);
        assert_int_equal(n_words, words);
        assert_string_equal(index, expect);
        free(expect);
        free(index);

        /* the snippet, for a folded query or (phrases) a raw one */
        char query[128];
        snprintf(query, sizeof query, "%s %s", vocab[rand_r(&seed) % n_vocab],
                 round % 2 ? vocab[rand_r(&seed) % n_vocab] : "");
        char *folded = reel_fold(query, strlen(query));
        if (round % 3 == 0) {
            free(folded);
            folded = strdup(query);
        }
        /* the FTS5 expression the SQLite store builds: each word quoted */
        buf fq;
        buf_init(&fq);
        for (char *w = strtok(strcpy(query, folded), " "); w; w = strtok(NULL, " "))
            buf_printf(&fq, "%s\"%s\"", fq.len ? " " : "", w);
        char *fts = buf_detach(&fq);
        sqlite3_reset(q);
        sqlite3_bind_text(q, 1, fts, -1, SQLITE_STATIC);
        if (*fts && sqlite3_step(q) == SQLITE_ROW) {
            char *mine = store_snippet(tok, text, folded, 16);
            if (strcmp(mine, (const char *)sqlite3_column_text(q, 0)))
                fprintf(stderr, "text: %s\nquery: %s\n", text, folded);
            assert_string_equal(mine, (const char *)sqlite3_column_text(q, 0));
            free(mine);
            compared++;
        }
        free(fts);
        free(folded);
        free(text);
    }
    fprintf(stderr, "snippets compared with FTS5: %d\n", compared);
    assert_true(compared > 100);
    sqlite3_finalize(ins);
    sqlite3_finalize(q);
    sqlite3_finalize(voc);
    sqlite3_close(db);
    store_tokenizer_free(tok);
}

int main(void)
{
    reel_ctx_new(&g_ctx);
    reel_ctx_load_model(g_ctx, NULL);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wordy_article),
        cmocka_unit_test_prestate(test_search_bounded, &SQLITE),
        cmocka_unit_test_prestate(test_search_bounded, &PG),
        cmocka_unit_test(test_store_text),
        cmocka_unit_test(test_text_like_fts5),
    };
    int rc = cmocka_run_group_tests(tests, store_group_setup, store_group_teardown);
    reel_ctx_free(g_ctx);
    return rc;
}
