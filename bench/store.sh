#!/usr/bin/env bash
# store.sh — records/s into SQLite and PostgreSQL side by side, same corpus,
# same run: `reel ingest` by one process and by two at once (a team's
# writers), and `reel migrate` (records already analyzed: the store's own
# write path). The corpus is examples/ replicated with varied bytes and film
# titles (ARTICLES, default 3000). PostgreSQL is a temporary local server
# (tests/pg/start.sh) with fsync on and synchronous_commit off, the nearest
# match to SQLite's WAL with synchronous=NORMAL.
#   usage: bench/store.sh [BUILD_DIR]; run by bench/run.sh
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-${REEL_BUILD:-$here/build}}
REEL=${REEL_BIN:-$build/reel}
N=${ARTICLES:-3000}
[ -x "$REEL" ] || { echo "store: $REEL is missing; build first (make build)" >&2; exit 1; }
T=$(mktemp -d)
. "$here/tests/pg/lib.sh"
trap 'pg_stop; rm -rf "$T"' EXIT
pg_start "-c fsync=on -c full_page_writes=on -c synchronous_commit=off" || exit 1
BASE=$PGBASE
newdb() { pg_newdb "$@"; }

# the corpus: copy k of every example names its films "<title> k"
python3 - "$here" "$T/in" "$N" <<'PY'
import json, os, sys
src, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
expected = json.load(open(os.path.join(src, "tests/data/examples.expected.json")))
titles = sorted({e["film"] for e in expected if e.get("film")}, key=len, reverse=True)
files = sorted(os.listdir(os.path.join(src, "examples")))
os.makedirs(out)
k = 0
while k * len(files) < n:
    for f in files:
        if k * len(files) + files.index(f) >= n:
            break
        # bytes as they are (one example is windows-1252): latin-1 keeps them
        text = open(os.path.join(src, "examples", f), encoding="latin-1").read()
        for t in titles:
            text = text.replace(t, f"{t} {k + 1}")
        # each copy its own page: a canonical URL names one article
        text = text.replace(".example/", f".example/copy{k}/")
        d = os.path.join(out, f"{k // 100:03d}")
        os.makedirs(d, exist_ok=True)
        name, ext = os.path.splitext(f)
        with open(os.path.join(d, f"{name}-{k:05d}{ext}"), "w", encoding="latin-1") as o:
            o.write(text)
    k += 1
PY
[ $? = 0 ] || { echo "store: FAIL — could not write the corpus"; exit 1; }
dirs=("$T"/in/*)
half=$(( ${#dirs[@]} / 2 ))
mb=$(du -sm "$T/in" | cut -f1)

now() { date +%s.%N; }
rate() { python3 -c "import sys; print(f'{int(sys.argv[1]) / (float(sys.argv[3]) - float(sys.argv[2])):8.0f}')" "$@"; }
count() { # STORE
  case "$1" in postgres*) psql -X -tA "$1" -c "select count(*) from articles" ;;
    *) sqlite3 "$1" "select count(*) from articles" ;; esac
}

run_all() { # LABEL STORE1 STORE2 STORE3
  local label=$1 one=$2 two=$3 copy=$4 t0 t1 n
  t0=$(now); nice -n 10 "$REEL" ingest --quiet --db "$one" "$T/in" 2> /dev/null; t1=$(now)
  n=$(count "$one"); local r1; r1=$(rate "$n" "$t0" "$t1")
  "$REEL" load --db "$two" < /dev/null > /dev/null 2>&1 # the schema first
  t0=$(now)
  nice -n 10 "$REEL" ingest --quiet --db "$two" "${dirs[@]:0:$half}" 2> /dev/null &
  nice -n 10 "$REEL" ingest --quiet --db "$two" "${dirs[@]:$half}" 2> /dev/null &
  wait; t1=$(now)
  local n2; n2=$(count "$two"); local r2; r2=$(rate "$n2" "$t0" "$t1")
  t0=$(now); nice -n 10 "$REEL" migrate --from "$T/ref.db" --to "$copy" 2> /dev/null; t1=$(now)
  local n3; n3=$(count "$copy"); local r3; r3=$(rate "$n3" "$t0" "$t1")
  printf "%-34s %8s %8s %8s   %s/%s/%s\n" "$label" "$r1" "$r2" "$r3" "$n" "$n2" "$n3"
}

"$REEL" ingest --quiet --db "$T/ref.db" "$T/in" 2> /dev/null # the source of the copies
echo "corpus: $(find "$T/in" -type f | wc -l) articles, $mb MB (examples/ with varied titles), batches of 100"
printf "%-34s %8s %8s %8s   %s\n" "records/s" "ingest" "ingest×2" "migrate" "articles stored"
run_all "SQLite (WAL, synchronous=NORMAL)" "$T/a.db" "$T/b.db" "$T/c.db"
run_all "PostgreSQL $(psql -X -tA "$BASE/postgres" -c 'show server_version' | cut -d' ' -f1) (local, TCP)" \
  "$(newdb a)" "$(newdb b)" "$(newdb c)"
echo "ingest: reel ingest, one process; ingest×2: two processes at once on halves of the corpus;"
echo "migrate: reel migrate of the stored records (no analysis). Same machine, same run, $(nproc) cores."
