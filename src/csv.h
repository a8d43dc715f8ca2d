/* csv.h — the CSV writer (csv.c): RFC 4180 fields and records, shared by
 * reel_json_to_csv and the whole-store export (store/export.c).
 */
#ifndef REEL_CSV_H
#define REEL_CSV_H

#include "internal.h"

/* Append `s` as one field (NULL: an empty one), quoted when it must be. */
void csv_field(buf *out, const char *s);
/* A number as a field: whole numbers without a point, NAN empty. */
void csv_number(buf *out, double v);
/* End a record (CRLF, as RFC 4180 has it). */
void csv_end(buf *out);

#endif
