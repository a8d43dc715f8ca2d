/* pages.c — the web pages, rendered on the server from the same JSON the
 * API returns: the index of films, a film's page (score, share positive,
 * histogram as inline SVG, consensus, pull quotes, facts with conflicts),
 * an article with its score, facts and a chosen passage marked, and search
 * results. No script: plain links and forms, so the pages work without
 * JavaScript. Everything that came from an article (text, titles, names,
 * URLs) goes through html_escape, and only http(s) URLs become links.
 * Fields the report may not have yet (quotes, facts) are rendered when
 * there, skipped when not, whatever their exact shape.
 */
#include "http.h"

#include <jansson.h>
#include <math.h>
#include <strings.h>

/* ---------------- escaping ---------------- */

void html_escape(buf *out, const char *s, size_t len)
{
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        const char *rep = NULL;
        switch (s[i]) {
        case '&':
            rep = "&amp;";
            break;
        case '<':
            rep = "&lt;";
            break;
        case '>':
            rep = "&gt;";
            break;
        case '"':
            rep = "&quot;";
            break;
        case '\'':
            rep = "&#39;";
            break;
        default:
            break;
        }
        if (!rep) continue;
        buf_append(out, s + run, i - run);
        buf_puts(out, rep);
        run = i + 1;
    }
    buf_append(out, s + run, len - run);
}

int html_safe_url(const char *url)
{
    if (!url) return 0;
    size_t skip = strspn(url, " \t\r\n");
    url += skip;
    if (strncasecmp(url, "http://", 7) && strncasecmp(url, "https://", 8)) return 0;
    /* control characters have no place in a link */
    for (const unsigned char *p = (const unsigned char *)url; *p; p++)
        if (*p < 0x20 || *p == 0x7f) return 0;
    return 1;
}

static void esc(buf *out, const char *s)
{
    if (s) html_escape(out, s, strlen(s));
}

/* ---------------- JSON access ---------------- */

static const char *jstr(json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s && *s ? s : NULL;
}

static int jnum(json_t *o, const char *k, double *v)
{
    json_t *x = json_object_get(o, k);
    if (!json_is_number(x)) return 0;
    *v = json_number_value(x);
    return isfinite(*v);
}

static long jint(json_t *o, const char *k)
{
    return (long)json_integer_value(json_object_get(o, k));
}

/* A span [start, end) from a JSON pair. */
static int jspan(json_t *span, size_t *a, size_t *b)
{
    json_t *x = json_array_get(span, 0), *y = json_array_get(span, 1);
    if (!json_is_integer(x) || !json_is_integer(y)) return 0;
    json_int_t s = json_integer_value(x), e = json_integer_value(y);
    if (s < 0 || e <= s) return 0;
    *a = (size_t)s;
    *b = (size_t)e;
    return 1;
}

static json_t *load(const char *text)
{
    json_t *o = json_loads(text ? text : "", 0, NULL);
    if (json_is_object(o)) return o;
    json_decref(o);
    return NULL;
}

/* ---------------- links ---------------- */

static void film_href(buf *out, const char *key)
{
    buf_puts(out, "/films/");
    http_encode_segment(out, key);
}

/* /articles/ID[?hl=S-E#hl]; the id is escaped like everything else */
static void article_href(buf *out, const char *id, int span, size_t a, size_t b)
{
    buf_puts(out, "/articles/");
    http_encode_segment(out, id);
    if (span) buf_printf(out, "?hl=%zu-%zu#hl", a, b);
}

static void query_value(buf *out, const char *v)
{
    http_encode_segment(out, v ? v : "");
}

/* ---------------- frame ---------------- */

static void head(buf *out, const char *title, const char *q)
{
    buf_puts(out,
             "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
             "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
             "<title>");
    esc(out, title);
    buf_puts(
        out,
        " \xE2\x80\x94 reel</title><link rel=\"stylesheet\" href=\"/static/reel.css\">"
        "</head><body><header class=\"top\"><a class=\"brand\" href=\"/\">reel</a>"
        "<form class=\"search\" action=\"/search\" method=\"get\" role=\"search\">"
        "<input type=\"search\" name=\"q\" placeholder=\"Search articles\" "
        "aria-label=\"Search articles\" value=\"");
    esc(out, q);
    buf_puts(out, "\"><button type=\"submit\">Search</button></form></header><main>\n");
}

static void foot(buf *out)
{
    buf_puts(out, "\n</main></body></html>\n");
}

static void fmt_score(buf *out, json_t *o, const char *k)
{
    double v;
    if (jnum(o, k, &v))
        buf_printf(out, "%.0f", v);
    else
        buf_puts(out, "\xE2\x80\x93"); /* en dash: none */
}

