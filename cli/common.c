/* common.c — what every subcommand shares: the common options (--db,
 * --model, --json, --quiet; each command's getopt_long table holds them),
 * opening the context and the store with one clear line on failure,
 * finding the shipped model (the progress bar is progress.c).
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

const char *cli_s(size_t n)
{
    return n == 1 ? "" : "s";
}

const char *cli_safe(const char *s)
{
    static char ring[8][4096];
    static unsigned next;
    char *out = ring[next++ % 8];
    reel_text_escape(out, sizeof ring[0], s);
    return out;
}

void cli_common_defaults(cli_common *c)
{
    memset(c, 0, sizeof *c);
    c->db = getenv("REEL_DB");
    if (!c->db || !*c->db) c->db = "reel.db";
    c->model = getenv("REEL_MODEL");
    if (c->model && !*c->model) c->model = NULL;
}

int cli_common_take(cli_common *c, int ch, const char *arg)
{
    switch (ch) {
    case 'q':
        c->quiet = 1;
        return 1;
    case CLI_OPT_JSON:
        c->json = 1;
        return 1;
    case CLI_OPT_NO_MODEL:
        c->no_model = 1;
        return 1;
    case CLI_OPT_DB:
        c->db = arg;
        return 1;
    case CLI_OPT_MODEL:
        c->model = arg;
        return 1;
    case CLI_OPT_CSV:
        c->csv = 1;
        return 1;
    }
    return 0;
}

static int file_exists(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* The model beside this binary: in its source tree (build/reel →
 * models/), or in the share/reel of the tree it is installed in, wherever
 * that tree was moved (DESTDIR, the Debian package). */
static const char *model_beside_exe(char *buf, size_t n)
{
    char exe[4096];
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (len <= 0) return NULL;
    exe[len] = 0;
    char *slash = strrchr(exe, '/');
    if (!slash) return NULL;
    *slash = 0;
    static const char *rel[] = {
        "/../models/sentiment.model", "/../../models/sentiment.model",
        "/models/sentiment.model", "/../share/reel/sentiment.model"};
    for (size_t i = 0; i < sizeof rel / sizeof *rel; i++) {
        snprintf(buf, n, "%s%s", exe, rel[i]);
        if (file_exists(buf)) return buf;
    }
    return NULL;
}

reel_ctx *cli_ctx(const cli_common *c, int model)
{
    reel_ctx *ctx = NULL;
    if (reel_ctx_new(&ctx)) {
        fprintf(stderr, "reel: out of memory\n");
        return NULL;
    }
    if (model == CLI_MODEL_NONE || (c->no_model && model != CLI_MODEL_NEED)) {
        reel_ctx_load_model(ctx, NULL); /* nothing to predict, or told to go without */
        return ctx;
    }
    char buf[4200];
    const char *path = c->model ? c->model : model_beside_exe(buf, sizeof buf);
    /* a model that is there but broken is an error, never a silent 50 */
    int rc = path ? reel_ctx_load_model(ctx, path) : reel_ctx_load_default_model(ctx);
    if (rc == REEL_ENOTFOUND && !path) {
        if (model == CLI_MODEL_NEED) {
            fprintf(stderr, "reel: %s; give one with --model FILE\n", reel_errmsg(ctx));
            reel_ctx_free(ctx);
            return NULL;
        }
        /* no predictions: said once, never a made-up score */
        fprintf(stderr,
                "reel: %s; give one with --model FILE or $REEL_MODEL, or --no-model to "
                "go on without\n",
                reel_errmsg(ctx));
        return ctx;
    }
    if (rc != 0) {
        fprintf(stderr, "reel: %s\n", reel_errmsg(ctx));
        reel_ctx_free(ctx);
        return NULL;
    }
    return ctx;
}

static reel_store *open_store(reel_ctx *ctx, const cli_common *c, int mode)
{
    reel_store *st = NULL;
    if (reel_store_open_mode(&st, ctx, c->db, mode) != 0) {
        fprintf(stderr, "reel: %s\n", reel_errmsg(ctx));
        return NULL;
    }
    if (reel_store_created(st) && !c->quiet)
        fprintf(stderr, "reel: created new store %s\n", reel_store_name(st));
    return st;
}

reel_store *cli_store(reel_ctx *ctx, const cli_common *c)
{
    /* a mistyped --db is an error naming it, never a new empty store */
    return open_store(ctx, c, 0);
}

reel_store *cli_store_create(reel_ctx *ctx, const cli_common *c)
{
    return open_store(ctx, c, REEL_STORE_CREATE);
}
