/* test_http_server.c — the live server driven in-process over a socket by
 * a tiny client (http_live.h): every API call, bad paths and parameters,
 * ETags, tokens, pages, ingest with oversized bodies and broken requests,
 * concurrency, remakes, critics and timelines; the server must answer
 * health after each.
 */
#include "http_live.h"

static void test_api_reads(void **state)
{
    (void)state;
    assert_up();
    json_t *o = get_json("/api/health");
    assert_true(json_integer_value(
                    json_object_get(json_object_get(o, "store"), "articles")) >= 10);
    /* which model POSTs are predicted with: this server has none */
    assert_true(json_is_null(json_object_get(o, "model")));
    json_decref(o);

    o = get_json("/api/films?sort=score&limit=2");
    assert_int_equal(json_array_size(json_object_get(o, "films")), 2);
    assert_true(json_integer_value(json_object_get(o, "total")) >= 4);
    json_decref(o);
    o = get_json("/api/films?q=parasite");
    assert_int_equal(json_integer_value(json_object_get(o, "total")), 1);
    json_decref(o);
    o = get_json("/api/films?q=no+such+film+anywhere");
    assert_int_equal(json_integer_value(json_object_get(o, "total")), 0);
    json_decref(o);

    /* a film by a title variant; its report */
    o = get_json("/api/films/Portrait%20Of%20A%20Lady%20On%20Fire%20(2019)");
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(o, "film"), "key")),
        "portrait of a lady on fire");
    assert_non_null(json_object_get(o, "reception"));
    assert_non_null(json_object_get(o, "facts"));
    json_t *arts = json_object_get(o, "articles");
    assert_true(json_array_size(arts) >= 2);
    char id[65], path[128];
    snprintf(id, sizeof id, "%s",
             json_string_value(json_object_get(json_array_get(arts, 0), "id")));
    json_decref(o);

    /* an article by a prefix of its id: record, spans, text */
    snprintf(path, sizeof path, "/api/articles/%.12s", id);
    o = get_json(path);
    assert_string_equal(json_string_value(json_object_get(o, "id")), id);
    assert_true(json_string_length(json_object_get(o, "text")) > 100);
    assert_true(json_array_size(json_object_get(o, "sentences")) > 3);
    json_decref(o);

    o = get_json("/api/search?q=PARASITE&limit=1");
    assert_true(json_integer_value(json_object_get(o, "total")) >= 2);
    assert_int_equal(json_array_size(json_object_get(o, "hits")), 1);
    json_decref(o);
    o = get_json("/api/search?q=celine+sciamma"); /* the text has Céline */
    assert_true(json_integer_value(json_object_get(o, "total")) >= 1);
    json_decref(o);

    /* an untitled hit carries where it came from; its page row shows it */
    o = get_json("/api/search?q=quokka");
    assert_int_equal(json_integer_value(json_object_get(o, "total")), 1);
    json_t *hit = json_array_get(json_object_get(o, "hits"), 0);
    assert_true(json_is_null(json_object_get(hit, "title")));
    assert_string_equal(json_string_value(json_object_get(hit, "source")),
                        "notes/quokka-notes.txt");
    assert_true(json_is_null(json_object_get(hit, "url")));
    json_decref(o);
    reply r = get("/search?q=quokka");
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "\">quokka-notes.txt</a>"));
    reply_free(&r);
}

static void test_api_errors(void **state)
{
    (void)state;
    static const struct {
        const char *path;
        int status;
    } cases[] = {
        {"/api/nope", 404},
        {"/api/films/no%20such%20film", 404},
        {"/api/articles/abcdef", 404},
        {"/api/articles/xyz", 400},
        {"/api/articles/%zz", 400},
        {"/api/films?limit=0", 400},
        {"/api/films?sort=newest", 400},
        {"/api/films?bogus=1", 400},
        {"/api/search", 400},
        {"/api/search?q=%2C%2C", 400}, /* nothing left to search for */
        {"/api/films/a/b/c", 404},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        reply r = get(cases[i].path);
        assert_json_error(&r, cases[i].status);
        reply_free(&r);
    }
    reply r = call(g_port, "DELETE", "/api/films", NULL, NULL);
    assert_json_error(&r, 405);
    assert_string_equal(header(&r, "Allow"), "GET, HEAD");
    reply_free(&r);
    /* a request line that is not HTTP, a header block over the memory
     * limit, a URI over the limit: refused, and the server stays up */
    const char *garbage = "GARBAGE\r\n\r\n";
    r = raw(g_port, garbage, strlen(garbage));
    assert_true(r.status == 0 || r.status == 400);
    reply_free(&r);
    assert_up();
    buf b;
    buf_init(&b);
    buf_puts(&b, "GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ");
    for (int i = 0; i < 100000; i++)
        buf_putc(&b, 'a');
    buf_puts(&b, "\r\n\r\n");
    r = raw(g_port, b.data, b.len);
    assert_true(r.status == 0 || r.status == 431 || r.status == 413 || r.status == 400);
    reply_free(&r);
    b.len = 0;
    buf_puts(&b, "/api/search?q=");
    for (int i = 0; i < HTTP_MAX_URI; i++)
        buf_putc(&b, 'a');
    buf_putc(&b, 0);
    r = get(b.data);
    assert_json_error(&r, 414);
    reply_free(&r);
    buf_free(&b);
    assert_up();
}

