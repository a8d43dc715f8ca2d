/* facts.h — private to the facts analyzer (facts*.c, places.c): the state
 * of one article's extraction. facts.c drives it (tokens, films in each
 * sentence, people, anaphora, dedup, output); facts_keywords.c masks the
 * words patterns start at; facts_names.c finds people; facts_people.c,
 * facts_cast.c, facts_crew.c and facts_lists.c hold the patterns for
 * people in roles (facts_lists.c those for lists and credit blocks);
 * facts_forms.c the rarer wordings of those; facts_awards.c awards; facts_companies.c
 * studios and distributors; facts_misc.c dates, ratings, runtimes and places; places.c
 * the tables of countries, cities, languages and festivals.
 */
#ifndef REEL_FACTS_H
#define REEL_FACTS_H

#include "../internal.h"
#include "lexicon.h"

/* Bounds that keep hostile input linear: facts kept per article, people
 * tracked, tokens a pattern may look across. */
#define FX_MAX_FACTS 400
#define FX_MAX_PEOPLE 4096
_Static_assert(FX_MAX_PEOPLE <= 32767, "fx.person_at holds a person in 16 bits");
#define FX_MAX_NAME 6   /* tokens in one person's name */
#define FX_MAX_TITLE 12 /* tokens in one film title */

/* roles a person has been seen in (bit set) */
enum {
    R_DIRECTOR = 1 << 0,
    R_WRITER = 1 << 1,
    R_ACTOR = 1 << 2,
    R_CHARACTER = 1 << 3,
    R_CREW = 1 << 4,   /* cinematographer, composer, producer, editor */
    R_OTHER = 1 << 5,  /* a real person in some other capacity (a critic) */
    R_PERSON = 1 << 6, /* evidence of a person: says, tells, Mr. ... */
    R_AUTHOR = 1 << 7  /* wrote the book or play a film adapts */
};

/* what a token may start (kmask): patterns are tried only where their
 * first word is, so most tokens cost one hash lookup */
enum {
    M_CAP = 1u << 0,    /* capitalised word */
    M_NUM = 1u << 1,    /* starts with a digit */
    M_PAREN = 1u << 2,  /* "(" */
    M_LABEL = 1u << 3,  /* "Director:", "Cast:" */
    M_PLAY = 1u << 4,   /* plays, stars, is cast (as) */
    M_PLAYED = 1u << 5, /* played/portrayed/voiced (by) */
    M_AS = 1u << 6,
    M_PERF = 1u << 7, /* performance, turn */
    M_STARRING = 1u << 8,
    M_BY = 1u << 9,    /* by, of */
    M_ROLE = 1u << 10, /* director, composer, "film" editor... */
    M_DET = 1u << 11,  /* the, its, his, her: "the director" */
    M_PLAYING = 1u << 12,
    M_RATED = 1u << 13,
    M_RUNWORD = 1u << 14, /* one, two...: "two hours" */
    M_CLABEL = 1u << 15,  /* country:, language: */
    M_COMPANY = 1u << 16, /* studio:, distributed by, a ... release */
    M_SET = 1u << 17,     /* set in, in, to, across, one of */
    M_AWARD = 1u << 18,   /* won, nominated */
    M_AT = 1u << 19,      /* at, in: festivals */
    M_NOTNAME = 1u << 20, /* never starts a name */
    M_DEMONYM = 1u << 21, /* Spanish, Mexican */
    M_LANG = 1u << 22,    /* French, Mandarin */
    M_TCUE = 1u << 23,    /* a list of titles may follow: like, between... */
    M_VERB = 1u << 24,    /* directed, wrote, shot... */
    M_LIST = 1u << 25,    /* a list of people may follow or precede: cast, co-star */
    M_FEST = 1u << 26,    /* a festival's name may start here: Cannes, Sundance */
    M_ABODY = 1u << 27    /* an award's body, category or count: Oscar, best, six */
};

/* token flags */
enum {
    TF_SUBJECT = 1 << 0, /* part of a mention of the subject film */
    TF_FILM = 1 << 1,    /* part of a mention of another film */
    TF_FILM_START = 1 << 2,
    TF_POSS = 1 << 3 /* ends in a possessive 's / ’s / s' */
};

typedef struct {
    char *name;               /* best written form ("Pedro Almodóvar"), arena */
    char *key;                /* folded */
    const char *first, *last; /* folded first and last word (inside key copy) */
    size_t first_len, last_len;
    int words;
    int mentions;
    int full;                    /* the full name a single word resolves to, or -1 */
    int last_alone, first_alone; /* times its last / first word stood alone */
    int8_t isp;                  /* is a person (not a firm or place): -1 not yet known */
    unsigned roles;
    size_t last_tok; /* token index of the latest mention seen (pass 2) */
} fx_person;

