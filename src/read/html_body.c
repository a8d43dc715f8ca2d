/* html_body.c — which parts of a parsed page are the article. The method
 * is Readability's (Arc90, as in readability.js and readability-lxml), done
 * over an index of the tree instead of by editing it: paragraphs score their
 * ancestors by length and commas, class and id names weigh them, link
 * density discounts them; the best container and its kin are the body, and
 * inside it lists, divs and tables that look like chrome are cut. Without
 * recursion (pages nest 100,000 deep): the index is in document order, so
 * reading it backwards visits children before parents.
 */
#include "html.h"

/* ---------------- the index ---------------- */

typedef struct {
    xmlNode *node;
    double score;
    const char *drop;      /* why this subtree is not article text */
    int parent;            /* index of the parent element, -1 at the top */
    unsigned char tag;     /* enum html_tag */
    signed char weight;    /* class and id names (+-50 at most) */
    unsigned block : 1;    /* starts a block of its own */
    unsigned link : 1;     /* inside <a> */
    unsigned hidden : 1;   /* never shown */
    unsigned comments : 1; /* readers' comments, by name */
    unsigned unlikely : 1; /* chrome by name or role */
    unsigned byline : 1;   /* author / dateline by name */
    unsigned share : 1;    /* share widget by name */
    unsigned caption : 1;  /* picture caption by name */
    unsigned maybe : 1;    /* name says it may hold the article */
    unsigned in_table : 1, in_figure : 1, is_list : 1;
    unsigned children : 2; /* element children indexed: 0, 1, 2 or more */
    /* per attempt */
    unsigned dead : 1;      /* inside a removed subtree */
    unsigned candidate : 1; /* has a content score */
    unsigned has_block : 1; /* block elements below it */
    unsigned data_table : 1;
    unsigned in_body : 1;
    unsigned body : 1;      /* a root of the article */
    unsigned card : 1;      /* a teaser: a linked heading and a line or two */
    unsigned teasers : 1;   /* a list of three teasers or more */
    unsigned in_teaser : 1; /* inside such a list */
    /* Counts fit 32 bits: a page is under 2 GB (read_html refuses more).
     * Own text nodes and media, fixed: */
    uint32_t dtext, dcommas, dimg, dembed, dinput;
    /* sums over the subtree (without removed parts), per attempt */
    uint32_t text, links, commas, htext, ltext;
    uint32_t itext, icommas; /* inline text: not inside nested blocks */
    uint32_t n_p, n_img, n_embed, n_input, n_li, n_th;
    uint32_t max_p;     /* the longest paragraph below */
    uint32_t hltext;    /* heading text inside links */
    uint32_t card_text; /* text of the teasers among the children */
    uint32_t n_cards;   /* teasers among the children */
} nstat;
_Static_assert(sizeof(nstat) <= 128, "nstat is one per element of a page: keep it small");

struct html_select {
    nstat *st;
    size_t n;
    int has_body;
};

static nstat *stat_of(const html_select *s, const xmlNode *n)
{
    uintptr_t i = (uintptr_t)n->_private;
    return i && i <= s->n && s->st[i - 1].node == n ? &s->st[i - 1] : NULL;
}

/* Characters of a text node as a reader sees them: code points, with each
 * run of white space counted once; and its commas (Latin, Arabic, CJK). */
static void count_text(const char *t, uint32_t *chars, uint32_t *commas)
{
    size_t c = 0, k = 0;
    int sp = 1;
    for (const unsigned char *p = (const unsigned char *)t; *p; p++) {
        if (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r' || *p == '\f') {
            if (!sp) c++;
            sp = 1;
            continue;
        }
        sp = 0;
        if ((*p & 0xC0) != 0x80) c++;
        if (*p == ',')
            k++;
        else if (*p == 0xEF && p[1] == 0xBC && p[2] == 0x8C)
            k++; /* ， */
        else if (*p == 0xE3 && p[1] == 0x80 && p[2] == 0x81)
            k++; /* 、 */
        else if (*p == 0xD8 && p[1] == 0x8C)
            k++; /* ، */
    }
    *chars += (uint32_t)(c > UINT32_MAX / 2 ? UINT32_MAX / 2 : c);
    *commas += (uint32_t)(k > UINT32_MAX / 2 ? UINT32_MAX / 2 : k);
}

