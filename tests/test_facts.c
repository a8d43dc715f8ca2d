/* test_facts.c — the facts analyzer (src/analyze/facts*.c) and their
 * reconciliation across articles (src/aggregate/reconcile*.c, namesim.c):
 * spec cases we wrote (the .spec files in tests/data/facts), precision and recall on
 * the seeds against tests/data/seeds.facts.json, the seeds' conflicts and
 * their majorities, reconciliation rules on summaries we build, name
 * matching, and hostile input (thousands of names, every script, 10,000
 * "X plays Y" sentences) in bounded time and memory.
 */
#include "aggregate/aggregate.h"
#include "analyze/facts.h"
#include "facts_gold.h"
#include "helpers.h"

#include <dirent.h>
#include <jansson.h>
#include <time.h>

static reel_ctx *ctx;
static int spec_failures;

static int setup(void **state)
{
    (void)state;
    return reel_ctx_new(&ctx) || reel_ctx_load_model(ctx, NULL);
}

static int teardown(void **state)
{
    (void)state;
    reel_ctx_free(ctx);
    return 0;
}

/* ---------------- spec cases ---------------- */

static int cmp_line(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The facts of a document as sorted lines, as the spec files write them. */
static char *facts_lines(const reel_doc *d)
{
    char **lines = calloc(d->n_facts + 1, sizeof *lines);
    buf out;
    buf_init(&out);
    for (size_t k = 0; k < d->n_facts; k++) {
        const reel_fact *f = &d->facts[k];
        buf b;
        buf_init(&b);
        if (!f->about_subject) buf_printf(&b, "[%s]\t", f->film ? f->film : "?");
        buf_printf(&b, "%s\t%s", f->predicate,
                   gold_uses_norm(f->predicate) ? f->norm : f->value);
        if (f->qualifier) buf_printf(&b, "\t%s", f->qualifier);
        lines[k] = buf_detach(&b);
    }
    qsort(lines, d->n_facts, sizeof *lines, cmp_line);
    for (size_t k = 0; k < d->n_facts; k++) {
        buf_puts(&out, lines[k]);
        buf_putc(&out, '\n');
        free(lines[k]);
    }
    free(lines);
    return buf_detach(&out);
}

/* A case whose input opens with "<" is a page, read as HTML (so its
 * italics, <i> and <em>, reach the analyzers); any other is plain text. */
static void check_case(const char *name, const char *input, const char *expected)
{
    reel_doc *d =
        process_str(ctx, input, input[0] == '<' ? REEL_FORMAT_HTML : REEL_FORMAT_TEXT);
    if (!d) {
        spec_failures++;
        return;
    }
    char *got = facts_lines(d);
    if (strcmp(got ? got : "", expected) != 0) {
        fprintf(stderr, "case '%s':\n--- expected\n%s--- got\n%s\n", name, expected, got);
        spec_failures++;
    }
    free(got);
    reel_doc_free(d);
}

static void test_spec(void **state)
{
    (void)state;
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/tests/data/facts", src_dir());
    DIR *dh = opendir(dir);
    assert_non_null(dh);
    struct dirent *e;
    int files = 0, cases = 0;
    spec_failures = 0;
    while ((e = readdir(dh)) != NULL) {
        size_t n = strlen(e->d_name);
        if (n < 6 || strcmp(e->d_name + n - 5, ".spec")) continue;
        char rel[512];
        snprintf(rel, sizeof rel, "facts/%s", e->d_name);
        int c = run_spec(rel, check_case);
        assert_true(c > 0);
        cases += c;
        files++;
    }
    closedir(dh);
    fprintf(stderr, "%d spec cases in %d files, %d failed\n", cases, files,
            spec_failures);
    assert_true(files >= 4);
    assert_int_equal(spec_failures, 0);
}

/* ---------------- the seeds against the gold file ---------------- */

static json_t *load_gold(void)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/data/seeds.facts.json", src_dir());
    json_error_t err;
    json_t *g = json_load_file(path, 0, &err);
    if (!g) fprintf(stderr, "%s: %s\n", path, err.text);
    return g;
}

