/* subject_words.c — what a candidate title's own words say against it
 * being a film: a person (a common first name or an honorific first:
 * "Frank Herbert", "Queen Anne"), an award ("Oscar for Best Picture"), a
 * company ("A24", "Searchlight Pictures"), a place or nationality
 * ("Irish", "Japanese"), or a page label ("Year Released", "Written by").
 * The first names are the names model (models/names.model, made by `reel
 * train names` from a gazetteer and compiled in): grammar in subject.c
 * ("X plays", "(X)") finds the people it does not name.
 */
#include "facts.h"
#include "subject.h"

#include <strings.h>

static int cmp_word(const void *k, const void *e)
{
    return strcmp((const char *)k, *(const char *const *)e);
}

static int in_sorted(const char *const *list, size_t n, const char *w, size_t len)
{
    char buf[32];
    if (len == 0 || len >= sizeof buf) return 0;
    memcpy(buf, w, len);
    buf[len] = 0;
    return bsearch(buf, list, n, sizeof *list, cmp_word) != NULL;
}

int subject_first_name(const char *w, size_t n)
{
    return in_sorted(subject_names_model, subject_names_model_n, w, n);
}

/* Titles and kinship words put before a name: "Queen Anne", "Uncle Vanya"
 * is a play's title too, but never the article's film. */
static const char *const honorifics[] = {
    "queen",    "king",      "lady",     "lord",      "sir",       "duke",
    "duchess",  "prince",    "princess", "uncle",     "aunt",      "mr",
    "mrs",      "ms",        "dr",       "president", "emperor",   "captain",
    "general",  "senator",   "governor", "judge",     "father",    "sister",
    "brother",  "detective", "officer",  "agent",     "professor", "count",
    "countess", "baron",     "pope",     "saint",     "st",        NULL};

/* Words that make a name an award, a prize or a ceremony. */
static const char *const award_words[] = {
    "oscar",  "oscars",     "award",       "awards",   "prize",  "prizes",
    "globe",  "globes",     "bafta",       "baftas",   "emmy",   "emmys",
    "palme",  "nomination", "nominations", "festival", "razzie", "razzies",
    "grammy", "grammys",    "tonys",       "volpi",    NULL};

/* The last word of a company's name, and a few companies known by one. */
static const char *const company_last[] = {
    "pictures",  "studios",  "entertainment", "productions",  "media",
    "releasing", "features", "television",    "tv",           "channel",
    "inc",       "ltd",      "llc",           "corp",         "corporation",
    "group",     "records",  "bros",          "distribution", "plus",
    "originals", "news",     "magazine",      "post",         "journal",
    "guardian",  "tribune",  "herald",        "reporter",     NULL};
static const char *const companies[] = {"a24",
                                        "netflix",
                                        "hbo",
                                        "hbo max",
                                        "mubi",
                                        "disney",
                                        "universal",
                                        "paramount",
                                        "warner bros",
                                        "searchlight",
                                        "neon",
                                        "amazon",
                                        "apple",
                                        "apple tv",
                                        "sony",
                                        "lionsgate",
                                        "focus features",
                                        "miramax",
                                        "blumhouse",
                                        "mgm",
                                        "fox",
                                        "dreamworks",
                                        "pixar",
                                        "marvel",
                                        "legendary",
                                        "imax",
                                        "hulu",
                                        "youtube",
                                        "twitter",
                                        "facebook",
                                        "instagram",
                                        "tiktok",
                                        "google",
                                        "reuters",
                                        "associated press",
                                        "ap",
                                        "afp",
                                        "imdb",
                                        "rotten tomatoes",
                                        "letterboxd",
                                        "metacritic",
                                        "bbc",
                                        "cnn",
                                        "nbc",
                                        "cbs",
                                        "abc",
                                        "comedy central",
                                        "snl",
                                        "saturday night live",
                                        "criterion",
                                        "annapurna",
                                        NULL};

/* Words after which a name is a people, a territory, a body: "Osage Nation". */
static const char *const place_last[] = {"nation",   "nations",  "county", "tribe",
                                         "republic", "province", "church", "university",
                                         "college",  NULL};

