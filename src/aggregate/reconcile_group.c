/* reconcile_group.c — one predicate's claims, grouped, become the facts of a
 * film's report (reconcile.c reads the claims and says how a predicate
 * groups): keys clustered with union-find, the spelling variants within a
 * group split into the majority and the dissent, sources counted by outlet
 * and listed up to a bound, and each group written as one fact, with its
 * conflict when the variants disagree. Every list sorted: deterministic.
 */
#include "../internal.h"
#include "reconcile.h"

#include <ctype.h>
#include <math.h>

/* beyond this many distinct values of one predicate, only exact matches
 * group (the pairwise comparison would be quadratic) */
#define MAX_FUZZY 1500
/* a fact lists this many of its sources, a variant this many of its
 * articles, and says how many more ("sources_more", "articles_more"): the
 * counts stay exact, and a film's report stays bounded however many of
 * its articles state the fact */
#define MAX_SOURCES 20
#define MAX_VARIANT_ARTICLES 20

/* A qualifier that is a name (a character), not a description ("mother",
 * "Salvador's mother"). */
static int named(const char *q)
{
    if (!q) return 0;
    unsigned char c = (unsigned char)q[0];
    if (!(isupper(c) || c >= 0x80)) return 0;
    /* "Salvador's mother": a description around a name */
    const char *p = q;
    while (*p) {
        if (*p == ' ' && islower((unsigned char)p[1])) return 0;
        p++;
    }
    return 1;
}

/* ---- union-find over distinct keys ---- */

static int uf_find(int *par, int i)
{
    while (par[i] != i) {
        par[i] = par[par[i]];
        i = par[i];
    }
    return i;
}

static void uf_union(int *par, int a, int b)
{
    a = uf_find(par, a);
    b = uf_find(par, b);
    /* the smaller index becomes the root: deterministic */
    if (a < b)
        par[b] = a;
    else if (b < a)
        par[a] = b;
}

int reconcile_cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Distinct sorted keys of a list; *out malloc'd array of borrowed strings. */
static size_t distinct(const char **keys, size_t n, const char ***out)
{
    const char **d = malloc((n ? n : 1) * sizeof *d);
    if (!d) return (size_t)-1;
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (keys[i]) d[m++] = keys[i];
    qsort(d, m, sizeof *d, reconcile_cmp_str);
    size_t u = 0;
    for (size_t i = 0; i < m; i++)
        if (!u || strcmp(d[u - 1], d[i])) d[u++] = d[i];
    *out = d;
    return u;
}

static int index_of(const char **d, size_t n, const char *k)
{
    const char **p = bsearch(&k, d, n, sizeof *d, reconcile_cmp_str);
    return p ? (int)(p - d) : -1;
}

/* Cluster keys[i] (NULL keys get -1): out[i] = cluster root index into the
 * sorted distinct keys. Returns 0 or -1 on OOM. */
int reconcile_cluster(const char **keys, size_t n, same_fn same, int mode, int *out)
{
    const char **d = NULL;
    size_t m = distinct(keys, n, &d);
    if (m == (size_t)-1) return -1;
    int *par = malloc((m ? m : 1) * sizeof *par);
    if (!par) {
        free(d);
        return -1;
    }
    for (size_t i = 0; i < m; i++)
        par[i] = (int)i;
    if (m <= MAX_FUZZY)
        for (size_t i = 0; i < m; i++)
            for (size_t j = i + 1; j < m; j++)
                if (same(d[i], d[j], mode)) uf_union(par, (int)i, (int)j);
    for (size_t i = 0; i < n; i++)
        out[i] = keys[i] ? uf_find(par, index_of(d, m, keys[i])) : -1;
    free(par);
    free(d);
    return 0;
}

/* ---- counting sources ---- */

/* How many distinct strings among claims idx[0..n): the sources (field 0)
 * or the articles (field 1). Sorted, so linear-logarithmic. */
static size_t count_distinct(claim *c, const size_t *idx, size_t n, int field)
{
    const char **v = malloc((n ? n : 1) * sizeof *v);
    if (!v) { /* noted: film_reports refuses the report (oom_since) */
        oom_note();
        return 0;
    }
    for (size_t i = 0; i < n; i++)
        v[i] = field ? c[idx[i]].id : c[idx[i]].src;
    qsort(v, n, sizeof *v, reconcile_cmp_str);
    size_t u = 0;
    for (size_t i = 0; i < n; i++)
        u += !i || strcmp(v[i - 1], v[i]);
    free(v);
    return u;
}

static size_t support_of(claim *c, const size_t *idx, size_t n)
{
    return count_distinct(c, idx, n, 0);
}

/* The first MAX_VARIANT_ARTICLES distinct articles of the claims, in id
 * order; *more: how many more there are. */
