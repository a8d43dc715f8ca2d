/* pg_batch.c — the PostgreSQL store's writes, one transaction per batch:
 * every write is journaled so a deadlock or serialization failure replays
 * the batch from its start (a few times, with backoff); facts are sent
 * several rows per statement; the films a batch rebuilds are locked in
 * one global order first; and the rebuilt film summaries are stored.
 */
#include "pg.h"

#ifdef REEL_HAVE_PQ

#include <math.h>
#include <unistd.h>

void pg_journal_clear(pg_store *s)
{
    pg_entry *e = s->journal.items;
    for (size_t k = 0; k < s->journal.n; k++)
        for (int i = 0; i < pg_stmts[e[k].stmt].nparams; i++)
            free(e[k].v[i]);
    s->journal.n = 0;
    s->pending.n = 0;
    s->films_locked = 0;
    s->skip_facts = 0;
}

static int journal_add(pg_store *s, int stmt, const char *const *v)
{
    pg_entry *e = vec_push(&s->journal);
    if (!e) return reel_error(s->base.ctx, REEL_ENOMEM, "out of memory");
    e->stmt = stmt;
    for (int i = 0; i < pg_stmts[stmt].nparams; i++) {
        if (!v[i]) continue;
        if (!(e->v[i] = strdup(v[i]))) {
            s->journal.n--; /* the caller's write never ran */
            for (int j = 0; j < i; j++)
                free(e->v[j]);
            return reel_error(s->base.ctx, REEL_ENOMEM, "out of memory");
        }
    }
    return 0;
}

static void backoff(pg_store *s, int attempt)
{
    /* random, growing: writers that just deadlocked do not meet again */
    useconds_t us = (useconds_t)((rand_r(&s->seed) % 40 + 10) * 1000 * attempt);
    usleep(us);
}

/* The batch met a deadlock (or serialization failure): roll it back and
 * run its writes again from the start. An article that another writer
 * stored meanwhile is now "already there", and its facts are skipped. The
 * affected rows of the last write go to *affected. */
static int replay(pg_store *s, long *affected, const char *what)
{
    for (int attempt = 1;; attempt++) {
        PQclear(PQexec(s->conn, "ROLLBACK"));
        backoff(s, attempt);
        int rc = pg_command(s, "BEGIN", "starting a batch again after a deadlock");
        if (rc) return rc;
        s->films_locked = 0;
        s->skip_facts = 0;
        s->pending.n = 0; /* the replay sends every fact of the journal */
        s->base.batch_added = 0;
        int again = 0;
        const pg_entry *e = s->journal.items;
        for (size_t k = 0; k < s->journal.n && !rc && !again; k++) {
            long n = 0;
            if (e[k].stmt == S_PUT_FACT && s->skip_facts) {
                n = 0;
            } else {
                PGresult *r = pg_run(s, e[k].stmt, (const char *const *)e[k].v);
                if (pg_ok(r))
                    n = atol(PQcmdTuples(r));
                else if (pg_retryable(r) && attempt < MAX_ATTEMPTS)
                    again = 1;
                else if (pg_retryable(r))
                    rc = reel_error(s->base.ctx, REEL_EDB,
                                    "%s: %s: still meeting deadlocks after %d attempts;"
                                    " run the command again",
                                    s->base.url, what, MAX_ATTEMPTS);
                else
                    rc = pg_fail(s, r, what);
                PQclear(r);
                if (e[k].stmt == S_PUT_ARTICLE) {
                    s->skip_facts = n == 0;
                    s->base.batch_added += n > 0;
                }
            }
            if (k + 1 == s->journal.n && affected) *affected = n;
        }
        if (!again) return rc;
    }
}

/* A write of the open batch: journaled, and on a deadlock the whole batch
 * is replayed, so the caller never sees one. */