/* Continents and regions the country and city tables do not hold. */
static const char *const regions[] = {"america",
                                      "north america",
                                      "south america",
                                      "latin america",
                                      "europe",
                                      "asia",
                                      "africa",
                                      "oceania",
                                      "middle east",
                                      "scandinavia",
                                      "hollywood",
                                      "bollywood",
                                      "silicon valley",
                                      "wall street",
                                      "broadway",
                                      "west end",
                                      "midwest",
                                      "east coast",
                                      "west coast",
                                      "the south",
                                      "new york city",
                                      "nyc",
                                      "la",
                                      "uk",
                                      "us",
                                      "usa",
                                      "eu",
                                      NULL};

/* Page labels: credit boxes, bylines, menus, photo credits. */
static const char *const labels[] = {"director",
                                     "directors",
                                     "directed",
                                     "directed by",
                                     "written by",
                                     "writer",
                                     "writers",
                                     "screenplay",
                                     "screenwriter",
                                     "starring",
                                     "stars",
                                     "cast",
                                     "actors",
                                     "producer",
                                     "producers",
                                     "music",
                                     "composer",
                                     "editor",
                                     "cinematography",
                                     "cinematographer",
                                     "rating",
                                     "rated",
                                     "rating",
                                     "grade",
                                     "score",
                                     "verdict",
                                     "genre",
                                     "language",
                                     "country",
                                     "year",
                                     "year released",
                                     "released",
                                     "release date",
                                     "release",
                                     "opened",
                                     "opens",
                                     "running time",
                                     "runtime",
                                     "run time",
                                     "certificate",
                                     "certification",
                                     "classification",
                                     "distributor",
                                     "studio",
                                     "title",
                                     "film",
                                     "movie",
                                     "review",
                                     "reviews",
                                     "interview",
                                     "news",
                                     "photo",
                                     "photos",
                                     "image",
                                     "credit",
                                     "credits",
                                     "courtesy",
                                     "source",
                                     "updated",
                                     "published",
                                     "posted",
                                     "by",
                                     "share",
                                     "share this story",
                                     "advertisement",
                                     "subscribe",
                                     "related",
                                     "read more",
                                     "more",
                                     "watch",
                                     "trailer",
                                     "exclusive",
                                     "feature",
                                     "features",
                                     "opinion",
                                     "spoilers",
                                     "streaming platform",
                                     "streaming",
                                     "where to watch",
                                     "available on",
                                     "format",
                                     "formats",
                                     "platform",
                                     "tags",
                                     "filed under",
                                     "category",
                                     "skip to main content",
                                     "main content",
                                     "menu",
                                     "home",
                                     "search",
                                     NULL};

int subject_label(const char *w, size_t n)
{
    return word_in(labels, w, n);
}

static size_t count_words(const char *key)
{
    size_t n = *key ? 1 : 0;
    for (const char *p = key; *p; p++)
        n += *p == ' ';
    return n;
}

/* "Best Picture", "a Best Supporting Actress": an award category, but not
 * "The Best Years of Our Lives". */
static const char *const categories[] = {

    "picture",     "film",           "director",    "actor",    "actress",  "supporting",
    "screenplay",  "international",  "foreign",     "original", "adapted",  "animated",
    "documentary", "cinematography", "editing",     "score",    "song",     "costume",
    "production",  "makeup",         "sound",       "visual",   "ensemble", "british",
    "feature",     "short",          "performance", NULL};

int subject_category_word(const char *w, size_t n)
{
    return word_in(categories, w, n);
}

static int best_category(const char *key)
{
    for (const char *p = key; (p = strstr(p, "best ")) != NULL; p += 5) {
        if (p != key && p[-1] != ' ') continue;
        const char *w = p + 5;
        if (word_in(categories, w, strcspn(w, " "))) return 1;
    }
    return 0;
}

/* "Set in Miami", "Sunday at Cannes": a place after "in"/"at". */
static int in_place(const char *key)
{
    static const char *const preps[] = {" in ", " at ", NULL};
    for (const char *const *pr = preps; *pr; pr++) {
        const char *p = strstr(key, *pr);
        if (!p) continue;
        const char *w = p + 4;
        if (place_city_country(w) || place_country_name(w) || place_festival(w)) return 1;
    }
    return 0;
}