static void test_seeds_gold(void **state)
{
    (void)state;
    REQUIRE_SHARED();
    json_t *gold = load_gold();
    assert_non_null(gold);
    gold_score s = {0};
    const char *name;
    json_t *entry;
    json_object_foreach(json_object_get(gold, "articles"), name, entry)
    {
        char path[8300];
        snprintf(path, sizeof path, "%s/seeds/%s", shared_dir(), name);
        reel_doc *d = process_file(ctx, path);
        assert_non_null(d);
        gold_score_doc(d, entry, &s, stderr, name);
        reel_doc_free(d);
    }
    double p = gold_p(s.tp, s.fp), r = gold_r(s.tp, s.fn);
    fprintf(stderr,
            "seeds: subject facts precision %.3f recall %.3f (%zu/%zu/%zu tp/fp/fn); "
            "other films precision %.3f recall %.3f\n",
            p, r, s.tp, s.fp, s.fn, gold_p(s.otp, s.ofp), gold_r(s.otp, s.ofn));
    assert_int_equal(s.articles, 5);
    assert_true(p >= 0.9);
    assert_true(r >= 0.9);
    json_decref(gold);
}

/* The film report of the five seeds, built as the store would. */
static json_t *seeds_report(int reverse)
{
    const char *names[5] = {"000_301585d02438b6ef.txt", "001_7e8294aa730ccb85.txt",
                            "002_99f94a31965ac140.txt", "003_e6441d7339a65493.txt",
                            "004_eb9ff4351c88c7ea.txt"};
    reel_partial *all = NULL;
    if (reel_partial_new(&all, "pain and glory")) return NULL;
    for (int k = 0; k < 5; k++) {
        int i = reverse ? 4 - k : k;
        char path[8300];
        snprintf(path, sizeof path, "%s/seeds/%s", shared_dir(), names[i]);
        reel_doc *d = process_file(ctx, path);
        char *rec = NULL;
        reel_partial *one = NULL;
        if (!d || reel_record_to_json(&rec, ctx, d, 0) ||
            reel_partial_new(&one, "pain and glory") || reel_partial_add(ctx, one, rec) ||
            reel_partial_merge(ctx, all, one)) {
            reel_doc_free(d);
            free(rec);
            reel_partial_free(one);
            reel_partial_free(all);
            return NULL;
        }
        reel_doc_free(d);
        free(rec);
        reel_partial_free(one);
    }
    char *out = NULL;
    json_t *rep = NULL;
    if (!reel_partial_finalize(&out, ctx, all)) rep = json_loads(out, 0, NULL);
    free(out);
    reel_partial_free(all);
    return rep;
}

static int folded_equal(const char *a, const char *b)
{
    if (!a || !b) return 0;
    char *x = reel_fold(a, strlen(a)), *y = reel_fold(b, strlen(b));
    int eq = x && y && !strcmp(x, y);
    free(x);
    free(y);
    return eq;
}

