/* byline.h — a critic's and an outlet's name as the critic and outlet views
 * group them (byline.c): the name shown and the key it is matched by.
 */
#ifndef REEL_BYLINE_H
#define REEL_BYLINE_H

#include "internal.h"

/* The critic's name in `author` as shown: spaces collapsed, a leading "By"
 * dropped, and a trailing outlet after a comma, dash, bar or in
 * parentheses dropped when it is `outlet` (NULL: none). malloc'd, "" when
 * no name is left; NULL when out of memory. */
char *byline_critic(const char *author, const char *outlet);
/* An outlet's name as shown: spaces collapsed. malloc'd as above. */
char *byline_outlet(const char *outlet);
/* The matching key of a shown name: reel_fold's (no case, accents or
 * punctuation); an outlet's also without a leading "the". malloc'd, NULL
 * when out of memory. */
char *byline_key(const char *name, int is_outlet);

#endif
