/* pages.c — the index of films and a film's page, rendered on the server
 * from the same JSON the API returns: score, share positive, histogram as
 * inline SVG, consensus, pull quotes, the facts with conflicts, the
 * articles; and the error page. No script: plain links and forms. Fields
 * the report may not have yet (quotes, facts) are rendered when there,
 * whatever their exact shape, and skipped when not. Shared pieces:
 * html.c; the article and search pages: page_article.c.
 */
#include "http.h"

static void fmt_score(buf *out, json_t *o, const char *k)
{
    double v;
    if (jv_num(o, k, &v))
        buf_printf(out, "%.0f", v);
    else
        buf_puts(out, "\xE2\x80\x93"); /* en dash: none */
}

/* ---------------- index of films ---------------- */

int page_index(buf *out, const char *films_json, const char *q, const char *sort)
{
    json_t *list = jv_load(films_json);
    if (!list) return REEL_EFORMAT;
    json_t *films = json_object_get(list, "films"), *f;
    page_head(out, "Films", NULL);
    buf_puts(out, "<h1>Films</h1><form class=\"search\" action=\"/\" method=\"get\">"
                  "<input type=\"search\" name=\"q\" placeholder=\"Find a film\" "
                  "aria-label=\"Find a film\" value=\"");
    html_esc(out, q);
    buf_puts(out, "\">");
    if (sort) {
        buf_puts(out, "<input type=\"hidden\" name=\"sort\" value=\"");
        html_esc(out, sort);
        buf_puts(out, "\">");
    }
    buf_puts(out, "<button type=\"submit\">Find</button></form>");
    long total = jv_int(list, "total");
    buf_printf(out, "<p class=\"muted\">%ld film%s", total, total == 1 ? "" : "s");
    if (q) {
        buf_puts(out, " matching \xE2\x80\x9C");
        html_esc(out, q);
        buf_puts(out, "\xE2\x80\x9D");
    }
    buf_puts(out, ". Sort by ");
    static const char *sorts[] = {"title", "score", "reviews", "year", "first-review"};
    for (int i = 0; i < 5; i++) {
        buf_puts(out, i ? ", " : "");
        buf_puts(out, "<a href=\"/?");
        if (q) {
            buf_puts(out, "q=");
            href_query_value(out, q);
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
            /* the film's id names its year: a remake is another film */
            const char *key = jv_str(f, "id") ? jv_str(f, "id") : jv_str(f, "key");
            buf_puts(out, "<tr><td><a href=\"");
            href_film(out, key ? key : "");
            buf_puts(out, "\">");
            html_esc(out, jv_str(f, "title") ? jv_str(f, "title") : key);
            buf_puts(out, "</a></td><td class=\"num\">");
            if (json_is_integer(json_object_get(f, "year")))
                buf_printf(out, "%ld", jv_int(f, "year"));
            buf_puts(out, "</td><td class=\"num\">");
            fmt_score(out, f, "critics_score");
            buf_puts(out, "</td><td class=\"num\">");
            fmt_score(out, f, "positive_share");
            double ps;
            if (jv_num(f, "positive_share", &ps)) buf_puts(out, "%");
            buf_printf(out,
                       "</td><td class=\"num\">%ld</td><td class=\"num\">%ld</td></tr>",
                       jv_int(f, "reviews"), jv_int(f, "articles"));
        }
        buf_puts(out, "</tbody></table></div>");
    } else {
        buf_puts(out, "<p>No films yet.</p>");
    }
    page_pager(out, "/", q, sort, total, jv_int(list, "limit"), jv_int(list, "offset"));
    page_foot(out);
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
    const char *id = jv_str(q, "article");
    if (!id) id = jv_str(q, "id");
    if (!id) id = jv_str(q, "article_id");
    *has_span = jv_span(json_object_get(q, "span"), a, b);
    return id;
}

static const char *quote_text(json_t *q)
{
    if (json_is_string(q)) return json_string_value(q);
    const char *t = jv_str(q, "text");
    return t ? t : jv_str(q, "quote");
}

