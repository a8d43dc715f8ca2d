/* record.c — an analyzed document as one JSON object (docs/record.md is the
 * contract; REEL_RECORD_VERSION is bumped on any incompatible change). The
 * record is the seam between the per-article side and the per-film side:
 * everything aggregation needs is in it, so `reel extract` output can be
 * merged and loaded without the original pages.
 */
#include "film_alias.h"
#include "internal.h"
#include "jv.h"

#include <jansson.h>
#include <math.h>

static json_t *span_json(reel_span s)
{
    return json_pack("[I,I]", (json_int_t)s.start, (json_int_t)s.end);
}

static json_t *str_or_null(const char *s) { return s ? json_string(s) : json_null(); }

/* Text of a span of the clean text. */
static json_t *span_text(const reel_doc *d, reel_span s)
{
    if (s.end <= s.start || s.end > d->text_len) return json_string("");
    return json_stringn(d->text + s.start, s.end - s.start);
}

/* Round to 4 decimals so records are stable across platforms' last bits. */
static json_t *film_json(const reel_film_ref *f)
{
    json_t *o = json_object();
    json_object_set_new(o, "title", json_string(f->title));
    json_object_set_new(o, "key", json_string(f->key ? f->key : ""));
    json_object_set_new(o, "year", f->year ? json_integer(f->year) : json_null());
    json_object_set_new(o, "mentions", json_integer((json_int_t)f->mentions));
    json_object_set_new(o, "span", span_json(f->span));
    json_object_set_new(o, "confidence", jv_round(f->confidence, 4));
    return o;
}

/* The tone of a piece that is not a review: the model's P(positive) as a
 * word, with a band in the middle where the text leans neither way
 * (docs/record.md). */
#define REEL_TONE_POSITIVE 0.65
#define REEL_TONE_NEGATIVE 0.35

json_t *record_tone(double prob_positive)
{
    const char *label = prob_positive >= REEL_TONE_POSITIVE   ? "positive"
                        : prob_positive <= REEL_TONE_NEGATIVE ? "negative"
                                                              : "mixed";
    return json_pack("{s:s,s:o}", "label", label, "prob_positive",
                     jv_round(prob_positive, 4));
}

/* The fields before "sentences", into r. */
static void record_head(json_t *r, const reel_doc *d)
{
    json_object_set_new(r, "record_version", json_integer(REEL_RECORD_VERSION));
    json_object_set_new(r, "id", json_string(d->sha256));
    json_object_set_new(r, "source", str_or_null(d->source));
    json_object_set_new(r, "url", str_or_null(d->url));
    json_object_set_new(r, "format", json_string(reel_format_name(d->format)));
    json_object_set_new(r, "encoding", str_or_null(d->encoding));
    json_object_set_new(r, "repaired", json_integer((json_int_t)d->repaired));
    json_object_set_new(r, "title", str_or_null(d->title));
    json_object_set_new(r, "date", str_or_null(d->date));
    json_object_set_new(r, "author", str_or_null(d->author));
    json_object_set_new(r, "outlet", str_or_null(d->outlet));
    json_object_set_new(r, "kind",
                        json_pack("{s:s,s:o}", "label", reel_kind_name(d->kind),
                                  "confidence", jv_round(d->kind_confidence, 4)));
    json_object_set_new(r, "language", str_or_null(d->language));
    json_object_set_new(r, "not_analysed", language_not_analysed(d)); /* language.c */
    json_object_set_new(r, "subject", d->subject.title ? film_json(&d->subject) : json_null());
    if (d->subject.title) {
        /* the other titles it gives the film (film_alias.c) */
        film_aliases al;
        json_t *names = json_array();
        film_aliases_find(d, &al);
        for (size_t i = 0; i < al.n; i++)
            json_array_append_new(names, json_string(al.titles[i]));
        film_aliases_free(&al);
        json_object_set_new(json_object_get(r, "subject"), "aliases", names);
    }
    json_t *ms = json_array();
    for (size_t i = 0; i < d->n_mentions; i++) json_array_append_new(ms, film_json(&d->mentions[i]));
    json_object_set_new(r, "mentions", ms);

    if (d->score.found) {
        json_object_set_new(r, "score",
                            json_pack("{s:s,s:s,s:o,s:o,s:o,s:o}", "raw",
                                      d->score.raw ? d->score.raw : "", "form",
                                      d->score.form ? d->score.form : "", "value",
                                      jv_round(d->score.value, 4), "scale",
                                      jv_round(d->score.scale, 4), "score100",
                                      jv_round(d->score.score100, 4), "span",
                                      span_json(d->score.span)));
    } else {
        json_object_set_new(r, "score", json_null());
    }
    if (d->sentiment.has) {
        json_object_set_new(r, "sentiment",
                            json_pack("{s:o,s:o}", "prob_positive",
                                      jv_round(d->sentiment.prob_positive, 4), "score100",
                                      jv_round(d->sentiment.score100, 4)));
    } else {
        json_object_set_new(r, "sentiment", json_null());
    }
    /* the verdict aggregation uses, a review's only: explicit where given,
       else predicted. Other kinds keep the model's reading as the tone of
       the piece, never a verdict beside the critics' scores. */
    int review = d->kind == REEL_KIND_REVIEW;
    if (review && (d->score.found || d->sentiment.has)) {
        double v = d->score.found ? d->score.score100 : d->sentiment.score100;
        json_object_set_new(
            r, "verdict",
            json_pack("{s:o,s:s,s:b}", "score100", jv_round(v, 4), "source",
                      d->score.found ? "explicit" : "predicted", "positive",
                      reel_verdict_positive(d->score.found ? d->score.form : NULL,
                                            d->score.value, v)));
    } else {
        json_object_set_new(r, "verdict", json_null());
    }
    json_object_set_new(r, "tone",
                        !review && d->sentiment.has ? record_tone(d->sentiment.prob_positive)
                                                    : json_null());

}

