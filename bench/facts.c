/* bench_facts.c — the numbers bench/facts.sh prints for the facts
 * analyzer: precision and recall against tests/data/seeds.facts.json;
 * name matching and clustering on the directors, cast and studios of
 * ../shared/data/rt-dev/rt_movies.tsv (read at run time), and cast read
 * from its synopses ("Percy Jackson (Logan Lerman)") checked against its
 * cast lists; and the time facts add to the whole per-article flow,
 * measured on the same documents in the same run. Built as bench_facts.
 *
 *   bench_facts gold SRC_DIR SHARED_DIR
 *   bench_facts names RT_MOVIES_TSV
 *   bench_facts time [--model FILE] FILE...
 */
#include "../tests/facts_gold.h"
#include "aggregate/namesim.h"
#include "internal.h"

#include <ctype.h>
#include <dirent.h>
#include <time.h>

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* ---------------- gold ---------------- */

static int bench_gold(const char *src, const char *shared)
{
    char path[8192];
    snprintf(path, sizeof path, "%s/tests/data/seeds.facts.json", src);
    json_error_t err;
    json_t *gold = json_load_file(path, 0, &err);
    if (!gold) {
        fprintf(stderr, "%s: %s\n", path, err.text);
        return 1;
    }
    reel_ctx *ctx;
    reel_ctx_new(&ctx);
    reel_ctx_load_model(ctx, NULL);
    gold_score s = {0};
    const char *name;
    json_t *entry;
    json_object_foreach(json_object_get(gold, "articles"), name, entry)
    {
        snprintf(path, sizeof path, "%s/seeds/%s", shared, name);
        size_t len;
        char *bytes = file_slurp(path, &len);
        reel_doc *d = NULL;
        if (!bytes || reel_process(&d, ctx, bytes, len, path, REEL_FORMAT_AUTO)) {
            fprintf(stderr, "%s: cannot process\n", path);
            free(bytes);
            continue;
        }
        gold_score_doc(d, entry, &s, NULL, name);
        reel_doc_free(d);
        free(bytes);
    }
    printf("%-44s %9s %9s %6s %6s %6s\n", "facts vs seeds gold (5 articles)", "precision",
           "recall", "tp", "fp", "fn");
    printf("%-44s %9.3f %9.3f %6zu %6zu %6zu\n",
           "  about the subject film (target >= 0.9)", gold_p(s.tp, s.fp),
           gold_r(s.tp, s.fn), s.tp, s.fp, s.fn);
    printf("%-44s %9.3f %9.3f %6zu %6zu %6zu\n", "  about other films (kept apart)",
           gold_p(s.otp, s.ofp), gold_r(s.otp, s.ofn), s.otp, s.ofp, s.ofn);
    reel_ctx_free(ctx);
    json_decref(gold);
    return 0;
}

/* ---------------- names on rt_movies.tsv ---------------- */

#define MAXF 24

/* split a TSV line into fields (in place) */
static int fields(char *line, char **f, int max)
{
    int n = 0;
    f[n++] = line;
    for (char *p = line; *p && n < max; p++)
        if (*p == '\t') {
            *p = 0;
            f[n++] = p + 1;
        }
    char *nl = strpbrk(f[n - 1], "\r\n");
    if (nl) *nl = 0;
    return n;
}

typedef struct {
    char **v;
    size_t n, cap;
} strs;

static void strs_push(strs *s, char *x)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 16;
        s->v = realloc(s->v, s->cap * sizeof *s->v);
    }
    s->v[s->n++] = x;
}

static void strs_free(strs *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->v[i]);
    free(s->v);
    s->v = NULL;
    s->n = s->cap = 0;
}

/* comma-separated list → folded names */
static void list_folded(const char *field, strs *out, size_t max)
{
    const char *p = field;
    while (*p && out->n < max) {
        while (*p == ' ')
            p++;
        const char *e = strchr(p, ',');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (n) {
            char *k = reel_fold(p, n);
            if (k && *k)
                strs_push(out, k);
            else
                free(k);
        }
        if (!e) break;
        p = e + 1;
    }
}

