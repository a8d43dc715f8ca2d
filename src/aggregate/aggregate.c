/* aggregate.c — per-film reception from mergeable partials. A partial is
 * the set of its articles' summaries keyed by article id (verdict, kind,
 * outlet, quote and fact candidates): merging is set union, so it is
 * associative, commutative and idempotent, and finalize computes every
 * figure (critics' score, share positive, histogram, spread, extremes,
 * quotes, facts) from the summaries in id order. A sharded run therefore
 * gives the byte-identical report of a single run.
 */
#include "aggregate.h"
#include "../identity.h"
#include "../internal.h"
#include "../jv.h"
#include "../store/store.h"

#include <jansson.h>
#include <math.h>

#define PARTIAL_VERSION 1

struct reel_partial {
    char *key;
    json_t *articles; /* id → summary */
};

int reel_partial_new(reel_partial **out, const char *film_key)
{
    reel_partial *p = calloc(1, sizeof *p);
    *out = NULL;
    if (!p) return REEL_ENOMEM;
    p->key = strdup(film_key ? film_key : "");
    p->articles = json_object();
    if (!p->key || !p->articles) {
        reel_partial_free(p);
        return REEL_ENOMEM;
    }
    *out = p;
    return 0;
}

void reel_partial_free(reel_partial *p)
{
    if (!p) return;
    free(p->key);
    json_decref(p->articles);
    free(p);
}

static json_t *get_copy(json_t *o, const char *k)
{
    json_t *v = json_object_get(o, k);
    return v ? json_deep_copy(v) : json_null();
}

/* The summary of a record: what finalize needs, nothing more. */
static json_t *summary_of(json_t *rec)
{
    json_t *s = json_object();
    static const char *keep[] = {"title", "date",     "author", "outlet",    "source",
                                 "url",   "verdict",  "score",  "sentiment", "quotes",
                                 "facts", "language", NULL};
    for (const char **k = keep; *k; k++)
        json_object_set_new(s, *k, get_copy(rec, *k));
    json_t *kind = json_object_get(json_object_get(rec, "kind"), "label");
    const char *k = json_is_string(kind) ? json_string_value(kind) : "other";
    json_object_set_new(s, "kind", json_string(k));
    /* only a review has a verdict; records stored before that rule had one
       on every kind, so the summary applies it and gives the tone instead */
    if (strcmp(k, "review") != 0) {
        json_t *pp = json_object_get(json_object_get(rec, "sentiment"), "prob_positive");
        json_object_set_new(s, "verdict", json_null());
        json_object_set_new(s, "tone",
                            json_is_number(pp) ? record_tone(json_number_value(pp))
                                               : json_null());
    } else {
        json_object_set_new(s, "tone", json_null());
    }
    json_t *subj = json_object_get(rec, "subject");
    json_object_set_new(s, "film_title", get_copy(subj, "title"));
    json_object_set_new(s, "film_year", get_copy(subj, "year"));
    /* the title keys of the other titles it gives the film (film_alias.c),
     * which join title keys when partials are merged */
    json_t *aliases = json_object_get(subj, "aliases"), *al;
    size_t ai;
    if (json_array_size(aliases)) {
        json_t *keys = json_array();
        json_array_foreach(aliases, ai, al)
        {
            const char *t = json_string_value(al);
            char *k = t ? reel_film_key(t, strlen(t)) : NULL;
            if (k && *k) json_array_append_new(keys, json_string(k));
            free(k);
        }
        json_object_set_new(s, "aliases", keys);
    }
    /* which article this is a version of (identity.c) */
    const char *ident = identity_article(rec);
    json_object_set_new(s, "ident", ident ? json_string(ident) : json_null());
    return s;
}

