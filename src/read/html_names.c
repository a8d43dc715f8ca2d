/* html_names.c — what HTML elements and their class and id names mean to
 * reel: the element table (blocks, skipped content, media), Readability's
 * word lists for class and id names (chrome, article, bylines, captions)
 * matched in one scan, and the attributes that hide an element. Shared by
 * the walk (html.c) and the body selection (html_body.c).
 */
#include "html.h"

#include <ctype.h>

/* libxml2's HTML parser gives element names in lower case. A switch on
 * the first letter keeps this cheap: it runs for every element. */
enum html_tag html_tag_of(const xmlNode *n)
{
    const char *nm = (const char *)n->name;
    if (!nm || n->type != XML_ELEMENT_NODE) return T_OTHER;
#define IS(s) (!strcmp(nm, s))
    switch (nm[0]) {
    case 'a':
        if (!nm[1]) return T_A;
        if (IS("article")) return T_ARTICLE;
        if (IS("aside")) return T_ASIDE;
        if (IS("address")) return T_ADDRESS;
        if (IS("audio")) return T_EMBED;
        break;
    case 'b':
        if (IS("body")) return T_BODY;
        if (IS("blockquote")) return T_BLOCKQUOTE;
        if (IS("button")) return T_INPUT;
        break;
    case 'c':
        if (IS("center")) return T_CENTER;
        if (IS("caption")) return T_CAPTION;
        if (IS("code")) return T_CODE;
        if (IS("canvas")) return T_SKIP;
        break;
    case 'd':
        if (IS("div")) return T_DIV;
        if (IS("dl")) return T_DL;
        if (IS("dt")) return T_DT;
        if (IS("dd")) return T_DD;
        if (IS("dialog")) return T_SKIP;
        break;
    case 'e':
        if (IS("embed")) return T_EMBED;
        break;
    case 'f':
        if (IS("figure")) return T_FIGURE;
        if (IS("figcaption")) return T_FIGCAPTION;
        if (IS("footer")) return T_FOOTER;
        if (IS("form")) return T_FORM;
        if (IS("fieldset")) return T_FIELDSET;
        break;
    case 'h':
        if (nm[1] >= '1' && nm[1] <= '6' && !nm[2]) return T_H;
        if (IS("header")) return T_HEADER;
        if (IS("hr")) return T_HR;
        if (IS("head")) return T_SKIP;
        break;
    case 'i':
        if (IS("img")) return T_IMG;
        if (IS("iframe")) return T_EMBED;
        if (IS("input")) return T_INPUT;
        break;
    case 'l':
        if (IS("li")) return T_LI;
        if (IS("link")) return T_SKIP;
        break;
    case 'm':
        if (IS("main")) return T_MAIN;
        if (IS("meta") || IS("map") || IS("math")) return T_SKIP;
        break;
    case 'n':
        if (IS("nav")) return T_NAV;
        if (IS("noscript")) return T_SKIP;
        break;
    case 'o':
        if (IS("ol")) return T_OL;
        if (IS("object")) return T_EMBED;
        if (IS("option")) return T_SKIP;
        break;
    case 'p':
        if (!nm[1]) return T_P;
        if (IS("pre")) return T_PRE;
        if (IS("picture")) return T_IMG;
        break;
    case 's':
        if (IS("section")) return T_SECTION;
        if (IS("script") || IS("style") || IS("svg")) return T_SKIP;
        if (IS("select")) return T_INPUT;
        break;
    case 't':
        if (IS("td")) return T_TD;
        if (IS("tr")) return T_TR;
        if (IS("th")) return T_TH;
        if (IS("table")) return T_TABLE;
        if (IS("textarea")) return T_INPUT;
        if (IS("template") || IS("title")) return T_SKIP;
        break;
    case 'u':
        if (IS("ul")) return T_UL;
        break;
    case 'v':
        if (IS("video")) return T_EMBED;
        break;
    default:
        break;
    }
#undef IS
    return T_OTHER;
}

/* Media and form controls hold no text we want either, but are counted. */
int html_tag_skipped(enum html_tag t)
{
    return t == T_SKIP || t == T_INPUT || t == T_EMBED || t == T_IMG;
}

