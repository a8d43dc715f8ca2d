/* walk.c — the files named on the command line: directories recursively
 * (in name order, so runs are repeatable), following symbolic links but
 * never the same directory twice, so a link back up the tree is reported as
 * a loop instead of walked forever. "-" stands for standard input.
 */
#include "walk.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct {
    dev_t dev;
    ino_t ino;
} dir_id;

typedef struct {
    cli_files *out;
    dir_id *seen;
    size_t n_seen, cap_seen;
} walker;

static int push(cli_files *f, const char *path)
{
    if (f->n == f->cap) {
        size_t cap = f->cap ? f->cap * 2 : 64;
        char **p = realloc(f->paths, cap * sizeof *p);
        if (!p) return -1;
        f->paths = p;
        f->cap = cap;
    }
    f->paths[f->n] = strdup(path);
    if (!f->paths[f->n]) return -1;
    f->n++;
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk(walker *w, const char *path, int depth)
{
    struct stat st;
    if (strcmp(path, "-") == 0) {
        push(w->out, path);
        return;
    }
    if (stat(path, &st) != 0) {
        fprintf(stderr, "reel: %s: %s\n", cli_safe(path), strerror(errno));
        w->out->errors++;
        return;
    }
    if (!S_ISDIR(st.st_mode)) {
        if (S_ISREG(st.st_mode) || depth == 0)
            push(w->out, path); /* a FIFO or device named directly is read as given */
        return;
    }
    for (size_t i = 0; i < w->n_seen; i++)
        if (w->seen[i].dev == st.st_dev && w->seen[i].ino == st.st_ino) {
            fprintf(stderr, "reel: %s: directory loop (already visited), skipped\n",
                    cli_safe(path));
            w->out->errors++;
            return;
        }
    if (w->n_seen == w->cap_seen) {
        size_t cap = w->cap_seen ? w->cap_seen * 2 : 32;
        dir_id *p = realloc(w->seen, cap * sizeof *p);
        if (!p) return;
        w->seen = p;
        w->cap_seen = cap;
    }
    w->seen[w->n_seen].dev = st.st_dev;
    w->seen[w->n_seen].ino = st.st_ino;
    w->n_seen++;
    DIR *d = opendir(path);
    if (!d) {
        fprintf(stderr, "reel: %s: cannot open directory: %s\n", cli_safe(path),
                strerror(errno));
        w->out->errors++;
        return;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') continue; /* ., .., hidden files */
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            char **p = realloc(names, cap * sizeof *p);
            if (!p) break;
            names = p;
        }
        names[n] = strdup(e->d_name);
        if (names[n]) n++;
    }
    closedir(d);
    qsort(names, n, sizeof *names, cmp_str);
    size_t plen = strlen(path);
    for (size_t i = 0; i < n; i++) {
        size_t len = plen + strlen(names[i]) + 2;
        char *child = malloc(len);
        if (child) {
            snprintf(child, len, "%s%s%s", path, path[plen - 1] == '/' ? "" : "/", names[i]);
            walk(w, child, depth + 1);
            free(child);
        }
        free(names[i]);
    }
    free(names);
}

void cli_files_collect(cli_files *out, char **paths, int n)
{
    walker w = {out, NULL, 0, 0};
    for (int i = 0; i < n; i++) {
        w.n_seen = 0; /* each argument is its own tree */
        walk(&w, paths[i], 0);
    }
    free(w.seen);
}

void cli_files_free(cli_files *f)
{
    for (size_t i = 0; i < f->n; i++) free(f->paths[i]);
    free(f->paths);
    memset(f, 0, sizeof *f);
}
