/* bench_kind.c — does a trained model beat the kind rules (src/analyze/kind.c)?
 * Every labelled document goes through the real pipeline (reel_process); the
 * rules' answer is the kind it assigns, and a linear model is trained with
 * the sentiment trainer (sent_train: features.c n-grams, NB scaling, liblinear
 * L2R_LR), one class against the rest, and scored by k-fold cross-validation
 * over the same documents. Built as bench_kind; bench/kind.sh runs it.
 *
 *   bench_kind SRC_DIR SHARED_DIR [--reviews N] [--folds K] [--model FILE]
 *
 * The labelled set, read at run time and never copied: our examples/ (kinds
 * from tests/data/examples.expected.json), the test fixtures whose kind is
 * plain, the five seeds, the 61 extraction-dev pages (general news) and N
 * polarity2k critic reviews (N/20 from each fold and polarity, file order).
 */
#include "analyze/sentiment.h"
#include "internal.h"

#include <dirent.h>
#include <jansson.h>
#include <math.h>
#include <sys/stat.h>

enum { C_REVIEW, C_INTERVIEW, C_NEWS, N_CLASSES };
static const char *const class_name[] = {"review", "interview", "news", "other"};
static const reel_kind class_kind[] = {REEL_KIND_REVIEW, REEL_KIND_INTERVIEW,
                                       REEL_KIND_NEWS};

enum { S_EXAMPLES, S_FIXTURES, S_SEEDS, S_EXTRACTION, S_POLARITY, N_SOURCES };
static const char *const source_name[] = {"examples/", "tests/data fixtures", "seeds",
                                          "extraction-dev", "polarity2k sample"};
/* sources written as film journalism by or for reel (the target domain) */
#define FILM_SOURCE(s) ((s) <= S_SEEDS)

typedef struct {
    char *name;   /* file, or file#case */
    int source;   /* S_* */
    int label;    /* C_* */
    int rules;    /* C_* or N_CLASSES for "other" */
    int model;    /* filled by cross-validation */
    int transfer; /* model trained on the shared corpora only; -1 not run */
    uint64_t text_hash;
    size_t group, fold;
    featvec fv;
} item;

typedef struct {
    item *v;
    size_t n, cap;
    size_t failed;
    reel_ctx *ctx;
    feat_opts fo;
} itemset;

static uint64_t seeded_hash(const char *s, size_t n, uint64_t seed)
{
    return splitmix64_mix(fnv1a(FNV1A_BASIS ^ seed, s, n));
}

static int fv_add(featvec *fv, uint64_t id)
{
    if (fv->n == fv->cap) {
        size_t cap = fv->cap ? fv->cap * 2 : 64;
        feat *p = realloc(fv->items, cap * sizeof *p);
        if (!p) return REEL_ENOMEM;
        fv->items = p;
        fv->cap = cap;
    }
    fv->items[fv->n].id = id & 0xffffffffffffULL; /* 48 bits, as features.c */
    fv->items[fv->n].count = 1;
    fv->n++;
    return 0;
}

/* a named binary cue ("cue:score") as a feature id */
static int fv_cue(featvec *fv, const char *name)
{
    return fv_add(fv, seeded_hash(name, strlen(name), 0x6b696e64) >> 16);
}

/* The model's view of a processed document: the n-grams of its clean text
 * (features.c, the sentiment options), the words of its title kept apart,
 * and a few layout cues the rules also read: an explicit score, how often
 * quotation marks occur, how many blocks are questions. No cue names an
 * outlet or a document. */
