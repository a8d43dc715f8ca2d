/* read.h — the private seams of the reading stage: the per-format readers
 * read.c dispatches one document to (text.c, html.c), the text decoding
 * html.c shares with text.c, and what the stream readers (reader.c,
 * jsonl.c, warc.c) call in read.c for each document they find.
 */
#ifndef REEL_READ_H
#define REEL_READ_H

#include "../internal.h"

/* text.c: a plain-text article into doc's blocks and metadata. */
int read_text(reel_ctx *ctx, reel_doc *doc, const char *bytes, size_t len);
/* text.c: bytes to valid UTF-8 in `out`: BOM, else valid UTF-8, else
 * Windows-1252 when the invalid bytes are many, else UTF-8 with repairs
 * counted on doc. 0 or REEL_ENOMEM. */
int decode_text(reel_doc *doc, buf *out, const char *s, size_t len);
/* html.c: an HTML page into doc's blocks and metadata; a charset already in
 * doc->encoding (from read_doc) is used before the page's own <meta>
 * declaration. `owned` (NULL when the bytes are borrowed) is the malloc'd
 * buffer `bytes` lies in, handed over: read_html frees it and sets it NULL
 * as soon as the parser has its own copy, so a big page is not held twice. */
int read_html(reel_ctx *ctx, reel_doc *doc, const char *bytes, size_t len, char **owned);

/* read.c: reel_read with the charset a transport gave (HTTP Content-Type in
 * a WARC record; NULL when none): for HTML it outranks the page's
 * declaration. *out is the caller's (reel_doc_free); NULL on error. */
int read_doc(reel_ctx *ctx, reel_doc **out, const char *bytes, size_t len,
             const char *source, reel_format format, const char *charset);
/* read.c: read_doc (no transport charset) of a whole malloc'd buffer the
 * caller hands over: *bytes may be freed and set to NULL on the way (HTML
 * does, once parsed); the caller frees it if it is still there. */
int read_owned(reel_ctx *ctx, reel_doc **out, char **bytes, size_t len,
               const char *source, reel_format format);
/* read.c: NUL bytes or many control characters in the first 8 KiB: a binary
 * file, not text or HTML (a UTF-16 BOM is text). */
int read_looks_binary(const char *s, size_t len);

#endif
