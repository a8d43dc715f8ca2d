/* language.c — the language an article is written in, from libexttextcat's
 * n-gram fingerprints (Cavnar and Trenkle's "out of place" distance). The
 * fingerprints of a fixed list of languages are read once with the context
 * and only read afterwards, so detection stays a pure function of the text
 * and safe across threads; each document builds its own fingerprint from a
 * bounded sample of its clean text. docs/record.md, "language".
 */
#include "../internal.h"

#include <ctype.h>
#include <fingerprint.h>
#include <jansson.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#ifndef REEL_TEXTCAT_DIR
#define REEL_TEXTCAT_DIR "/usr/share/libexttextcat"
#endif

/* How much of the clean text is read: a few hundred bytes decide a language
 * (textcat's own advice); 1 KB is a page's first paragraphs. The cost grows
 * with the sample: about 0.1 ms a page at 1 KB, 0.2 ms at 2 KB, against about
 * 5 ms for the whole extraction (bench/throughput.sh). */
#define SAMPLE_BYTES 1024
/* Below this many bytes of text the guess is noise: the language is unknown. */
#define MIN_SAMPLE_BYTES 60
/* English wins when its distance is within this factor of the best one
 * (textcat's THRESHOLDVALUE): a page that reads almost as well as English is
 * analysed as English, as reel did before it detected languages. */
#define ENGLISH_MARGIN 1.03

/* The languages told apart: film journalism's common languages in Europe,
 * the Americas and East Asia. Fewer fingerprints keep detection cheap
 * (each is compared with the document's); a text in a language not listed
 * comes out as its nearest listed relative, which is not English. */
static const struct {
    const char *file, *code; /* textcat's fingerprint, ISO 639-1 */
} languages[] = {
    {"en", "en"}, {"fr", "fr"},      {"es", "es"}, {"de", "de"}, {"it", "it"},
    {"pt", "pt"}, {"nl", "nl"},      {"sv", "sv"}, {"da", "da"}, {"nb", "nb"},
    {"fi", "fi"}, {"pl", "pl"},      {"cs", "cs"}, {"hu", "hu"}, {"ro", "ro"},
    {"tr", "tr"}, {"ca", "ca"},      {"el", "el"}, {"ru", "ru"}, {"ja", "ja"},
    {"ko", "ko"}, {"zh-Hans", "zh"},
};
#define N_LANGUAGES (sizeof languages / sizeof *languages)

struct reel_langid {
    void *fp[N_LANGUAGES];
};

reel_langid *langid_load(void)
{
    reel_langid *l = calloc(1, sizeof *l);
    if (!l) return NULL;
    for (size_t i = 0; i < N_LANGUAGES; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s.lm", REEL_TEXTCAT_DIR, languages[i].file);
        l->fp[i] = fp_Init(languages[i].code);
        if (!l->fp[i] || fp_Read(l->fp[i], path, 400) == 0) {
            langid_free(l);
            return NULL;
        }
        fp_SetProperty(l->fp[i], TCPROP_UTF8AWARE, TC_TRUE);
    }
    return l;
}

void langid_free(reel_langid *l)
{
    if (!l) return;
    for (size_t i = 0; i < N_LANGUAGES; i++)
        if (l->fp[i]) fp_Done(l->fp[i]);
    free(l);
}

/* The sample's length: at most SAMPLE_BYTES, cut before a UTF-8 sequence. */
static size_t sample_len(const char *s, size_t len)
{
    if (len <= SAMPLE_BYTES) return len;
    size_t n = SAMPLE_BYTES;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return n;
}

/* English's own function words, none of which is a common word of the
 * other listed languages ("a", "in", "an" are left out: French, Spanish,
 * German and Italian use them). A sample where they are one word in ten is
 * English whatever the fingerprints say: short texts, names in capitals and
 * credits fool character n-grams ("TIMOTHÉE CHALAMET as Paul" reads as
 * German), function words do not. */
static int english_by_words(const char *s, size_t n)
{
    static const char *const words[] = {
        "the", "and", "of",   "to",   "is",  "as",  "for", "with", "that", "it",  "his",
        "her", "by",  "from", "this", "was", "are", "its", "he",   "she",  "they"};
    size_t total = 0, hits = 0;
    for (size_t i = 0; i < n;) {
        while (i < n && !isalpha((unsigned char)s[i]) && !((unsigned char)s[i] & 0x80))
            i++;
        size_t b = i;
        while (i < n && (isalpha((unsigned char)s[i]) || ((unsigned char)s[i] & 0x80)))
            i++;
        if (i == b) continue;
        total++;
        size_t wl = i - b;
        for (size_t k = 0; k < sizeof words / sizeof *words; k++)
            if (strlen(words[k]) == wl && strncasecmp(s + b, words[k], wl) == 0) {
                hits++;
                break;
            }
    }
    return total >= 4 && hits * 10 >= total;
}

