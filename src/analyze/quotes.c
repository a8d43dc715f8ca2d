/* quotes.c — an article's quotable sentences (a pure analyzer): each
 * sentence is rated as a pull quote: a quotable length, self-contained (not
 * opening on "But"/"And", not a fragment, no unbalanced quotation), strong
 * polarity agreeing with the article's verdict, no spoiler markers, not the
 * score line itself. The best few go in the record; a film's pull quotes and
 * consensus are chosen from them across its reviews (aggregate/consensus.c).
 */
#include "../internal.h"

#include <math.h>

#define QUOTES_PER_ARTICLE 5

static const char *const spoiler_words[] = {
    "spoiler",     "spoilers",   "twist",     "ending",  "finale",   "dies",
    "killed",      "death",      "reveal",    "reveals", "revealed", "climax",
    "final scene", "last scene", "turns out", NULL};

static const char *const weak_openers[] = {
    "but",     "and",  "so", "also", "still", "yet",   "however", "or", "which",
    "because", "then", "as", "this", "that",  "these", "those",   NULL};

static int word_eq(const char *s, size_t n, const char *w)
{
    return strlen(w) == n && memmem_ci_ascii(s, n, w) == s;
}

/* Rate one sentence as a pull quote (0 = unusable). */
static double rate(const reel_doc *d, const reel_sentence *se, double verdict_pos)
{
    size_t words = 0, quotes = 0;
    for (size_t t = se->tok_start; t < se->tok_end; t++) {
        const reel_token *tk = &d->tokens[t];
        const char *s = d->text + tk->span.start;
        size_t n = tk->span.end - tk->span.start;
        if (tk->kind == REEL_TOK_WORD || tk->kind == REEL_TOK_NUMBER) words++;
        if ((n == 1 && *s == '"') ||
            (n == 3 && (!memcmp(s, "\xE2\x80\x9C", 3) || !memcmp(s, "\xE2\x80\x9D", 3))))
            quotes++;
    }
    if (words < 6 || words > 45) return 0;
    const char *s = d->text + se->span.start;
    size_t len = se->span.end - se->span.start;
    /* a sentence, not a heading or a label line */
    char last = s[len - 1];
    if (last != '.' && last != '!' && last != '?' && last != '"' &&
        !(len >= 3 && (!memcmp(s + len - 3, "\xE2\x80\x9D", 3) ||
                       !memcmp(s + len - 3, "\xE2\x80\xA6", 3))))
        return 0;
    const char *colon = memchr(s, ':', len);
    if (colon && colon < s + 25) return 0; /* "Director: …" label lines */
    if (quotes % 2) return 0;              /* cut quotation */
    if (d->score.found && se->span.start <= d->score.span.start &&
        d->score.span.end <= se->span.end)
        return 0; /* the score line itself */
    for (const char *const *w = spoiler_words; *w; w++)
        if (memmem_ci_ascii(s, len, *w)) return 0;
    double q = 1.0;
    /* 12-30 words quote best */
    if (words < 12) q *= 0.6 + 0.4 * (double)(words - 6) / 6.0;
    if (words > 30) q *= 1.0 - 0.5 * (double)(words - 30) / 15.0;
    const reel_token *first = &d->tokens[se->tok_start];
    if (word_eq(d->text + first->span.start, first->span.end - first->span.start, "\"") ||
        quotes >= 2)
        q *= 0.5; /* someone else's words */
    for (const char *const *w = weak_openers; *w; w++)
        if (word_eq(d->text + first->span.start, first->span.end - first->span.start,
                    *w)) {
            q *= 0.4; /* leans on the sentence before */
            break;
        }
    if (se->polarity >= 0) {
        double strength = fabs(se->polarity - 0.5) * 2.0;
        q *= 0.2 + 0.8 * strength;
        if (verdict_pos >= 0 && (se->polarity >= 0.5) != (verdict_pos >= 0.5)) q *= 0.2;
    } else {
        q *= 0.3; /* no model: form alone */
    }
    /* naming the film or its people makes a quote stand alone */
    if (d->subject.key && d->subject.span.end &&
        d->subject.span.start >= se->span.start && d->subject.span.end <= se->span.end)
        q *= 1.15;
    return q > 1 ? 1 : q;
}

int analyze_quotes(reel_ctx *ctx, reel_doc *doc)
{
    doc->quotes = NULL;
    doc->n_quotes = 0;
    if (doc->n_sentences == 0) return 0;
    double verdict = -1;
    if (doc->score.found)
        verdict =
            reel_verdict_positive(doc->score.form, doc->score.value, doc->score.score100);
    else if (doc->sentiment.has)
        verdict = doc->sentiment.prob_positive;
    reel_quote best[QUOTES_PER_ARTICLE];
    size_t nb = 0;
    for (size_t i = 0; i < doc->n_sentences; i++) {
        double q = rate(doc, &doc->sentences[i], verdict);
        if (q <= 0.05) continue;
        reel_quote c = {i, doc->sentences[i].span, q, doc->sentences[i].polarity};
        /* keep the best few, in quality order; ties keep the earlier */
        size_t pos = nb;
        while (pos > 0 && best[pos - 1].quality < q)
            pos--;
        if (pos >= QUOTES_PER_ARTICLE) continue;
        size_t end = nb < QUOTES_PER_ARTICLE ? nb : QUOTES_PER_ARTICLE - 1;
        memmove(&best[pos + 1], &best[pos], (end - pos) * sizeof *best);
        best[pos] = c;
        if (nb < QUOTES_PER_ARTICLE) nb++;
    }
    if (!nb) return 0;
    doc->quotes = arena_alloc(doc->arena, nb * sizeof *doc->quotes);
    if (!doc->quotes)
        return reel_error(ctx, REEL_ENOMEM, "%s: out of memory", doc->source);
    memcpy(doc->quotes, best, nb * sizeof *best);
    doc->n_quotes = nb;
    return 0;
}
