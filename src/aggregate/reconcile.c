/* reconcile.c — a film's facts across its articles: for each predicate the
 * values grouped (spelling variants of one name clustered by namesim.c),
 * each group with its support (independent sources: outlets, or articles
 * when the outlet is unknown) and its sources with span and sentence; the
 * majority value shown and a minority variant flagged as a conflict with
 * the sources on each side. Dates are grouped by what they are dates of,
 * so an Oct 4 release and an Oct 11 local opening are two facts, not a
 * conflict. Called by aggregate.c's finalize with the articles in id
 * order; every list is sorted, so the report's bytes do not depend on the
 * order partials were merged in.
 */
#include "reconcile.h"

#include <ctype.h>

typedef struct {
    claim *c;
    size_t n, cap;
} claims;

static void claims_free(claims *cs)
{
    for (size_t i = 0; i < cs->n; i++) {
        free(cs->c[i].src);
        free(cs->c[i].norm);
        free(cs->c[i].qnorm);
    }
    free(cs->c);
    cs->c = NULL;
    cs->n = cs->cap = 0;
}

/* ---- kinds of predicate ---- */

static const char *const person_preds[] = {"director",        "writer",   "cast",
                                           "cinematographer", "composer", "producer",
                                           "editor",          NULL};
static const char *const single_preds[] = {"rating", "runtime", "year", NULL};
static const char *const org_preds[] = {"studio", "distributor", NULL};

static int in(const char *s, const char *const *l)
{
    for (; *l; l++)
        if (!strcmp(s, *l)) return 1;
    return 0;
}

/* the order predicates are shown in */
static const char *const pred_order[] = {
    "director",   "writer",      "cast",        "cinematographer", "composer", "editor",
    "producer",   "studio",      "distributor", "release_date",    "year",     "rating",
    "runtime",    "country",     "language",    "setting",         "festival", "award",
    "nomination", "nationality", NULL};

static int pred_rank(const char *p)
{
    for (int i = 0; pred_order[i]; i++)
        if (!strcmp(pred_order[i], p)) return i;
    return 100;
}

/* ---- what counts as the same value ---- */

static int dates_compatible(const char *a, const char *b, int mode)
{
    (void)mode;
    /* "--10-11" (no year) fits "2019-10-11"; "2019-10" fits "2019-10-04" */
    size_t la = strlen(a), lb = strlen(b);
    if (!strncmp(a, "--", 2) && lb == 10) return !strcmp(a + 2, b + 5);
    if (!strncmp(b, "--", 2) && la == 10) return !strcmp(b + 2, a + 5);
    if (la < lb) return !strncmp(a, b, la);
    return !strncmp(a, b, lb);
}

/* "qualifier\x1fdate" keys: the same thing dated on the same day */
static int same_dated(const char *a, const char *b, int mode)
{
    const char *sa = strchr(a, '\x1f'), *sb = strchr(b, '\x1f');
    if (!sa || !sb || sa - a != sb - b || strncmp(a, b, (size_t)(sa - a)) != 0) return 0;
    return dates_compatible(sa + 1, sb + 1, mode);
}

static int runtimes_close(const char *a, const char *b, int mode)
{
    (void)mode;
    int x = atoi(a), y = atoi(b);
    return x - y <= 3 && y - x <= 3;
}

static int exact(const char *a, const char *b, int mode)
{
    (void)mode;
    return !strcmp(a, b);
}

static int names_related(const char *a, const char *b, int mode)
{
    return name_compare(a, b, mode) != NAME_DIFFERENT;
}

/* the same spelling: equal, or one the other with words left out */
static int names_same(const char *a, const char *b, int mode)
{
    return name_compare(a, b, mode) == NAME_SAME;
}

/* ---- grouping the claims of one predicate ---- */

static int cmp_claim(const void *pa, const void *pb)
{
    const claim *a = pa, *b = pb;
    int r = strcmp(a->pred, b->pred);
    if (r) return r;
    r = strcmp(a->norm, b->norm);
    if (r) return r;
    r = strcmp(a->id, b->id);
    if (r) return r;
    return strcmp(a->qnorm ? a->qnorm : "", b->qnorm ? b->qnorm : "");
}

