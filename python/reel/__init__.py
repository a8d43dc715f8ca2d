"""reel — film journalism as structured records, from Python, over libreel.

    import reel
    rec = reel.extract("review.html")        # the record (docs/record.md) as a dict
    with reel.Store("reel.db") as st:        # a SQLite file or a postgres:// URL
        st.ingest(["examples/"])
        st.films()                           # [{"title": "Parasite", ...}, ...]
        st.film("Parasite")                  # the film's report
        st.search("bong joon")               # hits, best first

Everything comes back as plain dicts and lists (the JSON of the command's
--json and of the HTTP API, parsed); a failure is a reel.Error carrying
the library's message. The C library is found as reel/_lib.py says.
"""
import json
import os
import threading
from ctypes import byref, c_int, c_void_p

from . import _lib

__all__ = ["Error", "NotFound", "Ambiguous", "extract", "records", "Store", "to_pandas",
           "library_path", "__version__"]
__version__ = "0.1.0"
library_path = _lib.path
"""Where libreel was loaded from."""


class Error(Exception):
    """A failure of libreel: `message` is the library's (what was wrong, what
    to do), `code` its negative REEL_E* code."""

    def __init__(self, message, code=_lib.EINVAL):
        super().__init__(message)
        self.message = message
        self.code = code


class NotFound(Error):
    """No such film, article or file (REEL_ENOTFOUND)."""


class Ambiguous(Error):
    """A title without a year that fits several films: `films` lists them,
    each with the `name` to ask for instead ("Dune (2021)")."""

    def __init__(self, message, films):
        super().__init__(message, _lib.EAMBIGUOUS)
        self.films = films


def _raise(rc, message):
    message = message or f"reel error {rc}"
    if rc == _lib.ENOTFOUND:
        raise NotFound(message, rc)
    if rc == _lib.ENOMEM:
        raise MemoryError(message)
    raise Error(message, rc)


_DEFAULT = object()


class _Context:
    """A reel_ctx: options, the model, the last error. One thread at a time
    (the lock): libreel's contexts are not shared between threads."""

    def __init__(self, model=_DEFAULT):
        p = c_void_p()
        if _lib.ctx_new(byref(p)):
            raise MemoryError("reel: out of memory")
        self.p = p
        self.lock = threading.RLock()
        if model is None:
            self.check(_lib.ctx_load_model(p, None))  # told: no predictions
        elif model is not _DEFAULT:
            self.check(_lib.ctx_load_model(p, os.fsencode(model)))
        elif not os.environ.get("REEL_MODEL"):
            # a build tree's library: the tree's model, as the command finds it;
            # else the library's own default (installed), loaded when needed
            beside = _lib.model_beside_library()
            if beside and not os.path.isfile(_lib.model_installed_path().decode()):
                self.check(_lib.ctx_load_model(p, os.fsencode(beside)))

    def message(self):
        m = _lib.errmsg(self.p)
        return m.decode("utf-8", "replace") if m else ""

    def check(self, rc):
        if rc:
            _raise(rc, self.message())

    def model_path(self):
        m = _lib.ctx_model_path(self.p)
        return os.fsdecode(m) if m else None

    def free(self):
        if self.p:
            _lib.ctx_free(self.p)
            self.p = None

    def __del__(self):
        try:
            self.free()
        except Exception:  # interpreter shutdown: the module may be gone
            pass


_shared = None
_shared_lock = threading.Lock()


def _shared_context():
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = _Context()
        return _shared


def _record(ctx, doc, text):
    """The record of an analysed document (freeing the document)."""
    out = c_void_p()
    try:
        ctx.check(_lib.record_to_json(byref(out), ctx.p, doc, 1 if text else 0))
    finally:
        _lib.doc_free(doc)
    return _lib.take_string(out.value)


def _next_record(ctx, r, text):
    """(rc, record JSON or None, message) of the reader's next document."""
    with ctx.lock:
        doc = c_void_p()
        rc = _lib.reader_next(byref(doc), r)
        if rc == 0:
            rc = _lib.clean(ctx.p, doc) or _lib.segment(ctx.p, doc) or _lib.analyze(ctx.p, doc)
        if rc:
            _lib.doc_free(doc)
            return rc, None, ctx.message()
        return 0, _record(ctx, doc, text), ""


