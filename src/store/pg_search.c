/* pg_search.c — what the PostgreSQL store needs to search exactly as the
 * SQLite one does: words cut and folded by FTS5's own unicode61 tokenizer
 * (taken from an in-memory SQLite, so every quirk of its Unicode tables is
 * shared), turned into a tsvector with positions and tsquery phrases, and
 * snippets chosen and marked as FTS5's snippet() does (\x02 ... \x03).
 */
#include "store.h"

#include <sqlite3.h>

struct store_tokenizer {
    sqlite3 *db;
    fts5_tokenizer api;
    Fts5Tokenizer *tok;
};

int store_tokenizer_new(store_tokenizer **out)
{
    store_tokenizer *t = calloc(1, sizeof *t);
    sqlite3_stmt *q = NULL;
    fts5_api *fts = NULL;
    void *user = NULL;
    const char *args[] = {"remove_diacritics", "2"}; /* as the SQLite store's table */
    *out = NULL;
    if (!t) return REEL_ENOMEM;
    if (sqlite3_open(":memory:", &t->db) != SQLITE_OK ||
        sqlite3_prepare_v2(t->db, "SELECT fts5(?1)", -1, &q, NULL) != SQLITE_OK)
        goto fail;
    sqlite3_bind_pointer(q, 1, (void *)&fts, "fts5_api_ptr", NULL);
    sqlite3_step(q);
    sqlite3_finalize(q);
    if (!fts || fts->xFindTokenizer(fts, "unicode61", &user, &t->api) != SQLITE_OK ||
        t->api.xCreate(user, args, 2, &t->tok) != SQLITE_OK)
        goto fail;
    *out = t;
    return 0;
fail:
    store_tokenizer_free(t);
    return REEL_EDB;
}

void store_tokenizer_free(store_tokenizer *t)
{
    if (!t) return;
    if (t->tok) t->api.xDelete(t->tok);
    sqlite3_close(t->db);
    free(t);
}

typedef int (*token_fn)(void *user, int flags, const char *tok, int n, int start,
                        int end);

static int tokenize(store_tokenizer *t, void *user, int query, const char *s, size_t len,
                    token_fn fn)
{
    if (len > INT32_MAX) return REEL_ETOOBIG;
    int rc = t->api.xTokenize(t->tok, user,
                              query ? FTS5_TOKENIZE_QUERY : FTS5_TOKENIZE_DOCUMENT, s,
                              (int)len, fn);
    /* (SQLITE_DONE: the callback had all it wanted) */
    return rc == SQLITE_OK || rc == SQLITE_DONE ? 0
           : rc == SQLITE_NOMEM                 ? REEL_ENOMEM
                                                : REEL_EDB;
}

/* ---------------- the index ---------------- */

/* One distinct word: its bytes in `words`, its first 256 positions (all a
 * tsvector keeps). */
typedef struct {
    size_t at, len;
    uint16_t *pos;
    int n;
} lexeme;

typedef struct {
    buf words;
    lexeme *lex; /* in order of first use */
    size_t n_lex, cap_lex;
    size_t *slot; /* open addressing: index + 1 into lex, 0 = empty */
    size_t cap_slot;
    size_t cost, budget;           /* bytes of the tsvector's string part */
    int n_words, first, full, oom; /* position = first + words before */
} indexer;

static int grow_slots(indexer *x)
{
    size_t cap = x->cap_slot ? x->cap_slot * 2 : 1024;
    size_t *slot = calloc(cap, sizeof *slot);
    if (!slot) return -1;
    for (size_t i = 0; i < x->n_lex; i++) {
        size_t at =
            (size_t)hash_bytes(x->words.data + x->lex[i].at, x->lex[i].len) & (cap - 1);
        while (slot[at])
            at = (at + 1) & (cap - 1);
        slot[at] = i + 1;
    }
    free(x->slot);
    x->slot = slot;
    x->cap_slot = cap;
    return 0;
}

/* What a word costs in a tsvector's string part: the lexeme, padding to
 * an even offset, a position count and 2 bytes a position. */
static size_t lexeme_cost(size_t len)
{
    return len + (len & 1) + 2;
}

