/* pg_read.c — the PostgreSQL store's reads: a film's records (streamed),
 * stored reports and the film list, an article, search (ranked by FTS5's
 * BM25 in SQL, snippets cut as FTS5 cuts them: pg_search.c), counts, and
 * every article, fact and review streamed for export and the critic views.
 */
#include "pg.h"

#ifdef REEL_HAVE_PQ

typedef struct {
    store_record_cb cb;
    void *user;
} record_rows;

static int record_row(void *user, PGresult *r, int row)
{
    record_rows *rr = user;
    return rr->cb(rr->user, PQgetvalue(r, row, 0));
}

int pg_film_records(reel_store *st, const char *key, store_record_cb cb, void *user)
{
    pg_store *s = (pg_store *)st;
    int rc;
    if (s->pending.n && (rc = pg_flush_facts(s))) return rc;
    if (st->in_batch && !s->films_locked && st->n_touched && (rc = pg_lock_films(s)))
        return rc;
    const char *v[1] = {key};
    record_rows rr = {cb, user};
    return pg_stream(s, S_FILM_RECORDS, v, record_row, &rr, "reading a film's records");
}

int pg_get_film(reel_store *st, const char *key, char **report)
{
    pg_store *s = (pg_store *)st;
    PGresult *r = NULL;
    const char *v[1] = {key};
    *report = NULL;
    int rc = pg_query(s, S_GET_FILM, v, &r, "reading a film");
    if (rc) return rc;
    if (PQntuples(r) == 0)
        rc = reel_error(st->ctx, REEL_ENOTFOUND, "no film '%s' in the store", key);
    else if (!(*report = strdup(PQgetvalue(r, 0, 0))))
        rc = reel_error(st->ctx, REEL_ENOMEM, "out of memory");
    PQclear(r);
    return rc;
}

int pg_list_films(reel_store *st, const char *folded, const char *sort, int limit,
                  int offset, store_film_cb cb, void *user, int *total)
{
    pg_store *s = (pg_store *)st;
    PGresult *r = NULL;
    char lim[16], off[16];
    int stmt = !strcmp(sort, "score")          ? S_FILMS_SCORE
               : !strcmp(sort, "reviews")      ? S_FILMS_REVIEWS
               : !strcmp(sort, "year")         ? S_FILMS_YEAR
               : !strcmp(sort, "first-review") ? S_FILMS_FIRST
                                               : S_FILMS_TITLE;
    snprintf(lim, sizeof lim, "%d", limit);
    snprintf(off, sizeof off, "%d", offset);
    const char *v[3] = {folded, lim, off};
    *total = 0;
    int rc = pg_query(s, S_COUNT_FILMS, v, &r, "listing films");
    if (rc) return rc;
    *total = (int)pg_count_of(r, 0);
    PQclear(r);
    if ((rc = pg_query(s, stmt, v, &r, "listing films"))) return rc;
    for (int i = 0; i < PQntuples(r) && !rc; i++) {
        store_film f;
        pg_film_row(r, i, &f);
        f.first_review = pg_text_or_null(r, i, 8);
        rc = cb(user, &f);
    }
    PQclear(r);
    return rc;
}

int pg_get_article(reel_store *st, const char *id, char **record, char **text)
{
    pg_store *s = (pg_store *)st;
    PGresult *r = NULL;
    const char *v[1] = {id};
    *record = *text = NULL;
    int rc = pg_query(s, S_GET_ARTICLE, v, &r, "reading an article");
    if (rc) return rc;
    if (PQntuples(r) == 0) {
        rc = reel_error(st->ctx, REEL_ENOTFOUND, "no article '%s' in the store", id);
    } else if (PQntuples(r) > 1) {
        rc = reel_error(st->ctx, REEL_EINVAL,
                        "id '%s' names more than one article; give more digits", id);
    } else {
        *record = strdup(PQgetvalue(r, 0, 0));
        *text = strdup(PQgetvalue(r, 0, 1));
        if (!*record || !*text) rc = reel_error(st->ctx, REEL_ENOMEM, "out of memory");
    }
    PQclear(r);
    if (rc) {
        free(*record);
        free(*text);
        *record = *text = NULL;
    }
    return rc;
}

