/* score_words.c — the word tests and word lists the explicit-score finder
 * (score.c) reads a match's surroundings with: other raters, a disc's
 * qualities, date cues, rating verbs and the fillers between a verb and its
 * score, negations.
 */
#include "score.h"

#include <ctype.h>

/* Does [a, b) contain `word` (ASCII, case-insensitive) as a whole word? */
int score_has_word(const char *s, size_t a, size_t b, const char *word)
{
    size_t n = strlen(word);
    while (a < b) {
        const char *p = memmem_ci_ascii(s + a, b - a, word);
        if (!p) return 0;
        size_t at = (size_t)(p - s);
        int left = at == 0 || !isalnum((unsigned char)s[at - 1]);
        int right = at + n >= b || !isalnum((unsigned char)s[at + n]);
        if (left && right) return 1;
        a = at + 1;
    }
    return 0;
}

int score_has_any_word(const char *s, size_t a, size_t b, const char *const *list)
{
    for (; *list; list++)
        if (score_has_word(s, a, b, *list)) return 1;
    return 0;
}

/* ---------------- vocabularies ---------------- */

/* Someone other than the critic rated it: aggregators, audiences, polls. */
const char *const score_other_raters[] = {
    "metacritic",   "imdb",           "rotten tomatoes",
    "tomatometer",  "letterboxd",     "cinemascore",
    "according to", "audience score", "audiences gave",
    "critics gave", "average rating", "average score",
    "averaged",     "aggregate",      "consensus",
    "polled",       "user rating",    "user score",
    "users gave",   "readers gave",   NULL};

/* A disc's or a stream's qualities, not the film's. */
const char *const score_disc_words[] = {"video",
                                        "audio",
                                        "picture quality",
                                        "sound quality",
                                        "transfer",
                                        "extras",
                                        "disc",
                                        "blu-ray",
                                        "bluray",
                                        "4k",
                                        "uhd",
                                        "hdr",
                                        "dvd",
                                        "bonus features",
                                        "special features",
                                        "supplements",
                                        "encode",
                                        NULL};

/* Words that come before a date or a time: "opens 4/5", "on 10/11". */
const char *const score_date_cues[] = {
    "on",        "opens",    "opening",  "opened", "released", "release", "premieres",
    "premiered", "airs",     "aired",    "until",  "through",  "since",   "dated",
    "due",       "starting", "begins",   "ends",   "monday",   "tuesday", "wednesday",
    "thursday",  "friday",   "saturday", "sunday", "mon",      "tue",     "wed",
    "thu",       "fri",      "sat",      "sun",    "at",       NULL};

/* Verbs a critic rates with; score_fillers that may sit between verb and score. */
const char *const score_rating_verbs[] = {
    "give",   "gives",   "giving",  "gave",     "rate",     "rates",   "rating",
    "rated",  "award",   "awards",  "awarding", "awarded",  "score",   "scores",
    "scored", "scoring", "earn",    "earns",    "earned",   "earning", "get",
    "gets",   "got",     "deserve", "deserves", "deserved", "merit",   "merits",
    "worth",  "is",      "it's",    "that's",   "was",      "be",      "remains",
    "call",   "calling", NULL};
const char *const score_third_person_verbs[] = {"gave",   "gives", "awarded",
                                                "awards", "rated", NULL};
const char *const score_first_person[] = {"i",  "i'd",  "i'll",  "i'm", "i've",
                                          "we", "we'd", "we'll", "my",  "our",
                                          "me", "us",   NULL};
const char *const score_fillers[] = {
    "it",       "this",        "that",       "the",    "film",
    "movie",    "one",         "a",          "an",     "solid",
    "strong",   "full",        "perfect",    "mere",   "measly",
    "only",     "just",        "merely",     "simply", "me",
    "whopping", "respectable", "generous",   "rare",   "well-deserved",
    "healthy",  "very",        "high",       "low",    "grade",
    "of",       "out",         "overall",    "rather", "quite",
    "truly",    "still",       "ultimately", "firmly", "solidly",
    "easily",   "definitely",  "barely",     "at",     "best",
    "most",     "least",       NULL};
/* Words before a date in French, Spanish, German and Italian ("le 4/5",
 * "el 4/5", "am 4/5", "dal 4/5"): a fraction after them is a day and month,
 * even on a labelled line. */
const char *const score_date_cues_abroad[] = {
    "le", "el", "am", "il", "du", "au", "del", "dal", "vom", "ab", "bis", "desde", NULL};
/* Words that turn a rating verb round ("I would not give it 4/5"). */
const char *const score_negations[] = {"not",    "never", "hardly", "isn't",
                                       "wasn't", "no",    "nor",    NULL};
