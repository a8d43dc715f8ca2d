/* catalog.c — an optional film catalog: `reel catalog import` reads
 * films (title, year, alternate titles, directors, external ids) from
 * reel's own TSV or IMDb's title.basics / title.akas / title.principals /
 * name.basics layout (docs/catalog.md), plain or gzipped. With a catalog,
 * the films of a title are seeded with the catalog's (identity.c): an
 * article joins the entry of its year or director, remakes separate without
 * printed years, and the report carries the entry's ids. Titles an entry
 * gives as alternates are joined as an article's aliases are.
 */
#include "catalog.h"

#include "../film_alias.h"
#include "../identity.h"

#include <ctype.h>
#include <zlib.h>

/* ---------------- reading ---------------- */

enum { F_REEL, F_BASICS, F_AKAS, F_PRINCIPALS, F_NAMES };

typedef struct {
    json_t *films;  /* id → {title, year, aliases[], directors[], ids[]} */
    json_t *names;  /* nconst → name (name.basics) */
    json_t *direct; /* tconst → [nconst] (title.principals) */
} catalog_in;

/* Split a line on tabs in place; IMDb writes "\N" for none. */
static size_t split_tabs(char *line, char **cols, size_t max)
{
    size_t n = 0;
    line[strcspn(line, "\r\n")] = 0;
    for (char *p = line; n < max;) {
        cols[n++] = p;
        char *t = strchr(p, '\t');
        if (!t) break;
        *t = 0;
        p = t + 1;
    }
    for (size_t i = 0; i < n; i++)
        if (!strcmp(cols[i], "\\N")) cols[i] = "";
    return n;
}

static int column(char **head, size_t n, const char *const *names)
{
    for (size_t i = 0; i < n; i++)
        for (const char *const *w = names; *w; w++)
            if (!strcasecmp(head[i], *w)) return (int)i;
    return -1;
}

static json_t *film_entry(catalog_in *in, const char *id)
{
    json_t *f = json_object_get(in->films, id);
    if (!f) {
        f = json_pack("{s:s,s:i,s:[],s:[],s:[]}", "title", "", "year", 0, "aliases",
                      "directors", "ids");
        json_object_set_new(in->films, id, f);
    }
    return f;
}

/* Append each "|"-separated value of v to the array. */
static void add_values(json_t *arr, const char *v)
{
    while (v && *v) {
        size_t n = strcspn(v, "|");
        while (n && isspace((unsigned char)v[n - 1]))
            n--;
        if (n) json_array_append_new(arr, json_stringn(v, n));
        v += strcspn(v, "|");
        if (*v == '|') v++;
        while (isspace((unsigned char)*v))
            v++;
    }
}

static void reel_row(catalog_in *in, char **c, size_t n, const int *at)
{
#define COL(k) (at[k] >= 0 && (size_t)at[k] < n ? c[at[k]] : "")
    const char *title = COL(0);
    if (!*title) return;
    json_t *ids = json_array();
    add_values(ids, COL(4));
    add_values(ids, COL(5));
    add_values(ids, COL(6));
    char fallback[600];
    const char *id = json_string_value(json_array_get(ids, 0));
    if (!id) {
        snprintf(fallback, sizeof fallback, "%s (%s)", title, COL(1));
        id = fallback;
    }
    json_t *f = film_entry(in, id);
    json_object_set_new(f, "title", json_string(title));
    json_object_set_new(f, "year", json_integer(atoi(COL(1))));
    add_values(json_object_get(f, "aliases"), COL(2));
    add_values(json_object_get(f, "directors"), COL(3));
    json_array_extend(json_object_get(f, "ids"), ids);
    json_decref(ids);
#undef COL
}

