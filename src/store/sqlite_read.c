/* sqlite_read.c — the SQLite store's reads: a film's records, stored
 * reports and the film list, an article by id or prefix, search
 * (sqlite_search.c), counts, and every article, fact and review read row
 * by row for export and the critic views.
 */
#include "sqlite.h"

#include <math.h>

int sq_film_records(reel_store *st, const char *key, store_record_cb cb, void *user)
{
    sqlite_store *s = (sqlite_store *)st;
    sqlite3_stmt *q = s->film_records;
    int rc = 0, step;
    sqlite3_reset(q);
    sq_bind_text(q, 1, key);
    while ((step = sqlite3_step(q)) == SQLITE_ROW)
        if ((rc = cb(user, sq_col_text(q, 0)))) break;
    if (!rc && step != SQLITE_DONE) rc = sq_db_err(s, REEL_EDB, "cannot read records");
    sqlite3_reset(q);
    return rc;
}

int sq_get_film(reel_store *st, const char *key, char **report)
{
    sqlite_store *s = (sqlite_store *)st;
    sqlite3_stmt *q = s->get_film;
    int rc = 0;
    *report = NULL;
    sqlite3_reset(q);
    sq_bind_text(q, 1, key);
    int step = sqlite3_step(q);
    if (step == SQLITE_ROW) {
        *report = strdup(sq_col_text(q, 0));
        if (!*report) rc = reel_error(st->ctx, REEL_ENOMEM, "out of memory");
    } else if (step == SQLITE_DONE) {
        rc = reel_error(st->ctx, REEL_ENOTFOUND, "no film '%s' in the store", key);
    } else {
        rc = sq_db_err(s, REEL_EDB, "cannot read film");
    }
    sqlite3_reset(q);
    return rc;
}

typedef struct {
    store_film_cb cb;
    void *user;
} listed_rows;

static int listed_row(void *user, sqlite3_stmt *q)
{
    listed_rows *lr = user;
    store_film f;
    sq_film_row(q, &f);
    f.first_review = sq_col_text(q, 8);
    return lr->cb(lr->user, &f);
}

int sq_list_films(reel_store *st, const char *folded, const char *sort, int limit,
                  int offset, store_film_cb cb, void *user, int *total)
{
    sqlite_store *s = (sqlite_store *)st;
    const char *order = !strcmp(sort, "score") ? "score IS NULL, score DESC, key"
                        : !strcmp(sort, "reviews")
                            ? "n_reviews DESC, n_articles DESC, key"
                        : !strcmp(sort, "year") ? "year IS NULL, year, folded_title, key"
                        : !strcmp(sort, "first-review")
                            ? "first_review IS NULL, first_review, folded_title, key"
                            : "folded_title, key";
    char sql[512];
    const char *where =
        folded ? "WHERE instr(key, ?1) > 0 OR instr(folded_title, ?1) > 0" : "";
    snprintf(sql, sizeof sql, "SELECT count(*) FROM films %s", where);
    int rc = sq_first_int(s, sql, folded, total, "cannot list films");
    if (rc) return rc;
    snprintf(
        sql, sizeof sql,
        "SELECT key, title, year, n_articles, n_reviews, score, positive, title_key, "
        "first_review FROM films %s "
        "ORDER BY %s LIMIT %d OFFSET %d",
        where, order, limit, offset);
    listed_rows lr = {cb, user};
    return sq_rows(s, sql, folded, listed_row, &lr, "cannot list films");
}

int sq_get_article(reel_store *st, const char *id, char **record, char **text)
{
    sqlite_store *s = (sqlite_store *)st;
    sqlite3_stmt *q = NULL;
    int rc = 0;
    *record = *text = NULL;
    if (sqlite3_prepare_v2(
            s->db,
            "SELECT record, text FROM articles WHERE id >= ?1 AND id < ?1 || 'g' "
            "ORDER BY id LIMIT 2",
            -1, &q, NULL) != SQLITE_OK)
        return sq_db_err(s, REEL_EDB, "cannot read article");
    sq_bind_text(q, 1, id);
    int step = sqlite3_step(q);
    if (step == SQLITE_ROW) {
        *record = strdup(sq_col_text(q, 0));
        *text = strdup(sq_col_text(q, 1));
        if (sqlite3_step(q) == SQLITE_ROW)
            rc = reel_error(st->ctx, REEL_EINVAL,
                            "id '%s' names more than one article; give more digits", id);
        else if (!*record || !*text)
            rc = reel_error(st->ctx, REEL_ENOMEM, "out of memory");
    } else if (step == SQLITE_DONE) {
        rc = reel_error(st->ctx, REEL_ENOTFOUND, "no article '%s' in the store", id);
    } else {
        rc = sq_db_err(s, REEL_EDB, "cannot read article");
    }
    sqlite3_finalize(q);
    if (rc) {
        free(*record);
        free(*text);
        *record = *text = NULL;
    }
    return rc;
}