/* variants a writer makes of a name: index of the longest word */
static size_t longest_word(const char *k, size_t *len)
{
    size_t best = 0, bl = 0, i = 0;
    while (k[i]) {
        size_t s = i;
        while (k[i] && k[i] != ' ')
            i++;
        if (i - s > bl) bl = i - s, best = s;
        while (k[i] == ' ')
            i++;
    }
    *len = bl;
    return best;
}

static int bench_names(const char *tsv)
{
    FILE *f = fopen(tsv, "r");
    if (!f) {
        fprintf(stderr, "%s: not found\n", tsv);
        return 1;
    }
    char *line = NULL;
    size_t cap = 0;
    size_t films = 0, names = 0;
    /* variant recall: kind → tried, found */
    const char *kinds[] = {"accent/case", "substitution", "transposition", "deletion",
                           "surname alone"};
    size_t tried[5] = {0}, found[5] = {0};
    size_t pairs = 0, merges = 0, shown = 0;
    char examples[5][160];
    size_t org_raw = 0, org_keys = 0;
    strs orgs = {0}, orgk = {0};
    /* synopses: cast extraction */
    size_t syn_facts = 0, syn_ok = 0, syn_present = 0, syn_found = 0, syn_with_char = 0;
    double syn_time = 0;
    reel_ctx *ctx;
    reel_ctx_new(&ctx);
    reel_ctx_load_model(ctx, NULL);
    while (getline(&line, &cap, f) > 0) {
        char *fl[MAXF];
        if (fields(line, fl, MAXF) < 13) continue;
        films++;
        strs people = {0};
        list_folded(fl[6], &people, 100); /* directors */
        list_folded(fl[8], &people, 100); /* actors */
        /* recall of variants of each name against itself */
        for (size_t i = 0; i < people.n && i < 15; i++) {
            const char *k = people.v[i];
            size_t n = strlen(k), wl;
            size_t w = longest_word(k, &wl);
            names++;
            char v[256];
            if (n + 2 >= sizeof v) continue;
            /* accent and case: the fold of the upper-cased name */
            tried[0]++;
            for (size_t c = 0; c <= n; c++)
                v[c] = (char)toupper((unsigned char)k[c]);
            char *fv = reel_fold(v, n);
            found[0] += fv && name_compare(k, fv, NAMES_PERSON) == NAME_SAME;
            free(fv);
            if (wl >= 5) {
                /* substitution inside the longest word */
                memcpy(v, k, n + 1);
                v[w + wl / 2] = v[w + wl / 2] == 'x' ? 'y' : 'x';
                tried[1]++;
                found[1] += name_compare(k, v, NAMES_PERSON) == NAME_VARIANT;
                /* transposition */
                memcpy(v, k, n + 1);
                char t = v[w + 1];
                v[w + 1] = v[w + 2];
                v[w + 2] = t;
                if (strcmp(v, k)) {
                    tried[2]++;
                    found[2] += name_compare(k, v, NAMES_PERSON) != NAME_DIFFERENT;
                }
                /* deletion */
                memcpy(v, k, w + wl / 2);
                memcpy(v + w + wl / 2, k + w + wl / 2 + 1, n - (w + wl / 2));
                tried[3]++;
                found[3] += name_compare(k, v, NAMES_PERSON) == NAME_VARIANT;
            }
            const char *last = strrchr(k, ' ');
            if (last) {
                tried[4]++;
                found[4] += name_compare(k, last + 1, NAMES_PERSON) == NAME_SAME;
            }
        }
        /* false merges: distinct people of one film taken for one */
        for (size_t i = 0; i < people.n; i++)
            for (size_t j = i + 1; j < people.n; j++) {
                if (!strcmp(people.v[i], people.v[j])) continue;
                pairs++;
                if (name_compare(people.v[i], people.v[j], NAMES_PERSON) !=
                    NAME_DIFFERENT) {
                    merges++;
                    if (shown < 5)
                        snprintf(examples[shown++], sizeof examples[0], "%s ~ %s",
                                 people.v[i], people.v[j]);
                }
            }
        /* studios */
        if (*fl[12]) {
            org_raw++;
            char *k = reel_fold(fl[12], strlen(fl[12]));
            char *ok = k ? org_key(k) : NULL;
            free(k);
            if (ok) {
                int seen = 0;
                for (size_t i = 0; i < orgs.n && !seen; i++)
                    seen = !strcmp(orgs.v[i], fl[12]);
                if (!seen) {
                    strs_push(&orgs, strdup(fl[12]));
                    int kseen = 0;
                    for (size_t i = 0; i < orgk.n && !kseen; i++)
                        kseen = !strcmp(orgk.v[i], ok);
                    if (!kseen) strs_push(&orgk, strdup(ok));
                }
                free(ok);
            }
        }
        /* the synopsis as a short article about the film */
        if (*fl[2]) {
            buf a;
            buf_init(&a);
            buf_printf(&a, "Review: %s\n\n%s\n", fl[1], fl[2]);
            double t0 = now();
            reel_doc *d = NULL;
            int rc = reel_process(&d, ctx, a.data, a.len, "synopsis", REEL_FORMAT_TEXT);
            syn_time += now() - t0;
            if (!rc) {
                strs actors = {0};
                list_folded(fl[8], &actors, 1000);
                char *text = reel_fold(fl[2], strlen(fl[2]));
                /* actors named in full in the synopsis */
                char *hit = calloc(actors.n + 1, 1);
                for (size_t i = 0; i < actors.n; i++)
                    if (text && strchr(actors.v[i], ' ') &&
                        gold_has_word(text, actors.v[i])) {
                        syn_present++;
                        hit[i] = 1;
                    }
                for (size_t k = 0; k < d->n_facts; k++) {
                    const reel_fact *ff = &d->facts[k];
                    if (strcmp(ff->predicate, "cast") || !ff->about_subject) continue;
                    syn_facts++;
                    syn_with_char += ff->qualifier != NULL;
                    int ok = 0;
                    for (size_t i = 0; i < actors.n && !ok; i++)
                        if (name_compare(actors.v[i], ff->norm, NAMES_PERSON) ==
                            NAME_SAME) {
                            ok = 1;
                            if (hit[i] == 1) {
                                syn_found++;
                                hit[i] = 2;
                            }
                        }
                    syn_ok += ok;
                    if (!ok && getenv("BENCH_VERBOSE"))
                        fprintf(stderr, "extra: %s | %s as %s\n", fl[1], ff->value,
                                ff->qualifier ? ff->qualifier : "-");
                }
                for (size_t i = 0; i < actors.n && getenv("BENCH_VERBOSE"); i++)
                    if (hit[i] == 1)
                        fprintf(stderr, "missed: %s | %s\n", fl[1], actors.v[i]);
                free(hit);
                free(text);
                strs_free(&actors);
            }
            reel_doc_free(d);
            buf_free(&a);
        }
        strs_free(&people);
    }
    free(line);
    fclose(f);
    org_keys = orgk.n;
    printf("\nname matching on rt_movies.tsv (%zu films, %zu names varied)\n", films,
           names);
    printf("%-44s %9s %9s\n", "  a writer's variant of a name", "found", "of");
    for (int k = 0; k < 5; k++)
        printf("  %-42s %9zu %9zu  (%.3f)\n", kinds[k], found[k], tried[k],
               tried[k] ? (double)found[k] / (double)tried[k] : 0.0);
    printf("  %-42s %9zu %9zu  (%.4f)\n", "distinct people of one film merged", merges,
           pairs, pairs ? (double)merges / (double)pairs : 0.0);
    for (size_t i = 0; i < shown; i++)
        printf("      e.g. %s\n", examples[i]);
    printf("  %-42s %9zu -> %zu keys\n", "studio spellings (distinct)", orgs.n, org_keys);
    (void)org_raw;
    printf("\ncast read from the synopses of rt_movies.tsv (real text, %.1f ms per "
           "synopsis)\n",
           films ? 1000.0 * syn_time / (double)films : 0.0);
    printf("  %-42s %9.3f  (%zu of %zu in the film's cast list; %zu with a character)\n",
           "precision", syn_facts ? (double)syn_ok / (double)syn_facts : 0.0, syn_ok,
           syn_facts, syn_with_char);
    printf("  %-42s %9.3f  (%zu of %zu cast members named in full in the synopsis)\n",
           "recall", syn_present ? (double)syn_found / (double)syn_present : 0.0,
           syn_found, syn_present);
    strs_free(&orgs);
    strs_free(&orgk);
    reel_ctx_free(ctx);
    return 0;
}

