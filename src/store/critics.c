/* critics.c — the critic and outlet views (docs/api.md): every
 * review's byline, film and verdict read once (store_ops.each_review), its
 * critic and outlet named as byline.c unifies them, and per critic (or
 * outlet): reviews, average and spread of their 0-100 scores, share
 * positive, and agreement with each film's consensus. Computed above the
 * backends, so SQLite and PostgreSQL answer byte for byte alike.
 *
 * Agreement: a review agrees when its verdict (positive or not) is the
 * majority verdict of the film's OTHER reviews — those by anyone but this
 * critic (outlet) — so a critic is not counted as agreeing with themselves.
 * A film whose other reviews are tied, or that has no other review with a
 * verdict, has no consensus and the review is not compared. A film is its
 * title key and year; a review without a year joins its title key's one
 * year when the key has only one.
 */
#include "../byline.h"
#include "../identity.h"
#include "../jv.h"
#include "store.h"

#include <math.h>

typedef struct {
    char *id, *critic, *outlet, *ckey, *okey, *film_key, *title, *date, *raw, *source;
    int year, group;
    int positive; /* 1, 0, or -1: no verdict */
    double score100;
    /* for the view's critic (outlet): the film's other reviews' verdicts */
    int others_pos, others_neg;
    int agrees;               /* 1, 0, or -1: not compared */
    const char *pkey, *pname; /* the view's critic or outlet (borrowed) */
} review;

typedef struct {
    int pos, neg;
} fgroup;

typedef struct {
    review **rs; /* its reviews, in order of film then id */
    size_t n;
    const char *key, *name;
    int scored, verdicts, positive, agreed, compared;
    double mean, sd;
    const char *other; /* a critic's main outlet */
    int n_other;       /* an outlet's critics */
} person;

typedef struct {
    reel_store *st;
    int by_outlet;
    review *rows;
    size_t n, cap;
    fgroup *groups;
    size_t ng;
    review **order; /* the named reviews, by person, film, id */
    size_t n_order;
    person *people;
    size_t np;
    int oom;
} view;

/* A key and its most frequent shown name, with its count of reviews. */
typedef struct {
    const char *key, *name;
    int n;
} tally;

static char *dup_or_null(const char *s)
{
    return s && *s ? strdup(s) : NULL;
}

static int add_review(void *user, const store_review *r)
{
    view *v = user;
    if (v->n == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 256;
        review *rows = realloc(v->rows, cap * sizeof *rows);
        if (!rows) return reel_error(v->st->ctx, REEL_ENOMEM, "out of memory");
        v->rows = rows;
        v->cap = cap;
    }
    review *w = &v->rows[v->n];
    memset(w, 0, sizeof *w);
    w->group = -1;
    w->positive = w->agrees = -1;
    w->score100 = NAN;
    v->n++;
    w->id = strdup(r->id ? r->id : "");
    w->outlet = byline_outlet(r->outlet);
    w->critic = byline_critic(r->author, w->outlet);
    w->ckey = w->critic ? byline_key(w->critic, 0) : NULL;
    w->okey = w->outlet ? byline_key(w->outlet, 1) : NULL;
    w->film_key = dup_or_null(r->film_key);
    w->title = dup_or_null(r->film_title);
    w->date = dup_or_null(r->date);
    w->raw = dup_or_null(r->score_raw);
    w->year = r->film_year;
    if (!w->id || !w->outlet || !w->critic || !w->ckey || !w->okey ||
        (r->film_key && *r->film_key && !w->film_key))
        return reel_error(v->st->ctx, REEL_ENOMEM, "out of memory");
    json_t *verdict = r->verdict ? json_loads(r->verdict, 0, NULL) : NULL;
    json_t *s = json_object_get(verdict, "score100"),
           *p = json_object_get(verdict, "positive");
    if (json_is_number(s)) w->score100 = json_number_value(s);
    if (json_is_boolean(p)) w->positive = json_is_true(p);
    w->source = dup_or_null(json_string_value(json_object_get(verdict, "source")));
    json_decref(verdict);
    return 0;
}

