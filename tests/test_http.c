/* test_http.c — the HTTP layer without a server: the request parser
 * (routes, decoding, limits, methods), the first request head's checker,
 * HTML escaping and the pages rendered from hand-made JSON (facts with
 * conflicts, pull quotes, hostile article text). The live server is tested
 * in test_http_server.c and test_http_faults.c.
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
    assert_int_equal(count_substr(b.data, "<circle class=\"point\""), 3);
    assert_int_equal(count_substr(b.data, "<polyline class=\"share\""), 1);
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
    return cmocka_run_group_tests_name("http_units", unit, NULL, NULL);
}
