/* export.c — the whole store as a table: films, articles or facts,
 * as CSV (RFC 4180, a header row, columns fixed and documented in
 * docs/schema.md) or JSON lines. Rows are streamed from the backend to the
 * caller's writer a few at a time, so memory stays bounded whatever the
 * store's size: films a page at a time, articles and facts from one
 * streaming read each.
 */
#include "../csv.h"
#include "store.h"

#include <jansson.h>
#include <math.h>

/* Rows are handed to the writer once this many bytes are pending. */
#define FLUSH_BYTES 65536
#define FILMS_PAGE 500

typedef struct {
    reel_store *st;
    int csv;
    reel_write_fn write;
    void *user;
    buf out;
    long rows;
} exporter;

static int flush(exporter *e, int force)
{
    if (e->out.oom) return reel_error(e->st->ctx, REEL_ENOMEM, "out of memory");
    if (!e->out.len || (!force && e->out.len < FLUSH_BYTES)) return 0;
    int rc = e->write(e->user, e->out.data, e->out.len);
    e->out.len = 0;
    return rc ? reel_error(e->st->ctx, REEL_EIO,
                           "export: the output could not be written")
              : 0;
}

static void header(exporter *e, const char *const *cols)
{
    if (!e->csv) return;
    for (size_t i = 0; cols[i]; i++) {
        if (i) buf_putc(&e->out, ',');
        buf_puts(&e->out, cols[i]);
    }
    csv_end(&e->out);
}

/* One row: `vals` in the order of the CSV columns, or as a JSON object
 * with those names (a new reference taken). */
static int row(exporter *e, const char *const *cols, json_t *vals)
{
    if (e->csv) {
        for (size_t i = 0; cols[i]; i++) {
            json_t *v = json_object_get(vals, cols[i]);
            if (i) buf_putc(&e->out, ',');
            if (json_is_string(v))
                csv_field(&e->out, json_string_value(v));
            else if (json_is_integer(v))
                buf_printf(&e->out, "%lld", (long long)json_integer_value(v));
            else if (json_is_real(v))
                csv_number(&e->out, json_real_value(v));
            else if (json_is_boolean(v))
                buf_puts(&e->out, json_is_true(v) ? "true" : "false");
        }
        csv_end(&e->out);
    } else {
        char *s = json_dumps(vals, REEL_JSON_FLAGS | JSON_PRESERVE_ORDER);
        if (!s) {
            json_decref(vals);
            return reel_error(e->st->ctx, REEL_ENOMEM, "out of memory");
        }
        buf_puts(&e->out, s);
        buf_putc(&e->out, '\n');
        free(s);
    }
    json_decref(vals);
    e->rows++;
    return flush(e, 0);
}

