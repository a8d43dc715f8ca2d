/* kind.c — what sort of article this is: review, interview, news/feature
 * or other, with a confidence. A reader tells them apart from the whole
 * shape of the page, so this file gathers that shape as a few counts
 * (kind_shape) and weighs them by hand, each weight a reason: a verdict or
 * "review" in a heading line and a critic's evaluative voice for reviews;
 * speaker turns ("Name: ..."), questions put to "you" and attributed quotes
 * for interviews; awards, festivals, box office, release and casting
 * vocabulary for news. docs/kind.md lists the signals and their weights.
 */
#include "../internal.h"
#include "lexicon.h"

#include <ctype.h>
#include <math.h>
#include <pthread.h>

/* The token s[0..n) lower-cased (ASCII) into out; 0 when it is too long
 * to be any listed word. Lower-casing once per token keeps the list
 * lookups below plain string compares (this runs on every word). */
static int lower_word(const char *s, size_t n, char *out, size_t cap)
{
    if (n == 0 || n >= cap) return 0;
    for (size_t i = 0; i < n; i++) /* ASCII, as tolower in the C locale */
        out[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
    out[n] = 0;
    return 1;
}

/* Verbs that attribute speech. Present tense is the feature interview's
 * ("'…,' he says"), past tense the news report's ("'…,' she said"). */
static const char *const attrib_present[] = {
    "says",     "tells", "explains",  "recalls", "adds",      "admits",
    "reflects", "notes", "laughs",    "insists", "confesses", "continues",
    "jokes",    "muses", "remembers", NULL};

static const char *const attrib_past[] = {
    "said",     "told",   "explained", "recalled", "added",     "admitted", "noted",
    "insisted", "stated", "wrote",     "argued",   "according", NULL};

/* clang-format off */
static const char *const news_words[] = {
    "announced", "announces", "release", "released", "releases", "trailer", "clip",
    "teaser", "box", "blu-ray", "dvd", "4k", "streaming", "netflix", "premiere",
    "premieres", "debut", "debuts", "debuting", "exclusive", "available", "today",
    "acquired", "acquires", "rights", "distributor", "sequel", "casting", "cast",
    "deadline", "festival", "lineup", "nominations", "nominated", "shortlist",
    "opening", "weekend", "grossed", "million", "features", "edition", "pre-order",
    "bonus", "special", "watch", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "officials", "reported", "statement",
    "spokesperson", "spokesman", "spokeswoman", "percent",
    /* the trade's business pages: money, dates, deals */
    "domestic", "worldwide", "grosses", "estimates", "greenlit", "reboot",
    "postponed", "delayed", "boarded", "negotiations", NULL};

/* The vocabulary of prize-giving: an awards story is news, whatever it
 * says about the film in passing. */
static const char *const award_words[] = {
    "award", "awards", "awarded", "prize", "prizes", "winner", "winners", "won",
    "wins", "nominee", "nominees", "nomination", "nominations", "nods", "oscar",
    "oscars", "bafta", "baftas", "ceremony", "jury", "trophy", "snub", "snubs",
    "snubbed", "gong", "palme", "lion", "globes", "academy", "frontrunner", NULL};

static const char *const eval_words[] = {
    "brilliant", "brilliantly", "masterpiece", "masterful", "flawless", "stunning",
    "disappointing", "disappointment", "boring", "dull", "tedious", "weak", "strong",
    "powerful", "beautifully", "beautiful", "gorgeous", "performance", "performances",
    "screenplay", "script", "pacing", "cinematography", "worth", "recommend",
    "recommendation", "devastating", "evocative", "sincere", "compelling", "clumsy",
    "overlong", "uneven", "triumph", "triumphant", "stumbles", "excels", "wonderful",
    "great", "good", "bad", "best", "worst", "mediocre", "forgettable", "memorable",
    "moving", "funny", "unfunny", "charming", "flat", "lackluster", "engaging",
    "riveting", "gripping", "verdict", "rating", "highlights", "mvp", "payoff",
    "satisfying", "unsatisfying", "worthwhile", "incomparable", "fails", "succeeds",
    /* the critic's craft words: how the film is made and how it lands */
    "exquisite", "exquisitely", "elegant", "elegantly", "stately", "meditative",
    "astounding", "breathtaking", "tender", "delicate", "lyrical", "haunting",
    "hauntingly", "mesmerising", "mesmerizing", "committed", "authentic",
    "ambitious", "ambitiously", "bold", "visceral", "thrilling", "spectacle",
    "absurd", "absurdity", "poignant", "heartfelt", "hilarious", "clever", "witty",
    "vivid", "luminous", "sublime", "superb", "terrific", "excellent", "fantastic",
    "marvellous", "marvelous", "dazzling", "inventive", "nuanced", "restrained",
    "understated", "overwrought", "heavy-handed", "plodding", "bloated", "messy",
    "shallow", "predictable", "contrived", "cliched", "clichéd", "tiresome",
    "undercooked", "overstuffed", "self-indulgent", "pretentious", "subtle",
    "subtlety", "resonant", "affecting", "stirring", "electrifying", "exhilarating",
    "relentless", "standout", "impeccable", "wonderfully", "perfectly", "deftly",
    "skilfully", "skillfully", "tone", "tonal", "accomplished", "assured", NULL};
/* clang-format on */

/* The five lists above as one set: each word's mask of the lists that hold
 * it, in a hash table built once. scan_tokens asks for every word of a
 * page, where walking the lists with strcmp cost more than the rest of
 * this analyzer. */
enum { IN_PRESENT = 1, IN_PAST = 2, IN_NEWS = 4, IN_AWARD = 8, IN_EVAL = 16 };
#define LIST_SLOTS 1024 /* a power of two, over twice the words listed */
static struct {
    const char *word;
    unsigned mask;
} list_slots[LIST_SLOTS];
static pthread_once_t lists_once = PTHREAD_ONCE_INIT;

static size_t word_hash(const char *w)
{
    uint32_t h = 2166136261u;
    for (; *w; w++)
        h = (h ^ (unsigned char)*w) * 16777619u;
    return h & (LIST_SLOTS - 1);
}

static void lists_add(const char *const *list, unsigned bit)
{
    for (; *list; list++) {
        size_t i = word_hash(*list);
        while (list_slots[i].word && strcmp(list_slots[i].word, *list) != 0)
            i = (i + 1) & (LIST_SLOTS - 1);
        list_slots[i].word = *list;
        list_slots[i].mask |= bit;
    }
}

static void lists_build(void)
{
    lists_add(attrib_present, IN_PRESENT);
    lists_add(attrib_past, IN_PAST);
    lists_add(news_words, IN_NEWS);
    lists_add(award_words, IN_AWARD);
    lists_add(eval_words, IN_EVAL);
}

/* Which of the lists hold the lower-cased word w (IN_… bits). */
static unsigned lists_of(const char *w)
{
    pthread_once(&lists_once, lists_build);
    for (size_t i = word_hash(w); list_slots[i].word; i = (i + 1) & (LIST_SLOTS - 1))
        if (list_slots[i].word[0] == w[0] && strcmp(list_slots[i].word, w) == 0)
            return list_slots[i].mask;
    return 0;
}

/* Heading words that name the kind outright ("X review", "Interview: X"). */
static const char *const review_heads[] = {"review", "reviewed", "film review",
                                           "movie review", NULL};
static const char *const interview_heads[] = {
    "interview",   " talks ",     " talk ",    "in conversation", "q&a",
    " on making ", " discusses ", " discuss ", " opens up",       NULL};
static const char *const news_heads[] = {"trailer",
                                         "clip",
                                         "box office",
                                         "blu-ray",
                                         "dvd",
                                         "release date",
                                         "first look",
                                         "watch:",
                                         "exclusive",
                                         "announce",
                                         "streaming",
                                         "casts",
                                         "cast in",
                                         " wins ",
                                         " win ",
                                         " won ",
                                         "winners",
                                         "nominat",
                                         "dies",
                                         "dead at",
                                         "obituary",
                                         "to star",
                                         "to direct",
                                         "sets ",
                                         "awards",
                                         " award ",
                                         " prize",
                                         "festival",
                                         "snub",
                                         "bafta",
                                         "cannes",
                                         "venice",
                                         "berlinale",
                                         "sundance",
                                         "golden globe",
                                         "box-office",
                                         "grosses",
                                         "opening weekend",
                                         " joins ",
                                         " boards ",
                                         "in talks",
                                         "poster",
                                         "delayed",
                                         "postponed",
                                         "greenlit",
                                         "first trailer",
                                         "shortlist",
                                         "nominees",
                                         "line-up",
                                         "lineup",
                                         NULL};

/* Speech sits between these; a speech verb beside one is attribution. */
static int is_quote_mark(const char *s, size_t n)
{
    if (n == 1) return *s == '"';
    if (n == 2) return !memcmp(s, "\xC2\xAB", 2) || !memcmp(s, "\xC2\xBB", 2); /* « » */
    return n == 3 && (!memcmp(s, "\xE2\x80\x9C", 3) || !memcmp(s, "\xE2\x80\x9D", 3) ||
                      !memcmp(s, "\xE2\x80\x98", 3) || !memcmp(s, "\xE2\x80\x99", 3));
}

/* A speech verb counts as attribution only beside a quotation: a quote
 * mark within four tokens before it ('…," the director says') or three
 * after it ('Almodóvar tells THR. "…'). "The film tells the story of" is
 * no attribution. */
static int attributes_quote(const reel_doc *doc, size_t i)
{
    size_t from = i >= 4 ? i - 4 : 0, to = i + 4 < doc->n_tokens ? i + 4 : doc->n_tokens;
    for (size_t j = from; j < to; j++) {
        const reel_token *t = &doc->tokens[j];
        if (j != i && t->kind != REEL_TOK_WORD &&
            is_quote_mark(doc->text + t->span.start, t->span.end - t->span.start))
            return 1;
    }
    return 0;
}

/* The counts a reader's eye takes in. */
typedef struct {
    size_t words, present, past, newsw, awardw, evalw, quotes, voice;
    size_t questions;   /* Q&A blocks: a question line or "Q:" */
    size_t asks_you;    /* question blocks put to "you" */
    size_t turns;       /* "Name: what they said" lines */
    size_t turn_labels; /* distinct speaker labels among them */
    size_t turn_asks;   /* turns that ask a question */
    size_t best_caps;   /* "Best Actress", "Best Picture": award categories */
    size_t meetings;    /* "sat down with", "spoke to us", "our conversation" */
    size_t head_eval;   /* judging words in the headline lines */
    int head_review, head_interview, head_news;
} kind_shape;

static void scan_tokens(const reel_doc *doc, kind_shape *k)
{
    int in_quote = 0;
    for (size_t i = 0; i < doc->n_tokens; i++) {
        const reel_token *t = &doc->tokens[i];
        const char *s = doc->text + t->span.start;
        size_t n = t->span.end - t->span.start;
        char w[24];
        if (t->kind == REEL_TOK_WORD) {
            k->words++;
            /* "Best Actress" names a prize, not a judgement */
            if (n == 4 && !memcmp(s, "Best", 4) && i + 1 < doc->n_tokens &&
                doc->tokens[i + 1].cap && doc->tokens[i + 1].kind == REEL_TOK_WORD)
                k->best_caps++;
            else if (lower_word(s, n, w, sizeof w)) {
                unsigned in = lists_of(w);
                if ((in & IN_PRESENT) && attributes_quote(doc, i)) k->present++;
                if ((in & IN_PAST) && attributes_quote(doc, i)) k->past++;
                k->newsw += (in & IN_NEWS) != 0;
                k->awardw += (in & IN_AWARD) != 0;
                k->evalw += (in & IN_EVAL) != 0;
            }
            /* lower-cased text (a newsgroup review) writes the critic's "i" */
            if (!in_quote && ((n == 1 && (*s == 'I' || *s == 'i')) ||
                              (n == 2 && (!memcmp(s, "my", 2) || !memcmp(s, "My", 2)))))
                k->voice++;
        } else if ((n == 1 && *s == '"') || (n == 3 && !memcmp(s, "\xE2\x80\x9C", 3))) {
            k->quotes++;
            in_quote = n == 1 ? !in_quote : 1;
        } else if (n == 3 && !memcmp(s, "\xE2\x80\x9D", 3)) {
            in_quote = 0;
        }
    }
}

/* Labels of lines that are credits, verdicts or page furniture, not a
 * speaker: "Director: …", "Rating: …", "Photo: …". Compared to the label's
 * last word, lower-cased. */
static const char *const furniture_labels[] = {
    "director", "directors", "directed", "writer", "writers", "written", "stars",
    "starring", "cast", "rating", "rated", "score", "grade", "verdict", "runtime", "time",
    "genre", "release", "released", "country", "language", "certificate", "date", "photo",
    "photograph", "image", "credit", "credits", "caption", "source", "via", "update",
    "updated", "note", "producer", "producers", "music", "editor", "cinematography",
    "screenplay", "distributor", "studio", "review", "interview", "watch", "read",
    "related", "see", "also", "more", "tags", "category", "share", "follow", "subscribe",
    "contact", "email", "posted", "published", "by", "take", "cert", "length", "year",
    "format", "platform", "spoilers", "warning",
    /* a review's own sections and a page's details */
    "synopsis", "plot", "crew", "summary", "trailer", "budget", "office", "gross", "pros",
    "cons", "good", "bad", "ugly", "line", "conclusion", "overall", "final", "thoughts",
    "takeaway", "tldr", "awards", "festival", "website", "location", "locations", "opens",
    "premiere", "available", NULL};

/* "Sean Fennessey: ...", "DEADLINE: ...", "Q: ...": a line opened by a
 * short capitalised name and a colon, with something said after it.
 * Returns the label's length (0 when the line is no turn); *asks says the
 * turn is a question. */
static size_t speaker_label(const char *s, size_t n, int *asks)
{
    size_t c = 0;
    while (c < n && c < 34 && s[c] != ':')
        c++;
    if (c == 0 || c >= n || c >= 34 || s[c] != ':') return 0;
    if (!isupper((unsigned char)s[0])) return 0;
    int words = 1;
    size_t last = 0;
    for (size_t i = 0; i < c; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (isdigit(ch) || ch == ',' || ch == '(' || ch == '"' || ch == '|') return 0;
        if (ch == ' ') {
            words++;
            last = i + 1;
            /* every word of a name is capitalised ("The Playlist", "BJ") */
            if (i + 1 < c && !isupper((unsigned char)s[i + 1]) && s[i + 1] != '&')
                return 0;
        }
    }
    if (words > 4) return 0;
    char w[24];
    size_t t = 0;
    for (size_t i = last; i < c && t + 1 < sizeof w; i++)
        w[t++] = (char)tolower((unsigned char)s[i]);
    w[t] = 0;
    if (word_in(furniture_labels, w, t)) return 0;
    size_t rest = n - c - 1;
    if (rest < 12) return 0; /* "Home:", "Note: x" */
    *asks = memchr(s + c, '?', rest + 1) != NULL;
    return c;
}

static int asks_you(const char *s, size_t n)
{
    /* put to someone: capitalised as a paragraph of its own, never the
       lower-case musing of a newsgroup review */
    if (n < 20 || s[n - 1] != '?' || !isupper((unsigned char)s[0])) return 0;
    /* a review's subheading asks its reader: "Should you see it?", "Is it
       worth your time?" */
    static const char *const to_reader[] = {"should ", "is ",  "will ", "can ",
                                            "does ",   "are ", NULL};
    for (const char *const *p = to_reader; *p; p++)
        if (memmem_ci_ascii(s, strlen(*p), *p) == s) return 0;
    return memmem_ci_ascii(s, n, " you") || memmem_ci_ascii(s, n, "your") ||
           !strncmp(s, "You", 3);
}

/* Phrases by which a writer says they met the person they quote. */
static const char *const meeting_phrases[] = {
    "sat down with", "spoke to us",      "spoke with us",  "talked to us",
    "told us",       "our conversation", "this interview", "caught up with",
    "chatted with",  "i spoke",          "we spoke",       "i talked",
    "we talked",     "i asked",          "we asked",       NULL};

/* Judging words in a heading ("immersive and poetic, with a stunning
 * performance"): the headline of a review. */
static size_t eval_in(const char *s, size_t n)
{
    size_t hits = 0;
    for (size_t i = 0; i < n;) {
        while (i < n && !isalpha((unsigned char)s[i]))
            i++;
        size_t b = i;
        while (i < n && (isalpha((unsigned char)s[i]) || s[i] == '-'))
            i++;
        char w[24];
        if (i > b && lower_word(s + b, i - b, w, sizeof w) && (lists_of(w) & IN_EVAL))
            hits++;
    }
    return hits;
}

/* Lines that point elsewhere ("See our interview with ...", "Related:
 * Movie Review: ...", a menu of sections) say nothing of this article's
 * kind. */
static int points_elsewhere(const char *s, size_t n)
{
    static const char *const openers[] = {
        "see ", "read ", "related", "more:", "also:", "watch ", "listen", "click", NULL};
    for (const char *const *p = openers; *p; p++)
        if (n >= strlen(*p) && memmem_ci_ascii(s, strlen(*p), *p) == s) return 1;
    if (memmem_ci_ascii(s, n, "our interview") || memmem_ci_ascii(s, n, "our review"))
        return 1;
    /* a menu names several sections: "News | Reviews | Interviews" */
    static const char *const sections[] = {"review",   "interview", "news", "features",
                                           "trailers", "podcast",   NULL};
    int named = 0;
    for (const char *const *p = sections; *p; p++)
        named += memmem_ci_ascii(s, n, *p) != NULL;
    return named >= 2;
}

static void head_cues(const char *s, size_t n, kind_shape *k)
{
    if (points_elsewhere(s, n)) return;
    k->head_eval += eval_in(s, n);
    for (const char *const *p = review_heads; *p; p++)
        if (memmem_ci_ascii(s, n, *p)) k->head_review = 1;
    for (const char *const *p = interview_heads; *p; p++)
        if (memmem_ci_ascii(s, n, *p)) k->head_interview = 1;
    for (const char *const *p = news_heads; *p; p++)
        if (memmem_ci_ascii(s, n, *p)) k->head_news = 1;
}

/* Lines of the clean text: speaker turns; blocks: questions; the first
 * short lines (headline, deck, section labels) name the kind. */
static void scan_lines(const reel_doc *doc, kind_shape *k)
{
    enum { MAX_LABELS = 8 };
    struct {
        const char *s;
        size_t n, count;
    } labels[MAX_LABELS];
    size_t nl = 0, heads = 0;
    const char *t = doc->text;
    size_t len = doc->text_len;
    for (size_t i = 0; i < len;) {
        const char *e = memchr(t + i, '\n', len - i);
        size_t le = e ? (size_t)(e - t) : len;
        const char *s = t + i;
        size_t n = le - i;
        while (n && (*s == ' ' || *s == '\t')) {
            s++;
            n--;
        }
        int asks = 0;
        size_t c = n ? speaker_label(s, n, &asks) : 0;
        if (c) {
            k->turns++;
            k->turn_asks += asks;
            size_t j = 0;
            while (j < nl && !(labels[j].n == c && !memcmp(labels[j].s, s, c)))
                j++;
            if (j < nl)
                labels[j].count++;
            else if (nl < MAX_LABELS) {
                labels[nl].s = s;
                labels[nl].n = c;
                labels[nl++].count = 1;
            }
        }
        /* the headline and the lines around it: short, near the top */
        if (n && n < 200 && i < 1500 && heads < 6) {
            heads++;
            head_cues(s, n, k);
        }
        if (n >= 15 && s[n - 1] == '?' && !c) {
            k->questions++;
            k->asks_you += asks_you(s, n);
        }
        if (n > 2 && s[0] == 'Q' && (s[1] == ':' || s[1] == '.')) k->questions++;
        i = le + 1;
    }
    k->turn_labels = nl;
    for (const char *const *p = meeting_phrases; *p; p++)
        for (const char *q = t; q && (q = memmem_ci_ascii(q, len - (size_t)(q - t), *p));
             q++)
            k->meetings++;
    if (doc->title) head_cues(doc->title, strlen(doc->title), k);
}

/* Speaker turns make a transcript when two or more people take them and
 * one of them asks; or when there are many. A headline printed twice
 * ("Dune: Part Two ...") has one label and asks nothing. */
static int transcript(const kind_shape *k)
{
    return (k->turns >= 2 && k->turn_labels >= 2 &&
            (k->turn_asks >= 1 || k->questions >= 1 || k->meetings >= 1)) ||
           (k->turns >= 4 && k->turn_labels >= 2);
}

int analyze_kind(reel_ctx *ctx, reel_doc *doc)
{
    (void)ctx;
    kind_shape k = {0};
    /* the source knows (a review site's export says "kind": "review") */
    if (doc->kind_hint) {
        static const char *names[] = {"other", "review", "interview", "news"};
        for (int c = 0; c < 4; c++)
            if (str_iequal_ascii(doc->kind_hint, names[c])) {
                doc->kind = (reel_kind)c;
                doc->kind_confidence = 1.0;
                return 0;
            }
    }
    scan_tokens(doc, &k);
    if (k.words == 0) {
        doc->kind = REEL_KIND_OTHER;
        doc->kind_confidence = 1.0;
        return 0;
    }
    if (doc->text) scan_lines(doc, &k);
    double per100 = 100.0 / (double)k.words;
    double review = 0, interview = 0, news = 0, other = 0.5;

    /* review: a printed verdict, "review" in a heading, an evaluative
       vocabulary and the critic's own voice */
    if (doc->score.found) review += 3;
    if (k.head_review) review += 3;
    review += 0.6 * (double)(k.head_eval > 4 ? 4 : k.head_eval);
    /* "I" is the critic's voice, unless the page puts questions to someone:
       then it is the answers' */
    int asked = transcript(&k) || k.asks_you > 0;
    double voice = k.voice ? 0.3 + 0.2 * (double)(k.voice > 5 ? 5 : k.voice) : 0;
    review += (double)k.evalw * per100 * 1.2 + (asked ? 0 : voice);

    /* interview: a transcript, questions put to "you", the writer saying
       they met the person, quotes attributed in the present tense */
    interview += (asked ? voice : 0) + (double)k.present * per100 * 8 +
                 (double)k.past * per100 * 1.5 + (k.quotes >= 4 ? 0.5 : 0);
    /* a review quotes people now and then; an interview keeps at it */
    if (k.present + k.past < 4 && k.quotes < 4) interview *= 0.5;
    if (k.head_interview) interview += 3;
    if (transcript(&k)) interview += 4 + 0.3 * (double)(k.turns > 10 ? 10 : k.turns);
    if (k.questions >= 3) interview += 2 + (double)k.questions * 0.2;
    interview += 2.5 * (double)(k.asks_you > 4 ? 4 : k.asks_you);
    /* questions answered in the first person: the subject talking */
    if (k.questions >= 1 && k.voice >= 5)
        interview += 1 + 0.1 * (double)(k.voice > 15 ? 15 : k.voice);
    /* "I sat down with the directors": the writer met the person quoted */
    if (k.meetings)
        interview += 2.5 + 0.8 * (double)(k.meetings > 3 ? 2 : k.meetings - 1);

    /* news: reported speech in the past tense, the trade's vocabulary,
       prize-giving */
    news += (double)k.past * per100 * 3 + (double)k.newsw * per100 * 2.0;
    /* a review mentions a prize or two in passing ("award-winning", "could
       win her third Oscar"); an awards story keeps at it */
    news += (double)(k.awardw > 4 ? k.awardw - 4 : 0) * per100 * 3.0 +
            0.5 * (double)(k.best_caps > 8   ? 6
                           : k.best_caps > 2 ? k.best_caps - 2
                                             : 0);
    /* "X review" in the headline names the kind outright; the news words
       beside it ("Venice Film Festival 2018: X | Review") only place it */
    if (k.head_news && !k.head_review) news += 2;

    if (k.words < 40) other += 1;
    double sc[4] = {other, review, interview, news};
    int best = 0;
    for (int c = 1; c < 4; c++)
        if (sc[c] > sc[best]) best = c;
    double z = 0;
    for (int c = 0; c < 4; c++)
        z += exp(sc[c] - sc[best]);
    doc->kind = (reel_kind)best;
    doc->kind_confidence = 1.0 / z;
    return 0;
}

const char *reel_kind_name(reel_kind k)
{
    switch (k) {
    case REEL_KIND_REVIEW:
        return "review";
    case REEL_KIND_INTERVIEW:
        return "interview";
    case REEL_KIND_NEWS:
        return "news";
    default:
        return "other";
    }
}
