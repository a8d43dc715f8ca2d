/* store.c — the public store API over either backend: opening by URL,
 * batches (film summaries of the films a batch touched are rebuilt before
 * it commits, so a reader never sees an article without its film; a large
 * one may be left stale in between, stale.c), putting
 * documents and records, and the JSON every read returns. Backends only
 * move rows; the JSON is built here once, so SQLite and PostgreSQL answer
 * byte for byte alike.
 */
#include "store.h"
#include "../identity.h"
#include "../jv.h"

#include <jansson.h>
#include <math.h>
#include <stdatomic.h>
#include <time.h>

/* How long begin waits, by default, for a store another process writes. */
#define BUSY_MS 60000

int reel_store_open_mode(reel_store **out, reel_ctx *ctx, const char *url, int mode)
{
    *out = NULL;
    if (!url || !*url) return reel_error(ctx, REEL_EINVAL, "no database given");
    int rc = !strncmp(url, "postgres://", 11) || !strncmp(url, "postgresql://", 13)
                 ? store_pg_open(ctx, out, url, mode)
                 : store_sqlite_open(ctx, out, url, mode);
    /* a migration that changed how films are formed: form them again */
    if (rc == 0 && (*out)->rebuild_films && (rc = store_rebuild_films(*out))) {
        reel_store_close(*out);
        *out = NULL;
    }
    return rc;
}

int reel_store_open(reel_store **out, reel_ctx *ctx, const char *url)
{
    return reel_store_open_mode(out, ctx, url, REEL_STORE_CREATE);
}

int reel_store_created(const reel_store *st)
{
    return st ? st->created : 0;
}

const char *reel_store_name(const reel_store *st)
{
    return st && st->url ? st->url : "";
}

uint64_t store_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

