/* sqlite_search.c — full-text search on the SQLite store. Matches
 * are ranked by reel_rank, FTS5's bm25() computed the same way (the same
 * values, so the same order and totals), except that its inputs are kept
 * per connection until the store's data changes (sqlite_kept.c): the
 * number of articles holding each word, each article's length and its
 * place in id order (ties). One step of one statement ranks and counts
 * every match, reel_rank keeping the page's candidates as it goes and
 * leaving a row once it cannot reach them; statements are prepared once
 * per connection; a search is one read transaction.
 */
#include "sqlite_search.h"
#include "sqlite_kept.h"

#include <math.h>

/* Pages ending past this many rows are cut by one full sort. */
#define SEARCH_FAST_ROWS 1000
/* Rows ranked past the page, so that ties with its last row are seen. */
#define SEARCH_SPARE_ROWS 64
/* A query whose words are all in at least 1/DL_BULK of the articles (and
 * there are DL_BULK_ROWS or more) reads every article's length at once. */
#define DL_BULK 16
#define DL_BULK_ROWS 256

typedef struct {
    sqlite3_int64 rowid;
    double rank; /* bm25: lower is better */
    char *id;
    uint32_t place; /* in id order (kept_place), for ties */
} search_row;

struct sqlite_search {
    reel_store *st;
    sqlite3 *db;
    sqlite3_stmt *scan, *ids, *rows, *count, *sorted, *begin, *commit;
    store_tokenizer *tok; /* for snippets, made at the first search */
    sqlite_kept kept;     /* word counts, lengths and id order, read once */
    /* the running query's words: phrase i of its FTS5 expression is terms[i] */
    char **terms;
    int n_terms;
    struct collector *collect; /* rows ranked go there, during a scan */
};

/* Where the scan's rows go, from inside reel_rank: one statement step for
 * the whole scan, where a row each cost more than ranking it. */
typedef struct collector {
    search_row *r;
    size_t n, cap;
    int ties;    /* 0: the best cap rows (a max-heap); 1: every row ranked edge */
    double edge; /* (ties) */
    int oom;
} collector;

static int db_err(sqlite_search *s, int code, const char *what)
{
    return reel_error(s->st->ctx, code, "%s: %s: %s", s->st->url, what,
                      sqlite3_errmsg(s->db));
}

