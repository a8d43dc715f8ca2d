#!/usr/bin/env bash
# scale.sh — a sharded run for real with GNU parallel: a JSON-lines corpus
# (examples/, and the seeds when ../shared is there) is piped through 4
# `reel extract` workers, the per-film partials are merged (in any order,
# and sorted as a Hadoop reducer sees them), records and partials loaded
# into a fresh database; every film report must be byte-identical to one
# `reel ingest` of the same corpus, and to `reel merge --report`.
set -u
REEL=${REEL_BIN:?REEL_BIN not set}
SRC=${REEL_SRC:?REEL_SRC not set}
command -v parallel >/dev/null || { echo "FAIL: GNU parallel is not installed (apt-get install parallel)"; exit 1; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export LC_ALL=C # byte order, as Hadoop sorts keys
fails=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fails=$((fails + 1)); }
check() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }

# ---- the corpus: each article three times under different URLs, so films
# have articles in several shards, and a few pages crawled again later with
# a paragraph added (a changed version of the same URL: it replaces the
# first, in one ingest and in the merged partials alike) ------------------
inputs=("$SRC"/examples/*.txt "$SRC"/examples/*.html)
if [ -d "$SRC/../shared/seeds" ]; then
  inputs+=("$SRC"/../shared/seeds/*.txt)
else
  echo "note: ../shared is absent; the corpus is examples/ only"
fi
python3 - "$T/corpus.jsonl" "${inputs[@]}" <<'PY'
import json, os, sys
out = open(sys.argv[1], "w")
for copy in range(3):
    for path in sys.argv[2:]:
        body = open(path, encoding="utf-8", errors="replace").read()
        name = os.path.basename(path)
        line = {"url": f"https://shard.example/{copy}/{name}", "date": "2020-01-01",
                "html" if name.endswith(".html") else "text": body}
        out.write(json.dumps(line, ensure_ascii=False) + "\n")
# a remake: two films of one title, told apart by year
for copy in range(3):
    for year, who, score in ((1984, "David Lynch", "2/5"), (2021, "Denis Villeneuve", "4.5/5")):
        text = f"{who}'s Dune, reviewed for copy {copy}. A film of sand and spice. Rating: {score}"
        out.write(json.dumps({"url": f"https://shard.example/{copy}/dune-{year}", "date": "2020-01-01",
                              "film": "Dune", "year": year, "kind": "review", "text": text}) + "\n")
# the re-crawls: the first three pages of copy 0, visited again a month on
for path in sys.argv[2:5]:
    body = open(path, encoding="utf-8", errors="replace").read()
    name = os.path.basename(path)
    if name.endswith(".html"):
        body = body.replace("</body>", "<p>Updated: a paragraph added on a later visit.</p></body>")
    else:
        body += "\n\nUpdated: a paragraph added on a later visit.\n"
    line = {"url": f"https://shard.example/0/{name}", "date": "2020-02-01",
            "html" if name.endswith(".html") else "text": body}
    out.write(json.dumps(line, ensure_ascii=False) + "\n")
PY
n=$(wc -l < "$T/corpus.jsonl")
recrawled=3
current=$((n - recrawled))
echo "corpus: $n articles ($recrawled of them a later version of another)"

# ---- one process ------------------------------------------------------------
"$REEL" ingest --quiet --db "$T/single.db" "$T/corpus.jsonl" 2> "$T/ingest.err"
check "single ingest exits 0" '[ $? = 0 ]'
"$REEL" extract --quiet < "$T/corpus.jsonl" > "$T/single.records" 2>/dev/null

# ---- four workers ---------------------------------------------------------------
# -N 4: four articles per job, so the 4 workers get many jobs each
parallel --pipe -N 4 -j 4 "$REEL" extract --quiet < "$T/corpus.jsonl" > "$T/records.jsonl" 2> "$T/extract.err"
check "parallel extract exits 0" '[ $? = 0 ]'
check "sharded records = single records (as a set)" \
  'cmp -s <(sort "$T/records.jsonl") <(sort "$T/single.records")'
parallel --pipe -N 4 -j 4 "$REEL" extract --quiet --partials < "$T/corpus.jsonl" > "$T/partials.tsv" 2>>"$T/extract.err"
check "parallel extract --partials exits 0" '[ $? = 0 ]'
check "partial lines are KEY<TAB>JSON" '[ "$(grep -cvP "^[^\t]+\t\{" "$T/partials.tsv")" = 0 ]'

# merge: in any order, and sorted by key with --sorted (a Hadoop reducer's view)
"$REEL" merge --quiet "$T/partials.tsv" > "$T/merged.tsv"
check "merge exits 0" '[ $? = 0 ]'
shuf "$T/partials.tsv" | "$REEL" merge --quiet > "$T/merged-shuf.tsv"
check "merge of shuffled partials is identical" 'cmp -s "$T/merged.tsv" "$T/merged-shuf.tsv"'
sort -t "$(printf '\t')" -k1,1 "$T/partials.tsv" | "$REEL" merge --quiet --sorted > "$T/merged-sorted.tsv"
check "merge --sorted of key-sorted partials is identical" 'cmp -s "$T/merged.tsv" "$T/merged-sorted.tsv"'
# merge of merges (a combiner per shard, then a reducer): associativity
split -n l/3 "$T/partials.tsv" "$T/part-"
for p in "$T"/part-*; do "$REEL" merge --quiet "$p" > "$p.m"; done
cat "$T"/part-*.m | "$REEL" merge --quiet > "$T/merged-twice.tsv"
check "merging merged shards is identical" 'cmp -s "$T/merged.tsv" "$T/merged-twice.tsv"'
"$REEL" merge --quiet --sorted "$T/partials.tsv" > /dev/null 2> "$T/e"
check "merge --sorted refuses unsorted input" '[ $? = 1 ] && grep -q "not sorted" "$T/e"'

# load the records and the merged partials into a fresh database
"$REEL" load --db "$T/sharded.db" --batch 7 --json "$T/records.jsonl" "$T/merged.tsv" > "$T/load.json" 2> "$T/load.err"
rc=$?
cat "$T/load.json"
check "load exits 0 (every partial matches the store)" '[ $rc = 0 ]'
check "load added every article" "grep -q '\"records\":$n,' \"\$T/load.json\""
check "the store holds one version of each page ($current)" '[ "$(sqlite3 "$T/sharded.db" "select count(*) from articles")" = $current ] && [ "$(sqlite3 "$T/single.db" "select count(*) from articles")" = $current ]'
check "the re-crawled versions are current, the first ones kept as versions" '[ "$(sqlite3 "$T/sharded.db" "select count(*) from articles where date = \"2020-02-01\"")" = $recrawled ] && [ "$(sqlite3 "$T/sharded.db" "select count(*) from article_versions")" = $recrawled ]'

"$REEL" load --db "$T/sharded.db" --json "$T/records.jsonl" > "$T/load2.json" 2>/dev/null
check "a second load adds nothing" "grep -q '\"added\":0,' \"\$T/load2.json\""

# ---- the same film reports --------------------------------------------------------
"$REEL" films --db "$T/single.db" --json --limit 100000 > "$T/films.json"
python3 -c '
import json, sys
for f in json.load(open(sys.argv[1]))["films"]: print(f["id"])' "$T/films.json" > "$T/keys"
nf=$(wc -l < "$T/keys")
check "the corpus has films ($nf)" '[ "$nf" -ge 6 ]'
check "the remake is two films" 'grep -qx "dune (1984)" "$T/keys" && grep -qx "dune (2021)" "$T/keys"'
"$REEL" merge --quiet --report "$T/merged.tsv" | python3 -c '
import json, sys
for line in sys.stdin: print(json.loads(line)["film"]["id"])' | sort > "$T/merged-ids"
check "merge found the same films" '[ "$(cat "$T/merged-ids")" = "$(sort "$T/keys")" ]'
"$REEL" merge --quiet --report "$T/merged.tsv" > "$T/reports.jsonl"
same=0
while IFS= read -r key; do
  "$REEL" film --db "$T/single.db" --json "$key" > "$T/a.json"
  "$REEL" film --db "$T/sharded.db" --json "$key" > "$T/b.json"
  if cmp -s "$T/a.json" "$T/b.json" && grep -qFx -f "$T/a.json" "$T/reports.jsonl"; then
    same=$((same + 1))
  else
    bad "film '$key': sharded report differs from the single run"
    diff <(tr ',' '\n' < "$T/a.json") <(tr ',' '\n' < "$T/b.json") | head -n 10
  fi
done < "$T/keys"
check "all $nf film reports byte-identical (single ingest = sharded load = merge --report)" '[ $same = $nf ]'
"$REEL" films --db "$T/sharded.db" --json --limit 100000 > "$T/films2.json"
check "film lists identical" 'cmp -s "$T/films.json" "$T/films2.json"'

# a stale partial (from a smaller run) is named by load, and load says so
head -n 1 "$T/partials.tsv" > "$T/stale.tsv"
"$REEL" load --db "$T/sharded.db" "$T/stale.tsv" 2> "$T/e"
check "load names a partial that differs from the store (exit 3)" '[ $? = 3 ] && grep -q "differs" "$T/e"'
printf 'not json\n{"neither":1}\n' | "$REEL" load --db "$T/sharded.db" 2> "$T/e"
check "load: bad lines are errors for those lines (exit 3)" '[ $? = 3 ] && [ "$(grep -c "line [12]:" "$T/e")" = 2 ]'

[ $fails = 0 ] && echo "all scale checks passed" || echo "$fails scale checks failed"
exit $((fails > 0))