def _documents(ctx, path, text, on_error):
    """The records (JSON text) of every document in one file. The context is
    held for each document, not between them, so a generator left open does
    not block other threads."""
    r = c_void_p()
    with ctx.lock:
        ctx.check(_lib.reader_open(byref(r), ctx.p, os.fsencode(path)))
    try:
        while True:
            rc, rec, message = _next_record(ctx, r, text)
            if rc == _lib.EDONE:
                break
            if rc:
                if on_error is None:
                    _raise(rc, message)
                on_error(os.fsdecode(path), message)
                if rc in (_lib.EIO, _lib.ENOMEM):
                    break  # the stream is gone
                continue
            yield rec
    finally:
        _lib.reader_free(r)


def records(path, *, text=False, on_error=None):
    """Every document of a file (one for text or HTML; each line of JSON lines,
    each HTML response of a WARC or WARC.gz) as its record, a dict, in order.
    `text` adds the clean text and blocks. A document that cannot be read
    raises Error, or with `on_error(path, message)` is reported there and
    skipped."""
    for rec in _documents(_shared_context(), path, text, on_error):
        yield json.loads(rec)


def extract(source, *, text=False, name="-"):
    """The record (docs/record.md) of one article, as a dict: `source` is its
    bytes (`name` then names it in the record's "source") or the path of a
    file holding one document. For a file of many (JSON lines, WARC), use
    records(). `text` adds the clean text and blocks. Pure: the same input
    gives the same record."""
    ctx = _shared_context()
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        fmt = _lib.format_detect(data, len(data))
        if fmt in (_lib.FORMAT_JSONL, _lib.FORMAT_WARC):
            raise Error(f"{name}: {_lib.format_name(fmt).decode()} holds several documents: "
                        "save it to a file and use reel.records(path)", _lib.EINVAL)
        with ctx.lock:
            doc = c_void_p()
            ctx.check(_lib.process(byref(doc), ctx.p, data, len(data), os.fsencode(name), 0))
            return json.loads(_record(ctx, doc, text))
    if not isinstance(source, (str, os.PathLike)):
        raise TypeError("reel.extract takes bytes or a path")
    if os.path.isdir(source):
        raise Error(f"{os.fsdecode(source)}: a directory; give one file (Store.ingest walks directories)",
                    _lib.EINVAL)
    found = []
    for rec in _documents(ctx, source, text, None):
        found.append(rec)
        if len(found) > 1:
            raise Error(f"{os.fsdecode(source)} holds several documents: use reel.records()",
                        _lib.EINVAL)
    if not found:
        raise NotFound(f"{os.fsdecode(source)}: no document in it", _lib.ENOTFOUND)
    return json.loads(found[0])


