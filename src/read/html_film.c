/* html_film.c — what film sites draw instead of writing. A critic's rating
 * is often a picture of stars whose only words are its alt or title ("three-
 * and-a-half stars", "4 out of 5 stars"); a film's credits often sit in a
 * box beside the article (Director, Cast, Running time as a definition
 * list, a table or a list of "Label: value" lines), which chrome rules
 * would drop; titles are set in italics, a form the text alone loses.
 * All are read here for the walk (html.c). Every look into a subtree
 * is bounded, so no page's shape makes this superlinear.
 */
#include "analyze/lexicon.h"
#include "html.h"

#include <ctype.h>

/* ---------------- ratings drawn as pictures ---------------- */

/* A number as a rating writes it: digits ("3.5", "4/5"), "½", or number
 * words joined by hyphens ("four", "three-and-a-half"). */
static int number_word(const char *w, size_t n)
{
    static const char *const words[] = {"zero", "one",   "two",   "three", "four", "five",
                                        "six",  "seven", "eight", "nine",  "ten",  "half",
                                        "no",   "a",     "and",   NULL};
    for (size_t i = 0; i < n; i++)
        if (isdigit((unsigned char)w[i])) return 1;
    if (n >= 2 && memmem(w, n, "\xC2\xBD", 2)) return 1; /* ½ */
    int parts = 0;
    for (size_t i = 0; i < n;) {
        size_t e = i;
        while (e < n && w[e] != '-')
            e++;
        if (!word_in_ci(words, w + i, e - i)) return 0;
        parts++;
        i = e + 1;
    }
    return parts > 0;
}

/* Only star glyphs (★☆✩✭✮✯ and ½) and blanks. */
static int star_glyphs(const char *s, size_t n)
{
    size_t stars = 0;
    for (size_t i = 0; i < n;) {
        const unsigned char *p = (const unsigned char *)s + i;
        if (*p == ' ') {
            i++;
        } else if (n - i >= 3 && p[0] == 0xE2 &&
                   ((p[1] == 0x98 && (p[2] == 0x85 || p[2] == 0x86)) ||
                    (p[1] == 0x9C && p[2] >= 0xA9 && p[2] <= 0xAF))) {
            stars++;
            i += 3;
        } else if (n - i >= 2 && p[0] == 0xC2 && p[1] == 0xBD) {
            i += 2;
        } else {
            return 0;
        }
    }
    return stars > 0;
}

int html_rating_text(const char *s, size_t n)
{
    while (n && isspace((unsigned char)*s))
        s++, n--;
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    if (n == 0 || n > 60) return 0;
    if (star_glyphs(s, n)) return 1;
    size_t words = 0;
    const char *prev = NULL;
    size_t prevn = 0;
    int rating = 0;
    for (size_t i = 0; i < n;) {
        while (i < n && s[i] == ' ')
            i++;
        size_t e = i;
        while (e < n && s[e] != ' ')
            e++;
        if (e == i) break;
        const char *w = s + i;
        size_t wn = e - i;
        words++;
        /* only a rating's own words: "Photo 1/12" or "Amy Adams stars"
         * are not ratings */
        static const char *const own[] = {"star",    "stars",    "out",     "of",
                                          "rating",  "rated",    "score",   "grade",
                                          "verdict", "our",      "rating:", "score:",
                                          "grade:",  "verdict:", "stars.",  NULL};
        if (!number_word(w, wn) && !word_in_ci(own, w, wn)) return 0;
        /* "3.5 stars", "three-and-a-half stars", "4 out of 5" */
        if (wn >= 4 && !strncasecmp(w, "star", 4) && prev && number_word(prev, prevn))
            rating = 1;
        if (wn == 3 && !strncasecmp(w, "out", 3) && prev && number_word(prev, prevn) &&
            e + 4 < n && !strncasecmp(s + e, " of ", 4) &&
            number_word(s + e + 4, n - e - 4))
            rating = 1;
        /* "4/5", "8.5/10" */
        const char *sl = memchr(w, '/', wn);
        if (sl && sl > w && isdigit((unsigned char)sl[-1]) && sl + 1 < w + wn &&
            isdigit((unsigned char)sl[1]))
            rating = 1;
        prev = w;
        prevn = wn;
        i = e;
    }
    return rating && words <= 8;
}

/* Does the subtree under n hold any text? Looks at most at 64 nodes;
 * more than that counts as text. */
static int has_text(const xmlNode *n)
{
    int seen = 0;
    for (const xmlNode *c = n->children; c;) {
        if (++seen > 64) return 1;
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
            for (const xmlChar *p = c->content; *p; p++)
                if (!isspace(*p)) return 1;
        if (c->type == XML_ELEMENT_NODE && c->children) {
            c = c->children;
            continue;
        }
        while (!c->next && c->parent != n)
            c = c->parent;
        c = c->next;
    }
    return 0;
}

/* "star" as a word of a name: "star", "stars", "star-half", "fa-star-o",
 * "star_full.png"; not "starring", "start" or "stardust". */