static json_t *sentence_json(const reel_doc *d, size_t i)
{
    const reel_sentence *s = &d->sentences[i];
    return json_pack("{s:o,s:o}", "span", span_json(s->span), "polarity",
                     s->polarity < 0 ? json_null() : jv_round(s->polarity, 4));
}

/* The fields between "sentences" and "blocks", into r. */
static void record_tail(json_t *r, const reel_doc *d, int with_text)
{
    json_t *facts = json_array();
    for (size_t i = 0; i < d->n_facts; i++) {
        const reel_fact *f = &d->facts[i];
        json_t *o = json_object();
        json_object_set_new(o, "predicate", json_string(f->predicate));
        json_object_set_new(o, "value", json_string(f->value ? f->value : ""));
        json_object_set_new(o, "norm", str_or_null(f->norm));
        json_object_set_new(o, "qualifier", str_or_null(f->qualifier));
        json_object_set_new(o, "film", str_or_null(f->film));
        json_object_set_new(o, "about_subject", json_boolean(f->about_subject));
        json_object_set_new(o, "span", span_json(f->span));
        json_object_set_new(o, "sentence", json_integer((json_int_t)f->sentence));
        json_object_set_new(o, "evidence",
                            f->sentence < d->n_sentences
                                ? span_text(d, d->sentences[f->sentence].span)
                                : json_string(""));
        json_object_set_new(o, "confidence", jv_round(f->confidence, 4));
        json_array_append_new(facts, o);
    }
    json_object_set_new(r, "facts", facts);

    json_t *quotes = json_array();
    for (size_t i = 0; i < d->n_quotes; i++) {
        const reel_quote *q = &d->quotes[i];
        json_array_append_new(
            quotes,
            json_pack("{s:o,s:I,s:o,s:o,s:o}", "text", span_text(d, q->span), "sentence",
                      (json_int_t)q->sentence, "span", span_json(q->span), "quality",
                      jv_round(q->quality, 4), "polarity", jv_round(q->polarity, 4)));
    }
    json_object_set_new(r, "quotes", quotes);

    if (with_text)
        json_object_set_new(r, "text", json_stringn(d->text ? d->text : "", d->text_len));
}

