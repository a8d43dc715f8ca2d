/* read_html.c — HTML pages through libxml2's HTML parser. Finds the
 * encoding (BOM, <meta charset> or http-equiv, else a valid-UTF-8 test, else
 * Windows-1252) and hands libxml2 UTF-8; reads the page metadata (<title>,
 * og:/article: meta, JSON-LD, <time>); walks the tree without recursion
 * (pages nest 100,000 deep) into blocks with their link density, each
 * flagged with why it is not article text when extract_html.c says so.
 */
#include "html.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <jansson.h>
#include <libxml/HTMLparser.h>

int decode_text(reel_doc *doc, buf *out, const char *s, size_t len); /* read_text.c */

/* ---------------- encoding ---------------- */

/* The charset a <meta> tag (charset=, or http-equiv content="...;
 * charset=") or an XML declaration names in the head, into out ("" if
 * none). Only inside tags, so a script mentioning "charset" is not read. */
static void declared_charset(const char *s, size_t len, char *out, size_t outsz)
{
    size_t probe = len < 65536 ? len : 65536;
    const char *end = s + probe;
    out[0] = 0;
    if (probe > 5 && !memcmp(s, "<?xml", 5)) {
        const char *gt = memchr(s, '>', probe);
        const char *e = gt ? memmem_ci_ascii(s, (size_t)(gt - s), "encoding") : NULL;
        if (e) {
            end = gt;
            s = e;
            goto value;
        }
    }
    for (const char *p = s;
         (p = memmem_ci_ascii(p, (size_t)(end - p), "<meta")) != NULL;) {
        p += 5;
        const char *gt = memchr(p, '>', (size_t)(end - p));
        if (!gt) return;
        const char *c = memmem_ci_ascii(p, (size_t)(gt - p), "charset");
        if (c) {
            s = c;
            end = gt;
            goto value;
        }
        p = gt;
    }
    return;
value:
    s = memchr(s, '=', (size_t)(end - s));
    if (!s) return;
    s++;
    while (s < end && (*s == ' ' || *s == '"' || *s == '\''))
        s++;
    size_t n = 0;
    while (s + n < end && n + 1 < outsz &&
           (isalnum((unsigned char)s[n]) || s[n] == '-' || s[n] == '_' || s[n] == ':' ||
            s[n] == '.'))
        n++;
    memcpy(out, s, n);
    out[n] = 0;
}

/* Single-byte Western charsets: read as Windows-1252, as browsers do. */
static int western(const char *cs)
{
    static const char *names[] = {"windows-1252", "cp1252",   "iso-8859-1", "iso8859-1",
                                  "latin1",       "latin-1",  "us-ascii",   "ascii",
                                  "iso-8859-15",  "x-cp1252", NULL};
    for (const char **n = names; *n; n++)
        if (str_iequal_ascii(cs, *n)) return 1;
    return 0;
}

/* Any other declared charset through iconv; each byte it cannot convert
 * becomes U+FFFD and is counted. Returns 1 when iconv does not know it. */
static int iconv_to_utf8(reel_doc *doc, buf *out, const char *cs, const char *s,
                         size_t len)
{
    /* the WHATWG names for supersets of what pages declare */
    if (str_iequal_ascii(cs, "gb2312") || str_iequal_ascii(cs, "gbk"))
        cs = "GB18030";
    else if (str_iequal_ascii(cs, "euc-kr") || str_iequal_ascii(cs, "ks_c_5601-1987"))
        cs = "CP949";
    else if (str_iequal_ascii(cs, "shift_jis") || str_iequal_ascii(cs, "sjis"))
        cs = "CP932";
    iconv_t cd = iconv_open("UTF-8", cs);
    if (cd == (iconv_t)-1) return 1;
    char *in = (char *)s;
    size_t left = len;
    while (left > 0 && !out->oom) {
        if (buf_reserve(out, left * 2 + 64)) break;
        char *o = out->data + out->len;
        size_t room = out->cap - out->len - 1;
        size_t r = iconv(cd, &in, &left, &o, &room);
        out->len = (size_t)(o - out->data);
        if (r == (size_t)-1 && errno != E2BIG) {
            /* EILSEQ or a truncated sequence at the end */
            buf_append(out, "\xEF\xBF\xBD", 3);
            doc->repaired++;
            in++;
            left--;
            iconv(cd, NULL, NULL, NULL, NULL);
        }
    }
    iconv_close(cd);
    if (out->data) out->data[out->len] = 0;
    doc->encoding = arena_strdup(doc->arena, cs);
    return 0;
}

