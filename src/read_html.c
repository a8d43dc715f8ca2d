/* read_html.c — HTML pages through libxml2's HTML parser. Finds the
 * encoding (BOM, <meta charset>, valid UTF-8, else Windows-1252), walks the
 * tree without recursion (pages nest 100,000 deep), turns block elements
 * into blocks with their link density, flags page chrome (nav, footer,
 * share and comment widgets) as boilerplate, and reads the page metadata:
 * <title>, og:/article: meta, JSON-LD (headline, dates, author, publisher,
 * the reviewed film and its rating). Choosing the article body among the
 * blocks is in extract_html.c.
 */
#include "internal.h"

#include <ctype.h>
#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

int decode_text(reel_doc *doc, buf *out, const char *s, size_t len); /* read_text.c */
int html_select_body(reel_doc *doc);                                 /* extract_html.c */

/* ---------------- encoding ---------------- */

/* charset named in the first 4 KiB (<meta charset=...> or http-equiv). */
static void meta_charset(const char *s, size_t len, char *out, size_t outsz)
{
    size_t probe = len < 4096 ? len : 4096;
    const char *p = s, *end = s + probe;
    out[0] = 0;
    while ((p = memmem_ci_ascii(p, (size_t)(end - p), "charset")) != NULL) {
        p += 7;
        while (p < end && (*p == ' ' || *p == '=' || *p == '"' || *p == '\'')) p++;
        size_t n = 0;
        while (p + n < end && n + 1 < outsz &&
               (isalnum((unsigned char)p[n]) || p[n] == '-' || p[n] == '_'))
            n++;
        if (n) {
            memcpy(out, p, n);
            out[n] = 0;
            return;
        }
    }
}

/* Bytes to UTF-8 for the parser. libxml2 is always handed UTF-8. */
static int to_utf8(reel_doc *doc, buf *out, const char *s, size_t len)
{
    char cs[32];
    meta_charset(s, len, cs, sizeof cs);
    int declared_legacy =
        cs[0] && (str_iequal_ascii(cs, "windows-1252") || str_iequal_ascii(cs, "iso-8859-1") ||
                  str_iequal_ascii(cs, "latin1") || str_iequal_ascii(cs, "iso-8859-15") ||
                  str_iequal_ascii(cs, "us-ascii"));
    int has_bom = len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0;
    if (declared_legacy && !has_bom && !utf8_valid(s, len)) {
        doc->encoding = "windows-1252";
        cp1252_to_utf8(out, s, len);
        return out->oom ? REEL_ENOMEM : 0;
    }
    return decode_text(doc, out, s, len);
}

/* ---------------- tree walk ---------------- */

typedef struct {
    reel_doc *doc;
    buf text;       /* the block being gathered */
    size_t link_chars;
    reel_block_kind kind;
    int level;
    int boiler;     /* inside page chrome */
    const char *boiler_reason;
    int rc;
} walker;

static int name_is(const xmlNode *n, const char *name)
{
    return n->name && str_iequal_ascii((const char *)n->name, name);
}

static int is_skipped(const xmlNode *n)
{
    static const char *skip[] = {"script", "style", "noscript", "template", "svg",
                                 "iframe", "object", "embed", "select", "button",
                                 "input", "textarea", "head", "canvas", "video",
                                 "audio", "map", "math", NULL};
    for (const char **s = skip; *s; s++)
        if (name_is(n, *s)) return 1;
    return 0;
}