static void test_etag_head(void **state)
{
    (void)state;
    const char *paths[] = {"/api/films/parasite", "/api/films?sort=title",
                           "/films/parasite",     "/api/search?q=parasite",
                           "/static/reel.css",    "/"};
    for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
        reply r = get(paths[i]);
        assert_int_equal(r.status, 200);
        char etag[512];
        assert_non_null(header(&r, "ETag"));
        snprintf(etag, sizeof etag, "%s", header(&r, "ETag"));
        assert_int_equal(etag[0], '"');
        size_t len = r.body_len;
        reply_free(&r);
        /* the same body, the same tag: twice the same (cached or not) */
        r = get(paths[i]);
        assert_string_equal(header(&r, "ETag"), etag);
        reply_free(&r);
        char h[600];
        snprintf(h, sizeof h, "If-None-Match: W/\"nope\", %s\r\n", etag);
        r = call(g_port, "GET", paths[i], h, NULL);
        assert_int_equal(r.status, 304);
        assert_int_equal(r.body_len, 0);
        assert_string_equal(header(&r, "ETag"), etag);
        reply_free(&r);
        r = call(g_port, "GET", paths[i], "If-None-Match: \"other\"\r\n", NULL);
        assert_int_equal(r.status, 200);
        reply_free(&r);
        r = call(g_port, "HEAD", paths[i], NULL, NULL);
        assert_int_equal(r.status, 200);
        assert_int_equal(r.body_len, 0);
        assert_int_equal(atol(header(&r, "Content-Length")), (long)len);
        reply_free(&r);
    }
}

static void test_pages(void **state)
{
    (void)state;
    json_t *o = get_json("/api/films/parasite");
    char id[65], path[256];
    snprintf(id, sizeof id, "%s",
             json_string_value(json_object_get(
                 json_array_get(json_object_get(o, "articles"), 0), "id")));
    json_decref(o);
    snprintf(path, sizeof path, "/articles/%s?hl=0-20", id);
    const char *paths[] = {"/",  "/?q=par&sort=reviews", "/films/Parasite",
                           path, "/search?q=parasite",   "/search"};
    for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
        reply r = get(paths[i]);
        if (r.status != 200) fail_msg("%s: %d", paths[i], r.status);
        assert_non_null(strstr(header(&r, "Content-Type"), "text/html"));
        assert_non_null(header(&r, "Content-Security-Policy"));
        assert_non_null(strstr(r.body, "<meta name=\"viewport\""));
        assert_non_null(strstr(r.body, "</html>"));
        reply_free(&r);
    }
    reply r = get(path);
    assert_non_null(strstr(r.body, "id=\"hl\""));
    reply_free(&r);
    r = get("/films/Parasite");
    assert_non_null(strstr(r.body, "<h1 class=\"film-title\">Parasite"));
    reply_free(&r);
    r = get("/no/such/page");
    assert_int_equal(r.status, 404);
    assert_non_null(strstr(header(&r, "Content-Type"), "text/html"));
    reply_free(&r);
    r = get("/films/no%20such%20film");
    assert_int_equal(r.status, 404);
    assert_non_null(strstr(r.body, "no film"));
    reply_free(&r);
    r = get("/static/other.css");
    assert_int_equal(r.status, 404);
    reply_free(&r);
    r = get("/static/reel.css");
    assert_non_null(strstr(header(&r, "Content-Type"), "text/css"));
    assert_int_equal(r.body_len, http_css_len);
    reply_free(&r);
}

