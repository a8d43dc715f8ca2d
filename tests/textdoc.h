/* textdoc.h — build a segmented reel_doc straight from plain text, for tests
 * and fuzz targets of one analyzer: blocks are the paragraphs between blank
 * lines, sentences are lines. No reader, cleaner or segmenter is involved, so
 * an analyzer's test fails only for the analyzer's own faults.
 */
#ifndef REEL_TEXTDOC_H
#define REEL_TEXTDOC_H

#include "internal.h"

/* Fill *doc (caller-owned, e.g. on the stack) from text[0..len); everything
 * is allocated in a fresh arena freed by textdoc_free. 0 or REEL_ENOMEM. */
static inline int textdoc_init(reel_doc *doc, const char *text, size_t len)
{
    memset(doc, 0, sizeof *doc);
    doc->arena = arena_new();
    if (!doc->arena) return REEL_ENOMEM;
    doc->text = arena_strndup(doc->arena, text, len);
    if (!doc->text) return REEL_ENOMEM;
    doc->text_len = len;
    size_t nb = 1, nl = 1;
    for (size_t i = 0; i + 1 < len; i++)
        if (text[i] == '\n' && text[i + 1] == '\n') nb++;
    for (size_t i = 0; i < len; i++)
        if (text[i] == '\n') nl++;
    doc->blocks = arena_alloc(doc->arena, nb * sizeof *doc->blocks);
    doc->sentences = arena_alloc(doc->arena, nl * sizeof *doc->sentences);
    if (!doc->blocks || !doc->sentences) return REEL_ENOMEM;
    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && text[i] != '\n') continue;
        if (i > start) {
            reel_sentence *s = &doc->sentences[doc->n_sentences++];
            s->span.start = start;
            s->span.end = i;
            s->polarity = -1;
        }
        start = i + 1;
    }
    start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && !(text[i] == '\n' && i + 1 < len && text[i + 1] == '\n')) continue;
        if (i > start) {
            reel_block *b = &doc->blocks[doc->n_blocks++];
            b->kind = REEL_BLOCK_PARAGRAPH;
            b->text = doc->text + start;
            b->len = i - start;
            b->span.start = start;
            b->span.end = i;
        }
        start = i + 2;
        i++;
    }
    return REEL_OK;
}

static inline void textdoc_free(reel_doc *doc)
{
    arena_free(doc->arena);
    memset(doc, 0, sizeof *doc);
}

#endif
