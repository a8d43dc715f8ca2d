/* routes.c — the reads of `reel serve`: each GET (API and pages) answered
 * from the worker thread's own store handle, opened read-only on its first
 * request, within the request's time limit; the answers that cost most are
 * kept in the response cache (cache.c).
 */
#include "server.h"

#ifdef REEL_HAVE_MHD

#include <jansson.h>

/* ---------------- worker handles ---------------- */

/* A worker's handles, opened on its first request: read-only, so a store
 * deleted or moved since the start is a 503, never a new empty one. */
static worker *worker_get(reel_server *s, char *err, size_t errlen, int *status)
{
    worker *w = pthread_getspecific(s->key);
    if (w) return w;
    *status = MHD_HTTP_INTERNAL_SERVER_ERROR;
    w = calloc(1, sizeof *w);
    if (!w || reel_ctx_new(&w->ctx)) {
        snprintf(err, errlen, "out of memory");
        goto fail;
    }
    int rc = reel_store_open_mode(&w->st, w->ctx, s->db_url, REEL_STORE_READONLY);
    if (rc) {
        snprintf(err, errlen, "%s", reel_errmsg(w->ctx));
        if (rc == REEL_ENOTFOUND || rc == REEL_EBUSY || rc == REEL_EDB)
            *status = MHD_HTTP_SERVICE_UNAVAILABLE;
        goto fail;
    }
    pthread_mutex_lock(&s->mu);
    w->next = s->workers;
    s->workers = w;
    pthread_mutex_unlock(&s->mu);
    pthread_setspecific(s->key, w);
    return w;
fail:
    if (w) reel_ctx_free(w->ctx);
    free(w);
    return NULL;
}

/* ---------------- reads ---------------- */

static enum MHD_Result store_failed(reel_server *s, struct MHD_Connection *c,
                                    const http_req *q, worker *w, int rc)
{
    return http_send_error(s, c, q->api, http_status_of(rc), reel_errmsg(w->ctx), NULL);
}

/* The critic and outlet views: each reads every review (store_critics.c),
 * so an answer is kept like a search's. */
static int people_route(reel_server *s, struct MHD_Connection *c, const http_req *q,
                        worker *w, uint64_t gen, char **key, enum MHD_Result *res)
{
    http_route r = q->route;
    int outlet = r == ROUTE_OUTLETS || r == ROUTE_OUTLET || r == ROUTE_PAGE_OUTLETS ||
                 r == ROUTE_PAGE_OUTLET;
    int one = r == ROUTE_CRITIC || r == ROUTE_OUTLET || r == ROUTE_PAGE_CRITIC ||
              r == ROUTE_PAGE_OUTLET;
    int html = r >= ROUTE_PAGE_CRITICS;
    buf k;
    buf_init(&k);
    buf_printf(&k, "P%d%d%d%d-%d/%s/%s", outlet, one, html, q->limit, q->offset,
               q->sort ? q->sort : "",
               one    ? q->arg
               : q->q ? q->q
                      : "");
    if (!(*key = buf_detach(&k))) return reel_error(w->ctx, REEL_ENOMEM, "out of memory");
    if (http_cache_answer(s, c, *key, res)) return 0;
    char *json = NULL;
    int limit = q->limit >= 0 ? q->limit
                : one         ? 100
                              : 50,
        offset = q->offset >= 0 ? q->offset : 0;
    int rc =
        one ? (outlet ? reel_store_outlet(&json, w->st, q->arg, limit, offset)
                      : reel_store_critic(&json, w->st, q->arg, limit, offset))
            : (outlet ? reel_store_outlets(&json, w->st, q->q, q->sort, limit, offset)
                      : reel_store_critics(&json, w->st, q->q, q->sort, limit, offset));
    if (rc) return rc;
    if (!html) {
        *res = http_send_body(s, c, *key, gen, json, strlen(json), 0);
        return 0;
    }
    buf page;
    buf_init(&page);
    rc = one ? page_person(&page, json, outlet)
             : page_people(&page, json, outlet, q->q, q->sort);
    free(json);
    if (rc == 0)
        *res = http_send_body(s, c, *key, gen, page.data, page.len, 1);
    else
        buf_free(&page);
    return rc;
}