/* What the report's article list calls article `id` (its title, URL or
 * file name: article_name), or NULL when it is not listed or has none. */
static const char *listed_name(json_t *rep, const char *id)
{
    json_t *a;
    size_t i;
    if (!id) return NULL;
    json_array_foreach(json_object_get(rep, "articles"), i, a)
    {
        const char *aid = jv_str(a, "id");
        if (!aid || strcmp(aid, id) != 0) continue;
        const char *name = article_name(a);
        return strcmp(name, "Article") != 0 ? name : NULL;
    }
    return NULL;
}

/* Who said it: author and outlet, else the article's title, else where it
 * came from (its URL or file name, from the report's article list), else
 * its id. */
static void quote_attrib(buf *out, json_t *rep, json_t *q)
{
    const char *who = jv_str(q, "outlet"), *by = jv_str(q, "author"),
               *title = jv_str(q, "title");
    const char *id = jv_str(q, "article");
    double sc;
    if (!who && !by && !title && !id) return;
    if (!title || !*title) title = listed_name(rep, id);
    buf_puts(out, "<footer>\xE2\x80\x94 ");
    html_critic_link(out, by, who); /* each to its page */
    if (by && who) buf_puts(out, ", ");
    html_outlet_link(out, who);
    if (!by && !who && title) {
        buf_puts(out, "<cite>");
        html_esc(out, title);
        buf_puts(out, "</cite>");
    } else if (!by && !who) {
        buf_puts(out, "article ");
        html_escape(out, id, strlen(id) < 10 ? strlen(id) : 10);
    }
    if (jv_num(q, "score100", &sc)) buf_printf(out, " (%.0f/100)", sc);
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
        href_article(out, id, has_span, a, b);
        buf_puts(out, "\">");
    }
    if (quoted) buf_puts(out, "\xE2\x80\x9C");
    html_esc(out, t);
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
            if (json_is_object(q)) quote_attrib(out, rep, q);
            buf_puts(out, "</blockquote>");
        }
        buf_puts(out, "</section>");
    }
}

static void predicate_label(buf *out, const char *p)
{
    if (!p) return;
    size_t start = out->len;
    html_esc(out, p);
    for (size_t i = start; i < out->len; i++)
        if (out->data[i] == '_') out->data[i] = ' ';
    if (out->len > start && out->data[start] >= 'a' && out->data[start] <= 'z')
        out->data[start] = (char)(out->data[start] - 'a' + 'A');
}

/* Each article's number on the page: its place in the report's article
 * list (1-based), so a source [n] means the same article in every row. */
static json_t *article_numbers(json_t *rep)
{
    json_t *n = json_object(), *a;
    size_t i;
    json_array_foreach(json_object_get(rep, "articles"), i, a) if (jv_str(a, "id"))
        json_object_set_new(n, jv_str(a, "id"), json_integer((json_int_t)i + 1));
    return n;
}

/* A link to the words a source read the value from, labelled `label`, or
 * with `numbers` "[n]", the article's number on the page. */
static void source_link(buf *out, json_t *src, const char *label, json_t *numbers)
{
    size_t a, b;
    const char *id = jv_str(src, "article");
    char n[32] = "[?]";
    if (!label) {
        json_t *k = id ? json_object_get(numbers, id) : NULL;
        if (json_is_integer(k))
            snprintf(n, sizeof n, "[%lld]", (long long)json_integer_value(k));
        label = n;
    }
    if (!id) {
        html_esc(out, label);
        return;
    }
    int has = jv_span(json_object_get(src, "span"), &a, &b);
    buf_puts(out, "<a class=\"source\" href=\"");
    href_article(out, id, has, a, b);
    buf_puts(out, "\"");
    const char *ev = jv_str(src, "evidence");
    if (ev) {
        buf_puts(out, " title=\"");
        html_esc(out, ev);
        buf_puts(out, "\"");
    }
    buf_puts(out, ">");
    html_esc(out, label);
    buf_puts(out, "</a>");
}

/* How a fact's qualifier reads after its value: the character ("as"), what
 * a date is of and a setting's country in brackets, an award's winner after
 * a colon ("Best Actor: Antonio Banderas"); nationality's person reads
 * before the value (fact_row). */
