/* read.c — format detection and dispatch: bytes in, a document with blocks
 * and page metadata out. Single-document formats (text, HTML) are read here;
 * multi-record streams (JSON lines, WARC) go through reel_reader, whose
 * per-format parts live in read_jsonl.c and read_warc.c.
 */
#include "internal.h"
#include "reader.h"

#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>

const char *reel_format_name(reel_format f)
{
    switch (f) {
    case REEL_FORMAT_TEXT: return "text";
    case REEL_FORMAT_HTML: return "html";
    case REEL_FORMAT_JSONL: return "jsonl";
    case REEL_FORMAT_WARC: return "warc";
    default: return "auto";
    }
}

static int starts_ci(const char *s, size_t len, const char *prefix)
{
    size_t n = strlen(prefix);
    return len >= n && memmem_ci_ascii(s, n, prefix) == s;
}

reel_format reel_format_detect(const char *bytes, size_t len)
{
    if (len >= 2 && (unsigned char)bytes[0] == 0x1f && (unsigned char)bytes[1] == 0x8b)
        return REEL_FORMAT_WARC; /* gzip: WARC.gz is the gzip we read */
    size_t i = 0;
    if (len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0) i = 3;
    while (i < len && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\r' ||
                       bytes[i] == '\n'))
        i++;
    const char *s = bytes + i;
    size_t n = len - i;
    if (starts_ci(s, n, "WARC/")) return REEL_FORMAT_WARC;
    if (n && s[0] == '{') return REEL_FORMAT_JSONL;
    if (n && s[0] == '<') {
        static const char *tags[] = {"<!doctype", "<html", "<head", "<body", "<!--",
                                     "<meta", "<div", "<p", "<article", "<title",
                                     "<?xml", "<h1", "<section", "<main", "<span",
                                     "<table", "<link", "<script", "<a "};
        for (size_t k = 0; k < sizeof tags / sizeof *tags; k++)
            if (starts_ci(s, n, tags[k])) return REEL_FORMAT_HTML;
    }
    /* HTML without a leading tag: look for structural tags early on */
    size_t probe = n < 4096 ? n : 4096;
    if (memmem_ci_ascii(s, probe, "<html") || memmem_ci_ascii(s, probe, "<body") ||
        memmem_ci_ascii(s, probe, "<p>") || memmem_ci_ascii(s, probe, "</div>"))
        return REEL_FORMAT_HTML;
    return REEL_FORMAT_TEXT;
}

/* Text or not: NUL bytes or many control characters in the first 8 KiB
 * mean a binary file; that file (only) is an error. */
static int looks_binary(const char *s, size_t len)
{
    size_t probe = len < 8192 ? len : 8192, ctl = 0;
    if (probe >= 2 && ((unsigned char)s[0] == 0xFF || (unsigned char)s[0] == 0xFE) &&
        ((unsigned char)s[1] == 0xFE || (unsigned char)s[1] == 0xFF))
        return 0; /* UTF-16 BOM: text, handled by the readers */
    for (size_t i = 0; i < probe; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == 0) return 1;
        if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') ctl++;
    }
    return ctl * 20 > probe;
}

int reel_read(reel_doc **out, reel_ctx *ctx, const char *bytes, size_t len,
              const char *source, reel_format format)
{
    return read_doc(ctx, out, bytes, len, source, format, NULL);
}

