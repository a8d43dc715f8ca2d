/* http.h — private pieces of the HTTP server (src/http/): the request
 * parser (params.c, a pure function of method and raw URI, fuzzed by
 * fuzz/fuzz_http_params.c), HTML escaping and page pieces (html.c), the page
 * renderers (pages.c, page_article.c: pure functions of the store's JSON),
 * the embedded stylesheet (assets.c).
 * server.c glues them to libmicrohttpd and the store.
 */
#ifndef REEL_HTTP_H
#define REEL_HTTP_H

#include "../internal.h"
#include "../jv.h"

#include <jansson.h>

/* Limits on what a request may carry; over them is a 400 (or 414). */
#define HTTP_MAX_URI 4096       /* raw request target */
#define HTTP_MAX_ARG 1024       /* one decoded path segment or parameter value */
#define HTTP_MAX_LIMIT 200      /* ?limit= */
#define HTTP_MAX_OFFSET 1000000 /* ?offset= */
#define HTTP_MAX_HEAD 65536     /* request line and headers of one request (431) */

typedef enum {
    ROUTE_NONE = 0,
    ROUTE_HEALTH,       /* GET /api/health */
    ROUTE_FILMS,        /* GET /api/films */
    ROUTE_FILM,         /* GET /api/films/{title or key} */
    ROUTE_ARTICLE,      /* GET /api/articles/{id} */
    ROUTE_SEARCH,       /* GET /api/search */
    ROUTE_INGEST,       /* POST /api/articles */
    ROUTE_PAGE_INDEX,   /* GET / */
    ROUTE_PAGE_FILM,    /* GET /films/{title or key} */
    ROUTE_PAGE_ARTICLE, /* GET /articles/{id} */
    ROUTE_PAGE_SEARCH,  /* GET /search */
    ROUTE_STATIC,       /* GET /static/{name} */
    ROUTE_OPENAPI,      /* GET /api/openapi.json */
    ROUTE_CRITICS,      /* GET /api/critics */
    ROUTE_CRITIC,       /* GET /api/critics/{name} */
    ROUTE_OUTLETS,      /* GET /api/outlets */
    ROUTE_OUTLET,       /* GET /api/outlets/{name} */
    ROUTE_PAGE_CRITICS, /* GET /critics */
    ROUTE_PAGE_CRITIC,  /* GET /critics/{name} */
    ROUTE_PAGE_OUTLETS, /* GET /outlets */
    ROUTE_PAGE_OUTLET,  /* GET /outlets/{name} */
    ROUTE_FILM_TIMELINE /* GET /api/films/{title or key}/timeline */
} http_route;

/* A parsed request. Strings are malloc'd, decoded, valid UTF-8 without NUL;
 * NULL when absent. Numbers are -1 when absent. */
typedef struct {
    http_route route;
    int api;           /* under /api/: errors are JSON, else HTML */
    int status;        /* 0, or the HTTP status of a bad request */
    char err[256];     /* its message */
    const char *allow; /* for 405: the methods the path takes */
    char *arg;         /* the path's {title}, {id} or static name */
    char *q, *sort, *url, *title, *language;
    int limit, offset;
    int has_hl; /* ?hl=START-END on an article page */
    size_t hl_start, hl_end;
} http_req;

/* Parse `method` and the raw request target `uri` (path and query, as sent)
 * into `r`. Returns r->status: 0 when the request names a route it may use,
 * else 400 (bad encoding, bad or unknown parameter), 404 (no such path),
 * 405 (method not allowed there; r->allow set) or 414 (URI too long).
 * Free with http_req_free, whatever it returned. */
int http_parse(http_req *r, const char *method, const char *uri);
void http_req_free(http_req *r);

/* head.c — the head of a connection's first request, from the bytes
 * received so far (p[0..n)): 0 when it is complete and one libmicrohttpd
 * serves, HTTP_HEAD_MORE when more must come, else the status reel answers
 * it with (400 malformed, 414 request line or 431 head over HTTP_MAX_HEAD,
 * 505 another HTTP version), h->err its message and h->api whether the
 * target is under /api/ (a JSON answer, else a page). */