int store_busy_wait(reel_store *st, int attempt, uint64_t started_ms)
{
    uint64_t limit = st->busy_ms > 0 ? (uint64_t)st->busy_ms : BUSY_MS;
    uint64_t waited = store_now_ms() - started_ms;
    if (waited >= limit) return 0;
    /* 50 ms doubling to 2 s, each 50-100% of that (writers that met do not
     * meet again in step), never past the limit */
    uint64_t ms = attempt < 6 ? 50u << attempt : 2000u;
    if (ms > 2000) ms = 2000;
    ms = ms / 2 + (uint64_t)rand() % (ms / 2 + 1);
    if (ms > limit - waited) ms = limit - waited;
    struct timespec ts = {(time_t)(ms / 1000), (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
    return 1;
}

/* Before a call outside a batch: the handle still on its store. */
static int check(reel_store *st)
{
    if (st->in_batch || !st->ops->check) return 0;
    return st->ops->check(st);
}

static void touched_clear(reel_store *st)
{
    for (size_t i = 0; i < st->n_touched; i++)
        free(st->touched[i]);
    st->n_touched = 0;
}

void reel_store_close(reel_store *st)
{
    if (!st) return;
    if (st->in_batch) st->ops->rollback(st);
    touched_clear(st);
    free(st->touched);
    free(st->touched_n);
    free(st->canon_key);
    json_decref(st->summaries);
    st->summaries = NULL;
    free(st->url);
    st->ops->close(st);
}

int reel_store_begin(reel_store *st)
{
    if (st->in_batch) return 0;
    int rc = check(st);
    uint64_t started = store_now_ms();
    for (int attempt = 1; !rc; attempt++) {
        st->locked = 0;
        rc = st->ops->begin(st);
        if (rc != REEL_EBUSY || !st->locked) break;
        if (!store_busy_wait(st, attempt, started)) {
            rc = reel_error(st->ctx, REEL_EBUSY,
                            "%s: the store is busy: another process kept it locked for "
                            "%d s; nothing was written, try again when it has finished",
                            st->url,
                            (int)((st->busy_ms > 0 ? st->busy_ms : BUSY_MS) / 1000));
            break;
        }
        rc = 0;
    }
    if (rc == 0) st->in_batch = 1;
    /* whether any title keys are joined: most stores have none, and then an
     * article's key needs no look-up */
    if (rc == 0 && (rc = st->ops->any_links(st, &st->links))) {
        st->ops->rollback(st);
        st->in_batch = 0;
    }
    st->batch_added = 0;
    return rc;
}

int store_touch(reel_store *st, const char *key)
{
    for (size_t i = 0; i < st->n_touched; i++)
        if (!strcmp(st->touched[i], key)) {
            st->touched_n[i]++;
            return 0;
        }
    if (st->n_touched == st->cap_touched) {
        size_t cap = st->cap_touched ? st->cap_touched * 2 : 16;
        char **p = realloc(st->touched, cap * sizeof *p);
        if (!p) return REEL_ENOMEM;
        st->touched = p;
        long *n = realloc(st->touched_n, cap * sizeof *n);
        if (!n) return REEL_ENOMEM;
        st->touched_n = n;
        st->cap_touched = cap;
    }
    st->touched[st->n_touched] = strdup(key);
    if (!st->touched[st->n_touched]) return REEL_ENOMEM;
    st->touched_n[st->n_touched] = 1;
    st->n_touched++;
    return 0;
}

int store_rebuild_key(reel_store *st, const char *key)
{
    json_t *reps = NULL, *rep;
    size_t k;
    int rc = film_reports(st->ctx, st, key, FILM_REPORT_ARTICLES, &reps);
    if (rc == 0) rc = st->ops->drop_films(st, key);
    json_array_foreach(reps, k, rep)
    {
        if (rc) break;
        store_film f;
        memset(&f, 0, sizeof f);
        film_summary(rep, &f);
        unsigned oom0 = oom_mark(); /* a dump cut short is no report */
        char *json = json_dumps(rep, REEL_JSON_FLAGS | JSON_SORT_KEYS);
        rc = json && !oom_since(oom0) ? st->ops->put_film(st, &f, json)
                                      : reel_error(st->ctx, REEL_ENOMEM, "out of memory");
        if (rc == 0 && oom_since(oom0))
            rc = reel_error(st->ctx, REEL_ENOMEM, "out of memory");
        free(json);
    }
    json_decref(reps);
    return rc;
}

/* Rebuild the reports of the films of the title keys the batch touched
 * (a title's films are split again from all its articles: identity.c),
 * or, deferring, leave a large one stale (stale.c). */
static int refresh_films(reel_store *st)
{
    for (size_t i = 0; i < st->n_touched; i++) {
        int rc = store_stale_commit(st, st->touched[i], st->touched_n[i]);
        if (rc) return rc;
    }
    touched_clear(st);
    return 0;
}

int reel_store_commit(reel_store *st)
{
    if (!st->in_batch) return 0;
    int rc = refresh_films(st);
    if (rc) {
        st->ops->rollback(st);
        st->in_batch = 0;
        touched_clear(st);
        return rc;
    }
    rc = st->ops->commit(st);
    st->in_batch = 0;
    if (rc == 0) st->added += st->batch_added;
    st->batch_added = 0;
    return rc;
}

int reel_store_rollback(reel_store *st)
{
    touched_clear(st);
    st->batch_added = 0;
    if (!st->in_batch) return 0;
    st->in_batch = 0;
    return st->ops->rollback(st);
}

long reel_store_added(const reel_store *st)
{
    return st ? st->added : 0;
}

int store_put_json(reel_store *st, json_t *rec, int *out_added)
{
    reel_ctx *ctx = st->ctx;
    int rc = 0, own = !st->in_batch;
    char *record = NULL;
    *out_added = 0;
    unsigned oom0 = oom_mark();
    const char *id = jv_string(rec, "id");
    if (!id || strlen(id) != 64)
        return reel_error(ctx, REEL_EFORMAT, "record has no valid \"id\"");
    if (json_integer_value(json_object_get(rec, "record_version")) != REEL_RECORD_VERSION)
        return reel_error(ctx, REEL_EFORMAT, "record %.12s: record_version is not %d", id,
                          REEL_RECORD_VERSION);
    const char *text = jv_string(rec, "text");
    if (!text) return reel_error(ctx, REEL_EFORMAT, "record %.12s has no \"text\"", id);
    json_t *subj = json_object_get(rec, "subject");
    store_article a;
    memset(&a, 0, sizeof a);
    a.id = id;
    a.source = jv_string(rec, "source");
    a.url = jv_string(rec, "url");
    a.title = jv_string(rec, "title");
    a.date = jv_string(rec, "date");
    a.author = jv_string(rec, "author");
    a.outlet = jv_string(rec, "outlet");
    a.kind = jv_string(json_object_get(rec, "kind"), "label");
    a.film_key = json_is_object(subj) ? jv_string(subj, "key") : NULL;
    if (a.film_key && !*a.film_key) a.film_key = NULL;
    a.film_title = json_is_object(subj) ? jv_string(subj, "title") : NULL;
    a.film_year =
        json_is_object(subj) ? (int)json_integer_value(json_object_get(subj, "year")) : 0;
    a.text = text;
    a.ident = identity_article(rec);
    /* the record is stored without its text, which has its own column */
    json_t *slim = json_copy(rec);
    json_object_del(slim, "text");
    record = json_dumps(slim, REEL_JSON_FLAGS | JSON_PRESERVE_ORDER);
    json_decref(slim);
    if (!record) {
        rc = reel_error(ctx, REEL_ENOMEM, "out of memory");
        goto done;
    }
    a.record = record;
    if (own && (rc = reel_store_begin(st))) goto done;
    if (a.film_key && (rc = store_alias_resolve(st, subj, &a.film_key))) goto fail;
    int replace = 0;
    if ((rc = store_version_check(st, &a, &replace))) goto fail;
    if (replace < 0) goto keep; /* stored already, or an older version */
    if ((rc = st->ops->put_article(st, &a, out_added))) goto fail;
    st->batch_added += *out_added;
    if (*out_added) {
        json_t *facts = json_object_get(rec, "facts"), *f;
        size_t i;
        json_array_foreach(facts, i, f)
        {
            json_t *span = json_object_get(f, "span");
            rc = st->ops->put_fact(
                st, id,
                json_is_true(json_object_get(f, "about_subject")) ? a.film_key : NULL,
                jv_string(f, "predicate"), jv_string(f, "value"), jv_string(f, "norm"),
                jv_string(f, "qualifier"),
                (size_t)json_integer_value(json_array_get(span, 0)),
                (size_t)json_integer_value(json_array_get(span, 1)),
                json_number_value(json_object_get(f, "confidence")));
            if (rc) goto fail;
        }
        if (a.film_key) store_summaries_forget(st, a.film_key, id);
        if (a.film_key && (rc = store_touch(st, a.film_key))) {
            rc = reel_error(ctx, rc, "out of memory");
            goto fail;
        }
    }
keep:
    if (oom_since(oom0)) { /* a part absorbed on the way: the article is not whole */
        rc = reel_error(ctx, REEL_ENOMEM, "record %.12s: out of memory", id);
        goto fail;
    }
    if (own) rc = reel_store_commit(st);
    goto done;
fail:
    if (own) reel_store_rollback(st);
done:
    free(record);
    return rc;
}

int reel_store_put_doc(int *out_added, reel_store *st, const reel_doc *doc)
{
    *out_added = 0;
    unsigned oom0 = oom_mark(); /* a record short of a part is not stored */
    json_t *rec = record_build(doc, 1);
    if (!rec || oom_since(oom0)) {
        json_decref(rec);
        return reel_error(st->ctx, REEL_ENOMEM, "%s: out of memory", doc->source);
    }
    int rc = store_put_json(st, rec, out_added);
    json_decref(rec);
    return rc;
}

int reel_store_put_record(int *out_added, reel_store *st, const char *record_json)
{
    json_error_t err;
    json_t *rec = json_loads(record_json, 0, &err);
    *out_added = 0;
    if (!json_is_object(rec)) {
        json_decref(rec);
        return reel_error(st->ctx, REEL_EFORMAT, "not a record: line %d: %s", err.line,
                          err.text);
    }
    int rc = store_put_json(st, rec, out_added);
    json_decref(rec);
    return rc;
}

typedef struct {
    reel_ctx *ctx;
    reel_batch *b;
} copier;

static int copy_one(void *user, const char *record, const char *text)
{
    copier *c = user;
    json_error_t err;
    json_t *rec = json_loads(record, 0, &err);
    if (!json_is_object(rec)) {
        json_decref(rec);
        return reel_error(c->ctx, REEL_EDB, "a stored record is damaged: %s", err.text);
    }
    /* the record with its text again, as ingest would have put it */
    json_object_set_new(rec, "text", json_string(text ? text : ""));
    return store_batch_put_json(c->b, rec);
}

int reel_store_copy(size_t *out_copied, size_t *out_added, reel_store *dst,
                    reel_store *src, size_t batch)
{
    return reel_store_copy_progress(out_copied, out_added, dst, src, batch, NULL, NULL);
}

int reel_store_copy_progress(size_t *out_copied, size_t *out_added, reel_store *dst,
                             reel_store *src, size_t batch,
                             void (*progress)(void *user, size_t copied), void *user)
{
    reel_batch_opts o = {batch, NULL, 0, NULL, progress, user};
    copier c = {dst->ctx, NULL};
    long before = dst->added;
    int defer = dst->defer;
    /* a copy adds to films in many batches, as ingest does */
    dst->defer = 1;
    int rc = reel_batch_new(&c.b, dst, &o);
    if (!rc) rc = check(src);
    if (!rc) rc = src->ops->each_article(src, copy_one, &c);
    if (!rc) rc = reel_batch_flush(c.b);
    if (!rc) rc = reel_store_settle(dst);
    dst->defer = defer;
    if (out_copied) *out_copied = reel_batch_records(c.b);
    reel_batch_free(c.b);
    /* what the committed batches added, not what each put first said: a
     * batch replayed after a deadlock may find some already there */
    if (out_added) *out_added = (size_t)(dst->added - before);
    return rc;
}

/* ---------------- reads ---------------- */

static int dump(reel_ctx *ctx, json_t *o, char **out)
{
    *out = o ? json_dumps(o, REEL_JSON_FLAGS | JSON_PRESERVE_ORDER) : NULL;
    json_decref(o);
    return *out ? 0 : reel_error(ctx, REEL_ENOMEM, "out of memory");
}

static int film_cb(void *user, const store_film *f)
{
    json_t *arr = user, *o = store_film_brief(f);
    if (!o) return REEL_ENOMEM;
    json_object_set_new(o, "critics_score", jv_round(f->score, 2));
    json_object_set_new(o, "positive_share", jv_round(f->positive, 2));
    json_object_set_new(o, "first_review",
                        f->first_review ? json_string(f->first_review) : json_null());
    json_array_append_new(arr, o);
    return 0;
}

int reel_store_films(char **out, reel_store *st, const char *query, const char *sort,
                     int limit, int offset)
{
    char *folded = NULL;
    *out = NULL;
    int rc = check(st);
    if (rc) return rc;
    if (query && *query) {
        folded = reel_fold(query, strlen(query));
        if (!folded) return reel_error(st->ctx, REEL_ENOMEM, "out of memory");
    }
    if (!sort) sort = "title";
    if (strcmp(sort, "title") && strcmp(sort, "score") && strcmp(sort, "reviews") &&
        strcmp(sort, "year") && strcmp(sort, "first-review")) {
        free(folded);
        return reel_error(st->ctx, REEL_EINVAL,
                          "unknown sort '%s' (use title, score, reviews, year or "
                          "first-review)",
                          sort);
    }
    if (limit <= 0) limit = 50;
    if (offset < 0) offset = 0;
    json_t *films = json_array();
    int total = 0;
    rc = st->ops->list_films(st, folded, sort, limit, offset, film_cb, films, &total);
    free(folded);
    if (rc) {
        json_decref(films);
        return rc;
    }
    return dump(st->ctx,
                json_pack("{s:i,s:i,s:i,s:o}", "total", total, "limit", limit, "offset",
                          offset, "films", films),
                out);
}

typedef struct {
    char *key;
    int n;
} first_key;

static int first_key_cb(void *user, const store_film *f)
{
    first_key *k = user;
    if (!k->key) k->key = strdup(f->key);
    k->n++;
    return 0;
}

static int film_stored(reel_store *st, char **out, const char *title);

int reel_store_film(char **out, reel_store *st, const char *title)
{
    int rc = film_stored(st, out, title);
    /* a film a deferring writer left stale is made current here */
    if (rc == 0 && (rc = store_stale_fresh(st, out))) {
        free(*out);
        *out = NULL;
    }
    return rc;
}

/* The report of the film `title` as the films table holds it. */
static int film_stored(reel_store *st, char **out, const char *title)
{
    *out = NULL;
    int rc = check(st);
    if (rc) return rc;
    /* by title and year: one film, the list of those a title fits, or no
     * film when the year is not one of that title's */
    int found = 0;
    rc = store_film_by_year(st, out, title, &found);
    if (found || (rc && rc != REEL_ENOTFOUND)) return rc;
    char *key = reel_film_key(title, strlen(title));
    if (!key) return reel_error(st->ctx, REEL_ENOMEM, "out of memory");
    rc = st->ops->get_film(st, key, out);
    if (rc == REEL_ENOTFOUND) {
        /* not an exact key: a unique film whose title contains it */
        first_key fk = {NULL, 0};
        int total = 0;
        rc = st->ops->list_films(st, key, "reviews", 2, 0, first_key_cb, &fk, &total);
        if (rc == 0 && total == 1) {
            rc = st->ops->get_film(st, fk.key, out);
        } else if (rc == 0 && total > 1) {
            rc = reel_error(st->ctx, REEL_ENOTFOUND,
                            "'%s' matches %d films; see them with: reel films '%s'",
                            title, total, title);
        } else if (rc == 0) {
            rc = reel_error(st->ctx, REEL_ENOTFOUND, "no film '%s' in the store", title);
        }
        free(fk.key);
    }
    free(key);
    return rc;
}

int reel_store_article(char **out, reel_store *st, const char *id)
{
    char *record = NULL, *text = NULL;
    *out = NULL;
    size_t n = strlen(id);
    if (n < 6 || n > 64 || strspn(id, "0123456789abcdef") != n)
        return reel_error(st->ctx, REEL_EINVAL,
                          "'%s' is not an article id (6 to 64 hex digits)", id);
    int rc = check(st);
    if (rc) return rc;
    rc = st->ops->get_article(st, id, &record, &text);
    if (rc) return rc;
    json_error_t err;
    json_t *rec = json_loads(record, 0, &err);
    free(record);
    if (!rec) {
        free(text);
        return reel_error(st->ctx, REEL_EDB, "article %s: stored record is damaged", id);
    }
    json_object_set_new(rec, "text", json_string(text ? text : ""));
    free(text);
    return dump(st->ctx, rec, out);
}

/* The backends mark matches in snippets with \x02 ... \x03; the API gives
 * plain text and the byte ranges of the matches. */
static json_t *snippet_json(const char *sn, json_t **ranges)
{
    buf b;
    buf_init(&b);
    *ranges = json_array();
    size_t start = 0;
    for (const char *p = sn ? sn : ""; *p; p++) {
        if (*p == '\x02')
            start = b.len;
        else if (*p == '\x03')
            json_array_append_new(
                *ranges, json_pack("[I,I]", (json_int_t)start, (json_int_t)b.len));
        else
            buf_putc(&b, *p);
    }
    json_t *r = json_stringn(b.data ? b.data : "", b.len);
    buf_free(&b);
    return r;
}

static int hit_cb(void *user, const store_hit *h)
{
    json_t *arr = user, *ranges = NULL;
    json_t *snippet = snippet_json(h->snippet, &ranges);
    json_array_append_new(
        arr, json_pack("{s:s,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o}", "id", h->id, "title",
                       h->title ? json_string(h->title) : json_null(), "source",
                       h->source ? json_string(h->source) : json_null(), "url",
                       h->url ? json_string(h->url) : json_null(), "outlet",
                       h->outlet ? json_string(h->outlet) : json_null(), "film",
                       h->film_key ? json_string(h->film_key) : json_null(), "kind",
                       h->kind ? json_string(h->kind) : json_null(), "snippet", snippet,
                       "highlights", ranges, "rank", jv_round(h->rank, 2)));
    return 0;
}

/* The folded query's words, each once, the first SEARCH_MAX_TERMS of them,
 * in place. Every word is required, so a repeated word adds nothing to the
 * hits; it would only multiply the work of ranking and snippets (a word
 * written 255 times made one search take a minute). */
static void search_terms(char *folded)
{
    char *w = folded, *p = folded;
    int n = 0;
    while (*p && n < SEARCH_MAX_TERMS) {
        while (*p == ' ')
            p++;
        size_t len = strcspn(p, " ");
        if (!len) break;
        int seen = 0;
        for (const char *q = folded; q < w && !seen;) {
            size_t ql = 0; /* a kept word ends at a space or at w */
            while (q + ql < w && q[ql] != ' ')
                ql++;
            seen = ql == len && !memcmp(q, p, len);
            q += ql + 1;
        }
        if (!seen) {
            if (w > folded) *w++ = ' ';
            memmove(w, p, len);
            w += len;
            n++;
        }
        p += len;
    }
    *w = 0;
}

int reel_store_search(char **out, reel_store *st, const char *query, int limit,
                      int offset)
{
    *out = NULL;
    int rc = check(st);
    if (rc) return rc;
    char *folded = reel_fold(query, strlen(query));
    if (!folded) return reel_error(st->ctx, REEL_ENOMEM, "out of memory");
    search_terms(folded);
    if (!*folded) {
        free(folded);
        return reel_error(st->ctx, REEL_EINVAL, "empty search query");
    }
    if (limit <= 0) limit = 20;
    if (offset < 0) offset = 0;
    json_t *hits = json_array();
    int total = 0;
    rc = st->ops->search(st, folded, limit, offset, hit_cb, hits, &total);
    if (rc) {
        free(folded);
        json_decref(hits);
        return rc;
    }
    rc = dump(st->ctx,
              json_pack("{s:s,s:i,s:i,s:i,s:o}", "query", query, "total", total, "limit",
                        limit, "offset", offset, "hits", hits),
              out);
    free(folded);
    return rc;
}

int store_limit(reel_store *st, int limit_ms, const _Atomic int *stop)
{
    st->stop = stop;
    atomic_store(&st->deadline_ms,
                 limit_ms > 0 ? store_now_ms() + (uint64_t)limit_ms : 0);
    if (st->watched || (limit_ms <= 0 && !stop)) return 0;
    int rc = st->ops->watch ? st->ops->watch(st, limit_ms) : 0;
    if (!rc) st->watched = 1;
    return rc;
}

int store_limited(const reel_store *st)
{
    if (st->stop && atomic_load(st->stop)) return 1;
    uint64_t d = atomic_load(&st->deadline_ms);
    return d && store_now_ms() >= d;
}

int store_check(reel_store *st)
{
    int rc = check(st);
    if (rc) return rc;
    return st->ops->health ? st->ops->health(st) : 0;
}

int reel_store_stats(char **out, reel_store *st)
{
    long a = 0, f = 0;
    int rc = check(st);
    if (rc) return rc;
    rc = st->ops->stats(st, &a, &f);
    if (rc) return rc;
    return dump(st->ctx,
                json_pack("{s:I,s:I,s:s,s:i}", "articles", (json_int_t)a, "films",
                          (json_int_t)f, "backend", st->ops->name, "schema_version",
                          REEL_SCHEMA_VERSION),
                out);
}