/* Previous/next links of a paged list. */
static void pager(buf *out, const char *path, const char *q, const char *sort, long total,
                  long limit, long offset)
{
    if (limit <= 0 || (offset == 0 && total <= limit)) return;
    buf_puts(out, "<nav class=\"pages\">");
    for (int dir = -1; dir <= 1; dir += 2) {
        long to = offset + dir * limit;
        if (to < 0) to = 0;
        if ((dir < 0 && offset == 0) || (dir > 0 && offset + limit >= total)) continue;
        buf_printf(out, "<a href=\"%s?", path);
        if (q) {
            buf_puts(out, "q=");
            query_value(out, q);
            buf_puts(out, "&amp;");
        }
        if (sort) {
            buf_puts(out, "sort=");
            query_value(out, sort);
            buf_puts(out, "&amp;");
        }
        buf_printf(out, "offset=%ld&amp;limit=%ld\">%s</a>", to, limit,
                   dir < 0 ? "\xE2\x86\x90 previous" : "next \xE2\x86\x92");
    }
    buf_puts(out, "</nav>");
}

/* ---------------- index of films ---------------- */

int page_index(buf *out, const char *films_json, const char *q, const char *sort)
{
    json_t *list = load(films_json);
    if (!list) return REEL_EFORMAT;
    json_t *films = json_object_get(list, "films"), *f;
    head(out, "Films", NULL);
    buf_puts(out, "<h1>Films</h1><form class=\"search\" action=\"/\" method=\"get\">"
                  "<input type=\"search\" name=\"q\" placeholder=\"Find a film\" "
                  "aria-label=\"Find a film\" value=\"");
    esc(out, q);
    buf_puts(out, "\">");
    if (sort) {
        buf_puts(out, "<input type=\"hidden\" name=\"sort\" value=\"");
        esc(out, sort);
        buf_puts(out, "\">");
    }
    buf_puts(out, "<button type=\"submit\">Find</button></form>");
    long total = jint(list, "total");
    buf_printf(out, "<p class=\"muted\">%ld film%s", total, total == 1 ? "" : "s");
    if (q) {
        buf_puts(out, " matching \xE2\x80\x9C");
        esc(out, q);
        buf_puts(out, "\xE2\x80\x9D");
    }
    buf_puts(out, ". Sort by ");
    static const char *sorts[] = {"title", "score", "reviews"};
    for (int i = 0; i < 3; i++) {
        buf_puts(out, i ? ", " : "");
        buf_puts(out, "<a href=\"/?");
        if (q) {
            buf_puts(out, "q=");
            query_value(out, q);
            buf_puts(out, "&amp;");
        }
        buf_printf(out, "sort=%s\">%s</a>", sorts[i], sorts[i]);
    }
    buf_puts(out, ".</p>");
    if (json_array_size(films)) {
        buf_puts(out,
                 "<div class=\"scroll\"><table class=\"films\"><thead><tr><th>Film</th>"
                 "<th class=\"num\">Year</th><th class=\"num\">Critics' score</th>"
                 "<th class=\"num\">Positive</th><th class=\"num\">Reviews</th>"
                 "<th class=\"num\">Articles</th></tr></thead><tbody>");
        size_t i;
        json_array_foreach(films, i, f)
        {
            const char *key = jstr(f, "key");
            buf_puts(out, "<tr><td><a href=\"");
            film_href(out, key ? key : "");
            buf_puts(out, "\">");
            esc(out, jstr(f, "title") ? jstr(f, "title") : key);
            buf_puts(out, "</a></td><td class=\"num\">");
            if (json_is_integer(json_object_get(f, "year")))
                buf_printf(out, "%ld", jint(f, "year"));
            buf_puts(out, "</td><td class=\"num\">");
            fmt_score(out, f, "critics_score");
            buf_puts(out, "</td><td class=\"num\">");
            fmt_score(out, f, "positive_share");
            double ps;
            if (jnum(f, "positive_share", &ps)) buf_puts(out, "%");
            buf_printf(out,
                       "</td><td class=\"num\">%ld</td><td class=\"num\">%ld</td></tr>",
                       jint(f, "reviews"), jint(f, "articles"));
        }
        buf_puts(out, "</tbody></table></div>");
    } else {
        buf_puts(out, "<p>No films yet.</p>");
    }
    pager(out, "/", q, sort, total, jint(list, "limit"), jint(list, "offset"));
    foot(out);
    json_decref(list);
    return out->oom ? REEL_ENOMEM : 0;
}

/* ---------------- film page ---------------- */

/* Ten bars, 0-9 to 90-100, as inline SVG (presentation attributes only, so
 * a strict Content-Security-Policy allows it). */
