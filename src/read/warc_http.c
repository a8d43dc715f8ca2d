/* warc_http.c — HTTP responses as WARC stores them: the status line, the
 * few headers that decide whether and how to read the body (Content-Type
 * with its charset, Transfer-Encoding, Content-Encoding), and the body's
 * decoding through zlib. Crawlers disagree on whether they store the body
 * as sent or already decoded, so each decoding is applied only when the
 * bytes are in that form; a body that claims an encoding and is broken in
 * it is an error for its record.
 */
#include "warc_http.h"

#include <ctype.h>
#include <zlib.h>

static void lower_copy(char *out, size_t outsz, const char *s, size_t n)
{
    if (n >= outsz) n = outsz - 1;
    for (size_t i = 0; i < n; i++)
        out[i] = (char)tolower((unsigned char)s[i]);
    out[n] = 0;
}

static const char *skip_ws(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    return s;
}

/* Length of s without trailing blanks. */
static size_t trimmed_len(const char *s, size_t n)
{
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        n--;
    return n;
}

int warc_http_status(warc_http *h, const char *line)
{
    if (strncmp(line, "HTTP/", 5) != 0) return -1;
    const char *p = strchr(line, ' ');
    if (!p) return -1;
    p = skip_ws(p);
    if (!isdigit((unsigned char)p[0]) || !isdigit((unsigned char)p[1]) ||
        !isdigit((unsigned char)p[2]) || isdigit((unsigned char)p[3]))
        return -1;
    h->status = (p[0] - '0') * 100 + (p[1] - '0') * 10 + (p[2] - '0');
    return 0;
}

void warc_content_type(const char *value, char *media, size_t media_sz, char *charset,
                       size_t charset_sz)
{
    value = skip_ws(value);
    const char *semi = strchr(value, ';');
    size_t n = semi ? (size_t)(semi - value) : strlen(value);
    lower_copy(media, media_sz, value, trimmed_len(value, n));
    charset[0] = 0;
    while (semi) {
        const char *param = skip_ws(semi + 1);
        semi = strchr(param, ';');
        if (strncasecmp(param, "charset", 7) != 0) continue;
        const char *v = skip_ws(param + 7);
        if (*v != '=') continue;
        v = skip_ws(v + 1);
        if (*v == '"' || *v == '\'') v++;
        size_t k = 0;
        while (v[k] && v[k] != '"' && v[k] != '\'' && v[k] != ';' && v[k] != ' ' &&
               v[k] != '\t' && v[k] != '\r')
            k++;
        lower_copy(charset, charset_sz, v, k);
        return;
    }
}

int warc_media_is_html(const char *media)
{
    return !strcmp(media, "text/html") || !strcmp(media, "application/xhtml+xml");
}

void warc_http_header(warc_http *h, const char *line)
{
    const char *colon = strchr(line, ':');
    if (!colon) return;
    size_t nlen = trimmed_len(line, (size_t)(colon - line));
    const char *v = skip_ws(colon + 1);
    size_t vlen = trimmed_len(v, strlen(v));
    if (nlen == 12 && !strncasecmp(line, "Content-Type", 12)) {
        char value[256];
        lower_copy(value, sizeof value, v, vlen);
        warc_content_type(value, h->media_type, sizeof h->media_type, h->charset,
                          sizeof h->charset);
    } else if (nlen == 17 && !strncasecmp(line, "Transfer-Encoding", 17)) {
        lower_copy(h->transfer_encoding, sizeof h->transfer_encoding, v, vlen);
    } else if (nlen == 16 && !strncasecmp(line, "Content-Encoding", 16)) {
        lower_copy(h->content_encoding, sizeof h->content_encoding, v, vlen);
    }
}

/* ---------------- chunked transfer-encoding ---------------- */

