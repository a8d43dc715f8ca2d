/* sentiment.h — private interface of the sentiment model: feature extraction
 * (features.c), the model and its file format (sentiment.c), and training
 * (sentiment_train.c). The trainer lives in the library so that `reel train`,
 * the tests and the benchmark all build exactly the model that ships.
 */
#ifndef REEL_SENTIMENT_H
#define REEL_SENTIMENT_H

#include "../internal.h"
#include "reel_train.h"

/* ---- features ---- */

/* How text becomes features. Stored in the model file so that prediction
 * always uses the options the model was trained with. */
typedef struct {
    int ngram;    /* 1 = words, 2 = + bigrams, 3 = + trigrams */
    int negation; /* mark words after a negator until the clause ends */
} feat_opts;

/* One feature of a text: a 48-bit hash of the n-gram and its count. */
typedef struct {
    uint64_t id;
    uint32_t count;
} feat;

typedef struct {
    feat *items;
    size_t n, cap;
    size_t words; /* word tokens seen (0: the text has no words) */
    feat *tmp;    /* scratch for sorting, kept between calls */
    size_t tmp_cap;
    /* when set, only ids (48-bit) it accepts are kept: prediction keeps the
     * features its model knows, as the others add nothing to the margin */
    int (*keep)(const void *arg, uint64_t id);
    const void *keep_arg;
} featvec;

void featvec_init(featvec *fv);
void featvec_free(featvec *fv);
/* Extract the features of s[0..len) into fv (replacing its contents), sorted
 * by id with counts merged. REEL_ENOMEM on allocation failure. */
int features_extract(featvec *fv, const feat_opts *o, const char *s, size_t len);
/* Sort fv's features by id and add up the counts of repeated ones (for
 * callers that push features of their own after features_extract). */
int featvec_finish(featvec *fv);

/* Tokens as the model sees them (lower-cased, negation-marked with a "NOT_"
 * prefix), space-separated, for tests and for feeding the same tokenisation
 * to anchors (without marks when `marks` is 0). Appends to out. */
int features_tokens(buf *out, const feat_opts *o, const char *s, size_t len, int marks);

/* ---- the model ---- */

#define SENT_MODEL_MAGIC "REELSENT"
#define SENT_MODEL_VERSION 1u
#define SENT_MAX_KNOTS 256

/* A linear model over hashed n-gram features. A text's margin is
 *   bias + sum_f w[f] * x_f / ||x||,   x_f = scale[f] * value(count_f)
 * over the features present in the model (value: 1 for binary, 1+log(tf)
 * for sublinear tf). P(positive) = 1 / (1 + exp(-(prob_a * margin +
 * prob_b))). The 0-100 score is the monotone piecewise-linear map through
 * the knots (cal_x ascending, cal_y non-decreasing). */
struct reel_model {
    feat_opts fo;
    int sublinear; /* 1: value = 1 + log(count); 0: binary */
    double bias;
    double prob_a, prob_b;
    size_t n_knots;
    double cal_x[SENT_MAX_KNOTS], cal_y[SENT_MAX_KNOTS];
    size_t n;       /* features */
    uint64_t *keys; /* ascending, unique, < 2^48 */
    float *scale;   /* per-feature scaling (NB ratio or idf; 1 if none) */
    float *w;       /* weights */
    /* scale and w are quantised to 16-bit steps (scale[i] = q * scale_step)
     * by the trainer, so a model in memory and its file agree exactly */
    double scale_step, w_step;
    /* open-addressing index over keys (not stored: built on load and by
     * the trainer): slot -> feature + 1, 0 empty; size mask + 1 >= 2n */
    uint32_t *slots;
    size_t mask;
    /* a one-hash, two-bit blocked Bloom filter over keys in front of the
     * index (also built by model_index): most n-grams of a text are not in
     * the model, and the filter (16 bits a key, 1 MB for the shipped
     * model) answers them from cache where the index, several MB, misses
     * it twice (slot, then key). A false positive only costs the probe. */
    uint64_t *filter;
    size_t filter_mask;
};

