/* render.c — the human-readable output of the query commands. The library
 * answers in JSON (the same the HTTP API serves); this file lays it out
 * for a terminal. --json prints the library's JSON untouched.
 */
#include "render.h"
#include "width.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* glibc's getopt_long over the common options and the command's own, so
 * "--limit=5" and "--limit 5" both work, as do unique prefixes ("--conf"),
 * and "--" ends the options (a title that starts with a dash). */
int cli_parse(int argc, char **argv, cli_common *c, const char **pos, int maxpos,
              int *npos, const char *const *valued, const char *const *flags,
              json_t *opts)
{
    enum { O_VALUED = 2000, O_FLAG = 3000 };
    static const struct option common[] = {CLI_COMMON_OPTIONS};
    struct option lo[48];
    size_t n = 0;
    for (size_t k = 0; k < sizeof common / sizeof *common; k++)
        lo[n++] = common[k];
    if (c->csv_rows) lo[n++] = (struct option){"csv", no_argument, NULL, CLI_OPT_CSV};
    for (int k = 0; valued && valued[k] && n < 46; k++)
        lo[n++] = (struct option){valued[k], required_argument, NULL, O_VALUED + k};
    for (int k = 0; flags && flags[k] && n < 47; k++)
        lo[n++] = (struct option){flags[k], no_argument, NULL, O_FLAG + k};
    lo[n] = (struct option){NULL, 0, NULL, 0};
    *npos = 0;
    optind = 1;
    opterr = 0;
    int ch;
    while ((ch = getopt_long(argc, argv, ":q", lo, NULL)) != -1) {
        if (cli_common_take(c, ch, optarg)) {
            continue;
        } else if (ch >= O_FLAG) {
            json_object_set_new(opts, flags[ch - O_FLAG], json_string("1"));
        } else if (ch >= O_VALUED) {
            json_object_set_new(opts, valued[ch - O_VALUED], json_string(optarg));
        } else {
            const char *a = argv[optind - 1];
            if (ch == ':')
                fprintf(stderr, "reel %s: %s needs a value\n", argv[0], cli_safe(a));
            else
                fprintf(stderr,
                        "reel %s: unknown option %s (reel %s --help lists them)\n",
                        argv[0], a, argv[0]);
            return EXIT_USAGE;
        }
    }
    if (c->csv && c->json) {
        fprintf(stderr, "reel %s: --csv and --json: choose one\n", argv[0]);
        return EXIT_USAGE;
    }
    for (int i = optind; i < argc; i++) {
        if (*npos >= maxpos) {
            fprintf(stderr, "reel %s: too many arguments (quote a title with spaces)\n",
                    argv[0]);
            return EXIT_USAGE;
        }
        pos[(*npos)++] = argv[i];
    }
    return 0;
}

int cli_count_opt(json_t *opts, const char *cmd, const char *name, long min, int dflt,
                  int *out)
{
    const char *v = json_string_value(json_object_get(opts, name));
    *out = dflt;
    if (!v) return 0;
    char *end = NULL;
    errno = 0;
    long n = strtol(v, &end, 10);
    if (!*v || *end || errno || n < min || n > INT_MAX) {
        fprintf(stderr, "reel %s: --%s must be a whole number of %ld or more, not '%s'\n",
                cmd, name, min, v);
        return EXIT_USAGE;
    }
    *out = (int)n;
    return 0;
}

int cli_fail(reel_ctx *ctx, int rc)
{
    fprintf(stderr, "reel: %s\n", reel_errmsg(ctx));
    if (rc == REEL_ENOTFOUND) return EXIT_NOTFOUND;
    if (rc == REEL_EAMBIGUOUS) return EXIT_AMBIGUOUS;
    if (rc == REEL_EINVAL) return EXIT_USAGE;
    return EXIT_FAIL;
}

/* The answer's list (c->csv_rows) as CSV on standard output. */
static int print_csv(reel_ctx *ctx, const cli_common *c, const char *json)
{
    json_t *answer = json_loads(json, 0, NULL);
    json_t *rows = json_object_get(answer, c->csv_rows);
    char *text = rows ? json_dumps(rows, JSON_COMPACT | JSON_ENCODE_ANY) : strdup("[]");
    char *csv = NULL;
    int rc = text ? reel_json_to_csv(&csv, ctx, text, c->csv_first) : REEL_ENOMEM;
    free(text);
    json_decref(answer);
    if (rc) return cli_fail(ctx, rc);
    fputs(csv, stdout);
    free(csv);
    return EXIT_OKAY;
}

