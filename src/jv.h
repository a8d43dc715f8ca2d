/* jv.h — JSON values read and written the same way everywhere in the
 * library (jv.c): members taken defensively from records, reports and the
 * store's JSON (a wrong type reads as absent), numbers rounded for output.
 */
#ifndef REEL_JV_H
#define REEL_JV_H

#include <jansson.h>
#include <stddef.h>

/* The string member k of o ("" included), or NULL when absent or not a
 * string. Borrowed from o. */
const char *jv_string(json_t *o, const char *k);
/* The same for a member with something in it: NULL for "" too. */
const char *jv_str(json_t *o, const char *k);
/* A finite number member into *v: 1, else 0 (*v may be written). */
int jv_num(json_t *o, const char *k, double *v);
/* An integer member, or 0. */
long jv_int(json_t *o, const char *k);
/* A span [a, b) with 0 <= a < b from a JSON pair: 1, else 0. */
int jv_span(json_t *span, size_t *a, size_t *b);
/* text parsed as a JSON object (new reference), or NULL. */
json_t *jv_load(const char *text);

/* v rounded to `places` decimals (0-4) as a new JSON real, or JSON null
 * when v is not finite. */
json_t *jv_round(double v, int places);

#endif
