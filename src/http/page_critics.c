/* page_critics.c — the critic and outlet pages: /critics and /outlets (the
 * lists, sortable and paged) and /critics/NAME, /outlets/NAME (one critic's
 * or outlet's figures, highest and lowest rated films and reviews), each a
 * pure function of the store's JSON (reel_store_critics and friends), with
 * everything from an article escaped.
 */
#include "../byline.h"
#include "http.h"

#include <math.h>

void href_critic(buf *out, const char *name, int is_outlet)
{
    buf_puts(out, is_outlet ? "/outlets/" : "/critics/");
    http_encode_segment(out, name ? name : "");
}

/* `shown` linked to the page of `name` (as byline.c unified it), or only
shown when that name is empty. Takes `name` (malloc'd). */
static void name_link(buf *out, const char *shown, char *name, int is_outlet)
{
    if (name && *name) {
        buf_printf(out, "<a class=\"%s\" href=\"", is_outlet ? "outlet" : "critic");
        href_critic(out, name, is_outlet);
        buf_puts(out, "\">");
        html_esc(out, shown);
        buf_puts(out, "</a>");
    } else {
        html_esc(out, shown);
    }
    free(name);
}

void html_outlet_link(buf *out, const char *outlet)
{
    name_link(out, outlet, outlet ? byline_outlet(outlet) : NULL, 1);
}

void html_critic_link(buf *out, const char *author, const char *outlet)
{
    char *o = outlet ? byline_outlet(outlet) : NULL;
    name_link(out, author, author ? byline_critic(author, o) : NULL, 0);
    free(o);
}

void html_byline(buf *out, const char *author, const char *outlet, const char *sep)
{
    if (outlet) html_outlet_link(out, outlet);
    if (outlet && author) buf_puts(out, sep);
    if (author) html_critic_link(out, author, outlet);
}

static void cell_num(buf *out, json_t *o, const char *k, const char *fmt)
{
    double v;
    buf_puts(out, "<td class=\"num\">");
    if (jv_num(o, k, &v) && json_is_number(json_object_get(o, k)))
        buf_printf(out, fmt, v);
    else
        buf_puts(out, "\xE2\x80\x93");
    buf_puts(out, "</td>");
}

static void cell_agreement(buf *out, json_t *o)
{
    buf_puts(out, "<td class=\"num\">");
    json_t *a = json_object_get(o, "agreement");
    if (json_is_number(a))
        buf_printf(out, "%.0f%% <span class=\"muted\">of %ld</span>",
                   100.0 * json_number_value(a), jv_int(o, "compared"));
    else
        buf_puts(out, "\xE2\x80\x93");
    buf_puts(out, "</td>");
}

