/* score_labels.c — the words around a score: label classes ("Rating:" is
 * the critic's verdict, "Video:" a disc's, "Empire:" a name), a score
 * written on its own with its label (reel_score_parse), and speakers' turns
 * in a transcript ("HOST: ..."), whose scores are theirs, not the article's.
 * score_forms.c reads the forms; score.c decides which match is the verdict.
 */
#include "score.h"

#include <ctype.h>
#include <stdio.h>

/* ---------------- labels ---------------- */

/* Words that make a label about something other than the film as a whole:
 * a disc's picture and sound, one craft, a parents' guide, a release date,
 * the MPAA, or another rater (aggregators, audiences). */
/* clang-format off */
static const char *const other_words[] = {
    "video", "audio", "picture", "sound", "extras", "features", "feature", "supplements",
    "bonus", "transfer", "presentation", "packaging", "disc", "blu-ray", "bluray", "dvd",
    "4k", "uhd", "hdr", "image", "visuals", "acting", "story", "plot", "script",
    "screenplay", "direction", "directing", "cinematography", "music", "soundtrack",
    "effects", "performances", "performance", "cast", "characters", "action", "violence",
    "3d", "2d", "imax", "gore", "sex", "nudity", "language", "profanity", "drugs", "scariness", "humor",
    "humour", "replay", "value", "entertainment", "date", "release", "released",
    "runtime", "running", "time", "certificate", "age", "ages", "audience", "audiences",
    "critics", "users", "readers", "user", "reader", "viewers", "rotten", "tomatoes",
    "average", "consensus", "metascore", "your", "vote", "votes", NULL};
/* clang-format on */
/* Raters and boards that are never the critic, whatever else the label says. */
static const char *const rater_words[] = {"imdb",       "metacritic",  "tomatometer",
                                          "letterboxd", "cinemascore", "mpaa",
                                          "bbfc",       NULL};
/* Words that may sit in a label beside the ones above ("Picture Quality"). */
static const char *const label_glue[] = {"the",     "and",     "of",      "on", "quality",
                                         "special", "ratings", "overall", NULL};
/* "Rated" is a verdict label ("Rated 4 out of 5"); as the MPAA's it only
 * precedes things that are not scores (R, PG-13). */
static const char *const verdict_words[] = {
    "rating", "grade", "score", "verdict", "recommendation", "overall", "stars", "rated",
    "line" /* bottom line */,
    /* French, Spanish, Italian, German */
    "note", "cote", "calificación", "calificacion", "puntuación", "puntuacion",
    "valoración", "valoracion", "nota", "voto", "giudizio", "valutazione", "punteggio",
    "wertung", "bewertung", "urteil", "fazit", NULL};
static const char *const film_words[] = {"film", "movie", NULL};
/* A label about the film itself is made of these words only ("The Film",
 * "Our movie rating"); "Total Film" is a magazine. */
static const char *const film_label_words[] = {"the",   "our",     "my",      "this",
                                               "film",  "movie",   "rating",  "grade",
                                               "score", "verdict", "overall", NULL};

