/* html.h — the seam between the HTML reader (read_html.c: bytes, parse,
 * metadata, walk into blocks), the body selection (extract_html.c: which
 * parts of the tree are the article) and the last look at the blocks
 * (html_trim.c). Reader and selection classify elements the same way, so
 * the element tables live in extract_html.c and are shared through here.
 */
#ifndef REEL_HTML_H
#define REEL_HTML_H

#include "internal.h"

#include <libxml/tree.h>

/* Elements whose content is never article text (script, style, forms...). */
int html_skipped(const xmlNode *n);
/* Block elements: 1 and the block kind (and heading level) when `n` starts
 * a block of its own, 0 for inline elements. */
int html_block(const xmlNode *n, reel_block_kind *kind, int *level);
/* An attribute's value without copying (NULL when absent). Borrowed from
 * the tree. */
const char *html_attr(const xmlNode *n, const char *name);

/* The outcome of body selection, attached to the tree's element nodes
 * (through xmlNode._private) until html_select_free. */
typedef struct html_select html_select;

/* Score the tree under `root` and decide which elements hold the article.
 * *out is freed with html_select_free (after the walk). */
int html_select_body(html_select **out, xmlNode *root);
/* For element `n`: the reason its whole subtree is not article text, or
 * NULL. *body is set to 1 when `n` is the root of (a part of) the article. */
const char *html_mark(const html_select *s, const xmlNode *n, int *body);
/* Whether any article root was found (else every block is a candidate). */
int html_has_body(const html_select *s);
void html_select_free(html_select *s);

/* After the walk (html_trim.c): the headline and what sits above it,
 * datelines and "By" lines are flagged, so the body starts with the
 * article's own text; score lines cut as chrome are kept again. */
void html_trim_blocks(reel_doc *doc);

#endif
