/* escape.c — text that quotes input (a file name, a WARC target URL, a
 * title) made safe to print on one line of a terminal: control characters,
 * C1 controls, bidirectional overrides and bytes that are not UTF-8 become
 * visible escapes (\n, \x1b, \u202e), so a name cannot forge a `reel:`
 * line, move the cursor, recolour the terminal or reverse what follows.
 * Every message set by reel_error passes through it, and the command uses
 * it for the names it prints itself.
 */
#include "internal.h"

/* Characters that reorder the text around them (Unicode's bidi controls). */
static int is_bidi_control(int32_t cp)
{
    return cp == 0x061C || cp == 0x200E || cp == 0x200F ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

size_t text_escape(char *dst, size_t n, const char *src)
{
    size_t j = 0, len = src ? strlen(src) : 0;
    if (!n) return 0;
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)src[i];
        char esc[12];
        size_t start = i;
        int32_t cp = c < 0x80 ? (i++, c) : utf8_next(src, len, &i);
        if (cp == '\n')
            snprintf(esc, sizeof esc, "\\n");
        else if (cp == '\r')
            snprintf(esc, sizeof esc, "\\r");
        else if (cp == '\t')
            snprintf(esc, sizeof esc, "\\t");
        else if (cp < 0)
            snprintf(esc, sizeof esc, "\\x%02x", c);
        else if (cp < 0x20 || cp == 0x7f)
            snprintf(esc, sizeof esc, "\\x%02x", (unsigned)cp);
        else if ((cp >= 0x80 && cp < 0xa0) || is_bidi_control(cp))
            snprintf(esc, sizeof esc, "\\u%04x", (unsigned)cp);
        else
            esc[0] = 0;
        const char *put = esc[0] ? esc : src + start;
        size_t k = esc[0] ? strlen(esc) : i - start;
        if (j + k >= n) break; /* cut before a character, never inside one */
        memcpy(dst + j, put, k);
        j += k;
    }
    dst[j] = 0;
    return j;
}

size_t reel_text_escape(char *out, size_t n, const char *src)
{
    return text_escape(out, n, src);
}
