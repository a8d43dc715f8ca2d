/* cmd_merge.c — `reel merge [--sorted] [--report] [FILE...]`: the reduce
 * side of a sharded run. Reads partial lines ("KEY<TAB>PARTIAL" or the bare
 * JSON) and records (each becomes its film's partial), merges those of the
 * same film, and writes one partial line per film in key order, or with
 * --report the film reports themselves (what `reel film --json` prints).
 * Input in any order is merged in memory (one partial per film); --sorted
 * says the input is grouped by key, as Hadoop gives a reducer, and then
 * only one film is held at a time. docs/scale.md shows it on Hadoop/Spark.
 */
#include "lines.h"
#include "partials.h"
#include "render.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    reel_ctx *ctx;
    int sorted, report;
    cli_pset set;      /* unsorted input: every film so far */
    reel_partial *cur; /* sorted input: the film being merged */
    char *cur_key;
    size_t films, bad, no_subject;
} merger;

static int emit(merger *m, const char *key, const reel_partial *p)
{
    m->films++;
    if (!m->report) return cli_partial_print(stdout, m->ctx, key, p);
    char *json = NULL;
    if (reel_partial_finalize(&json, m->ctx, p)) return -1;
    fputs(json, stdout);
    fputc('\n', stdout);
    free(json);
    return 0;
}

/* Grouped input: merge into the current film or start the next one. */
static int take_sorted(merger *m, const char *key, reel_partial *p, const cli_lines *L)
{
    int rc = -1;
    if (m->cur && !strcmp(key, m->cur_key)) {
        rc = reel_partial_merge(m->ctx, m->cur, p) ? -1 : 0;
        goto done;
    }
    if (m->cur && strcmp(key, m->cur_key) < 0) {
        reel_error(m->ctx, REEL_EINVAL,
                   "%s: line %zu: film '%s' after '%s': the input is not sorted by key; "
                   "run without --sorted",
                   L->path, L->line_no, key, m->cur_key);
        goto done;
    }
    if (m->cur && emit(m, m->cur_key, m->cur)) goto done;
    reel_partial_free(m->cur);
    free(m->cur_key);
    m->cur = p;
    p = NULL;
    m->cur_key = strdup(key);
    rc = m->cur_key ? 0 : reel_error(m->ctx, REEL_ENOMEM, "out of memory");
done:
    reel_partial_free(p);
    return rc;
}

/* One input line. 0, or -1 when the whole merge must stop. */
static int take(merger *m, const char *json, const cli_lines *L)
{
    json_error_t err;
    json_t *obj = json_loads(json, 0, &err);
    reel_partial *p = NULL;
    const char *key = NULL;
    int rc = 0, got;
    if (json_is_object(obj)) {
        got = cli_partial_of(m->ctx, obj, json, &p, &key);
    } else {
        reel_error(m->ctx, REEL_EFORMAT, "not a JSON object: %s", err.text);
        got = -1;
    }
    if (got < 0) {
        /* a bad line is that line's error; the others go on */
        fprintf(stderr, "reel: %s: line %zu: %s\n", cli_safe(L->path), L->line_no,
                reel_errmsg(m->ctx));
        m->bad++;
    } else if (got == 0) {
        m->no_subject++;
    } else if (m->sorted) {
        rc = take_sorted(m, key, p, L);
    } else {
        rc = cli_pset_add(&m->set, m->ctx, key, p);
    }
    json_decref(obj);
    return rc;
}

static int finish(merger *m)
{
    if (m->sorted) return m->cur ? emit(m, m->cur_key, m->cur) : 0;
    /* titles an article gives as one film's other title are one title */
    if (cli_pset_join(&m->set, m->ctx)) return -1;
    size_t *order = cli_pset_order(&m->set);
    int rc = order ? 0 : reel_error(m->ctx, REEL_ENOMEM, "out of memory");
    for (size_t i = 0; order && i < m->set.n && !rc; i++)
        rc = emit(m, m->set.keys[order[i]], m->set.items[order[i]]);
    free(order);
    return rc;
}

int cmd_merge(int argc, char **argv)
{
    cli_common c;
    cli_common_defaults(&c);
    merger m;
    memset(&m, 0, sizeof m);
    cli_pset_init(&m.set);
    cli_lines L;
    memset(&L, 0, sizeof L);
    const char **paths = calloc((size_t)argc + 1, sizeof *paths);
    json_t *opts = json_object();
    static const char *const flags[] = {"sorted", "report", NULL};
    int np = 0, rc = EXIT_FAIL;
    size_t lines = 0;
    if (!paths || !opts) goto done;
    if ((rc = cli_parse(argc, argv, &c, paths, argc, &np, NULL, flags, opts))) goto done;
    rc = EXIT_FAIL;
    m.sorted = json_object_get(opts, "sorted") != NULL;
    m.report = json_object_get(opts, "report") != NULL;
    if (reel_ctx_new(&m.ctx)) goto done; /* merging needs no model */
    cli_lines_open(&L, paths, np);
    char *json, *prefix;
    int failed = 0;
    while (!failed && cli_lines_next(&L, &json, &prefix)) {
        lines++;
        failed = take(&m, json, &L) != 0;
    }
    if (!failed) failed = finish(&m) != 0;
    if (failed) {
        fprintf(stderr, "reel: %s\n", reel_errmsg(m.ctx));
        goto done;
    }
    if (fflush(stdout) || ferror(stdout)) {
        fprintf(stderr, "reel: cannot write to standard output\n");
        goto done;
    }
    if (!c.quiet)
        fprintf(stderr,
                "reel: %zu line%s merged into %zu film%s (%zu record%s without a film, "
                "%zu error%s)\n",
                lines, cli_s(lines), m.films, cli_s(m.films), m.no_subject,
                cli_s(m.no_subject), m.bad + L.errors, cli_s(m.bad + L.errors));
    rc = m.bad + L.errors ? EXIT_PARTIAL : EXIT_OKAY;
done:
    reel_partial_free(m.cur);
    free(m.cur_key);
    cli_pset_free(&m.set);
    cli_lines_close(&L);
    reel_ctx_free(m.ctx);
    json_decref(opts);
    free(paths);
    return rc;
}