int page_people(buf *out, const char *json, int is_outlet, const char *q,
                const char *sort)
{
    json_t *list = jv_load(json);
    if (!list) return REEL_EFORMAT;
    const char *what = is_outlet ? "Outlets" : "Critics";
    const char *path = is_outlet ? "/outlets" : "/critics";
    json_t *rows = json_object_get(list, is_outlet ? "outlets" : "critics"), *r;
    page_head(out, what, NULL);
    buf_printf(out,
               "<h1>%s</h1><form class=\"search\" action=\"%s\" method=\"get\">"
               "<input type=\"search\" name=\"q\" placeholder=\"Find a name\" "
               "aria-label=\"Find a name\" value=\"",
               what, path);
    html_esc(out, q);
    buf_puts(out, "\">");
    if (sort) {
        buf_puts(out, "<input type=\"hidden\" name=\"sort\" value=\"");
        html_esc(out, sort);
        buf_puts(out, "\">");
    }
    buf_puts(out, "<button type=\"submit\">Find</button></form>");
    long total = jv_int(list, "total");
    buf_printf(out, "<p class=\"muted\">%ld %s%s", total, is_outlet ? "outlet" : "critic",
               total == 1 ? "" : "s");
    if (q) {
        buf_puts(out, " matching \xE2\x80\x9C");
        html_esc(out, q);
        buf_puts(out, "\xE2\x80\x9D");
    }
    buf_puts(out, ". Sort by ");
    static const char *sorts[] = {"reviews", "name", "score", "agreement"};
    for (int i = 0; i < 4; i++) {
        buf_printf(out, "%s<a href=\"%s?", i ? ", " : "", path);
        if (q) {
            buf_puts(out, "q=");
            href_query_value(out, q);
            buf_puts(out, "&amp;");
        }
        buf_printf(out, "sort=%s\">%s</a>", sorts[i], sorts[i]);
    }
    buf_puts(out, ". Agreement: how often a verdict matches the majority of the film's "
                  "other reviews.</p>");
    if (json_array_size(rows)) {
        buf_printf(
            out,
            "<div class=\"scroll\"><table class=\"people\"><thead><tr><th>%s</th>"
            "<th>%s</th><th class=\"num\">Reviews</th><th class=\"num\">Average</th>"
            "<th class=\"num\">Spread</th><th class=\"num\">Positive</th>"
            "<th class=\"num\">Agreement</th></tr></thead><tbody>",
            is_outlet ? "Outlet" : "Critic", is_outlet ? "Critics" : "Outlet");
        size_t i;
        json_array_foreach(rows, i, r)
        {
            buf_puts(out, "<tr><td><a href=\"");
            href_critic(out, jv_str(r, "name"), is_outlet);
            buf_puts(out, "\">");
            html_esc(out, jv_str(r, "name"));
            buf_puts(out, "</a></td><td>");
            if (is_outlet) {
                buf_printf(out, "%ld", jv_int(r, "n_critics"));
            } else if (jv_str(r, "outlet")) {
                buf_puts(out, "<a href=\"");
                href_critic(out, jv_str(r, "outlet"), 1);
                buf_puts(out, "\">");
                html_esc(out, jv_str(r, "outlet"));
                buf_puts(out, "</a>");
            }
            buf_printf(out, "</td><td class=\"num\">%ld</td>", jv_int(r, "reviews"));
            cell_num(out, r, "average", "%.1f");
            cell_num(out, r, "stddev", "%.1f");
            json_t *p = json_object_get(r, "positive");
            buf_puts(out, "<td class=\"num\">");
            if (json_is_number(p))
                buf_printf(out, "%.0f%%", 100.0 * json_number_value(p));
            buf_puts(out, "</td>");
            cell_agreement(out, r);
            buf_puts(out, "</tr>");
        }
        buf_puts(out, "</tbody></table></div>");
    } else {
        buf_printf(out, "<p>No %s yet.</p>", is_outlet ? "outlets" : "critics");
    }
    page_pager(out, path, q, sort, total, jv_int(list, "limit"), jv_int(list, "offset"));
    page_foot(out);
    json_decref(list);
    return out->oom ? REEL_ENOMEM : 0;
}

/* A table of reviews: date, film, score, verdict, the film's other
 * verdicts, agreement, and the outlet (critic page) or critic (outlet). */
static void reviews_table(buf *out, json_t *rs, int is_outlet)
{
    json_t *r;
    size_t i;
    buf_printf(out,
               "<div class=\"scroll\"><table class=\"reviews\"><thead><tr><th>Date</th>"
               "<th>Film</th><th>%s</th><th class=\"num\">Score</th><th>Verdict</th>"
               "<th>Others</th><th>Agrees</th></tr></thead><tbody>",
               is_outlet ? "Critic" : "Outlet");
    json_array_foreach(rs, i, r)
    {
        buf_puts(out, "<tr><td>");
        html_esc(out, jv_str(r, "date"));
        buf_puts(out, "</td><td>");
        if (jv_str(r, "film")) {
            buf_puts(out, "<a href=\"");
            href_film(out, jv_str(r, "film"));
            buf_puts(out, "\">");
        }
        html_esc(out, jv_str(r, "title") ? jv_str(r, "title") : jv_str(r, "film"));
        if (json_is_integer(json_object_get(r, "year")))
            buf_printf(out, " (%ld)", jv_int(r, "year"));
        if (jv_str(r, "film")) buf_puts(out, "</a>");
        buf_puts(out, "</td><td>");
        const char *other = jv_str(r, is_outlet ? "critic" : "outlet");
        if (other) {
            buf_puts(out, "<a href=\"");
            href_critic(out, other, !is_outlet);
            buf_puts(out, "\">");
            html_esc(out, other);
            buf_puts(out, "</a>");
        }
        buf_puts(out, "</td><td class=\"num\"><a href=\"");
        href_article(out, jv_str(r, "id") ? jv_str(r, "id") : "", 0, 0, 0);
        buf_puts(out, "\">");
        double s;
        if (json_is_number(json_object_get(r, "score100")) && jv_num(r, "score100", &s))
            buf_printf(out, "%.0f", s);
        else
            buf_puts(out, "\xE2\x80\x93");
        buf_puts(out, "</a>");
        if (jv_str(r, "score")) {
            buf_puts(out, " <span class=\"muted\">");
            html_esc(out, jv_str(r, "score"));
            buf_puts(out, "</span>");
        } else if (jv_str(r, "source") && strcmp(jv_str(r, "source"), "explicit")) {
            buf_puts(out, " <span class=\"muted\">predicted</span>");
        }
        json_t *p = json_object_get(r, "positive"), *ag = json_object_get(r, "agrees");
        buf_printf(out, "</td><td>%s</td><td>%ld+ %ld\xE2\x88\x92</td><td>%s</td></tr>",
                   json_is_true(p)    ? "positive"
                   : json_is_false(p) ? "negative"
                                      : "",
                   jv_int(r, "others_positive"), jv_int(r, "others_negative"),
                   json_is_true(ag)    ? "yes"
                   : json_is_false(ag) ? "no"
                                       : "\xE2\x80\x93");
    }
    buf_puts(out, "</tbody></table></div>");
}

