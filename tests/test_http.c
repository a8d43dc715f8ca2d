/* test_http.c — the HTTP layer: the request parser (routes, decoding,
 * limits, methods), HTML escaping and the pages rendered from hand-made
 * JSON (facts with conflicts, pull quotes, hostile article text), and the
 * live server driven in-process over a socket by a tiny client: every API
 * call, bad paths and parameters, ETags, tokens, oversized bodies, broken
 * requests, concurrency; the server must answer health after each.
 */
#include "helpers.h"
#include "http/http.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <jansson.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

/* ================= parser ================= */

static http_req parse(const char *method, const char *uri)
{
    http_req r;
    http_parse(&r, method, uri);
    return r;
}

static void test_parse_routes(void **state)
{
    (void)state;
    http_req r = parse("GET", "/");
    assert_int_equal(r.status, 0);
    assert_int_equal(r.route, ROUTE_PAGE_INDEX);
    assert_false(r.api);
    http_req_free(&r);

    r = parse("HEAD", "/api/health");
    assert_int_equal(r.route, ROUTE_HEALTH);
    assert_true(r.api);
    http_req_free(&r);

    /* the API's own description (docs/openapi.json, built in) */
    r = parse("GET", "/api/openapi.json");
    assert_int_equal(r.status, 0);
    assert_int_equal(r.route, ROUTE_OPENAPI);
    assert_true(r.api);
    http_req_free(&r);
    assert_true(http_openapi_len > 1000 && strlen(http_openapi) == http_openapi_len);
    assert_non_null(strstr(http_openapi, "\"openapi\": \"3.1"));

    r = parse("GET", "/api/films?q=pain+%26+glory&sort=score&limit=5&offset=10");
    assert_int_equal(r.status, 0);
    assert_int_equal(r.route, ROUTE_FILMS);
    assert_string_equal(r.q, "pain & glory");
    assert_string_equal(r.sort, "score");
    assert_int_equal(r.limit, 5);
    assert_int_equal(r.offset, 10);
    http_req_free(&r);

    /* %2F stays inside its segment; + is a plus in a path */
    r = parse("GET", "/api/films/AC%2FDC+Live%20%C3%A0");
    assert_int_equal(r.route, ROUTE_FILM);
    assert_string_equal(r.arg, "AC/DC+Live \xC3\xA0");
    http_req_free(&r);

    r = parse("GET", "//api//films//Parasite/");
    assert_int_equal(r.route, ROUTE_FILM);
    assert_string_equal(r.arg, "Parasite");
    http_req_free(&r);

    r = parse("GET", "/articles/abcdef12?hl=10-20");
    assert_int_equal(r.route, ROUTE_PAGE_ARTICLE);
    assert_true(r.has_hl);
    assert_int_equal(r.hl_start, 10);
    assert_int_equal(r.hl_end, 20);
    http_req_free(&r);

    r = parse("POST", "/api/articles?url=https%3A%2F%2Fexample.org%2Fa&title=T");
    assert_int_equal(r.route, ROUTE_INGEST);
    assert_string_equal(r.url, "https://example.org/a");
    assert_string_equal(r.title, "T");
    http_req_free(&r);

    r = parse("GET", "/static/reel.css");
    assert_int_equal(r.route, ROUTE_STATIC);
    assert_string_equal(r.arg, "reel.css");
    http_req_free(&r);

    /* pages ignore parameters they do not know; the API refuses them */
    r = parse("GET", "/films/Parasite?utm_source=x");
    assert_int_equal(r.status, 0);
    http_req_free(&r);
    r = parse("GET", "/api/films/Parasite?utm_source=x");
    assert_int_equal(r.status, 400);
    assert_non_null(strstr(r.err, "utm_source"));
    http_req_free(&r);
    /* a film's articles are paged (store/film_page.c) */
    r = parse("GET", "/api/films/Parasite?limit=20&offset=1000");
    assert_int_equal(r.status, 0);
    assert_int_equal(r.route, ROUTE_FILM);
    assert_int_equal(r.limit, 20);
    assert_int_equal(r.offset, 1000);
    http_req_free(&r);
    r = parse("GET", "/api/films/Parasite?limit=0");
    assert_int_equal(r.status, 400);
    http_req_free(&r);
    /* critics and outlets: their own sorts; a name keeps its %2F */
    r = parse("GET", "/api/critics?q=lee&sort=agreement&limit=3");
    assert_int_equal(r.status, 0);
    assert_int_equal(r.route, ROUTE_CRITICS);
    assert_string_equal(r.sort, "agreement");
    http_req_free(&r);
    r = parse("GET", "/api/critics?sort=title");
    assert_int_equal(r.status, 400);
    http_req_free(&r);
    r = parse("GET", "/api/films?sort=agreement");
    assert_int_equal(r.status, 400);
    http_req_free(&r);
    r = parse("GET", "/api/outlets/AC%2FDC%20Weekly?offset=20");
    assert_int_equal(r.route, ROUTE_OUTLET);
    assert_string_equal(r.arg, "AC/DC Weekly");
    assert_int_equal(r.offset, 20);
    http_req_free(&r);
    r = parse("GET", "/api/critics/Ann%20Lee?q=x");
    assert_int_equal(r.status, 400); /* one critic takes no query */
    http_req_free(&r);
    r = parse("HEAD", "/outlets?sort=name");
    assert_int_equal(r.route, ROUTE_PAGE_OUTLETS);
    http_req_free(&r);
    r = parse("POST", "/api/critics");
    assert_int_equal(r.status, 405);
    http_req_free(&r);
}

static void expect_status(const char *method, const char *uri, int status)
{
    http_req r = parse(method, uri);
    if (r.status != status)
        fail_msg("%s %s: status %d (%s), expected %d", method, uri, r.status, r.err,
                 status);
    assert_int_equal(r.route, status ? ROUTE_NONE : r.route);
    http_req_free(&r);
}

