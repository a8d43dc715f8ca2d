/* reel.h — the whole public API of libreel.
 *
 * reel turns film journalism (HTML, text, JSON lines, WARC) into structured
 * records: what an article is, which film it is about, the critic's verdict
 * on 0-100, the facts it states, each traced to a span of its clean text; and
 * per film, the reception aggregated from those records.
 *
 * Conventions: a function that can fail returns 0 or a negative REEL_E* code
 * and writes its results through its first parameters, before the handle
 * it works on (libgit2's order): `out`, or `out_<what>` for counts and for
 * functions with several results; the message is on the context
 * (reel_errmsg). Every pointer returned or written through `out` says who
 * frees it and with what. Callers set `*out` to NULL first and free it
 * whatever the return: after a failure it is NULL or unchanged, except
 * where a function says it holds something then (REEL_EAMBIGUOUS's list).
 */
#ifndef REEL_H
#define REEL_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(REEL_BUILDING) && defined(__GNUC__)
#define REEL_EXPORT __attribute__((visibility("default")))
#else
#define REEL_EXPORT
#endif
/* Lets GCC and clang check the arguments of a printf-style function. */
#if defined(__GNUC__)
#define REEL_PRINTF(fmt, first) __attribute__((format(printf, fmt, first)))
#else
#define REEL_PRINTF(fmt, first)
#endif

/** Version of the library and of the record format (docs/record.md). */
#define REEL_VERSION "0.1.0"
#define REEL_RECORD_VERSION 1

/** Error codes. 0 is success; every failure is negative. */
enum {
    REEL_OK = 0,
    REEL_ENOMEM = -1,     /**< out of memory */
    REEL_EIO = -2,        /**< a file could not be read or written */
    REEL_EFORMAT = -3,    /**< input is not something reel can read */
    REEL_ENOTFOUND = -4,  /**< no such film, article or file */
    REEL_EDB = -5,        /**< the store failed */
    REEL_EMODEL = -6,     /**< model file missing, corrupt or incompatible */
    REEL_EINVAL = -7,     /**< bad argument */
    REEL_ETOOBIG = -8,    /**< input over a configured limit */
    REEL_ESCHEMA = -9,    /**< store has a schema version this reel can't use */
    REEL_EDONE = -10,     /**< iteration finished (not an error) */
    REEL_EBUSY = -11,     /**< the store is busy (another writer held it past the
                               wait) or unreachable (its file gone, its server
                               down, the connection lost): the same call, or
                               the rolled-back batch, may work later */
    REEL_EAMBIGUOUS = -12 /**< a title without a year fits several films */
};

/** A byte range [start, end) into a document's clean text. */
typedef struct {
    size_t start;
    size_t end;
} reel_span;

/* ------------------------------------------------------------------ */
/* Context: options, the loaded model, and the last error message.     */

typedef struct reel_ctx reel_ctx;

/** Create a context. Free with reel_ctx_free. The context promises the
 * default sentiment model (reel_ctx_load_default_model) without reading it:
 * the first reel_analyze or reel_process that predicts (an English
 * document) loads it, once. A program that only reads stores or parses
 * scores never pays for it. No model found is no error there: documents
 * get no predicted verdict and their record's `not_analysed` says
 * `"no model"`. $REEL_MODEL naming a file that cannot be loaded, or a
 * corrupt installed model, makes that call fail with REEL_EMODEL. Say
 * reel_ctx_load_model(ctx, NULL) for none at all. Like every context, one
 * thread at a time (the lazy load is not locked). */
REEL_EXPORT int reel_ctx_new(reel_ctx **out);
/** Free a context (NULL-safe). */
REEL_EXPORT void reel_ctx_free(reel_ctx *ctx);
/** The message of the last error on this context ("" when none). Borrowed. */
REEL_EXPORT const char *reel_errmsg(const reel_ctx *ctx);
/** Set the message (printf-style) and return `code`; used by the library
 * and by extensions that report through a context. */
REEL_EXPORT int reel_error(reel_ctx *ctx, int code, const char *fmt, ...)
    REEL_PRINTF(3, 4);
/** Load the sentiment model at `path` (models/sentiment.model), in place
 * of the default. `path` NULL means no model: documents get no predicted
 * score (never a made-up one) and records say nothing of it (what tests and
 * fuzzers want). A failed load keeps what the context had. */
REEL_EXPORT int reel_ctx_load_model(reel_ctx *ctx, const char *path);
/** Whether a sentiment model is loaded now (the default one is loaded by
 * the first prediction, or by reel_ctx_load_default_model). */
REEL_EXPORT int reel_ctx_has_model(const reel_ctx *ctx);
/** Load the default sentiment model: the file $REEL_MODEL names when it is
 * set, else the installed one (reel_model_installed_path()). Returns 0,
 * REEL_ENOTFOUND when there is none (the context stays without a model and
 * the message says where it looked), or reel_ctx_load_model's errors for a
 * file that is there but unreadable or corrupt. reel_ctx_new would load
 * the same on the first prediction: call this to load it now, or to learn
 * whether there is one (the command does, to say so before it starts). */
