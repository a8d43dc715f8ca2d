/* pending.c — subcommands whose branches have not landed yet; each says so
 * plainly and fails. Each is removed as its real file arrives. */
#include "cli.h"

static int pending(const char *name)
{
    fprintf(stderr, "reel %s: not available in this build yet\n", name);
    return EXIT_FAIL;
}

int cmd_migrate(int argc, char **argv) { (void)argc; return pending(argv[0]); }