static int doc_features(featvec *fv, const feat_opts *fo, const reel_doc *d)
{
    int rc = features_extract(fv, fo, d->text ? d->text : "", d->text_len);
    if (rc) return rc;
    if (d->title) {
        featvec t;
        featvec_init(&t);
        rc = features_extract(&t, fo, d->title, strlen(d->title));
        for (size_t i = 0; !rc && i < t.n; i++)
            rc = fv_add(fv, splitmix64_mix(t.items[i].id ^ 0x7469746c65ULL) >> 16);
        featvec_free(&t);
        if (rc) return rc;
    }
    size_t words = 0, quotes = 0, questions = 0;
    for (size_t i = 0; i < d->n_tokens; i++) {
        const char *s = d->text + d->tokens[i].span.start;
        size_t n = d->tokens[i].span.end - d->tokens[i].span.start;
        if (d->tokens[i].kind == REEL_TOK_WORD) words++;
        if ((n == 1 && *s == '"') ||
            (n == 3 && (!memcmp(s, "\xE2\x80\x9C", 3) || !memcmp(s, "\xE2\x80\x9D", 3))))
            quotes++;
    }
    for (size_t b = 0; b < d->n_blocks; b++) {
        const reel_block *bl = &d->blocks[b];
        if (!bl->boilerplate && bl->len >= 2 && bl->text[bl->len - 1] == '?') questions++;
    }
    double qrate = words ? 100.0 * (double)quotes / (double)words : 0;
    if (d->score.found) rc = rc ? rc : fv_cue(fv, "cue:score");
    rc = rc ? rc
            : fv_cue(fv, qrate == 0  ? "cue:quotes0"
                         : qrate < 1 ? "cue:quotes<1"
                         : qrate < 3 ? "cue:quotes<3"
                                     : "cue:quotes>=3");
    rc = rc ? rc
            : fv_cue(fv, questions == 0  ? "cue:questions0"
                         : questions < 3 ? "cue:questions<3"
                                         : "cue:questions>=3");
    return rc ? rc : featvec_finish(fv);
}

static int kind_class(reel_kind k)
{
    for (int c = 0; c < N_CLASSES; c++)
        if (class_kind[c] == k) return c;
    return N_CLASSES;
}

/* Run one document through the pipeline and keep what the benchmark needs. */
static void add_doc(itemset *s, const char *name, int source, int label,
                    const char *bytes, size_t len, reel_format fmt)
{
    reel_doc *d = NULL;
    if (reel_process(&d, s->ctx, bytes, len, name, fmt)) {
        fprintf(stderr, "kind: %s: %s (left out)\n", name, reel_errmsg(s->ctx));
        s->failed++;
        return;
    }
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 256;
        item *p = realloc(s->v, s->cap * sizeof *p);
        if (!p) abort();
        s->v = p;
    }
    item *it = &s->v[s->n];
    memset(it, 0, sizeof *it);
    it->name = strdup(name);
    it->source = source;
    it->label = label;
    it->rules = kind_class(d->kind);
    it->transfer = -1;
    it->text_hash = seeded_hash(d->text ? d->text : "", d->text_len, 0);
    featvec_init(&it->fv);
    if (!it->name || doc_features(&it->fv, &s->fo, d)) abort();
    if (d->kind_hint)
        fprintf(stderr, "kind: %s carries the source's kind \"%s\"\n", name,
                d->kind_hint);
    s->n++;
    reel_doc_free(d);
}

static void add_file(itemset *s, const char *path, const char *name, int source,
                     int label)
{
    size_t len;
    char *bytes = file_slurp(path, &len);
    if (!bytes) {
        fprintf(stderr, "kind: %s: cannot read (left out)\n", path);
        s->failed++;
        return;
    }
    add_doc(s, name, source, label, bytes, len, REEL_FORMAT_AUTO);
    free(bytes);
}

static int label_of(const char *kind)
{
    for (int c = 0; c < N_CLASSES; c++)
        if (kind && !strcmp(kind, class_name[c])) return c;
    return -1;
}

