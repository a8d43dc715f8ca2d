#!/usr/bin/env bash
# film_growth.sh — ingest cost as one film grows: N short reviews of ONE
# film (default 2500, 5000, 10000; FILM_SIZES to change) put by `reel
# ingest` in its default batches, each size into a new SQLite store. Prints
# the wall and CPU seconds and the CPU ms per article: flat when ingest is
# linear in its input, growing with N when every batch rebuilds the film
# from all its articles (issue 13 item 6).
#   usage: bench/film_growth.sh [BUILD_DIR]; run by bench/run.sh
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-${REEL_BUILD:-$here/build}}
REEL=${REEL_BIN:-$build/reel}
SIZES=${FILM_SIZES:-2500 5000 10000}
[ -x "$REEL" ] || { echo "film_growth: $REEL is missing; build first (make build)" >&2; exit 1; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
for n in $SIZES; do
  python3 - "$n" >"$T/in.jsonl" <<'PY'
import json, random, sys
n = int(sys.argv[1]); rnd = random.Random(n)
words = ("the film is a striking and tender portrait with moments of awkward pacing "
         "but a superb central performance that lingers long after").split()
for i in range(n):
    grade = rnd.choice(["3/4", "2/5", "8/10", "4 stars", "B+", "1.5/4"])
    body = " ".join(rnd.choice(words) for _ in range(120))
    text = (f"A review of Growing Film (2016). Rating: {grade}. {body}. "
            f"Directed by Jane Example. It runs 116 minutes.")
    print(json.dumps({"url": f"https://site{i % 37}.example.com/reviews/{i}",
                      "title": f"Growing Film review {i}", "text": text,
                      "film": "Growing Film"}))
PY
  rm -f "$T/db"*
  /usr/bin/time -f "%e %U %S" -o "$T/time" "$REEL" ingest --db "$T/db" --quiet "$T/in.jsonl" ||
    { echo "film_growth: ingest of $n failed" >&2; exit 1; }
  read -r wall user sys <"$T/time"
  size=$(stat -c %s "$T/db")
  awk -v n="$n" -v w="$wall" -v u="$user" -v s="$sys" -v sz="$size" 'BEGIN {
    printf "film_growth: %6d articles of one film: %7.1f s wall, %7.1f s cpu, %6.2f ms cpu/article, store %.0f MB\n",
      n, w, u + s, 1000 * (u + s) / n, sz / 1048576 }'
done
