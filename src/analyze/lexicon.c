/* lexicon.c — word-list lookup for the analyzers, the segmenter and the
 * HTML reader: word_in (exact) and word_in_ci (the text's case folded to
 * the list's lower case), and the lists more than one file reads. A list
 * stays beside its one reader when only that reader uses it.
 */
#include "lexicon.h"

static unsigned char lower_ascii(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

int word_in(const char *const *list, const char *w, size_t n)
{
    if (n == 0) {
        for (; *list; list++)
            if (!**list) return 1;
        return 0;
    }
    /* the first byte, compared alone, rules out nearly every entry; the
     * rest is walked only for the few that share it (e's NUL stops the
     * walk before it can run past a shorter entry) */
    const char c0 = w[0];
    if (c0 == 0) return 0; /* no entry holds a NUL */
    for (; *list; list++) {
        const char *e = *list;
        if (e[0] != c0) continue;
        size_t k = 1;
        while (k < n && e[k] && e[k] == w[k])
            k++;
        if (k == n && e[k] == 0) return 1;
    }
    return 0;
}

int word_in_ci(const char *const *list, const char *w, size_t n)
{
    if (n == 0) return word_in(list, w, n);
    const unsigned char c0 = lower_ascii((unsigned char)w[0]);
    if (c0 == 0) return 0;
    for (; *list; list++) {
        const unsigned char *e = (const unsigned char *)*list;
        if (e[0] != c0) continue;
        size_t k = 1;
        while (k < n && e[k] && e[k] == lower_ascii((unsigned char)w[k]))
            k++;
        if (k == n && e[k] == 0) return 1;
    }
    return 0;
}

const char *const lex_of_words[] = {"of", "sur", "de", "von", "su", NULL};
