/* train_data.c — reading the labelled sets of ../shared/data the
 * sentiment model is trained on (zlib's gzopen reads the .gz and the plain
 * TSVs alike), the IMDB dev split held out by film, and rt-dev's printed
 * scores on 0-100 (reel_score_parse, docs/scores.md) to calibrate the
 * model's 0-100. Public (reel_train_rows_*): `reel train`, `reel train
 * names` and the benchmark read the same rows.
 */
#include "sentiment.h"

#include <math.h>
#include <zlib.h>

const char *reel_train_set_name(reel_train_set set)
{
    static const char *const names[] = {"imdb", "polarity2k", "mr", "rt-dev"};
    return set < REEL_TRAIN_SETS ? names[set] : "?";
}

const char *reel_train_set_file(reel_train_set set)
{
    static const char *const files[] = {"imdb_train.tsv.gz", "polarity2k.tsv", "mr.tsv",
                                        "rt-dev/rt_critics.tsv"};
    return set < REEL_TRAIN_SETS ? files[set] : "?";
}

void reel_train_rows_free(reel_train_rows *r)
{
    if (!r) return;
    for (size_t i = 0; i < r->n; i++) {
        free(r->rows[i].text);
        free(r->rows[i].film);
    }
    free(r->rows);
    memset(r, 0, sizeof *r);
}

/* A printed critic score ("3/4", "7/10", "B+") on 0-100 by reel's table
 * (reel_score_parse), or -1 when it is not one. A letter grade counts its
 * grade points on 0-100 (A+ 4.3 = 100, B- 63, C+ 53, F 0), not its school
 * score100 (C+ 77): the calibration maps margins onto the scale whose
 * REEL_POSITIVE_THRESHOLD (60) is the verdict line, and on the school table
 * every rotten grade but F sits above it (docs/scores.md, "Letter grades");
 * on grade points B- and up, the positive grades, are exactly those >= 60. */
static double printed_score100(const char *s)
{
    reel_score sc;
    if (reel_score_parse(&sc, s, strlen(s)) != 0) return -1;
    double v = sc.score100;
    if (sc.form && strcmp(sc.form, "letter") == 0) v = round(sc.value / 4.3 * 100.0);
    free(sc.raw);
    return v;
}

/* Read one whole line (any length) with gzgets; NULL at the end. */
static char *read_line(gzFile f, char **bufp, size_t *capp)
{
    size_t len = 0;
    for (;;) {
        if (*capp - len < 2) {
            size_t cap = *capp ? *capp * 2 : 65536;
            char *p = realloc(*bufp, cap);
            if (!p) return NULL;
            *bufp = p;
            *capp = cap;
        }
        if (!gzgets(f, *bufp + len, (int)(*capp - len))) return len ? *bufp : NULL;
        len += strlen(*bufp + len);
        if (len && (*bufp)[len - 1] == '\n') {
            (*bufp)[--len] = 0;
            return *bufp;
        }
    }
}

/* Split a TSV line in place into at most `max` fields. */
static int split_tab(char *line, char **f, int max)
{
    int n = 0;
    f[n++] = line;
    for (char *p = line; *p && n < max; p++)
        if (*p == '\t') {
            *p = 0;
            f[n++] = p + 1;
        }
    return n;
}

/* IMDB keeps the HTML line breaks of the original; they are not words. */
static char *dup_text(const char *s, size_t *out_len)
{
    size_t n = strlen(s);
    char *t = malloc(n + 1);
    if (!t) return NULL;
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        if (s[i] == '<' &&
            (strncmp(s + i, "<br />", 6) == 0 || strncmp(s + i, "<br/>", 5) == 0 ||
             strncmp(s + i, "<br>", 4) == 0)) {
            i += s[i + 3] == '>' ? 4 : s[i + 3] == '/' ? 5 : 6;
            t[k++] = ' ';
            continue;
        }
        t[k++] = s[i++];
    }
    t[k] = 0;
    *out_len = k;
    return t;
}

