/* fuzz_date.c — date parsing on arbitrary bytes: never reads past the
 * input, and what it returns is a well-formed ISO date. */
#include "fuzz.h"
#include "internal.h"

#include <ctype.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *copy = malloc(size ? size : 1); /* exact size: ASan sees overreads */
    if (!copy) return 0;
    memcpy(copy, data, size);
    char iso[11];
    size_t used = date_parse(copy, size, iso);
    if (used > size) abort();
    if (used) {
        size_t n = strlen(iso);
        if (n != 10 && n != 7) abort();
        for (size_t i = 0; i < n; i++)
            if (!isdigit((unsigned char)iso[i]) && iso[i] != '-') abort();
    }
    free(copy);
    return 0;
}
