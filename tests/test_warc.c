/* test_warc.c — the WARC reader over files this test writes: plain and
 * .warc.gz (one member per record, or one member for all), records that are
 * skipped (warcinfo, request, metadata, revisit, non-HTML, non-2xx), HTTP
 * bodies chunked and gzip/deflate encoded, charsets from the HTTP header,
 * and damage: lying Content-Length either way, a 2 GB declared length, a
 * header line without end, truncated and corrupt gzip, binary garbage. Each
 * damaged record is one error naming file, record and offset; the others
 * are read; iteration always ends.
 */
#include "helpers.h"

#include <unistd.h>
#include <zlib.h>

static reel_ctx *g_ctx;

/* ---------------- writing WARC files ---------------- */

static void page(buf *b, int n)
{
    buf_printf(
        b,
        "<html><head><title>Review %d</title></head><body><article>"
        "<h1>Review number %d</h1><p>Film number %d is a quiet, careful drama about "
        "a lighthouse keeper, and it rewards the patience it asks for.</p>"
        "</article></body></html>",
        n, n, n);
}

/* A WARC record; `declared` < 0 writes the true Content-Length. */
static void record(buf *out, const char *type, const char *uri, const char *ctype,
                   const char *block, size_t blen, long long declared)
{
    buf_printf(out, "WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:%zu>\r\n",
               type, out->len);
    if (uri) buf_printf(out, "WARC-Target-URI: %s\r\n", uri);
    buf_printf(out, "WARC-Date: 2024-01-01T00:00:00Z\r\nContent-Type: %s\r\n", ctype);
    buf_printf(out, "Content-Length: %lld\r\n\r\n",
               declared < 0 ? (long long)blen : declared);
    buf_append(out, block, blen);
    buf_puts(out, "\r\n\r\n");
}

/* An HTTP response record for `body` with extra header lines. */
static void response(buf *out, const char *uri, int status, const char *headers,
                     const char *body, size_t blen, long long declared)
{
    buf http;
    buf_init(&http);
    buf_printf(&http, "HTTP/1.1 %d X\r\n%s\r\n", status, headers);
    buf_append(&http, body, blen);
    record(out, "response", uri, "application/http; msgtype=response", http.data,
           http.len, declared < 0 ? declared : (long long)(http.len - blen) + declared);
    buf_free(&http);
}

static void html_response(buf *out, int n, long long declared)
{
    char uri[64];
    buf p;
    buf_init(&p);
    page(&p, n);
    snprintf(uri, sizeof uri, "http://example.org/r/%d", n);
    response(out, uri, 200, "Content-Type: text/html; charset=utf-8\r\n", p.data, p.len,
             declared);
    buf_free(&p);
}

/* Compress `len` bytes onto out: wbits 16+15 one gzip member, 15 zlib,
 * -15 raw deflate (the last two for Content-Encoding: deflate). */
static void compressed(buf *out, const char *data, size_t len, int wbits)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    assert_int_equal(deflateInit2(&z, 6, Z_DEFLATED, wbits, 8, Z_DEFAULT_STRATEGY), Z_OK);
    size_t bound = deflateBound(&z, (uLong)len) + 64;
    assert_int_equal(buf_reserve(out, bound), 0);
    z.next_in = (Bytef *)data;
    z.avail_in = (uInt)len;
    z.next_out = (Bytef *)out->data + out->len;
    z.avail_out = (uInt)bound;
    assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
    out->len += bound - z.avail_out;
    deflateEnd(&z);
}

static void gz_member(buf *out, const char *data, size_t len)
{
    compressed(out, data, len, 16 + MAX_WBITS);
}

static char *write_tmp(const char *data, size_t len, const char *suffix)
{
    static char path[128];
    snprintf(path, sizeof path, "/tmp/reel-warc-%d-%ld%s", (int)getpid(), random(),
             suffix);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    fclose(f);
    return path;
}

/* ---------------- reading them back ---------------- */

typedef struct {
    int n_docs, n_errors;
    char docs[64][128];   /* url of each document */
    char errors[64][512]; /* message of each error */
    int codes[64];
    size_t skipped;
    reel_doc *first; /* kept for closer checks; freed by results_free */
} results;

static void results_free(results *res)
{
    reel_doc_free(res->first);
}

