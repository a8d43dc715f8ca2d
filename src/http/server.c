/* server.c — `reel serve`: the JSON API and the web pages over one store,
 * on libmicrohttpd's thread pool. Each worker thread has its own context
 * and store handle (errors live on the context; SQLite readers then never
 * wait on each other); writes (POST /api/articles, only with a token) go
 * through one writer under a lock. Film reports, articles and searches
 * are answered from a small cache of ready responses, dropped on every
 * write here and after cache_ms for writes made by other processes. A
 * read's store queries stop at its time limit (and at shutdown): it is
 * answered 503 and the worker is free again. Reads carry an ETag (hash of
 * the body) and answer If-None-Match with 304. Docs: docs/api.md.
 */
#include "../store.h"
#include "http.h"

#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <netdb.h>
#include <pthread.h>
#include <stdatomic.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#ifdef REEL_HAVE_MHD

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <openssl/crypto.h>
#include <sys/socket.h>

#define DEFAULT_MAX_BODY ((size_t)8 << 20)
#define DEFAULT_TIMEOUT 15
#define DEFAULT_CACHE_MS 1000
#define DEFAULT_REQUEST_MS 10000
#define CONN_MEMORY ((size_t)64 << 10)
#define CONN_LIMIT 1000u
#define CACHE_SLOTS 1024    /* power of two: a direct-mapped cache */
#define WRITE_WAIT_MS 15000 /* a POST waits this long for a locked store */
#define GZIP_MIN 1024       /* smaller bodies go as they are */
#define CORS_MAX_AGE "600"  /* seconds a browser may keep a preflight's answer */

#define CSP                                                                              \
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "         \
    "base-uri 'none'; frame-ancestors 'none'"

/* A worker thread's own handles. */
typedef struct worker {
    reel_ctx *ctx;
    reel_store *st;
    struct worker *next;
} worker;

/* A cached response, ready to queue on any connection. */
typedef struct {
    char *key;
    int gz; /* the answer for clients that take gzip */
    struct MHD_Response *resp;
    char etag[40];
    uint64_t gen;
    uint64_t born_ms;
} cache_entry;

struct reel_server {
    struct MHD_Daemon *d;
    char *db_url, *token;
    char *cors; /* the origin allowed to read the API from a page, or NULL */
    size_t max_body;
    int cache_ms;
    int request_ms;       /* a read's time limit in the store */
    _Atomic int stopping; /* set by reel_server_stop: queries in flight end */
    int port;
    pthread_key_t key;
    pthread_mutex_t mu; /* workers list and start-up log */
    worker *workers;
    char log[256];
    int running;
    pthread_mutex_t write_mu; /* the one writer */
    reel_ctx *wctx;
    reel_store *wst;
    pthread_rwlock_t cache_mu;
    cache_entry cache[CACHE_SLOTS];
    atomic_uint_fast64_t gen; /* bumped by every write */
    struct MHD_Response *css;
    char css_etag[40];
};

/* One request's state, from its first line to its completion. */
typedef struct {
    char *uri; /* raw request target, as sent */
    http_req req;
    int parsed;
    int too_big;
    buf body;
} request;

static uint64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static void etag_of(const char *body, size_t len, char out[40])
{
    char hex[65];
    if (sha256_hex(body, len, hex) == 0)
        snprintf(out, 40, "\"%.32s\"", hex);
    else /* out of memory inside OpenSSL: a weaker tag is still a tag */
        snprintf(out, 40, "\"f%016llx\"", (unsigned long long)hash_bytes(body, len));
}

/* If-None-Match names our tag (or is "*")? Weak tags compare alike. */
static int not_modified(struct MHD_Connection *c, const char *etag)
{
    const char *inm = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "If-None-Match");
    if (!inm) return 0;
    inm += strspn(inm, " \t");
    return inm[0] == '*' || strstr(inm, etag) != NULL;
}

static int status_of(int rc)
{
    switch (rc) {
    case REEL_ENOTFOUND:
        return MHD_HTTP_NOT_FOUND;
    case REEL_EINVAL:
    case REEL_EFORMAT:
        return MHD_HTTP_BAD_REQUEST;
    case REEL_ETOOBIG:
        return MHD_HTTP_CONTENT_TOO_LARGE;
    case REEL_EBUSY: /* the store is locked, gone or its server down: for now */
        return MHD_HTTP_SERVICE_UNAVAILABLE;
    default:
        return MHD_HTTP_INTERNAL_SERVER_ERROR;
    }
}

/* With --cors ORIGIN, API answers let pages from ORIGIN ("*": any page)
 * read them; without it, none (a browser then keeps them from other
 * sites' scripts). */
static void cors_headers(const reel_server *s, struct MHD_Response *r)
{
    if (!s->cors) return;
    MHD_add_response_header(r, "Access-Control-Allow-Origin", s->cors);
    MHD_add_response_header(r, "Access-Control-Expose-Headers", "ETag, Location");
    if (strcmp(s->cors, "*") != 0) MHD_add_response_header(r, "Vary", "Origin");
}

/* A quality value of zero ("0", "0.0", "0.000"), from `v` up to `end`? */
static int zero_q(const char *v, const char *end)
{
    if (v >= end || *v != '0') return 0;
    v++;
    if (v < end && *v == '.')
        for (v++; v < end && *v == '0'; v++)
            ;
    while (v < end && (*v == ' ' || *v == '\t'))
        v++;
    return v >= end || *v == ';';
}

/* Does the client take gzip? Accept-Encoding names gzip (or "*") with a
 * quality above zero (RFC 9110 12.5.3). */
