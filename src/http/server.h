/* server.h — private to `reel serve` (src/http/server.c and the files it
 * is split into): the server's state, a worker's handles, a request's
 * state, and what each file offers the others: answers and their headers
 * (respond.c), the response cache (cache.c), the reads (routes.c).
 */
#ifndef REEL_HTTP_SERVER_H
#define REEL_HTTP_SERVER_H

#include "../store/store.h"
#include "http.h"

#ifdef REEL_HAVE_MHD

#include <microhttpd.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <sys/socket.h>

#define CACHE_SLOTS 1024 /* power of two: a direct-mapped cache */

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

/* reel's accept loop in front of libmicrohttpd (gate.c). */
typedef struct http_gate http_gate;

struct reel_server {
    struct MHD_Daemon *d;
    http_gate *gate; /* accepts and checks each connection's first head */
    int decoy[2];    /* libmicrohttpd's listen socket, which never connects */
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

/* respond.c */
/* Milliseconds of a monotonic clock (coarse: for cache ages). */
uint64_t http_now_ms(void);
/* The ETag of a body: a quoted hash. */
void http_etag_of(const char *body, size_t len, char out[40]);
/* Does the request's If-None-Match name `etag`? */
int http_not_modified(struct MHD_Connection *c, const char *etag);
/* The HTTP status of a REEL_E… code. */
int http_status_of(int rc);
/* The CORS headers of an API answer (none without --cors). */
void http_cors_headers(const reel_server *s, struct MHD_Response *r);
/* Does the client take gzip (Accept-Encoding)? */
int http_accepts_gzip(struct MHD_Connection *c);
/* `body` gzipped into a new malloc'd buffer, or NULL. */
char *http_gzip_of(const char *body, size_t len, size_t *out_len);
/* A response owning `body` (malloc'd; NULL: empty) with the headers of
 * every answer (html: a page's), or NULL. */
struct MHD_Response *http_make(const reel_server *s, char *body, size_t len, int html,
                               const char *etag);
/* Queue `r` (NULL: out of memory, the connection is dropped) and release it. */
enum MHD_Result http_queue(struct MHD_Connection *c, int status, struct MHD_Response *r);
/* 304 Not Modified for `etag`. */
enum MHD_Result http_send_304(const reel_server *s, struct MHD_Connection *c,
                              const char *etag);
/* An error answer: JSON {"error":{"status","message"}} under /api/ (api),
 * else an HTML page; `allow` (405) may be NULL. */
enum MHD_Result http_send_error(reel_server *s, struct MHD_Connection *c, int api,
                                int status, const char *msg, const char *allow);

/* An error answer as bytes on the wire, for a head libmicrohttpd never
 * sees: the status line, Date, Connection: close, the headers of every
 * answer and the body (malloc'd, *len bytes), or NULL. */
char *http_raw_error(const reel_server *s, int api, int status, const char *msg,
                     size_t *len);

/* gate.c */
/* Listen on `addr` (errors: REEL_EIO, the reason in err); connections wait
 * up to timeout_s for their head, at most max_conns at once. */
int http_gate_open(http_gate **out, reel_server *s, const struct sockaddr *addr,
                   socklen_t addrlen, unsigned timeout_s, size_t max_conns, char *err,
                   size_t errlen);
/* The port it listens on. */
int http_gate_port(const http_gate *g);
/* Start accepting (s->d must be running); REEL_ENOMEM without a thread. */
int http_gate_run(http_gate *g);
/* Stop accepting and close the listen socket. */
void http_gate_stop(http_gate *g);
/* Stop if still running and free; NULL-safe. */
void http_gate_free(http_gate *g);

/* cache.c */
/* Answer from the cache when it holds a fresh response for `key`: 1 or 2
 * (answered: *res set), 0 (not there). */
int http_cache_answer(reel_server *s, struct MHD_Connection *c, const char *key,
                      enum MHD_Result *res);
/* A read's answer (takes `body`): 304, or 200 with its ETag, gzipped when
 * the client takes it; kept under `key` (may be NULL) for generation `gen`. */
enum MHD_Result http_send_body(reel_server *s, struct MHD_Connection *c, const char *key,
                               uint64_t gen, char *body, size_t len, int html);
/* Drop every cached response. */
void http_cache_clear(reel_server *s);

/* routes.c */
/* Answer a parsed read (GET or HEAD) request. */
enum MHD_Result http_read_route(reel_server *s, struct MHD_Connection *c,
                                const http_req *q);

#endif
#endif