/* ---------------- time ---------------- */

static int bench_time(int argc, char **argv)
{
    reel_ctx *ctx;
    reel_ctx_new(&ctx);
    reel_ctx_load_model(ctx, NULL);
    int i = 0;
    if (argc >= 2 && !strcmp(argv[0], "--model")) {
        if (reel_ctx_load_model(ctx, argv[1]) == 0)
            fprintf(stderr, "model %s loaded\n", argv[1]);
        i = 2;
    }
    double t_flow = 0, t_facts = 0;
    size_t docs = 0, facts = 0, bytes = 0;
    const int reps = 5;
    for (; i < argc; i++) {
        size_t len;
        char *in = file_slurp(argv[i], &len);
        if (!in) continue;
        /* the whole flow: read, clean, segment, analyze (facts included),
         * record; best of a few runs against noise from other jobs */
        double best_flow = 1e9, best_facts = 1e9;
        reel_doc *keep = NULL;
        for (int r = 0; r < reps; r++) {
            double t0 = now();
            reel_doc *d = NULL;
            char *rec = NULL;
            if (reel_process(&d, ctx, in, len, argv[i], REEL_FORMAT_AUTO) == 0)
                reel_record_to_json(&rec, ctx, d, 0);
            double t = now() - t0;
            if (t < best_flow) best_flow = t;
            free(rec);
            if (r == 0 && d) {
                keep = d;
            } else {
                reel_doc_free(d);
            }
        }
        if (!keep) {
            free(in);
            continue;
        }
        /* the facts analyzer alone on the same document */
        for (int r = 0; r < reps; r++) {
            double t0 = now();
            analyze_facts(ctx, keep);
            double t = now() - t0;
            if (t < best_facts) best_facts = t;
        }
        t_flow += best_flow;
        t_facts += best_facts;
        facts += keep->n_facts;
        bytes += len;
        docs++;
        reel_doc_free(keep);
        free(in);
    }
    double without = t_flow - t_facts;
    printf("%-30s %6zu docs %8.1f KB  flow %8.3f ms/doc  facts %7.3f ms/doc  +%5.1f%% "
           "(target <= 30%%)  %zu facts\n",
           getenv("BENCH_LABEL") ? getenv("BENCH_LABEL") : "time", docs,
           (double)bytes / 1024.0, docs ? 1000.0 * without / (double)docs : 0.0,
           docs ? 1000.0 * t_facts / (double)docs : 0.0,
           without > 0 ? 100.0 * t_facts / without : 0.0, facts);
    reel_ctx_free(ctx);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 4 && !strcmp(argv[1], "gold")) return bench_gold(argv[2], argv[3]);
    if (argc >= 3 && !strcmp(argv[1], "names")) return bench_names(argv[2]);
    if (argc >= 2 && !strcmp(argv[1], "time")) return bench_time(argc - 2, argv + 2);
    fprintf(stderr, "usage: bench_facts gold SRC SHARED | names RT_MOVIES_TSV | time "
                    "[--model F] FILE...\n");
    return 2;
}