/* examples/: the kinds tests/data/examples.expected.json already asserts */
static int load_examples(itemset *s, const char *src)
{
    char path[8192];
    snprintf(path, sizeof path, "%s/tests/data/examples.expected.json", src);
    json_error_t err;
    json_t *all = json_load_file(path, 0, &err);
    if (!all) {
        fprintf(stderr, "kind: %s: %s\n", path, err.text);
        return -1;
    }
    size_t i;
    json_t *e;
    json_array_foreach(all, i, e)
    {
        const char *file = json_string_value(json_object_get(e, "file"));
        int label = label_of(json_string_value(json_object_get(e, "kind")));
        if (!file || label < 0) continue;
        snprintf(path, sizeof path, "%s/%s", src, file);
        add_file(s, path, file, S_EXAMPLES, label);
    }
    json_decref(all);
    return 0;
}

/* Fixtures whose kind their own page says (a "review" headline, a Review or
 * NewsArticle type, a news headline); the encoding fixtures and the spec
 * cases without a headline are not labelled. */
static const struct {
    const char *file, *spec_case;
    int label;
} fixtures[] = {
    {"tests/data/html/meta_jsonld_review.html", NULL, C_REVIEW},
    {"tests/data/html/meta_jsonld_rating10.html", NULL, C_REVIEW},
    {"tests/data/html/meta_og.html", NULL, C_REVIEW},
    {"tests/data/html/meta_title_site.html", NULL, C_REVIEW},
    {"tests/data/html/meta_jsonld_graph.html", NULL, C_NEWS},
    {"tests/data/html/extract.spec", "news page:", C_NEWS},
    {"tests/data/html/extract.spec", "review:", C_REVIEW},
    {"tests/data/html/extract.spec", "hidden parts and the dateline go", C_NEWS},
};

/* The input part of the spec case whose name starts with `prefix`. */
static int spec_case(itemset *s, const char *path, const char *file, const char *prefix,
                     int label)
{
    size_t len;
    char *all = file_slurp(path, &len);
    if (!all) return -1;
    int found = 0;
    for (char *p = strstr(all, "### "); p && !found; p = strstr(p + 1, "\n### ")) {
        char *name = p + (p[0] == '\n' ? 5 : 4);
        if (strncmp(name, prefix, strlen(prefix))) continue;
        char *input = strchr(name, '\n');
        char *end = input ? strstr(input, "\n---\n") : NULL;
        if (!end) break;
        char label_name[512];
        snprintf(label_name, sizeof label_name, "%s#%.*s", file, (int)(input - name),
                 name);
        add_doc(s, label_name, S_FIXTURES, label, input + 1, (size_t)(end - input),
                REEL_FORMAT_HTML);
        found = 1;
    }
    free(all);
    return found ? 0 : -1;
}

static int load_fixtures(itemset *s, const char *src)
{
    for (size_t i = 0; i < sizeof fixtures / sizeof *fixtures; i++) {
        char path[8192];
        snprintf(path, sizeof path, "%s/%s", src, fixtures[i].file);
        if (!fixtures[i].spec_case) {
            add_file(s, path, fixtures[i].file, S_FIXTURES, fixtures[i].label);
        } else if (spec_case(s, path, fixtures[i].file, fixtures[i].spec_case,
                             fixtures[i].label)) {
            fprintf(stderr, "kind: %s: no case \"%s\"\n", path, fixtures[i].spec_case);
            return -1;
        }
    }
    return 0;
}

/* The seeds, by their number: 000 interview, 001-003 reviews, 004 news. */
static int load_seeds(itemset *s, const char *shared)
{
    static const int label[] = {C_INTERVIEW, C_REVIEW, C_REVIEW, C_REVIEW, C_NEWS};
    char dir[8192];
    snprintf(dir, sizeof dir, "%s/seeds", shared);
    struct dirent **ents;
    int n = scandir(dir, &ents, NULL, alphasort);
    if (n < 0) return -1;
    for (int i = 0; i < n; i++) {
        const char *f = ents[i]->d_name;
        int num;
        if (sscanf(f, "%3d_", &num) == 1 && num >= 0 && num < 5) {
            char path[8448], name[512];
            snprintf(path, sizeof path, "%s/%s", dir, f);
            snprintf(name, sizeof name, "seeds/%s", f);
            add_file(s, path, name, S_SEEDS, label[num]);
        }
        free(ents[i]);
    }
    free(ents);
    return 0;
}

