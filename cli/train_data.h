/* train_data.h — the labelled sets `reel train` reads from ../shared/data
 * (imdb_train.tsv.gz, polarity2k.tsv, mr.tsv, rt-dev/rt_critics.tsv) and the
 * splits the benchmark evaluates on. Private to the command.
 */
#ifndef REEL_TRAIN_DATA_H
#define REEL_TRAIN_DATA_H

#include <stddef.h>

typedef enum { SET_IMDB = 0, SET_POLARITY, SET_MR, SET_RT, SET_COUNT } train_set;

typedef struct {
    train_set set;
    int label;    /* 1 positive / fresh, 0 negative / rotten */
    int fold;     /* polarity2k, mr: the file's fold; imdb: see split */
    double score; /* 0-100 from the rating or the printed score; -1 none */
    size_t idx;   /* row number within its class (imdb: the review ID) */
    char *film;   /* rt: film id; else NULL */
    char *text;   /* raw text, "<br />" replaced by spaces */
    size_t len;
} train_row;

typedef struct {
    train_row *rows;
    size_t n, cap;
} train_rows;

/* Append the rows of one set, read from `dir` (the shared/data folder).
 * Prints a message naming the file and returns -1 when it cannot be read. */
int train_rows_load(train_rows *r, const char *dir, train_set set);
void train_rows_free(train_rows *r);
const char *train_set_name(train_set set);
/* The file a set is read from, relative to the data folder. */
const char *train_set_file(train_set set);

/* The IMDB dev split held out by film: 0 train, 1 dev, -1 guard (in
 * neither). See cli/train_data.c for why these ID ranges. */
int imdb_split(const train_row *row);

/* A printed critic score ("3/4", "7/10", "B+") on 0-100 by reel's table
 * (reel_score_parse), or -1 when it is not one. */
double printed_score100(const char *s);

#endif