static int accepts_gzip(struct MHD_Connection *c)
{
    const char *h = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Accept-Encoding");
    int gzip = -1, star = -1;
    while (h && *h) {
        const char *end = h + strcspn(h, ",");
        const char *e = h + strspn(h, " \t");
        size_t n = strcspn(e, " \t;,");
        int q = 1;
        for (const char *p = e + n; p < end; p++) {
            if (*p != ';') continue;
            const char *v = p + 1 + strspn(p + 1, " \t");
            if (v + 1 < end && (v[0] == 'q' || v[0] == 'Q') && v[1] == '=')
                q = !zero_q(v + 2, end);
        }
        if ((n == 4 && !strncasecmp(e, "gzip", 4)) ||
            (n == 6 && !strncasecmp(e, "x-gzip", 6)))
            gzip = q;
        else if (n == 1 && *e == '*')
            star = q;
        h = *end ? end + 1 : end;
    }
    return gzip >= 0 ? gzip : star > 0;
}

/* `body` gzipped into a new malloc'd buffer, or NULL (then it goes as it is). */
static char *gzip_of(const char *body, size_t len, size_t *out_len)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    /* 15 bits of window, +16: a gzip header and trailer, not zlib's */
    if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return NULL;
    uLong cap = deflateBound(&z, (uLong)len);
    char *out = malloc(cap);
    if (out) {
        z.next_in = (Bytef *)body;
        z.avail_in = (uInt)len;
        z.next_out = (Bytef *)out;
        z.avail_out = (uInt)cap;
        if (deflate(&z, Z_FINISH) == Z_STREAM_END) {
            *out_len = z.total_out;
        } else {
            free(out);
            out = NULL;
        }
    }
    deflateEnd(&z);
    return out;
}

/* The headers every answer carries; with --cors, a JSON answer also
 * names the one origin whose pages may read it. */
static void common_headers(const reel_server *s, struct MHD_Response *r, int html)
{
    MHD_add_response_header(r, "Content-Type",
                            html ? "text/html; charset=utf-8"
                                 : "application/json; charset=utf-8");
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Cache-Control", "no-cache");
    if (html) {
        MHD_add_response_header(r, "Content-Security-Policy", CSP);
        MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    } else {
        cors_headers(s, r);
    }
}

/* A response owning `body` (malloc'd), or NULL. */
static struct MHD_Response *make(const reel_server *s, char *body, size_t len, int html,
                                 const char *etag)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(
        len, body ? body : (char *)"",
        body ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
    if (!r) {
        free(body);
        return NULL;
    }
    common_headers(s, r, html);
    if (etag) MHD_add_response_header(r, "ETag", etag);
    return r;
}

static enum MHD_Result queue(struct MHD_Connection *c, int status, struct MHD_Response *r)
{
    if (!r) return MHD_NO; /* out of memory: drop the connection */
    enum MHD_Result ok = MHD_queue_response(c, (unsigned)status, r);
    MHD_destroy_response(r);
    return ok;
}

static enum MHD_Result send_304(const reel_server *s, struct MHD_Connection *c,
                                const char *etag)
{
    struct MHD_Response *r =
        MHD_create_response_from_buffer(0, (char *)"", MHD_RESPMEM_PERSISTENT);
    if (!r) return MHD_NO;
    MHD_add_response_header(r, "ETag", etag);
    MHD_add_response_header(r, "Cache-Control", "no-cache");
    MHD_add_response_header(r, "Vary", "Accept-Encoding");
    cors_headers(s, r);
    return queue(c, MHD_HTTP_NOT_MODIFIED, r);
}

static enum MHD_Result send_error(reel_server *s, struct MHD_Connection *c, int api,
                                  int status, const char *msg, const char *allow)
{
    char *body = NULL;
    size_t len = 0;
    if (api) {
        json_t *o = json_pack("{s:{s:i,s:s}}", "error", "status", status, "message", msg);
        body = o ? json_dumps(o, REEL_JSON_FLAGS | JSON_PRESERVE_ORDER) : NULL;
        json_decref(o);
        len = body ? strlen(body) : 0;
    } else {
        buf b;
        buf_init(&b);
        page_error(&b, status, msg);
        len = b.len;
        body = buf_detach(&b);
    }
    if (!body) return MHD_NO;
    struct MHD_Response *r = make(s, body, len, !api, NULL);
    if (r && allow) MHD_add_response_header(r, "Allow", allow);
    if (r && status == MHD_HTTP_UNAUTHORIZED)
        MHD_add_response_header(r, "WWW-Authenticate", "Bearer realm=\"reel\"");
    if (r && status == MHD_HTTP_SERVICE_UNAVAILABLE)
        MHD_add_response_header(r, "Retry-After", "5");
    return queue(c, status, r);
}

/* ---------------- worker handles ---------------- */

/* A worker's handles, opened on its first request: read-only, so a store
 * deleted or moved since the start is a 503, never a new empty one. */
static worker *worker_get(reel_server *s, char *err, size_t errlen, int *status)
{
    worker *w = pthread_getspecific(s->key);
    if (w) return w;
    *status = MHD_HTTP_INTERNAL_SERVER_ERROR;
    w = calloc(1, sizeof *w);
    if (!w || reel_ctx_new(&w->ctx)) {
        snprintf(err, errlen, "out of memory");
        goto fail;
    }
    int rc = reel_store_open_mode(&w->st, w->ctx, s->db_url, REEL_STORE_READONLY);
    if (rc) {
        snprintf(err, errlen, "%s", reel_errmsg(w->ctx));
        if (rc == REEL_ENOTFOUND || rc == REEL_EBUSY || rc == REEL_EDB)
            *status = MHD_HTTP_SERVICE_UNAVAILABLE;
        goto fail;
    }
    pthread_mutex_lock(&s->mu);
    w->next = s->workers;
    s->workers = w;
    pthread_mutex_unlock(&s->mu);
    pthread_setspecific(s->key, w);
    return w;
fail:
    if (w) reel_ctx_free(w->ctx);
    free(w);
    return NULL;
}