enum MHD_Result http_read_route(reel_server *s, struct MHD_Connection *c,
                                const http_req *q)
{
    char err[1024];
    int status = 0;
    worker *w = worker_get(s, err, sizeof err, &status);
    if (!w) return http_send_error(s, c, q->api, status, err, NULL);
    char *json = NULL, *key = NULL;
    enum MHD_Result res = MHD_NO;
    int rc = 0;
    buf page;
    buf_init(&page);
    uint64_t gen = atomic_load(&s->gen);
    w->ctx->errmsg[0] = 0; /* a page that fails to render sets none */
    /* this request's queries end at its deadline, or at shutdown */
    if ((rc = store_limit(w->st, s->request_ms, &s->stopping))) goto done;
    switch (q->route) {
    case ROUTE_HEALTH:
        /* ok only when the store can really be read */
        if ((rc = store_check(w->st)) || (rc = reel_store_stats(&json, w->st))) {
            res = http_send_error(s, c, 1, MHD_HTTP_SERVICE_UNAVAILABLE,
                                  reel_errmsg(w->ctx), NULL);
            rc = 0;
            break;
        }
        buf_printf(&page, "{\"status\":\"ok\",\"version\":\"%s\",\"store\":%s,\"model\":",
                   REEL_VERSION, json);
        /* the model POST /api/articles predicts with; null when none */
        json_t *mp = s->wctx->model_path && s->wctx->model
                         ? json_string(s->wctx->model_path)
                         : json_null();
        char *mps = json_dumps(mp, JSON_ENCODE_ANY);
        json_decref(mp);
        buf_puts(&page, mps ? mps : "null");
        buf_puts(&page, "}");
        free(mps);
        if (page.oom) {
            rc = reel_error(w->ctx, REEL_ENOMEM, "out of memory");
            break;
        }
        res = http_send_body(s, c, NULL, 0, page.data, page.len, 0);
        page.data = NULL;
        break;
    case ROUTE_OPENAPI: {
        /* docs/openapi.json, built in: sent like every answer (ETag, 304,
         * and whatever encoding the others get), kept like a report */
        static const char okey[] = "O/openapi.json";
        if (http_cache_answer(s, c, okey, &res)) break;
        char *doc = strdup(http_openapi);
        if (!doc) {
            rc = reel_error(w->ctx, REEL_ENOMEM, "out of memory");
            break;
        }
        res = http_send_body(s, c, okey, gen, doc, http_openapi_len, 0);
        break;
    }
    case ROUTE_FILMS:
    case ROUTE_PAGE_INDEX:
        if ((rc = q->language
                      ? reel_store_films_language(&json, w->st, q->q, q->sort, q->language, q->limit, q->offset)
                      : reel_store_films(&json, w->st, q->q, q->sort, q->limit, q->offset)))
            break;
        if (q->route == ROUTE_FILMS) {
            res = http_send_body(s, c, NULL, 0, json, strlen(json), 0);
            json = NULL;
        } else if ((rc = page_index(&page, json, q->q, q->sort)) == 0) {
            res = http_send_body(s, c, NULL, 0, page.data, page.len, 1);
            page.data = NULL;
        }
        break;
    case ROUTE_SEARCH:
    case ROUTE_PAGE_SEARCH: {
        /* kept like a film report: a popular query is asked again and
         * again, and costs milliseconds where the cache costs microseconds */
        buf k;
        buf_init(&k);
        buf_printf(&k, "S%c%d-%d/%s", q->route == ROUTE_SEARCH ? 'j' : 'h', q->limit,
                   q->offset, q->q ? q->q : "");
        if (!(key = buf_detach(&k))) {
            rc = reel_error(w->ctx, REEL_ENOMEM, "out of memory");
            break;
        }
        if (http_cache_answer(s, c, key, &res)) break;
        if (q->q && *q->q &&
            (rc = reel_store_search(&json, w->st, q->q, q->limit, q->offset)))
            break;
        if (q->route == ROUTE_SEARCH) {
            res = http_send_body(s, c, key, gen, json, strlen(json), 0);
            json = NULL;
        } else if ((rc = page_search(&page, json, q->q)) == 0) {
            res = http_send_body(s, c, key, gen, page.data, page.len, 1);
            page.data = NULL;
        }
        break;
    }
    case ROUTE_FILM:
    case ROUTE_PAGE_FILM:
    case ROUTE_ARTICLE:
    case ROUTE_PAGE_ARTICLE:
    case ROUTE_FILM_TIMELINE: {
        int timeline = q->route == ROUTE_FILM_TIMELINE;
        int film = q->route == ROUTE_FILM || q->route == ROUTE_PAGE_FILM || timeline;
        int html = q->route == ROUTE_PAGE_FILM || q->route == ROUTE_PAGE_ARTICLE;
        buf k;
        buf_init(&k);
        buf_printf(&k, "%c%c", timeline ? 'T' : film ? 'F' : 'A', html ? 'h' : 'j');
        if (q->has_hl) buf_printf(&k, "%zu-%zu", q->hl_start, q->hl_end);
        if (q->limit >= 0 || q->offset >= 0)
            buf_printf(&k, "p%d-%d", q->limit, q->offset);
        buf_putc(&k, '/');
        buf_puts(&k, q->arg);
        key = buf_detach(&k);
        if (!key) {
            rc = reel_error(w->ctx, REEL_ENOMEM, "out of memory");
            break;
        }
        if (http_cache_answer(s, c, key, &res)) break;
        /* ?limit=&offset=: a page of the film's articles (default 100 from 0) */
        int paged = film && !html && !timeline && (q->limit >= 0 || q->offset >= 0);
        rc = timeline ? reel_store_film_timeline(&json, w->st, q->arg)
             : paged  ? reel_store_film_page(&json, w->st, q->arg, q->limit >= 0 ? q->limit : 100, q->offset >= 0 ? q->offset : 0)
             : film   ? reel_store_film(&json, w->st, q->arg)
                      : reel_store_article(&json, w->st, q->arg);
        if (rc == REEL_EAMBIGUOUS && json) {
            /* 300 Multiple Choices: the films the title fits, not one picked */
            rc = html ? page_choices(&page, json) : 0;
            if (rc == 0 && html) {
                res = http_queue(c, MHD_HTTP_MULTIPLE_CHOICES,
                                 http_make(s, page.data, page.len, 1, NULL));
                page.data = NULL;
            } else if (rc == 0) {
                res = http_queue(c, MHD_HTTP_MULTIPLE_CHOICES,
                                 http_make(s, json, strlen(json), 0, NULL));
                json = NULL;
            }
            break;
        }
        if (rc) break;
        if (!html) {
            res = http_send_body(s, c, key, gen, json, strlen(json), 0);
            json = NULL;
            break;
        }
        if (film) {
            /* the page's "Over time" section; a film page without it when
             * the timeline cannot be read */
            char *tl = NULL;
            if (store_timeline_of_report(w->st, json, &tl)) {
                free(tl);
                tl = NULL;
            }
            rc = page_film_timeline(&page, json, tl);
            free(tl);
        } else {
            rc = page_article(&page, json, q->has_hl, q->hl_start, q->hl_end);
        }
        if (rc == 0) {
            res = http_send_body(s, c, key, gen, page.data, page.len, 1);
            page.data = NULL;
        }
        break;
    }
    case ROUTE_CRITICS:
    case ROUTE_CRITIC:
    case ROUTE_OUTLETS:
    case ROUTE_OUTLET:
    case ROUTE_PAGE_CRITICS:
    case ROUTE_PAGE_CRITIC:
    case ROUTE_PAGE_OUTLETS:
    case ROUTE_PAGE_OUTLET:
        rc = people_route(s, c, q, w, gen, &key, &res);
        break;
    case ROUTE_STATIC:
        if (strcmp(q->arg, "reel.css") != 0) {
            res = http_send_error(s, c, 0, MHD_HTTP_NOT_FOUND, "no such file", NULL);
        } else if (http_not_modified(c, s->css_etag)) {
            res = http_send_304(s, c, s->css_etag);
        } else {
            res = MHD_queue_response(c, MHD_HTTP_OK, s->css);
        }
        break;
    default:
        res = http_send_error(s, c, q->api, MHD_HTTP_NOT_FOUND, "no such path", NULL);
        break;
    }
    if (rc == REEL_EFORMAT && !reel_errmsg(w->ctx)[0])
        rc = reel_error(w->ctx, REEL_EDB, "the store answered JSON that is not a report");
done:
    if (rc && store_limited(w->st)) {
        /* interrupted: not the store's fault, and worth another try */
        if (atomic_load(&s->stopping))
            snprintf(err, sizeof err, "the server is shutting down; try again later");
        else
            snprintf(err, sizeof err,
                     "this request took longer than the server's limit of %d ms "
                     "(reel serve --request-timeout); narrow it (fewer or rarer "
                     "words, a smaller offset) or try again later",
                     s->request_ms);
        res = http_send_error(s, c, q->api, MHD_HTTP_SERVICE_UNAVAILABLE, err, NULL);
    } else if (rc) {
        res = store_failed(s, c, q, w, rc);
    }
    free(json);
    free(key);
    buf_free(&page);
    return res;
}

#endif
