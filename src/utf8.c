/* utf8.c — text encodings: UTF-8 decoding, encoding, validation and repair,
 * NFC (utf8proc), Windows-1252 to UTF-8, and the Unicode classes the
 * segmenter and analyzers ask about (letter, upper, digit, space, punct).
 */
#include "internal.h"

#include <ctype.h>
#include <string.h>
#include <utf8proc.h>

int32_t utf8_next(const char *s, size_t len, size_t *i)
{
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + *i,
                                          (utf8proc_ssize_t)(len - *i), &cp);
    if (n <= 0) {
        (*i)++;
        return -1;
    }
    *i += (size_t)n;
    return cp;
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
