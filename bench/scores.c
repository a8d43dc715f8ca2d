/* scores.c — benchmark of the explicit-score table against Rotten Tomatoes'
 * fresh/rotten flag (rt-dev): how many printed scores parse (and why not),
 * their forms, the positive threshold that best agrees with "fresh" beside
 * naive tables at 60, and a 2-fold estimate by film (choose the threshold on
 * one half of the films, measure on the other) so the number is not only
 * in-sample. Usage: bench_scores path/to/rt_critics.tsv
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reel.h"

typedef struct {
    char *film;
    char *raw;
    int fresh;
    double score;    /* reel's table */
    double naive_pc; /* letters as school percentages */
    double naive_ln; /* letters evenly spaced F=0 ... A+=100 */
    int grade_pos;   /* a letter: positive by its grade (B- and up); else -1 */
    int fold;
} row;

typedef struct {
    char reason[96];
    long n;
    char examples[3][32];
} failure;

static const char *const letters[] = {"F",  "D-", "D",  "D+", "C-", "C", "C+",
                                      "B-", "B",  "B+", "A-", "A",  "A+"};
/* The usual US grade-to-percent table (a naive reading of a letter). */
static const double school_percent[] = {50, 61, 65, 68, 71, 75, 78,
                                        81, 85, 88, 91, 95, 97};

static int letter_index(const char *raw)
{
    for (int k = 0; k < 13; k++)
        if (strcmp(raw, letters[k]) == 0) return k;
    return -1;
}

/* Why a printed score did not parse, in words a person can act on. */
static void failure_reason(const char *raw, char *out, size_t cap)
{
    double v, sc;
    char tail;
    if (sscanf(raw, "%lf/%lf%c", &v, &sc, &tail) == 2) {
        if (v > sc)
            snprintf(out, cap, "value above its scale");
        else
            snprintf(out, cap, "x/y over an unknown scale (/%g)", sc);
    } else if (strlen(raw) <= 2 && raw[0] >= 'A' && raw[0] <= 'Z') {
        snprintf(out, cap, "letter outside A+ ... F");
    } else {
        snprintf(out, cap, "not a score form reel knows");
    }
}

static void add_failure(failure *f, int *nf, const char *raw)
{
    char reason[96];
    failure_reason(raw, reason, sizeof reason);
    int k = 0;
    while (k < *nf && strcmp(f[k].reason, reason) != 0)
        k++;
    if (k == *nf) {
        if (*nf == 16) return;
        memset(&f[k], 0, sizeof f[k]);
        snprintf(f[k].reason, sizeof f[k].reason, "%s", reason);
        (*nf)++;
    }
    if (f[k].n < 3)
        snprintf(f[k].examples[f[k].n], sizeof f[k].examples[0], "%.30s", raw);
    f[k].n++;
}

static double value_of(const row *r, int which)
{
    return which == 0 ? r->score : which == 1 ? r->naive_pc : r->naive_ln;
}

/* Agreement of "score >= t" with fresh over rows of `fold` (-1: all). */
static double agreement(const row *rows, size_t n, int which, double t, int fold,
                        long *count)
{
    long ok = 0, m = 0;
    for (size_t i = 0; i < n; i++) {
        if (fold >= 0 && rows[i].fold != fold) continue;
        m++;
        int pos = which == 0 && rows[i].grade_pos >= 0 ? rows[i].grade_pos
                                                       : value_of(&rows[i], which) >= t;
        ok += pos == rows[i].fresh;
    }
    if (count) *count = m;
    return m ? (double)ok / (double)m : 0;
}

/* The threshold (one of the observed scores) that best agrees with fresh on
 * `fold`; on a tie the one nearest 60, the conventional line. */
