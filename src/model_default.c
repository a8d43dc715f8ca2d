/* model_default.c — where a program finds the sentiment model when it does
 * not name one: $REEL_MODEL, else the one `make install` or the Debian
 * package put in DATADIR/reel, found from the install prefix this library
 * was built for or from where the library itself lies (a package installs
 * under /usr what was built for /usr/local; a DESTDIR tree is moved whole).
 * reel_ctx_new promises this model but loads it only on the first
 * prediction (model_ensure): a context is cheap (fuzzers and tests make
 * thousands, most programs only read stores); a model is megabytes of I/O.
 */
#include "internal.h"

#include <dlfcn.h>
#include <sys/stat.h>

#ifndef REEL_MODEL_DIR
#define REEL_MODEL_DIR "/usr/local/share/reel"
#endif

const char *reel_model_installed_path(void)
{
    return REEL_MODEL_DIR "/sentiment.model";
}

static int is_file(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* DATADIR/reel beside the file this code was loaded from: LIBDIR is lib/
 * or lib/<multiarch>/ (shared library), BINDIR is bin/ (a program linked
 * with the static library). */
static int beside_binary(char *out, size_t n)
{
    Dl_info info;
    if (!dladdr((void *)reel_model_installed_path, &info) || !info.dli_fname) return 0;
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", info.dli_fname);
    char *slash = strrchr(dir, '/');
    if (!slash) return 0;
    *slash = 0;
    static const char *const up[] = {"/../share/reel/sentiment.model",
                                     "/../../share/reel/sentiment.model"};
    for (size_t i = 0; i < sizeof up / sizeof *up; i++) {
        snprintf(out, n, "%s%s", dir, up[i]);
        if (is_file(out)) return 1;
    }
    return 0;
}

int reel_ctx_load_default_model(reel_ctx *ctx)
{
    const char *env = getenv("REEL_MODEL");
    if (env && *env) return reel_ctx_load_model(ctx, env);
    const char *path = reel_model_installed_path();
    char near[4200];
    if (!is_file(path) && beside_binary(near, sizeof near)) path = near;
    if (!is_file(path)) {
        ctx->model_lazy = 0;
        ctx->model_missing = !ctx->model;
        return reel_error(ctx, REEL_ENOTFOUND,
                          "no sentiment model found ($REEL_MODEL is not set and %s is "
                          "missing): articles get no predicted verdicts",
                          reel_model_installed_path());
    }
    return reel_ctx_load_model(ctx, path);
}

int model_ensure(reel_ctx *ctx)
{
    if (!ctx || !ctx->model_lazy) return REEL_OK;
    int rc = reel_ctx_load_default_model(ctx);
    /* none found is no error: the records say so (not_analysed); one that
     * is there but broken fails this call, and the next, until fixed */
    return rc == REEL_ENOTFOUND ? REEL_OK : rc;
}

const char *reel_ctx_model_path(const reel_ctx *ctx)
{
    return ctx && ctx->model ? ctx->model_path : NULL;
}
