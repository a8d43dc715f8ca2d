/* sqlite_kept.h — what full-text search on the SQLite store keeps per
 * connection between searches (sqlite_kept.c), until the store's data
 * changes: each word's article count, each article's length, and each
 * article's place in the order of article ids (the order of tied ranks).
 */
#ifndef REEL_STORE_SQLITE_KEPT_H
#define REEL_STORE_SQLITE_KEPT_H

#include "store.h"

#include <sqlite3.h>

/* Words whose article count is kept (a power of two: direct-mapped). */
#define KEPT_DF_SLOTS 4096
/* Articles (by rowid) whose length and place are kept: 4 bytes each for
 * each, 16 MB at most. */
#define KEPT_MAX_ROW ((sqlite3_int64)4 << 20)

typedef struct {
    char *term;
    sqlite3_int64 n; /* articles holding it */
} kept_df;

typedef struct {
    sqlite3 *db;
    /* the data what is kept was read from: the pager's data version (every
     * commit, ours or another connection's) and our own changes */
    unsigned data_version;
    sqlite3_int64 changes;
    sqlite3_int64 rows; /* articles, as the last search's ranking counted them */
    kept_df df[KEPT_DF_SLOTS];
    /* each article's length in words + 1 by rowid (0: not read yet), which
     * FTS5 reads with one statement per row ranked: most of the time of a
     * search for a common word */
    uint32_t *dl;
    size_t n_dl;
    int dl_all; /* every article's length read at once */
    /* each article's place in id order + 1 by rowid (0: not read), read
     * all at once once ties have cost as many lookups of single ids */
    uint32_t *ord;
    size_t n_ord;
    int ord_all, ord_failed;
    sqlite3_int64 lookups; /* single ids looked up since the data changed */
} sqlite_kept;

void kept_clear(sqlite_kept *k);
/* Drop what is kept when the data it was read from changed. Called with a
 * read transaction open, so the version is the one it reads. */
void kept_check(sqlite_kept *k);

int kept_df_get(sqlite_kept *k, const char *term, sqlite3_int64 *n);
void kept_df_put(sqlite_kept *k, const char *term, sqlite3_int64 n);

/* Every article's length in one scan of FTS5's docsize table. */
void kept_lengths_load(sqlite_kept *k);
/* The current row's length in words (all columns), kept by rowid; k may
 * be NULL. */
int kept_length(sqlite_kept *k, const Fts5ExtensionApi *api, Fts5Context *fts, int *n);

/* Ready to order `n` tied rows by their place in id order (kept_place)?
 * Reads every article's place when the single lookups since the data
 * changed (these n included) reach an eighth of the articles; 0 while it
 * does not pay, and then the caller looks ids up (and counts them with
 * kept_looked_up). */
int kept_places_ready(sqlite_kept *k, sqlite3_int64 n);
void kept_looked_up(sqlite_kept *k, sqlite3_int64 n);
/* Article `row`'s place in id order: 1 and *place, or 0 when not kept. */
int kept_place(const sqlite_kept *k, sqlite3_int64 row, uint32_t *place);

#endif
