/* quotes.c — quotable sentences, per article and per film.
 * Per article (pure analyzer): each sentence is rated as a pull quote:
 * a quotable length, self-contained (not opening on "But"/"And", not a
 * fragment, no unbalanced quotation), strong polarity agreeing with the
 * article's verdict, no spoiler markers, not the score line itself. The best
 * few go in the record. Per film (at finalize): the three best pull quotes
 * from different reviews, and a consensus of two or three sentences from the
 * majority side whose words the other reviews share most (extractive).
 */
#include "../internal.h"
#include "lexicon.h"

#include <ctype.h>
#include <jansson.h>
#include <math.h>

#define QUOTES_PER_ARTICLE 5

static const char *const spoiler_words[] = {
    "spoiler",     "spoilers",   "twist",     "ending",  "finale",   "dies",
    "killed",      "death",      "reveal",    "reveals", "revealed", "climax",
    "final scene", "last scene", "turns out", NULL};

static const char *const weak_openers[] = {
    "but",     "and",  "so", "also", "still", "yet",   "however", "or", "which",
    "because", "then", "as", "this", "that",  "these", "those",   NULL};

static int word_eq(const char *s, size_t n, const char *w)
{
    return strlen(w) == n && memmem_ci_ascii(s, n, w) == s;
}

/* Rate one sentence as a pull quote (0 = unusable). */
static double rate(const reel_doc *d, const reel_sentence *se, double verdict_pos)
{
    size_t words = 0, quotes = 0;
    for (size_t t = se->tok_start; t < se->tok_end; t++) {
        const reel_token *tk = &d->tokens[t];
        const char *s = d->text + tk->span.start;
        size_t n = tk->span.end - tk->span.start;
        if (tk->kind == REEL_TOK_WORD || tk->kind == REEL_TOK_NUMBER) words++;
        if ((n == 1 && *s == '"') ||
            (n == 3 && (!memcmp(s, "\xE2\x80\x9C", 3) || !memcmp(s, "\xE2\x80\x9D", 3))))
            quotes++;
    }
    if (words < 6 || words > 45) return 0;
    const char *s = d->text + se->span.start;
    size_t len = se->span.end - se->span.start;
    /* a sentence, not a heading or a label line */
    char last = s[len - 1];
    if (last != '.' && last != '!' && last != '?' && last != '"' &&
        !(len >= 3 && (!memcmp(s + len - 3, "\xE2\x80\x9D", 3) ||
                       !memcmp(s + len - 3, "\xE2\x80\xA6", 3))))
        return 0;
    const char *colon = memchr(s, ':', len);
    if (colon && colon < s + 25) return 0; /* "Director: …" label lines */
    if (quotes % 2) return 0;              /* cut quotation */
    if (d->score.found && se->span.start <= d->score.span.start &&
        d->score.span.end <= se->span.end)
        return 0; /* the score line itself */
    for (const char *const *w = spoiler_words; *w; w++)
        if (memmem_ci_ascii(s, len, *w)) return 0;
    double q = 1.0;
    /* 12-30 words quote best */
    if (words < 12) q *= 0.6 + 0.4 * (double)(words - 6) / 6.0;
    if (words > 30) q *= 1.0 - 0.5 * (double)(words - 30) / 15.0;
    const reel_token *first = &d->tokens[se->tok_start];
    if (word_eq(d->text + first->span.start, first->span.end - first->span.start, "\"") ||
        quotes >= 2)
        q *= 0.5; /* someone else's words */
    for (const char *const *w = weak_openers; *w; w++)
        if (word_eq(d->text + first->span.start, first->span.end - first->span.start,
                    *w)) {
            q *= 0.4; /* leans on the sentence before */
            break;
        }
    if (se->polarity >= 0) {
        double strength = fabs(se->polarity - 0.5) * 2.0;
        q *= 0.2 + 0.8 * strength;
        if (verdict_pos >= 0 && (se->polarity >= 0.5) != (verdict_pos >= 0.5)) q *= 0.2;
    } else {
        q *= 0.3; /* no model: form alone */
    }
    /* naming the film or its people makes a quote stand alone */
    if (d->subject.key && d->subject.span.end &&
        d->subject.span.start >= se->span.start && d->subject.span.end <= se->span.end)
        q *= 1.15;
    return q > 1 ? 1 : q;
}

int analyze_quotes(reel_ctx *ctx, reel_doc *doc)
{
    doc->quotes = NULL;
    doc->n_quotes = 0;
    if (doc->n_sentences == 0) return 0;
    double verdict = -1;
    if (doc->score.found)
        verdict =
            reel_verdict_positive(doc->score.form, doc->score.value, doc->score.score100);
    else if (doc->sentiment.has)
        verdict = doc->sentiment.prob_positive;
    reel_quote best[QUOTES_PER_ARTICLE];
    size_t nb = 0;
    for (size_t i = 0; i < doc->n_sentences; i++) {
        double q = rate(doc, &doc->sentences[i], verdict);
        if (q <= 0.05) continue;
        reel_quote c = {i, doc->sentences[i].span, q, doc->sentences[i].polarity};
        /* keep the best few, in quality order; ties keep the earlier */
        size_t pos = nb;
        while (pos > 0 && best[pos - 1].quality < q)
            pos--;
        if (pos >= QUOTES_PER_ARTICLE) continue;
        size_t end = nb < QUOTES_PER_ARTICLE ? nb : QUOTES_PER_ARTICLE - 1;
        memmove(&best[pos + 1], &best[pos], (end - pos) * sizeof *best);
        best[pos] = c;
        if (nb < QUOTES_PER_ARTICLE) nb++;
    }
    if (!nb) return 0;
    doc->quotes = arena_alloc(doc->arena, nb * sizeof *doc->quotes);
    if (!doc->quotes)
        return reel_error(ctx, REEL_ENOMEM, "%s: out of memory", doc->source);
    memcpy(doc->quotes, best, nb * sizeof *best);
    doc->n_quotes = nb;
    return 0;
}

/* ---------------- per film ---------------- */

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

int reception_extras(json_t *report, json_t *arts, const char **ids, size_t n)
{
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
    return 0;
}
