/* warc_http.h — the HTTP message inside a WARC `response` record: status
 * line and the headers reel needs, and the decoding of the stored body
 * (chunked transfer-encoding, gzip/deflate content-encoding) to the page's
 * bytes. Private to warc.c; separate because it is a second format.
 */
#ifndef REEL_WARC_HTTP_H
#define REEL_WARC_HTTP_H

#include "../internal.h"

typedef struct {
    int status;                 /* 200, 404, ...; 0 before the status line */
    char media_type[96];        /* lower-cased "text/html", "" when absent */
    char charset[48];           /* Content-Type's charset parameter, "" if none */
    char transfer_encoding[64]; /* lower-cased header value */
    char content_encoding[64];
} warc_http;

/* Parse "HTTP/1.1 200 OK" (no line end). 0, or -1 when it is not one. */
int warc_http_status(warc_http *h, const char *line);
/* Take one header line ("Name: value", no line end) if reel needs it. */
void warc_http_header(warc_http *h, const char *line);
/* Split a Content-Type value into its lower-cased media type and charset. */
void warc_content_type(const char *value, char *media, size_t media_sz, char *charset,
                       size_t charset_sz);
/* Is this media type an HTML page? */
int warc_media_is_html(const char *media);
/* Decode `body` in place to the page's bytes: chunked transfer-encoding
 * (left as is when the body is not chunked: some crawlers store it
 * decoded), then the content-encodings. `tmp` is scratch. The decoded body
 * never exceeds `limit` (REEL_ETOOBIG). REEL_EFORMAT with *why set when an
 * encoding is unknown or its data is broken. */
int warc_http_decode(const warc_http *h, buf *body, buf *tmp, size_t limit,
                     const char **why);

#endif