/* ---------------- the response cache ---------------- */

static size_t slot_of(const char *key, int gz)
{
    uint64_t h = 1469598103934665603u; /* FNV-1a */
    for (const unsigned char *p = (const unsigned char *)key; *p; p++)
        h = (h ^ *p) * 1099511628211u;
    h = (h ^ (uint64_t)(gz ? 'z' : 'i')) * 1099511628211u;
    return (size_t)(h & (CACHE_SLOTS - 1));
}

/* Answer from the cache when it holds a fresh response for `key`. */
static int cache_answer(reel_server *s, struct MHD_Connection *c, const char *key,
                        enum MHD_Result *res)
{
    if (s->cache_ms < 0) return 0;
    int gz = accepts_gzip(c);
    cache_entry *e = &s->cache[slot_of(key, gz)];
    int hit = 0;
    char etag[40];
    pthread_rwlock_rdlock(&s->cache_mu);
    if (e->key && e->gz == gz && !strcmp(e->key, key) && e->gen == atomic_load(&s->gen) &&
        now_ms() - e->born_ms < (uint64_t)s->cache_ms) {
        hit = 1;
        if (not_modified(c, e->etag))
            memcpy(etag, e->etag, sizeof etag);
        else
            hit = 2, *res = MHD_queue_response(c, MHD_HTTP_OK, e->resp);
    }
    pthread_rwlock_unlock(&s->cache_mu);
    if (hit == 1) *res = send_304(s, c, etag);
    return hit;
}

/* A read's answer: 304 when the client has it, else 200 with its ETag,
 * gzipped when the client takes it and it is worth it (the tag then
 * names the gzipped bytes: "…-gz"); with a `key`, the response is kept
 * for the next asker that takes the same encoding. */
static enum MHD_Result send_body(reel_server *s, struct MHD_Connection *c,
                                 const char *key, uint64_t gen, char *body, size_t len,
                                 int html)
{
    char etag[40];
    etag_of(body, len, etag);
    int gz = accepts_gzip(c), zipped = 0;
    if (gz && len >= GZIP_MIN) {
        size_t zlen = 0;
        char *z = gzip_of(body, len, &zlen);
        if (z) {
            free(body);
            body = z;
            len = zlen;
            zipped = 1;
            size_t n = strlen(etag); /* "…" -> "…-gz" */
            memcpy(etag + n - 1, "-gz\"", 5);
        }
    }
    if (not_modified(c, etag)) {
        free(body);
        return send_304(s, c, etag);
    }
    struct MHD_Response *r = make(s, body, len, html, etag);
    if (!r) return MHD_NO;
    MHD_add_response_header(r, "Vary", "Accept-Encoding");
    if (zipped) MHD_add_response_header(r, "Content-Encoding", "gzip");
    char *k = key && s->cache_ms >= 0 ? strdup(key) : NULL;
    if (!k) return queue(c, MHD_HTTP_OK, r);
    cache_entry *e = &s->cache[slot_of(key, gz)];
    pthread_rwlock_wrlock(&s->cache_mu);
    if (e->resp) MHD_destroy_response(e->resp); /* freed when its last sender is done */
    free(e->key);
    e->key = k;
    e->gz = gz;
    e->resp = r;
    memcpy(e->etag, etag, sizeof etag);
    e->gen = gen; /* the generation read before the body was built */
    e->born_ms = now_ms();
    /* queued under the lock: no one can drop it in between */
    enum MHD_Result ok = MHD_queue_response(c, MHD_HTTP_OK, r);
    pthread_rwlock_unlock(&s->cache_mu);
    return ok;
}

static void cache_clear(reel_server *s)
{
    for (size_t i = 0; i < CACHE_SLOTS; i++) {
        if (s->cache[i].resp) MHD_destroy_response(s->cache[i].resp);
        free(s->cache[i].key);
    }
    memset(s->cache, 0, sizeof s->cache);
}

/* ---------------- reads ---------------- */

static enum MHD_Result store_failed(reel_server *s, struct MHD_Connection *c,
                                    const http_req *q, worker *w, int rc)
{
    return send_error(s, c, q->api, status_of(rc), reel_errmsg(w->ctx), NULL);
}

/* The critic and outlet views: each reads every review (store_critics.c),
 * so an answer is kept like a search's. */
static int people_route(reel_server *s, struct MHD_Connection *c, const http_req *q,
                        worker *w, uint64_t gen, char **key, enum MHD_Result *res)
{
    http_route r = q->route;
    int outlet = r == ROUTE_OUTLETS || r == ROUTE_OUTLET || r == ROUTE_PAGE_OUTLETS ||
                 r == ROUTE_PAGE_OUTLET;
    int one = r == ROUTE_CRITIC || r == ROUTE_OUTLET || r == ROUTE_PAGE_CRITIC ||
              r == ROUTE_PAGE_OUTLET;
    int html = r >= ROUTE_PAGE_CRITICS;
    buf k;
    buf_init(&k);
    buf_printf(&k, "P%d%d%d%d-%d/%s/%s", outlet, one, html, q->limit, q->offset,
               q->sort ? q->sort : "",
               one    ? q->arg
               : q->q ? q->q
                      : "");
    if (!(*key = buf_detach(&k))) return reel_error(w->ctx, REEL_ENOMEM, "out of memory");
    if (cache_answer(s, c, *key, res)) return 0;
    char *json = NULL;
    int limit = q->limit >= 0 ? q->limit
                : one         ? 100
                              : 50,
        offset = q->offset >= 0 ? q->offset : 0;
    int rc =
        one ? (outlet ? reel_store_outlet(&json, w->st, q->arg, limit, offset)
                      : reel_store_critic(&json, w->st, q->arg, limit, offset))
            : (outlet ? reel_store_outlets(&json, w->st, q->q, q->sort, limit, offset)
                      : reel_store_critics(&json, w->st, q->q, q->sort, limit, offset));
    if (rc) return rc;
    if (!html) {
        *res = send_body(s, c, *key, gen, json, strlen(json), 0);
        return 0;
    }
    buf page;
    buf_init(&page);
    rc = one ? page_person(&page, json, outlet)
             : page_people(&page, json, outlet, q->q, q->sort);
    free(json);
    if (rc == 0)
        *res = send_body(s, c, *key, gen, page.data, page.len, 1);
    else
        buf_free(&page);
    return rc;
}

