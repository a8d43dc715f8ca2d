/* warc.c — WARC 1.0/1.1 records, plain or .warc.gz (gzip members
 * inflated one after another through zlib), streamed through two fixed
 * windows: memory stays flat whatever the file's size. `response` records
 * holding HTML (and `resource` records that are HTML) become documents;
 * every other record is skipped and counted. A record that is cut, lies
 * about its length or breaks the gzip stream is an error for that record
 * only: the reader finds the next "WARC/1." line or gzip member and goes on.
 */
#include "read.h"
#include "reader.h"
#include "warc_http.h"

#include <inttypes.h>
#include <zlib.h>

#define WINDOW 65536
#define LINE_MAX_BYTES 65536     /* one WARC or HTTP header line */
#define HEADER_MAX_BYTES 1048576 /* all header lines of one record */
#define KEEP_MAX (4u << 20)      /* larger body buffers are freed after use */

/* what the byte source returns besides a count */
#define SRC_EOF (-1)
#define SRC_BROKEN (-2) /* the gzip stream broke; it goes on at the next member */
#define BLK_CUT (-3)    /* the next record starts inside this one's block */
#define LINE_LONG (-4)
#define BLK_NOMEM (-5)

/* A block that runs into the next record holds the record separator
 * followed by a header line: seeing this inside a block means its
 * Content-Length lied (or the record was cut) and the next record is here. */
static const char NEXT_RECORD[] = "\r\n\r\nWARC/1.";
#define NEXT_LEN 11

typedef struct {
    reel_reader *r;
    size_t peek_pos;
    int raw_eof, io_error;
    uint64_t raw_off; /* input bytes taken so far */
    /* gzip */
    int gz, z_ready, in_member, seek_member;
    z_stream z;
    unsigned char *in;
    size_t in_pos, in_len;
    uint64_t member_off; /* input offset of the current member */
    int truncated;       /* the input ended inside a member */
    /* decoded bytes */
    unsigned char *out;
    size_t out_pos, out_len;
    unsigned char back[32]; /* bytes put back, read before the window */
    size_t back_pos, back_len;
    uint64_t off; /* decoded offset of the next byte */
    /* records */
    int resync;
    buf line, body, tmp;
    int kmp[NEXT_LEN];
} warc_state;

/* The declared block of a record being read. */
typedef struct {
    uint64_t left;
    int m; /* how much of NEXT_RECORD the bytes so far end with */
} block;

static void warc_free(void *p)
{
    warc_state *s = p;
    if (!s) return;
    if (s->z_ready) inflateEnd(&s->z);
    free(s->in);
    free(s->out);
    buf_free(&s->line);
    buf_free(&s->body);
    buf_free(&s->tmp);
    free(s);
}

/* ---------------- input: peeked bytes, then the file ---------------- */

static size_t raw_read(warc_state *s, unsigned char *p, size_t n)
{
    reel_reader *r = s->r;
    size_t got = 0;
    if (s->peek_pos < r->peek_len) {
        got = r->peek_len - s->peek_pos;
        if (got > n) got = n;
        memcpy(p, r->peek + s->peek_pos, got);
        s->peek_pos += got;
    }
    if (got < n && !s->raw_eof) {
        size_t k = fread(p + got, 1, n - got, r->file);
        if (k < n - got) {
            s->raw_eof = 1;
            s->io_error = ferror(r->file) != 0;
        }
        got += k;
    }
    s->raw_off += got;
    return got;
}

static int fill_plain(warc_state *s)
{
    s->out_pos = 0;
    s->out_len = raw_read(s, s->out, WINDOW);
    return s->out_len ? 1 : SRC_EOF;
}

/* Offset in the input of s->in[i]. */
static uint64_t in_offset(const warc_state *s, size_t i)
{
    return s->raw_off - (s->in_len - i);
}

/* After a broken member: find the next gzip magic (1f 8b 08) in the input,
 * keeping a partial match at the window's end for the next read. */
