/* cmd_train_names.c — `reel train names`: the first-name model the subject
 * analyzer reads as evidence that a capitalised run is a person ("Jordan
 * Peele", not a title). A gazetteer of given names (one a line, e.g. the
 * Names Corpus in ../shared/data/lexicons/names) says which words can be
 * first names; film writing says which of them are used as first names
 * and not as ordinary words: each listed name is counted in the IMDB
 * reviews as a given name (capitalised, another capitalised word right
 * after: "Grace Kelly") and as a lower-case word ("by the grace of").
 * A name is kept when it is given often enough (--min) and its lower-case
 * uses are at most --ratio times its given ones (by default no more often),
 * so "Will", "Hope", "Grace" or "Ash" stay title words: a name missed costs
 * little (the grammar finds people), a title taken for a person costs the
 * subject.
 * The output (models/names.model, documented in models/MODEL.md) is
 * folded, sorted, one name a line; CMake compiles it into the library.
 */
#include "cli.h"
#include "reel_train.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char *name; /* folded */
    size_t given, lower;
} name_count;

typedef struct {
    name_count *items;
    size_t n, cap;
} name_list;

static int cmp_name(const void *a, const void *b)
{
    return strcmp(((const name_count *)a)->name, ((const name_count *)b)->name);
}

/* Append the folded names of one gazetteer file; -1 when unreadable. */
static int read_gazetteer(name_list *l, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "reel train names: %s: %s\n", cli_safe(path), strerror(errno));
        return -1;
    }
    char line[256];
    int rc = 0;
    while (fgets(line, sizeof line, f)) {
        size_t n = strcspn(line, "\r\n");
        if (!n || line[0] == '#') continue;
        char *key = reel_fold(line, n);
        if (!key) {
            rc = -1;
            break;
        }
        /* one word of letters (and inner hyphens, "anne-marie") */
        int ok = *key && strlen(key) < 32;
        for (const char *p = key; *p && ok; p++)
            ok = (*p >= 'a' && *p <= 'z') || (*p == '-' && p != key && p[1]);
        if (!ok) {
            free(key);
            continue;
        }
        if (l->n == l->cap) {
            size_t cap = l->cap ? l->cap * 2 : 1024;
            name_count *p = realloc(l->items, cap * sizeof *p);
            if (!p) {
                free(key);
                rc = -1;
                break;
            }
            l->items = p;
            l->cap = cap;
        }
        l->items[l->n++] = (name_count){key, 0, 0};
    }
    fclose(f);
    if (rc) fprintf(stderr, "reel train names: out of memory\n");
    return rc;
}

/* Sort and drop duplicates (a name in both the female and male lists). */
static void sort_unique(name_list *l)
{
    if (!l->n) return;
    qsort(l->items, l->n, sizeof *l->items, cmp_name);
    size_t w = 1;
    for (size_t i = 1; i < l->n; i++) {
        if (!strcmp(l->items[i].name, l->items[w - 1].name)) {
            free(l->items[i].name);
            continue;
        }
        l->items[w++] = l->items[i];
    }
    l->n = w;
}

/* The listed name a word of the text is, folded as the gazetteer was
 * ("Zoë" is "zoe"), or NULL. */
static name_count *find(const name_list *l, const char *w, size_t n)
{
    char key[32];
    if (n == 0 || n >= sizeof key) return NULL;
    int ascii = 1;
    for (size_t i = 0; i < n; i++) {
        key[i] = (char)tolower((unsigned char)w[i]);
        ascii &= (unsigned char)w[i] < 0x80;
    }
    key[n] = 0;
    char *folded = ascii ? NULL : reel_fold(w, n);
    name_count k = {folded ? folded : key, 0, 0};
    name_count *c = bsearch(&k, l->items, l->n, sizeof *l->items, cmp_name);
    free(folded);
    return c;
}