int cli_run_query(const cli_common *c, cli_query_fn query, cli_render_fn render,
                  void *arg)
{
    int rc = EXIT_FAIL;
    reel_ctx *ctx = cli_ctx(c, 0);
    reel_store *st = ctx ? cli_store(ctx, c) : NULL;
    if (st) {
        char *json = NULL;
        int r = query(st, &json, arg);
        if (r) {
            rc = cli_fail(ctx, r);
        } else if (c->csv) {
            rc = print_csv(ctx, c, json);
        } else {
            json_t *j = c->json ? NULL : json_loads(json, 0, NULL);
            if (c->json)
                cli_print_json(json);
            else
                render(stdout, j, arg);
            json_decref(j);
            rc = EXIT_OKAY;
        }
        free(json);
    }
    reel_store_close(st);
    reel_ctx_free(ctx);
    return rc;
}

void cli_print_json(const char *json)
{
    fputs(json, stdout);
    fputc('\n', stdout);
}

const char *cli_str_or(json_t *o, const char *k, const char *dflt)
{
    json_t *v = json_object_get(o, k);
    return json_is_string(v) ? json_string_value(v) : dflt;
}

const char *cli_text_or(json_t *o, const char *k, const char *dflt)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s && *s ? s : dflt;
}

/* What to call an article: its title, else where it came from (its URL,
 * else its file's name), else its short id. */
static const char *display_title(json_t *a)
{
    const char *t = cli_str_or(a, "title", NULL);
    if (t && *t) return t;
    const char *u = cli_str_or(a, "url", NULL);
    if (u && *u) return u;
    const char *src = cli_str_or(a, "source", NULL);
    if (src && *src && strcmp(src, "-") != 0) {
        const char *slash = strrchr(src, '/');
        /* a URL as source (JSON lines, WARC) is shown whole */
        return slash && !strstr(src, "://") && slash[1] ? slash + 1 : src;
    }
    return "(untitled)";
}

/* Who said it: the outlet, else what the article is called in the
 * report's list (its title, URL or file name), else its short id. */
static const char *source_of(json_t *rep, json_t *q)
{
    static char shortid[16];
    const char *v = cli_str_or(q, "outlet", cli_str_or(q, "title", NULL));
    if (v) return v;
    const char *id = cli_str_or(q, "article", "");
    json_t *a;
    size_t i;
    json_array_foreach(json_object_get(rep, "articles"), i, a)
    {
        if (!strcmp(cli_str_or(a, "id", ""), id)) return display_title(a);
    }
    snprintf(shortid, sizeof shortid, "%.10s", id);
    return shortid;
}

static void score_cell(char *buf, size_t n, json_t *v)
{
    if (json_is_number(v))
        snprintf(buf, n, "%3.0f", json_number_value(v));
    else
        snprintf(buf, n, "  -");
}

void render_films(FILE *out, json_t *list)
{
    json_t *films = json_object_get(list, "films"), *f;
    size_t i;
    if (json_array_size(films) == 0) {
        fprintf(out, "no films\n");
        return;
    }
    /* 80 columns, counted in display width so accented and CJK titles
       line up: title 46, year 4, articles 8, reviews 7, score 5 */
    cli_put_cols(out, "film", 46, 1);
    fprintf(out, " %4s %8s %7s %5s\n", "year", "articles", "reviews", "score");
    json_array_foreach(films, i, f)
    {
        char sc[16], yr[8];
        score_cell(sc, sizeof sc, json_object_get(f, "critics_score"));
        json_t *y = json_object_get(f, "year");
        snprintf(yr, sizeof yr, "%s", "");
        if (json_is_integer(y)) snprintf(yr, sizeof yr, "%d", (int)json_integer_value(y));
        cli_put_cols(out, cli_str_or(f, "title", "?"), 46, 1);
        fprintf(out, " %4s %8d %7d %5s\n", yr,
                (int)json_integer_value(json_object_get(f, "articles")),
                (int)json_integer_value(json_object_get(f, "reviews")), sc);
    }
    json_int_t total = json_integer_value(json_object_get(list, "total"));
    if ((size_t)total > json_array_size(films))
        fprintf(out, "(%zu of %lld; --limit/--offset for more)\n", json_array_size(films),
                (long long)total);
}

/* The score column: a review's verdict, blank for other kinds (their tone
 * follows the title: it is the model's reading, not a critic's score). */
