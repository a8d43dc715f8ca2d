/* width.h — strings measured and cut in terminal columns (utf8proc). */
#ifndef REEL_CLI_WIDTH_H
#define REEL_CLI_WIDTH_H

#include <stdio.h>

/* Display width of a UTF-8 string in terminal columns. */
int cli_width(const char *s);
/* Print s in at most `cols` columns (cut at a character boundary, "…" when
 * cut), then spaces up to `cols` when `pad`; returns the columns used. */
int cli_put_cols(FILE *out, const char *s, int cols, int pad);

#endif