/* Setting: places grouped by their country. Sources that name places in
 * two countries say the story spans both; a country no source pairs with
 * the majority's is a dispute (the restored screening in Mexico against
 * the Madrid of the others). */
static int emit_settings(out_t *o, claim *c, size_t n)
{
    int rc = 0;
    /* value: the country; qualifier: the place written */
    for (size_t i = 0; i < n; i++) {
        const char *country = c[i].qual ? c[i].qual : c[i].value;
        char *ck = reel_fold(country, strlen(country));
        if (!ck) return -1;
        c[i].qual = c[i].value;
        free(c[i].qnorm);
        c[i].qnorm = c[i].norm;
        c[i].value = country;
        c[i].norm = ck;
        c[i].group = 0;
    }
    /* countries named together by one source are not in dispute: sorted
     * by source then country, such a source shows as neighbours */
    int together = 0;
    {
        const char **sk = malloc((n ? n : 1) * sizeof *sk);
        if (!sk) return -1;
        for (size_t i = 0; i < n; i++)
            sk[i] = NULL;
        buf b;
        buf_init(&b);
        char **own = calloc(n ? n : 1, sizeof *own);
        for (size_t i = 0; own && i < n; i++) {
            buf_printf(&b, "%s\t%s", c[i].src, c[i].norm);
            own[i] = buf_detach(&b);
            sk[i] = own[i];
        }
        if (own) {
            qsort(sk, n, sizeof *sk, reconcile_cmp_str);
            for (size_t i = 1; i < n && !together; i++) {
                const char *t0 = strchr(sk[i - 1], '\t'), *t1 = strchr(sk[i], '\t');
                if (t0 && t1 && t0 - sk[i - 1] == t1 - sk[i] &&
                    !strncmp(sk[i - 1], sk[i], (size_t)(t0 - sk[i - 1])) &&
                    strcmp(t0, t1))
                    together = 1;
            }
            for (size_t i = 0; i < n; i++)
                free(own[i]);
        }
        free(own);
        free(sk);
    }
    check_t vck = {!together, 0, exact}, none = {0, 0, exact};
    if (together) {
        const char **keys = malloc((n ? n : 1) * sizeof *keys);
        int *cl = malloc((n ? n : 1) * sizeof *cl);
        if (keys && cl)
            for (size_t i = 0; i < n; i++)
                keys[i] = c[i].norm;
        if (!keys || !cl || reconcile_cluster(keys, n, exact, 0, cl)) rc = -1;
        for (size_t i = 0; i < n && !rc; i++)
            c[i].group = cl[i];
        free(keys);
        free(cl);
    }
    if (!rc) rc = reconcile_emit_groups(o, "setting", c, n, &vck, &none);
    return rc;
}

/* "Released October 11" and "opens October 11" date one event: a release
 * on the day some article calls an opening is that opening, so the report
 * shows one fact with every source rather than two. Releases on other days
 * (an Oct 4 US release beside an Oct 11 local opening) stay apart.
 * c[0..n) are the film's release_date claims. */
static int release_is_opening(claim *c, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        claim *r = &c[i];
        if (!r->qnorm || strcmp(r->qnorm, "release") != 0) continue;
        for (size_t j = 0; j < n; j++) {
            claim *o = &c[j];
            if (!o->qnorm || strcmp(o->qnorm, "opening") != 0 ||
                !dates_compatible(r->norm, o->norm, 0))
                continue;
            char *q = strdup(o->qnorm);
            if (!q) return -1;
            free(r->qnorm);
            r->qnorm = q;
            r->qual = o->qual;
            break;
        }
    }
    return 0;
}

/* An award's key without its leading count: "6 academy award nominations"
 * → "academy award nominations"; other keys as they are. */
static const char *uncounted(const char *norm)
{
    const char *p = norm;
    while (isdigit((unsigned char)*p))
        p++;
    return p > norm && *p == ' ' && p[1] ? p + 1 : norm;
}

