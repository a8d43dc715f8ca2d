/* cmd_film.c — `reel film TITLE [--limit N] [--offset N] [--timeline]`
 * (the report, its article list paged when asked, or its reviews over
 * time) and `reel facts TITLE [--conflicts]` (the reconciled facts, or
 * only the disputed ones); --csv gives the list of each as CSV. A title
 * matches any of its variants ("Pain & Glory" = "Pain and Glory (2019)"). */
#include "render.h"

#include <stdlib.h>

typedef struct {
    const char *title;
    int facts, conflicts, json, timeline;
    int limit, offset; /* -1: the report as stored */
} film_args;

/* A title that fits several films: the list of them on standard output,
 * each with the name that asks for it ("Dune (2021)"). */
static void list_films(const char *json, int as_json)
{
    json_t *o = json_loads(json, 0, NULL), *f;
    size_t i;
    if (as_json) {
        cli_print_json(json);
    } else {
        json_array_foreach(json_object_get(o, "films"), i, f)
        {
            printf("%-40s %3d articles  %3d reviews\n",
                   json_string_value(json_object_get(f, "name")),
                   (int)json_integer_value(json_object_get(f, "articles")),
                   (int)json_integer_value(json_object_get(f, "reviews")));
        }
    }
    json_decref(o);
}

/* The film's report; for `facts`, only its film and (disputed) facts. */
static int query(reel_store *st, char **out, void *arg)
{
    film_args *a = arg;
    int rc = a->timeline ? reel_store_film_timeline(out, st, a->title)
             : a->limit >= 0 || a->offset >= 0
                 ? reel_store_film_page(out, st, a->title, a->limit > 0 ? a->limit : 100,
                                        a->offset >= 0 ? a->offset : 0)
                 : reel_store_film(out, st, a->title);
    if (rc == REEL_EAMBIGUOUS && *out) {
        list_films(*out, a->json);
        free(*out);
        *out = NULL;
    }
    if (rc || !a->facts) return rc;
    json_t *rep = json_loads(*out, 0, NULL), *keep = json_array(), *f;
    size_t i;
    json_array_foreach(json_object_get(rep, "facts"), i, f)
    {
        if (!a->conflicts || json_is_true(json_object_get(f, "conflict")))
            json_array_append(keep, f);
    }
    json_t *o =
        json_pack("{s:O,s:o}", "film", json_object_get(rep, "film"), "facts", keep);
    free(*out);
    *out =
        o ? json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS | JSON_REAL_PRECISION(12)) : NULL;
    json_decref(o);
    json_decref(rep);
    return *out ? 0 : REEL_ENOMEM;
}

static void render(FILE *out, json_t *answer, void *arg)
{
    film_args *a = arg;
    if (a->timeline)
        render_timeline(out, answer);
    else
        render_film(out, answer, a->conflicts, a->facts);
}

static int film_or_facts(int argc, char **argv, int facts)
{
    cli_common c;
    cli_common_defaults(&c);
    const char *pos[1];
    int npos, rc;
    json_t *opts = json_object();
    static const char *const flags[] = {"conflicts", NULL};
    static const char *const film_flags[] = {"timeline", NULL};
    static const char *const valued[] = {"limit", "offset", NULL};
    static const char *const first[] = {"id",   "title", "outlet", "author",
                                        "date", "kind",  NULL};
    static const char *const fact_first[] = {"predicate", "value", NULL};
    c.csv_rows = facts ? "facts" : "articles";
    c.csv_first = facts ? fact_first : first;
    if ((rc = cli_parse(argc, argv, &c, pos, 1, &npos, facts ? NULL : valued,
                        facts ? flags : film_flags, opts)) == 0) {
        if (npos != 1) {
            fprintf(stderr, "usage: reel %s [--db FILE] [--json]%s TITLE\n", argv[0],
                    facts ? " [--conflicts]" : "");
            rc = EXIT_USAGE;
        } else {
            film_args a = {pos[0],
                           facts,
                           json_object_get(opts, "conflicts") != NULL,
                           c.json,
                           json_object_get(opts, "timeline") != NULL,
                           -1,
                           -1};
            if (a.timeline) {
                c.csv_rows = "points";
                c.csv_first = NULL;
                if (json_object_get(opts, "limit") || json_object_get(opts, "offset")) {
                    fprintf(stderr, "reel film: --timeline lists every review; no "
                                    "--limit or --offset\n");
                    rc = EXIT_USAGE;
                }
            }
            if (!rc && !facts && json_object_get(opts, "limit"))
                rc = cli_count_opt(opts, argv[0], "limit", 1, 100, &a.limit);
            if (!rc && !facts && json_object_get(opts, "offset"))
                rc = cli_count_opt(opts, argv[0], "offset", 0, 0, &a.offset);
            if (!rc) rc = cli_run_query(&c, query, render, &a);
        }
    }
    json_decref(opts);
    return rc;
}

int cmd_film(int argc, char **argv)
{
    return film_or_facts(argc, argv, 0);
}
int cmd_facts(int argc, char **argv)
{
    return film_or_facts(argc, argv, 1);
}