/* The page as UTF-8: either the input itself (*src points into bytes) or
 * a converted copy in `conv`. */
static int to_utf8(reel_doc *doc, buf *conv, const char *bytes, size_t len,
                   const char **src, size_t *srclen)
{
    char cs[40];
    *src = bytes;
    *srclen = len;
    if (len >= 3 && !memcmp(bytes, "\xEF\xBB\xBF", 3)) {
        /* a BOM outranks any declaration */
        *src = bytes + 3;
        *srclen = len - 3;
        doc->encoding = "UTF-8";
        if (utf8_valid(*src, *srclen)) return 0;
        doc->repaired = utf8_repair(conv, *src, *srclen);
        goto converted;
    }
    if (len >= 2 &&
        ((unsigned char)bytes[0] == 0xFF || (unsigned char)bytes[0] == 0xFE) &&
        ((unsigned char)bytes[1] ^ (unsigned char)bytes[0]) == 0x01) {
        const char *cs16 = (unsigned char)bytes[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";
        if (iconv_to_utf8(doc, conv, cs16, bytes + 2, len - 2) == 0) goto converted;
    }
    /* Valid UTF-8 is UTF-8 whatever the page declares: legacy text with
     * bytes over 0x7F is almost never valid UTF-8 by chance, while pages
     * saved as UTF-8 under an old declaration are common; and ASCII reads
     * the same in every charset pages declare. */
    if (utf8_valid(bytes, len)) {
        doc->encoding = "UTF-8";
        return 0;
    }
    if (doc->encoding) {
        /* a transport's charset (HTTP Content-Type, set by read_doc)
         * outranks the page's own declaration, as in browsers */
        snprintf(cs, sizeof cs, "%s", doc->encoding);
        doc->encoding = NULL;
    } else {
        declared_charset(bytes, len, cs, sizeof cs);
    }
    if (cs[0] && (str_iequal_ascii(cs, "utf-8") || str_iequal_ascii(cs, "utf8"))) {
        doc->encoding = "UTF-8";
        doc->repaired = utf8_repair(conv, bytes, len);
        goto converted;
    }
    if (cs[0] && western(cs)) {
        doc->encoding = "windows-1252";
        cp1252_to_utf8(conv, bytes, len);
        goto converted;
    }
    /* any other name through iconv; one it does not know is judged by the
     * bytes like an undeclared page */
    if (cs[0] && iconv_to_utf8(doc, conv, cs, bytes, len) == 0) goto converted;
    /* undeclared and not UTF-8: a little damage in UTF-8 is repaired, a
     * page without UTF-8 sequences is Windows-1252 */
    if (decode_text(doc, conv, bytes, len)) return REEL_ENOMEM;
converted:
    if (conv->oom) return REEL_ENOMEM;
    *src = conv->data ? conv->data : "";
    *srclen = conv->len;
    return 0;
}

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
    w->rc = doc_add_block(w->doc, w->kind, w->level, w->text.data, w->text.len,
                          ld > 1 ? 1 : ld);
    if (!w->rc && w->doc->n_blocks > before) {
        reel_block *b = &w->doc->blocks[before];
        if (w->drop) {
            b->boilerplate = 1;
            b->reason = w->drop;
        } else if (html_has_body(w->sel) && !w->in_body) {
            b->boilerplate = 1;
            b->reason = "outside article";
        }
    }
    w->text.len = 0;
    w->link_chars = 0;
}

/* Frames of the explicit stack: what to undo when leaving an element. */
typedef struct {
    xmlNode *node;
    unsigned block : 1, drop_set : 1, body_set : 1, link : 1;
    reel_block_kind prev_kind;
    int prev_level;
} frame;

