/* sentiment.c — the trained sentiment model: its file format (magic,
 * version, SHA-256 trailer; little-endian so a model is the same bytes on
 * any machine; context.c loads one into a context), and the analyzer that gives each
 * document P(positive) with a calibrated 0-100 score and each sentence its
 * polarity. Without a model, or without words, nothing is predicted.
 */
#include "sentiment.h"

#include <errno.h>
#include <math.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <unistd.h>

void model_free(struct reel_model *m)
{
    if (!m) return;
    free(m->keys);
    free(m->slots);
    free(m->filter);
    free(m->scale);
    free(m->w);
    free(m);
}

/* ---------------- prediction ---------------- */

int model_index(struct reel_model *m)
{
    size_t size = 16;
    while (size < 2 * m->n)
        size *= 2;
    free(m->slots);
    m->slots = calloc(size, sizeof *m->slots);
    m->mask = size - 1;
    if (!m->slots) return REEL_ENOMEM;
    /* keys are hash values already: their low bits spread evenly */
    for (size_t i = 0; i < m->n; i++) {
        size_t s = (size_t)m->keys[i] & m->mask;
        while (m->slots[s])
            s = (s + 1) & m->mask;
        m->slots[s] = (uint32_t)(i + 1);
    }
    size_t words = 64;
    while (words < m->n / 4)
        words *= 2;
    free(m->filter);
    m->filter = calloc(words, sizeof *m->filter);
    m->filter_mask = words - 1;
    if (!m->filter) return REEL_ENOMEM;
    for (size_t i = 0; i < m->n; i++) {
        uint64_t k = m->keys[i];
        m->filter[(size_t)(k >> 20) & m->filter_mask] |=
            (1ULL << (k & 63)) | (1ULL << ((k >> 6) & 63));
    }
    return REEL_OK;
}

double model_margin(const struct reel_model *m, const featvec *fv, size_t *out_known)
{
    double dot = 0, norm2 = 0;
    size_t known = 0;
    for (size_t i = 0; i < fv->n; i++) {
        size_t a = model_find(m, fv->items[i].id);
        if (a == SIZE_MAX) continue;
        double v = m->sublinear ? 1.0 + log((double)fv->items[i].count) : 1.0;
        double x = v * m->scale[a];
        dot += x * m->w[a];
        norm2 += x * x;
        known++;
    }
    if (out_known) *out_known = known;
    if (known == 0 || norm2 <= 0) return 0;
    return m->bias + dot / sqrt(norm2);
}

double model_prob(const struct reel_model *m, double margin)
{
    double z = m->prob_a * margin + m->prob_b;
    return 1.0 / (1.0 + exp(-z));
}

double model_score100(const struct reel_model *m, double margin)
{
    if (m->n_knots == 0) return 100.0 * model_prob(m, margin);
    const double *x = m->cal_x, *y = m->cal_y;
    size_t k = m->n_knots;
    if (margin <= x[0]) return y[0];
    if (margin >= x[k - 1]) return y[k - 1];
    size_t a = 0, b = k - 1;
    while (b - a > 1) {
        size_t mid = (a + b) / 2;
        if (x[mid] <= margin)
            a = mid;
        else
            b = mid;
    }
    double t = (margin - x[a]) / (x[b] - x[a]);
    return y[a] + t * (y[b] - y[a]);
}

/* ---------------- file format ----------------
 * offset  field (little-endian)
 *   0     "REELSENT"
 *   8     u32 version, u32 ngram, u32 negation, u32 sublinear
 *  24     f64 bias, f64 prob_a, f64 prob_b
 *  48     u32 n_knots, u32 0, u64 n
 *  64     f64 scale_step, f64 w_step
 *  80     n_knots x (f64 x, f64 y)
 *   .     n x 6-byte keys (ascending), n x i16 scale, n x i16 w
 *   .     32 bytes: SHA-256 of everything before
 * 10 bytes a feature keeps a model of half a million n-grams near 5 MB.
 */
#define HEADER_LEN 80
#define FEAT_BYTES 10

