/* test_date.c — date_parse (src/date.c) over tests/data/dates.spec. */
#include "helpers.h"

static void check_case(const char *name, const char *input, const char *expected)
{
    char iso[11];
    size_t used = date_parse(input, strlen(input), iso);
    char got[64];
    if (used)
        snprintf(got, sizeof got, "%s %zu\n", iso, used);
    else
        snprintf(got, sizeof got, "none\n");
    if (strcmp(got, expected) != 0) {
        fprintf(stderr, "case '%s': expected %sgot %s", name, expected, got);
        fail();
    }
}

static void test_spec(void **state)
{
    (void)state;
    assert_true(run_spec("dates.spec", check_case) >= 12);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_spec)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