static void test_parse_errors(void **state)
{
    (void)state;
    expect_status("GET", "/nope", 404);
    expect_status("GET", "/api/films/a/b", 404);
    expect_status("GET", "/api", 404);
    expect_status("GET", "/apix/health", 404);
    expect_status("GET", "/a/b/c/d/e", 404);
    expect_status("GET", "http://example.org/", 400);
    expect_status("GET", "/api/films/%zz", 400);
    expect_status("GET", "/api/films/%4", 400);
    expect_status("GET", "/api/films/a%00b", 400);
    expect_status("GET", "/api/films/%ff%fe", 400); /* not UTF-8 */
    expect_status("GET", "/api/films/%C3%28", 400); /* broken sequence */
    expect_status("GET", "/api/search?q=%", 400);
    expect_status("GET", "/api/search", 400); /* no query */
    expect_status("GET", "/api/search?q=", 400);
    expect_status("GET", "/api/films?limit=0", 400);
    expect_status("GET", "/api/films?limit=201", 400);
    expect_status("GET", "/api/films?limit=abc", 400);
    expect_status("GET", "/api/films?limit=-1", 400);
    expect_status("GET", "/api/films?limit=99999999999999999999", 400);
    expect_status("GET", "/api/films?offset=-1", 400);
    expect_status("GET", "/api/films?offset=1000001", 400);
    expect_status("GET", "/api/films?sort=newest", 400);
    expect_status("GET", "/api/films?q=a&q=b", 400);
    expect_status("GET", "/api/films?limit=1&limit=2", 400);
    expect_status("GET", "/api/films?=x", 400);
    expect_status("GET", "/articles/abcdef?hl=20-10", 400);
    expect_status("GET", "/articles/abcdef?hl=5-5", 400);
    expect_status("GET", "/articles/abcdef?hl=x-1", 400);
    expect_status("GET", "/articles/abcdef?hl=1-", 400);
    expect_status("DELETE", "/api/films", 405);
    expect_status("POST", "/api/films", 405);
    expect_status("GET", "/api/articles", 405);
    expect_status("PUT", "/api/articles", 405);
    expect_status("POST", "/films/x", 405);
    /* limits: a value over HTTP_MAX_ARG, a target over HTTP_MAX_URI */
    char big[HTTP_MAX_URI + 64];
    snprintf(big, sizeof big, "/api/search?q=");
    size_t n = strlen(big);
    memset(big + n, 'a', HTTP_MAX_ARG + 1);
    big[n + HTTP_MAX_ARG + 1] = 0;
    expect_status("GET", big, 400);
    memset(big + n, 'a', sizeof big - n - 1);
    big[sizeof big - 1] = 0;
    expect_status("GET", big, 414);
    /* empty pairs are nothing; a name without a value is an empty value */
    expect_status("GET", "/api/films?&&q=x&", 0);
    expect_status("GET", "/api/films?q", 0);

    http_req r = parse("DELETE", "/api/articles/abc");
    assert_string_equal(r.allow, "GET, HEAD");
    http_req_free(&r);
    r = parse("GET", "/api/articles");
    assert_string_equal(r.allow, "POST");
    http_req_free(&r);
}

static void test_decode_encode(void **state)
{
    (void)state;
    buf b;
    buf_init(&b);
    assert_int_equal(http_decode(&b, "a+b%20c", 7, 1), 0);
    buf_putc(&b, 0);
    assert_string_equal(b.data, "a b c");
    b.len = 0;
    assert_int_equal(http_decode(&b, "a+b", 3, 0), 0);
    buf_putc(&b, 0);
    assert_string_equal(b.data, "a+b");
    b.len = 0;
    http_encode_segment(&b, "Pain & Glory/\xC3\xA9");
    buf_putc(&b, 0);
    assert_string_equal(b.data, "Pain%20%26%20Glory%2F%C3%A9");
    /* what encode writes, decode reads back */
    buf c;
    buf_init(&c);
    assert_int_equal(http_decode(&c, b.data, strlen(b.data), 0), 0);
    buf_putc(&c, 0);
    assert_string_equal(c.data, "Pain & Glory/\xC3\xA9");
    buf_free(&b);
    buf_free(&c);
}

/* ================= escaping and pages ================= */

#define XSS_SCRIPT "<script>window.__xss=1</script>"
#define XSS_IMG "\"><img src=x onerror=\"window.__xss=2\">"
#define XSS_IMG_JSON "\\\"><img src=x onerror=\\\"window.__xss=2\\\">"

static char *render(int (*fn)(buf *, const char *), const char *json)
{
    buf b;
    buf_init(&b);
    assert_int_equal(fn(&b, json), 0);
    return buf_detach(&b);
}

/* Nothing hostile came through as markup. */
static void assert_inert(const char *html)
{
    assert_null(strstr(html, "<script"));
    assert_null(strstr(html, "<img"));
    assert_null(strstr(html, "onerror=\""));
    assert_null(strstr(html, "href=\"javascript:"));
}

static void test_escape(void **state)
{
    (void)state;
    buf b;
    buf_init(&b);
    const char *s = "<a href=\"x\">Tom & 'Jerry'</a>";
    html_escape(&b, s, strlen(s));
    buf_putc(&b, 0);
    assert_string_equal(
        b.data, "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;");
    buf_free(&b);
    assert_true(html_safe_url("https://example.org/a?b=c"));
    assert_true(html_safe_url("HTTP://example.org/"));
    assert_false(html_safe_url("javascript:alert(1)"));
    assert_false(html_safe_url(" javascript:alert(1)"));
    assert_false(html_safe_url("data:text/html,<script>"));
    assert_false(html_safe_url("//example.org"));
    assert_false(html_safe_url("http://a\nb"));
    assert_false(html_safe_url(NULL));
}

static const char *report_json =
    "{\"film\":{\"key\":\"the escaping test\",\"title\":\"The <b>Escaping</b> "
    "Test\",\"year\":2024},"
    "\"counts\":{\"articles\":3,\"review\":2,\"interview\":0,\"news\":1,\"other\":0},"
    "\"reception\":{\"critics_score\":72.4,\"positive_share\":50.0,\"reviews_scored\":2,"
    "\"explicit\":1,\"predicted\":1,\"median\":72.5,\"stddev\":12.5,\"iqr\":12.5,"
    "\"histogram\":[0,0,0,0,0,1,0,0,1,0]},"
    "\"consensus\":[{\"text\":\"A consensus with " XSS_SCRIPT
    "\",\"article\":\"aaaaaaaa11\","
    "\"span\":[0,10]}],"
    "\"pull_quotes\":[{\"text\":\"Quote " XSS_IMG_JSON "\",\"article\":\"bbbbbbbb22\","
    "\"span\":[5,20],\"outlet\":\"The <i>Outlet</i>\",\"score100\":85},"
    "{\"text\":\"An untitled quote\",\"article\":\"bbbbbbbb22\",\"span\":[30,40]},"
    "{\"text\":\"A nameless quote\",\"article\":\"cccccccc33\"}],"
    "\"facts\":["
    "{\"predicate\":\"director\",\"value\":\"Ann "
    "Example\",\"qualifier\":null,\"support\":2,"
    "\"conflict\":false,\"dissent\":[],\"sources\":[{\"article\":\"aaaaaaaa11\","
    "\"outlet\":\"A\","
    "\"span\":[30,41],\"evidence\":\"directed by Ann "
    "Example\"},{\"article\":\"bbbbbbbb22\","
    "\"span\":[7,18]}]},"
    "{\"predicate\":\"cast\",\"value\":\"Bob Actor\",\"qualifier\":\"Sam "
    "Mallow\",\"support\":2,"
    "\"conflict\":true,\"disputed\":\"qualifier\","
    "\"dissent\":[{\"value\":\"Sam Gallow" XSS_SCRIPT
    "\",\"support\":1,\"articles\":[\"cccccccc33\"]}],"
    "\"sources\":[{\"article\":\"aaaaaaaa11\",\"span\":[50,70]},{\"article\":"
    "\"cccccccc33\","
    "\"span\":[12,30],\"value\":\"Bob Actor\",\"qualifier\":\"Sam Gallow\"}]},"
    "{\"predicate\":\"award\",\"value\":\"Best Picture\",\"qualifier\":\"Ann Example\","
    "\"support\":1,\"conflict\":false},"
    "{\"predicate\":\"release_date\",\"value\":\"2024-05-01\",\"support\":1,\"conflict\":"
    "false}],"
    "\"articles\":[{\"id\":\"aaaaaaaa11\",\"kind\":\"review\",\"title\":\"" XSS_SCRIPT
    "\","
    "\"outlet\":\"O\",\"verdict\":{\"score100\":85,\"source\":\"explicit\"}},"
    "{\"id\":\"bbbbbbbb22\",\"kind\":\"review\",\"title\":null,\"source\":\"in/b.txt\","
    "\"verdict\":{\"score100\":"
    "60,"
    "\"source\":\"predicted\"}},{\"id\":\"cccccccc33\",\"kind\":\"news\",\"verdict\":"
    "null,\"tone\":{\"label\":\"positive\",\"prob_positive\":0.9}}]}";

