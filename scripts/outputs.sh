#!/bin/bash
# outputs.sh BIN OUT — every output a behaviour-preserving change must keep
# byte-identical, written into the folder OUT: `reel extract --json` over the
# seeds, examples/, extraction-dev, articles-dev and rt-dev (../shared/data),
# then one store of examples + seeds + articles-dev and its films, each film's
# report and facts (JSON and text), the critics and the three exports.
# Compare two builds with: diff -r OUT1 OUT2. Run from the source tree.
set -e
BIN=$(readlink -f "$1"); OUT=$(readlink -f "$2"); S=$(readlink -f "${REEL_SHARED:-../shared}")
SRC=$(pwd)
rm -rf "$OUT"; mkdir -p "$OUT"
cd "$SRC"
$BIN extract --json --quiet $S/seeds/* > $OUT/seeds.jsonl 2>$OUT/seeds.err || true
$BIN extract --json --quiet examples/ > $OUT/examples.jsonl 2>$OUT/examples.err || true
$BIN extract --json --quiet $S/data/extraction-dev/html > $OUT/xdev.jsonl 2>$OUT/xdev.err || true
$BIN extract --json --quiet $S/data/articles-dev > $OUT/adev.jsonl 2>$OUT/adev.err || true
python3 bench/rt_to_jsonl.py $S/data/rt-dev > $OUT/rt.in.jsonl
$BIN extract --json --quiet $OUT/rt.in.jsonl > $OUT/rt.jsonl 2>$OUT/rt.err || true
rm $OUT/rt.in.jsonl
DB=$OUT/db.sqlite
$BIN ingest --quiet --db $DB examples/ $S/seeds $S/data/articles-dev > $OUT/ingest.out 2>&1 || true
$BIN films --json --db $DB > $OUT/films.json
$BIN films --db $DB > $OUT/films.txt
python3 - "$OUT/films.json" > $OUT/filmids <<'PY'
import json,sys
d=json.load(open(sys.argv[1]))
rows=d if isinstance(d,list) else d.get("films",d.get("items",[]))
for r in rows: print(r.get("id") or r.get("film_id"))
PY
n=0; while read id; do n=$((n+1))
  $BIN film --json --db $DB "$id" > "$OUT/film-$n.json" 2>&1 || true
  $BIN film --db $DB "$id" > "$OUT/film-$n.txt" 2>&1 || true
  $BIN facts --json --db $DB "$id" > "$OUT/facts-$n.json" 2>&1 || true
done < $OUT/filmids
$BIN critics --json --db $DB > $OUT/critics.json 2>&1 || true
for t in articles films facts; do $BIN export --db $DB $t > $OUT/export-$t 2>&1 || true; done
rm -f $DB