static int partial_add_json(reel_ctx *ctx, reel_partial *p, json_t *rec)
{
    const char *id = json_string_value(json_object_get(rec, "id"));
    if (!id) return reel_error(ctx, REEL_EFORMAT, "record has no id");
    /* a summary short of a part (its facts, its verdict) is an error, not
     * a quieter report later */
    unsigned oom0 = oom_mark();
    json_t *s = summary_of(rec);
    if (!s || oom_since(oom0)) {
        json_decref(s);
        return reel_error(ctx, REEL_ENOMEM, "out of memory");
    }
    if (json_object_set_new(p->articles, id, s))
        return reel_error(ctx, REEL_ENOMEM, "out of memory");
    return 0;
}

int reel_partial_add(reel_ctx *ctx, reel_partial *p, const char *record_json)
{
    json_error_t err;
    json_t *rec = json_loads(record_json, 0, &err);
    if (!json_is_object(rec)) {
        json_decref(rec);
        return reel_error(ctx, REEL_EFORMAT, "record is not a JSON object: %s", err.text);
    }
    int rc = partial_add_json(ctx, p, rec);
    json_decref(rec);
    return rc;
}

int reel_partial_merge(reel_ctx *ctx, reel_partial *dst, const reel_partial *src)
{
    if (strcmp(dst->key, src->key) != 0)
        return reel_error(ctx, REEL_EINVAL,
                          "cannot merge partials of films '%s' and '%s'", dst->key,
                          src->key);
    const char *id;
    json_t *v;
    json_object_foreach(src->articles, id, v)
    {
        /* same id means same bytes: same summary; keep the one there */
        if (!json_object_get(dst->articles, id) &&
            json_object_set_new(dst->articles, id, json_deep_copy(v)))
            return reel_error(ctx, REEL_ENOMEM, "out of memory");
    }
    return 0;
}

const char *reel_partial_key(const reel_partial *p)
{
    return p->key;
}

size_t reel_partial_count(const reel_partial *p)
{
    return json_object_size(p->articles);
}

/* Union-find over title keys, in a JSON object key → parent key. */
static const char *root_of(json_t *parent, const char *k)
{
    for (;;) {
        const char *up = json_string_value(json_object_get(parent, k));
        if (!up || !strcmp(up, k)) return k;
        k = up;
    }
}

static void join_keys(json_t *parent, const char *a, const char *b)
{
    if (!json_object_get(parent, a)) json_object_set_new(parent, a, json_string(a));
    if (!json_object_get(parent, b)) json_object_set_new(parent, b, json_string(b));
    char *ra = strdup(root_of(parent, a)), *rb = strdup(root_of(parent, b));
    /* the smaller key is the group's, as the store does (store_alias.c) */
    if (ra && rb && strcmp(ra, rb))
        strcmp(ra, rb) < 0 ? json_object_set_new(parent, rb, json_string(ra))
                           : json_object_set_new(parent, ra, json_string(rb));
    free(ra);
    free(rb);
}

int reel_partials_join(reel_ctx *ctx, reel_partial **ps, size_t n)
{
    unsigned oom0 = oom_mark(); /* a key not joined, an article not moved */
    json_t *parent = json_object();
    if (!parent) return reel_error(ctx, REEL_ENOMEM, "out of memory");
    for (size_t i = 0; i < n; i++) {
        const char *id;
        json_t *sum, *al;
        size_t k;
        join_keys(parent, ps[i]->key, ps[i]->key);
        json_object_foreach(ps[i]->articles, id, sum)
        {
            json_array_foreach(json_object_get(sum, "aliases"), k, al)
            {
                if (json_is_string(al))
                    join_keys(parent, ps[i]->key, json_string_value(al));
            }
        }
    }
    int rc = 0;
    json_t *first = json_object(); /* group key → index of its partial */
    for (size_t i = 0; i < n && !rc; i++) {
        const char *root = root_of(parent, ps[i]->key);
        json_t *at = json_object_get(first, root);
        if (!at) {
            json_object_set_new(first, root, json_integer((json_int_t)i));
            if (strcmp(root, ps[i]->key)) {
                char *k = strdup(root);
                if (!k)
                    rc = reel_error(ctx, REEL_ENOMEM, "out of memory");
                else
                    free(ps[i]->key), ps[i]->key = k;
            }
            continue;
        }
        reel_partial *dst = ps[json_integer_value(at)];
        const char *id;
        json_t *v;
        json_object_foreach(ps[i]->articles, id, v)
        {
            if (!json_object_get(dst->articles, id))
                json_object_set_new(dst->articles, id, json_deep_copy(v));
        }
        json_object_clear(ps[i]->articles); /* emptied: the caller skips it */
    }
    json_decref(first);
    json_decref(parent);
    if (!rc && oom_since(oom0)) rc = reel_error(ctx, REEL_ENOMEM, "out of memory");
    return rc;
}