static void histogram_svg(buf *out, json_t *hist)
{
    long c[10] = {0}, max = 0, total = 0;
    for (size_t i = 0; i < 10; i++) {
        json_t *v = json_array_get(hist, i);
        c[i] = json_is_integer(v) && json_integer_value(v) > 0
                   ? (long)json_integer_value(v)
                   : 0;
        if (c[i] > max) max = c[i];
        total += c[i];
    }
    if (total == 0) return;
    buf_printf(
        out,
        "<svg class=\"histogram\" width=\"320\" height=\"150\" viewBox=\"0 0 320 150\" "
        "role=\"img\" aria-label=\"Distribution of %ld review scores in tens\">",
        total);
    buf_puts(out,
             "<line x1=\"10\" y1=\"120\" x2=\"310\" y2=\"120\" stroke=\"#9aa0a6\"/>");
    for (int i = 0; i < 10; i++) {
        double h = max ? 100.0 * (double)c[i] / (double)max : 0;
        int x = 12 + i * 30;
        buf_printf(out, "<g><title>%d\xE2\x80\x93%d: %ld review%s</title>", i * 10,
                   i == 9 ? 100 : i * 10 + 9, c[i], c[i] == 1 ? "" : "s");
        buf_printf(out,
                   "<rect class=\"bar\" x=\"%d\" y=\"%.1f\" width=\"26\" height=\"%.1f\" "
                   "fill=\"%s\"/>",
                   x, 120 - h, h,
                   i * 10 >= (int)REEL_POSITIVE_THRESHOLD ? "#1e6b35" : "#a3361f");
        if (c[i])
            buf_printf(
                out,
                "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"middle\">"
                "%ld</text>",
                x + 13, 116 - h, c[i]);
        buf_printf(out,
                   "<text x=\"%d\" y=\"136\" font-size=\"10\" text-anchor=\"middle\" "
                   "fill=\"#5f6368\">%d</text></g>",
                   x + 13, i * 10);
    }
    buf_puts(out, "</svg>");
}

/* Where a quote or consensus line comes from: article id and span. */
static const char *quote_source(json_t *q, size_t *a, size_t *b, int *has_span)
{
    const char *id = jstr(q, "article");
    if (!id) id = jstr(q, "id");
    if (!id) id = jstr(q, "article_id");
    *has_span = jspan(json_object_get(q, "span"), a, b);
    return id;
}

static const char *quote_text(json_t *q)
{
    if (json_is_string(q)) return json_string_value(q);
    const char *t = jstr(q, "text");
    return t ? t : jstr(q, "quote");
}

/* Who said it: author and outlet, else the article's title, else its id. */
static void quote_attrib(buf *out, json_t *q)
{
    const char *who = jstr(q, "outlet"), *by = jstr(q, "author"),
               *title = jstr(q, "title");
    const char *id = jstr(q, "article");
    double sc;
    if (!who && !by && !title && !id) return;
    buf_puts(out, "<footer>\xE2\x80\x94 ");
    esc(out, by);
    if (by && who) buf_puts(out, ", ");
    esc(out, who);
    if (!by && !who && title) {
        buf_puts(out, "<cite>");
        esc(out, title);
        buf_puts(out, "</cite>");
    } else if (!by && !who) {
        buf_puts(out, "article ");
        html_escape(out, id, strlen(id) < 10 ? strlen(id) : 10);
    }
    if (jnum(q, "score100", &sc)) buf_printf(out, " (%.0f/100)", sc);
    buf_puts(out, "</footer>");
}

/* A consensus line or pull quote, linked to its words when it says where
 * they are. */
static void quote_html(buf *out, json_t *q, const char *link_class, int quoted)
{
    size_t a, b;
    int has_span = 0;
    const char *t = quote_text(q);
    const char *id = json_is_object(q) ? quote_source(q, &a, &b, &has_span) : NULL;
    if (id) {
        buf_printf(out, "<a class=\"%s\" href=\"", link_class);
        article_href(out, id, has_span, a, b);
        buf_puts(out, "\">");
    }
    if (quoted) buf_puts(out, "\xE2\x80\x9C");
    esc(out, t);
    if (quoted) buf_puts(out, "\xE2\x80\x9D");
    if (id) buf_puts(out, "</a>");
}

static void film_quotes(buf *out, json_t *rep)
{
    json_t *cons = json_object_get(rep, "consensus"), *q;
    size_t i;
    if (json_array_size(cons)) {
        buf_puts(out, "<section class=\"consensus\"><h2>Consensus</h2>");
        json_array_foreach(cons, i, q)
        {
            if (!quote_text(q)) continue;
            buf_puts(out, "<p>");
            quote_html(out, q, "consensus-link", 0);
            buf_puts(out, "</p>");
        }
        buf_puts(out, "</section>");
    }
    json_t *pq = json_object_get(rep, "pull_quotes");
    if (json_array_size(pq)) {
        buf_puts(out, "<section class=\"quotes\"><h2>Pull quotes</h2>");
        json_array_foreach(pq, i, q)
        {
            if (!quote_text(q)) continue;
            buf_puts(out, "<blockquote class=\"pull-quote\"><p>");
            quote_html(out, q, "quote-link", 1);
            buf_puts(out, "</p>");
            if (json_is_object(q)) quote_attrib(out, q);
            buf_puts(out, "</blockquote>");
        }
        buf_puts(out, "</section>");
    }
}

