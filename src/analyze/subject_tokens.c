/* subject_tokens.c — what the tokens around a candidate title say, for
 * subject.c: word tests, possessives ("Villeneuve's", "Jenkins’"), a year
 * or star rating after a title, quotes, page labels, a source book before
 * it ("based on …"), award words, Title Case lines, whether the page
 * talks about films at all, and a transcript's speakers ("Name:" lines).
 * Pure functions of the document.
 */
#include "subject.h"

#include <ctype.h>
#include <strings.h>

int sc_tok_is(const reel_doc *d, const reel_token *t, const char *w)
{
    size_t n = t->span.end - t->span.start;
    const char *s = d->text + t->span.start;
    /* most tokens differ at once: the first byte before the call */
    if (n == 0 || tolower((unsigned char)s[0]) != tolower((unsigned char)w[0])) return 0;
    /* w ends at n exactly: a shorter w stops strncasecmp at its NUL */
    return strncasecmp(s, w, n) == 0 && w[n] == 0;
}

int sc_tok_in(const reel_doc *d, const reel_token *t, const char *const *list)
{
    size_t n = t->span.end - t->span.start;
    return n > 0 && word_in_ci(list, d->text + t->span.start, n);
}

int sc_is_titleword(const reel_token *t)
{
    if (t->kind == REEL_TOK_WORD && t->cap) return 1;
    if (t->kind == REEL_TOK_NUMBER) return 1;
    return 0;
}

/* Enough film talk that a recurring name may be a title on its own. */
int sc_film_context(const reel_doc *d)
{
    size_t words = 0, film = 0;
    for (size_t i = 0; i < d->n_tokens; i++) {
        const reel_token *t = &d->tokens[i];
        if (t->kind != REEL_TOK_WORD) continue;
        words++;
        int c = tolower((unsigned char)d->text[t->span.start]);
        if (strchr("fmdscatbhor", c) && sc_tok_in(d, t, subject_film_vocab) &&
            ++film >= 8)
            return 1; /* enough whatever the rest says (below) */
    }
    /* a few lines (a news item, a pull quote) are too short to judge; a
     * short text (a capsule review) or one with a critic's score may say
     * "film" once (a gadget review with a score says it never) */
    return words < 60 || film >= 8 || (film >= 1 && d->score.found) ||
           (film * 1000 >= 4 * words && (film >= 2 || words < 300));
}

/* Possessive "'s" / "’s" at the end of a word token: its length, else 0. */
size_t sc_possessive_len(const reel_doc *d, const reel_token *t)
{
    const char *s = d->text + t->span.start;
    size_t n = t->span.end - t->span.start;
    if (n > 2 && s[n - 2] == '\'' && (s[n - 1] == 's' || s[n - 1] == 'S')) return 2;
    if (n > 4 && !memcmp(s + n - 4, "\xE2\x80\x99", 3) &&
        (s[n - 1] == 's' || s[n - 1] == 'S'))
        return 4;
    /* "Dune‘s": the opening quote typed for an apostrophe */
    if (n > 4 && !memcmp(s + n - 4, "\xE2\x80\x98", 3) &&
        (s[n - 1] == 's' || s[n - 1] == 'S'))
        return 4;
    /* "Jenkins’", "Coens'": a plural possessive */
    if (n > 2 && s[n - 1] == '\'' && s[n - 2] == 's') return 1;
    if (n > 4 && !memcmp(s + n - 3, "\xE2\x80\x99", 3) && s[n - 4] == 's') return 3;
    return 0;
}

/* Token i ends a possessive: "Villeneuve's", "Jenkins’" (the apostrophe
 * of a plural possessive is a token of its own). */
int sc_possessive_at(const reel_doc *d, size_t i)
{
    const reel_token *t = &d->tokens[i];
    if (t->kind == REEL_TOK_WORD) return sc_possessive_len(d, t) != 0;
    size_t n = t->span.end - t->span.start;
    const char *s = d->text + t->span.start;
    int apos = (n == 1 && s[0] == '\'') || (n == 3 && !memcmp(s, "\xE2\x80\x99", 3));
    if (!apos || i == 0 || t[-1].span.end != t->span.start || !t[-1].cap) return 0;
    return d->text[t[-1].span.end - 1] == 's';
}

/* Does the text right after `pos` begin with phrase (case-insensitive,
 * skipping one space)? */
int sc_followed_by(const reel_doc *d, size_t pos, const char *phrase)
{
    size_t i = pos;
    if (i < d->text_len && d->text[i] == ',') return 0;
    while (i < d->text_len && d->text[i] == ' ')
        i++;
    size_t n = strlen(phrase);
    if (i + n > d->text_len) return 0;
    /* the phrase's first letter in either case before the full compare:
     * most calls end here (this runs for each candidate and phrase) */
    if (n > 0 && (d->text[i] | 32) != (phrase[0] | 32)) return 0;
    if (memmem_ci_ascii(d->text + i, n, phrase) != d->text + i) return 0;
    return i + n == d->text_len || !isalnum((unsigned char)d->text[i + n]);
}

/* "(2019)" right after: the year, else 0. */
int sc_year_after(const reel_doc *d, size_t pos)
{
    const char *s = d->text + pos;
    size_t left = d->text_len - pos;
    if (left >= 7 && s[0] == ' ' && s[1] == '(' && isdigit((unsigned char)s[2]) &&
        isdigit((unsigned char)s[5]) && s[6] == ')') {
        int y = atoi(s + 2);
        if (y >= 1880 && y <= 2100) return y;
    }
    return 0;
}

