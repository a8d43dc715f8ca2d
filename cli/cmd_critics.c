/* cmd_critics.c — `reel critics [QUERY]`, `reel critic NAME`, `reel outlets
 * [QUERY]`, `reel outlet NAME`: the critics and outlets of the stored
 * reviews, each with their average, spread and agreement with each film's
 * consensus (reel_store_critics and friends; docs/api.md says how each
 * figure is made). --json prints the library's JSON as it is.
 */
#include "render.h"
#include "width.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    int outlets; /* the outlet commands */
    const char *arg, *sort;
    int limit, offset;
} people_args;

/* "72.5" or "-" when there is none. */
static const char *num_cell(char *b, size_t n, json_t *v, const char *fmt)
{
    if (json_is_number(v))
        snprintf(b, n, fmt, json_number_value(v));
    else
        snprintf(b, n, "-");
    return b;
}

/* "61% of 23" or "-". */
static const char *agreement_cell(char *b, size_t n, json_t *o)
{
    json_t *a = json_object_get(o, "agreement");
    if (!json_is_number(a)) return snprintf(b, n, "-"), b;
    snprintf(b, n, "%.0f%% of %d", 100.0 * json_number_value(a),
             (int)json_integer_value(json_object_get(o, "compared")));
    return b;
}

static int list_query(reel_store *st, char **out, void *arg)
{
    people_args *a = arg;
    return a->outlets ? reel_store_outlets(out, st, a->arg, a->sort, a->limit, a->offset)
                      : reel_store_critics(out, st, a->arg, a->sort, a->limit, a->offset);
}

static void list_render(FILE *out, json_t *answer, void *arg)
{
    people_args *a = arg;
    json_t *rows = json_object_get(answer, a->outlets ? "outlets" : "critics"), *r;
    size_t i;
    if (json_array_size(rows) == 0) {
        fprintf(out, "no %s\n", a->outlets ? "outlets" : "critics");
        return;
    }
    /* 80 columns: name 30, reviews 7, average 7, spread 6, agreement 12, and
     * the critic's outlet (or the outlet's critics) in what is left */
    cli_put_cols(out, a->outlets ? "outlet" : "critic", 30, 1);
    fprintf(out, " %7s %7s %6s %-12s %s\n", "reviews", "average", "spread", "agreement",
            a->outlets ? "critics" : "outlet");
    json_array_foreach(rows, i, r)
    {
        char avg[16], sd[16], ag[32];
        cli_put_cols(out, cli_text_or(r, "name", "?"), 30, 1);
        fprintf(out, " %7d %7s %6s %-12s ",
                (int)json_integer_value(json_object_get(r, "reviews")),
                num_cell(avg, sizeof avg, json_object_get(r, "average"), "%.1f"),
                num_cell(sd, sizeof sd, json_object_get(r, "stddev"), "%.1f"),
                agreement_cell(ag, sizeof ag, r));
        if (a->outlets)
            fprintf(out, "%d\n",
                    (int)json_integer_value(json_object_get(r, "n_critics")));
        else {
            cli_put_cols(out, cli_text_or(r, "outlet", ""), 14, 0);
            fputc('\n', out);
        }
    }
    json_int_t total = json_integer_value(json_object_get(answer, "total"));
    if ((size_t)total > json_array_size(rows))
        fprintf(out, "(%zu of %lld; --limit/--offset for more)\n", json_array_size(rows),
                (long long)total);
}

static int one_query(reel_store *st, char **out, void *arg)
{
    people_args *a = arg;
    return a->outlets ? reel_store_outlet(out, st, a->arg, a->limit, a->offset)
                      : reel_store_critic(out, st, a->arg, a->limit, a->offset);
}

/* One review line: score, verdict against the consensus, film, byline. */
static void review_line(FILE *out, json_t *r, int outlets)
{
    char sc[16];
    const char *agrees = json_is_true(json_object_get(r, "agrees"))    ? "agrees"
                         : json_is_false(json_object_get(r, "agrees")) ? "differs"
                                                                       : "";
    fprintf(out, "  %-10s %4s %-3s %-8s ", cli_text_or(r, "date", ""),
            num_cell(sc, sizeof sc, json_object_get(r, "score100"), "%.0f"),
            !strcmp(cli_text_or(r, "source", ""), "explicit") ? "" : "(p)", agrees);
    char film[512];
    json_t *y = json_object_get(r, "year");
    if (json_is_integer(y))
        snprintf(film, sizeof film, "%s (%d)", cli_text_or(r, "title", "?"),
                 (int)json_integer_value(y));
    else
        snprintf(film, sizeof film, "%s", cli_text_or(r, "title", "?"));
    cli_put_cols(out, film, 32, 1);
    fputc(' ', out);
    cli_put_cols(out, cli_text_or(r, outlets ? "critic" : "outlet", ""), 18, 0);
    fputc('\n', out);
}