int html_tag_block(enum html_tag t, const xmlNode *n, reel_block_kind *kind, int *level)
{
    *level = 0;
    switch (t) {
    case T_H:
        *kind = REEL_BLOCK_HEADING;
        *level = n->name[1] - '0';
        return 1;
    case T_P:
        *kind = REEL_BLOCK_PARAGRAPH;
        return 1;
    case T_LI:
    case T_DT:
    case T_DD:
        *kind = REEL_BLOCK_LIST_ITEM;
        return 1;
    case T_BLOCKQUOTE:
        *kind = REEL_BLOCK_QUOTE;
        return 1;
    case T_PRE:
        *kind = REEL_BLOCK_PRE;
        return 1;
    case T_FIGCAPTION:
    case T_CAPTION:
        *kind = REEL_BLOCK_CAPTION;
        return 1;
    case T_TD:
    case T_TH:
        *kind = REEL_BLOCK_TABLE;
        return 1;
    case T_DIV:
    case T_SECTION:
    case T_ARTICLE:
    case T_MAIN:
    case T_HEADER:
    case T_FOOTER:
    case T_ASIDE:
    case T_NAV:
    case T_UL:
    case T_OL:
    case T_DL:
    case T_TABLE:
    case T_TR:
    case T_FIGURE:
    case T_FORM:
    case T_FIELDSET:
    case T_ADDRESS:
    case T_CENTER:
    case T_BODY:
    case T_HR:
        *kind = REEL_BLOCK_PARAGRAPH;
        return 1;
    default:
        return 0;
    }
}

const char *html_attr(const xmlNode *n, const char *name)
{
    for (const xmlAttr *a = n->properties; a; a = a->next)
        if (a->name && a->name[0] == (xmlChar)name[0] &&
            !strcmp((const char *)a->name, name))
            return a->children && a->children->content
                       ? (const char *)a->children->content
                       : "";
    return NULL;
}

/* ---------------- class and id names ---------------- */

/* Lower-case copy of an attribute into out (cut at outsz - 1). */
static const char *lower_into(const char *v, char *out, size_t outsz)
{
    if (!v) return NULL;
    size_t i = 0;
    for (; v[i] && i + 1 < outsz; i++)
        out[i] = (char)tolower((unsigned char)v[i]);
    out[i] = 0;
    return out;
}

#define U W_UNLIKELY
#define M W_MAYBE
#define P W_POSITIVE
#define N W_NEGATIVE
#define B W_BYLINE
static const struct {
    const char *word;
    unsigned char mask;
} name_words[] = {
    {"-ad-", U | N},      {"ai2html", U},
    {"banner", U | N},    {"breadcrumb", U},
    {"combx", U | N},     {"comment", U | N},
    {"community", U},     {"cover-wrap", U},
    {"disqus", U},        {"extra", U},
    {"footer", U},        {"gdpr", U | N},
    {"header", U},        {"legends", U},
    {"menu", U},          {"related", U | N},
    {"remark", U},        {"replies", U},
    {"rss", U},           {"shoutbox", U | N},
    {"sidebar", U | N},   {"skyscraper", U | N},
    {"social", U},        {"sponsor", U | N},
    {"supplemental", U},  {"ad-break", U},
    {"agegate", U},       {"pagination", U | P},
    {"pager", U},         {"popup", U},
    {"yom-remote", U},    {"newsletter", U | N},
    {"subscribe", U | N}, {"cookie", U},
    {"outbrain", U | N},  {"taboola", U | N},
    {"recirc", U},        {"signup", U | N},
    {"sign-up", U | N},   {"most-popular", U},
    {"trending", U},      {"and", M},
    {"article", M | P},   {"body", M | P},
    {"column", M},        {"content", M | P},
    {"main", M | P},      {"shadow", M},
    {"entry", P},         {"hentry", P},
    {"h-entry", P},       {"page", P},
    {"post", P},          {"text", P},
    {"blog", P},          {"story", P},
    {"hidden", N},        {"com-", N},
    {"contact", N},       {"foot", N},
    {"masthead", N},      {"media", N},
    {"meta", N},          {"promo", N},
    {"scroll", N},        {"share", N},
    {"shopping", N},      {"tags", N},
    {"tool", N},          {"widget", N},
    {"byline", B},        {"author", B},
    {"dateline", B},      {"writtenby", B},
    {"p-author", B},      {"caption", W_CAPTION},
};
#undef U
#undef M
#undef P
#undef N
#undef B

void html_words_build(html_words *x)
{
    memset(x->n, 0, sizeof x->n);
    for (size_t i = 0; i < sizeof name_words / sizeof *name_words; i++) {
        unsigned char c = (unsigned char)name_words[i].word[0];
        if (x->n[c] < 16) x->w[c][x->n[c]++] = (unsigned char)i;
    }
}