static int word_byte(unsigned char c)
{
    return isalpha(c) || c == '-' || c >= 0x80;
}

/* The word that ends right before s[i] (past blanks), as [*w, *w + *n);
 * *n = 0 when a sentence or the text starts there. */
static void word_before(const char *s, size_t i, const char **w, size_t *n)
{
    size_t e = i;
    while (e && s[e - 1] == ' ')
        e--;
    size_t b = e;
    while (b && word_byte((unsigned char)s[b - 1]))
        b--;
    *w = s + b;
    *n = e - b;
}

/* Count each listed name's uses in one text: given (a capitalised word
 * with one more right after, "Grace Kelly", but not inside a capitalised
 * title, "The Lion King", nor after an article, "the Royal Tenenbaums")
 * or lower case ("by the grace of"). */
static void count_text(name_list *l, const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        if (!word_byte((unsigned char)s[i]) || s[i] == '-') {
            i++;
            continue;
        }
        size_t e = i;
        while (e < len && word_byte((unsigned char)s[e]))
            e++;
        /* a word glued to a letter before ("McDonald" splits no further) */
        int starts = i == 0 || !isalnum((unsigned char)s[i - 1]);
        size_t n = e - i;
        while (n && s[i + n - 1] == '-')
            n--;
        name_count *c = starts ? find(l, s + i, n) : NULL;
        if (c) {
            unsigned char f = (unsigned char)s[i];
            int shout = n > 1 && isupper((unsigned char)s[i + 1]);
            const char *pw;
            size_t pn;
            word_before(s, i, &pw, &pn);
            int in_title =
                pn &&
                (isupper((unsigned char)pw[0]) || (pn == 3 && !strncmp(pw, "the", 3)) ||
                 (pn == 1 && pw[0] == 'a') || (pn == 2 && !strncmp(pw, "an", 2)));
            if (islower(f)) {
                c->lower++;
            } else if (isupper(f) && !shout && !in_title && e + 1 < len && s[e] == ' ' &&
                       isupper((unsigned char)s[e + 1])) {
                c->given++;
            }
        }
        i = e;
    }
}

/* The rule that keeps a name: given often enough, rarely a common word. */
static int keep(const name_count *c, long min, long ratio)
{
    return c->given >= (size_t)min && c->lower <= (size_t)ratio * c->given;
}

static void usage(FILE *f)
{
    fprintf(f,
            "usage: reel train names [--names DIR] [--data DIR] [--min N] [--ratio R]\n"
            "                        [--out models/names.model] [--stats]\n"
            "  --names DIR  the gazetteer: DIR/female.txt and DIR/male.txt\n"
            "               (default ../shared/data/lexicons/names)\n"
            "  --data DIR   where imdb_train.tsv.gz is (default ../shared/data)\n"
            "  --min N      uses as a given name needed to keep a name (default 3)\n"
            "  --ratio R    lower-case uses allowed per given use (default 1)\n"
            "  --stats      print every listed name's counts instead\n");
}

