/* context.c — the handle every call works through (reel_ctx): its limits,
 * its language fingerprints, and its sentiment model, which it owns and
 * loads (reel_ctx_load_model; the file format is analyze/sentiment.c's,
 * where to look by default model_default.c's). Errors are error.c's.
 */
#include "analyze/sentiment.h"

#include <errno.h>
#include <stdio.h>

int reel_ctx_new(reel_ctx **out)
{
    oom_watch_jansson();
    reel_ctx *c = calloc(1, sizeof *c);
    *out = c;
    if (!c) return REEL_ENOMEM;
    c->max_input = (size_t)64 << 20;
    c->model_lazy = 1; /* no I/O until something predicts (model_ensure) */
    c->langid = langid_load();
    return REEL_OK;
}

void reel_ctx_free(reel_ctx *ctx)
{
    if (!ctx) return;
    model_free(ctx->model);
    langid_free(ctx->langid);
    free(ctx->model_path);
    free(ctx);
}

void reel_ctx_set_max_input(reel_ctx *ctx, size_t bytes)
{
    ctx->max_input = bytes;
}
int reel_ctx_has_model(const reel_ctx *ctx)
{
    return ctx && ctx->model != NULL;
}

int reel_ctx_load_model(reel_ctx *ctx, const char *path)
{
    FILE *f = NULL;
    buf b;
    buf_init(&b);
    struct reel_model *m = NULL;
    char *pathcopy = NULL;
    int rc;
    if (!path) { /* no model, on purpose: nothing predicted, nothing said */
        model_free(ctx->model);
        free(ctx->model_path);
        ctx->model = NULL;
        ctx->model_path = NULL;
        ctx->model_lazy = 0;
        ctx->model_missing = 0;
        return REEL_OK;
    }
    f = fopen(path, "rb");
    if (!f) {
        rc = reel_error(ctx, REEL_EMODEL,
                        "%s: cannot open sentiment model: %s (train one with "
                        "`reel train`)",
                        path, strerror(errno));
        goto done;
    }
    char chunk[65536];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
        if (buf_append(&b, chunk, got)) break;
    if (ferror(f) || b.oom) {
        rc = reel_error(ctx, b.oom ? REEL_ENOMEM : REEL_EMODEL,
                        "%s: cannot read sentiment model", path);
        goto done;
    }
    rc = model_read(ctx, &m, b.data ? b.data : "", b.len, path);
    if (rc) goto done;
    pathcopy = strdup(path);
    if (!pathcopy) {
        rc = reel_error(ctx, REEL_ENOMEM, "%s: out of memory", path);
        goto done;
    }
    model_free(ctx->model);
    free(ctx->model_path);
    ctx->model = m;
    ctx->model_path = pathcopy;
    ctx->model_lazy = 0;
    ctx->model_missing = 0;
    m = NULL;
    pathcopy = NULL;
    rc = REEL_OK;
done:
    if (f) fclose(f);
    buf_free(&b);
    model_free(m);
    free(pathcopy);
    return rc;
}