static void test_page_film(void **state)
{
    (void)state;
    char *html = render(page_film, report_json);
    assert_inert(html);
    assert_non_null(strstr(html, "The &lt;b&gt;Escaping&lt;/b&gt; Test"));
    assert_non_null(strstr(html, "id=\"critics-score\">72<small>"));
    assert_non_null(strstr(html, "id=\"positive-share\">50"));
    assert_non_null(strstr(html, "<svg class=\"histogram\""));
    assert_non_null(strstr(html, "<rect class=\"bar\""));
    /* the pull quote links to its words in its article */
    assert_non_null(
        strstr(html, "class=\"quote-link\" href=\"/articles/bbbbbbbb22?hl=5-20#hl\""));
    assert_non_null(strstr(html, "&quot;&gt;&lt;img src=x onerror=&quot;"));
    /* its outlet, escaped, links to the outlet's page */
    assert_non_null(strstr(
        html, "<a class=\"outlet\" href=\"/outlets/The%20%3Ci%3EOutlet%3C%2Fi%3E\">"
              "The &lt;i&gt;Outlet&lt;/i&gt;</a> (85/100)"));
    /* facts: values link to their sentences; the conflict is marked, the
     * dissenting value links to the article that gives it */
    assert_non_null(strstr(html, "href=\"/articles/aaaaaaaa11?hl=30-41#hl\" "
                                 "title=\"directed by Ann Example\">Ann Example</a>"));
    assert_non_null(strstr(html, "<tr class=\"fact conflict\">"));
    assert_non_null(strstr(html, "disputed role"));
    assert_non_null(strstr(
        html, "href=\"/articles/cccccccc33?hl=12-30#hl\">Sam Gallow&lt;script&gt;"));
    assert_non_null(strstr(html, "Release date"));
    assert_non_null(strstr(html, "(predicted)"));
    /* sources are numbered by the article list, the same in every row: the
     * news piece is the third article wherever it is cited */
    assert_non_null(strstr(html, "<tr id=\"article-3\"><td class=\"num\">[3]</td>"));
    assert_non_null(strstr(html, "href=\"/articles/cccccccc33?hl=12-30#hl\">[3]</a>"));
    assert_non_null(strstr(html, "href=\"/articles/aaaaaaaa11?hl=50-70#hl\">[1]</a>"));
    assert_non_null(strstr(html, "href=\"/articles/bbbbbbbb22?hl=7-18#hl\">[2]</a>"));
    /* the evidence is text on the page, not only a tooltip */
    assert_non_null(
        strstr(html, "<details class=\"evidence\"><summary>evidence</summary>"));
    assert_non_null(strstr(html, "<q>directed by Ann Example</q>"));
    /* a character reads "as", an award's winner after a colon */
    assert_non_null(
        strstr(html, "<span class=\"muted\">as</span> <span class=\"qualifier\">"));
    assert_non_null(strstr(html, "Best Picture<span class=\"muted\">:</span> <span "
                                 "class=\"qualifier\">Ann Example</span>"));
    /* a news piece has a tone, never a score in the score column */
    assert_non_null(
        strstr(html, "news<br><span class=\"muted tone\">tone: positive</span>"));
    /* an untitled article is named by its source file, in the list and
     * under its quotes; one with no source at all by its short id */
    assert_non_null(strstr(html, "\">b.txt</a>"));
    assert_non_null(strstr(html, "<footer>\xE2\x80\x94 <cite>b.txt</cite></footer>"));
    assert_non_null(strstr(html, "<footer>\xE2\x80\x94 article cccccccc33</footer>"));
    free(html);

    /* a report with nothing in it yet still renders */
    html = render(page_film, "{\"film\":{\"key\":\"x\"}}");
    assert_non_null(strstr(html, "No scored reviews yet"));
    free(html);
    buf b;
    buf_init(&b);
    assert_int_equal(page_film(&b, "not json"), REEL_EFORMAT);
    assert_int_equal(page_film(&b, "[1,2]"), REEL_EFORMAT);
    buf_free(&b);
}

static const char *article_text =
    "Caf\xC3\xA9 review. " XSS_SCRIPT " and " XSS_IMG "\n\nSecond paragraph: 3/4 stars.";

static char *article_json(const char *url)
{
    int s3 = (int)(strstr(article_text, "3/4") - article_text);
    json_t *o =
        json_pack("{s:s,s:s,s:s,s:{s:s,s:f},s:{s:s,s:s},s:{s:s,s:s,s:f,s:[i,i]},s:[{s:s,"
                  "s:s,s:s,s:[i,i]}],"
                  "s:[{s:[i,i]},{s:[i,i]}],s:s}",
                  "id", "dddddddd44", "title", XSS_IMG, "url", url, "kind", "label",
                  "review", "confidence", 0.9, "subject", "key", "caf\xC3\xA9 <x>",
                  "title", "Caf\xC3\xA9 <x>", "score", "raw", "3/4", "form", "fraction",
                  "score100", 75.0, "span", s3, s3 + 3, "facts", "predicate", "director",
                  "value", "<Someone>", "qualifier", "<q>", "span", 0, 5, "sentences",
                  "span", 0, 13, "span", 14, 60, "text", article_text);
    char *s = json_dumps(o, JSON_COMPACT);
    json_decref(o);
    return s;
}

