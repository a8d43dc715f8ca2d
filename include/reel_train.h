/* reel_train.h — the public API that trains reel's sentiment model: the
 * recipe that makes models/sentiment.model (models/MODEL.md), which
 * `reel train` runs. Apart from reel.h because only a trainer needs it;
 * the same conventions hold (out parameters first, who frees what said on
 * every prototype). Link with -lreel.
 */
#ifndef REEL_TRAIN_H
#define REEL_TRAIN_H

#include "reel.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The labelled sets of a data folder (../shared/data) the model is made
 * from. */
typedef enum {
    REEL_TRAIN_IMDB = 0, /**< imdb_train.tsv.gz: rated reviews; a dev split of
                              them is held out by film */
    REEL_TRAIN_POLARITY, /**< polarity2k.tsv: reviews in 10 folds */
    REEL_TRAIN_MR,       /**< mr.tsv: review snippets in 10 folds */
    REEL_TRAIN_RT,       /**< rt-dev/rt_critics.tsv: quotes with printed scores;
                              never trained on, they calibrate the 0-100 */
    REEL_TRAIN_SETS      /**< how many sets there are */
} reel_train_set;

/** One labelled text of a set. */
typedef struct {
    reel_train_set set;
    int label;    /**< 1 positive / fresh, 0 negative / rotten */
    int fold;     /**< polarity2k, mr: the file's fold (0-9); else 0 */
    double score; /**< 0-100 from the rating or the printed score; -1 none */
    size_t idx;   /**< the row's number among those of its label (imdb: the
                       review's ID, which reel_train_imdb_split reads) */
    char *film;   /**< rt: the film's id; else NULL */
    char *text;   /**< the text, "<br />" as spaces */
    size_t len;
} reel_train_row;

/** Rows of one or more sets in file order. Start from all zeros; the rows
 * and their strings are owned by it and freed by reel_train_rows_free. */
typedef struct {
    reel_train_row *rows;
    size_t n, cap;
} reel_train_rows;

/** Append the rows of `set`, read from the data folder `dir`. Returns 0, or
 * REEL_EIO / REEL_EFORMAT / REEL_ENOMEM with the message (naming the file
 * and line) on ctx; rows read before the error stay in `out`. */
REEL_EXPORT int reel_train_rows_load(reel_train_rows *out, reel_ctx *ctx, const char *dir,
                                     reel_train_set set);
/** Free the rows and their strings, and zero `rows` (NULL-safe). */
REEL_EXPORT void reel_train_rows_free(reel_train_rows *rows);
/** A set's name: "imdb", "polarity2k", "mr", "rt-dev" (static). */
REEL_EXPORT const char *reel_train_set_name(reel_train_set set);
/** The file a set is read from, relative to the data folder (static). */
REEL_EXPORT const char *reel_train_set_file(reel_train_set set);
/** Which side of the IMDB dev split (held out by film) an imdb row is on:
 * 0 train, 1 dev, -1 neither (a guard band between films). */
REEL_EXPORT int reel_train_imdb_split(const reel_train_row *row);

/** Per-feature scaling of the model. */
typedef enum {
    REEL_TRAIN_SCALE_NONE = 0,
    REEL_TRAIN_SCALE_NB,
    REEL_TRAIN_SCALE_IDF
} reel_train_scale;
/** The loss liblinear minimises. */
typedef enum { REEL_TRAIN_LOSS_LR = 0, REEL_TRAIN_LOSS_SVM } reel_train_loss;

/** How the model is trained (`reel train`'s model options). */
typedef struct {
    int ngram;     /**< 1 words, 2 + bigrams, 3 + trigrams */
    int negation;  /**< mark the words after a negator */
    int sublinear; /**< 1 + log(tf) instead of binary features */
    reel_train_scale scale;
    reel_train_loss loss;
    double C;        /**< liblinear's cost, > 0 */
    double beta;     /**< NB-SVM interpolation: 1 = plain weights */
    double nb_alpha; /**< NB smoothing */
    int min_df;      /**< drop features seen in fewer documents; 0 = by corpus size */
    int mr_weight;   /**< times each mr row counts in the models (1-10) */
} reel_train_opts;

/** The options the shipped model was trained with, into *out. */
REEL_EXPORT void reel_train_defaults(reel_train_opts *out);

/** A trained sentiment model (the kind reel_ctx_load_model loads). */
typedef struct reel_model reel_model;

/** What reel_train_model measured. Accuracies are percentages; the
 * rt figures are 0 (and the errors NaN) without rt-dev rows. */
typedef struct {
    size_t n_train;           /**< rows the model was trained on */
    size_t features;          /**< features the model has */
    double imdb_dev_accuracy; /**< of the model trained without the dev films */
    size_t imdb_dev_n;        /**< dev reviews (0: no imdb rows) */
    double rt_accuracy;       /**< fresh/rotten of rt-dev's quotes */
    size_t rt_n;              /**< rt-dev quotes */
    double rt_mae;            /**< 0-100 mean absolute error held out by film */
    double rt_mae_mean;       /**< the same, always predicting the mean score */
    double rt_mae_in;         /**< the same, in sample */
    size_t rt_scored;         /**< quotes with a printed score */
    double seconds_features;  /**< extracting the features of every row */
    double seconds_train;     /**< training the models */
} reel_train_report;

/** Train the model on every row of `rows` but rt-dev's (mr rows counted
 * opts->mr_weight times), with a second model trained without the IMDB dev
 * films for held-out margins, and calibrate its 0-100 on those margins and
 * rt-dev's printed scores: exactly how models/sentiment.model is made.
 * Deterministic. On success *out is the model (free it with
 * reel_model_free) and `report` (may be NULL) says what was measured. */
REEL_EXPORT int reel_train_model(reel_model **out, reel_ctx *ctx,
                                 reel_train_report *report, const reel_train_rows *rows,
                                 const reel_train_opts *opts);

/** Held-out accuracy, fold by fold (at most 10). */
typedef struct {
    int folds;
    size_t n[10], correct[10]; /**< held-out rows and correct ones, per fold */
    double seconds;            /**< training and testing, features excluded */
} reel_train_cv;

/** Cross-validate on the rows of `set` in `rows`: polarity2k and mr by
 * their file's 10 folds, imdb by its dev split (one fold). REEL_EINVAL for
 * another set. Results into *out. */
REEL_EXPORT int reel_train_cross_validate(reel_train_cv *out, reel_ctx *ctx,
                                          const reel_train_rows *rows, reel_train_set set,
                                          const reel_train_opts *opts);

/** Write `model` to `path` (through a temporary file, renamed). */
REEL_EXPORT int reel_model_save(reel_ctx *ctx, const reel_model *model, const char *path);
/** Free a model from reel_train_model (NULL-safe). */
REEL_EXPORT void reel_model_free(reel_model *model);

#ifdef __cplusplus
}
#endif
#endif
