/* text.c — plain-text articles. Paragraphs are separated by blank
 * lines; hard-wrapped lines inside a paragraph are joined; bullet lines are
 * list items; short unpunctuated lines are headings. Leading metadata lines
 * ("date 2019-11-27", "By Jane Doe") become page metadata, and a masthead
 * line above the headline becomes the outlet.
 */
#include "read.h"

#include <ctype.h>

/* Decode to valid UTF-8: BOM, else valid UTF-8, else Windows-1252 when the
 * invalid bytes are many, else UTF-8 with repairs counted. */
int decode_text(reel_doc *doc, buf *out, const char *s, size_t len)
{
    if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
        s += 3;
        len -= 3;
    }
    if (utf8_valid(s, len)) {
        doc->encoding = "UTF-8";
        return buf_append(out, s, len);
    }
    /* count invalid sequences: a few in otherwise UTF-8 text are damage to
     * repair; text with no valid multi-byte sequence is a legacy encoding */
    size_t i = 0, bad = 0, good_multi = 0;
    while (i < len) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        if (utf8_next(s, len, &i) < 0)
            bad++;
        else
            good_multi++;
    }
    if (good_multi == 0 || bad > good_multi * 4) {
        doc->encoding = "windows-1252";
        cp1252_to_utf8(out, s, len);
        return out->oom ? REEL_ENOMEM : 0;
    }
    doc->encoding = "UTF-8";
    doc->repaired = utf8_repair(out, s, len);
    return out->oom ? REEL_ENOMEM : 0;
}

static int is_blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!isspace((unsigned char)s[i])) return 0;
    return 1;
}

/* A bullet at the start of a line: "•", "-", "*", "–", "1." / "1)". Returns
 * the length of the marker with the following space, 0 if none. */
static size_t bullet_len(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len && (s[i] == ' ' || s[i] == '\t')) i++;
    if (len - i >= 4 && memcmp(s + i, "\xE2\x80\xA2", 3) == 0) return i + 3; /* • */
    if (len - i >= 4 && memcmp(s + i, "\xE2\x80\x93", 3) == 0 && s[i + 3] == ' ')
        return i + 4; /* – */
    if (len - i >= 2 && (s[i] == '-' || s[i] == '*') && s[i + 1] == ' ') return i + 2;
    size_t d = i;
    while (d < len && isdigit((unsigned char)s[d]) && d - i < 3) d++;
    if (d > i && d + 1 < len && (s[d] == '.' || s[d] == ')') && s[d + 1] == ' ')
        return d + 2;
    return 0;
}

static size_t count_words(const char *s, size_t len)
{
    size_t n = 0;
    int in = 0;
    for (size_t i = 0; i < len; i++) {
        int sp = isspace((unsigned char)s[i]);
        if (!sp && !in) n++;
        in = !sp;
    }
    return n;
}

/* A heading: one short line without sentence-final punctuation. */
static int looks_heading(const char *s, size_t len)
{
    while (len && isspace((unsigned char)s[len - 1])) len--;
    if (len == 0 || len > 160) return 0;
    size_t w = count_words(s, len);
    if (w == 0 || w > 14) return 0;
    char last = s[len - 1];
    if (last == '.' || last == ',' || last == ';' || last == ':') return 0;
    /* two sentences are a paragraph, however short */
    for (size_t i = 0; i + 2 < len; i++)
        if ((s[i] == '.' || s[i] == '!' || s[i] == '?') && s[i + 1] == ' ' &&
            isupper((unsigned char)s[i + 2]))
            return 0;
    /* ends in a quote after sentence punctuation: a quoted sentence */
    if (len >= 4 && (memcmp(s + len - 3, "\xE2\x80\x9D", 3) == 0 || last == '"')) {
        const char *p = s + len - (last == '"' ? 2 : 4);
        if (*p == '.' || *p == '!' || *p == '?') return 0;
    }
    return 1;
}

/* "date 2019-11-27", "Date: Oct. 4, 2019", "Published October 4, 2019" at
 * the start of the text: returns the length of the whole metadata prefix
 * (which may run into the first paragraph, as in a flattened page). */