int cmd_train_names(int argc, char **argv)
{
    const char *names = "../shared/data/lexicons/names", *data = "../shared/data",
               *out = "models/names.model";
    long min = 3, ratio = 1;
    int stats = 0, rc = EXIT_USAGE;
    name_list l = {0};
    reel_train_rows rows = {0};
    reel_ctx *ctx = NULL;
    enum { O_NAMES = 1, O_DATA, O_OUT, O_MIN, O_RATIO, O_STATS };
    static const struct option lo[] = {{"names", required_argument, NULL, O_NAMES},
                                       {"data", required_argument, NULL, O_DATA},
                                       {"out", required_argument, NULL, O_OUT},
                                       {"min", required_argument, NULL, O_MIN},
                                       {"ratio", required_argument, NULL, O_RATIO},
                                       {"stats", no_argument, NULL, O_STATS},
                                       {"help", no_argument, NULL, 'h'},
                                       {NULL, 0, NULL, 0}};
    optind = 1;
    opterr = 0;
    int ch;
    const char *bad = NULL;
    while (!bad && (ch = getopt_long(argc, argv, ":h", lo, NULL)) != -1) {
        switch (ch) {
        case O_NAMES:
            names = optarg;
            break;
        case O_DATA:
            data = optarg;
            break;
        case O_OUT:
            out = optarg;
            break;
        case O_MIN:
            min = strtol(optarg, NULL, 10);
            break;
        case O_RATIO:
            ratio = strtol(optarg, NULL, 10);
            break;
        case O_STATS:
            stats = 1;
            break;
        case 'h':
            usage(stdout);
            return EXIT_OKAY;
        default:
            bad = argv[optind - 1];
            break;
        }
    }
    if (!bad && optind < argc) bad = argv[optind];
    if (bad) {
        fprintf(stderr, "reel train names: unknown option or missing value: %s\n",
                cli_safe(bad));
        usage(stderr);
        return EXIT_USAGE;
    }
    if (min < 1 || ratio < 0) {
        fprintf(stderr, "reel train names: --min is at least 1, --ratio at least 0\n");
        return EXIT_USAGE;
    }
    rc = EXIT_FAIL;
    char path[4200];
    static const char *const files[] = {"female.txt", "male.txt"};
    for (size_t i = 0; i < 2; i++) {
        snprintf(path, sizeof path, "%s/%s", names, files[i]);
        if (read_gazetteer(&l, path)) goto done;
    }
    size_t listed = l.n;
    sort_unique(&l);
    if (reel_ctx_new(&ctx)) {
        fprintf(stderr, "reel train names: out of memory\n");
        goto done;
    }
    if (reel_train_rows_load(&rows, ctx, data, REEL_TRAIN_IMDB)) {
        fprintf(stderr, "reel train: %s\n", reel_errmsg(ctx));
        goto done;
    }
    for (size_t i = 0; i < rows.n; i++)
        count_text(&l, rows.rows[i].text, rows.rows[i].len);
    size_t kept = 0;
    for (size_t i = 0; i < l.n; i++) {
        const name_count *c = &l.items[i];
        kept += keep(c, min, ratio);
    }
    if (stats) {
        for (size_t i = 0; i < l.n; i++) {
            const name_count *c = &l.items[i];
            printf("%s\t%zu\t%zu\t%s\n", c->name, c->given, c->lower,
                   keep(c, min, ratio) ? "kept" : "dropped");
        }
        rc = EXIT_OKAY;
        goto done;
    }
    FILE *f = fopen(out, "w");
    if (!f) {
        fprintf(stderr, "reel train names: %s: %s\n", cli_safe(out), strerror(errno));
        goto done;
    }
    fprintf(
        f,
        "# reel names model 1: first names, folded, sorted, one a line.\n"
        "# made by: reel train names --min %ld --ratio %ld (models/MODEL.md)\n"
        "# %zu gazetteer lines, %zu distinct names; kept %zu: given names in %zu\n"
        "# IMDB reviews at least %ld times, in lower case at most %ld times as often\n",
        min, ratio, listed, l.n, kept, rows.n, min, ratio);
    for (size_t i = 0; i < l.n; i++) {
        const name_count *c = &l.items[i];
        if (keep(c, min, ratio)) fprintf(f, "%s\n", c->name);
    }
    if (fclose(f)) {
        fprintf(stderr, "reel train names: %s: %s\n", cli_safe(out), strerror(errno));
        goto done;
    }
    fprintf(stderr, "reel train names: %zu of %zu names kept (%zu reviews) -> %s\n", kept,
            l.n, rows.n, out);
    rc = EXIT_OKAY;
done:
    for (size_t i = 0; i < l.n; i++)
        free(l.items[i].name);
    free(l.items);
    reel_train_rows_free(&rows);
    reel_ctx_free(ctx);
    return rc;
}
