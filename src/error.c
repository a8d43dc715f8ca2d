/* error.c — how the library says what went wrong: the message on the
 * context (reel_errmsg, set by reel_error as one escaped line), and the
 * count of allocation failures a step asks about (oom_mark / oom_since),
 * jansson's included, so a result short of a part is an error, not an answer.
 */
#include "internal.h"

#include <jansson.h>
#include <pthread.h>
#include <stdio.h>

const char *reel_errmsg(const reel_ctx *ctx)
{
    return ctx ? ctx->errmsg : "";
}

int reel_error(reel_ctx *ctx, int code, const char *fmt, ...)
{
    if (!ctx) return code;
    /* messages quote input (file names, URLs): escaped, they stay one line
     * of plain text wherever they are printed */
    char raw[sizeof ctx->errmsg];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(raw, sizeof raw, fmt, ap);
    va_end(ap);
    text_escape(ctx->errmsg, sizeof ctx->errmsg, raw);
    return code;
}

/* jansson reports a failed allocation only as a NULL that the builders of
 * reports and records pass on to json_object_set_new, which drops it: the
 * JSON comes out short, not as an error. Its allocations go through this
 * wrapper, which notes a failure on the thread, so a builder asks
 * oom_since() after its work and answers REEL_ENOMEM. Installed
 * only over jansson's defaults (a host's own allocator is left alone). */
static _Thread_local unsigned failures;

static void *json_malloc_noted(size_t n)
{
    void *p = malloc(n);
    if (!p) failures++;
    return p;
}

static void json_alloc_install(void)
{
    json_malloc_t m = NULL;
    json_free_t f = NULL;
    json_get_alloc_funcs(&m, &f);
    if (m == malloc && f == free) json_set_alloc_funcs(json_malloc_noted, free);
}

void oom_watch_jansson(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, json_alloc_install);
}

unsigned oom_mark(void)
{
    return failures;
}

int oom_since(unsigned mark)
{
    return failures != mark;
}

void oom_note(void)
{
    failures++;
}