static void read_path(const char *path, size_t max_input, results *res)
{
    memset(res, 0, sizeof *res);
    reel_ctx_set_max_input(g_ctx, max_input);
    reel_reader *r = NULL;
    assert_int_equal(reel_reader_open(&r, g_ctx, path), 0);
    int calls = 0;
    for (;;) {
        reel_doc *d = NULL;
        int rc = reel_reader_next(&d, r);
        assert_true(++calls < 100000); /* it always ends */
        if (rc == REEL_EDONE) break;
        if (rc == 0) {
            assert_non_null(d);
            assert_int_equal(d->format, REEL_FORMAT_WARC);
            if (res->n_docs < 64)
                snprintf(res->docs[res->n_docs], sizeof res->docs[0], "%s",
                         d->url ? d->url : "(none)");
            res->n_docs++;
            if (!res->first)
                res->first = d;
            else
                reel_doc_free(d);
        } else {
            assert_null(d);
            if (res->n_errors < 64) {
                snprintf(res->errors[res->n_errors], sizeof res->errors[0], "%s",
                         reel_errmsg(g_ctx));
                res->codes[res->n_errors] = rc;
            }
            res->n_errors++;
            if (rc == REEL_EIO) break;
        }
    }
    res->skipped = reel_reader_skipped(r);
    reel_reader_free(r);
    reel_ctx_set_max_input(g_ctx, 64u << 20);
}

static void read_bytes(const char *data, size_t len, const char *suffix, size_t max_input,
                       results *res)
{
    char *path = write_tmp(data, len, suffix);
    read_path(path, max_input, res);
    unlink(path);
}

static void print_results(const results *res)
{
    for (int i = 0; i < res->n_docs && i < 64; i++)
        fprintf(stderr, "  doc %s\n", res->docs[i]);
    for (int i = 0; i < res->n_errors && i < 64; i++)
        fprintf(stderr, "  error %s\n", res->errors[i]);
}

static int has_doc(const results *res, int n)
{
    char uri[64];
    snprintf(uri, sizeof uri, "http://example.org/r/%d", n);
    for (int i = 0; i < res->n_docs && i < 64; i++)
        if (!strcmp(res->docs[i], uri)) return 1;
    return 0;
}

/* Every record of a mixed crawl, as a list of blocks to lay out plain or
 * one gzip member each. */