static json_t *articles_of(claim *c, const size_t *idx, size_t n, size_t *more)
{
    const char **v = malloc((n ? n : 1) * sizeof *v);
    json_t *a = json_array();
    *more = 0;
    if (!v) {
        oom_note();
        return a;
    }
    for (size_t i = 0; i < n; i++)
        v[i] = c[idx[i]].id;
    qsort(v, n, sizeof *v, reconcile_cmp_str);
    for (size_t i = 0; i < n; i++) {
        if (i && !strcmp(v[i - 1], v[i])) continue;
        if (json_array_size(a) < MAX_VARIANT_ARTICLES)
            json_array_append_new(a, json_string(v[i]));
        else
            ++*more;
    }
    free(v);
    return a;
}

/* The most frequent written form among claims (ties: the one with more
 * non-ASCII letters, as accents are the careful spelling; then the
 * smallest). field 0 value, 1 qualifier. */
static const char *display(claim *c, const size_t *idx, size_t n, int field)
{
    /* sorted, equal forms are neighbours: count runs (linear-logarithmic
     * however many articles repeat the fact) */
    const char **v = malloc((n ? n : 1) * sizeof *v);
    if (!v) {
        oom_note();
        return NULL;
    }
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        const char *x = field ? c[idx[i]].qual : c[idx[i]].value;
        if (x) v[m++] = x;
    }
    qsort(v, m, sizeof *v, reconcile_cmp_str);
    const char *best = NULL;
    size_t bc = 0;
    int bu = -1;
    for (size_t i = 0; i < m;) {
        size_t j = i;
        while (j < m && !strcmp(v[i], v[j]))
            j++;
        size_t cnt = j - i;
        int u = 0;
        for (const char *p = v[i]; *p; p++)
            u += (unsigned char)*p >= 0x80;
        /* runs come in order, so a tie keeps the smaller string */
        if (!best || cnt > bc || (cnt == bc && u > bu)) {
            best = v[i];
            bc = cnt;
            bu = u;
        }
        i = j;
    }
    free(v);
    return best;
}

/* ---- variants within a group: the majority and the dissent ---- */

typedef struct {
    const char *key; /* the variant's key (norm or qualifier norm) */
    size_t *idx;     /* claims */
    size_t n;
    size_t support;
} variant;

static int cmp_variant(const void *pa, const void *pb)
{
    const variant *a = pa, *b = pb;
    if (a->support != b->support) return a->support > b->support ? -1 : 1;
    return strcmp(a->key, b->key);
}

/* Split claims idx[0..n) into spelling variants by the key of `field`
 * (0 norm, 1 qnorm): keys that are the same name (subset) join; variants
 * are what is left. Named qualifiers only for field 1. */