label_class score_label_class(const char *s, size_t start, size_t end)
{
    char words[8][24];
    size_t nw = 0, i = start;
    int has_film = 0, other = 0, only_other = 1, rater = 0, only_film = 1;
    while (i < end) {
        while (i < end && !isalnum((unsigned char)s[i]) && (unsigned char)s[i] < 0x80)
            i++;
        if (i >= end) break;
        size_t t = 0;
        char word[24];
        while (i < end && (isalnum((unsigned char)s[i]) || s[i] == '-' || s[i] == '\'' ||
                           (unsigned char)s[i] >= 0x80)) {
            if (t < sizeof word - 1) word[t++] = (char)tolower((unsigned char)s[i]);
            i++;
        }
        word[t] = 0;
        if (t >= 2 && word[t - 2] == '\'' && word[t - 1] == 's') word[t - 2] = 0;
        if (nw == 8) return LABEL_NONE; /* a clause, not a label */
        memcpy(words[nw++], word, sizeof word);
        int o = word_in(other_words, word, strlen(word));
        other |= o;
        rater |= word_in(rater_words, word, strlen(word));
        has_film |= word_in(film_words, word, strlen(word));
        if (!o && !word_in(label_glue, word, strlen(word)) &&
            !word_in(verdict_words, word, strlen(word)))
            only_other = 0;
        if (!word_in(film_label_words, word, strlen(word))) only_film = 0;
    }
    if (nw == 0) return LABEL_NONE;
    const char *last = words[nw - 1];
    /* "Video", "Picture Quality", "IMDb user rating"; but "Toy Story 4" and
       "Marriage Story" are titles that happen to hold such a word */
    if (rater || (other && only_other)) return LABEL_OTHER;
    /* a widget asking the reader: "Rate this film", "Your rating" */
    if (strcmp(words[0], "rate") == 0 || strcmp(words[0], "your") == 0)
        return LABEL_OTHER;
    if (has_film && only_film) return LABEL_FILM;
    if (word_in(verdict_words, last, strlen(last))) {
        if (strcmp(last, "line") == 0 && (nw < 2 || strcmp(words[nw - 2], "bottom") != 0))
            return LABEL_NONE;
        return LABEL_VERDICT;
    }
    int32_t first = score_cp_at(s, end, score_skip_space(s, end, start), NULL);
    if (uc_is_upper(first) || uc_is_digit(first)) return LABEL_TITLE;
    return LABEL_NONE;
}

/* ---------------- a score on its own ---------------- */

static int is_trailing_punct(int32_t c)
{
    return c == '.' || c == '!' || c == ';' || c == ',' || c == ':' || c == 0x2026;
}

int score_match_whole(const char *s, size_t start, size_t end, score_match *m)
{
    size_t a = start, b = end, n, p;
    while (a < b && (uc_is_space(score_cp_at(s, b, a, &n)) || s[a] == '\n'))
        a = n;
    while (b > a) {
        int32_t c = score_cp_before(s, b, &p);
        if (!(uc_is_space(c) || is_trailing_punct(c))) break;
        b = p;
    }
    if (a >= b) return 0;
    /* a verdict label first: "Rating: 3/4", "Grade - B+", "Verdict | Skip it",
       "Grade/A-" (a slash right after the label's word) */
    int labelled = 0;
    size_t label_end = a;
    for (size_t k = a; k < b && k < a + 48; k++) {
        if (s[k] == ':' || s[k] == '|' || (s[k] == '-' && k > a && s[k - 1] == ' ') ||
            (s[k] == '/' && k > a && isalpha((unsigned char)s[k - 1]))) {
            label_class lc = score_label_class(s, a, k);
            if (lc == LABEL_VERDICT || lc == LABEL_FILM) {
                label_end = k;
                a = score_skip_space(s, b, k + 1);
                labelled = 1;
            }
            break;
        }
        if (s[k] == '\n') break;
    }
    /* one pair of brackets or quotes around it: "(★★★★)", "“B+”" */
    int32_t open = score_cp_at(s, b, a, &n);
    int32_t close = score_cp_before(s, b, &p);
    if ((open == '(' && close == ')') || (open == '[' && close == ']') ||
        (open == '"' && close == '"' && p > a) || (open == 0x201C && close == 0x201D)) {
        a = score_skip_space(s, b, n);
        b = score_skip_space_back(s, a, p);
    }
    if (a >= b) return 0;
    if (score_match_at(s, b, a, m) && m->end == b) return labelled || !m->other_unit;
    /* "Grade B+", "Rating 3/4": a label word without a separator */
    size_t w = a;
    while (w < b && isalpha((unsigned char)s[w]))
        w++;
    label_class lc = score_label_class(s, a, w);
    if (w < b && w > a && (lc == LABEL_VERDICT || lc == LABEL_FILM)) {
        size_t k = score_skip_space(s, b, w);
        if (k > w && score_match_at(s, b, k, m) && m->end == b) return 1;
        if (k > w && score_match_bare(s, b, k, m) && m->end == b) {
            score_bare_label(s, a, w, m);
            return 1;
        }
    }
    /* "Rating: 2.0": a bare number is a score only after a verdict label */
    if (labelled && score_match_bare(s, b, a, m) && m->end == b) {
        score_bare_label(s, start, label_end, m);
        return 1;
    }
    return 0;
}