static const char *xss_article =
    "Review: The Escaping Test (2024)\n\n"
    "<script>window.__xss=1</script> \"><img src=x onerror=\"window.__xss=2\"> "
    "The Escaping Test is a careful, handsome film about quoting things properly. "
    "Its director keeps every scene small and exact.\n\nRating: 3/4";

static void test_ingest(void **state)
{
    (void)state;
    const char *auth = "Authorization: Bearer " TOKEN "\r\nContent-Type: text/plain\r\n";
    /* who may write */
    reply r = call(g_port, "POST", "/api/articles", "Content-Type: text/plain\r\n",
                   xss_article);
    assert_json_error(&r, 401);
    assert_non_null(header(&r, "WWW-Authenticate"));
    reply_free(&r);
    r = call(g_port, "POST", "/api/articles",
             "Authorization: Bearer wrong\r\nContent-Type: text/plain\r\n", xss_article);
    assert_json_error(&r, 403);
    reply_free(&r);
    r = call(g_port, "POST", "/api/articles",
             "Authorization: Bearer " TOKEN "x\r\nContent-Type: text/plain\r\n",
             xss_article);
    assert_json_error(&r, 403);
    reply_free(&r);
    r = call(g_port_ro, "POST", "/api/articles", auth, xss_article);
    assert_json_error(&r, 403);
    reply_free(&r);
    r = call(g_port, "POST", "/api/articles",
             "Authorization: Bearer " TOKEN "\r\nContent-Type: application/json\r\n",
             "{}");
    assert_json_error(&r, 415);
    reply_free(&r);
    r = call(g_port, "POST", "/api/articles?bogus=1", auth, xss_article);
    assert_json_error(&r, 400);
    reply_free(&r);

    /* too large: by its Content-Length, refused before the body is read;
     * chunked, refused once the cap is passed; the server stays up */
    buf big;
    buf_init(&big);
    for (size_t i = 0; i < MAX_BODY + 100; i++)
        buf_putc(&big, 'a' + (char)(i % 26));
    buf_putc(&big, 0);
    r = call(g_port, "POST", "/api/articles", auth, big.data);
    assert_json_error(&r, 413);
    reply_free(&r);
    buf req;
    buf_init(&req);
    buf_printf(&req,
               "POST /api/articles HTTP/1.1\r\nHost: x\r\nConnection: close\r\n%s"
               "Transfer-Encoding: chunked\r\n\r\n",
               auth);
    for (size_t off = 0; off < big.len - 1; off += 8192) {
        size_t n = big.len - 1 - off < 8192 ? big.len - 1 - off : 8192;
        buf_printf(&req, "%zx\r\n", n);
        buf_append(&req, big.data + off, n);
        buf_puts(&req, "\r\n");
    }
    buf_puts(&req, "0\r\n\r\n");
    r = raw(g_port, req.data, req.len);
    assert_json_error(&r, 413);
    reply_free(&r);
    buf_free(&req);
    buf_free(&big);
    assert_up();

    /* the film's report before: it is cached now */
    json_t *before = get_json("/api/health");
    long n_before = (long)json_integer_value(
        json_object_get(json_object_get(before, "store"), "articles"));
    json_decref(before);
    reply rep = get("/api/films/parasite");
    assert_int_equal(rep.status, 200);
    json_t *prep = json_loads(rep.body, 0, NULL);
    long parasite_before = (long)json_integer_value(
        json_object_get(json_object_get(prep, "counts"), "articles"));
    json_decref(prep);
    reply_free(&rep);

    /* a new article, with url and title from the query */
    r = call(g_port, "POST",
             "/api/"
             "articles?url=https%3A%2F%2Fexample.org%2Fescaping&title=%3Cscript%3Ewindow."
             "__xss%3D3%3C%2Fscript%3E",
             auth, xss_article);
    if (r.status != 201) fail_msg("ingest: %d %s", r.status, r.body);
    json_t *o = json_loads(r.body, 0, NULL);
    assert_true(json_is_true(json_object_get(o, "added")));
    char id[65];
    snprintf(id, sizeof id, "%s", json_string_value(json_object_get(o, "id")));
    assert_int_equal(strlen(id), 64);
    json_decref(o);
    assert_non_null(strstr(header(&r, "Location"), id));
    reply_free(&r);
    /* the same bytes again: already there */
    r = call(g_port, "POST", "/api/articles", auth, xss_article);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "\"added\":false"));
    reply_free(&r);
    o = get_json("/api/health");
    assert_int_equal(
        json_integer_value(json_object_get(json_object_get(o, "store"), "articles")),
        n_before + 1);
    json_decref(o);

    /* a second article about Parasite (one of our examples with a line
     * added: new bytes, same film): the cached report is dropped */
    char epath[4096];
    snprintf(epath, sizeof epath, "%s/examples/parasite-review-2.txt", src_dir());
    char *ex = slurp(epath, NULL);
    assert_non_null(ex);
    buf more;
    buf_init(&more);
    buf_printf(&more, "%s\n\nA second look, a week later: still the film of the year.\n",
               ex);
    free(ex);
    r = call(g_port, "POST", "/api/articles", auth, more.data);
    buf_free(&more);
    assert_int_equal(r.status, 201);
    assert_non_null(strstr(r.body, "\"key\":\"parasite\""));
    reply_free(&r);
    o = get_json("/api/films/parasite");
    assert_int_equal(
        json_integer_value(json_object_get(json_object_get(o, "counts"), "articles")),
        parasite_before + 1);
    json_decref(o);

    /* the hostile article is text on its page, in search and in lists */
    char path[128];
    snprintf(path, sizeof path, "/articles/%s", id);
    r = get(path);
    assert_int_equal(r.status, 200);
    assert_inert(r.body);
    assert_non_null(strstr(r.body, "&lt;script&gt;window.__xss=1&lt;/script&gt;"));
    assert_non_null(strstr(r.body, "&lt;script&gt;window.__xss=3&lt;/script&gt;"));
    assert_non_null(strstr(r.body, "href=\"https://example.org/escaping\""));
    reply_free(&r);
    r = get("/search?q=escaping+test");
    assert_int_equal(r.status, 200);
    assert_inert(r.body);
    assert_non_null(strstr(r.body, id));
    reply_free(&r);
    r = get("/?q=escaping");
    assert_int_equal(r.status, 200);
    assert_inert(r.body);
    reply_free(&r);
    assert_up();
}