static void predicate_label(buf *out, const char *p)
{
    if (!p) return;
    size_t start = out->len;
    esc(out, p);
    for (size_t i = start; i < out->len; i++)
        if (out->data[i] == '_') out->data[i] = ' ';
    if (out->len > start && out->data[start] >= 'a' && out->data[start] <= 'z')
        out->data[start] = (char)(out->data[start] - 'a' + 'A');
}

/* A link to the words a source read the value from. */
static void source_link(buf *out, json_t *src, const char *label)
{
    size_t a, b;
    const char *id = jstr(src, "article");
    if (!id) {
        esc(out, label);
        return;
    }
    int has = jspan(json_object_get(src, "span"), &a, &b);
    buf_puts(out, "<a class=\"source\" href=\"");
    article_href(out, id, has, a, b);
    buf_puts(out, "\"");
    const char *ev = jstr(src, "evidence");
    if (ev) {
        buf_puts(out, " title=\"");
        esc(out, ev);
        buf_puts(out, "\"");
    }
    buf_puts(out, ">");
    esc(out, label);
    buf_puts(out, "</a>");
}

/* Is article `id` among a dissent variant's sources? */
static int variant_has(json_t *v, const char *id)
{
    json_t *l = json_object_get(v, "articles"), *x;
    size_t i;
    json_array_foreach(l, i, x)
    {
        const char *s = json_is_string(x) ? json_string_value(x) : jstr(x, "article");
        if (!s) s = jstr(x, "id");
        if (s && !strcmp(s, id)) return 1;
    }
    return 0;
}

static void fact_row(buf *out, json_t *f)
{
    int conflict = json_is_true(json_object_get(f, "conflict"));
    json_t *sources = json_object_get(f, "sources"), *s,
           *dissent = json_object_get(f, "dissent");
    const char *value = jstr(f, "value"), *qual = jstr(f, "qualifier");
    const char *disputed = jstr(f, "disputed");
    size_t i, j;
    buf_printf(out, "<tr class=\"fact%s\"><td>", conflict ? " conflict" : "");
    predicate_label(out, jstr(f, "predicate"));
    buf_puts(out, "</td><td class=\"value\">");
    /* the value links to the first source that states it */
    json_t *first = json_array_get(sources, 0);
    if (first)
        source_link(out, first, value ? value : "");
    else
        esc(out, value);
    if (qual) {
        buf_puts(out, " <span class=\"muted\">as</span> <span class=\"qualifier\">");
        esc(out, qual);
        buf_puts(out, "</span>");
    }
    if (conflict) {
        buf_printf(out, " <span class=\"badge\">disputed%s</span>",
                   disputed && !strcmp(disputed, "qualifier") ? " role" : "");
        buf_puts(out, "<ul class=\"dissent\">");
        json_t *d;
        json_array_foreach(dissent, i, d)
        {
            const char *dv = json_is_string(d) ? json_string_value(d) : jstr(d, "value");
            buf_puts(out, "<li>vs <span class=\"dissent-value\">");
            /* link the dissenting value to a source that gives it */
            json_t *via = NULL, *ds = json_object_get(d, "sources");
            if (json_array_size(ds)) via = json_array_get(ds, 0);
            json_array_foreach(sources, j, s) if (!via && jstr(s, "article") &&
                                                  variant_has(d, jstr(s, "article")))
                via = s;
            if (via)
                source_link(out, via, dv ? dv : "?");
            else
                esc(out, dv ? dv : "?");
            buf_puts(out, "</span>");
            if (json_is_integer(json_object_get(d, "support")))
                buf_printf(out, " <span class=\"muted\">(%ld source%s)</span>",
                           jint(d, "support"), jint(d, "support") == 1 ? "" : "s");
            buf_puts(out, "</li>");
        }
        buf_puts(out, "</ul>");
    }
    buf_puts(out, "</td><td class=\"sources\">");
    json_array_foreach(sources, i, s)
    {
        const char *label = jstr(s, "outlet");
        char n[32];
        snprintf(n, sizeof n, "[%zu]", i + 1);
        buf_puts(out, i ? " " : "");
        source_link(out, s, label ? label : n);
    }
    if (!json_array_size(sources) && json_is_integer(json_object_get(f, "support")))
        buf_printf(out, "%ld", jint(f, "support"));
    buf_puts(out, "</td></tr>");
}

