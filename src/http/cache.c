/* cache.c — the response cache of `reel serve`: film reports, articles,
 * searches and the critic views kept as ready responses in a small
 * direct-mapped table (one per key and encoding), dropped on every write
 * here (the generation) and after cache_ms for writes made by other
 * processes; and send_body, which answers a read (304, gzip, ETag) and
 * keeps it.
 */
#include "../hash.h"
#include "server.h"

#ifdef REEL_HAVE_MHD

#define GZIP_MIN 1024 /* smaller bodies go as they are */

static size_t slot_of(const char *key, int gz)
{
    uint64_t h = fnv1a_step(hash_bytes(key, strlen(key)), (uint64_t)(gz ? 'z' : 'i'));
    return (size_t)(h & (CACHE_SLOTS - 1));
}

/* Answer from the cache when it holds a fresh response for `key`. */
int http_cache_answer(reel_server *s, struct MHD_Connection *c, const char *key,
                      enum MHD_Result *res)
{
    if (s->cache_ms < 0) return 0;
    int gz = http_accepts_gzip(c);
    cache_entry *e = &s->cache[slot_of(key, gz)];
    int hit = 0;
    char etag[40];
    pthread_rwlock_rdlock(&s->cache_mu);
    if (e->key && e->gz == gz && !strcmp(e->key, key) && e->gen == atomic_load(&s->gen) &&
        http_now_ms() - e->born_ms < (uint64_t)s->cache_ms) {
        hit = 1;
        if (http_not_modified(c, e->etag))
            memcpy(etag, e->etag, sizeof etag);
        else
            hit = 2, *res = MHD_queue_response(c, MHD_HTTP_OK, e->resp);
    }
    pthread_rwlock_unlock(&s->cache_mu);
    if (hit == 1) *res = http_send_304(s, c, etag);
    return hit;
}

/* A read's answer: 304 when the client has it, else 200 with its ETag,
 * gzipped when the client takes it and it is worth it (the tag then
 * names the gzipped bytes: "…-gz"); with a `key`, the response is kept
 * for the next asker that takes the same encoding. */
enum MHD_Result http_send_body(reel_server *s, struct MHD_Connection *c, const char *key,
                               uint64_t gen, char *body, size_t len, int html)
{
    char etag[40];
    http_etag_of(body, len, etag);
    int gz = http_accepts_gzip(c), zipped = 0;
    if (gz && len >= GZIP_MIN) {
        size_t zlen = 0;
        char *z = http_gzip_of(body, len, &zlen);
        if (z) {
            free(body);
            body = z;
            len = zlen;
            zipped = 1;
            size_t n = strlen(etag); /* "…" -> "…-gz" */
            memcpy(etag + n - 1, "-gz\"", 5);
        }
    }
    if (http_not_modified(c, etag)) {
        free(body);
        return http_send_304(s, c, etag);
    }
    struct MHD_Response *r = http_make(s, body, len, html, etag);
    if (!r) return MHD_NO;
    MHD_add_response_header(r, "Vary", "Accept-Encoding");
    if (zipped) MHD_add_response_header(r, "Content-Encoding", "gzip");
    char *k = key && s->cache_ms >= 0 ? strdup(key) : NULL;
    if (!k) return http_queue(c, MHD_HTTP_OK, r);
    cache_entry *e = &s->cache[slot_of(key, gz)];
    pthread_rwlock_wrlock(&s->cache_mu);
    if (e->resp) MHD_destroy_response(e->resp); /* freed when its last sender is done */
    free(e->key);
    e->key = k;
    e->gz = gz;
    e->resp = r;
    memcpy(e->etag, etag, sizeof etag);
    e->gen = gen; /* the generation read before the body was built */
    e->born_ms = http_now_ms();
    /* queued under the lock: no one can drop it in between */
    enum MHD_Result ok = MHD_queue_response(c, MHD_HTTP_OK, r);
    pthread_rwlock_unlock(&s->cache_mu);
    return ok;
}

void http_cache_clear(reel_server *s)
{
    for (size_t i = 0; i < CACHE_SLOTS; i++) {
        if (s->cache[i].resp) MHD_destroy_response(s->cache[i].resp);
        free(s->cache[i].key);
    }
    memset(s->cache, 0, sizeof s->cache);
}

#endif