static void test_seeds_conflicts(void **state)
{
    (void)state;
    REQUIRE_SHARED();
    json_t *gold = load_gold(), *rep = seeds_report(0);
    assert_non_null(gold);
    assert_non_null(rep);
    json_t *conflicts = json_object_get(rep, "conflicts"), *want;
    size_t i;
    json_array_foreach(json_object_get(gold, "conflicts"), i, want)
    {
        const char *pred = json_string_value(json_object_get(want, "predicate"));
        const char *disp = json_string_value(json_object_get(want, "disputed"));
        int tie = json_is_true(json_object_get(want, "tie"));
        int found = 0;
        size_t j;
        json_t *c;
        json_array_foreach(conflicts, j, c)
        {
            if (strcmp(json_string_value(json_object_get(c, "predicate")), pred) ||
                strcmp(json_string_value(json_object_get(c, "disputed")), disp))
                continue;
            const char *maj = json_string_value(
                json_object_get(json_object_get(c, "majority"), "value"));
            json_t *dis = json_object_get(c, "dissent");
            if (tie) {
                /* both sides as the gold lists them, with the tie said */
                json_t *vs = json_object_get(want, "variants");
                int all = json_is_true(json_object_get(c, "tie"));
                for (size_t k = 0; k < json_array_size(vs) && all; k++) {
                    const char *v = json_string_value(json_array_get(vs, k));
                    int here = folded_equal(v, maj);
                    for (size_t m = 0; m < json_array_size(dis); m++)
                        here |= folded_equal(v, json_string_value(json_object_get(
                                                    json_array_get(dis, m), "value")));
                    all &= here;
                }
                found |= all;
            } else if (folded_equal(
                           maj, json_string_value(json_object_get(want, "majority")))) {
                const char *d0 = json_string_value(
                    json_array_get(json_object_get(want, "dissent"), 0));
                for (size_t m = 0; m < json_array_size(dis); m++)
                    found |= folded_equal(d0, json_string_value(json_object_get(
                                                  json_array_get(dis, m), "value")));
            }
        }
        if (!found) fprintf(stderr, "conflict not found: %s %s\n", pred, disp);
        assert_true(found);
    }
    /* the report is the same whichever order the articles were merged in */
    json_t *rev = seeds_report(1);
    assert_non_null(rev);
    char *a =
        json_dumps(json_object_get(rep, "facts"), JSON_COMPACT | JSON_PRESERVE_ORDER);
    char *b =
        json_dumps(json_object_get(rev, "facts"), JSON_COMPACT | JSON_PRESERVE_ORDER);
    assert_string_equal(a, b);
    free(a);
    free(b);
    json_decref(rev);
    json_decref(rep);
    json_decref(gold);
}

/* ---------------- reconciliation on summaries we build ---------------- */

static json_t *fact(const char *pred, const char *value, const char *norm,
                    const char *qual)
{
    return json_pack("{s:s,s:s,s:s?,s:s?,s:b,s:[i,i],s:s,s:f}", "predicate", pred,
                     "value", value, "norm", norm, "qualifier", qual, "about_subject", 1,
                     "span", 0, 5, "evidence", "a sentence", "confidence", 0.8);
}

static json_t *find_fact(json_t *rep, const char *pred, const char *value)
{
    json_t *f;
    size_t i;
    json_array_foreach(
        json_object_get(rep, "facts"), i,
        f) if (!strcmp(json_string_value(json_object_get(f, "predicate")), pred) &&
               folded_equal(json_string_value(json_object_get(f, "value")),
                            value)) return f;
    return NULL;
}