static int seek_member(warc_state *s)
{
    for (;;) {
        size_t i = s->in_pos;
        for (; i < s->in_len; i++) {
            if (s->in[i] != 0x1f) continue;
            if (i + 2 >= s->in_len) break; /* decide with more input */
            if (s->in[i + 1] == 0x8b && s->in[i + 2] == 0x08) {
                s->in_pos = i;
                s->seek_member = 0;
                return 0;
            }
        }
        size_t keep = s->in_len - i;
        memmove(s->in, s->in + i, keep);
        s->in_pos = 0;
        s->in_len = keep;
        size_t got = raw_read(s, s->in + keep, WINDOW - keep);
        s->in_len += got;
        if (got == 0) {
            s->in_pos = s->in_len;
            return SRC_EOF;
        }
    }
}

static int fill_gz(warc_state *s)
{
    s->out_pos = s->out_len = 0;
    for (;;) {
        if (s->seek_member && seek_member(s) == SRC_EOF) return SRC_EOF;
        if (s->in_pos == s->in_len) {
            s->in_pos = 0;
            s->in_len = raw_read(s, s->in, WINDOW);
            if (s->in_len == 0) {
                if (!s->in_member) return SRC_EOF;
                s->in_member = 0;
                s->truncated = 1;
                return SRC_BROKEN;
            }
        }
        if (!s->in_member) {
            /* NUL padding between or after members is allowed */
            while (s->in_pos < s->in_len && s->in[s->in_pos] == 0)
                s->in_pos++;
            if (s->in_pos == s->in_len) continue;
            inflateReset(&s->z);
            s->in_member = 1;
            s->member_off = in_offset(s, s->in_pos);
        }
        size_t start = s->in_pos;
        s->z.next_in = s->in + s->in_pos;
        s->z.avail_in = (uInt)(s->in_len - s->in_pos);
        s->z.next_out = s->out;
        s->z.avail_out = WINDOW;
        int zr = inflate(&s->z, Z_NO_FLUSH);
        s->in_pos = s->in_len - s->z.avail_in;
        s->out_len = WINDOW - s->z.avail_out;
        if (zr == Z_STREAM_END) s->in_member = 0;
        if (zr == Z_STREAM_END || zr == Z_OK || zr == Z_BUF_ERROR) {
            if (s->out_len) return 1;
            continue;
        }
        /* a corrupt member: what it gave in this call is suspect; look for
         * the next member from where this call started (a cut member is
         * often followed by the next one inside the bytes just read), but
         * never at this member's own start again */
        s->out_len = 0;
        s->in_member = 0;
        s->in_pos = start;
        if (in_offset(s, start) == s->member_off) s->in_pos++;
        s->seek_member = 1;
        return SRC_BROKEN;
    }
}

/* The bytes available now: a count > 0, SRC_EOF or SRC_BROKEN. */
static long src_window(warc_state *s, const unsigned char **p)
{
    if (s->back_pos < s->back_len) {
        *p = s->back + s->back_pos;
        return (long)(s->back_len - s->back_pos);
    }
    if (s->out_pos == s->out_len) {
        int rc = s->gz ? fill_gz(s) : fill_plain(s);
        if (rc < 0) return rc;
    }
    *p = s->out + s->out_pos;
    return (long)(s->out_len - s->out_pos);
}

/* Take n bytes of the current window. */
static void src_take(warc_state *s, size_t n)
{
    if (!n) return;
    if (s->back_pos < s->back_len) {
        s->back_pos += n;
        if (s->back_pos == s->back_len) s->back_pos = s->back_len = 0;
    } else {
        s->out_pos += n;
    }
    s->off += n;
}

/* Put bytes back in front of the stream (at most a few dozen). */
static void src_unread(warc_state *s, const char *p, size_t n)
{
    unsigned char t[sizeof s->back];
    size_t rest = s->back_len - s->back_pos;
    if (n + rest > sizeof t)
        n = sizeof t - rest; /* cannot happen: callers put back <= 15 */
    memcpy(t, p, n);
    memcpy(t + n, s->back + s->back_pos, rest);
    memcpy(s->back, t, n + rest);
    s->back_pos = 0;
    s->back_len = n + rest;
    s->off -= n;
}

