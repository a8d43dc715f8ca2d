/* score.h — private seam between the parts of the score analyzer:
 * score_forms.c reads the written forms of a score (stars, fractions, letter
 * grades, verbal verdicts) and maps them to 0-100 (docs/scores.md);
 * score_labels.c classifies the labels before them and speakers' turns;
 * score.c decides which of the matches in an article is the critic's verdict.
 */
#ifndef REEL_SCORE_H
#define REEL_SCORE_H

#include "internal.h"
#include "lexicon.h"

typedef enum { SF_STARS = 0, SF_FRACTION, SF_LETTER, SF_VERBAL } score_form;

/* One score-shaped match at [start, end) of some text. */
typedef struct {
    size_t start, end;
    score_form form;
    double value, scale, score100;
    unsigned asterisks : 1;      /* written with ASCII '*' */
    unsigned spaced : 1;         /* star glyphs separated by spaces */
    unsigned half : 1;           /* has a half star */
    unsigned empties : 1;        /* has empty star glyphs (the scale is drawn) */
    unsigned explicit_scale : 1; /* "/5", "out of 4" or drawn empties */
    unsigned stars_word : 1;     /* the word "star(s)" is written */
    unsigned signed_grade : 1;   /* letter grade with + or - */
    unsigned titlecase : 1;      /* verbal: every word capitalised */
    unsigned of_form : 1;        /* "3 of 5": a count anywhere but alone */
    unsigned other_unit : 1;     /* "3.5 moons", "4 hearts": a site's own unit */
    unsigned bare : 1;           /* "Rating: 2.0": a number, its scale inferred */
} score_match;

/* "stars", "fraction", "letter", "verbal" (static strings). */
const char *score_form_name(score_form f);

/* Try every form at byte i of s[0..len); 1 and *m filled on a match.
 * The caller decides whether i is a sensible place for a score to start. */
int score_match_at(const char *s, size_t len, size_t i, score_match *m);

/* A bare number at s[i] ("2.0", "7.5"; at most 10, ending its clause),
 * read on the smallest of the scales 4, 5 and 10 that holds it
 * (docs/scores.md). Only a caller that has seen a verdict label right
 * before it may take it for a score. */
int score_match_bare(const char *s, size_t len, size_t i, score_match *m);

/* A bare number after a label that names stars ("Stars: 4") counts stars:
 * out of 5 (10 above five). label_end is where the label's word ends (its
 * separator, e.g. the colon); lo bounds the look back. */
void score_bare_label(const char *s, size_t lo, size_t label_end, score_match *m);

/* Does s[start..end) hold exactly one score, allowing a verdict label before
 * it ("Rating:"), enclosing brackets or quotes and trailing punctuation?
 * 1 and *m (offsets into s) when it does. */
int score_match_whole(const char *s, size_t start, size_t end, score_match *m);

/* Label classes (score.c and reel_score_parse share the vocabulary). */
typedef enum {
    LABEL_NONE = 0, /* not a label */
    LABEL_VERDICT,  /* "Rating", "Verdict", "Our grade", "Bottom line" */
    LABEL_FILM,     /* "Movie", "The Film", "Film rating": the film itself */
    LABEL_OTHER,    /* "Video", "Audio quality", "IMDb rating", "Release date" */
    LABEL_TITLE     /* a short capitalised name ("Pain and Glory") */
} label_class;

/* Classify the words of s[start..end) used as a label (no separator). */
label_class score_label_class(const char *s, size_t start, size_t end);

/* A line [ls, le) opened by a speaker's name and a colon, then what they
 * said ("JANE MORROW: I'd give it a 4."): where the words said start, or 0
 * when the line is no speaker's turn (verdict, credit and aspect labels are
 * not speakers; a name and a value alone is a list item). */
size_t score_turn_start(const char *s, size_t ls, size_t le);

/* Speakers' turns in s[0..len), counted up to 2 (a transcript). */
int score_count_turns(const char *s, size_t len);

/* Small lexical helpers shared by the score files. */
int32_t score_cp_at(const char *s, size_t len, size_t i, size_t *next);
int32_t score_cp_before(const char *s, size_t i, size_t *prev);
int score_is_word_cp(int32_t c);
size_t score_skip_space(const char *s, size_t len, size_t i);
size_t score_skip_space_back(const char *s, size_t lo, size_t i);

/* score_words.c: does [a, b) of s hold `word` (ASCII, any case) as a whole
 * word; any word of a NULL-ended list. */
int score_has_word(const char *s, size_t a, size_t b, const char *word);
int score_has_any_word(const char *s, size_t a, size_t b, const char *const *list);
/* score_words.c: the NULL-ended word lists score.c tests a match's place with. */
extern const char *const score_other_raters[], *const score_disc_words[],
    *const score_date_cues[], *const score_rating_verbs[], *const score_third_person_verbs[],
    *const score_first_person[], *const score_fillers[], *const score_date_cues_abroad[],
    *const score_negations[];

#endif