static int is_block(const xmlNode *n, reel_block_kind *kind, int *level)
{
    const char *nm = (const char *)n->name;
    *level = 0;
    if (!nm) return 0;
    if ((nm[0] == 'h' || nm[0] == 'H') && nm[1] >= '1' && nm[1] <= '6' && !nm[2]) {
        *kind = REEL_BLOCK_HEADING;
        *level = nm[1] - '0';
        return 1;
    }
    static const struct {
        const char *name;
        reel_block_kind kind;
    } blocks[] = {{"p", REEL_BLOCK_PARAGRAPH},        {"li", REEL_BLOCK_LIST_ITEM},
                  {"dt", REEL_BLOCK_LIST_ITEM},       {"dd", REEL_BLOCK_LIST_ITEM},
                  {"blockquote", REEL_BLOCK_QUOTE},   {"pre", REEL_BLOCK_PRE},
                  {"figcaption", REEL_BLOCK_CAPTION}, {"caption", REEL_BLOCK_CAPTION},
                  {"td", REEL_BLOCK_TABLE},           {"th", REEL_BLOCK_TABLE},
                  {"div", REEL_BLOCK_PARAGRAPH},      {"section", REEL_BLOCK_PARAGRAPH},
                  {"article", REEL_BLOCK_PARAGRAPH},  {"main", REEL_BLOCK_PARAGRAPH},
                  {"header", REEL_BLOCK_PARAGRAPH},   {"footer", REEL_BLOCK_PARAGRAPH},
                  {"aside", REEL_BLOCK_PARAGRAPH},    {"nav", REEL_BLOCK_PARAGRAPH},
                  {"ul", REEL_BLOCK_PARAGRAPH},       {"ol", REEL_BLOCK_PARAGRAPH},
                  {"dl", REEL_BLOCK_PARAGRAPH},       {"table", REEL_BLOCK_PARAGRAPH},
                  {"tr", REEL_BLOCK_PARAGRAPH},       {"figure", REEL_BLOCK_PARAGRAPH},
                  {"form", REEL_BLOCK_PARAGRAPH},     {"address", REEL_BLOCK_PARAGRAPH},
                  {"center", REEL_BLOCK_PARAGRAPH},   {"body", REEL_BLOCK_PARAGRAPH},
                  {"hr", REEL_BLOCK_PARAGRAPH},       {"fieldset", REEL_BLOCK_PARAGRAPH}};
    for (size_t i = 0; i < sizeof blocks / sizeof *blocks; i++)
        if (str_iequal_ascii(nm, blocks[i].name)) {
            *kind = blocks[i].kind;
            return 1;
        }
    return 0;
}

/* Page chrome by element or by class/id words. Returns a reason or NULL. */
static const char *chrome_reason(const xmlNode *n)
{
    if (name_is(n, "nav")) return "navigation";
    if (name_is(n, "footer")) return "footer";
    if (name_is(n, "aside")) return "aside";
    if (name_is(n, "form")) return "form";
    static const char *attrs[] = {"class", "id", "role", NULL};
    static const struct {
        const char *word;
        const char *reason;
    } words[] = {{"comment", "comments"},    {"share", "share"},
                 {"social", "share"},        {"related", "related"},
                 {"newsletter", "appeal"},   {"subscribe", "appeal"},
                 {"promo", "promo"},         {"sidebar", "aside"},
                 {"breadcrumb", "navigation"}, {"menu", "navigation"},
                 {"navbar", "navigation"},   {"masthead", "navigation"},
                 {"site-header", "navigation"}, {"site-footer", "footer"},
                 {"cookie", "legal"},        {"advert", "ads"},
                 {"sponsor", "ads"},         {"popular", "related"},
                 {"recommend", "related"},   {"banner", "ads"},
                 {"navigation", "navigation"}, {"footer", "footer"},
                 {"widget", "aside"},        {"byline", "byline"},
                 {"hidden", "hidden"},       {"modal", "hidden"},
                 {"tags", "related"},        {"author-bio", "byline"}};
    for (const char **a = attrs; *a; a++) {
        xmlChar *v = xmlGetProp(n, (const xmlChar *)*a);
        if (!v) continue;
        const char *r = NULL;
        size_t vl = strlen((const char *)v);
        if (str_iequal_ascii(*a, "role")) {
            if (!strcmp((const char *)v, "navigation") || !strcmp((const char *)v, "banner") ||
                !strcmp((const char *)v, "contentinfo") ||
                !strcmp((const char *)v, "complementary"))
                r = "navigation";
        } else {
            for (size_t w = 0; w < sizeof words / sizeof *words && !r; w++)
                if (memmem_ci_ascii((const char *)v, vl, words[w].word)) r = words[w].reason;
            /* "article-header" and "entry-footer" style names sit inside
             * the article: only whole-page chrome counts */
            if (r && (memmem_ci_ascii((const char *)v, vl, "article") ||
                      memmem_ci_ascii((const char *)v, vl, "content") ||
                      memmem_ci_ascii((const char *)v, vl, "body") ||
                      memmem_ci_ascii((const char *)v, vl, "post")) &&
                strcmp(r, "comments") != 0 && strcmp(r, "share") != 0)
                r = NULL;
        }
        xmlFree(v);
        if (r) return r;
    }
    xmlChar *hidden = xmlGetProp(n, (const xmlChar *)"hidden");
    if (hidden) {
        xmlFree(hidden);
        return "hidden";
    }
    xmlChar *style = xmlGetProp(n, (const xmlChar *)"style");
    if (style) {
        int none = memmem_ci_ascii((const char *)style, strlen((const char *)style),
                                   "display:none") != NULL ||
                   memmem_ci_ascii((const char *)style, strlen((const char *)style),
                                   "display: none") != NULL;
        xmlFree(style);
        if (none) return "hidden";
    }
    return NULL;
}

