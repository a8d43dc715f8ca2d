/* reader.h — the private shape of reel_reader, shared by reader.c (files,
 * single documents) and the multi-record stream readers (jsonl.c,
 * warc.c). A stream reader sets `next`, `impl` and `impl_free`.
 */
#ifndef REEL_READER_H
#define REEL_READER_H

#include "../internal.h"
#include <stdio.h>

struct reel_reader {
    reel_ctx *ctx;
    char *path;
    FILE *file;
    int own_file;
    reel_format format;
    /* the first bytes, read to detect the format; stream readers consume
     * them before reading on from `file` */
    char peek[4096];
    size_t peek_len;
    /* single-document formats: the whole input (freed once read) */
    char *data;
    size_t len;
    int single;
    int done;
    size_t skipped;   /* records passed over (non-HTML WARC records, ...) */
    size_t record_no; /* 1-based number of the record last returned */
    int (*next)(reel_reader *r, reel_doc **out);
    void *impl;
    void (*impl_free)(void *impl);
};

/* Make r, opened and peeked by reader.c, read its stream as JSON lines
 * (jsonl.c) or WARC records (warc.c): 0, or a negative code with the
 * message on r->ctx. */
int reader_jsonl_init(reel_reader *r);
int reader_warc_init(reel_reader *r);

#endif