static void film_facts(buf *out, json_t *rep)
{
    json_t *facts = json_object_get(rep, "facts"), *f;
    if (!json_array_size(facts)) return;
    size_t i, n_conf = 0;
    json_array_foreach(facts, i, f) n_conf +=
        json_is_true(json_object_get(f, "conflict"));
    buf_puts(out, "<section class=\"facts\"><h2>Facts</h2>");
    if (n_conf)
        buf_printf(out,
                   "<p class=\"muted\">Sources disagree on %zu fact%s, marked "
                   "<span class=\"badge\">disputed</span>.</p>",
                   n_conf, n_conf == 1 ? "" : "s");
    buf_puts(out, "<div class=\"scroll\"><table class=\"facts\"><thead><tr><th>Fact</th>"
                  "<th>Value</th><th>Sources</th></tr></thead><tbody>");
    json_array_foreach(facts, i, f) if (json_is_object(f)) fact_row(out, f);
    buf_puts(out, "</tbody></table></div></section>");
}

/* The verdict, and the critic's score as written when there is one. */
static void verdict_cell(buf *out, json_t *v, json_t *score)
{
    double sc;
    if (!jnum(v, "score100", &sc)) {
        buf_puts(out, "\xE2\x80\x93");
        return;
    }
    const char *src = jstr(v, "source");
    buf_printf(out, "<span class=\"%s\">%.0f</span>",
               sc >= REEL_POSITIVE_THRESHOLD ? "positive" : "negative", sc);
    if (src && !strcmp(src, "predicted")) {
        buf_puts(out, " <span class=\"muted\">(predicted)</span>");
    } else if (jstr(score, "raw")) {
        buf_puts(out, " <span class=\"muted\">(");
        esc(out, jstr(score, "raw"));
        buf_puts(out, ")</span>");
    }
}

static void film_articles(buf *out, json_t *rep)
{
    json_t *arts = json_object_get(rep, "articles"), *a;
    if (!json_array_size(arts)) return;
    size_t i;
    buf_puts(out,
             "<section class=\"articles\"><h2>Articles</h2><div class=\"scroll\">"
             "<table><thead><tr><th>Article</th><th>Kind</th><th class=\"num\">Score</th>"
             "</tr></thead><tbody>");
    json_array_foreach(arts, i, a)
    {
        const char *id = jstr(a, "id");
        if (!id) continue;
        buf_puts(out, "<tr><td><a href=\"");
        article_href(out, id, 0, 0, 0);
        buf_puts(out, "\">");
        const char *t = jstr(a, "title");
        if (t)
            esc(out, t);
        else
            buf_printf(out, "Article %.10s", id);
        buf_puts(out, "</a>");
        if (jstr(a, "outlet") || jstr(a, "author")) {
            buf_puts(out, "<br><span class=\"muted\">");
            esc(out, jstr(a, "outlet"));
            if (jstr(a, "outlet") && jstr(a, "author")) buf_puts(out, " \xC2\xB7 ");
            esc(out, jstr(a, "author"));
            buf_puts(out, "</span>");
        }
        buf_puts(out, "</td><td>");
        esc(out, jstr(a, "kind"));
        buf_puts(out, "</td><td class=\"num\">");
        verdict_cell(out, json_object_get(a, "verdict"), json_object_get(a, "score"));
        buf_puts(out, "</td></tr>");
    }
    buf_puts(out, "</tbody></table></div></section>");
}

int page_film(buf *out, const char *report_json)
{
    json_t *rep = load(report_json);
    if (!rep) return REEL_EFORMAT;
    json_t *film = json_object_get(rep, "film"), *r = json_object_get(rep, "reception");
    json_t *counts = json_object_get(rep, "counts");
    const char *title = jstr(film, "title") ? jstr(film, "title") : jstr(film, "key");
    head(out, title ? title : "Film", NULL);
    buf_puts(out, "<h1 class=\"film-title\">");
    esc(out, title);
    if (json_is_integer(json_object_get(film, "year")))
        buf_printf(out, " <span class=\"muted\">(%ld)</span>", jint(film, "year"));
    buf_printf(out,
               "</h1><p class=\"muted\">%ld articles: %ld reviews, %ld interviews, "
               "%ld news, %ld other</p>",
               jint(counts, "articles"), jint(counts, "review"),
               jint(counts, "interview"), jint(counts, "news"), jint(counts, "other"));
    double cs, ps, v;
    buf_puts(out, "<section class=\"reception\"><div class=\"scores\">");
    if (jnum(r, "critics_score", &cs)) {
        buf_printf(
            out,
            "<div><div class=\"big critics-score %s\" id=\"critics-score\">%.0f"
            "<small>/100</small></div><div class=\"muted\">critics' score</div></div>",
            cs >= REEL_POSITIVE_THRESHOLD ? "positive" : "negative", cs);
        if (jnum(r, "positive_share", &ps))
            buf_printf(out,
                       "<div><div class=\"big positive-share\" id=\"positive-share\">%.0f"
                       "<small>%%</small></div><div class=\"muted\">positive (score "
                       "\xE2\x89\xA5 %.0f)</div></div>",
                       ps, REEL_POSITIVE_THRESHOLD);
        buf_printf(out,
                   "</div><p class=\"muted\">From %ld scored review%s: %ld with the "
                   "critic's own score, %ld predicted from the text.",
                   jint(r, "reviews_scored"), jint(r, "reviews_scored") == 1 ? "" : "s",
                   jint(r, "explicit"), jint(r, "predicted"));
        if (jnum(r, "median", &v)) buf_printf(out, " Median %.0f", v);
        if (jnum(r, "stddev", &v)) buf_printf(out, ", standard deviation %.1f", v);
        if (jnum(r, "iqr", &v)) buf_printf(out, ", IQR %.1f", v);
        buf_puts(out, ".</p>");
        histogram_svg(out, json_object_get(r, "histogram"));
    } else {
        buf_puts(out, "</div><p>No scored reviews yet.</p>");
    }
    buf_puts(out, "</section>");
    film_quotes(out, rep);
    film_facts(out, rep);
    film_articles(out, rep);
    foot(out);
    json_decref(rep);
    return out->oom ? REEL_ENOMEM : 0;
}