static int do_predicate(out_t *o, const char *pred, claim *c, size_t n)
{
    const char **keys = malloc((n ? n : 1) * sizeof *keys);
    char **dated = calloc(n ? n : 1, sizeof *dated); /* keys made for dates */
    int *cl = malloc((n ? n : 1) * sizeof *cl);
    int rc = 0;
    check_t none = {0, NAMES_PERSON, exact};
    check_t vck = none, qck = none;
    if (!keys || !cl || !dated) {
        rc = -1;
        goto done;
    }
    if (!strcmp(pred, "setting")) {
        rc = emit_settings(o, c, n);
        goto done;
    }
    same_fn group_by = exact;
    int group_mode = NAMES_PERSON, by_qual = 0;
    if (in(pred, person_preds)) {
        /* one group per person; the spelling disputed, and for the cast
         * the character too */
        group_by = names_related;
        vck = (check_t){1, NAMES_PERSON, names_same};
        if (!strcmp(pred, "cast")) qck = (check_t){1, NAMES_CHARACTER, names_same};
    } else if (in(pred, org_preds)) {
        group_by = names_related; /* "Sony Pictures Classics" = "Sony Classics" */
    } else if (!strcmp(pred, "release_date")) {
        /* one group per thing dated and day: a film opens on many days in
         * many places, so two days are two facts, never a dispute */
        by_qual = 2;
        if ((rc = release_is_opening(c, n))) goto done;
    } else if (!strcmp(pred, "nationality")) {
        by_qual = 1; /* per person, the country disputed */
        group_by = names_related;
        vck = (check_t){1, 0, exact};
    } else if (!strcmp(pred, "award") || !strcmp(pred, "nomination")) {
        qck = (check_t){1, NAMES_PERSON, names_same}; /* who won it */
        /* "4 Academy Awards" and "6 Academy Awards" count one thing: one
         * fact keyed without the number, the numbers a dispute (a key
         * without a count holds one value, so it never disputes) */
        vck = (check_t){1, 0, exact};
        by_qual = 3;
    } else if (in(pred, single_preds)) {
        group_mode = -1; /* one value expected: all in one group */
        vck = (check_t){1, 0, !strcmp(pred, "runtime") ? runtimes_close : exact};
    }
    if (group_mode < 0) {
        for (size_t i = 0; i < n; i++)
            c[i].group = 0;
    } else {
        for (size_t i = 0; i < n && !rc; i++) {
            if (by_qual == 2) {
                char *k =
                    malloc(strlen(c[i].qnorm ? c[i].qnorm : "") + strlen(c[i].norm) + 2);
                if (!k) {
                    rc = -1;
                    break;
                }
                sprintf(k, "%s\x1f%s", c[i].qnorm ? c[i].qnorm : "", c[i].norm);
                keys[i] = dated[i] = k;
            } else if (by_qual == 3) {
                keys[i] = uncounted(c[i].norm);
            } else {
                keys[i] = by_qual ? (c[i].qnorm ? c[i].qnorm : "") : c[i].norm;
            }
        }
        if (rc) goto done;
        if (by_qual == 2) group_by = same_dated;
        if ((rc = reconcile_cluster(keys, n, group_by, group_mode, cl))) goto done;
        for (size_t i = 0; i < n; i++)
            c[i].group = cl[i];
    }
    rc = reconcile_emit_groups(o, pred, c, n, &vck, &qck);
done:
    for (size_t i = 0; dated && i < n; i++)
        free(dated[i]);
    free(dated);
    free(keys);
    free(cl);
    return rc;
}