int pg_write_batch(pg_store *s, int stmt, const char *const *v, long *affected,
                   const char *what)
{
    int rc = journal_add(s, stmt, v);
    if (rc) return rc;
    PGresult *r = pg_run(s, stmt, v);
    if (pg_ok(r)) {
        *affected = atol(PQcmdTuples(r));
        if (stmt == S_PUT_ARTICLE) s->skip_facts = *affected == 0;
    } else if (pg_retryable(r)) {
        rc = replay(s, affected, what);
        /* the article being put is counted by the caller */
        if (!rc && stmt == S_PUT_ARTICLE && *affected > 0) s->base.batch_added--;
    } else {
        rc = pg_fail(s, r, what);
    }
    PQclear(r);
    return rc;
}

/* Send the facts put since the last flush, in as few statements as the
 * sizes allow. */
int pg_flush_facts(pg_store *s)
{
    const size_t *idx = s->pending.items;
    size_t done = 0;
    while (done < s->pending.n) {
        int k = FACT_SIZES - 1;
        while ((size_t)1 << k > s->pending.n - done)
            k--;
        int rows = 1 << k;
        const char *v[FACT_COLS << (FACT_SIZES - 1)];
        char name[32];
        for (int i = 0; i < rows; i++) {
            const pg_entry *e =
                (const pg_entry *)s->journal.items + idx[done + (size_t)i];
            for (int c = 0; c < FACT_COLS; c++)
                v[i * FACT_COLS + c] = e->v[c];
        }
        pg_fact_stmt_name(name, sizeof name, rows);
        PGresult *r = PQexecPrepared(s->conn, name, rows * FACT_COLS, v, NULL, NULL, 0);
        int rc = 0;
        if (pg_ok(r))
            done += (size_t)rows;
        else if (pg_retryable(r))
            rc = replay(s, NULL, "storing facts");
        else
            rc = pg_fail(s, r, "storing facts");
        PQclear(r);
        if (rc || !s->pending.n) return rc; /* (a replay sent them all) */
    }
    s->pending.n = 0;
    return 0;
}

/* A batch starts on a live connection: one lost since the last call (the
 * server restarted between batches) is made again first. */
int pg_begin(reel_store *st)
{
    pg_store *s = (pg_store *)st;
    pg_journal_clear(s);
    for (int attempt = 0;; attempt++) {
        PGresult *r = PQexec(s->conn, "BEGIN");
        int rc = 0;
        if (!pg_ok(r) && pg_read_again(s, r, attempt)) {
            PQclear(r);
            if ((rc = pg_reconnect(s))) return rc;
            continue;
        }
        if (!pg_ok(r)) rc = pg_fail(s, r, "starting a batch");
        PQclear(r);
        return rc;
    }
}

int pg_commit(reel_store *st)
{
    pg_store *s = (pg_store *)st;
    int rc = s->pending.n ? pg_flush_facts(s) : 0;
    if (rc) {
        pg_journal_clear(s);
        return rc;
    }
    PGresult *r = PQexec(s->conn, "COMMIT");
    if (!pg_ok(r))
        rc = pg_fail(s, r, "committing the batch");
    else if (strcmp(PQcmdStatus(r), "COMMIT") != 0) /* the server rolled it back */
        rc = reel_error(st->ctx, REEL_EDB, "%s: the batch was rolled back by the server",
                        st->url);
    PQclear(r);
    pg_journal_clear(s);
    return rc;
}

int pg_rollback(reel_store *st)
{
    pg_store *s = (pg_store *)st;
    pg_journal_clear(s);
    if (PQstatus(s->conn) == CONNECTION_BAD) return 0; /* nothing left to roll back */
    return pg_command(s, "ROLLBACK", "rolling back the batch");
}

int pg_put_article(reel_store *st, const store_article *a, int *added)
{
    pg_store *s = (pg_store *)st;
    char *index = NULL, year[16], words[16];
    int n_words = 0, rc;
    long n = 0;
    *added = 0;
    /* a text of very many distinct words (a word list, encoded data) is
     * searchable up to where its tsvector would pass PostgreSQL's 1 MB */
    if ((rc = store_index(s->tok, a->title, a->text, 1000000, &index, &n_words)))
        return reel_error(st->ctx, rc, "article %.12s: cannot index its text", a->id);
    snprintf(year, sizeof year, "%d", a->film_year);
    snprintf(words, sizeof words, "%d", n_words);
    const char *v[16] = {a->id,
                         a->source,
                         a->url,
                         a->title,
                         a->date,
                         a->author,
                         a->outlet,
                         a->kind ? a->kind : "other",
                         a->film_key,
                         a->film_title,
                         a->film_year ? year : NULL,
                         a->record,
                         a->text,
                         words,
                         index,
                         a->ident};
    rc = pg_write_batch(s, S_PUT_ARTICLE, v, &n, "storing an article");
    free(index);
    if (!rc) *added = n > 0;
    return rc;
}

