/* gate.c — reel's own accept loop in front of libmicrohttpd. libmicrohttpd
 * answers a request head it cannot take (a malformed request line or header
 * line, a head over its memory, another HTTP version) with a reply of its
 * own that carries no Content-Type and none of reel's headers, and 0.9.75
 * has no hook to change it. So reel accepts each connection itself, waits
 * (one thread, epoll, the connection timeout) until the head of its first
 * request is in, looks at it without reading it (MSG_PEEK) and head.c
 * decides: a head libmicrohttpd serves is handed over untouched
 * (MHD_add_connection: it reads the same bytes), any other is answered here
 * with reel's usual error (respond.c) and closed after the client's bytes
 * are drained. Later requests on a kept-alive connection are libmicrohttpd's
 * to read; server.c checks their head size itself.
 */
#include "server.h"

#ifdef REEL_HAVE_MHD

#include <errno.h>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#define GATE_DRAIN_MS 2000          /* an answered client gets this long to stop */
#define GATE_DRAIN_BYTES (1u << 20) /* and may send this much more */
#define GATE_EVENTS 64
#define GATE_LISTEN ((uint64_t)0) /* epoll tags; a connection's is its slot + 2 */
#define GATE_WAKE ((uint64_t)1)

typedef struct {
    int fd; /* -1: a free slot */
    int draining;
    uint64_t deadline;
    size_t drained;
    struct sockaddr_storage addr;
    socklen_t addrlen;
} gate_conn;

struct http_gate {
    int lfd, ep, wake;
    int running;
    pthread_t thread;
    reel_server *s;
    uint64_t timeout_ms;
    gate_conn *conns;
    size_t cap;
    char *peek; /* HTTP_MAX_HEAD + 1 bytes */
};

static void conn_close(http_gate *g, gate_conn *c)
{
    epoll_ctl(g->ep, EPOLL_CTL_DEL, c->fd, NULL);
    close(c->fd);
    c->fd = -1;
}

/* Read and drop what the client still sends; closed at its end, at the
 * byte cap or the deadline. Closing with unread bytes would reset the
 * connection and could lose the answer on its way. */
static void drain(http_gate *g, gate_conn *c)
{
    char sink[16384];
    for (;;) {
        ssize_t n = recv(c->fd, sink, sizeof sink, 0);
        if (n > 0) {
            c->drained += (size_t)n;
            if (c->drained > GATE_DRAIN_BYTES) break;
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
        if (n < 0 && errno == EINTR) continue;
        break;
    }
    conn_close(g, c);
}

/* Answer a head reel will not hand over, then drain. */
static void refuse(http_gate *g, gate_conn *c, const http_head *h)
{
    size_t len = 0;
    char *reply = http_raw_error(g->s, h->api, h->status, h->err, &len);
    size_t off = 0;
    while (reply && off < len) {
        ssize_t n = send(c->fd, reply + off, len - off, MSG_NOSIGNAL);
        if (n > 0)
            off += (size_t)n;
        else if (n < 0 && errno == EINTR)
            continue;
        else
            break; /* a full socket buffer or a gone client: what went, went */
    }
    free(reply);
    shutdown(c->fd, SHUT_WR);
    c->draining = 1;
    c->deadline = http_now_ms() + GATE_DRAIN_MS;
    drain(g, c);
}

static void examine(http_gate *g, gate_conn *c)
{
    if (c->draining) {
        drain(g, c);
        return;
    }
    ssize_t n = recv(c->fd, g->peek, HTTP_MAX_HEAD + 1, MSG_PEEK);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return;
    if (n <= 0) { /* gone before its head was in */
        conn_close(g, c);
        return;
    }
    http_head h;
    int st = http_head_check(g->peek, (size_t)n, &h);
    if (st == HTTP_HEAD_MORE) return;
    if (st) {
        refuse(g, c, &h);
        return;
    }
    /* libmicrohttpd's from here (it closes the socket if it cannot take it) */
    epoll_ctl(g->ep, EPOLL_CTL_DEL, c->fd, NULL);
    MHD_add_connection(g->s->d, c->fd, (const struct sockaddr *)&c->addr, c->addrlen);
    c->fd = -1;
}

static void accept_all(http_gate *g)
{
    for (;;) {
        struct sockaddr_storage a;
        socklen_t al = sizeof a;
        int fd =
            accept4(g->lfd, (struct sockaddr *)&a, &al, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED) continue;
            return; /* EAGAIN, or out of descriptors: the next event tries again */
        }
        size_t i = 0;
        while (i < g->cap && g->conns[i].fd >= 0)
            i++;
        struct epoll_event ev = {.events = EPOLLIN | EPOLLRDHUP | EPOLLET,
                                 .data.u64 = (uint64_t)i + 2};
        if (i == g->cap || epoll_ctl(g->ep, EPOLL_CTL_ADD, fd, &ev)) {
            close(fd); /* as many connections waiting as the server takes */
            continue;
        }
        gate_conn *c = &g->conns[i];
        memset(c, 0, sizeof *c);
        c->fd = fd;
        c->addr = a;
        c->addrlen = al;
        c->deadline = http_now_ms() + g->timeout_ms;
        examine(g, c); /* its head may be in already: no wait for the event */
    }
}

