/* lines.c — the input side of `reel merge` and `reel load`: lines from each
 * file in turn (or standard input), with the "KEY<TAB>" prefix that Hadoop
 * Streaming and `reel extract --partials` put before a partial split off.
 * A file that cannot be opened is one message and the rest go on.
 */
#include "lines.h"
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

void cli_lines_open(cli_lines *L, const char **paths, int n)
{
    static const char *stdin_only[] = {"-"};
    memset(L, 0, sizeof *L);
    L->paths = n ? paths : stdin_only;
    L->n = n ? n : 1;
}

static void close_current(cli_lines *L)
{
    if (L->f && L->f != stdin) fclose(L->f);
    L->f = NULL;
}

int cli_lines_next(cli_lines *L, char **json, char **key)
{
    for (;;) {
        if (!L->f) {
            if (L->at >= L->n) return 0;
            L->path = L->paths[L->at++];
            L->line_no = 0;
            L->f = strcmp(L->path, "-") ? fopen(L->path, "rb") : stdin;
            if (!L->f) {
                fprintf(stderr, "reel: %s: %s\n", cli_safe(L->path), strerror(errno));
                L->errors++;
                continue;
            }
        }
        ssize_t n = getline(&L->line, &L->cap, L->f);
        if (n < 0) {
            if (ferror(L->f)) {
                fprintf(stderr, "reel: %s: read error\n", cli_safe(L->path));
                L->errors++;
            }
            close_current(L);
            continue;
        }
        L->line_no++;
        /* the line end, and the tab Hadoop's TextOutputFormat leaves after
         * a line that had no key */
        while (n > 0 && (L->line[n - 1] == '\n' || L->line[n - 1] == '\r' ||
                         L->line[n - 1] == '\t' || L->line[n - 1] == ' '))
            L->line[--n] = 0;
        char *s = L->line;
        while (*s == ' ' || *s == '\t')
            s++;
        if (!*s) continue;
        *key = NULL;
        if (*s != '{') {
            /* "KEY<TAB>{...}": the key is only for the engine's partitioning;
             * the JSON carries its own */
            char *tab = strchr(s, '\t');
            if (tab) {
                *tab = 0;
                *key = s;
                s = tab + 1;
            }
        }
        *json = s;
        return 1;
    }
}

void cli_lines_close(cli_lines *L)
{
    close_current(L);
    free(L->line);
    L->line = NULL;
}