static void mixed_crawl(buf *recs[], int *n)
{
    int k = 0;
    for (int i = 0; i < 9; i++) {
        recs[i] = malloc(sizeof(buf));
        buf_init(recs[i]);
    }
    record(recs[k++], "warcinfo", NULL, "application/warc-fields",
           "software: reel-test\r\n", 21, -1);
    record(recs[k++], "request", "http://example.org/r/1",
           "application/http; msgtype=request", "GET /r/1 HTTP/1.1\r\n\r\n", 21, -1);
    html_response(recs[k++], 1, -1);
    record(recs[k++], "metadata", "http://example.org/r/1", "application/warc-fields",
           "outlink: http://example.org/r/2\r\n", 33, -1);
    response(recs[k++], "http://example.org/logo.png", 200, "Content-Type: image/png\r\n",
             "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, -1);
    response(recs[k++], "http://example.org/gone", 404, "Content-Type: text/html\r\n",
             "<html><body><p>Not found</p></body></html>", 42, -1);
    record(recs[k++], "revisit", "http://example.org/r/1",
           "application/http; msgtype=response", "HTTP/1.1 200 OK\r\n\r\n", 19, -1);
    buf p;
    buf_init(&p);
    page(&p, 2);
    record(recs[k++], "resource", "http://example.org/r/2", "text/html", p.data, p.len,
           -1);
    buf_free(&p);
    html_response(recs[k++], 3, -1);
    *n = k;
}

static void free_recs(buf *recs[], int n)
{
    for (int i = 0; i < n; i++) {
        buf_free(recs[i]);
        free(recs[i]);
    }
}

/* ---------------- tests ---------------- */

static void test_plain_and_gz_agree(void **state)
{
    (void)state;
    buf *recs[9];
    int n;
    mixed_crawl(recs, &n);
    buf plain, gz, gz1;
    buf_init(&plain);
    buf_init(&gz);
    buf_init(&gz1);
    for (int i = 0; i < n; i++) {
        buf_append(&plain, recs[i]->data, recs[i]->len);
        gz_member(&gz, recs[i]->data, recs[i]->len);
    }
    gz_member(&gz1, plain.data, plain.len); /* `gzip crawl.warc`: one member */
    results a, b, c;
    read_bytes(plain.data, plain.len, ".warc", 64u << 20, &a);
    read_bytes(gz.data, gz.len, ".warc.gz", 64u << 20, &b);
    read_bytes(gz1.data, gz1.len, ".warc.gz", 64u << 20, &c);
    print_results(&a);
    const results *all[] = {&a, &b, &c};
    for (int i = 0; i < 3; i++) {
        assert_int_equal(all[i]->n_errors, 0);
        assert_int_equal(all[i]->n_docs, 3);
        assert_true(has_doc(all[i], 1) && has_doc(all[i], 2) && has_doc(all[i], 3));
        /* warcinfo, request, metadata, png, 404, revisit */
        assert_int_equal(all[i]->skipped, 6);
    }
    /* the document is the page: its id is the page's hash, as if the page
     * had been read on its own */
    buf p;
    buf_init(&p);
    page(&p, 1);
    reel_doc *direct = NULL;
    assert_int_equal(reel_read(&direct, g_ctx, p.data, p.len, "x", REEL_FORMAT_HTML), 0);
    for (int i = 0; i < 3; i++) {
        assert_string_equal(all[i]->first->sha256, direct->sha256);
        assert_string_equal(all[i]->first->source, "http://example.org/r/1");
        assert_string_equal(all[i]->first->title, "Review 1");
    }
    reel_doc_free(direct);
    buf_free(&p);
    for (int i = 0; i < 3; i++)
        results_free((results *)all[i]);
    buf_free(&plain);
    buf_free(&gz);
    buf_free(&gz1);
    free_recs(recs, n);
}

/* The text of the first document holds `needle`. */
static void assert_text_has(const results *res, const char *needle)
{
    assert_non_null(res->first);
    int found = 0;
    for (size_t i = 0; i < res->first->n_blocks && !found; i++)
        found = strstr(res->first->blocks[i].text, needle) != NULL;
    if (!found) fprintf(stderr, "missing '%s'\n", needle);
    assert_true(found);
}

static void test_http_encodings(void **state)
{
    (void)state;
    buf p, z, body, w;
    buf_init(&p);
    page(&p, 7);
    struct {
        const char *headers;
        int kind; /* 0 as is, 1 gzip, 2 zlib deflate, 3 raw deflate */
        int chunk;
    } cases[] = {
        {"Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n", 0, 1},
        {"Content-Type: text/html\r\nContent-Encoding: gzip\r\n", 1, 0},
        {"Content-Type: text/html\r\nContent-Encoding: gzip\r\nTransfer-Encoding: "
         "chunked\r\n",
         1, 1},
        {"Content-Type: text/html\r\nContent-Encoding: deflate\r\n", 2, 0},
        {"Content-Type: text/html\r\nContent-Encoding: deflate\r\n", 3, 0},
        /* the crawler stored the body decoded but kept the headers */
        {"Content-Type: text/html\r\nContent-Encoding: gzip\r\nTransfer-Encoding: "
         "chunked\r\n",
         0, 0},
        /* no Content-Type: sniffed */
        {"Server: x\r\n", 0, 0},
    };
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        buf_init(&z);
        buf_init(&body);
        buf_init(&w);
        if (cases[c].kind == 1) gz_member(&z, p.data, p.len);
        if (cases[c].kind == 2) compressed(&z, p.data, p.len, MAX_WBITS);
        if (cases[c].kind == 3) compressed(&z, p.data, p.len, -MAX_WBITS);
        if (cases[c].kind == 0) buf_append(&z, p.data, p.len);
        if (cases[c].chunk) {
            /* uneven chunks, one with an extension */
            size_t off = 0, sizes[] = {1, 17, 100, 4096};
            for (int k = 0; off < z.len; k = (k + 1) % 4) {
                size_t n = sizes[k] < z.len - off ? sizes[k] : z.len - off;
                buf_printf(&body, "%zx%s\r\n", n, k == 2 ? ";name=value" : "");
                buf_append(&body, z.data + off, n);
                buf_puts(&body, "\r\n");
                off += n;
            }
            buf_puts(&body, "0\r\nX-Trailer: 1\r\n\r\n");
        } else {
            buf_append(&body, z.data, z.len);
        }
        response(&w, "http://example.org/r/7", 200, cases[c].headers, body.data, body.len,
                 -1);
        html_response(&w, 8, -1);
        results res;
        read_bytes(w.data, w.len, ".warc", 64u << 20, &res);
        fprintf(stderr, "case %zu\n", c);
        print_results(&res);
        assert_int_equal(res.n_errors, 0);
        assert_int_equal(res.n_docs, 2);
        assert_text_has(&res, "lighthouse keeper");
        results_free(&res);
        buf_free(&z);
        buf_free(&body);
        buf_free(&w);
    }
    buf_free(&p);
}