int read_doc(reel_ctx *ctx, reel_doc **out, const char *bytes, size_t len,
             const char *source, reel_format format, const char *charset)
{
    int rc = REEL_OK;
    reel_doc *doc = NULL;
    *out = NULL;
    if (!source) source = "-";
    if (len > ctx->max_input) {
        rc = reel_error(ctx, REEL_ETOOBIG, "%s: %zu bytes is over the limit of %zu",
                        source, len, ctx->max_input);
        goto done;
    }
    if (len == 0) {
        rc = reel_error(ctx, REEL_EFORMAT, "%s: empty file", source);
        goto done;
    }
    if (format == REEL_FORMAT_AUTO) format = reel_format_detect(bytes, len);
    if (format == REEL_FORMAT_JSONL || format == REEL_FORMAT_WARC) {
        rc = reel_error(ctx, REEL_EINVAL,
                        "%s: %s holds many articles; read it with reel_reader", source,
                        reel_format_name(format));
        goto done;
    }
    if (looks_binary(bytes, len)) {
        rc = reel_error(ctx, REEL_EFORMAT, "%s: binary data, not text or HTML", source);
        goto done;
    }
    unsigned oom0 = oom_mark(); /* an allocation failed on the way is an error */
    doc = doc_new();
    if (!doc) {
        rc = reel_error(ctx, REEL_ENOMEM, "%s: out of memory", source);
        goto done;
    }
    doc->format = format;
    doc->source = arena_strdup(doc->arena, source);
    if (sha256_hex(bytes, len, doc->sha256)) {
        rc = reel_error(ctx, REEL_ENOMEM, "%s: out of memory", source);
        goto done;
    }
    if (charset && *charset && format == REEL_FORMAT_HTML &&
        !(doc->encoding = arena_strdup(doc->arena, charset))) {
        rc = reel_error(ctx, REEL_ENOMEM, "%s: out of memory", source);
        goto done;
    }
    rc = format == REEL_FORMAT_HTML ? read_html(ctx, doc, bytes, len)
                                    : read_text(ctx, doc, bytes, len);
    if (rc) goto done;
    if (oom_since(oom0)) {
        rc = reel_error(ctx, REEL_ENOMEM, "%s: out of memory", source);
        goto done;
    }
    if (doc->n_blocks == 0) {
        rc = reel_error(ctx, REEL_EFORMAT, "%s: no text in it", source);
        goto done;
    }
done:
    if (rc) {
        reel_doc_free(doc);
        doc = NULL;
    }
    *out = doc;
    return rc;
}

int reel_process(reel_doc **out, reel_ctx *ctx, const char *bytes, size_t len,
                 const char *source, reel_format format)
{
    reel_doc *doc = NULL;
    int rc = reel_read(&doc, ctx, bytes, len, source, format);
    if (rc == 0) rc = reel_clean(ctx, doc);
    if (rc == 0) rc = reel_segment(ctx, doc);
    if (rc == 0) rc = reel_analyze(ctx, doc);
    if (rc) {
        reel_doc_free(doc);
        doc = NULL;
    }
    *out = doc;
    return rc;
}

/* ---------------- reader over files and streams ---------------- */

/* Read all of `f` up to `limit` bytes; REEL_ETOOBIG past it. */
int read_all(FILE *f, size_t limit, char **out, size_t *out_len)
{
    buf b;
    buf_init(&b);
    char tmp[65536];
    size_t n;
    *out = NULL;
    *out_len = 0;
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0) {
        if (b.len + n > limit) {
            buf_free(&b);
            return REEL_ETOOBIG;
        }
        if (buf_append(&b, tmp, n)) {
            buf_free(&b);
            return REEL_ENOMEM;
        }
    }
    if (ferror(f)) {
        buf_free(&b);
        return REEL_EIO;
    }
    *out_len = b.len;
    *out = buf_detach(&b);
    return *out ? 0 : REEL_ENOMEM;
}

static int single_next(reel_reader *r, reel_doc **out)
{
    *out = NULL;
    if (r->done) return REEL_EDONE;
    r->done = 1;
    int rc = reel_read(out, r->ctx, r->data, r->len, r->path, r->format);
    /* the document holds what it needs: the bytes go before it is analysed */
    free(r->data);
    r->data = NULL;
    return rc;
}

/* The peeked bytes and the rest of the stream, in one buffer sized from
 * the file's length when it has one (`size`, else 0), so a big page is
 * held once rather than grown, copied and joined. */
