/* html.c — HTML pages through libxml2's HTML parser: the page as UTF-8
 * (html_charset.c), lightened (html_lean.c), parsed; its metadata read
 * (html_meta.c); then the tree walked without recursion (pages nest 100,000
 * deep) into blocks with their link density, each flagged with why it is
 * not article text when the body selection (html_body.c) says so.
 */
#include "html.h"
#include "read.h"

#include <libxml/HTMLparser.h>
#include <libxml/globals.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

/* ---------------- tree walk ---------------- */

typedef struct {
    reel_doc *doc;
    const html_select *sel;
    buf text; /* the block being gathered */
    size_t link_chars;
    reel_block_kind kind;
    int level;
    const char *drop; /* why the current subtree is not article text */
    int in_body;      /* how many article roots we are inside */
    int credit;       /* inside a credit box: its items are "Label: value" lines */
    size_t flushes;   /* blocks ended so far: an italic run spans none */
    int rc;
} walker;

static void flush(walker *w)
{
    if (w->rc || w->text.len == 0) {
        w->text.len = 0;
        w->link_chars = 0;
        return;
    }
    double ld = (double)w->link_chars / (double)w->text.len;
    size_t before = w->doc->n_blocks;
    const char *drop = w->drop ? w->drop
                       : html_has_body(w->sel) && !w->in_body ? "outside article"
                                                               : NULL;
    /* past the block budget the kept text goes into one last block
     * (doc_add_block); what would be dropped goes unrecorded */
    int over = w->doc->max_blocks && before + 1 >= w->doc->max_blocks;
    if (!(over && drop))
        w->rc = doc_add_block(w->doc, w->credit ? REEL_BLOCK_LIST_ITEM : w->kind, w->level,
                              w->text.data, w->text.len, ld > 1 ? 1 : ld);
    if (!w->rc && w->doc->n_blocks > before && drop) {
        reel_block *b = &w->doc->blocks[before];
        b->boilerplate = 1;
        b->reason = drop;
    }
    w->text.len = 0;
    w->link_chars = 0;
    w->flushes++;
}

/* Frames of the explicit stack: what to undo when leaving an element. */
typedef struct {
    xmlNode *node;
    unsigned block : 1, drop_set : 1, body_set : 1, link : 1;
    unsigned credit_set : 1, label : 1; /* a credit box; its item's label */
    unsigned italic : 1;                /* <em>, <i>, <cite>: a title, maybe */
    size_t italic_from, italic_flushes; /* where its text starts in the block */
    reel_block_kind prev_kind;
    int prev_level;
    const char *prev_drop; /* what a credit box overrode */
} frame;

/* Subtrees that stay dropped even for a film's credits: hidden ones and
 * readers' comments. */
static int never_text(const char *why)
{
    return why && (!strcmp(why, "hidden") || !strcmp(why, "comments"));
}

/* The end of a credit item's label: "Director" becomes "Director: ". */
static void end_label(buf *t)
{
    size_t n = t->len;
    while (n && t->data[n - 1] == ' ')
        n--;
    if (n && t->data[n - 1] != ':') buf_putc(t, ':');
    buf_putc(t, ' ');
}

/* A value after another in a credit item: "A, B". */
static void next_value(buf *t)
{
    size_t n = t->len;
    while (n && t->data[n - 1] == ' ')
        n--;
    if (n && t->data[n - 1] != ':' && t->data[n - 1] != ',') buf_append(t, ", ", 2);
}

static void leave(walker *w, frame *f, int *in_link)
{
    /* the words of an italic element within one block of article text */
    if (f->italic && f->italic_flushes == w->flushes && w->text.len > f->italic_from &&
        !w->drop && (w->in_body || !html_has_body(w->sel)) && !w->rc)
        w->rc = html_note_italic(w->doc, w->text.data + f->italic_from,
                                 w->text.len - f->italic_from);
    if (f->label) end_label(&w->text);
    if (f->block || f->drop_set || f->body_set || f->credit_set) flush(w);
    if (f->credit_set) {
        w->credit = 0;
        w->drop = f->prev_drop;
    }
    if (f->block) {
        w->kind = f->prev_kind;
        w->level = f->prev_level;
    }
    if (f->drop_set) w->drop = NULL;
    if (f->body_set) w->in_body--;
    if (f->link) (*in_link)--;
}