REEL_EXPORT int reel_ctx_load_default_model(reel_ctx *ctx);
/** The installed model's path (DATADIR/reel/sentiment.model of the build's
 * install prefix), whether or not the file is there. Static storage. */
REEL_EXPORT const char *reel_model_installed_path(void);
/** The path of the loaded model, or NULL when none. Borrowed from ctx. */
REEL_EXPORT const char *reel_ctx_model_path(const reel_ctx *ctx);
/** Maximum input size in bytes for one document (default 64 MiB). */
REEL_EXPORT void reel_ctx_set_max_input(reel_ctx *ctx, size_t bytes);

/* ------------------------------------------------------------------ */
/* Documents: what the readers produce and the analyzers annotate.     */

typedef enum {
    REEL_FORMAT_AUTO = 0,
    REEL_FORMAT_TEXT,
    REEL_FORMAT_HTML,
    REEL_FORMAT_JSONL,
    REEL_FORMAT_WARC
} reel_format;

typedef enum {
    REEL_BLOCK_PARAGRAPH = 0,
    REEL_BLOCK_HEADING,
    REEL_BLOCK_LIST_ITEM,
    REEL_BLOCK_CAPTION,
    REEL_BLOCK_QUOTE,
    REEL_BLOCK_PRE,
    REEL_BLOCK_TABLE
} reel_block_kind;

/** A structural block of the article. Text is UTF-8 NFC. */
typedef struct {
    reel_block_kind kind;
    int level;           /**< heading level 1-6, else 0 */
    double link_density; /**< share of the block's characters inside links */
    int boilerplate;     /**< 1 if clean dropped it */
    const char *reason;  /**< why it was dropped (static string) or NULL */
    char *text;          /**< the block's text (owned by the document) */
    size_t len;
    reel_span span; /**< where it sits in the clean text, if kept */
} reel_block;

/** A sentence of the clean text, with the tokens it covers. */
typedef struct {
    reel_span span;
    size_t tok_start, tok_end; /**< token index range [tok_start, tok_end) */
    double polarity;           /**< model's P(positive) of this sentence, or
                                    -1 when there is no model or no words */
} reel_sentence;

typedef enum {
    REEL_TOK_WORD = 0, /**< letters/digits, with inner ' - . */
    REEL_TOK_NUMBER,
    REEL_TOK_PUNCT,
    REEL_TOK_SYMBOL /**< stars, currency, other symbols */
} reel_tok_kind;

/** A token, 12 bytes: a page has about one for every five bytes of text,
 * so the token array is the document's largest; its offsets are 32-bit
 * (reel_segment refuses a clean text of 4 GiB or more). `span` has the
 * fields of a reel_span; reel_token_span gives one. */
typedef struct {
    struct {
        uint32_t start, end;
    } span;
    unsigned kind : 3; /**< a reel_tok_kind */
    unsigned cap : 1;  /**< starts with an upper-case letter */
} reel_token;

/** The token's span as a reel_span. */
static inline reel_span reel_token_span(const reel_token *t)
{
    reel_span s = {t->span.start, t->span.end};
    return s;
}

typedef enum {
    REEL_KIND_OTHER = 0,
    REEL_KIND_REVIEW,
    REEL_KIND_INTERVIEW,
    REEL_KIND_NEWS
} reel_kind;

/** A film named in an article. */
typedef struct {
    char *title;       /**< as best written ("Pain & Glory") */
    char *key;         /**< matching key: folded, "&"→"and", no year */
    int year;          /**< 0 when unknown */
    size_t mentions;   /**< how many times the article names it */
    reel_span span;    /**< first mention */
    double confidence; /**< for the subject: how sure we are it is the subject */
} reel_film_ref;

/** The critic's explicit verdict, as written and normalised. */
typedef struct {
    int found;
    char *raw;        /**< as written: "★★★★☆", "8/10", "B+", "Very Good" */
    const char *form; /**< "stars", "fraction", "letter", "verbal" */
    reel_span span;
    double value;    /**< the number on its own scale (4 of 5 stars; grade
                          points 0-4.3 for a letter; the table's 0-100 for
                          verbal) */
    double scale;    /**< the scale's maximum (5); 0 for verbal/letter */
    double score100; /**< normalised 0-100 (docs/scores.md) */
} reel_score;

/** A verdict other than a letter grade is positive when its score100 is at
 * least this (docs/scores.md). Chosen on rt-dev as the threshold that best
 * agrees with Rotten Tomatoes' fresh/rotten flag given the table: the line
 * falls between 2.5 of 5 stars (50, mostly rotten) and 3 of 5 (60, mostly
 * fresh); bench/scores.sh prints the sweep and a 2-fold estimate. */
