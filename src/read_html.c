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
#include <libxml/globals.h>
#include <libxml/xmlerror.h>

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
    w->rc = doc_add_block(w->doc, w->credit ? REEL_BLOCK_LIST_ITEM : w->kind, w->level,
                          w->text.data, w->text.len, ld > 1 ? 1 : ld);
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
    if (b.oom || r.oom) oom_note(); /* read_doc answers REEL_ENOMEM */
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
    const char *movie; /* the first JSON-LD Movie's name, borrowed */
    int movies;        /* Movies with another name after it: a list */
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
    /* a page that describes one film ("@type": "Movie") names the
     * subject; one that describes several is a list (read_meta) */
    if (type_has(o, "Movie")) {
        const char *name = jstr(o, "name");
        if (name && !m->movie)
            m->movie = name;
        else if (name && strcmp(name, m->movie) != 0)
            m->movies++;
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
            if (!a || !o) oom_note();
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
    /* a review's itemReviewed came first; else the one Movie the page
     * describes, not the first of a list's */
    if (m.movie && !m.movies) set_if_empty(doc, &doc->film_hint, m.movie);
    set_date(doc, m.time_date);
    for (int i = 0; i < nj; i++)
        json_decref(jsons[i]);
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

static htmlDocPtr parse_html(const char *src, int len, int *out_oom)
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
        htmlReadMemory(src, len, NULL, "UTF-8",
                       HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                           HTML_PARSE_NONET | HTML_PARSE_COMPACT | HTML_PARSE_NOIMPLIED |
                           HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE);
    xmlSetStructuredErrorFunc(saved_data, saved);
    if (h && *out_oom) { /* a tree cut short by a failed allocation */
        xmlFreeDoc(h);
        h = NULL;
    }
    return h;
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
    h = parse_html(src, (int)srclen, &oom);
    /* the tree holds what is needed now: the converted and lightened
     * copies go before the walk copies the text again */
    buf_free(&conv);
    buf_free(&lean);
    if (oom) goto oom;
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