static void view_free(view *v)
{
    for (size_t i = 0; i < v->n; i++) {
        review *w = &v->rows[i];
        free(w->id), free(w->critic), free(w->outlet), free(w->ckey), free(w->okey);
        free(w->film_key), free(w->title), free(w->date), free(w->raw), free(w->source);
    }
    free(v->rows);
    free(v->groups);
    free(v->order);
    free(v->people);
}

/* Films: a title key and year; a review without a year takes its key's one
 * year. Each film's positive and negative verdicts are counted. */
static int group_films(view *v)
{
    json_t *years = json_object(), *films = json_object();
    int rc = 0;
    if (!years || !films) goto oom;
    for (size_t i = 0; i < v->n; i++) {
        review *w = &v->rows[i];
        if (!w->film_key || !w->year) continue;
        json_t *y = json_object_get(years, w->film_key);
        if (!y) {
            if (json_object_set_new(years, w->film_key, json_integer(w->year))) goto oom;
        } else if (json_integer_value(y) != w->year) {
            json_integer_set(y, -1);
        }
    }
    v->groups = calloc(v->n ? v->n : 1, sizeof *v->groups);
    if (!v->groups) goto oom;
    for (size_t i = 0; i < v->n; i++) {
        review *w = &v->rows[i];
        if (!w->film_key) continue;
        if (!w->year) {
            json_int_t y = json_integer_value(json_object_get(years, w->film_key));
            if (y > 0) w->year = (int)y;
        }
        char id[64];
        char *fk = NULL;
        snprintf(id, sizeof id, "\x1f%d", w->year);
        if (!(fk = malloc(strlen(w->film_key) + strlen(id) + 1))) goto oom;
        strcat(strcpy(fk, w->film_key), id);
        json_t *g = json_object_get(films, fk);
        if (!g) {
            g = json_integer((json_int_t)v->ng++);
            if (json_object_set_new(films, fk, g)) {
                free(fk);
                goto oom;
            }
        }
        free(fk);
        w->group = (int)json_integer_value(g);
        if (w->positive == 1) v->groups[w->group].pos++;
        if (w->positive == 0) v->groups[w->group].neg++;
    }
    goto done;
oom:
    rc = reel_error(v->st->ctx, REEL_ENOMEM, "out of memory");
done:
    json_decref(years);
    json_decref(films);
    return rc;
}

static int cmp_str(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "");
}

static int by_person(const void *pa, const void *pb)
{
    const review *a = *(review *const *)pa, *b = *(review *const *)pb;
    int c = strcmp(a->pkey, b->pkey);
    if (c) return c;
    if (a->group != b->group) return a->group < b->group ? -1 : 1;
    return strcmp(a->id, b->id);
}

/* The critics (which = 0) or outlets (1) of n reviews, each with its most
 * frequent shown name (of equals, the first in byte order), by reviews
 * then key. *out malloc'd (NULL when there are none); -1 out of memory. */
static int cmp_kn(const void *pa, const void *pb)
{
    const tally *a = pa, *b = pb;
    int c = strcmp(a->key, b->key);
    return c ? c : strcmp(a->name, b->name);
}

static int cmp_count(const void *pa, const void *pb)
{
    const tally *a = pa, *b = pb;
    if (a->n != b->n) return a->n > b->n ? -1 : 1;
    return strcmp(a->key, b->key);
}

static int tally_of(review **rs, size_t n, int which, tally **out, size_t *n_out)
{
    *out = NULL;
    *n_out = 0;
    tally *t = malloc((n ? n : 1) * sizeof *t);
    if (!t) return -1;
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        const char *k = which ? rs[i]->okey : rs[i]->ckey;
        if (*k) t[m++] = (tally){k, which ? rs[i]->outlet : rs[i]->critic, 1};
    }
    qsort(t, m, sizeof *t, cmp_kn);
    size_t k = 0;
    for (size_t i = 0; i < m;) {
        size_t j = i, best = i, best_n = 0;
        while (j < m && !strcmp(t[j].key, t[i].key)) {
            size_t s = j;
            while (j < m && !strcmp(t[j].key, t[s].key) && !strcmp(t[j].name, t[s].name))
                j++;
            if (j - s > best_n) best = s, best_n = j - s;
        }
        t[k++] = (tally){t[i].key, t[best].name, (int)(j - i)};
        i = j;
    }
    qsort(t, k, sizeof *t, cmp_count);
    *out = t;
    *n_out = k;
    return 0;
}