static void test_charset_from_http(void **state)
{
    (void)state;
    buf w;
    buf_init(&w);
    /* Windows-1252 bytes; the page itself claims UTF-8 (a common lie) */
    const char *latin =
        "<html><head><meta charset=\"utf-8\"></head><body><p>A caf\xe9 in "
        "Lyon is where the story of the film begins.</p></body></html>";
    response(&w, "http://example.org/r/1", 200,
             "Content-Type: text/html; charset=\"windows-1252\"\r\n", latin,
             strlen(latin), -1);
    results res;
    read_bytes(w.data, w.len, ".warc", 64u << 20, &res);
    assert_int_equal(res.n_docs, 1);
    assert_text_has(&res, "caf\xc3\xa9 in Lyon");
    assert_int_equal(res.first->repaired, 0);
    results_free(&res);
    /* Shift_JIS, declared only by HTTP */
    w.len = 0;
    const char *sjis = "<html><body><p>\x89\x66\x89\xe6 is the word for film, said twice "
                       "here: \x89\x66\x89\xe6.</p></body></html>";
    response(&w, "http://example.org/r/2", 200,
             "Content-Type: text/html;charset=Shift_JIS\r\n", sjis, strlen(sjis), -1);
    read_bytes(w.data, w.len, ".warc", 64u << 20, &res);
    assert_int_equal(res.n_docs, 1);
    assert_text_has(&res, "\xe6\x98\xa0\xe7\x94\xbb is the word");
    results_free(&res);
    buf_free(&w);
}

/* Records 1..5 with record `bad` written by `damage`; returns the file. */
static void five(buf *w, int gz, int bad, void (*damage)(buf *rec, void *arg), void *arg)
{
    w->len = 0;
    for (int i = 1; i <= 5; i++) {
        buf rec;
        buf_init(&rec);
        if (i == bad)
            damage(&rec, arg);
        else
            html_response(&rec, i, -1);
        if (gz)
            gz_member(w, rec.data, rec.len);
        else
            buf_append(w, rec.data, rec.len);
        buf_free(&rec);
    }
}

static void lying_length(buf *rec, void *arg)
{
    html_response(rec, 3, *(long long *)arg);
}

static void test_lying_content_length(void **state)
{
    (void)state;
    buf w;
    buf_init(&w);
    buf p;
    buf_init(&p);
    page(&p, 3);
    long long truth = (long long)p.len;
    buf_free(&p);
    /* shorter and longer by a little and by a lot: only record 3 is lost */
    long long deltas[] = {-200, -30, -5, -4, -3, -2, -1, 1,  2,  3,   4,   5,
                          6,    7,   8,  9,  10, 11, 12, 13, 20, 300, 5000};
    for (int gz = 0; gz < 2; gz++)
        for (size_t d = 0; d < sizeof deltas / sizeof *deltas; d++) {
            long long declared = truth + deltas[d];
            five(&w, gz, 3, lying_length, &declared);
            results res;
            read_bytes(w.data, w.len, gz ? ".warc.gz" : ".warc", 64u << 20, &res);
            fprintf(stderr, "gz %d delta %lld\n", gz, deltas[d]);
            print_results(&res);
            assert_true(has_doc(&res, 1) && has_doc(&res, 2) && has_doc(&res, 4) &&
                        has_doc(&res, 5));
            assert_false(has_doc(&res, 3));
            assert_int_equal(res.n_errors, 1);
            assert_non_null(strstr(res.errors[0], "record 3 at "));
            assert_non_null(strstr(res.errors[0], "offset "));
            assert_non_null(strstr(res.errors[0], "reel-warc-"));
            results_free(&res);
        }
    buf_free(&w);
}

