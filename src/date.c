/* date.c — dates written in articles, to ISO 8601. Recognises
 * "2019-11-27", "October 4, 2019", "Oct. 4, 2019", "4 October 2019",
 * "Friday, Oct. 11", "January 21" (no year: "--01-21", ISO's form for a
 * month and day), "10/11/2019" (US order), "Nov 2019" ("2019-11").
 * It looks at what starts at `s` only; callers scan.
 */
#include "internal.h"

#include <ctype.h>
#include <stdio.h>

static const char *months[12] = {"january", "february", "march",     "april",
                                 "may",     "june",     "july",      "august",
                                 "september", "october", "november", "december"};

/* A month name or abbreviation ("Oct", "Oct.", "Sept.") at s: month 1-12
 * and the bytes used, else 0. */
static int month_at(const char *s, size_t len, size_t *used)
{
    size_t n = 0;
    while (n < len && n < 12 && isalpha((unsigned char)s[n])) n++;
    if (n < 3 || (n < len && isalpha((unsigned char)s[n]))) return 0;
    char w[16];
    for (size_t i = 0; i < n; i++) w[i] = (char)tolower((unsigned char)s[i]);
    w[n] = 0;
    for (int m = 0; m < 12; m++) {
        size_t ml = strlen(months[m]);
        int full = n == ml && memcmp(w, months[m], n) == 0;
        int abbr = (n == 3 || (n == 4 && m == 8)) && memcmp(w, months[m], n) == 0;
        if (!full && !abbr) continue;
        if (m == 4 && !full) continue;
        size_t u = n;
        if (abbr && u < len && s[u] == '.') u++;
        *used = u;
        return m + 1;
    }
    return 0;
}

static size_t digits(const char *s, size_t len, size_t max, int *val)
{
    size_t n = 0;
    int v = 0;
    while (n < len && n < max && isdigit((unsigned char)s[n])) v = v * 10 + (s[n++] - '0');
    if (n < len && isdigit((unsigned char)s[n])) return 0; /* too many digits */
    *val = v;
    return n;
}

static int days_in(int y, int m)
{
    static const int d[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && y > 0) return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
    return d[m - 1];
}

static int valid(int y, int m, int d)
{
    if (y && (y < 1870 || y > 2100)) return 0;
    if (m < 1 || m > 12) return 0;
    return d == 0 || (d >= 1 && d <= days_in(y, m));
}

static void put(char out[11], int y, int m, int d)
{
    /* valid() has bounded the parts; the wide buffer only keeps the
       compiler's truncation check quiet at every optimisation level */
    char buf[48];
    if (y && d)
        snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    else if (y)
        snprintf(buf, sizeof buf, "%04d-%02d", y, m);
    else
        snprintf(buf, sizeof buf, "--%02d-%02d", m, d);
    size_t n = strlen(buf);
    if (n > 10) n = 10;
    memcpy(out, buf, n);
    out[n] = '\0';
}

static size_t skip_ordinal(const char *s, size_t len)
{
    if (len >= 2 && (!memcmp(s, "st", 2) || !memcmp(s, "nd", 2) || !memcmp(s, "rd", 2) ||
                     !memcmp(s, "th", 2)) &&
        (len == 2 || !isalnum((unsigned char)s[2])))
        return 2;
    return 0;
}

/* ", 2019" or " 2019" after a day: the year and bytes used. */
static size_t year_after(const char *s, size_t len, int *y)
{
    size_t i = 0;
    if (i < len && s[i] == ',') i++;
    if (i < len && s[i] == ' ') i++;
    int v;
    size_t n = digits(s + i, len - i, 4, &v);
    if (n != 4) return 0;
    *y = v;
    return i + n;
}

size_t date_parse(const char *s, size_t len, char out[11])
{
    int y = 0, m = 0, d = 0;
    size_t i = 0, n, u;
    out[0] = 0;
    if (len == 0) return 0;
    /* a weekday in front: "Friday, Oct. 11" */
    static const char *wd[] = {"monday", "tuesday", "wednesday", "thursday",
                               "friday", "saturday", "sunday"};
    for (int k = 0; k < 7; k++) {
        size_t wl = strlen(wd[k]);
        if (len > wl + 2 && (s[0] | 32) == wd[k][0] &&
            memmem_ci_ascii(s, wl, wd[k]) == s && s[wl] == ',' && s[wl + 1] == ' ') {
            i = wl + 2;
            break;
        }
    }
    if (isdigit((unsigned char)s[i])) {
        /* 2019-11-27 */
        n = digits(s + i, len - i, 4, &y);
        if (n == 4 && i + n < len && s[i + n] == '-') {
            size_t j = i + 5;
            size_t n2 = digits(s + j, len - j, 2, &m);
            if (n2 == 2 && j + 2 < len && s[j + 2] == '-') {
                size_t n3 = digits(s + j + 3, len - j - 3, 2, &d);
                if (n3 == 2 && valid(y, m, d)) {
                    put(out, y, m, d);
                    return j + 5;
                }
            }
            return 0;
        }
        /* 10/11/2019 (US order) */
        y = 0;
        n = digits(s + i, len - i, 2, &m);
        if (n && i + n < len && s[i + n] == '/') {
            size_t j = i + n + 1;
            size_t n2 = digits(s + j, len - j, 2, &d);
            if (n2 && j + n2 < len && s[j + n2] == '/') {
                size_t n3 = digits(s + j + n2 + 1, len - j - n2 - 1, 4, &y);
                if (n3 == 4 && valid(y, m, d)) {
                    put(out, y, m, d);
                    return j + n2 + 1 + 4;
                }
            }
            return 0;
        }
        /* 4 October 2019 */
        n = digits(s + i, len - i, 2, &d);
        if (!n) return 0;
        size_t j = i + n;
        j += skip_ordinal(s + j, len - j);
        if (j >= len || s[j] != ' ') return 0;
        j++;
        if (j + 3 < len && memcmp(s + j, "of ", 3) == 0) j += 3;
        m = month_at(s + j, len - j, &u);
        if (!m) return 0;
        j += u;
        size_t yu = year_after(s + j, len - j, &y);
        if (!valid(y, m, d) || d == 0) return 0;
        put(out, y, m, d);
        return j + yu;
    }
    m = month_at(s + i, len - i, &u);
    if (!m) return 0;
    size_t j = i + u;
    if (j < len && s[j] == ' ') j++;
    n = digits(s + j, len - j, 4, &d);
    if (n == 4) { /* "November 2019" */
        y = d;
        d = 0;
        if (!valid(y, m, 0)) return 0;
        put(out, y, m, 0);
        return j + n;
    }
    if (n == 0 || n > 2) return 0;
    j += n;
    j += skip_ordinal(s + j, len - j);
    size_t yu = year_after(s + j, len - j, &y);
    if (!valid(y, m, d) || d == 0) return 0;
    put(out, y, m, d);
    return j + yu;
}

int date_placeable(const char *d)
{
    if (!d) return 0;
    for (int i = 0; i < 4; i++)
        if (!isdigit((unsigned char)d[i])) return 0;
    if (!d[4] || d[4] == 'T' || d[4] == ' ') return 1;
    if (d[4] != '-' || !isdigit((unsigned char)d[5]) || !isdigit((unsigned char)d[6]))
        return 0;
    return 1;
}