static char *render_article(const char *json, int has_hl, size_t a, size_t b)
{
    buf out;
    buf_init(&out);
    assert_int_equal(page_article(&out, json, has_hl, a, b), 0);
    return buf_detach(&out);
}

static void test_page_article(void **state)
{
    (void)state;
    char *json = article_json("javascript:alert(1)");
    /* the text holds the hostile strings; find where the script starts */
    size_t hs = (size_t)(strstr(article_text, "<script") - article_text);
    char *html = render_article(json, 1, hs, hs + 8);
    assert_inert(html);
    assert_non_null(strstr(
        html, "&lt;script&gt;</mark><mark class=\"ctx\">window.__xss=1&lt;/script&gt;"));
    assert_non_null(
        strstr(html, "&quot;&gt;&lt;img src=x onerror=&quot;window.__xss=2&quot;&gt;"));
    assert_non_null(strstr(html, "<mark id=\"hl\" class=\""));
    assert_non_null(strstr(html, " hl\">&lt;script"));
    /* the sentence around the passage is marked lightly */
    assert_non_null(strstr(html, "class=\"ctx\""));
    /* the score span and the fact span, with escaped tooltips */
    assert_non_null(
        strstr(html, "<mark class=\"score\" title=\"score: 3/4\">3/4</mark>"));
    assert_non_null(strstr(
        html, "title=\"director: &lt;Someone&gt; (&lt;q&gt;)\">Caf\xC3\xA9</mark>"));
    /* paragraphs */
    assert_non_null(strstr(html, "</p>\n<p>Second paragraph"));
    /* an unsafe URL is shown, not linked */
    assert_null(strstr(html, "href=\"javascript"));
    assert_non_null(strstr(html, "<dd>javascript:alert(1)</dd>"));
    /* the film link is encoded */
    assert_non_null(strstr(html, "href=\"/films/caf%C3%A9%20%3Cx%3E\""));
    free(html);
    free(json);

    json = article_json("https://example.org/a?b=1&c=\"2\"");
    /* a passage that starts inside "é" is moved onto the character */
    html = render_article(json, 1, 4, 5);
    assert_non_null(strstr(html, "<mark id=\"hl\" class=\"fact ctx hl\""));
    assert_non_null(strstr(html, ">\xC3\xA9</mark>"));
    assert_non_null(
        strstr(html, "href=\"https://example.org/a?b=1&amp;c=&quot;2&quot;\""));
    free(html);
    /* a passage past the end is ignored */
    html = render_article(json, 1, 5000, 6000);
    assert_null(strstr(html, "id=\"hl\""));
    free(html);
    free(json);
}

/* The critic and outlet pages from hand-made JSON: names from bylines are
 * escaped, links encoded, the pager keeps the sort. */
static void test_page_critics(void **state)
{
    (void)state;
    buf b;
    buf_init(&b);
    const char *list =
        "{\"total\":90,\"limit\":50,\"offset\":0,\"sort\":\"agreement\",\"critics\":"
        "[{\"name\":\"" XSS_SCRIPT "\",\"key\":\"x\",\"reviews\":3,\"scored\":3,"
        "\"average\":61.5,\"stddev\":4.0,\"positive\":0.667,\"agreement\":0.5,"
        "\"agreed\":1,\"compared\":2,\"outlet\":\"A/B " XSS_IMG_JSON "\"}]}";
    assert_int_equal(page_people(&b, list, 0, "<q>", "agreement"), 0);
    buf_putc(&b, 0);
    assert_inert(b.data);
    assert_non_null(
        strstr(b.data, "href=\"/critics/%3Cscript%3Ewindow.__xss%3D1%3C%2Fscript%3E\""));
    assert_non_null(strstr(b.data, "href=\"/outlets/A%2FB%20%22%3E%3Cimg"));
    assert_non_null(strstr(b.data, "50% <span class=\"muted\">of 2</span>"));
    assert_non_null(strstr(b.data, "q=%3Cq%3E&amp;sort=agreement&amp;offset=50"));
    b.len = 0;
    const char *one =
        "{\"name\":\"Ann <b>Lee</b>\",\"key\":\"ann lee\",\"reviews\":1,\"scored\":1,"
        "\"average\":100.0,\"stddev\":0.0,\"positive\":1.0,\"agreement\":null,"
        "\"agreed\":0,\"compared\":0,\"outlet\":\"Reel\",\"names\":[\"Ann <b>Lee</b>\"],"
        "\"outlets\":[{\"name\":\"Reel\",\"key\":\"reel\",\"reviews\":1}],"
        "\"highest\":[],\"lowest\":[],\"limit\":20,\"offset\":0,\"items\":[{\"id\":"
        "\"abcdef12\",\"film\":\"a (2001)\",\"title\":\"" XSS_SCRIPT "\",\"year\":2001,"
        "\"date\":\"2020-01-01\",\"critic\":\"Ann\",\"outlet\":\"Reel\",\"score\":\"4/"
        "4\","
        "\"score100\":100.0,\"source\":\"explicit\",\"positive\":true,"
        "\"others_positive\":0,\"others_negative\":0,\"consensus\":\"none\","
        "\"agrees\":null}]}";
    assert_int_equal(page_person(&b, one, 0), 0);
    buf_putc(&b, 0);
    assert_inert(b.data);
    assert_non_null(strstr(b.data, "<h1>Ann &lt;b&gt;Lee&lt;/b&gt;</h1>"));
    assert_non_null(strstr(b.data, "href=\"/films/a%20%282001%29\""));
    assert_non_null(strstr(b.data, "href=\"/articles/abcdef12\""));
    assert_non_null(strstr(b.data, "no film with a consensus"));
    buf_free(&b);
    assert_int_equal(page_person(&b, "[1]", 1), REEL_EFORMAT);
    buf_free(&b);
}

/* The timeline route: a fixed segment after the film; sorts by date. */
/* The head of a connection's first request (head.c): what libmicrohttpd
 * would refuse itself is answered by reel, everything else passes. */
static int head_of(const char *bytes, http_head *h)
{
    return http_head_check(bytes, strlen(bytes), h);
}