static void *gate_loop(void *arg)
{
    http_gate *g = arg;
    struct epoll_event evs[GATE_EVENTS];
    for (;;) {
        int n = epoll_wait(g->ep, evs, GATE_EVENTS, 250);
        for (int k = 0; k < n; k++) {
            uint64_t tag = evs[k].data.u64;
            if (tag == GATE_WAKE) return NULL;
            if (tag == GATE_LISTEN) {
                accept_all(g);
                continue;
            }
            gate_conn *c = &g->conns[tag - 2];
            if (c->fd >= 0) examine(g, c);
        }
        /* heads that never came, drains that never ended */
        uint64_t now = http_now_ms();
        for (size_t i = 0; i < g->cap; i++)
            if (g->conns[i].fd >= 0 && now > g->conns[i].deadline)
                conn_close(g, &g->conns[i]);
    }
}

void http_gate_free(http_gate *g)
{
    if (!g) return;
    if (g->running) {
        uint64_t one = 1;
        (void)!write(g->wake, &one, sizeof one);
        pthread_join(g->thread, NULL);
    }
    for (size_t i = 0; g->conns && i < g->cap; i++)
        if (g->conns[i].fd >= 0) close(g->conns[i].fd);
    if (g->lfd >= 0) close(g->lfd);
    if (g->ep >= 0) close(g->ep);
    if (g->wake >= 0) close(g->wake);
    free(g->conns);
    free(g->peek);
    free(g);
}

int http_gate_open(http_gate **out, reel_server *s, const struct sockaddr *addr,
                   socklen_t addrlen, unsigned timeout_s, size_t max_conns, char *err,
                   size_t errlen)
{
    http_gate *g = calloc(1, sizeof *g);
    *out = NULL;
    if (!g) return REEL_ENOMEM;
    g->lfd = g->ep = g->wake = -1;
    g->s = s;
    g->timeout_ms = (uint64_t)timeout_s * 1000u;
    g->cap = max_conns;
    g->conns = malloc(max_conns * sizeof *g->conns);
    g->peek = malloc(HTTP_MAX_HEAD + 1);
    if (!g->conns || !g->peek) {
        http_gate_free(g);
        return REEL_ENOMEM;
    }
    for (size_t i = 0; i < max_conns; i++)
        g->conns[i].fd = -1;
    int one = 1;
    g->lfd = socket(addr->sa_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (g->lfd < 0 || setsockopt(g->lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) ||
        (addr->sa_family == AF_INET6 &&
         setsockopt(g->lfd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one)) ||
        bind(g->lfd, addr, addrlen) || listen(g->lfd, SOMAXCONN)) {
        snprintf(err, errlen, "%s", strerror(errno));
        http_gate_free(g);
        return REEL_EIO;
    }
    g->ep = epoll_create1(EPOLL_CLOEXEC);
    g->wake = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    struct epoll_event lev = {.events = EPOLLIN, .data.u64 = GATE_LISTEN};
    struct epoll_event wev = {.events = EPOLLIN, .data.u64 = GATE_WAKE};
    if (g->ep < 0 || g->wake < 0 || epoll_ctl(g->ep, EPOLL_CTL_ADD, g->lfd, &lev) ||
        epoll_ctl(g->ep, EPOLL_CTL_ADD, g->wake, &wev)) {
        snprintf(err, errlen, "%s", strerror(errno));
        http_gate_free(g);
        return REEL_EIO;
    }
    *out = g;
    return 0;
}

int http_gate_port(const http_gate *g)
{
    struct sockaddr_storage a;
    socklen_t al = sizeof a;
    if (getsockname(g->lfd, (struct sockaddr *)&a, &al)) return 0;
    return ntohs(a.ss_family == AF_INET6 ? ((struct sockaddr_in6 *)&a)->sin6_port
                                         : ((struct sockaddr_in *)&a)->sin_port);
}

int http_gate_run(http_gate *g)
{
    if (pthread_create(&g->thread, NULL, gate_loop, g)) return REEL_ENOMEM;
    g->running = 1;
    return 0;
}

/* Stop accepting (reel_server_stop): connections already handed over
 * finish in libmicrohttpd; the ones still waiting for their head close. */
void http_gate_stop(http_gate *g)
{
    if (!g || !g->running) return;
    uint64_t one = 1;
    (void)!write(g->wake, &one, sizeof one);
    pthread_join(g->thread, NULL);
    g->running = 0;
    close(g->lfd);
    g->lfd = -1;
}

#endif