static enum MHD_Result read_route(reel_server *s, struct MHD_Connection *c,
                                  const http_req *q)
{
    char err[1024];
    int status = 0;
    worker *w = worker_get(s, err, sizeof err, &status);
    if (!w) return send_error(s, c, q->api, status, err, NULL);
    char *json = NULL, *key = NULL;
    enum MHD_Result res = MHD_NO;
    int rc = 0;
    buf page;
    buf_init(&page);
    uint64_t gen = atomic_load(&s->gen);
    w->ctx->errmsg[0] = 0; /* a page that fails to render sets none */
    /* this request's queries end at its deadline, or at shutdown */
    if ((rc = store_limit(w->st, s->request_ms, &s->stopping))) goto done;
    switch (q->route) {
    case ROUTE_HEALTH:
        /* ok only when the store can really be read */
        if ((rc = store_check(w->st)) || (rc = reel_store_stats(&json, w->st))) {
            res = send_error(s, c, 1, MHD_HTTP_SERVICE_UNAVAILABLE, reel_errmsg(w->ctx),
                             NULL);
            rc = 0;
            break;
        }
        buf_printf(&page, "{\"status\":\"ok\",\"version\":\"%s\",\"store\":%s,\"model\":",
                   REEL_VERSION, json);
        /* the model POST /api/articles predicts with; null when none */
        json_t *mp = s->wctx->model_path && s->wctx->model
                         ? json_string(s->wctx->model_path)
                         : json_null();
        char *mps = json_dumps(mp, JSON_ENCODE_ANY);
        json_decref(mp);
        buf_puts(&page, mps ? mps : "null");
        buf_puts(&page, "}");
        free(mps);
        if (page.oom) {
            rc = reel_error(w->ctx, REEL_ENOMEM, "out of memory");
            break;
        }
        res = send_body(s, c, NULL, 0, page.data, page.len, 0);
        page.data = NULL;
        break;
    case ROUTE_OPENAPI: {
        /* docs/openapi.json, built in: sent like every answer (ETag, 304,
         * and whatever encoding the others get), kept like a report */
        static const char okey[] = "O/openapi.json";
        if (cache_answer(s, c, okey, &res)) break;
        char *doc = strdup(http_openapi);
        if (!doc) {
            rc = reel_error(w->ctx, REEL_ENOMEM, "out of memory");
            break;
        }
        res = send_body(s, c, okey, gen, doc, http_openapi_len, 0);
        break;
    }
    case ROUTE_FILMS:
    case ROUTE_PAGE_INDEX:
        if ((rc = q->language
                      ? reel_store_films_language(&json, w->st, q->q, q->sort,
                                                  q->language, q->limit, q->offset)
                      : reel_store_films(&json, w->st, q->q, q->sort, q->limit,
                                         q->offset)))
            break;
        if (q->route == ROUTE_FILMS) {
            res = send_body(s, c, NULL, 0, json, strlen(json), 0);
            json = NULL;
        } else if ((rc = page_index(&page, json, q->q, q->sort)) == 0) {
            res = send_body(s, c, NULL, 0, page.data, page.len, 1);
            page.data = NULL;
        }
        break;
    case ROUTE_SEARCH:
    case ROUTE_PAGE_SEARCH: {
        /* kept like a film report: a popular query is asked again and
         * again, and costs milliseconds where the cache costs microseconds */
        buf k;
        buf_init(&k);
        buf_printf(&k, "S%c%d-%d/%s", q->route == ROUTE_SEARCH ? 'j' : 'h', q->limit,
                   q->offset, q->q ? q->q : "");
        if (!(key = buf_detach(&k))) {
            rc = reel_error(w->ctx, REEL_ENOMEM, "out of memory");
            break;
        }
        if (cache_answer(s, c, key, &res)) break;
        if (q->q && *q->q &&
            (rc = reel_store_search(&json, w->st, q->q, q->limit, q->offset)))
            break;
        if (q->route == ROUTE_SEARCH) {
            res = send_body(s, c, key, gen, json, strlen(json), 0);
            json = NULL;
        } else if ((rc = page_search(&page, json, q->q)) == 0) {
            res = send_body(s, c, key, gen, page.data, page.len, 1);
            page.data = NULL;
        }
        break;
    }
    case ROUTE_FILM:
    case ROUTE_PAGE_FILM:
    case ROUTE_ARTICLE:
    case ROUTE_PAGE_ARTICLE:
    case ROUTE_FILM_TIMELINE: {
        int timeline = q->route == ROUTE_FILM_TIMELINE;
        int film = q->route == ROUTE_FILM || q->route == ROUTE_PAGE_FILM || timeline;
        int html = q->route == ROUTE_PAGE_FILM || q->route == ROUTE_PAGE_ARTICLE;
        buf k;
        buf_init(&k);
        buf_printf(&k, "%c%c", timeline ? 'T' : film ? 'F' : 'A', html ? 'h' : 'j');
        if (q->has_hl) buf_printf(&k, "%zu-%zu", q->hl_start, q->hl_end);
        if (q->limit >= 0 || q->offset >= 0)
            buf_printf(&k, "p%d-%d", q->limit, q->offset);
        buf_putc(&k, '/');
        buf_puts(&k, q->arg);
        key = buf_detach(&k);
        if (!key) {
            rc = reel_error(w->ctx, REEL_ENOMEM, "out of memory");
            break;
        }
        if (cache_answer(s, c, key, &res)) break;
        /* ?limit=&offset=: a page of the film's articles (default 100 from 0) */
        int paged = film && !html && !timeline && (q->limit >= 0 || q->offset >= 0);
        rc = timeline ? reel_store_film_timeline(&json, w->st, q->arg)
             : paged  ? reel_store_film_page(&json, w->st, q->arg,
                                          q->limit >= 0 ? q->limit : 100,
                                          q->offset >= 0 ? q->offset : 0)
             : film ? reel_store_film(&json, w->st, q->arg)
                    : reel_store_article(&json, w->st, q->arg);
        if (rc == REEL_EAMBIGUOUS && json) {
            /* 300 Multiple Choices: the films the title fits, not one picked */
            rc = html ? page_choices(&page, json) : 0;
            if (rc == 0 && html) {
                res = queue(c, MHD_HTTP_MULTIPLE_CHOICES,
                            make(s, page.data, page.len, 1, NULL));
                page.data = NULL;
            } else if (rc == 0) {
                res = queue(c, MHD_HTTP_MULTIPLE_CHOICES,
                            make(s, json, strlen(json), 0, NULL));
                json = NULL;
            }
            break;
        }
        if (rc) break;
        if (!html) {
            res = send_body(s, c, key, gen, json, strlen(json), 0);
            json = NULL;
            break;
        }
        if (film) {
            /* the page's "Over time" section; a film page without it when
             * the timeline cannot be read */
            char *tl = NULL;
            if (store_timeline_of_report(w->st, json, &tl)) {
                free(tl);
                tl = NULL;
            }
            rc = page_film_timeline(&page, json, tl);
            free(tl);
        } else {
            rc = page_article(&page, json, q->has_hl, q->hl_start, q->hl_end);
        }
        if (rc == 0) {
            res = send_body(s, c, key, gen, page.data, page.len, 1);
            page.data = NULL;
        }
        break;
    }
    case ROUTE_CRITICS:
    case ROUTE_CRITIC:
    case ROUTE_OUTLETS:
    case ROUTE_OUTLET:
    case ROUTE_PAGE_CRITICS:
    case ROUTE_PAGE_CRITIC:
    case ROUTE_PAGE_OUTLETS:
    case ROUTE_PAGE_OUTLET:
        rc = people_route(s, c, q, w, gen, &key, &res);
        break;
    case ROUTE_STATIC:
        if (strcmp(q->arg, "reel.css") != 0) {
            res = send_error(s, c, 0, MHD_HTTP_NOT_FOUND, "no such file", NULL);
        } else if (not_modified(c, s->css_etag)) {
            res = send_304(s, c, s->css_etag);
        } else {
            res = MHD_queue_response(c, MHD_HTTP_OK, s->css);
        }
        break;
    default:
        res = send_error(s, c, q->api, MHD_HTTP_NOT_FOUND, "no such path", NULL);
        break;
    }
    if (rc == REEL_EFORMAT && !reel_errmsg(w->ctx)[0])
        rc = reel_error(w->ctx, REEL_EDB, "the store answered JSON that is not a report");
done:
    if (rc && store_limited(w->st)) {
        /* interrupted: not the store's fault, and worth another try */
        if (atomic_load(&s->stopping))
            snprintf(err, sizeof err, "the server is shutting down; try again later");
        else
            snprintf(err, sizeof err,
                     "this request took longer than the server's limit of %d ms "
                     "(reel serve --request-timeout); narrow it (fewer or rarer "
                     "words, a smaller offset) or try again later",
                     s->request_ms);
        res = send_error(s, c, q->api, MHD_HTTP_SERVICE_UNAVAILABLE, err, NULL);
    } else if (rc) {
        res = store_failed(s, c, q, w, rc);
    }
    free(json);
    free(key);
    buf_free(&page);
    return res;
}