#define REEL_POSITIVE_THRESHOLD 60.0

/** Whether a verdict is positive: a letter grade (`form` "letter", `value`
 * its grade points) by the grade itself, B- and above, whatever its school
 * score100 (a C+ is 77 but a mixed-to-negative review); any other form, or
 * a predicted verdict (`form` NULL), when score100 >= REEL_POSITIVE_THRESHOLD.
 * docs/scores.md. */
REEL_EXPORT int reel_verdict_positive(const char *form, double value, double score100);

/** The model's verdict from the text. */
typedef struct {
    int has;      /**< 0 when no model or no words */
    int no_model; /**< 1 when the context looked for its default model and
                       found none (the record's not_analysed says so); 0
                       with a model or when told to use none */
    double prob_positive;
    double score100; /**< calibrated 0-100 */
} reel_sentiment;

/** A fact stated in the article, traced to its words. */
typedef struct {
    const char *predicate; /**< "director", "cast", "writer", "cinematographer",
                                "composer", "producer", "editor", "studio",
                                "distributor", "release_date", "rating",
                                "runtime", "country", "language", "award" */
    char *value;           /**< as written ("Antonio Banderas") */
    char *norm;            /**< folded name / ISO date / minutes */
    char *qualifier;       /**< character for cast; what a date is of; or NULL */
    char *film;            /**< title of the film it is about */
    int about_subject;     /**< 1 if about the article's subject film */
    reel_span span;        /**< the words the fact was read from */
    size_t sentence;       /**< index into sentences */
    double confidence;
} reel_fact;

/** A quotable sentence. */
typedef struct {
    size_t sentence;
    reel_span span;
    double quality;  /**< 0-1: short, self-contained, strong */
    double polarity; /**< P(positive) of the sentence */
} reel_quote;

/** One article, read, cleaned, segmented and analyzed. Everything in it is
 * owned by the document and freed by reel_doc_free. Read-only for users. */
typedef struct reel_doc {
    /* where it came from */
    char *source; /**< file path, "-" or WARC/JSONL record locator */
    char *url;
    reel_format format;
    char sha256[65]; /**< of the input bytes: the article's identity */
    char *encoding;  /**< as detected ("UTF-8", "windows-1252") */
    size_t repaired; /**< invalid UTF-8 sequences replaced */
    /* page metadata (NULL when absent) */
    char *title, *date, *author, *outlet;
    char *film_hint; /**< subject the source already knows (JSON lines) */
    int year_hint;
    char *score_hint; /**< printed score the source already knows */
    char *kind_hint;  /**< "review", "interview", "news" when the source says */
    /* structure and clean text */
    reel_block *blocks;
    size_t n_blocks;
    char *text; /**< clean text, kept blocks joined by "\n\n" */
    size_t text_len;
    reel_sentence *sentences;
    size_t n_sentences;
    reel_token *tokens;
    size_t n_tokens;
    /* analysis */
    reel_kind kind;
    double kind_confidence;
    const char *language;    /**< ISO 639-1 ("en", "fr"), NULL when unknown;
                                  static, not freed (docs/record.md) */
    reel_film_ref subject;   /**< title NULL when none found */
    reel_film_ref *mentions; /**< other films named */
    size_t n_mentions;
    reel_score score;
    reel_sentiment sentiment;
    reel_fact *facts;
    size_t n_facts;
    reel_quote *quotes;
    size_t n_quotes;
    struct reel_arena *arena; /**< private */
    /* appended last, so the fields above keep their places */
    char **italics; /**< words an HTML page set in italics (elements em, i,
                         cite) that read as a title, in page order, at
                         most REEL_MAX_ITALICS; NULL for other formats */
    size_t n_italics;
    /* private: the blocks' texts as read, until reel_clean points the kept
     * ones into the clean text and copies the dropped ones (a page's text
     * is then held once, not twice) */
    struct reel_arena *block_arena;
    /* private: the block budget (0: none) and the blocks past it, read
     * into one last block (doc.c) */
    size_t max_blocks;
    struct reel_overflow *overflow;
    /* private: where the token budget ran out (REEL_SEG_TOK_*): the text
     * from this byte on has no tokens and is not analysed (0: all is) */
    size_t unread_at;
} reel_doc;

/** At most this many italic titles are kept per document. */
#define REEL_MAX_ITALICS 64

/** Free a document (NULL-safe). */
REEL_EXPORT void reel_doc_free(reel_doc *doc);

/** Read one document from bytes. `source` names it in messages and the
 * record; `format` may be REEL_FORMAT_AUTO (JSONL/WARC are multi-record:
 * use reel_reader). The result has blocks and metadata, not yet cleaned.
 * *out: a new document the caller frees with reel_doc_free (NULL after a
 * failure). */
REEL_EXPORT int reel_read(reel_doc **out, reel_ctx *ctx, const char *bytes, size_t len,
                          const char *source, reel_format format);

