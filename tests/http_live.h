/* http_live.h — the live server for the HTTP tests: a store of fixtures
 * served in-process (read-write with a token, and read-only), and a tiny
 * client over a socket (raw bytes, calls, headers, JSON errors) that
 * test_http_server.c and test_http_faults.c share.
 */
#ifndef REEL_TEST_HTTP_LIVE_H
#define REEL_TEST_HTTP_LIVE_H

#include "helpers.h"
#include "http/http.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <jansson.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

static char g_db[256];
static reel_server *g_srv, *g_srv_ro;
static int g_port, g_port_ro;
#define TOKEN "t0ken-for-tests"
#define MAX_BODY (64u << 10)

typedef struct {
    int status;
    char *head; /* status line and headers */
    char *body;
    size_t body_len;
} reply;

static inline void reply_free(reply *r)
{
    free(r->head);
    free(r->body);
    memset(r, 0, sizeof *r);
}

/* Send raw bytes, read until the server closes; status 0 when it closed
 * without an answer. */
static inline reply raw(int port, const char *req, size_t len)
{
    reply r = {0};
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(fd >= 0);
    struct timeval tv = {20, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(connect(fd, (struct sockaddr *)&a, sizeof a), 0);
    for (size_t off = 0; off < len;) {
        ssize_t n = send(fd, req + off, len - off, MSG_NOSIGNAL);
        if (n <= 0) break; /* the server may refuse before the body is sent */
        off += (size_t)n;
    }
    buf b;
    buf_init(&b);
    char tmp[16384];
    ssize_t n;
    while ((n = recv(fd, tmp, sizeof tmp, 0)) > 0)
        buf_append(&b, tmp, (size_t)n);
    close(fd);
    buf_putc(&b, 0);
    char *end = strstr(b.data, "\r\n\r\n");
    if (!strncmp(b.data, "HTTP/1.", 7) && end) {
        r.status = atoi(b.data + 9);
        r.head = strndup(b.data, (size_t)(end - b.data) + 2);
        r.body_len = b.len - 1 - (size_t)(end + 4 - b.data);
        r.body = malloc(r.body_len + 1);
        memcpy(r.body, end + 4, r.body_len);
        r.body[r.body_len] = 0;
    }
    buf_free(&b);
    return r;
}

static inline reply call(int port, const char *method, const char *path,
                         const char *headers, const char *body)
{
    buf b;
    buf_init(&b);
    buf_printf(&b, "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n%s", method,
               path, headers ? headers : "");
    if (body) buf_printf(&b, "Content-Length: %zu\r\n", strlen(body));
    buf_puts(&b, "\r\n");
    if (body) buf_puts(&b, body);
    reply r = raw(port, b.data, b.len);
    buf_free(&b);
    return r;
}

static inline reply get(const char *path)
{
    return call(g_port, "GET", path, NULL, NULL);
}

/* A header's value in a reply (case-insensitive name), or NULL. */
static inline char *header(const reply *r, const char *name)
{
    static char v[512];
    size_t n = strlen(name);
    for (const char *p = r->head ? strstr(r->head, "\r\n") : NULL; p && p[2];
         p = strstr(p + 2, "\r\n")) {
        if (!strncasecmp(p + 2, name, n) && p[2 + n] == ':') {
            const char *s = p + 3 + n;
            while (*s == ' ')
                s++;
            size_t l = strcspn(s, "\r\n");
            snprintf(v, sizeof v, "%.*s", (int)(l < sizeof v - 1 ? l : sizeof v - 1), s);
            return v;
        }
    }
    return NULL;
}

/* An API error: the status, a JSON body {"error":{"status","message"}}. */
static inline void assert_json_error(const reply *r, int status)
{
    if (r->status != status)
        fail_msg("status %d, expected %d: %s", r->status, status, r->body);
    json_t *o = json_loads(r->body, 0, NULL);
    assert_non_null(o);
    json_t *e = json_object_get(o, "error");
    assert_int_equal(json_integer_value(json_object_get(e, "status")), status);
    assert_true(json_string_length(json_object_get(e, "message")) > 0);
    json_decref(o);
    assert_non_null(strstr(header(r, "Content-Type"), "application/json"));
}

static inline void assert_up(void)
{
    reply r = get("/api/health");
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "\"status\":\"ok\""));
    reply_free(&r);
}