int reel_score_parse(reel_score *out, const char *text, size_t len)
{
    score_match m;
    if (!out) return REEL_EINVAL;
    memset(out, 0, sizeof *out);
    if (!text && len) return REEL_EINVAL;
    if (!text || !score_match_whole(text, 0, len, &m)) return REEL_ENOTFOUND;
    out->raw = malloc(m.end - m.start + 1);
    if (!out->raw) return REEL_ENOMEM;
    memcpy(out->raw, text + m.start, m.end - m.start);
    out->raw[m.end - m.start] = 0;
    out->found = 1;
    out->form = score_form_name(m.form);
    out->span.start = m.start;
    out->span.end = m.end;
    out->value = m.value;
    out->scale = m.scale;
    out->score100 = m.score100;
    return REEL_OK;
}

/* ---------------- transcripts ---------------- */

static const char *const credit_words[] = {
    "by",         "director",       "directors", "writer",      "writers", "starring",
    "stars",      "cast",           "producer",  "producers",   "music",   "editor",
    "screenplay", "cinematography", "runtime",   "genre",       "release", "country",
    "language",   "distributor",    "studio",    "certificate", "time",    NULL};

/* A line opened by a speaker's name and a colon, then what they said:
 * "JANE MORROW: I'd give it a 4." Returns where the words said start (0
 * when the line is no turn). Verdict, film and aspect labels ("Rating:",
 * "Video:") are not speakers; a name and a score alone ("Empire: 4/5") is a
 * list item, which best_match weighs on its own. */
size_t score_turn_start(const char *s, size_t ls, size_t le)
{
    size_t c = ls;
    while (c < le && c - ls < 32 && s[c] != ':')
        c++;
    if (c >= le || s[c] != ':' || c == ls || !isupper((unsigned char)s[ls])) return 0;
    int words = 1;
    for (size_t i = ls; i < c; i++) {
        if (isdigit((unsigned char)s[i])) return 0;
        if (s[i] == ' ') {
            words++;
            if (i + 1 < c && !isupper((unsigned char)s[i + 1])) return 0;
        }
    }
    if (words > 4) return 0;
    /* credits are no speakers: "DIRECTED BY: ...", "Starring: ..." */
    size_t lw = c;
    while (lw > ls && s[lw - 1] != ' ')
        lw--;
    char last[32];
    size_t n = 0;
    for (size_t i = lw; i < c && n + 1 < sizeof last; i++)
        last[n++] = (char)tolower((unsigned char)s[i]);
    last[n] = 0;
    if (word_in(credit_words, last, strlen(last))) return 0;
    label_class lc = score_label_class(s, ls, c);
    if (lc == LABEL_VERDICT || lc == LABEL_FILM || lc == LABEL_OTHER) return 0;
    size_t t = score_skip_space(s, le, c + 1);
    /* what was said: a sentence, not a value */
    size_t letters = 0;
    for (size_t i = t; i < le && letters < 12; i++)
        letters += isalpha((unsigned char)s[i]) != 0;
    return letters >= 12 ? t : 0;
}

int score_count_turns(const char *s, size_t len)
{
    int turns = 0;
    for (size_t i = 0; i < len && turns < 2;) {
        const char *e = memchr(s + i, '\n', len - i);
        size_t le = e ? (size_t)(e - s) : len;
        turns += score_turn_start(s, i, le) != 0;
        i = le + 1;
    }
    return turns;
}
