/* consensus.c — a film's pull quotes and consensus, chosen at finalize
 * from the quotable sentences its reviews' records carry (analyze/quotes.c
 * rates them per article): the three best pull quotes from different
 * reviews, and a consensus of two or three sentences from the majority side
 * whose words the other reviews of that side share most (extractive).
 * Candidates are visited in id order, so the choice does not depend on the
 * order partials were merged in.
 */
#include "../analyze/lexicon.h"
#include "../internal.h"
#include "aggregate.h"

#include <jansson.h>
#include <math.h>

typedef struct {
    const char *id;
    json_t *summary;
    json_t *quote;
    double quality;
    int positive; /* the review's verdict side */
    char **words; /* folded content words */
    size_t n_words;
    double centrality;
} cand;

static const char *const stop[] = {
    "the",   "and",   "that",   "this",  "with",   "from",  "have", "has",   "its",
    "it's",  "for",   "are",    "was",   "were",   "but",   "not",  "his",   "her",
    "their", "they",  "them",   "than",  "then",   "into",  "onto", "about", "what",
    "when",  "which", "who",    "whom",  "while",  "there", "here", "been",  "being",
    "also",  "only",  "more",   "most",  "much",   "very",  "just", "even",  "such",
    "some",  "film",  "movie",  "films", "movies", "one",   "all",  "can",   "will",
    "would", "could", "should", "does",  "did",    "you",   "your", "our",   "him",
    "she",   "he",    "its",    "out",   "over",   "still", "yet",  "how",   "why",
    "any",   NULL};

static void words_of(cand *c, const char *text)
{
    char *f = reel_fold(text, strlen(text));
    c->words = NULL;
    c->n_words = 0;
    if (!f) { /* noted: the report is refused (oom_since), not cut short */
        oom_note();
        return;
    }
    size_t cap = 0;
    char *save = NULL;
    for (char *p = strtok_r(f, " ", &save); p; p = strtok_r(NULL, " ", &save)) {
        if (strlen(p) < 4 || word_in(stop, p, strlen(p))) continue;
        int dup = 0;
        for (size_t i = 0; i < c->n_words && !dup; i++)
            dup = !strcmp(c->words[i], p);
        if (dup) continue;
        if (c->n_words == cap) {
            cap = cap ? cap * 2 : 16;
            char **nw = realloc(c->words, cap * sizeof *nw);
            if (!nw) {
                oom_note();
                break;
            }
            c->words = nw;
        }
        c->words[c->n_words] = strdup(p);
        if (c->words[c->n_words])
            c->n_words++;
        else
            oom_note();
    }
    free(f);
}

static int cmp_cand(const void *a, const void *b, int by_centrality)
{
    const cand *x = a, *y = b;
    double kx = by_centrality ? x->centrality : x->quality;
    double ky = by_centrality ? y->centrality : y->quality;
    if (kx != ky) return kx > ky ? -1 : 1;
    int r = strcmp(x->id, y->id);
    if (r) return r;
    json_int_t sx = json_integer_value(json_object_get(x->quote, "sentence"));
    json_int_t sy = json_integer_value(json_object_get(y->quote, "sentence"));
    return (sx > sy) - (sx < sy);
}
static int by_quality(const void *a, const void *b)
{
    return cmp_cand(a, b, 0);
}
static int by_centrality(const void *a, const void *b)
{
    return cmp_cand(a, b, 1);
}

static json_t *quote_json(const cand *c, double score_key, const char *score_name)
{
    json_t *o = json_object();
    json_object_set_new(o, "text", json_deep_copy(json_object_get(c->quote, "text")));
    json_object_set_new(o, "article", json_string(c->id));
    static const char *from[] = {"outlet", "author", "title", NULL};
    for (const char **k = from; *k; k++) {
        json_t *v = json_object_get(c->summary, *k);
        json_object_set_new(o, *k, v ? json_deep_copy(v) : json_null());
    }
    json_object_set_new(o, "span", json_deep_copy(json_object_get(c->quote, "span")));
    json_object_set_new(o, "sentence",
                        json_deep_copy(json_object_get(c->quote, "sentence")));
    json_object_set_new(o, "polarity",
                        json_deep_copy(json_object_get(c->quote, "polarity")));
    json_object_set_new(o, score_name, json_real(round(score_key * 10000.0) / 10000.0));
    return o;
}