static void huge_length(buf *rec, void *arg)
{
    (void)arg;
    html_response(rec, 3, 2147483648LL); /* a 2 GB block that is not there */
}

static void endless_header(buf *rec, void *arg)
{
    size_t n = *(size_t *)arg;
    buf_puts(rec, "WARC/1.1\r\nWARC-Type: response\r\nX-Junk: ");
    for (size_t i = 0; i < n; i++)
        buf_putc(rec, (char)('a' + i % 26));
    buf_puts(rec, "\r\nContent-Length: 10\r\n\r\n0123456789\r\n\r\n");
}

static void many_header_lines(buf *rec, void *arg)
{
    (void)arg;
    buf_puts(rec, "WARC/1.1\r\nWARC-Type: response\r\n");
    for (int i = 0; i < 60000; i++)
        buf_printf(rec, "X-Field-%d: some value\r\n", i);
    buf_puts(rec, "Content-Length: 10\r\n\r\n0123456789\r\n\r\n");
}

static void test_huge_declarations(void **state)
{
    (void)state;
    buf w;
    buf_init(&w);
    size_t long_line = 3u << 20; /* 3 MB header line */
    struct {
        void (*damage)(buf *, void *);
        void *arg;
        const char *says;
    } cases[] = {{huge_length, NULL, "Content-Length 2147483"},
                 {endless_header, &long_line, "WARC header over 64 KiB"},
                 {many_header_lines, NULL, "WARC header over 1 MiB"}};
    for (int gz = 0; gz < 2; gz++)
        for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
            five(&w, gz, 3, cases[c].damage, cases[c].arg);
            results res;
            read_bytes(w.data, w.len, gz ? ".warc.gz" : ".warc", 64u << 20, &res);
            print_results(&res);
            assert_int_equal(res.n_docs, 4);
            assert_false(has_doc(&res, 3));
            assert_int_equal(res.n_errors, 1);
            assert_non_null(strstr(res.errors[0], cases[c].says));
            results_free(&res);
        }
    /* the 2 GB declaration on the last record: the file ends inside it */
    for (int gz = 0; gz < 2; gz++) {
        five(&w, gz, 5, huge_length, NULL);
        results res;
        read_bytes(w.data, w.len, gz ? ".warc.gz" : ".warc", 64u << 20, &res);
        print_results(&res);
        assert_int_equal(res.n_docs, 4);
        assert_int_equal(res.n_errors, 1);
        assert_non_null(strstr(res.errors[0], "record 5"));
        assert_non_null(strstr(res.errors[0], "file ends inside the record"));
        results_free(&res);
    }
    buf_free(&w);
}

static void test_body_limits(void **state)
{
    (void)state;
    buf w, big, z;
    buf_init(&w);
    buf_init(&big);
    buf_init(&z);
    /* a 200 KB page with a 64 KB limit: that record only */
    buf_puts(&big, "<html><body>");
    while (big.len < 200000)
        buf_puts(&big, "<p>A long page about a long film.</p>");
    buf_puts(&big, "</body></html>");
    html_response(&w, 1, -1);
    response(&w, "http://example.org/big", 200, "Content-Type: text/html\r\n", big.data,
             big.len, -1);
    /* a gzip bomb: 1 KB that inflates past the limit */
    char *zeros = calloc(1, 4u << 20);
    gz_member(&z, zeros, 4u << 20);
    free(zeros);
    response(&w, "http://example.org/bomb", 200,
             "Content-Type: text/html\r\nContent-Encoding: gzip\r\n", z.data, z.len, -1);
    /* gzip content that is corrupt */
    z.len = 0;
    gz_member(&z, big.data, 5000);
    for (size_t i = 20; i < z.len - 8; i += 7)
        z.data[i] ^= 0x55;
    response(&w, "http://example.org/corrupt", 200,
             "Content-Type: text/html\r\nContent-Encoding: gzip\r\n", z.data, z.len, -1);
    /* an encoding reel does not read */
    response(&w, "http://example.org/br", 200,
             "Content-Type: text/html\r\nContent-Encoding: br\r\n", "\x1b\x03\x00", 3,
             -1);
    html_response(&w, 2, -1);
    results res;
    read_bytes(w.data, w.len, ".warc", 65536, &res);
    print_results(&res);
    assert_int_equal(res.n_docs, 2);
    assert_true(has_doc(&res, 1) && has_doc(&res, 2));
    assert_int_equal(res.n_errors, 4);
    assert_int_equal(res.codes[0], REEL_ETOOBIG);
    assert_non_null(strstr(res.errors[0], "record 2 at offset"));
    assert_int_equal(res.codes[1], REEL_ETOOBIG);
    assert_int_equal(res.codes[2], REEL_EFORMAT);
    assert_non_null(strstr(res.errors[2], "corrupt"));
    assert_non_null(strstr(res.errors[3], "not gzip or deflate"));
    results_free(&res);
    buf_free(&w);
    buf_free(&big);
    buf_free(&z);
}