static const char *col_text(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

/* ---------------- reel_rank(articles_fts) ---------------- */

/* What a query's rows share: the mean article length, each phrase's IDF,
 * the phrases by IDF (highest first) and what the phrases from the k-th
 * of that order on can add to a score at most (each IDF * (k1 + 1)). */
typedef struct {
    int n;
    double avgdl;
    double *idf, *freq, *rest; /* n, n and n + 1, after the struct */
    int *order;                /* n, after them */
} rank_query;

#define BM25_K1 1.2
#define BM25_B 0.75
/* Scores are summed in phrase order; a bound on one is widened by this
 * share, far more than the rounding of a sum of SEARCH_MAX_TERMS terms. */
#define BOUND_SLACK 1e-9

static int count_row(const Fts5ExtensionApi *api, Fts5Context *fts, void *user)
{
    (void)api;
    (void)fts;
    (*(sqlite3_int64 *)user)++;
    return SQLITE_OK;
}

/* The query's shared values, made at its first row as bm25() makes them:
 * IDF = log((N - hits + 0.5) / (hits + 0.5)), at least 1e-6. */
static int rank_query_get(const Fts5ExtensionApi *api, Fts5Context *fts, rank_query **out)
{
    rank_query *d = api->xGetAuxdata(fts, 0);
    *out = d;
    if (d) return SQLITE_OK;
    sqlite_search *s = api->xUserData(fts);
    int n = api->xPhraseCount(fts), rc;
    sqlite3_int64 rows = 0, tokens = 0;
    size_t size =
        sizeof *d + (3 * (size_t)n + 1) * sizeof(double) + (size_t)n * sizeof(int);
    d = sqlite3_malloc64(size);
    if (!d) return SQLITE_NOMEM;
    memset(d, 0, size);
    d->n = n;
    d->idf = (double *)(d + 1);
    d->freq = d->idf + n;
    d->rest = d->freq + n;
    d->order = (int *)(d->rest + n + 1);
    if ((rc = api->xRowCount(fts, &rows)) == SQLITE_OK &&
        (rc = api->xColumnTotalSize(fts, -1, &tokens)) == SQLITE_OK)
        d->avgdl = (double)tokens / (double)rows;
    /* the kept counts serve only the queries this file made (their
     * phrases are s->terms, in order); any other counts as bm25() does */
    if (s) {
        kept_check(&s->kept);
        s->kept.rows = rows;
    }
    int kept = s && s->terms && n == s->n_terms;
    sqlite3_int64 fewest = rows;
    for (int i = 0; rc == SQLITE_OK && i < n; i++) {
        sqlite3_int64 hits = 0;
        if (!kept || !kept_df_get(&s->kept, s->terms[i], &hits)) {
            rc = api->xQueryPhrase(fts, i, &hits, count_row);
            if (rc == SQLITE_OK && kept) kept_df_put(&s->kept, s->terms[i], hits);
        }
        double idf = log((rows - hits + 0.5) / (hits + 0.5));
        d->idf[i] = idf <= 0.0 ? 1e-6 : idf;
        if (hits < fewest) fewest = hits;
    }
    /* the rarest phrases first: they decide most of a score */
    for (int i = 0; i < n; i++) {
        int j = i;
        while (j > 0 && d->idf[d->order[j - 1]] < d->idf[i]) {
            d->order[j] = d->order[j - 1];
            j--;
        }
        d->order[j] = i;
    }
    for (int k = n - 1; k >= 0; k--)
        d->rest[k] = d->rest[k + 1] + d->idf[d->order[k]] * (BM25_K1 + 1.0);
    /* a query matching many articles: their lengths read at once */
    if (rc == SQLITE_OK && s && !s->kept.dl_all && rows >= DL_BULK_ROWS &&
        fewest * DL_BULK >= rows)
        kept_lengths_load(&s->kept);
    if (rc == SQLITE_OK)
        rc = api->xSetAuxdata(fts, d, sqlite3_free);
    else
        sqlite3_free(d);
    if (rc == SQLITE_OK) *out = d;
    return rc;
}

static void collect(collector *c, sqlite3_int64 rowid, double rank);

/* The rank a row needs to be kept by the scan's collector: a row whose
 * rank cannot be below it (heap) or equal to it (ties) is not kept. 0 when
 * every row may be. */
static int collect_floor(const collector *c, double *floor, int *equal_ok)
{
    if (!c) return 0;
    if (c->ties) {
        *floor = c->edge;
        *equal_ok = 1;
        return 1;
    }
    if (c->n < c->cap) return 0;
    *floor = c->r[0].rank;
    *equal_ok = 0;
    return 1;
}

/* Can a row whose score is at most `most` not be kept? */
static int unreachable(double most, double floor, int equal_ok)
{
    double best = -(most * (1.0 + BOUND_SLACK));
    return equal_ok ? best > floor : best >= floor;
}

/* Instances of phrase i in the current row. */
static int phrase_count(const Fts5ExtensionApi *api, Fts5Context *fts, int i, double *n)
{
    Fts5PhraseIter it;
    int col = 0, off = 0, k = 0;
    int rc = api->xPhraseFirst(fts, i, &it, &col, &off);
    for (; rc == SQLITE_OK && col >= 0; api->xPhraseNext(fts, &it, &col, &off))
        k++;
    *n = (double)k;
    return rc;
}

/* bm25(articles_fts) with every column weighing 1, term for term. While
 * the scan collects, a row that cannot reach the rows kept so far is not
 * ranked to the end: its phrases are counted rarest first, and once what
 * is counted plus the most the rest could add cannot reach the kept rows'
 * rank, it is counted as a match (any rank) and left. The rows kept, and
 * so the page and the total, are those of ranking every row. */
static void rank_fn(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
                    int n_val, sqlite3_value **val)
{
    (void)n_val;
    (void)val;
    const double k1 = BM25_K1, b = BM25_B;
    rank_query *d = NULL;
    sqlite_search *s = api->xUserData(fts);
    int rc = rank_query_get(api, fts, &d), n_tok = 0, equal_ok = 0;
    double floor = 0;
    int bounded = rc == SQLITE_OK && s && collect_floor(s->collect, &floor, &equal_ok);
    if (bounded && unreachable(d->rest[0], floor, equal_ok)) {
        sqlite3_result_double(ctx, 0.0); /* a match, never kept */
        return;
    }
    if (rc == SQLITE_OK) rc = kept_length(s ? &s->kept : NULL, api, fts, &n_tok);
    double dl = (double)n_tok, part = 0.0;
    for (int k = 0; rc == SQLITE_OK && k < d->n; k++) {
        int i = d->order[k];
        if ((rc = phrase_count(api, fts, i, &d->freq[i]))) break;
        if (!bounded) continue;
        part += d->idf[i] * ((d->freq[i] * (k1 + 1.0)) /
                             (d->freq[i] + k1 * (1 - b + b * dl / d->avgdl)));
        if (unreachable(part + d->rest[k + 1], floor, equal_ok)) {
            sqlite3_result_double(ctx, 0.0);
            return;
        }
    }
    if (rc != SQLITE_OK) {
        sqlite3_result_error_code(ctx, rc);
        return;
    }
    double score = 0.0;
    for (int i = 0; i < d->n; i++)
        score += d->idf[i] * ((d->freq[i] * (k1 + 1.0)) /
                              (d->freq[i] + k1 * (1 - b + b * dl / d->avgdl)));
    sqlite3_result_double(ctx, -1.0 * score);
    if (s && s->collect) collect(s->collect, api->xRowid(fts), -1.0 * score);
}

/* ---------------- the state ---------------- */

int sqlite_search_new(reel_store *st, sqlite3 *db, sqlite_search **out)
{
    sqlite_search *s = calloc(1, sizeof *s);
    sqlite3_stmt *q = NULL;
    fts5_api *fts = NULL;
    *out = NULL;
    if (!s) return reel_error(st->ctx, REEL_ENOMEM, "out of memory");
    s->st = st;
    s->db = db;
    s->kept.db = db;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &q, NULL) == SQLITE_OK) {
        sqlite3_bind_pointer(q, 1, (void *)&fts, "fts5_api_ptr", NULL);
        sqlite3_step(q);
    }
    sqlite3_finalize(q);
    if (!fts || fts->iVersion < 2 ||
        fts->xCreateFunction(fts, "reel_rank", s, rank_fn, NULL) != SQLITE_OK) {
        int rc = db_err(s, REEL_EDB, "cannot make the search's ranking function");
        free(s);
        return rc;
    }
    struct {
        sqlite3_stmt **st;
        const char *sql;
    } prep[] = {
        {&s->scan,
         "SELECT count(*) FROM articles_fts"
         " WHERE articles_fts MATCH ?1 AND reel_rank(articles_fts) IS NOT NULL"},
        {&s->ids, "SELECT id FROM articles WHERE rowid = ?"},
        {&s->rows, "SELECT id, title, outlet, film_key, kind, text, source, url"
                   " FROM articles WHERE rowid = ?"},
        {&s->count, "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?"},
        {&s->sorted,
         "SELECT articles_fts.rowid, reel_rank(articles_fts) AS rank, a.id"
         " FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
         " WHERE articles_fts MATCH ?1 ORDER BY rank, a.id LIMIT ?2 OFFSET ?3"},
        {&s->begin, "BEGIN"},
        {&s->commit, "COMMIT"},
    };
    for (size_t i = 0; i < sizeof prep / sizeof *prep; i++)
        if (sqlite3_prepare_v3(db, prep[i].sql, -1, SQLITE_PREPARE_PERSISTENT, prep[i].st,
                               NULL) != SQLITE_OK) {
            int rc = db_err(s, REEL_EDB, "cannot prepare the search");
            sqlite_search_free(s);
            return rc;
        }
    *out = s;
    return 0;
}