static void print_verdict(FILE *out, json_t *v)
{
    if (!json_is_object(v)) {
        fprintf(out, "        ");
        return;
    }
    fprintf(out, "%4.0f %-3s", json_number_value(json_object_get(v, "score100")),
            !strcmp(cli_str_or(v, "source", ""), "explicit") ? "" : "(p)");
}

/* The distribution in tens, each bar scaled to the film's largest bin
 * (any non-empty bin shows at least the lowest step), its count below. */
static void render_histogram(FILE *out, json_t *h)
{
    static const char *bars[] = {"\xE2\x96\x81", "\xE2\x96\x82", "\xE2\x96\x83",
                                 "\xE2\x96\x84", "\xE2\x96\x85", "\xE2\x96\x86",
                                 "\xE2\x96\x87", "\xE2\x96\x88"};
    json_t *b;
    size_t i;
    json_int_t max = 0;
    json_array_foreach(h, i, b) if (json_integer_value(b) > max) max =
        json_integer_value(b);
    fprintf(out, "  histogram");
    json_array_foreach(h, i, b) fprintf(out, "%5zu", i * 10);
    fprintf(out, "  (scores, in tens)\n           ");
    json_array_foreach(h, i, b)
    {
        json_int_t c = json_integer_value(b);
        if (c <= 0 || max <= 0) {
            fprintf(out, "    \xC2\xB7");
            continue;
        }
        json_int_t step = (c * 8 + max - 1) / max; /* 1..8 */
        fprintf(out, "   %s%s", bars[step - 1], bars[step - 1]);
    }
    fprintf(out, "\n           ");
    json_array_foreach(h, i, b) fprintf(out, "%5lld", (long long)json_integer_value(b));
    fprintf(out, "  reviews\n");
}