typedef struct {
    size_t a, b; /* token range [a, b) of one film mention */
    int film;    /* -1 subject, else index into fx.films */
} fx_filmocc;

typedef struct {
    char *title; /* as written */
    char *key;
} fx_film;

typedef struct {
    const char *predicate;
    char *value, *norm, *qualifier;
    int film; /* -1 subject, else index into fx.films */
    reel_span span;
    size_t sentence;
    double confidence;
} fx_fact;

typedef struct fx {
    reel_ctx *ctx;
    reel_doc *doc;
    const char *text;
    const reel_token *tok;
    size_t ntok;
    /* the folded form of each token ("" for punct): the per-token arrays
     * are what a huge page costs, so a token holds a 4-byte index into the
     * pool of distinct forms (interned in the arena, read only), and a
     * form its keyword bits (tkmask adds the token's own) */
    uint32_t *wid;      /* token → its form in words */
    const char **words; /* the distinct forms */
    uint32_t *wmask;    /* form → M_* bits of a word token with that form */
    size_t nwords, capwords;
    uint8_t *tflag;
    int16_t *person_at; /* token → person whose name starts there, or -1
                           (16 bits: a per-token array, FX_MAX_PEOPLE fits) */
    uint8_t *name_len;  /* token → length of that name run in tokens */
    /* films */
    fx_film *films;
    size_t nfilms, capfilms;
    fx_filmocc *occ;
    size_t nocc, capocc;
    /* occurrence by its first token (open addressing, occurrence + 1, 0
     * empty): a token's occurrence is found from the flags, not kept per
     * token */
    uint32_t *ohash;
    size_t ohcap;
    /* people, with a hash of folded keys and of single words */
    fx_person *people;
    size_t npeople, cappeople;
    int32_t *phash; /* open addressing over keys */
    size_t phcap;
    /* current sentence */
    size_t sent, sa, sb; /* index and token range */
    int sent_subject;    /* the sentence names the subject or "the film" */
    int sent_heading;    /* the sentence is a heading (headline) */
    uint8_t *heading;    /* per sentence */
    int sent_other;      /* index of another film named in it, or -1 */
    int stage;           /* 0: strong patterns, 1: weak ones and anaphora */
    /* anaphora: the latest people named (resolved indices), newest last */
    int ring[24];
    size_t ring_n;
    size_t last_char_sent; /* sentence of the latest character named */
    /* awards: the body (or festival) the article last named */
    const char *award_body, *award_fest;
    const char *award_seen[8]; /* bodies and festivals named so far */
    uint8_t award_isfest[8];
    int award_count[8];
    size_t award_nseen;
    /* output */
    fx_fact *facts;
    size_t nfacts;
    int oom;
} fx;

/* ---- facts.c: tokens and words ---- */
size_t tlen(const fx *x, size_t i);
const char *tstr(const fx *x, size_t i);
/* Is token i the word w (ASCII, any case)? Inline so that the length of
 * a literal is known at compile time: most calls fail on it. */
static inline int tis(const fx *x, size_t i, const char *w)
{
    size_t wl = __builtin_strlen(w);
    if (i >= x->ntok || x->tok[i].span.end - x->tok[i].span.start != wl) return 0;
    const char *s = x->text + x->tok[i].span.start;
    for (size_t k = 0; k < wl; k++) {
        unsigned char c = (unsigned char)s[k];
        if (c >= 'A' && c <= 'Z') c = (unsigned char)(c + 32);
        if (c != (unsigned char)w[k]) return 0;
    }
    return 1;
}
int tin(const fx *x, size_t i, const char *const *l); /* one of the list */
int tpunct(const fx *x, size_t i, const char *p);     /* exactly this text */
int tadjacent(const fx *x, size_t i);                 /* no space before i */
int is_apos_tok(const fx *x, size_t i);               /* ' or ’ */
int tcap(const fx *x, size_t i);                      /* capitalised word */
/* The folded form of token i (i < ntok). */
static inline const char *tfold(const fx *x, size_t i)
{
    return x->words[x->wid[i]];
}
/* The M_* bits of token i (i < ntok): its form's keyword bits if it is a
 * word, and what the token itself is (capitalised, a number, "("). */
static inline uint32_t tkmask(const fx *x, size_t i)
{
    const reel_token *t = &x->tok[i];
    const char *s = x->text + t->span.start;
    uint32_t m = 0;
    if (t->kind == REEL_TOK_WORD) {
        m = x->wmask[x->wid[i]];
        if (t->cap) m |= M_CAP;
    }
    if (t->kind == REEL_TOK_NUMBER || (unsigned)(s[0] - '0') < 10) m |= M_NUM;
    if (t->span.end - t->span.start == 1 && s[0] == '(') m |= M_PAREN;
    return m;
}
/* Does token i carry one of the M_* bits? */
static inline int tk(const fx *x, size_t i, uint32_t m)
{
    return i < x->ntok && (tkmask(x, i) & m);
}
int tlower(const fx *x, size_t i); /* lower-case word */
/* A name run of a person (or character) at token i within the sentence:
 * its length in tokens (0 if none) and the person index (or -1). */
