/* html.c — what every web page shares: HTML escaping (everything taken
 * from an article passes through html_escape or html_esc), the http(s)-only
 * URL check, links to films and articles, the page frame (head with the
 * search form, foot) and paging. Reading the store's JSON is src/jv.c's.
 */
#include "http.h"

#include <math.h>
#include <strings.h>

/* ---------------- escaping ---------------- */

void html_escape(buf *out, const char *s, size_t len)
{
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        const char *rep = NULL;
        switch (s[i]) {
        case '&':
            rep = "&amp;";
            break;
        case '<':
            rep = "&lt;";
            break;
        case '>':
            rep = "&gt;";
            break;
        case '"':
            rep = "&quot;";
            break;
        case '\'':
            rep = "&#39;";
            break;
        default:
            break;
        }
        if (!rep) continue;
        buf_append(out, s + run, i - run);
        buf_puts(out, rep);
        run = i + 1;
    }
    buf_append(out, s + run, len - run);
}

int html_safe_url(const char *url)
{
    if (!url) return 0;
    size_t skip = strspn(url, " \t\r\n");
    url += skip;
    if (strncasecmp(url, "http://", 7) && strncasecmp(url, "https://", 8)) return 0;
    /* control characters have no place in a link */
    for (const unsigned char *p = (const unsigned char *)url; *p; p++)
        if (*p < 0x20 || *p == 0x7f) return 0;
    return 1;
}

void html_esc(buf *out, const char *s)
{
    if (s) html_escape(out, s, strlen(s));
}

/* ---------------- links ---------------- */

void href_film(buf *out, const char *key)
{
    buf_puts(out, "/films/");
    http_encode_segment(out, key);
}

/* /articles/ID[?hl=S-E#hl]; the id is escaped like everything else */
void href_article(buf *out, const char *id, int span, size_t a, size_t b)
{
    buf_puts(out, "/articles/");
    http_encode_segment(out, id);
    if (span) buf_printf(out, "?hl=%zu-%zu#hl", a, b);
}

void href_query_value(buf *out, const char *v)
{
    http_encode_segment(out, v ? v : "");
}

/* ---------------- frame ---------------- */

void page_head(buf *out, const char *title, const char *q)
{
    buf_puts(out,
             "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
             "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
             "<title>");
    html_esc(out, title);
    buf_puts(
        out,
        " \xE2\x80\x94 reel</title><link rel=\"stylesheet\" href=\"/static/reel.css\">"
        "</head><body><header class=\"top\"><a class=\"brand\" href=\"/\">reel</a>"
        "<form class=\"search\" action=\"/search\" method=\"get\" role=\"search\">"
        "<input type=\"search\" name=\"q\" placeholder=\"Search articles\" "
        "aria-label=\"Search articles\" value=\"");
    html_esc(out, q);
    buf_puts(out, "\"><button type=\"submit\">Search</button></form></header><main>\n");
}

void page_foot(buf *out)
{
    buf_puts(out, "\n</main></body></html>\n");
}

/* Previous/next links of a paged list. */
void page_pager(buf *out, const char *path, const char *q, const char *sort, long total,
                long limit, long offset)
{
    if (limit <= 0 || (offset == 0 && total <= limit)) return;
    buf_puts(out, "<nav class=\"pages\">");
    for (int dir = -1; dir <= 1; dir += 2) {
        long to = offset + dir * limit;
        if (to < 0) to = 0;
        if ((dir < 0 && offset == 0) || (dir > 0 && offset + limit >= total)) continue;
        buf_printf(out, "<a href=\"%s?", path);
        if (q) {
            buf_puts(out, "q=");
            href_query_value(out, q);
            buf_puts(out, "&amp;");
        }
        if (sort) {
            buf_puts(out, "sort=");
            href_query_value(out, sort);
            buf_puts(out, "&amp;");
        }
        buf_printf(out, "offset=%ld&amp;limit=%ld\">%s</a>", to, limit,
                   dir < 0 ? "\xE2\x86\x90 previous" : "next \xE2\x86\x92");
    }
    buf_puts(out, "</nav>");
}

const char *article_name(json_t *a)
{
    const char *t = jv_str(a, "title");
    if (t && *t) return t;
    t = jv_str(a, "url");
    if (t && *t) return t;
    t = jv_str(a, "source");
    if (t && *t && strcmp(t, "-") != 0) {
        const char *slash = strrchr(t, '/');
        return slash && !strstr(t, "://") && slash[1] ? slash + 1 : t;
    }
    return "Article";
}