static void leave(walker *w, frame *f, int *in_link)
{
    if (f->block || f->drop_set || f->body_set) flush(w);
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
        reel_block_kind k;
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            const char *t = (const char *)n->content;
            if (t && *t) {
                size_t tl = strlen(t);
                buf_append(&w->text, t, tl);
                if (in_link) w->link_chars += tl;
            }
        } else if (n->type == XML_ELEMENT_NODE &&
                   (what = html_element(w->sel, n, &k, &level)) >= 0) {
            int body = 0;
            frame *f = vec_push(&stack);
            if (!f) {
                w->rc = REEL_ENOMEM;
                break;
            }
            f->node = n;
            if (n->name && (n->name[0] == 'b' || n->name[0] == 'B') &&
                (n->name[1] == 'r' || n->name[1] == 'R') && !n->name[2])
                buf_putc(&w->text, ' ');
            const char *why = html_mark(w->sel, n, &body);
            int is_block = what == 1;
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

/* ---------------- metadata ---------------- */

/* Trimmed, white space collapsed, valid UTF-8, in the document's arena. */
static char *meta_value(reel_doc *doc, const char *v, size_t n)
{
    if (!v) return NULL;
    buf b, r;
    buf_init(&b);
    buf_init(&r);
    int sp = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)v[i];
        if (isspace(c)) {
            sp = b.len > 0;
            continue;
        }
        if (sp) buf_putc(&b, ' ');
        sp = 0;
        buf_putc(&b, (char)c);
    }
    char *out = NULL;
    if (b.len) {
        utf8_repair(&r, b.data, b.len);
        if (r.data) out = arena_strndup(doc->arena, r.data, r.len);
    }
    buf_free(&b);
    buf_free(&r);
    return out;
}

static void set_if_empty(reel_doc *doc, char **field, const char *v)
{
    if (*field || !v) return;
    *field = meta_value(doc, v, strlen(v));
}

/* An author is a name, not a profile URL. */
static void set_author(reel_doc *doc, const char *v)
{
    if (!v || doc->author) return;
    while (isspace((unsigned char)*v))
        v++;
    if (!strncmp(v, "http:", 5) || !strncmp(v, "https:", 6) || !strncmp(v, "//", 2))
        return;
    set_if_empty(doc, &doc->author, v);
}

/* "2019-10-04T09:00:00Z" → "2019-10-04"; other forms through date_parse. */
static void set_date(reel_doc *doc, const char *v)
{
    if (doc->date || !v) return;
    char iso[11];
    while (isspace((unsigned char)*v))
        v++;
    if (date_parse(v, strlen(v), iso) && iso[0] != '-')
        doc->date = arena_strdup(doc->arena, iso);
}

/* A JSON-LD value as text: a string, or the "name" of an object, or the
 * first of an array of either. */