size_t name_at(fx *x, size_t i, int *person);
/* The name run ending right before token i (exclusive), if any: start. */
int name_before(fx *x, size_t i, size_t *start, int *person);
/* The film mentioned at token i: index (-1 subject), or -2 if none, and
 * its length. */
int film_at(const fx *x, size_t i, size_t *len);
/* Resolve a person mention to the full person (surname → full name). */
int person_resolve(fx *x, int p);
/* The most recent person for anaphora: with one of `want` roles first,
 * never one of `avoid`. -1 if none. */
int antecedent(fx *x, unsigned want, unsigned avoid);
void person_role(fx *x, int p, unsigned roles);
/* Emit a fact. value/qualifier copied; film -1 subject, -2 "from context"
 * (the sentence's film). Returns 0 or REEL_ENOMEM. */
int fx_emit(fx *x, const char *pred, const char *value, size_t vlen, const char *norm,
            const char *qual, size_t qlen, int film, size_t span_a, size_t span_b,
            double conf);
/* Emit a fact about person p in a role. */
int fx_emit_person(fx *x, const char *pred, int p, const char *qual, size_t qlen,
                   int film, size_t ta, size_t tb, double conf);
/* The occurrence of a film covering token i (index into occ), or -1. */
int32_t occ_at(const fx *x, size_t i);
/* Register another film named by the title run [a, b): index or -1. */
int fx_add_film(fx *x, size_t a, size_t b);
/* The film a fact read in the current sentence is about, when the pattern
 * did not name one: the subject unless only other films are named. */
int context_film(const fx *x);

/* ---- facts_films.c ---- */
/* Mark every occurrence of the subject and of other films. */
int mark_films(fx *x);
/* Is the run [a, b) a film the article knows (marked, registered, found
 * by the subject analyzer, or set in italics on the page)? */
int fx_titled(fx *x, size_t a, size_t b);

/* ---- facts_keywords.c ---- */
/* The keyword bits of every distinct form (wmask). */
int build_kmask(fx *x, reel_arena *a);

/* ---- facts_names.c ---- */
/* Find the name runs and build the people of the article. */
int collect_people(fx *x, reel_arena *a);
/* How often the person with this folded key is named (full name, first
 * or last name alone); 0 if not a person of the article. */
int fx_person_mentions(const fx *x, const char *key);
/* A person named at the current position (for anaphora). */
void note_mention(fx *x, int p);

/* ---- facts_people.c: shared helpers, the dispatcher ---- */
/* Patterns that start at token i of the current sentence. */
int people_at(fx *x, size_t i);
/* role noun at token i ("director", "composer"...): predicate or NULL */
const char *role_noun(const fx *x, size_t i, size_t *len, unsigned *role);
extern const char *const fx_stops[];       /* function words */
extern const char *const fx_genre_nouns[]; /* film, drama, thriller... */
extern const char *const fx_kin[];         /* mother, friend, story... */
extern const char *const fx_particles_list[];
typedef struct {
    const char *word, *pred;
} fx_work;
extern const fx_work fx_works[]; /* "script" → writer; ends with NULL */
const char *fx_by_pred(const fx *x, size_t i);
const char *fx_second_pred(unsigned role);
unsigned fx_role_of_pred(const char *pred);
int fx_is_person(fx *x, int p);
size_t fx_skip_mods(fx *x, size_t i, size_t max, int allow_poss);
int fx_person_after(fx *x, size_t i, size_t max, int *p, size_t *s, size_t *e);
void fx_run_text(const fx *x, size_t a, size_t b, const char **s, size_t *n);
void fx_char_text(fx *x, int p, size_t a, size_t b, const char **s, size_t *n);
int fx_role_np_before(fx *x, size_t i, size_t *s, size_t *e);
int fx_char_after_as(fx *x, size_t j, size_t *cs, size_t *ce, int *cp);
int fx_emit_cast(fx *x, int actor, const char *q, size_t qn, int film, size_t ta,
                 size_t tb, double conf);
int fx_emit_role(fx *x, const char *pred, unsigned role, int p, int film, size_t ta,
                 size_t tb, double conf);
int fx_name_list(fx *x, size_t i, const char *pred, unsigned role, int film, double conf);

