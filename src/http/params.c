/* params.c — the request target of one HTTP request, parsed: the route its
 * path names, its path argument and its query parameters, decoded from the
 * raw bytes the client sent (libmicrohttpd's own unescaping is bypassed so
 * that "%2F" inside a film title stays inside its segment). A pure function
 * with hard limits, so fuzz/fuzz_http_params.c can drive it directly; the
 * server only acts on a request this file has accepted.
 */
#include "http.h"

static int bad(http_req *r, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int bad(http_req *r, int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->err, sizeof r->err, fmt, ap);
    va_end(ap);
    r->status = status;
    return status;
}

static int hexval(unsigned char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

int http_decode(buf *out, const char *s, size_t len, int plus)
{
    size_t start = out->len;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '%') {
            int hi = i + 1 < len ? hexval((unsigned char)s[i + 1]) : -1;
            int lo = i + 2 < len ? hexval((unsigned char)s[i + 2]) : -1;
            if (hi < 0 || lo < 0) return -1;
            c = (unsigned char)(hi * 16 + lo);
            i += 2;
        } else if (c == '+' && plus) {
            c = ' ';
        }
        if (c == 0) return -1;
        buf_putc(out, (char)c);
    }
    if (out->oom) return -1;
    return utf8_valid(out->data ? out->data + start : "", out->len - start) ? 0 : -1;
}

void http_encode_segment(buf *out, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        unsigned char c = *p;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '.' || c == '_' || c == '~') {
            buf_putc(out, (char)c);
        } else {
            buf_putc(out, '%');
            buf_putc(out, hex[c >> 4]);
            buf_putc(out, hex[c & 15]);
        }
    }
}

/* Which parameters a route takes. */
enum {
    P_Q = 1,
    P_SORT = 2,
    P_LIMIT = 4,
    P_OFFSET = 8,
    P_URL = 16,
    P_TITLE = 32,
    P_HL = 64,
    P_LANGUAGE = 128
};

typedef struct {
    http_route route;
    const char *first;  /* first path segment */
    const char *second; /* second, or NULL when there is none */
    int has_arg;        /* one more segment: the argument */
    int post;           /* POST only (else GET and HEAD) */
    int params;
} route_def;

static const route_def routes[] = {
    {ROUTE_HEALTH, "api", "health", 0, 0, 0},
    {ROUTE_FILMS, "api", "films", 0, 0, P_Q | P_SORT | P_LIMIT | P_OFFSET | P_LANGUAGE},
    {ROUTE_FILM, "api", "films", 1, 0, P_LIMIT | P_OFFSET},
    {ROUTE_INGEST, "api", "articles", 0, 1, P_URL | P_TITLE},
    {ROUTE_ARTICLE, "api", "articles", 1, 0, 0},
    {ROUTE_SEARCH, "api", "search", 0, 0, P_Q | P_LIMIT | P_OFFSET},
    {ROUTE_PAGE_INDEX, "films", NULL, 0, 0, P_Q | P_SORT | P_LIMIT | P_OFFSET},
    {ROUTE_PAGE_FILM, "films", NULL, 1, 0, 0},
    {ROUTE_PAGE_ARTICLE, "articles", NULL, 1, 0, P_HL},
    {ROUTE_PAGE_SEARCH, "search", NULL, 0, 0, P_Q | P_LIMIT | P_OFFSET},
    {ROUTE_STATIC, "static", NULL, 1, 0, 0},
    {ROUTE_OPENAPI, "api", "openapi.json", 0, 0, 0},
    {ROUTE_CRITICS, "api", "critics", 0, 0, P_Q | P_SORT | P_LIMIT | P_OFFSET},
    {ROUTE_CRITIC, "api", "critics", 1, 0, P_LIMIT | P_OFFSET},
    {ROUTE_OUTLETS, "api", "outlets", 0, 0, P_Q | P_SORT | P_LIMIT | P_OFFSET},
    {ROUTE_OUTLET, "api", "outlets", 1, 0, P_LIMIT | P_OFFSET},
    {ROUTE_PAGE_CRITICS, "critics", NULL, 0, 0, P_Q | P_SORT | P_LIMIT | P_OFFSET},
    {ROUTE_PAGE_CRITIC, "critics", NULL, 1, 0, P_LIMIT | P_OFFSET},
    {ROUTE_PAGE_OUTLETS, "outlets", NULL, 0, 0, P_Q | P_SORT | P_LIMIT | P_OFFSET},
    {ROUTE_PAGE_OUTLET, "outlets", NULL, 1, 0, P_LIMIT | P_OFFSET},
};

/* Routes with a fixed segment after the argument: /FIRST/SECOND/{arg}/LAST,
 * GET and HEAD only. */
static const struct {
    route_def def;
    const char *last;
} tail_routes[] = {
    {{ROUTE_FILM_TIMELINE, "api", "films", 1, 0, 0}, "timeline"},
};