static int index_word(void *user, int flags, const char *tok, int n, int start, int end)
{
    indexer *x = user;
    (void)start;
    (void)end;
    if (flags & FTS5_TOKEN_COLOCATED) return SQLITE_OK;
    int pos = x->first + x->n_words++; /* every word counts for BM25's lengths */
    if (x->full || n <= 0) return SQLITE_OK;
    if (2 * (x->n_lex + 1) > x->cap_slot && grow_slots(x))
        return x->oom = 1, SQLITE_NOMEM;
    size_t at = (size_t)hash_bytes(tok, (size_t)n) & (x->cap_slot - 1);
    lexeme *l = NULL;
    while (x->slot[at]) {
        lexeme *c = &x->lex[x->slot[at] - 1];
        if (c->len == (size_t)n && !memcmp(x->words.data + c->at, tok, (size_t)n)) {
            l = c;
            break;
        }
        at = (at + 1) & (x->cap_slot - 1);
    }
    size_t add = l ? 0 : lexeme_cost((size_t)n);
    if (!l || l->n < 256) add += 2;
    if (x->cost + add > x->budget) {
        x->full = 1; /* the rest is counted, not indexed */
        return SQLITE_OK;
    }
    if (!l) {
        if (x->n_lex == x->cap_lex) {
            size_t cap = x->cap_lex ? x->cap_lex * 2 : 256;
            lexeme *p = realloc(x->lex, cap * sizeof *p);
            if (!p) return x->oom = 1, SQLITE_NOMEM;
            x->lex = p;
            x->cap_lex = cap;
        }
        l = &x->lex[x->n_lex];
        memset(l, 0, sizeof *l);
        l->at = x->words.len;
        l->len = (size_t)n;
        buf_append(&x->words, tok, (size_t)n);
        x->slot[at] = ++x->n_lex;
    }
    if (l->n < 256) {
        if ((l->n & (l->n - 1)) == 0) { /* 0, 1, 2, 4 ...: grow */
            uint16_t *p = realloc(l->pos, (size_t)(l->n ? 2 * l->n : 1) * sizeof *p);
            if (!p) return x->oom = 1, SQLITE_NOMEM;
            l->pos = p;
        }
        l->pos[l->n++] = (uint16_t)(pos > 16383 ? 16383 : pos); /* a tsvector's limit */
    }
    x->cost += add;
    return x->words.oom ? (x->oom = 1, SQLITE_NOMEM) : SQLITE_OK;
}

/* A word as tsvector/tsquery text: quoted, ' and \ escaped. */
static void quote_word(buf *b, const char *s, size_t n)
{
    buf_putc(b, '\'');
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\'' || s[i] == '\\') buf_putc(b, s[i]);
        buf_putc(b, s[i]);
    }
    buf_putc(b, '\'');
}

int store_index(store_tokenizer *t, const char *title, const char *text, size_t budget,
                char **out, int *n_words)
{
    indexer x;
    memset(&x, 0, sizeof x);
    buf_init(&x.words);
    x.budget = budget;
    x.first = 1;
    *out = NULL;
    int rc = title ? tokenize(t, &x, 0, title, strlen(title), index_word) : 0;
    /* the text's positions start after a gap: no phrase spans title and text */
    x.first = 2;
    if (!rc && text) rc = tokenize(t, &x, 0, text, strlen(text), index_word);
    *n_words = x.n_words;
    buf b;
    buf_init(&b);
    for (size_t i = 0; i < x.n_lex && !rc; i++) {
        if (i) buf_putc(&b, ' ');
        quote_word(&b, x.words.data + x.lex[i].at, x.lex[i].len);
        for (int k = 0; k < x.lex[i].n; k++)
            buf_printf(&b, "%c%u", k ? ',' : ':', x.lex[i].pos[k]);
    }
    if (!rc && (x.oom || b.oom)) rc = REEL_ENOMEM;
    if (!rc) *out = buf_detach(&b);
    if (!rc && !*out) rc = REEL_ENOMEM;
    buf_free(&b);
    for (size_t i = 0; i < x.n_lex; i++)
        free(x.lex[i].pos);
    free(x.lex);
    free(x.slot);
    buf_free(&x.words);
    return rc;
}

/* ---------------- the query ---------------- */

/* The phrases of a folded query: one per word, each the list of its
 * tokens as FTS5 cuts the quoted word ("joon-ho" is 'joon' <-> 'ho'). */
typedef struct {
    buf tokens;  /* the tokens, NUL after each */
    vec phrases; /* phrase: first token index and count */
    vec starts;  /* size_t: offset of each token in `tokens` */
} query;

