/* sqlite_kept.c — what search on the SQLite store keeps per connection
 * (sqlite_kept.h): read once, used by every search until the store's data
 * changes (checked at each search's first ranked row), because reading them
 * again each time was most of a search: FTS5's bm25() reads a word's whole
 * posting list to count its articles at every query and runs a statement
 * per ranked row for its length, and ties were ordered by looking up each
 * tied row's article id.
 */
#include "sqlite_kept.h"

static size_t df_slot(const char *term)
{
    return (size_t)(hash_bytes(term, strlen(term)) & (KEPT_DF_SLOTS - 1));
}

static void df_clear(sqlite_kept *k)
{
    for (size_t i = 0; i < KEPT_DF_SLOTS; i++) {
        free(k->df[i].term);
        k->df[i].term = NULL;
    }
}

void kept_clear(sqlite_kept *k)
{
    df_clear(k);
    free(k->dl);
    k->dl = NULL;
    k->n_dl = 0;
    k->dl_all = 0;
    free(k->ord);
    k->ord = NULL;
    k->n_ord = 0;
    k->ord_all = k->ord_failed = 0;
    k->lookups = 0;
}

void kept_check(sqlite_kept *k)
{
    unsigned v = 0;
    sqlite3_int64 changes = sqlite3_total_changes64(k->db);
    if (sqlite3_file_control(k->db, "main", SQLITE_FCNTL_DATA_VERSION, &v) != SQLITE_OK) {
        kept_clear(k); /* cannot tell: keep nothing */
        return;
    }
    if (v != k->data_version || changes != k->changes) kept_clear(k);
    k->data_version = v;
    k->changes = changes;
}

int kept_df_get(sqlite_kept *k, const char *term, sqlite3_int64 *n)
{
    kept_df *e = &k->df[df_slot(term)];
    if (!e->term || strcmp(e->term, term)) return 0;
    *n = e->n;
    return 1;
}

void kept_df_put(sqlite_kept *k, const char *term, sqlite3_int64 n)
{
    kept_df *e = &k->df[df_slot(term)];
    char *t = strdup(term);
    if (!t) return; /* not kept: counted again next time */
    free(e->term);
    e->term = t;
    e->n = n;
}

/* Room in *a (of *n) for rowid `row` (< KEPT_MAX_ROW); 0 or -1 when out
 * of memory. */
static int grow(uint32_t **a, size_t *n, sqlite3_int64 row)
{
    if ((size_t)row < *n) return 0;
    size_t want = *n ? *n : 1024;
    while (want <= (size_t)row)
        want *= 2;
    uint32_t *m = realloc(*a, want * sizeof *m);
    if (!m) return -1;
    memset(m + *n, 0, (want - *n) * sizeof *m);
    *a = m;
    *n = want;
    return 0;
}

static int dl_grow(sqlite_kept *k, sqlite3_int64 row)
{
    return grow(&k->dl, &k->n_dl, row);
}

/* An SQLite varint (FTS5's own); its length, 0 when cut short. */
static int get_varint(const unsigned char *p, int len, uint64_t *v)
{
    uint64_t x = 0;
    for (int i = 0; i < 9 && i < len; i++) {
        if (i == 8) {
            *v = (x << 8) | p[i];
            return 9;
        }
        x = (x << 7) | (p[i] & 0x7f);
        if (!(p[i] & 0x80)) {
            *v = x;
            return i + 1;
        }
    }
    return 0;
}

/* Every article's length in one scan of FTS5's docsize table (a row's
 * "sz" is one varint per column), where one lookup a row ranked cost ten
 * times more for a word in most articles. A failure leaves the rows to
 * kept_length, one at a time. */
void kept_lengths_load(sqlite_kept *k)
{
    sqlite3_stmt *q = NULL;
    int step = SQLITE_DONE;
    if (sqlite3_prepare_v2(k->db, "SELECT id, sz FROM articles_fts_docsize", -1, &q,
                           NULL) != SQLITE_OK) {
        sqlite3_finalize(q);
        return;
    }
    while ((step = sqlite3_step(q)) == SQLITE_ROW) {
        sqlite3_int64 row = sqlite3_column_int64(q, 0);
        const unsigned char *p = sqlite3_column_blob(q, 1);
        int len = sqlite3_column_bytes(q, 1), w;
        uint64_t total = 0, v;
        if (row < 0 || row >= KEPT_MAX_ROW || dl_grow(k, row)) continue;
        for (int at = 0; p && at < len; at += w) {
            if (!(w = get_varint(p + at, len - at, &v))) break;
            total += v;
        }
        if (total < UINT32_MAX) k->dl[row] = (uint32_t)total + 1;
    }
    sqlite3_finalize(q);
    if (step == SQLITE_DONE) k->dl_all = 1;
}

/* The current row's length in words (all columns), kept by rowid. */
int kept_length(sqlite_kept *k, const Fts5ExtensionApi *api, Fts5Context *fts, int *n)
{
    sqlite3_int64 row = api->xRowid(fts);
    if (!k || row < 0 || row >= KEPT_MAX_ROW || dl_grow(k, row))
        return api->xColumnSize(fts, -1, n);
    if (k->dl[row]) {
        *n = (int)(k->dl[row] - 1);
        return SQLITE_OK;
    }
    int rc = api->xColumnSize(fts, -1, n);
    if (rc == SQLITE_OK && *n >= 0) k->dl[row] = (uint32_t)*n + 1;
    return rc;
}

int kept_places_ready(sqlite_kept *k, sqlite3_int64 n)
{
    if (k->ord_all) return 1;
    if (k->ord_failed) return 0;
    sqlite3_int64 need = k->rows / 8 > 256 ? k->rows / 8 : 256;
    if (k->lookups + n < need) return 0;
    /* the index of ids, read in its order: one scan */
    sqlite3_stmt *q = NULL;
    int step = SQLITE_DONE;
    uint32_t place = 0;
    if (sqlite3_prepare_v2(k->db, "SELECT rowid FROM articles ORDER BY id", -1, &q,
                           NULL) == SQLITE_OK)
        while ((step = sqlite3_step(q)) == SQLITE_ROW) {
            sqlite3_int64 row = sqlite3_column_int64(q, 0);
            place++;
            if (row < 0 || row >= KEPT_MAX_ROW) continue; /* looked up */
            if (grow(&k->ord, &k->n_ord, row)) {
                step = SQLITE_NOMEM;
                break;
            }
            k->ord[row] = place;
        }
    sqlite3_finalize(q);
    if (step == SQLITE_DONE && place < UINT32_MAX) {
        k->ord_all = 1;
        return 1;
    }
    free(k->ord); /* a failure: ids looked up one by one, as before */
    k->ord = NULL;
    k->n_ord = 0;
    k->ord_failed = 1;
    return 0;
}

void kept_looked_up(sqlite_kept *k, sqlite3_int64 n)
{
    k->lookups += n;
}

int kept_place(const sqlite_kept *k, sqlite3_int64 row, uint32_t *place)
{
    if (!k->ord_all || row < 0 || (size_t)row >= k->n_ord || !k->ord[row]) return 0;
    *place = k->ord[row];
    return 1;
}