float model_quantise(double v, double step)
{
    if (!(step > 0)) return 0;
    double q = nearbyint(v / step);
    if (q > 32767) q = 32767;
    if (q < -32767) q = -32767;
    return (float)(q * step);
}

static int put_u32(buf *b, uint32_t v)
{
    unsigned char c[4];
    for (int i = 0; i < 4; i++)
        c[i] = (unsigned char)(v >> (8 * i));
    return buf_append(b, (const char *)c, 4);
}
static int put_u64(buf *b, uint64_t v)
{
    unsigned char c[8];
    for (int i = 0; i < 8; i++)
        c[i] = (unsigned char)(v >> (8 * i));
    return buf_append(b, (const char *)c, 8);
}
static int put_f64(buf *b, double d)
{
    uint64_t v;
    memcpy(&v, &d, 8);
    return put_u64(b, v);
}
static uint32_t get_u32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}
static uint64_t get_u64(const unsigned char *p)
{
    return (uint64_t)get_u32(p) | (uint64_t)get_u32(p + 4) << 32;
}
static double get_f64(const unsigned char *p)
{
    uint64_t v = get_u64(p);
    double d;
    memcpy(&d, &v, 8);
    return d;
}

static int sha256_raw(const void *data, size_t len, unsigned char out[32])
{
    unsigned int n = 0;
    if (EVP_Digest(data, len, out, &n, EVP_sha256(), NULL) != 1 || n != 32) {
        ERR_clear_error();
        return REEL_ENOMEM;
    }
    return 0;
}

int model_write(const struct reel_model *m, buf *out)
{
    size_t start = out->len;
    buf_append(out, SENT_MODEL_MAGIC, 8);
    put_u32(out, SENT_MODEL_VERSION);
    put_u32(out, (uint32_t)m->fo.ngram);
    put_u32(out, (uint32_t)m->fo.negation);
    put_u32(out, (uint32_t)m->sublinear);
    put_f64(out, m->bias);
    put_f64(out, m->prob_a);
    put_f64(out, m->prob_b);
    put_u32(out, (uint32_t)m->n_knots);
    put_u32(out, 0);
    put_u64(out, (uint64_t)m->n);
    put_f64(out, m->scale_step);
    put_f64(out, m->w_step);
    for (size_t i = 0; i < m->n_knots; i++) {
        put_f64(out, m->cal_x[i]);
        put_f64(out, m->cal_y[i]);
    }
    buf_reserve(out, m->n * FEAT_BYTES + 32);
    for (size_t i = 0; i < m->n; i++) {
        unsigned char c[6];
        for (int k = 0; k < 6; k++)
            c[k] = (unsigned char)(m->keys[i] >> (8 * k));
        buf_append(out, (const char *)c, 6);
    }
    for (int pass = 0; pass < 2; pass++) {
        const float *v = pass ? m->w : m->scale;
        double step = pass ? m->w_step : m->scale_step;
        for (size_t i = 0; i < m->n; i++) {
            long q = step > 0 ? lround(v[i] / step) : 0;
            uint16_t u = (uint16_t)(int16_t)(q > 32767 ? 32767 : q < -32767 ? -32767 : q);
            unsigned char c[2] = {(unsigned char)u, (unsigned char)(u >> 8)};
            buf_append(out, (const char *)c, 2);
        }
    }
    if (out->oom) return REEL_ENOMEM;
    unsigned char md[32];
    if (sha256_raw(out->data + start, out->len - start, md)) return REEL_ENOMEM;
    return buf_append(out, (const char *)md, 32);
}

/* A quantisation step the trainer can have written: q * step must stay a
 * normal float, so that every value reads back to the q it was written as. */
static int steps_ok(double step)
{
    return step >= 1e-30 && step <= 1;
}

