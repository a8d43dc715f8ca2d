/* reconcile.h — private to the facts reconciliation (reconcile.c reads a
 * film's claims and decides how each predicate groups; reconcile_group.c
 * clusters them and writes each group as a fact): the claim both work on.
 */
#ifndef REEL_RECONCILE_H
#define REEL_RECONCILE_H

#include "../internal.h"
#include "../jv.h"
#include "aggregate.h"

#include <jansson.h>

/* One fact an article states about its film. */
typedef struct {
    const char *pred;
    const char *id; /* article id */
    char *src;      /* independence key: folded outlet, else the id */
    const char *outlet;
    const char *value; /* as written */
    char *norm;        /* matching key of the value */
    const char *qual;  /* as written, or NULL */
    char *qnorm;       /* matching key of the qualifier, or NULL */
    json_t *fact;      /* borrowed from the summary */
    int group;         /* cluster of the value */
    int sub;           /* cluster of the qualifier within the group */
} claim;

/* Are two keys the same value (mode: NAMES_PERSON / NAMES_CHARACTER)? */
typedef int (*same_fn)(const char *a, const char *b, int mode);

/* The report's lists a predicate's groups are appended to. */
typedef struct {
    json_t *facts, *conflicts;
} out_t;

/* How a field (value or qualifier) of a group is checked for a dispute. */
typedef struct {
    int check; /* look for a dispute in this field */
    int mode;  /* NAMES_PERSON / NAMES_CHARACTER */
    same_fn same;
} check_t;

/* strcmp for qsort over an array of strings. */
int reconcile_cmp_str(const void *a, const void *b);

/* Cluster keys[i] (NULL keys get -1): out[i] = cluster root index into the
 * sorted distinct keys. Returns 0 or -1 on OOM. */
int reconcile_cluster(const char **keys, size_t n, same_fn same, int mode, int *out);

/* Group claims c[0..n) of `pred` by their `group` and append each group to
 * o as one fact (and its conflicts): vck and qck say how its value and its
 * qualifier are checked for a dispute. 0, or -1 on OOM. */
int reconcile_emit_groups(out_t *o, const char *pred, claim *c, size_t n,
                          const check_t *vck, const check_t *qck);

#endif