/* What an element's attributes make of it: hidden, chrome, byline,
 * share, caption. */
static void classify(const html_words *x, nstat *e, const xmlNode *n, enum html_tag t)
{
    html_names nm;
    html_names_of(x, n, &nm);
    /* the page's root and body are never hidden or chrome: scripts hide
     * and reveal the whole page, and a class on <html> says nothing */
    int root = e->parent < 0 || t == T_BODY;
    e->hidden = !root && nm.hidden;
    e->comments = !root && nm.comments;
    e->weight = (signed char)nm.weight;
    e->unlikely = !root && t != T_A && t != T_ARTICLE && t != T_MAIN && !e->in_table &&
                  (((nm.mask & W_UNLIKELY) && !(nm.mask & W_MAYBE)) || nm.bad_role);
    e->byline = nm.author || (nm.mask & W_BYLINE);
    e->share = (unsigned)nm.share;
    e->caption = (nm.mask & W_CAPTION) != 0;
    e->maybe = (nm.mask & W_MAYBE) != 0;
}

/* One pass in document order: index every element not skipped, with what
 * does not change between attempts. */
static int build_index(html_select *s, xmlNode *first)
{
    html_words x;
    html_words_build(&x);
    size_t cap = 256;
    s->st = malloc(cap * sizeof *s->st);
    if (!s->st) return REEL_ENOMEM;
    xmlNode *n = first;
    while (n) {
        int descend = 0;
        nstat *par = n->parent ? stat_of(s, n->parent) : NULL;
        if (n->type == XML_ELEMENT_NODE) {
            enum html_tag t = html_tag_of(n);
            if (html_tag_skipped(t)) {
                if (par) {
                    if (t == T_IMG)
                        par->dimg++;
                    else if (t == T_EMBED)
                        par->dembed++;
                    else if (t == T_INPUT)
                        par->dinput++;
                }
            } else {
                if (s->n == cap) {
                    nstat *ns = realloc(s->st, cap * 2 * sizeof *ns);
                    if (!ns) return REEL_ENOMEM;
                    s->st = ns;
                    cap *= 2;
                    par = n->parent ? stat_of(s, n->parent) : NULL;
                }
                nstat *e = &s->st[s->n];
                memset(e, 0, sizeof *e);
                e->node = n;
                e->parent = par ? (int)(par - s->st) : -1;
                e->tag = (unsigned char)t;
                reel_block_kind k;
                int level;
                e->block = (unsigned)html_tag_block(t, n, &k, &level);
                e->link = t == T_A || (par && par->link);
                e->in_table =
                    par && (par->in_table || par->tag == T_TABLE || par->tag == T_CODE);
                e->in_figure = par && (par->in_figure || par->tag == T_FIGURE);
                e->is_list = t == T_UL || t == T_OL;
                if (n->properties) classify(&x, e, n, t);
                if (par && par->children < 2) par->children++;
                n->_private = (void *)(uintptr_t)(s->n + 1);
                s->n++;
                descend = n->children != NULL;
            }
        } else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) &&
                   par && n->content) {
            count_text((const char *)n->content, &par->dtext, &par->dcommas);
        }
        n = html_next(n, descend);
    }
    return 0;
}

/* ---------------- one attempt ---------------- */

enum {
    STRIP_UNLIKELY = 1,
    WEIGHT_CLASSES = 2,
    CLEAN_CONDITIONALLY = 4,
    SKIP_TEASERS = 8
};

static int tag_init_score(enum html_tag t)
{
    switch (t) {
    case T_DIV:
        return 5;
    case T_PRE:
    case T_TD:
    case T_BLOCKQUOTE:
        return 3;
    case T_ADDRESS:
    case T_OL:
    case T_UL:
    case T_DL:
    case T_DD:
    case T_DT:
    case T_LI:
    case T_FORM:
        return -3;
    case T_H:
    case T_TH:
        return -5;
    default:
        return 0;
    }
}