/* ---------------- writes ---------------- */

static enum MHD_Result ingest(reel_server *s, struct MHD_Connection *c, request *rq)
{
    const char *ct = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
    reel_format fmt =
        !strncasecmp(ct, "text/html", 9) ? REEL_FORMAT_HTML : REEL_FORMAT_TEXT;
    reel_doc *doc = NULL;
    char *body = NULL;
    int added = 0, rc;
    enum MHD_Result res;
    pthread_mutex_lock(&s->write_mu);
    reel_ctx *ctx = s->wctx;
    const char *source = rq->req.url ? rq->req.url : "POST /api/articles";
    rc = reel_read(&doc, ctx, rq->body.data ? rq->body.data : "", rq->body.len, source,
                   fmt);
    if (rc == 0) {
        if (rq->req.url) doc->url = arena_strdup(doc->arena, rq->req.url);
        if (rq->req.title) doc->title = arena_strdup(doc->arena, rq->req.title);
        if ((rq->req.url && !doc->url) || (rq->req.title && !doc->title))
            rc = reel_error(ctx, REEL_ENOMEM, "out of memory");
    }
    if (rc == 0) rc = reel_clean(ctx, doc);
    if (rc == 0) rc = reel_segment(ctx, doc);
    if (rc == 0) rc = reel_analyze(ctx, doc);
    if (rc == 0) rc = reel_store_put_doc(&added, s->wst, doc);
    if (rc == 0 && added) atomic_fetch_add(&s->gen, 1);
    if (rc == 0) {
        json_t *film = doc->subject.title
                           ? json_pack("{s:s,s:s}", "key", doc->subject.key, "title",
                                       doc->subject.title)
                           : json_null();
        json_t *o = json_pack("{s:s,s:b,s:s,s:o,s:s+}", "id", doc->sha256, "added", added,
                              "kind", reel_kind_name(doc->kind), "film", film, "href",
                              "/api/articles/", doc->sha256);
        body = o ? json_dumps(o, REEL_JSON_FLAGS | JSON_PRESERVE_ORDER) : NULL;
        json_decref(o);
    }
    char msg[1024];
    snprintf(msg, sizeof msg, "%s", reel_errmsg(ctx));
    pthread_mutex_unlock(&s->write_mu);
    if (rc) {
        res = send_error(s, c, 1, status_of(rc), msg, NULL);
    } else if (!body) {
        res = MHD_NO;
    } else {
        struct MHD_Response *r = make(s, body, strlen(body), 0, NULL);
        if (r) {
            char loc[128];
            snprintf(loc, sizeof loc, "/api/articles/%s", doc->sha256);
            MHD_add_response_header(r, "Location", loc);
        }
        res = queue(c, added ? MHD_HTTP_CREATED : MHD_HTTP_OK, r);
    }
    reel_doc_free(doc);
    return res;
}

