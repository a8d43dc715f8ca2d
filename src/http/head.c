/* head.c — the head (request line and header lines) of a connection's first
 * request, checked from the bytes received so far, before libmicrohttpd
 * reads it (gate.c). libmicrohttpd answers a head it cannot take with its
 * own 400/414/431/505, without Content-Type or any of reel's headers, and
 * has no hook to change that; so reel refuses those heads itself, with the
 * answers it gives everywhere else. It refuses only what libmicrohttpd
 * would (a request line without method, target and HTTP/1.x, a header line
 * without a colon, a head over HTTP_MAX_HEAD), so every head it lets
 * through is served exactly as before. A pure function with hard limits.
 */
#include "http.h"

static void refuse(http_head *h, int status, const char *msg)
{
    h->status = status;
    snprintf(h->err, sizeof h->err, msg, HTTP_MAX_HEAD);
}

/* a token character of a method (RFC 9110 5.6.2) */
static int tchar(unsigned char c)
{
    return c > 0x20 && c < 0x7f && !strchr("\"(),/:;<=>?@[\\]{}", c);
}

/* The line from p[i] to its LF: its end without the CR, or NULL when the
 * LF has not come yet. *next: the index after the LF. */
static const char *line_end(const char *p, size_t n, size_t i, size_t *next)
{
    const char *lf = memchr(p + i, '\n', n - i);
    if (!lf) return NULL;
    *next = (size_t)(lf - p) + 1;
    return lf > p + i && lf[-1] == '\r' ? lf - 1 : lf;
}

/* "HTTP/1.0", "HTTP/1.1" are served; another "HTTP/d.d" is 505; else 400. */
static int version_status(const char *v, size_t n)
{
    if (n == 8 && (!memcmp(v, "HTTP/1.1", 8) || !memcmp(v, "HTTP/1.0", 8))) return 0;
    if (n == 8 && !memcmp(v, "HTTP/", 5) && v[5] >= '0' && v[5] <= '9' && v[6] == '.' &&
        v[7] >= '0' && v[7] <= '9')
        return 505;
    return 400;
}

int http_head_check(const char *p, size_t n, http_head *h)
{
    memset(h, 0, sizeof *h);
    size_t i = 0, next = 0;
    /* empty lines before a request line are ignored (RFC 9112 2.2) */
    while (i < n && (p[i] == '\r' || p[i] == '\n'))
        i++;
    size_t start = i;
    /* an answer under /api/ is JSON, known from the target's first bytes */
    const char *lf = memchr(p + i, '\n', n - i), *end = lf ? lf : p + n;
    const char *sp = memchr(p + i, ' ', (size_t)(end - (p + i)));
    if (sp) {
        const char *t = sp + 1;
        h->api = end - t >= 4 && !memcmp(t, "/api", 4) &&
                 (end - t == 4 || t[4] == '/' || t[4] == '?' || t[4] == ' ' ||
                  t[4] == '\r' || t[4] == '\n');
    }
    const char *e = line_end(p, n, i, &next);
    if (!e) {
        if (n - start <= HTTP_MAX_HEAD) return HTTP_HEAD_MORE;
        refuse(h, 414, "request line is longer than %d bytes");
        return h->status;
    }
    const char *line = p + i;
    size_t len = e > line ? (size_t)(e - line) : 0;
    const char *sp1 = memchr(line, ' ', len), *sp2 = NULL;
    for (const char *q = e; q > line && !sp2; q--)
        if (q[-1] == ' ') sp2 = q - 1;
    if (!sp1 || sp1 == line || sp2 == sp1 || sp2 == sp1 + 1) {
        refuse(h, 400, "malformed request line: use METHOD TARGET HTTP/1.1");
        return h->status;
    }
    for (const char *q = line; q < sp1; q++)
        if (!tchar((unsigned char)*q)) {
            refuse(h, 400, "malformed request line: the method is not a token");
            return h->status;
        }
    int vs = version_status(sp2 + 1, (size_t)(e - sp2 - 1));
    if (vs) {
        refuse(h, vs,
               vs == 505 ? "HTTP version not supported: use HTTP/1.1 or HTTP/1.0"
                         : "malformed request line: use METHOD TARGET HTTP/1.1");
        return h->status;
    }
    /* header lines up to the empty one */
    for (i = next; i - start <= HTTP_MAX_HEAD;) {
        e = line_end(p, n, i, &next);
        if (!e) {
            if (n - start <= HTTP_MAX_HEAD) return HTTP_HEAD_MORE;
            break;
        }
        line = p + i;
        if (e == line) { /* the end of the head */
            if (next - start > HTTP_MAX_HEAD) break;
            return 0;
        }
        /* a line that starts with a space continues the one before
         * (obsolete folding, which libmicrohttpd takes) */
        if (*line != ' ' && *line != '\t') {
            const char *colon = memchr(line, ':', (size_t)(e - line));
            if (!colon || colon == line) {
                refuse(h, 400, "malformed header line: use NAME: VALUE");
                return h->status;
            }
        }
        i = next;
    }
    refuse(h, 431, "request line and headers are longer than %d bytes");
    return h->status;
}