/* ---------------- blocks and lines ---------------- */

static void kmp_init(int *fail)
{
    fail[0] = 0;
    for (int i = 1, k = 0; i < NEXT_LEN; i++) {
        while (k > 0 && NEXT_RECORD[i] != NEXT_RECORD[k])
            k = fail[k - 1];
        if (NEXT_RECORD[i] == NEXT_RECORD[k]) k++;
        fail[i] = k;
    }
}

/* Feed bytes to the block's watch for the next record; returns the index
 * just past a complete match, or 0. */
static size_t kmp_feed(const warc_state *s, block *b, const unsigned char *p, size_t n)
{
    int m = b->m;
    for (size_t i = 0; i < n; i++) {
        if (m == 0) {
            /* the common case: jump to the next CR */
            const unsigned char *cr = memchr(p + i, '\r', n - i);
            if (!cr) break;
            i = (size_t)(cr - p);
        }
        while (m > 0 && p[i] != (unsigned char)NEXT_RECORD[m])
            m = s->kmp[m - 1];
        if (p[i] == (unsigned char)NEXT_RECORD[m]) m++;
        if (m == NEXT_LEN) {
            b->m = m;
            return i + 1;
        }
    }
    b->m = m;
    return 0;
}

/* The next record begins inside this block: stop just before "WARC/1.". */
static int block_cut(warc_state *s, size_t upto)
{
    src_take(s, upto);
    src_unread(s, NEXT_RECORD + 4, NEXT_LEN - 4);
    return BLK_CUT;
}

/* Up to `max` bytes of the block appended to `dst` (dropped when NULL).
 * Returns the count (0 at the block's end) or BLK_CUT / SRC_EOF /
 * SRC_BROKEN. */
static long block_read(warc_state *s, block *b, buf *dst, size_t max)
{
    const unsigned char *p;
    if (b->left == 0 || max == 0) return 0;
    long n = src_window(s, &p);
    if (n < 0) return n;
    size_t k = (size_t)n;
    if (k > b->left) k = (size_t)b->left;
    if (k > max) k = max;
    size_t cut = kmp_feed(s, b, p, k);
    if (cut) return block_cut(s, cut);
    if (dst && buf_append(dst, (const char *)p, k)) return BLK_NOMEM;
    src_take(s, k);
    b->left -= k;
    return (long)k;
}

/* One line (without CR LF) into s->line, from the block `b` or, when b is
 * NULL, from the stream. 1 for a line, 0 at the end of the block, or
 * LINE_LONG / BLK_CUT / SRC_EOF / SRC_BROKEN / REEL_ENOMEM. */
static int read_line(warc_state *s, block *b, size_t limit)
{
    s->line.len = 0;
    for (;;) {
        const unsigned char *p;
        if (b && b->left == 0) break;
        long n = src_window(s, &p);
        if (n < 0) {
            if (n == SRC_EOF && s->line.len) break; /* a last line without end */
            return (int)n;
        }
        size_t k = (size_t)n;
        if (b && k > b->left) k = (size_t)b->left;
        const unsigned char *nl = memchr(p, '\n', k);
        size_t take = nl ? (size_t)(nl - p) + 1 : k;
        if (s->line.len + take > limit) return LINE_LONG;
        if (b) {
            size_t cut = kmp_feed(s, b, p, take);
            if (cut) return block_cut(s, cut);
            b->left -= take;
        }
        if (buf_append(&s->line, (const char *)p, take)) return REEL_ENOMEM;
        src_take(s, take);
        if (nl) break;
    }
    if (s->line.len == 0) return 0;
    while (s->line.len && (s->line.data[s->line.len - 1] == '\n' ||
                           s->line.data[s->line.len - 1] == '\r'))
        s->line.len--;
    s->line.data[s->line.len] = 0;
    return 1;
}

