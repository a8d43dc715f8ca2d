#!/usr/bin/env bash
# python.sh — the reel Python package (python/) with Debian's python3 and
# pytest: once imported from the source tree over this build's libreel
# ($REEL_LIB), once `pip install`ed into a fresh venv (offline: Debian's
# setuptools, no build isolation) and imported from there, the library found
# by the system loader ($LD_LIBRARY_PATH). Each run also stores examples/ in
# PostgreSQL (a server started here, tests/pg/lib.sh) and compares. Under the sanitizers the
# library needs ASan loaded first: it is preloaded, leaks not checked
# (Python's own allocations are not ours).
set -u
src=${REEL_SRC:-$(cd "$(dirname "$0")/.." && pwd)}
bin=${REEL_BIN:-$src/build/reel}
build=${REEL_BUILD:-$(dirname "$bin")}
py=/usr/bin/python3
[ -x "$py" ] || { echo "FAIL: $py is missing (make check installs python3)"; exit 1; }
"$py" -c 'import pytest' 2>/dev/null || { echo "FAIL: python3-pytest is missing (make check installs it)"; exit 1; }
"$py" -c 'import ensurepip, venv' 2>/dev/null || { echo "FAIL: python3-venv is missing (make check installs it)"; exit 1; }
[ -e "$build/libreel.so.0" ] || { echo "FAIL: $build/libreel.so.0 is missing (build the reel target)"; exit 1; }
# what the tests run under: the sanitizer runtime first when the library
# was built with it (python3 itself is not), never preloaded into venv or pip
san=()
if [ -n "${REEL_SANITIZED:-}" ]; then
  preload=
  for l in asan ubsan; do
    f=$(${CC:-cc} -print-file-name=lib$l.so)
    [ -e "$f" ] && preload="$preload $f"
  done
  san=(env "LD_PRELOAD=${preload# }" "ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0")
fi
tmp=$(mktemp -d)
. "$src/tests/pg/lib.sh"
trap 'pg_stop; rm -rf "$tmp"' EXIT
# a PostgreSQL server for the Store over postgres:// (no server: a loud FAIL)
pg_start || { echo "python: FAIL — the Python package over PostgreSQL is untested"; exit 1; }
export REEL_SRC="$src" REEL_BIN="$bin" PYTHONDONTWRITEBYTECODE=1
fail=0

echo "== from the source tree (REEL_LIB=$build)"
pg=$(pg_newdb py_tree) || exit 1
(cd "$tmp" && REEL_PG_URL="$pg" REEL_LIB="$build" PYTHONPATH="$src/python" "${san[@]}" "$py" -m pytest -q -p no:cacheprovider "$src/python/tests") || fail=1

echo "== pip install ./python into a venv"
# a copy: pip builds in the tree it is given, and two builds may run at once
cp -r "$src/python" "$tmp/python"
# the venv sees Debian's pip, setuptools and pytest (--system-site-packages):
# nothing is downloaded, and pip inside a venv installs into it
"$py" -m venv --system-site-packages --without-pip "$tmp/venv" || { echo "FAIL: python3 -m venv"; exit 1; }
if ! "$tmp/venv/bin/python" -m pip install --quiet --no-build-isolation --no-index --no-deps "$tmp/python" >"$tmp/pip.log" 2>&1; then
  cat "$tmp/pip.log"; echo "FAIL: pip install ./python"; exit 1
fi
rm -rf "$tmp/python"
where=$(cd "$tmp" && "$tmp/venv/bin/python" -c 'import importlib.util as u; print(u.find_spec("reel").origin)' 2>&1)
case "$where" in "$tmp/venv/"*) ;; *) echo "FAIL: the venv imports reel from $where, not from itself"; exit 1 ;; esac
pg=$(pg_newdb py_venv) || exit 1
(cd "$tmp" && REEL_PG_URL="$pg" LD_LIBRARY_PATH="$build${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" "${san[@]}" "$tmp/venv/bin/python" -m pytest -q -p no:cacheprovider "$src/python/tests") || fail=1
exit $fail
