/* lines.h — JSON lines from files or standard input, for `merge` and
 * `load`: each line with its optional Hadoop-style "KEY<TAB>" prefix
 * removed, numbered for messages. */
#ifndef REEL_CLI_LINES_H
#define REEL_CLI_LINES_H

#include <stdio.h>

typedef struct {
    const char **paths; /* "-" is standard input */
    int n, at;
    FILE *f;
    const char *path;  /* the file being read */
    size_t line_no;    /* in that file */
    char *line;        /* getline's buffer */
    size_t cap;
    size_t errors;     /* files that could not be opened (reported) */
} cli_lines;

/* Start on `paths` (none: standard input). */
void cli_lines_open(cli_lines *L, const char **paths, int n);
/* The next non-blank line: its JSON part (after "KEY\t", without the line
 * end) in *json, and the key part (NULL when none, NUL-terminated in the
 * same buffer) in *key. 1 on a line, 0 at the end of all inputs. */
int cli_lines_next(cli_lines *L, char **json, char **key);
void cli_lines_close(cli_lines *L);

#endif