static double link_density(const nstat *e)
{
    return e->text ? (double)e->links / (double)e->text : 0;
}

/* Should this element, inside the chosen body, be cut (Readability's
 * "clean conditionally")? Its sums already leave out what was cut below. */
static const char *clean_reason(const nstat *e, int flags)
{
    enum html_tag t = e->tag;
    if (t == T_FOOTER) return "footer";
    if (t == T_ASIDE) return "aside";
    if (e->teasers && (flags & SKIP_TEASERS)) return "teasers";
    if (t == T_NAV) return "navigation";
    if (e->share && e->text < 500) return "share";
    /* the author's line, or a box about the author */
    if (e->byline && ((e->text < 100 && !e->n_p) || (!e->maybe && e->text < 800)))
        return "byline";
    /* an article's own <header>: headline, standfirst, byline, date */
    if (t == T_HEADER && e->text < 1000) return "header";
    /* a picture's caption and credit are not the article's text */
    if ((t == T_FIGURE || t == T_FIGCAPTION || e->caption) && e->text < 500)
        return "caption";
    int weight = flags & WEIGHT_CLASSES ? e->weight : 0;
    if (t == T_H && e->node->name[1] <= '2' && weight < 0) return "heading";
    if (!(flags & CLEAN_CONDITIONALLY)) return NULL;
    if (t != T_FORM && t != T_FIELDSET && t != T_TABLE && t != T_UL && t != T_OL &&
        t != T_DIV && t != T_SECTION)
        return NULL;
    if (t == T_TABLE && e->data_table) return NULL;
    double p = e->n_p, img = e->n_img;
    double ld = link_density(e);
    /* a negative name (share, tags, media, meta...) cuts short or linky
     * parts; paragraphs of prose under a "media" wrapper stay */
    if (weight < 0 && (e->max_p < 80 || ld > 0.2)) return "negative name";
    if (e->commas >= 10) return NULL;
    int is_list = e->is_list || (e->text && (double)e->ltext / (double)e->text > 0.9);
    double head = e->text ? (double)e->htext / (double)e->text : 0;
    if (img > 1 && p / img < 0.5 && !e->in_figure) return "media";
    if (!is_list && e->n_li > 100 + e->n_p) return "list";
    if (e->n_input > e->n_p / 3) return "form";
    if (!is_list && head < 0.9 && e->text < 25 && (img == 0 || img > 2) && !e->in_figure)
        return "too short";
    if (!is_list && weight < 25 && ld > 0.2) return "links";
    if (weight >= 25 && ld > 0.5) return "links";
    if ((e->n_embed == 1 && e->text < 75) || e->n_embed > 1) return "embeds";
    return NULL;
}

/* Sum the subtree figures bottom-up. With `clean`, elements in the body are
 * judged after their own subtree was, and a cut one adds nothing upward. */