/** Detect the format of a buffer (its first bytes suffice). */
REEL_EXPORT reel_format reel_format_detect(const char *bytes, size_t len);
/** "text", "html", "jsonl", "warc" (static storage; never freed). */
REEL_EXPORT const char *reel_format_name(reel_format f);

/** Drop boilerplate blocks, normalise, and build doc->text. */
REEL_EXPORT int reel_clean(reel_ctx *ctx, reel_doc *doc);
/** Split doc->text into sentences and tokens, within the document's
 * budgets (docs/formats.md): at most 16,384 sentences plus one per KiB of
 * text (past that, sentences are grouped) and 65,536 tokens plus one per 4
 * bytes (past that, the rest of the text has none and is not analysed). */
REEL_EXPORT int reel_segment(reel_ctx *ctx, reel_doc *doc);
/** Run every analyzer (kind, subject, score, sentiment, facts, quotes).
 * Pure: depends only on the document and the context's model. */
REEL_EXPORT int reel_analyze(reel_ctx *ctx, reel_doc *doc);
/** reel_read + reel_clean + reel_segment + reel_analyze. *out: a new
 * document the caller frees with reel_doc_free (NULL after a failure: a
 * document that failed a later stage is freed here). */
REEL_EXPORT int reel_process(reel_doc **out, reel_ctx *ctx, const char *bytes, size_t len,
                             const char *source, reel_format format);
/** reel_clean + reel_segment + reel_analyze on a document from reel_read or
 * reel_reader_next: reel_process for callers that read (or set metadata)
 * themselves. `doc` stays the caller's, on error too (reel_doc_free). */
REEL_EXPORT int reel_process_doc(reel_ctx *ctx, reel_doc *doc);

/** Iterate the documents of a file or stream that may hold many (JSON lines,
 * WARC, WARC.gz) or one (text, HTML). */
typedef struct reel_reader reel_reader;
/** Open `path` ("-" for stdin). *out: a new reader the caller frees with
 * reel_reader_free (NULL after a failure). */
REEL_EXPORT int reel_reader_open(reel_reader **out, reel_ctx *ctx, const char *path);
/** The next raw document: 0 and *out set; REEL_EDONE at the end; another
 * negative code for a bad record (message on ctx), after which the caller may
 * call again to go on with the next record. *out: a new document, read but
 * not yet cleaned, that the caller frees with reel_doc_free; NULL when the
 * call fails or ends. */
REEL_EXPORT int reel_reader_next(reel_doc **out, reel_reader *r);
/** Counts of what was skipped and why (non-HTML WARC records, ...). */
REEL_EXPORT size_t reel_reader_skipped(const reel_reader *r);
/** How far into its input the reader has read, in bytes of the file as
 * stored (compressed bytes for .warc.gz): for progress over one big file.
 * 0 for standard input from a pipe. */
REEL_EXPORT uint64_t reel_reader_offset(const reel_reader *r);
/** Free a reader and close the file it opened (NULL-safe). */
REEL_EXPORT void reel_reader_free(reel_reader *r);

/* ------------------------------------------------------------------ */
/* Text utilities shared by the analyzers and the store.               */

/** Folded matching key: NFKC, case-folded, diacritics stripped, "&" to
 * "and", punctuation to single spaces, trimmed. malloc'd; the caller frees it with free()
 * (NULL when out of memory). */
REEL_EXPORT char *reel_fold(const char *s, size_t len);
/** Film key: reel_fold of a title without a trailing "(2019)" year and
 * without a leading article. malloc'd; the caller frees it with free() (NULL
 * when out of memory). */
REEL_EXPORT char *reel_film_key(const char *title, size_t len);

/** "review", "interview", "news", "other" (static storage; never freed). */
REEL_EXPORT const char *reel_kind_name(reel_kind k);

/** Parse an explicit score written on its own ("3.5/4", "B+", "★★★★☆",
 * "Very Good"). 0 and *out filled (out->raw malloc'd: the caller frees it
 * with free(); out->form static), or REEL_ENOTFOUND when the text is not a
 * score. */
REEL_EXPORT int reel_score_parse(reel_score *out, const char *text, size_t len);

/* ------------------------------------------------------------------ */
/* Records: the JSON seam between articles and films (docs/record.md).  */

/** The record of an analyzed document, as one line of JSON (no newline).
 * *out: malloc'd; the caller frees it with free(). `with_text` adds the clean text and
 * blocks. */
REEL_EXPORT int reel_record_to_json(char **out, reel_ctx *ctx, const reel_doc *doc,
                                    int with_text);

/* ------------------------------------------------------------------ */
/* Aggregation: per-film partials that merge associatively.            */

typedef struct reel_partial reel_partial;
/** An empty partial for the film with matching key `film_key`. *out: a
 * new partial the caller frees with reel_partial_free. */