static size_t variants_of(claim *c, const size_t *idx, size_t n, int field, int mode,
                          same_fn same_name, variant **out)
{
    const char **keys = malloc((n ? n : 1) * sizeof *keys);
    int *cl = malloc((n ? n : 1) * sizeof *cl);
    int *map = NULL;
    variant *v = calloc(n ? n : 1, sizeof *v);
    size_t nv = 0;
    if (!keys || !cl || !v) goto fail;
    for (size_t i = 0; i < n; i++) {
        claim *x = &c[idx[i]];
        keys[i] = field ? (named(x->qual) ? x->qnorm : NULL) : x->norm;
    }
    /* a partial name ("Salvador") fits several spellings of the full one
     * ("Salvador Mallo", "Salvador Gallo") and must not join them: the
     * full keys make the variants, a partial joins the one it fits. Done
     * on the distinct keys, which are few however many claims repeat them */
    {
        const char **d = NULL;
        size_t m = distinct(keys, n, &d);
        if (m == (size_t)-1) goto fail;
        char *partial = calloc(m + 1, 1);
        int *dcl = malloc((m + 1) * sizeof *dcl);
        const char **dfull = malloc((m + 1) * sizeof *dfull);
        if (!partial || !dcl || !dfull) {
            free(d);
            free(partial);
            free(dcl);
            free(dfull);
            goto fail;
        }
        for (size_t i = 0; i < m && m <= MAX_FUZZY; i++)
            for (size_t j = 0; j < m && !partial[i]; j++)
                if (strlen(d[j]) > strlen(d[i]) && same_name(d[i], d[j], mode))
                    partial[i] = 1;
        for (size_t i = 0; i < m; i++)
            dfull[i] = partial[i] ? NULL : d[i];
        int bad = reconcile_cluster(dfull, m, same_name, mode, dcl);
        for (size_t i = 0; i < m && !bad; i++) {
            if (!partial[i]) continue;
            int fit = -1;
            for (size_t j = 0; j < m && fit != -2; j++) {
                if (!dfull[j] || !same_name(d[i], dfull[j], mode)) continue;
                if (fit == -1)
                    fit = dcl[j];
                else if (fit != dcl[j])
                    fit = -2;
            }
            dcl[i] = fit >= 0 ? fit : -1;
        }
        for (size_t i = 0; i < n && !bad; i++) {
            cl[i] = keys[i] ? dcl[index_of(d, m, keys[i])] : -1;
        }
        free(d);
        free(partial);
        free(dcl);
        free(dfull);
        if (bad) goto fail;
    }
    map = malloc((n ? n : 1) * sizeof *map);
    if (!map) goto fail;
    for (size_t i = 0; i < n; i++)
        map[i] = -1;
    for (size_t i = 0; i < n; i++) {
        if (cl[i] < 0) continue;
        /* cl[i] indexes the distinct keys, fewer than n */
        if (map[cl[i]] < 0) {
            map[cl[i]] = (int)nv;
            v[nv].idx = malloc(n * sizeof *v[nv].idx);
            if (!v[nv].idx) goto fail;
            nv++;
        }
        variant *w = &v[map[cl[i]]];
        w->idx[w->n++] = idx[i];
    }
    for (size_t k = 0; k < nv; k++) {
        v[k].support = support_of(c, v[k].idx, v[k].n);
        /* the variant's key: its longest (fullest) key, then the smallest */
        const char *best = NULL;
        for (size_t i = 0; i < v[k].n; i++) {
            claim *x = &c[v[k].idx[i]];
            const char *kk = field ? x->qnorm : x->norm;
            if (!best || strlen(kk) > strlen(best) ||
                (strlen(kk) == strlen(best) && strcmp(kk, best) < 0))
                best = kk;
        }
        v[k].key = best;
    }
    qsort(v, nv, sizeof *v, cmp_variant);
    free(keys);
    free(cl);
    free(map);
    *out = v;
    return nv;
fail:
    for (size_t k = 0; k < nv; k++)
        free(v[k].idx);
    free(keys);
    free(cl);
    free(map);
    free(v);
    *out = NULL;
    return (size_t)-1;
}

static void variants_free(variant *v, size_t n)
{
    if (!v) return;
    for (size_t k = 0; k < n && n != (size_t)-1; k++)
        free(v[k].idx);
    free(v);
}

/* The first MAX_SOURCES claims of a fact (emit_group says how many more). */
static json_t *sources_json(claim *c, const size_t *idx, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n && i < MAX_SOURCES; i++) {
        claim *x = &c[idx[i]];
        json_t *o = json_object();
        json_object_set_new(o, "article", json_string(x->id));
        json_object_set_new(o, "outlet",
                            x->outlet ? json_string(x->outlet) : json_null());
        json_object_set_new(o, "value", json_string(x->value));
        json_object_set_new(o, "qualifier", x->qual ? json_string(x->qual) : json_null());
        json_t *span = json_object_get(x->fact, "span");
        json_object_set_new(o, "span", span ? json_deep_copy(span) : json_null());
        const char *ev = jv_str(x->fact, "evidence");
        json_object_set_new(o, "evidence", json_string(ev ? ev : ""));
        json_array_append_new(a, o);
    }
    return a;
}

static json_t *variant_json(claim *c, const variant *v, int field)
{
    const char *shown = display(c, v->idx, v->n, field);
    size_t more = 0;
    json_t *arts = articles_of(c, v->idx, v->n, &more);
    json_t *o = json_pack("{s:s,s:I,s:o}", "value", shown ? shown : v->key, "support",
                          (json_int_t)v->support, "articles", arts);
    if (o && more)
        json_object_set_new(o, "articles_more", json_integer((json_int_t)more));
    return o;
}

/* ---- one group of claims → one fact of the report ---- */

/* The dispute in one field of a group: sets *nv variants (caller frees);
 * returns 1 when there is one, 0 when not, -1 on OOM. */
static int dispute(claim *c, const size_t *idx, size_t n, int field, const check_t *ck,
                   variant **v, size_t *nv)
{
    *v = NULL;
    *nv = 0;
    if (!ck->check) return 0;
    size_t m = variants_of(c, idx, n, field, ck->mode, ck->same, v);
    if (m == (size_t)-1) return -1;
    *nv = m;
    return m >= 2;
}

