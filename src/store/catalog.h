/* catalog.h — the optional film catalog (catalog.c): its rows
 * as the backends keep them, and the seeds identity.c splits a title's
 * articles with. */
#ifndef REEL_STORE_CATALOG_H
#define REEL_STORE_CATALOG_H

#include "../identity.h"
#include "store.h"

/* The catalog's films of the title key `key` (and the keys joined to it):
 * *seeds for identity_partition, *catalog the entries as JSON ({id, title,
 * year, directors, ids}, one per seed). Both NULL when there are none.
 * Free with store_catalog_seeds_free. */
int store_catalog_seeds(reel_store *st, const char *key, film_seed **seeds, size_t *n,
                        json_t **catalog);
void store_catalog_seeds_free(film_seed *seeds, size_t n, json_t *catalog);

#endif
