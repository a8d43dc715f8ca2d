/* identity.h — film and article identity (identity.c): how the articles
 * of one title key split into films, the id a film is stored and asked
 * for by ("pain and glory (2019)"), and which version of an article wins.
 */
#ifndef REEL_IDENTITY_H
#define REEL_IDENTITY_H

#include "internal.h"

#include <jansson.h>

/* One film of a title key: its year (0 unknown) and its articles' ids
 * (borrowed from the caller's array), in the caller's order. */
typedef struct {
    int year;
    int unresolved; /* articles that fit several films and could not be placed */
    int seed;       /* the catalog entry it is (index into the seeds), or -1 */
    const char **ids;
    size_t n;
} film_group;

/* A film the catalog knows under the title key: its year (0 unknown) and
 * its directors as credits ({"d:FOLDED NAME": true}). */
typedef struct {
    int year;
    json_t *credits;
} film_seed;

/* Split the articles `ids` (summaries in `arts`: id → summary with
 * film_year and facts) into films, in year order, the unresolved last;
 * `seeds` (may be NULL) are the catalog's films of the title, which the
 * articles join by year or director first. Films without articles are left
 * out; always at least one group. 0 or REEL_ENOMEM; free with
 * identity_groups_free. */
int identity_partition(json_t *arts, const char **ids, size_t n, const film_seed *seeds,
                       size_t n_seeds, film_group **out, size_t *n_out);
void identity_groups_free(film_group *g, size_t n);

/* "KEY (YEAR)", "KEY" when the year is unknown, "KEY (?)" for the
 * unresolved articles of a title. malloc'd; NULL when out of memory. */
char *identity_film_id(const char *key, int year, int unresolved);

/* A trailing "(2019)" (*year 2019) or "(?)" (*year -1) on a title: 1 when
 * there is one, else 0 and *year 0. */
int identity_parse_year(const char *title, size_t len, int *year);

/* An article's identity: its canonical URL, else its source, else its id
 * (borrowed from rec). */
const char *identity_article(json_t *rec);

/* 1 when ISO date a is later than b, -1 when earlier, 0 when the same or
 * either is missing. */
int identity_date_newer(const char *a, const char *b);

/* 1 when version (date_a, id_a) replaces (date_b, id_b) in a partial: the
 * later date, else the greater id. */
int identity_newer(const char *date_a, const char *id_a, const char *date_b,
                   const char *id_b);

#endif