/* The rows of one file into `in`. */
static int read_file(reel_ctx *ctx, catalog_in *in, const char *path, size_t *rows)
{
    gzFile z = gzopen(path, "rb");
    if (!z) return reel_error(ctx, REEL_EIO, "%s: cannot open the catalog", path);
    size_t cap = 1 << 16;
    char *line = malloc(cap), *c[64], *head[64];
    char *header = NULL;
    int rc = 0, kind = -1, at[7];
    size_t nh = 0;
    if (!line || !gzgets(z, line, (int)cap)) {
        rc =
            reel_error(ctx, line ? REEL_EFORMAT : REEL_ENOMEM, "%s: empty catalog", path);
        goto done;
    }
    header = strdup(line);
    nh = header ? split_tabs(header, head, 64) : 0;
    static const char *const
        tconst[] = {"tconst", NULL},
        *const titleId[] = {"titleId", NULL}, *const nconst[] = {"nconst", NULL},
        *const ttype[] = {"titleType", NULL}, *const category[] = {"category", NULL},
        *const title[] = {"title", "primaryTitle", NULL},
        *const year[] = {"year", "startYear", NULL},
        *const aliases[] = {"aliases", "alternate_titles", "akas", "originalTitle", NULL},
        *const director[] = {"director", "directors", NULL},
        *const ids[] = {"ids", "id", NULL}, *const imdb[] = {"imdb", "imdb_id", NULL},
        *const wikidata[] = {"wikidata", "wikidata_id", NULL},
        *const name[] = {"primaryName", NULL};
    if (column(head, nh, tconst) == 0 && column(head, nh, ttype) >= 0)
        kind = F_BASICS;
    else if (column(head, nh, titleId) == 0)
        kind = F_AKAS;
    else if (column(head, nh, tconst) == 0 && column(head, nh, category) >= 0)
        kind = F_PRINCIPALS;
    else if (column(head, nh, nconst) == 0 && column(head, nh, name) >= 0)
        kind = F_NAMES;
    else if (column(head, nh, title) >= 0)
        kind = F_REEL;
    if (kind < 0) {
        rc = reel_error(ctx, REEL_EFORMAT,
                        "%s: not a catalog: the first line names no 'title' column and "
                        "is no IMDb header (docs/catalog.md)",
                        path);
        goto done;
    }
    const char *const *want[7] = {title, year, aliases, director, ids, imdb, wikidata};
    for (int k = 0; k < 7; k++)
        at[k] = column(head, nh, want[k]);
    while (gzgets(z, line, (int)cap)) {
        size_t n = split_tabs(line, c, 64);
        (*rows)++;
        if (kind == F_REEL) {
            reel_row(in, c, n, at);
        } else if (kind == F_BASICS && n >= 6) {
            /* films only: no series, episodes or games */
            if (strcmp(c[1], "movie") && strcmp(c[1], "tvMovie") && strcmp(c[1], "video"))
                continue;
            json_t *f = film_entry(in, c[0]);
            json_object_set_new(f, "title", json_string(c[2]));
            json_object_set_new(f, "year", json_integer(atoi(c[5])));
            if (strcmp(c[2], c[3]) && *c[3])
                json_array_append_new(json_object_get(f, "aliases"), json_string(c[3]));
            json_array_append_new(json_object_get(f, "ids"), json_string(c[0]));
        } else if (kind == F_AKAS && n >= 3 && *c[2]) {
            json_t *f = json_object_get(in->films, c[0]);
            if (f)
                json_array_append_new(json_object_get(f, "aliases"), json_string(c[2]));
        } else if (kind == F_PRINCIPALS && n >= 4 && !strcmp(c[3], "director")) {
            json_t *d = json_object_get(in->direct, c[0]);
            if (!d) json_object_set_new(in->direct, c[0], d = json_array());
            json_array_append_new(d, json_string(c[2]));
        } else if (kind == F_NAMES && n >= 2) {
            json_object_set_new(in->names, c[0], json_string(c[1]));
        }
    }
done:
    free(header);
    free(line);
    gzclose(z);
    return rc;
}

/* ---------------- storing ---------------- */

