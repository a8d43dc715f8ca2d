/* fold.c — matching keys. A folded key has no case, no diacritics and no
 * punctuation, so "Almodovar" matches "Almodóvar" and "Pain & Glory" matches
 * "Pain and Glory"; a film key also drops a trailing "(2019)" and a leading
 * article. utf8proc does the Unicode work (NFKC, case folding, mark removal).
 */
#include "internal.h"

#include <ctype.h>
#include <utf8proc.h>

char *reel_fold(const char *s, size_t len)
{
    utf8proc_uint8_t *m = NULL;
    buf in, out;
    buf_init(&in);
    buf_init(&out);
    if (!utf8_valid(s, len)) {
        utf8_repair(&in, s, len);
        if (in.oom) goto fail;
        s = in.data;
        len = in.len;
    }
    utf8proc_ssize_t n =
        utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &m,
                     UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
                         UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_IGNORE);
    if (n < 0) goto fail;
    int space = 0;
    size_t i = 0, N = (size_t)n;
    const char *t = (const char *)m;
    while (i < N) {
        size_t start = i;
        int32_t cp = utf8_next(t, N, &i);
        if (cp == '&') {
            if (out.len) buf_putc(&out, ' ');
            buf_puts(&out, "and");
            space = 1;
            continue;
        }
        if (cp == '\'' || cp == 0x2019 || cp == 0x2018) continue; /* don't → dont */
        if (cp > 0 && (uc_is_letter(cp) || uc_is_digit(cp))) {
            if (space && out.len) buf_putc(&out, ' ');
            space = 0;
            buf_append(&out, t + start, i - start);
        } else {
            space = 1;
        }
    }
    free(m);
    buf_free(&in);
    return buf_detach(&out);
fail:
    free(m);
    buf_free(&in);
    buf_free(&out);
    return NULL;
}

char *reel_film_key(const char *title, size_t len)
{
    /* drop a trailing "(2019)" or " 2019" year */
    size_t e = len;
    while (e && isspace((unsigned char)title[e - 1])) e--;
    if (e >= 6 && title[e - 1] == ')' && title[e - 6] == '(' &&
        isdigit((unsigned char)title[e - 5]) && isdigit((unsigned char)title[e - 2]))
        e -= 6;
    char *k = reel_fold(title, e);
    if (!k) return NULL;
    /* a leading article does not tell films apart ("The Irishman" = "Irishman") */
    static const char *articles[] = {"the ", "a ", "an "};
    for (size_t a = 0; a < 3; a++) {
        size_t n = strlen(articles[a]);
        if (strncmp(k, articles[a], n) == 0 && k[n]) {
            memmove(k, k + n, strlen(k + n) + 1);
            break;
        }
    }
    return k;
}
