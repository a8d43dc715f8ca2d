/* film_alias.c — the other titles an article gives its film: the original
 * or a release title written in parentheses beside the one it uses
 * ("Parasite (Gisaengchung)", "Parasite (*기생충*)", "기생충 (Parasite)").
 * They go into the record as subject.aliases, and films of two title keys
 * that share one are one film (store/alias.c). Kept apart from the subject
 * analyzer: a pure function of the analyzed document, run when the record
 * is built. A person's name in parentheses ("Dune (Denis Villeneuve)") or a
 * rating, year or word like "trailer" is not a title.
 */
#include "film_alias.h"

#include <ctype.h>

/* strip *emphasis*, _emphasis_, quotes and spaces around a title */
static void trim_marks(const char **s, const char **e)
{
    static const char *marks[] = {"*",
                                  "_",
                                  "\"",
                                  "'",
                                  "\xe2\x80\x9c",
                                  "\xe2\x80\x9d",
                                  "\xe2\x80\x98",
                                  "\xe2\x80\x99",
                                  "\xc2\xab",
                                  "\xc2\xbb",
                                  " ",
                                  NULL};
    for (int again = 1; again && *s < *e;) {
        again = 0;
        for (const char **m = marks; *m; m++) {
            size_t n = strlen(*m);
            if ((size_t)(*e - *s) >= n && !memcmp(*s, *m, n)) *s += n, again = 1;
            if ((size_t)(*e - *s) >= n && !memcmp(*e - n, *m, n)) *e -= n, again = 1;
        }
    }
}

/* Does the folded name belong to a person the article names? */
static int is_person(const reel_doc *d, const char *folded)
{
    for (size_t i = 0; i < d->n_facts; i++) {
        const reel_fact *f = &d->facts[i];
        if (!f->norm) continue;
        if (!strcmp(f->norm, folded)) return 1;
        if (f->qualifier && !strcmp(f->predicate, "cast")) {
            char *q = reel_fold(f->qualifier, strlen(f->qualifier));
            int same = q && !strcmp(q, folded);
            free(q);
            if (same) return 1;
        }
    }
    return 0;
}

/* Can s..e be a title? Not a year, rating or remark; at most 8 words;
 * starting with a capital or a letter outside ASCII. */
static int looks_like_title(const char *s, const char *e)
{
    static const char *remarks[] = {
        "trailer",     "review", "spoiler",  "spoilers", "film",           "movie",
        "documentary", "short",  "series",   "tv",       "director's cut", "uncut",
        "restored",    "remake", "original", "sic",      "pictured",       "left",
        "right",       "center", "above",    "below",    "credit",         NULL};
    static const char *credit_words[] = {"courtesy", "photo",  "image",    "credit",
                                         "via",      "source", "pictured", "from left",
                                         "l r",      NULL};
    size_t n = (size_t)(e - s), words = 1;
    if (n < 2 || n > 80) return 0;
    unsigned char c = (unsigned char)s[0];
    if (c < 0x80 && !isupper(c)) return 0;
    for (const char *p = s; p < e; p++) {
        if (isdigit((unsigned char)*p) || strchr(",;:!?()[]/=+@#%", *p)) return 0;
        if (*p == ' ') words++;
    }
    if (words > 8) return 0;
    char *k = reel_fold(s, n);
    int ok = k && *k;
    for (const char **r = remarks; ok && *r; r++)
        if (!strcmp(k, *r)) ok = 0;
    /* a photo credit: "(Courtesy of Apple)", "(Photo: …)" */
    for (const char **r = credit_words; ok && *r; r++)
        if (!strncmp(k, *r, strlen(*r)) && (!k[strlen(*r)] || k[strlen(*r)] == ' '))
            ok = 0;
    free(k);
    return ok;
}

/* Two or three capitalised Latin words ("Denis Villeneuve", "Mahershala
 * Ali") in parentheses after a title are, far more often than a title, the
 * person behind or in it; an original title in Latin script usually has a
 * small word in it ("Dolor y gloria") or is one word ("Gisaengchung"). */
