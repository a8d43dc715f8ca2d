/* html.h — the private seams of the HTML group: the bytes as UTF-8
 * (html_charset.c), lightened before libxml2 parses them (html_lean.c);
 * what elements and names mean (html_names.c); the page's metadata
 * (html_meta.c); the body selection (html_body.c: which parts of the tree
 * are the article); the walk into blocks (html.c) and the last look at them
 * (html_trim.c).
 */
#ifndef REEL_HTML_H
#define REEL_HTML_H

#include "../internal.h"

#include <libxml/tree.h>

/* ---- html_charset.c: the bytes as UTF-8 ---- */

/* The page as UTF-8: either the input itself (*src points into bytes) or a
 * converted copy in `conv` (the caller frees it with buf_free). A charset
 * already in doc->encoding (a transport's) outranks the page's declaration;
 * doc->encoding and doc->repaired say what was done. 0 or REEL_ENOMEM. */
int html_to_utf8(reel_doc *doc, buf *conv, const char *bytes, size_t len,
                 const char **src, size_t *srclen);

/* ---- html_lean.c: the bytes before the parse ---- */

/* Attributes kept per start tag (libxml2's duplicate check is quadratic). */
#define HTML_MAX_ATTRS 128
/* The budget of markup items (start tags, attributes, comments, doctypes,
 * processing instructions: a libxml2 node or two each) a page may hold:
 * HTML_BUDGET_BASE, and one more for every HTML_BUDGET_BYTES of the page.
 * The real pages we read hold under 11,000 items at 12 to 26 bytes per
 * item, so only pages of megabytes of dense markup reach it. */
#define HTML_BUDGET_BASE 131072
#define HTML_BUDGET_BYTES 128
/* s[0..n) with script and style contents, the attributes of a tag past
 * HTML_MAX_ATTRS and the markup over the budget dropped (text kept; a
 * dropped tag of a block or a break leaves a space; docs/formats.md says
 * which markup goes first), into *out; *out is left
 * empty when nothing was dropped (the input stands). 0 or REEL_ENOMEM. */
int html_lean(buf *out, const char *s, size_t n);

/* ---- html_names.c: elements and names ---- */

enum html_tag {
    T_OTHER = 0,
    T_A,
    T_P,
    T_DIV,
    T_SECTION,
    T_ARTICLE,
    T_MAIN,
    T_HEADER,
    T_FOOTER,
    T_ASIDE,
    T_NAV,
    T_H,
    T_UL,
    T_OL,
    T_LI,
    T_DL,
    T_DT,
    T_DD,
    T_TABLE,
    T_TR,
    T_TD,
    T_TH,
    T_PRE,
    T_BLOCKQUOTE,
    T_FIGURE,
    T_FIGCAPTION,
    T_CAPTION,
    T_FORM,
    T_FIELDSET,
    T_ADDRESS,
    T_CENTER,
    T_BODY,
    T_HR,
    T_IMG,
    T_INPUT,
    T_EMBED,
    T_SKIP,
    T_CODE
};

enum html_tag html_tag_of(const xmlNode *n);
/* Content that is never article text (script, style, forms, media). */
int html_tag_skipped(enum html_tag t);
/* 1 and the block kind (and heading level) when the element starts a block
 * of its own, 0 for inline elements. */
int html_tag_block(enum html_tag t, const xmlNode *n, reel_block_kind *kind, int *level);
/* An attribute's value without copying (NULL when absent). Borrowed from
 * the tree. */
const char *html_attr(const xmlNode *n, const char *name);

/* Words in class and id names (Readability's lists, plus a few of today's
 * widgets), matched anywhere in the lower-cased name. UNLIKELY: page chrome,
 * unless a MAYBE word says it may hold the article ("article-header").
 * POSITIVE and NEGATIVE weigh a container; BYLINE marks the author line,
 * CAPTION the words under a picture. */