int reel_train_rows_load(reel_train_rows *r, reel_ctx *ctx, const char *dir,
                         reel_train_set set)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, reel_train_set_file(set));
    gzFile f = gzopen(path, "rb");
    char *line = NULL;
    size_t cap = 0, lineno = 0, in_class[2] = {0, 0};
    int rc = REEL_EIO;
    if (!f) {
        reel_error(ctx, REEL_EIO,
                   "%s: cannot open (is ../shared/data there? use --data DIR)", path);
        goto done;
    }
    gzbuffer(f, 1 << 20);
    while (read_line(f, &line, &cap)) {
        char *fl[8];
        lineno++;
        int nf = split_tab(line, fl, set == REEL_TRAIN_RT ? 8 : 3);
        reel_train_row row = {.set = set, .score = -1};
        const char *text;
        if (set == REEL_TRAIN_RT) {
            if (nf < 8) goto bad;
            if (!fl[7][0]) continue; /* no quote: nothing to learn from */
            row.label = atoi(fl[4]) == 1;
            row.score = printed_score100(fl[5]);
            row.film = strdup(fl[0]);
            if (!row.film) goto oom;
            text = fl[7];
        } else {
            if (nf < 3 || (fl[0][0] != '0' && fl[0][0] != '1')) goto bad;
            row.label = fl[0][0] == '1';
            if (set == REEL_TRAIN_IMDB) {
                int rating = atoi(fl[1]);
                if (rating < 1 || rating > 10) goto bad;
                row.score = (rating - 1) * 100.0 / 9.0;
            } else {
                row.fold = atoi(fl[1]);
            }
            text = fl[2];
        }
        row.idx = in_class[row.label]++;
        row.text = dup_text(text, &row.len);
        if (!row.text) goto oom;
        if (r->n == r->cap) {
            size_t nc = r->cap ? r->cap * 2 : 4096;
            reel_train_row *p = realloc(r->rows, nc * sizeof *p);
            if (!p) goto oom;
            r->rows = p;
            r->cap = nc;
        }
        r->rows[r->n++] = row;
        continue;
    bad:
        rc = reel_error(ctx, REEL_EFORMAT, "%s:%zu: malformed row", path, lineno);
        goto done;
    oom:
        free(row.text);
        free(row.film);
        rc = reel_error(ctx, REEL_ENOMEM, "%s: out of memory", path);
        goto done;
    }
    int err = 0;
    gzerror(f, &err);
    if (err != Z_OK && err != Z_STREAM_END) {
        rc = reel_error(ctx, REEL_EIO, "%s: read error (truncated gzip?)", path);
        goto done;
    }
    rc = 0;
done:
    if (f) gzclose(f);
    free(line);
    return rc;
}

/* The IMDB train file has no film ids, but its reviews are in aclImdb ID
 * order, and IDs follow films: a film's reviews have contiguous IDs, and the
 * positive and negative lists walk the films in the same order. Matching
 * rare proper nouns between the lists (bench/imdb_films.py prints the
 * evidence) puts positive ID p's film at negative IDs near p * 0.3 for
 * p < 12,500, and negative IDs above ~4,000 belong to films with no
 * positive review here. So the dev split takes the last 1,250 positive
 * reviews (IDs 11,250-12,499) and 1,250 negatives starting where those films
 * start (IDs 3,600-4,849): the films at the end of the positive list plus
 * the next negative-only films. Guard bands of 100 reviews (more than three
 * films' worth: at most 30 reviews each) at each edge belong to neither
 * side, so no film straddles train and dev. */
int reel_train_imdb_split(const reel_train_row *row)
{
    size_t id = row->idx;
    if (row->label == 1) {
        if (id >= 11250) return 1;
        return id >= 11150 ? -1 : 0;
    }
    if (id >= 3600 && id < 4850) return 1;
    if ((id >= 3500 && id < 3600) || (id >= 4850 && id < 4950)) return -1;
    return 0;
}