/* The CR LF CR LF that ends every record. 0 when it is there (or the file
 * ends right after the block); -1 when something else is, after putting
 * back what may be the start of the next record; SRC_BROKEN when the gzip
 * member holding it is cut or corrupt. */
static int trailer(warc_state *s, const block *b)
{
    char got[4];
    size_t n = 0;
    while (n < 4) {
        const unsigned char *p;
        long w = src_window(s, &p);
        if (w == SRC_BROKEN) return SRC_BROKEN;
        if (w < 0) break;
        if (p[0] != (unsigned char)"\r\n\r\n"[n]) {
            got[n++] = (char)p[0];
            src_take(s, 1);
            break;
        }
        got[n++] = (char)p[0];
        src_take(s, 1);
        if (n == 4) return 0;
    }
    if (n == 0) return 0;
    char back[NEXT_LEN + 4];
    memcpy(back, NEXT_RECORD, (size_t)b->m);
    memcpy(back + b->m, got, n);
    src_unread(s, back, (size_t)b->m + n);
    return -1;
}

/* Drop bytes up to the next "WARC/1.". Not only at a line start: damage
 * often runs into the next header without a line end, and what is dropped
 * here is lost anyway. */
static int resync(warc_state *s)
{
    static const char want[] = "WARC/1.";
    int m = 0;
    for (;;) {
        const unsigned char *p;
        long n = src_window(s, &p);
        if (n == SRC_EOF) return SRC_EOF;
        if (n == SRC_BROKEN) {
            m = 0; /* a new gzip member */
            continue;
        }
        for (long i = 0; i < n; i++) {
            /* "WARC/1." has no repeated prefix: a mismatch restarts at W */
            if (p[i] == (unsigned char)want[m])
                m++;
            else
                m = p[i] == 'W';
            if (m == 7) {
                src_take(s, (size_t)i + 1);
                src_unread(s, want, 7);
                return 0;
            }
        }
        src_take(s, (size_t)n);
    }
}

/* ---------------- records ---------------- */

typedef struct {
    char type[32];
    char media[96], charset[48];
    int has_length;
    uint64_t length;
    char *uri; /* malloc'd */
} warc_header;

#define SKIPPED 1

/* The header field `name` of line, or NULL. */
static const char *field(const char *line, const char *name)
{
    size_t n = strlen(name);
    if (strncasecmp(line, name, n) != 0 || line[n] != ':') return NULL;
    const char *v = line + n + 1;
    while (*v == ' ' || *v == '\t')
        v++;
    return v;
}

static int parse_length(const char *v, uint64_t *out)
{
    uint64_t x = 0;
    if (!*v) return -1;
    for (; *v >= '0' && *v <= '9'; v++) {
        if (x > (UINT64_MAX - 9) / 10) return -1;
        x = x * 10 + (uint64_t)(*v - '0');
    }
    while (*v == ' ' || *v == '\t')
        v++;
    if (*v) return -1;
    *out = x;
    return 0;
}

