/* test_lexicon.c — word_in and word_in_ci (src/analyze/lexicon.c): whole
 * words only, w not NUL-terminated, case folded on the text's side only. */
#include "helpers.h"

#include "analyze/lexicon.h"

static const char *const list[] = {"mr", "mrs", "e.g", "of", NULL};

static void test_word_in(void **state)
{
    (void)state;
    assert_true(word_in(list, "mrs", 3));
    assert_true(word_in(list, "mr", 2));
    assert_true(word_in(list, "mrs. Dalloway", 3)); /* w[0..n) only */
    assert_false(word_in(list, "mrs", 1));          /* "m": a prefix */
    assert_false(word_in(list, "mrsx", 4));         /* longer than any */
    assert_false(word_in(list, "Mr", 2));           /* exact bytes */
    assert_false(word_in(list, "", 0));
    assert_false(word_in(list, "m\0s", 3)); /* a NUL inside is no end */
    static const char *const none[] = {NULL};
    assert_false(word_in(none, "mr", 2));
    static const char *const empty[] = {"x", "", NULL};
    assert_true(word_in(empty, "", 0));
    /* a word whose first byte is NUL matches nothing, not even "" (the
     * first-byte test must not walk into the empty entry's next byte) */
    assert_false(word_in(empty, "\0x", 2));
    assert_false(word_in(empty, "\0", 1));
}

static void test_word_in_ci(void **state)
{
    (void)state;
    assert_true(word_in_ci(list, "MRS", 3));
    assert_true(word_in_ci(list, "Mr", 2));
    assert_true(word_in_ci(list, "E.G.", 3));
    assert_false(word_in_ci(list, "E.G.", 4));
    assert_false(word_in_ci(list, "Of course", 9));
    /* the list is lower case: its entries are not folded */
    static const char *const upper[] = {"TV", NULL};
    assert_false(word_in_ci(upper, "tv", 2));
    /* bytes beyond ASCII are compared as they are */
    static const char *const accented[] = {"d\xC3\xA9j\xC3\xA0", NULL};
    assert_true(word_in_ci(accented, "D\xC3\xA9j\xC3\xA0", 6));
    assert_false(word_in_ci(accented, "D\xC3\x89J\xC3\x80", 6));
    /* the first byte is folded as the rest are */
    assert_false(word_in_ci(list, "R", 1));
    static const char *const empty[] = {"x", "", NULL};
    assert_true(word_in_ci(empty, "", 0));
    assert_true(word_in_ci(empty, "X", 1));
    assert_false(word_in_ci(empty, "\0x", 2));
}

static void test_of_words(void **state)
{
    (void)state;
    assert_true(word_in(lex_of_words, "sur", 3));
    assert_true(word_in(lex_of_words, "von", 3));
    assert_false(word_in(lex_of_words, "out", 3));
    /* score_forms.c matches these as phrase prefixes in order: a longer
     * word must come before a shorter one it begins with */
    for (size_t i = 0; lex_of_words[i]; i++)
        for (size_t j = i + 1; lex_of_words[j]; j++) {
            assert_false(
                strlen(lex_of_words[j]) > strlen(lex_of_words[i]) &&
                !strncmp(lex_of_words[j], lex_of_words[i], strlen(lex_of_words[i])));
        }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_word_in),
        cmocka_unit_test(test_word_in_ci),
        cmocka_unit_test(test_of_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