int pg_put_fact(reel_store *st, const char *article_id, const char *film_key,
                const char *predicate, const char *value, const char *norm,
                const char *qualifier, size_t span_start, size_t span_end,
                double confidence)
{
    pg_store *s = (pg_store *)st;
    char start[24], end[24], conf[40];
    int rc;
    if (s->skip_facts) return 0; /* a replay found the article already stored */
    snprintf(start, sizeof start, "%zu", span_start);
    snprintf(end, sizeof end, "%zu", span_end);
    snprintf(conf, sizeof conf, "%.17g", confidence);
    const char *v[9] = {article_id,
                        film_key,
                        predicate ? predicate : "",
                        value ? value : "",
                        norm,
                        qualifier,
                        start,
                        end,
                        isfinite(confidence) ? conf : NULL};
    /* journaled now, sent with others later (at most 32 wait) */
    if ((rc = journal_add(s, S_PUT_FACT, v))) return rc;
    size_t *p = vec_push(&s->pending);
    if (!p) return reel_error(st->ctx, REEL_ENOMEM, "out of memory");
    *p = s->journal.n - 1;
    return s->pending.n >= ((size_t)1 << (FACT_SIZES - 1)) ? pg_flush_facts(s) : 0;
}

/* Before the batch rebuilds its films: lock them all, in one order, so
 * two writers' rebuilds of a film happen one after the other and the later
 * one sees the earlier one's articles. */
int pg_lock_films(pg_store *s)
{
    reel_store *st = &s->base;
    buf keys;
    buf_init(&keys);
    for (size_t i = 0; i < st->n_touched; i++) {
        if (i) buf_putc(&keys, '\n');
        buf_puts(&keys, st->touched[i]);
    }
    if (keys.oom) return reel_error(st->ctx, REEL_ENOMEM, "out of memory");
    const char *v[1] = {keys.data ? keys.data : ""};
    int rc = 0;
    for (int attempt = 1;; attempt++) {
        PGresult *r = pg_run(s, S_LOCK_FILMS, v);
        if (pg_ok(r)) {
            PQclear(r);
            break;
        }
        if (!pg_retryable(r) || attempt >= MAX_ATTEMPTS) {
            rc = pg_fail(s, r, "locking the batch's films");
            PQclear(r);
            break;
        }
        PQclear(r);
        if ((rc = replay(s, NULL, "storing the batch again after a deadlock"))) break;
    }
    buf_free(&keys);
    if (!rc) s->films_locked = 1;
    return rc;
}

static const char *num(char *b, size_t n, double x)
{
    if (!isfinite(x)) return NULL;
    snprintf(b, n, "%.17g", x);
    return b;
}

int pg_put_film(reel_store *st, const store_film *f, const char *report)
{
    pg_store *s = (pg_store *)st;
    const char *title = f->title ? f->title : f->key;
    char *folded = reel_fold(title, strlen(title));
    char year[16], na[16], nr[16], score[40], pos[40];
    PGresult *r = NULL;
    if (!folded) return reel_error(st->ctx, REEL_ENOMEM, "out of memory");
    snprintf(year, sizeof year, "%d", f->year);
    snprintf(na, sizeof na, "%d", f->n_articles);
    snprintf(nr, sizeof nr, "%d", f->n_reviews);
    const char *v[11] = {f->key,
                         title,
                         folded,
                         f->year ? year : NULL,
                         na,
                         nr,
                         num(score, sizeof score, f->score),
                         num(pos, sizeof pos, f->positive),
                         report,
                         f->title_key,
                         f->first_review};
    int rc = pg_query(s, S_PUT_FILM, v, &r, "storing a film");
    PQclear(r);
    free(folded);
    return rc;
}

#endif