/* ---------------- article page ---------------- */

typedef struct {
    size_t a, b;
    const char *cls;
    buf title; /* tooltip, already escaped */
} mark_span;

/* Move a span onto character boundaries inside [0, len). */
static int snap(const char *t, size_t len, size_t *a, size_t *b)
{
    if (*a >= len) return 0;
    if (*b > len) *b = len;
    while (*a > 0 && ((unsigned char)t[*a] & 0xC0) == 0x80)
        (*a)--;
    while (*b < len && ((unsigned char)t[*b] & 0xC0) == 0x80)
        (*b)++;
    return *a < *b;
}

static int cmp_size(const void *x, const void *y)
{
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    return (a > b) - (a < b);
}

/* Escaped text with single newlines as line breaks. */
static void text_piece(buf *out, const char *s, size_t len)
{
    size_t run = 0;
    for (size_t i = 0; i < len; i++)
        if (s[i] == '\n') {
            html_escape(out, s + run, i - run);
            buf_puts(out, "<br>");
            run = i + 1;
        }
    html_escape(out, s + run, len - run);
}

/* The clean text as paragraphs, marks around every span: the text is cut
 * at every span edge and paragraph break, and each piece is wrapped in one
 * <mark> naming all the spans over it, so marks never overlap. */
static void marked_text(buf *out, const char *t, size_t len, mark_span *m, size_t nm,
                        const mark_span *hl)
{
    vec cuts;
    vec_init(&cuts, sizeof(size_t));
    size_t *p;
    for (size_t i = 0; i < nm; i++) {
        if ((p = vec_push(&cuts))) *p = m[i].a;
        if ((p = vec_push(&cuts))) *p = m[i].b;
    }
    for (size_t i = 0; i + 1 < len; i++)
        if (t[i] == '\n' && t[i + 1] == '\n') {
            size_t e = i;
            while (e < len && t[e] == '\n')
                e++;
            if ((p = vec_push(&cuts))) *p = i;
            if ((p = vec_push(&cuts))) *p = e;
            i = e - 1;
        }
    if ((p = vec_push(&cuts))) *p = len;
    size_t *c = cuts.items;
    qsort(c, cuts.n, sizeof *c, cmp_size);
    int hl_anchor = 0;
    size_t pos = 0;
    buf_puts(out, "<article class=\"text\"><p>");
    for (size_t k = 0; k < cuts.n; k++) {
        size_t e = c[k] > len ? len : c[k];
        if (e <= pos) continue;
        if (t[pos] == '\n' && e - pos >= 2 && t[pos + 1] == '\n') {
            buf_puts(out, "</p>\n<p>");
            pos = e;
            continue;
        }
        size_t on = 0;
        for (size_t i = 0; i < nm; i++)
            on += m[i].a <= pos && m[i].b >= e;
        if (!on) {
            text_piece(out, t + pos, e - pos);
            pos = e;
            continue;
        }
        buf_puts(out, "<mark");
        if (hl && !hl_anchor && hl->a <= pos && hl->b >= e) {
            buf_puts(out, " id=\"hl\"");
            hl_anchor = 1;
        }
        buf_puts(out, " class=\"");
        size_t shown = 0, titled = 0;
        for (size_t i = 0; i < nm; i++)
            if (m[i].a <= pos && m[i].b >= e)
                buf_printf(out, "%s%s", shown++ ? " " : "", m[i].cls);
        buf_puts(out, "\"");
        for (size_t i = 0; i < nm; i++)
            if (m[i].a <= pos && m[i].b >= e && m[i].title.len) {
                buf_puts(out, titled++ ? "; " : " title=\"");
                buf_append(out, m[i].title.data, m[i].title.len);
            }
        buf_puts(out, titled ? "\">" : ">");
        text_piece(out, t + pos, e - pos);
        buf_puts(out, "</mark>");
        pos = e;
    }
    buf_puts(out, "</p></article>");
    vec_free(&cuts);
}