int sq_search(reel_store *st, const char *folded, int limit, int offset, store_hit_cb cb,
              void *user, int *total)
{
    sqlite_store *s = (sqlite_store *)st;
    int rc;
    *total = 0;
    if (!s->search && (rc = sqlite_search_new(st, s->db, &s->search))) return rc;
    return sqlite_search_run(s->search, folded, limit, offset, cb, user, total);
}

int sq_stats(reel_store *st, long *articles, long *films)
{
    sqlite_store *s = (sqlite_store *)st;
    sqlite3_stmt *q = NULL;
    if (sqlite3_prepare_v2(
            s->db, "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM films)",
            -1, &q, NULL) != SQLITE_OK)
        return sq_db_err(s, REEL_EDB, "cannot count");
    if (sqlite3_step(q) == SQLITE_ROW) {
        *articles = sqlite3_column_int64(q, 0);
        *films = sqlite3_column_int64(q, 1);
    }
    sqlite3_finalize(q);
    return 0;
}

typedef struct {
    store_article_cb cb;
    void *user;
} article_rows;

static int article_row(void *user, sqlite3_stmt *q)
{
    article_rows *ar = user;
    return ar->cb(ar->user, sq_col_text(q, 0), sq_col_text(q, 1));
}

int sq_each_article(reel_store *st, store_article_cb cb, void *user)
{
    article_rows ar = {cb, user};
    return sq_rows((sqlite_store *)st, "SELECT record, text FROM articles ORDER BY id",
                   NULL, article_row, &ar, "cannot read articles");
}

typedef struct {
    store_fact_cb cb;
    void *user;
} fact_rows;

static int fact_row(void *user, sqlite3_stmt *q)
{
    fact_rows *fr = user;
    store_fact f = {
        sq_col_text(q, 0),
        sq_col_text(q, 1),
        sq_col_text(q, 2),
        sq_col_text(q, 3),
        sq_col_text(q, 4),
        sq_col_text(q, 5),
        (long)sqlite3_column_int64(q, 6),
        (long)sqlite3_column_int64(q, 7),
        sqlite3_column_type(q, 8) == SQLITE_NULL ? NAN : sqlite3_column_double(q, 8)};
    return fr->cb(fr->user, &f);
}

int sq_each_fact(reel_store *st, store_fact_cb cb, void *user)
{
    fact_rows fr = {cb, user};
    return sq_rows((sqlite_store *)st,
                   "SELECT article_id, film_key, predicate, value, norm, qualifier,"
                   " span_start, span_end, confidence FROM facts ORDER BY "
                   "article_id, span_start, span_end, predicate, value",
                   NULL, fact_row, &fr, "cannot read facts");
}

/* The reviews the critic and outlet views read: the verdict and printed
 * score are taken out of the record here, as text, so both backends hand
 * the same bytes to the same JSON parser. */
typedef struct {
    store_review_cb cb;
    void *user;
} review_rows;

static int review_row(void *user, sqlite3_stmt *q)
{
    review_rows *rr = user;
    store_review r = {sq_col_text(q, 0),        sq_col_text(q, 1), sq_col_text(q, 2),
                      sq_col_text(q, 3),        sq_col_text(q, 4), sq_col_text(q, 6),
                      sqlite3_column_int(q, 5), sq_col_text(q, 7), sq_col_text(q, 8)};
    return rr->cb(rr->user, &r);
}

int sq_each_review(reel_store *st, store_review_cb cb, void *user)
{
    review_rows rr = {cb, user};
    return sq_rows((sqlite_store *)st,
                   "SELECT id, author, outlet, film_key, film_title, film_year, date,"
                   " json_extract(record, '$.verdict'),"
                   " json_extract(record, '$.score.raw')"
                   " FROM articles WHERE kind = 'review' ORDER BY id",
                   NULL, review_row, &rr, "cannot read reviews");
}
