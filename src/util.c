/* util.c — the small pieces every stage needs: the context and its error
 * message, a per-document arena, growable buffers and arrays, UTF-8 decoding,
 * repair and NFC (utf8proc), Windows-1252 decoding, SHA-256 (OpenSSL EVP).
 */
#include "internal.h"

#include <ctype.h>
#include <jansson.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <pthread.h>
#include <stdio.h>
#include <utf8proc.h>

/* ---------------- context ---------------- */

/* jansson reports a failed allocation only as a NULL that the builders of
 * reports and records pass on to json_object_set_new, which drops it: the
 * JSON comes out short, not as an error. Its allocations go through this
 * wrapper, which notes a failure on the thread, so a builder asks
 * oom_since() after its work and answers REEL_ENOMEM. Installed
 * only over jansson's defaults (a host's own allocator is left alone). */
static _Thread_local unsigned failures;

static void *json_malloc_noted(size_t n)
{
    void *p = malloc(n);
    if (!p) failures++;
    return p;
}

static void json_alloc_install(void)
{
    json_malloc_t m = NULL;
    json_free_t f = NULL;
    json_get_alloc_funcs(&m, &f);
    if (m == malloc && f == free) json_set_alloc_funcs(json_malloc_noted, free);
}

unsigned oom_mark(void)
{
    return failures;
}

int oom_since(unsigned mark)
{
    return failures != mark;
}

void oom_note(void)
{
    failures++;
}

int reel_ctx_new(reel_ctx **out)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, json_alloc_install);
    reel_ctx *c = calloc(1, sizeof *c);
    *out = c;
    if (!c) return REEL_ENOMEM;
    c->max_input = (size_t)64 << 20;
    c->model_lazy = 1; /* no I/O until something predicts (model_ensure) */
    c->langid = langid_load();
    return REEL_OK;
}

void model_free(struct reel_model *m); /* sentiment.c */

void reel_ctx_free(reel_ctx *ctx)
{
    if (!ctx) return;
    model_free(ctx->model);
    langid_free(ctx->langid);
    free(ctx->model_path);
    free(ctx);
}

const char *reel_errmsg(const reel_ctx *ctx)
{
    return ctx ? ctx->errmsg : "";
}

int reel_error(reel_ctx *ctx, int code, const char *fmt, ...)
{
    if (!ctx) return code;
    /* messages quote input (file names, URLs): escaped, they stay one line
     * of plain text wherever they are printed */
    char raw[sizeof ctx->errmsg];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(raw, sizeof raw, fmt, ap);
    va_end(ap);
    text_escape(ctx->errmsg, sizeof ctx->errmsg, raw);
    return code;
}

void reel_ctx_set_max_input(reel_ctx *ctx, size_t bytes)
{
    ctx->max_input = bytes;
}
int reel_ctx_has_model(const reel_ctx *ctx)
{
    return ctx && ctx->model != NULL;
}

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

char *arena_printf(reel_arena *a, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *p = n >= 0 ? arena_alloc(a, (size_t)n + 1) : NULL;
    if (p) vsnprintf(p, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    return p;
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

/* ---------------- UTF-8 ---------------- */

int32_t utf8_next(const char *s, size_t len, size_t *i)
{
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + *i,
                                          (utf8proc_ssize_t)(len - *i), &cp);
    if (n <= 0) {
        (*i)++;
        return -1;
    }
    *i += (size_t)n;
    return cp;
}

int utf8_put(char *out, int32_t cp)
{
    return (int)utf8proc_encode_char(cp, (utf8proc_uint8_t *)out);
}

int utf8_valid(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        /* eight ASCII bytes at a time: most of a page is ASCII */
        uint64_t w;
        while (len - i >= 8 && (memcpy(&w, s + i, 8), !(w & 0x8080808080808080ULL)))
            i += 8;
        if (i >= len) break;
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        if (utf8_next(s, len, &i) < 0) return 0;
    }
    return 1;
}

size_t utf8_repair(buf *out, const char *s, size_t len)
{
    size_t i = 0, bad = 0;
    buf_reserve(out, len);
    while (i < len) {
        size_t run = i;
        while (run < len && (unsigned char)s[run] < 0x80)
            run++;
        if (run > i) {
            buf_append(out, s + i, run - i);
            i = run;
            continue;
        }
        size_t start = i;
        int32_t cp = utf8_next(s, len, &i);
        if (cp < 0) {
            bad++;
            buf_append(out, "\xEF\xBF\xBD", 3);
            /* swallow continuation bytes of the same broken sequence */
            while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
                i++;
        } else {
            buf_append(out, s + start, i - start);
        }
    }
    return bad;
}

