/* csv.c — tables as CSV (RFC 4180): a field is quoted when it holds a
 * comma, a quote, CR or LF (quotes doubled), records end in CRLF, text
 * stays UTF-8 (invalid bytes repaired, never passed on). One writer for
 * every table reel gives out: the list answers of the CLI (--csv, through
 * reel_json_to_csv) and the whole-store export (store/export.c).
 */
#include "csv.h"

#include <jansson.h>
#include <math.h>

void csv_field(buf *out, const char *s)
{
    if (!s) return;
    size_t n = strlen(s);
    buf clean;
    buf_init(&clean);
    if (!utf8_valid(s, n)) { /* repaired, not passed on as bytes no reader takes */
        utf8_repair(&clean, s, n);
        buf_putc(&clean, 0);
        if (!clean.oom) s = clean.data, n = strlen(clean.data);
    }
    if (strcspn(s, ",\"\r\n") == n) {
        buf_append(out, s, n);
    } else {
        buf_putc(out, '"');
        for (const char *p = s; *p; p++) {
            if (*p == '"') buf_putc(out, '"');
            buf_putc(out, *p);
        }
        buf_putc(out, '"');
    }
    buf_free(&clean);
}

void csv_number(buf *out, double v)
{
    if (!isfinite(v)) return;
    if (v == floor(v) && fabs(v) < 1e15)
        buf_printf(out, "%.0f", v);
    else
        buf_printf(out, "%.12g", v);
}

void csv_end(buf *out)
{
    buf_append(out, "\r\n", 2);
}

/* A JSON value as one cell: strings as they are, numbers plainly, true and
 * false as words, null empty, arrays and objects as compact JSON. */
static void cell(buf *out, json_t *v)
{
    if (!v || json_is_null(v)) return;
    if (json_is_string(v)) {
        csv_field(out, json_string_value(v));
    } else if (json_is_integer(v)) {
        buf_printf(out, "%lld", (long long)json_integer_value(v));
    } else if (json_is_real(v)) {
        csv_number(out, json_real_value(v));
    } else if (json_is_boolean(v)) {
        buf_puts(out, json_is_true(v) ? "true" : "false");
    } else {
        char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY | JSON_SORT_KEYS);
        csv_field(out, s);
        free(s);
    }
}

/* The column names of one row, nested objects as "a.b", in first-seen
 * order, added to `cols` (name -> index) and `order`; the names that are
 * objects in some row go in `objs` (a null "score" in one row is the
 * "score.raw" ... columns of the others, not a column of its own). */
static void columns_of(json_t *row, const char *prefix, json_t *cols, json_t *order,
                       json_t *objs)
{
    const char *k;
    json_t *v;
    json_object_foreach(row, k, v)
    {
        char name[512];
        snprintf(name, sizeof name, "%s%s%s", prefix, *prefix ? "." : "", k);
        if (json_is_object(v) && json_object_size(v)) {
            json_object_set_new(objs, name, json_true());
            columns_of(v, name, cols, order, objs);
        } else if (!json_object_get(cols, name)) {
            json_object_set_new(cols, name,
                                json_integer((json_int_t)json_array_size(order)));
            json_array_append_new(order, json_string(name));
        }
    }
}

/* The value at a dotted column name; NULL when the row has none. */
static json_t *value_at(json_t *row, const char *name)
{
    json_t *v = json_object_get(row, name);
    if (v) return v;
    const char *dot = strchr(name, '.');
    while (dot) {
        char head[512];
        size_t n = (size_t)(dot - name);
        if (n < sizeof head) {
            memcpy(head, name, n);
            head[n] = 0;
            json_t *sub = json_object_get(row, head);
            if (json_is_object(sub)) {
                json_t *r = value_at(sub, dot + 1);
                if (r) return r;
            }
        }
        dot = strchr(dot + 1, '.');
    }
    return NULL;
}

int reel_json_to_csv(char **out, reel_ctx *ctx, const char *json_rows,
                     const char *const *first)
{
    *out = NULL;
    json_error_t e;
    json_t *rows = json_loads(json_rows ? json_rows : "", 0, &e);
    if (!json_is_array(rows)) {
        json_decref(rows);
        return reel_error(ctx, REEL_EINVAL, "CSV needs a JSON array of objects");
    }
    json_t *cols = json_object(), *all = json_array(), *objs = json_object(), *row;
    size_t i;
    for (const char *const *f = first; f && *f; f++) {
        json_object_set_new(cols, *f, json_integer((json_int_t)json_array_size(all)));
        json_array_append_new(all, json_string(*f));
    }
    json_array_foreach(rows, i, row)
    {
        if (json_is_object(row)) columns_of(row, "", cols, all, objs);
    }
    json_t *order = json_array(), *name;
    json_array_foreach(all, i, name)
    {
        if (!json_object_get(objs, json_string_value(name)))
            json_array_append(order, name);
    }
    buf b;
    buf_init(&b);
    size_t nc = json_array_size(order), c;
    for (c = 0; c < nc; c++) {
        if (c) buf_putc(&b, ',');
        csv_field(&b, json_string_value(json_array_get(order, c)));
    }
    if (nc) csv_end(&b);
    json_array_foreach(rows, i, row)
    {
        for (c = 0; c < nc; c++) {
            if (c) buf_putc(&b, ',');
            if (json_is_object(row))
                cell(&b, value_at(row, json_string_value(json_array_get(order, c))));
        }
        csv_end(&b);
    }
    json_decref(rows);
    json_decref(cols);
    json_decref(all);
    json_decref(objs);
    json_decref(order);
    if (b.oom) {
        buf_free(&b);
        return reel_error(ctx, REEL_ENOMEM, "out of memory");
    }
    buf_putc(&b, 0);
    *out = buf_detach(&b);
    return *out ? 0 : reel_error(ctx, REEL_ENOMEM, "out of memory");
}