static json_t *block_json(const reel_doc *d, size_t i)
{
    static const char *kinds[] = {"paragraph", "heading", "list_item", "caption",
                                  "quote", "pre", "table"};
    const reel_block *b = &d->blocks[i];
    json_t *o = json_pack("{s:s,s:o}", "kind", kinds[b->kind], "link_density",
                          jv_round(b->link_density, 4));
    if (b->level) json_object_set_new(o, "level", json_integer(b->level));
    if (b->boilerplate) {
        json_object_set_new(o, "dropped", json_string(b->reason ? b->reason : "boilerplate"));
        json_object_set_new(o, "text", json_stringn(b->text, b->len));
    } else {
        json_object_set_new(o, "span", span_json(b->span));
    }
    return o;
}

json_t *record_build(const reel_doc *d, int with_text)
{
    json_t *r = json_object();
    record_head(r, d);
    json_t *sents = json_array();
    for (size_t i = 0; i < d->n_sentences; i++)
        json_array_append_new(sents, sentence_json(d, i));
    json_object_set_new(r, "sentences", sents);
    record_tail(r, d, with_text);
    if (with_text) {
        json_t *blocks = json_array();
        for (size_t i = 0; i < d->n_blocks; i++)
            json_array_append_new(blocks, block_json(d, i));
        json_object_set_new(r, "blocks", blocks);
    }
    return r;
}

/* ---- the record as text, written part by part ----
 * The same bytes as json_dumps of record_build, but the per-sentence and
 * per-block arrays are dumped one element at a time: a tree of a large
 * page's sentences and blocks took many times the page's size. */

#define DUMP_FLAGS (REEL_JSON_FLAGS | JSON_PRESERVE_ORDER)

/* Append the dump of o (consumed) to out, cut to its inside when `inner`
 * (the members of an object without its braces). */
static int put_json(buf *out, json_t *o, int inner)
{
    if (!o) return REEL_ENOMEM;
    char *t = json_dumps(o, DUMP_FLAGS);
    json_decref(o);
    if (!t) return REEL_ENOMEM;
    size_t n = strlen(t);
    int rc = inner && n >= 2 ? buf_append(out, t + 1, n - 2) : buf_append(out, t, n);
    free(t);
    return rc;
}

/* num(v) as json_dumps writes it with REEL_JSON_FLAGS: jansson's "%.12g",
 * ".0" after a whole number, an exponent without '+' or leading zeros.
 * The elements of the two long arrays are written with this and
 * buf_printf rather than built as trees and dumped: a page's sentences
 * and blocks were most of the cost of writing its record. */
static int put_num(buf *out, double v)
{
    if (!isfinite(v)) return buf_puts(out, "null");
    double k = round(v * 10000.0);
    v = k / 10000.0;
    if (!isfinite(v)) return REEL_ENOMEM; /* json_real refuses it */
    char t[64];
    /* the common case, a share in [0, 1) (as "%.12g" writes k / 10000:
       "0." and k's four digits without trailing zeros; "0.0" for zero) */
    if (k >= 0 && k < 10000 && !signbit(v)) {
        int q = (int)k;
        memcpy(t, "0.", 2);
        for (int i = 5; i >= 2; i--, q /= 10)
            t[i] = (char)('0' + q % 10);
        int n = 6;
        while (n > 3 && t[n - 1] == '0')
            n--;
        return buf_append(out, t, (size_t)n);
    }
    int n = snprintf(t, sizeof t, "%.12g", v);
    if (n < 0 || (size_t)n + 3 >= sizeof t) return REEL_ENOMEM;
    for (int i = 0; i < n; i++)
        if (t[i] == ',') t[i] = '.'; /* a locale's decimal comma, as jansson */
    if (!strchr(t, '.') && !strchr(t, 'e')) {
        t[n++] = '.';
        t[n++] = '0';
        t[n] = 0;
    }
    char *e = strchr(t, 'e');
    if (e) {
        char *from = e + 1, *to = e + 2;
        if (*from == '-') from++;
        while (*to == '0')
            to++;
        if (to != from) {
            memmove(from, to, (size_t)(t + n - to) + 1);
            n -= (int)(to - from);
        }
    }
    return buf_append(out, t, (size_t)n);
}

/* n in decimal at the end of t[0..24): its first digit */
static char *decimal(char *end, unsigned long long n)
{
    do
        *--end = (char)('0' + n % 10);
    while (n /= 10);
    return end;
}