static int looks_like_name(const char *s, const char *e)
{
    int words = 0;
    for (const char *p = s; p < e;) {
        while (p < e && *p == ' ')
            p++;
        if (p == e) break;
        if (!isupper((unsigned char)*p)) return 0;
        words++;
        while (p < e && *p != ' ') {
            if ((unsigned char)*p >= 0x80) return 0;
            p++;
        }
    }
    return words >= 2 && words <= 3;
}

/* Add the title s..e (raw) to the set unless it is the subject's own key
 * or a person's name; keys are deduplicated. */
static int add_alias(const reel_doc *d, film_aliases *out, const char *s, const char *e,
                     int after_title)
{
    trim_marks(&s, &e);
    if (!looks_like_title(s, e)) return 0;
    if (after_title && looks_like_name(s, e)) return 0;
    char *title = strndup(s, (size_t)(e - s));
    char *key = title ? reel_film_key(title, strlen(title)) : NULL;
    char *folded = title ? reel_fold(title, strlen(title)) : NULL;
    int rc = 0;
    if (!title || !key || !folded) {
        rc = REEL_ENOMEM;
        goto done;
    }
    if (!*key || !strcmp(key, d->subject.key) || is_person(d, folded)) goto done;
    for (size_t i = 0; i < out->n; i++)
        if (!strcmp(out->keys[i], key)) goto done;
    if (out->n == FILM_ALIASES_MAX) goto done;
    out->titles[out->n] = title;
    out->keys[out->n++] = key;
    title = key = NULL;
done:
    free(title);
    free(key);
    free(folded);
    return rc;
}

int film_aliases_find(const reel_doc *d, film_aliases *out)
{
    memset(out, 0, sizeof *out);
    if (!d->subject.title || !d->subject.key || !d->text) return 0;
    const char *t = d->subject.title, *text = d->text, *end = d->text + d->text_len;
    size_t tn = strlen(t);
    if (tn == 0) return 0;
    int rc = 0;
    for (const char *p = text; !rc && (p = memmem(p, (size_t)(end - p), t, tn));
         p += tn) {
        /* TITLE (OTHER) */
        const char *q = p + tn;
        while (q < end && (*q == '*' || *q == '_' || *q == '"'))
            q++;
        if (q + 1 < end && q[0] == ' ' && q[1] == '(') {
            const char *s = q + 2, *e = memchr(s, ')', (size_t)(end - s));
            if (e && !memchr(s, '\n', (size_t)(e - s))) rc = add_alias(d, out, s, e, 1);
        }
        /* OTHER (TITLE) */
        const char *b = p;
        while (b > text && (b[-1] == '*' || b[-1] == '_' || b[-1] == '"'))
            b--;
        if (b - text >= 3 && b[-1] == '(' && b[-2] == ' ' && q < end && *q == ')') {
            /* the title before: inside its emphasis or quotes, or a run of
             * words in another script ("기생충 (Parasite)"), never the
             * sentence before it */
            const char *e = b - 2, *s = e;
            char mark = e > text ? e[-1] : 0;
            if (mark == '*' || mark == '_' || mark == '"') {
                s = e - 1;
                while (s > text && s[-1] != mark && s[-1] != '\n' && (size_t)(e - s) < 80)
                    s--;
                if (s == text || s[-1] != mark) s = e;
            } else {
                while (s > text && ((unsigned char)s[-1] >= 0x80 || s[-1] == ' ') &&
                       (size_t)(e - s) < 80)
                    s--;
            }
            if (!rc && s < e) rc = add_alias(d, out, s, e, 0);
        }
    }
    return rc;
}

void film_aliases_free(film_aliases *a)
{
    for (size_t i = 0; i < a->n; i++) {
        free(a->titles[i]);
        free(a->keys[i]);
    }
    a->n = 0;
}