int film_consensus(json_t *report, json_t *arts, const char **ids, size_t n)
{
    unsigned oom0 = oom_mark();
    json_t *pulls = json_array(), *consensus = json_array();
    size_t cap = 0, nc = 0, pos = 0, neg = 0;
    cand *cs = NULL;
    for (size_t i = 0; i < n; i++) {
        json_t *s = json_object_get(arts, ids[i]);
        if (strcmp(json_str0(json_object_get(s, "kind")), "review") != 0) continue;
        json_t *v = json_object_get(s, "verdict");
        if (!json_is_object(v)) continue;
        int positive = json_is_true(json_object_get(v, "positive"));
        positive ? pos++ : neg++;
        json_t *qs = json_object_get(s, "quotes"), *q;
        size_t k;
        json_array_foreach(qs, k, q)
        {
            if (nc == cap) {
                cap = cap ? cap * 2 : 32;
                cand *p = realloc(cs, cap * sizeof *p);
                if (!p) {
                    oom_note();
                    goto done;
                }
                cs = p;
            }
            cand *c = &cs[nc++];
            memset(c, 0, sizeof *c);
            c->id = ids[i];
            c->summary = s;
            c->quote = q;
            c->quality = json_number_value(json_object_get(q, "quality"));
            c->positive = positive;
            const char *text = json_string_value(json_object_get(q, "text"));
            words_of(c, text ? text : "");
        }
    }
    /* consensus: on the majority side, the sentences whose words the most
     * other reviews of that side also use, weighted by quotability */
    int majority = pos >= neg;
    size_t side_reviews = majority ? pos : neg;
    /* per word, how many reviews of that side use it in any of their
     * quotes (a hash, not a scan: a film may have thousands of reviews);
     * cs is still grouped by article here, which the counting relies on */
    json_t *df = json_object(), *seen = json_object();
    if (!df || !seen) {
        json_decref(df);
        json_decref(seen);
        goto done;
    }
    for (size_t i = 0; i < nc; i++) {
        if (i > 0 && strcmp(cs[i].id, cs[i - 1].id) != 0) json_object_clear(seen);
        if (cs[i].positive != majority) continue;
        for (size_t w = 0; w < cs[i].n_words; w++) {
            const char *word = cs[i].words[w];
            if (json_object_get(seen, word)) continue;
            json_object_set_new(seen, word, json_true());
            json_t *c = json_object_get(df, word);
            json_object_set_new(df, word,
                                json_integer(c ? json_integer_value(c) + 1 : 1));
        }
    }
    json_decref(seen);
    if (side_reviews >= 2) {
        for (size_t i = 0; i < nc; i++) {
            cand *c = &cs[i];
            if (c->positive != majority || c->n_words == 0) continue;
            double shared = 0;
            for (size_t w = 0; w < c->n_words; w++) {
                /* the other reviews of the side using this word */
                json_int_t others =
                    json_integer_value(json_object_get(df, c->words[w])) - 1;
                shared += (double)others / (double)(side_reviews - 1);
            }
            /* a consensus states a view: shared facts ("won at Cannes")
             * without strong polarity do not qualify */
            json_t *pj = json_object_get(c->quote, "polarity");
            double strength =
                json_is_number(pj) ? fabs(json_number_value(pj) - 0.5) * 2 : 0;
            c->centrality = strength < 0.3 ? 0
                                           : (shared / sqrt((double)c->n_words)) *
                                                 (0.5 + c->quality) * strength;
        }
    }
    json_decref(df);
    /* pull quotes: best three, one per review */
    if (nc) qsort(cs, nc, sizeof *cs, by_quality);
    for (size_t i = 0; i < nc && json_array_size(pulls) < 3; i++) {
        int seen = 0;
        size_t j;
        json_t *p;
        json_array_foreach(pulls, j, p) seen |=
            !strcmp(json_str0(json_object_get(p, "article")), cs[i].id);
        if (!seen)
            json_array_append_new(pulls, quote_json(&cs[i], cs[i].quality, "quality"));
    }
    if (side_reviews >= 2) {
        if (nc) qsort(cs, nc, sizeof *cs, by_centrality);
        for (size_t i = 0; i < nc && json_array_size(consensus) < 3; i++) {
            if (cs[i].positive != majority || cs[i].centrality <= 0) continue;
            int seen = 0;
            size_t j;
            json_t *p;
            json_array_foreach(consensus, j, p) seen |=
                !strcmp(json_str0(json_object_get(p, "article")), cs[i].id);
            if (!seen)
                json_array_append_new(consensus,
                                      quote_json(&cs[i], cs[i].centrality, "centrality"));
        }
    }
done:
    for (size_t i = 0; i < nc; i++) {
        for (size_t w = 0; w < cs[i].n_words; w++)
            free(cs[i].words[w]);
        free(cs[i].words);
    }
    free(cs);
    json_object_set_new(report, "consensus", consensus);
    json_object_set_new(report, "pull_quotes", pulls);
    return oom_since(oom0) ? REEL_ENOMEM : 0;
}