static int html_file(const struct dirent *e)
{
    size_t n = strlen(e->d_name);
    return n > 5 && !strcmp(e->d_name + n - 5, ".html");
}

static int load_extraction(itemset *s, const char *shared)
{
    char dir[8192];
    snprintf(dir, sizeof dir, "%s/data/extraction-dev/html", shared);
    struct dirent **ents;
    int n = scandir(dir, &ents, html_file, alphasort);
    if (n < 0) return -1;
    for (int i = 0; i < n; i++) {
        char path[8448], name[512];
        snprintf(path, sizeof path, "%s/%s", dir, ents[i]->d_name);
        snprintf(name, sizeof name, "extraction-dev/%.12s", ents[i]->d_name);
        add_file(s, path, name, S_EXTRACTION, C_NEWS);
        free(ents[i]);
    }
    free(ents);
    return 0;
}

/* The first reviews of each (fold, polarity) in file order, `want` in all. */
static int load_polarity(itemset *s, const char *shared, size_t want)
{
    char path[8192];
    snprintf(path, sizeof path, "%s/data/polarity2k.tsv", shared);
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    size_t per = want / 20, taken[10][2] = {{0}};
    char *line = NULL;
    size_t cap = 0, row = 0;
    ssize_t got;
    while ((got = getline(&line, &cap, f)) > 0) {
        row++;
        int label, fold;
        char *text = strchr(line, '\t');
        text = text ? strchr(text + 1, '\t') : NULL;
        if (!text || sscanf(line, "%d\t%d", &label, &fold) != 2 || fold < 0 || fold > 9 ||
            label < 0 || label > 1 || taken[fold][label] >= per)
            continue;
        taken[fold][label]++;
        text++;
        size_t n = strcspn(text, "\r\n");
        char name[64];
        snprintf(name, sizeof name, "polarity2k/row%zu", row);
        add_doc(s, name, S_POLARITY, C_REVIEW, text, n, REEL_FORMAT_TEXT);
    }
    free(line);
    fclose(f);
    return 0;
}

/* ---------------- folds ---------------- */

/* Copies (the same clean text) form one group; groups are dealt to folds in
 * turn, class by class in the order they were read, so every fold gets its
 * share of each class and a document's copies stay together. */
static void assign_folds(itemset *s, size_t k, size_t *out_groups)
{
    size_t groups = 0;
    for (size_t i = 0; i < s->n; i++) {
        s->v[i].group = SIZE_MAX;
        for (size_t j = 0; j < i; j++)
            if (s->v[j].text_hash == s->v[i].text_hash) {
                s->v[i].group = s->v[j].group;
                break;
            }
        if (s->v[i].group == SIZE_MAX) s->v[i].group = groups++;
    }
    size_t *fold_of = malloc(groups * sizeof *fold_of);
    if (!fold_of) abort();
    for (size_t g = 0; g < groups; g++)
        fold_of[g] = SIZE_MAX;
    size_t next = 0;
    for (int c = 0; c < N_CLASSES; c++)
        for (size_t i = 0; i < s->n; i++)
            if (s->v[i].label == c && fold_of[s->v[i].group] == SIZE_MAX)
                fold_of[s->v[i].group] = next++ % k;
    for (size_t i = 0; i < s->n; i++)
        s->v[i].fold = fold_of[s->v[i].group];
    free(fold_of);
    *out_groups = groups;
}

/* ---------------- the model ---------------- */

/* Train one model per class (that class against the rest) on the items with
 * train[i] set, then give every item with test[i] set the class of the
 * highest margin. A class with no training example is never predicted. */
