/* walk.h — collecting input files from paths and directories. */
#ifndef REEL_CLI_WALK_H
#define REEL_CLI_WALK_H

#include "cli.h"

typedef struct {
    char **paths;
    size_t n, cap;
    size_t errors; /* paths that could not be walked (reported on stderr) */
} cli_files;

/* Expand `paths` (files, directories, "-") into files, reporting what
 * cannot be read or loops on stderr. */
void cli_files_collect(cli_files *out, char **paths, int n);
void cli_files_free(cli_files *f);

#endif
