/* pg_statements.c — every statement the PostgreSQL store runs with values,
 * prepared once per session (again after a reconnect): its SQL, its name
 * and its number of parameters, and the multi-row fact inserts (1, 2, 4
 * ... 32 rows) that send an article's facts in a round trip or two.
 */
#include "pg.h"

#ifdef REEL_HAVE_PQ

#define FILMS_SELECT                                                                     \
    "SELECT key, title, year, n_articles, n_reviews, score, positive, title_key,"        \
    " first_review FROM films"                                                           \
    " WHERE $1::text IS NULL OR strpos(key, $1) > 0 OR strpos(folded_title, $1) > 0"

const pg_stmt pg_stmts[N_STMTS] = {
    {"put_article",
     "INSERT INTO articles(id, source, url, title, date, author, outlet, kind, film_key,"
     " film_title, film_year, record, text, n_tokens, search, ident)"
     " VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14,"
     " $15::tsvector, $16) ON CONFLICT (id) DO NOTHING",
     16},
    {"put_fact",
     "INSERT INTO facts(article_id, film_key, predicate, value, norm, qualifier,"
     " span_start, span_end, confidence) VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9)",
     9},
    {"film_records", "SELECT record FROM articles WHERE film_key = $1 ORDER BY id", 1},
    /* one lock per film, taken in the order of the lock keys: two batches
     * touching the same films never wait on each other in a circle */
    {"lock_films",
     "SELECT count(pg_advisory_xact_lock(k)) FROM (SELECT DISTINCT hashtextextended(f, "
     "0) AS k"
     " FROM unnest(string_to_array($1, E'\\n')) AS f ORDER BY 1) AS keys",
     1},
    {"put_film",
     "INSERT INTO films(key, title, folded_title, year, n_articles, n_reviews, score,"
     " positive, report, title_key, first_review)"
     " VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
     " ON CONFLICT (key) DO UPDATE SET title = EXCLUDED.title,"
     " folded_title = EXCLUDED.folded_title, year = EXCLUDED.year,"
     " n_articles = EXCLUDED.n_articles, n_reviews = EXCLUDED.n_reviews,"
     " score = EXCLUDED.score, positive = EXCLUDED.positive, report = EXCLUDED.report,"
     " title_key = EXCLUDED.title_key, first_review = EXCLUDED.first_review",
     11},
    {"get_film", "SELECT report FROM films WHERE key = $1", 1},
    {"count_films",
     "SELECT count(*) FROM films WHERE $1::text IS NULL OR strpos(key, $1) > 0"
     " OR strpos(folded_title, $1) > 0",
     1},
    {"films_title", FILMS_SELECT " ORDER BY folded_title, key LIMIT $2 OFFSET $3", 3},
    {"films_score",
     FILMS_SELECT " ORDER BY score IS NULL, score DESC, key LIMIT $2 OFFSET $3", 3},
    {"films_reviews",
     FILMS_SELECT " ORDER BY n_reviews DESC, n_articles DESC, key LIMIT $2 OFFSET $3", 3},
    {"get_article",
     "SELECT record, text FROM articles WHERE id >= $1 AND id < $1 || 'g' ORDER BY id "
     "LIMIT 2",
     1},
    {"count_hits", "SELECT count(*) FROM articles WHERE search @@ $1::tsquery", 1},
    /* FTS5's bm25() with its constants (k1 1.2, b 0.75), computed in the
     * same order of operations, so ranks and their ties match SQLite's:
     * per query phrase ($1: one per line), idf = ln((N - hits + 0.5) /
     * (hits + 0.5)) (1e-6 when not positive), f = the phrase's occurrences in
     * the article (ts_rank_cd with unit weights counts them), D = the
     * article's words, avgdl = words per article; $2: all phrases. */
    {"search",
     "WITH words AS ("
     "  SELECT o, p::tsquery AS q"
     "  FROM unnest(string_to_array($1, E'\\n')) WITH ORDINALITY AS t(p, o)),"
     " corpus AS ("
     "  SELECT count(*)::float8 AS n, coalesce(sum(n_tokens), 0)::float8 AS tokens FROM "
     "articles),"
     " idf AS ("
     "  SELECT words.o, words.q,"
     "   (SELECT CASE WHEN x > 0 THEN x ELSE 1e-6::float8 END FROM"
     "     (SELECT ln((corpus.n - count(*)::float8 + 0.5::float8)"
     "                / (count(*)::float8 + 0.5::float8)) AS x"
     "      FROM articles a WHERE a.search @@ words.q) AS h) AS idf"
     "  FROM words, corpus)"
     " SELECT a.id, a.title, a.outlet, a.film_key, a.kind, a.text,"
     "  (SELECT sum(idf.idf * ((f.f * (1.2::float8 + 1.0::float8)) / (f.f + 1.2::float8"
     "     * (1.0::float8 - 0.75::float8 + 0.75::float8 * a.n_tokens::float8"
     "        / (corpus.tokens / corpus.n)))) ORDER BY idf.o)"
     "   FROM idf CROSS JOIN LATERAL"
     "    (SELECT ts_rank_cd('{1,1,1,1}', a.search, idf.q)::float8 AS f) AS f) AS score,"
     "  a.source, a.url"
     " FROM articles a, corpus WHERE a.search @@ $2::tsquery"
     " ORDER BY score DESC, a.id LIMIT $3 OFFSET $4",
     4},
    {"stats", "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM films)", 0},
    {"each_article", "SELECT record, text FROM articles ORDER BY id", 0},
    {"drop_films", "DELETE FROM films WHERE title_key = $1 OR key = $1", 1},
    {"films_of",
     "SELECT key, title, year, n_articles, n_reviews, score, positive, title_key FROM "
     "films"
     " WHERE title_key = $1 OR key = $1 ORDER BY year IS NULL, year, key",
     1},
    {"find_ident", "SELECT id, date, film_key FROM articles WHERE ident = $1 LIMIT 1", 1},
    {"has_version",
     "SELECT EXISTS(SELECT 1 FROM articles WHERE id = $1)"
     " OR EXISTS(SELECT 1 FROM article_versions WHERE id = $1)",
     1},
    {"retire_keep",
     "WITH old AS (DELETE FROM articles WHERE id = $1"
     " RETURNING id, ident, date, film_key, record, text, added_at)"
     " INSERT INTO article_versions(id, ident, date, film_key, record, text, added_at)"
     " SELECT * FROM old ON CONFLICT (id) DO NOTHING",
     1},
    {"retire_delete",
     "WITH old AS (DELETE FROM articles WHERE id = $1 RETURNING ident)"
     " DELETE FROM article_versions WHERE ident IN (SELECT ident FROM old)",
     1},
    {"put_version",
     "INSERT INTO article_versions(id, ident, date, film_key, record, text)"
     " VALUES($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING",
     6},
    {"versions",
     "SELECT id, date, to_char(added_at AT TIME ZONE 'UTC', "
     "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
     " c FROM (SELECT id, date, added_at, 0 AS c FROM article_versions WHERE ident = $1"
     " UNION ALL SELECT id, date, added_at, 1 FROM articles WHERE ident = $1) AS v"
     " ORDER BY c, 3, id",
     1},
    {"any_links", "SELECT EXISTS(SELECT 1 FROM key_links)", 0},
    {"key_canon", "SELECT canon FROM key_links WHERE key = $1", 1},
    {"join_links", "UPDATE key_links SET canon = $2 WHERE canon = $1", 2},
    {"join_link",
     "INSERT INTO key_links(key, canon) VALUES($1, $2)"
     " ON CONFLICT (key) DO UPDATE SET canon = EXCLUDED.canon",
     2},
    {"join_articles", "UPDATE articles SET film_key = $2 WHERE film_key = $1", 2},
    {"join_facts", "UPDATE facts SET film_key = $2 WHERE film_key = $1", 2},
    {"join_versions", "UPDATE article_versions SET film_key = $2 WHERE film_key = $1", 2},
    {"catalog_put",
     "INSERT INTO catalog(id, title, year, directors, ids) VALUES($1, $2, $3, $4, $5)"
     " ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, year = EXCLUDED.year,"
     " directors = EXCLUDED.directors, ids = EXCLUDED.ids",
     5},
    {"catalog_key",
     "INSERT INTO catalog_keys(key, id) VALUES($1, $2) ON CONFLICT DO NOTHING", 2},
    {"catalog_of",
     "SELECT id, title, year, directors, ids FROM catalog WHERE id IN"
     " (SELECT id FROM catalog_keys WHERE key = $1 OR key IN"
     " (SELECT key FROM key_links WHERE canon = $1)) ORDER BY year, id",
     1},
    /* the critic and outlet views' rows: verdict and printed score taken
     * out of the record as text (json, not jsonb: its text as stored) */
    {"each_review",
     "SELECT id, author, outlet, film_key, film_title, film_year, date, r->'verdict',"
     " r->'score'->>'raw' FROM (SELECT id, author, outlet, film_key, film_title,"
     " film_year, date, record::json AS r FROM articles WHERE kind = 'review') AS a"
     " ORDER BY id",
     0},
    {"films_year",
     FILMS_SELECT " ORDER BY year IS NULL, year, folded_title, key LIMIT $2 OFFSET $3",
     3},
    {"films_first",
     FILMS_SELECT
     " ORDER BY first_review IS NULL, first_review, folded_title, key LIMIT $2 OFFSET $3",
     3},
    {"each_fact",
     "SELECT article_id, film_key, predicate, value, norm, qualifier, span_start,"
     " span_end, confidence FROM facts ORDER BY article_id, span_start, span_end,"
     " predicate, value",
     0},
    {"stale_get", "SELECT n FROM films_stale WHERE title_key = $1", 1},
    {"stale_put",
     "INSERT INTO films_stale(title_key, n) VALUES($1, $2)"
     " ON CONFLICT (title_key) DO UPDATE SET n = EXCLUDED.n",
     2},
    {"stale_forget", "DELETE FROM films_stale WHERE title_key = $1", 1},
    {"stale_keys", "SELECT title_key FROM films_stale ORDER BY title_key", 0},
};