static void aggregate(html_select *s, int flags, int clean)
{
    for (size_t i = s->n; i-- > 0;) {
        nstat *e = &s->st[i];
        if (e->dead) continue;
        e->text += e->dtext;
        e->commas += e->dcommas;
        if (e->link) e->links += e->dtext;
        e->itext += e->dtext;
        e->icommas += e->dcommas;
        e->n_img += e->dimg;
        e->n_embed += e->dembed;
        e->n_input += e->dinput;
        if (e->tag == T_H) {
            e->htext = e->text;
            e->hltext = e->links;
        }
        /* a teaser of another page: a heading that is a link, and little
         * more than a line beside it; three of them make a list of links
         * to other articles (a rail, "more videos"), not an article */
        e->card = e->block && e->tag != T_H && e->htext > 0 &&
                  (uint64_t)e->hltext * 10 >= (uint64_t)e->htext * 8 &&
                  e->text - e->htext < 300;
        e->teasers =
            e->n_cards >= 3 && (uint64_t)e->card_text * 10 >= (uint64_t)e->text * 6;
        if (e->tag == T_LI) e->ltext = e->text;
        if (e->tag == T_TABLE) e->data_table = e->n_th > 0 || e->commas >= 10;
        if (clean && e->in_body && !e->body) {
            const char *why = clean_reason(e, flags);
            if (why) {
                e->drop = why;
                continue;
            }
        }
        if (e->parent < 0) continue;
        nstat *p = &s->st[e->parent];
        p->text += e->text;
        p->links += e->links;
        p->commas += e->commas;
        p->htext += e->htext;
        p->hltext += e->hltext;
        p->ltext += e->ltext;
        if (e->card) {
            p->n_cards++;
            p->card_text += e->text;
        }
        p->n_p += e->n_p + (e->tag == T_P);
        {
            uint32_t mp = e->tag == T_P && e->itext > e->max_p ? e->itext : e->max_p;
            if (mp > p->max_p) p->max_p = mp;
        }
        p->n_img += e->n_img;
        p->n_embed += e->n_embed;
        p->n_input += e->n_input;
        p->n_li += e->n_li + (e->tag == T_LI);
        p->n_th += e->n_th + (e->tag == T_TH || e->tag == T_CAPTION);
        if (e->block) {
            p->has_block = 1;
        } else {
            p->itext += e->itext;
            p->icommas += e->icommas;
            p->has_block |= e->has_block;
        }
    }
}

static void reset(html_select *s, int flags)
{
    for (size_t i = 0; i < s->n; i++) {
        nstat *e = &s->st[i];
        e->text = e->links = e->commas = e->htext = e->ltext = e->itext = e->icommas = 0;
        e->n_p = e->n_img = e->n_embed = e->n_input = e->n_li = e->n_th = 0;
        e->max_p = e->hltext = e->card_text = 0;
        e->n_cards = 0;
        e->candidate = e->has_block = e->in_body = e->body = 0;
        e->score = 0;
        e->drop = NULL;
        if (e->hidden)
            e->drop = "hidden";
        else if (e->comments)
            e->drop = "comments";
        else if ((flags & STRIP_UNLIKELY) && e->unlikely)
            e->drop = "unlikely";
        /* document order: the parent is already decided */
        e->dead = e->drop != NULL || (e->parent >= 0 && s->st[e->parent].dead);
    }
}

static void init_candidate(nstat *e, int flags)
{
    if (e->candidate) return;
    e->candidate = 1;
    e->score =
        tag_init_score((enum html_tag)e->tag) + (flags & WEIGHT_CLASSES ? e->weight : 0);
}

/* Elements whose own loose text is a paragraph that scores. */
static int scores_text(enum html_tag t)
{
    switch (t) {
    case T_P:
    case T_PRE:
    case T_TD:
    case T_H:
    case T_DIV:
    case T_SECTION:
    case T_ARTICLE:
    case T_MAIN:
    case T_CENTER:
        return 1;
    default:
        return 0;
    }
}

/* Score, choose the top candidate and its kin, mark them as body roots.
 * Returns the number of characters the body keeps after cleaning. */