static void fact_qualifier(buf *out, const char *pred, const char *qual)
{
    pred = pred ? pred : "";
    if (!strcmp(pred, "cast"))
        buf_puts(out, " <span class=\"muted\">as</span> <span class=\"qualifier\">");
    else if (!strcmp(pred, "award") || !strcmp(pred, "nomination"))
        buf_puts(out, "<span class=\"muted\">:</span> <span class=\"qualifier\">");
    else if (!strcmp(pred, "setting"))
        buf_puts(out, "<span class=\"muted\">,</span> <span class=\"qualifier\">");
    else
        buf_puts(out, " <span class=\"muted\">(</span><span class=\"qualifier\">");
    html_esc(out, qual);
    buf_puts(out, "</span>");
    if (strcmp(pred, "cast") && strcmp(pred, "award") && strcmp(pred, "nomination") &&
        strcmp(pred, "setting"))
        buf_puts(out, "<span class=\"muted\">)</span>");
}

/* Is article `id` among a dissent variant's sources? */
static int variant_has(json_t *v, const char *id)
{
    json_t *l = json_object_get(v, "articles"), *x;
    size_t i;
    json_array_foreach(l, i, x)
    {
        const char *s = json_is_string(x) ? json_string_value(x) : jv_str(x, "article");
        if (!s) s = jv_str(x, "id");
        if (s && !strcmp(s, id)) return 1;
    }
    return 0;
}

static void fact_row(buf *out, json_t *f, json_t *numbers)
{
    int conflict = json_is_true(json_object_get(f, "conflict"));
    json_t *sources = json_object_get(f, "sources"), *s,
           *dissent = json_object_get(f, "dissent");
    const char *value = jv_str(f, "value"), *qual = jv_str(f, "qualifier");
    const char *disputed = jv_str(f, "disputed");
    size_t i, j;
    buf_printf(out, "<tr class=\"fact%s\"><td>", conflict ? " conflict" : "");
    predicate_label(out, jv_str(f, "predicate"));
    buf_puts(out, "</td><td class=\"value\">");
    /* the value links to the first source that states it; a winner or a
       person's nationality reads before it ("Best Actor: Antonio Banderas"
       reads after, see fact_qualifier) */
    json_t *first = json_array_get(sources, 0);
    const char *pred = jv_str(f, "predicate");
    if (qual && pred && !strcmp(pred, "nationality")) {
        buf_puts(out, "<span class=\"qualifier\">");
        html_esc(out, qual);
        buf_puts(out, "</span>: ");
        qual = NULL;
    }
    if (first)
        source_link(out, first, value ? value : "", NULL);
    else
        html_esc(out, value);
    if (qual) fact_qualifier(out, jv_str(f, "predicate"), qual);
    if (conflict) {
        buf_printf(out, " <span class=\"badge\">disputed%s</span>",
                   disputed && !strcmp(disputed, "qualifier") ? " role" : "");
        buf_puts(out, "<ul class=\"dissent\">");
        json_t *d;
        json_array_foreach(dissent, i, d)
        {
            const char *dv =
                json_is_string(d) ? json_string_value(d) : jv_str(d, "value");
            buf_puts(out, "<li>vs <span class=\"dissent-value\">");
            /* link the dissenting value to a source that gives it */
            json_t *via = NULL, *ds = json_object_get(d, "sources");
            if (json_array_size(ds)) via = json_array_get(ds, 0);
            json_array_foreach(sources, j, s) if (!via && jv_str(s, "article") &&
                                                  variant_has(d, jv_str(s, "article")))
                via = s;
            if (via)
                source_link(out, via, dv ? dv : "?", NULL);
            else
                html_esc(out, dv ? dv : "?");
            buf_puts(out, "</span>");
            if (json_is_integer(json_object_get(d, "support")))
                buf_printf(out, " <span class=\"muted\">(%ld source%s)</span>",
                           jv_int(d, "support"), jv_int(d, "support") == 1 ? "" : "s");
            buf_puts(out, "</li>");
        }
        buf_puts(out, "</ul>");
    }
    buf_puts(out, "</td><td class=\"sources\">");
    /* [n] is the article's number in the page's article list, the same in
       every row; the words each source read are listed below the links,
       readable without hovering */
    json_array_foreach(sources, i, s)
    {
        buf_puts(out, i ? " " : "");
        source_link(out, s, NULL, numbers);
    }
    if (json_array_size(sources)) {
        buf_puts(out, "<details class=\"evidence\"><summary>evidence</summary><ul>");
        json_array_foreach(sources, i, s)
        {
            buf_puts(out, "<li>");
            source_link(out, s, NULL, numbers);
            if (jv_str(s, "outlet")) {
                buf_puts(out, " ");
                html_esc(out, jv_str(s, "outlet"));
            }
            if (jv_str(s, "evidence")) {
                buf_puts(out, ": <q>");
                html_esc(out, jv_str(s, "evidence"));
                buf_puts(out, "</q>");
            }
            buf_puts(out, "</li>");
        }
        buf_puts(out, "</ul></details>");
    }
    if (!json_array_size(sources) && json_is_integer(json_object_get(f, "support")))
        buf_printf(out, "%ld", jv_int(f, "support"));
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
    buf_puts(out, "<p class=\"muted\">A source [n] is article n in the list of articles "
                  "below; each row's evidence gives the words it was read from.</p>");
    buf_puts(out, "<div class=\"scroll\"><table class=\"facts\"><thead><tr><th>Fact</th>"
                  "<th>Value</th><th>Sources</th></tr></thead><tbody>");
    json_t *numbers = article_numbers(rep);
    json_array_foreach(facts, i, f) if (json_is_object(f)) fact_row(out, f, numbers);
    json_decref(numbers);
    buf_puts(out, "</tbody></table></div></section>");
}