static void test_broken_gzip(void **state)
{
    (void)state;
    buf w;
    buf_init(&w);
    size_t starts[6];
    for (int i = 1; i <= 5; i++) {
        buf rec;
        buf_init(&rec);
        html_response(&rec, i, -1);
        starts[i - 1] = w.len;
        gz_member(&w, rec.data, rec.len);
        buf_free(&rec);
    }
    starts[5] = w.len;
    /* truncated inside member 3: 1 and 2 in, one error, the end */
    results res;
    read_bytes(w.data, starts[2] + (starts[3] - starts[2]) / 2, ".warc.gz", 64u << 20,
               &res);
    print_results(&res);
    assert_int_equal(res.n_docs, 2);
    assert_int_equal(res.n_errors, 1);
    assert_non_null(strstr(res.errors[0], "truncated"));
    assert_non_null(strstr(res.errors[0], "record 3 at gzip member offset"));
    results_free(&res);
    /* every cut point of member 4 and its trailer: never more than one
     * error, never a hang */
    for (size_t cut = starts[3] + 1; cut < starts[4]; cut += 3) {
        read_bytes(w.data, cut, ".warc.gz", 64u << 20, &res);
        /* record 4 is in when only its gzip trailer is missing */
        assert_true(res.n_docs == 3 || res.n_docs == 4);
        assert_int_equal(res.n_errors, 1);
        results_free(&res);
    }
    /* member 3 corrupted in its deflate data: 1, 2, 4, 5 in */
    buf bad;
    buf_init(&bad);
    buf_append(&bad, w.data, w.len);
    for (size_t i = starts[2] + 30; i < starts[2] + 60; i++)
        bad.data[i] ^= 0xA5;
    read_bytes(bad.data, bad.len, ".warc.gz", 64u << 20, &res);
    print_results(&res);
    assert_true(has_doc(&res, 1) && has_doc(&res, 2) && has_doc(&res, 4) &&
                has_doc(&res, 5));
    assert_int_equal(res.n_errors, 1);
    assert_non_null(strstr(res.errors[0], "gzip"));
    results_free(&res);
    /* member 3 cut short and followed by member 4 (a torn concatenation) */
    bad.len = 0;
    buf_append(&bad, w.data, starts[2] + (starts[3] - starts[2]) / 2);
    buf_append(&bad, w.data + starts[3], starts[5] - starts[3]);
    read_bytes(bad.data, bad.len, ".warc.gz", 64u << 20, &res);
    print_results(&res);
    assert_true(has_doc(&res, 1) && has_doc(&res, 2) && has_doc(&res, 4) &&
                has_doc(&res, 5));
    assert_int_equal(res.n_errors, 1);
    results_free(&res);
    /* garbage between members and after the last */
    bad.len = 0;
    buf_append(&bad, w.data, starts[2]);
    buf_puts(&bad, "this is not gzip\x1f\x8b but it tries");
    buf_append(&bad, w.data + starts[2], starts[5] - starts[2]);
    buf_append(&bad, "\0\0\0\0", 4); /* NUL padding is allowed */
    read_bytes(bad.data, bad.len, ".warc.gz", 64u << 20, &res);
    print_results(&res);
    assert_int_equal(res.n_docs, 5);
    assert_int_equal(res.n_errors, 1);
    results_free(&res);
    buf_free(&bad);
    buf_free(&w);
}