static mark_span *add_mark(vec *v, const char *t, size_t len, size_t a, size_t b,
                           const char *cls)
{
    if (!snap(t, len, &a, &b)) return NULL;
    mark_span *m = vec_push(v);
    if (!m) return NULL;
    m->a = a;
    m->b = b;
    m->cls = cls;
    buf_init(&m->title);
    return m;
}

static void meta_row(buf *out, const char *label, const char *value)
{
    if (!value) return;
    buf_printf(out, "<dt>%s</dt><dd>", label);
    esc(out, value);
    buf_puts(out, "</dd>");
}

int page_article(buf *out, const char *record_json, int has_hl, size_t hl_start,
                 size_t hl_end)
{
    json_t *rec = load(record_json);
    if (!rec) return REEL_EFORMAT;
    const char *text = jstr(rec, "text");
    size_t len = text ? strlen(text) : 0, i, a, b;
    const char *title = jstr(rec, "title");
    head(out, title ? title : "Article", NULL);
    buf_puts(out, "<h1 class=\"article-title\">");
    if (title)
        esc(out, title);
    else
        buf_printf(out, "Article %.10s", jstr(rec, "id") ? jstr(rec, "id") : "");
    buf_puts(out, "</h1><dl class=\"meta\">");
    meta_row(out, "Outlet", jstr(rec, "outlet"));
    meta_row(out, "Author", jstr(rec, "author"));
    meta_row(out, "Date", jstr(rec, "date"));
    const char *url = jstr(rec, "url");
    if (url) {
        buf_puts(out, "<dt>URL</dt><dd>");
        if (html_safe_url(url)) {
            buf_puts(out, "<a rel=\"nofollow noopener noreferrer\" href=\"");
            esc(out, url);
            buf_puts(out, "\">");
            esc(out, url);
            buf_puts(out, "</a>");
        } else {
            esc(out, url);
        }
        buf_puts(out, "</dd>");
    }
    json_t *kind = json_object_get(rec, "kind"), *subj = json_object_get(rec, "subject");
    double v;
    if (jstr(kind, "label")) {
        buf_puts(out, "<dt>Kind</dt><dd>");
        esc(out, jstr(kind, "label"));
        if (jnum(kind, "confidence", &v))
            buf_printf(out, " <span class=\"muted\">(%.0f%% sure)</span>", v * 100);
        buf_puts(out, "</dd>");
    }
    if (jstr(subj, "key")) {
        buf_puts(out, "<dt>Film</dt><dd><a class=\"film-link\" href=\"");
        film_href(out, jstr(subj, "key"));
        buf_puts(out, "\">");
        esc(out, jstr(subj, "title") ? jstr(subj, "title") : jstr(subj, "key"));
        buf_puts(out, "</a></dd>");
    }
    json_t *sc = json_object_get(rec, "score"), *se = json_object_get(rec, "sentiment");
    if (jnum(sc, "score100", &v)) {
        buf_puts(out, "<dt>Score</dt><dd><mark class=\"score\">");
        esc(out, jstr(sc, "raw"));
        buf_printf(out, "</mark> = %.0f/100", v);
        if (jstr(sc, "form")) {
            buf_puts(out, " <span class=\"muted\">(");
            esc(out, jstr(sc, "form"));
            buf_puts(out, ")</span>");
        }
        buf_puts(out, "</dd>");
    }
    if (jnum(se, "score100", &v))
        buf_printf(out, "<dt>Model</dt><dd>%.0f/100 predicted from the text</dd>", v);
    buf_puts(out, "</dl>");

    vec marks;
    vec_init(&marks, sizeof(mark_span));
    mark_span *m, hl = {0, 0, "hl", {0}};
    int hl_ok = 0;
    if (jspan(json_object_get(sc, "span"), &a, &b) &&
        (m = add_mark(&marks, text, len, a, b, "score"))) {
        buf_puts(&m->title, "score: ");
        esc(&m->title, jstr(sc, "raw"));
    }
    json_t *f;
    json_array_foreach(json_object_get(rec, "facts"), i, f)
    {
        if (!jspan(json_object_get(f, "span"), &a, &b) ||
            !(m = add_mark(&marks, text, len, a, b, "fact")))
            continue;
        esc(&m->title, jstr(f, "predicate"));
        buf_puts(&m->title, ": ");
        esc(&m->title, jstr(f, "value"));
        if (jstr(f, "qualifier")) {
            buf_puts(&m->title, " as ");
            esc(&m->title, jstr(f, "qualifier"));
        }
    }
    if (has_hl) {
        hl.a = hl_start;
        hl.b = hl_end;
        hl_ok = snap(text ? text : "", len, &hl.a, &hl.b);
    }
    if (hl_ok) {
        /* the sentences around the chosen words, lightly */
        json_t *s;
        json_array_foreach(json_object_get(rec, "sentences"), i,
                           s) if (jspan(json_object_get(s, "span"), &a, &b) && a < hl.b &&
                                  b > hl.a && (a < hl.a || b > hl.b))
            add_mark(&marks, text, len, a, b, "ctx");
        add_mark(&marks, text, len, hl.a, hl.b, "hl");
    }
    buf_puts(
        out,
        "<p class=\"muted\">Marked: <mark class=\"score\">the critic's score</mark>, "
        "<mark class=\"fact\">facts</mark>");
    if (hl_ok) buf_puts(out, ", <mark class=\"hl\">the passage you followed</mark>");
    buf_puts(out, ".</p>");
    marked_text(out, text ? text : "", len, marks.items, marks.n, hl_ok ? &hl : NULL);
    for (i = 0; i < marks.n; i++)
        buf_free(&((mark_span *)marks.items)[i].title);
    vec_free(&marks);
    foot(out);
    json_decref(rec);
    return out->oom ? REEL_ENOMEM : 0;
}