static size_t leading_date(const char *s, size_t len, char iso[11])
{
    static const char *labels[] = {"date", "published", "posted", "updated", "dated"};
    size_t i = 0;
    while (i < len && isspace((unsigned char)s[i])) i++;
    for (size_t k = 0; k < sizeof labels / sizeof *labels; k++) {
        size_t n = strlen(labels[k]);
        if (len - i <= n || memmem_ci_ascii(s + i, n, labels[k]) != s + i) continue;
        size_t j = i + n;
        if (isalpha((unsigned char)s[j])) continue;
        if (j < len && (s[j] == ':' || s[j] == '.')) j++;
        while (j < len && (s[j] == ' ' || s[j] == '\t')) j++;
        if (memmem_ci_ascii(s + j, len - j > 3 ? 3 : len - j, "on ") == s + j) j += 3;
        size_t used = date_parse(s + j, len - j, iso);
        if (used == 0) continue;
        j += used;
        while (j < len && (s[j] == ' ' || s[j] == '\t' || s[j] == '|' || s[j] == '\r' ||
                           s[j] == '\n'))
            j++;
        return j;
    }
    return 0;
}

/* "By Jane Doe" alone on a line. */
static int byline(const char *s, size_t len)
{
    if (len < 5 || len > 60) return 0;
    if (memcmp(s, "By ", 3) != 0 && memcmp(s, "by ", 3) != 0) return 0;
    size_t w = count_words(s, len);
    return w >= 2 && w <= 6 && isupper((unsigned char)s[3]);
}

/* Starts with an upper-case letter, perhaps after an opening quote. */
static int starts_upper(const char *s, size_t len)
{
    size_t i = 0;
    /* an indented line under a label ("Starring: A" then names aligned
     * under the first) starts where its text does */
    while (i < len && (s[i] == ' ' || s[i] == '\t')) i++;
    while (i < len && (s[i] == '\'' || s[i] == '"')) i++;
    if (i + 3 <= len && (!memcmp(s + i, "\xE2\x80\x98", 3) || !memcmp(s + i, "\xE2\x80\x9C", 3)))
        i += 3;
    return i < len && isupper((unsigned char)s[i]);
}

/* "Home | Reviews | Features", "REVIEWS / STREAMING": menus and labels. */
static int menu_like(const char *s, size_t len)
{
    size_t seps = 0, lower = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '|' || s[i] == '/') seps++;
        if (i + 1 < len && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xB7) seps++;
        if (islower((unsigned char)s[i])) lower++;
    }
    return seps >= 2 || (seps >= 1 && lower == 0) || lower == 0;
}

/* Turn the gathered paragraph into a block: a one-line short paragraph is a
 * heading; a byline above everything else is the author. */
static int flush_para(reel_doc *doc, buf *para, reel_block_kind kind, size_t nlines,
                      size_t *block_no)
{
    int rc = 0;
    if (kind == REEL_BLOCK_PARAGRAPH && nlines == 1 && looks_heading(para->data, para->len))
        kind = REEL_BLOCK_HEADING;
    char iso[11];
    size_t dl = *block_no < 6 && !doc->date ? leading_date(para->data, para->len, iso) : 0;
    if (dl && dl >= para->len) {
        doc->date = arena_strdup(doc->arena, iso);
        if (!doc->date) rc = REEL_ENOMEM;
    } else if (*block_no < 6 && !doc->author && byline(para->data, para->len)) {
        doc->author = arena_strndup(doc->arena, para->data + 3, para->len - 3);
        if (!doc->author) rc = REEL_ENOMEM;
    } else {
        rc = doc_add_block(doc, kind, kind == REEL_BLOCK_HEADING ? 2 : 0, para->data,
                           para->len, 0);
        (*block_no)++;
    }
    para->len = 0;
    return rc;
}