/* ---- many clients at once ---- */

static void *hammer(void *arg)
{
    long ok = 0;
    (void)arg;
    for (int i = 0; i < 40; i++) {
        reply r = get(i % 2 ? "/api/films/parasite" : "/api/search?q=film");
        ok += r.status == 200;
        reply_free(&r);
    }
    return (void *)ok;
}

static void test_concurrent(void **state)
{
    (void)state;
    pthread_t t[6];
    for (int i = 0; i < 6; i++)
        pthread_create(&t[i], NULL, hammer, NULL);
    long total = 0;
    for (int i = 0; i < 6; i++) {
        void *ok;
        pthread_join(t[i], &ok);
        total += (long)ok;
    }
    assert_int_equal(total, 6 * 40);
    assert_up();
}

/* ================= time limits, shutdown, damaged stores ================= */

/* A record of `text` as a source with the film's year would give it. */
static char *dated_record(reel_ctx *ctx, const char *text, const char *url, int year)
{
    reel_doc *d = process_str(ctx, text, REEL_FORMAT_TEXT);
    assert_non_null(d);
    char *json = NULL;
    assert_int_equal(reel_record_to_json(&json, ctx, d, 1), 0);
    reel_doc_free(d);
    json_t *rec = json_loads(json, 0, NULL);
    free(json);
    json_object_set_new(rec, "url", json_string(url));
    json_object_set_new(json_object_get(rec, "subject"), "year", json_integer(year));
    json = json_dumps(rec, JSON_COMPACT);
    json_decref(rec);
    return json;
}

/* Remakes are two films: a bare title answers 300 with both, a title and
 * year the one film, a year that is neither 404 (never the other film). */