/* ---------------- search results ---------------- */

static void snippet_html(buf *out, const char *sn, json_t *ranges)
{
    size_t len = strlen(sn), pos = 0, i, a, b;
    json_t *r;
    json_array_foreach(ranges, i, r)
    {
        if (!jspan(r, &a, &b) || a < pos || !snap(sn, len, &a, &b)) continue;
        html_escape(out, sn + pos, a - pos);
        buf_puts(out, "<mark>");
        html_escape(out, sn + a, b - a);
        buf_puts(out, "</mark>");
        pos = b;
    }
    html_escape(out, sn + pos, len - pos);
}

int page_search(buf *out, const char *search_json, const char *q)
{
    json_t *res = search_json ? load(search_json) : NULL;
    if (search_json && !res) return REEL_EFORMAT;
    head(out, q ? q : "Search", q);
    buf_puts(out, "<h1>Search articles</h1>");
    if (!res) {
        buf_puts(out,
                 "<p>Words to find in the articles' text, accents and case ignored.</p>");
        foot(out);
        return out->oom ? REEL_ENOMEM : 0;
    }
    long total = jint(res, "total");
    buf_printf(out,
               "<p class=\"muted\" id=\"search-total\">%ld article%s match \xE2\x80\x9C",
               total, total == 1 ? "" : "s");
    esc(out, q);
    buf_puts(out, "\xE2\x80\x9D.</p><ol class=\"hits\">");
    json_t *h;
    size_t i;
    json_array_foreach(json_object_get(res, "hits"), i, h)
    {
        const char *id = jstr(h, "id");
        if (!id) continue;
        buf_puts(out, "<li class=\"hit\"><a href=\"");
        article_href(out, id, 0, 0, 0);
        buf_puts(out, "\">");
        if (jstr(h, "title"))
            esc(out, jstr(h, "title"));
        else
            buf_printf(out, "Article %.10s", id);
        buf_puts(out, "</a> <span class=\"muted\">");
        esc(out, jstr(h, "kind"));
        if (jstr(h, "outlet")) {
            buf_puts(out, " \xC2\xB7 ");
            esc(out, jstr(h, "outlet"));
        }
        if (jstr(h, "film")) {
            buf_puts(out, " \xC2\xB7 <a href=\"");
            film_href(out, jstr(h, "film"));
            buf_puts(out, "\">");
            esc(out, jstr(h, "film"));
            buf_puts(out, "</a>");
        }
        buf_puts(out, "</span><p class=\"snippet\">");
        snippet_html(out, jstr(h, "snippet") ? jstr(h, "snippet") : "",
                     json_object_get(h, "highlights"));
        buf_puts(out, "</p></li>");
    }
    buf_puts(out, "</ol>");
    pager(out, "/search", q, NULL, total, jint(res, "limit"), jint(res, "offset"));
    foot(out);
    json_decref(res);
    return out->oom ? REEL_ENOMEM : 0;
}

void page_error(buf *out, int status, const char *message)
{
    const char *what = status == 404   ? "Not found"
                       : status == 400 ? "Bad request"
                       : status == 405 ? "Method not allowed"
                       : status >= 500 ? "Server error"
                                       : "Error";
    char t[64];
    snprintf(t, sizeof t, "%d %s", status, what);
    head(out, t, NULL);
    buf_puts(out, "<h1>");
    esc(out, t);
    buf_puts(out, "</h1><p class=\"error\">");
    esc(out, message);
    buf_puts(out, "</p><p><a href=\"/\">All films</a></p>");
    foot(out);
}