/* Days of the week: a date's words ("on Sunday"), never a film. */
static const char *const weekdays[] = {"monday", "tuesday",  "wednesday", "thursday",
                                       "friday", "saturday", "sunday",    NULL};

int subject_not_film(const char *key)
{
    size_t len = strlen(key), words = count_words(key);
    if (!words) return NOT_FILM_LABEL;
    if (word_in(weekdays, key, len)) return NOT_FILM_LABEL;
    if (subject_label(key, len)) return NOT_FILM_LABEL;
    if (len > 3 && !strcmp(key + len - 3, " by")) return NOT_FILM_LABEL;
    if (word_in(companies, key, len)) return NOT_FILM_COMPANY;
    /* word by word */
    const char *first = key, *last = strrchr(key, ' ');
    size_t first_n = strcspn(key, " ");
    last = last ? last + 1 : key;
    size_t last_n = strlen(last);
    if (best_category(key)) return NOT_FILM_AWARD;
    /* festival prizes named after animals: "Golden Lion", "Silver Bear" */
    if ((!strncmp(key, "golden ", 7) || !strncmp(key, "silver ", 7)) && words == 2 &&
        (!strcmp(key + 7, "lion") || !strcmp(key + 7, "bear") ||
         !strcmp(key + 7, "globe")))
        return NOT_FILM_AWARD;
    for (const char *w = key; *w;) {
        size_t n = strcspn(w, " ");
        if (word_in(award_words, w, n) && !(words == 1 && !strcmp(w, "spirit")))
            return NOT_FILM_AWARD;
        w += n;
        while (*w == ' ')
            w++;
    }
    if (words >= 2 && word_in(company_last, last, last_n)) return NOT_FILM_COMPANY;
    if (words >= 2 && word_in(place_last, last, last_n)) return NOT_FILM_PLACE;
    if (place_festival(key)) return NOT_FILM_AWARD; /* an event, not a film */
    if (in_place(key)) return NOT_FILM_PLACE;
    if (place_demonym(key) || place_language(key) || place_country_name(key) ||
        place_city_country(key) || word_in(regions, key, len))
        return NOT_FILM_PLACE;
    if (words >= 2 && words <= 4 && word_in(honorifics, first, first_n))
        return NOT_FILM_PERSON;
    if (words >= 2 && words <= 3 && subject_first_name(first, first_n)) {
        /* "Jordan Peele", but not "Frances Ha and the Something": a name has
         * no small words in it */
        static const char *const small[] = {"of", "the", "a",    "an",  "in", "on", "at",
                                            "to", "for", "with", "and", "my", "is", NULL};
        for (const char *w = key; *w;) {
            size_t n = strcspn(w, " ");
            if (word_in(small, w, n)) return NOT_FILM_NONE;
            w += n;
            while (*w == ' ')
                w++;
        }
        return NOT_FILM_PERSON;
    }
    return NOT_FILM_NONE;
}

/* ---- the word lists subject.c reads tokens against ---- */

const char *const subject_connectors[] = {
    "of",   "and",  "the", "a",   "an",  "in",  "on", "at", "to", "for",
    "with", "from", "by",  "or",  "nor", "but", "as", "vs", "de", "del",
    "la",   "le",   "les", "los", "las", "el",  "y",  "e",  "di", "da",
    "du",   "des",  "von", "van", "der", "den", "il", NULL};

const char *const subject_genre_words[] = {
    "film",        "movie",   "drama",      "comedy",      "thriller", "documentary",
    "feature",     "picture", "sequel",     "prequel",     "remake",   "musical",
    "western",     "romance", "epic",       "melodrama",   "biopic",   "horror",
    "animation",   "cartoon", "adaptation", "blockbuster", "flick",    "dramedy",
    "satire",      "noir",    "films",      "movies",      "title",    "classic",
    "masterpiece", "hit",     "hits",       "release",     "premiere", "screening",
    "series",      "show",    "version",    NULL};

/* The genre words that name a film and nothing else ("hit", "show" and
 * "release" name songs, programmes and products too). */
const char *const subject_film_nouns[] = {
    "film",     "movie",  "films", "movies", "documentary", "biopic", "flick",
    "thriller", "comedy", "drama", "sequel", "remake",      NULL};