static void flush(walker *w)
{
    if (w->rc || w->text.len == 0) {
        w->text.len = 0;
        w->link_chars = 0;
        return;
    }
    double ld = w->text.len ? (double)w->link_chars / (double)w->text.len : 0;
    size_t before = w->doc->n_blocks;
    w->rc = doc_add_block(w->doc, w->kind, w->level, w->text.data, w->text.len, ld);
    if (!w->rc && w->doc->n_blocks > before && w->boiler) {
        w->doc->blocks[before].boilerplate = 1;
        w->doc->blocks[before].reason = w->boiler_reason;
    }
    w->text.len = 0;
    w->link_chars = 0;
}

/* Frames of the explicit stack: what to undo when leaving an element. */
typedef struct {
    xmlNode *node;
    unsigned block : 1, boiler_set : 1, link : 1;
    reel_block_kind prev_kind;
    int prev_level;
} frame;

static int walk(walker *w, xmlNode *root)
{
    vec stack;
    vec_init(&stack, sizeof(frame));
    int in_link = 0;
    xmlNode *n = root;
    while (n && !w->rc) {
        int descend = 0;
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            const char *t = (const char *)n->content;
            if (t && *t) {
                size_t tl = strlen(t);
                buf_append(&w->text, t, tl);
                if (in_link) w->link_chars += tl;
            }
        } else if (n->type == XML_ELEMENT_NODE && !is_skipped(n)) {
            reel_block_kind k;
            int level;
            frame *f = vec_push(&stack);
            if (!f) {
                w->rc = REEL_ENOMEM;
                break;
            }
            f->node = n;
            if (name_is(n, "br")) buf_putc(&w->text, ' ');
            if (is_block(n, &k, &level)) {
                flush(w);
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
            if (!w->boiler) {
                const char *why = chrome_reason(n);
                if (why) {
                    w->boiler = 1;
                    w->boiler_reason = why;
                    f->boiler_set = 1;
                }
            }
            if (name_is(n, "a")) {
                in_link++;
                f->link = 1;
            }
            if (n->children) {
                descend = 1;
            } else {
                /* an empty element: leave it at once */
                stack.n--;
                if (f->block) {
                    w->kind = f->prev_kind;
                    w->level = f->prev_level;
                }
                if (f->boiler_set) w->boiler = 0;
                if (f->link) in_link--;
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
            if (f->block) {
                flush(w);
                w->kind = f->prev_kind;
                w->level = f->prev_level;
            }
            if (f->boiler_set) w->boiler = 0;
            if (f->link) in_link--;
            n = f->node;
        }
    }
    flush(w);
    vec_free(&stack);
    if (w->text.oom) w->rc = REEL_ENOMEM;
    return w->rc;
}

/* ---------------- metadata ---------------- */

static char *node_text(reel_doc *doc, xmlNode *n)
{
    xmlChar *c = xmlNodeGetContent(n);
    if (!c) return NULL;
    buf b;
    buf_init(&b);
    /* collapse white space */
    int sp = 0;
    for (const unsigned char *p = c; *p; p++) {
        if (isspace(*p)) {
            sp = b.len > 0;
            continue;
        }
        if (sp) buf_putc(&b, ' ');
        sp = 0;
        buf_putc(&b, (char)*p);
    }
    xmlFree(c);
    char *r = b.len ? arena_strndup(doc->arena, b.data, b.len) : NULL;
    buf_free(&b);
    return r;
}

static void set_if_empty(reel_doc *doc, char **field, const char *v)
{
    if (*field || !v) return;
    while (isspace((unsigned char)*v)) v++;
    if (!*v) return;
    size_t n = strlen(v);
    while (n && isspace((unsigned char)v[n - 1])) n--;
    buf b;
    buf_init(&b);
    utf8_repair(&b, v, n);
    *field = b.data ? arena_strndup(doc->arena, b.data, b.len) : NULL;
    buf_free(&b);
}

/* "2019-10-04T09:00:00Z" → "2019-10-04"; other forms through date_parse. */
static void set_date(reel_doc *doc, const char *v)
{
    if (doc->date || !v) return;
    char iso[11];
    while (isspace((unsigned char)*v)) v++;
    if (date_parse(v, strlen(v), iso) && iso[0] != '-') doc->date = arena_strdup(doc->arena, iso);
}

static const char *jstr(json_t *o, const char *k)
{
    json_t *v = json_object_get(o, k);
    if (json_is_string(v)) return json_string_value(v);
    if (json_is_object(v)) {
        json_t *name = json_object_get(v, "name");
        if (json_is_string(name)) return json_string_value(name);
    }
    if (json_is_array(v) && json_array_size(v) > 0) {
        json_t *first = json_array_get(v, 0);
        if (json_is_string(first)) return json_string_value(first);
        if (json_is_object(first)) {
            json_t *name = json_object_get(first, "name");
            if (json_is_string(name)) return json_string_value(name);
        }
    }
    return NULL;
}

static void jsonld_item(reel_doc *doc, json_t *o, int depth)
{
    if (depth > 4) return;
    if (json_is_array(o)) {
        size_t i;
        json_t *v;
        json_array_foreach(o, i, v) jsonld_item(doc, v, depth + 1);
        return;
    }
    if (!json_is_object(o)) return;
    json_t *graph = json_object_get(o, "@graph");
    if (graph) jsonld_item(doc, graph, depth + 1);
    const char *type = jstr(o, "@type");
    if (!type) return;
    int article = strstr(type, "Article") || strstr(type, "Review") ||
                  strstr(type, "BlogPosting") || !strcmp(type, "WebPage");
    if (!article) return;
    set_if_empty(doc, &doc->title, jstr(o, "headline"));
    set_date(doc, jstr(o, "datePublished"));
    set_if_empty(doc, &doc->author, jstr(o, "author"));
    set_if_empty(doc, &doc->outlet, jstr(o, "publisher"));
    if (strstr(type, "Review")) {
        json_t *item = json_object_get(o, "itemReviewed");
        if (json_is_object(item)) {
            const char *it = jstr(item, "@type");
            if (!it || strstr(it, "Movie") || strstr(it, "CreativeWork"))
                set_if_empty(doc, &doc->film_hint, jstr(item, "name"));
            json_t *y = json_object_get(item, "dateCreated");
            if (json_is_string(y) && !doc->year_hint)
                doc->year_hint = atoi(json_string_value(y));
        }
        json_t *rating = json_object_get(o, "reviewRating");
        if (json_is_object(rating) && !doc->score_hint) {
            json_t *v = json_object_get(rating, "ratingValue"),
                   *best = json_object_get(rating, "bestRating");
            char tmp[64];
            double rv = json_is_number(v) ? json_number_value(v)
                        : json_is_string(v) ? atof(json_string_value(v)) : -1;
            double bv = json_is_number(best) ? json_number_value(best)
                        : json_is_string(best) ? atof(json_string_value(best)) : 5;
            if (rv >= 0 && bv > 0 && rv <= bv) {
                snprintf(tmp, sizeof tmp, "%g/%g", rv, bv);
                doc->score_hint = arena_strdup(doc->arena, tmp);
            }
        }
    }
}

static void read_meta(reel_doc *doc, xmlNode *root)
{
    const char *og_title = NULL;
    /* iterative scan of the whole tree for head elements and JSON-LD */
    xmlNode *n = root;
    while (n) {
        if (n->type == XML_ELEMENT_NODE) {
            if (name_is(n, "title") && !doc->title) {
                char *t = node_text(doc, n);
                if (t) doc->title = t;
            } else if (name_is(n, "meta")) {
                xmlChar *prop = xmlGetProp(n, (const xmlChar *)"property");
                xmlChar *name = xmlGetProp(n, (const xmlChar *)"name");
                xmlChar *content = xmlGetProp(n, (const xmlChar *)"content");
                const char *key = (const char *)(prop ? prop : name);
                const char *c = (const char *)content;
                if (key && c) {
                    if (!strcmp(key, "og:title") && !og_title)
                        og_title = arena_strdup(doc->arena, c);
                    else if (!strcmp(key, "og:site_name") || !strcmp(key, "application-name"))
                        set_if_empty(doc, &doc->outlet, c);
                    else if (!strcmp(key, "article:published_time") ||
                             !strcmp(key, "datePublished") || !strcmp(key, "date") ||
                             !strcmp(key, "pubdate") || !strcmp(key, "DC.date.issued") ||
                             !strcmp(key, "sailthru.date") || !strcmp(key, "parsely-pub-date"))
                        set_date(doc, c);
                    else if (!strcmp(key, "author") || !strcmp(key, "article:author") ||
                             !strcmp(key, "byl") || !strcmp(key, "parsely-author"))
                        set_if_empty(doc, &doc->author, c);
                    else if (!strcmp(key, "og:url"))
                        set_if_empty(doc, &doc->url, c);
                }
                xmlFree(prop);
                xmlFree(name);
                xmlFree(content);
            } else if (name_is(n, "script")) {
                xmlChar *type = xmlGetProp(n, (const xmlChar *)"type");
                if (type && !strcmp((const char *)type, "application/ld+json")) {
                    xmlChar *c = xmlNodeGetContent(n);
                    if (c) {
                        json_error_t err;
                        json_t *j = json_loads((const char *)c, JSON_DECODE_ANY, &err);
                        if (j) jsonld_item(doc, j, 0);
                        json_decref(j);
                        xmlFree(c);
                    }
                }
                xmlFree(type);
            } else if (name_is(n, "link") && !doc->url) {
                xmlChar *rel = xmlGetProp(n, (const xmlChar *)"rel");
                if (rel && !strcmp((const char *)rel, "canonical")) {
                    xmlChar *href = xmlGetProp(n, (const xmlChar *)"href");
                    set_if_empty(doc, &doc->url, (const char *)href);
                    xmlFree(href);
                }
                xmlFree(rel);
            }
            if (n->children && !name_is(n, "script") && !name_is(n, "style")) {
                n = n->children;
                continue;
            }
        }
        while (n && !n->next) n = n->parent;
        if (n) n = n->next;
    }
    /* og:title is usually the bare headline; <title> often carries " | Site" */
    if (og_title) doc->title = (char *)og_title;
}

int read_html(reel_ctx *ctx, reel_doc *doc, const char *bytes, size_t len)
{
    int rc = REEL_OK;
    buf u;
    buf_init(&u);
    htmlDocPtr h = NULL;
    walker w;
    memset(&w, 0, sizeof w);
    buf_init(&w.text);
    if ((rc = to_utf8(doc, &u, bytes, len))) goto oom;
    if (u.len > INT32_MAX) {
        rc = reel_error(ctx, REEL_ETOOBIG, "%s: page too large", doc->source);
        goto done;
    }
    h = htmlReadMemory(u.data, (int)u.len, NULL, "UTF-8",
                       HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                           HTML_PARSE_NONET | HTML_PARSE_COMPACT | HTML_PARSE_NOIMPLIED);
    if (!h) {
        rc = reel_error(ctx, REEL_EFORMAT, "%s: HTML could not be parsed", doc->source);
        goto done;
    }
    xmlNode *root = xmlDocGetRootElement(h);
    if (!root) {
        rc = reel_error(ctx, REEL_EFORMAT, "%s: HTML has no elements", doc->source);
        goto done;
    }
    read_meta(doc, root);
    w.doc = doc;
    w.kind = REEL_BLOCK_PARAGRAPH;
    /* walk every top-level node (HTML_PARSE_NOIMPLIED may leave several) */
    for (xmlNode *top = h->children; top && !w.rc; top = top->next)
        if (top->type == XML_ELEMENT_NODE || top->type == XML_TEXT_NODE) walk(&w, top);
    if (w.rc) {
        rc = w.rc;
        goto oom;
    }
    if ((rc = html_select_body(doc))) goto oom;
    goto done;
oom:
    rc = reel_error(ctx, rc ? rc : REEL_ENOMEM, "%s: out of memory", doc->source);
done:
    if (h) xmlFreeDoc(h);
    buf_free(&u);
    buf_free(&w.text);
    return rc;
}