static int put_span(buf *out, reel_span s)
{
    char t[48], *e = t + sizeof t, *p = e;
    *--p = ']';
    p = decimal(p, s.end);
    *--p = ',';
    p = decimal(p, s.start);
    *--p = '[';
    return buf_append(out, p, (size_t)(e - p));
}

/* sentence_json(d, i), dumped */
static int put_sentence(buf *out, const reel_doc *d, size_t i)
{
    const reel_sentence *s = &d->sentences[i];
    int rc = buf_puts(out, "{\"span\":");
    if (!rc) rc = put_span(out, s->span);
    if (!rc) rc = buf_puts(out, ",\"polarity\":");
    if (!rc) rc = s->polarity < 0 ? buf_puts(out, "null") : put_num(out, s->polarity);
    return rc ? rc : buf_puts(out, "}");
}

/* Is s[0..n) a string json_stringn takes (jansson's UTF-8 check: no
 * overlong form, surrogate or code point past U+10FFFF)? */
static int json_utf8(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned char u = (unsigned char)s[i];
        size_t k = u < 0x80                 ? 1
                   : u >= 0xC2 && u <= 0xDF ? 2
                   : u >= 0xE0 && u <= 0xEF ? 3
                   : u >= 0xF0 && u <= 0xF4 ? 4
                                            : 0;
        if (k == 0 || k > n - i) return 0;
        if (k > 1) {
            int32_t v = u & (k == 2 ? 0x1F : k == 3 ? 0x0F : 0x07);
            for (size_t j = 1; j < k; j++) {
                unsigned char c = (unsigned char)s[i + j];
                if (c < 0x80 || c > 0xBF) return 0;
                v = (v << 6) + (c & 0x3F);
            }
            if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF) || (k == 2 && v < 0x80) ||
                (k == 3 && v < 0x800) || (k == 4 && v < 0x10000))
                return 0;
        }
        i += k;
    }
    return 1;
}

/* s[0..n), valid for json_utf8, quoted as json_dumps writes it without
 * JSON_ENSURE_ASCII or JSON_ESCAPE_SLASH */
static int put_str(buf *out, const char *s, size_t n)
{
    int rc = buf_puts(out, "\"");
    size_t from = 0;
    for (size_t i = 0; i < n && !rc; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        rc = buf_append(out, s + from, i - from);
        from = i + 1;
        if (rc) break;
        switch (c) {
        case '"':
            rc = buf_puts(out, "\\\"");
            break;
        case '\\':
            rc = buf_puts(out, "\\\\");
            break;
        case '\b':
            rc = buf_puts(out, "\\b");
            break;
        case '\f':
            rc = buf_puts(out, "\\f");
            break;
        case '\n':
            rc = buf_puts(out, "\\n");
            break;
        case '\r':
            rc = buf_puts(out, "\\r");
            break;
        case '\t':
            rc = buf_puts(out, "\\t");
            break;
        default:
            rc = buf_printf(out, "\\u%04X", (unsigned)c);
            break;
        }
    }
    if (!rc) rc = buf_append(out, s + from, n - from);
    return rc ? rc : buf_puts(out, "\"");
}

/* block_json(d, i), dumped; a dropped block whose text jansson would
 * refuse (bad UTF-8) goes through jansson, which leaves it out */
static int put_block(buf *out, const reel_doc *d, size_t i)
{
    static const char *kinds[] = {"paragraph", "heading", "list_item", "caption",
                                  "quote",     "pre",     "table"};
    const reel_block *b = &d->blocks[i];
    const char *why = b->reason ? b->reason : "boilerplate";
    if (b->boilerplate &&
        (!b->text || !json_utf8(b->text, b->len) || !json_utf8(why, strlen(why))))
        return put_json(out, block_json(d, i), 0);
    int rc = buf_puts(out, "{\"kind\":\"");
    if (!rc) rc = buf_puts(out, kinds[b->kind]);
    if (!rc) rc = buf_puts(out, "\",\"link_density\":");
    if (!rc) rc = put_num(out, b->link_density);
    if (!rc && b->level) rc = buf_printf(out, ",\"level\":%lld", (long long)b->level);
    if (b->boilerplate) {
        if (!rc) rc = buf_puts(out, ",\"dropped\":");
        if (!rc) rc = put_str(out, why, strlen(why));
        if (!rc) rc = buf_puts(out, ",\"text\":");
        if (!rc) rc = put_str(out, b->text, b->len);
    } else {
        if (!rc) rc = buf_puts(out, ",\"span\":");
        if (!rc) rc = put_span(out, b->span);
    }
    return rc ? rc : buf_puts(out, "}");
}

