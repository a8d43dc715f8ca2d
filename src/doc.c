/* doc.c — the document every stage shares: creation, blocks, freeing.
 * A document owns one arena; every string and array hanging off it lives
 * there, so freeing the document is one call and no analyzer can leak.
 */
#include "internal.h"

reel_doc *doc_new(void)
{
    reel_doc *d = calloc(1, sizeof *d);
    if (!d) return NULL;
    d->arena = arena_new();
    if (!d->arena) {
        free(d);
        return NULL;
    }
    return d;
}

/* The texts of the blocks past the budget, and their link characters. */
struct reel_overflow {
    buf text;
    double links;
};

void doc_overflow_free(reel_doc *doc)
{
    if (!doc->overflow) return;
    buf_free(&doc->overflow->text);
    free(doc->overflow);
    doc->overflow = NULL;
}

void reel_doc_free(reel_doc *doc)
{
    if (!doc) return;
    doc_overflow_free(doc);
    free(doc->blocks);
    free(doc->sentences);
    free(doc->tokens);
    arena_free(doc->block_arena);
    arena_free(doc->arena);
    free(doc);
}

/* Collapse every run of white space (including NBSP and zero-width space)
 * into one ASCII space and trim, writing into `out`. */
static void squeeze_space(buf *out, const char *s, size_t len)
{
    size_t i = 0;
    int pending = 0;
    while (i < len) {
        size_t start = i;
        unsigned char c = (unsigned char)s[i];
        int32_t cp = c < 0x80 ? (i++, c) : utf8_next(s, len, &i);
        if (cp == 0x200B || cp == 0xFEFF || cp == 0x00AD) continue; /* invisible */
        if (cp >= 0 && (uc_is_space(cp) || cp == 0)) {
            pending = out->len > 0;
            continue;
        }
        if (cp >= 0 && cp < 0x20) continue; /* other control characters */
        if (cp >= 0x7F && cp < 0xA0) continue;
        if (pending) buf_putc(out, ' ');
        pending = 0;
        buf_append(out, s + start, i - start);
    }
}

/* Quick check: text made only of code points below U+0300 (no combining
 * marks there, none that NFC changes) and of common punctuation (dashes,
 * quotes, ellipsis, euro sign) is already NFC, so utf8proc can be skipped
 * for most blocks of most pages. */
static int nfc_already(const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        int32_t cp = utf8_next(s, len, &i);
        if (cp >= 0 && cp < 0x300) continue;
        if ((cp >= 0x2010 && cp <= 0x2027) || (cp >= 0x2030 && cp <= 0x205E) ||
            cp == 0x20AC)
            continue;
        return 0;
    }
    return 1;
}

/* Room for one more block (the array grows 64 at a time): 1, or 0 when
 * memory runs out. */
static int block_slot(reel_doc *doc)
{
    if (doc->n_blocks % 64) return 1;
    reel_block *nb = realloc(doc->blocks, (doc->n_blocks + 64) * sizeof *nb);
    if (!nb) return 0;
    doc->blocks = nb;
    return 1;
}

int doc_add_block(reel_doc *doc, reel_block_kind kind, int level, const char *text,
                  size_t len, double link_density)
{
    int rc = REEL_OK;
    buf sq;
    buf_init(&sq);
    char *nfc = NULL;
    squeeze_space(&sq, text, len);
    if (sq.oom) {
        rc = REEL_ENOMEM;
        goto done;
    }
    if (sq.len == 0) goto done;
    size_t nlen = sq.len;
    const char *norm = sq.data;
    if (!nfc_already(sq.data, sq.len)) {
        nfc = utf8_nfc(sq.data, sq.len, &nlen);
        if (!nfc) {
            rc = REEL_ENOMEM;
            goto done;
        }
        norm = nfc;
    }
    if (doc->max_blocks && doc->n_blocks + 1 >= doc->max_blocks) {
        reel_block as = {.kind = kind, .level = level, .link_density = link_density,
                         .text = (char *)norm, .len = nlen};
        if (clean_block_reason(&as)) goto done; /* menus and the like */
        if (!doc->overflow && !(doc->overflow = calloc(1, sizeof *doc->overflow))) {
            rc = REEL_ENOMEM;
            goto done;
        }
        buf *o = &doc->overflow->text;
        if (o->len) buf_append(o, "\n\n", 2);
        buf_append(o, norm, nlen);
        doc->overflow->links += link_density * (double)nlen;
        if (o->oom) rc = REEL_ENOMEM;
        goto done;
    }
    if (!block_slot(doc)) {
        rc = REEL_ENOMEM;
        goto done;
    }
    if (!doc->block_arena && !(doc->block_arena = arena_new())) {
        rc = REEL_ENOMEM;
        goto done;
    }
    reel_block *b = &doc->blocks[doc->n_blocks];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    b->level = level;
    b->link_density = link_density;
    b->text = arena_strndup(doc->block_arena, norm, nlen);
    b->len = nlen;
    if (!b->text) {
        rc = REEL_ENOMEM;
        goto done;
    }
    doc->n_blocks++;
done:
    free(nfc);
    buf_free(&sq);
    return rc;
}

int doc_end_blocks(reel_doc *doc)
{
    if (!doc->overflow || !doc->overflow->text.len) return REEL_OK;
    if (!block_slot(doc)) return REEL_ENOMEM;
    /* the block's text is the overflow's buffer, freed with it once the
     * clean text holds a copy: a huge tail is not copied twice */
    buf *o = &doc->overflow->text;
    reel_block *b = &doc->blocks[doc->n_blocks++];
    memset(b, 0, sizeof *b);
    b->kind = REEL_BLOCK_PARAGRAPH;
    b->link_density = doc->overflow->links / (double)o->len;
    b->text = o->data;
    b->len = o->len;
    return REEL_OK;
}
