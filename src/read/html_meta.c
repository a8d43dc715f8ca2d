/* html_meta.c — an HTML page's metadata: the headline (og:title, JSON-LD,
 * <title> without the site's name), date, author, outlet, canonical URL, and
 * what JSON-LD says of a reviewed film (its name, year and the review's
 * rating). What a page states outright wins over what the text suggests.
 */
#include "html.h"

#include <ctype.h>
#include <jansson.h>

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
     * subject; one that describes several is a list (html_read_meta) */
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

void html_read_meta(reel_doc *doc, xmlNode *first)
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
