/* read.c — format detection and dispatch: bytes in, a document with blocks
 * and page metadata out. One document (text, HTML) is read here; streams of
 * many (JSON lines, WARC) go through reel_reader (reader.c), whose
 * per-format parts (jsonl.c, warc.c) read each record through here.
 */
#include "read.h"
#include "../internal.h"

const char *reel_format_name(reel_format f)
{
    switch (f) {
    case REEL_FORMAT_TEXT:
        return "text";
    case REEL_FORMAT_HTML:
        return "html";
    case REEL_FORMAT_JSONL:
        return "jsonl";
    case REEL_FORMAT_WARC:
        return "warc";
    default:
        return "auto";
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
    while (i < len &&
           (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\r' || bytes[i] == '\n'))
        i++;
    const char *s = bytes + i;
    size_t n = len - i;
    if (starts_ci(s, n, "WARC/")) return REEL_FORMAT_WARC;
    if (n && s[0] == '{') return REEL_FORMAT_JSONL;
    if (n && s[0] == '<') {
        static const char *tags[] = {
            "<!doctype", "<html",    "<head",  "<body",   "<!--", "<meta",    "<div",
            "<p",        "<article", "<title", "<?xml",   "<h1",  "<section", "<main",
            "<span",     "<table",   "<link",  "<script", "<a "};
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
int read_looks_binary(const char *s, size_t len)
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

static int read_any(reel_ctx *ctx, reel_doc **out, const char *bytes, size_t len,
                    const char *source, reel_format format, const char *charset,
                    char **owned);

int read_doc(reel_ctx *ctx, reel_doc **out, const char *bytes, size_t len,
             const char *source, reel_format format, const char *charset)
{
    return read_any(ctx, out, bytes, len, source, format, charset, NULL);
}

int read_owned(reel_ctx *ctx, reel_doc **out, char **bytes, size_t len,
               const char *source, reel_format format)
{
    return read_any(ctx, out, *bytes, len, source, format, NULL, bytes);
}

/* One document from bytes; `owned` as read_html takes it: nothing here
 * reads `bytes` after the format's reader is called. */
static int read_any(reel_ctx *ctx, reel_doc **out, const char *bytes, size_t len,
                    const char *source, reel_format format, const char *charset,
                    char **owned)
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
    if (read_looks_binary(bytes, len)) {
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
    doc->max_blocks = REEL_SEG_BASE + len / REEL_SEG_BYTES;
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
    rc = format == REEL_FORMAT_HTML ? read_html(ctx, doc, bytes, len, owned)
                                    : read_text(ctx, doc, bytes, len);
    if (rc == 0 && doc_end_blocks(doc)) rc = reel_error(ctx, REEL_ENOMEM, "%s: out of memory", source);
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
