/* respond.c — how `reel serve` answers (server.c, routes.c, cache.c): the
 * headers every answer carries (Content-Type, nosniff, no-cache; the CSP and
 * Referrer-Policy of pages; CORS with --cors), ETags and 304s, gzip when the
 * client takes it, the status of a library error and the error bodies (JSON
 * under /api/, else an HTML page), so every answer looks alike.
 */
#include "server.h"

#ifdef REEL_HAVE_MHD

#include <jansson.h>
#include <strings.h>
#include <time.h>
#include <zlib.h>

#define CSP                                                                              \
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "         \
    "base-uri 'none'; frame-ancestors 'none'"

uint64_t http_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

void http_etag_of(const char *body, size_t len, char out[40])
{
    char hex[65];
    if (sha256_hex(body, len, hex) == 0)
        snprintf(out, 40, "\"%.32s\"", hex);
    else /* out of memory inside OpenSSL: a weaker tag is still a tag */
        snprintf(out, 40, "\"f%016llx\"", (unsigned long long)hash_bytes(body, len));
}

/* If-None-Match names our tag (or is "*")? Weak tags compare alike. */
int http_not_modified(struct MHD_Connection *c, const char *etag)
{
    const char *inm = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "If-None-Match");
    if (!inm) return 0;
    inm += strspn(inm, " \t");
    return inm[0] == '*' || strstr(inm, etag) != NULL;
}

int http_status_of(int rc)
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

typedef struct {
    const char *name, *value;
} header;

/* With --cors ORIGIN, API answers let pages from ORIGIN ("*": any page)
 * read them; without it, none (a browser then keeps them from other
 * sites' scripts). */
static size_t cors_list(const reel_server *s, header *h)
{
    size_t n = 0;
    if (!s->cors) return 0;
    h[n++] = (header){"Access-Control-Allow-Origin", s->cors};
    h[n++] = (header){"Access-Control-Expose-Headers", "ETag, Location"};
    if (strcmp(s->cors, "*") != 0) h[n++] = (header){"Vary", "Origin"};
    return n;
}

void http_cors_headers(const reel_server *s, struct MHD_Response *r)
{
    header h[3];
    size_t n = cors_list(s, h);
    for (size_t i = 0; i < n; i++)
        MHD_add_response_header(r, h[i].name, h[i].value);
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
int http_accepts_gzip(struct MHD_Connection *c)
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
char *http_gzip_of(const char *body, size_t len, size_t *out_len)
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
static size_t common_list(const reel_server *s, int html, header h[8])
{
    size_t n = 0;
    h[n++] = (header){"Content-Type", html ? "text/html; charset=utf-8"
                                           : "application/json; charset=utf-8"};
    h[n++] = (header){"X-Content-Type-Options", "nosniff"};
    h[n++] = (header){"Cache-Control", "no-cache"};
    if (html) {
        h[n++] = (header){"Content-Security-Policy", CSP};
        h[n++] = (header){"Referrer-Policy", "no-referrer"};
    } else {
        n += cors_list(s, h + n);
    }
    return n;
}

static void common_headers(const reel_server *s, struct MHD_Response *r, int html)
{
    header h[8];
    size_t n = common_list(s, html, h);
    for (size_t i = 0; i < n; i++)
        MHD_add_response_header(r, h[i].name, h[i].value);
}

/* A response owning `body` (malloc'd), or NULL. */
struct MHD_Response *http_make(const reel_server *s, char *body, size_t len, int html,
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

enum MHD_Result http_queue(struct MHD_Connection *c, int status, struct MHD_Response *r)
{
    if (!r) return MHD_NO; /* out of memory: drop the connection */
    enum MHD_Result ok = MHD_queue_response(c, (unsigned)status, r);
    MHD_destroy_response(r);
    return ok;
}

enum MHD_Result http_send_304(const reel_server *s, struct MHD_Connection *c,
                              const char *etag)
{
    struct MHD_Response *r =
        MHD_create_response_from_buffer(0, (char *)"", MHD_RESPMEM_PERSISTENT);
    if (!r) return MHD_NO;
    MHD_add_response_header(r, "ETag", etag);
    MHD_add_response_header(r, "Cache-Control", "no-cache");
    MHD_add_response_header(r, "Vary", "Accept-Encoding");
    http_cors_headers(s, r);
    return http_queue(c, MHD_HTTP_NOT_MODIFIED, r);
}

/* The body of an error answer (malloc'd, *len bytes), or NULL. */
static char *error_body(int api, int status, const char *msg, size_t *len)
{
    char *body = NULL;
    if (api) {
        json_t *o = json_pack("{s:{s:i,s:s}}", "error", "status", status, "message", msg);
        body = o ? json_dumps(o, REEL_JSON_FLAGS | JSON_PRESERVE_ORDER) : NULL;
        json_decref(o);
        *len = body ? strlen(body) : 0;
    } else {
        buf b;
        buf_init(&b);
        page_error(&b, status, msg);
        *len = b.len;
        body = buf_detach(&b);
    }
    return body;
}

enum MHD_Result http_send_error(reel_server *s, struct MHD_Connection *c, int api,
                                int status, const char *msg, const char *allow)
{
    size_t len = 0;
    char *body = error_body(api, status, msg, &len);
    if (!body) return MHD_NO;
    struct MHD_Response *r = http_make(s, body, len, !api, NULL);
    if (r && allow) MHD_add_response_header(r, "Allow", allow);
    if (r && status == MHD_HTTP_UNAUTHORIZED)
        MHD_add_response_header(r, "WWW-Authenticate", "Bearer realm=\"reel\"");
    if (r && status == MHD_HTTP_SERVICE_UNAVAILABLE)
        MHD_add_response_header(r, "Retry-After", "5");
    return http_queue(c, status, r);
}

/* An error answer written by reel itself, as libmicrohttpd would write
 * one (status line, Date, Connection: close, the headers of every answer,
 * Content-Length, the body), for a head it never sees (gate.c): malloc'd,
 * *len bytes; NULL when out of memory. */
char *http_raw_error(const reel_server *s, int api, int status, const char *msg,
                     size_t *len)
{
    static const char *const days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    size_t blen = 0;
    char *body = error_body(api, status, msg, &blen);
    if (!body) return NULL;
    const char *reason = MHD_get_reason_phrase_for((unsigned)status);
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    buf b;
    buf_init(&b);
    buf_printf(&b, "HTTP/1.1 %d %s\r\nDate: %s, %02d %s %04d %02d:%02d:%02d GMT\r\n",
               status, reason && *reason ? reason : "Error", days[tm.tm_wday % 7],
               tm.tm_mday, months[tm.tm_mon % 12], tm.tm_year + 1900, tm.tm_hour,
               tm.tm_min, tm.tm_sec);
    buf_puts(&b, "Connection: close\r\n");
    header h[8];
    size_t n = common_list(s, !api, h);
    for (size_t i = 0; i < n; i++)
        buf_printf(&b, "%s: %s\r\n", h[i].name, h[i].value);
    buf_printf(&b, "Content-Length: %zu\r\n\r\n", blen);
    buf_append(&b, body, blen);
    free(body);
    if (b.oom) {
        buf_free(&b);
        return NULL;
    }
    *len = b.len;
    return buf_detach(&b);
}

#endif
