/* subject.h — private to the subject analyzer (subject*.c): what a
 * candidate title's words say about it (subject_words.c: people's first
 * names and honorifics, awards, companies, places, page labels) and the
 * title forms a line of the page prints (subject_lines.c: "X review",
 * "Review: X", "X (4 stars)", "Film: X", "X Cast:").
 */
#ifndef REEL_SUBJECT_H
#define REEL_SUBJECT_H

#include "../internal.h"
#include "lexicon.h"

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
/* The names model (models/names.model, compiled in by
 * cmake/embed_names.cmake): first names, folded, sorted (C locale). */
extern const char *const subject_names_model[];
extern const size_t subject_names_model_n;

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

/* ---- word lists (subject_words.c), NULL-terminated, lower case ---- */
extern const char *const subject_connectors[];  /* "of", "and": inside titles */
extern const char *const subject_genre_words[]; /* "film", "drama" before a title */
extern const char *const subject_film_nouns[];  /* the genre words that name only films */
extern const char *const subject_person_after[];  /* "says", "plays" after a person */
extern const char *const subject_person_before[]; /* "director", "actress" before one */
extern const char *const subject_film_after[];    /* "opens", "follows" after a film */
extern const char *const subject_film_vocab[]; /* film talk: is this page about films? */
extern const char *const subject_starters[];   /* sentence starters that are no names */

/* ---- candidates (subject_cands.c) ---- */

/* A set of hashed words, open addressing; cap a power of two, doubled
 * when half full (a page's distinct words, not its tokens, size it). */
typedef struct {
    uint64_t *slots;
    size_t cap, n;
} hset;
uint64_t sc_hash_lower(const char *s, size_t n); /* never 0 */
int sc_hset_add(hset *h, uint64_t k);
int sc_hset_has(const hset *h, uint64_t k);

/* One candidate title and the evidence gathered for it. */
typedef struct {
    char *key;
    char *surface; /* most frequent written form */
    size_t surface_count;
    size_t count;
    size_t first; /* byte offset of first mention */
    size_t first_end;
    int words;
    int connector;
    double film, person;
    int marked;   /* named as a film outright: "the film X", "X (★★★★)" */
    int in_title; /* 2: named in the headline, 1: in another short line at the top */
    int year;
    double form;  /* the strongest title form a line prints it in (subject_lines.c) */
    int strong;   /* a form that names the film by itself ("X review") */
    int absorbed; /* counted into a longer form of the same title */
    int not_film; /* NOT_FILM_* from its words */
    int speaker;  /* times it opens a line before a colon ("Jane Park: …") */
    int source;   /* a book or play the film is based on ("based on X") */
    int other;    /* called another film of the maker's ("her last film, X") */
    int italic;   /* set in italics on the page (doc->italics) */
} cand;

typedef struct {
    cand *items;
    size_t n, cap;
    size_t *index; /* open addressing: item number + 1, 0 = empty */
    size_t index_cap;
} cands;

/* The candidate with this key, or NULL (*slot: where it would go). */
cand *sc_cand_find(const cands *cs, const char *key, size_t *slot);
/* The candidate with this key, created empty if new; NULL when out of memory. */
cand *sc_cand_get(cands *cs, const char *key);
void sc_cands_free(cands *cs);

/* The title forms a line prints, as candidates; `off` is the line's offset
 * in the text or SIZE_MAX when it is not in it (the headline metadata). */
int sc_add_line_titles(cands *cs, const char *line, size_t len, size_t off, int top,
                       size_t text_len);
/* "Director: …", "Starring: …": a credit box line. */
int sc_credit_line(const char *s, size_t n);
/* `key` as whole words in the folded `hay`. */
int sc_has_words(const char *hay, const char *key);
/* The URL's path spells the key ("/the-brass-key-review"). */
int sc_in_slug(const char *url, const char *key);
/* Shorter forms counted into the longest consistent one. 0 or REEL_ENOMEM. */
int sc_absorb_short_forms(cands *cs);
/* Names made only of people's first and last names ("Hardy and Theron"). */
int sc_people_words(cands *cs);
/* With no film chosen: the title run that opens the article on a page that
 * says "the movie" throughout ("Get Out broke out."), or NULL. */
cand *sc_lead_title(const reel_doc *doc, cands *cs);

/* ---- tokens (subject_tokens.c) ---- */
int sc_tok_is(const reel_doc *d, const reel_token *t,
              const char *w); /* case-insensitive */
int sc_tok_in(const reel_doc *d, const reel_token *t, const char *const *list);
int sc_is_titleword(const reel_token *t); /* capitalised word or number */
int sc_film_context(const reel_doc *d);   /* enough film talk on the page */
size_t sc_possessive_len(const reel_doc *d, const reel_token *t); /* "'s" bytes, else 0 */
int sc_possessive_at(const reel_doc *d, size_t i);
int sc_followed_by(const reel_doc *d, size_t pos, const char *phrase);
int sc_year_after(const reel_doc *d, size_t pos);   /* " (2019)": the year */
int sc_rating_after(const reel_doc *d, size_t pos); /* " (★★★★)" */
int sc_is_quote_tok(const reel_doc *d, const reel_token *t);
int sc_label_word(const reel_doc *d, const reel_token *w);
int sc_source_before(const reel_doc *d, size_t a); /* "based on", "the novel" */
size_t sc_award_words_at(const reel_doc *d, size_t i, size_t to);
int sc_titlecase_sentence(const reel_doc *d, const reel_sentence *se);
/* The words of "Name:" labels opening lines: into `once`, then `twice`
 * when seen again (a transcript's speakers). */
void sc_note_speakers(const reel_doc *d, hset *once, hset *twice);

#endif
