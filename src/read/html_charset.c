/* html_charset.c — an HTML page's bytes as UTF-8: a BOM, else valid UTF-8
 * whatever is declared, else the transport's charset, else the page's own
 * (<meta charset>, http-equiv, XML declaration) — Western ones read as
 * Windows-1252 as browsers do, others through iconv — else the bytes judged
 * as plain text is (read.h's decode_text).
 */
#include "html.h"
#include "read.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>

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

int html_to_utf8(reel_doc *doc, buf *conv, const char *bytes, size_t len,
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