/* A rating in parentheses right after the title: "(★★★★☆)". */
int sc_rating_after(const reel_doc *d, size_t pos)
{
    const char *s = d->text + pos;
    size_t left = d->text_len - pos;
    return left >= 5 && s[0] == ' ' && s[1] == '(' &&
           (!memcmp(s + 2, "\xE2\x98\x85", 3) || !memcmp(s + 2, "\xE2\x98\x86", 3) ||
            s[2] == '*');
}

/* A quote mark token: ASCII or curly. */
int sc_is_quote_tok(const reel_doc *d, const reel_token *t)
{
    size_t n = t->span.end - t->span.start;
    const unsigned char *s = (const unsigned char *)d->text + t->span.start;
    if (n == 1) return s[0] == '"' || s[0] == '\'';
    return n == 3 && s[0] == 0xE2 && s[1] == 0x80 && s[2] >= 0x98 && s[2] <= 0x9F;
}

/* A page label word: "Director", "Title", "Genre". */
int sc_label_word(const reel_doc *d, const reel_token *w)
{
    char low[24];
    size_t n = w->span.end - w->span.start;
    if (w->kind != REEL_TOK_WORD || n >= sizeof low) return 0;
    for (size_t i = 0; i < n; i++)
        low[i] = (char)tolower((unsigned char)d->text[w->span.start + i]);
    return subject_label(low, n);
}

/* Is the run at token a a film's source: "based on …", "the novel …",
 * "Bruder's award-winning book …"? Looks back a few words. */
int sc_source_before(const reel_doc *d, size_t a)
{
    static const char *const source_nouns[] = {"book",       "novel", "memoir", "novella",
                                               "bestseller", "play",  "comic",  NULL};
    const reel_token *t = d->tokens;
    for (size_t i = a, k = 0; i > 0 && k < 5; i--, k++) {
        const reel_token *w = &t[i - 1];
        if (w->kind == REEL_TOK_PUNCT && !sc_is_quote_tok(d, w) &&
            !sc_tok_is(d, w, "-")) {
            /* "Bruder’s": the apostrophe of a possessive is no stop */
            size_t n = w->span.end - w->span.start;
            if (!(n == 1 && d->text[w->span.start] == '\'') &&
                !(n == 3 && !memcmp(d->text + w->span.start, "\xE2\x80\x99", 3)))
                return 0;
        }
        if (sc_tok_in(d, w, source_nouns)) return 1;
        if (sc_tok_is(d, w, "on") && i >= 2 && sc_tok_is(d, &t[i - 2], "based")) return 1;
    }
    return 0;
}

/* "Best Supporting Actress": where the award's capitalised words starting
 * at token i end, or i when none start there. */
size_t sc_award_words_at(const reel_doc *d, size_t i, size_t to)
{
    const reel_token *t = d->tokens;
    if (!sc_tok_is(d, &t[i], "best") || !t[i].cap) return i;
    size_t j = i + 1;
    char low[24];
    while (j < to && t[j].cap && t[j].kind == REEL_TOK_WORD) {
        size_t n = t[j].span.end - t[j].span.start;
        if (n >= sizeof low) break;
        for (size_t k = 0; k < n; k++)
            low[k] = (char)tolower((unsigned char)d->text[t[j].span.start + k]);
        if (!subject_category_word(low, n)) break;
        j++;
    }
    return j > i + 1 ? j : i;
}

/* A Title Case line ("Space Epic Is Full Of Spectacle"): every word is
 * capitalised, so its runs say nothing about where a title starts or ends;
 * its titles are read by their forms (subject_lines.c) and by matching
 * names the body uses. */
int sc_titlecase_sentence(const reel_doc *d, const reel_sentence *se)
{
    size_t words = 0, caps = 0;
    for (size_t i = se->tok_start; i < se->tok_end; i++) {
        const reel_token *t = &d->tokens[i];
        if (t->kind != REEL_TOK_WORD || (!t->cap && sc_tok_in(d, t, subject_connectors)))
            continue;
        words++;
        caps += t->cap != 0;
        /* nine words in ten capitalised: once the lower-case ones are too
           many for even every token left to make up, it cannot be */
        if ((words - caps) * 10 > words + (se->tok_end - i - 1)) return 0;
    }
    return words >= 5 && caps * 10 >= words * 9;
}

/* The words of the "Name:" or "First Last:" labels that open lines (at
 * most 100 lines counted, so the sets stay small), into `once`, and into
 * `twice` when seen again. */
void sc_note_speakers(const reel_doc *d, hset *once, hset *twice)
{
    const char *s = d->text;
    size_t n = d->text_len, lines = 0;
    for (size_t p = 0; p < n && lines < 100; p++) {
        if (p && s[p - 1] != '\n') continue;
        size_t q = p, words = 0, ws[3], we[3];
        while (q < n && words < 3 && isupper((unsigned char)s[q])) {
            ws[words] = q;
            while (q < n && (isalpha((unsigned char)s[q]) || s[q] == '-' || s[q] == '\''))
                q++;
            we[words++] = q;
            if (q < n && s[q] == ' ')
                q++;
            else
                break;
        }
        if (!words || q + 1 >= n || s[q] != ':' || s[q + 1] != ' ') continue;
        lines++;
        for (size_t i = 0; i < words; i++) {
            uint64_t h = sc_hash_lower(s + ws[i], we[i] - ws[i]);
            if (sc_hset_has(once, h))
                sc_hset_add(twice, h);
            else
                sc_hset_add(once, h);
        }
    }
}
