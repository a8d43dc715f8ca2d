/* timeline.c — `reel film TITLE --timeline` for people: one line per dated
 * review (date, score, verdict, the running share positive, outlet and
 * critic), a sparkline of the running share, and how many reviews had no
 * date to place them by. The JSON (--json) and CSV (--csv) are the
 * library's (reel_store_film_timeline). */
#include "render.h"
#include "width.h"

#include <string.h>

/* The sparkline's eight steps, U+2581..U+2588. */
static const char *const bars[8] = {"\u2581", "\u2582", "\u2583", "\u2584",
                                    "\u2585", "\u2586", "\u2587", "\u2588"};
#define SPARK_MAX 60

void render_timeline(FILE *out, json_t *tl)
{
    json_t *film = json_object_get(tl, "film"), *points = json_object_get(tl, "points"),
           *p;
    long undated = (long)json_integer_value(json_object_get(tl, "undated"));
    size_t n = json_array_size(points), i;
    json_t *year = json_object_get(film, "year");
    fprintf(out, "%s", cli_safe(cli_text_or(film, "title", "?")));
    if (json_is_integer(year)) fprintf(out, " (%d)", (int)json_integer_value(year));
    if (!n) {
        fprintf(out, ": no dated reviews");
    } else {
        fprintf(out, ": %zu dated review%s, %s to %s", n, cli_s(n),
                cli_text_or(tl, "first", "?"), cli_text_or(tl, "last", "?"));
    }
    fprintf(out, "\n");
    if (n) {
        fprintf(out, "%-10s %5s %-8s %6s  ", "date", "score", "verdict", "share");
        cli_put_cols(out, "outlet / critic", 40, 0);
        fprintf(out, "\n");
    }
    json_array_foreach(points, i, p)
    {
        char who[512];
        const char *outlet = cli_text_or(p, "outlet", NULL),
                   *author = cli_text_or(p, "author", NULL);
        snprintf(who, sizeof who, "%s%s%s", outlet ? outlet : "",
                 outlet && author ? " / " : "", author ? author : (outlet ? "" : "-"));
        fprintf(out, "%-10s %5.0f %-8s %5.0f%%  ", cli_safe(cli_text_or(p, "date", "")),
                json_number_value(json_object_get(p, "score")),
                cli_text_or(p, "verdict", ""),
                json_number_value(json_object_get(p, "running_share")));
        cli_put_cols(out, cli_safe(who), 40, 0);
        fprintf(out, "\n");
    }
    if (n) {
        /* one bar per review, or per equal slice of them past SPARK_MAX */
        size_t w = n < SPARK_MAX ? n : SPARK_MAX;
        fprintf(out, "share positive over time: ");
        for (size_t k = 0; k < w; k++) {
            size_t at = (k + 1) * n / w - 1;
            double s = json_number_value(
                json_object_get(json_array_get(points, at), "running_share"));
            int b = (int)(s / 100.0 * 7.0 + 0.5);
            fputs(bars[b < 0 ? 0 : b > 7 ? 7 : b], out);
        }
        fprintf(out, " %.0f%%\n",
                json_number_value(
                    json_object_get(json_array_get(points, n - 1), "running_share")));
    }
    if (undated)
        fprintf(out, "%ld review%s without a date %s not on the timeline\n", undated,
                cli_s((size_t)undated), undated == 1 ? "is" : "are");
}

/* `reel films --sort first-review`: the date of each film's first review
 * leads, so the order can be read (80 columns: date 10, title 46, year 4,
 * reviews 7, score 5). */
void render_films_first(FILE *out, json_t *list)
{
    json_t *films = json_object_get(list, "films"), *f;
    size_t i;
    if (json_array_size(films) == 0) {
        fprintf(out, "no films\n");
        return;
    }
    fprintf(out, "%-10s  ", "first");
    cli_put_cols(out, "film", 46, 1);
    fprintf(out, " %4s %7s %5s\n", "year", "reviews", "score");
    json_array_foreach(films, i, f)
    {
        json_t *y = json_object_get(f, "year"), *sc = json_object_get(f, "critics_score");
        char yr[8] = "", score[16] = "  -";
        if (json_is_integer(y)) snprintf(yr, sizeof yr, "%d", (int)json_integer_value(y));
        if (json_is_number(sc))
            snprintf(score, sizeof score, "%3.0f", json_number_value(sc));
        fprintf(out, "%-10s  ", cli_safe(cli_text_or(f, "first_review", "-")));
        cli_put_cols(out, cli_safe(cli_text_or(f, "title", "?")), 46, 1);
        fprintf(out, " %4s %7d %5s\n", yr,
                (int)json_integer_value(json_object_get(f, "reviews")), score);
    }
    json_int_t total = json_integer_value(json_object_get(list, "total"));
    if ((size_t)total > json_array_size(films))
        fprintf(out, "(%zu of %lld; --limit/--offset for more)\n", json_array_size(films),
                (long long)total);
}
