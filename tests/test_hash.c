/* test_hash.c — the hashes of src/hash.c against published vectors (FNV-1a,
 * SplitMix64, SHA-256), and hash_bytes pinned to the values reel has always
 * computed (its tables and the server's ETags follow from them). */
#include "helpers.h"

static void test_fnv1a(void **state)
{
    (void)state;
    assert_true(fnv1a(FNV1A_BASIS, "", 0) == 0xcbf29ce484222325ULL);
    assert_true(fnv1a(FNV1A_BASIS, "a", 1) == 0xaf63dc4c8601ec8cULL);
    assert_true(fnv1a(FNV1A_BASIS, "foobar", 6) == 0x85944171f73967e8ULL);
    /* hashing on from an earlier result is hashing the whole */
    assert_true(fnv1a(fnv1a(FNV1A_BASIS, "foo", 3), "bar", 3) == 0x85944171f73967e8ULL);
    uint64_t h = FNV1A_BASIS;
    for (const char *p = "foobar"; *p; p++)
        h = fnv1a_step(h, (unsigned char)*p);
    assert_true(h == 0x85944171f73967e8ULL);
}

static void test_hash_bytes(void **state)
{
    (void)state;
    assert_true(hash_bytes("a", 1) == 0x44bd8ad473cd9906ULL);
    assert_true(hash_bytes("Vertigo", 7) == 0x3b2a277d142a7441ULL);
    assert_true(hash_bytes("", 0) == HASH_BASIS);
}

static void test_splitmix64(void **state)
{
    (void)state;
    uint64_t s = 0;
    assert_true(splitmix64_next(&s) == 0xe220a8397b1dcdafULL);
    assert_true(splitmix64_next(&s) == 0x6e789e6aa1b965f4ULL);
    assert_true(splitmix64_next(&s) == 0x06c45d188009454fULL);
    assert_true(s == 3 * SPLITMIX64_GAMMA);
    assert_true(splitmix64_mix(SPLITMIX64_GAMMA) == 0xe220a8397b1dcdafULL);
}

static void test_sha256(void **state)
{
    (void)state;
    char hex[65];
    assert_int_equal(sha256_hex("abc", 3, hex), 0);
    assert_string_equal(
        hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fnv1a),
        cmocka_unit_test(test_hash_bytes),
        cmocka_unit_test(test_splitmix64),
        cmocka_unit_test(test_sha256),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
