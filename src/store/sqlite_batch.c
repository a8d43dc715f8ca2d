/* sqlite_batch.c — the SQLite store's writes: a batch is one BEGIN
 * IMMEDIATE transaction (a process killed mid-batch leaves the file as it
 * was); an article goes in once by its content hash with its FTS5 row;
 * its facts; and the film summaries rebuilt at commit.
 */
#include "sqlite.h"

#include <math.h>

int sq_begin(reel_store *st)
{
    sqlite_store *s = (sqlite_store *)st;
    int code = sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    return code == SQLITE_OK ? 0 : sq_step_err(s, code, "cannot start a batch");
}

int sq_commit(reel_store *st)
{
    return sq_exec((sqlite_store *)st, "COMMIT");
}

int sq_rollback(reel_store *st)
{
    return sq_exec((sqlite_store *)st, "ROLLBACK");
}

int sq_put_article(reel_store *st, const store_article *a, int *added)
{
    sqlite_store *s = (sqlite_store *)st;
    sqlite3_stmt *q = s->put_article;
    *added = 0;
    sqlite3_reset(q);
    sq_bind_text(q, 1, a->id);
    sq_bind_text(q, 2, a->source);
    sq_bind_text(q, 3, a->url);
    sq_bind_text(q, 4, a->title);
    sq_bind_text(q, 5, a->date);
    sq_bind_text(q, 6, a->author);
    sq_bind_text(q, 7, a->outlet);
    sq_bind_text(q, 8, a->kind ? a->kind : "other");
    sq_bind_text(q, 9, a->film_key);
    sq_bind_text(q, 10, a->film_title);
    if (a->film_year)
        sqlite3_bind_int(q, 11, a->film_year);
    else
        sqlite3_bind_null(q, 11);
    /* the record and the text, an article's largest values, are not copied
     * (a 64 MiB article would be held three more times) */
    sq_bind_text_static(q, 12, a->record);
    sq_bind_text_static(q, 13, a->text);
    sq_bind_text(q, 14, a->ident);
    int rc = sqlite3_step(q) == SQLITE_DONE ? 0 : sq_db_err(s, REEL_EDB, "cannot store article");
    sqlite3_clear_bindings(q);
    if (rc) return rc;
    if (sqlite3_changes(s->db) == 0) return 0; /* already there: idempotent */
    *added = 1;
    sqlite3_int64 rowid = sqlite3_last_insert_rowid(s->db);
    q = s->put_fts;
    sqlite3_reset(q);
    sqlite3_bind_int64(q, 1, rowid);
    sq_bind_text(q, 2, a->title);
    sq_bind_text_static(q, 3, a->text);
    rc = sqlite3_step(q) == SQLITE_DONE ? 0 : sq_db_err(s, REEL_EDB, "cannot index article");
    sqlite3_clear_bindings(q);
    if (rc) return rc;
    return 0;
}

int sq_put_fact(reel_store *st, const char *article_id, const char *film_key,
                const char *predicate, const char *value, const char *norm,
                const char *qualifier, size_t span_start, size_t span_end,
                double confidence)
{
    sqlite_store *s = (sqlite_store *)st;
    sqlite3_stmt *q = s->put_fact;
    sqlite3_reset(q);
    sq_bind_text(q, 1, article_id);
    sq_bind_text(q, 2, film_key);
    sq_bind_text(q, 3, predicate ? predicate : "");
    sq_bind_text(q, 4, value ? value : "");
    sq_bind_text(q, 5, norm);
    sq_bind_text(q, 6, qualifier);
    sqlite3_bind_int64(q, 7, (sqlite3_int64)span_start);
    sqlite3_bind_int64(q, 8, (sqlite3_int64)span_end);
    sqlite3_bind_double(q, 9, confidence);
    if (sqlite3_step(q) != SQLITE_DONE)
        return sq_db_err(s, REEL_EDB, "cannot store fact");
    return 0;
}

int sq_put_film(reel_store *st, const store_film *f, const char *report)
{
    sqlite_store *s = (sqlite_store *)st;
    sqlite3_stmt *q = s->put_film;
    char *folded =
        reel_fold(f->title ? f->title : f->key, strlen(f->title ? f->title : f->key));
    if (!folded) return reel_error(st->ctx, REEL_ENOMEM, "out of memory");
    sqlite3_reset(q);
    sq_bind_text(q, 1, f->key);
    sq_bind_text(q, 2, f->title ? f->title : f->key);
    sq_bind_text(q, 3, folded);
    if (f->year)
        sqlite3_bind_int(q, 4, f->year);
    else
        sqlite3_bind_null(q, 4);
    sqlite3_bind_int(q, 5, f->n_articles);
    sqlite3_bind_int(q, 6, f->n_reviews);
    if (isfinite(f->score))
        sqlite3_bind_double(q, 7, f->score);
    else
        sqlite3_bind_null(q, 7);
    if (isfinite(f->positive))
        sqlite3_bind_double(q, 8, f->positive);
    else
        sqlite3_bind_null(q, 8);
    sq_bind_text(q, 9, report);
    sq_bind_text(q, 10, f->title_key);
    sq_bind_text(q, 11, f->first_review);
    int step = sqlite3_step(q);
    free(folded);
    if (step != SQLITE_DONE) return sq_db_err(s, REEL_EDB, "cannot store film");
    return 0;
}
