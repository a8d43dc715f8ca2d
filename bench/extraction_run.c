/* extraction_run.c — runs reel's read + clean (the HTML reader and
 * boilerplate removal) over every page of an extraction benchmark directory
 * (DIR/html/<id>.html). Writes the clean text of each page as JSON {id:
 * {"articleBody": text}} for the metric, and the speed of read + clean with
 * the pages already in memory, repeated until at least MIN_SECONDS of CPU
 * time passed.
 */
#include "internal.h" /* file_slurp */

#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct {
    char *id;
    char *data;
    size_t len;
} page;

/* CPU time of this process: the machine is shared, and wall time would
 * count other programs' turns; readability is timed the same way. */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int by_id(const void *a, const void *b)
{
    return strcmp(((const page *)a)->id, ((const page *)b)->id);
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: %s DATA_DIR OUT_TEXT_JSON OUT_SPEED_JSON MIN_SECONDS\n",
                argv[0]);
        return 2;
    }
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/html", argv[1]);
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "%s: cannot open\n", dir);
        return 1;
    }
    page *pages = NULL;
    size_t n = 0, cap = 0, bytes = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t nl = strlen(e->d_name);
        if (nl < 6 || strcmp(e->d_name + nl - 5, ".html") != 0) continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            pages = realloc(pages, cap * sizeof *pages);
            if (!pages) return 1;
        }
        char path[8192];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        page *p = &pages[n];
        p->id = strndup(e->d_name, nl - 5);
        p->data = file_slurp(path, &p->len);
        if (!p->id || !p->data) {
            fprintf(stderr, "%s: cannot read\n", path);
            return 1;
        }
        bytes += p->len;
        n++;
    }
    closedir(d);
    if (n == 0) {
        fprintf(stderr, "%s: no pages\n", dir);
        return 1;
    }
    qsort(pages, n, sizeof *pages, by_id);

    reel_ctx *ctx = NULL;
    if (reel_ctx_new(&ctx) || reel_ctx_load_model(ctx, NULL)) return 1;
    json_t *out = json_object();
    size_t failed = 0;
    /* first round: keep the text */
    for (size_t i = 0; i < n; i++) {
        reel_doc *doc = NULL;
        const char *text = "";
        if (reel_read(&doc, ctx, pages[i].data, pages[i].len, pages[i].id,
                      REEL_FORMAT_HTML) == 0 &&
            reel_clean(ctx, doc) == 0)
            text = doc->text;
        else {
            fprintf(stderr, "%s\n", reel_errmsg(ctx));
            failed++;
        }
        json_object_set_new(out, pages[i].id, json_pack("{s:s}", "articleBody", text));
        reel_doc_free(doc);
    }
    if (json_dump_file(out, argv[2], JSON_INDENT(1))) {
        fprintf(stderr, "%s: cannot write\n", argv[2]);
        return 1;
    }
    json_decref(out);

    /* timed rounds */
    double min_s = atof(argv[4]), t0 = now(), el = 0;
    size_t rounds = 0;
    do {
        for (size_t i = 0; i < n; i++) {
            reel_doc *doc = NULL;
            if (reel_read(&doc, ctx, pages[i].data, pages[i].len, pages[i].id,
                          REEL_FORMAT_HTML) == 0)
                reel_clean(ctx, doc);
            reel_doc_free(doc);
        }
        rounds++;
        el = now() - t0;
    } while (el < min_s);
    FILE *f = fopen(argv[3], "w");
    if (!f) return 1;
    fprintf(f,
            "{\"pages\": %zu, \"bytes\": %zu, \"rounds\": %zu, \"seconds\": %.4f, "
            "\"pages_per_s\": %.3f, \"mb_per_s\": %.4f, \"failed\": %zu}\n",
            n, bytes, rounds, el, (double)(n * rounds) / el,
            (double)bytes * (double)rounds / el / 1e6, failed);
    fclose(f);
    for (size_t i = 0; i < n; i++) {
        free(pages[i].id);
        free(pages[i].data);
    }
    free(pages);
    reel_ctx_free(ctx);
    return failed ? 1 : 0;
}