int read_text(reel_ctx *ctx, reel_doc *doc, const char *bytes, size_t len)
{
    int rc = REEL_OK;
    buf text, para;
    buf_init(&text);
    buf_init(&para);
    if ((rc = decode_text(doc, &text, bytes, len))) goto oom;
    const char *s = text.data;
    size_t n = text.len;
    char iso[11];
    size_t skip = leading_date(s, n, iso);
    if (skip) {
        doc->date = arena_strdup(doc->arena, iso);
        s += skip;
        n -= skip;
    }
    size_t i = 0, nlines = 0, block_no = 0, prev_len = 0;
    int prev_end_punct = 0;
    char iso_tmp[11];
    reel_block_kind kind = REEL_BLOCK_PARAGRAPH;
    for (;;) {
        size_t e = i;
        while (e < n && s[e] != '\n') e++;
        size_t le = e;
        if (le > i && s[le - 1] == '\r') le--;
        const char *line = s + i;
        size_t llen = le - i;
        int blank = is_blank(line, llen);
        size_t bl = blank ? 0 : bullet_len(line, llen);
        if ((blank || bl) && para.len) {
            if ((rc = flush_para(doc, &para, kind, nlines, &block_no))) goto oom;
            nlines = 0;
        }
        if (!blank) {
            if (bl) {
                kind = REEL_BLOCK_LIST_ITEM;
                line += bl;
                llen -= bl;
            } else if (para.len == 0) {
                kind = REEL_BLOCK_PARAGRAPH;
            }
            /* a short line or one that ends a sentence, followed by a line
             * that starts a new one, is its own block (masthead, headline,
             * byline, menu); hard-wrapped prose joins */
            if (para.len && kind == REEL_BLOCK_PARAGRAPH && !bl && prev_len &&
                (((prev_len < 60 || prev_end_punct) && starts_upper(line, llen)) ||
                 byline(line, llen) || leading_date(line, llen, iso_tmp) == llen)) {
                if ((rc = flush_para(doc, &para, kind, nlines, &block_no))) goto oom;
                nlines = 0;
            }
            if (para.len) buf_putc(&para, ' ');
            buf_append(&para, line, llen);
            nlines++;
            prev_len = llen;
            prev_end_punct = llen && strchr(".!?", line[llen - 1]) != NULL;
        } else {
            prev_len = 0;
        }
        if (para.oom) goto oom;
        if (e >= n) break;
        i = e + 1;
    }
    if (para.len && (rc = flush_para(doc, &para, kind, nlines, &block_no))) goto oom;
    /* Headline and masthead: the title is the first heading near the top
     * that is not a menu or a section label; a short name above it is the
     * outlet's masthead. */
    if (!doc->title) {
        size_t lim = doc->n_blocks < 8 ? doc->n_blocks : 8, cand[4], nc = 0;
        for (size_t t = 0; t < lim && nc < 4; t++) {
            reel_block *b = &doc->blocks[t];
            if (b->kind != REEL_BLOCK_HEADING) {
                if (b->len > 200) break; /* the body has begun */
                continue;
            }
            if (menu_like(b->text, b->len) || count_words(b->text, b->len) < 2) continue;
            reel_score sc;
            if (reel_score_parse(&sc, b->text, b->len) == 0) { /* "Grade: A" is a verdict */
                free(sc.raw);
                continue;
            }
            cand[nc++] = t;
        }
        if (nc) {
            /* the headline is the first long heading; short ones before it
             * are the masthead and section labels ("Home Video News") */
            size_t t = cand[0];
            int found_long = 0;
            for (size_t k = 0; k < nc && !found_long; k++)
                if (count_words(doc->blocks[cand[k]].text, doc->blocks[cand[k]].len) >= 5) {
                    t = cand[k];
                    found_long = 1;
                }
            if (!found_long && nc >= 2 && cand[0] == 0 &&
                count_words(doc->blocks[0].text, doc->blocks[0].len) <= 3)
                t = cand[1];
            if (t != 0 && count_words(doc->blocks[0].text, doc->blocks[0].len) <= 3 &&
                doc->blocks[0].kind == REEL_BLOCK_HEADING) {
                doc->outlet = arena_strdup(doc->arena, doc->blocks[0].text);
                if (!doc->outlet) goto oom;
                doc->blocks[0].boilerplate = 1;
                doc->blocks[0].reason = "masthead";
            }
            doc->title = arena_strdup(doc->arena, doc->blocks[t].text);
            if (!doc->title) goto oom;
            doc->blocks[t].level = 1;
        }
    }
    goto done;
oom:
    if (!rc) rc = REEL_ENOMEM;
    rc = reel_error(ctx, rc, "%s: out of memory", doc->source);
done:
    buf_free(&text);
    buf_free(&para);
    return rc;
}