static inline json_t *get_json(const char *path)
{
    reply r = get(path);
    if (r.status != 200) fail_msg("GET %s: %d %s", path, r.status, r.body ? r.body : "");
    json_t *o = json_loads(r.body, 0, NULL);
    assert_non_null(o);
    reply_free(&r);
    return o;
}

static inline int server_setup(void **state)
{
    (void)state;
    signal(SIGPIPE, SIG_IGN);
    reel_ctx *ctx = NULL;
    assert_int_equal(reel_ctx_new(&ctx), 0);
    assert_int_equal(reel_ctx_load_model(ctx, NULL), 0);
    snprintf(g_db, sizeof g_db, "/tmp/reel-http-%d.db", (int)getpid());
    reel_store *st = NULL;
    assert_int_equal(reel_store_open(&st, ctx, g_db), 0);
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/examples", src_dir());
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *e;
    int n = 0;
    assert_int_equal(reel_store_begin(st), 0);
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        char path[8192];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        reel_doc *doc = process_file(ctx, path);
        assert_non_null(doc);
        int added = 0;
        assert_int_equal(reel_store_put_doc(&added, st, doc), 0);
        reel_doc_free(doc);
        n++;
    }
    closedir(d);
    /* and one with no title, named by its file in search hits */
    static const char untitled[] =
        "Field notes: a quokka wandered across the set between takes, and the crew "
        "kept filming it for the rest of the afternoon.\n";
    reel_doc *doc = NULL;
    assert_int_equal(reel_process(&doc, ctx, untitled, sizeof untitled - 1,
                                  "notes/quokka-notes.txt", REEL_FORMAT_TEXT),
                     0);
    assert_null(doc->title);
    int added = 0;
    assert_int_equal(reel_store_put_doc(&added, st, doc), 0);
    reel_doc_free(doc);
    assert_int_equal(reel_store_commit(st), 0);
    assert_true(n >= 10);
    reel_store_close(st);
    reel_server_opts o = {.threads = 2, .token = TOKEN, .max_body = MAX_BODY};
    if (reel_server_start(&g_srv, ctx, g_db, "127.0.0.1:0", &o))
        fail_msg("start: %s", reel_errmsg(ctx));
    g_port = reel_server_port(g_srv);
    assert_true(g_port > 0);
    reel_server_opts ro = {.threads = 1};
    assert_int_equal(reel_server_start(&g_srv_ro, ctx, g_db, "127.0.0.1:0", &ro), 0);
    g_port_ro = reel_server_port(g_srv_ro);
    /* a bad listen address and a port in use are clear errors */
    reel_server *x = NULL;
    assert_int_equal(reel_server_start(&x, ctx, g_db, "127.0.0.1:99999", NULL),
                     REEL_EINVAL);
    assert_null(x);
    char used[64];
    snprintf(used, sizeof used, "127.0.0.1:%d", g_port);
    assert_int_equal(reel_server_start(&x, ctx, g_db, used, NULL), REEL_EIO);
    assert_non_null(strstr(reel_errmsg(ctx), "cannot listen"));
    reel_ctx_free(ctx);
    return 0;
}

static inline int server_teardown(void **state)
{
    (void)state;
    reel_server_stop(g_srv);
    reel_server_stop(g_srv_ro);
    char x[300];
    unlink(g_db);
    snprintf(x, sizeof x, "%s-wal", g_db);
    unlink(x);
    snprintf(x, sizeof x, "%s-shm", g_db);
    unlink(x);
    return 0;
}

#endif