void sqlite_search_free(sqlite_search *s)
{
    if (!s) return;
    sqlite3_finalize(s->scan);
    sqlite3_finalize(s->ids);
    sqlite3_finalize(s->rows);
    sqlite3_finalize(s->count);
    sqlite3_finalize(s->sorted);
    sqlite3_finalize(s->begin);
    sqlite3_finalize(s->commit);
    store_tokenizer_free(s->tok);
    kept_clear(&s->kept);
    free(s);
}

/* ---------------- one search ---------------- */

/* The folded query as an FTS5 expression, every word quoted, all required;
 * the words themselves in s->terms, phrase by phrase. */
static char *fts_query(sqlite_search *s, const char *folded)
{
    buf b;
    buf_init(&b);
    size_t n = 1;
    for (const char *p = folded; *p; p++)
        n += *p == ' ';
    if (!(s->terms = calloc(n, sizeof *s->terms))) return NULL;
    const char *p = folded;
    while (*p) {
        while (*p == ' ')
            p++;
        if (!*p) break;
        const char *e = p;
        while (*e && *e != ' ')
            e++;
        if (!(s->terms[s->n_terms] = strndup(p, (size_t)(e - p)))) {
            buf_free(&b);
            return NULL;
        }
        s->n_terms++;
        if (b.len) buf_putc(&b, ' ');
        buf_putc(&b, '"');
        buf_append(&b, p, (size_t)(e - p));
        buf_putc(&b, '"');
        p = e;
    }
    return buf_detach(&b);
}

