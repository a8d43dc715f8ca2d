/* alias.c — alternate titles in the store: an article that gives its
 * film another title ("Parasite (Gisaengchung)", subject.aliases) joins the
 * two title keys, so articles under either are one title's; the years and
 * credits then split it into films as for any title (identity.c), which
 * keeps a same-named film of another year apart. The keys of a group stand
 * under the smallest of them (byte order), whatever order articles came in.
 */
#include "../film_alias.h"
#include "../identity.h"
#include "store.h"

static int cmp_key(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

char *store_alias_canon(reel_store *st, const char *key)
{
    char *canon = NULL;
    if (st->ops->key_canon(st, key, &canon) || !canon) return strdup(key);
    return canon;
}

int store_alias_resolve(reel_store *st, json_t *subject, const char **key)
{
    json_t *aliases = json_object_get(subject, "aliases"), *a;
    size_t n_alias = json_array_size(aliases), i, n = 0;
    if (!st->links && n_alias == 0) return 0; /* nothing joined, nothing to join */
    /* the group: this key and each alias key, each under what it stands */
    char **keys = calloc(2 * (n_alias + 1), sizeof *keys);
    int rc = keys ? 0 : REEL_ENOMEM;
    if (!rc && !(keys[n++] = strdup(*key))) rc = REEL_ENOMEM;
    json_array_foreach(aliases, i, a)
    {
        const char *t = json_string_value(a);
        if (rc || !t) continue;
        char *k = reel_film_key(t, strlen(t));
        if (!k) {
            rc = REEL_ENOMEM;
        } else if (!*k) {
            free(k);
        } else {
            keys[n++] = k;
        }
    }
    size_t n_raw = n;
    for (i = 0; !rc && i < n_raw; i++) {
        char *c = NULL;
        if ((rc = st->ops->key_canon(st, keys[i], &c))) break;
        if (c) keys[n++] = c;
    }
    if (rc) goto done;
    qsort(keys, n, sizeof *keys, cmp_key);
    const char *canon = keys[0];
    /* an article without aliases only looks its key up */
    for (i = 1; n_alias && !rc && i < n; i++) {
        if (!strcmp(keys[i], keys[i - 1])) continue;
        rc = st->ops->key_join(st, keys[i], canon);
        if (!rc) st->links = 1;
        /* the joined key's articles are the canon's now: rebuild it */
        if (!rc) rc = store_touch(st, canon);
    }
    if (!rc && strcmp(canon, *key)) {
        free(st->canon_key);
        if (!(st->canon_key = strdup(canon)))
            rc = REEL_ENOMEM;
        else
            *key = st->canon_key;
    }
done:
    for (i = 0; keys && i < n; i++)
        free(keys[i]);
    free(keys);
    if (rc == REEL_ENOMEM) rc = reel_error(st->ctx, rc, "out of memory");
    return rc;
}