static size_t ascii_letters(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += ((unsigned char)s[i] | 32) >= 'a' && ((unsigned char)s[i] | 32) <= 'z';
    return k;
}

int analyze_language(reel_ctx *ctx, reel_doc *doc)
{
    doc->language = NULL;
    const reel_langid *l = ctx ? ctx->langid : NULL;
    if (!l || !doc->text) return 0;
    size_t n = sample_len(doc->text, doc->text_len);
    if (n < MIN_SAMPLE_BYTES) return 0;
    /* English function words decide for English whatever the fingerprints
     * say (below), so a sample they fill is English without them: most
     * pages skip the fingerprint, a few percent of an extract. Only where
     * the fingerprint cannot fail: fp_Create refuses a sample that is
     * short once digits, spaces and punctuation are squeezed out ("10,000
     * B.C. is ..." has no language), and twice the minimum in letters
     * alone is never that. */
    if (ascii_letters(doc->text, n) >= 2 * MIN_SAMPLE_BYTES &&
        english_by_words(doc->text, n)) {
        doc->language = languages[0].code;
        return 0;
    }
    void *unknown = fp_Init("unknown");
    if (!unknown)
        return reel_error(ctx, REEL_ENOMEM, "out of memory detecting a language");
    fp_SetProperty(unknown, TCPROP_UTF8AWARE, TC_TRUE);
    fp_SetProperty(unknown, TCPROP_MINIMUM_DOCUMENT_SIZE, MIN_SAMPLE_BYTES);
    if (fp_Create(unknown, doc->text, (uint4)n, 400) == 0) {
        fp_Done(unknown);
        return 0; /* too little text to fingerprint */
    }
    sint4 english = fp_Compare(l->fp[0], unknown, INT_MAX);
    sint4 best = english;
    size_t best_i = 0;
    for (size_t i = 1; i < N_LANGUAGES; i++) {
        sint4 d = fp_Compare(l->fp[i], unknown, best);
        if (d < best) best = d, best_i = i;
    }
    fp_Done(unknown);
    if (best_i != 0 && (double)english <= ENGLISH_MARGIN * (double)best) best_i = 0;
    if (best_i != 0 && english_by_words(doc->text, n)) best_i = 0;
    doc->language = languages[best_i].code;
    return 0;
}

int language_is_english(const reel_doc *doc)
{
    return !doc->language || strcmp(doc->language, "en") == 0;
}

/* The kind from what needs no English: the source's own label, else a
 * printed score (a critic's mark is a review's). 0 when neither says. */
static int kind_without_words(reel_doc *doc)
{
    static const char *names[] = {"other", "review", "interview", "news"};
    if (doc->kind_hint)
        for (int c = 0; c < 4; c++)
            if (str_iequal_ascii(doc->kind_hint, names[c])) {
                doc->kind = (reel_kind)c;
                doc->kind_confidence = 1.0;
                return 1;
            }
    if (doc->score.found) {
        doc->kind = REEL_KIND_REVIEW;
        doc->kind_confidence = 0.5;
        return 1;
    }
    doc->kind = REEL_KIND_OTHER;
    doc->kind_confidence = 0;
    return 0;
}

/* What the English-only analyzers would have set, left empty: no sentiment
 * (so no predicted verdict from an English model), no sentence polarity, no
 * facts, no quotes; the kind only from cues that need no words. */
void language_skip_english(reel_doc *doc)
{
    memset(&doc->sentiment, 0, sizeof doc->sentiment);
    for (size_t i = 0; i < doc->n_sentences; i++)
        doc->sentences[i].polarity = -1;
    doc->facts = NULL;
    doc->n_facts = 0;
    doc->quotes = NULL;
    doc->n_quotes = 0;
    kind_without_words(doc);
}

json_t *language_not_analysed(const reel_doc *doc)
{
    if (doc->unread_at && language_is_english(doc)) {
        /* the token budget ran out: what comes after is in the text only */
        char reason[80];
        snprintf(reason, sizeof reason, "over the token budget: the text from byte %zu on",
                 doc->unread_at);
        return json_pack("{s:[s,s,s,s,s],s:s}", "analyzers", "kind", "subject", "sentiment",
                         "facts", "quotes", "reason", reason);
    }
    if (language_is_english(doc)) {
        /* the context looked for its default model and found none */
        if (!doc->sentiment.no_model) return json_null();
        return json_pack("{s:[s],s:s}", "analyzers", "sentiment", "reason", "no model");
    }
    json_t *what = json_array();
    json_array_append_new(what, json_string("sentiment"));
    if (doc->kind_confidence == 0) json_array_append_new(what, json_string("kind"));
    json_array_append_new(what, json_string("facts"));
    json_array_append_new(what, json_string("quotes"));
    char reason[32];
    snprintf(reason, sizeof reason, "language %s", doc->language);
    return json_pack("{s:o,s:s}", "analyzers", what, "reason", reason);
}