/* The verdict, and the critic's score as written when there is one. */
static void verdict_cell(buf *out, json_t *v, json_t *score)
{
    double sc;
    if (!jv_num(v, "score100", &sc)) {
        buf_puts(out, "\xE2\x80\x93");
        return;
    }
    const char *src = jv_str(v, "source");
    /* the record's own call: a letter grade is positive by the grade */
    json_t *pos = json_object_get(v, "positive");
    int positive =
        json_is_boolean(pos) ? json_is_true(pos) : sc >= REEL_POSITIVE_THRESHOLD;
    buf_printf(out, "<span class=\"%s\">%.0f</span>", positive ? "positive" : "negative",
               sc);
    if (src && !strcmp(src, "predicted")) {
        buf_puts(out, " <span class=\"muted\">(predicted)</span>");
    } else if (jv_str(score, "raw")) {
        buf_puts(out, " <span class=\"muted\">(");
        html_esc(out, jv_str(score, "raw"));
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
             "<table><thead><tr><th class=\"num\">#</th><th>Article</th><th>Kind</th>"
             "<th class=\"num\">Score</th></tr></thead><tbody>");
    json_array_foreach(arts, i, a)
    {
        const char *id = jv_str(a, "id");
        if (!id) continue;
        /* the number the facts' sources cite */
        buf_printf(out,
                   "<tr id=\"article-%zu\"><td class=\"num\">[%zu]</td><td><a href=\"",
                   i + 1, i + 1);
        href_article(out, id, 0, 0, 0);
        buf_puts(out, "\">");
        html_esc(out, article_name(a));
        buf_puts(out, "</a>");
        if (jv_str(a, "outlet") || jv_str(a, "author")) {
            buf_puts(out, "<br><span class=\"muted\">");
            html_byline(out, jv_str(a, "author"), jv_str(a, "outlet"), " \xC2\xB7 ");
            buf_puts(out, "</span>");
        }
        buf_puts(out, "</td><td>");
        html_esc(out, jv_str(a, "kind"));
        /* not a review: the model's reading is its tone, not a verdict */
        const char *tone = jv_str(json_object_get(a, "tone"), "label");
        if (tone) {
            buf_puts(out, "<br><span class=\"muted tone\">tone: ");
            html_esc(out, tone);
            buf_puts(out, "</span>");
        }
        buf_puts(out, "</td><td class=\"num\">");
        verdict_cell(out, json_object_get(a, "verdict"), json_object_get(a, "score"));
        buf_puts(out, "</td></tr>");
    }
    buf_puts(out, "</tbody></table></div></section>");
}