static void test_reconcile_rules(void **state)
{
    (void)state;
    json_t *arts = json_object();
    const char *ids[4] = {"a1", "b2", "c3", "d4"};
    for (int i = 0; i < 4; i++) {
        json_t *facts = json_array();
        /* four sources name the director, one misspells him */
        json_array_append_new(
            facts,
            fact("director", i == 3 ? "Celine Sciama" : "Céline Sciamma", NULL, NULL));
        /* the lead's character: three say Ki-taek, one Ki-tak */
        json_array_append_new(
            facts, fact("cast", "Song Kang-ho", NULL, i == 2 ? "Ki-tak" : "Ki-taek"));
        /* a release and a local opening are different facts */
        if (i == 0)
            json_array_append_new(
                facts, fact("release_date", "October 11, 2019", "2019-10-11", "release"));
        if (i == 1)
            json_array_append_new(facts,
                                  fact("release_date", "Oct. 18", "--10-18", "opening"));
        if (i == 2)
            json_array_append_new(
                facts, fact("release_date", "October 11", "--10-11", "release"));
        /* an opening on another day elsewhere is another fact, not a
         * dispute; a release on an opening's day is that opening */
        if (i == 3) {
            json_array_append_new(facts,
                                  fact("release_date", "Nov. 1", "--11-01", "opening"));
            json_array_append_new(
                facts, fact("release_date", "October 18, 2019", "2019-10-18", "release"));
        }
        /* the runtime, within a few minutes, is one value */
        json_array_append_new(
            facts, fact("runtime", "132 minutes", i == 1 ? "131" : "132", NULL));
        /* the rating: one source disagrees */
        json_array_append_new(
            facts, fact("rating", i == 3 ? "PG-13" : "R", i == 3 ? "PG-13" : "R", NULL));
        json_object_set_new(arts, ids[i],
                            json_pack("{s:o,s:s}", "facts", facts, "outlet", ids[i]));
    }
    json_t *rep = json_object();
    assert_int_equal(facts_reconcile(rep, arts, ids, 4), 0);
    json_t *d = find_fact(rep, "director", "Céline Sciamma");
    assert_non_null(d);
    assert_int_equal(json_integer_value(json_object_get(d, "support")), 4);
    assert_true(json_is_true(json_object_get(d, "conflict")));
    assert_true(
        folded_equal(json_string_value(json_object_get(
                         json_array_get(json_object_get(d, "dissent"), 0), "value")),
                     "Celine Sciama"));
    json_t *c = find_fact(rep, "cast", "Song Kang-ho");
    assert_non_null(c);
    assert_string_equal(json_string_value(json_object_get(c, "qualifier")), "Ki-taek");
    assert_true(json_is_true(json_object_get(c, "conflict")));
    /* the release (two sources, one without the year) and the opening */
    size_t dates = 0, i;
    json_t *f;
    json_array_foreach(json_object_get(rep, "facts"), i, f)
    {
        if (strcmp(json_string_value(json_object_get(f, "predicate")), "release_date"))
            continue;
        dates++;
        assert_false(json_is_true(json_object_get(f, "conflict")));
        const char *q = json_string_value(json_object_get(f, "qualifier"));
        const char *norm = json_string_value(json_object_get(f, "norm"));
        if (!strcmp(q, "release"))
            assert_int_equal(json_integer_value(json_object_get(f, "support")), 2);
        if (!strcmp(q, "opening") && strstr(norm, "10-18"))
            assert_int_equal(json_integer_value(json_object_get(f, "support")), 2);
    }
    assert_int_equal(dates, 3); /* Oct 11 release, Oct 18 opening, Nov 1 opening */
    json_t *rt = find_fact(rep, "runtime", "132 minutes");
    assert_non_null(rt);
    assert_false(json_is_true(json_object_get(rt, "conflict")));
    json_t *ra = find_fact(rep, "rating", "R");
    assert_non_null(ra);
    assert_true(json_is_true(json_object_get(ra, "conflict")));
    /* same input in another order: same bytes */
    const char *rev[4] = {"d4", "c3", "b2", "a1"};
    json_t *rep2 = json_object();
    assert_int_equal(facts_reconcile(rep2, arts, rev, 4), 0);
    char *x = json_dumps(rep, JSON_COMPACT | JSON_PRESERVE_ORDER);
    char *y = json_dumps(rep2, JSON_COMPACT | JSON_PRESERVE_ORDER);
    assert_string_equal(x, y);
    free(x);
    free(y);
    json_decref(rep);
    json_decref(rep2);
    json_decref(arts);
}

static void test_namesim(void **state)
{
    (void)state;
    assert_int_equal(name_compare("salvador mallo", "salvador gallo", NAMES_CHARACTER),
                     NAME_VARIANT);
    assert_int_equal(name_compare("asier etxeandia", "asier exteandia", NAMES_PERSON),
                     NAME_VARIANT);
    assert_int_equal(name_compare("federico", "frederico delgado", NAMES_CHARACTER),
                     NAME_VARIANT);
    assert_int_equal(name_compare("banderas", "antonio banderas", NAMES_PERSON),
                     NAME_SAME);
    assert_int_equal(name_compare("antonio", "antonio banderas", NAMES_PERSON),
                     NAME_DIFFERENT);
    assert_int_equal(name_compare("salvador", "salvador mallo", NAMES_CHARACTER),
                     NAME_SAME);
    assert_int_equal(name_compare("pedro almodovar", "agustin almodovar", NAMES_PERSON),
                     NAME_DIFFERENT);
    assert_int_equal(name_compare("jake abel", "jane abel", NAMES_PERSON),
                     NAME_DIFFERENT);
    assert_int_equal(name_compare("ana", "ava", NAMES_PERSON), NAME_DIFFERENT);
    assert_int_equal(name_osa("etxeandia", 9, "exteandia", 9, 3), 1);
    /* the place tables are searched by bisection: they must stay sorted */
    assert_true(places_sorted());
    char *k = org_key("warner bros pictures");
    assert_string_equal(k, "warner brothers");
    free(k);
}

