/* film_alias.h — the other titles an article gives its film (film_alias.c),
 * recorded as subject.aliases, and the store's joining of the title keys
 * they link (store/alias.c). */
#ifndef REEL_FILM_ALIAS_H
#define REEL_FILM_ALIAS_H

#include "internal.h"

#define FILM_ALIASES_MAX 8

typedef struct {
    char *titles[FILM_ALIASES_MAX]; /* as written, marks trimmed */
    char *keys[FILM_ALIASES_MAX];   /* reel_film_key of each */
    size_t n;
} film_aliases;

/* The other titles `d` gives its subject film. 0 or REEL_ENOMEM; *out is
 * filled either way and freed with film_aliases_free. */
int film_aliases_find(const reel_doc *d, film_aliases *out);
void film_aliases_free(film_aliases *a);

#endif