#define HTTP_HEAD_MORE (-1)
typedef struct {
    int status;
    int api;
    char err[128];
} http_head;
int http_head_check(const char *p, size_t n, http_head *h);

/* Percent-decode s[0..len) into out (`plus` turns '+' into a space, as in
 * query strings). 0, or -1 for a bad escape, a NUL or invalid UTF-8. */
int http_decode(buf *out, const char *s, size_t len, int plus);
/* Percent-encode a path segment (everything but unreserved characters). */
void http_encode_segment(buf *out, const char *s);

/* html.c — HTML: escape text or an attribute value (& < > " '); the same
 * for a NUL-terminated string (NULL-safe). */
void html_escape(buf *out, const char *s, size_t len);
void html_esc(buf *out, const char *s);
/* An http(s) URL fit for an href, or NULL (javascript:, data:, ...). */
int html_safe_url(const char *url);

/* What to call an article (a record, a report's article or a search hit):
 * its title, else its URL, else its source file's name, else "Article ID". */
const char *article_name(json_t *a);

/* Links: /films/{key}, /articles/{id}[?hl=a-b#hl], an encoded query value. */
void href_film(buf *out, const char *key);
void href_article(buf *out, const char *id, int span, size_t a, size_t b);
void href_query_value(buf *out, const char *v);

/* The frame of every page (the header's search box shows `q`), and the
 * previous/next links of a paged list. */
void page_head(buf *out, const char *title, const char *q);
void page_foot(buf *out);
void page_pager(buf *out, const char *path, const char *q, const char *sort, long total,
                long limit, long offset);

/* Pages: each appends one whole HTML document rendered from the store's
 * JSON text to `out`; 0, or REEL_EFORMAT when the JSON is not what the
 * store returns. Everything taken from an article is escaped. */
int page_index(buf *out, const char *films_json, const char *q, const char *sort);
int page_film(buf *out, const char *report_json);
/* The film page with its "Over time" section drawn from `timeline_json`
 * (reel_store_film_timeline; NULL: none). */
int page_film_timeline(buf *out, const char *report_json, const char *timeline_json);
/* page_timeline.c: the film page's "Over time" section from the JSON of
 * reel_store_film_timeline (a link to it under /api/films/`film_key`). */
void page_timeline(buf *out, const char *timeline_json, const char *film_key);
/* page_choices.c: the films a title without a year fits (REEL_EAMBIGUOUS). */
int page_choices(buf *out, const char *choices_json);
int page_article(buf *out, const char *record_json, int has_hl, size_t hl_start,
                 size_t hl_end);
int page_search(buf *out, const char *search_json, const char *q);
void page_error(buf *out, int status, const char *message);

/* page_critics.c: the critics (is_outlet 0) or outlets list, one critic's
 * or outlet's page; a link to one (/critics/NAME, /outlets/NAME); an
 * article's outlet and author, each linked to its page, `sep` between. */
int page_people(buf *out, const char *json, int is_outlet, const char *q,
                const char *sort);
int page_person(buf *out, const char *json, int is_outlet);
void href_critic(buf *out, const char *name, int is_outlet);
void html_byline(buf *out, const char *author, const char *outlet, const char *sep);
/* One of the two: an outlet's name linked, a critic's (its byline's
 * trailing `outlet` left out of the link) linked. */
void html_outlet_link(buf *out, const char *outlet);
void html_critic_link(buf *out, const char *author, const char *outlet);

/* The embedded stylesheet, served as /static/reel.css. */
extern const char http_css[];
extern const size_t http_css_len;
/* docs/openapi.json, embedded at build time (cmake/embed.cmake), served as
 * /api/openapi.json; NUL-terminated. */
extern const char http_openapi[];
extern const size_t http_openapi_len;

#endif