typedef struct {
    size_t first, n;
} phrase;

static int query_token(void *user, int flags, const char *tok, int n, int start, int end)
{
    query *q = user;
    (void)start;
    (void)end;
    if (flags & FTS5_TOKEN_COLOCATED) return SQLITE_OK;
    size_t *s = vec_push(&q->starts);
    if (!s) return SQLITE_NOMEM;
    *s = q->tokens.len;
    buf_append(&q->tokens, tok, (size_t)n);
    buf_putc(&q->tokens, 0);
    return q->tokens.oom ? SQLITE_NOMEM : SQLITE_OK;
}

static void query_free(query *q)
{
    buf_free(&q->tokens);
    vec_free(&q->phrases);
    vec_free(&q->starts);
}

static int query_parse(store_tokenizer *t, const char *folded, query *q)
{
    buf_init(&q->tokens);
    vec_init(&q->phrases, sizeof(phrase));
    vec_init(&q->starts, sizeof(size_t));
    const char *p = folded;
    while (*p) {
        while (*p == ' ')
            p++;
        size_t n = strcspn(p, " ");
        if (!n) break;
        size_t before = q->starts.n;
        int rc = tokenize(t, q, 1, p, n, query_token);
        if (rc) return rc;
        if (q->starts.n > before) { /* a word of no tokens matches nothing: dropped */
            phrase *ph = vec_push(&q->phrases);
            if (!ph) return REEL_ENOMEM;
            ph->first = before;
            ph->n = q->starts.n - before;
        }
        p += n;
    }
    return 0;
}

static const char *token_at(const query *q, size_t i)
{
    return q->tokens.data + ((const size_t *)q->starts.items)[i];
}

int store_query(store_tokenizer *t, const char *folded, char **phrases, char **all)
{
    query q;
    buf ph, a;
    buf_init(&ph);
    buf_init(&a);
    *phrases = *all = NULL;
    int rc = query_parse(t, folded, &q);
    const phrase *p = q.phrases.items;
    for (size_t i = 0; i < q.phrases.n && !rc; i++) {
        size_t mark = ph.len;
        if (i) buf_putc(&ph, '\n');
        mark = ph.len;
        for (size_t k = 0; k < p[i].n; k++) {
            if (k) buf_puts(&ph, " <-> ");
            const char *tok = token_at(&q, p[i].first + k);
            quote_word(&ph, tok, strlen(tok));
        }
        buf_puts(&a, i ? " & (" : "(");
        buf_append(&a, ph.data + mark, ph.len - mark);
        buf_putc(&a, ')');
    }
    if (!rc && (ph.oom || a.oom)) rc = REEL_ENOMEM;
    if (!rc) {
        *phrases = buf_detach(&ph);
        *all = buf_detach(&a);
        if (!*phrases || !*all) rc = REEL_ENOMEM;
    }
    if (rc) {
        free(*phrases);
        free(*all);
        *phrases = *all = NULL;
    }
    buf_free(&ph);
    buf_free(&a);
    query_free(&q);
    return rc;
}

/* ---------------- snippets ---------------- */

typedef struct {
    size_t pos, phr, len; /* first word, phrase, words */
} instance;

/* First pass over the text: where each phrase occurs and where sentences
 * start, as FTS5's instance list and sentence finder see them. */
typedef struct {
    char *s;
    size_t len, cap; /* cap: bytes s holds, reused from word to word */
} ring_word;

typedef struct {
    const char *text;
    const query *q;
    size_t n;          /* words so far */
    size_t longest;    /* tokens in the longest phrase */
    ring_word *recent; /* the last `longest` folded words, a ring */
    size_t *tok_len;   /* the length of each of the query's tokens */
    vec insts, starts;
    int oom;
} scanner;

static int sentence_start(const char *text, size_t n, int start)
{
    if (n == 0) return 1;
    long i = (long)start - 1;
    char c = 0;
    for (; i >= 0; i--) {
        c = text[i];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
    }
    return i != (long)start - 1 && (c == '.' || c == ':');
}

