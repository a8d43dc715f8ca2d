/* reader.c — reel_reader, the iterator over a file or stream: it peeks at
 * the first bytes to decide the format, then hands a single document
 * (text, HTML) to read.c (handing its bytes over), or the stream to the multi-record
 * readers (jsonl.c, warc.c), which read each record through read.c in turn.
 */
#include "reader.h"
#include "../internal.h"
#include "read.h"

#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>

static int single_next(reel_reader *r, reel_doc **out)
{
    *out = NULL;
    if (r->done) return REEL_EDONE;
    r->done = 1;
    /* the bytes are handed over: a page's go as soon as libxml2 holds its
     * copy; what is left goes before the document is analysed */
    int rc = read_owned(r->ctx, out, &r->data, r->len, r->path, r->format);
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
            rc = reel_error(ctx, errno == ENOENT ? REEL_ENOTFOUND : REEL_EIO, "%s: %s",
                            path, strerror(errno));
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
    if (r->format != REEL_FORMAT_WARC && read_looks_binary(r->peek, got)) {
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

size_t reel_reader_skipped(const reel_reader *r)
{
    return r ? r->skipped : 0;
}

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