/* One critic's (outlet's) figures, from their reviews in film order. */
static int person_figures(view *v, person *p)
{
    double sum = 0;
    for (size_t i = 0; i < p->n;) {
        /* a film's reviews by this person: their verdicts are not the consensus */
        size_t j = i;
        int own_pos = 0, own_neg = 0;
        for (; j < p->n && p->rs[j]->group == p->rs[i]->group; j++) {
            own_pos += p->rs[j]->positive == 1;
            own_neg += p->rs[j]->positive == 0;
        }
        for (size_t k = i; k < j; k++) {
            review *w = p->rs[k];
            w->agrees = -1;
            w->others_pos = w->others_neg = 0;
            if (w->group >= 0) {
                w->others_pos = v->groups[w->group].pos - own_pos;
                w->others_neg = v->groups[w->group].neg - own_neg;
            }
            if (w->positive >= 0) p->verdicts++, p->positive += w->positive;
            if (w->positive >= 0 && w->others_pos != w->others_neg) {
                int majority = w->others_pos > w->others_neg;
                w->agrees = w->positive == majority;
                p->compared++;
                p->agreed += w->agrees;
            }
            if (isfinite(w->score100)) {
                p->scored++;
                sum += w->score100;
            }
        }
        i = j;
    }
    p->mean = p->scored ? sum / p->scored : NAN;
    double var = 0;
    for (size_t i = 0; i < p->n; i++)
        if (isfinite(p->rs[i]->score100))
            var += (p->rs[i]->score100 - p->mean) * (p->rs[i]->score100 - p->mean);
    p->sd = p->scored ? sqrt(var / p->scored) : NAN;
    tally *t = NULL, *o = NULL;
    size_t nt, no;
    if (tally_of(p->rs, p->n, v->by_outlet, &t, &nt) ||
        tally_of(p->rs, p->n, !v->by_outlet, &o, &no)) {
        free(t);
        return reel_error(v->st->ctx, REEL_ENOMEM, "out of memory");
    }
    p->name = nt ? t[0].name : p->key;
    p->other = no ? o[0].name : NULL;
    p->n_other = (int)no;
    free(t);
    free(o);
    return 0;
}

/* Read every review and make the people of the view. */
static int view_load(view *v, reel_store *st, int by_outlet)
{
    memset(v, 0, sizeof *v);
    v->st = st;
    v->by_outlet = by_outlet;
    int rc = st->ops->check && !st->in_batch ? st->ops->check(st) : 0;
    if (rc || (rc = st->ops->each_review(st, add_review, v)) || (rc = group_films(v)))
        return rc;
    if (!(v->order = malloc((v->n ? v->n : 1) * sizeof *v->order)) ||
        !(v->people = malloc((v->n ? v->n : 1) * sizeof *v->people)))
        return reel_error(st->ctx, REEL_ENOMEM, "out of memory");
    for (size_t i = 0; i < v->n; i++) {
        review *w = &v->rows[i];
        w->pkey = by_outlet ? w->okey : w->ckey;
        w->pname = by_outlet ? w->outlet : w->critic;
        if (*w->pkey) v->order[v->n_order++] = w;
    }
    qsort(v->order, v->n_order, sizeof *v->order, by_person);
    for (size_t i = 0; i < v->n_order;) {
        size_t j = i;
        while (j < v->n_order && !strcmp(v->order[j]->pkey, v->order[i]->pkey))
            j++;
        person *p = &v->people[v->np++];
        memset(p, 0, sizeof *p);
        p->rs = v->order + i;
        p->n = j - i;
        p->key = v->order[i]->pkey;
        if ((rc = person_figures(v, p))) return rc;
        i = j;
    }
    return 0;
}

static json_t *share(int part, int whole)
{
    return whole ? json_real(round(1000.0 * part / whole) / 1000.0) : json_null();
}