enum {
    W_UNLIKELY = 1,
    W_MAYBE = 2,
    W_POSITIVE = 4,
    W_NEGATIVE = 8,
    W_BYLINE = 16,
    W_CAPTION = 32
};
/* The words by first letter, so a name is scanned once for all lists. */
typedef struct {
    unsigned char n[128];
    unsigned char w[128][16];
} html_words;

void html_words_build(html_words *x);

/* What an element's class, id, role and other attributes say. */
typedef struct {
    unsigned mask; /* W_* words in the class or id */
    int weight;    /* +-25 for each of class and id with a positive/negative word */
    int hidden;    /* hidden, aria-hidden, display:none */
    int bad_role;  /* role=navigation, menu, dialog... */
    int author;    /* rel=author, itemprop=author */
    int share;     /* "share" as a word of the class or id */
    int comments;  /* a reader comment thread or a part of one */
} html_names;
void html_names_of(const html_words *x, const xmlNode *n, html_names *out);

/* ---- html_film.c: what film sites draw instead of writing ---- */

/* Is s[0..n) a rating in words or glyphs ("three-and-a-half stars",
 * "4 out of 5 stars", "8/10", "★★★½")? */
int html_rating_text(const char *s, size_t n);
/* An element without text whose alt, title or aria-label is a rating: the
 * label (borrowed from the tree); a star drawn as a picture or an icon:
 * its glyph (★, ½ or ☆, static); else NULL. */
const char *html_rating_label(const xmlNode *n);
/* Is element n a box of a film's credits (a dl, table, list or div whose
 * items are mostly "Director", "Cast", "Running time"... with values)? */
int html_credit_box(const xmlNode *n);
/* Is s[0..n) a credit line as a credit box gives it ("Director: ...")? */
int html_credit_line(const char *s, size_t n);
/* <em>, <i> or <cite>: where a page sets a film's title. */
int html_italic_tag(const xmlNode *n);
/* The text of an italic element (s, n bytes), noted on doc->italics when
 * it reads as a title (a short run that starts with a capital and ends no
 * sentence), up to REEL_MAX_ITALICS. 0 or REEL_ENOMEM. */
int html_note_italic(reel_doc *doc, const char *s, size_t n);
/* Does s start with one of the star glyphs html_rating_label gives for a
 * single star (★, ☆, ½)? */
static inline int html_rating_glyph(const char *s)
{
    return (s[0] == '\xE2' && s[1] == '\x98' && (s[2] == '\x85' || s[2] == '\x86')) ||
           (s[0] == '\xC2' && s[1] == '\xBD');
}

/* ---- html_meta.c: the page's metadata ---- */

/* Headline, date, author, outlet, URL and the reviewed film's name, year and
 * rating, from the <head>, meta tags and JSON-LD of the tree from `first`,
 * into doc's fields that are still empty (strings in doc's arena). A failed
 * allocation is noted (oom_note) for read_doc to answer REEL_ENOMEM. */
void html_read_meta(reel_doc *doc, xmlNode *first);

/* ---- html_body.c: the article body ---- */

/* The outcome of body selection, attached to the tree's element nodes
 * (through xmlNode._private) until html_select_free. */
typedef struct html_select html_select;

/* Score the tree under `root` and decide which elements hold the article.
 * *out is freed with html_select_free (after the walk). */
int html_select_body(html_select **out, xmlNode *root);
/* What element `n` is to the walk: -1 when its content is never article
 * text (script, style, forms, media), 1 with the block kind (and heading
 * level) when it starts a block of its own, 0 for inline elements. */
int html_element(const html_select *s, const xmlNode *n, reel_block_kind *kind,
                 int *level);
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

/* The next node in document order: into n's children when `descend`,
 * else its next sibling or the next sibling of the nearest ancestor that
 * has one; NULL past the element tree. Walks need no recursion. */
static inline xmlNode *html_next(xmlNode *n, int descend)
{
    if (descend && n->children) return n->children;
    for (;;) {
        if (n->next) return n->next;
        n = n->parent;
        if (!n || n->type != XML_ELEMENT_NODE) return NULL;
    }
}

#endif