def _walk(paths):
    """Files of `paths`, directories walked in name order without hidden
    entries (as `reel ingest` walks them)."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    for p in paths:
        if os.path.isdir(p):
            for root, dirs, files in os.walk(p, followlinks=True):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in sorted(files):
                    if not f.startswith("."):
                        yield os.path.join(root, f)
        else:
            yield p


class Store:
    """A reel store: a SQLite file or a PostgreSQL URL ("postgres://...").
    `create`: make it when there is none (else NotFound); `readonly`: never
    write (the store must exist). `model`: the sentiment model ingest predicts with (a path; None
    for none; by default the installed one, or the build tree's). Close it,
    or use it as a context manager."""

    def __init__(self, url, *, create=True, readonly=False, model=_DEFAULT):
        self._p = None
        # reads never predict: a read-only store loads no model unless told
        self._ctx = _Context(None if readonly and model is _DEFAULT else model)
        # a read-only store is never made: it must be there
        mode = _lib.STORE_READONLY if readonly else (_lib.STORE_CREATE if create else 0)
        p = c_void_p()
        self._ctx.check(_lib.store_open_mode(byref(p), self._ctx.p, os.fsencode(url), mode))
        self._p = p
        self.name = _lib.store_name(p).decode("utf-8", "replace")

    def __repr__(self):
        return f"reel.Store({self.name!r})" if self._p else "reel.Store(closed)"

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        try:
            self.close()
        except Exception:  # interpreter shutdown: the module may be gone
            pass

    def close(self):
        """Close the store (again is fine)."""
        if getattr(self, "_p", None):
            _lib.store_close(self._p)
            self._p = None
        if getattr(self, "_ctx", None):
            self._ctx.free()

    def _json(self, fn, *args):
        """Call a read that answers JSON text; its answer parsed."""
        if not self._p:
            raise Error("the store is closed", _lib.EINVAL)
        out = c_void_p()
        with self._ctx.lock:
            rc = fn(byref(out), self._p, *args)
            text = _lib.take_string(out.value)
            if rc == _lib.EAMBIGUOUS and text:
                choices = json.loads(text)
                raise Ambiguous(self._ctx.message() or "the title fits several films",
                                choices.get("films", []))
            self._ctx.check(rc)
        return json.loads(text)

    @staticmethod
    def _s(v):
        return v.encode("utf-8") if v is not None else None

    def films(self, q=None, *, sort="title", language=None, limit=None, offset=0):
        """Films (dicts: key, id, name, title, year, articles, reviews,
        critics_score, positive_share), `q` a folded substring of the title,
        sorted by "title", "score" or "reviews", only those with an article
        in `language` (ISO 639-1) when given. All of them unless `limit`."""
        films, page = [], 200
        while True:
            n = page if limit is None else min(page, limit - len(films))
            if n <= 0:
                return films
            at = offset + len(films)
            if language:
                o = self._json(_lib.store_films_language, self._s(q), self._s(sort),
                               self._s(language), n, at)
            else:
                o = self._json(_lib.store_films, self._s(q), self._s(sort), n, at)
            films.extend(o["films"])
            if not o["films"] or at + len(o["films"]) >= o["total"]:
                return films

    def film(self, title, *, limit=None, offset=None):
        """One film's report (docs/api.md): any title variant, key or id, with
        the year for a title of several films ("Dune (2021)"). With `limit`
        or `offset`, its "articles" are that page. NotFound when no film
        matches; Ambiguous (with .films) when the title fits several."""
        if limit is None and offset is None:
            return self._json(_lib.store_film, self._s(title))
        return self._json(_lib.store_film_page, self._s(title), limit or 100, offset or 0)

    def article(self, id):
        """One article's record with its clean text, by id (a SHA-256 prefix of 6+)."""
        return self._json(_lib.store_article, self._s(id))

    def search(self, q, *, limit=20, offset=0):
        """Full-text search (every word, case and accents ignored): the hits,
        best first, each with id, title, source, url, outlet, film, kind,
        snippet, highlights and rank."""
        return self._json(_lib.store_search, self._s(q), limit, offset)["hits"]

    def stats(self):
        """Counts: articles, films, backend, schema_version."""
        return self._json(_lib.store_stats)

    def ingest(self, paths, *, batch=100):
        """Read, analyse and store the articles of `paths` (files or
        directories, walked as `reel ingest` walks them), `batch` per
        transaction. Idempotent: an article already stored is left as it is.
        Returns {"articles", "added", "unchanged", "errors": [{"source",
        "message"}]}; a document that cannot be read is an error in the list,
        a store that fails raises Error (the open batch rolled back)."""
        if not self._p:
            raise Error("the store is closed", _lib.EINVAL)
        errors, pending = [], []
        seen = 0
        before = _lib.store_added(self._p)

        def note(source, message):
            errors.append({"source": source, "message": message})

        def flush():
            if not pending:
                return
            ctx = self._ctx
            ctx.check(_lib.store_begin(self._p))
            added = c_int()
            try:
                for rec in pending:
                    ctx.check(_lib.store_put_record(byref(added), self._p, rec))
            except Error:
                _lib.store_rollback(self._p)
                raise
            ctx.check(_lib.store_commit(self._p))
            pending.clear()

        with self._ctx.lock:
            for path in _walk(paths):
                try:
                    for rec in _documents(self._ctx, path, True, note):
                        pending.append(rec.encode("utf-8"))
                        seen += 1
                        if len(pending) >= batch:
                            flush()
                except Error as e:
                    if not os.path.exists(path) or e.code in (_lib.EIO, _lib.EFORMAT,
                                                               _lib.ENOTFOUND, _lib.ETOOBIG):
                        note(os.fsdecode(path), e.message)  # this file only
                    else:
                        raise
            flush()
            added = _lib.store_added(self._p) - before
        return {"articles": seen, "added": added, "unchanged": seen - added, "errors": errors,
                "model": self._ctx.model_path()}


def to_pandas(rows):
    """A pandas DataFrame of a list of dicts (Store.films(), Store.search(),
    a report's "articles" or "facts"), nested fields flattened with dots
    ("verdict.score100"). Needs pandas (Debian's python3-pandas)."""
    try:
        import pandas
    except ImportError as e:
        raise ImportError("reel.to_pandas needs pandas (apt install python3-pandas)") from e
    if isinstance(rows, dict):
        raise TypeError("reel.to_pandas takes a list of dicts (a report's 'articles', say)")
    return pandas.json_normalize(list(rows))