static int hexval(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    c = tolower(c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Undo chunking in place (the output is never longer than the input). A
 * body that does not start with a chunk-size line was stored decoded and
 * is left alone; a truncated last chunk keeps what arrived, as a browser
 * shows a page cut short. */
static void dechunk(buf *b)
{
    char *d = b->data;
    size_t len = b->len, r = 0, w = 0;
    int chunks = 0;
    for (;;) {
        size_t size = 0, digits = 0;
        int v;
        while (r < len && (v = hexval((unsigned char)d[r])) >= 0) {
            if (size > SIZE_MAX / 32) { /* absurd size: not a chunk line */
                digits = 0;
                break;
            }
            size = size * 16 + (size_t)v;
            r++;
            digits++;
        }
        if (!digits) break;
        /* after the size: blanks, then ";extensions", then the line end;
         * anything else ("abc<html") is a body that merely starts with hex
         * letters, so it was stored decoded */
        while (r < len && (d[r] == ' ' || d[r] == '\t'))
            r++;
        if (r < len && d[r] == ';') {
            size_t ext = 0;
            while (r < len && d[r] != '\n' && ext++ < 4096)
                r++;
        }
        if (r < len && d[r] == '\r') r++;
        if (r < len && d[r] != '\n') break;
        if (r >= len) break;
        r++; /* '\n' */
        chunks++;
        if (size == 0) break; /* last chunk; trailers ignored */
        size_t take = size < len - r ? size : len - r;
        memmove(d + w, d + r, take);
        w += take;
        r += take;
        if (take < size) break;
        if (r < len && d[r] == '\r') r++;
        if (r < len && d[r] == '\n') r++;
    }
    if (chunks) {
        b->len = w;
        d[w] = 0;
    }
}

/* ---------------- content-encoding ---------------- */

/* Inflate `in` into `out` (bounded by limit). A stream cut short keeps what
 * was decoded (crawlers truncate long bodies); a corrupt one is an error. */
static int inflate_into(buf *out, const char *in, size_t n, int wbits, size_t limit,
                        const char **why)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    out->len = 0;
    if (inflateInit2(&z, wbits) != Z_OK) return REEL_ENOMEM;
    int rc = 0;
    z.next_in = (Bytef *)in;
    z.avail_in = n > UINT32_MAX ? UINT32_MAX : (uInt)n;
    for (;;) {
        size_t room = out->cap > out->len + 1 ? out->cap - out->len - 1 : 0;
        if (room < 16384) {
            if (buf_reserve(out, out->len < 65536 ? 65536 : out->len)) {
                rc = REEL_ENOMEM;
                break;
            }
            room = out->cap - out->len - 1;
        }
        if (room > UINT32_MAX) room = UINT32_MAX;
        z.next_out = (Bytef *)out->data + out->len;
        z.avail_out = (uInt)room;
        int zr = inflate(&z, Z_NO_FLUSH);
        out->len += room - z.avail_out;
        if (out->len > limit) {
            rc = REEL_ETOOBIG;
            break;
        }
        if (zr == Z_STREAM_END) break;
        if (zr == Z_OK && z.avail_out == 0) continue;
        if (zr == Z_OK || zr == Z_BUF_ERROR) {
            if (z.avail_in == 0) {
                /* input ended before the stream did: truncated */
                if (out->len == 0) {
                    *why = "compressed body is empty or cut off before any data";
                    rc = REEL_EFORMAT;
                }
                break;
            }
            continue;
        }
        *why = zr == Z_MEM_ERROR ? "out of memory" : "compressed body is corrupt";
        rc = zr == Z_MEM_ERROR ? REEL_ENOMEM : REEL_EFORMAT;
        break;
    }
    inflateEnd(&z);
    if (out->data) out->data[out->len] = 0;
    return rc;
}

static void swap(buf *a, buf *b)
{
    buf t = *a;
    *a = *b;
    *b = t;
}

static int decode_one(const char *enc, size_t n, buf *body, buf *tmp, size_t limit,
                      const char **why)
{
    const unsigned char *d = (const unsigned char *)body->data;
    int rc;
    if (n == 0 || (n == 8 && !strncmp(enc, "identity", 8))) return 0;
    if ((n == 4 && !strncmp(enc, "gzip", 4)) || (n == 6 && !strncmp(enc, "x-gzip", 6))) {
        if (body->len < 2 || d[0] != 0x1f || d[1] != 0x8b) return 0; /* stored decoded */
        rc = inflate_into(tmp, body->data, body->len, 16 + MAX_WBITS, limit, why);
    } else if (n == 7 && !strncmp(enc, "deflate", 7)) {
        /* zlib-wrapped as the standard says, or raw deflate as some
         * servers send; browsers accept both */
        int zlib_hdr =
            body->len >= 2 && (d[0] & 0x0f) == 8 && ((d[0] << 8) | d[1]) % 31 == 0;
        rc = inflate_into(tmp, body->data, body->len, zlib_hdr ? MAX_WBITS : -MAX_WBITS,
                          limit, why);
    } else {
        *why = "content-encoding is not gzip or deflate";
        return REEL_EFORMAT;
    }
    if (rc == 0) swap(body, tmp);
    return rc;
}

int warc_http_decode(const warc_http *h, buf *body, buf *tmp, size_t limit,
                     const char **why)
{
    *why = NULL;
    if (strstr(h->transfer_encoding, "chunked") && body->len) dechunk(body);
    /* Content-Encoding lists the codings in the order applied: undo the
     * last one first */
    const char *ce = h->content_encoding;
    size_t end = strlen(ce);
    while (end > 0) {
        size_t start = end;
        while (start > 0 && ce[start - 1] != ',')
            start--;
        const char *e = skip_ws(ce + start);
        size_t n = trimmed_len(e, (size_t)(ce + end - e));
        int rc = decode_one(e, n, body, tmp, limit, why);
        if (rc) return rc;
        end = start ? start - 1 : 0;
    }
    return body->len > limit ? REEL_ETOOBIG : 0;
}