/* Who may write, before the body is read: 0 to go on, else a status. */
static int write_allowed(reel_server *s, struct MHD_Connection *c, const char **msg)
{
    if (!s->token) {
        *msg = "writes are off: start the server with a token (--token or $REEL_TOKEN)";
        return MHD_HTTP_FORBIDDEN;
    }
    const char *auth = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization");
    if (!auth || strncasecmp(auth, "Bearer ", 7) != 0) {
        *msg = "this call needs the header Authorization: Bearer <token>";
        return MHD_HTTP_UNAUTHORIZED;
    }
    const char *given = auth + 7;
    size_t n = strlen(s->token);
    if (strlen(given) != n || CRYPTO_memcmp(given, s->token, n) != 0) {
        *msg = "wrong token";
        return MHD_HTTP_FORBIDDEN;
    }
    const char *ct = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
    if (!ct || (strncasecmp(ct, "text/html", 9) && strncasecmp(ct, "text/plain", 10))) {
        *msg = "Content-Type must be text/html or text/plain";
        return MHD_HTTP_UNSUPPORTED_MEDIA_TYPE;
    }
    const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
    if (cl && strtoull(cl, NULL, 10) > s->max_body) {
        *msg = "body too large";
        return MHD_HTTP_CONTENT_TOO_LARGE;
    }
    return 0;
}

/* ---------------- libmicrohttpd callbacks ---------------- */

/* A browser's CORS preflight (OPTIONS) for an API path, with --cors: which
 * methods and request headers a page of the allowed origin may use. */
static enum MHD_Result preflight(const reel_server *s, struct MHD_Connection *c)
{
    struct MHD_Response *r =
        MHD_create_response_from_buffer(0, (char *)"", MHD_RESPMEM_PERSISTENT);
    if (!r) return MHD_NO;
    cors_headers(s, r);
    MHD_add_response_header(r, "Access-Control-Allow-Methods", "GET, HEAD, POST");
    MHD_add_response_header(r, "Access-Control-Allow-Headers",
                            "Authorization, Content-Type, If-None-Match");
    MHD_add_response_header(r, "Access-Control-Max-Age", CORS_MAX_AGE);
    MHD_add_response_header(r, "Cache-Control", "no-cache");
    return queue(c, MHD_HTTP_NO_CONTENT, r);
}

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
    (void)cls;
    (void)c;
    request *rq = calloc(1, sizeof *rq);
    if (!rq) return NULL;
    rq->uri = strdup(uri ? uri : "");
    if (!rq->uri) {
        free(rq);
        return NULL;
    }
    buf_init(&rq->body);
    return rq;
}

