/* sqlite_search.h — full-text search on the SQLite store
 * (sqlite_search.c): its statements, kept per connection, and its
 * ranking function, FTS5's BM25 with each word's document count kept
 * (sqlite_kept.c).
 */
#ifndef REEL_STORE_SQLITE_SEARCH_H
#define REEL_STORE_SQLITE_SEARCH_H

#include "store.h"

#include <sqlite3.h>

typedef struct sqlite_search sqlite_search;

/* The search state of connection `db` (which must outlive it): registers
 * the ranking function on it. 0, REEL_ENOMEM or REEL_EDB (message on
 * st's context). Freed by sqlite_search_free (NULL-safe), before the
 * connection is closed. */
int sqlite_search_new(reel_store *st, sqlite3 *db, sqlite_search **out);
void sqlite_search_free(sqlite_search *s);

/* The store operation `search` (store.h) over `s`'s connection. */
int sqlite_search_run(sqlite_search *s, const char *folded, int limit, int offset,
                      store_hit_cb cb, void *user, int *total);

#endif