int reel_partial_to_json(char **out, reel_ctx *ctx, const reel_partial *p)
{
    json_t *o = json_pack("{s:i,s:s,s:O}", "partial_version", PARTIAL_VERSION, "film",
                          p->key, "articles", p->articles);
    *out = o ? json_dumps(o, REEL_JSON_FLAGS | JSON_SORT_KEYS) : NULL;
    json_decref(o);
    return *out ? 0 : reel_error(ctx, REEL_ENOMEM, "out of memory");
}

int reel_partial_from_json(reel_partial **out, reel_ctx *ctx, const char *json)
{
    json_error_t err;
    *out = NULL;
    json_t *o = json_loads(json, 0, &err);
    json_t *film = json_object_get(o, "film"), *arts = json_object_get(o, "articles");
    if (!json_is_object(o) || !json_is_string(film) || !json_is_object(arts) ||
        json_integer_value(json_object_get(o, "partial_version")) != PARTIAL_VERSION) {
        json_decref(o);
        return reel_error(ctx, REEL_EFORMAT, "not a reel partial (version %d): %s",
                          PARTIAL_VERSION, o ? "missing fields" : err.text);
    }
    reel_partial *p = NULL;
    if (reel_partial_new(&p, json_string_value(film))) {
        json_decref(o);
        return reel_error(ctx, REEL_ENOMEM, "out of memory");
    }
    json_decref(p->articles);
    p->articles = json_incref(arts);
    json_decref(o);
    *out = p;
    return 0;
}

/* ---------------- finalize ---------------- */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* ids in sorted order: the order every figure is computed in */
static const char **sorted_ids(json_t *arts, size_t *n)
{
    *n = json_object_size(arts);
    const char **ids = malloc((*n ? *n : 1) * sizeof *ids);
    if (!ids) return NULL;
    size_t i = 0;
    const char *k;
    json_t *v;
    json_object_foreach(arts, k, v) ids[i++] = k;
    qsort(ids, *n, sizeof *ids, cmp_str);
    return ids;
}

json_t *aggregate_article_brief(const char *id, json_t *s)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_string(id));
    static const char *keep[] = {"title",  "outlet",   "author",  "date",  "kind",
                                 "source", "url",      "verdict", "score", "sentiment",
                                 "tone",   "language", NULL};
    for (const char **k = keep; *k; k++)
        json_object_set_new(o, *k, get_copy(s, *k));
    return o;
}

/* No article wrote the film's year beside its title: the year of its
 * earliest stated release (a release date, not a home-video one). */
static void film_year_from_facts(json_t *rep)
{
    json_t *facts = json_object_get(rep, "facts"), *f;
    size_t i;
    int year = 0;
    json_array_foreach(facts, i, f)
    {
        const char *pred = json_string_value(json_object_get(f, "predicate"));
        const char *norm = json_string_value(json_object_get(f, "norm"));
        if (!pred || strcmp(pred, "release_date") != 0 || !norm || strlen(norm) < 4)
            continue;
        int y = atoi(norm);
        if (y >= 1880 && y <= 2200 && (!year || y < year)) year = y;
    }
    if (year)
        json_object_set_new(json_object_get(rep, "film"), "year", json_integer(year));
}

/* The report of one film of the partial: the articles `ids` (in id order)
 * that identity_partition put in it. */
