#!/usr/bin/env bash
# cli.sh — the `reel` command end to end: bad input in one ingest run (each
# bad file one clear line, the good ones in, no crash or hang), idempotent
# re-ingest, a SIGKILL mid-ingest leaving a consistent database that a re-run
# completes, and the seeds under one film (skipped when ../shared is absent).
set -u
REEL=${REEL_BIN:?REEL_BIN not set}
SRC=${REEL_SRC:?REEL_SRC not set}
T=$(mktemp -d)
. "$SRC/tests/lib/gate.sh"
trap 'gate_cleanup; rm -rf "$T"' EXIT
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
# no time limit of its own (this run took 2 min 50 s under the sanitizers on
# a loaded machine, against the 300 s it had): a hang is ctest's TIMEOUT
"$REEL" ingest --db "$DB" "$T/in" > "$T/out" 2> "$T/err"
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
# an untitled hit is named by where it came from: its file's name, or its URL
printf 'Bong Joon-ho set his story of two families in a house on a hill, and the smell of a basement that will not wash off is what the critics here remember.\n' > "$T/untitled-note.txt"
printf '{"url":"https://example.org/notes/basement-smell","text":"Bong Joon-ho set a second story in a basement, and its smell stays with the family long after they leave it behind."}\n' > "$T/untitled.jsonl"
UDB="$T/untitled.db"
"$REEL" ingest --no-model --db "$UDB" "$T/untitled-note.txt" "$T/untitled.jsonl" > /dev/null 2>&1
"$REEL" search --db "$UDB" basement > "$T/us"
check "search: an untitled file's hit shows its file name" 'grep -q "untitled-note.txt" "$T/us" && ! grep -q "(untitled)" "$T/us"'
check "search: an untitled line's hit shows its URL" 'grep -q "https://example.org/notes/basement-smell" "$T/us"'
"$REEL" search --db "$UDB" --json basement > "$T/usj"
check "search --json: hits carry source and url" 'python3 -c "
import json, sys
h = {x[\"source\"]: x for x in json.load(open(sys.argv[1]))[\"hits\"]}
assert any(s.endswith(\"/untitled-note.txt\") for s in h), h
assert any(x[\"url\"] == \"https://example.org/notes/basement-smell\" for x in h.values()), h
" "$T/usj"'
"$REEL" bogus 2>/dev/null; check "unknown command exits 2" '[ $? = 2 ]'
for c in ingest extract films film facts article search train merge load migrate serve; do
  "$REEL" "$c" --help > "$T/h" 2>&1; rc=$?
  check "reel $c --help: usage on stdout, exit 0" '[ $rc = 0 ] && grep -q "^usage: reel $c" "$T/h"'
done
"$REEL" help film > "$T/h" 2>&1; check "reel help film = reel film --help" 'grep -q "^usage: reel film TITLE" "$T/h"'
"$REEL" ingest --db "$T/new.db" "$T/missing-file" 2> "$T/e"; rc=$?
check "missing file: exit 1 and named" '[ $rc = 1 ] && grep -q "missing-file" "$T/e"'
# ---- reading commands never create a store -----------------------------------
M="$T/typo.db"
for cmd in "films" "film Parasite" "facts Parasite" "article abcdef123456" "search parasite" \
    "serve --listen 0" "migrate --from $M --to $T/target.db"; do
  # shellcheck disable=SC2086
  timeout 20 "$REEL" $cmd --db "$M" > /dev/null 2> "$T/e"; rc=$?
  check "reel ${cmd%% *} on a missing store: exit 1, one line naming it, no file left" \
    '[ $rc = 1 ] && [ "$(wc -l < "$T/e")" = 1 ] && grep -q "typo.db: no such store" "$T/e" && ! ls "$T"/typo.db* "$T"/target.db* > /dev/null 2>&1'
done
: > "$T/zero.db"
"$REEL" films --db "$T/zero.db" 2> "$T/e"; rc=$?
check "an empty file is not a store: exit 1, the file left as it was" \
  '[ $rc = 1 ] && grep -q "not a reel store" "$T/e" && [ ! -s "$T/zero.db" ]'
"$REEL" ingest --db "$T/made.db" "$T/in/good1.txt" 2> "$T/e"
check "ingest says when it creates a store" 'grep -q "^reel: created new store .*made.db$" "$T/e"'
"$REEL" ingest --db "$T/made.db" "$T/in/good2.html" 2> "$T/e"
check "and not when the store was there" '! grep -q "created new store" "$T/e"'
"$REEL" load --db "$T/made2.db" < /dev/null 2> "$T/e"
check "load creates a store and says so" 'grep -q "created new store" "$T/e" && [ -s "$T/made2.db" ]'
echo "not a database at all, just some text......................................" > "$T/notdb"
"$REEL" films --db "$T/notdb" 2> "$T/e"; rc=$?
check "not a database: one line, exit 1" '[ $rc = 1 ] && [ $(wc -l < "$T/e") = 1 ]'

# ---- what is shown: verdicts, histogram, names, widths (issue 15) ----------
EDB="$T/ex.db"
"$REEL" ingest --db "$EDB" "$SRC/examples" 2>/dev/null
"$REEL" film --db "$EDB" --json Parasite > "$T/pj"
check "only reviews carry a verdict; other kinds a tone, no verdict" 'python3 -c "
import json
r=json.load(open(\"$T/pj\"))
for a in r[\"articles\"]:
    if a[\"kind\"]==\"review\": assert a[\"verdict\"] and a[\"tone\"] is None, a
    else: assert a[\"verdict\"] is None and a[\"tone\"][\"label\"] in (\"positive\",\"mixed\",\"negative\"), a
assert {a[\"kind\"] for a in r[\"articles\"]}=={\"review\",\"news\",\"interview\"}
"'
"$REEL" extract "$SRC/examples/parasite-news-1.html" > "$T/rec" 2>/dev/null
check "extract: a news record has verdict null and a tone" 'python3 -c "
import json
r=json.loads(open(\"$T/rec\").read())
assert r[\"kind\"][\"label\"]==\"news\" and r[\"verdict\"] is None and r[\"tone\"][\"prob_positive\"]>0, r[\"verdict\"]
"'
"$REEL" film --db "$EDB" Parasite > "$T/pt"
check "film: a news line has no score in the score column, its tone after the title" \
  'grep -E "^  news {15}[0-9a-f]{10}  .*tone: (positive|mixed|negative)$" "$T/pt" >/dev/null && ! grep -E "^  (news|interview) +[0-9]+ " "$T/pt" >/dev/null'
# two reviews: the largest bin full height (scaled to it), the counts shown and summing to 2
check "histogram scaled to the largest bin, counts readable" \
  'grep -A2 "^  histogram" "$T/pt" | sed -n 2p | grep -q "██" && grep -A2 "^  histogram" "$T/pt" | sed -n 3p | grep -qE "^ +[0-9]+( +[0-9]+){9}  reviews$" && [ "$(grep -A2 "^  histogram" "$T/pt" | sed -n 3p | awk "{s=0; for (i=1; i<NF; i++) s+=\$i; print s}")" = 2 ]'
check "film: article lines within 80 columns" '[ "$(grep -E "^  (review|news|interview|other) " "$T/pt" | python3 -c "import sys; print(max(len(l.rstrip()) for l in sys.stdin))")" -le 80 ]'

# ---- smaller things: did you mean, help, --limit, --quiet, plurals, widths --
"$REEL" flim 2> "$T/e"; rc=$?
check "reel flim: exit 2, did you mean 'film'" '[ $rc = 2 ] && grep -q "did you mean .film." "$T/e"'
"$REEL" films --help > "$T/h"
check "reel films --help lists every option with what it does" 'grep -q "^options:" "$T/h" && grep -qE "^  --limit N +at most" "$T/h" && grep -qE "^  --sort KEY +title" "$T/h" && grep -qE "^  --db FILE" "$T/h"'
"$REEL" ingest --help > "$T/h"
check "reel ingest --help lists --batch and --no-model" 'grep -qE "^  --batch N +" "$T/h" && grep -qE "^  --no-model +" "$T/h"'
for l in x 0 -1 2.5; do
  "$REEL" films --db "$EDB" --limit "$l" > "$T/o" 2> "$T/e"; rc=$?
  check "films --limit $l rejected (exit 2, a clear message)" '[ $rc = 2 ] && grep -q -- "--limit must be a whole number of 1 or more" "$T/e" && [ ! -s "$T/o" ]'
done
"$REEL" search --db "$EDB" --offset -3 parasite > /dev/null 2> "$T/e"; rc=$?
check "search --offset -3 rejected" '[ $rc = 2 ] && grep -q -- "--offset must be" "$T/e"'
"$REEL" films --db="$EDB" --limit=1 --json > "$T/o"; rc=$?
check "films --limit=1 works like --db=FILE" '[ $rc = 0 ] && python3 -c "import json,sys; r=json.load(open(sys.argv[1])); assert r[\"limit\"]==1 and len(r[\"films\"])==1" "$T/o"'
"$REEL" search --db "$EDB" --limit=1 --json parasite > "$T/o"
check "search --limit=1" 'grep -q "\"limit\":1," "$T/o"'
"$REEL" ingest --db "$T/b.db" --batch x "$SRC/examples" 2> "$T/e"; rc=$?
check "ingest --batch x rejected" '[ $rc = 2 ] && grep -q -- "--batch must be a whole number" "$T/e"'
"$REEL" ingest --db="$T/b.db" --batch=2 --json "$SRC/examples" > "$T/o" 2>/dev/null; rc=$?
check "ingest --batch=2 --db=FILE" '[ $rc = 0 ] && grep -q "\"added\":$(ls "$SRC/examples" | wc -l)," "$T/o"'
"$REEL" ingest --quiet --db "$T/q.db" "$SRC/examples/parasite-interview-1.txt" 2> "$T/e"; rc=$?
check "ingest --quiet prints no summary" '[ $rc = 0 ] && [ ! -s "$T/e" ]'
"$REEL" ingest --db "$T/q.db" "$SRC/examples/parasite-interview-1.txt" "$T/missing.txt" 2> "$T/e"
check "plurals: 1 article, 1 error" 'grep -q "1 article read: 0 added, 1 already there; 1 error$" "$T/e"'
"$REEL" film --db "$T/q.db" Parasite > "$T/o"
check "plurals: 1 article: 0 reviews, 1 interview" 'grep -q "1 article: 0 reviews, 1 interview," "$T/o"'
printf '<html><body><p>Parasite is a sharp and funny film by Bong Joon-ho, and Parasite is one of the best films of the year.</p></body></html>' > "$T/nameless-page.html"
"$REEL" ingest --db "$T/u.db" "$T/nameless-page.html" 2>/dev/null
"$REEL" film --db "$T/u.db" Parasite > "$T/o"
check "an untitled article is named by its file" 'grep -qE "^  \w+ .* nameless-page.html" "$T/o" && ! grep -q "Article [0-9a-f]" "$T/o"'
python3 - "$T/films.jsonl" <<'PY'
import json, sys
rows = [("千と千尋の神隠し", "Spirited Away is a wondrous film by Hayao Miyazaki. Rating: 5/5"),
        ("Le Fabuleux Destin d’Amélie Poulain", "Amélie is a charming film by Jean-Pierre Jeunet. Rating: 4/5"),
        ("Dr. Strangelove or: How I Learned to Stop Worrying and Love the Bomb",
         "It is a brilliant satire by Stanley Kubrick. Rating: 5/5"),
        ("Parasite", "Parasite is a sharp film by Bong Joon-ho. Rating: 9/10")]
with open(sys.argv[1], "w") as f:
    for i, (film, text) in enumerate(rows):
        f.write(json.dumps({"url": f"https://example.org/w/{i}", "title": f"{film} review",
                            "film": film, "kind": "review", "text": text}, ensure_ascii=False) + "\n")
PY
"$REEL" ingest --db "$T/w.db" "$T/films.jsonl" 2>/dev/null
"$REEL" films --db "$T/w.db" > "$T/o"
check "films: accented and CJK titles align, every line within 80 columns" 'python3 -c "
import sys, unicodedata
def w(s): return sum(2 if unicodedata.east_asian_width(c) in \"WF\" else 1 for c in s)
lines = [l.rstrip(chr(10)) for l in open(sys.argv[1], encoding=\"utf-8\") if not l.startswith(\"(\")]
assert len(lines) == 5, lines
assert len({w(l) for l in lines}) == 1, [w(l) for l in lines]
assert max(w(l) for l in lines) <= 80
" "$T/o"'

# ---- progress: articles, bytes, rate, fits the terminal, quiet off one ------
python3 - "$T/many.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], "w") as f:
    for i in range(2000):
        f.write(json.dumps({"url": f"https://example.org/r/{i}", "title": f"Review: Film {i}",
                            "text": f"Film {i} is a patient, handsome film. " * 20}) + "\n")
PY
if command -v script >/dev/null; then
  script -qc "stty cols 40; \"$REEL\" ingest --db \"$T/pr.db\" \"$T/many.jsonl\"" /dev/null > "$T/pty" 2>&1
  tr '\r' '\n' < "$T/pty" | sed 's/\x1b\[K//g' > "$T/pty.lines"
  check "progress counts articles in one JSON-lines file (2000 of 1 file)" 'grep -q "100% 2000 articles" "$T/pty.lines"'
  check "progress shows bytes of the file" 'grep -qE "articles, [0-9.]+ [kM]?B/[0-9]" "$T/pty.lines"'
  check "progress never wider than the terminal (40 columns)" '[ "$(grep -v "^reel:" "$T/pty.lines" | python3 -c "import sys; print(max(len(l.rstrip(chr(10))) for l in sys.stdin))")" -le 39 ]'
  # the rate shows from the first second on: the articles come through a
  # pipe that pauses, so the run lasts that long on any machine
  mkfifo "$T/slow.jsonl"
  { head -n 1000 "$T/many.jsonl"; sleep 1.5; tail -n 1000 "$T/many.jsonl"; } > "$T/slow.jsonl" &
  COLUMNS=200 script -qc "\"$REEL\" ingest --db \"$T/pr2.db\" \"$T/slow.jsonl\" \"$SRC/examples\"" /dev/null > "$T/pty2" 2>&1
  wait
  check "progress: a bar, rate and the file name on a wide terminal" 'tr "\r" "\n" < "$T/pty2" | grep -qE "\[#*-*\] +[0-9]+% [0-9]+ articles.*/s.*  .*(slow.jsonl|examples/)"'
else
  bad "progress: script(1) from util-linux is missing"
fi
"$REEL" ingest --db "$T/pr3.db" "$T/many.jsonl" 2> "$T/noterm"
check "progress quiet when stderr is not a terminal" '! grep -q "\[K" "$T/noterm" && [ "$(grep -vc "created new store" "$T/noterm")" = 1 ]'

# ---- killed mid-ingest -----------------------------------------------------
# the run is killed once it has committed 20 articles and before it can
# have read the second half: a gate (tests/lib/gate.sh) among its inputs,
# after the 202nd page, holds it there however fast the machine is (so the
# pages need not be long to outlast anything: 9 kB, not 90)
mkdir -p "$T/many"
python3 - "$T/many" <<'PY'
import sys
body = "It is a good film with a long, slow middle and a fine cast. " * 150
for i in range(1, 401):
    with open(f"{sys.argv[1]}/a{i}.txt", "w") as f:
        f.write(f"Review: Film Number {i}\n\nFilm Number {i} opens today. {body}\n")
PY
KDB="$T/k.db"
kargs=()
for i in $(seq 1 400); do
  [ "$i" = 203 ] && kargs+=("$T/gate.txt")
  kargs+=("$T/many/a$i.txt")
done
gate "$T/gate.txt"
"$REEL" ingest --db "$KDB" --batch 5 "${kargs[@]}" 2>/dev/null &
pid=$!
committed() { [ -s "$KDB" ] && c=$(sqlite3 "$KDB" "select count(*) from articles" 2>/dev/null) && [ "${c:-0}" -ge 20 ]; }
wait_until 120 committed || bad "killed run: 20 articles not committed in 120 s"
kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
gate_cleanup
before=$(sqlite3 "$KDB" "select count(*) from articles")
check "killed run stopped part way, whole batches only ($before of 400: 20 to 200, a multiple of 5)" \
  '[ "$before" -ge 20 ] && [ "$before" -le 200 ] && [ $((before % 5)) = 0 ]'
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
  check "seeds: the interview and the news piece have a tone and no verdict" 'python3 -c "
import json
r=json.load(open(\"$T/pg\"))
other=[a for a in r[\"articles\"] if a[\"kind\"]!=\"review\"]
assert len(other)==2 and all(a[\"verdict\"] is None and a[\"tone\"] for a in other), other
"'
  "$REEL" film --db "$SDB" "Pain & Glory" > "$T/pgt"
  check "seeds: reel film shows no predicted score for the news piece" '! grep -qE "^  (news|interview) +[0-9]+ \(p\)" "$T/pgt" && grep -qE "^  news .*tone: " "$T/pgt"'
  check "seeds: no boilerplate in any clean text" '[ "$(sqlite3 "$SDB" "select count(*) from articles where text like \"%Leave a Comment%\" or text like \"%Support Metro Weekly%\" or text like \"%membership%\"")" = 0 ]'
  check "seeds: the date line of 000 is its date" '[ "$(sqlite3 "$SDB" "select date from articles where source like \"%000_%\"")" = 2019-11-27 ]'
else
  echo "SKIP seeds: ../shared is absent"
fi

# ---- names that quote input are printed as one line of plain text --------
# a file name and a WARC target URL carrying a newline (which would forge a
# "reel:" line), an escape sequence and a right-to-left override
mkdir -p "$T/esc"
evil=$(printf 'bad\nreel: forged\033[31m\xe2\x80\xaeeliF')
head -c 3000 /dev/urandom > "$T/esc/$evil.txt"
python3 - "$T/esc/crawl.warc" <<'PY'
import os, sys
body = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + os.urandom(3000)
uri = b"http://example.org/x\x1b[2J\xe2\x80\xaeevil\x07"
rec = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: " + uri +
       b"\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n" % len(body)
       + body + b"\r\n\r\n")
open(sys.argv[1], "wb").write(rec)
PY
"$REEL" ingest --db "$T/esc.db" "$T/esc" "$T/no such$evil" > /dev/null 2> "$T/esc.err"
cat -v "$T/esc.err"
check "error lines: no line forged by a newline in a name" '! grep -q "^reel: forged" "$T/esc.err"'
check "error lines: no escape character or bidi override reaches the terminal" \
  '! grep -q "$(printf "\033")" "$T/esc.err" && ! grep -q "$(printf "\xe2\x80\xae")" "$T/esc.err"'
check "error lines: the names shown escaped" 'grep -q "bad\\\\nreel: forged\\\\x1b\[31m\\\\u202eeliF" "$T/esc.err"'
check "error lines: a WARC target URL shown escaped" 'grep -q "example.org/x\\\\x1b\[2J\\\\u202eevil\\\\x07" "$T/esc.err"'

# ---- search: repeated words cost nothing more -----------------------------
q255=$(printf 'Parasite %.0s' $(seq 254))PARASITE
start=$(date +%s%N)
"$REEL" search --db "$DB" --json --limit 50 "$q255" > "$T/s255"
took=$(( ($(date +%s%N) - start) / 1000000 ))
"$REEL" search --db "$DB" --json --limit 50 parasite > "$T/s1"
check "search: 'parasite' x 255 gives the hits of 'parasite' (${took} ms)" \
  'cmp -s <(sed "s/^{\"query\":\"[^\"]*\"//" "$T/s255") <(sed "s/^{\"query\":\"[^\"]*\"//" "$T/s1")'
check "search: every hit with text has its snippet" 'python3 -c "
import json, sqlite3, sys
r = json.load(open(sys.argv[1]))
db = sqlite3.connect(sys.argv[2])
text = lambda i: db.execute(\"select text from articles where id = ?\", (i,)).fetchone()[0]
assert r[\"hits\"] and all(h[\"snippet\"] or not text(h[\"id\"]).strip() for h in r[\"hits\"])
assert any(h[\"highlights\"] for h in r[\"hits\"])" "$T/s255" "$DB"'

echo "$((fails == 0 ? 1 : 0)) passed, $fails failed" | sed 's/^1 passed/1 passed/' > /dev/null
if [ $fails = 0 ]; then echo "cli: all checks passed"; exit 0; fi
echo "cli: $fails checks failed"; exit 1