static void test_garbage(void **state)
{
    (void)state;
    buf w;
    buf_init(&w);
    srandom(7);
    /* random bytes between records, in the middle of a header, and a file
     * that starts like WARC and is noise after that */
    html_response(&w, 1, -1);
    for (int i = 0; i < 5000; i++)
        buf_putc(&w, (char)(random() & 0xff));
    html_response(&w, 2, -1);
    buf_puts(&w, "WARC/1.1\r\nWARC-Type: resp");
    for (int i = 0; i < 5000; i++)
        buf_putc(&w, (char)(random() & 0xff));
    buf_puts(&w, "\r\n");
    html_response(&w, 3, -1);
    buf_puts(&w, "WARC/1.0\r\nContent-Length: -5\r\n\r\n");
    html_response(&w, 4, -1);
    buf_puts(&w, "WARC/1.0\r\nWARC-Type: response\r\n\r\n"); /* no Content-Length */
    html_response(&w, 5, -1);
    results res;
    read_bytes(w.data, w.len, ".warc", 64u << 20, &res);
    print_results(&res);
    for (int i = 1; i <= 5; i++)
        assert_true(has_doc(&res, i));
    assert_true(res.n_errors >= 3 && res.n_errors <= 6);
    results_free(&res);
    /* a file that ends inside a header */
    w.len = 0;
    html_response(&w, 1, -1);
    buf_puts(&w, "WARC/1.0\r\nWARC-Type: response\r\nContent-Le");
    read_bytes(w.data, w.len, ".warc", 64u << 20, &res);
    assert_int_equal(res.n_docs, 1);
    assert_int_equal(res.n_errors, 1);
    assert_non_null(strstr(res.errors[0], "record 2 at offset"));
    assert_non_null(strstr(res.errors[0], "ends inside the record's header"));
    results_free(&res);
    /* pure noise after a WARC line, plain and gzipped */
    for (int round = 0; round < 20; round++) {
        w.len = 0;
        buf_puts(&w, "WARC/1.0\r\n");
        for (int i = 0; i < 20000; i++)
            buf_putc(&w, (char)(random() & 0xff));
        read_bytes(w.data, w.len, ".warc", 64u << 20, &res);
        assert_int_equal(res.n_docs, 0);
        assert_true(res.n_errors >= 1);
        results_free(&res);
        buf z;
        buf_init(&z);
        gz_member(&z, w.data, w.len);
        for (size_t i = 10; i < z.len; i += 101)
            z.data[i] ^= (char)(random() & 0xff);
        read_bytes(z.data, z.len, ".warc.gz", 64u << 20, &res);
        assert_int_equal(res.n_docs, 0);
        results_free(&res);
        buf_free(&z);
    }
    buf_free(&w);
}

static void test_stream_bounded(void **state)
{
    (void)state;
    /* 3000 small records with a 64 KB limit: the reader's buffers do not
     * grow with the file (each page is read, then its buffers reused) */
    buf w;
    buf_init(&w);
    for (int i = 0; i < 3000; i++) {
        buf rec;
        buf_init(&rec);
        html_response(&rec, i, -1);
        gz_member(&w, rec.data, rec.len);
        buf_free(&rec);
    }
    results res;
    read_bytes(w.data, w.len, ".warc.gz", 65536, &res);
    assert_int_equal(res.n_docs, 3000);
    assert_int_equal(res.n_errors, 0);
    results_free(&res);
    buf_free(&w);
}

int main(void)
{
    assert_int_equal(reel_ctx_new(&g_ctx), 0);
    assert_int_equal(reel_ctx_load_model(g_ctx, NULL), 0);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_and_gz_agree),
        cmocka_unit_test(test_http_encodings),
        cmocka_unit_test(test_charset_from_http),
        cmocka_unit_test(test_lying_content_length),
        cmocka_unit_test(test_huge_declarations),
        cmocka_unit_test(test_body_limits),
        cmocka_unit_test(test_broken_gzip),
        cmocka_unit_test(test_garbage),
        cmocka_unit_test(test_stream_bounded),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    reel_ctx_free(g_ctx);
    return rc;
}