/* ---------------- hostile input ---------------- */

/* This process's CPU time: what the analysis costs, not how busy the
 * machine is (other processes on a loaded machine do not count). */
static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* A deterministic pseudo-random capitalised name. */
static void rand_name(buf *b, unsigned *seed)
{
    static const char *syl[] = {"ka",  "ro",  "mi",  "den", "sa",
                                "vel", "tor", "lin", "gar", "bo"};
    for (int w = 0; w < 2; w++) {
        int n = 2 + (int)(*seed % 2);
        for (int s = 0; s < n; s++) {
            *seed = *seed * 1103515245u + 12345u;
            const char *y = syl[(*seed >> 16) % 10];
            buf_putc(b, s == 0 ? (char)(y[0] - 32) : y[0]);
            buf_puts(b, y + 1);
        }
        if (w == 0) buf_putc(b, ' ');
    }
}

static void run_hostile(const char *what, const char *text, double max_seconds)
{
    double t0 = now();
    reel_doc *d = process_str(ctx, text, REEL_FORMAT_TEXT);
    double t = now() - t0;
    assert_non_null(d);
    fprintf(stderr, "%s: %zu bytes, %zu facts, %.2f s of CPU\n", what, strlen(text),
            d->n_facts, t);
    assert_true(d->n_facts <= 400);
    assert_true(t < max_seconds);
    reel_doc_free(d);
}

static void test_hostile(void **state)
{
    (void)state;
    unsigned seed = 7;
    buf b;
    /* 10,000 sentences of "X plays Y" */
    buf_init(&b);
    buf_puts(&b, "Review: The Crowd\n\n");
    for (int i = 0; i < 10000; i++) {
        rand_name(&b, &seed);
        buf_puts(&b, " plays ");
        rand_name(&b, &seed);
        buf_puts(&b, ". ");
        if (i % 50 == 49) buf_puts(&b, "\n\n");
    }
    assert_false(b.oom);
    run_hostile("10,000 X plays Y", b.data, 20);
    buf_free(&b);
    /* thousands of capitalised names in one run-on paragraph */
    buf_init(&b);
    for (int i = 0; i < 20000; i++) {
        rand_name(&b, &seed);
        buf_puts(&b, i % 3 ? ", " : " (");
        if (i % 3 == 0) {
            rand_name(&b, &seed);
            buf_puts(&b, "), ");
        }
    }
    run_hostile("20,000 capitalised names", b.data, 20);
    buf_free(&b);
    /* names in every script: each Unicode block's letters, capitalised or
     * not, with the patterns around them */
    buf_init(&b);
    buf_puts(&b, "Review: Babel\n\n");
    for (int32_t cp = 0x41; cp < 0x30000; cp += 37) {
        if (cp >= 0xD800 && cp < 0xE000) continue;
        char u[4];
        int n = utf8_put(u, cp);
        for (int r = 0; r < 3; r++)
            buf_append(&b, u, (size_t)n);
        buf_puts(&b, cp % 2 ? " Director " : " (");
        for (int r = 0; r < 4; r++)
            buf_append(&b, u, (size_t)n);
        buf_puts(&b, cp % 2 ? " plays " : ") starring ");
        if (cp % 97 == 0) buf_puts(&b, ".\n\n");
    }
    run_hostile("names in every script", b.data, 20);
    buf_free(&b);
    /* the film named 60,000 times (every occurrence is looked up) */
    buf_init(&b);
    buf_puts(&b, "Review: Parasite\n\n");
    for (int i = 0; i < 60000; i++)
        buf_puts(&b, i % 40 == 39 ? "Parasite (2019) is a film.\n\n"
                                  : "Parasite is a film. ");
    run_hostile("a title 60,000 times", b.data, 20);
    buf_free(&b);
}

/* A count of wins at one ceremony is one fact: two articles that give
 * different counts are a dispute, not two facts; nominations are counted
 * apart from wins, and a category is never merged with a count. */