static void test_head_check(void **state)
{
    (void)state;
    http_head h;
    assert_int_equal(head_of("GET /api/films HTTP/1.1\r\nHost: x\r\n\r\n", &h), 0);
    assert_int_equal(head_of("\r\nGET / HTTP/1.0\nHost : x\n\n", &h), 0);
    assert_int_equal(head_of("GET /a b HTTP/1.1\r\nX: 1\r\n folded\r\n\r\n", &h), 0);
    assert_int_equal(head_of("GET /api/films HTTP/1.1\r\nHost: x\r\n", &h),
                     HTTP_HEAD_MORE);
    assert_int_equal(head_of("GET /api/fil", &h), HTTP_HEAD_MORE);
    assert_int_equal(head_of("", &h), HTTP_HEAD_MORE);
    assert_int_equal(head_of("GARBAGE\r\n\r\n", &h), 400);
    assert_false(h.api);
    assert_int_equal(head_of("GET /api/x\r\n\r\n", &h), 400);
    assert_true(h.api);
    assert_int_equal(head_of("GET  HTTP/1.1\r\n\r\n", &h), 400);
    assert_int_equal(head_of("G(T / HTTP/1.1\r\n\r\n", &h), 400);
    assert_int_equal(head_of("GET / HTTP/1.x\r\n\r\n", &h), 400);
    assert_int_equal(head_of("GET /api HTTP/2.0\r\n\r\n", &h), 505);
    assert_true(h.api);
    assert_int_equal(head_of("GET / HTTP/1.1\r\nno colon\r\n\r\n", &h), 400);
    assert_int_equal(head_of("GET / HTTP/1.1\r\n: no name\r\n\r\n", &h), 400);
    assert_non_null(strstr(h.err, "header line"));
    /* the limits: a head of HTTP_MAX_HEAD bytes passes, one more does not */
    size_t cap = HTTP_MAX_HEAD + 64;
    char *big = malloc(cap);
    assert_non_null(big);
    const char *line = "GET /api/films HTTP/1.1\r\nX: ";
    size_t at = strlen(line);
    memcpy(big, line, at);
    memset(big + at, 'a', HTTP_MAX_HEAD - at - 4);
    memcpy(big + HTTP_MAX_HEAD - 4, "\r\n\r\n", 4);
    assert_int_equal(http_head_check(big, HTTP_MAX_HEAD, &h), 0);
    memset(big + at, 'a', HTTP_MAX_HEAD - at - 3);
    memcpy(big + HTTP_MAX_HEAD - 3, "\r\n\r\n", 4);
    assert_int_equal(http_head_check(big, HTTP_MAX_HEAD + 1, &h), 431);
    assert_true(h.api);
    assert_int_equal(http_head_check(big, HTTP_MAX_HEAD, &h), HTTP_HEAD_MORE);
    memcpy(big, "GET /", 5);
    memset(big + 5, 'a', cap - 5);
    assert_int_equal(http_head_check(big, HTTP_MAX_HEAD, &h), HTTP_HEAD_MORE);
    assert_int_equal(http_head_check(big, HTTP_MAX_HEAD + 1, &h), 414);
    assert_false(h.api);
    free(big);
}

static void test_parse_timeline(void **state)
{
    (void)state;
    http_req r;
    assert_int_equal(http_parse(&r, "GET", "/api/films/AC%2FDC%20(1991)/timeline"), 0);
    assert_int_equal(r.route, ROUTE_FILM_TIMELINE);
    assert_string_equal(r.arg, "AC/DC (1991)");
    http_req_free(&r);
    assert_int_equal(http_parse(&r, "HEAD", "/api/films/x/timeline"), 0);
    http_req_free(&r);
    assert_int_equal(http_parse(&r, "GET", "/api/films/x/timelines"), 404);
    http_req_free(&r);
    assert_int_equal(http_parse(&r, "GET", "/api/articles/x/timeline"), 404);
    http_req_free(&r);
    assert_int_equal(http_parse(&r, "POST", "/api/films/x/timeline"), 405);
    http_req_free(&r);
    assert_int_equal(http_parse(&r, "GET", "/api/films/x/timeline?limit=2"), 400);
    http_req_free(&r);
    /* a film called "timeline" is still a film */
    assert_int_equal(http_parse(&r, "GET", "/api/films/timeline"), 0);
    assert_int_equal(r.route, ROUTE_FILM);
    http_req_free(&r);
    assert_int_equal(http_parse(&r, "GET", "/api/films?sort=first-review"), 0);
    http_req_free(&r);
    assert_int_equal(http_parse(&r, "GET", "/?sort=year"), 0);
    http_req_free(&r);
    assert_int_equal(http_parse(&r, "GET", "/api/films?sort=newest"), 400);
    http_req_free(&r);
}

static size_t count_of(const char *s, const char *what)
{
    size_t n = 0;
    for (const char *p = s; (p = strstr(p, what)); p += strlen(what))
        n++;
    return n;
}

/* The "Over time" SVG: a point per dated review, the share line, an
 * accessible title and description, hostile text inert. */
static void test_page_timeline(void **state)
{
    (void)state;
    buf b;
    buf_init(&b);
    const char *tl =
        "{\"film\":{\"id\":\"x (2019)\",\"key\":\"x\",\"title\":\"X\",\"year\":2019},"
        "\"reviews\":4,\"dated\":3,\"undated\":1,\"first\":\"2019-01-05\","
        "\"last\":\"2019-03-01\",\"positive\":2,\"points\":["
        "{\"date\":\"2019-01-05\",\"score\":80,\"verdict\":\"positive\",\"article\":"
        "\"a1\","
        "\"outlet\":\"" XSS_SCRIPT "\",\"author\":\"" XSS_IMG_JSON
        "\",\"running_share\":100},"
        "{\"date\":\"2019-02\",\"score\":30,\"verdict\":\"negative\",\"article\":\"a2\","
        "\"running_share\":50},"
        "{\"date\":\"2019-03-01\",\"score\":95,\"verdict\":\"positive\",\"article\":"
        "\"a3\","
        "\"outlet\":\"O\",\"running_share\":66.67}],\"undated_articles\":[\"a4\"]}";
    page_timeline(&b, tl, "x (2019)");
    buf_putc(&b, 0);
    assert_inert(b.data);
    assert_int_equal(count_of(b.data, "<circle class=\"point\""), 3);
    assert_int_equal(count_of(b.data, "<polyline class=\"share\""), 1);
    assert_non_null(strstr(b.data, "aria-labelledby=\"timeline-title timeline-desc\""));
    assert_non_null(strstr(b.data, "<desc id=\"timeline-desc\">3 dated reviews from "
                                   "2019-01-05 to 2019-03-01"));
    assert_non_null(strstr(b.data, "data-date=\"2019-02\" data-score=\"30\""));
    assert_non_null(strstr(b.data, "1 review without a date is not placed"));
    assert_non_null(strstr(b.data, "href=\"/api/films/x%20%282019%29/timeline\""));
    /* the first review at the left edge, the last at the right */
    assert_non_null(strstr(b.data, "cx=\"48.0\" cy=\"54.0\""));
    assert_non_null(strstr(b.data, "cx=\"620.0\""));
    assert_null(strstr(b.data, "<script"));
    b.len = 0;
    page_timeline(&b, "{\"points\":[],\"undated\":2}", NULL);
    buf_putc(&b, 0);
    assert_null(strstr(b.data, "<svg"));
    assert_non_null(strstr(b.data, "2 reviews without a date are not placed"));
    buf_free(&b);
}