static int scan_word(void *user, int flags, const char *tok, int n, int start, int end)
{
    scanner *s = user;
    (void)end;
    if (flags & FTS5_TOKEN_COLOCATED) return SQLITE_OK;
    if (sentence_start(s->text, s->n, start)) {
        size_t *p = vec_push(&s->starts);
        if (!p) return s->oom = 1, SQLITE_NOMEM;
        *p = s->n;
    }
    ring_word *slot = &s->recent[s->n % s->longest];
    if (slot->cap < (size_t)n + 1) { /* a malloc a word was most of a snippet's cost */
        size_t cap = slot->cap ? slot->cap : 32;
        while (cap < (size_t)n + 1)
            cap *= 2;
        char *m = realloc(slot->s, cap);
        if (!m) return s->oom = 1, SQLITE_NOMEM;
        slot->s = m;
        slot->cap = cap;
    }
    memcpy(slot->s, tok, (size_t)n);
    slot->s[n] = 0;
    slot->len = (size_t)n;
    const phrase *ph = s->q->phrases.items;
    for (size_t p = 0; p < s->q->phrases.n; p++) {
        if (ph[p].n > s->n + 1) continue;
        size_t first = s->n + 1 - ph[p].n, k = 0;
        while (k < ph[p].n) {
            const ring_word *w = &s->recent[(first + k) % s->longest];
            size_t t = ph[p].first + k;
            if (w->len != s->tok_len[t] || memcmp(w->s, token_at(s->q, t), w->len)) break;
            k++;
        }
        if (k < ph[p].n) continue;
        instance *in = vec_push(&s->insts);
        if (!in) return s->oom = 1, SQLITE_NOMEM;
        in->pos = first;
        in->phr = p;
        in->len = ph[p].n;
    }
    s->n++;
    return SQLITE_OK;
}

static int by_position(const void *a, const void *b)
{
    const instance *x = a, *y = b;
    if (x->pos != y->pos) return x->pos < y->pos ? -1 : 1;
    return x->phr < y->phr ? -1 : x->phr > y->phr;
}

/* FTS5's fts5SnippetScore: 1000 for each phrase's first instance in the
 * window [at, at+n), 1 for the others. FTS5 counts them afresh for every
 * instance, which is quadratic (a 50 MB page of one repeated word never
 * finished); here the window slides: `at` only grows, so each instance
 * enters and leaves it once, and the score is the same. */
typedef struct {
    size_t lo, hi;   /* the instances in the window: [lo, hi) */
    size_t *count;   /* instances of each phrase in it */
    size_t distinct; /* phrases with at least one */
} slide;

static int slide_score(slide *w, const instance *in, size_t n_in, size_t at, size_t n)
{
    while (w->hi < n_in && in[w->hi].pos < at + n)
        if (w->count[in[w->hi++].phr]++ == 0) w->distinct++;
    while (w->lo < w->hi && in[w->lo].pos < at)
        if (--w->count[in[w->lo++].phr] == 0) w->distinct--;
    return (int)(w->distinct * 1000 + (w->hi - w->lo - w->distinct));
}

/* Where a window of n words around the instances in w starts so that they
 * sit in its middle (fts5SnippetFunction's adjustment). */
static long slide_centre(const slide *w, const instance *in, size_t n, size_t n_words)
{
    long first = (long)in[w->lo].pos,
         last = (long)(in[w->hi - 1].pos + in[w->hi - 1].len);
    long a = first - ((long)n - (last - first)) / 2;
    if (a + (long)n > (long)n_words) a = (long)n_words - (long)n;
    if (a < 0) a = 0;
    return a;
}

/* Second pass: the byte spans of the words of the chosen window. */
typedef struct {
    size_t from, to, n;
    store_span *spans;
} window;

static int window_word(void *user, int flags, const char *tok, int n, int start, int end)
{
    window *w = user;
    (void)tok;
    (void)n;
    if (flags & FTS5_TOKEN_COLOCATED) return SQLITE_OK;
    if (w->n >= w->from && w->n <= w->to) {
        w->spans[w->n - w->from].start = (size_t)start;
        w->spans[w->n - w->from].end = (size_t)end;
    }
    /* the words past the window are not needed: the rest is not read */
    return w->n++ >= w->to ? SQLITE_DONE : SQLITE_OK;
}