REEL_EXPORT int reel_partial_new(reel_partial **out, const char *film_key);
/** Free a partial (NULL-safe). */
REEL_EXPORT void reel_partial_free(reel_partial *p);
/** Fold one record (JSON text) into the partial. */
REEL_EXPORT int reel_partial_add(reel_ctx *ctx, reel_partial *p, const char *record_json);
/** dst := dst ⊕ src (associative, commutative). */
REEL_EXPORT int reel_partial_merge(reel_ctx *ctx, reel_partial *dst,
                                   const reel_partial *src);
/** A partial as JSON text. *out: malloc'd; the caller frees it with free(). */
REEL_EXPORT int reel_partial_to_json(char **out, reel_ctx *ctx, const reel_partial *p);
/** A partial from the JSON of reel_partial_to_json. *out: a new partial the
 * caller frees with reel_partial_free. */
REEL_EXPORT int reel_partial_from_json(reel_partial **out, reel_ctx *ctx,
                                       const char *json);
/** The title key a partial is of (borrowed). */
REEL_EXPORT const char *reel_partial_key(const reel_partial *p);
/** How many article versions a partial holds. */
REEL_EXPORT size_t reel_partial_count(const reel_partial *p);
/** Join the partials of title keys that their articles' alternate titles
 * link ("Parasite (Gisaengchung)"): each group's articles go into one of
 * them, keyed by the group's smallest key as the store keys it; the others
 * are left empty (no articles), for the caller to skip. */
REEL_EXPORT int reel_partials_join(reel_ctx *ctx, reel_partial **ps, size_t n);
/** The film reports (JSON) of a partial: one per film, one a line (a title
 * key holds every film of that title; docs/record.md, "Identity"). *out:
 * malloc'd; the caller frees it with free(). */
REEL_EXPORT int reel_partial_finalize(char **out, reel_ctx *ctx, const reel_partial *p);

/* ------------------------------------------------------------------ */
/* Store: SQLite file or PostgreSQL, one interface.                    */

typedef struct reel_store reel_store;

/** Open (creating or migrating) the store at `url`: a file path, or
 * "postgres://..." / "postgresql://...". *out: a new handle the caller
 * frees with reel_store_close (NULL after a failure); it reports its
 * errors on `ctx`, which must outlive it. The same as
 * reel_store_open_mode(out, ctx, url, REEL_STORE_CREATE). */
REEL_EXPORT int reel_store_open(reel_store **out, reel_ctx *ctx, const char *url);

/** Modes of reel_store_open_mode (bits). */
enum {
    /** Make the store when there is none (a new SQLite file; the schema in
     * an empty PostgreSQL database). Without it a missing store is
     * REEL_ENOTFOUND and nothing is left behind. */
    REEL_STORE_CREATE = 1,
    /** Never write: SQLite opens the file read-only, PostgreSQL sessions are
     * read-only; a store whose schema is older than this reel's is
     * REEL_ESCHEMA (a writing open upgrades it). Writes fail. */
    REEL_STORE_READONLY = 2
};
/** Open the store at `url` as `mode` says (0: an existing store, read and
 * write, migrated to this reel's schema). An open handle notices when its
 * SQLite file is replaced (it opens the new one) or deleted (REEL_EBUSY
 * until it is back), and a lost PostgreSQL connection is opened again.
 * *out as reel_store_open's: freed with reel_store_close; `ctx` outlives it. */
REEL_EXPORT int reel_store_open_mode(reel_store **out, reel_ctx *ctx, const char *url,
                                     int mode);
/** 1 when opening this handle created the store (file or schema). */
REEL_EXPORT int reel_store_created(const reel_store *st);
/** The store's name for messages: the path, or the URL without password.
 * Borrowed: lives as long as `st`. */
REEL_EXPORT const char *reel_store_name(const reel_store *st);
/** Close the store and free the handle (NULL-safe); a batch still open is
 * rolled back. */
REEL_EXPORT void reel_store_close(reel_store *st);
/** Begin / commit / roll back a batch (one transaction). Begin waits for a
 * store another process is writing to (up to a minute, retrying with
 * backoff) before it fails with REEL_EBUSY. */
REEL_EXPORT int reel_store_begin(reel_store *st);
REEL_EXPORT int reel_store_commit(reel_store *st);
REEL_EXPORT int reel_store_rollback(reel_store *st);
/** Store an analyzed document. *out_added is 1 if new, 0 if it was already
 * there (same content hash): ingest is idempotent. */
REEL_EXPORT int reel_store_put_doc(int *out_added, reel_store *st, const reel_doc *doc);
/** Store a record produced by `reel extract` (JSON with text). */
REEL_EXPORT int reel_store_put_record(int *out_added, reel_store *st,
                                      const char *record_json);
/** Articles this handle added in committed batches. Exact where the sum
 * of put results is not: with several writers, a batch replayed after a
 * deadlock can find an article it first added stored by another writer. */
