/* subject.h — private to the subject analyzer (subject*.c): what a
 * candidate title's words say about it (subject_words.c: people's first
 * names and honorifics, awards, companies, places, page labels) and the
 * title forms a line of the page prints (subject_lines.c: "X review",
 * "Review: X", "X (4 stars)", "Film: X", "X Cast:").
 */
#ifndef REEL_SUBJECT_H
#define REEL_SUBJECT_H

#include "../internal.h"

/* What a folded candidate key names, if it is plainly not a film. */
enum {
    NOT_FILM_NONE = 0,
    NOT_FILM_PERSON,  /* "jordan peele", "queen anne" */
    NOT_FILM_AWARD,   /* "oscar for best picture", "golden globes" */
    NOT_FILM_COMPANY, /* "a24", "searchlight pictures" */
    NOT_FILM_PLACE,   /* "irish", "japanese", "osage nation", "miami" */
    NOT_FILM_LABEL    /* "year released", "written by", "share this story" */
};
int subject_not_film(const char *key);

/* A common first name (folded, n bytes): evidence of a person. */
int subject_first_name(const char *w, size_t n);

/* A word of an award category after "Best" ("picture", "actress"), folded. */
int subject_category_word(const char *w, size_t n);

/* A page label that may stand before a colon ("Director", "Starring",
 * "Year Released", "Review"), folded; n bytes. */
int subject_label(const char *w, size_t n);

/* One title a line prints, as a byte range into the line, and how
 * strongly its form says "this is the article's film". */
typedef struct {
    size_t start, end;
    double weight;
    int strong; /* the form alone names the film ("X review"), no confirmation needed */
    int marked; /* the line says it is a film ("X Movie Review", "Film: X") */
} line_title;

/* The titles one line prints (at most max); returns how many. `top` says
 * the line is in the page's opening lines or is the headline, where a
 * short line on its own is a title (2: and it stands right above a credit
 * box, "Director: …", which names it outright). */
size_t subject_line_titles(const char *line, size_t len, int top, line_title *out,
                           size_t max);

#endif
