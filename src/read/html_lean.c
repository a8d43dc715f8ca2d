/* html_lean.c — the pass over a page's raw bytes before libxml2 sees them.
 * Script and style contents go (most of a page's bytes, none of its text),
 * and a start tag keeps at most HTML_MAX_ATTRS attributes: libxml2 checks
 * each new attribute against all earlier ones of the element, so one tag
 * with 80,000 attributes costs it minutes; no real element needs hundreds.
 * Each tag, attribute, comment and processing instruction becomes a node
 * of about 120 bytes, so a page of dense markup ("<br>" after "<br>") would
 * take 30-120 times its size: a page over a budget that grows with its size
 * (HTML_BUDGET_*) is read again and loses markup, least useful kinds
 * first, and keeps its text (docs/formats.md).
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

/* Markup by how readily it goes when a page is over its budget: first
 * comments, doctypes and processing instructions (never text), then
 * attributes, then formatting elements (their words stay where they were),
 * then other elements, links last: links tell the body finder chrome from
 * prose (link density). Italics are not formatting: films' titles. */
enum { K_NODE, K_ATTR, K_FORMAT, K_ELEMENT, K_LINK, K_KINDS };

static int formatting(const char *name)
{
    static const char *const l[] = {"abbr", "acronym", "b",      "bdi",  "bdo", "big",
                                    "br",   "font",    "mark",   "nobr", "s",   "small",
                                    "span", "strike",  "strong", "sub",  "sup", "tt",
                                    "u",    "wbr",     "ins",    "del",  NULL};
    return in_list(name, l);
}

/* One pass over the page: counting the markup (out is NULL), or writing
 * the page lightened, keeping quota[k] of the total[k] items of each kind. For end tags:
 * how many start tags of each name (by hash) were kept and are not closed yet, so that
 * once tags are dropped an end tag without a kept start goes too. */
typedef struct {
    buf *out;
    const char *copied;    /* where the input is copied from next */
    size_t seen[K_KINDS];  /* items of each kind so far */
    size_t total[K_KINDS]; /* items of each kind in the page */
    size_t quota[K_KINDS]; /* items of each kind that may stay; SIZE_MAX: all */
    int dropping;          /* an element was dropped */
    unsigned open[HTML_NAME_BUCKETS];
} lean;

/* How many of the first j items of kind k stay: the first half of the
 * quota as they come (the page's head and the start of its text, with the
 * elements that frame them), the other half spread evenly over the rest. */
static uint64_t kept_of(const lean *L, int k, uint64_t j)
{
    uint64_t q = L->quota[k], t = L->total[k], h = q / 2;
    if (j <= h) return j;
    return h + (j - h) * (q - h) / (t > h ? t - h : 1);
}

/* The next `want` items of kind k: how many of them stay. */
static size_t take(lean *L, int k, size_t want)
{
    size_t i = L->seen[k];
    L->seen[k] += want;
    if (L->quota[k] == SIZE_MAX) return want;
    return (size_t)(kept_of(L, k, i + want) - kept_of(L, k, i));
}

/* s[from, to) goes from the output, `with` in its place. */
static int cut_out(lean *L, const char *from, const char *to, const char *with)
{
    if (!L->out) return 0;
    if (buf_append(L->out, L->copied, (size_t)(from - L->copied)) ||
        buf_puts(L->out, with))
        return REEL_ENOMEM;
    L->copied = to;
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

static int scan(lean *L, const char *s, size_t n)
{
    const char *end = s + n, *p = s;
    L->copied = s;
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
            if (!take(L, K_NODE, 1) && cut_out(L, p, c, "")) return REEL_ENOMEM;
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
            if (L->open[h]) {
                L->open[h]--;
            } else if (L->dropping) {
                lower_name(name, p + 2, ne);
                if (cut_out(L, p, gt + 1, phrasing(name) ? "" : " ")) return REEL_ENOMEM;
            }
            p = gt + 1;
            continue;
        }
        const char *ne = p + 1;
        while (ne < end && !blank(*ne) && *ne != '>' && *ne != '/')
            ne++;
        lower_name(name, p + 1, ne);
        int script = opens_tag(p, left, "script");
        int raw = script || opens_tag(p, left, "style");
        int kind = !strcmp(name, "a") ? K_LINK : formatting(name) ? K_FORMAT : K_ELEMENT;
        int kept = take(L, kind, 1) == 1;
        size_t attrs, keep;
        const char *cut, *gt = start_tag(p, end, HTML_MAX_ATTRS, &ne, &attrs, &cut);
        if (!gt) break;
        /* the attributes past the cap or the budget go; the tag's end stays */
        keep =
            kept ? take(L, K_ATTR, attrs < HTML_MAX_ATTRS ? attrs : HTML_MAX_ATTRS) : 0;
        if (kept && keep < attrs && keep < HTML_MAX_ATTRS)
            start_tag(p, end, keep, &ne, &attrs, &cut);
        const char *after = gt + (*gt == '/' ? 2 : 1);
        if (!kept) {
            /* past the budget: the tag goes (a script or style element
             * whole), its text stays */
            L->dropping = 1;
            const char *to = raw && *gt != '/' ? raw_text_end(after, end, script) : after;
            if (cut_out(L, p, to, raw || phrasing(name) ? "" : " ")) return REEL_ENOMEM;
            p = to;
            continue;
        }
        if (keep < attrs && cut_out(L, cut, gt, "")) return REEL_ENOMEM;
        if (*gt != '/' && !void_element(name)) L->open[name_hash(p + 1, ne)]++;
        /* a JSON-LD script is kept whole: read_meta reads it */
        int keep_raw = script && memmem_ci_ascii(p, (size_t)(gt - p), "ld+json");
        p = after;
        if (!raw || keep_raw) continue;
        const char *close = memmem_ci_ascii(after, (size_t)(end - after),
                                            script ? "</script" : "</style");
        if (!close) break;
        if (close > after && cut_out(L, after, close, "")) return REEL_ENOMEM;
        p = close;
    }
    return 0;
}

int html_lean(buf *out, const char *s, size_t n)
{
    size_t allow = HTML_BUDGET_BASE + n / HTML_BUDGET_BYTES, total = 0;
    lean L;
    memset(&L, 0, sizeof L);
    for (int k = 0; k < K_KINDS; k++)
        L.quota[k] = SIZE_MAX;
    /* the page as it is, counted on the way: nearly every page fits */
    L.out = out;
    if (scan(&L, s, n)) return REEL_ENOMEM;
    for (int k = 0; k < K_KINDS; k++)
        total += L.total[k] = L.seen[k];
    if (total > allow) {
        /* over: again, the kinds that go last served first */
        for (int k = K_KINDS - 1; k >= 0; k--) {
            L.quota[k] = L.total[k] < allow ? L.total[k] : allow;
            allow -= L.quota[k];
        }
        memset(L.seen, 0, sizeof L.seen);
        memset(L.open, 0, sizeof L.open);
        out->len = 0;
        if (scan(&L, s, n)) return REEL_ENOMEM;
    }
    if (L.copied != s && buf_append(out, L.copied, (size_t)(s + n - L.copied)))
        return REEL_ENOMEM;
    return 0;
}
