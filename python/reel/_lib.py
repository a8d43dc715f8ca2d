"""_lib.py — libreel loaded through ctypes, and the C functions the package
calls, declared once with their argument and result types (include/reel.h
is the reference). ctypes needs no compiler and no package beyond Python.

Where the library is looked for, first found wins:
  1. $REEL_LIB: the library file, or a directory holding libreel.so.0;
  2. beside this package (a copy of libreel.so.0 put in reel/);
  3. the system's loader: libreel.so.0 as `make install` or the Debian
     package installed it (ld.so.cache, $LD_LIBRARY_PATH);
  4. a source checkout: python/reel/ → build/libreel.so.0 of the tree.
"""
import ctypes
import ctypes.util
import os

_HERE = os.path.dirname(os.path.abspath(__file__))
SONAME = "libreel.so.0"


def _candidates():
    env = os.environ.get("REEL_LIB")
    if env:
        # asked for: that library only, never a different one found elsewhere
        if os.path.isdir(env):
            yield os.path.join(env, SONAME)
            yield os.path.join(env, "libreel.so")
        else:
            yield env
        return
    yield os.path.join(_HERE, SONAME)
    yield SONAME
    found = ctypes.util.find_library("reel")
    if found:
        yield found
    yield os.path.normpath(os.path.join(_HERE, "..", "..", "build", SONAME))


def _load():
    tried = []
    for path in _candidates():
        if os.sep in path and not os.path.exists(path):
            tried.append(path + " (no such file)")
            continue
        try:
            return ctypes.CDLL(path), path
        except OSError as e:
            tried.append(f"{path} ({e})")
    raise ImportError(
        "reel: cannot load libreel; set REEL_LIB to the library (build/libreel.so.0 "
        "after `make`) or install it with `make install`. Tried: " + "; ".join(tried))


lib, path = _load()
# the C library's free(), for the strings libreel returns (malloc'd)
libc = ctypes.CDLL(None)
libc.free.argtypes = [ctypes.c_void_p]
libc.free.restype = None


class _DlInfo(ctypes.Structure):
    _fields_ = [("dli_fname", ctypes.c_char_p), ("dli_fbase", ctypes.c_void_p),
                ("dli_sname", ctypes.c_char_p), ("dli_saddr", ctypes.c_void_p)]


def _loaded_from():
    """The file the loader took libreel from (a bare soname says nothing)."""
    try:
        info = _DlInfo()
        if libc.dladdr(ctypes.cast(lib.reel_ctx_new, ctypes.c_void_p), ctypes.byref(info)):
            return os.path.realpath(os.fsdecode(info.dli_fname))
    except (AttributeError, OSError):
        pass
    return path


path = _loaded_from()

c_int, c_char_p, c_void_p, c_size_t = ctypes.c_int, ctypes.c_char_p, ctypes.c_void_p, ctypes.c_size_t
P = ctypes.POINTER
out_ptr = P(c_void_p)  # a `T **out` parameter


def _fn(name, restype, *argtypes):
    f = getattr(lib, name)
    f.restype = restype
    f.argtypes = list(argtypes)
    return f


ctx_new = _fn("reel_ctx_new", c_int, out_ptr)
ctx_free = _fn("reel_ctx_free", None, c_void_p)
errmsg = _fn("reel_errmsg", c_char_p, c_void_p)
ctx_load_model = _fn("reel_ctx_load_model", c_int, c_void_p, c_char_p)
ctx_model_path = _fn("reel_ctx_model_path", c_char_p, c_void_p)
model_installed_path = _fn("reel_model_installed_path", c_char_p)

format_detect = _fn("reel_format_detect", c_int, c_char_p, c_size_t)
format_name = _fn("reel_format_name", c_char_p, c_int)
FORMAT_JSONL, FORMAT_WARC = 3, 4
process = _fn("reel_process", c_int, out_ptr, c_void_p, c_char_p, c_size_t, c_char_p, c_int)
clean = _fn("reel_clean", c_int, c_void_p, c_void_p)
segment = _fn("reel_segment", c_int, c_void_p, c_void_p)
analyze = _fn("reel_analyze", c_int, c_void_p, c_void_p)
doc_free = _fn("reel_doc_free", None, c_void_p)
record_to_json = _fn("reel_record_to_json", c_int, out_ptr, c_void_p, c_void_p, c_int)

reader_open = _fn("reel_reader_open", c_int, out_ptr, c_void_p, c_char_p)
reader_next = _fn("reel_reader_next", c_int, out_ptr, c_void_p)
reader_skipped = _fn("reel_reader_skipped", c_size_t, c_void_p)
reader_free = _fn("reel_reader_free", None, c_void_p)

store_open_mode = _fn("reel_store_open_mode", c_int, out_ptr, c_void_p, c_char_p, c_int)
store_close = _fn("reel_store_close", None, c_void_p)
store_name = _fn("reel_store_name", c_char_p, c_void_p)
store_begin = _fn("reel_store_begin", c_int, c_void_p)
store_commit = _fn("reel_store_commit", c_int, c_void_p)
store_rollback = _fn("reel_store_rollback", c_int, c_void_p)
store_put_record = _fn("reel_store_put_record", c_int, P(c_int), c_void_p, c_char_p)
store_added = _fn("reel_store_added", ctypes.c_long, c_void_p)
store_films = _fn("reel_store_films", c_int, out_ptr, c_void_p, c_char_p, c_char_p, c_int, c_int)
store_films_language = _fn("reel_store_films_language", c_int, out_ptr, c_void_p, c_char_p,
                           c_char_p, c_char_p, c_int, c_int)
store_film = _fn("reel_store_film", c_int, out_ptr, c_void_p, c_char_p)
store_film_page = _fn("reel_store_film_page", c_int, out_ptr, c_void_p, c_char_p, c_int, c_int)
store_article = _fn("reel_store_article", c_int, out_ptr, c_void_p, c_char_p)
store_search = _fn("reel_store_search", c_int, out_ptr, c_void_p, c_char_p, c_int, c_int)
store_stats = _fn("reel_store_stats", c_int, out_ptr, c_void_p)

# error codes (include/reel.h)
ENOMEM, EIO, EFORMAT, ENOTFOUND, EDB, EMODEL, EINVAL = -1, -2, -3, -4, -5, -6, -7
ETOOBIG, ESCHEMA, EDONE, EBUSY, EAMBIGUOUS = -8, -9, -10, -11, -12
STORE_CREATE, STORE_READONLY = 1, 2


def take_string(p):
    """The text of a malloc'd C string from libreel, freed."""
    if not p:
        return None
    try:
        return ctypes.string_at(p).decode("utf-8")
    finally:
        libc.free(p)


def model_beside_library():
    """models/sentiment.model of the source tree when the library is a build
    tree's (build/libreel.so.0 → models/), as the command finds it; else None."""
    d = os.path.dirname(os.path.realpath(path))
    for rel in ("../models/sentiment.model", "../../models/sentiment.model"):
        m = os.path.normpath(os.path.join(d, rel))
        if os.path.isfile(m):
            return m
    return None
