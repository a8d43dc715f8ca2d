/* lexicon.h — one way to ask whether a word is in a list, and the word
 * lists more than one analyzer reads (lexicon.c). Each purpose keeps its
 * own list where the words differ; the question is asked the same way.
 */
#ifndef REEL_LEXICON_H
#define REEL_LEXICON_H

#include <stddef.h>

/* Is w[0..n) one of the words of list (NULL-terminated), byte for byte?
 * w need not be NUL-terminated. */
int word_in(const char *const *list, const char *w, size_t n);
/* The same with w's ASCII letters taken in lower case: list is written in
 * lower case ("mr", "e.g"), w as the text has it ("Mr", "E.g"). */
int word_in_ci(const char *const *list, const char *w, size_t n);

/* "4 of 5", "4 sur 5", "4 von 5": the words between a score and its
 * scale, longer before shorter where one begins another ("sur", "su"). */
extern const char *const lex_of_words[];

#endif