static unsigned name_mask(const html_words *x, const char *s)
{
    unsigned m = 0;
    if (!s) return 0;
    for (const char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c >= 128) continue;
        for (unsigned k = 0; k < x->n[c]; k++) {
            const char *w = name_words[x->w[c][k]].word;
            size_t i = 1;
            while (w[i] && p[i] == w[i])
                i++;
            if (!w[i]) m |= name_words[x->w[c][k]].mask;
        }
    }
    return m;
}

static const char *const unlikely_roles[] = {"menu",       "menubar", "complementary",
                                             "navigation", "alert",   "alertdialog",
                                             "dialog",     NULL};

static int class_weight(unsigned cls, unsigned id)
{
    return (cls & W_NEGATIVE ? -25 : 0) + (cls & W_POSITIVE ? 25 : 0) +
           (id & W_NEGATIVE ? -25 : 0) + (id & W_POSITIVE ? 25 : 0);
}

/* "share", "sharedaddy" as a whole word of a class or id. */
static int share_name(const char *s)
{
    if (!s) return 0;
    for (const char *p = s; (p = strstr(p, "share")) != NULL; p++) {
        int start = p == s || p[-1] == ' ' || p[-1] == '_' || p[-1] == '-';
        const char *e = p + 5;
        if (!strncmp(e, "daddy", 5)) e += 5;
        int end = !*e || *e == ' ' || *e == '_' || *e == '-';
        if (start && end) return 1;
    }
    return 0;
}

/* Is a class or id token a reader comment thread or its parts
 * ("comments", "comment-body", "commentlist", "disqus_thread", "respond")?
 * Not "commentary" (an opinion column), nor the flags a post carries about
 * its comments ("comments-open", "has-comments", "no-comments"). */
static int comment_token(const char *t, size_t n)
{
    if (n == 7 && !memcmp(t, "respond", 7)) return 1;
    if (n >= 6 && !memcmp(t, "disqus", 6)) return 1;
    const char *c = memmem(t, n, "comment", 7);
    if (!c) return 0;
    if (n - (size_t)(c - t) >= 10 && !memcmp(c, "commentary", 10)) return 0;
    if ((n >= 4 && !memcmp(t, "has-", 4)) || (n >= 3 && !memcmp(t, "no-", 3))) return 0;
    if ((n >= 5 && !memcmp(t + n - 5, "-open", 5)) ||
        (n >= 7 && !memcmp(t + n - 7, "-closed", 7)))
        return 0;
    return 1;
}

static int comment_name(const char *s)
{
    if (!s) return 0;
    for (const char *p = s; *p;) {
        while (*p == ' ')
            p++;
        const char *e = p;
        while (*e && *e != ' ')
            e++;
        if (e > p && comment_token(p, (size_t)(e - p))) return 1;
        p = e;
    }
    return 0;
}

static int hidden(const xmlNode *n)
{
    if (html_attr(n, "hidden")) return 1;
    const char *aria = html_attr(n, "aria-hidden");
    if (aria && !strcmp(aria, "true")) {
        const char *cls = html_attr(n, "class");
        if (!cls || !strstr(cls, "fallback-image")) return 1;
    }
    const char *style = html_attr(n, "style");
    if (style) {
        size_t sl = strlen(style);
        if (memmem_ci_ascii(style, sl, "display:none") ||
            memmem_ci_ascii(style, sl, "display: none") ||
            memmem_ci_ascii(style, sl, "visibility:hidden") ||
            memmem_ci_ascii(style, sl, "visibility: hidden"))
            return 1;
    }
    return 0;
}

/* What an element's attributes say, for classify in html_body.c. */
void html_names_of(const html_words *x, const xmlNode *n, html_names *out)
{
    char cbuf[256], ibuf[128];
    const char *cls = lower_into(html_attr(n, "class"), cbuf, sizeof cbuf);
    const char *id = lower_into(html_attr(n, "id"), ibuf, sizeof ibuf);
    unsigned mc = name_mask(x, cls), mi = name_mask(x, id);
    out->mask = mc | mi;
    out->weight = class_weight(mc, mi);
    out->hidden = hidden(n);
    const char *role = html_attr(n, "role");
    out->bad_role = 0;
    for (const char *const *r = unlikely_roles; role && *r && !out->bad_role; r++)
        out->bad_role = str_iequal_ascii(role, *r);
    const char *rel = html_attr(n, "rel"), *prop = html_attr(n, "itemprop");
    out->author = (rel && !strcmp(rel, "author")) || (prop && strstr(prop, "author"));
    out->share = share_name(cls) || share_name(id);
    out->comments = comment_name(cls) || comment_name(id);
}