static double choose_threshold(const row *rows, size_t n, int fold, double *best_agree)
{
    double best_t = 60, best = -1;
    for (size_t i = 0; i < n; i++) {
        if (fold >= 0 && rows[i].fold != fold) continue;
        if (rows[i].grade_pos >= 0) continue; /* a letter's call is its grade's */
        double t = rows[i].score;
        double a = agreement(rows, n, 0, t, fold, NULL);
        if (a > best + 1e-12 ||
            (fabs(a - best) <= 1e-12 && fabs(t - 60) < fabs(best_t - 60))) {
            best = a;
            best_t = t;
        }
    }
    *best_agree = best;
    return best_t;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int cmp_row_raw(const void *a, const void *b)
{
    return strcmp(((const row *)a)->raw, ((const row *)b)->raw);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s rt_critics.tsv\n", argv[0]);
        return 2;
    }
    FILE *f = fopen(argv[1], "r");
    if (!f) {
        perror(argv[1]);
        return 1;
    }
    row *rows = NULL;
    size_t n = 0, cap = 0;
    long total = 0, scored = 0, failed = 0;
    failure fails[16];
    int nfails = 0;
    struct {
        char name[24];
        long n;
    } forms[32];
    int nforms = 0;
    char *line = NULL;
    size_t lcap = 0;
    while (getline(&line, &lcap, f) > 0) {
        char *field[8];
        char *p = line;
        int nf = 0;
        for (; nf < 8 && p; nf++) {
            field[nf] = p;
            p = strchr(p, '\t');
            if (p) *p++ = 0;
        }
        if (nf < 7) continue;
        total++;
        const char *raw = field[5];
        if (!*raw) continue;
        scored++;
        reel_score s;
        if (reel_score_parse(&s, raw, strlen(raw)) != REEL_OK) {
            failed++;
            add_failure(fails, &nfails, raw);
            continue;
        }
        /* distribution: form, and the scale for numbers */
        char key[24];
        if (s.scale > 0)
            snprintf(key, sizeof key, "%s /%g", s.form, s.scale);
        else
            snprintf(key, sizeof key, "%s", s.form);
        int k = 0;
        while (k < nforms && strcmp(forms[k].name, key) != 0)
            k++;
        if (k == nforms && nforms < 32) {
            snprintf(forms[k].name, sizeof forms[k].name, "%s", key);
            forms[k].n = 0;
            nforms++;
        }
        if (k < nforms) forms[k].n++;
        if (n == cap) {
            cap = cap ? cap * 2 : 1024;
            row *r = realloc(rows, cap * sizeof *rows);
            if (!r) return 1;
            rows = r;
        }
        row *r = &rows[n++];
        r->film = strdup(field[0]);
        r->raw = strdup(raw);
        r->fresh = field[4][0] == '1';
        r->score = s.score100;
        r->grade_pos = strcmp(s.form, "letter") == 0
                           ? reel_verdict_positive(s.form, s.value, s.score100)
                           : -1;
        int li = letter_index(s.raw);
        r->naive_pc = li >= 0 ? school_percent[li] : s.score100;
        r->naive_ln = li >= 0 ? li * 100.0 / 12 : s.score100;
        free(s.raw);
    }
    free(line);
    fclose(f);

    printf("== explicit scores on rt-dev (%s)\n", argv[1]);
    printf("rows %ld, with a printed score %ld, parsed %ld, not parsed %ld\n", total,
           scored, scored - failed, failed);
    for (int k = 0; k < nfails; k++) {
        printf("  not parsed: %-40s %5ld  e.g.", fails[k].reason, fails[k].n);
        for (long e = 0; e < fails[k].n && e < 3; e++)
            printf(" '%s'", fails[k].examples[e]);
        printf("\n");
    }
    printf("by form:\n");
    for (int k = 0; k < nforms; k++)
        printf("  %-16s %5ld  %5.1f%%\n", forms[k].name, forms[k].n,
               100.0 * forms[k].n / (double)(n ? n : 1));

    /* fold by film: sorted film ids, alternating */
    char **films = malloc((n ? n : 1) * sizeof *films);
    size_t nfilms = 0;
    for (size_t i = 0; i < n; i++)
        films[nfilms++] = rows[i].film;
    qsort(films, nfilms, sizeof *films, cmp_str);
    size_t u = 0;
    for (size_t i = 0; i < nfilms; i++)
        if (u == 0 || strcmp(films[u - 1], films[i]) != 0) films[u++] = films[i];
    for (size_t i = 0; i < n; i++) {
        char **hit = bsearch(&rows[i].film, films, u, sizeof *films, cmp_str);
        rows[i].fold = (int)((hit - films) % 2);
    }

    double best_agree;
    double t = choose_threshold(rows, n, -1, &best_agree);
    long cnt;
    printf("agreement with fresh on %zu scored rows (positive = score100 >= threshold;\n"
           "reel's letters by the grade, B- and up):\n",
           n);
    printf("  reel table, threshold chosen on rt-dev   %5.1f   %6.2f%%  (in-sample)\n", t,
           100 * best_agree);
    printf("  reel table, REEL_POSITIVE_THRESHOLD       %5.1f   %6.2f%%\n",
           (double)REEL_POSITIVE_THRESHOLD,
           100 * agreement(rows, n, 0, REEL_POSITIVE_THRESHOLD, -1, &cnt));
    printf("  naive: x/y linear, letters as school %%   %5.1f   %6.2f%%\n", 60.0,
           100 * agreement(rows, n, 1, 60, -1, NULL));
    printf("  naive: x/y linear, letters evenly spaced %5.1f   %6.2f%%\n", 60.0,
           100 * agreement(rows, n, 2, 60, -1, NULL));
    /* every threshold between the observed score below the chosen one and
       the chosen one makes the same calls */
    double below = -1;
    for (size_t i = 0; i < n; i++)
        if (rows[i].grade_pos < 0 && rows[i].score < t && rows[i].score > below)
            below = rows[i].score;
    printf("  (any threshold in (%.1f, %.1f] makes the same calls)\n", below, t);

    /* the ceiling of any table: each printed score on the side most of its
       rows are on (rows sharing a printed score cannot be told apart) */
    qsort(rows, n, sizeof *rows, cmp_row_raw);
    long ceiling = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        long fresh = 0;
        while (j < n && strcmp(rows[j].raw, rows[i].raw) == 0)
            fresh += rows[j++].fresh;
        ceiling += fresh > (long)(j - i) - fresh ? fresh : (long)(j - i) - fresh;
        i = j;
    }
    printf("  ceiling of any table (majority side of each printed score): %.2f%%\n",
           100.0 * (double)ceiling / (double)(n ? n : 1));

    long held_ok = 0, held_n = 0;
    printf("2-fold by film (%zu films): choose on one half, measure on the other:\n", u);
    for (int fold = 0; fold < 2; fold++) {
        double a_in;
        double tf = choose_threshold(rows, n, fold, &a_in);
        long m;
        double a_out = agreement(rows, n, 0, tf, 1 - fold, &m);
        printf("  chosen on fold %d: %5.1f (%.2f%% there)  held-out fold %d: %6.2f%% of "
               "%ld\n",
               fold, tf, 100 * a_in, 1 - fold, 100 * a_out, m);
        held_ok += (long)llround(a_out * (double)m);
        held_n += m;
    }
    printf("  2-fold held-out agreement: %.2f%% (target >= 94%%)\n",
           100.0 * (double)held_ok / (double)(held_n ? held_n : 1));

    for (size_t i = 0; i < n; i++) {
        free(rows[i].film);
        free(rows[i].raw);
    }
    free(rows);
    free(films);
    return 0;
}