static const char *star_word(const char *s)
{
    for (const char *p = s; s && (p = strstr(p, "star")) != NULL; p++) {
        int start = p == s || !isalpha((unsigned char)p[-1]);
        const char *e = p + 4;
        if (*e == 's') e++;
        if (start && !isalpha((unsigned char)*e)) return p;
    }
    return NULL;
}

/* One star of a rating drawn star by star (an <img> or an icon without
 * text): its glyph, full, half or empty, read from its file or class name;
 * NULL when it is not a star. */
static const char *star_icon(const xmlNode *n)
{
    enum html_tag t = html_tag_of(n);
    const char *name = NULL;
    if (t == T_IMG) {
        const char *alt = html_attr(n, "alt");
        /* an alt that says more than a star's kind is the picture's own */
        if (alt && strlen(alt) > 12) return NULL;
        name = html_attr(n, "src");
        if (name && strrchr(name, '/')) name = strrchr(name, '/') + 1;
        if (!star_word(name)) name = html_attr(n, "class");
    } else if (!n->children && n->name &&
               (!strcmp((const char *)n->name, "i") ||
                !strcmp((const char *)n->name, "span"))) {
        name = html_attr(n, "class");
    }
    if (!name || strlen(name) > 200) return NULL;
    const char *w = star_word(name);
    if (!w) return NULL;
    char low[201];
    size_t k = 0;
    for (; name[k]; k++)
        low[k] = (char)tolower((unsigned char)name[k]);
    low[k] = 0;
    if (strstr(low, "half")) return "\xC2\xBD";
    if (strstr(low, "empty") || strstr(low, "-o ") ||
        (strlen(low) >= 2 && !strcmp(low + strlen(low) - 2, "-o")) ||
        strstr(low, "off") || strstr(low, "blank") || strstr(low, "grey") ||
        strstr(low, "gray") || strstr(low, "outline") || strstr(low, "none"))
        return "\xE2\x98\x86"; /* ☆ */
    return "\xE2\x98\x85";     /* ★ */
}

const char *html_rating_label(const xmlNode *n)
{
    const char *icon = star_icon(n);
    if (icon) return icon;
    if (!n->properties) return NULL;
    static const char *const attrs[] = {"alt", "title", "aria-label", "data-rating",
                                        NULL};
    for (const char *const *a = attrs; *a; a++) {
        const char *v = html_attr(n, *a);
        if (v && html_rating_text(v, strlen(v))) return has_text(n) ? NULL : v;
    }
    return NULL;
}

/* ---------------- credit boxes ---------------- */

/* Labels of a film's credits and details, lower case, without a colon. */
static const char *const credit_labels[] = {"director",
                                            "directors",
                                            "directed by",
                                            "direction",
                                            "writer",
                                            "writers",
                                            "written by",
                                            "screenplay",
                                            "screenplay by",
                                            "script",
                                            "story",
                                            "story by",
                                            "based on",
                                            "cast",
                                            "starring",
                                            "stars",
                                            "with",
                                            "voices",
                                            "voice cast",
                                            "producer",
                                            "producers",
                                            "produced by",
                                            "executive producer",
                                            "music",
                                            "music by",
                                            "composer",
                                            "original music",
                                            "cinematography",
                                            "cinematographer",
                                            "director of photography",
                                            "editor",
                                            "edited by",
                                            "editing",
                                            "production design",
                                            "production designer",
                                            "costume design",
                                            "studio",
                                            "production company",
                                            "production",
                                            "distributor",
                                            "distributed by",
                                            "release date",
                                            "release",
                                            "released",
                                            "in cinemas",
                                            "in theaters",
                                            "in theatres",
                                            "opens",
                                            "running time",
                                            "runtime",
                                            "run time",
                                            "length",
                                            "duration",
                                            "rating",
                                            "rated",
                                            "mpaa rating",
                                            "mpaa",
                                            "certificate",
                                            "certification",
                                            "classification",
                                            "genre",
                                            "country",
                                            "language",
                                            "year",
                                            "original title",
                                            "awards",
                                            NULL};

/* The first words of an item's text (up to outsz - 1 bytes from at most 16
 * nodes), lower case, blanks squeezed. */
static void item_head(const xmlNode *n, char *out, size_t outsz)
{
    size_t len = 0;
    int seen = 0, sp = 1;
    for (const xmlNode *c = n->children; c && len + 1 < outsz;) {
        if (++seen > 16) break;
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
            for (const xmlChar *p = c->content; *p && len + 1 < outsz; p++) {
                if (isspace(*p)) {
                    if (!sp) out[len++] = ' ';
                    sp = 1;
                } else {
                    out[len++] = (char)tolower(*p);
                    sp = 0;
                }
            }
        if (c->type == XML_ELEMENT_NODE && c->children) {
            c = c->children;
            continue;
        }
        while (c && !c->next && c->parent != n)
            c = c->parent;
        if (!c) break;
        c = c->next;
    }
    while (len && out[len - 1] == ' ')
        len--;
    out[len] = 0;
}

/* Is `s` a credit label, alone (whole = 1) or before a colon that starts
 * the item ("Director: ...")? */
