/* common.c — what every subcommand shares: the common options (--db,
 * --model, --json, --quiet), opening the context and the store with one
 * clear line on failure, finding the shipped model, the progress bar.
 */
#include "cli.h"
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifndef REEL_DATADIR
#define REEL_DATADIR "/usr/local/share/reel"
#endif

const char *cli_safe(const char *s)
{
    static char ring[8][4096];
    static unsigned next;
    char *out = ring[next++ % 8];
    text_escape(out, sizeof ring[0], s ? s : "");
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

int cli_common_opt(cli_common *c, int argc, char **argv, int *i)
{
    const char *a = argv[*i];
    if (!strcmp(a, "--json")) return c->json = 1, 1;
    if (!strcmp(a, "--quiet") || !strcmp(a, "-q")) return c->quiet = 1, 1;
    if (!strcmp(a, "--db") || !strcmp(a, "--model")) {
        if (*i + 1 >= argc) {
            fprintf(stderr, "reel: %s needs a value\n", cli_safe(a));
            return -1;
        }
        if (!strcmp(a, "--db"))
            c->db = argv[++*i];
        else
            c->model = argv[++*i];
        return 1;
    }
    if (!strncmp(a, "--db=", 5)) return c->db = a + 5, 1;
    if (!strncmp(a, "--model=", 8)) return c->model = a + 8, 1;
    return 0;
}

static int file_exists(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* The shipped model: beside the source tree of this binary (build/reel →
 * models/), or where `make install` put it. */
static const char *find_model(char *buf, size_t n)
{
    char exe[4096];
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (len > 0) {
        exe[len] = 0;
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = 0;
            static const char *rel[] = {"/../models/sentiment.model",
                                        "/../../models/sentiment.model",
                                        "/models/sentiment.model",
                                        "/../share/reel/sentiment.model"};
            for (size_t i = 0; i < sizeof rel / sizeof *rel; i++) {
                snprintf(buf, n, "%s%s", exe, rel[i]);
                if (file_exists(buf)) return buf;
            }
        }
    }
    snprintf(buf, n, "%s/sentiment.model", REEL_DATADIR);
    return file_exists(buf) ? buf : NULL;
}

reel_ctx *cli_ctx(const cli_common *c, int need_model)
{
    reel_ctx *ctx = NULL;
    if (reel_ctx_new(&ctx)) {
        fprintf(stderr, "reel: out of memory\n");
        return NULL;
    }
    char buf[4200];
    const char *path = c->model ? c->model : find_model(buf, sizeof buf);
    if (!path) {
        if (need_model) {
            fprintf(stderr, "reel: no sentiment model found; give one with --model FILE\n");
            reel_ctx_free(ctx);
            return NULL;
        }
        return ctx; /* no predictions: documented, never a made-up score */
    }
    if (reel_ctx_load_model(ctx, path) != 0) {
        /* a model that is there but broken is an error, never a silent 50 */
        fprintf(stderr, "reel: %s\n", reel_errmsg(ctx));
        reel_ctx_free(ctx);
        return NULL;
    }
    return ctx;
}

reel_store *cli_store(reel_ctx *ctx, const cli_common *c)
{
    reel_store *st = NULL;
    if (reel_store_open(ctx, &st, c->db) != 0) {
        fprintf(stderr, "reel: %s\n", reel_errmsg(ctx));
        return NULL;
    }
    return st;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void cli_progress_start(cli_progress *p, const char *label, size_t total, int quiet)
{
    memset(p, 0, sizeof *p);
    p->on = !quiet && isatty(2);
    p->total = total;
    p->label = label;
}

void cli_progress_step(cli_progress *p, size_t done, const char *what)
{
    p->done = done;
    if (!p->on) return;
    double t = now();
    if (t - p->last < 0.08 && done < p->total) return;
    p->last = t;
    const int width = 30;
    int fill = p->total ? (int)((double)done * width / (double)p->total) : 0;
    if (fill > width) fill = width;
    char bar[64];
    for (int i = 0; i < width; i++) bar[i] = i < fill ? '#' : '-';
    bar[width] = 0;
    const char *name = what ? what : "";
    size_t nl = strlen(name);
    if (nl > 40) name += nl - 40;
    if (p->total)
        fprintf(stderr, "\r\033[K%s [%s] %zu/%zu %s", p->label, bar, done, p->total,
                cli_safe(name));
    else
        fprintf(stderr, "\r\033[K%s %zu %s", p->label, done, cli_safe(name));
    fflush(stderr);
}

void cli_progress_end(cli_progress *p)
{
    if (p->on) fprintf(stderr, "\r\033[K");
}