static void test_api_remakes(void **state)
{
    (void)state;
    reel_ctx *ctx = NULL;
    reel_store *st = NULL;
    assert_int_equal(reel_ctx_new(&ctx), 0);
    assert_int_equal(reel_ctx_load_model(ctx, NULL), 0);
    assert_int_equal(reel_store_open(&st, ctx, g_db), 0);
    static const struct {
        const char *text, *url;
        int year;
    } dunes[] = {
        {"Review: Dune\n\nDavid Lynch's Dune is a muddle. Rating: 2/5",
         "https://a.example/d", 1984},
        {"Review: Dune\n\nDenis Villeneuve's Dune is a triumph. Rating: 4.5/5",
         "https://b.example/d", 2021},
    };
    for (size_t i = 0; i < 2; i++) {
        char *rec = dated_record(ctx, dunes[i].text, dunes[i].url, dunes[i].year);
        int added = 0;
        assert_int_equal(reel_store_put_record(&added, st, rec), 0);
        assert_int_equal(added, 1);
        free(rec);
    }
    reel_store_close(st);
    reel_ctx_free(ctx);
    reply r = get("/api/films/Dune");
    assert_int_equal(r.status, 300);
    json_t *o = json_loads(r.body, 0, NULL);
    assert_non_null(o);
    json_t *films = json_object_get(o, "films");
    assert_int_equal(json_array_size(films), 2);
    assert_string_equal(
        json_string_value(json_object_get(json_array_get(films, 1), "name")),
        "Dune (2021)");
    json_decref(o);
    reply_free(&r);
    o = get_json("/api/films/Dune%20(2021)");
    assert_int_equal(
        json_integer_value(json_object_get(json_object_get(o, "film"), "year")), 2021);
    json_decref(o);
    o = get_json("/api/films/dune%20(1984)");
    assert_int_equal(
        json_integer_value(json_object_get(json_object_get(o, "film"), "year")), 1984);
    json_decref(o);
    r = get("/api/films/Dune%20(2020)");
    assert_json_error(&r, 404);
    reply_free(&r);
    /* the examples' Pain and Glory is the 2019 film: 2018 is not it */
    r = get("/api/films/Pain%20%26%20Glory%20(2018)");
    assert_json_error(&r, 404);
    reply_free(&r);
    o = get_json("/api/films/Pain%20%26%20Glory%20(2019)");
    json_decref(o);
    r = get("/films/Dune");
    assert_int_equal(r.status, 300);
    assert_non_null(strstr(r.body, "Dune (1984)"));
    assert_non_null(strstr(r.body, "/films/dune%20%282021%29"));
    reply_free(&r);
}

/* The critics' and outlets' API and pages over tests/data/critics.jsonl
 * (test_critics.c checks every figure; here the routes, the parameters,
 * the errors and the links from article and film pages). */