/* Build m->slots and m->filter for m->keys. REEL_ENOMEM on failure. */
int model_index(struct reel_model *m);
/* The feature number of a key, or SIZE_MAX when the model lacks it. */
static inline size_t model_find(const struct reel_model *m, uint64_t key)
{
    uint64_t bits = (1ULL << (key & 63)) | (1ULL << ((key >> 6) & 63));
    if ((m->filter[(size_t)(key >> 20) & m->filter_mask] & bits) != bits) return SIZE_MAX;
    for (size_t s = (size_t)key & m->mask;; s = (s + 1) & m->mask) {
        uint32_t v = m->slots[s];
        if (v == 0) return SIZE_MAX;
        if (m->keys[v - 1] == key) return v - 1;
    }
}

/* Round v to the grid of `step` as the file stores it (int16 q * step). */
float model_quantise(double v, double step);

void model_free(struct reel_model *m);
/* The raw margin of a text's features; *out_known = how many of them the
 * model knows. Returns 0 when none is known. */
double model_margin(const struct reel_model *m, const featvec *fv, size_t *out_known);
double model_prob(const struct reel_model *m, double margin);
double model_score100(const struct reel_model *m, double margin);

/* Serialise to bytes (deterministic, little-endian, SHA-256 trailer). */
int model_write(const struct reel_model *m, buf *out);
/* Parse bytes produced by model_write; `name` (the file) is used in error
 * messages on ctx. *out is malloc'd; free with model_free. */
int model_read(reel_ctx *ctx, struct reel_model **out, const char *bytes, size_t len,
               const char *name);
/* Write to `path` (atomically through a temporary file). */
int model_save(reel_ctx *ctx, const struct reel_model *m, const char *path);

/* ---- training ---- */

typedef enum { SENT_SCALE_NONE = 0, SENT_SCALE_NB, SENT_SCALE_IDF } sent_scale;
typedef enum { SENT_LOSS_LR = 0, SENT_LOSS_SVM } sent_loss;

typedef struct {
    feat_opts fo;
    int sublinear;
    sent_scale scale;
    sent_loss loss;
    double C;
    double beta;     /* NB-SVM interpolation: 1 = plain weights */
    double nb_alpha; /* NB smoothing */
    int min_df;      /* drop features seen in fewer documents; 0 = by corpus
                        size (see sentiment_train.c) */
} sent_train_opts;

/* The options `reel train` uses unless told otherwise. */
void sent_train_defaults(sent_train_opts *o);

/* One training example: its features (already extracted) and label. */
typedef struct {
    featvec fv;
    int label; /* 1 positive, 0 negative */
} sent_example;

/* Train a model on ex[0..n). Deterministic: same examples in the same order
 * give the same model. The model has prob_a = 1, prob_b = 0 and no knots
 * (score100 = 100 * P) until calibrated. */
int sent_train(reel_ctx *ctx, struct reel_model **out, const sent_example *ex, size_t n,
               const sent_train_opts *o);

/* Fit the monotone margin -> 0..100 map (weighted isotonic regression,
 * pool-adjacent-violators, then thinned to at most SENT_MAX_KNOTS knots). */
int sent_calibrate(struct reel_model *m, const double *margin, const double *score,
                   const double *weight, size_t n);

/* Fit P(positive) = 1/(1+exp(-(a*margin+b))) to labelled margins (Platt's
 * scaling, by Newton's method); for models whose loss is not logistic. */
void sent_fit_platt(const double *margin, const int *label, size_t n, double *out_a,
                    double *out_b);

/* ---- the recipe (sentiment_recipe.c), shared with bench/sentiment_export.c ---- */

/* The solver's options from the public ones. */
void sent_opts_of(sent_train_opts *out, const reel_train_opts *o);
/* The features of every row, in order (*out: free with sent_examples_free). */
int sent_extract_rows(sent_example **out, const reel_train_rows *r, const feat_opts *fo);
void sent_examples_free(sent_example *ex, size_t n);
/* A model of the rows where pick[i] == 1, mr rows `rep` times when `r` is
 * given (*out: free with model_free). */
int sent_train_picked(reel_ctx *ctx, struct reel_model **out, const sent_example *ex,
                      const char *pick, size_t n, const sent_train_opts *to,
                      const reel_train_rows *r, int rep);

#endif
