/* html_lean.c — the pass over a page's raw bytes before libxml2 sees them.
 * Script and style contents go (most of a page's bytes, none of its text),
 * and a start tag keeps at most HTML_MAX_ATTRS attributes: libxml2 checks
 * each new attribute against all earlier ones of the element, so one tag
 * with 80,000 attributes costs it minutes; no real element needs hundreds.
 * Each tag, attribute, comment and processing instruction becomes a node
 * of about 120 bytes, so a page of dense markup ("<br>" after "<br>") would
 * take 30-100 times its size: the markup past a budget that grows with the
 * page's size (HTML_BUDGET_*) is dropped, its text kept (docs/formats.md).
 * Tags are read as libxml2's HTML tokenizer reads them (quoted values may
 * hold '>', unquoted ones end at a blank or '>').
 */
#include "html.h"

#include <ctype.h>

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

static int blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Names of a few characters, lower-cased into a fixed buffer ("" when
 * longer: no element of the lists below is). */
static void lower_name(char out[16], const char *name, const char *end)
{
    size_t n = (size_t)(end - name);
    if (n >= 16) n = 0;
    for (size_t i = 0; i < n; i++)
        out[i] = (char)tolower((unsigned char)name[i]);
    out[n] = 0;
}

static int in_list(const char *name, const char *const *list)
{
    for (; *list; list++)
        if (!strcmp(name, *list)) return 1;
    return 0;
}

/* Elements inside a line of text: dropped, they leave nothing between the
 * words; any other tag dropped leaves a space (a block's edge, a break). */
static int phrasing(const char *name)
{
    static const char *const l[] = {
        "a",    "abbr",  "acronym", "b",    "bdi",    "bdo",    "big", "cite",
        "code", "data",  "del",     "dfn",  "em",     "font",   "i",   "ins",
        "kbd",  "label", "mark",    "nobr", "q",      "rp",     "rt",  "ruby",
        "s",    "samp",  "small",   "span", "strike", "strong", "sub", "sup",
        "time", "tt",    "u",       "var",  "wbr",    NULL};
    return in_list(name, l);
}

/* Elements without an end tag. */
static int void_element(const char *name)
{
    static const char *const l[] = {"area",   "base",   "basefont", "bgsound", "br",
                                    "col",    "embed",  "frame",    "hr",      "img",
                                    "input",  "keygen", "link",     "meta",    "param",
                                    "source", "track",  "wbr",      NULL};
    return in_list(name, l);
}

enum { HTML_NAME_BUCKETS = 256 };

static unsigned name_hash(const char *name, const char *end)
{
    unsigned h = 2166136261u;
    for (; name < end; name++)
        h = (h ^ (unsigned char)tolower((unsigned char)*name)) * 16777619u;
    return h % HTML_NAME_BUCKETS;
}

/* The budget of markup: what has been spent of it, and for end tags, how
 * many start tags of each name (by hash) were kept and are not closed yet,
 * so that once tags are being dropped, an end tag without a kept start goes
 * too. */
typedef struct {
    const char *s; /* the page: the budget grows with the offset into it */
    size_t spent;
    int dropping; /* some markup was dropped */
    unsigned open[HTML_NAME_BUCKETS];
} budget;

/* Items of markup the page may still hold at p. */
static size_t room(const budget *b, const char *p)
{
    size_t allowed = HTML_BUDGET_BASE + (size_t)(p - b->s) / HTML_BUDGET_BYTES;
    return allowed > b->spent ? allowed - b->spent : 0;
}

/* s[from, to) goes from the output, `with` in its place; *copied is where
 * the input is copied from next. */
static int cut_out(buf *out, const char **copied, const char *from, const char *to,
                   const char *with)
{
    if (buf_append(out, *copied, (size_t)(from - *copied)) || buf_puts(out, with))
        return REEL_ENOMEM;
    *copied = to;
    return 0;
}

/* A start tag at s ('<' and a letter): its end (the '>' or the "/>"), or
 * NULL when the input ends first; *name_end where its name ends, *attrs how
 * many attributes it has, *cut where its keep-th attribute ends (where its
 * name does when keep is 0). */
static const char *start_tag(const char *s, const char *end, size_t keep,
                             const char **name_end, size_t *attrs, const char **cut)
{
    const char *p = s + 1;
    *attrs = 0;
    while (p < end && !blank(*p) && *p != '>' && *p != '/')
        p++;
    *name_end = *cut = p;
    for (;;) {
        while (p < end && blank(*p))
            p++;
        if (p >= end) return NULL;
        if (*p == '>') return p;
        if (*p == '/') {
            if (p + 1 < end && p[1] == '>') return p;
            p++;
            continue;
        }
        /* a name, then maybe '=' and a value */
        while (p < end && !blank(*p) && *p != '>' && *p != '=' &&
               !(*p == '/' && p + 1 < end && p[1] == '>'))
            p++;
        const char *q = p;
        while (q < end && blank(*q))
            q++;
        if (q < end && *q == '=') {
            q++;
            while (q < end && blank(*q))
                q++;
            if (q >= end) return NULL;
            if (*q == '"' || *q == '\'') {
                const char *close = memchr(q + 1, *q, (size_t)(end - q - 1));
                if (!close) return NULL;
                p = close + 1;
            } else {
                while (q < end && !blank(*q) && *q != '>')
                    q++;
                p = q;
            }
        }
        if (++*attrs == keep) *cut = p;
    }
}

