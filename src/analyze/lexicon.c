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
    for (; *list; list++) {
        const char *e = *list;
        /* the first byte rules out nearly every entry at once; e's NUL
         * stops the walk before it can run past a shorter entry */
        size_t k = 0;
        while (k < n && e[k] && e[k] == w[k])
            k++;
        if (k == n && e[k] == 0) return 1;
    }
    return 0;
}

int word_in_ci(const char *const *list, const char *w, size_t n)
{
    for (; *list; list++) {
        const unsigned char *e = (const unsigned char *)*list;
        size_t k = 0;
        while (k < n && e[k] && e[k] == lower_ascii((unsigned char)w[k]))
            k++;
        if (k == n && e[k] == 0) return 1;
    }
    return 0;
}

const char *const lex_of_words[] = {"of", "sur", "de", "von", "su", NULL};