char *store_snippet(store_tokenizer *t, const char *text, const char *folded_query,
                    int n_tokens)
{
    static const char ellipsis[] = "\xe2\x80\xa6";
    size_t len = strlen(text), n = n_tokens > 0 ? (size_t)n_tokens : 16;
    char *res = NULL;
    query q;
    scanner sc;
    window w;
    buf out;
    memset(&sc, 0, sizeof sc);
    memset(&w, 0, sizeof w);
    buf_init(&out);
    vec_init(&sc.insts, sizeof(instance));
    vec_init(&sc.starts, sizeof(size_t));
    if (query_parse(t, folded_query, &q)) goto done;
    const phrase *ph = q.phrases.items;
    sc.text = text;
    sc.q = &q;
    sc.longest = 1;
    for (size_t p = 0; p < q.phrases.n; p++)
        if (ph[p].n > sc.longest) sc.longest = ph[p].n;
    if (!(sc.recent = calloc(sc.longest, sizeof *sc.recent))) goto done;
    if (!(sc.tok_len = calloc(q.starts.n + 1, sizeof *sc.tok_len))) goto done;
    for (size_t k = 0; k < q.starts.n; k++)
        sc.tok_len[k] = strlen(token_at(&q, k));
    if (tokenize(t, &sc, 0, text, len, scan_word) || sc.oom) goto done;
    if (sc.insts.n > 1) /* (none: the match was in the title) */
        qsort(sc.insts.items, sc.insts.n, sizeof(instance), by_position);

    /* the best window, as fts5SnippetFunction picks it: around each
     * instance, and from the start of its sentence */
    const instance *in = sc.insts.items;
    const size_t *first = sc.starts.items;
    int best = 0;
    size_t best_start = 0, j = 0;
    slide around = {0, 0, NULL, 0}, sentence = {0, 0, NULL, 0};
    if (!(around.count = calloc(q.phrases.n + 1, sizeof(size_t))) ||
        !(sentence.count = calloc(q.phrases.n + 1, sizeof(size_t)))) {
        free(around.count);
        goto done;
    }
    for (size_t k = 0; k < sc.insts.n; k++) {
        int score = slide_score(&around, in, sc.insts.n, in[k].pos, n);
        if (score > best) {
            best = score;
            best_start = (size_t)slide_centre(&around, in, n, sc.n);
        }
        if (sc.starts.n && sc.n > n) {
            while (j + 1 < sc.starts.n && first[j + 1] <= in[k].pos)
                j++;
            if (first[j] < in[k].pos) {
                score = slide_score(&sentence, in, sc.insts.n, first[j], n) +
                        (first[j] == 0 ? 120 : 100);
                if (score > best) {
                    best = score;
                    best_start = first[j];
                }
            }
        }
    }
    free(around.count);
    free(sentence.count);

    /* its words' spans, then its text from its first word (or the very
     * start) to its last (or the very end), matches marked; instances that
     * overlap are one mark, as FTS5 coalesces them */
    size_t last = best_start + n - 1;
    w.from = best_start;
    w.to = last;
    if (!(w.spans = calloc(n, sizeof *w.spans))) goto done;
    if (sc.n && tokenize(t, &w, 0, text, len, window_word)) goto done;
    size_t off = 0;
    if (best_start > 0) {
        buf_puts(&out, ellipsis);
        off = best_start < sc.n ? w.spans[0].start : len;
    }
    for (size_t k = 0; k < sc.insts.n;) {
        size_t from = in[k].pos, to = in[k].pos + in[k].len - 1;
        for (k++; k < sc.insts.n && in[k].pos <= to; k++)
            if (in[k].pos + in[k].len - 1 > to) to = in[k].pos + in[k].len - 1;
        if (from < best_start || from > last || from >= sc.n) continue;
        if (to > last) to = last;
        if (to >= sc.n) to = sc.n - 1;
        buf_append(&out, text + off, w.spans[from - best_start].start - off);
        buf_putc(&out, '\x02');
        buf_append(&out, text + w.spans[from - best_start].start,
                   w.spans[to - best_start].end - w.spans[from - best_start].start);
        buf_putc(&out, '\x03');
        off = w.spans[to - best_start].end;
    }
    if (sc.n == 0 || last >= sc.n - 1) {
        buf_append(&out, text + off, len - off);
    } else {
        buf_append(&out, text + off, w.spans[last - best_start].end - off);
        buf_puts(&out, ellipsis);
    }
    res = buf_detach(&out);
done:
    buf_free(&out);
    if (sc.recent)
        for (size_t i = 0; i < sc.longest; i++)
            free(sc.recent[i].s);
    free(sc.recent);
    free(sc.tok_len);
    vec_free(&sc.insts);
    vec_free(&sc.starts);
    free(w.spans);
    query_free(&q);
    return res;
}