static int rec_error(reel_reader *r, int code, uint64_t at, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* "file: record N at offset X: what" (for .warc.gz the offset of the gzip
 * member the record starts in, which is what `dd skip=` or a CDX index
 * wants). */
static int rec_error(reel_reader *r, int code, uint64_t at, const char *fmt, ...)
{
    warc_state *s = r->impl;
    char what[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return reel_error(r->ctx, code, "%s: record %zu at %soffset %" PRIu64 ": %s", r->path,
                      r->record_no, s->gz ? "gzip member " : "", at, what);
}

/* `length` for a record whose header was being read */
#define IN_HEADER UINT64_MAX

/* The message for a record that did not read to its declared end. */
static int framing_error(reel_reader *r, long why, uint64_t at, uint64_t length)
{
    warc_state *s = r->impl;
    if (why == BLK_CUT)
        return rec_error(r, REEL_EFORMAT, at,
                         "Content-Length %" PRIu64 " runs into the next record; "
                         "record dropped",
                         length);
    s->resync = why == SRC_BROKEN;
    if (why == SRC_BROKEN)
        return rec_error(r, REEL_EFORMAT, at, "%s; going on with the next gzip member",
                         s->truncated ? "gzip data cut off (truncated file)"
                                      : "corrupt gzip data");
    if (why == SRC_EOF && s->io_error) return rec_error(r, REEL_EIO, at, "read error");
    if (why == SRC_EOF && length == IN_HEADER)
        return rec_error(r, REEL_EFORMAT, at, "file ends inside the record's header");
    if (why == SRC_EOF)
        return rec_error(r, REEL_EFORMAT, at,
                         "file ends inside the record (Content-Length %" PRIu64 ")",
                         length);
    return rec_error(r, REEL_ENOMEM, at, "out of memory");
}

/* The record's end after its block. 0, or an error message. */
static int end_of_record(reel_reader *r, const block *b, uint64_t at, uint64_t length)
{
    warc_state *s = r->impl;
    int rc = trailer(s, b);
    if (rc == SRC_BROKEN) return framing_error(r, rc, at, length);
    if (rc == 0) return 0;
    s->resync = 1;
    return rec_error(
        r, REEL_EFORMAT, at,
        "no record end after Content-Length %" PRIu64 " bytes; record dropped", length);
}

/* Skip the rest of the block and its trailer. 0, or an error message. */
static int finish_block(reel_reader *r, block *b, uint64_t at, uint64_t length)
{
    warc_state *s = r->impl;
    long n;
    while ((n = block_read(s, b, NULL, SIZE_MAX)) > 0) {
    }
    if (n < 0) return framing_error(r, n, at, length);
    return end_of_record(r, b, at, length);
}

static int read_headers(reel_reader *r, warc_header *h, uint64_t at)
{
    warc_state *s = r->impl;
    size_t total = 0;
    int rc = read_line(s, NULL, LINE_MAX_BYTES);
    if (rc == SRC_EOF) return REEL_EDONE;
    if (rc == SRC_BROKEN) return framing_error(r, rc, at, IN_HEADER);
    if (rc == REEL_ENOMEM) return rec_error(r, REEL_ENOMEM, at, "out of memory");
    if (rc != 1 || strncmp(s->line.data, "WARC/1.", 7) != 0) {
        s->resync = 1;
        return rec_error(r, REEL_EFORMAT, at,
                         "not a WARC record (no WARC/1.0 or WARC/1.1 line)");
    }
    for (;;) {
        rc = read_line(s, NULL, LINE_MAX_BYTES);
        if (rc == SRC_BROKEN || rc == SRC_EOF) return framing_error(r, rc, at, IN_HEADER);
        if (rc == REEL_ENOMEM) return rec_error(r, REEL_ENOMEM, at, "out of memory");
        if (rc == LINE_LONG || (total += s->line.len) > HEADER_MAX_BYTES) {
            s->resync = 1;
            return rec_error(r, REEL_EFORMAT, at, "WARC header over %s; record dropped",
                             rc == LINE_LONG ? "64 KiB in one line" : "1 MiB");
        }
        if (s->line.len == 0) break;
        const char *v;
        if ((v = field(s->line.data, "WARC-Type")))
            snprintf(h->type, sizeof h->type, "%s", v);
        else if ((v = field(s->line.data, "Content-Length"))) {
            if (parse_length(v, &h->length)) {
                s->resync = 1;
                return rec_error(r, REEL_EFORMAT, at, "bad Content-Length '%.40s'", v);
            }
            h->has_length = 1;
        } else if ((v = field(s->line.data, "Content-Type")))
            warc_content_type(v, h->media, sizeof h->media, h->charset,
                              sizeof h->charset);
        else if ((v = field(s->line.data, "WARC-Target-URI"))) {
            /* WARC 1.0 wrote it in <angle brackets> */
            size_t n = strlen(v);
            if (n >= 2 && v[0] == '<' && v[n - 1] == '>') v++, n -= 2;
            free(h->uri);
            h->uri = strndup(v, n);
            if (!h->uri) return rec_error(r, REEL_ENOMEM, at, "out of memory");
        }
    }
    if (!h->has_length) {
        s->resync = 1;
        return rec_error(r, REEL_EFORMAT, at, "no Content-Length; record dropped");
    }
    return 0;
}

/* The HTTP status line and headers at the start of a response block.
 * SKIPPED when the response is not a 2xx HTML page (the block is passed
 * over), 0 to read the body, or an error. */
static int read_http_head(reel_reader *r, block *b, warc_http *http, uint64_t at,
                          uint64_t length)
{
    warc_state *s = r->impl;
    size_t total = 0;
    int rc = read_line(s, b, LINE_MAX_BYTES);
    if (rc == 1 && warc_http_status(http, s->line.data) == 0) {
        for (;;) {
            rc = read_line(s, b, LINE_MAX_BYTES);
            if (rc != 1 || s->line.len == 0) break;
            if ((total += s->line.len) > HEADER_MAX_BYTES) {
                rc = LINE_LONG;
                break;
            }
            warc_http_header(http, s->line.data);
        }
        if (rc == 1 || rc == 0) {
            int html = warc_media_is_html(http->media_type) || !http->media_type[0];
            if (http->status >= 200 && http->status < 300 && html) return 0;
            if ((rc = finish_block(r, b, at, length))) return rc;
            r->skipped++;
            return SKIPPED;
        }
    }
    if (rc < 0 && rc != LINE_LONG && rc != REEL_ENOMEM)
        return framing_error(r, rc, at, length);
    int fr = rc == REEL_ENOMEM ? 0 : finish_block(r, b, at, length);
    if (fr) return fr;
    return rec_error(r, rc == REEL_ENOMEM ? REEL_ENOMEM : REEL_EFORMAT, at,
                     rc == LINE_LONG ? "HTTP header too long" : "no HTTP status line");
}

/* The body of a record we read: into s->body, decoded, then a document. */
static int read_body(reel_reader *r, block *b, const warc_http *http,
                     const warc_header *h, uint64_t at, reel_doc **out)
{
    warc_state *s = r->impl;
    reel_ctx *ctx = r->ctx;
    int rc;
    if (b->left > ctx->max_input) {
        uint64_t body = b->left;
        if ((rc = finish_block(r, b, at, h->length))) return rc;
        return rec_error(r, REEL_ETOOBIG, at,
                         "body of %" PRIu64 " bytes is over the size limit of %zu", body,
                         ctx->max_input);
    }
    s->body.len = 0;
    if (buf_reserve(&s->body, (size_t)b->left + 1))
        return rec_error(r, REEL_ENOMEM, at, "out of memory");
    long n;
    while ((n = block_read(s, b, &s->body, SIZE_MAX)) > 0) {
    }
    if (n < 0) return framing_error(r, n, at, h->length);
    if ((rc = end_of_record(r, b, at, h->length))) return rc;
    s->body.data[s->body.len] = 0;
    const char *why = NULL;
    rc = warc_http_decode(http, &s->body, &s->tmp, ctx->max_input, &why);
    if (rc == REEL_ETOOBIG)
        return rec_error(r, rc, at, "decoded body is over the size limit of %zu",
                         ctx->max_input);
    if (rc) return rec_error(r, rc, at, "%s", why ? why : "cannot decode the body");
    if (s->body.len == 0 ||
        (!http->media_type[0] &&
         reel_format_detect(s->body.data, s->body.len) != REEL_FORMAT_HTML)) {
        r->skipped++; /* an empty page, or one without a type that is not HTML */
        return SKIPPED;
    }
    char source[4096];
    if (h->uri && *h->uri)
        snprintf(source, sizeof source, "%s", h->uri);
    else
        snprintf(source, sizeof source, "%s:%" PRIu64, r->path, at);
    const char *charset = http->charset[0] ? http->charset : NULL;
    reel_doc *doc = NULL;
    rc =
        read_doc(ctx, &doc, s->body.data, s->body.len, source, REEL_FORMAT_HTML, charset);
    if (rc) {
        char msg[sizeof ctx->errmsg];
        snprintf(msg, sizeof msg, "%s", reel_errmsg(ctx));
        return rec_error(r, rc, at, "%s", msg);
    }
    if (h->uri && *h->uri && !(doc->url = arena_strdup(doc->arena, h->uri))) {
        reel_doc_free(doc);
        return rec_error(r, REEL_ENOMEM, at, "out of memory");
    }
    /* the id stays reel_read's: the SHA-256 of the decoded page, so the
     * same page captured twice, or saved as a file, is one article */
    doc->format = REEL_FORMAT_WARC;
    *out = doc;
    return 0;
}

static int read_record(reel_reader *r, uint64_t at, reel_doc **out)
{
    warc_state *s = r->impl;
    warc_header h;
    memset(&h, 0, sizeof h);
    warc_http http;
    memset(&http, 0, sizeof http);
    int rc = read_headers(r, &h, at);
    if (rc) goto done;
    block b = {h.length, 0};
    int response = !strcmp(h.type, "response") &&
                   (!h.media[0] || !strncmp(h.media, "application/http", 16));
    int resource = !strcmp(h.type, "resource") && warc_media_is_html(h.media);
    if (!response && !resource) {
        if ((rc = finish_block(r, &b, at, h.length)) == 0) {
            r->skipped++;
            rc = SKIPPED;
        }
        goto done;
    }
    if (response) {
        if ((rc = read_http_head(r, &b, &http, at, h.length))) goto done;
    } else {
        /* a resource record's block is the page itself */
        http.status = 200;
        snprintf(http.media_type, sizeof http.media_type, "%s", h.media);
        snprintf(http.charset, sizeof http.charset, "%s", h.charset);
    }
    rc = read_body(r, &b, &http, &h, at, out);
done:
    free(h.uri);
    if (s->body.cap > KEEP_MAX) buf_free(&s->body);
    if (s->tmp.cap > KEEP_MAX) buf_free(&s->tmp);
    return rc;
}

static int warc_next(reel_reader *r, reel_doc **out)
{
    warc_state *s = r->impl;
    *out = NULL;
    for (;;) {
        if (s->resync) {
            s->resync = 0;
            if (resync(s) == SRC_EOF) return REEL_EDONE;
        }
        /* blank lines between records are tolerated */
        const unsigned char *p;
        long n;
        while ((n = src_window(s, &p)) > 0 && (p[0] == '\r' || p[0] == '\n'))
            src_take(s, 1);
        if (n == SRC_EOF) {
            if (s->io_error) {
                s->io_error = 0;
                return reel_error(r->ctx, REEL_EIO, "%s: read error", r->path);
            }
            return REEL_EDONE;
        }
        r->record_no++;
        uint64_t at = s->gz ? s->member_off : s->off;
        if (n == SRC_BROKEN) return framing_error(r, n, at, IN_HEADER);
        int rc = read_record(r, at, out);
        if (rc != SKIPPED) return rc;
    }
}

int reader_warc_init(reel_reader *r)
{
    warc_state *s = calloc(1, sizeof *s);
    if (!s) return reel_error(r->ctx, REEL_ENOMEM, "%s: out of memory", r->path);
    s->r = r;
    r->impl = s;
    r->impl_free = warc_free;
    r->next = warc_next;
    buf_init(&s->line);
    buf_init(&s->body);
    buf_init(&s->tmp);
    kmp_init(s->kmp);
    s->gz = r->peek_len >= 2 && (unsigned char)r->peek[0] == 0x1f &&
            (unsigned char)r->peek[1] == 0x8b;
    s->out = malloc(WINDOW);
    if (s->gz) {
        s->in = malloc(WINDOW);
        if (s->in && inflateInit2(&s->z, 16 + MAX_WBITS) == Z_OK) s->z_ready = 1;
    }
    if (!s->out || (s->gz && !s->z_ready))
        return reel_error(r->ctx, REEL_ENOMEM, "%s: out of memory", r->path);
    return 0;
}