#define MAX_SEGMENTS 4

/* A number of at most 9 digits, within [lo, hi]. */
static int parse_int(const char *s, int lo, int hi, int *out)
{
    size_t n = strlen(s);
    if (n == 0 || n > 9 || strspn(s, "0123456789") != n) return -1;
    long v = strtol(s, NULL, 10);
    if (v < lo || v > hi) return -1;
    *out = (int)v;
    return 0;
}

/* ?hl=START-END: a byte range, START < END. */
static int parse_hl(http_req *r, const char *s)
{
    const char *dash = strchr(s, '-');
    if (!dash || dash == s || !dash[1]) return -1;
    size_t a = (size_t)(dash - s), b = strlen(dash + 1);
    if (a > 9 || b > 9 || strspn(s, "0123456789") != a ||
        strspn(dash + 1, "0123456789") != b)
        return -1;
    r->hl_start = (size_t)strtoul(s, NULL, 10);
    r->hl_end = (size_t)strtoul(dash + 1, NULL, 10);
    if (r->hl_start >= r->hl_end) return -1;
    r->has_hl = 1;
    return 0;
}

/* One name=value pair of the query, already decoded. */
static int set_param(http_req *r, int allowed, const char *name, char *value)
{
    static const struct {
        const char *name;
        int bit;
    } names[] = {{"q", P_Q},           {"sort", P_SORT},        {"limit", P_LIMIT},
                 {"offset", P_OFFSET}, {"url", P_URL},          {"title", P_TITLE},
                 {"hl", P_HL},         {"language", P_LANGUAGE}};
    int bit = 0;
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (!strcmp(name, names[i].name)) bit = names[i].bit;
    if (!(bit & allowed)) {
        free(value);
        /* pages ignore what they do not know (browsers and links add
         * things); the API says so, so a typo is not silently ignored */
        return r->api ? bad(r, 400, "unknown parameter '%.60s'", name) : 0;
    }
    char **slot = bit == P_Q          ? &r->q
                  : bit == P_SORT     ? &r->sort
                  : bit == P_URL      ? &r->url
                  : bit == P_TITLE    ? &r->title
                  : bit == P_LANGUAGE ? &r->language
                                      : NULL;
    int rc = 0;
    if (slot) {
        if (*slot) rc = bad(r, 400, "parameter '%s' given twice", name);
        if (!rc) *slot = value, value = NULL;
    } else if (bit == P_LIMIT) {
        if (r->limit >= 0)
            rc = bad(r, 400, "parameter 'limit' given twice");
        else if (parse_int(value, 1, HTTP_MAX_LIMIT, &r->limit))
            rc = bad(r, 400, "limit must be a whole number from 1 to %d", HTTP_MAX_LIMIT);
    } else if (bit == P_OFFSET) {
        if (r->offset >= 0)
            rc = bad(r, 400, "parameter 'offset' given twice");
        else if (parse_int(value, 0, HTTP_MAX_OFFSET, &r->offset))
            rc = bad(r, 400, "offset must be a whole number from 0 to %d",
                     HTTP_MAX_OFFSET);
    } else if (bit == P_HL) {
        if (r->has_hl)
            rc = bad(r, 400, "parameter 'hl' given twice");
        else if (parse_hl(r, value))
            rc = bad(r, 400, "hl must be START-END, two byte offsets with START < END");
    }
    free(value);
    return rc;
}

static int parse_query(http_req *r, int allowed, const char *q, size_t len)
{
    buf name, value;
    buf_init(&name);
    buf_init(&value);
    int rc = 0;
    size_t i = 0;
    while (i < len && !rc) {
        size_t end = i;
        while (end < len && q[end] != '&' && q[end] != ';')
            end++;
        if (end > i) {
            const char *eq = memchr(q + i, '=', end - i);
            size_t nlen = eq ? (size_t)(eq - (q + i)) : end - i;
            name.len = value.len = 0;
            if (http_decode(&name, q + i, nlen, 1) || name.len == 0 ||
                (eq && http_decode(&value, eq + 1, (size_t)(q + end - eq - 1), 1))) {
                rc = bad(r, 400, "query string: bad percent-encoding or UTF-8");
            } else if (value.len > HTTP_MAX_ARG) {
                rc = bad(r, 400, "parameter '%.60s' is longer than %d bytes", name.data,
                         HTTP_MAX_ARG);
            } else {
                buf_putc(&name, 0);
                buf_putc(&value, 0);
                char *v = value.oom ? NULL : strdup(value.data);
                if (!v || name.oom)
                    rc = bad(r, 500, "out of memory");
                else
                    rc = set_param(r, allowed, name.data, v);
            }
        }
        i = end + 1;
    }
    buf_free(&name);
    buf_free(&value);
    return rc;
}

