/* page_article.c — an article's page (its clean text with the critic's
 * score, the facts and a followed passage marked, cut so that marks never
 * overlap and never split a character) and the search results page with
 * the matches marked. Spans come from the store or the URL and are checked
 * against the text before use.
 */
#include "http.h"

/* ---------------- article page ---------------- */

typedef struct {
    size_t a, b;
    const char *cls;
    buf title; /* tooltip, already escaped */
} mark_span;

/* Move a span onto character boundaries inside [0, len). */
static int snap(const char *t, size_t len, size_t *a, size_t *b)
{
    if (*a >= len) return 0;
    if (*b > len) *b = len;
    while (*a > 0 && ((unsigned char)t[*a] & 0xC0) == 0x80)
        (*a)--;
    while (*b < len && ((unsigned char)t[*b] & 0xC0) == 0x80)
        (*b)++;
    return *a < *b;
}

static int cmp_size(const void *x, const void *y)
{
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    return (a > b) - (a < b);
}

/* Escaped text with single newlines as line breaks. */
static void text_piece(buf *out, const char *s, size_t len)
{
    size_t run = 0;
    for (size_t i = 0; i < len; i++)
        if (s[i] == '\n') {
            html_escape(out, s + run, i - run);
            buf_puts(out, "<br>");
            run = i + 1;
        }
    html_escape(out, s + run, len - run);
}

/* The clean text as paragraphs, marks around every span: the text is cut
 * at every span edge and paragraph break, and each piece is wrapped in one
 * <mark> naming all the spans over it, so marks never overlap. */
static void marked_text(buf *out, const char *t, size_t len, mark_span *m, size_t nm,
                        const mark_span *hl)
{
    vec cuts;
    vec_init(&cuts, sizeof(size_t));
    size_t *p;
    for (size_t i = 0; i < nm; i++) {
        if ((p = vec_push(&cuts))) *p = m[i].a;
        if ((p = vec_push(&cuts))) *p = m[i].b;
    }
    for (size_t i = 0; i + 1 < len; i++)
        if (t[i] == '\n' && t[i + 1] == '\n') {
            size_t e = i;
            while (e < len && t[e] == '\n')
                e++;
            if ((p = vec_push(&cuts))) *p = i;
            if ((p = vec_push(&cuts))) *p = e;
            i = e - 1;
        }
    if ((p = vec_push(&cuts))) *p = len;
    size_t *c = cuts.items;
    qsort(c, cuts.n, sizeof *c, cmp_size);
    int hl_anchor = 0;
    size_t pos = 0;
    buf_puts(out, "<article class=\"text\"><p>");
    for (size_t k = 0; k < cuts.n; k++) {
        size_t e = c[k] > len ? len : c[k];
        if (e <= pos) continue;
        if (t[pos] == '\n' && e - pos >= 2 && t[pos + 1] == '\n') {
            buf_puts(out, "</p>\n<p>");
            pos = e;
            continue;
        }
        size_t on = 0;
        for (size_t i = 0; i < nm; i++)
            on += m[i].a <= pos && m[i].b >= e;
        if (!on) {
            text_piece(out, t + pos, e - pos);
            pos = e;
            continue;
        }
        buf_puts(out, "<mark");
        if (hl && !hl_anchor && hl->a <= pos && hl->b >= e) {
            buf_puts(out, " id=\"hl\"");
            hl_anchor = 1;
        }
        buf_puts(out, " class=\"");
        size_t shown = 0, titled = 0;
        for (size_t i = 0; i < nm; i++)
            if (m[i].a <= pos && m[i].b >= e)
                buf_printf(out, "%s%s", shown++ ? " " : "", m[i].cls);
        buf_puts(out, "\"");
        for (size_t i = 0; i < nm; i++)
            if (m[i].a <= pos && m[i].b >= e && m[i].title.len) {
                buf_puts(out, titled++ ? "; " : " title=\"");
                buf_append(out, m[i].title.data, m[i].title.len);
            }
        buf_puts(out, titled ? "\">" : ">");
        text_piece(out, t + pos, e - pos);
        buf_puts(out, "</mark>");
        pos = e;
    }
    buf_puts(out, "</p></article>");
    vec_free(&cuts);
}

static mark_span *add_mark(vec *v, const char *t, size_t len, size_t a, size_t b,
                           const char *cls)
{
    if (!snap(t, len, &a, &b)) return NULL;
    mark_span *m = vec_push(v);
    if (!m) return NULL;
    m->a = a;
    m->b = b;
    m->cls = cls;
    buf_init(&m->title);
    return m;
}

static void meta_row(buf *out, const char *label, const char *value)
{
    if (!value) return;
    buf_printf(out, "<dt>%s</dt><dd>", label);
    html_esc(out, value);
    buf_puts(out, "</dd>");
}