int pg_search(reel_store *st, const char *folded, int limit, int offset, store_hit_cb cb,
              void *user, int *total)
{
    pg_store *s = (pg_store *)st;
    PGresult *r = NULL;
    char lim[16], off[16];
    snprintf(lim, sizeof lim, "%d", limit);
    snprintf(off, sizeof off, "%d", offset);
    char *phrases = NULL, *all = NULL;
    *total = 0;
    int rc = store_query(s->tok, folded, &phrases, &all);
    if (rc) return reel_error(st->ctx, rc, "cannot read the query");
    const char *v[4] = {phrases, all, lim, off};
    if (!*all) goto done; /* no word FTS5 would index: nothing matches */
    if ((rc = pg_query(s, S_COUNT_HITS, v + 1, &r, "searching"))) goto done;
    *total = (int)pg_count_of(r, 0);
    PQclear(r);
    if ((rc = pg_query(s, S_SEARCH, v, &r, "searching"))) goto done;
    for (int i = 0; i < PQntuples(r) && !rc; i++) {
        /* the snippet as FTS5's snippet(…, 16) cuts and marks it */
        char *snippet = store_snippet(s->tok, PQgetvalue(r, i, 5), folded, 16);
        if (!snippet) {
            rc = reel_error(st->ctx, REEL_ENOMEM, "out of memory");
            break;
        }
        store_hit h = {
            PQgetvalue(r, i, 0),      pg_text_or_null(r, i, 1), pg_text_or_null(r, i, 2),
            pg_text_or_null(r, i, 3), pg_text_or_null(r, i, 4), snippet,
            pg_real_or_nan(r, i, 6),  pg_text_or_null(r, i, 7), pg_text_or_null(r, i, 8)};
        rc = cb(user, &h);
        free(snippet);
    }
    PQclear(r);
done:
    free(phrases);
    free(all);
    return rc;
}

int pg_stats(reel_store *st, long *articles, long *films)
{
    pg_store *s = (pg_store *)st;
    PGresult *r = NULL;
    int rc = pg_query(s, S_STATS, NULL, &r, "counting");
    if (rc) return rc;
    *articles = pg_count_of(r, 0);
    *films = pg_count_of(r, 1);
    PQclear(r);
    return 0;
}

typedef struct {
    store_article_cb cb;
    void *user;
} article_rows;

static int article_row(void *user, PGresult *r, int row)
{
    article_rows *ar = user;
    return ar->cb(ar->user, PQgetvalue(r, row, 0), PQgetvalue(r, row, 1));
}

int pg_each_article(reel_store *st, store_article_cb cb, void *user)
{
    article_rows ar = {cb, user};
    return pg_stream((pg_store *)st, S_EACH_ARTICLE, NULL, article_row, &ar,
                     "reading articles");
}

typedef struct {
    store_fact_cb cb;
    void *user;
} fact_rows;

static int fact_row(void *user, PGresult *r, int row)
{
    fact_rows *fr = user;
    store_fact f = {PQgetvalue(r, row, 0),       pg_text_or_null(r, row, 1),
                    PQgetvalue(r, row, 2),       PQgetvalue(r, row, 3),
                    pg_text_or_null(r, row, 4),  pg_text_or_null(r, row, 5),
                    atol(PQgetvalue(r, row, 6)), atol(PQgetvalue(r, row, 7)),
                    pg_real_or_nan(r, row, 8)};
    return fr->cb(fr->user, &f);
}

int pg_each_fact(reel_store *st, store_fact_cb cb, void *user)
{
    fact_rows fr = {cb, user};
    return pg_stream((pg_store *)st, S_EACH_FACT, NULL, fact_row, &fr, "reading facts");
}

typedef struct {
    store_review_cb cb;
    void *user;
} review_rows;

static int review_row(void *user, PGresult *r, int row)
{
    review_rows *rr = user;
    /* a JSON null verdict is as none */
    const char *verdict = pg_text_or_null(r, row, 7);
    if (verdict && !strcmp(verdict, "null")) verdict = NULL;
    store_review v = {pg_text_or_null(r, row, 0),
                      pg_text_or_null(r, row, 1),
                      pg_text_or_null(r, row, 2),
                      pg_text_or_null(r, row, 3),
                      pg_text_or_null(r, row, 4),
                      pg_text_or_null(r, row, 6),
                      PQgetisnull(r, row, 5) ? 0 : atoi(PQgetvalue(r, row, 5)),
                      verdict,
                      pg_text_or_null(r, row, 8)};
    return rr->cb(rr->user, &v);
}

int pg_each_review(reel_store *st, store_review_cb cb, void *user)
{
    review_rows rr = {cb, user};
    return pg_stream((pg_store *)st, S_EACH_REVIEW, NULL, review_row, &rr,
                     "reading reviews");
}

#endif
