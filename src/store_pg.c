/* store_pg.c — placeholder until the PostgreSQL branch lands (it replaces
 * this file): a postgres:// URL is refused with a clear message. */
#include "store.h"

int store_pg_open(reel_ctx *ctx, reel_store **out, const char *url)
{
    *out = NULL;
    (void)url;
    return reel_error(ctx, REEL_EDB, "PostgreSQL is not supported by this build yet");
}
