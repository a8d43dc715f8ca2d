/* internal.h — private helpers shared by the library's stages: the context
 * (context.c), errors (error.c), the arena and buffers (buf.c), UTF-8
 * (utf8.c), ASCII matching (ascii.c), hashes (hash.h), and the stages.
 * Nothing here is exported; the public API is include/reel.h.
 */
#ifndef REEL_INTERNAL_H
#define REEL_INTERNAL_H

#define REEL_BUILDING 1
#include "reel.h"

#include "hash.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct reel_model; /* sentiment.c */

struct reel_ctx {
    char errmsg[1024];
    size_t max_input;
    struct reel_model *model;
    char *model_path;
    /* reel_ctx_new's promise: the default model ($REEL_MODEL, else the
     * installed one) is looked for on the first prediction (model_ensure),
     * so a context that only reads stores or parses scores does no model
     * I/O. Cleared by any explicit choice (reel_ctx_load_model, with a
     * path or NULL for none). */
    unsigned model_lazy : 1;
    /* the default was looked for and none found: records say so
     * (not_analysed), never a made-up verdict */
    unsigned model_missing : 1;
    struct reel_langid *langid; /* language fingerprints; NULL: not detected */
};

/* Load the default model if the context still promises one (model_lazy):
 * 0 when a model is loaded or none was found (model_missing), else the
 * error of a model that is there but unreadable (model_default.c). */
int model_ensure(reel_ctx *ctx);

/* Allocation failures noted on this thread (jansson's, an arena's, or
 * one a step noted with oom_note): a step takes oom_mark() before its work
 * and asks oom_since(mark) after, so an allocation whose NULL was absorbed
 * on the way (a record or report short of a part, a title that fell back
 * to another) makes it fail with REEL_ENOMEM rather than give a different
 * answer. A count, not a flag, so steps may nest. */
unsigned oom_mark(void);
/* json_string_value that never gives NULL (""), for objects a failed
 * allocation may have left short of a member (oom_since reports it). */
#define json_str0(v) (json_string_value(v) ? json_string_value(v) : "")
int oom_since(unsigned mark);
void oom_note(void);
/* Count jansson's failed allocations too (once per process, and only over
 * jansson's own allocator: a host's is left alone). reel_ctx_new calls it. */
void oom_watch_jansson(void);

/* JSON output flags: compact, and reals with 12 significant digits, so a
 * rounded 81.4 is written "81.4", not "81.400000000000006". */
#define REEL_JSON_FLAGS (JSON_COMPACT | JSON_REAL_PRECISION(12))

/* ---- arena: many small allocations freed at once with the document ---- */
typedef struct reel_arena reel_arena;
reel_arena *arena_new(void);
void arena_free(reel_arena *a);
void *arena_alloc(reel_arena *a, size_t n); /* zeroed, aligned */
char *arena_strndup(reel_arena *a, const char *s, size_t n);
char *arena_strdup(reel_arena *a, const char *s); /* NULL-safe */

/* ---- growable byte buffer (malloc'd) ---- */
typedef struct {
    char *data;
    size_t len, cap;
    int oom; /* set once an append failed; later appends are no-ops */
} buf;
void buf_init(buf *b);
void buf_free(buf *b);
int buf_reserve(buf *b, size_t extra);
int buf_append(buf *b, const char *s, size_t n);
int buf_puts(buf *b, const char *s);
int buf_putc(buf *b, char c);
int buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Take ownership of the NUL-terminated contents; the buffer is reset. */
char *buf_detach(buf *b);
/* A whole file, NUL-terminated (its length in *len, may be NULL); NULL
 * when it cannot be read or memory runs out. The caller frees it. */
char *file_slurp(const char *path, size_t *len);

/* ---- growable array of fixed-size items (malloc'd) ---- */
typedef struct {
    void *items;
    size_t n, cap, size;
} vec;
void vec_init(vec *v, size_t item_size);
void vec_free(vec *v);
void *vec_push(vec *v); /* zeroed new slot or NULL */

/* ---- UTF-8 ---- */
/* Decode one code point at s[*i] (advancing *i); invalid bytes give -1 and
 * advance by one. */
int32_t utf8_next(const char *s, size_t len, size_t *i);
/* Encode cp into out (4 bytes room); returns bytes written. */
int utf8_put(char *out, int32_t cp);
/* Is s[0..len) valid UTF-8? */
int utf8_valid(const char *s, size_t len);
/* Copy to valid UTF-8 in `out`, replacing each invalid sequence with U+FFFD;
 * returns the number replaced. */
size_t utf8_repair(buf *out, const char *s, size_t len);
/* escape.c: src as one printable line in dst (n bytes, NUL included):
 * control characters, C1 controls, bidi overrides and invalid UTF-8 as
 * \n, \x1b, \u202e escapes; cut at a character boundary. Returns the
 * length written. */
size_t text_escape(char *dst, size_t n, const char *src);
/* Windows-1252 to UTF-8. */
void cp1252_to_utf8(buf *out, const char *s, size_t len);
/* NFC-normalise UTF-8 (utf8proc). malloc'd result or NULL. */
char *utf8_nfc(const char *s, size_t len, size_t *out_len);