REEL_EXPORT long reel_store_added(const reel_store *st);
/** Copy every article of `src` into `dst` (e.g. a SQLite file into
 * PostgreSQL) through the same path as ingest, so films are rebuilt alike;
 * `batch` articles per transaction (0: REEL_BATCH_DEFAULT). Articles already in `dst` are
 * skipped. *out_copied: articles read, *out_added: new in `dst` (either
 * may be NULL). Both stores should share one context for the message. */
REEL_EXPORT int reel_store_copy(size_t *out_copied, size_t *out_added, reel_store *dst,
                                reel_store *src, size_t batch);
/** reel_store_copy, calling `progress(user, copied)` after each committed
 * batch (`progress` may be NULL). */
REEL_EXPORT int reel_store_copy_progress(size_t *out_copied, size_t *out_added,
                                         reel_store *dst, reel_store *src, size_t batch,
                                         void (*progress)(void *user, size_t copied),
                                         void *user);

/** Defer (on = 1) or not (0, the default) rebuilding a large film's report
 * at every commit that adds to it: the film is rebuilt once the articles
 * changed since its last rebuild reach half of it, else marked stale, so a
 * long ingest into one film costs time linear in its articles. A stale
 * film's report is made current when it is read (reel_store_film), and
 * reel_store_films first rebuilds the stale films (a read-only handle lists
 * their figures as last built); reel_store_settle rebuilds them all. */
REEL_EXPORT void reel_store_defer(reel_store *st, int on);
/** Rebuild every stale film (a deferring handle's, or one left by a writer
 * that was stopped), one title per batch. 0 or an error. */
REEL_EXPORT int reel_store_settle(reel_store *st);

/** Reads. Each writes JSON text (docs/api.md) to *out, malloc'd: the caller
 * frees it with free(). */
/** Films, optionally filtered by `query` (folded substring), sorted by
 * "score", "reviews", "title", "year" (oldest first, no year last) or
 * "first-review" (the date of a film's first review, earliest first, none
 * last). Each lists its "first_review" date (null when none). *out: malloc'd; the caller
 * frees it with free(). */
REEL_EXPORT int reel_store_films(char **out, reel_store *st, const char *query,
                                 const char *sort, int limit, int offset);
/** Films as reel_store_films, only those with at least one article whose
 * record's `language` (ISO 639-1) is `language` (NULL or "": all films).
 * `total` counts the films kept; the answer echoes `language`. Reads every
 * matching film's report: a scan, fine for a desk's store. *out: malloc'd; the caller
 * frees it with free(). */
REEL_EXPORT int reel_store_films_language(char **out, reel_store *st, const char *query,
                                          const char *sort, const char *language,
                                          int limit, int offset);
/** One film's report, found by title (any variant) or key, with its year
 * when the title has several films ("Dune (2021)", or the film's id "dune
 * (2021)"). A title without a year that fits several films returns
 * REEL_EAMBIGUOUS with *out the JSON list {"ambiguous": title, "films":
 * [{key, id, name, title, year, articles, reviews}]}; a year that is none of
 * the title's films is REEL_ENOTFOUND. *out: malloc'd; the caller frees it with free().
 */
REEL_EXPORT int reel_store_film(char **out, reel_store *st, const char *title);
/** The film's report as reel_store_film, its "articles" the page of
 * `limit` (1 and up) articles from `offset` (0 and up) in id order, with
 * "articles_total", "articles_limit" and "articles_offset". A report lists
 * its first 1,000 articles; a page past them is read from the articles. *out: malloc'd;
 * the caller frees it with free(). */
REEL_EXPORT int reel_store_film_page(char **out, reel_store *st, const char *title,
                                     int limit, int offset);
/** The film's reviews over time (docs/api.md, "Timeline"): {"film", "reviews",
 * "dated", "undated", "first", "last", "positive", "points": [{date, score,
 * verdict ("positive"/"negative"), source, article, title, outlet, author,
 * reviews_so_far, positive_so_far, running_share}], "undated_articles":
 * [id]}. Every review with a verdict and a date ("YYYY", "YYYY-MM" or
 * "YYYY-MM-DD") is a point, in date order (ties by id); running_share is
 * the share of positive verdicts up to and including it (0-100). Reviews
 * without such a date are counted and listed, not placed. A title is found
 * as reel_store_film finds it (REEL_EAMBIGUOUS with the list in *out). *out: malloc'd;
 * the caller frees it with free(). */
REEL_EXPORT int reel_store_film_timeline(char **out, reel_store *st, const char *title);
/** Where reel_store_export and reel_json_to_csv's callers put their bytes:
 * 0 when written, non-zero to stop (the call then fails with REEL_EIO). */
typedef int (*reel_write_fn)(void *user, const char *data, size_t len);
/** The whole `table` of the store ("films", "articles" or "facts") as
 * `format` ("csv": RFC 4180 with a header row; "jsonl": one JSON object a
 * line), columns as docs/schema.md lists them, handed to `write` in
 * pieces of up to about 64 KiB: memory stays bounded whatever the store's
 * size. *out_rows (may be NULL): the rows written. */