static void add_dispute(out_t *o, json_t *f, const char *pred, const char *field_name,
                        const char *about, claim *c, variant *v, size_t nv, int field)
{
    int tie = v[0].support == v[1].support;
    json_t *d = json_object();
    json_object_set_new(d, "majority", variant_json(c, &v[0], field));
    json_t *dis = json_array();
    for (size_t k = 1; k < nv; k++)
        json_array_append_new(dis, variant_json(c, &v[k], field));
    json_object_set_new(d, "dissent", dis);
    json_object_set_new(d, "tie", json_boolean(tie));
    /* the fact carries the first dispute flat (render and API read it) */
    if (!json_is_true(json_object_get(f, "conflict"))) {
        json_object_set_new(f, "conflict", json_true());
        json_object_set_new(f, "disputed", json_string(field_name));
        json_object_set(f, "majority", json_object_get(d, "majority"));
        json_object_set(f, "dissent", dis);
        json_object_set_new(f, "tie", json_boolean(tie));
    } else {
        json_object_set(f, "character_dispute", d);
    }
    json_t *cf = json_object();
    json_object_set_new(cf, "predicate", json_string(pred));
    json_object_set_new(cf, "disputed", json_string(field_name));
    json_object_set_new(cf, "about", about ? json_string(about) : json_null());
    json_object_set(cf, "majority", json_object_get(d, "majority"));
    json_object_set(cf, "dissent", dis);
    json_object_set_new(cf, "tie", json_boolean(tie));
    json_array_append_new(o->conflicts, cf);
    json_decref(d);
}

static int emit_group(out_t *o, const char *pred, claim *c, const size_t *idx, size_t n,
                      const check_t *vck, const check_t *qck)
{
    variant *v = NULL, *q = NULL;
    size_t nv = 0, nq = 0;
    int rc = 0;
    json_t *f = json_object();
    json_object_set_new(f, "predicate", json_string(pred));
    int dv = dispute(c, idx, n, 0, vck, &v, &nv);
    int dq = dv < 0 ? -1 : dispute(c, idx, n, 1, qck, &q, &nq);
    if (dv < 0 || dq < 0) {
        rc = -1;
        goto done;
    }
    /* shown: the majority's spelling; the named character most sources
     * give, else a description */
    const char *value = dv ? display(c, v[0].idx, v[0].n, 0) : display(c, idx, n, 0);
    const char *qual = NULL;
    if (dq) {
        qual = display(c, q[0].idx, q[0].n, 1);
    } else {
        size_t *ni = malloc((n ? n : 1) * sizeof *ni), m = 0;
        if (!ni) {
            rc = -1;
            goto done;
        }
        for (size_t i = 0; i < n; i++)
            if (named(c[idx[i]].qual)) ni[m++] = idx[i];
        qual = m ? display(c, ni, m, 1) : display(c, idx, n, 1);
        free(ni);
    }
    const char *norm = c[idx[0]].norm;
    for (size_t i = 0; i < n; i++)
        if (value && !strcmp(c[idx[i]].value, value)) {
            norm = c[idx[i]].norm;
            break;
        }
    json_object_set_new(f, "value", json_string(value ? value : ""));
    json_object_set_new(f, "norm", json_string(norm));
    json_object_set_new(f, "qualifier", qual ? json_string(qual) : json_null());
    json_object_set_new(f, "support", json_integer((json_int_t)support_of(c, idx, n)));
    double conf = 0;
    for (size_t i = 0; i < n; i++) {
        double x = json_number_value(json_object_get(c[idx[i]].fact, "confidence"));
        if (x > conf) conf = x;
    }
    json_object_set_new(f, "confidence", json_real(round(conf * 100) / 100));
    json_object_set_new(f, "conflict", json_false());
    json_object_set_new(f, "dissent", json_array());
    if (dv) add_dispute(o, f, pred, "value", NULL, c, v, nv, 0);
    if (dq) add_dispute(o, f, pred, "qualifier", value, c, q, nq, 1);
    json_object_set_new(f, "sources", sources_json(c, idx, n));
    if (n > MAX_SOURCES)
        json_object_set_new(f, "sources_more",
                            json_integer((json_int_t)(n - MAX_SOURCES)));
    json_array_append(o->facts, f);
done:
    json_decref(f);
    variants_free(v, nv);
    variants_free(q, nq);
    return rc;
}

/* Group claims by `group` and emit each group; groups in order of first
 * claim (claims are sorted, so this is deterministic). */
int reconcile_emit_groups(out_t *o, const char *pred, claim *c, size_t n,
                          const check_t *vck, const check_t *qck)
{
    size_t *idx = malloc((n ? n : 1) * sizeof *idx);
    char *done = calloc(n ? n : 1, 1);
    int rc = 0;
    if (!idx || !done) rc = -1;
    for (size_t i = 0; i < n && !rc; i++) {
        if (done[i]) continue;
        size_t m = 0;
        for (size_t j = i; j < n; j++)
            if (!done[j] && c[j].group == c[i].group) {
                idx[m++] = j;
                done[j] = 1;
            }
        rc = emit_group(o, pred, c, idx, m, vck, qck);
    }
    free(idx);
    free(done);
    return rc;
}
