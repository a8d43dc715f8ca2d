/* partials.c — what `extract --partials`, `merge` and `load` share about
 * per-film partials: making one from a record line or a partial line,
 * merging many by film key, and the "KEY<TAB>JSON" line they travel as.
 */
#include "partials.h"

#include <stdlib.h>
#include <string.h>

int cli_partial_of(reel_ctx *ctx, json_t *o, const char *text, reel_partial **out,
                   const char **key)
{
    *out = NULL;
    *key = NULL;
    if (json_object_get(o, "partial_version")) {
        *key = json_string_value(json_object_get(o, "film"));
        if (reel_partial_from_json(out, ctx, text)) return -1;
        return 1;
    }
    if (!json_object_get(o, "record_version")) {
        reel_error(ctx, REEL_EFORMAT, "neither a record nor a partial");
        return -1;
    }
    const char *k =
        json_string_value(json_object_get(json_object_get(o, "subject"), "key"));
    if (!k || !*k) return 0; /* an article without a subject film */
    if (reel_partial_new(out, k)) {
        reel_error(ctx, REEL_ENOMEM, "out of memory");
        return -1;
    }
    if (reel_partial_add(ctx, *out, text)) {
        reel_partial_free(*out);
        *out = NULL;
        return -1;
    }
    *key = k;
    return 1;
}

void cli_pset_init(cli_pset *s)
{
    memset(s, 0, sizeof *s);
    s->index = json_object();
}

int cli_pset_add(cli_pset *s, reel_ctx *ctx, const char *key, reel_partial *p)
{
    json_t *at = json_object_get(s->index, key);
    if (at) {
        int rc = reel_partial_merge(ctx, s->items[json_integer_value(at)], p);
        reel_partial_free(p);
        return rc ? -1 : 0;
    }
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 64;
        reel_partial **items = realloc(s->items, cap * sizeof *items);
        if (items) s->items = items;
        char **keys = realloc(s->keys, cap * sizeof *keys);
        if (keys) s->keys = keys;
        if (!items || !keys) goto oom;
        s->cap = cap;
    }
    s->keys[s->n] = strdup(key);
    if (!s->keys[s->n] ||
        json_object_set_new(s->index, key, json_integer((json_int_t)s->n)))
        goto oom;
    s->items[s->n++] = p;
    return 0;
oom:
    reel_partial_free(p);
    reel_error(ctx, REEL_ENOMEM, "out of memory");
    return -1;
}

int cli_pset_join(cli_pset *s, reel_ctx *ctx)
{
    if (s->n && reel_partials_join(ctx, s->items, s->n)) return -1;
    size_t k = 0;
    json_object_clear(s->index);
    for (size_t i = 0; i < s->n; i++) {
        if (reel_partial_count(s->items[i]) == 0) {
            reel_partial_free(s->items[i]);
            free(s->keys[i]);
            continue;
        }
        char *key = strdup(reel_partial_key(s->items[i]));
        if (!key) {
            reel_error(ctx, REEL_ENOMEM, "out of memory");
            return -1;
        }
        free(s->keys[i]);
        s->keys[k] = key;
        s->items[k] = s->items[i];
        json_object_set_new(s->index, key, json_integer((json_int_t)k));
        k++;
    }
    s->n = k;
    return 0;
}

static const cli_pset *g_sort_set; /* qsort has no context argument in C11 */

static int by_key(const void *a, const void *b)
{
    return strcmp(g_sort_set->keys[*(const size_t *)a],
                  g_sort_set->keys[*(const size_t *)b]);
}

size_t *cli_pset_order(const cli_pset *s)
{
    size_t *order = malloc((s->n ? s->n : 1) * sizeof *order);
    if (!order) return NULL;
    for (size_t i = 0; i < s->n; i++)
        order[i] = i;
    g_sort_set = s;
    qsort(order, s->n, sizeof *order, by_key);
    g_sort_set = NULL;
    return order;
}

void cli_pset_free(cli_pset *s)
{
    for (size_t i = 0; i < s->n; i++) {
        reel_partial_free(s->items[i]);
        free(s->keys[i]);
    }
    free(s->items);
    free(s->keys);
    json_decref(s->index);
    memset(s, 0, sizeof *s);
}

int cli_partial_print(FILE *out, reel_ctx *ctx, const char *key, const reel_partial *p)
{
    char *json = NULL;
    if (reel_partial_to_json(&json, ctx, p)) return -1;
    /* film keys are folded (no tabs or line ends); guard the line anyway */
    for (const char *k = key; *k; k++)
        fputc(*k == '\t' || *k == '\n' ? ' ' : *k, out);
    fputc('\t', out);
    fputs(json, out);
    fputc('\n', out);
    free(json);
    return 0;
}