static int one_vs_rest(itemset *s, const unsigned char *train, const unsigned char *test,
                       int *out)
{
    sent_train_opts o;
    sent_train_defaults(&o);
    o.fo = s->fo;
    sent_example *ex = malloc(s->n * sizeof *ex);
    double *best = malloc(s->n * sizeof *best);
    if (!ex || !best) abort();
    for (size_t i = 0; i < s->n; i++) {
        best[i] = -INFINITY;
        out[i] = N_CLASSES;
    }
    for (int c = 0; c < N_CLASSES; c++) {
        size_t n = 0, pos = 0;
        for (size_t i = 0; i < s->n; i++)
            if (train[i]) {
                ex[n].fv = s->v[i].fv; /* borrowed */
                ex[n].label = s->v[i].label == c;
                pos += (size_t)ex[n].label;
                n++;
            }
        if (pos == 0 || pos == n) continue;
        struct reel_model *m = NULL;
        if (sent_train(s->ctx, &m, ex, n, &o)) {
            fprintf(stderr, "kind: training failed: %s\n", reel_errmsg(s->ctx));
            free(ex);
            free(best);
            return -1;
        }
        for (size_t i = 0; i < s->n; i++) {
            if (!test[i]) continue;
            size_t known;
            double margin = model_margin(m, &s->v[i].fv, &known); /* bias included */
            if (!known) margin = m->bias;
            if (margin > best[i]) {
                best[i] = margin;
                out[i] = c;
            }
        }
        model_free(m);
    }
    free(ex);
    free(best);
    return 0;
}

/* ---------------- report ---------------- */

typedef struct {
    size_t n[N_CLASSES], right[N_CLASSES], predicted[N_CLASSES + 1];
    size_t confusion[N_CLASSES][N_CLASSES + 1];
    size_t total, correct;
} tally;

static void tally_add(tally *t, int truth, int pred)
{
    t->n[truth]++;
    t->predicted[pred]++;
    t->confusion[truth][pred]++;
    t->total++;
    if (truth == pred) {
        t->right[truth]++;
        t->correct++;
    }
}

static double pct(size_t a, size_t b)
{
    return b ? 100.0 * (double)a / (double)b : 0.0;
}

static double macro_recall(const tally *t)
{
    double sum = 0;
    int classes = 0;
    for (int c = 0; c < N_CLASSES; c++)
        if (t->n[c]) {
            sum += pct(t->right[c], t->n[c]);
            classes++;
        }
    return classes ? sum / classes : 0;
}

static void print_confusion(const char *title, const tally *t)
{
    printf("  %-22s", title);
    for (int p = 0; p <= N_CLASSES; p++)
        printf(" %9s", class_name[p]);
    printf("\n");
    for (int c = 0; c < N_CLASSES; c++) {
        printf("    %-20s", class_name[c]);
        for (int p = 0; p <= N_CLASSES; p++)
            printf(" %9zu", t->confusion[c][p]);
        printf("\n");
    }
}

/* two-sided exact sign test on the documents the two sides disagree on */
static double sign_test(size_t b, size_t c)
{
    size_t n = b + c, k = b < c ? b : c;
    if (n == 0) return 1;
    double p = 0;
    for (size_t i = 0; i <= k; i++)
        p += exp(lgamma((double)n + 1) - lgamma((double)i + 1) -
                 lgamma((double)(n - i) + 1) - (double)n * log(2.0));
    p *= 2;
    return p > 1 ? 1 : p;
}