static json_t *str(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *real(double v)
{
    return isfinite(v) ? json_real(v) : json_null();
}

static json_t *copy(json_t *o, const char *k)
{
    json_t *v = json_object_get(o, k);
    return v && !json_is_object(v) && !json_is_array(v) ? json_incref(v) : json_null();
}

/* ---- films ---- */

static const char *const film_cols[] = {
    "id",      "key",           "title",          "year",         "articles",
    "reviews", "critics_score", "positive_share", "first_review", NULL};

static int film_row(void *user, const store_film *f)
{
    exporter *e = user;
    json_t *o = json_object();
    json_object_set_new(o, "id", str(f->key));
    json_object_set_new(o, "key", str(f->title_key ? f->title_key : f->key));
    json_object_set_new(o, "title", str(f->title));
    json_object_set_new(o, "year", f->year ? json_integer(f->year) : json_null());
    json_object_set_new(o, "articles", json_integer(f->n_articles));
    json_object_set_new(o, "reviews", json_integer(f->n_reviews));
    json_object_set_new(o, "critics_score", real(f->score));
    json_object_set_new(o, "positive_share", real(f->positive));
    json_object_set_new(o, "first_review", str(f->first_review));
    return row(e, film_cols, o);
}

static int export_films(exporter *e)
{
    header(e, film_cols);
    for (int offset = 0;; offset += FILMS_PAGE) {
        long before = e->rows;
        int total = 0;
        int rc = e->st->ops->list_films(e->st, NULL, "title", FILMS_PAGE, offset,
                                        film_row, e, &total);
        if (rc) return rc;
        if (e->rows - before < FILMS_PAGE) return 0;
    }
}

/* ---- articles ---- */

static const char *const article_cols[] = {"id",
                                           "url",
                                           "source",
                                           "title",
                                           "date",
                                           "author",
                                           "outlet",
                                           "kind",
                                           "language",
                                           "film_key",
                                           "film_title",
                                           "film_year",
                                           "score_raw",
                                           "score_form",
                                           "score100",
                                           "verdict_score",
                                           "verdict_source",
                                           "verdict",
                                           "prob_positive",
                                           NULL};

static int article_row(void *user, const char *record, const char *text)
{
    exporter *e = user;
    (void)text;
    json_t *rec = json_loads(record, 0, NULL);
    if (!json_is_object(rec)) {
        json_decref(rec);
        return reel_error(e->st->ctx, REEL_EDB, "export: a stored record is not JSON");
    }
    json_t *o = json_object();
    static const char *plain[] = {"id",   "url",    "source", "title",
                                  "date", "author", "outlet", NULL};
    for (const char **k = plain; *k; k++)
        json_object_set_new(o, *k, copy(rec, *k));
    json_t *kind = json_object_get(rec, "kind");
    json_object_set_new(o, "kind",
                        json_is_object(kind) ? copy(kind, "label") : copy(rec, "kind"));
    json_object_set_new(o, "language", copy(rec, "language"));
    json_t *subj = json_object_get(rec, "subject");
    json_object_set_new(o, "film_key", copy(subj, "key"));
    json_object_set_new(o, "film_title", copy(subj, "title"));
    json_object_set_new(o, "film_year", copy(subj, "year"));
    json_t *score = json_object_get(rec, "score");
    json_object_set_new(o, "score_raw", copy(score, "raw"));
    json_object_set_new(o, "score_form", copy(score, "form"));
    json_object_set_new(o, "score100", copy(score, "score100"));
    json_t *v = json_object_get(rec, "verdict");
    json_object_set_new(o, "verdict_score", copy(v, "score100"));
    json_object_set_new(o, "verdict_source", copy(v, "source"));
    json_t *pos = json_object_get(v, "positive");
    json_object_set_new(o, "verdict",
                        json_is_boolean(pos)
                            ? json_string(json_is_true(pos) ? "positive" : "negative")
                            : json_null());
    json_object_set_new(o, "prob_positive",
                        copy(json_object_get(rec, "sentiment"), "prob_positive"));
    json_decref(rec);
    return row(e, article_cols, o);
}

/* ---- facts ---- */

static const char *const fact_cols[] = {
    "article_id", "film_key",   "predicate", "value",      "norm",
    "qualifier",  "span_start", "span_end",  "confidence", NULL};

static int fact_row(void *user, const store_fact *f)
{
    exporter *e = user;
    json_t *o = json_object();
    json_object_set_new(o, "article_id", str(f->article_id));
    json_object_set_new(o, "film_key", str(f->film_key));
    json_object_set_new(o, "predicate", str(f->predicate));
    json_object_set_new(o, "value", str(f->value));
    json_object_set_new(o, "norm", str(f->norm));
    json_object_set_new(o, "qualifier", str(f->qualifier));
    json_object_set_new(o, "span_start", json_integer(f->span_start));
    json_object_set_new(o, "span_end", json_integer(f->span_end));
    json_object_set_new(o, "confidence", real(f->confidence));
    return row(e, fact_cols, o);
}

int reel_store_export(long *out_rows, reel_store *st, const char *table,
                      const char *format, reel_write_fn write, void *user)
{
    if (out_rows) *out_rows = 0;
    if (!table ||
        (strcmp(table, "films") && strcmp(table, "articles") && strcmp(table, "facts")))
        return reel_error(st->ctx, REEL_EINVAL,
                          "export: unknown table '%s' (films, articles or facts)",
                          table ? table : "");
    if (!format || (strcmp(format, "csv") && strcmp(format, "jsonl")))
        return reel_error(st->ctx, REEL_EINVAL,
                          "export: unknown format '%s' (csv or jsonl)",
                          format ? format : "");
    int rc = st->ops->check ? st->ops->check(st) : 0;
    if (rc) return rc;
    exporter e = {st, !strcmp(format, "csv"), write, user, {0}, 0};
    buf_init(&e.out);
    if (!strcmp(table, "films"))
        rc = export_films(&e);
    else if (!strcmp(table, "articles"))
        rc = (header(&e, article_cols), st->ops->each_article(st, article_row, &e));
    else
        rc = (header(&e, fact_cols), st->ops->each_fact(st, fact_row, &e));
    if (!rc) rc = flush(&e, 1);
    buf_free(&e.out);
    if (out_rows) *out_rows = e.rows;
    return rc;
}