int page_article(buf *out, const char *record_json, int has_hl, size_t hl_start,
                 size_t hl_end)
{
    json_t *rec = jv_load(record_json);
    if (!rec) return REEL_EFORMAT;
    const char *text = jv_str(rec, "text");
    size_t len = text ? strlen(text) : 0, i, a, b;
    const char *title = article_name(rec);
    page_head(out, title, NULL);
    buf_puts(out, "<h1 class=\"article-title\">");
    html_esc(out, title);
    buf_puts(out, "</h1><dl class=\"meta\">");
    /* linked to the outlet's and the critic's pages */
    if (jv_str(rec, "outlet")) {
        buf_puts(out, "<dt>Outlet</dt><dd>");
        html_outlet_link(out, jv_str(rec, "outlet"));
        buf_puts(out, "</dd>");
    }
    if (jv_str(rec, "author")) {
        buf_puts(out, "<dt>Author</dt><dd>");
        html_critic_link(out, jv_str(rec, "author"), jv_str(rec, "outlet"));
        buf_puts(out, "</dd>");
    }
    meta_row(out, "Date", jv_str(rec, "date"));
    const char *url = jv_str(rec, "url");
    if (url) {
        buf_puts(out, "<dt>URL</dt><dd>");
        if (html_safe_url(url)) {
            buf_puts(out, "<a rel=\"nofollow noopener noreferrer\" href=\"");
            html_esc(out, url);
            buf_puts(out, "\">");
            html_esc(out, url);
            buf_puts(out, "</a>");
        } else {
            html_esc(out, url);
        }
        buf_puts(out, "</dd>");
    }
    json_t *kind = json_object_get(rec, "kind"), *subj = json_object_get(rec, "subject");
    double v;
    if (jv_str(kind, "label")) {
        buf_puts(out, "<dt>Kind</dt><dd>");
        html_esc(out, jv_str(kind, "label"));
        if (jv_num(kind, "confidence", &v))
            buf_printf(out, " <span class=\"muted\">(%.0f%% sure)</span>", v * 100);
        buf_puts(out, "</dd>");
    }
    if (jv_str(subj, "key")) {
        buf_puts(out, "<dt>Film</dt><dd><a class=\"film-link\" href=\"");
        href_film(out, jv_str(subj, "key"));
        buf_puts(out, "\">");
        html_esc(out,
                 jv_str(subj, "title") ? jv_str(subj, "title") : jv_str(subj, "key"));
        buf_puts(out, "</a></dd>");
    }
    json_t *sc = json_object_get(rec, "score"), *se = json_object_get(rec, "sentiment");
    if (jv_num(sc, "score100", &v)) {
        buf_puts(out, "<dt>Score</dt><dd><mark class=\"score\">");
        html_esc(out, jv_str(sc, "raw"));
        buf_printf(out, "</mark> = %.0f/100", v);
        if (jv_str(sc, "form")) {
            buf_puts(out, " <span class=\"muted\">(");
            html_esc(out, jv_str(sc, "form"));
            buf_puts(out, ")</span>");
        }
        buf_puts(out, "</dd>");
    }
    json_t *tone = json_object_get(rec, "tone");
    if (jv_str(tone, "label")) {
        /* not a review: what the model reads is the piece's tone, no verdict */
        buf_puts(out, "<dt>Tone</dt><dd class=\"tone\">");
        html_esc(out, jv_str(tone, "label"));
        buf_puts(out, " <span class=\"muted\">(read by the model; not a review, so no "
                      "verdict)</span></dd>");
    } else if (jv_num(se, "score100", &v)) {
        buf_printf(out, "<dt>Model</dt><dd>%.0f/100 predicted from the text</dd>", v);
    }
    buf_puts(out, "</dl>");

    vec marks;
    vec_init(&marks, sizeof(mark_span));
    mark_span *m, hl = {0, 0, "hl", {0}};
    int hl_ok = 0;
    if (jv_span(json_object_get(sc, "span"), &a, &b) &&
        (m = add_mark(&marks, text, len, a, b, "score"))) {
        buf_puts(&m->title, "score: ");
        html_esc(&m->title, jv_str(sc, "raw"));
    }
    json_t *f;
    json_array_foreach(json_object_get(rec, "facts"), i, f)
    {
        if (!jv_span(json_object_get(f, "span"), &a, &b) ||
            !(m = add_mark(&marks, text, len, a, b, "fact")))
            continue;
        html_esc(&m->title, jv_str(f, "predicate"));
        buf_puts(&m->title, ": ");
        html_esc(&m->title, jv_str(f, "value"));
        const char *q = jv_str(f, "qualifier"), *p = jv_str(f, "predicate");
        if (q) {
            /* read as on the film page: "as" a character, an award's
               winner after a colon, anything else in brackets */
            int cast = p && !strcmp(p, "cast"),
                award = p && (!strcmp(p, "award") || !strcmp(p, "nomination"));
            buf_puts(&m->title, cast ? " as " : award ? ": " : " (");
            html_esc(&m->title, q);
            if (!cast && !award) buf_puts(&m->title, ")");
        }
    }
    if (has_hl) {
        hl.a = hl_start;
        hl.b = hl_end;
        hl_ok = snap(text ? text : "", len, &hl.a, &hl.b);
    }
    if (hl_ok) {
        /* the sentences around the chosen words, lightly */
        json_t *s;
        json_array_foreach(json_object_get(rec, "sentences"), i,
                           s) if (jv_span(json_object_get(s, "span"), &a, &b) &&
                                  a < hl.b && b > hl.a && (a < hl.a || b > hl.b))
            add_mark(&marks, text, len, a, b, "ctx");
        add_mark(&marks, text, len, hl.a, hl.b, "hl");
    }
    buf_puts(
        out,
        "<p class=\"muted\">Marked: <mark class=\"score\">the critic's score</mark>, "
        "<mark class=\"fact\">facts</mark>");
    if (hl_ok) buf_puts(out, ", <mark class=\"hl\">the passage you followed</mark>");
    buf_puts(out, ".</p>");
    marked_text(out, text ? text : "", len, marks.items, marks.n, hl_ok ? &hl : NULL);
    for (i = 0; i < marks.n; i++)
        buf_free(&((mark_span *)marks.items)[i].title);
    vec_free(&marks);
    page_foot(out);
    json_decref(rec);
    return out->oom ? REEL_ENOMEM : 0;
}

