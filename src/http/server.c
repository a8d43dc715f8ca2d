/* server.c — `reel serve`: the JSON API and the web pages over one store,
 * on libmicrohttpd's thread pool. Each worker thread has its own context
 * and store handle (errors live on the context; SQLite readers then never
 * wait on each other); writes (POST /api/articles, only with a token) go
 * through one writer under a lock. This file starts and stops the daemon,
 * holds libmicrohttpd's callbacks that take each request to its answer, and
 * the one write; the reads are in routes.c, the response cache in cache.c,
 * the headers and error bodies every answer carries in respond.c. Docs:
 * docs/api.md.
 */
#include "server.h"

#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <netdb.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#ifdef REEL_HAVE_MHD

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/crypto.h>
#include <sys/socket.h>

#define DEFAULT_MAX_BODY ((size_t)8 << 20)
#define DEFAULT_TIMEOUT 15
#define DEFAULT_CACHE_MS 1000
#define DEFAULT_REQUEST_MS 10000
/* libmicrohttpd's memory per connection: room for a head of HTTP_MAX_HEAD
 * and its own bookkeeping, so it never refuses a head reel takes */
#define CONN_MEMORY ((size_t)128 << 10)
#define CONN_LIMIT 1000u
#define WRITE_WAIT_MS 15000 /* a POST waits this long for a locked store */
#define CORS_MAX_AGE "600"  /* seconds a browser may keep a preflight's answer */

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
    if (rc == 0) rc = reel_process_doc(ctx, doc);
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
        res = http_send_error(s, c, 1, http_status_of(rc), msg, NULL);
    } else if (!body) {
        res = MHD_NO;
    } else {
        struct MHD_Response *r = http_make(s, body, strlen(body), 0, NULL);
        if (r) {
            char loc[128];
            snprintf(loc, sizeof loc, "/api/articles/%s", doc->sha256);
            MHD_add_response_header(r, "Location", loc);
        }
        res = http_queue(c, added ? MHD_HTTP_CREATED : MHD_HTTP_OK, r);
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
    http_cors_headers(s, r);
    MHD_add_response_header(r, "Access-Control-Allow-Methods", "GET, HEAD, POST");
    MHD_add_response_header(r, "Access-Control-Allow-Headers",
                            "Authorization, Content-Type, If-None-Match");
    MHD_add_response_header(r, "Access-Control-Max-Age", CORS_MAX_AGE);
    MHD_add_response_header(r, "Cache-Control", "no-cache");
    return http_queue(c, MHD_HTTP_NO_CONTENT, r);
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

static enum MHD_Result add_header_bytes(void *cls, enum MHD_ValueKind kind,
                                        const char *key, const char *value)
{
    (void)kind;
    *(size_t *)cls += strlen(key) + (value ? strlen(value) : 0) + 4; /* ": ", CRLF */
    return MHD_YES;
}

/* The bytes of a request's head as sent (near enough: spaces around a
 * value are not kept): over HTTP_MAX_HEAD is 431, as for a first request
 * (gate.c), for the later ones of a kept-alive connection too. */
static size_t head_bytes(struct MHD_Connection *c, const char *method, const char *uri,
                         const char *version)
{
    size_t n = strlen(method) + strlen(uri) + strlen(version) + 4;
    MHD_get_connection_values(c, MHD_HEADER_KIND, add_header_bytes, &n);
    return n + 2;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_data_size,
                                  void **req_cls)
{
    (void)url;
    reel_server *s = cls;
    request *rq = *req_cls;
    if (!rq)
        return http_send_error(s, c, 1, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory",
                               NULL);
    int ingesting = rq->req.route == ROUTE_INGEST;
    if (!rq->parsed) {
        /* only the headers are in: a request answered now has its
         * connection closed (its body is never read), so reads and their
         * errors wait for the next call and keep the connection alive;
         * a write is refused here, before its body is uploaded */
        rq->parsed = 1;
        if (head_bytes(c, method, rq->uri, version) > HTTP_MAX_HEAD) {
            char msg[128];
            snprintf(msg, sizeof msg, "request line and headers are longer than %d bytes",
                     HTTP_MAX_HEAD);
            int api = !strncmp(rq->uri, "/api", 4) &&
                      (rq->uri[4] == '/' || rq->uri[4] == '?' || !rq->uri[4]);
            return http_send_error(s, c, api, MHD_HTTP_REQUEST_HEADER_FIELDS_TOO_LARGE,
                                   msg, NULL);
        }
        if (s->cors && !strcmp(method, "OPTIONS") && !strncmp(rq->uri, "/api/", 5))
            return preflight(s, c);
        int get = !strcmp(method, "GET") || !strcmp(method, "HEAD");
        if (http_parse(&rq->req, method, rq->uri) && !get)
            return http_send_error(s, c, rq->req.api, rq->req.status, rq->req.err,
                                   rq->req.allow);
        if (rq->req.route != ROUTE_INGEST) return MHD_YES;
        const char *msg = NULL;
        int st = write_allowed(s, c, &msg);
        return st ? http_send_error(s, c, 1, st, msg, NULL) : MHD_YES;
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
        return http_send_error(s, c, rq->req.api, rq->req.status, rq->req.err,
                               rq->req.allow);
    if (!ingesting) return http_read_route(s, c, &rq->req);
    if (rq->too_big)
        return http_send_error(s, c, 1, MHD_HTTP_CONTENT_TOO_LARGE, "body too large",
                               NULL);
    if (rq->body.oom)
        return http_send_error(s, c, 1, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory",
                               NULL);
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
    http_cache_clear(s);
    http_gate_free(s->gate);
    for (int i = 0; i < 2; i++)
        if (s->decoy[i] >= 0) close(s->decoy[i]);
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
    s->decoy[0] = s->decoy[1] = -1;
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
    http_etag_of(http_css, http_css_len, s->css_etag);
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
    unsigned timeout = o.timeout_s ? o.timeout_s : (unsigned)DEFAULT_TIMEOUT;
    /* reel accepts the connections (gate.c) and hands libmicrohttpd those
     * whose first head it serves; libmicrohttpd keeps its thread pool on a
     * listen socket of its own that no client can reach */
    char why[256] = "";
    if ((rc = http_gate_open(&s->gate, s, (struct sockaddr *)&ss, sslen, timeout,
                             CONN_LIMIT, why, sizeof why))) {
        rc = rc == REEL_ENOMEM ? reel_error(ctx, rc, "out of memory")
                               : reel_error(ctx, rc, "cannot listen on %s: %s",
                                            listen ? listen : "127.0.0.1:8080", why);
        goto fail;
    }
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, s->decoy)) {
        rc = reel_error(ctx, REEL_EIO, "cannot make a socket pair: %s", strerror(errno));
        goto fail;
    }
    /* the logger first: options are taken in order, and the library
     * must not print */
    struct MHD_OptionItem pool[] = {
        {threads > 1 ? MHD_OPTION_THREAD_POOL_SIZE : MHD_OPTION_END, threads, NULL},
        {MHD_OPTION_END, 0, NULL}};
    s->d = MHD_start_daemon(
        flags, 0, NULL, NULL, on_request, s, MHD_OPTION_EXTERNAL_LOGGER, on_log, s,
        MHD_OPTION_LISTEN_SOCKET, s->decoy[0], MHD_OPTION_CONNECTION_MEMORY_LIMIT,
        CONN_MEMORY, MHD_OPTION_CONNECTION_LIMIT, CONN_LIMIT,
        MHD_OPTION_CONNECTION_TIMEOUT, timeout, MHD_OPTION_URI_LOG_CALLBACK, on_uri, s,
        MHD_OPTION_NOTIFY_COMPLETED, on_done, s, MHD_OPTION_ARRAY, pool, MHD_OPTION_END);
    if (!s->d) {
        rc =
            reel_error(ctx, REEL_EIO, "cannot listen on %s%s%s",
                       listen ? listen : "127.0.0.1:8080", s->log[0] ? ": " : "", s->log);
        goto fail;
    }
    s->decoy[0] = -1; /* libmicrohttpd's now */
    s->port = http_gate_port(s->gate);
    if ((rc = http_gate_run(s->gate))) {
        rc = reel_error(ctx, rc, "cannot start a thread");
        MHD_stop_daemon(s->d);
        goto fail;
    }
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
    http_gate_stop(srv->gate);
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