static int read_single(reel_reader *r, size_t size)
{
    size_t limit = r->ctx->max_input;
    buf b;
    buf_init(&b);
    if (buf_reserve(&b, (size < limit ? size : limit) + 1) ||
        buf_append(&b, r->peek, r->peek_len))
        goto oom;
    for (;;) {
        if (b.cap - b.len < 2 && buf_reserve(&b, 65536)) goto oom;
        size_t n = fread(b.data + b.len, 1, b.cap - b.len - 1, r->file);
        b.len += n;
        if (b.len > limit) {
            buf_free(&b);
            return reel_error(r->ctx, REEL_ETOOBIG,
                              "%s: over the size limit of %zu bytes", r->path, limit);
        }
        if (n == 0) break;
    }
    if (ferror(r->file)) {
        buf_free(&b);
        return reel_error(r->ctx, REEL_EIO, "%s: cannot read: %s", r->path,
                          strerror(errno));
    }
    b.data[b.len] = 0;
    r->len = b.len;
    r->data = b.data;
    r->single = 1;
    return 0;
oom:
    buf_free(&b);
    return reel_error(r->ctx, REEL_ENOMEM, "%s: out of memory", r->path);
}

int reel_reader_open(reel_reader **out, reel_ctx *ctx, const char *path)
{
    int rc = REEL_OK;
    reel_reader *r = calloc(1, sizeof *r);
    *out = NULL;
    if (!r) return reel_error(ctx, REEL_ENOMEM, "%s: out of memory", path);
    r->ctx = ctx;
    r->path = strdup(path);
    if (!r->path) {
        rc = reel_error(ctx, REEL_ENOMEM, "%s: out of memory", path);
        goto done;
    }
    int is_stdin = strcmp(path, "-") == 0;
    if (!is_stdin) {
        struct stat st;
        if (stat(path, &st) != 0) {
            rc = reel_error(ctx, errno == ENOENT ? REEL_ENOTFOUND : REEL_EIO,
                            "%s: %s", path, strerror(errno));
            goto done;
        }
        if (S_ISDIR(st.st_mode)) {
            rc = reel_error(ctx, REEL_EINVAL, "%s: is a directory", path);
            goto done;
        }
        r->file = fopen(path, "rb");
        if (!r->file) {
            rc = reel_error(ctx, REEL_EIO, "%s: cannot open: %s", path, strerror(errno));
            goto done;
        }
        r->own_file = 1;
    } else {
        r->file = stdin;
    }
    /* peek to decide the format without consuming the stream */
    size_t got = fread(r->peek, 1, sizeof r->peek, r->file);
    r->peek_len = got;
    if (got == 0 && ferror(r->file)) {
        rc = reel_error(ctx, REEL_EIO, "%s: cannot read: %s", path, strerror(errno));
        goto done;
    }
    r->format = reel_format_detect(r->peek, got);
    /* binary data is refused whatever its first byte looks like ("{" of a
     * JSON line, "<" of a page); WARC (plain or gzip) carries binary
     * payloads and is read record by record */
    if (r->format != REEL_FORMAT_WARC && looks_binary(r->peek, got)) {
        rc = reel_error(ctx, REEL_EFORMAT, "%s: binary data, not text or HTML", path);
        goto done;
    }
    if (r->format == REEL_FORMAT_JSONL) {
        rc = reader_jsonl_init(r);
    } else if (r->format == REEL_FORMAT_WARC) {
        rc = reader_warc_init(r);
    } else {
        /* a single document: read the rest, bounded by the size limit */
        struct stat st;
        size_t size = !is_stdin && fstat(fileno(r->file), &st) == 0 && S_ISREG(st.st_mode)
                          ? (size_t)st.st_size
                          : 0;
        if ((rc = read_single(r, size))) goto done;
        r->next = single_next;
    }
done:
    if (rc) {
        reel_reader_free(r);
        r = NULL;
    }
    *out = r;
    return rc;
}

int reel_reader_next(reel_doc **out, reel_reader *r)
{
    *out = NULL;
    return r->next(r, out);
}

size_t reel_reader_skipped(const reel_reader *r) { return r ? r->skipped : 0; }

uint64_t reel_reader_offset(const reel_reader *r)
{
    if (!r) return 0;
    if (r->single) return r->done ? (uint64_t)r->len : 0; /* one document, read whole */
    if (!r->file) return 0;
    off_t at = ftello(r->file);
    return at > 0 ? (uint64_t)at : 0; /* a pipe has no offset */
}

void reel_reader_free(reel_reader *r)
{
    if (!r) return;
    if (r->impl_free) r->impl_free(r->impl);
    if (r->own_file && r->file) fclose(r->file);
    free(r->data);
    free(r->path);
    free(r);
}