REEL_EXPORT int reel_store_export(long *out_rows, reel_store *st, const char *table,
                                  const char *format, reel_write_fn write, void *user);
/** A JSON array of objects (a list answer's "films", "articles", "hits",
 * "facts", ...) as CSV text (RFC 4180: a header row, fields quoted when
 * they must be, CRLF line ends, UTF-8). Nested objects become "a.b"
 * columns, arrays a cell of compact JSON, null an empty cell; columns in
 * the order first met, after `first` (a NULL-terminated list of names to
 * lead with; may be NULL). *out: malloc'd; the caller frees it with free(). */
REEL_EXPORT int reel_json_to_csv(char **out, reel_ctx *ctx, const char *json_rows,
                                 const char *const *first);
/** Remove an article (by id prefix, or by_url: its canonical URL) with its
 * earlier versions, its facts, its search entry and its part in its film.
 * *out: {"deleted": id, "article": identity, "film": key}, malloc'd; the
 * caller frees it with free(). */
REEL_EXPORT int reel_store_delete(char **out, reel_store *st, const char *id_or_url,
                                  int by_url);
/** The versions of the article whose current version is `id` (a prefix): {"article":
 * identity, "current": id, "versions": [{id, date, added_at, current}]}, oldest first.
 * *out: malloc'd; the caller frees it with free(). */
REEL_EXPORT int reel_store_versions(char **out, reel_store *st, const char *id);
/** One article's record with its text. `id` is a sha256 prefix (>= 6). *out: malloc'd;
 * the caller frees it with free(). */
REEL_EXPORT int reel_store_article(char **out, reel_store *st, const char *id);
/** Full-text search over clean text (accent- and case-insensitive). *out: malloc'd; the
 * caller frees it with free(). */
REEL_EXPORT int reel_store_search(char **out, reel_store *st, const char *query,
                                  int limit, int offset);
/** Critics (store_critics.c, docs/api.md): every critic named in a
 * review's byline (names unified: case, accents, "By ", a trailing outlet),
 * each as {name, key, reviews, scored, average, stddev, positive, agreement,
 * agreed, compared, outlet}, filtered by `query` (folded substring of the
 * name), sorted by "reviews" (default), "name", "score" (average) or
 * "agreement". Reads every review: a scan. *out: malloc'd; the caller frees it with
 * free(). */
REEL_EXPORT int reel_store_critics(char **out, reel_store *st, const char *query,
                                   const char *sort, int limit, int offset);
/** One critic, by name (any case, accents, "By "; or the one name that
 * contains it): the list row's figures with "names", "outlets",
 * "highest", "lowest" and "items", the page of `limit` reviews from
 * `offset`, newest first. REEL_ENOTFOUND when none. *out: malloc'd; the caller frees it
 * with free(). */
REEL_EXPORT int reel_store_critic(char **out, reel_store *st, const char *name, int limit,
                                  int offset);
/** Outlets, as reel_store_critics (each with "n_critics" in place of
 * "outlet"). *out: malloc'd; the caller frees it with free(). */
REEL_EXPORT int reel_store_outlets(char **out, reel_store *st, const char *query,
                                   const char *sort, int limit, int offset);
/** One outlet, as reel_store_critic (its "critics" in place of "outlets"). *out:
 * malloc'd; the caller frees it with free(). */
REEL_EXPORT int reel_store_outlet(char **out, reel_store *st, const char *name, int limit,
                                  int offset);
/** Import a film catalog (docs/catalog.md): reel's TSV (a header naming
 * title, year, aliases, director, ids columns) or IMDb's title.basics,
 * title.akas, title.principals and name.basics TSV files (plain or gzip),
 * in any order in `paths`. Films then resolve to the catalog's entries (by
 * year, else director) and carry their ids; every film is rebuilt.
 * *out_films: catalog films stored (may be NULL). */
REEL_EXPORT int reel_catalog_import(size_t *out_films, reel_store *st,
                                    const char *const *paths, size_t n_paths);
/** Counts: articles, films. *out: malloc'd; the caller frees it with free(). */
REEL_EXPORT int reel_store_stats(char **out, reel_store *st);

/* ------------------------------------------------------------------ */
/* HTTP server: the JSON API and web pages over a store (docs/api.md).  */

typedef struct reel_server reel_server;

/** Options of reel_server_start; a zero field takes its default. */
typedef struct {
    unsigned threads;    /**< worker threads (0: one per CPU) */
    const char *token;   /**< bearer token that turns on POST /api/articles;
                              NULL or "": writes are off */
    size_t max_body;     /**< largest POST body in bytes (0: 8 MiB) */
    unsigned timeout_s;  /**< idle connection timeout in seconds (0: 15) */
    int cache_ms;        /**< how long a ready film report or article response
                              is reused before the store is read again (0: 1000;
                              negative: never); writes through the server drop
                              it at once */
    unsigned request_ms; /**< time limit of a read's store queries in
                              milliseconds (0: 10000); past it the answer
                              is 503 */
    const char *cors_origin; /**< the one origin ("https://example.org") whose
                                  pages may read the JSON API, or "*" for any;
                                  NULL or "": no CORS headers (the default) */
} reel_server_opts;