static json_t *group_report(const reel_partial *p, const film_group *g, json_t *catalog,
                            size_t cap)
{
    const char **ids = g->ids;
    size_t n = g->n;
    unsigned oom0 = oom_mark(); /* a report short of a part is no report */
    json_t *rep = json_object();
    /* the film's name: the variant most articles use; ties → smallest.
     * Reports are dumped with sorted keys: the bytes must not depend on
     * the order a partial's JSON happened to be written in. */
    json_t *titles = json_object(), *years = json_object();
    for (size_t i = 0; i < n; i++) {
        json_t *s = json_object_get(p->articles, ids[i]);
        const char *t = json_string_value(json_object_get(s, "film_title"));
        if (t) {
            json_t *c = json_object_get(titles, t);
            json_object_set_new(titles, t,
                                json_integer(c ? json_integer_value(c) + 1 : 1));
        }
        json_t *y = json_object_get(s, "film_year");
        if (json_is_integer(y)) {
            char yb[16];
            snprintf(yb, sizeof yb, "%d", (int)json_integer_value(y));
            json_t *c = json_object_get(years, yb);
            json_object_set_new(years, yb,
                                json_integer(c ? json_integer_value(c) + 1 : 1));
        }
    }
    const char *title = NULL, *k;
    json_int_t best = 0;
    json_t *v;
    json_object_foreach(titles, k, v)
    {
        json_int_t c = json_integer_value(v);
        if (c > best || (c == best && title && strcmp(k, title) < 0)) best = c, title = k;
    }
    int year = 0;
    best = 0;
    json_object_foreach(years, k, v)
    {
        json_int_t c = json_integer_value(v);
        if (c > best || (c == best && atoi(k) < year)) best = c, year = atoi(k);
    }
    if (g->year) year = g->year;
    /* a film the catalog knows goes by the catalog's title */
    json_t *entry = g->seed >= 0 ? json_array_get(catalog, (size_t)g->seed) : NULL;
    if (json_is_string(json_object_get(entry, "title")))
        title = json_string_value(json_object_get(entry, "title"));
    json_object_set_new(rep, "film",
                        json_pack("{s:s,s:s,s:o}", "key", p->key, "title",
                                  title ? title : p->key, "year",
                                  year ? json_integer(year) : json_null()));
    json_object_set_new(rep, "title_variants", titles);
    json_decref(years);

    json_t *counts = json_pack("{s:I,s:i,s:i,s:i,s:i}", "articles", (json_int_t)n,
                               "review", 0, "interview", 0, "news", 0, "other", 0);
    json_t *arts = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *s = json_object_get(p->articles, ids[i]);
        const char *kind = json_string_value(json_object_get(s, "kind"));
        json_t *c = json_object_get(counts, kind);
        if (c) json_object_set_new(counts, kind, json_integer(json_integer_value(c) + 1));
        /* the first `cap` in id order; the rest are paged (store_film_page.c) */
        if (!cap || i < cap)
            json_array_append_new(arts, aggregate_article_brief(ids[i], s));
    }
    if (cap && n > cap)
        json_object_set_new(rep, "articles_total", json_integer((json_int_t)n));
    json_object_set_new(rep, "counts", counts);
    json_object_set_new(rep, "dates", film_review_dates(p->articles, ids, n));
    json_object_set_new(rep, "reception", film_reception(p->articles, ids, n));
    if (film_consensus(rep, p->articles, ids, n) ||
        facts_reconcile(rep, p->articles, ids, n)) {
        json_decref(arts);
        json_decref(rep);
        return NULL;
    }
    if (!year && !g->unresolved) film_year_from_facts(rep);
    json_t *film = json_object_get(rep, "film");
    char *id = identity_film_id(p->key, g->year, g->unresolved);
    if (!id) oom_note();
    json_object_set_new(film, "id", id ? json_string(id) : json_null());
    free(id);
    if (g->unresolved) json_object_set_new(film, "unresolved", json_true());
    /* the catalog's entry it resolved to: its ids ("tt0087182", "Q…") */
    if (g->seed >= 0 && json_array_get(catalog, (size_t)g->seed))
        json_object_set(film, "catalog", json_array_get(catalog, (size_t)g->seed));
    json_object_set_new(rep, "articles", arts);
    if (oom_since(oom0)) {
        json_decref(rep);
        return NULL;
    }
    return rep;
}

