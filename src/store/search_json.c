/* search_json.c — the JSON of a search (reel_store_search, store.c),
 * written straight into one buffer as each hit comes from the backend,
 * byte for byte what jansson's json_dumps(REEL_JSON_FLAGS, in order) made
 * of the same objects: its string escapes, its reals ("%.12g", ".0" added
 * to a whole number), and, as there, a hit holding a string that is not
 * UTF-8 is left out. A search page is twenty such objects; building them as
 * jansson trees and dumping them cost more than the search itself for a
 * rare word.
 */
#include "store.h"

#include <math.h>

/* `s` (n bytes) as a JSON string, escaped as jansson escapes it. */
static void put_string(buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789ABCDEF";
    buf_reserve(b, n + 2);
    buf_putc(b, '"');
    size_t run = 0; /* bytes copied as they are, from s + run_at */
    const char *run_at = s;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\') {
            run++;
            continue;
        }
        buf_append(b, run_at, run);
        char esc[7] = {'\\', 0, 0, 0, 0, 0, 0};
        size_t len = 2;
        switch (c) {
        case '"':
        case '\\':
            esc[1] = (char)c;
            break;
        case '\b':
            esc[1] = 'b';
            break;
        case '\f':
            esc[1] = 'f';
            break;
        case '\n':
            esc[1] = 'n';
            break;
        case '\r':
            esc[1] = 'r';
            break;
        case '\t':
            esc[1] = 't';
            break;
        default:
            memcpy(esc + 1, "u00", 3);
            esc[4] = hex[c >> 4];
            esc[5] = hex[c & 15];
            len = 6;
        }
        buf_append(b, esc, len);
        run = 0;
        run_at = s + i + 1;
    }
    buf_append(b, run_at, run);
    buf_putc(b, '"');
}

/* "KEY":"value", or "KEY":null for NULL. */
static void put_field(buf *b, const char *key, const char *v)
{
    buf_putc(b, '"');
    buf_puts(b, key);
    buf_puts(b, "\":");
    if (v)
        put_string(b, v, strlen(v));
    else
        buf_puts(b, "null");
}

/* A real as jansson dumps it with JSON_REAL_PRECISION(12). */
static void put_real(buf *b, double v)
{
    /* a rank (hundredths, under a billion): "%.12g" prints its digits as
     * they are, with no zeros after the point; printf costs more */
    double a = fabs(v);
    if (a < 1e9) {
        long long k = llround(a * 100.0);
        if ((double)k / 100.0 == a) {
            char d[32];
            int n = 0;
            if (signbit(v)) d[n++] = '-';
            char w[24];
            size_t m = 0;
            long long whole = k / 100;
            do
                w[sizeof w - ++m] = (char)('0' + whole % 10);
            while ((whole /= 10));
            memcpy(d + n, w + sizeof w - m, m);
            n += (int)m;
            d[n++] = '.';
            d[n++] = (char)('0' + k % 100 / 10);
            if (k % 10) d[n++] = (char)('0' + k % 10);
            buf_append(b, d, (size_t)n);
            return;
        }
    }
    char s[64];
    int n = snprintf(s, sizeof s - 3, "%.12g", v);
    if (n < 0 || (size_t)n >= sizeof s - 3) {
        buf_puts(b, "null");
        return;
    }
    if (!strchr(s, '.') && !strchr(s, 'e')) {
        memcpy(s + n, ".0", 3);
        n += 2;
    }
    char *e = strchr(s, 'e');
    if (e) { /* no '+' and no leading zeros in the exponent */
        char *from = e + 1, *to = e + 1;
        if (*from == '-')
            from++, to++;
        else if (*from == '+')
            from++;
        while (*from == '0')
            from++;
        memmove(to, from, strlen(from) + 1);
    }
    buf_puts(b, s);
}

static void put_size(buf *b, size_t v)
{
    char d[24];
    size_t n = 0;
    do
        d[sizeof d - ++n] = (char)('0' + v % 10);
    while ((v /= 10));
    buf_append(b, d + sizeof d - n, n);
}

static int valid(const char *s)
{
    return !s || utf8_valid(s, strlen(s));
}

int search_json_hit(void *user, const store_hit *h)
{
    search_json *j = user;
    /* the snippet without its match marks (\x02 … \x03), and the byte
     * ranges of the matches in it */
    buf *t = &j->text, *r = &j->ranges;
    t->len = r->len = 0;
    size_t start = 0;
    for (const char *p = h->snippet ? h->snippet : ""; *p;) {
        size_t n = strcspn(p, "\x02\x03");
        buf_append(t, p, n);
        p += n;
        if (*p == '\x02') {
            start = t->len;
        } else if (*p == '\x03') {
            if (r->len) buf_putc(r, ',');
            buf_putc(r, '[');
            put_size(r, start);
            buf_putc(r, ',');
            put_size(r, t->len);
            buf_putc(r, ']');
        }
        if (*p) p++;
    }
    double rank = round(h->rank * 100.0) / 100.0;
    if (!h->id || !valid(h->id) || !valid(h->title) || !valid(h->source) ||
        !valid(h->url) || !valid(h->outlet) || !valid(h->film_key) || !valid(h->kind) ||
        !utf8_valid(t->data ? t->data : "", t->len) ||
        (isfinite(h->rank) && !isfinite(rank)))
        return 0; /* as json_pack failing on it left it out */
    buf *b = &j->hits;
    buf_puts(b, j->n++ ? ",{" : "{");
    put_field(b, "id", h->id);
    buf_putc(b, ',');
    put_field(b, "title", h->title);
    buf_putc(b, ',');
    put_field(b, "source", h->source);
    buf_putc(b, ',');
    put_field(b, "url", h->url);
    buf_putc(b, ',');
    put_field(b, "outlet", h->outlet);
    buf_putc(b, ',');
    put_field(b, "film", h->film_key);
    buf_putc(b, ',');
    put_field(b, "kind", h->kind);
    buf_puts(b, ",\"snippet\":");
    put_string(b, t->data ? t->data : "", t->len);
    buf_puts(b, ",\"highlights\":[");
    buf_append(b, r->data ? r->data : "", r->len);
    buf_puts(b, "],\"rank\":");
    if (isfinite(h->rank))
        put_real(b, rank);
    else
        buf_puts(b, "null");
    buf_putc(b, '}');
    return 0;
}

char *search_json_finish(search_json *j, const char *query, int total, int limit,
                         int offset)
{
    char *out = NULL;
    if (valid(query) && !j->hits.oom && !j->text.oom && !j->ranges.oom) {
        buf b;
        buf_init(&b);
        buf_reserve(&b, j->hits.len + strlen(query) + 96);
        buf_puts(&b, "{\"query\":");
        put_string(&b, query, strlen(query));
        buf_printf(&b, ",\"total\":%d,\"limit\":%d,\"offset\":%d,\"hits\":[", total,
                   limit, offset);
        buf_append(&b, j->hits.data ? j->hits.data : "", j->hits.len);
        buf_puts(&b, "]}");
        out = buf_detach(&b);
    }
    search_json_free(j);
    return out;
}

void search_json_free(search_json *j)
{
    buf_free(&j->hits);
    buf_free(&j->text);
    buf_free(&j->ranges);
}