static json_t *str_or_null(const char *s)
{
    return s && *s ? json_string(s) : json_null();
}

/* A list row: flat, so --csv can make it a table row. */
static json_t *person_brief(const view *v, const person *p)
{
    json_t *o = json_pack("{s:s,s:s,s:i,s:i,s:o,s:o,s:o,s:o,s:i,s:i}", "name", p->name,
                          "key", p->key, "reviews", (int)p->n, "scored", p->scored,
                          "average", jv_round(p->mean, 2), "stddev", jv_round(p->sd, 2),
                          "positive", share(p->positive, p->verdicts), "agreement",
                          share(p->agreed, p->compared), "agreed", p->agreed, "compared",
                          p->compared);
    if (!o) return NULL;
    if (v->by_outlet)
        json_object_set_new(o, "n_critics", json_integer(p->n_other));
    else
        json_object_set_new(o, "outlet", str_or_null(p->other));
    return o;
}

static json_t *review_json(const review *w)
{
    char *film = w->film_key ? identity_film_id(w->film_key, w->year, 0) : NULL;
    const char *cons = w->group < 0 || (!w->others_pos && !w->others_neg) ? "none"
                       : w->others_pos == w->others_neg                   ? "tie"
                       : w->others_pos > w->others_neg                    ? "positive"
                                                                          : "negative";
    json_t *o = json_pack(
        "{s:s,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:i,s:i,s:s,s:o}", "id", w->id,
        "film", str_or_null(film), "title", str_or_null(w->title), "year",
        w->year ? json_integer(w->year) : json_null(), "date", str_or_null(w->date),
        "critic", str_or_null(w->critic), "outlet", str_or_null(w->outlet), "score",
        str_or_null(w->raw), "score100", jv_round(w->score100, 2), "source",
        str_or_null(w->source), "positive",
        w->positive < 0 ? json_null() : json_boolean(w->positive), "others_positive",
        w->others_pos, "others_negative", w->others_neg, "consensus", cons, "agrees",
        w->agrees < 0 ? json_null() : json_boolean(w->agrees));
    free(film);
    return o;
}

static int dump(reel_ctx *ctx, json_t *o, char **out)
{
    *out = o ? json_dumps(o, REEL_JSON_FLAGS | JSON_PRESERVE_ORDER) : NULL;
    json_decref(o);
    return *out ? 0 : reel_error(ctx, REEL_ENOMEM, "out of memory");
}

typedef enum { SORT_REVIEWS, SORT_NAME, SORT_SCORE, SORT_AGREEMENT } sort_by;

static int parse_sort(reel_ctx *ctx, const char *sort, sort_by *out)
{
    static const char *const names[] = {"reviews", "name", "score", "agreement", NULL};
    for (int i = 0; names[i]; i++)
        if (!sort || !strcmp(sort, names[i])) {
            *out = sort ? (sort_by)i : SORT_REVIEWS;
            return 0;
        }
    return reel_error(ctx, REEL_EINVAL,
                      "unknown sort '%s' (use reviews, name, score or agreement)", sort);
}

/* Larger first, none last. */
static int cmp_desc(double a, double b)
{
    if (isfinite(a) != isfinite(b)) return isfinite(a) ? -1 : 1;
    if (isfinite(a) && a != b) return a > b ? -1 : 1;
    return 0;
}

static int sort_people(const void *pa, const void *pb, void *arg)
{
    const person *a = *(person *const *)pa, *b = *(person *const *)pb;
    sort_by s = *(sort_by *)arg;
    int c = 0;
    if (s == SORT_SCORE) c = cmp_desc(a->mean, b->mean);
    if (s == SORT_AGREEMENT)
        c = cmp_desc(a->compared ? (double)a->agreed / a->compared : NAN,
                     b->compared ? (double)b->agreed / b->compared : NAN);
    if (!c && s != SORT_NAME && a->n != b->n) c = a->n > b->n ? -1 : 1;
    return c ? c : strcmp(a->key, b->key);
}

