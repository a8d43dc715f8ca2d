/* jv.c — the JSON helpers every stage shares (jv.h): one way to take a
 * string, number, integer or span out of an object, whatever type the
 * member turned out to have, and one way to round a number for output.
 */
#include "jv.h"

#include <math.h>

const char *jv_string(json_t *o, const char *k)
{
    json_t *v = json_object_get(o, k);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

const char *jv_str(json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s && *s ? s : NULL;
}

int jv_num(json_t *o, const char *k, double *v)
{
    json_t *x = json_object_get(o, k);
    if (!json_is_number(x)) return 0;
    *v = json_number_value(x);
    return isfinite(*v);
}

long jv_int(json_t *o, const char *k)
{
    return (long)json_integer_value(json_object_get(o, k));
}

int jv_span(json_t *span, size_t *a, size_t *b)
{
    json_t *x = json_array_get(span, 0), *y = json_array_get(span, 1);
    if (!json_is_integer(x) || !json_is_integer(y)) return 0;
    json_int_t s = json_integer_value(x), e = json_integer_value(y);
    if (s < 0 || e <= s) return 0;
    *a = (size_t)s;
    *b = (size_t)e;
    return 1;
}

json_t *jv_load(const char *text)
{
    json_t *o = json_loads(text ? text : "", 0, NULL);
    if (json_is_object(o)) return o;
    json_decref(o);
    return NULL;
}

json_t *jv_round(double v, int places)
{
    static const double scale[] = {1.0, 10.0, 100.0, 1000.0, 10000.0};
    if (!isfinite(v)) return json_null();
    if (places < 0) places = 0;
    if (places > 4) places = 4;
    return json_real(round(v * scale[places]) / scale[places]);
}
