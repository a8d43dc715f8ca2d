/* byline.c — critics' and outlets' names, unified the way film titles are:
 * "By ROGER EBERT", "Roger Ebert, Chicago Sun-Times" (when the outlet is
 * Chicago Sun-Times) and "roger ebert" are one critic; "Cahiers du Cinéma"
 * and "cahiers du cinema", "The Guardian" and "Guardian" one outlet. The
 * shown name keeps its case and accents; the key is reel_fold's.
 */
#include "byline.h"

#include <ctype.h>

/* s with runs of white space made one space, trimmed. */
static char *collapse(const char *s)
{
    buf b;
    buf_init(&b);
    int space = 0;
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        if (isspace(*p)) {
            space = 1;
            continue;
        }
        if (space && b.len) buf_putc(&b, ' ');
        space = 0;
        buf_putc(&b, (char)*p);
    }
    buf_putc(&b, 0);
    if (b.oom) {
        buf_free(&b);
        return NULL;
    }
    return b.data;
}

char *byline_key(const char *name, int is_outlet)
{
    char *k = reel_fold(name, strlen(name));
    if (k && is_outlet && !strncmp(k, "the ", 4)) memmove(k, k + 4, strlen(k + 4) + 1);
    return k;
}

char *byline_outlet(const char *outlet)
{
    return collapse(outlet);
}

/* Does s[0..n) name `okey` (an outlet key)? */
static int names_outlet(const char *s, size_t n, const char *okey)
{
    char *part = malloc(n + 1);
    if (!part) return 0;
    memcpy(part, s, n);
    part[n] = 0;
    char *k = byline_key(part, 1);
    int same = k && *k && !strcmp(k, okey);
    free(k);
    free(part);
    return same;
}

char *byline_critic(const char *author, const char *outlet)
{
    char *s = collapse(author);
    if (!s) return NULL;
    /* "By Jane Doe", "BY: Jane Doe" */
    if ((s[0] == 'B' || s[0] == 'b') && (s[1] == 'y' || s[1] == 'Y') &&
        (s[2] == ' ' || s[2] == ':')) {
        size_t skip = 2;
        while (s[skip] == ' ' || s[skip] == ':')
            skip++;
        if (s[skip]) memmove(s, s + skip, strlen(s + skip) + 1);
    }
    char *okey = outlet && *outlet ? byline_key(outlet, 1) : NULL;
    if (okey && *okey) {
        size_t n = strlen(s);
        /* "Jane Doe (The Outlet)" */
        if (n && s[n - 1] == ')') {
            char *open = strrchr(s, '(');
            if (open && open > s &&
                names_outlet(open + 1, (size_t)(s + n - 1 - open - 1), okey))
                *open = 0;
        }
        /* "Jane Doe, The Outlet", "Jane Doe - The Outlet", "Jane Doe | The Outlet",
         * the dash also as an en or em dash */
        static const char *const seps[] = {
            ",", " - ", " | ", " \xe2\x80\x93 ", " \xe2\x80\x94 ", " / ", NULL};
        for (int i = 0; seps[i]; i++) {
            char *at = NULL;
            for (char *p = strstr(s, seps[i]); p; p = strstr(p + 1, seps[i]))
                at = p;
            if (at && at > s) {
                const char *tail = at + strlen(seps[i]);
                if (names_outlet(tail, strlen(tail), okey)) *at = 0;
            }
        }
        /* the cut may leave a trailing space */
        n = strlen(s);
        while (n && s[n - 1] == ' ')
            s[--n] = 0;
        /* a byline that is the outlet's name names no critic */
        if (names_outlet(s, n, okey)) s[0] = 0;
    }
    free(okey);
    return s;
}