static int credit_label(const char *s, int whole)
{
    size_t n = strlen(s);
    const char *colon = memchr(s, ':', n);
    if (colon)
        n = (size_t)(colon - s);
    else if (!whole)
        return 0;
    else if (n > 0 && s[n - 1] == ':')
        n--;
    while (n && s[n - 1] == ' ')
        n--;
    if (n == 0 || n > 30) return 0;
    for (const char *const *l = credit_labels; *l; l++)
        if (strlen(*l) == n && !memcmp(*l, s, n)) return 1;
    return 0;
}

int html_credit_line(const char *s, size_t n)
{
    char low[48];
    size_t k = 0;
    for (; k < n && k + 1 < sizeof low; k++)
        low[k] = (char)tolower((unsigned char)s[k]);
    low[k] = 0;
    return credit_label(low, 0);
}

static int is_tag(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && n->name && !strcmp((const char *)n->name, name);
}

/* The first cell of a row, and whether a second follows. */
static const xmlNode *row_label(const xmlNode *tr, int *pair)
{
    const xmlNode *first = NULL;
    *pair = 0;
    int seen = 0;
    for (const xmlNode *c = tr->children; c && ++seen < 16; c = c->next) {
        if (!is_tag(c, "th") && !is_tag(c, "td")) continue;
        if (first) {
            *pair = 1;
            return first;
        }
        first = c;
    }
    return first;
}

int html_credit_box(const xmlNode *n)
{
    enum html_tag t = html_tag_of(n);
    if (t != T_DL && t != T_TABLE && t != T_UL && t != T_OL && t != T_DIV) return 0;
    int labels = 0, items = 0, seen = 0;
    char head[48];
    for (const xmlNode *c = n->children; c && seen < 256; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        seen++;
        if (t == T_DL) {
            if (!is_tag(c, "dt")) continue;
            items++;
            item_head(c, head, sizeof head);
            labels += credit_label(head, 1);
        } else if (t == T_TABLE) {
            /* rows directly or in one <tbody> */
            const xmlNode *rows =
                is_tag(c, "tbody") || is_tag(c, "thead") ? c->children : c;
            for (const xmlNode *r = rows; r && seen < 256;
                 r = rows == c ? NULL : r->next) {
                if (!is_tag(r, "tr")) continue;
                seen++;
                int pair;
                const xmlNode *cell = row_label(r, &pair);
                if (!cell) continue;
                items++;
                item_head(cell, head, sizeof head);
                labels += pair ? credit_label(head, 1) : credit_label(head, 0);
            }
        } else {
            /* "<li><b>Director:</b> Name</li>", "<p>Cast: ...</p>" */
            if (t == T_DIV && !is_tag(c, "p") && !is_tag(c, "div")) continue;
            items++;
            item_head(c, head, sizeof head);
            labels += credit_label(head, 0);
        }
        if (items >= 8 && labels == 0) return 0; /* prose or a menu, not credits */
    }
    return labels >= 2 && labels * 2 >= items;
}

/* ---------------- titles in italics ---------------- */

int html_italic_tag(const xmlNode *n)
{
    const char *name = (const char *)n->name;
    if (!name) return 0;
    return !strcasecmp(name, "em") || !strcasecmp(name, "i") || !strcasecmp(name, "cite");
}

int html_note_italic(reel_doc *doc, const char *s, size_t n)
{
    if (doc->n_italics >= REEL_MAX_ITALICS) return 0;
    /* trimmed of blanks and of quotes a page sets around the italics too */
    while (n && (isspace((unsigned char)*s) || *s == '"' || *s == '\''))
        s++, n--;
    while (n && (isspace((unsigned char)s[n - 1]) || s[n - 1] == '"' || s[n - 1] == '\''))
        n--;
    if (n < 2 || n > 120) return 0;
    /* a title starts with a capital or a digit ("Dune", "1917", "Amélie" as
     * "\xC3\x89…"); emphasis in a sentence ("really", "not") does not */
    unsigned char c = (unsigned char)s[0];
    if (!isupper(c) && !isdigit(c) && !(c >= 0xC3 && c <= 0xC5)) return 0;
    /* a title is a few words and ends no sentence or clause */
    size_t words = 1;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\n' || s[i] == '\t') return 0;
        if (s[i] == ' ') words++;
        if ((s[i] == '.' || s[i] == ';') && i + 1 < n && s[i + 1] == ' ') return 0;
    }
    if (words > 10 || strchr(".,:;", s[n - 1])) return 0;
    if (!doc->italics) {
        doc->italics = arena_alloc(doc->arena, REEL_MAX_ITALICS * sizeof *doc->italics);
        if (!doc->italics) return REEL_ENOMEM;
    }
    char *t = arena_strndup(doc->arena, s, n);
    if (!t) return REEL_ENOMEM;
    /* white space inside as single blanks, as the clean text has it */
    size_t k = 0;
    for (size_t i = 0; t[i]; i++) {
        char ch = isspace((unsigned char)t[i]) ? ' ' : t[i];
        if (ch == ' ' && k && t[k - 1] == ' ') continue;
        t[k++] = ch;
    }
    t[k] = 0;
    doc->italics[doc->n_italics++] = t;
    return 0;
}
