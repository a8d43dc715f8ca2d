/* jsonl.c — JSON lines: one article per line (docs/formats.md).
 * Fields: url, title, date, outlet, author, and html or text; optional film,
 * year and score when the source already knows them. Lines are read with a
 * bounded buffer: an over-long or malformed line is an error for that line
 * only, and reading goes on with the next.
 */
#include "jv.h"
#include "reader.h"

#include <jansson.h>

typedef struct {
    buf line;
    size_t peek_pos;
    char chunk[65536]; /* read ahead from the file */
    size_t chunk_pos, chunk_len;
} jsonl_state;

static void jsonl_free(void *p)
{
    jsonl_state *s = p;
    if (!s) return;
    buf_free(&s->line);
    free(s);
}

/* The next unread bytes: the reader's peeked prefix first, then the file
 * a chunk at a time. *n = 0 at the end. */
static const char *next_bytes(reel_reader *r, jsonl_state *s, size_t *n)
{
    if (s->peek_pos < r->peek_len) {
        *n = r->peek_len - s->peek_pos;
        return r->peek + s->peek_pos;
    }
    if (s->chunk_pos == s->chunk_len) {
        s->chunk_pos = 0;
        s->chunk_len = fread(s->chunk, 1, sizeof s->chunk, r->file);
    }
    *n = s->chunk_len - s->chunk_pos;
    return s->chunk + s->chunk_pos;
}

static void consume(reel_reader *r, jsonl_state *s, size_t n)
{
    if (s->peek_pos < r->peek_len)
        s->peek_pos += n;
    else
        s->chunk_pos += n;
}

/* One line into s->line (without the newline). Returns 1 on a line, 0 at the
 * end, REEL_ETOOBIG for a line over the limit (skipped to its end, never
 * held in memory whole). */
static int next_line(reel_reader *r, jsonl_state *s)
{
    s->line.len = 0;
    int too_big = 0, any = 0;
    for (;;) {
        size_t n;
        const char *p = next_bytes(r, s, &n);
        if (n == 0) break;
        any = 1;
        const char *nl = memchr(p, '\n', n);
        size_t take = nl ? (size_t)(nl - p) : n;
        if (!too_big && s->line.len + take > r->ctx->max_input) too_big = 1;
        if (!too_big && buf_append(&s->line, p, take)) return REEL_ENOMEM;
        consume(r, s, nl ? take + 1 : take);
        if (nl) break;
    }
    if (!any) return 0;
    return too_big ? REEL_ETOOBIG : 1;
}

static int set_meta(reel_doc *doc, char **field, const char *v)
{
    if (!v || !*v) return 0;
    *field = arena_strdup(doc->arena, v);
    return *field ? 0 : REEL_ENOMEM;
}

static int jsonl_next(reel_reader *r, reel_doc **out)
{
    jsonl_state *s = r->impl;
    reel_ctx *ctx = r->ctx;
    json_t *root = NULL;
    int rc;
    char where[64];
    *out = NULL;
    for (;;) {
        rc = next_line(r, s);
        if (rc == 0) return REEL_EDONE;
        r->record_no++;
        snprintf(where, sizeof where, "line %zu", r->record_no);
        if (rc == REEL_ETOOBIG)
            return reel_error(ctx, rc, "%s: %s: over the size limit of %zu bytes",
                              r->path, where, ctx->max_input);
        if (rc < 0) return reel_error(ctx, rc, "%s: %s: out of memory", r->path, where);
        /* blank lines are allowed and passed over */
        size_t k = 0;
        while (k < s->line.len && (s->line.data[k] == ' ' || s->line.data[k] == '\t' ||
                                   s->line.data[k] == '\r'))
            k++;
        if (k < s->line.len) break;
    }
    json_error_t err;
    root = json_loadb(s->line.data, s->line.len, 0, &err);
    if (!root || !json_is_object(root)) {
        rc = reel_error(ctx, REEL_EFORMAT, "%s: line %zu: not a JSON object: %s", r->path,
                        r->record_no, root ? "another JSON value" : err.text);
        goto done;
    }
    const char *html = jv_string(root, "html"), *text = jv_string(root, "text");
    const char *body = html ? html : text;
    if (!body) {
        rc = reel_error(ctx, REEL_EFORMAT, "%s: line %zu: no \"html\" or \"text\" field",
                        r->path, r->record_no);
        goto done;
    }
    const char *url = jv_string(root, "url");
    char source[4096];
    if (url)
        snprintf(source, sizeof source, "%s", url);
    else
        snprintf(source, sizeof source, "%s:%zu", r->path, r->record_no);
    reel_doc *doc = NULL;
    rc = reel_read(&doc, ctx, body, strlen(body), source,
                   html ? REEL_FORMAT_HTML : REEL_FORMAT_TEXT);
    if (rc) {
        /* the message names the URL or line; add the line when it is a URL */
        if (url) {
            char msg[sizeof ctx->errmsg];
            snprintf(msg, sizeof msg, "%s", ctx->errmsg);
            reel_error(ctx, rc, "%s: line %zu: %s", r->path, r->record_no, msg);
        }
        goto done;
    }
    /* metadata the source states wins over what the page suggests */
    if (set_meta(doc, &doc->url, url) ||
        set_meta(doc, &doc->title, jv_string(root, "title")) ||
        set_meta(doc, &doc->date, jv_string(root, "date")) ||
        set_meta(doc, &doc->outlet, jv_string(root, "outlet")) ||
        set_meta(doc, &doc->author, jv_string(root, "author")) ||
        set_meta(doc, &doc->film_hint, jv_string(root, "film")) ||
        set_meta(doc, &doc->score_hint, jv_string(root, "score")) ||
        set_meta(doc, &doc->kind_hint, jv_string(root, "kind"))) {
        reel_doc_free(doc);
        rc = reel_error(ctx, REEL_ENOMEM, "%s: line %zu: out of memory", r->path,
                        r->record_no);
        goto done;
    }
    json_t *year = json_object_get(root, "year");
    if (json_is_integer(year)) doc->year_hint = (int)json_integer_value(year);
    if (json_is_string(year)) doc->year_hint = atoi(json_string_value(year));
    /* the identity of a JSON-lines article is its line, not the whole file */
    if (sha256_hex(s->line.data, s->line.len, doc->sha256)) {
        reel_doc_free(doc);
        rc = reel_error(ctx, REEL_ENOMEM, "%s: line %zu: out of memory", r->path,
                        r->record_no);
        goto done;
    }
    doc->format = REEL_FORMAT_JSONL;
    *out = doc;
done:
    json_decref(root);
    return rc;
}

int reader_jsonl_init(reel_reader *r)
{
    jsonl_state *s = calloc(1, sizeof *s);
    if (!s) return reel_error(r->ctx, REEL_ENOMEM, "%s: out of memory", r->path);
    buf_init(&s->line);
    r->impl = s;
    r->impl_free = jsonl_free;
    r->next = jsonl_next;
    return 0;
}