static void report(const itemset *s, size_t k, size_t groups)
{
    tally rules = {0}, model = {0}, src_rules[N_SOURCES] = {0},
          src_model[N_SOURCES] = {0};
    tally film_rules = {0}, film_model = {0};
    size_t rules_only = 0, model_only = 0;
    for (size_t i = 0; i < s->n; i++) {
        const item *it = &s->v[i];
        tally_add(&rules, it->label, it->rules);
        tally_add(&model, it->label, it->model);
        tally_add(&src_rules[it->source], it->label, it->rules);
        tally_add(&src_model[it->source], it->label, it->model);
        if (FILM_SOURCE(it->source)) {
            tally_add(&film_rules, it->label, it->rules);
            tally_add(&film_model, it->label, it->model);
        }
        rules_only += it->rules == it->label && it->model != it->label;
        model_only += it->model == it->label && it->rules != it->label;
    }

    printf("labelled documents by source (%zu, in %zu groups of identical clean text; "
           "%zu unreadable)\n",
           s->n, groups, s->failed);
    printf("  %-22s %9s %9s %9s\n", "source", "review", "interview", "news");
    for (int src = 0; src < N_SOURCES; src++)
        printf("  %-22s %9zu %9zu %9zu\n", source_name[src], src_rules[src].n[C_REVIEW],
               src_rules[src].n[C_INTERVIEW], src_rules[src].n[C_NEWS]);
    printf("  %-22s %9zu %9zu %9zu\n", "all", rules.n[C_REVIEW], rules.n[C_INTERVIEW],
           rules.n[C_NEWS]);
    int major = 0;
    for (int c = 1; c < N_CLASSES; c++)
        if (rules.n[c] > rules.n[major]) major = c;

    printf("\nrules (src/analyze/kind.c) vs model (sent_train one-vs-rest, %zu-fold "
           "cross-validation by group)\n",
           k);
    printf("  %-22s %6s %19s %19s\n", "", "docs", "rules rec / prec", "model rec / prec");
    for (int c = 0; c < N_CLASSES; c++)
        printf("  %-22s %6zu %8.1f%% / %5.1f%% %8.1f%% / %5.1f%%\n", class_name[c],
               rules.n[c], pct(rules.right[c], rules.n[c]),
               pct(rules.right[c], rules.predicted[c]), pct(model.right[c], model.n[c]),
               pct(model.right[c], model.predicted[c]));
    printf("  %-22s %6zu %8.1f%% (%zu)       %8.1f%% (%zu)\n", "accuracy", rules.total,
           pct(rules.correct, rules.total), rules.correct,
           pct(model.correct, model.total), model.correct);
    printf("  %-22s %6s %8.1f%%                %8.1f%%\n", "mean recall of classes", "",
           macro_recall(&rules), macro_recall(&model));
    printf("  %-22s %6s %8.1f%% (always \"%s\")\n", "majority class", "",
           pct(rules.n[major], rules.total), class_name[major]);
    printf(
        "  disagreements: rules right and model wrong %zu, model right and rules wrong "
        "%zu (two-sided sign test p = %.2g)\n",
        rules_only, model_only, sign_test(rules_only, model_only));

    printf("\nconfusion (rows: the label; columns: the answer)\n");
    print_confusion("rules", &rules);
    print_confusion("model", &model);

    printf("\naccuracy by source\n");
    printf("  %-22s %6s %9s %9s\n", "source", "docs", "rules", "model");
    for (int src = 0; src < N_SOURCES; src++)
        printf("  %-22s %6zu %8.1f%% %8.1f%%\n", source_name[src], src_rules[src].total,
               pct(src_rules[src].correct, src_rules[src].total),
               pct(src_model[src].correct, src_model[src].total));
    printf("  %-22s %6zu %8.1f%% %8.1f%%  (examples, fixtures and seeds)\n",
           "film journalism", film_rules.total, pct(film_rules.correct, film_rules.total),
           pct(film_model.correct, film_model.total));
    print_confusion("film journalism, rules", &film_rules);
    print_confusion("film journalism, model", &film_model);

    size_t tr_n = 0, tr_ok = 0;
    for (size_t i = 0; i < s->n; i++)
        if (s->v[i].transfer >= 0) {
            tr_n++;
            tr_ok += s->v[i].transfer == s->v[i].label;
        }
    if (tr_n)
        printf(
            "\nthe model trained on extraction-dev and polarity2k only, on the %zu film "
            "articles: %.1f%% (%zu right; it has never seen an interview)\n",
            tr_n, pct(tr_ok, tr_n), tr_ok);

    /* BENCH_VERBOSE=1 lists the mistakes on the other sources too */
    int all = getenv("BENCH_VERBOSE") != NULL;
    printf("\n%s the rules or the model get wrong\n",
           all ? "documents" : "film journalism");
    for (size_t i = 0; i < s->n; i++) {
        const item *it = &s->v[i];
        if ((!all && !FILM_SOURCE(it->source)) ||
            (it->rules == it->label && it->model == it->label))
            continue;
        printf("  %-60.60s %-9s rules %-9s model %s\n", it->name, class_name[it->label],
               class_name[it->rules], class_name[it->model]);
    }
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: bench_kind SRC_DIR SHARED_DIR [--reviews N] [--folds K] "
                        "[--model FILE]\n");
        return 2;
    }
    const char *src = argv[1], *shared = argv[2], *model_path = NULL;
    size_t reviews = 100, k = 10;
    for (int a = 3; a + 1 < argc; a += 2) {
        if (!strcmp(argv[a], "--reviews"))
            reviews = strtoul(argv[a + 1], NULL, 10);
        else if (!strcmp(argv[a], "--folds"))
            k = strtoul(argv[a + 1], NULL, 10);
        else if (!strcmp(argv[a], "--model"))
            model_path = argv[a + 1];
    }
    if (k < 2) k = 2;
    struct stat st;
    if (stat(shared, &st) || !S_ISDIR(st.st_mode)) {
        printf("kind: SKIP — %s is absent (the seeds and datasets are read from it)\n",
               shared);
        return 0;
    }
    itemset s = {0};
    sent_train_opts defaults;
    sent_train_defaults(&defaults);
    s.fo = defaults.fo;
    reel_ctx_new(&s.ctx);
    reel_ctx_load_model(s.ctx, NULL);
    if (model_path && reel_ctx_load_model(s.ctx, model_path))
        fprintf(stderr, "kind: %s\n", reel_errmsg(s.ctx));
    int rc = 1;
    if (load_examples(&s, src) || load_fixtures(&s, src)) goto done;
    if (load_seeds(&s, shared)) fprintf(stderr, "kind: no seeds in %s\n", shared);
    if (load_extraction(&s, shared))
        fprintf(stderr, "kind: no extraction-dev pages in %s\n", shared);
    if (load_polarity(&s, shared, reviews))
        fprintf(stderr, "kind: no polarity2k.tsv in %s\n", shared);

    size_t groups;
    assign_folds(&s, k, &groups);
    unsigned char *train = malloc(s.n + 1), *test = malloc(s.n + 1);
    int *pred = malloc((s.n + 1) * sizeof *pred);
    if (!train || !test || !pred) abort();
    for (size_t f = 0; f < k; f++) {
        for (size_t i = 0; i < s.n; i++) {
            train[i] = s.v[i].fold != f;
            test[i] = !train[i];
        }
        if (one_vs_rest(&s, train, test, pred)) goto done_cv;
        for (size_t i = 0; i < s.n; i++)
            if (test[i]) s.v[i].model = pred[i];
    }
    /* does what it learns carry over to film articles it has no kin of? */
    for (size_t i = 0; i < s.n; i++) {
        train[i] = !FILM_SOURCE(s.v[i].source);
        test[i] = !train[i];
    }
    if (one_vs_rest(&s, train, test, pred)) goto done_cv;
    for (size_t i = 0; i < s.n; i++)
        if (test[i]) s.v[i].transfer = pred[i];
    report(&s, k, groups);
    rc = 0;
done_cv:
    free(train);
    free(test);
    free(pred);
done:
    for (size_t i = 0; i < s.n; i++) {
        free(s.v[i].name);
        featvec_free(&s.v[i].fv);
    }
    free(s.v);
    reel_ctx_free(s.ctx);
    return rc;
}