static int walk(walker *w, xmlNode *root)
{
    vec stack;
    vec_init(&stack, sizeof(frame));
    int in_link = 0;
    xmlNode *n = root;
    while (n && !w->rc) {
        int descend = 0, what, level;
        const char *rating;
        reel_block_kind k;
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            const char *t = (const char *)n->content;
            if (t && *t) {
                size_t tl = strlen(t);
                buf_append(&w->text, t, tl);
                if (in_link) w->link_chars += tl;
            }
        } else if (n->type == XML_ELEMENT_NODE && n->properties &&
                   (rating = html_rating_label(n)) != NULL) {
            /* stars drawn as a picture: the words of its alt or title */
            int body;
            const char *why = html_mark(w->sel, n, &body);
            if ((!why || strcmp(why, "hidden") != 0) && html_rating_glyph(rating)) {
                /* stars one by one: "★★★½", spaced from words only */
                size_t l = w->text.len;
                const char *d = w->text.data;
                int after_star = (l >= 3 && html_rating_glyph(d + l - 3)) ||
                                 (l >= 2 && (unsigned char)d[l - 2] == 0xC2 &&
                                  (unsigned char)d[l - 1] == 0xBD);
                if (l && d[l - 1] != ' ' && !after_star) buf_putc(&w->text, ' ');
                buf_puts(&w->text, rating);
            } else if (!why || strcmp(why, "hidden") != 0) {
                buf_putc(&w->text, ' ');
                buf_puts(&w->text, rating);
                buf_putc(&w->text, ' ');
            }
        } else if (n->type == XML_ELEMENT_NODE &&
                   (what = html_element(w->sel, n, &k, &level)) >= 0) {
            int body = 0;
            frame *f = vec_push(&stack);
            if (!f) {
                w->rc = REEL_ENOMEM;
                break;
            }
            memset(f, 0, sizeof *f);
            f->node = n;
            if (n->name && (n->name[0] == 'b' || n->name[0] == 'B') &&
                (n->name[1] == 'r' || n->name[1] == 'R') && !n->name[2])
                buf_putc(&w->text, ' ');
            const char *why = html_mark(w->sel, n, &body);
            int is_block = what == 1;
            if (!w->credit && what == 1 && !never_text(w->drop) && !never_text(why) &&
                html_credit_box(n)) {
                /* a film's credits are article text wherever the page
                 * puts them, sidebar or not */
                flush(w);
                f->credit_set = 1;
                f->prev_drop = w->drop;
                w->drop = NULL;
                w->credit = 1;
                why = NULL;
                body = 1;
            } else if (w->credit) {
                enum html_tag t = html_tag_of(n);
                if (!never_text(why)) why = NULL;
                if (t == T_DT || t == T_TR) flush(w);
                if (t == T_DD || (t == T_TD && w->text.len)) next_value(&w->text);
                if (t == T_DT || t == T_TH || (t == T_TD && !w->text.len)) f->label = 1;
                if (t == T_DT || t == T_DD || t == T_TH || t == T_TD) is_block = 0;
            }
            if (is_block || (why && !w->drop) || body) flush(w);
            if (is_block) {
                f->block = 1;
                f->prev_kind = w->kind;
                f->prev_level = w->level;
                /* inner blocks of a list item or quote keep their kind */
                if (k != REEL_BLOCK_PARAGRAPH || w->kind == REEL_BLOCK_PARAGRAPH ||
                    w->kind == REEL_BLOCK_TABLE) {
                    w->kind = k;
                    w->level = level;
                }
            }
            if (why && !w->drop) {
                w->drop = why;
                f->drop_set = 1;
            }
            if (body) {
                w->in_body++;
                f->body_set = 1;
            }
            if (n->name && (n->name[0] == 'a' || n->name[0] == 'A') && !n->name[1]) {
                in_link++;
                f->link = 1;
            }
            if (!is_block && html_italic_tag(n)) {
                f->italic = 1;
                f->italic_from = w->text.len;
                f->italic_flushes = w->flushes;
            }
            if (n->children) {
                descend = 1;
            } else {
                /* an empty element: leave it at once */
                stack.n--;
                leave(w, f, &in_link);
            }
        }
        if (descend) {
            n = n->children;
            continue;
        }
        /* next sibling, climbing out of finished elements */
        for (;;) {
            if (n == root) {
                n = NULL;
                break;
            }
            if (n->next) {
                n = n->next;
                break;
            }
            if (!stack.n) {
                n = NULL;
                break;
            }
            frame *f = (frame *)stack.items + stack.n - 1;
            stack.n--;
            leave(w, f, &in_link);
            n = f->node;
        }
    }
    flush(w);
    vec_free(&stack);
    if (w->text.oom) w->rc = REEL_ENOMEM;
    return w->rc;
}

/* libxml2 reports through a per-thread error channel and, for failed
 * allocations, prints to stderr even with HTML_PARSE_NOERROR; the library
 * never prints, so a parse runs with a handler of ours that only notes
 * whether memory ran out (then the answer is REEL_ENOMEM, not "could not be
 * parsed"). The host's own handler is put back after. */
static void note_xml_error(void *data, xmlErrorPtr e)
{
    if (e && e->code == XML_ERR_NO_MEMORY) *(int *)data = 1;
}

/* What the page's bytes are held in while libxml2 parses: its own copy is
 * made first, and these go then, so the page is never in memory three times
 * over (our bytes, libxml2's copy, its UTF-8 buffer) beside the growing tree.
 * `owned` is the caller's buffer when it handed it over (else NULL). */
typedef struct {
    buf *conv, *lean;
    char **owned;
} html_src;

