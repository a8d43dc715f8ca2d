/* read_warc.c — WARC 1.0/1.1 reader (plain and .warc.gz). Being written on
 * its own branch; until it lands a WARC input is refused with a clear error.
 */
#include "reader.h"

int reader_warc_init(reel_reader *r)
{
    return reel_error(r->ctx, REEL_EFORMAT, "%s: WARC input is not supported by this build",
                      r->path);
}