static int cmp_fact_json(const void *pa, const void *pb)
{
    json_t *a = *(json_t *const *)pa, *b = *(json_t *const *)pb;
    /* a fact short of its predicate (an allocation failed: the report is
     * then refused, see oom_since) still sorts */
    const char *p = jv_str(a, "predicate") ? jv_str(a, "predicate") : "",
               *q = jv_str(b, "predicate") ? jv_str(b, "predicate") : "";
    int ra = pred_rank(p), rb = pred_rank(q);
    if (ra != rb) return ra - rb;
    int r = strcmp(p, q);
    if (r) return r;
    json_int_t sa = json_integer_value(json_object_get(a, "support"));
    json_int_t sb = json_integer_value(json_object_get(b, "support"));
    if (sa != sb) return sa > sb ? -1 : 1;
    r = strcmp(jv_str(a, "norm") ? jv_str(a, "norm") : "",
               jv_str(b, "norm") ? jv_str(b, "norm") : "");
    if (r) return r;
    return strcmp(jv_str(a, "qualifier") ? jv_str(a, "qualifier") : "",
                  jv_str(b, "qualifier") ? jv_str(b, "qualifier") : "");
}

static json_t *sorted_array(json_t *arr)
{
    size_t n = json_array_size(arr);
    json_t **v = malloc((n ? n : 1) * sizeof *v);
    json_t *out = json_array();
    if (!v) {
        oom_note(); /* the report is refused (oom_since), not cut short */
        return out;
    }
    for (size_t i = 0; i < n; i++)
        v[i] = json_array_get(arr, i);
    qsort(v, n, sizeof *v, cmp_fact_json);
    for (size_t i = 0; i < n; i++)
        json_array_append(out, v[i]);
    free(v);
    return out;
}

int facts_reconcile(json_t *report, json_t *arts, const char **ids, size_t n)
{
    claims cs = {0};
    int rc = 0;
    out_t o = {json_array(), json_array()};
    for (size_t i = 0; i < n && !rc; i++) {
        json_t *s = json_object_get(arts, ids[i]);
        json_t *facts = json_object_get(s, "facts"), *f;
        const char *outlet = jv_str(s, "outlet");
        size_t k;
        json_array_foreach(facts, k, f)
        {
            if (!json_is_true(json_object_get(f, "about_subject"))) continue;
            const char *pred = jv_str(f, "predicate"), *value = jv_str(f, "value");
            if (!pred || !value) continue;
            if (cs.n == cs.cap) {
                size_t cap = cs.cap ? cs.cap * 2 : 64;
                claim *p = realloc(cs.c, cap * sizeof *p);
                if (!p) {
                    rc = -1;
                    break;
                }
                cs.c = p;
                cs.cap = cap;
            }
            claim *c = &cs.c[cs.n];
            memset(c, 0, sizeof *c);
            c->pred = pred;
            c->id = ids[i];
            c->outlet = outlet;
            c->src = outlet ? reel_fold(outlet, strlen(outlet)) : strdup(ids[i]);
            if (c->src && !*c->src) {
                free(c->src);
                c->src = strdup(ids[i]);
            }
            c->value = value;
            const char *norm = jv_str(f, "norm");
            if (in(pred, org_preds)) {
                char *fo = reel_fold(value, strlen(value));
                c->norm = fo ? org_key(fo) : NULL;
                free(fo);
            } else {
                c->norm = norm ? strdup(norm) : reel_fold(value, strlen(value));
            }
            c->qual = jv_str(f, "qualifier");
            c->qnorm = c->qual ? reel_fold(c->qual, strlen(c->qual)) : NULL;
            c->fact = f;
            cs.n++;
            if (!c->src || !c->norm || (c->qual && !c->qnorm)) {
                rc = -1;
                break;
            }
        }
    }
    /* claims sorted by predicate, then value: each predicate a range */
    if (!rc && cs.n) {
        qsort(cs.c, cs.n, sizeof *cs.c, cmp_claim);
        for (size_t i = 0; i < cs.n && !rc;) {
            size_t j = i;
            while (j < cs.n && !strcmp(cs.c[j].pred, cs.c[i].pred))
                j++;
            rc = do_predicate(&o, cs.c[i].pred, cs.c + i, j - i);
            i = j;
        }
    }
    json_t *facts = sorted_array(o.facts);
    json_object_set_new(report, "facts", facts);
    json_object_set_new(report, "conflicts", o.conflicts);
    json_decref(o.facts);
    claims_free(&cs);
    return rc ? REEL_ENOMEM : 0;
}