/* Unicode classes through utf8proc. */
int uc_is_letter(int32_t cp);
int uc_is_upper(int32_t cp);
int uc_is_digit(int32_t cp);
int uc_is_space(int32_t cp);
int uc_is_punct(int32_t cp);

/* ---- ASCII case-insensitive matching (ascii.c) ---- */
int str_iequal_ascii(const char *a, const char *b);
const char *memmem_ci_ascii(const char *hay, size_t hlen, const char *needle);

/* ---- stages (implemented in their own files) ---- */
reel_doc *doc_new(void);
/* The budget of sentences and of blocks of one document: REEL_SEG_BASE of
 * each, and one more for every REEL_SEG_BYTES of it. Real articles have a
 * few hundred; a text of one short sentence a paragraph ("It is good.")
 * has one of each every 13 bytes, and each costs 40-64 bytes in memory,
 * as much again in the record and some 600 in a parsed record (what the
 * store reads: docs/formats.md). */
#ifndef REEL_SEG_BASE /* the fuzz build sets small ones */
#define REEL_SEG_BASE 16384
#define REEL_SEG_BYTES 1024
#endif
/* The budget of tokens: REEL_TOK_BASE, and one more for every
 * REEL_TOK_BYTES of clean text. Prose has one every 5 or 6 bytes; a token
 * costs 12 bytes, and as much again in the facts analyzer, so a text of
 * one-letter words or of punctuation alone would take 12-25 times its
 * size. Past the budget the text is kept but not read (reel_segment; the
 * record's not_analysed says from which byte). */
#ifndef REEL_TOK_BASE
#define REEL_TOK_BASE 65536
#endif
#define REEL_TOK_BYTES 4
/* Add a block to a document under construction (text copied, NFC). Past
 * doc->max_blocks - 1 blocks, each further block's text is kept for one
 * last block (a paragraph, the texts joined by a blank line, as the clean
 * text joins blocks), which doc_end_blocks adds; one that reel_clean would
 * drop by itself (clean_block_reason) goes unrecorded. */
int doc_add_block(reel_doc *doc, reel_block_kind kind, int level, const char *text,
                  size_t len, double link_density);
/* clean.c: why a block is boilerplate by itself (its words, kind and link
 * density), or NULL if it reads as article text. */
const char *clean_block_reason(const reel_block *b);
/* Add the last block of the texts past the budget, if any; 0 or REEL_ENOMEM. */
int doc_end_blocks(reel_doc *doc);
/* Free what doc_end_blocks handed to the last block (reel_clean, once the
 * clean text holds it). */
void doc_overflow_free(reel_doc *doc);

/* Analyzers (src/analyze/). Each fills its part of the document. */
int analyze_kind(reel_ctx *ctx, reel_doc *doc);
int analyze_subject(reel_ctx *ctx, reel_doc *doc);
int analyze_score(reel_ctx *ctx, reel_doc *doc);
int analyze_sentiment(reel_ctx *ctx, reel_doc *doc);
int analyze_facts(reel_ctx *ctx, reel_doc *doc);
int analyze_quotes(reel_ctx *ctx, reel_doc *doc);

/* record.c: a non-review's tone, {"label", "prob_positive"}, as a new
 * JSON reference (jansson's json_t). */
struct json_t *record_tone(double prob_positive);
/* record.c: a document's record (docs/record.md) as a new JSON object,
 * its text included when with_text; NULL when memory runs out. */
struct json_t *record_build(const reel_doc *d, int with_text);

/* Parts of a film report built beside aggregate.c, over the report's
 * articles `arts` (records by id) in the order of ids[0..n): pull quotes
 * and consensus (quotes.c), the reconciled facts (reconcile.c). 0 or a
 * negative REEL_E code. */
int reception_extras(struct json_t *report, struct json_t *arts, const char **ids, size_t n);
int facts_reconcile(struct json_t *report, struct json_t *arts, const char **ids, size_t n);

/* language.c: fingerprints read once per context (NULL when the packaged
 * data is missing: languages are then not detected), the document's language
 * into doc->language, whether the English-only analyzers may run on it, and
 * the record's note of what was not analysed (NULL when everything ran). */
typedef struct reel_langid reel_langid;
reel_langid *langid_load(void);
void langid_free(reel_langid *l);
int analyze_language(reel_ctx *ctx, reel_doc *doc);
int language_is_english(const reel_doc *doc);
void language_skip_english(reel_doc *doc);
struct json_t *language_not_analysed(const reel_doc *doc);

/* Date parsing: recognise a date in free text and write ISO 8601
 * (YYYY-MM-DD, or YYYY-MM / YYYY when partial) into out[11]. Returns the
 * number of bytes of `s` it consumed, 0 if no date starts at s. */
size_t date_parse(const char *s, size_t len, char out[11]);
/* A date a timeline can place: "YYYY", "YYYY-MM" or "YYYY-MM-DD" at its
 * start (a time may follow); NULL and "--01-21" (no year) are not. */
int date_placeable(const char *date);

#endif