static void terms_free(sqlite_search *s)
{
    for (int i = 0; i < s->n_terms; i++)
        free(s->terms[i]);
    free(s->terms);
    s->terms = NULL;
    s->n_terms = 0;
}

static void rows_free(search_row *r, size_t n)
{
    if (!r) return;
    for (size_t i = 0; i < n; i++)
        free(r[i].id);
    free(r);
}

static int by_rank(const void *a, const void *b)
{
    const search_row *x = a, *y = b;
    if (x->rank != y->rank) return x->rank < y->rank ? -1 : 1;
    return x->rowid < y->rowid ? -1 : x->rowid > y->rowid;
}

static int by_id(const void *a, const void *b)
{
    return strcmp(((const search_row *)a)->id, ((const search_row *)b)->id);
}

/* A max-heap by rank: r[0] is the worst row kept. */
static void heap_down(search_row *r, size_t n, size_t i)
{
    for (;;) {
        size_t w = i, l = 2 * i + 1, c = l + 1;
        if (l < n && r[l].rank > r[w].rank) w = l;
        if (c < n && r[c].rank > r[w].rank) w = c;
        if (w == i) return;
        search_row t = r[i];
        r[i] = r[w];
        r[w] = t;
        i = w;
    }
}

static void heap_up(search_row *r, size_t i)
{
    while (i > 0 && r[(i - 1) / 2].rank < r[i].rank) {
        search_row t = r[i];
        r[i] = r[(i - 1) / 2];
        r[(i - 1) / 2] = t;
        i = (i - 1) / 2;
    }
}

static int by_place(const void *a, const void *b)
{
    uint32_t x = ((const search_row *)a)->place, y = ((const search_row *)b)->place;
    return x < y ? -1 : x > y;
}

/* Rows [from, to) sorted among themselves by article id: by their places
 * in id order when kept, else by their ids, looked up. */
static int sort_ties(sqlite_search *s, search_row *r, long from, long to)
{
    int rc = 0;
    if (kept_places_ready(&s->kept, to - from)) {
        long i = from;
        while (i < to && kept_place(&s->kept, r[i].rowid, &r[i].place))
            i++;
        if (i == to) {
            qsort(r + from, (size_t)(to - from), sizeof *r, by_place);
            return 0;
        }
    }
    kept_looked_up(&s->kept, to - from);
    for (long i = from; i < to && !rc; i++) {
        sqlite3_reset(s->ids);
        sqlite3_bind_int64(s->ids, 1, r[i].rowid);
        if (sqlite3_step(s->ids) != SQLITE_ROW)
            rc = db_err(s, REEL_EDB, "cannot search");
        else if (!(r[i].id = strdup(col_text(s->ids, 0) ? col_text(s->ids, 0) : "")))
            rc = reel_error(s->st->ctx, REEL_ENOMEM, "out of memory");
    }
    sqlite3_reset(s->ids);
    if (!rc) qsort(r + from, (size_t)(to - from), sizeof *r, by_id);
    return rc;
}

static void collect(collector *c, sqlite3_int64 rowid, double rank)
{
    search_row row = {rowid, rank, NULL, 0};
    if (c->ties) {
        if (rank != c->edge) return;
        if (c->n == c->cap) {
            size_t cap = c->cap ? 2 * c->cap : 64;
            search_row *m = realloc(c->r, cap * sizeof *m);
            if (!m) {
                c->oom = 1;
                return;
            }
            c->r = m;
            c->cap = cap;
        }
        c->r[c->n++] = row;
    } else if (c->n < c->cap) {
        c->r[c->n] = row;
        heap_up(c->r, c->n++);
    } else if (rank < c->r[0].rank) {
        c->r[0] = row;
        heap_down(c->r, c->n, 0);
    }
}

