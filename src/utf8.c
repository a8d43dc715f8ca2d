/* utf8.c — text encodings: UTF-8 decoding, encoding, validation and repair,
 * NFC (utf8proc), Windows-1252 to UTF-8, and the Unicode classes the
 * segmenter and analyzers ask about (letter, upper, digit, space, punct).
 */
#include "internal.h"

#include <ctype.h>
#include <string.h>
#include <utf8proc.h>

/* utf8proc_iterate's rules, decoded here without the call (the tokenisers
 * run this on every non-ASCII character): a lead byte C2-F4, continuation
 * bytes 80-BF, no surrogates (ED A0-BF), no overlong 3- or 4-byte forms
 * (E0 80-9F, F0 80-8F), nothing above U+10FFFF (F4 90-BF). */
int32_t utf8_next(const char *s, size_t len, size_t *i)
{
    const unsigned char *p = (const unsigned char *)s + *i;
    size_t n = *i < len ? len - *i : 0;
    if (n == 0) goto bad;
    unsigned c = p[0];
    if (c < 0x80) {
        *i += 1;
        return (int32_t)c;
    }
    if (c < 0xC2 || c > 0xF4) goto bad;
    if (c < 0xE0) {
        if (n < 2 || (p[1] & 0xC0) != 0x80) goto bad;
        *i += 2;
        return (int32_t)((c & 0x1F) << 6 | (p[1] & 0x3F));
    }
    if (c < 0xF0) {
        if (n < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80) goto bad;
        if (c == 0xED && p[1] > 0x9F) goto bad;
        uint32_t cp = (c & 0x0F) << 12 | (uint32_t)(p[1] & 0x3F) << 6 | (p[2] & 0x3F);
        if (cp < 0x800) goto bad;
        *i += 3;
        return (int32_t)cp;
    }
    if (n < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 || (p[3] & 0xC0) != 0x80)
        goto bad;
    if ((c == 0xF0 && p[1] < 0x90) || (c == 0xF4 && p[1] > 0x8F)) goto bad;
    *i += 4;
    return (int32_t)((c & 0x07) << 18 | (uint32_t)(p[1] & 0x3F) << 12 |
                     (uint32_t)(p[2] & 0x3F) << 6 | (p[3] & 0x3F));
bad:
    (*i)++;
    return -1;
}

int utf8_put(char *out, int32_t cp)
{
    return (int)utf8proc_encode_char(cp, (utf8proc_uint8_t *)out);
}

int utf8_valid(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        /* eight ASCII bytes at a time: most of a page is ASCII */
        uint64_t w;
        while (len - i >= 8 && (memcpy(&w, s + i, 8), !(w & 0x8080808080808080ULL)))
            i += 8;
        if (i >= len) break;
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        if (utf8_next(s, len, &i) < 0) return 0;
    }
    return 1;
}

size_t utf8_repair(buf *out, const char *s, size_t len)
{
    size_t i = 0, bad = 0;
    buf_reserve(out, len);
    while (i < len) {
        size_t run = i;
        while (run < len && (unsigned char)s[run] < 0x80)
            run++;
        if (run > i) {
            buf_append(out, s + i, run - i);
            i = run;
            continue;
        }
        size_t start = i;
        int32_t cp = utf8_next(s, len, &i);
        if (cp < 0) {
            bad++;
            buf_append(out, "\xEF\xBF\xBD", 3);
            /* swallow continuation bytes of the same broken sequence */
            while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
                i++;
        } else {
            buf_append(out, s + start, i - start);
        }
    }
    return bad;
}

static const uint16_t cp1252_hi[32] = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
    0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};

void cp1252_to_utf8(buf *out, const char *s, size_t len)
{
    char tmp[4];
    buf_reserve(out, len + len / 4);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            buf_putc(out, (char)c);
            continue;
        }
        int32_t cp = (c >= 0x80 && c < 0xA0) ? cp1252_hi[c - 0x80] : c;
        buf_append(out, tmp, (size_t)utf8_put(tmp, cp));
    }
}

char *utf8_nfc(const char *s, size_t len, size_t *out_len)
{
    utf8proc_uint8_t *r = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len,
                                      &r, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (n < 0) {
        /* input was not valid UTF-8: repair, then try again */
        buf b;
        buf_init(&b);
        utf8_repair(&b, s, len);
        if (b.oom) {
            buf_free(&b);
            return NULL;
        }
        n = utf8proc_map((const utf8proc_uint8_t *)b.data, (utf8proc_ssize_t)b.len, &r,
                         UTF8PROC_STABLE | UTF8PROC_COMPOSE);
        buf_free(&b);
        if (n < 0) return NULL;
    }
    if (out_len) *out_len = (size_t)n;
    return (char *)r;
}

int uc_is_letter(int32_t cp)
{
    if (cp < 0x80) return isalpha(cp);
    utf8proc_category_t c = utf8proc_category(cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}
int uc_is_upper(int32_t cp)
{
    if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}
int uc_is_digit(int32_t cp)
{
    if (cp < 0x80) return cp >= '0' && cp <= '9';
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_ND;
}
int uc_is_space(int32_t cp)
{
    if (cp < 0x80) return cp == ' ' || (cp >= 9 && cp <= 13);
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL ||
           c == UTF8PROC_CATEGORY_ZP || cp == 0x85 || cp == 0xFEFF || cp == 0x200B;
}
int uc_is_punct(int32_t cp)
{
    if (cp < 0x80) return ispunct(cp);
    utf8proc_category_t c = utf8proc_category(cp);
    return c >= UTF8PROC_CATEGORY_PC && c <= UTF8PROC_CATEGORY_PO;
}