static int put_array(buf *out, const char *key, const reel_doc *d, size_t n,
                     int (*put)(buf *, const reel_doc *, size_t))
{
    int rc = buf_puts(out, ",\"");
    if (!rc) rc = buf_puts(out, key);
    if (!rc) rc = buf_puts(out, "\":[");
    for (size_t i = 0; i < n && !rc; i++) {
        if (i) rc = buf_puts(out, ",");
        if (!rc) rc = put(out, d, i);
    }
    return rc ? rc : buf_puts(out, "]");
}

/* Append ,"text":"..." — the clean text escaped a piece at a time (cut
 * between characters) as json_dumps escapes it whole: a large page's text
 * is then held once more, in out, and not three times (a string in the
 * tree, its dump, out). */
static int put_text(buf *out, const reel_doc *d)
{
    const char *s = d->text ? d->text : "";
    size_t n = d->text ? d->text_len : 0;
    int rc = buf_puts(out, ",\"text\":\"");
    for (size_t at = 0; at < n && !rc;) {
        size_t lim = n - at > 65536 ? at + 65536 : n, e = lim;
        while (e > at && e < n && ((unsigned char)s[e] & 0xC0) == 0x80)
            e--;
        if (e == at) e = lim;
        json_t *j = json_stringn(s + at, e - at);
        char *t = j ? json_dumps(j, DUMP_FLAGS | JSON_ENCODE_ANY) : NULL;
        json_decref(j);
        size_t tn = t ? strlen(t) : 0;
        rc = tn >= 2 ? buf_append(out, t + 1, tn - 2) : REEL_ENOMEM;
        free(t);
        at = e;
    }
    return rc ? rc : buf_puts(out, "\"");
}

int reel_record_to_json(char **out, reel_ctx *ctx, const reel_doc *doc, int with_text)
{
    *out = NULL;
    buf b;
    buf_init(&b);
    unsigned oom0 = oom_mark(); /* a record short of a part is an error */
    /* room for the whole record at once: a large page's record grown by
     * doubling is, for a moment, two copies of it */
    size_t room = 4096 + (with_text ? doc->text_len + doc->text_len / 8 : 0) +
                  64 * doc->n_sentences + (with_text ? 112 * doc->n_blocks : 0) +
                  1024 * (doc->n_facts + doc->n_quotes);
    buf_reserve(&b, room); /* a hint: failing here, the buffer grows as it goes */
    b.oom = 0;
    json_t *head = json_object(), *tail = json_object();
    if (head) record_head(head, doc);
    if (tail) record_tail(tail, doc, 0); /* the text is put after it */
    int rc = buf_puts(&b, "{");
    if (!rc) rc = put_json(&b, head, 1);
    else json_decref(head);
    if (!rc) rc = put_array(&b, "sentences", doc, doc->n_sentences, put_sentence);
    if (!rc) rc = buf_puts(&b, ",");
    if (!rc) rc = put_json(&b, tail, 1);
    else json_decref(tail);
    if (!rc && with_text) rc = put_text(&b, doc);
    if (!rc && with_text) rc = put_array(&b, "blocks", doc, doc->n_blocks, put_block);
    if (!rc) rc = buf_puts(&b, "}");
    if (!rc && (!head || !tail || oom_since(oom0))) rc = REEL_ENOMEM;
    if (rc) {
        buf_free(&b);
        return reel_error(ctx, REEL_ENOMEM, "%s: out of memory", doc->source);
    }
    /* ingest keeps a batch of records: each no larger than it is */
    size_t len = b.len;
    *out = buf_detach(&b);
    char *fit = realloc(*out, len + 1);
    if (fit) *out = fit;
    return 0;
}