static void test_page_index_search_error(void **state)
{
    (void)state;
    buf b;
    buf_init(&b);
    const char *films =
        "{\"total\":120,\"limit\":50,\"offset\":50,\"films\":[{\"key\":\"a/b <c>\","
        "\"title\":\"" XSS_SCRIPT "\",\"year\":2019,\"articles\":3,\"reviews\":2,"
        "\"critics_score\":81.4,\"positive_share\":100.0}]}";
    assert_int_equal(page_index(&b, films, "<q>", "score"), 0);
    buf_putc(&b, 0);
    assert_inert(b.data);
    assert_non_null(strstr(b.data, "href=\"/films/a%2Fb%20%3Cc%3E\""));
    assert_non_null(strstr(b.data, "value=\"&lt;q&gt;\""));
    assert_non_null(strstr(b.data, "offset=0&amp;limit=50\">"));   /* previous */
    assert_non_null(strstr(b.data, "offset=100&amp;limit=50\">")); /* next */
    assert_non_null(strstr(b.data, "q=%3Cq%3E&amp;sort=score"));
    b.len = 0;
    const char *hits =
        "{\"query\":\"x\",\"total\":1,\"limit\":20,\"offset\":0,\"hits\":[{\"id\":"
        "\"eeeeeeee55\",\"title\":null,\"kind\":\"review\",\"film\":\"f\",\"snippet\":"
        "\"a <b> caf\xC3\xA9 d\",\"highlights\":[[2,5],[1,2],[10,11],[50,60]]}]}";
    assert_int_equal(page_search(&b, hits, "x"), 0);
    buf_putc(&b, 0);
    /* ranges out of order, inside a character or past the end are skipped
     * or moved onto characters, never cutting one */
    assert_non_null(
        strstr(b.data, "a <mark>&lt;b&gt;</mark> caf<mark>\xC3\xA9</mark> d"));
    /* untitled hits are named by where they came from: the file's name,
     * the URL (escaped), never a bare "Article" */
    b.len = 0;
    hits = "{\"query\":\"x\",\"total\":2,\"limit\":20,\"offset\":0,\"hits\":["
           "{\"id\":\"ffffffff66\",\"title\":null,\"source\":\"/data/in/notes.txt\","
           "\"url\":null,\"kind\":\"other\",\"snippet\":\"x\"},"
           "{\"id\":\"ffffffff77\",\"title\":null,\"source\":\"https://example.org/"
           "a?b=1&c=<2>\","
           "\"url\":\"https://example.org/"
           "a?b=1&c=<2>\",\"kind\":\"news\",\"snippet\":\"x\"}]}";
    assert_int_equal(page_search(&b, hits, "x"), 0);
    buf_putc(&b, 0);
    assert_inert(b.data);
    assert_non_null(strstr(b.data, "href=\"/articles/ffffffff66\">notes.txt</a>"));
    assert_non_null(strstr(
        b.data,
        "href=\"/articles/ffffffff77\">https://example.org/a?b=1&amp;c=&lt;2&gt;</a>"));
    assert_null(strstr(b.data, ">Article</a>"));
    b.len = 0;
    assert_int_equal(page_search(&b, NULL, NULL), 0);
    buf_putc(&b, 0);
    assert_non_null(strstr(b.data, "Search articles"));
    b.len = 0;
    page_error(&b, 404, XSS_SCRIPT);
    buf_putc(&b, 0);
    assert_inert(b.data);
    assert_non_null(strstr(b.data, "404 Not found"));
    buf_free(&b);
}

/* ================= the live server ================= */

static char g_db[256];
static reel_server *g_srv, *g_srv_ro;
static int g_port, g_port_ro;
#define TOKEN "t0ken-for-tests"
#define MAX_BODY (64u << 10)

typedef struct {
    int status;
    char *head; /* status line and headers */
    char *body;
    size_t body_len;
} reply;

static void reply_free(reply *r)
{
    free(r->head);
    free(r->body);
    memset(r, 0, sizeof *r);
}

/* Send raw bytes, read until the server closes; status 0 when it closed
 * without an answer. */
static reply raw(int port, const char *req, size_t len)
{
    reply r = {0};
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(fd >= 0);
    struct timeval tv = {20, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(connect(fd, (struct sockaddr *)&a, sizeof a), 0);
    for (size_t off = 0; off < len;) {
        ssize_t n = send(fd, req + off, len - off, MSG_NOSIGNAL);
        if (n <= 0) break; /* the server may refuse before the body is sent */
        off += (size_t)n;
    }
    buf b;
    buf_init(&b);
    char tmp[16384];
    ssize_t n;
    while ((n = recv(fd, tmp, sizeof tmp, 0)) > 0)
        buf_append(&b, tmp, (size_t)n);
    close(fd);
    buf_putc(&b, 0);
    char *end = strstr(b.data, "\r\n\r\n");
    if (!strncmp(b.data, "HTTP/1.", 7) && end) {
        r.status = atoi(b.data + 9);
        r.head = strndup(b.data, (size_t)(end - b.data) + 2);
        r.body_len = b.len - 1 - (size_t)(end + 4 - b.data);
        r.body = malloc(r.body_len + 1);
        memcpy(r.body, end + 4, r.body_len);
        r.body[r.body_len] = 0;
    }
    buf_free(&b);
    return r;
}

static reply call(int port, const char *method, const char *path, const char *headers,
                  const char *body)
{
    buf b;
    buf_init(&b);
    buf_printf(&b, "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n%s", method,
               path, headers ? headers : "");
    if (body) buf_printf(&b, "Content-Length: %zu\r\n", strlen(body));
    buf_puts(&b, "\r\n");
    if (body) buf_puts(&b, body);
    reply r = raw(port, b.data, b.len);
    buf_free(&b);
    return r;
}

static reply get(const char *path)
{
    return call(g_port, "GET", path, NULL, NULL);
}

/* A header's value in a reply (case-insensitive name), or NULL. */
static char *header(const reply *r, const char *name)
{
    static char v[512];
    size_t n = strlen(name);
    for (const char *p = r->head ? strstr(r->head, "\r\n") : NULL; p && p[2];
         p = strstr(p + 2, "\r\n")) {
        if (!strncasecmp(p + 2, name, n) && p[2 + n] == ':') {
            const char *s = p + 3 + n;
            while (*s == ' ')
                s++;
            size_t l = strcspn(s, "\r\n");
            snprintf(v, sizeof v, "%.*s", (int)(l < sizeof v - 1 ? l : sizeof v - 1), s);
            return v;
        }
    }
    return NULL;
}

/* An API error: the status, a JSON body {"error":{"status","message"}}. */
static void assert_json_error(const reply *r, int status)
{
    if (r->status != status)
        fail_msg("status %d, expected %d: %s", r->status, status, r->body);
    json_t *o = json_loads(r->body, 0, NULL);
    assert_non_null(o);
    json_t *e = json_object_get(o, "error");
    assert_int_equal(json_integer_value(json_object_get(e, "status")), status);
    assert_true(json_string_length(json_object_get(e, "message")) > 0);
    json_decref(o);
    assert_non_null(strstr(header(r, "Content-Type"), "application/json"));
}

static void assert_up(void)
{
    reply r = get("/api/health");
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "\"status\":\"ok\""));
    reply_free(&r);
}