static int cmp_key(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* One entry: its keys (title and alternates), its row, and the keys joined
 * as alternate titles join them. */
static int put_entry(reel_store *st, const char *id, json_t *f)
{
    json_t *v;
    size_t i, n = 0;
    const char *title = json_string_value(json_object_get(f, "title"));
    json_t *aliases = json_object_get(f, "aliases");
    char **keys = calloc(json_array_size(aliases) + 2, sizeof *keys);
    int rc = keys ? 0 : REEL_ENOMEM;
    if (!rc && title && *title && !(keys[n++] = reel_film_key(title, strlen(title))))
        rc = REEL_ENOMEM;
    json_array_foreach(aliases, i, v)
    {
        const char *t = json_string_value(v);
        char *k = !rc && t ? reel_film_key(t, strlen(t)) : NULL;
        if (k && *k)
            keys[n++] = k;
        else
            free(k);
    }
    if (rc) goto done;
    qsort(keys, n, sizeof *keys, cmp_key);
    size_t u = 0;
    for (i = 0; i < n; i++)
        if (!u || strcmp(keys[i], keys[u - 1]))
            keys[u++] = keys[i];
        else
            free(keys[i]);
    n = u;
    char *dirs = json_dumps(json_object_get(f, "directors"), JSON_COMPACT);
    char *ids = json_dumps(json_object_get(f, "ids"), JSON_COMPACT);
    store_catalog_entry e = {id,
                             title ? title : id,
                             (int)json_integer_value(json_object_get(f, "year")),
                             dirs ? dirs : "[]",
                             ids ? ids : "[]",
                             (const char *const *)keys,
                             n};
    rc = st->ops->catalog_put(st, &e);
    free(dirs);
    free(ids);
    /* the entry's titles are one title, under the smallest key */
    for (i = 1; !rc && i < n; i++) {
        char *a = store_alias_canon(st, keys[0]), *b = store_alias_canon(st, keys[i]);
        if (!a || !b)
            rc = REEL_ENOMEM;
        else if (strcmp(a, b))
            rc = strcmp(a, b) < 0 ? st->ops->key_join(st, b, a)
                                  : st->ops->key_join(st, a, b);
        free(a);
        free(b);
    }
done:
    for (i = 0; keys && i < n; i++)
        free(keys[i]);
    free(keys);
    return rc == REEL_ENOMEM ? reel_error(st->ctx, rc, "out of memory") : rc;
}

int reel_catalog_import(size_t *out_films, reel_store *st, const char *const *paths,
                        size_t n_paths)
{
    catalog_in in = {json_object(), json_object(), json_object()};
    size_t rows = 0, films = 0;
    int rc = in.films && in.names && in.direct ? 0 : REEL_ENOMEM;
    if (out_films) *out_films = 0;
    for (size_t i = 0; !rc && i < n_paths; i++)
        rc = read_file(st->ctx, &in, paths[i], &rows);
    if (rc) goto done;
    /* directors from title.principals, named by name.basics */
    const char *id;
    json_t *d, *f;
    json_object_foreach(in.direct, id, d)
    {
        json_t *film = json_object_get(in.films, id), *who;
        size_t k;
        if (!film) continue;
        json_array_foreach(d, k, who)
        {
            json_t *name = json_object_get(in.names, json_string_value(who));
            if (name) json_array_append(json_object_get(film, "directors"), name);
        }
    }
    if ((rc = reel_store_begin(st))) goto done;
    json_object_foreach(in.films, id, f)
    {
        if (rc) break;
        rc = put_entry(st, id, f);
        films++;
    }
    if (rc) {
        reel_store_rollback(st);
        goto done;
    }
    if ((rc = reel_store_commit(st))) goto done;
    /* every film is formed again with the catalog's films */
    rc = store_rebuild_films(st);
    if (out_films) *out_films = films;
done:
    json_decref(in.films);
    json_decref(in.names);
    json_decref(in.direct);
    return rc;
}

/* ---------------- seeds for identity.c ---------------- */

static int seed_cb(void *user, const char *id, const char *title, int year,
                   const char *directors, const char *ids)
{
    json_t *arr = user, *dirs = json_loads(directors ? directors : "[]", 0, NULL);
    json_t *credits = json_object(), *v;
    size_t i;
    json_array_foreach(dirs, i, v)
    {
        const char *name = json_string_value(v);
        char *k = name ? reel_fold(name, strlen(name)) : NULL;
        if (k && *k) {
            char buf[300];
            snprintf(buf, sizeof buf, "d:%s", k);
            json_object_set_new(credits, buf, json_true());
        }
        free(k);
    }
    json_t *idl = json_loads(ids ? ids : "[]", 0, NULL);
    json_array_append_new(arr,
                          json_pack("{s:s,s:s,s:o,s:o,s:o,s:o}", "id", id, "title", title,
                                    "year", year ? json_integer(year) : json_null(),
                                    "directors", dirs ? dirs : json_array(), "ids",
                                    idl ? idl : json_array(), "credits", credits));
    return 0;
}

int store_catalog_seeds(reel_store *st, const char *key, film_seed **seeds, size_t *n,
                        json_t **catalog)
{
    *seeds = NULL;
    *n = 0;
    *catalog = NULL;
    json_t *arr = json_array();
    if (!arr) return reel_error(st->ctx, REEL_ENOMEM, "out of memory");
    int rc = st->ops->catalog_of(st, key, seed_cb, arr);
    if (rc || json_array_size(arr) == 0) {
        json_decref(arr);
        return rc;
    }
    *seeds = calloc(json_array_size(arr), sizeof **seeds);
    if (!*seeds) {
        json_decref(arr);
        return reel_error(st->ctx, REEL_ENOMEM, "out of memory");
    }
    json_t *e;
    size_t i;
    json_array_foreach(arr, i, e)
    {
        (*seeds)[i].year = (int)json_integer_value(json_object_get(e, "year"));
        (*seeds)[i].credits = json_incref(json_object_get(e, "credits"));
        json_object_del(e, "credits");
    }
    *n = json_array_size(arr);
    *catalog = arr;
    return 0;
}

void store_catalog_seeds_free(film_seed *seeds, size_t n, json_t *catalog)
{
    for (size_t i = 0; seeds && i < n; i++)
        json_decref(seeds[i].credits);
    free(seeds);
    json_decref(catalog);
}