/* Every match of fq into c, in one step of the scan; *matches counts them. */
static int scan(sqlite_search *s, const char *fq, collector *c, long *matches)
{
    sqlite3_bind_text(s->scan, 1, fq, -1, SQLITE_STATIC);
    s->collect = c;
    int step = sqlite3_step(s->scan);
    s->collect = NULL;
    if (step == SQLITE_ROW) *matches = (long)sqlite3_column_int64(s->scan, 0);
    sqlite3_reset(s->scan);
    sqlite3_clear_bindings(s->scan);
    if (c->oom) return reel_error(s->st->ctx, REEL_ENOMEM, "out of memory");
    return step == SQLITE_ROW ? 0 : db_err(s, REEL_EDB, "cannot search");
}

/* Every match ranked `edge` (the rows tied at the page's end), put in r
 * from row `from` up to row `want` (*end: where they stop), by article id:
 * a second pass over the matches, and the ids of the tied rows only. */
static int add_tied(sqlite_search *s, const char *fq, double edge, search_row *r,
                    long from, long want, long *end)
{
    collector c = {.ties = 1, .edge = edge};
    long matches = 0;
    int rc = scan(s, fq, &c, &matches);
    if (!rc) rc = sort_ties(s, c.r, 0, (long)c.n);
    for (size_t i = 0; i < c.n; i++) {
        if (!rc && from < want) {
            free(r[from].id);
            r[from++] = c.r[i];
        } else {
            free(c.r[i].id);
        }
    }
    free(c.r);
    *end = from;
    return rc;
}

/* One pass over every match: *total counts them, and *out gets the rows
 * that can be on the page ending at row `want`, best first by rank and
 * article id: the best want + spare rows by rank (a heap), cut after the
 * page's last row and the rows tied with it. When those ties run past the
 * rows kept, a second pass reads every row tied with the page's last (a
 * full sort of every match, as before, cost ten times more). */
static int search_candidates(sqlite_search *s, const char *fq, int want, search_row **out,
                             long *n_out, int *total)
{
    int rc = 0;
    long matches = 0;
    collector c = {.cap = (size_t)want + SEARCH_SPARE_ROWS};
    *out = NULL;
    *n_out = 0;
    if (!(c.r = calloc(c.cap, sizeof *c.r)))
        return reel_error(s->st->ctx, REEL_ENOMEM, "out of memory");
    if ((rc = scan(s, fq, &c, &matches))) goto done;
    *total = matches > INT32_MAX ? INT32_MAX : (int)matches;
    search_row *r = c.r;
    qsort(r, c.n, sizeof *r, by_rank);
    long keep = (long)c.n, tied_from = -1;
    double edge = 0;
    if (keep > want) { /* past the page: only the rows tied with its last */
        edge = r[want - 1].rank;
        keep = want;
        while (keep < (long)c.n && r[keep].rank == edge)
            keep++;
        if ((size_t)keep == c.cap && matches > (long)c.cap) { /* the ties go on */
            tied_from = want - 1;
            while (tied_from > 0 && r[tied_from - 1].rank == edge)
                tied_from--;
            keep = tied_from; /* every row ranked better than the edge */
        }
    }
    for (long i = 0; i < keep && !rc;) { /* ties, ordered by article id */
        long j = i + 1;
        while (j < keep && r[j].rank == r[i].rank)
            j++;
        if (j - i > 1) rc = sort_ties(s, r, i, j);
        i = j;
    }
    if (!rc && tied_from >= 0) rc = add_tied(s, fq, edge, r, tied_from, want, &keep);
    if (rc) goto done;
    *out = r;
    *n_out = keep;
    c.r = NULL;
done:
    rows_free(c.r, c.n);
    return rc;
}

/* The page by one sort of every match (deep pages, long runs of ties). */
static int search_sorted(sqlite_search *s, const char *fq, int limit, int offset,
                         search_row **out, long *n_out)
{
    int rc = 0, step = SQLITE_DONE;
    long n = 0;
    search_row *r = calloc((size_t)limit, sizeof *r);
    *out = NULL;
    *n_out = 0;
    if (!r) return reel_error(s->st->ctx, REEL_ENOMEM, "out of memory");
    sqlite3_stmt *q = s->sorted;
    sqlite3_bind_text(q, 1, fq, -1, SQLITE_STATIC);
    sqlite3_bind_int(q, 2, limit);
    sqlite3_bind_int(q, 3, offset);
    while (n < limit && (step = sqlite3_step(q)) == SQLITE_ROW) {
        r[n].rowid = sqlite3_column_int64(q, 0);
        r[n].rank = sqlite3_column_double(q, 1);
        if (!(r[n].id = strdup(col_text(q, 2) ? col_text(q, 2) : ""))) {
            rc = reel_error(s->st->ctx, REEL_ENOMEM, "out of memory");
            break;
        }
        n++;
    }
    if (!rc && n < limit && step != SQLITE_DONE)
        rc = db_err(s, REEL_EDB, "cannot search");
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    if (rc) {
        rows_free(r, (size_t)n);
    } else {
        *out = r;
        *n_out = n;
    }
    return rc;
}