int model_read(reel_ctx *ctx, struct reel_model **out, const char *bytes, size_t len,
               const char *name)
{
    const unsigned char *p = (const unsigned char *)bytes;
    struct reel_model *m = NULL;
    int rc = REEL_EMODEL;
    *out = NULL;
    if (len < HEADER_LEN + 32 || memcmp(p, SENT_MODEL_MAGIC, 8) != 0) {
        rc = reel_error(ctx, REEL_EMODEL,
                        "%s: not a reel sentiment model (bad magic or too "
                        "short); retrain with `reel train`",
                        name);
        goto done;
    }
    uint32_t version = get_u32(p + 8);
    if (version != SENT_MODEL_VERSION) {
        rc = reel_error(ctx, REEL_EMODEL,
                        "%s: model format version %u, this reel reads version "
                        "%u; retrain with `reel train`",
                        name, version, SENT_MODEL_VERSION);
        goto done;
    }
    unsigned char md[32];
    if (sha256_raw(p, len - 32, md)) {
        rc = reel_error(ctx, REEL_ENOMEM, "%s: out of memory", name);
        goto done;
    }
    if (memcmp(md, p + len - 32, 32) != 0) {
        rc = reel_error(ctx, REEL_EMODEL,
                        "%s: checksum mismatch (the file is corrupt or "
                        "truncated)",
                        name);
        goto done;
    }
    uint32_t ngram = get_u32(p + 12), negation = get_u32(p + 16),
             sublinear = get_u32(p + 20), n_knots = get_u32(p + 48);
    uint64_t n = get_u64(p + 56);
    if (ngram < 1 || ngram > 3 || negation > 1 || sublinear > 1 || get_u32(p + 52) ||
        n_knots > SENT_MAX_KNOTS || n > (len - HEADER_LEN) / FEAT_BYTES ||
        n >= UINT32_MAX / 2 ||
        (uint64_t)len != HEADER_LEN + 16ull * n_knots + FEAT_BYTES * n + 32) {
        rc = reel_error(ctx, REEL_EMODEL,
                        "%s: inconsistent header (ngram %u, knots %u, %llu "
                        "features for %zu bytes)",
                        name, ngram, n_knots, (unsigned long long)n, len);
        goto done;
    }
    m = calloc(1, sizeof *m);
    if (!m) {
        rc = reel_error(ctx, REEL_ENOMEM, "%s: out of memory", name);
        goto done;
    }
    m->fo.ngram = (int)ngram;
    m->fo.negation = (int)negation;
    m->sublinear = (int)sublinear;
    m->bias = get_f64(p + 24);
    m->prob_a = get_f64(p + 32);
    m->prob_b = get_f64(p + 40);
    m->n_knots = n_knots;
    m->n = (size_t)n;
    m->scale_step = get_f64(p + 64);
    m->w_step = get_f64(p + 72);
    int finite = isfinite(m->bias) && isfinite(m->prob_a) && isfinite(m->prob_b) &&
                 steps_ok(m->scale_step) && steps_ok(m->w_step);
    const unsigned char *q = p + HEADER_LEN;
    for (size_t i = 0; i < n_knots; i++, q += 16) {
        m->cal_x[i] = get_f64(q);
        m->cal_y[i] = get_f64(q + 8);
        finite =
            finite && isfinite(m->cal_x[i]) && m->cal_y[i] >= 0 && m->cal_y[i] <= 100;
        if (i > 0 && (m->cal_x[i] <= m->cal_x[i - 1] || m->cal_y[i] < m->cal_y[i - 1]))
            finite = 0;
    }
    if (!finite) {
        rc = reel_error(ctx, REEL_EMODEL,
                        "%s: parameters out of range (non-finite, non-monotone "
                        "or outside 0-100)",
                        name);
        goto done;
    }
    size_t cnt = m->n ? m->n : 1;
    m->keys = malloc(cnt * sizeof *m->keys);
    m->scale = malloc(cnt * sizeof *m->scale);
    m->w = malloc(cnt * sizeof *m->w);
    if (!m->keys || !m->scale || !m->w) {
        rc = reel_error(ctx, REEL_ENOMEM, "%s: out of memory for %zu features", name,
                        m->n);
        goto done;
    }
    const unsigned char *ks = q, *ss = q + 6 * m->n, *ws = q + 8 * m->n;
    for (size_t i = 0; i < m->n; i++) {
        uint64_t key = 0;
        for (int k = 5; k >= 0; k--)
            key = key << 8 | ks[6 * i + (size_t)k];
        m->keys[i] = key;
        int16_t qs = (int16_t)(uint16_t)(ss[2 * i] | ss[2 * i + 1] << 8);
        int16_t qw = (int16_t)(uint16_t)(ws[2 * i] | ws[2 * i + 1] << 8);
        m->scale[i] = (float)(qs * m->scale_step);
        m->w[i] = (float)(qw * m->w_step);
        /* -32768 is never written (the grid is symmetric) */
        if ((i > 0 && key <= m->keys[i - 1]) || qs == INT16_MIN || qw == INT16_MIN) {
            rc = reel_error(ctx, REEL_EMODEL, "%s: feature %zu is out of order or range",
                            name, i);
            goto done;
        }
    }
    if (model_index(m)) {
        rc = reel_error(ctx, REEL_ENOMEM, "%s: out of memory indexing %zu features", name,
                        m->n);
        goto done;
    }
    *out = m;
    m = NULL;
    rc = REEL_OK;
done:
    model_free(m);
    return rc;
}

