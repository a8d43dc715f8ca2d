/* namesim.c — name matching for reconciliation. Two names are the same
 * when one is the other with words left out ("Banderas", "Antonio
 * Banderas"), a spelling variant when their words pair up in order with
 * small edit distances (Mallo/Gallo, Etxeandia/Exteandia, Federico/
 * Frederico: one edit, a transposition counting as one), else different.
 * The tolerance grows with word length so that short distinct names
 * (Ana/Ava) stay apart; bench/facts.sh measures merges and misses on the
 * cast lists of 939 films.
 */
#include "namesim.h"

#include <stdlib.h>
#include <string.h>

int name_osa(const char *a, size_t an, const char *b, size_t bn, int max)
{
    if (an > 64 || bn > 64) return an == bn && !memcmp(a, b, an) ? 0 : max + 1;
    int d = (int)an - (int)bn;
    if (d < 0) d = -d;
    if (d > max) return max + 1;
    /* three rows of the dynamic programme */
    int r0[65], r1[65], r2[65];
    int *pp = r0, *p = r1, *c = r2;
    for (size_t j = 0; j <= bn; j++)
        p[j] = (int)j;
    for (size_t i = 1; i <= an; i++) {
        c[0] = (int)i;
        int best = c[0];
        for (size_t j = 1; j <= bn; j++) {
            int cost = a[i - 1] != b[j - 1];
            int v = p[j] + 1;
            if (c[j - 1] + 1 < v) v = c[j - 1] + 1;
            if (p[j - 1] + cost < v) v = p[j - 1] + cost;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                pp[j - 2] + 1 < v)
                v = pp[j - 2] + 1;
            c[j] = v;
            if (v < best) best = v;
        }
        if (best > max) return max + 1;
        int *t = pp;
        pp = p;
        p = c;
        c = t;
    }
    return p[bn] > max ? max + 1 : p[bn];
}

/* edits a word of this length may differ by and still be the same word */
static int tolerance(size_t n)
{
    if (n < 5) return 0;
    if (n < 9) return 1;
    return 2;
}

typedef struct {
    const char *w[8];
    size_t n[8];
    size_t count;
} words;

static void split(const char *s, words *out)
{
    out->count = 0;
    while (*s && out->count < 8) {
        while (*s == ' ')
            s++;
        if (!*s) break;
        const char *e = strchr(s, ' ');
        size_t n = e ? (size_t)(e - s) : strlen(s);
        out->w[out->count] = s;
        out->n[out->count] = n;
        out->count++;
        s += n;
    }
}

/* 0 no match, 1 exact, 2 within tolerance */
static int word_match(const char *a, size_t an, const char *b, size_t bn)
{
    if (an == bn && !memcmp(a, b, an)) return 1;
    size_t m = an < bn ? an : bn;
    int tol = tolerance(m);
    if (!tol) return 0;
    return name_osa(a, an, b, bn, tol) <= tol ? 2 : 0;
}

int name_compare(const char *a, const char *b, int mode)
{
    if (!a || !b || !*a || !*b) return NAME_DIFFERENT;
    if (!strcmp(a, b)) return NAME_SAME;
    words A, B;
    split(a, &A);
    split(b, &B);
    const words *S = A.count <= B.count ? &A : &B, *L = S == &A ? &B : &A;
    if (!S->count) return NAME_DIFFERENT;
    /* a lone word: the surname of a person, any name of a character */
    if (S->count == 1 && L->count > 1) {
        size_t lo = mode == NAMES_PERSON ? L->count - 1 : 0;
        for (size_t k = lo; k < L->count; k++) {
            int m = word_match(S->w[0], S->n[0], L->w[k], L->n[k]);
            if (m == 1) return NAME_SAME;
            if (m == 2) return NAME_VARIANT;
        }
        return NAME_DIFFERENT;
    }
    /* words pair up in order; every word of the shorter name is used */
    size_t j = 0;
    int approx = 0, exact = 0;
    for (size_t i = 0; i < S->count; i++) {
        int found = 0;
        for (; j < L->count; j++) {
            int m = word_match(S->w[i], S->n[i], L->w[j], L->n[j]);
            if (m) {
                found = 1;
                if (m == 2)
                    approx++;
                else
                    exact++;
                j++;
                break;
            }
        }
        if (!found) return NAME_DIFFERENT;
    }
    /* two words both misspelt is two different names */
    if (approx && !exact) return S->count == 1 ? NAME_VARIANT : NAME_DIFFERENT;
    return approx ? NAME_VARIANT : NAME_SAME;
}

char *org_key(const char *folded)
{
    static const char *const drop[] = {"pictures",
                                       "picture",
                                       "entertainment",
                                       "studios",
                                       "studio",
                                       "films",
                                       "film",
                                       "productions",
                                       "production",
                                       "inc",
                                       "ltd",
                                       "llc",
                                       "co",
                                       "corp",
                                       "corporation",
                                       "company",
                                       "home",
                                       "video",
                                       "releasing",
                                       "the",
                                       "distribution",
                                       "group",
                                       "media",
                                       "worldwide",
                                       "international",
                                       NULL};
    size_t n = strlen(folded);
    char *out = malloc(n * 2 + 16);
    if (!out) return NULL;
    size_t o = 0;
    words W;
    const char *s = folded;
    /* split handles 8 words; organisations are short */
    split(s, &W);
    for (size_t i = 0; i < W.count; i++) {
        const char *w = W.w[i];
        size_t wn = W.n[i];
        int skip = 0;
        for (const char *const *d = drop; *d; d++)
            if (strlen(*d) == wn && !strncmp(*d, w, wn)) skip = 1;
        /* keep a dropped word when it is all there is ("Universal") */
        if (skip && W.count > 1) continue;
        const char *rep = NULL;
        if (wn == 4 && !strncmp(w, "bros", 4)) rep = "brothers";
        if (wn == 4 && !strncmp(w, "20th", 4)) rep = "twentieth";
        if (o) out[o++] = ' ';
        if (rep) {
            memcpy(out + o, rep, strlen(rep));
            o += strlen(rep);
        } else {
            memcpy(out + o, w, wn);
            o += wn;
        }
    }
    out[o] = 0;
    return out;
}