/* ---- facts_cast.c ---- */
int fx_paren_cast(fx *x, size_t i);
int fx_played_by(fx *x, size_t i);
int fx_plays(fx *x, size_t i);
int fx_as_char_actor(fx *x, size_t i);
int fx_actor_as(fx *x, size_t i);
int fx_actor_as_role(fx *x, size_t i);
int fx_performance_from(fx *x, size_t i);
int fx_starring_in(fx *x, size_t i);
int fx_starring(fx *x, size_t i);
int fx_poss_performance(fx *x, size_t i);
int fx_gives_performance(fx *x, size_t i);
int fx_playing(fx *x, size_t i);

/* ---- facts_crew.c ---- */
int fx_by_pattern(fx *x, size_t i);
int fx_role_name(fx *x, size_t i);
int fx_poss_work(fx *x, size_t i);
int fx_whose_script(fx *x, size_t i);
int fx_poss_film(fx *x, size_t i);
int fx_name_film(fx *x, size_t i);
int fx_role_anaphor(fx *x, size_t i);
int fx_name_verb(fx *x, size_t i);
int fx_appositive_verb(fx *x, size_t i);
int fx_pronoun_verb(fx *x, size_t i);
/* the craft a verb says: "directed" → "director"; NULL if none */
const char *fx_verb_pred(const fx *x, size_t v);

/* ---- facts_lists.c ---- */
/* The items of a credit list from token i: names joined by commas, "and",
 * "&" (and, with loose, line breaks, and capitalised runs the name finder
 * missed), each in the role; a "Label:" ends it. */
int fx_credit_items(fx *x, size_t i, const char *pred, unsigned role, int loose,
                    double conf);
int fx_noun_list(fx *x, size_t i);
int fx_list_verb(fx *x, size_t i);
int fx_name_as(fx *x, size_t i);
int fx_double_role(fx *x, size_t i);
int fx_who_verbs(fx *x, size_t i);
int fx_led_by(fx *x, size_t i);
int fx_poss_character(fx *x, size_t i);
int fx_is_role(fx *x, size_t i);
int fx_wrote_with(fx *x, size_t i);
int fx_caps_as(fx *x, size_t i);
/* facts_lists.c: how many list items (names joined by ",", "and", "&")
 * follow at i; *end: where the last one ends. */
size_t fx_list_len(fx *x, size_t i, size_t *end);
int fx_list_parts(fx *x, size_t i);
int fx_his_role(fx *x, size_t i);
int fx_directorial(fx *x, size_t i);

/* ---- facts_forms.c: the less common wordings ---- */
/* A person who may act: known to, said to speak, or a first name the
 * gazetteer knows ("High Noon" is none of these). */
int fx_likely_actor(fx *x, int p);
int fx_poss_part(fx *x, size_t i);
int fx_name_is_part(fx *x, size_t i);
int fx_compound_starring(fx *x, size_t i);
int fx_paren_pair(fx *x, size_t i);
int fx_genre_from(fx *x, size_t i);
int fx_role_duo(fx *x, size_t i);
int fx_caption_cast(fx *x, size_t i);
int fx_reunited_with(fx *x, size_t i);
int fx_aside_as(fx *x, size_t i);
int fx_his_nth_film(fx *x, size_t i);

/* ---- facts_awards.c ---- */
/* Awards and nominations of the current sentence (stage 1, once each). */
int awards_in_sentence(fx *x);
/* An awarding body at i ("Oscars", "Academy Award", "BAFTA"): canonical
 * name and its length in tokens, or NULL. */
const char *fx_award_body_at(const fx *x, size_t i, size_t *len);

/* ---- facts_crafts.c ---- */
/* "film editor Margaret Sixel was a winner": craftspeople who won, each
 * an award in their craft's category (from awards_in_sentence). */
int fx_craft_winners(fx *x);

/* ---- facts_companies.c ---- */
/* Studios and distributors in the patterns that can start at token i. */
int companies_at(fx *x, size_t i);

/* ---- facts_misc.c ---- */
int misc_at(fx *x, size_t i);

/* ---- places.c ---- */
/* Country by name, demonym ("Spanish") or ISO code at s: canonical
 * country name (static) or NULL. */
const char *place_country(const char *folded);
/* The demonyms of the table (folded) into out, then with languages_too
 * the languages; returns how many. */
size_t place_words(const char **out, size_t max, int languages_too);
/* 1 if every table is sorted (they are searched by bisection). */
int places_sorted(void);
/* A country by name only ("Spain", "UK"), not by demonym. */
const char *place_country_name(const char *folded);
/* A demonym ("Spanish", "Mexican"): its country (static) or NULL. */
const char *place_demonym(const char *folded);
/* A city or region: its country (static) or NULL. */
const char *place_city_country(const char *folded);
/* A language name ("Spanish", "Mandarin"): canonical name or NULL. */
const char *place_language(const char *folded);
/* A film festival's short name ("cannes", "tiff") → canonical, or NULL. */
const char *place_festival(const char *folded);

#endif