void pg_fact_stmt_name(char *out, size_t n, int size)
{
    snprintf(out, n, "put_facts_%d", size);
}

/* The prepared statements of a session (again after a reconnect). */
int pg_prepare(pg_store *s)
{
    reel_ctx *ctx = s->base.ctx;
    int rc = 0;
    for (int i = 0; i < N_STMTS; i++) {
        PGresult *r = PQprepare(s->conn, pg_stmts[i].name, pg_stmts[i].sql,
                                pg_stmts[i].nparams, NULL);
        if (!pg_ok(r)) rc = pg_fail(s, r, "preparing statements");
        PQclear(r);
        if (rc) return rc;
    }
    for (int k = 0; k < FACT_SIZES && !rc; k++) {
        /* placeholders only: the values travel as parameters */
        buf sql;
        buf_init(&sql);
        buf_puts(&sql, "INSERT INTO facts(article_id, film_key, predicate, value, norm,"
                       " qualifier, span_start, span_end, confidence) VALUES");
        for (int i = 0; i < 1 << k; i++) {
            buf_puts(&sql, i ? ", (" : " (");
            for (int c = 1; c <= FACT_COLS; c++)
                buf_printf(&sql, "$%d%s", i * FACT_COLS + c, c < FACT_COLS ? ", " : ")");
        }
        char name[32];
        pg_fact_stmt_name(name, sizeof name, 1 << k);
        PGresult *r =
            sql.oom ? NULL
                    : PQprepare(s->conn, name, sql.data, (1 << k) * FACT_COLS, NULL);
        if (!r)
            rc = reel_error(ctx, REEL_ENOMEM, "out of memory");
        else if (!pg_ok(r))
            rc = pg_fail(s, r, "preparing statements");
        PQclear(r);
        buf_free(&sql);
    }
    return rc;
}

#endif