/* The end of a script or style element whose start tag ends at `after`: past
 * its end tag's '>' (the input's end when it has none). */
static const char *raw_text_end(const char *after, const char *end, int script)
{
    const char *close =
        memmem_ci_ascii(after, (size_t)(end - after), script ? "</script" : "</style");
    const char *gt = close ? memchr(close, '>', (size_t)(end - close)) : NULL;
    return gt ? gt + 1 : end;
}

int html_lean(buf *out, const char *s, size_t n)
{
    const char *end = s + n, *copied = s, *p = s;
    budget b;
    memset(&b, 0, sizeof b);
    b.s = s;
    while (p < end && (p = memchr(p, '<', (size_t)(end - p)))) {
        size_t left = (size_t)(end - p);
        if (left >= 2 && (p[1] == '!' || p[1] == '?')) {
            /* a comment, a doctype or a processing instruction: a node */
            const char *c;
            if (left >= 4 && !memcmp(p, "<!--", 4)) {
                c = memmem(p + 4, left - 4, "-->", 3);
                if (c) c += 3;
            } else {
                c = memchr(p + 2, '>', left - 2);
                if (c) c++;
            }
            if (!c) break;
            if (!room(&b, p)) {
                b.dropping = 1;
                if (cut_out(out, &copied, p, c, "")) return REEL_ENOMEM;
            } else {
                b.spent++;
            }
            p = c;
            continue;
        }
        int closing = left >= 3 && p[1] == '/' && isalpha((unsigned char)p[2]);
        if (!closing && (left < 2 || !isalpha((unsigned char)p[1]))) {
            p++;
            continue;
        }
        char name[16];
        if (closing) {
            const char *ne = p + 2;
            while (ne < end && !blank(*ne) && *ne != '>' && *ne != '/')
                ne++;
            const char *gt = ne < end ? memchr(ne, '>', (size_t)(end - ne)) : NULL;
            if (!gt) break;
            unsigned h = name_hash(p + 2, ne);
            if (b.open[h]) {
                b.open[h]--;
            } else if (b.dropping) {
                lower_name(name, p + 2, ne);
                if (cut_out(out, &copied, p, gt + 1, phrasing(name) ? "" : " "))
                    return REEL_ENOMEM;
            }
            p = gt + 1;
            continue;
        }
        size_t avail = room(&b, p), attrs;
        size_t keep = avail > HTML_MAX_ATTRS ? HTML_MAX_ATTRS : avail ? avail - 1 : 0;
        const char *ne, *cut, *gt = start_tag(p, end, keep, &ne, &attrs, &cut);
        if (!gt) break;
        const char *after = gt + (*gt == '/' ? 2 : 1);
        int script = opens_tag(p, left, "script");
        int raw = script || opens_tag(p, left, "style");
        lower_name(name, p + 1, ne);
        if (!avail) {
            /* past the budget: the tag goes (a script or style element
             * whole), its text stays */
            b.dropping = 1;
            const char *to = raw && *gt != '/' ? raw_text_end(after, end, script) : after;
            if (cut_out(out, &copied, p, to, raw || phrasing(name) ? "" : " "))
                return REEL_ENOMEM;
            p = to;
            continue;
        }
        b.spent += 1 + (attrs < keep ? attrs : keep);
        if (attrs > keep) {
            /* the attributes past the cap or the budget go; the tag's end
             * stays */
            if (keep < HTML_MAX_ATTRS) b.dropping = 1;
            if (cut_out(out, &copied, cut, gt, "")) return REEL_ENOMEM;
        }
        if (*gt != '/' && !void_element(name)) b.open[name_hash(p + 1, ne)]++;
        /* a JSON-LD script is kept whole: read_meta reads it */
        int keep_raw = script && memmem_ci_ascii(p, (size_t)(gt - p), "ld+json");
        p = after;
        if (!raw || keep_raw) continue;
        const char *close = memmem_ci_ascii(after, (size_t)(end - after),
                                            script ? "</script" : "</style");
        if (!close) break;
        if (close > after && cut_out(out, &copied, after, close, "")) return REEL_ENOMEM;
        p = close;
    }
    if (copied != s && buf_append(out, copied, (size_t)(end - copied)))
        return REEL_ENOMEM;
    return 0;
}