static json_t *get_json(const char *path)
{
    reply r = get(path);
    if (r.status != 200) fail_msg("GET %s: %d %s", path, r.status, r.body ? r.body : "");
    json_t *o = json_loads(r.body, 0, NULL);
    assert_non_null(o);
    reply_free(&r);
    return o;
}

static int server_setup(void **state)
{
    (void)state;
    signal(SIGPIPE, SIG_IGN);
    reel_ctx *ctx = NULL;
    assert_int_equal(reel_ctx_new(&ctx), 0);
    assert_int_equal(reel_ctx_load_model(ctx, NULL), 0);
    snprintf(g_db, sizeof g_db, "/tmp/reel-http-%d.db", (int)getpid());
    reel_store *st = NULL;
    assert_int_equal(reel_store_open(&st, ctx, g_db), 0);
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/examples", src_dir());
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *e;
    int n = 0;
    assert_int_equal(reel_store_begin(st), 0);
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        char path[8192];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        reel_doc *doc = process_file(ctx, path);
        assert_non_null(doc);
        int added = 0;
        assert_int_equal(reel_store_put_doc(&added, st, doc), 0);
        reel_doc_free(doc);
        n++;
    }
    closedir(d);
    /* and one with no title, named by its file in search hits */
    static const char untitled[] =
        "Field notes: a quokka wandered across the set between takes, and the crew "
        "kept filming it for the rest of the afternoon.\n";
    reel_doc *doc = NULL;
    assert_int_equal(reel_process(&doc, ctx, untitled, sizeof untitled - 1,
                                  "notes/quokka-notes.txt", REEL_FORMAT_TEXT),
                     0);
    assert_null(doc->title);
    int added = 0;
    assert_int_equal(reel_store_put_doc(&added, st, doc), 0);
    reel_doc_free(doc);
    assert_int_equal(reel_store_commit(st), 0);
    assert_true(n >= 10);
    reel_store_close(st);
    reel_server_opts o = {.threads = 2, .token = TOKEN, .max_body = MAX_BODY};
    if (reel_server_start(&g_srv, ctx, g_db, "127.0.0.1:0", &o))
        fail_msg("start: %s", reel_errmsg(ctx));
    g_port = reel_server_port(g_srv);
    assert_true(g_port > 0);
    reel_server_opts ro = {.threads = 1};
    assert_int_equal(reel_server_start(&g_srv_ro, ctx, g_db, "127.0.0.1:0", &ro), 0);
    g_port_ro = reel_server_port(g_srv_ro);
    /* a bad listen address and a port in use are clear errors */
    reel_server *x = NULL;
    assert_int_equal(reel_server_start(&x, ctx, g_db, "127.0.0.1:99999", NULL),
                     REEL_EINVAL);
    assert_null(x);
    char used[64];
    snprintf(used, sizeof used, "127.0.0.1:%d", g_port);
    assert_int_equal(reel_server_start(&x, ctx, g_db, used, NULL), REEL_EIO);
    assert_non_null(strstr(reel_errmsg(ctx), "cannot listen"));
    reel_ctx_free(ctx);
    return 0;
}

static int server_teardown(void **state)
{
    (void)state;
    reel_server_stop(g_srv);
    reel_server_stop(g_srv_ro);
    char x[300];
    unlink(g_db);
    snprintf(x, sizeof x, "%s-wal", g_db);
    unlink(x);
    snprintf(x, sizeof x, "%s-shm", g_db);
    unlink(x);
    return 0;
}

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
        char etag[128];
        assert_non_null(header(&r, "ETag"));
        snprintf(etag, sizeof etag, "%s", header(&r, "ETag"));
        assert_int_equal(etag[0], '"');
        size_t len = r.body_len;
        reply_free(&r);
        /* the same body, the same tag: twice the same (cached or not) */
        r = get(paths[i]);
        assert_string_equal(header(&r, "ETag"), etag);
        reply_free(&r);
        char h[256];
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

/* A store whose every article holds all of 16 words, 400 times in all:
 * searching for the 16 ranks every article on every word, an honest
 * search that takes a few hundred milliseconds. */
static void slow_store(const char *path)
{
    reel_ctx *ctx = NULL;
    reel_store *st = NULL;
    assert_int_equal(reel_ctx_new(&ctx), 0);
    assert_int_equal(reel_ctx_load_model(ctx, NULL), 0);
    unlink(path);
    assert_int_equal(reel_store_open(&st, ctx, path), 0);
    assert_int_equal(reel_store_begin(st), 0);
    unsigned seed = 7;
    for (int i = 0; i < 4000; i++) {
        buf b;
        buf_init(&b);
        buf_printf(
            &b,
            "{\"record_version\":%d,\"id\":\"%064x\",\"kind\":{\"label\":\"review\"},"
            "\"text\":\"",
            REEL_RECORD_VERSION, i);
        for (int k = 0; k < 400; k++)
            buf_printf(&b, "w%d ", k < 16 ? k : (int)(rand_r(&seed) % 16));
        buf_puts(&b, "\"}");
        int added = 0;
        assert_int_equal(reel_store_put_record(&added, st, b.data), 0);
        buf_free(&b);
    }
    assert_int_equal(reel_store_commit(st), 0);
    reel_store_close(st);
    reel_ctx_free(ctx);
}

static void rm_store(const char *path)
{
    char x[300];
    unlink(path);
    snprintf(x, sizeof x, "%s-wal", path);
    unlink(x);
    snprintf(x, sizeof x, "%s-shm", path);
    unlink(x);
}

#define SLOW_QUERY "/api/search?q=w0+w1+w2+w3+w4+w5+w6+w7+w8+w9+w10+w11+w12+w13+w14+w15"

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* A read past the server's time limit is cut and answered 503 (JSON or
 * HTML), and the worker answers the next request at once. */