int page_film(buf *out, const char *report_json)
{
    return page_film_timeline(out, report_json, NULL);
}

int page_film_timeline(buf *out, const char *report_json, const char *timeline_json)
{
    json_t *rep = jv_load(report_json);
    if (!rep) return REEL_EFORMAT;
    json_t *film = json_object_get(rep, "film"), *r = json_object_get(rep, "reception");
    json_t *counts = json_object_get(rep, "counts");
    const char *title =
        jv_str(film, "title") ? jv_str(film, "title") : jv_str(film, "key");
    page_head(out, title ? title : "Film", NULL);
    buf_puts(out, "<h1 class=\"film-title\">");
    html_esc(out, title);
    if (json_is_integer(json_object_get(film, "year")))
        buf_printf(out, " <span class=\"muted\">(%ld)</span>", jv_int(film, "year"));
    buf_printf(out,
               "</h1><p class=\"muted\">%ld article%s: %ld review%s, %ld interview%s, "
               "%ld news, %ld other</p>",
               jv_int(counts, "articles"), jv_int(counts, "articles") == 1 ? "" : "s",
               jv_int(counts, "review"), jv_int(counts, "review") == 1 ? "" : "s",
               jv_int(counts, "interview"), jv_int(counts, "interview") == 1 ? "" : "s",
               jv_int(counts, "news"), jv_int(counts, "other"));
    double cs, ps, v;
    buf_puts(out, "<section class=\"reception\"><div class=\"scores\">");
    if (jv_num(r, "critics_score", &cs)) {
        buf_printf(
            out,
            "<div><div class=\"big critics-score %s\" id=\"critics-score\">%.0f"
            "<small>/100</small></div><div class=\"muted\">critics' score</div></div>",
            cs >= REEL_POSITIVE_THRESHOLD ? "positive" : "negative", cs);
        if (jv_num(r, "positive_share", &ps))
            buf_printf(
                out,
                "<div><div class=\"big positive-share\" id=\"positive-share\">%.0f"
                "<small>%%</small></div><div class=\"muted\">positive (%ld at score "
                "\xE2\x89\xA5 %.0f, %ld uncertain weighed)</div></div>",
                ps, jv_int(r, "positive"), REEL_POSITIVE_THRESHOLD, jv_int(r, "weighed"));
        buf_printf(out,
                   "</div><p class=\"muted\">From %ld scored review%s: %ld with the "
                   "critic's own score, %ld predicted from the text.",
                   jv_int(r, "reviews_scored"),
                   jv_int(r, "reviews_scored") == 1 ? "" : "s", jv_int(r, "explicit"),
                   jv_int(r, "predicted"));
        if (jv_num(r, "median", &v)) buf_printf(out, " Median %.0f", v);
        if (jv_num(r, "stddev", &v)) buf_printf(out, ", standard deviation %.1f", v);
        if (jv_num(r, "iqr", &v)) buf_printf(out, ", IQR %.1f", v);
        buf_puts(out, ".</p>");
        histogram_svg(out, json_object_get(r, "histogram"));
    } else {
        buf_puts(out, "</div><p>No scored reviews yet.</p>");
    }
    buf_puts(out, "</section>");
    if (timeline_json)
        page_timeline(out, timeline_json,
                      jv_str(film, "id") ? jv_str(film, "id") : jv_str(film, "key"));
    film_quotes(out, rep);
    film_facts(out, rep);
    film_articles(out, rep);
    page_foot(out);
    json_decref(rep);
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
    page_head(out, t, NULL);
    buf_puts(out, "<h1>");
    html_esc(out, t);
    buf_puts(out, "</h1><p class=\"error\">");
    html_esc(out, message);
    buf_puts(out, "</p><p><a href=\"/\">All films</a></p>");
    page_foot(out);
}