static int people_list(reel_store *st, char **out, int by_outlet, const char *query,
                       const char *sort, int limit, int offset)
{
    *out = NULL;
    sort_by s;
    int rc = parse_sort(st->ctx, sort, &s);
    if (rc) return rc;
    if (limit <= 0) limit = 50;
    if (offset < 0) offset = 0;
    char *folded = query && *query ? byline_key(query, by_outlet) : NULL;
    if (query && *query && !folded)
        return reel_error(st->ctx, REEL_ENOMEM, "out of memory");
    view v;
    person **kept = NULL;
    json_t *list = NULL;
    if ((rc = view_load(&v, st, by_outlet))) goto done;
    kept = malloc((v.np ? v.np : 1) * sizeof *kept);
    list = json_array();
    if (!kept || !list) {
        rc = reel_error(st->ctx, REEL_ENOMEM, "out of memory");
        goto done;
    }
    size_t nk = 0;
    for (size_t i = 0; i < v.np; i++)
        if (!folded || strstr(v.people[i].key, folded)) kept[nk++] = &v.people[i];
    qsort_r(kept, nk, sizeof *kept, sort_people, &s);
    for (size_t i = (size_t)offset; i < nk && i < (size_t)offset + (size_t)limit; i++)
        if (json_array_append_new(list, person_brief(&v, kept[i]))) {
            rc = reel_error(st->ctx, REEL_ENOMEM, "out of memory");
            goto done;
        }
    static const char *const sorts[] = {"reviews", "name", "score", "agreement"};
    rc = dump(st->ctx,
              json_pack("{s:i,s:i,s:i,s:s,s:O}", "total", (int)nk, "limit", limit,
                        "offset", offset, "sort", sorts[s],
                        by_outlet ? "outlets" : "critics", list),
              out);
done:
    json_decref(list);
    free(kept);
    free(folded);
    view_free(&v);
    return rc;
}

/* Reviews by score, highest first (or lowest), then film. */
static int by_score(const void *pa, const void *pb, void *arg)
{
    const review *a = *(review *const *)pa, *b = *(review *const *)pb;
    int c = cmp_desc(a->score100, b->score100);
    if (*(int *)arg) c = -c;
    if (!c) c = cmp_str(a->film_key, b->film_key);
    return c ? c : strcmp(a->id, b->id);
}

/* A critic's page of reviews: newest first, undated last. */
static int by_date(const void *pa, const void *pb)
{
    const review *a = *(review *const *)pa, *b = *(review *const *)pb;
    if (!a->date != !b->date) return a->date ? -1 : 1;
    int c = a->date ? -strcmp(a->date, b->date) : 0;
    return c ? c : strcmp(a->id, b->id);
}

/* The person `name` names: its key exactly, else the one key that contains
 * it. */
static int find_person(view *v, const char *name, person **out)
{
    *out = NULL;
    const char *what = v->by_outlet ? "outlet" : "critic";
    char *clean = v->by_outlet ? byline_outlet(name) : byline_critic(name, NULL);
    char *key = clean ? byline_key(clean, v->by_outlet) : NULL;
    free(clean);
    if (!key) return reel_error(v->st->ctx, REEL_ENOMEM, "out of memory");
    person *sub = NULL;
    size_t n_sub = 0;
    for (size_t i = 0; i < v->np && !*out; i++) {
        if (!strcmp(v->people[i].key, key)) *out = &v->people[i];
        if (*key && strstr(v->people[i].key, key)) sub = &v->people[i], n_sub++;
    }
    if (!*out && n_sub == 1) *out = sub;
    int rc = 0;
    if (!*out && n_sub)
        rc = reel_error(v->st->ctx, REEL_ENOTFOUND,
                        "the names of %zu %ss contain '%s': give more of the name", n_sub,
                        what, name);
    else if (!*out)
        rc = reel_error(v->st->ctx, REEL_ENOTFOUND,
                        "no %s named '%s' (reel %ss lists them)", what, name, what);
    free(key);
    return rc;
}

static json_t *reviews_json(review **rs, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; a && i < n; i++)
        if (json_array_append_new(a, review_json(rs[i]))) {
            json_decref(a);
            return NULL;
        }
    return a;
}