const char *const subject_person_after[] = {
    "says",     "said",    "tells",    "told",   "explains", "explained", "recalls",
    "adds",     "added",   "plays",    "played", "portrays", "portrayed", "stars",
    "starred",  "directs", "directed", "wrote",  "writes",   "who",       "himself",
    "herself",  "he",      "she",      "his",    "her",      "whom",      "turns",
    "delivers", "gives",   NULL};

const char *const subject_person_before[] = {"director",
                                             "directors",
                                             "actor",
                                             "actress",
                                             "star",
                                             "filmmaker",
                                             "writer",
                                             "writer-director",
                                             "composer",
                                             "producer",
                                             "critic",
                                             "by",
                                             "mr",
                                             "mrs",
                                             "ms",
                                             "dr",
                                             "cinematographer",
                                             "editor",
                                             "screenwriter",
                                             "co-star",
                                             "costar",
                                             "collaborator",
                                             "muse",
                                             "auteur",
                                             "novelist",
                                             "author",
                                             "mother",
                                             "father",
                                             "son",
                                             "daughter",
                                             "brother",
                                             "sister",
                                             "wife",
                                             "husband",
                                             "friend",
                                             "lover",
                                             "boyfriend",
                                             "girlfriend",
                                             "named",
                                             "protagonist",
                                             "character",
                                             "assistant",
                                             NULL};

const char *const subject_film_after[] = {
    "is rated", "opens",    "follows",      "premieres", "premiered", "hits",   "arrives",
    "tells of", "centers",  "centres",      "is a",      "is an",     "is the", "was",
    "is",       "stumbles", "demonstrates", "amounts",   "comes",     NULL};

/* Words of film talk. A page with few of them (a news story about trade
 * or a gadget review) names no film unless a name carries a film's own
 * marks ("the film X", "X (2019)", "X (★★★★)"): otherwise every recurring
 * capitalised name there ("Beijing", "Home Depot") would become a film. */
const char *const subject_film_vocab[] = {"film",
                                          "films",
                                          "movie",
                                          "movies",
                                          "director",
                                          "directed",
                                          "directs",
                                          "directing",
                                          "starring",
                                          "screenplay",
                                          "cinema",
                                          "cinematic",
                                          "cinematographer",
                                          "cinematography",
                                          "trailer",
                                          "actor",
                                          "actress",
                                          "actors",
                                          "actresses",
                                          "filmmaker",
                                          "filmmakers",
                                          "screening",
                                          "screenings",
                                          "oscar",
                                          "oscars",
                                          "cannes",
                                          "sundance",
                                          "premiere",
                                          "premiered",
                                          "sequel",
                                          "documentary",
                                          "blu-ray",
                                          "dvd",
                                          "scene",
                                          "scenes",
                                          "character",
                                          "characters",
                                          "screenwriter",
                                          "hollywood",
                                          "biopic",
                                          "remake",
                                          "theaters",
                                          "theatres",
                                          "theatrical",
                                          "box-office",
                                          "auteur",
                                          "filmography",
                                          "criterion",
                                          "streaming",
                                          "cast",
                                          "spoilers",
                                          "credits",
                                          "franchise",
                                          "blockbuster",
                                          NULL};

/* Words that start sentences and headlines but are not names. */
const char *const subject_starters[] = {
    "the",      "a",       "an",       "this",      "that",    "these",   "those",
    "it",       "its",     "he",       "she",       "they",    "we",      "i",
    "you",      "his",     "her",      "their",     "our",     "my",      "your",
    "but",      "and",     "or",       "so",        "yet",     "still",   "as",
    "in",       "on",      "at",       "for",       "with",    "from",    "by",
    "if",       "when",    "while",    "after",     "before",  "since",   "though",
    "although", "because", "even",     "there",     "here",    "what",    "who",
    "how",      "why",     "where",    "one",       "both",    "all",     "some",
    "many",     "most",    "each",     "every",     "no",      "not",     "then",
    "thus",     "also",    "really",   "whatever",  "however", "indeed",  "time",
    "watch",    "review",  "everyone", "everybody", "nobody",  "someone", "somebody",
    "anyone",   "anybody", "film",     "movie",     NULL};
