/* width.c — text laid out in terminal columns, not bytes: an accented
 * letter is two bytes and one column, a CJK ideograph three bytes and two
 * columns, so byte padding (printf's %-40s) misaligns every table that holds
 * them. utf8proc gives each character's display width.
 */
#include "width.h"

#include <string.h>
#include <utf8proc.h>

/* The next character of s (at most n bytes): its length in bytes (at least
 * 1, invalid bytes one by one) and its display width in *w. */
static size_t next_char(const char *s, size_t n, int *w)
{
    utf8proc_int32_t c;
    utf8proc_ssize_t len =
        utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &c);
    if (len < 1) {
        *w = 1; /* shown as one replacement character */
        return 1;
    }
    *w = c < 0x20 ? 0 : utf8proc_charwidth(c);
    if (*w < 0) *w = 0;
    return (size_t)len;
}

int cli_width(const char *s)
{
    size_t n = strlen(s), i = 0;
    int cols = 0, w;
    while (i < n) {
        i += next_char(s + i, n - i, &w);
        cols += w;
    }
    return cols;
}

int cli_put_cols(FILE *out, const char *s, int cols, int pad)
{
    size_t n = strlen(s), i = 0, cut = 0;
    int used = 0, w, fits = cli_width(s) <= cols;
    /* cut with room for the ellipsis when it does not fit */
    int room = fits ? cols : cols - 1;
    while (i < n) {
        size_t len = next_char(s + i, n - i, &w);
        if (used + w > room) break;
        used += w;
        i += len;
    }
    cut = i;
    fwrite(s, 1, cut, out);
    if (!fits && cols > 0) {
        fputs("\xE2\x80\xA6", out);
        used++;
    }
    if (pad)
        for (; used < cols; used++)
            fputc(' ', out);
    return used;
}