static void test_api_critics(void **state)
{
    (void)state;
    reel_ctx *ctx = NULL;
    reel_store *st = NULL;
    reel_reader *rd = NULL;
    assert_int_equal(reel_ctx_new(&ctx), 0);
    assert_int_equal(reel_ctx_load_model(ctx, NULL), 0);
    assert_int_equal(reel_store_open(&st, ctx, g_db), 0);
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/data/critics.jsonl", src_dir());
    assert_int_equal(reel_reader_open(&rd, ctx, path), 0);
    reel_doc *d = NULL;
    assert_int_equal(reel_store_begin(st), 0);
    while (reel_reader_next(&d, rd) == 0) {
        assert_int_equal(reel_clean(ctx, d), 0);
        assert_int_equal(reel_segment(ctx, d), 0);
        assert_int_equal(reel_analyze(ctx, d), 0);
        int added = 0;
        assert_int_equal(reel_store_put_doc(&added, st, d), 0);
        reel_doc_free(d);
    }
    assert_int_equal(reel_store_commit(st), 0);
    reel_reader_free(rd);
    reel_store_close(st);
    reel_ctx_free(ctx);

    json_t *o = get_json("/api/critics?q=ann&sort=agreement&limit=5");
    json_t *ann = json_array_get(json_object_get(o, "critics"), 0);
    assert_string_equal(json_string_value(json_object_get(ann, "name")), "Ann Lee");
    assert_int_equal(json_integer_value(json_object_get(ann, "agreed")), 2);
    assert_int_equal(json_integer_value(json_object_get(ann, "compared")), 3);
    json_decref(o);
    o = get_json("/api/critics/By%20ANN%20L%C3%89E?limit=2&offset=1");
    assert_string_equal(json_string_value(json_object_get(o, "name")), "Ann Lee");
    assert_int_equal(json_array_size(json_object_get(o, "items")), 2);
    assert_int_equal(json_integer_value(json_object_get(o, "offset")), 1);
    json_decref(o);
    o = get_json("/api/outlets?sort=name");
    assert_true(json_integer_value(json_object_get(o, "total")) >= 2);
    json_decref(o);
    o = get_json("/api/outlets/the%20daily%20reel");
    assert_string_equal(json_string_value(json_object_get(o, "name")), "The Daily Reel");
    assert_int_equal(json_integer_value(json_object_get(o, "reviews")), 9);
    json_decref(o);
    reply r = get("/api/critics/nobody%20at%20all");
    assert_json_error(&r, 404);
    reply_free(&r);
    r = get("/api/critics?sort=title");
    assert_json_error(&r, 400);
    reply_free(&r);
    r = get("/api/outlets/x?sort=name");
    assert_json_error(&r, 400);
    reply_free(&r);
    const char *pages[] = {"/critics", "/critics?q=lee&sort=score", "/critics/Ann%20Lee",
                           "/outlets", "/outlets/Screen%20Weekly?limit=2&offset=2"};
    for (size_t i = 0; i < sizeof pages / sizeof *pages; i++) {
        r = get(pages[i]);
        if (r.status != 200) fail_msg("%s: %d", pages[i], r.status);
        assert_non_null(strstr(header(&r, "Content-Type"), "text/html"));
        assert_non_null(strstr(r.body, "</html>"));
        reply_free(&r);
    }
    r = get("/critics/Ann%20Lee");
    assert_non_null(strstr(r.body, "<h1>Ann Lee</h1>"));
    assert_non_null(strstr(r.body, "href=\"/outlets/The%20Daily%20Reel\""));
    assert_non_null(strstr(r.body, "href=\"/films/alpha%20harbour%20%282001%29\""));
    reply_free(&r);
    r = get("/critics/nobody%20at%20all");
    assert_int_equal(r.status, 404);
    reply_free(&r);
    /* the film page and an article page link each byline to its pages */
    r = get("/films/Charlie%20Orchard");
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "<a class=\"critic\" href=\"/critics/Ann%20Lee\">"
                                   "Ann Lee, The Daily Reel</a>"));
    assert_non_null(
        strstr(r.body, "<a class=\"outlet\" href=\"/outlets/Daily%20Reel\">"));
    reply_free(&r);
    o = get_json("/api/critics/ann%20lee");
    char apath[128];
    snprintf(apath, sizeof apath, "/articles/%s",
             json_string_value(
                 json_object_get(json_array_get(json_object_get(o, "items"), 0), "id")));
    json_decref(o);
    r = get(apath);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "<dt>Author</dt><dd><a class=\"critic\" "
                                   "href=\"/critics/Ann%20Lee\">"));
    reply_free(&r);
}

/* A film's timeline from the API and on its page: the page has one point
 * per dated review the API lists. */
static void test_api_timeline(void **state)
{
    (void)state;
    assert_up();
    json_t *o = get_json("/api/films/Parasite/timeline");
    json_t *pts = json_object_get(o, "points");
    size_t n = json_array_size(pts);
    assert_true(n >= 2);
    assert_int_equal(json_integer_value(json_object_get(o, "dated")), (json_int_t)n);
    const char *prev = "";
    for (size_t i = 0; i < n; i++) {
        const char *d =
            json_string_value(json_object_get(json_array_get(pts, i), "date"));
        assert_true(strcmp(prev, d) <= 0);
        prev = d;
    }
    json_decref(o);
    reply r = get("/films/Parasite");
    assert_int_equal(r.status, 200);
    assert_int_equal(count_substr(r.body, "<circle class=\"point\""), n);
    assert_non_null(strstr(r.body, "<h2>Over time</h2>"));
    reply_free(&r);
    r = get("/api/films/No%20Such%20Film/timeline");
    assert_int_equal(r.status, 404);
    reply_free(&r);
    o = get_json("/api/films?sort=first-review");
    json_t *f0 = json_array_get(json_object_get(o, "films"), 0);
    assert_true(json_is_string(json_object_get(f0, "first_review")));
    json_decref(o);
}

int main(void)
{
    const struct CMUnitTest live[] = {
        cmocka_unit_test(test_api_reads),    cmocka_unit_test(test_api_errors),
        cmocka_unit_test(test_etag_head),    cmocka_unit_test(test_pages),
        cmocka_unit_test(test_ingest),       cmocka_unit_test(test_concurrent),
        cmocka_unit_test(test_api_remakes),  cmocka_unit_test(test_api_critics),
        cmocka_unit_test(test_api_timeline),
    };
    return cmocka_run_group_tests_name("http_server", live, server_setup,
                                       server_teardown);
}
