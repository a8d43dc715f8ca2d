#!/usr/bin/env bash
# reception.sh — per-film share positive from reel beside Rotten Tomatoes'
# share of "fresh" rows, on ../shared/data/rt-dev, for films with >= 20
# reviews. Target: mean absolute difference <= 3 points.
set -u
RT="$REEL_SRC/../shared/data/rt-dev"
if [ ! -d "$RT" ]; then echo "SKIP: $RT is absent"; exit 0; fi
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
python3 "$REEL_SRC/bench/rt_to_jsonl.py" "$RT" > "$T/rt.jsonl"
start=$(date +%s.%N)
"$REEL_BIN" ingest --quiet --db "$T/rt.db" "$T/rt.jsonl" 2> "$T/err"
end=$(date +%s.%N)
tail -1 "$T/err"
echo "ingest: $(wc -l < "$T/rt.jsonl") lines in $(echo "$end - $start" | bc) s"
python3 - "$RT" "$T/rt.db" <<'PY'
import collections, json, sqlite3, sys
rt, db = sys.argv[1], sys.argv[2]
titles = {}
for line in open(f"{rt}/rt_movies.tsv", encoding="utf-8"):
    c = line.rstrip("\n").split("\t")
    titles[c[0]] = c[1]
fresh = collections.defaultdict(list)
for line in open(f"{rt}/rt_critics.tsv", encoding="utf-8"):
    c = line.rstrip("\n").split("\t")
    if len(c) >= 8 and (c[7] or c[5]):
        fresh[titles.get(c[0], c[0])].append(c[4] == "1")
con = sqlite3.connect(db)
rows = []
for title, flags in sorted(fresh.items()):
    if len(flags) < 20:
        continue
    r = con.execute("select report from films where title = ?", (title,)).fetchone()
    if not r:
        rows.append((title, len(flags), 100 * sum(flags) / len(flags), None, 0, 0, None))
        continue
    rep = json.loads(r[0])["reception"]
    rows.append((title, len(flags), 100 * sum(flags) / len(flags), rep["positive_share"],
                 rep["explicit"], rep["predicted"], 100 * rep["positive"] / rep["reviews_scored"]))
# identity: the films reel formed are the films of the file, one to one
# (title and year; a film the file gives no year may have one from reel)
want = set()
for line in open(f"{rt}/rt_critics.tsv", encoding="utf-8"):
    c = line.rstrip("\n").split("\t")
    if len(c) >= 8 and (c[7] or c[5]):
        want.add(c[0])
movie_year = {}
for line in open(f"{rt}/rt_movies.tsv", encoding="utf-8"):
    c = line.rstrip("\n").split("\t")
    if len(c) >= 10:
        movie_year[c[0]] = int(c[9][:4]) if c[9][:4].isdigit() else None
file_films = collections.Counter((titles[f], movie_year.get(f)) for f in want)
reel_films = collections.Counter()
for t, y in con.execute("select title, year from films"):
    reel_films[(t, y)] += 1
matched = sum(1 for k in file_films if reel_films.get(k) == 1 or
              (k[1] is None and sum(n for (t, _), n in reel_films.items() if t == k[0]) == 1))
print(f"identity: {len(file_films)} films in the file, {sum(reel_films.values())} formed by reel,"
      f" {matched} matched one to one")
print(f"{'film':40} {'rows':>5} {'fresh%':>7} {'reel%':>7} {'diff':>6} {'explicit':>8} {'predicted':>9}")
diffs, naive = [], []
for t, n, f, r, e, p, c in rows:
    d = None if r is None else r - f
    if d is not None:
        diffs.append(abs(d))
        naive.append(abs(c - f))
    print(f"{t[:40]:40} {n:5d} {f:7.1f} {'-' if r is None else f'{r:7.1f}':>7} "
          f"{'-' if d is None else f'{d:+6.1f}':>6} {e:8d} {p:9d}")
missing = sum(1 for r in rows if r[3] is None)
mad = sum(diffs) / len(diffs) if diffs else float("nan")
print(f"films: {len(rows)} (missing in reel: {missing}); mean absolute difference: {mad:.2f} points (target <= 3)")
if naive:
    print(f"anchor, the same verdicts counted at the threshold (no weighing): {sum(naive) / len(naive):.2f} points")
PY