void render_film(FILE *out, json_t *rep, int conflicts_only, int facts_only)
{
    json_t *film = json_object_get(rep, "film");
    json_t *y = json_object_get(film, "year");
    fprintf(out, "%s", cli_str_or(film, "title", "?"));
    if (json_is_integer(y)) fprintf(out, " (%d)", (int)json_integer_value(y));
    fprintf(out, "\n");
    json_t *counts = json_object_get(rep, "counts");
    json_t *r = json_object_get(rep, "reception");
    if (!facts_only) {
        int na = (int)json_integer_value(json_object_get(counts, "articles"));
        int nr = (int)json_integer_value(json_object_get(counts, "review"));
        int ni = (int)json_integer_value(json_object_get(counts, "interview"));
        fprintf(out, "  %d article%s: %d review%s, %d interview%s, %d news, %d other\n",
                na, na == 1 ? "" : "s", nr, nr == 1 ? "" : "s", ni, ni == 1 ? "" : "s",
                (int)json_integer_value(json_object_get(counts, "news")),
                (int)json_integer_value(json_object_get(counts, "other")));
        json_t *cs = json_object_get(r, "critics_score");
        if (json_is_number(cs)) {
            fprintf(
                out,
                "  critics' score %.0f/100 from %d review%s (%d explicit, %d "
                "predicted)\n",
                json_number_value(cs),
                (int)json_integer_value(json_object_get(r, "reviews_scored")),
                cli_s((size_t)json_integer_value(json_object_get(r, "reviews_scored"))),
                (int)json_integer_value(json_object_get(r, "explicit")),
                (int)json_integer_value(json_object_get(r, "predicted")));
            int weighed = (int)json_integer_value(json_object_get(r, "weighed"));
            fprintf(out, "  positive %.0f%% (%d at score >= %.0f",
                    json_number_value(json_object_get(r, "positive_share")),
                    (int)json_integer_value(json_object_get(r, "positive")),
                    json_number_value(json_object_get(r, "threshold")));
            if (weighed)
                fprintf(out, "; %d uncertain verdict%s weighed", weighed,
                        weighed == 1 ? "" : "s");
            fprintf(out, ")\n  spread: sd %.1f, IQR %.1f, median %.0f\n",
                    json_number_value(json_object_get(r, "stddev")),
                    json_number_value(json_object_get(r, "iqr")),
                    json_number_value(json_object_get(r, "median")));
            render_histogram(out, json_object_get(r, "histogram"));
        } else {
            fprintf(out, "  no review verdicts yet\n");
        }
        json_t *cons = json_object_get(rep, "consensus"), *q;
        size_t i;
        if (json_array_size(cons)) {
            fprintf(out, "\nconsensus\n");
            json_array_foreach(cons, i, q)
                fprintf(out, "  %s [%s]\n", cli_str_or(q, "text", ""), source_of(rep, q));
        }
        json_t *pq = json_object_get(rep, "pull_quotes");
        if (json_array_size(pq)) {
            fprintf(out, "\npull quotes\n");
            json_array_foreach(pq, i, q) fprintf(
                out, "  \"%s\" — %s\n", cli_str_or(q, "text", ""), source_of(rep, q));
        }
    }
    json_t *facts = json_object_get(rep, "facts"), *f;
    size_t i;
    if (json_array_size(facts)) {
        fprintf(out, "\nfacts%s\n", conflicts_only ? " in dispute" : "");
        json_array_foreach(facts, i, f)
        {
            int conflict = json_is_true(json_object_get(f, "conflict"));
            if (conflicts_only && !conflict) continue;
            const char *pred = cli_str_or(f, "predicate", "");
            const char *q = cli_str_or(f, "qualifier", NULL);
            /* how the qualifier reads: the character, what a date is of,
             * the place, who won, whose nationality */
            const char *join = !strcmp(pred, "cast") ? " as " : " (";
            const char *close = !strcmp(pred, "cast") ? "" : ")";
            if (!strcmp(pred, "award") || !strcmp(pred, "nomination")) join = " (to ";
            if (!strcmp(pred, "nationality")) join = " (of ";
            json_int_t support = json_integer_value(json_object_get(f, "support"));
            fprintf(out, "  %s %-16s %s%s%s%s", conflict ? "!" : " ", pred,
                    cli_str_or(f, "value", ""), q ? join : "", q ? q : "",
                    q ? close : "");
            json_t *maj = json_object_get(f, "majority");
            if (conflict && maj) {
                json_int_t ms = json_integer_value(json_object_get(maj, "support"));
                fprintf(out, "  (%d of %d sources%s)\n", (int)ms, (int)support,
                        json_is_true(json_object_get(f, "tie")) ? ", a tie" : "");
            } else {
                fprintf(out, "  (%d source%s)\n", (int)support, support == 1 ? "" : "s");
            }
            const char *what = cli_str_or(f, "disputed", "value");
            json_t *alts = json_object_get(f, "dissent"), *a;
            size_t j;
            json_array_foreach(alts, j, a)
            {
                json_int_t as = json_integer_value(json_object_get(a, "support"));
                fprintf(out, "      vs %s%s  (%d source%s)\n",
                        !strcmp(what, "qualifier") && !strcmp(pred, "cast") ? "as " : "",
                        cli_str_or(a, "value", ""), (int)as, as == 1 ? "" : "s");
            }
        }
    } else if (facts_only) {
        fprintf(out, "  %s\n", conflicts_only ? "no facts in dispute" : "no facts");
    }
    if (facts_only) return;
    json_t *arts = json_object_get(rep, "articles"), *a;
    json_t *total = json_object_get(rep, "articles_total");
    if (json_is_integer(total)) {
        /* a page of them, or the first of a large film's (docs/api.md) */
        json_int_t from = json_integer_value(json_object_get(rep, "articles_offset"));
        fprintf(out, "\narticles %lld-%lld of %lld (--limit N --offset N for others)\n",
                (long long)(json_array_size(arts) ? from + 1 : from),
                (long long)from + (long long)json_array_size(arts),
                (long long)json_integer_value(total));
    } else {
        fprintf(out, "\narticles\n");
    }
    int tones = 0;
    json_array_foreach(arts, i, a)
    {
        fprintf(out, "  %-9s ", cli_str_or(a, "kind", ""));
        print_verdict(out, json_object_get(a, "verdict"));
        const char *outlet = cli_str_or(a, "outlet", NULL);
        const char *tone = cli_str_or(json_object_get(a, "tone"), "label", NULL);
        char line[1024], tail[64] = "";
        snprintf(line, sizeof line, "%s%s%s", outlet ? outlet : "", outlet ? ": " : "",
                 display_title(a));
        if (tone) snprintf(tail, sizeof tail, "  tone: %s", tone), tones++;
        /* one line of 80 columns: 32 before the title, the tone after it */
        fprintf(out, " %.10s  ", cli_str_or(a, "id", ""));
        cli_put_cols(out, line, 80 - 33 - cli_width(tail), 0);
        fprintf(out, "%s\n", tail);
    }
    fprintf(
        out, "  (p) = predicted from the text; the rest are the critics' own scores%s\n",
        tones ? ";\n  tone = what the model reads in a piece that is not a review (no "
                "verdict)"
              : "");
}