static void on_done(void *cls, struct MHD_Connection *c, void **req_cls,
                    enum MHD_RequestTerminationCode toe)
{
    (void)cls;
    (void)c;
    (void)toe;
    request *rq = *req_cls;
    if (!rq) return;
    free(rq->uri);
    http_req_free(&rq->req);
    buf_free(&rq->body);
    free(rq);
    *req_cls = NULL;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_data_size,
                                  void **req_cls)
{
    (void)url;
    (void)version;
    reel_server *s = cls;
    request *rq = *req_cls;
    if (!rq)
        return send_error(s, c, 1, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory", NULL);
    int ingesting = rq->req.route == ROUTE_INGEST;
    if (!rq->parsed) {
        /* only the headers are in: a request answered now has its
         * connection closed (its body is never read), so reads and their
         * errors wait for the next call and keep the connection alive;
         * a write is refused here, before its body is uploaded */
        rq->parsed = 1;
        if (s->cors && !strcmp(method, "OPTIONS") && !strncmp(rq->uri, "/api/", 5))
            return preflight(s, c);
        int get = !strcmp(method, "GET") || !strcmp(method, "HEAD");
        if (http_parse(&rq->req, method, rq->uri) && !get)
            return send_error(s, c, rq->req.api, rq->req.status, rq->req.err,
                              rq->req.allow);
        if (rq->req.route != ROUTE_INGEST) return MHD_YES;
        const char *msg = NULL;
        int st = write_allowed(s, c, &msg);
        return st ? send_error(s, c, 1, st, msg, NULL) : MHD_YES;
    }
    if (*upload_data_size) {
        /* past the cap the rest is read and dropped, then refused whole;
         * a read's body is dropped */
        if (ingesting && !rq->too_big && rq->body.len + *upload_data_size > s->max_body) {
            rq->too_big = 1;
            buf_free(&rq->body);
        }
        if (ingesting && !rq->too_big)
            buf_append(&rq->body, upload_data, *upload_data_size);
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (rq->req.status)
        return send_error(s, c, rq->req.api, rq->req.status, rq->req.err, rq->req.allow);
    if (!ingesting) return read_route(s, c, &rq->req);
    if (rq->too_big)
        return send_error(s, c, 1, MHD_HTTP_CONTENT_TOO_LARGE, "body too large", NULL);
    if (rq->body.oom)
        return send_error(s, c, 1, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory", NULL);
    return ingest(s, c, rq);
}

static void on_log(void *cls, const char *fmt, va_list ap)
{
    reel_server *s = cls;
    pthread_mutex_lock(&s->mu);
    if (!s->running) vsnprintf(s->log, sizeof s->log, fmt, ap);
    pthread_mutex_unlock(&s->mu);
}

/* ---------------- start and stop ---------------- */

/* "*", or an origin as browsers send it (RFC 6454): scheme "://" host
 * [":" port], no path, nothing a header could not carry. */
static int valid_origin(const char *o)
{
    if (!strcmp(o, "*")) return 1;
    const char *p = strstr(o, "://");
    if (!p || p == o || strlen(o) > 253) return 0;
    for (const char *q = o; q < p; q++)
        if (!isalnum((unsigned char)*q) && *q != '+' && *q != '-' && *q != '.') return 0;
    p += 3;
    if (!*p) return 0;
    for (; *p; p++)
        if (!isalnum((unsigned char)*p) && !strchr("-.:[]_", *p)) return 0;
    return 1;
}

/* "HOST:PORT", "[V6]:PORT", ":PORT" or "PORT" (loopback). */
static int parse_listen(reel_ctx *ctx, const char *listen, struct sockaddr_storage *ss,
                        socklen_t *sslen)
{
    char host[256] = "127.0.0.1", port[16];
    const char *p = listen ? listen : "127.0.0.1:8080";
    const char *colon = strrchr(p, ':');
    if (p[0] == '[') {
        const char *close = strchr(p, ']');
        if (!close || close[1] != ':' || (size_t)(close - p - 1) >= sizeof host)
            return reel_error(ctx, REEL_EINVAL, "listen address '%s': use [ADDRESS]:PORT",
                              p);
        memcpy(host, p + 1, (size_t)(close - p - 1));
        host[close - p - 1] = 0;
        colon = close + 1;
    } else if (colon) {
        if ((size_t)(colon - p) >= sizeof host)
            return reel_error(ctx, REEL_EINVAL, "listen address '%s' is too long", p);
        if (colon > p) {
            memcpy(host, p, (size_t)(colon - p));
            host[colon - p] = 0;
        }
    }
    const char *ps = colon ? colon + 1 : p;
    size_t pl = strlen(ps);
    if (pl == 0 || pl > 5 || strspn(ps, "0123456789") != pl || atoi(ps) > 65535)
        return reel_error(ctx, REEL_EINVAL,
                          "listen address '%s': the port must be 0-65535", p);
    snprintf(port, sizeof port, "%s", ps);
    struct addrinfo hints, *ai = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_NUMERICSERV;
    int e = getaddrinfo(host, port, &hints, &ai);
    if (e || !ai)
        return reel_error(ctx, REEL_EINVAL, "listen address '%s': %s", p,
                          gai_strerror(e));
    memcpy(ss, ai->ai_addr, ai->ai_addrlen);
    *sslen = ai->ai_addrlen;
    freeaddrinfo(ai);
    return 0;
}

static void server_free(reel_server *s)
{
    worker *w = s->workers;
    while (w) {
        worker *next = w->next;
        reel_store_close(w->st);
        reel_ctx_free(w->ctx);
        free(w);
        w = next;
    }
    cache_clear(s);
    if (s->css) MHD_destroy_response(s->css);
    reel_store_close(s->wst);
    reel_ctx_free(s->wctx);
    pthread_key_delete(s->key);
    pthread_mutex_destroy(&s->mu);
    pthread_mutex_destroy(&s->write_mu);
    pthread_rwlock_destroy(&s->cache_mu);
    free(s->db_url);
    free(s->token);
    free(s->cors);
    free(s);
}

int reel_server_start(reel_server **out, reel_ctx *ctx, const char *db_url,
                      const char *listen, const reel_server_opts *opts)
{
    reel_server_opts o;
    memset(&o, 0, sizeof o);
    if (opts) o = *opts;
    *out = NULL;
    struct sockaddr_storage ss;
    socklen_t sslen = 0;
    int rc = parse_listen(ctx, listen, &ss, &sslen);
    if (rc) return rc;
    if (o.cors_origin && *o.cors_origin && !valid_origin(o.cors_origin))
        return reel_error(ctx, REEL_EINVAL,
                          "--cors wants one origin, like https://example.org or "
                          "http://localhost:3000, or * for any: not \"%.100s\"",
                          o.cors_origin);
    reel_server *s = calloc(1, sizeof *s);
    if (!s) return reel_error(ctx, REEL_ENOMEM, "out of memory");
    if (pthread_key_create(&s->key, NULL)) {
        free(s);
        return reel_error(ctx, REEL_ENOMEM, "cannot create a thread key");
    }
    pthread_mutex_init(&s->mu, NULL);
    pthread_mutex_init(&s->write_mu, NULL);
    pthread_rwlock_init(&s->cache_mu, NULL);
    atomic_init(&s->gen, 1);
    s->max_body = o.max_body ? o.max_body : DEFAULT_MAX_BODY;
    s->cache_ms = o.cache_ms ? o.cache_ms : DEFAULT_CACHE_MS;
    s->request_ms = o.request_ms ? (int)o.request_ms : DEFAULT_REQUEST_MS;
    atomic_init(&s->stopping, 0);
    s->db_url = strdup(db_url ? db_url : "");
    s->token = o.token && *o.token ? strdup(o.token) : NULL;
    s->cors = o.cors_origin && *o.cors_origin ? strdup(o.cors_origin) : NULL;
    if (!s->db_url || (o.token && *o.token && !s->token) ||
        (o.cors_origin && *o.cors_origin && !s->cors)) {
        rc = reel_error(ctx, REEL_ENOMEM, "out of memory");
        goto fail;
    }
    /* the writer: opening it here checks the store (and migrates it) before
     * anyone connects. The store must exist: serve never creates one (a
     * mistyped --db is an error, not an empty site). Without a token
     * writes are off and every handle is read-only; with one, this
     * handle writes, and waits at most 15 s for another process's write
     * lock (then 503) so a request does not hang on a long batch. */
    if ((rc = reel_ctx_new(&s->wctx))) {
        rc = reel_error(ctx, REEL_ENOMEM, "out of memory");
        goto fail;
    }
    s->wctx->max_input = s->max_body;
    /* POST /api/articles predicts with the caller's model: the one it
     * loaded, none when it chose none, else its default looked for now so
     * /api/health names it from the first request */
    if (ctx->model && ctx->model_path)
        rc = reel_ctx_load_model(s->wctx, ctx->model_path);
    else if (ctx->model_lazy)
        rc = model_ensure(s->wctx);
    else if ((rc = reel_ctx_load_model(s->wctx, NULL)) == 0)
        s->wctx->model_missing = ctx->model_missing;
    if (rc) {
        rc = reel_error(ctx, rc, "%s", reel_errmsg(s->wctx));
        goto fail;
    }
    if (!s->token) {
        /* a store of an older schema is upgraded once, here, so that the
         * read-only handles after it can read it; a missing or foreign one
         * fails below with its own message */
        reel_store *up = NULL;
        if (reel_store_open_mode(&up, s->wctx, s->db_url, 0) == 0) reel_store_close(up);
    }
    if ((rc = reel_store_open_mode(&s->wst, s->wctx, s->db_url,
                                   s->token ? 0 : REEL_STORE_READONLY))) {
        rc = reel_error(ctx, rc, "%s", reel_errmsg(s->wctx));
        goto fail;
    }
    s->wst->busy_ms = WRITE_WAIT_MS;
    etag_of(http_css, http_css_len, s->css_etag);
    s->css = MHD_create_response_from_buffer(http_css_len, (void *)http_css,
                                             MHD_RESPMEM_PERSISTENT);
    if (!s->css) {
        rc = reel_error(ctx, REEL_ENOMEM, "out of memory");
        goto fail;
    }
    MHD_add_response_header(s->css, "Content-Type", "text/css; charset=utf-8");
    MHD_add_response_header(s->css, "Cache-Control", "public, max-age=3600");
    MHD_add_response_header(s->css, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(s->css, "ETag", s->css_etag);

    unsigned threads = o.threads;
    if (!threads) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        threads = n > 0 ? (unsigned)n : 1;
    }
    if (threads > 64) threads = 64;
    unsigned flags =
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC | MHD_USE_ERROR_LOG;
    if (ss.ss_family == AF_INET6) flags |= MHD_USE_IPv6;
    unsigned port =
        ntohs(ss.ss_family == AF_INET6 ? ((struct sockaddr_in6 *)&ss)->sin6_port
                                       : ((struct sockaddr_in *)&ss)->sin_port);
    /* the logger first: options are taken in order, and the library
     * must not print */
    struct MHD_OptionItem pool[] = {
        {threads > 1 ? MHD_OPTION_THREAD_POOL_SIZE : MHD_OPTION_END, threads, NULL},
        {MHD_OPTION_END, 0, NULL}};
    s->d = MHD_start_daemon(
        flags, (uint16_t)port, NULL, NULL, on_request, s, MHD_OPTION_EXTERNAL_LOGGER,
        on_log, s, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, CONN_MEMORY, MHD_OPTION_CONNECTION_LIMIT,
        CONN_LIMIT, MHD_OPTION_CONNECTION_TIMEOUT,
        o.timeout_s ? o.timeout_s : (unsigned)DEFAULT_TIMEOUT,
        MHD_OPTION_URI_LOG_CALLBACK, on_uri, s, MHD_OPTION_NOTIFY_COMPLETED, on_done, s,
        MHD_OPTION_ARRAY, pool, MHD_OPTION_END);
    if (!s->d) {
        rc =
            reel_error(ctx, REEL_EIO, "cannot listen on %s%s%s",
                       listen ? listen : "127.0.0.1:8080", s->log[0] ? ": " : "", s->log);
        goto fail;
    }
    const union MHD_DaemonInfo *info =
        MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
    s->port = info ? (int)info->port : (int)port;
    pthread_mutex_lock(&s->mu);
    s->running = 1;
    pthread_mutex_unlock(&s->mu);
    *out = s;
    return 0;
fail:
    server_free(s);
    return rc;
}

int reel_server_port(const reel_server *srv)
{
    return srv ? srv->port : 0;
}

void reel_server_stop(reel_server *srv)
{
    if (!srv) return;
    /* stop accepting, interrupt the queries in flight (their requests are
     * answered 503), give the answers a moment to go out, then close */
    atomic_store(&srv->stopping, 1);
    MHD_socket fd = MHD_quiesce_daemon(srv->d);
    if (fd != MHD_INVALID_SOCKET) close(fd);
    for (int i = 0; i < 40; i++) {
        const union MHD_DaemonInfo *info =
            MHD_get_daemon_info(srv->d, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
        if (!info || info->num_connections == 0) break;
        struct timespec ts = {0, 25 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    MHD_stop_daemon(srv->d);
    server_free(srv);
}

#else /* no libmicrohttpd */

int reel_server_start(reel_server **out, reel_ctx *ctx, const char *db_url,
                      const char *listen, const reel_server_opts *opts)
{
    (void)db_url;
    (void)listen;
    (void)opts;
    *out = NULL;
    return reel_error(ctx, REEL_EINVAL, "this reel was built without libmicrohttpd");
}

int reel_server_port(const reel_server *srv)
{
    (void)srv;
    return 0;
}

void reel_server_stop(reel_server *srv)
{
    (void)srv;
}

#endif