static int count_matches(sqlite_search *s, const char *fq, int *total)
{
    sqlite3_bind_text(s->count, 1, fq, -1, SQLITE_STATIC);
    int step = sqlite3_step(s->count);
    if (step == SQLITE_ROW) *total = sqlite3_column_int(s->count, 0);
    sqlite3_reset(s->count);
    sqlite3_clear_bindings(s->count);
    return step == SQLITE_ROW ? 0 : db_err(s, REEL_EDB, "cannot search");
}

/* The hits of rows [first, first + limit) of r, with their snippets: made
 * for the page's rows only (snippet() for every match made a search cost
 * minutes), cut as FTS5's snippet() cuts them but in time linear in the
 * text (pg_search.c; FTS5's own is quadratic in the matches of one
 * article), as the PostgreSQL store cuts them. */
static int send_hits(sqlite_search *s, const char *folded, const search_row *r,
                     long first, long n, int limit, store_hit_cb cb, void *user)
{
    int rc = 0;
    if (!s->tok && store_tokenizer_new(&s->tok))
        return reel_error(s->st->ctx, REEL_ENOMEM, "cannot make snippets: out of memory");
    sqlite3_stmt *q = s->rows;
    for (long i = first; i < n && i < first + limit && !rc; i++) {
        sqlite3_reset(q);
        sqlite3_bind_int64(q, 1, r[i].rowid);
        if (sqlite3_step(q) != SQLITE_ROW) {
            rc = db_err(s, REEL_EDB, "cannot search");
            break;
        }
        char *snippet =
            store_snippet(s->tok, col_text(q, 5) ? col_text(q, 5) : "", folded, 16);
        if (!snippet) {
            rc = reel_error(s->st->ctx, REEL_ENOMEM, "out of memory");
            break;
        }
        store_hit h = {col_text(q, 0), col_text(q, 1), col_text(q, 2),
                       col_text(q, 3), col_text(q, 4), snippet,
                       -r[i].rank,     col_text(q, 6), col_text(q, 7)};
        rc = cb(user, &h);
        free(snippet);
    }
    sqlite3_reset(q);
    return rc;
}

int sqlite_search_run(sqlite_search *s, const char *folded, int limit, int offset,
                      store_hit_cb cb, void *user, int *total)
{
    int rc = 0, own = 0;
    long n = -1, first = 0;
    search_row *rows = NULL;
    char *fq = fts_query(s, folded);
    *total = 0;
    if (!fq) {
        rc = reel_error(s->st->ctx, REEL_ENOMEM, "out of memory");
        goto done;
    }
    /* one snapshot for the count, the ranking and the rows */
    if (sqlite3_get_autocommit(s->db)) {
        int step = sqlite3_step(s->begin);
        sqlite3_reset(s->begin);
        if (step != SQLITE_DONE) {
            rc = db_err(s, REEL_EDB, "cannot search");
            goto done;
        }
        own = 1;
    }
    if (offset + limit <= SEARCH_FAST_ROWS) {
        if ((rc = search_candidates(s, fq, offset + limit, &rows, &n, total))) goto done;
        first = offset;
    } else if ((rc = count_matches(s, fq, total))) {
        goto done;
    }
    if (*total == 0 || offset >= *total) goto done;
    if (n < 0) {
        if ((rc = search_sorted(s, fq, limit, offset, &rows, &n))) goto done;
        first = 0;
    }
    rc = send_hits(s, folded, rows, first, n, limit, cb, user);
done:
    if (own && !sqlite3_get_autocommit(s->db)) { /* (an interrupt ended it already) */
        sqlite3_step(s->commit);
        sqlite3_reset(s->commit);
        if (!sqlite3_get_autocommit(s->db))
            sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    }
    rows_free(rows, (size_t)(n > 0 ? n : 0));
    terms_free(s);
    free(fq);
    return rc;
}