static void test_request_limit(void **state)
{
    (void)state;
    char path[256];
    snprintf(path, sizeof path, "/tmp/reel-http-slow-%d.db", (int)getpid());
    slow_store(path);
    reel_ctx *ctx = NULL;
    assert_int_equal(reel_ctx_new(&ctx), 0);
    assert_int_equal(reel_ctx_load_model(ctx, NULL), 0);
    reel_server *srv = NULL;
    reel_server_opts o = {.threads = 1, .request_ms = 20, .cache_ms = -1};
    assert_int_equal(reel_server_start(&srv, ctx, path, "127.0.0.1:0", &o), 0);
    int port = reel_server_port(srv);
    double t0 = now_s();
    reply r = call(port, "GET", SLOW_QUERY, NULL, NULL);
    assert_json_error(&r, 503);
    assert_non_null(strstr(r.body, "limit of 20 ms"));
    reply_free(&r);
    r = call(port, "GET",
             "/search?q=w0+w1+w2+w3+w4+w5+w6+w7+w8+w9+w10+w11+w12+w13+w14+w15", NULL,
             NULL);
    assert_int_equal(r.status, 503);
    assert_non_null(strstr(header(&r, "Content-Type"), "text/html"));
    reply_free(&r);
    assert_true(now_s() - t0 < 2.0); /* the full searches take far longer */
    r = call(port, "GET", "/api/health", NULL, NULL);
    assert_int_equal(r.status, 200);
    reply_free(&r);
    reel_server_stop(srv);
    reel_ctx_free(ctx);
    rm_store(path);
}

typedef struct {
    int port;
    reply r;
} pending;

static void *ask_slow(void *arg)
{
    pending *p = arg;
    p->r = call(p->port, "GET", SLOW_QUERY, NULL, NULL);
    return NULL;
}

/* Stopping the server with a long search in flight interrupts it: the
 * client gets 503, the stop takes well under its second. */
static void test_stop_in_flight(void **state)
{
    (void)state;
    char path[256];
    snprintf(path, sizeof path, "/tmp/reel-http-stop-%d.db", (int)getpid());
    slow_store(path);
    reel_ctx *ctx = NULL;
    assert_int_equal(reel_ctx_new(&ctx), 0);
    assert_int_equal(reel_ctx_load_model(ctx, NULL), 0);
    reel_server *srv = NULL;
    reel_server_opts o = {.threads = 1, .cache_ms = -1, .request_ms = 600000};
    assert_int_equal(reel_server_start(&srv, ctx, path, "127.0.0.1:0", &o), 0);
    pending p = {reel_server_port(srv), {0}};
    /* how long the search takes when nothing stops it */
    double t0 = now_s();
    reply full = call(p.port, "GET", SLOW_QUERY, NULL, NULL);
    double alone = now_s() - t0;
    assert_int_equal(full.status, 200);
    reply_free(&full);
    pthread_t t;
    pthread_create(&t, NULL, ask_slow, &p);
    struct timespec nap = {0, 30 * 1000 * 1000};
    nanosleep(&nap, NULL);
    t0 = now_s();
    reel_server_stop(srv);
    double stop = now_s() - t0;
    pthread_join(t, NULL);
    if (alone > 0.1) { /* the search was surely still running at the stop */
        assert_json_error(&p.r, 503);
        assert_non_null(strstr(p.r.body, "shutting down"));
    } else {
        assert_true(p.r.status == 200 || p.r.status == 503);
    }
    assert_true(stop < 1.2);
    reply_free(&p.r);
    reel_ctx_free(ctx);
    rm_store(path);
}

/* /api/health reads the store: a truncated or overwritten file is 503
 * with a JSON error, not "ok". */
static void test_health_damaged(void **state)
{
    (void)state;
    char path[256];
    snprintf(path, sizeof path, "/tmp/reel-http-damaged-%d.db", (int)getpid());
    for (int how = 0; how < 2; how++) {
        rm_store(path);
        reel_store *src = NULL, *dst = NULL;
        reel_ctx *ctx = NULL;
        assert_int_equal(reel_ctx_new(&ctx), 0);
        assert_int_equal(reel_ctx_load_model(ctx, NULL), 0);
        /* a copy of the test store, closed: its WAL is folded in */
        assert_int_equal(reel_store_open(&src, ctx, g_db), 0);
        assert_int_equal(reel_store_open(&dst, ctx, path), 0);
        assert_int_equal(reel_store_copy(NULL, NULL, dst, src, 100), 0);
        reel_store_close(src);
        reel_store_close(dst);
        reel_server *srv = NULL;
        reel_server_opts o = {.threads = 1};
        assert_int_equal(reel_server_start(&srv, ctx, path, "127.0.0.1:0", &o), 0);
        int port = reel_server_port(srv);
        FILE *f = fopen(path, "r+b");
        assert_non_null(f);
        fseek(f, 0, SEEK_END);
        long size = ftell(f);
        if (how == 0) {
            assert_int_equal(ftruncate(fileno(f), size / 2), 0);
        } else { /* everything past the first pages overwritten */
            fseek(f, 8192, SEEK_SET);
            for (long i = 8192; i < size; i++)
                fputc(0x5a, f);
        }
        fclose(f);
        reply r = call(port, "GET", "/api/health", NULL, NULL);
        assert_json_error(&r, 503);
        reply_free(&r);
        reel_server_stop(srv);
        reel_ctx_free(ctx);
    }
    rm_store(path);
}

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
    assert_int_equal(count_of(r.body, "<circle class=\"point\""), n);
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
    const struct CMUnitTest unit[] = {
        cmocka_unit_test(test_parse_routes),
        cmocka_unit_test(test_parse_errors),
        cmocka_unit_test(test_decode_encode),
        cmocka_unit_test(test_escape),
        cmocka_unit_test(test_page_film),
        cmocka_unit_test(test_page_article),
        cmocka_unit_test(test_page_index_search_error),
        cmocka_unit_test(test_page_critics),
        cmocka_unit_test(test_parse_timeline),
        cmocka_unit_test(test_head_check),
        cmocka_unit_test(test_page_timeline),
    };
    const struct CMUnitTest live[] = {
        cmocka_unit_test(test_api_reads),    cmocka_unit_test(test_api_errors),
        cmocka_unit_test(test_etag_head),    cmocka_unit_test(test_pages),
        cmocka_unit_test(test_ingest),       cmocka_unit_test(test_concurrent),
        cmocka_unit_test(test_api_remakes),  cmocka_unit_test(test_api_critics),
        cmocka_unit_test(test_api_timeline),
    };
    const struct CMUnitTest faults[] = {
        cmocka_unit_test(test_request_limit),
        cmocka_unit_test(test_stop_in_flight),
        cmocka_unit_test(test_health_damaged),
    };
    int failed = cmocka_run_group_tests_name("http_units", unit, NULL, NULL);
    failed +=
        cmocka_run_group_tests_name("http_server", live, server_setup, server_teardown);
    failed +=
        cmocka_run_group_tests_name("http_faults", faults, server_setup, server_teardown);
    return failed;
}