int model_save(reel_ctx *ctx, const struct reel_model *m, const char *path)
{
    buf b;
    buf_init(&b);
    char *tmp = NULL;
    FILE *f = NULL;
    int rc = model_write(m, &b);
    if (rc) {
        rc = reel_error(ctx, rc, "%s: out of memory serialising the model", path);
        goto done;
    }
    size_t tl = strlen(path) + 8;
    tmp = malloc(tl);
    if (!tmp) {
        rc = reel_error(ctx, REEL_ENOMEM, "%s: out of memory", path);
        goto done;
    }
    snprintf(tmp, tl, "%s.tmp", path);
    f = fopen(tmp, "wb");
    if (!f || fwrite(b.data, 1, b.len, f) != b.len || fclose(f) != 0) {
        int e = errno;
        f = NULL;
        unlink(tmp);
        rc = reel_error(ctx, REEL_EIO, "%s: cannot write model: %s", tmp, strerror(e));
        goto done;
    }
    f = NULL;
    if (rename(tmp, path) != 0) {
        rc = reel_error(ctx, REEL_EIO, "%s: cannot rename to %s: %s", tmp, path,
                        strerror(errno));
        unlink(tmp);
        goto done;
    }
    rc = REEL_OK;
done:
    if (f) fclose(f);
    free(tmp);
    buf_free(&b);
    return rc;
}

/* ---------------- the analyzer ---------------- */

static int model_knows(const void *arg, uint64_t id)
{
    return model_find(arg, id) != SIZE_MAX;
}

int analyze_sentiment(reel_ctx *ctx, reel_doc *doc)
{
    const struct reel_model *m = ctx ? ctx->model : NULL;
    featvec fv;
    featvec_init(&fv);
    fv.keep = model_knows;
    fv.keep_arg = m;
    int rc = REEL_OK;
    memset(&doc->sentiment, 0, sizeof doc->sentiment);
    doc->sentiment.no_model = !m && ctx && ctx->model_missing;
    for (size_t i = 0; i < doc->n_sentences; i++)
        doc->sentences[i].polarity = -1;
    if (!m || !doc->text) goto done;
    for (size_t i = 0; i < doc->n_sentences; i++) {
        reel_sentence *s = &doc->sentences[i];
        if (s->span.end > doc->text_len || s->span.start >= s->span.end) continue;
        rc = features_extract(&fv, &m->fo, doc->text + s->span.start,
                              s->span.end - s->span.start);
        if (rc) goto oom;
        size_t known = 0;
        double mg = model_margin(m, &fv, &known);
        if (fv.words > 0 && known > 0) s->polarity = model_prob(m, mg);
    }
    rc = features_extract(&fv, &m->fo, doc->text, doc->text_len);
    if (rc) goto oom;
    size_t known = 0;
    double mg = model_margin(m, &fv, &known);
    if (fv.words > 0 && known > 0) {
        doc->sentiment.has = 1;
        doc->sentiment.prob_positive = model_prob(m, mg);
        doc->sentiment.score100 = model_score100(m, mg);
    }
    goto done;
oom:
    rc = reel_error(ctx, rc, "%s: out of memory in the sentiment analyzer",
                    doc->source ? doc->source : "document");
done:
    featvec_free(&fv);
    return rc;
}