static const uint16_t cp1252_hi[32] = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
    0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};

void cp1252_to_utf8(buf *out, const char *s, size_t len)
{
    char tmp[4];
    buf_reserve(out, len + len / 4);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            buf_putc(out, (char)c);
            continue;
        }
        int32_t cp = (c >= 0x80 && c < 0xA0) ? cp1252_hi[c - 0x80] : c;
        buf_append(out, tmp, (size_t)utf8_put(tmp, cp));
    }
}

char *utf8_nfc(const char *s, size_t len, size_t *out_len)
{
    utf8proc_uint8_t *r = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len,
                                      &r, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (n < 0) {
        /* input was not valid UTF-8: repair, then try again */
        buf b;
        buf_init(&b);
        utf8_repair(&b, s, len);
        if (b.oom) {
            buf_free(&b);
            return NULL;
        }
        n = utf8proc_map((const utf8proc_uint8_t *)b.data, (utf8proc_ssize_t)b.len, &r,
                         UTF8PROC_STABLE | UTF8PROC_COMPOSE);
        buf_free(&b);
        if (n < 0) return NULL;
    }
    if (out_len) *out_len = (size_t)n;
    return (char *)r;
}

int uc_is_letter(int32_t cp)
{
    if (cp < 0x80) return isalpha(cp);
    utf8proc_category_t c = utf8proc_category(cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}
int uc_is_upper(int32_t cp)
{
    if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}
int uc_is_digit(int32_t cp)
{
    if (cp < 0x80) return cp >= '0' && cp <= '9';
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_ND;
}
int uc_is_space(int32_t cp)
{
    if (cp < 0x80) return cp == ' ' || (cp >= 9 && cp <= 13);
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL ||
           c == UTF8PROC_CATEGORY_ZP || cp == 0x85 || cp == 0xFEFF || cp == 0x200B;
}
int uc_is_punct(int32_t cp)
{
    if (cp < 0x80) return ispunct(cp);
    utf8proc_category_t c = utf8proc_category(cp);
    return c >= UTF8PROC_CATEGORY_PC && c <= UTF8PROC_CATEGORY_PO;
}

/* ---------------- strings ---------------- */

int str_iequal_ascii(const char *a, const char *b)
{
    while (*a && *b) {
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b)) return 0;
        a++;
        b++;
    }
    return *a == *b;
}

uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return h;
}

/* ASCII case folding without the locale */
static unsigned char lower_ascii(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

const char *memmem_ci_ascii(const char *hay, size_t hlen, const char *needle)
{
    size_t n = strlen(needle);
    if (n == 0) return hay;
    if (hlen < n) return NULL;
    unsigned char lo = lower_ascii((unsigned char)needle[0]);
    unsigned char up = lo >= 'a' && lo <= 'z' ? (unsigned char)(lo - 32) : lo;
    const char *p = hay, *end = hay + (hlen - n + 1); /* candidates: [hay, end) */
    const char *nl = NULL, *nu = NULL; /* next lower / upper first byte at or after p */
    while (p < end) {
        /* memchr for the first byte in each case, each search resumed only
           once the scan has passed its last hit */
        if (!nl || nl < p) {
            nl = memchr(p, lo, (size_t)(end - p));
            if (!nl) nl = end;
        }
        if (up == lo)
            nu = nl;
        else if (!nu || nu < p) {
            nu = memchr(p, up, (size_t)(end - p));
            if (!nu) nu = end;
        }
        const char *c = nl < nu ? nl : nu;
        if (c >= end) return NULL;
        size_t k = 1;
        while (k < n &&
               lower_ascii((unsigned char)c[k]) == lower_ascii((unsigned char)needle[k]))
            k++;
        if (k == n) return c;
        p = c + 1;
    }
    return NULL;
}

int sha256_hex(const void *data, size_t len, char out[65])
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0;
    out[0] = 0;
    if (EVP_Digest(data, len, md, &mdlen, EVP_sha256(), NULL) != 1 || mdlen != 32) {
        ERR_clear_error();
        return REEL_ENOMEM;
    }
    static const char hex[] = "0123456789abcdef";
    for (unsigned i = 0; i < 32; i++) {
        out[2 * i] = hex[md[i] >> 4];
        out[2 * i + 1] = hex[md[i] & 15];
    }
    out[64] = 0;
    return 0;
}