/** Serve the store at `db_url` on `listen` ("HOST:PORT", "[::1]:PORT" or
 * "PORT" for 127.0.0.1; port 0 picks a free one, see reel_server_port) in
 * background threads until reel_server_stop. The sentiment model of `ctx`
 * is loaded again for ingest (its default one looked for now when it has
 * not predicted yet; none when it was told none); `ctx` only receives the error of a
 * failed start and may be freed once this returns. `opts` may be NULL; its
 * strings are copied. *out: the running server, which reel_server_stop
 * stops and frees (NULL after a failure). */
REEL_EXPORT int reel_server_start(reel_server **out, reel_ctx *ctx, const char *db_url,
                                  const char *listen, const reel_server_opts *opts);
/** The port the server listens on. */
REEL_EXPORT int reel_server_port(const reel_server *srv);
/** Stop accepting, interrupt the store queries of requests in flight (they
 * are answered 503), wait for them up to a second, close everything and
 * free the server (NULL-safe). */
REEL_EXPORT void reel_server_stop(reel_server *srv);

/* ---------------- Batch writer ---------------- */

/** Records a batch writer puts in one transaction when its caller gives no
 * size (`reel ingest`, `reel load` and `reel migrate` without --batch,
 * reel_store_copy with 0). A killed writer loses at most the open batch,
 * which a re-run completes (a put is idempotent); larger batches take the
 * store's write lock fewer times and hold it longer. */
#define REEL_BATCH_DEFAULT 100

typedef struct reel_batch reel_batch;

/** How a batch writer writes; all zero (or a NULL pointer) is the default:
 * REEL_BATCH_DEFAULT records a batch, a refused record fails its batch,
 * no retry. */
typedef struct {
    size_t size; /**< records per transaction (0: REEL_BATCH_DEFAULT) */
    /** A record the store refuses as malformed (REEL_EFORMAT, REEL_EINVAL;
     * the message on the store's context) is skipped and named here with
     * the `origin` and `line` it was put with; NULL: it fails the batch. */
    void (*refused)(void *user, const char *origin, size_t line);
    /** How long a batch the store cannot take now (REEL_EBUSY: its server
     * restarting, the connection cut) is written again, the same records,
     * waiting 250 ms doubling to 4 s (0: not again); `busy(user)` is
     * called before the first wait (may be NULL). */
    unsigned busy_ms;
    void (*busy)(void *user);
    /** Called after each committed batch with the records stored so far
     * (may be NULL). */
    void (*committed)(void *user, size_t records);
    void *user;
} reel_batch_opts;

/** A batch writer on `st` (which must outlive it): records handed to
 * reel_batch_put are kept and written opts->size at a time, each batch in
 * one transaction, so the write lock is held only while rows go in, never
 * while the caller prepares the next records. *out is freed with
 * reel_batch_free. 0 or REEL_ENOMEM. */
REEL_EXPORT int reel_batch_new(reel_batch **out, reel_store *st,
                               const reel_batch_opts *opts);
/** Hand one record (JSON with text, as `reel extract` writes it; copied)
 * to the writer; `origin` and `line` (borrowed until the record is
 * written; NULL and 0 for none) are given back to opts->refused. When a
 * batch is full it is written: 0, or the store's error (the batch rolled
 * back and its records dropped). */
REEL_EXPORT int reel_batch_put(reel_batch *b, const char *record_json, const char *origin,
                               size_t line);
/** Write the records still waiting (the last, short batch): 0 or the
 * store's error, as reel_batch_put. */
REEL_EXPORT int reel_batch_flush(reel_batch *b);
/** Records stored by the committed batches (refused ones not counted),
 * and how many of them were new to the store. */
REEL_EXPORT size_t reel_batch_records(const reel_batch *b);
REEL_EXPORT size_t reel_batch_added(const reel_batch *b);
/** Free the writer, dropping records not yet written (NULL-safe). */
REEL_EXPORT void reel_batch_free(reel_batch *b);

/* ------------------------------------------------------------------ */
/* Printing what was read                                               */

/** `src` (a file name, a URL, a title) as one printable line in `out` (`n`
 * bytes, the NUL included): control characters, C1 controls, bidi
 * overrides and invalid UTF-8 become visible escapes (\n, \x1b, \u202e),
 * cut at a character boundary, so a name cannot forge a line or move the
 * cursor; what reel_errmsg messages already are. Returns the length
 * written. `src` NULL is "". */
REEL_EXPORT size_t reel_text_escape(char *out, size_t n, const char *src);

#ifdef __cplusplus
}
#endif
#endif