static void one_render(FILE *out, json_t *p, void *arg)
{
    people_args *a = arg;
    char avg[16], sd[16], ag[32];
    fprintf(out, "%s\n", cli_text_or(p, "name", "?"));
    fprintf(out, "  reviews %d (%d scored), average %s, spread %s, positive %s\n",
            (int)json_integer_value(json_object_get(p, "reviews")),
            (int)json_integer_value(json_object_get(p, "scored")),
            num_cell(avg, sizeof avg, json_object_get(p, "average"), "%.1f"),
            num_cell(sd, sizeof sd, json_object_get(p, "stddev"), "%.1f"),
            json_is_number(json_object_get(p, "positive"))
                ? (snprintf(ag, sizeof ag, "%.0f%%",
                            100.0 * json_number_value(json_object_get(p, "positive"))),
                   ag)
                : "-");
    fprintf(out, "  agrees with the consensus: %s (%d of %d films with one)\n",
            agreement_cell(ag, sizeof ag, p),
            (int)json_integer_value(json_object_get(p, "agreed")),
            (int)json_integer_value(json_object_get(p, "compared")));
    json_t *others = json_object_get(p, a->outlets ? "critics" : "outlets"), *o;
    size_t i;
    if (json_array_size(others)) {
        fprintf(out, "  %s:", a->outlets ? "critics" : "outlets");
        json_array_foreach(others, i, o)
        {
            if (i == 8) {
                fprintf(out, " and %zu more", json_array_size(others) - 8);
                break;
            }
            fprintf(out, "%s %s (%d)", i ? "," : "", cli_text_or(o, "name", "?"),
                    (int)json_integer_value(json_object_get(o, "reviews")));
        }
        fputc('\n', out);
    }
    static const char *const parts[] = {"highest", "lowest", "items"};
    static const char *const heads[] = {"rated highest", "rated lowest", "reviews"};
    for (int k = 0; k < 3; k++) {
        json_t *rs = json_object_get(p, parts[k]), *r;
        if (!json_array_size(rs)) continue;
        fprintf(out, "\n%s%s:\n", heads[k], k == 2 ? ", newest first" : "");
        json_array_foreach(rs, i, r) review_line(out, r, a->outlets);
    }
    json_int_t total = json_integer_value(json_object_get(p, "reviews")),
               off = json_integer_value(json_object_get(p, "offset"));
    size_t shown = json_array_size(json_object_get(p, "items"));
    if (off + (json_int_t)shown < total)
        fprintf(out, "(%zu of %lld reviews; --limit/--offset for more)\n", shown,
                (long long)total);
}

static int run(int argc, char **argv, int outlets, int one)
{
    cli_common c;
    cli_common_defaults(&c);
    const char *pos[1];
    int npos, rc;
    json_t *opts = json_object();
    static const char *const valued_list[] = {"sort", "limit", "offset", NULL};
    static const char *const valued_one[] = {"limit", "offset", NULL};
    /* --csv: the list's rows, or one critic's (outlet's) page of reviews */
    c.csv_rows = one ? "items" : outlets ? "outlets" : "critics";
    if ((rc = cli_parse(argc, argv, &c, pos, 1, &npos, one ? valued_one : valued_list,
                        NULL, opts)) == 0) {
        people_args a = {outlets, npos ? pos[0] : NULL,
                         json_string_value(json_object_get(opts, "sort")), 50, 0};
        if (one && npos != 1) {
            fprintf(stderr,
                    "usage: reel %s NAME [--limit N] [--offset N] [--db FILE|URL] "
                    "[--json|--csv]\n",
                    argv[0]);
            rc = EXIT_USAGE;
        } else if ((rc = cli_count_opt(opts, argv[0], "limit", 1, one ? 20 : 50,
                                       &a.limit)) == 0 &&
                   (rc = cli_count_opt(opts, argv[0], "offset", 0, 0, &a.offset)) == 0) {
            rc = one ? cli_run_query(&c, one_query, one_render, &a)
                     : cli_run_query(&c, list_query, list_render, &a);
        }
    }
    json_decref(opts);
    return rc;
}

int cmd_critics(int argc, char **argv)
{
    return run(argc, argv, 0, 0);
}

int cmd_critic(int argc, char **argv)
{
    return run(argc, argv, 0, 1);
}

int cmd_outlets(int argc, char **argv)
{
    return run(argc, argv, 1, 0);
}

int cmd_outlet(int argc, char **argv)
{
    return run(argc, argv, 1, 1);
}