/* Of a critic's (outlet's) scored reviews, the `top` highest or lowest. */
static json_t *extremes(review **rs, size_t n, int lowest, size_t top, size_t skip_top)
{
    review **s = malloc((n ? n : 1) * sizeof *s);
    if (!s) return NULL;
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (isfinite(rs[i]->score100)) s[m++] = rs[i];
    qsort_r(s, m, sizeof *s, by_score, &lowest);
    /* the lowest leave out the reviews already among the highest */
    size_t k = m > skip_top ? m - skip_top : 0;
    json_t *a = reviews_json(s, k < top ? k : top);
    free(s);
    return a;
}

static int person_detail(reel_store *st, char **out, int by_outlet, const char *name,
                         int limit, int offset)
{
    *out = NULL;
    if (limit <= 0) limit = 100;
    if (offset < 0) offset = 0;
    view v;
    person *p = NULL;
    json_t *o = NULL;
    tally *names = NULL, *others = NULL;
    size_t nn = 0, no = 0;
    review **page = NULL;
    int rc = view_load(&v, st, by_outlet);
    if (rc || (rc = find_person(&v, name, &p))) goto done;
    if (tally_of(p->rs, p->n, by_outlet, &names, &nn) ||
        tally_of(p->rs, p->n, !by_outlet, &others, &no) ||
        !(page = malloc(p->n * sizeof *page)) || !(o = person_brief(&v, p)))
        goto oom;
    /* every shown name of theirs */
    json_t *shown = json_array(), *list = json_array();
    json_object_set_new(o, "names", shown);
    for (size_t i = 0; i < p->n; i++) {
        json_t *nm = json_string(p->rs[i]->pname);
        int seen = 0;
        size_t k;
        json_t *x;
        json_array_foreach(shown, k, x) seen |= json_equal(x, nm);
        if (!seen) json_array_append(shown, nm);
        json_decref(nm);
    }
    for (size_t i = 0; i < no; i++)
        json_array_append_new(list,
                              json_pack("{s:s,s:s,s:i}", "name", others[i].name, "key",
                                        others[i].key, "reviews", others[i].n));
    json_object_set_new(o, by_outlet ? "critics" : "outlets", list);
    /* five each; of fewer than ten scored, the higher half and the rest */
    size_t n_high = (size_t)(p->scored + 1) / 2 < 5 ? (size_t)(p->scored + 1) / 2 : 5;
    json_t *high = extremes(p->rs, p->n, 0, n_high, 0);
    json_object_set_new(o, "highest", high ? high : json_null());
    json_t *low = extremes(p->rs, p->n, 1, 5, n_high);
    json_object_set_new(o, "lowest", low ? low : json_null());
    memcpy(page, p->rs, p->n * sizeof *page);
    qsort(page, p->n, sizeof *page, by_date);
    size_t from = (size_t)offset < p->n ? (size_t)offset : p->n;
    size_t len = p->n - from < (size_t)limit ? p->n - from : (size_t)limit;
    json_object_set_new(o, "limit", json_integer(limit));
    json_object_set_new(o, "offset", json_integer(offset));
    json_t *rv = reviews_json(page + from, len);
    if (!rv || !high || !low || json_object_set_new(o, "items", rv)) goto oom;
    rc = dump(st->ctx, o, out);
    o = NULL;
    goto done;
oom:
    rc = reel_error(st->ctx, REEL_ENOMEM, "out of memory");
done:
    json_decref(o);
    free(names);
    free(others);
    free(page);
    view_free(&v);
    return rc;
}

int reel_store_critics(char **out, reel_store *st, const char *query, const char *sort,
                       int limit, int offset)
{
    return people_list(st, out, 0, query, sort, limit, offset);
}

int reel_store_outlets(char **out, reel_store *st, const char *query, const char *sort,
                       int limit, int offset)
{
    return people_list(st, out, 1, query, sort, limit, offset);
}

int reel_store_critic(char **out, reel_store *st, const char *name, int limit, int offset)
{
    return person_detail(st, out, 0, name, limit, offset);
}

int reel_store_outlet(char **out, reel_store *st, const char *name, int limit, int offset)
{
    return person_detail(st, out, 1, name, limit, offset);
}