/* The current versions among a partial's articles: of the ids that share
 * an identity, the newer by date, else the greater id (identity.c), so
 * the choice is the same in whatever order shards met them. */
static const char **current_ids(json_t *arts, size_t *n)
{
    const char **ids = sorted_ids(arts, n);
    if (!ids) return NULL;
    json_t *best = json_object(); /* identity → index into ids */
    if (!best) {
        free(ids);
        return NULL;
    }
    for (size_t i = 0; i < *n; i++) {
        json_t *s = json_object_get(arts, ids[i]);
        const char *ident = json_string_value(json_object_get(s, "ident"));
        if (!ident) ident = ids[i];
        json_t *at = json_object_get(best, ident);
        if (at) {
            size_t j = (size_t)json_integer_value(at);
            json_t *o = json_object_get(arts, ids[j]);
            if (!identity_newer(json_string_value(json_object_get(s, "date")), ids[i],
                                json_string_value(json_object_get(o, "date")), ids[j]))
                continue;
        }
        json_object_set_new(best, ident, json_integer((json_int_t)i));
    }
    size_t k = 0;
    for (size_t i = 0; i < *n; i++) {
        json_t *s = json_object_get(arts, ids[i]);
        const char *ident = json_string_value(json_object_get(s, "ident"));
        if ((size_t)json_integer_value(json_object_get(best, ident ? ident : ids[i])) ==
            i)
            ids[k++] = ids[i];
    }
    *n = k;
    json_decref(best);
    return ids;
}

/* `seeds` and `catalog` (the entries as JSON, one per seed): the catalog's
 * films of the title, when the store has a catalog; NULL otherwise. */
json_t *partial_reports(const reel_partial *p, const film_seed *seeds, size_t n_seeds,
                        json_t *catalog, size_t cap)
{
    size_t n = 0, ng = 0;
    film_group *g = NULL;
    const char **ids = current_ids(p->articles, &n);
    json_t *reps = ids ? json_array() : NULL;
    if (!reps || identity_partition(p->articles, ids, n, seeds, n_seeds, &g, &ng))
        goto fail;
    for (size_t i = 0; i < ng; i++) {
        json_t *rep = group_report(p, &g[i], catalog, cap);
        if (!rep || json_array_append_new(reps, rep)) goto fail;
    }
    identity_groups_free(g, ng);
    free(ids);
    return reps;
fail:
    identity_groups_free(g, ng);
    json_decref(reps);
    free(ids);
    return NULL;
}

/* One report per film the partial holds (identity.c splits a title's
 * articles by year), one JSON object a line, in year order. */
int reel_partial_finalize(char **out, reel_ctx *ctx, const reel_partial *p)
{
    unsigned oom0 = oom_mark();
    json_t *reps = partial_reports(p, NULL, 0, NULL, FILM_REPORT_ARTICLES), *rep;
    buf b;
    buf_init(&b);
    size_t i;
    *out = NULL;
    if (!reps) return reel_error(ctx, REEL_ENOMEM, "out of memory");
    json_array_foreach(reps, i, rep)
    {
        char *one = json_dumps(rep, REEL_JSON_FLAGS | JSON_SORT_KEYS);
        if (!one) b.oom = 1;
        if (i) buf_putc(&b, '\n');
        if (one) buf_puts(&b, one);
        free(one);
    }
    json_decref(reps);
    if (b.oom || oom_since(oom0)) {
        buf_free(&b);
        return reel_error(ctx, REEL_ENOMEM, "out of memory");
    }
    *out = buf_detach(&b);
    return *out ? 0 : reel_error(ctx, REEL_ENOMEM, "out of memory");
}

json_t *partial_summaries(const reel_partial *p)
{
    return p->articles;
}