static size_t attempt(html_select *s, int flags)
{
    reset(s, flags);
    aggregate(s, flags, 0);
    /* document order: the parent's list of teasers is known */
    for (size_t i = 0; i < s->n; i++) {
        nstat *e = &s->st[i], *p = e->parent >= 0 ? &s->st[e->parent] : NULL;
        e->in_teaser = (flags & SKIP_TEASERS) && p && (p->teasers || p->in_teaser);
    }
    /* paragraphs score their ancestors */
    for (size_t i = 0; i < s->n; i++) {
        nstat *e = &s->st[i];
        if (e->dead || !e->block || !scores_text((enum html_tag)e->tag) ||
            e->itext < 25 || e->in_teaser)
            continue;
        double sc =
            1.0 + (double)e->icommas + (double)(e->itext / 100 < 3 ? e->itext / 100 : 3);
        /* a paragraph of its own scores from its parent up; loose text beside
         * blocks is a paragraph inside this element */
        int a = e->has_block ? (int)i : e->parent;
        for (int level = 0; a >= 0 && level < 5; level++, a = s->st[a].parent) {
            nstat *anc = &s->st[a];
            init_candidate(anc, flags);
            anc->score += sc / (level == 0 ? 1.0 : level == 1 ? 2.0 : level * 3.0);
        }
    }
    int top = -1;
    for (size_t i = 0; i < s->n; i++) {
        nstat *e = &s->st[i];
        if (!e->candidate) continue;
        e->score *= 1.0 - link_density(e);
        if (top < 0 || e->score > s->st[top].score) top = (int)i;
    }
    if (top < 0) return 0;
    /* several strong candidates under one ancestor: the ancestor is the body */
    {
        int best[5] = {-1, -1, -1, -1, -1};
        for (size_t i = 0; i < s->n; i++) {
            if (!s->st[i].candidate || (int)i == top) continue;
            for (int k = 0; k < 4; k++)
                if (best[k] < 0 || s->st[i].score > s->st[best[k]].score) {
                    memmove(best + k + 1, best + k, (size_t)(3 - k) * sizeof *best);
                    best[k] = (int)i;
                    break;
                }
        }
        int alts = 0;
        for (int k = 0; k < 4; k++)
            if (best[k] >= 0 && s->st[best[k]].score >= 0.75 * s->st[top].score) alts++;
        if (alts >= 3) {
            /* count, on every ancestor, how many alternatives lie below it */
            unsigned *below = calloc(s->n, sizeof *below);
            if (below) {
                for (int k = 0; k < 4; k++) {
                    if (best[k] < 0 || s->st[best[k]].score < 0.75 * s->st[top].score)
                        continue;
                    for (int a = s->st[best[k]].parent; a >= 0; a = s->st[a].parent)
                        below[a]++;
                }
                for (int a = s->st[top].parent; a >= 0 && s->st[a].tag != T_BODY;
                     a = s->st[a].parent)
                    if (below[a] >= 3) {
                        top = a;
                        init_candidate(&s->st[top], flags);
                        break;
                    }
                free(below);
            }
        }
    }
    /* climb while the parent scores higher: the body is split in parts */
    {
        double last = s->st[top].score, threshold = last / 3;
        for (int a = s->st[top].parent; a >= 0 && s->st[a].tag != T_BODY;
             a = s->st[a].parent) {
            if (!s->st[a].candidate) continue;
            if (s->st[a].score < threshold) break;
            if (s->st[a].score > last) {
                top = a;
                break;
            }
            last = s->st[a].score;
        }
    }
    /* an only child stands for its parent */
    while (s->st[top].parent >= 0 && s->st[s->st[top].parent].tag != T_BODY &&
           s->st[s->st[top].parent].children == 1)
        top = s->st[top].parent;
    /* the top candidate and the siblings that belong with it */
    nstat *t = &s->st[top];
    double threshold = t->score * 0.2 > 10 ? t->score * 0.2 : 10;
    const char *tcls = html_attr(t->node, "class");
    xmlNode *first = t->node->parent ? t->node->parent->children : t->node;
    if (t->parent < 0) /* top-level: its siblings start at the document's first */
        while (first->prev)
            first = first->prev;
    for (xmlNode *c = first; c; c = c->next) {
        nstat *e = c->type == XML_ELEMENT_NODE ? stat_of(s, c) : NULL;
        if (!e || e->dead) continue;
        int add = e == t;
        if (!add) {
            const char *cls = html_attr(c, "class");
            double bonus =
                tcls && *tcls && cls && !strcmp(cls, tcls) ? t->score * 0.2 : 0;
            if (e->candidate && e->score + bonus >= threshold) {
                add = 1;
            } else if (bonus > 0 && e->max_p >= 80 && link_density(e) < 0.25) {
                /* a later part of an article cut in sections: its prose
                 * sits too deep below it to have scored it */
                add = 1;
            } else if (e->tag == T_P || (e->block && !e->has_block && e->tag != T_LI &&
                                         e->tag != T_H && e->tag != T_FIGCAPTION)) {
                double ld = link_density(e);
                if (e->text > 80 && ld < 0.25) {
                    add = 1;
                } else if (e->text > 0 && e->text <= 80 && ld == 0) {
                    xmlChar *content = xmlNodeGetContent(c);
                    const char *txt = (const char *)content;
                    const char *dot = txt ? strchr(txt, '.') : NULL;
                    while (dot && dot[1] && dot[1] != ' ')
                        dot = strchr(dot + 1, '.');
                    add = dot != NULL;
                    xmlFree(content);
                }
            }
        }
        if (add) e->body = 1;
    }
    /* document order: everything under a root is in the body */
    for (size_t i = 0; i < s->n; i++) {
        nstat *e = &s->st[i];
        e->in_body = e->body || (e->parent >= 0 && s->st[e->parent].in_body);
        e->text = e->links = e->commas = e->htext = e->ltext = e->itext = e->icommas = 0;
        e->n_p = e->n_img = e->n_embed = e->n_input = e->n_li = e->n_th = 0;
        e->max_p = e->hltext = e->card_text = 0;
        e->n_cards = 0;
        e->has_block = 0;
    }
    aggregate(s, flags, 1);
    size_t kept = 0;
    for (size_t i = 0; i < s->n; i++)
        if (s->st[i].body) kept += s->st[i].text;
    return kept;
}