static void test_reconcile_award_counts(void **state)
{
    (void)state;
    json_t *arts = json_object();
    const char *ids[3] = {"a1", "b2", "c3"};
    for (int i = 0; i < 3; i++) {
        json_t *facts = json_array();
        json_array_append_new(
            facts,
            fact("award", i == 2 ? "3 Academy Awards" : "4 Academy Awards", NULL, NULL));
        json_array_append_new(facts,
                              fact("award", "6 Academy Award nominations", NULL, NULL));
        json_array_append_new(
            facts, fact("award", "Academy Award for Best Picture", NULL, NULL));
        json_object_set_new(arts, ids[i],
                            json_pack("{s:o,s:s}", "facts", facts, "outlet", ids[i]));
    }
    json_t *rep = json_object();
    assert_int_equal(facts_reconcile(rep, arts, ids, 3), 0);
    size_t awards = 0, i;
    json_t *f;
    json_array_foreach(json_object_get(rep, "facts"), i, f) awards +=
        !strcmp(json_string_value(json_object_get(f, "predicate")), "award");
    assert_int_equal(awards, 3);
    json_t *w = find_fact(rep, "award", "4 Academy Awards");
    assert_non_null(w);
    assert_int_equal(json_integer_value(json_object_get(w, "support")), 3);
    assert_true(json_is_true(json_object_get(w, "conflict")));
    assert_string_equal(json_string_value(json_object_get(
                            json_array_get(json_object_get(w, "dissent"), 0), "value")),
                        "3 Academy Awards");
    json_t *n = find_fact(rep, "award", "6 Academy Award nominations");
    assert_non_null(n);
    assert_false(json_is_true(json_object_get(n, "conflict")));
    json_t *p = find_fact(rep, "award", "Academy Award for Best Picture");
    assert_non_null(p);
    assert_false(json_is_true(json_object_get(p, "conflict")));
    size_t nconf = json_array_size(json_object_get(rep, "conflicts"));
    assert_int_equal(nconf, 1);
    json_decref(rep);
    json_decref(arts);
}

/* Reconciling many articles stays near-linear: 6,000 sources repeating a
 * cast with spelling variants and settings. */
static void test_reconcile_many(void **state)
{
    (void)state;
    enum { N = 6000 };
    json_t *arts = json_object();
    char **ids = calloc(N, sizeof *ids);
    assert_non_null(ids);
    for (int i = 0; i < N; i++) {
        char id[32];
        snprintf(id, sizeof id, "a%05d", i);
        json_t *facts = json_array();
        json_array_append_new(
            facts,
            fact("director", i % 7 ? "Céline Sciamma" : "Celine Sciama", NULL, NULL));
        json_array_append_new(
            facts, fact("cast", "Noémie Merlant", NULL, i % 5 ? "Marianne" : "Mariane"));
        json_array_append_new(
            facts, fact("setting", i % 9 ? "Brittany" : "Paris", NULL, "France"));
        json_object_set_new(arts, id, json_pack("{s:o}", "facts", facts));
    }
    const char *k;
    json_t *v;
    size_t n = 0;
    json_object_foreach(arts, k, v) ids[n++] = (char *)k;
    qsort(ids, n, sizeof *ids, cmp_line);
    json_t *rep = json_object();
    double t0 = now();
    assert_int_equal(facts_reconcile(rep, arts, (const char **)ids, n), 0);
    double t = now() - t0;
    fprintf(stderr, "reconcile %d articles: %.2f s of CPU\n", N, t);
    assert_true(t < 20);
    json_t *d = find_fact(rep, "director", "Céline Sciamma");
    assert_non_null(d);
    assert_int_equal(json_integer_value(json_object_get(d, "support")), N);
    assert_true(json_is_true(json_object_get(d, "conflict")));
    json_decref(rep);
    json_decref(arts);
    free(ids);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_spec),
        cmocka_unit_test(test_seeds_gold),
        cmocka_unit_test(test_seeds_conflicts),
        cmocka_unit_test(test_reconcile_award_counts),
        cmocka_unit_test(test_reconcile_rules),
        cmocka_unit_test(test_namesim),
        cmocka_unit_test(test_hostile),
        cmocka_unit_test(test_reconcile_many),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
