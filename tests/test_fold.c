/* test_fold.c — folded keys and film keys (src/fold.c). */
#include "helpers.h"

#include <utf8proc.h>

static void eq(const char *in, const char *want, int film)
{
    char *k = film ? reel_film_key(in, strlen(in)) : reel_fold(in, strlen(in));
    assert_non_null(k);
    if (strcmp(k, want)) fprintf(stderr, "'%s' -> '%s', want '%s'\n", in, k, want);
    assert_string_equal(k, want);
    free(k);
}

static void test_fold(void **state)
{
    (void)state;
    eq("Almodóvar", "almodovar", 0);
    eq("Pedro ALMODOVAR", "pedro almodovar", 0);
    eq("Penélope Cruz", "penelope cruz", 0);
    eq("  Pain & Glory!  ", "pain and glory", 0);
    eq("Céline Sciamma", "celine sciamma", 0);
    eq("Ocean’s 11", "oceans 11", 0);
    eq("Straße", "strasse", 0);
    eq("", "", 0);
}

static void test_film_key(void **state)
{
    (void)state;
    eq("Pain & Glory", "pain and glory", 1);
    eq("Pain and Glory (2019)", "pain and glory", 1);
    eq("PAIN AND GLORY", "pain and glory", 1);
    eq("The Irishman", "irishman", 1);
    eq("A Hidden Life", "hidden life", 1);
    eq("The", "the", 1);
}

static void test_invalid_utf8(void **state)
{
    (void)state;
    const char bad[] = "Almod\xF3var";
    char *k = reel_fold(bad, sizeof bad - 1);
    assert_non_null(k);
    assert_true(utf8_valid(k, strlen(k)));
    free(k);
}

/* utf8_valid reads ASCII eight bytes at a time: a bad or cut sequence is
 * found wherever it falls against those eight-byte steps. */
static void test_utf8_valid_steps(void **state)
{
    (void)state;
    char s[64];
    for (size_t at = 0; at < 24; at++) {
        memset(s, 'a', sizeof s);
        memcpy(s + at, "\xC3\xA9", 2); /* é */
        assert_true(utf8_valid(s, sizeof s));
        assert_false(utf8_valid(s, at + 1)); /* cut after its lead byte */
        s[at + 1] = 'x';                     /* lead byte without its tail */
        assert_false(utf8_valid(s, sizeof s));
        s[at] = (char)0xFF; /* never in UTF-8 */
        assert_false(utf8_valid(s, sizeof s));
    }
    assert_true(utf8_valid("", 0));
    assert_true(utf8_valid("abcdefghijklmnop", 16));
}

/* utf8_next decodes by hand what utf8proc_iterate decodes (callers' bytes
 * and outputs depend on the two agreeing): every lead and second byte,
 * with third and fourth bytes from each class, cut at every length. */
static void test_utf8_next_as_utf8proc(void **state)
{
    (void)state;
    static const unsigned char tail[] = {0x41, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0};
    unsigned char b[4];
    long bad = 0;
    for (unsigned x = 0; x < 65536; x++) {
        b[0] = (unsigned char)(x >> 8);
        b[1] = (unsigned char)x;
        for (size_t t = 0; t < sizeof tail * sizeof tail; t++) {
            b[2] = tail[t / sizeof tail];
            b[3] = tail[t % sizeof tail];
            for (size_t len = 0; len <= 4; len++) {
                size_t i = 0;
                int32_t got = utf8_next((const char *)b, len, &i);
                utf8proc_int32_t cp;
                utf8proc_ssize_t n = utf8proc_iterate(b, (utf8proc_ssize_t)len, &cp);
                if (got != (n > 0 ? cp : -1) || i != (n > 0 ? (size_t)n : 1)) bad++;
            }
        }
    }
    assert_int_equal(bad, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fold),
        cmocka_unit_test(test_film_key),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_utf8_valid_steps),
        cmocka_unit_test(test_utf8_next_as_utf8proc),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