int page_person(buf *out, const char *json, int is_outlet)
{
    json_t *p = jv_load(json);
    if (!p) return REEL_EFORMAT;
    const char *name = jv_str(p, "name") ? jv_str(p, "name") : "?";
    page_head(out, name, NULL);
    buf_printf(out, "<p class=\"muted\"><a href=\"%s\">%s</a></p><h1>",
               is_outlet ? "/outlets" : "/critics", is_outlet ? "Outlets" : "Critics");
    html_esc(out, name);
    buf_printf(out,
               "</h1><dl class=\"meta\"><dt>Reviews</dt><dd>%ld (%ld with a score)</dd>",
               jv_int(p, "reviews"), jv_int(p, "scored"));
    double v;
    if (json_is_number(json_object_get(p, "average")) && jv_num(p, "average", &v)) {
        buf_printf(out, "<dt>Average</dt><dd>%.1f / 100", v);
        if (json_is_number(json_object_get(p, "stddev")) && jv_num(p, "stddev", &v))
            buf_printf(out, ", spread (standard deviation) %.1f", v);
        buf_puts(out, "</dd>");
    }
    if (json_is_number(json_object_get(p, "positive")) && jv_num(p, "positive", &v))
        buf_printf(out, "<dt>Positive</dt><dd>%.0f%%</dd>", 100.0 * v);
    buf_puts(out, "<dt>Agreement</dt><dd>");
    if (json_is_number(json_object_get(p, "agreement")) && jv_num(p, "agreement", &v))
        buf_printf(out,
                   "%.0f%%: agrees with the majority of the other reviews on %ld of "
                   "%ld films that have one",
                   100.0 * v, jv_int(p, "agreed"), jv_int(p, "compared"));
    else
        buf_puts(out, "no film with a consensus of other reviews");
    buf_puts(out, "</dd>");
    json_t *others = json_object_get(p, is_outlet ? "critics" : "outlets"), *o;
    size_t i;
    if (json_array_size(others)) {
        buf_printf(out, "<dt>%s</dt><dd>", is_outlet ? "Critics" : "Outlets");
        json_array_foreach(others, i, o)
        {
            buf_puts(out, i ? ", <a href=\"" : "<a href=\"");
            href_critic(out, jv_str(o, "name"), !is_outlet);
            buf_puts(out, "\">");
            html_esc(out, jv_str(o, "name"));
            buf_printf(out, "</a> (%ld)", jv_int(o, "reviews"));
        }
        buf_puts(out, "</dd>");
    }
    buf_puts(out, "</dl>");
    json_t *high = json_object_get(p, "highest"), *low = json_object_get(p, "lowest");
    if (json_array_size(high)) {
        buf_puts(out, "<h2>Rated highest</h2>");
        reviews_table(out, high, is_outlet);
    }
    if (json_array_size(low)) {
        buf_puts(out, "<h2>Rated lowest</h2>");
        reviews_table(out, low, is_outlet);
    }
    json_t *items = json_object_get(p, "items");
    buf_puts(out, "<h2>Reviews, newest first</h2>");
    reviews_table(out, items, is_outlet);
    buf b;
    buf_init(&b);
    href_critic(&b, name, is_outlet);
    if (!b.oom)
        page_pager(out, b.data, NULL, NULL, jv_int(p, "reviews"), jv_int(p, "limit"),
                   jv_int(p, "offset"));
    buf_free(&b);
    page_foot(out);
    json_decref(p);
    return out->oom ? REEL_ENOMEM : 0;
}
