/* helpers.h — shared by the cmocka tests: run the pipeline on a string,
 * read fixture files, find ../shared (tests that need it skip loudly when
 * it is absent), read spec files of cases.
 */
#ifndef REEL_TEST_HELPERS_H
#define REEL_TEST_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h> /* after the headers it needs */

#include "internal.h"

#include <stdio.h>
#include <sys/stat.h>

static inline const char *src_dir(void)
{
    const char *s = getenv("REEL_SRC");
    return s && *s ? s : ".";
}

/* ../shared beside the source tree, or NULL. */
static inline const char *shared_dir(void)
{
    static char path[4096];
    snprintf(path, sizeof path, "%s/../shared", src_dir());
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode) ? path : NULL;
}

#define REQUIRE_SHARED()                                                                 \
    do {                                                                                 \
        if (!shared_dir()) {                                                             \
            fprintf(stderr, "SKIP: ../shared is absent; this test needs its data\n");    \
            skip();                                                                      \
        }                                                                                \
    } while (0)

static inline char *slurp(const char *path, size_t *len)
{
    return file_slurp(path, len);
}

/* Process a string through the whole per-article pipeline. */
static inline reel_doc *process_str(reel_ctx *ctx, const char *s, reel_format fmt)
{
    reel_doc *d = NULL;
    int rc = reel_process(&d, ctx, s, strlen(s), "test", fmt);
    if (rc) fprintf(stderr, "process failed: %s\n", reel_errmsg(ctx));
    return d;
}

static inline reel_doc *process_file(reel_ctx *ctx, const char *path)
{
    size_t len = 0;
    char *s = slurp(path, &len);
    if (!s) return NULL;
    reel_doc *d = NULL;
    if (reel_process(&d, ctx, s, len, path, REEL_FORMAT_AUTO))
        fprintf(stderr, "process %s failed: %s\n", path, reel_errmsg(ctx));
    free(s);
    return d;
}

/* Spec files: cases separated by lines "### name", input and expected
 * output separated by a line "---". Calls fn(name, input, expected). */
typedef void (*spec_fn)(const char *name, const char *input, const char *expected);
static inline int run_spec(const char *file, spec_fn fn)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/data/%s", src_dir(), file);
    char *all = slurp(path, NULL);
    if (!all) {
        fprintf(stderr, "%s: missing spec file\n", path);
        return -1;
    }
    int n = 0;
    char *p = strstr(all, "### ");
    while (p) {
        char *name = p + 4;
        char *nl = strchr(name, '\n');
        if (!nl) break;
        *nl = 0;
        char *input = nl + 1;
        char *next = strstr(input, "\n### ");
        if (next) next[1] = 0; /* cut before next case; keep trailing newline */
        char *sep = strstr(input, "\n---\n");
        char *expected = "";
        if (sep) {
            sep[1] = 0;
            expected = sep + 5;
        }
        /* a blank line separates cases: not part of the expected text */
        size_t el = strlen(expected);
        while (el >= 2 && expected[el - 1] == '\n' && expected[el - 2] == '\n')
            expected[--el] = 0;
        if (el == 1 && expected[0] == '\n') expected[0] = 0; /* an empty case */
        /* drop the newline that ends the input block */
        size_t il = strlen(input);
        if (il && input[il - 1] == '\n') input[il - 1] = 0;
        fn(name, input, expected);
        n++;
        p = next ? next + 1 : NULL;
    }
    free(all);
    return n;
}

/* Remove an SQLite store file and the -wal and -shm files beside it. */
static inline void store_file_rm(const char *path)
{
    static const char *const ends[] = {"", "-wal", "-shm"};
    char x[4200];
    for (size_t i = 0; i < 3; i++) {
        snprintf(x, sizeof x, "%s%s", path, ends[i]);
        remove(x);
    }
}

/* Hostile markup rendered inert: no script, image, handler or javascript: link. */
static inline void assert_inert(const char *html)
{
    assert_null(strstr(html, "<script"));
    assert_null(strstr(html, "<img"));
    assert_null(strstr(html, "onerror=\""));
    assert_null(strstr(html, "href=\"javascript:"));
}

/* How many times `what` occurs in s (not overlapping). */
static inline size_t count_substr(const char *s, const char *what)
{
    size_t n = 0;
    for (const char *p = s; (p = strstr(p, what)); p += strlen(what))
        n++;
    return n;
}

#endif