static void release_src(html_src *s)
{
    buf_free(s->conv);
    buf_free(s->lean);
    if (s->owned) {
        free(*s->owned);
        *s->owned = NULL;
    }
}

/* htmlReadMemory(src, len, NULL, "UTF-8", options) step by step, as
 * libxml2 2.9 does it, only with our bytes released once its context holds
 * its copy and before it converts that copy and builds the tree. */
static htmlDocPtr read_memory(const char *src, int len, int options, html_src *rel)
{
    xmlInitParser();
    xmlParserCtxtPtr ctxt = xmlCreateMemoryParserCtxt(src, len);
    release_src(rel);
    if (!ctxt) return NULL;
    htmlDefaultSAXHandlerInit();
    if (ctxt->sax) memcpy(ctxt->sax, &htmlDefaultSAXHandler, sizeof(xmlSAXHandlerV1));
    htmlCtxtUseOptions(ctxt, options);
    ctxt->html = 1;
    xmlCharEncodingHandlerPtr hdlr = xmlFindCharEncodingHandler("UTF-8");
    if (hdlr) {
        xmlSwitchToEncoding(ctxt, hdlr);
        if (ctxt->input->encoding) xmlFree((xmlChar *)ctxt->input->encoding);
        ctxt->input->encoding = xmlStrdup((const xmlChar *)"UTF-8");
    }
    htmlParseDocument(ctxt);
    htmlDocPtr h = ctxt->myDoc;
    ctxt->myDoc = NULL;
    if (ctxt->dictNames && h && h->dict == ctxt->dict) ctxt->dict = NULL;
    xmlFreeParserCtxt(ctxt);
    return h;
}

static htmlDocPtr parse_html(const char *src, int len, int *out_oom, html_src *rel)
{
    xmlStructuredErrorFunc saved = xmlStructuredError;
    void *saved_data = xmlStructuredErrorContext;
    *out_oom = 0;
    xmlSetStructuredErrorFunc(out_oom, note_xml_error);
    /* HUGE lifts libxml2's nesting limit (256), which otherwise ends the
     * parse there and drops the rest of the page without a word;
     * IGNORE_ENC keeps it from re-reading the bytes as a declared charset
     * we already converted from. */
    htmlDocPtr h =
        read_memory(src, len,
                    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                        HTML_PARSE_NONET | HTML_PARSE_COMPACT | HTML_PARSE_NOIMPLIED |
                        HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE,
                    rel);
    xmlSetStructuredErrorFunc(saved_data, saved);
    if (h && *out_oom) { /* a tree cut short by a failed allocation */
        xmlFreeDoc(h);
        h = NULL;
    }
    return h;
}

int read_html(reel_ctx *ctx, reel_doc *doc, const char *bytes, size_t len, char **owned)
{
    int rc = REEL_OK;
    buf conv, lean;
    buf_init(&conv);
    buf_init(&lean);
    htmlDocPtr h = NULL;
    html_select *sel = NULL;
    walker w;
    memset(&w, 0, sizeof w);
    buf_init(&w.text);
    const char *src;
    size_t srclen;
    if ((rc = html_to_utf8(doc, &conv, bytes, len, &src, &srclen))) goto oom;
    if ((rc = html_lean(&lean, src, srclen))) goto oom;
    if (lean.len) {
        src = lean.data;
        srclen = lean.len;
    }
    if (srclen > INT32_MAX) {
        rc = reel_error(ctx, REEL_ETOOBIG, "%s: page too large", doc->source);
        goto done;
    }
    int oom = 0;
    /* the page's bytes (ours, converted, lightened, and the caller's when
     * handed over) go as soon as libxml2 has its copy */
    html_src rel = {&conv, &lean, owned};
    h = parse_html(src, (int)srclen, &oom, &rel);
    if (oom) goto oom;
    if (!h) {
        rc = reel_error(ctx, REEL_EFORMAT, "%s: HTML could not be parsed", doc->source);
        goto done;
    }
    if (!h->children) {
        rc = reel_error(ctx, REEL_EFORMAT, "%s: HTML has no content", doc->source);
        goto done;
    }
    html_read_meta(doc, h->children);
    if ((rc = html_select_body(&sel, h->children))) goto oom;
    w.doc = doc;
    w.sel = sel;
    w.kind = REEL_BLOCK_PARAGRAPH;
    /* walk every top-level node (HTML_PARSE_NOIMPLIED may leave several) */
    for (xmlNode *top = h->children; top && !w.rc; top = top->next)
        if (top->type == XML_ELEMENT_NODE || top->type == XML_TEXT_NODE) walk(&w, top);
    if (w.rc) {
        rc = w.rc;
        goto oom;
    }
    html_trim_blocks(doc);
    goto done;
oom:
    rc = reel_error(ctx, rc ? rc : REEL_ENOMEM, "%s: out of memory", doc->source);
done:
    html_select_free(sel);
    if (h) xmlFreeDoc(h);
    buf_free(&conv);
    buf_free(&lean);
    buf_free(&w.text);
    return rc;
}