int http_parse(http_req *r, const char *method, const char *uri)
{
    memset(r, 0, sizeof *r);
    r->limit = r->offset = -1;
    char *seg[MAX_SEGMENTS] = {NULL};
    size_t nseg = 0;
    buf b;
    buf_init(&b);
    size_t ulen = strlen(uri);
    r->api = ulen >= 4 && !memcmp(uri, "/api", 4) &&
             (uri[4] == '/' || uri[4] == '?' || !uri[4]);
    if (ulen > HTTP_MAX_URI) {
        bad(r, 414, "request target is longer than %d bytes", HTTP_MAX_URI);
        goto done;
    }
    if (uri[0] != '/') {
        bad(r, 400, "request target must be a path");
        goto done;
    }
    size_t plen = strcspn(uri, "?#");
    /* segments, decoded one by one; empty ones (// or a trailing /) dropped */
    for (size_t i = 1; i <= plen;) {
        size_t end = i;
        while (end < plen && uri[end] != '/')
            end++;
        if (end > i) {
            if (nseg == MAX_SEGMENTS) {
                bad(r, 404, "no such path");
                goto done;
            }
            b.len = 0;
            if (http_decode(&b, uri + i, end - i, 0)) {
                bad(r, 400, "path: bad percent-encoding or UTF-8");
                goto done;
            }
            if (b.len > HTTP_MAX_ARG) {
                bad(r, 400, "path segment longer than %d bytes", HTTP_MAX_ARG);
                goto done;
            }
            buf_putc(&b, 0);
            if (b.oom || !(seg[nseg] = strdup(b.data))) {
                bad(r, 500, "out of memory");
                goto done;
            }
            nseg++;
        }
        i = end + 1;
    }
    const route_def *def = NULL;
    if (nseg == 0) {
        for (size_t k = 0; k < sizeof routes / sizeof *routes; k++)
            if (routes[k].route == ROUTE_PAGE_INDEX) def = &routes[k]; /* "/" */
    } else {
        for (size_t k = 0; k < sizeof routes / sizeof *routes && !def; k++) {
            const route_def *d = &routes[k];
            size_t want = 1 + (d->second != NULL) + (size_t)d->has_arg;
            if (want != nseg || strcmp(seg[0], d->first)) continue;
            if (d->second && strcmp(seg[1], d->second)) continue;
            def = d;
        }
    }
    int tail = 0;
    for (size_t k = 0; k < sizeof tail_routes / sizeof *tail_routes && !def && nseg == 4;
         k++) {
        const route_def *d = &tail_routes[k].def;
        if (!strcmp(seg[0], d->first) && !strcmp(seg[1], d->second) &&
            !strcmp(seg[3], tail_routes[k].last))
            def = d, tail = 1;
    }
    if (!def) {
        bad(r, 404, "no such path");
        goto done;
    }
    int is_get = !strcmp(method, "GET") || !strcmp(method, "HEAD");
    int is_post = !strcmp(method, "POST");
    if (def->post ? !is_post : !is_get) {
        r->allow = def->post ? "POST" : "GET, HEAD";
        bad(r, 405, "method %.16s not allowed here (allowed: %s)", method, r->allow);
        goto done;
    }
    r->route = def->route;
    if (def->has_arg) {
        size_t at = nseg - 1 - (size_t)tail;
        r->arg = seg[at];
        seg[at] = NULL;
    }
    if (uri[plen] == '?') {
        const char *q = uri + plen + 1;
        if (parse_query(r, def->params, q, strcspn(q, "#"))) goto done;
    }
    int people = r->route == ROUTE_CRITICS || r->route == ROUTE_OUTLETS ||
                 r->route == ROUTE_PAGE_CRITICS || r->route == ROUTE_PAGE_OUTLETS;
    if (people && r->sort && strcmp(r->sort, "reviews") && strcmp(r->sort, "name") &&
        strcmp(r->sort, "score") && strcmp(r->sort, "agreement"))
        bad(r, 400, "sort must be reviews, name, score or agreement");
    else if (!people && r->sort && strcmp(r->sort, "title") && strcmp(r->sort, "score") &&
             strcmp(r->sort, "reviews") && strcmp(r->sort, "year") &&
             strcmp(r->sort, "first-review"))
        bad(r, 400, "sort must be title, score, reviews, year or first-review");
    else if (r->route == ROUTE_SEARCH && (!r->q || !*r->q))
        bad(r, 400, "search needs a query: ?q=words");
done:
    for (size_t i = 0; i < nseg; i++)
        free(seg[i]);
    buf_free(&b);
    if (r->status) r->route = ROUTE_NONE;
    return r->status;
}

void http_req_free(http_req *r)
{
    free(r->arg);
    free(r->q);
    free(r->sort);
    free(r->url);
    free(r->title);
    free(r->language);
    memset(r, 0, sizeof *r);
}
