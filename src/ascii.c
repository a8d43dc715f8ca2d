/* ascii.c — ASCII case-insensitive comparison and search, without the
 * locale: labels, tags and cue words are ASCII, and a locale must not
 * change what the analyzers find.
 */
#include "internal.h"

#include <ctype.h>

int str_iequal_ascii(const char *a, const char *b)
{
    while (*a && *b) {
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b)) return 0;
        a++;
        b++;
    }
    return *a == *b;
}

/* ASCII case folding without the locale */
static unsigned char lower_ascii(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

const char *memmem_ci_ascii(const char *hay, size_t hlen, const char *needle)
{
    size_t n = strlen(needle);
    if (n == 0) return hay;
    if (hlen < n) return NULL;
    unsigned char lo = lower_ascii((unsigned char)needle[0]);
    unsigned char up = lo >= 'a' && lo <= 'z' ? (unsigned char)(lo - 32) : lo;
    const char *p = hay, *end = hay + (hlen - n + 1); /* candidates: [hay, end) */
    const char *nl = NULL, *nu = NULL; /* next lower / upper first byte at or after p */
    while (p < end) {
        /* memchr for the first byte in each case, each search resumed only
           once the scan has passed its last hit */
        if (!nl || nl < p) {
            nl = memchr(p, lo, (size_t)(end - p));
            if (!nl) nl = end;
        }
        if (up == lo)
            nu = nl;
        else if (!nu || nu < p) {
            nu = memchr(p, up, (size_t)(end - p));
            if (!nu) nu = end;
        }
        const char *c = nl < nu ? nl : nu;
        if (c >= end) return NULL;
        size_t k = 1;
        while (k < n &&
               lower_ascii((unsigned char)c[k]) == lower_ascii((unsigned char)needle[k]))
            k++;
        if (k == n) return c;
        p = c + 1;
    }
    return NULL;
}