/* ---------------- entry points ---------------- */

int html_select_body(html_select **out, xmlNode *first)
{
    int rc = 0;
    html_select *s = calloc(1, sizeof *s);
    *out = NULL;
    if (!s) return REEL_ENOMEM;
    if ((rc = build_index(s, first))) goto done;
    if (s->n == 0) goto done;
    /* Readability's retries: each round trusts names less; a body shorter
     * than this many characters means the names misled us. */
    static const int rounds[] = {STRIP_UNLIKELY | WEIGHT_CLASSES | CLEAN_CONDITIONALLY |
                                     SKIP_TEASERS,
                                 WEIGHT_CLASSES | CLEAN_CONDITIONALLY | SKIP_TEASERS,
                                 CLEAN_CONDITIONALLY | SKIP_TEASERS, SKIP_TEASERS};
    const size_t enough = 500;
    size_t best_len = 0;
    int best = -1;
    for (int r = 0; r < 4; r++) {
        size_t kept = attempt(s, rounds[r]);
        if (kept >= enough) {
            best = -2; /* this attempt's marks stand */
            break;
        }
        if (best == -1 || kept > best_len) {
            best = r;
            best_len = kept;
        }
    }
    int last = 3; /* the round whose marks stand */
    if (best >= 0 && best_len == 0) {
        /* nothing but teasers: a page that is a list of links to others
         * reads as the first round would without the teaser rule */
        if (attempt(s, rounds[0] & ~SKIP_TEASERS) > 0)
            best = -2;
        else
            last = -1;
    }
    if (best >= 0 && best != last) attempt(s, rounds[best]);
    for (size_t i = 0; i < s->n; i++)
        if (s->st[i].body) s->has_body = 1;
done:
    if (rc) {
        html_select_free(s);
        s = NULL;
    }
    *out = s;
    return rc;
}

int html_element(const html_select *s, const xmlNode *n, reel_block_kind *kind,
                 int *level)
{
    /* indexed elements carry their tag; only skipped ones are looked up */
    nstat *e = s ? stat_of(s, n) : NULL;
    enum html_tag t = e ? (enum html_tag)e->tag : html_tag_of(n);
    if (html_tag_skipped(t)) return -1;
    return html_tag_block(t, n, kind, level);
}

const char *html_mark(const html_select *s, const xmlNode *n, int *body)
{
    *body = 0;
    if (!s) return NULL;
    nstat *e = stat_of(s, n);
    if (!e) return NULL;
    *body = e->body;
    return e->drop;
}

int html_has_body(const html_select *s)
{
    return s && s->has_body;
}

void html_select_free(html_select *s)
{
    if (!s) return;
    for (size_t i = 0; i < s->n; i++)
        s->st[i].node->_private = NULL;
    free(s->st);
    free(s);
}
