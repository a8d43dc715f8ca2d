/* html_lean.c — the pass over a page's raw bytes before libxml2 sees them.
 * Script and style contents go (most of a page's bytes, none of its text),
 * and a start tag keeps at most HTML_MAX_ATTRS attributes: libxml2 checks
 * each new attribute against all earlier ones of the element, so one tag
 * with 80,000 attributes costs it minutes; no real element needs hundreds.
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

/* A start tag at s ('<' and a letter): its end (the '>' or the "/>"), or
 * NULL when the input ends first; *cut is where its HTML_MAX_ATTRS-th
 * attribute ends when it has more (else NULL). */
static const char *start_tag(const char *s, const char *end, const char **cut)
{
    const char *p = s + 1;
    size_t attrs = 0;
    *cut = NULL;
    while (p < end && !blank(*p) && *p != '>' && *p != '/')
        p++;
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
        if (++attrs == HTML_MAX_ATTRS) *cut = p;
    }
}

int html_lean(buf *out, const char *s, size_t n)
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
        if (left < 2 || !isalpha((unsigned char)p[1])) {
            p++;
            continue;
        }
        const char *cut, *gt = start_tag(p, end, &cut);
        if (!gt) break;
        if (cut && cut < gt) {
            /* the attributes past the cap go; the tag's end stays */
            if (buf_append(out, copied, (size_t)(cut - copied))) return REEL_ENOMEM;
            copied = gt;
        }
        if (*gt == '/') gt++;
        int script = opens_tag(p, left, "script");
        if (!script && !opens_tag(p, left, "style")) {
            p = gt + 1;
            continue;
        }
        /* a JSON-LD script is kept whole: read_meta reads it */
        if (script && memmem_ci_ascii(p, (size_t)(gt - p), "ld+json")) {
            p = gt + 1;
            continue;
        }
        const char *close = memmem_ci_ascii(gt + 1, (size_t)(end - gt - 1),
                                            script ? "</script" : "</style");
        if (!close) break;
        if (close > gt + 1) {
            if (buf_append(out, copied, (size_t)(gt + 1 - copied))) return REEL_ENOMEM;
            copied = close;
        }
        p = close + 2;
    }
    if (copied != s && buf_append(out, copied, (size_t)(end - copied)))
        return REEL_ENOMEM;
    return 0;
}
