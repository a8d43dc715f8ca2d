#!/usr/bin/env bash
# ingest_growth.sh — ingest cost per article at 10k, 30k and 100k articles
# (rt-dev critic rows repeated with new URLs: bench/rt_to_jsonl.py), all
# into ONE film and spread over rt-dev's films, each into a new SQLite
# store by `reel ingest` in its default batches of 100, --no-model. Beside
# it the anchor: reel at 831bbbb (the last that rebuilt a film from all its
# articles at every batch), built here from git, or $REEL_ANCHOR. CPU ms
# per article (user + sys; the wall clock of a shared machine says little):
# linear ingest keeps it flat as N grows (issue 13: within 20%). The
# anchor's one-film run stops at 30k (it is quadratic: 100k would take
# about half an hour). Sizes: INGEST_SIZES.
#   usage: bench/ingest_growth.sh [BUILD_DIR]; run by bench/run.sh
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-${REEL_BUILD:-$here/build}}
REEL=${REEL_BIN:-$build/reel}
RT="$here/../shared/data/rt-dev"
SIZES=${INGEST_SIZES:-10000 30000 100000}
ANCHOR_REV=${REEL_ANCHOR_REV:-831bbbb}
ANCHOR_ONE_MAX=${ANCHOR_ONE_MAX:-30000}
[ -x "$REEL" ] || { echo "ingest_growth: $REEL is missing; build first" >&2; exit 1; }
[ -d "$RT" ] || { echo "ingest_growth: skipped ($RT is missing)"; exit 0; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

ANCHOR=${REEL_ANCHOR:-}
if [ -z "$ANCHOR" ]; then
  # the anchor from git, built as reel builds (a minute or two)
  if git -C "$here" archive "$ANCHOR_REV" 2>/dev/null | tar -x -C "$T" --one-top-level=anchor &&
    cmake -S "$T/anchor" -B "$T/anchor/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null &&
    cmake --build "$T/anchor/build" -j2 --target reel_cli >/dev/null 2>&1; then
    ANCHOR="$T/anchor/build/reel"
  else
    echo "ingest_growth: cannot build the anchor $ANCHOR_REV; reel alone" >&2
  fi
fi

python3 "$here/bench/rt_to_jsonl.py" "$RT" >"$T/rt.jsonl"
# one run: prints "cpu_seconds"
run() { # BIN INPUT
  rm -f "$T/db" "$T/db-wal" "$T/db-shm"
  /usr/bin/time -f "%U %S" -o "$T/time" "$1" ingest --db "$T/db" --quiet --no-model "$2" ||
    { echo "ingest_growth: $1 failed on $2" >&2; return 1; }
  awk '{ print $1 + $2 }' "$T/time"
}
ms() { awk -v s="$1" -v n="$2" 'BEGIN { if (s == "") print "-"; else printf "%.3f", 1000 * s / n }'; }

printf 'ingest_growth: CPU ms per article (reel ingest, batches of 100, --no-model)\n'
printf '  %8s  %-12s %10s %10s\n' articles films reel "$ANCHOR_REV"
declare -A first last
for n in $SIZES; do
  for layout in one many; do
    python3 - "$T/rt.jsonl" "$n" "$layout" >"$T/in.jsonl" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
n, one = int(sys.argv[2]), sys.argv[3] == "one"
out = sys.stdout
for i in range(n):
    r = dict(rows[i % len(rows)], url=f"https://bench.example.org/{i}")
    if one:
        r["film"], r["year"] = "Growing Film", 2016
    out.write(json.dumps(r, ensure_ascii=False) + "\n")
PY
    ours=$(run "$REEL" "$T/in.jsonl") || exit 1
    theirs=
    if [ -n "$ANCHOR" ] && { [ "$layout" = many ] || [ "$n" -le "$ANCHOR_ONE_MAX" ]; }; then
      theirs=$(run "$ANCHOR" "$T/in.jsonl") || exit 1
    fi
    m=$(ms "$ours" "$n")
    [ -n "${first[$layout]:-}" ] || first[$layout]=$m
    printf '  %8d  %-12s %10s %10s\n' "$n" "$layout" "$m" "$(ms "$theirs" "$n")"
    last[$layout]=$m
  done
done
for layout in one many; do
  awk -v a="${first[$layout]}" -v b="${last[$layout]}" -v l="$layout" 'BEGIN {
    printf "ingest_growth: %s film%s: reel per article, largest / smallest size: %.2f (flat within 20%%: %s)\n",
      l, l == "one" ? "" : "s", b / a, (b / a <= 1.2 && b / a >= 0.8) ? "yes" : "NO" }'
done
