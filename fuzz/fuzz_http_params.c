/* fuzz_http_params.c — libFuzzer target for the HTTP request parser
 * (src/http/params.c). The first byte picks the method, the rest is the
 * raw request target. Checks what must hold for any input: a known status;
 * an accepted request has a route, decoded strings that are valid UTF-8
 * within the limits, numbers within their ranges; a 405 says what is
 * allowed; a path argument survives encode → parse unchanged; escaping
 * leaves no markup characters.
 */
#include "fuzz.h"
#include <stdint.h>
#include <stdio.h>

#include "http/http.h"

static void check_str(const char *s)
{
    if (!s) return;
    size_t n = strlen(s);
    if (n > HTTP_MAX_ARG || !utf8_valid(s, n)) __builtin_trap();
}

static void check_escape(const char *s)
{
    if (!s) return;
    buf b;
    buf_init(&b);
    html_escape(&b, s, strlen(s));
    for (size_t i = 0; i < b.len; i++)
        if (b.data[i] == '<' || b.data[i] == '>' || b.data[i] == '"' || b.data[i] == '\'')
            __builtin_trap();
    buf_free(&b);
}

/* /api/films/{encoded arg} names the same film again. */
static void check_roundtrip(const char *arg)
{
    buf u;
    buf_init(&u);
    buf_puts(&u, "/api/films/");
    http_encode_segment(&u, arg);
    buf_putc(&u, 0);
    if (u.oom) goto done;
    http_req r;
    int st = http_parse(&r, "GET", u.data);
    if (u.len - 1 <= HTTP_MAX_URI &&
        (st != 0 || r.route != ROUTE_FILM || strcmp(r.arg, arg)))
        __builtin_trap();
    http_req_free(&r);
done:
    buf_free(&u);
}

/* The sorts a route takes: films by title, score, reviews, year or first
 * review; critics and outlets by reviews, name, score or agreement. */
static int sort_allowed(const http_req *r)
{
    static const char *const films[] = {"title", "score",        "reviews",
                                        "year",  "first-review", NULL};
    static const char *const people[] = {"reviews", "name", "score", "agreement", NULL};
    int p = r->route == ROUTE_CRITICS || r->route == ROUTE_OUTLETS ||
            r->route == ROUTE_PAGE_CRITICS || r->route == ROUTE_PAGE_OUTLETS;
    for (const char *const *s = p ? people : films; *s; s++)
        if (!strcmp(r->sort, *s)) return 1;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *methods[] = {"GET", "HEAD", "POST", "DELETE", "PUT", "OPTIONS"};
    if (size == 0) return 0;
    const char *method = methods[data[0] % 6];
    char *uri = malloc(size);
    if (!uri) return 0;
    memcpy(uri, data + 1, size - 1);
    uri[size - 1] = 0; /* a request target never holds a NUL */
    http_req r;
    int st = http_parse(&r, method, uri);
    if (st != r.status) __builtin_trap();
    switch (st) {
    case 0:
        if (r.route == ROUTE_NONE) __builtin_trap();
        check_str(r.arg);
        check_str(r.q);
        check_str(r.sort);
        check_str(r.url);
        check_str(r.title);
        check_escape(r.q);
        check_escape(r.arg);
        if (r.limit != -1 && (r.limit < 1 || r.limit > HTTP_MAX_LIMIT)) __builtin_trap();
        if (r.offset != -1 && (r.offset < 0 || r.offset > HTTP_MAX_OFFSET))
            __builtin_trap();
        if (r.has_hl && r.hl_start >= r.hl_end) __builtin_trap();
        if (r.sort && !sort_allowed(&r)) __builtin_trap();
        if (r.arg) check_roundtrip(r.arg);
        break;
    case 405:
        if (!r.allow || r.route != ROUTE_NONE) __builtin_trap();
        break;
    case 400:
    case 404:
    case 414:
    case 500:
        if (r.route != ROUTE_NONE || !r.err[0]) __builtin_trap();
        break;
    default:
        __builtin_trap();
    }
    http_req_free(&r);
    free(uri);
    return 0;
}
