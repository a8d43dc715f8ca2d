/* page_timeline.c — the film page's "Over time" section: the timeline of
 * reel_store_film_timeline as inline SVG drawn on the server (no script):
 * each dated review a point at its date and score, the running share
 * positive as a line on the same 0-100 scale, axis labels, a <title> and
 * <desc> for screen readers. Presentation attributes only, so a strict
 * Content-Security-Policy allows it; everything from an article escaped.
 */
#include "http.h"

#include <math.h>
#include <stdio.h>

/* The plot area inside the 640 x 230 picture. */
#define W 640
#define H 230
#define X0 48.0
#define X1 620.0
#define Y0 190.0 /* score 0 */
#define Y1 20.0  /* score 100 */

/* Days since 1970-01-01 of "YYYY[-MM[-DD]]" (a missing month or day is
 * the first); Howard Hinnant's days_from_civil. */
static double day_of(const char *d)
{
    int y = 0, m = 1, day = 1;
    if (!d || sscanf(d, "%4d", &y) != 1) return 0;
    if (d[4] == '-' && sscanf(d + 5, "%2d", &m) == 1 && d[7] == '-')
        sscanf(d + 8, "%2d", &day);
    if (m < 1 || m > 12) m = 1;
    if (day < 1 || day > 31) day = 1;
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (double)(era * 146097 + doe - 719468);
}

static double y_of(double score)
{
    if (score < 0) score = 0;
    if (score > 100) score = 100;
    return Y0 - (Y0 - Y1) * score / 100.0;
}

void page_timeline(buf *out, const char *timeline_json, const char *film_key)
{
    json_t *tl = jv_load(timeline_json);
    if (!tl) return;
    json_t *points = json_object_get(tl, "points"), *p;
    size_t n = json_array_size(points), i;
    long undated = jv_int(tl, "undated");
    buf_puts(out, "<section class=\"timeline\" id=\"timeline\"><h2>Over time</h2>");
    if (!n) {
        buf_puts(out, "<p class=\"muted\">No review has a date to place it by.");
    } else {
        double d0 = day_of(jv_str(tl, "first")), d1 = day_of(jv_str(tl, "last"));
        double last_share = 0;
        jv_num(json_array_get(points, n - 1), "running_share", &last_share);
        buf_printf(
            out,
            "<svg class=\"timeline\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
            "role=\"img\" aria-labelledby=\"timeline-title timeline-desc\">",
            W, H, W, H);
        buf_puts(out, "<title id=\"timeline-title\">Reviews over time</title>"
                      "<desc id=\"timeline-desc\">");
        buf_printf(out, "%zu dated review%s from ", n, n == 1 ? "" : "s");
        html_esc(out, jv_str(tl, "first"));
        buf_puts(out, " to ");
        html_esc(out, jv_str(tl, "last"));
        buf_printf(out,
                   ", each a point at its date and score (0 to 100); the line is the "
                   "share of positive reviews so far, ending at %.0f%%.</desc>",
                   last_share);
        /* axes: scores 0, 50, 100 and the line a positive verdict starts at */
        for (int s = 0; s <= 100; s += 50)
            buf_printf(out,
                       "<line x1=\"%.0f\" y1=\"%.1f\" x2=\"%.0f\" y2=\"%.1f\" "
                       "stroke=\"#dadce0\"/><text x=\"%.0f\" y=\"%.1f\" font-size=\"10\" "
                       "text-anchor=\"end\" fill=\"#5f6368\">%d</text>",
                       X0, y_of(s), X1, y_of(s), X0 - 6, y_of(s) + 3, s);
        buf_printf(
            out,
            "<line x1=\"%.0f\" y1=\"%.1f\" x2=\"%.0f\" y2=\"%.1f\" stroke=\"#9aa0a6\" "
            "stroke-dasharray=\"4 3\"/>",
            X0, y_of(REEL_POSITIVE_THRESHOLD), X1, y_of(REEL_POSITIVE_THRESHOLD));
        buf_printf(out, "<text x=\"%.0f\" y=\"%.0f\" font-size=\"10\" fill=\"#5f6368\">",
                   X0, Y0 + 18);
        html_esc(out, jv_str(tl, "first"));
        buf_printf(out,
                   "</text><text x=\"%.0f\" y=\"%.0f\" font-size=\"10\" "
                   "text-anchor=\"end\" fill=\"#5f6368\">",
                   X1, Y0 + 18);
        html_esc(out, jv_str(tl, "last"));
        buf_puts(out, "</text>");
        /* x of each point: its day, or the middle when all share one */
        double *xs = malloc(n * sizeof *xs);
        if (!xs) {
            out->oom = 1;
            json_decref(tl);
            return;
        }
        json_array_foreach(points, i, p)
        {
            double d = day_of(jv_str(p, "date"));
            xs[i] = d1 > d0 ? X0 + (X1 - X0) * (d - d0) / (d1 - d0) : (X0 + X1) / 2;
        }
        buf_puts(out, "<polyline class=\"share\" fill=\"none\" stroke=\"#1a73e8\" "
                      "stroke-width=\"2\" points=\"");
        json_array_foreach(points, i, p)
        {
            double s = 0;
            jv_num(p, "running_share", &s);
            buf_printf(out, "%s%.1f,%.1f", i ? " " : "", xs[i], y_of(s));
        }
        buf_puts(out, "\"><title>share positive so far</title></polyline>");
        json_array_foreach(points, i, p)
        {
            double s = 0, share = 0;
            jv_num(p, "score", &s);
            jv_num(p, "running_share", &share);
            const char *verdict = jv_str(p, "verdict");
            int pos = verdict && !strcmp(verdict, "positive");
            buf_puts(out, "<circle class=\"point\" data-date=\"");
            html_esc(out, jv_str(p, "date"));
            buf_printf(out,
                       "\" data-score=\"%.0f\" cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" "
                       "fill=\"%s\"><title>",
                       s, xs[i], y_of(s), pos ? "#1e6b35" : "#a3361f");
            html_esc(out, jv_str(p, "date"));
            buf_puts(out, ": ");
            html_esc(out, jv_str(p, "outlet") ? jv_str(p, "outlet") : article_name(p));
            if (jv_str(p, "author")) {
                buf_puts(out, ", ");
                html_esc(out, jv_str(p, "author"));
            }
            buf_printf(out, ", %.0f (%s); %.0f%% positive so far</title></circle>", s,
                       pos ? "positive" : "negative", share);
        }
        free(xs);
        buf_puts(out, "</svg><p class=\"muted\">Points: each review's score on its date "
                      "(green positive, red negative); line: the share positive so far; "
                      "dashed: where a positive verdict starts.");
    }
    if (undated > 0)
        buf_printf(out, " %ld review%s without a date %s not placed.", undated,
                   undated == 1 ? "" : "s", undated == 1 ? "is" : "are");
    if (film_key) {
        buf_puts(out, " <a href=\"/api/films/");
        http_encode_segment(out, film_key);
        buf_puts(out, "/timeline\">As JSON</a>.");
    }
    buf_puts(out, "</p></section>");
    json_decref(tl);
}
