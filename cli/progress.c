/* progress.c — the progress line on stderr for long commands: articles
 * read (not files: one JSON-lines or WARC file holds thousands), bytes of
 * the input when its size is known (so one big file moves too), the rate and
 * the time left. It is redrawn in place and never wider than the terminal
 * (TIOCGWINSZ, else $COLUMNS, else 80) so it cannot wrap into stale lines;
 * nothing at all when stderr is not a terminal or with --quiet.
 */
#include "cli.h"
#include "width.h"

#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Columns of the terminal on stderr. */
static int term_columns(void)
{
    struct winsize ws;
    if (ioctl(2, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
    const char *c = getenv("COLUMNS");
    int n = c ? atoi(c) : 0;
    return n > 0 ? n : 80;
}

void cli_progress_start(cli_progress *p, const char *label, size_t total, int quiet)
{
    memset(p, 0, sizeof *p);
    p->on = !quiet && isatty(2);
    p->total = total;
    p->label = label;
    p->start = now();
}

/* "12.3 MB" */
static void human_bytes(char *out, size_t n, double b)
{
    static const char *unit[] = {"B", "kB", "MB", "GB", "TB"};
    int u = 0;
    while (b >= 1000 && u < 4)
        b /= 1000, u++;
    snprintf(out, n, u ? "%.1f %s" : "%.0f %s", b, unit[u]);
}

static void human_time(char *out, size_t n, double s)
{
    long t = (long)(s + 0.5);
    if (t >= 3600)
        snprintf(out, n, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
    else
        snprintf(out, n, "%ld:%02ld", t / 60, t % 60);
}

/* Draw: label, bar, percent, counts, rate, ETA, then the current name in
 * what is left. Pieces are dropped from the right end of the line (name,
 * then bar) rather than ever going past width - 1 (the last column would
 * wrap on some terminals). */
static void draw(cli_progress *p, const char *what)
{
    int cols = term_columns() - 1;
    double t = now(), el = t - p->start;
    double frac = -1;
    if (p->bytes_total > 0)
        frac = (double)p->bytes_done / (double)p->bytes_total;
    else if (p->total > 1 || (p->total == 1 && !p->docs))
        frac = (double)p->done / (double)p->total; /* one stream (stdin): unknown */
    if (frac > 1) frac = 1;
    char stats[160], part[64];
    size_t k = 0;
    if (frac >= 0)
        k += (size_t)snprintf(stats + k, sizeof stats - k, "%3.0f%% ", frac * 100);
    if (p->docs) {
        k += (size_t)snprintf(stats + k, sizeof stats - k, "%zu article%s", p->docs,
                              p->docs == 1 ? "" : "s");
    } else {
        k += (size_t)snprintf(stats + k, sizeof stats - k, "%zu", p->done);
        if (p->total)
            k += (size_t)snprintf(stats + k, sizeof stats - k, "/%zu", p->total);
    }
    if (p->bytes_total > 0) {
        char a[24], b[24];
        human_bytes(a, sizeof a, (double)p->bytes_done);
        human_bytes(b, sizeof b, (double)p->bytes_total);
        k += (size_t)snprintf(stats + k, sizeof stats - k, ", %s/%s", a, b);
    }
    size_t count = p->docs ? p->docs : p->done;
    if (el >= 1 && count) {
        double rate = (double)count / el;
        k += (size_t)snprintf(stats + k, sizeof stats - k, ", %.*f/s", rate < 10 ? 1 : 0,
                              rate);
    }
    if (el >= 1 && frac > 0.001 && frac < 1) {
        human_time(part, sizeof part, el * (1 - frac) / frac);
        k += (size_t)snprintf(stats + k, sizeof stats - k, ", ETA %s", part);
    }
    (void)k;
    int label_w = cli_width(p->label), stats_w = cli_width(stats);
    /* the bar takes what is left after label and stats, 10 to 30 wide */
    int bar_w = cols - label_w - stats_w - 4 - 12; /* keep 12 for the name */
    if (bar_w > 30) bar_w = 30;
    if (bar_w < 10 || frac < 0) bar_w = 0;
    fprintf(stderr, "\r\033[K");
    int used = cli_put_cols(stderr, p->label, cols, 0);
    if (bar_w) {
        char bar[40];
        int fill = (int)(frac * bar_w);
        for (int i = 0; i < bar_w; i++)
            bar[i] = i < fill ? '#' : '-';
        bar[bar_w] = 0;
        if (used + bar_w + 3 <= cols) used += fprintf(stderr, " [%s]", bar);
    }
    if (used + 1 < cols) {
        fputc(' ', stderr);
        used += 1 + cli_put_cols(stderr, stats, cols - used - 1, 0);
    }
    /* the name's end is what tells files apart: cut from the left */
    const char *name = what ? what : "";
    int room = cols - used - 2;
    if (*name && room >= 8) {
        while (*name && cli_width(name) > room - 1) {
            name++;
            while ((*name & 0xC0) == 0x80)
                name++;
        }
        fprintf(stderr, "  %s%s", name == (what ? what : "") ? "" : "\xE2\x80\xA6", name);
    }
    fflush(stderr);
}

static int due(cli_progress *p, int last)
{
    double t = now();
    if (!last && t - p->last < 0.1) return 0;
    p->last = t;
    return 1;
}

void cli_progress_step(cli_progress *p, size_t done, const char *what)
{
    p->done = done;
    if (p->on && due(p, done >= p->total)) draw(p, what);
}

void cli_progress_doc(cli_progress *p, uint64_t bytes_done, const char *what)
{
    p->docs++;
    if (bytes_done > p->bytes_done) p->bytes_done = bytes_done;
    if (p->on && due(p, 0)) draw(p, what);
}

void cli_progress_file(cli_progress *p, size_t file, uint64_t bytes_done,
                       const char *what)
{
    p->done = file;
    if (bytes_done > p->bytes_done) p->bytes_done = bytes_done;
    if (p->on && due(p, file >= p->total)) draw(p, what);
}

void cli_progress_end(cli_progress *p)
{
    if (p->on) fprintf(stderr, "\r\033[K");
}
