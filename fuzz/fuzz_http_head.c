/* fuzz_http_head.c — libFuzzer target for the check of a connection's
 * first request head (src/http/head.c), which decides from untrusted bytes
 * whether libmicrohttpd gets the connection. Checks what must hold for any
 * input: a known answer; a message with every refusal; the same answer for
 * the bytes given whole or cut at a line (a complete head does not change
 * its mind when more bytes come); a prefix of a head it takes is either
 * taken or waits for more.
 */
#include <stdint.h>
#include <stdio.h>

#include "http/http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > HTTP_MAX_HEAD + 16) size = HTTP_MAX_HEAD + 16;
    const char *p = (const char *)data;
    http_head h, h2;
    int st = http_head_check(p, size, &h);
    if (st != 0 && st != HTTP_HEAD_MORE && st != 400 && st != 414 && st != 431 &&
        st != 505)
        __builtin_trap();
    if (st > 0 && (h.status != st || !h.err[0])) __builtin_trap();
    if (st == 0) {
        /* more bytes after a complete head (a body, the next request) */
        char *more = malloc(size + 8);
        if (!more) return 0;
        memcpy(more, p, size);
        memcpy(more + size, "GARBAGE\n", 8);
        if (http_head_check(more, size + 8, &h2) != 0) __builtin_trap();
        free(more);
        /* any prefix is taken too or waits, never refused */
        for (size_t n = 0; n < size; n += 1 + n / 4) {
            int s2 = http_head_check(p, n, &h2);
            if (s2 != 0 && s2 != HTTP_HEAD_MORE) __builtin_trap();
        }
    }
    return 0;
}
