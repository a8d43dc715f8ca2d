#!/usr/bin/env bash
# cli.sh — the `reel` command end to end: bad input in one ingest run (each
# bad file one clear line, the good ones in, no crash or hang), idempotent
# re-ingest, a SIGKILL mid-ingest leaving a consistent database that a re-run
# completes, and the seeds under one film (skipped when ../shared is absent).
set -u
REEL=${REEL_BIN:?REEL_BIN not set}
SRC=${REEL_SRC:?REEL_SRC not set}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fails=$((fails + 1)); }
check() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }

# ---- bad input in one run ------------------------------------------------
mkdir -p "$T/in/sub"
printf 'Parasite review\n\nBong Joon-ho'"'"'s Parasite is a brilliant film about class.\n' > "$T/in/good1.txt"
printf '<html><body><h1>Review: Parasite</h1><p>Parasite is a superb, savage comedy by Bong Joon-ho and it is great.</p></body></html>' > "$T/in/good2.html"
: > "$T/in/empty.txt"
# random bytes, but starting with "{" as a JSON line would: still binary
{ printf '{'; head -c 4095 /dev/urandom; } > "$T/in/binary.bin"
printf '\xff\xfe\xfd\x80\x81 broken \xc3\x28 bytes \xe2\x82 everywhere\n' > "$T/in/invalid.txt"
python3 -c "
import sys
sys.stdout.write('<div>' * 100000 + 'deep text about Parasite' + '</div>' * 100000)" > "$T/in/deep.html"
# 50 MB; 8 MB under the sanitizers, which run ten times slower
BIG_MB=50
[ -n "${REEL_SANITIZED:-}" ] && BIG_MB=8
python3 -c "
import sys
p = 'Parasite is a film. ' * 50 + '\n\n'
sys.stdout.write(p * ($BIG_MB * 1024 * 1024 // len(p) + 1))" > "$T/in/big.txt"
if [ "$(id -u)" = 0 ]; then ln -s /proc/self/mem "$T/in/unreadable.txt"; else
  echo secret > "$T/in/unreadable.txt"; chmod 000 "$T/in/unreadable.txt"; fi
ln -s .. "$T/in/sub/loop"
DB="$T/a.db"
timeout 300 "$REEL" ingest --db "$DB" "$T/in" > "$T/out" 2> "$T/err"
rc=$?
cat "$T/err"
check "bad-input run exits 3 (partial)" '[ $rc = 3 ]'
check "empty file named" 'grep -q "empty.txt: empty file" "$T/err"'
check "binary file named" 'grep -q "binary.bin: binary data" "$T/err"'
check "unreadable file named" 'grep -q "unreadable.txt" "$T/err"'
check "directory loop named" 'grep -q "loop: directory loop" "$T/err"'
check "$BIG_MB MB file goes in" '[ "$(sqlite3 "$DB" "select count(*) from articles where source like \"%big.txt\"")" = 1 ]'
check "deep HTML goes in or is named" 'grep -q "deep.html" "$T/err" || [ "$(sqlite3 "$DB" "select count(*) from articles where source like \"%deep.html\"")" = 1 ]'
check "no crash" '! grep -qi "sanitizer\|segmentation\|abort" "$T/err"'
n=$(sqlite3 "$DB" "select count(*) from articles")
check "good files in (good1, good2, invalid repaired, big) >= 4, got $n" '[ "$n" -ge 4 ]'
check "integrity" '[ "$(sqlite3 "$DB" "pragma integrity_check")" = ok ]'

# ---- idempotent ----------------------------------------------------------
"$REEL" ingest --db "$DB" --json "$T/in/good1.txt" "$T/in/good2.html" > "$T/j" 2>/dev/null
check "re-ingest adds nothing" 'grep -q "\"added\":0" "$T/j"'
"$REEL" film --db "$DB" Parasite > "$T/film" || bad "film Parasite"
check "film report names the film" 'grep -q "^Parasite" "$T/film"'
"$REEL" facts --db "$DB" Parasite --conflicts > "$T/fc"
check "facts --conflicts names what it lists (facts in dispute)" 'grep -q "in dispute" "$T/fc"'
"$REEL" film --db "$DB" "No Such Film" 2> "$T/e"; rc=$?
check "unknown film exits 4 with a message" '[ $rc = 4 ] && grep -q "no film" "$T/e"'
"$REEL" search --db "$DB" --json "bong joon ho" > "$T/s"
check "search finds accent-free" 'grep -q "\"total\":2" "$T/s"'
"$REEL" bogus 2>/dev/null; check "unknown command exits 2" '[ $? = 2 ]'
for c in ingest extract films film facts article search train merge load migrate serve; do
  "$REEL" "$c" --help > "$T/h" 2>&1; rc=$?
  check "reel $c --help: usage on stdout, exit 0" '[ $rc = 0 ] && grep -q "^usage: reel $c" "$T/h"'
done
"$REEL" help film > "$T/h" 2>&1; check "reel help film = reel film --help" 'grep -q "^usage: reel film TITLE" "$T/h"'
"$REEL" ingest --db "$T/new.db" "$T/missing-file" 2> "$T/e"; rc=$?
check "missing file: exit 1 and named" '[ $rc = 1 ] && grep -q "missing-file" "$T/e"'
echo "not a database at all, just some text......................................" > "$T/notdb"
"$REEL" films --db "$T/notdb" 2> "$T/e"; rc=$?
check "not a database: one line, exit 1" '[ $rc = 1 ] && [ $(wc -l < "$T/e") = 1 ]'

# ---- killed mid-ingest -----------------------------------------------------
mkdir -p "$T/many"
python3 - "$T/many" <<'PY'
import sys
body = "It is a good film with a long, slow middle and a fine cast. " * 1500
for i in range(1, 401):
    with open(f"{sys.argv[1]}/a{i}.txt", "w") as f:
        f.write(f"Review: Film Number {i}\n\nFilm Number {i} opens today. {body}\n")
PY
KDB="$T/k.db"
"$REEL" ingest --db "$KDB" --batch 5 "$T/many" 2>/dev/null &
pid=$!
for _ in $(seq 1 200); do
  c=$(sqlite3 "$KDB" "select count(*) from articles" 2>/dev/null || echo 0)
  [ "${c:-0}" -ge 20 ] && break
  sleep 0.05
done
kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
before=$(sqlite3 "$KDB" "select count(*) from articles")
check "killed run stopped part way ($before of 400)" '[ "$before" -lt 400 ]'
check "integrity after SIGKILL" '[ "$(sqlite3 "$KDB" "pragma integrity_check")" = ok ]'
check "every stored article has its film" '[ "$(sqlite3 "$KDB" "select count(*) from articles a where film_key is not null and not exists (select 1 from films f where f.key=a.film_key)")" = 0 ]'
"$REEL" ingest --db "$KDB" "$T/many" 2>/dev/null
after=$(sqlite3 "$KDB" "select count(*) from articles")
check "re-run completes: 400 articles, got $after" '[ "$after" = 400 ]'

# ---- identity: remakes, versions, delete, a schema-1 store -------------------
cat > "$T/dune.jsonl" <<'JL'
{"url":"https://a.example/dune","film":"Dune","year":1984,"kind":"review","text":"David Lynch's Dune is a muddle of a film. Kyle MacLachlan stars as Paul Atreides. Rating: 2/5"}
{"url":"https://b.example/dune","film":"Dune","year":2021,"kind":"review","text":"Denis Villeneuve's Dune is a triumph. Timothee Chalamet stars as Paul Atreides. Rating: 4.5/5"}
{"url":"https://c.example/dune","film":"Dune","kind":"review","text":"Dune, directed by Denis Villeneuve, is a grand spectacle of sand and sound. Rating: 4/5"}
JL
IDB="$T/ident.db"
"$REEL" ingest --quiet --db "$IDB" "$T/dune.jsonl" 2>/dev/null
"$REEL" film --db "$IDB" Dune > "$T/o" 2> "$T/e"
check "identity: a bare title of two films lists them (exit 5)" '[ $? = 5 ] && grep -q "^Dune (1984)" "$T/o" && grep -q "^Dune (2021)" "$T/o"'
"$REEL" film --db "$IDB" --json Dune > "$T/o" 2>/dev/null
check "identity: --json lists them as JSON" 'python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert [f[\"name\"] for f in d[\"films\"]]==[\"Dune (1984)\",\"Dune (2021)\"]" "$T/o"'
"$REEL" film --db "$IDB" --json "Dune (2021)" > "$T/o" 2>/dev/null
check "identity: 'Dune (2021)' is the 2021 film, with the article its director places" 'python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d[\"film\"][\"year\"]==2021 and d[\"counts\"][\"articles\"]==2, d[\"counts\"]" "$T/o"'
"$REEL" film --db "$IDB" "Dune (2020)" > /dev/null 2>&1
check "identity: a year that is neither film finds none (exit 4)" '[ $? = 4 ]'
printf '<html><head><link rel="canonical" href="https://e.example/parasite"><title>Parasite review</title></head><body><p>Bong Joon-ho'"'"'s Parasite is a savage satire. Rating: 4/5</p></body></html>' > "$T/p1.html"
sed 's/savage satire/savage satire, and a paragraph added later about its stairs/' "$T/p1.html" > "$T/p2.html"
"$REEL" ingest --quiet --db "$IDB" "$T/p1.html" "$T/p2.html" 2>/dev/null
"$REEL" ingest --quiet --db "$IDB" "$T/p2.html" 2>/dev/null
"$REEL" film --db "$IDB" --json Parasite > "$T/o" 2>/dev/null
check "identity: a changed page replaces the earlier version (1 article)" 'python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d[\"counts\"][\"articles\"]==1" "$T/o"'
PID=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["articles"][0]["id"])' "$T/o")
"$REEL" article --db "$IDB" --versions "$PID" > "$T/o" 2>/dev/null
check "identity: article --versions shows both, the current marked" '[ $? = 0 ] && [ "$(grep -c "stored" "$T/o")" = 2 ] && grep -q "(current)" "$T/o"'
"$REEL" delete --db "$IDB" --url https://e.example/parasite > /dev/null 2>&1
check "identity: delete --url removes it" '[ $? = 0 ]'
"$REEL" film --db "$IDB" Parasite > /dev/null 2>&1
check "identity: its film is gone with it (exit 4)" '[ $? = 4 ]'
"$REEL" catalog import --db "$IDB" "$SRC/tests/data/catalog/films.tsv" > /dev/null 2>&1
check "identity: catalog import exits 0" '[ $? = 0 ]'
"$REEL" film --db "$IDB" --json "Dune (1984)" > "$T/o" 2>/dev/null
check "identity: with the catalog, Dune (1984) carries its ids" 'python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d[\"film\"][\"catalog\"][\"ids\"]==[\"tt0087182\",\"Q193639\"], d[\"film\"]" "$T/o"'
printf 'not	a catalog\n' > "$T/bad.tsv"
"$REEL" catalog import --db "$IDB" "$T/bad.tsv" > /dev/null 2> "$T/e"
check "identity: a file that is no catalog is refused, named" '[ $? = 1 ] && grep -q "bad.tsv" "$T/e"'
cp "$SRC/tests/data/store-v1.sqlite" "$T/v1.db"
"$REEL" films --db "$T/v1.db" --json > "$T/o" 2>/dev/null
check "identity: a store written by reel 54cc6e6 opens, migrated, with its 4 films" 'python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d[\"total\"]==4" "$T/o" && [ "$(sqlite3 "$T/v1.db" "select count(*) from articles")" = 12 ]'

# ---- the seeds -------------------------------------------------------------
if [ -d "$SRC/../shared/seeds" ]; then
  SDB="$T/seeds.db"
  "$REEL" ingest --db "$SDB" "$SRC/../shared/seeds" 2>/dev/null
  "$REEL" film --db "$SDB" --json "Pain & Glory" > "$T/pg"
  check "seeds: one film, five articles" 'python3 -c "
import json,sys
r=json.load(open(\"$T/pg\"))
c=r[\"counts\"]
assert c[\"articles\"]==5 and c[\"review\"]==3 and c[\"interview\"]==1 and c[\"news\"]==1, c
"'
  check "seeds: reviews carry explicit scores with spans (80, 80, Very Good), every article a prediction" 'python3 -c "
import json
r=json.load(open(\"$T/pg\"))
raws=sorted(a[\"score\"][\"raw\"] for a in r[\"articles\"] if a[\"kind\"]==\"review\")
assert raws==[\"8/10\",\"Very Good\",\"\u2605\u2605\u2605\u2605\u2606\"], raws
assert all(a[\"score\"][\"span\"][1] > a[\"score\"][\"span\"][0] for a in r[\"articles\"] if a[\"score\"])
assert all(a[\"sentiment\"] for a in r[\"articles\"]), [a[\"sentiment\"] for a in r[\"articles\"]]
assert [a[\"score\"] for a in r[\"articles\"] if a[\"kind\"]!=\"review\"]==[None,None]
"'
  check "seeds: no boilerplate in any clean text" '[ "$(sqlite3 "$SDB" "select count(*) from articles where text like \"%Leave a Comment%\" or text like \"%Support Metro Weekly%\" or text like \"%membership%\"")" = 0 ]'
  check "seeds: the date line of 000 is its date" '[ "$(sqlite3 "$SDB" "select date from articles where source like \"%000_%\"")" = 2019-11-27 ]'
else
  echo "SKIP seeds: ../shared is absent"
fi

echo "$((fails == 0 ? 1 : 0)) passed, $fails failed" | sed 's/^1 passed/1 passed/' > /dev/null
if [ $fails = 0 ]; then echo "cli: all checks passed"; exit 0; fi
echo "cli: $fails checks failed"; exit 1