void render_article(FILE *out, json_t *rec)
{
    fprintf(out, "%s\n", display_title(rec));
    fprintf(out, "  id      %s\n  source  %s\n", cli_str_or(rec, "id", ""),
            cli_str_or(rec, "source", ""));
    const char *fields[] = {"outlet", "author", "date", "url", NULL};
    for (const char **k = fields; *k; k++)
        if (cli_str_or(rec, *k, NULL))
            fprintf(out, "  %-7s %s\n", *k, cli_str_or(rec, *k, ""));
    json_t *kind = json_object_get(rec, "kind");
    fprintf(out, "  kind    %s (%.2f)\n", cli_str_or(kind, "label", ""),
            json_number_value(json_object_get(kind, "confidence")));
    if (cli_str_or(rec, "language", NULL))
        fprintf(out, "  lang    %s\n", cli_str_or(rec, "language", ""));
    json_t *na = json_object_get(rec, "not_analysed"), *w;
    size_t wi;
    if (json_is_object(na)) {
        /* what was not read, so a missing verdict is not taken for the model's */
        fprintf(out, "  not analysed");
        json_array_foreach(json_object_get(na, "analyzers"), wi, w)
            fprintf(out, "%s%s", wi ? ", " : " ", json_string_value(w));
        fprintf(out, " (%s)\n", cli_str_or(na, "reason", ""));
    }
    json_t *subj = json_object_get(rec, "subject");
    if (json_is_object(subj))
        fprintf(out, "  film    %s\n", cli_str_or(subj, "title", ""));
    json_t *sc = json_object_get(rec, "score");
    if (json_is_object(sc))
        fprintf(out, "  score   %s = %.0f/100 (%s)\n", cli_str_or(sc, "raw", ""),
                json_number_value(json_object_get(sc, "score100")),
                cli_str_or(sc, "form", ""));
    json_t *se = json_object_get(rec, "sentiment"), *tone = json_object_get(rec, "tone");
    if (json_is_object(tone))
        fprintf(out, "  tone    %s (P(positive) %.2f; not a review: no verdict)\n",
                cli_str_or(tone, "label", ""),
                json_number_value(json_object_get(tone, "prob_positive")));
    else if (json_is_object(se))
        fprintf(out, "  model   %.0f/100 (P(positive) %.2f)\n",
                json_number_value(json_object_get(se, "score100")),
                json_number_value(json_object_get(se, "prob_positive")));
    fprintf(out, "\n%s\n", cli_str_or(rec, "text", ""));
}

/* A piece of a snippet on one line: line breaks and runs of blanks as one
 * space (a snippet may span paragraphs). *blank carries across pieces. */
static void put_flat(FILE *out, const char *s, size_t n, int *blank)
{
    for (size_t i = 0; i < n; i++) {
        int sp = s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t';
        if (sp && *blank) continue;
        fputc(sp ? ' ' : s[i], out);
        *blank = sp;
    }
}

void render_search(FILE *out, json_t *res)
{
    json_t *hits = json_object_get(res, "hits"), *h;
    size_t i;
    json_int_t total = json_integer_value(json_object_get(res, "total"));
    fprintf(out, "%lld article%s match%s\n", (long long)total, cli_s((size_t)total),
            total == 1 ? "es" : "");
    json_array_foreach(hits, i, h)
    {
        fprintf(out, "  %.10s  %s  [%s]\n", cli_str_or(h, "id", ""), display_title(h),
                cli_str_or(h, "kind", ""));
        /* matches in bold on a terminal, in [brackets] elsewhere */
        const char *sn = cli_str_or(h, "snippet", "");
        json_t *hl = json_object_get(h, "highlights");
        int tty = isatty(fileno(out));
        size_t pos = 0, k = 0, len = strlen(sn);
        int blank = 1;
        fprintf(out, "      ");
        while (pos < len) {
            json_t *r = json_array_get(hl, k);
            size_t a = r ? (size_t)json_integer_value(json_array_get(r, 0)) : len;
            size_t b = r ? (size_t)json_integer_value(json_array_get(r, 1)) : len;
            if (a > len) a = len;
            if (b > len) b = len;
            if (b < a) b = a;
            put_flat(out, sn + pos, a > pos ? a - pos : 0, &blank);
            if (r) {
                fputs(tty ? "\033[1m" : "[", out);
                put_flat(out, sn + a, b - a, &blank);
                fputs(tty ? "\033[0m" : "]", out);
                blank = 0;
            }
            pos = b > pos ? b : len;
            k++;
        }
        fputc('\n', out);
    }
}