static const char *jstr(json_t *o, const char *k)
{
    json_t *v = json_object_get(o, k);
    if (json_is_array(v)) v = json_array_get(v, 0);
    if (json_is_object(v)) v = json_object_get(v, "name");
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static int type_has(json_t *o, const char *word)
{
    json_t *t = json_object_get(o, "@type");
    if (json_is_string(t)) return strstr(json_string_value(t), word) != NULL;
    size_t i;
    json_t *v;
    json_array_foreach(t, i, v) if (json_is_string(v) &&
                                    strstr(json_string_value(v), word)) return 1;
    return 0;
}

static double jnum(json_t *v, double dflt)
{
    if (json_is_number(v)) return json_number_value(v);
    if (json_is_string(v)) {
        char *end;
        double d = strtod(json_string_value(v), &end);
        if (end != json_string_value(v)) return d;
    }
    return dflt;
}

typedef struct {
    const char *headline; /* JSON-LD headline, borrowed until the json is freed */
    char *og_title, *html_title, *time_date;
} meta_state;

static void jsonld_item(reel_doc *doc, meta_state *m, json_t *o, int depth)
{
    if (depth > 6) return;
    if (json_is_array(o)) {
        size_t i;
        json_t *v;
        json_array_foreach(o, i, v) jsonld_item(doc, m, v, depth + 1);
        return;
    }
    if (!json_is_object(o)) return;
    json_t *graph = json_object_get(o, "@graph");
    if (graph) jsonld_item(doc, m, graph, depth + 1);
    /* a page that describes one film ("@type": "Movie") names the subject */
    if (type_has(o, "Movie") && !doc->film_hint) {
        set_if_empty(doc, &doc->film_hint, jstr(o, "name"));
        return;
    }
    int review = type_has(o, "Review");
    if (!(type_has(o, "Article") || review || type_has(o, "BlogPosting") ||
          type_has(o, "Report")))
        return;
    if (!m->headline) m->headline = jstr(o, "headline");
    set_date(doc, jstr(o, "datePublished"));
    set_author(doc, jstr(o, "author"));
    set_if_empty(doc, &doc->outlet, jstr(o, "publisher"));
    if (!review) return;
    json_t *item = json_object_get(o, "itemReviewed");
    if (json_is_array(item)) item = json_array_get(item, 0);
    if (json_is_object(item)) {
        json_t *it = json_object_get(item, "@type");
        if (!it || type_has(item, "Movie") || type_has(item, "CreativeWork") ||
            type_has(item, "Film"))
            set_if_empty(doc, &doc->film_hint, jstr(item, "name"));
        const char *y = jstr(item, "dateCreated");
        if (!y) y = jstr(item, "datePublished");
        if (y && !doc->year_hint) {
            int year = atoi(y);
            if (year >= 1870 && year <= 2100) doc->year_hint = year;
        }
    }
    json_t *rating = json_object_get(o, "reviewRating");
    if (json_is_object(rating) && !doc->score_hint) {
        double rv = jnum(json_object_get(rating, "ratingValue"), -1);
        double best = jnum(json_object_get(rating, "bestRating"), 5);
        double worst = jnum(json_object_get(rating, "worstRating"), 0);
        if (rv >= worst && best > worst && rv <= best) {
            char tmp[64];
            snprintf(tmp, sizeof tmp, "%g/%g", rv, best);
            doc->score_hint = arena_strdup(doc->arena, tmp);
        }
    }
}

static char *node_text(reel_doc *doc, xmlNode *n)
{
    xmlChar *c = xmlNodeGetContent(n);
    if (!c) return NULL;
    char *r = meta_value(doc, (const char *)c, strlen((const char *)c));
    xmlFree(c);
    return r;
}

static int is_name(const xmlNode *n, const char *name)
{
    return n->name && str_iequal_ascii((const char *)n->name, name);
}

static void meta_tag(reel_doc *doc, meta_state *m, xmlNode *n)
{
    const char *key = html_attr(n, "property");
    if (!key) key = html_attr(n, "name");
    if (!key) key = html_attr(n, "itemprop");
    const char *c = html_attr(n, "content");
    if (!key || !c) return;
    if (str_iequal_ascii(key, "og:title") || str_iequal_ascii(key, "twitter:title")) {
        if (!m->og_title) m->og_title = meta_value(doc, c, strlen(c));
    } else if (str_iequal_ascii(key, "og:site_name") ||
               str_iequal_ascii(key, "application-name")) {
        set_if_empty(doc, &doc->outlet, c);
    } else if (str_iequal_ascii(key, "article:published_time") ||
               str_iequal_ascii(key, "datePublished") || str_iequal_ascii(key, "date") ||
               str_iequal_ascii(key, "pubdate") ||
               str_iequal_ascii(key, "DC.date.issued") ||
               str_iequal_ascii(key, "dc.date") ||
               str_iequal_ascii(key, "sailthru.date") ||
               str_iequal_ascii(key, "parsely-pub-date") ||
               str_iequal_ascii(key, "og:published_time")) {
        set_date(doc, c);
    } else if (str_iequal_ascii(key, "author") ||
               str_iequal_ascii(key, "article:author") || str_iequal_ascii(key, "byl") ||
               str_iequal_ascii(key, "parsely-author") ||
               str_iequal_ascii(key, "dc.creator") ||
               str_iequal_ascii(key, "sailthru.author")) {
        /* "By Jane Doe" in the byl convention */
        if (!strncmp(c, "By ", 3) || !strncmp(c, "by ", 3)) c += 3;
        set_author(doc, c);
    } else if (str_iequal_ascii(key, "og:url")) {
        set_if_empty(doc, &doc->url, c);
    }
}

/* A <title> usually carries the site: "Headline | Site", "Headline - Site".
 * After a bar everything goes; after a dash only a part naming the outlet
 * or a web address, since headlines use dashes themselves. */
static void strip_site(reel_doc *doc, char *t)
{
    static const char *bars[] = {" | ", " \xE2\x80\xA2 ", " :: ", " \xC2\xBB ", NULL};
    for (const char **b = bars; *b; b++) {
        char *p = strstr(t, *b);
        if (p && p - t >= 8) *p = 0;
    }
    static const char *dashes[] = {" - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", NULL};
    for (const char **d = dashes; *d; d++) {
        char *p = NULL, *q = t;
        while ((q = strstr(q, *d)) != NULL)
            p = q++;
        if (!p || p == t) continue;
        const char *tail = p + strlen(*d);
        int site = strchr(tail, '.') && !strchr(tail, ' ');
        if (!site && doc->outlet) {
            char *a = reel_fold(tail, strlen(tail)),
                 *o = reel_fold(doc->outlet, strlen(doc->outlet));
            site = a && o && *a && (strstr(a, o) || strstr(o, a));
            free(a);
            free(o);
        }
        if (site) *p = 0;
    }
}

static void read_meta(reel_doc *doc, xmlNode *first)
{
    meta_state m = {0};
    json_t *jsons[8];
    int nj = 0;
    xmlNode *n = first;
    while (n) {
        int descend = 0;
        if (n->type == XML_ELEMENT_NODE) {
            descend = n->children != NULL;
            if (is_name(n, "title")) {
                if (!m.html_title) m.html_title = node_text(doc, n);
                descend = 0;
            } else if (is_name(n, "meta")) {
                meta_tag(doc, &m, n);
            } else if (is_name(n, "script")) {
                const char *type = html_attr(n, "type");
                if (type && str_iequal_ascii(type, "application/ld+json") && nj < 8) {
                    xmlChar *c = xmlNodeGetContent(n);
                    if (c) {
                        json_error_t err;
                        json_t *j = json_loads((const char *)c, JSON_DECODE_ANY, &err);
                        if (j) {
                            jsonld_item(doc, &m, j, 0);
                            jsons[nj++] = j;
                        }
                        xmlFree(c);
                    }
                }
                descend = 0;
            } else if (is_name(n, "style") || is_name(n, "svg")) {
                descend = 0;
            } else if (is_name(n, "time") && !m.time_date) {
                const char *dt = html_attr(n, "datetime");
                if (dt) m.time_date = arena_strdup(doc->arena, dt);
            } else if (is_name(n, "link") && !doc->url) {
                const char *rel = html_attr(n, "rel");
                if (rel && str_iequal_ascii(rel, "canonical"))
                    set_if_empty(doc, &doc->url, html_attr(n, "href"));
            } else {
                const char *prop = html_attr(n, "itemprop");
                if (prop && str_iequal_ascii(prop, "datePublished")) {
                    const char *v = html_attr(n, "datetime");
                    if (!v) v = html_attr(n, "content");
                    set_date(doc, v);
                }
            }
        }
        n = html_next(n, descend);
    }
    /* og:title is the bare headline more often than JSON-LD or <title> */
    if (m.og_title) {
        strip_site(doc, m.og_title);
        doc->title = m.og_title;
    } else if (m.headline) {
        set_if_empty(doc, &doc->title, m.headline);
    } else if (m.html_title) {
        strip_site(doc, m.html_title);
        doc->title = m.html_title;
    }
    if (doc->title && !*doc->title) doc->title = NULL;
    set_date(doc, m.time_date);
    for (int i = 0; i < nj; i++)
        json_decref(jsons[i]);
}

/* Does s[0..n) open a tag named `name` ("<script", "<STYLE ")? */
static int opens_tag(const char *s, size_t n, const char *name)
{
    size_t k = strlen(name);
    if (n < k + 2 || s[0] != '<') return 0;
    for (size_t i = 0; i < k; i++)
        if (tolower((unsigned char)s[1 + i]) != name[i]) return 0;
    char c = s[1 + k];
    return c == '>' || c == '/' || c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
           c == '\f';
}

/* The end of the tag that opens at s: its '>' outside quoted attribute
 * values, or NULL. */
static const char *tag_end(const char *s, const char *end)
{
    char quote = 0;
    for (const char *p = s + 1; p < end; p++) {
        if (quote) {
            if (*p == quote) quote = 0;
        } else if (*p == '"' || *p == '\'') {
            quote = *p;
        } else if (*p == '>') {
            return p;
        }
    }
    return NULL;
}

/* Scripts and stylesheets are often most of a page's bytes (65% of the
 * extraction-dev pages) and none of its text: their contents are dropped
 * before libxml2 sees them, tags kept, so it does not scan them character
 * by character. Their end is the first "</script" or "</style", as in
 * HTML's own tokenizer; comments are stepped over; a JSON-LD script is
 * kept whole (read_meta reads it). *out is left empty when nothing was
 * dropped. */
static int drop_raw_text(buf *out, const char *s, size_t n)
{
    const char *end = s + n, *copied = s, *p = s;
    while (p < end && (p = memchr(p, '<', (size_t)(end - p)))) {
        size_t left = (size_t)(end - p);
        if (left >= 4 && !memcmp(p, "<!--", 4)) {
            const char *c = memmem(p + 4, left - 4, "-->", 3);
            if (!c) break;
            p = c + 3;
            continue;
        }
        int script = opens_tag(p, left, "script");
        if (!script && !opens_tag(p, left, "style")) {
            p++;
            continue;
        }
        const char *gt = tag_end(p, end);
        if (!gt) break;
        if (script && memmem_ci_ascii(p, (size_t)(gt - p), "ld+json")) {
            p = gt + 1;
            continue;
        }
        const char *close =
            memmem_ci_ascii(gt + 1, (size_t)(end - gt - 1), script ? "</script" : "</style");
        if (!close) break;
        if (close > gt + 1) {
            if (buf_append(out, copied, (size_t)(gt + 1 - copied))) return REEL_ENOMEM;
            copied = close;
        }
        p = close + 2;
    }
    if (copied != s && buf_append(out, copied, (size_t)(end - copied))) return REEL_ENOMEM;
    return 0;
}

int read_html(reel_ctx *ctx, reel_doc *doc, const char *bytes, size_t len)
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
    if ((rc = to_utf8(doc, &conv, bytes, len, &src, &srclen))) goto oom;
    if ((rc = drop_raw_text(&lean, src, srclen))) goto oom;
    if (lean.len) {
        src = lean.data;
        srclen = lean.len;
    }
    if (srclen > INT32_MAX) {
        rc = reel_error(ctx, REEL_ETOOBIG, "%s: page too large", doc->source);
        goto done;
    }
    /* HUGE lifts libxml2's nesting limit (256), which otherwise ends the
     * parse there and drops the rest of the page without a word;
     * IGNORE_ENC keeps it from re-reading the bytes as a declared charset
     * we already converted from. */
    h = htmlReadMemory(src, (int)srclen, NULL, "UTF-8",
                       HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                           HTML_PARSE_NONET | HTML_PARSE_COMPACT | HTML_PARSE_NOIMPLIED |
                           HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE);
    if (!h) {
        rc = reel_error(ctx, REEL_EFORMAT, "%s: HTML could not be parsed", doc->source);
        goto done;
    }
    if (!h->children) {
        rc = reel_error(ctx, REEL_EFORMAT, "%s: HTML has no content", doc->source);
        goto done;
    }
    read_meta(doc, h->children);
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
