/* kind.c — what sort of article this is: review, interview, news/feature
 * or other, with a confidence. Rules over evidence that generalises across
 * outlets: an explicit verdict or "review" in the headline for reviews;
 * quotations attributed with says/tells for interviews (or a Q&A layout);
 * release, trailer and box-office vocabulary for news; the density of
 * evaluative words for reviews without a printed score.
 */
#include "../internal.h"

#include <ctype.h>
#include <math.h>

static int word_in(const char *s, size_t n, const char *const *list)
{
    int first = tolower((unsigned char)s[0]);
    for (; *list; list++)
        if ((*list)[0] == first && strlen(*list) == n &&
            memmem_ci_ascii(s, n, *list) == s)
            return 1;
    return 0;
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

static const char *const news_words[] = {
    "announced", "announces",    "release",     "released",    "releases",  "trailer",
    "clip",      "teaser",       "box",         "blu-ray",     "dvd",       "4k",
    "streaming", "netflix",      "premiere",    "premieres",   "debut",     "debuts",
    "debuting",  "exclusive",    "available",   "today",       "acquired",  "acquires",
    "rights",    "distributor",  "sequel",      "casting",     "cast",      "deadline",
    "festival",  "lineup",       "nominations", "nominated",   "shortlist", "opening",
    "weekend",   "grossed",      "million",     "features",    "edition",   "pre-order",
    "bonus",     "special",      "watch",       "monday",      "tuesday",   "wednesday",
    "thursday",  "friday",       "saturday",    "sunday",      "officials", "reported",
    "statement", "spokesperson", "spokesman",   "spokeswoman", "percent",   NULL};

static const char *const eval_words[] = {"brilliant",
                                         "brilliantly",
                                         "masterpiece",
                                         "masterful",
                                         "flawless",
                                         "stunning",
                                         "disappointing",
                                         "disappointment",
                                         "boring",
                                         "dull",
                                         "tedious",
                                         "weak",
                                         "strong",
                                         "powerful",
                                         "beautifully",
                                         "beautiful",
                                         "gorgeous",
                                         "performance",
                                         "performances",
                                         "screenplay",
                                         "script",
                                         "pacing",
                                         "cinematography",
                                         "worth",
                                         "recommend",
                                         "recommendation",
                                         "devastating",
                                         "evocative",
                                         "sincere",
                                         "compelling",
                                         "clumsy",
                                         "overlong",
                                         "uneven",
                                         "triumph",
                                         "triumphant",
                                         "stumbles",
                                         "excels",
                                         "wonderful",
                                         "great",
                                         "good",
                                         "bad",
                                         "best",
                                         "worst",
                                         "mediocre",
                                         "forgettable",
                                         "memorable",
                                         "moving",
                                         "funny",
                                         "unfunny",
                                         "charming",
                                         "flat",
                                         "lackluster",
                                         "engaging",
                                         "riveting",
                                         "gripping",
                                         "verdict",
                                         "rating",
                                         "highlights",
                                         "mvp",
                                         "payoff",
                                         "satisfying",
                                         "unsatisfying",
                                         "worthwhile",
                                         "incomparable",
                                         "fails",
                                         "succeeds",
                                         NULL};

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

int analyze_kind(reel_ctx *ctx, reel_doc *doc)
{
    (void)ctx;
    double review = 0, interview = 0, news = 0, other = 0.5;
    size_t words = 0, present = 0, past = 0, newsw = 0, evalw = 0, quotes = 0,
           questions = 0;
    size_t voice = 0; /* "I", "my" outside quotations: the critic speaking */
    int in_quote = 0;
    for (size_t i = 0; i < doc->n_tokens; i++) {
        const reel_token *t = &doc->tokens[i];
        const char *s = doc->text + t->span.start;
        size_t n = t->span.end - t->span.start;
        if (t->kind == REEL_TOK_WORD) {
            words++;
            if (word_in(s, n, attrib_present) && attributes_quote(doc, i)) present++;
            if (word_in(s, n, attrib_past) && attributes_quote(doc, i)) past++;
            if (word_in(s, n, news_words)) newsw++;
            if (word_in(s, n, eval_words)) evalw++;
            /* lower-cased text (a newsgroup review) writes the critic's "i" */
            if (!in_quote && ((n == 1 && (*s == 'I' || *s == 'i')) ||
                              (n == 2 && (!memcmp(s, "my", 2) || !memcmp(s, "My", 2)))))
                voice++;
        } else if ((n == 1 && *s == '"') || (n == 3 && !memcmp(s, "\xE2\x80\x9C", 3))) {
            quotes++;
            in_quote = n == 1 ? !in_quote : 1;
        } else if (n == 3 && !memcmp(s, "\xE2\x80\x9D", 3)) {
            in_quote = 0;
        }
    }
    /* Q&A layout: blocks that are questions followed by answers */
    for (size_t b = 0; b < doc->n_blocks; b++) {
        const reel_block *bl = &doc->blocks[b];
        if (bl->boilerplate || bl->len < 2) continue;
        if (bl->text[bl->len - 1] == '?' || (bl->len > 2 && (bl->text[0] == 'Q') &&
                                             (bl->text[1] == ':' || bl->text[1] == '.')))
            questions++;
    }
    /* the source knows (a review site's export says "kind": "review") */
    if (doc->kind_hint) {
        static const char *names[] = {"other", "review", "interview", "news"};
        for (int k = 0; k < 4; k++)
            if (str_iequal_ascii(doc->kind_hint, names[k])) {
                doc->kind = (reel_kind)k;
                doc->kind_confidence = 1.0;
                return 0;
            }
    }
    if (words == 0) {
        doc->kind = REEL_KIND_OTHER;
        doc->kind_confidence = 1.0;
        return 0;
    }
    double per100 = 100.0 / (double)words;
    if (doc->score.found) review += 3;
    review +=
        evalw * per100 * 1.2 + (voice ? 0.3 + 0.2 * (double)(voice > 5 ? 5 : voice) : 0);
    interview += present * per100 * 8 + past * per100 * 1.5 + (quotes >= 4 ? 0.5 : 0);
    /* a review quotes people now and then; an interview keeps at it */
    if (present + past < 4 && quotes < 4) interview *= 0.5;
    /* reported speech in the past tense is the news story's */
    news += past * per100 * 3;
    if (questions >= 3) interview += 2 + questions * 0.2;
    news += newsw * per100 * 2.0;
    if (doc->title) {
        size_t tl = strlen(doc->title);
        if (memmem_ci_ascii(doc->title, tl, "review")) review += 3;
        if (memmem_ci_ascii(doc->title, tl, "interview") ||
            memmem_ci_ascii(doc->title, tl, " talks ") ||
            memmem_ci_ascii(doc->title, tl, "in conversation") ||
            memmem_ci_ascii(doc->title, tl, "q&a"))
            interview += 3;
        static const char *const news_title[] = {
            "trailer",      "clip",       "box office", "blu-ray",   "dvd",
            "release date", "first look", "watch",      "exclusive", "announce",
            "streaming",    "casts",      "cast in",    " wins ",    " win ",
            "winners",      "nominat",    "dies",       "dead at",   "obituary",
            "to star",      "to direct",  "sets ",      NULL};
        for (const char *const *p = news_title; *p; p++)
            if (memmem_ci_ascii(doc->title, tl, *p)) {
                news += 2;
                break;
            }
    }
    if (words < 40) other += 1;
    double sc[4] = {other, review, interview, news};
    int best = 0;
    for (int k = 1; k < 4; k++)
        if (sc[k] > sc[best]) best = k;
    double z = 0;
    for (int k = 0; k < 4; k++)
        z += exp(sc[k] - sc[best]);
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
