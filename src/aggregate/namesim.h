/* namesim.h — are two folded names the same person (or character), a
 * spelling variant of one, or different? Used by reconcile.c to cluster
 * the values sources give and by bench/ to check the clustering on real
 * cast lists. Inputs are reel_fold keys ("pedro almodovar").
 */
#ifndef REEL_NAMESIM_H
#define REEL_NAMESIM_H

#include <stddef.h>

enum {
    NAME_DIFFERENT = 0,
    NAME_SAME = 1,   /* equal, or one is the other with words left out */
    NAME_VARIANT = 2 /* the same name spelled differently: Mallo / Gallo */
};

/* How single words may match a longer name: a person alone goes by the
 * surname ("Banderas"), a character by any of its names ("Salvador"). */
enum { NAMES_PERSON = 0, NAMES_CHARACTER = 1 };

/* Optimal string alignment distance (Damerau: a transposition is one
 * edit) between a[0..an) and b[0..bn), computed up to `max`: returns
 * max + 1 when it is larger. Bytes, so a folded key (ASCII mostly). */
int name_osa(const char *a, size_t an, const char *b, size_t bn, int max);

/* Compare two folded names. */
int name_compare(const char *a, const char *b, int mode);

/* Normalise an organisation's folded name for matching: "warner bros
 * pictures" → "warner brothers", "20th century fox film corporation" →
 * "twentieth century fox". malloc'd; caller frees. */
char *org_key(const char *folded);

#endif
