/* facts_gold.h — scoring extracted facts against a gold file
 * (tests/data/seeds.facts.json): shared by tests/test_facts.c and
 * bench/bench_facts.c so the test and `make bench` count the same way.
 * A fact matches a gold one when the predicates are equal, the folded
 * values are equal (the norm for dates, ratings, runtimes, years) and the
 * qualifiers fit (same name, or one's words inside the other's).
 */
#ifndef REEL_FACTS_GOLD_H
#define REEL_FACTS_GOLD_H

#include "aggregate/namesim.h"
#include "internal.h"

#include <jansson.h>
#include <stdio.h>

typedef struct {
    size_t tp, fp, fn;    /* facts about the subject film */
    size_t otp, ofp, ofn; /* facts about other films */
    size_t articles;
} gold_score;

static inline int gold_uses_norm(const char *pred)
{
    return !strcmp(pred, "release_date") || !strcmp(pred, "rating") ||
           !strcmp(pred, "runtime") || !strcmp(pred, "year");
}

/* Does the folded string a contain the word w (folded)? */
static inline int gold_has_word(const char *a, const char *w)
{
    size_t n = strlen(w);
    for (const char *p = strstr(a, w); p; p = strstr(p + 1, w))
        if ((p == a || p[-1] == ' ') && (p[n] == ' ' || p[n] == 0 || p[n] == 's'))
            return 1;
    return 0;
}

static inline int gold_qual_fits(const char *gold, const char *got)
{
    if (!gold) return 1;
    if (!got) return 0;
    char *g = reel_fold(gold, strlen(gold)), *e = reel_fold(got, strlen(got));
    int ok = 0;
    if (g && e) {
        ok = name_compare(g, e, NAMES_CHARACTER) != NAME_DIFFERENT;
        /* "mother" fits "Salvador's mother": the last word of the shorter */
        if (!ok) {
            const char *s = strlen(g) < strlen(e) ? g : e, *l = s == g ? e : g;
            const char *last = strrchr(s, ' ');
            ok = gold_has_word(l, last ? last + 1 : s);
        }
    }
    free(g);
    free(e);
    return ok;
}

static inline int gold_value_fits(const char *pred, const char *gold, const reel_fact *f)
{
    const char *got = gold_uses_norm(pred) ? f->norm : f->value;
    if (!got) return 0;
    char *g = reel_fold(gold, strlen(gold)), *e = reel_fold(got, strlen(got));
    int ok = g && e && !strcmp(g, e);
    free(g);
    free(e);
    return ok;
}

static inline int gold_film_fits(const char *gold, const char *got)
{
    if (!got) return 0;
    char *g = reel_film_key(gold, strlen(gold)), *e = reel_film_key(got, strlen(got));
    /* a title the text cut short ("Tie Me Up!") still names the film */
    int ok = g && e && *e && (!strcmp(g, e) || !strncmp(g, e, strlen(e)));
    free(g);
    free(e);
    return ok;
}

/* Score one document against its gold entry {"subject": [...],
 * "other_films": [...]}. Misses and extras are written to log if set. */
static inline void gold_score_doc(const reel_doc *d, json_t *gold, gold_score *s,
                                  FILE *log, const char *name)
{
    for (int other = 0; other < 2; other++) {
        json_t *list = json_object_get(gold, other ? "other_films" : "subject");
        size_t ng = json_array_size(list);
        char *used = calloc(d->n_facts + 1, 1);
        char *found = calloc(ng + 1, 1);
        if (!used || !found) {
            free(used);
            free(found);
            return;
        }
        for (size_t g = 0; g < ng; g++) {
            json_t *gf = json_array_get(list, g);
            const char *pred = json_string_value(json_object_get(gf, "predicate"));
            const char *val = json_string_value(json_object_get(gf, "value"));
            const char *q = json_string_value(json_object_get(gf, "qualifier"));
            const char *film = json_string_value(json_object_get(gf, "film"));
            for (size_t k = 0; k < d->n_facts && !found[g]; k++) {
                const reel_fact *f = &d->facts[k];
                if (used[k] || f->about_subject == other || strcmp(f->predicate, pred))
                    continue;
                if (other && !gold_film_fits(film, f->film)) continue;
                if (!gold_value_fits(pred, val, f) || !gold_qual_fits(q, f->qualifier))
                    continue;
                used[k] = found[g] = 1;
            }
            if (!found[g] && log)
                fprintf(log, "  %s: missed %s%s%s %s %s\n", name, other ? "[" : "",
                        other ? film : "", other ? "]" : "", pred, val);
        }
        size_t tp = 0, fp = 0;
        for (size_t g = 0; g < ng; g++)
            tp += found[g];
        for (size_t k = 0; k < d->n_facts; k++) {
            const reel_fact *f = &d->facts[k];
            if (f->about_subject == other) continue;
            if (!used[k]) {
                fp++;
                if (log)
                    fprintf(log, "  %s: extra %s%s%s %s %s (%s)\n", name,
                            other ? "[" : "", other ? (f->film ? f->film : "?") : "",
                            other ? "]" : "", f->predicate, f->value,
                            f->qualifier ? f->qualifier : "");
            }
        }
        if (other) {
            s->otp += tp;
            s->ofp += fp;
            s->ofn += ng - tp;
        } else {
            s->tp += tp;
            s->fp += fp;
            s->fn += ng - tp;
        }
        free(used);
        free(found);
    }
    s->articles++;
}

static inline double gold_p(size_t tp, size_t fp)
{
    return tp + fp ? (double)tp / (double)(tp + fp) : 1.0;
}
static inline double gold_r(size_t tp, size_t fn)
{
    return tp + fn ? (double)tp / (double)(tp + fn) : 1.0;
}

#endif
