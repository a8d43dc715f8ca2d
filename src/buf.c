/* buf.c — memory the stages build things in: a per-document arena (many
 * small allocations freed at once), a growable byte buffer that remembers a
 * failed append, a growable array of fixed-size items, and a whole file
 * read into a buffer.
 */
#include "internal.h"

#include <stdio.h>

/* ---------------- arena ---------------- */

struct chunk {
    struct chunk *next;
    size_t used, cap;
    max_align_t data[];
};

struct reel_arena {
    struct chunk *head;
};

reel_arena *arena_new(void)
{
    return calloc(1, sizeof(reel_arena));
}

void arena_free(reel_arena *a)
{
    if (!a) return;
    struct chunk *c = a->head;
    while (c) {
        struct chunk *n = c->next;
        free(c);
        c = n;
    }
    free(a);
}

void *arena_alloc(reel_arena *a, size_t n)
{
    const size_t align = sizeof(max_align_t);
    n = (n + align - 1) / align * align;
    if (n == 0) n = align;
    struct chunk *c = a->head;
    if (!c || c->cap - c->used < n) {
        size_t cap = n > 65536 ? n : 65536;
        c = malloc(sizeof *c + cap);
        if (!c) {
            oom_note();
            return NULL;
        }
        c->used = 0;
        c->cap = cap;
        c->next = a->head;
        a->head = c;
    }
    void *p = (char *)c->data + c->used;
    c->used += n;
    memset(p, 0, n);
    return p;
}

char *arena_strndup(reel_arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    if (!p) return NULL;
    if (n) memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *arena_strdup(reel_arena *a, const char *s)
{
    return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

/* ---------------- buf ---------------- */

void buf_init(buf *b)
{
    memset(b, 0, sizeof *b);
}
void buf_free(buf *b)
{
    free(b->data);
    buf_init(b);
}

int buf_reserve(buf *b, size_t extra)
{
    if (b->oom) return REEL_ENOMEM;
    if (b->len + extra + 1 <= b->cap) return 0;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1) {
        if (cap > SIZE_MAX / 2) {
            b->oom = 1;
            return REEL_ENOMEM;
        }
        cap *= 2;
    }
    char *d = realloc(b->data, cap);
    if (!d) {
        b->oom = 1;
        return REEL_ENOMEM;
    }
    b->data = d;
    b->cap = cap;
    return 0;
}

int buf_append(buf *b, const char *s, size_t n)
{
    if (buf_reserve(b, n)) return REEL_ENOMEM;
    if (n) memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = 0;
    return 0;
}

int buf_puts(buf *b, const char *s)
{
    return buf_append(b, s, strlen(s));
}
int buf_putc(buf *b, char c)
{
    return buf_append(b, &c, 1);
}

int buf_printf(buf *b, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    int rc = REEL_ENOMEM;
    if (n >= 0 && buf_reserve(b, (size_t)n) == 0) {
        vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap2);
        b->len += (size_t)n;
        rc = 0;
    }
    va_end(ap2);
    return rc;
}

char *buf_detach(buf *b)
{
    if (b->oom) {
        buf_free(b);
        return NULL;
    }
    if (!b->data && buf_reserve(b, 0)) return NULL;
    char *d = b->data;
    d[b->len] = 0;
    buf_init(b);
    return d;
}

char *file_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    buf b;
    buf_init(&b);
    char tmp[65536];
    size_t n;
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
        buf_append(&b, tmp, n);
    int bad = ferror(f);
    fclose(f);
    if (len) *len = b.len;
    if (bad) {
        buf_free(&b);
        return NULL;
    }
    return buf_detach(&b);
}

/* ---------------- vec ---------------- */

void vec_init(vec *v, size_t item_size)
{
    memset(v, 0, sizeof *v);
    v->size = item_size;
}
void vec_free(vec *v)
{
    free(v->items);
    v->items = NULL;
    v->n = v->cap = 0;
}
void *vec_push(vec *v)
{
    if (v->n == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 16;
        void *p = realloc(v->items, cap * v->size);
        if (!p) return NULL;
        v->items = p;
        v->cap = cap;
    }
    void *slot = (char *)v->items + v->n * v->size;
    memset(slot, 0, v->size);
    v->n++;
    return slot;
}