/* ---------------- search results ---------------- */

static void snippet_html(buf *out, const char *sn, json_t *ranges)
{
    size_t len = strlen(sn), pos = 0, i, a, b;
    json_t *r;
    json_array_foreach(ranges, i, r)
    {
        if (!jv_span(r, &a, &b) || a < pos || !snap(sn, len, &a, &b)) continue;
        html_escape(out, sn + pos, a - pos);
        buf_puts(out, "<mark>");
        html_escape(out, sn + a, b - a);
        buf_puts(out, "</mark>");
        pos = b;
    }
    html_escape(out, sn + pos, len - pos);
}

int page_search(buf *out, const char *search_json, const char *q)
{
    json_t *res = search_json ? jv_load(search_json) : NULL;
    if (search_json && !res) return REEL_EFORMAT;
    page_head(out, q ? q : "Search", q);
    buf_puts(out, "<h1>Search articles</h1>");
    if (!res) {
        buf_puts(out,
                 "<p>Words to find in the articles' text, accents and case ignored.</p>");
        page_foot(out);
        return out->oom ? REEL_ENOMEM : 0;
    }
    long total = jv_int(res, "total");
    buf_printf(out,
               "<p class=\"muted\" id=\"search-total\">%ld article%s match \xE2\x80\x9C",
               total, total == 1 ? "" : "s");
    html_esc(out, q);
    buf_puts(out, "\xE2\x80\x9D.</p><ol class=\"hits\">");
    json_t *h;
    size_t i;
    json_array_foreach(json_object_get(res, "hits"), i, h)
    {
        const char *id = jv_str(h, "id");
        if (!id) continue;
        buf_puts(out, "<li class=\"hit\"><a href=\"");
        href_article(out, id, 0, 0, 0);
        buf_puts(out, "\">");
        html_esc(out, article_name(h));
        buf_puts(out, "</a> <span class=\"muted\">");
        html_esc(out, jv_str(h, "kind"));
        if (jv_str(h, "outlet")) {
            buf_puts(out, " \xC2\xB7 ");
            html_esc(out, jv_str(h, "outlet"));
        }
        if (jv_str(h, "film")) {
            buf_puts(out, " \xC2\xB7 <a href=\"");
            href_film(out, jv_str(h, "film"));
            buf_puts(out, "\">");
            html_esc(out, jv_str(h, "film"));
            buf_puts(out, "</a>");
        }
        buf_puts(out, "</span><p class=\"snippet\">");
        snippet_html(out, jv_str(h, "snippet") ? jv_str(h, "snippet") : "",
                     json_object_get(h, "highlights"));
        buf_puts(out, "</p></li>");
    }
    buf_puts(out, "</ol>");
    page_pager(out, "/search", q, NULL, total, jv_int(res, "limit"),
               jv_int(res, "offset"));
    page_foot(out);
    json_decref(res);
    return out->oom ? REEL_ENOMEM : 0;
}
