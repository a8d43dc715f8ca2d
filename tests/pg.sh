#!/usr/bin/env bash
# pg.sh — the PostgreSQL store end to end through the `reel` command, on a
# server this test starts (tests/pg/start.sh) and stops: bad URLs and other
# schema versions are one line each; the seeds and examples give the same
# film reports (JSON, byte for byte) from SQLite and PostgreSQL, directly and
# through `reel migrate`; 4 concurrent ingests of the same 200 files store
# each article once with no deadlock shown; a killed ingest leaves whole
# batches only; a server restarted mid-ingest is survived (the batch is
# written again once it is back) with nothing lost; reading commands never create the schema;
# `reel serve` through a database restart answers 503 while it is down and
# recovers on every worker when it is back.
# No server is a loud FAIL, not a skip.
set -u
REEL=${REEL_BIN:?REEL_BIN not set}
SRC=${REEL_SRC:?REEL_SRC not set}
T=$(mktemp -d)
. "$SRC/tests/pg/lib.sh"
. "$SRC/tests/lib/gate.sh"
trap 'gate_cleanup; pg_stop; rm -rf "$T"' EXIT
fails=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fails=$((fails + 1)); }
check() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }

pg_start || { echo "pg: FAIL — the PostgreSQL store is untested"; exit 1; }
BASE=$PGBASE
echo "PostgreSQL for this run: $BASE"
sql() { pg_sql "$@"; }
newdb() { pg_newdb "$@"; }
# wait until a database holds at least N articles (at most 120 s: the
# sanitizers on a slow machine; it returns as soon as they are there)
has_articles() { c=$(sql "$1" "select count(*) from articles" 2>/dev/null) && [ "${c:-0}" -ge "$2" ]; }
wait_articles() { wait_until 120 has_articles "$1" "$2"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# ---- bad input: one clear line each, non-zero exit ------------------------
one_line() { # NAME PATTERN COMMAND...
  local name=$1 pat=$2; shift 2
  "$@" > /dev/null 2> "$T/e"; local rc=$?
  cat "$T/e"
  check "$name: exit $rc, one line naming it" \
    '[ $rc != 0 ] && [ "$(wc -l < "$T/e")" = 1 ] && grep -q "$pat" "$T/e"'
}
one_line "wrong URL" "not a valid PostgreSQL URL\|invalid" \
  "$REEL" films --db "postgresql://reel@127.0.0.1:notaport/x"
one_line "unknown URL option" "not a valid PostgreSQL URL" \
  "$REEL" films --db "postgres://reel@127.0.0.1/x?nosuchoption=1"
one_line "refused connection" "cannot connect.*refused" \
  "$REEL" films --db "postgresql://reel@127.0.0.1:$(free_port)/x"
one_line "no such database" "no_such_db" "$REEL" films --db "$BASE/no_such_db"
E=$(newdb empty)
one_line "reading an empty database" "no reel store in this database" "$REEL" films --db "$E"
check "reading commands create no schema" '[ "$(sql empty "select count(*) from pg_tables where schemaname = current_schema()")" = 0 ]'
"$REEL" load --db "$E" < /dev/null 2> "$T/e"
check "load creates it and says so" 'grep -q "created new store postgresql://" "$T/e"'
V=$(newdb other_version)
"$REEL" load --db "$V" < /dev/null > /dev/null 2>&1
sql other_version "UPDATE meta SET value = '99' WHERE key = 'schema_version'"
REEL_DB=$V one_line "newer schema version (REEL_DB)" "schema version 99 is newer" "$REEL" films
one_line "newer schema version, ingest" "schema version 99" "$REEL" ingest --db "$V" "$SRC/examples"
check "nothing written into the newer database" '[ "$(sql other_version "select count(*) from articles")" = 0 ]'

# ---- the same reports from both backends ----------------------------------
inputs=("$SRC/examples")
if [ -d "$SRC/../shared/seeds" ]; then inputs+=("$SRC/../shared/seeds"); else
  echo "SKIP (part): ../shared is absent; comparing examples/ only"; fi
SQ="$T/cmp.db"
PG=$(newdb cmp)
"$REEL" ingest --db "$SQ" "${inputs[@]}" 2> /dev/null
"$REEL" ingest --db "$PG" "${inputs[@]}" 2> "$T/e"
check "ingest into PostgreSQL" '! grep -q "reel: postgres" "$T/e"'
compare_reports() { # SQLITE PG LABEL
  local a=$1 b=$2 label=$3 n=0 diff=0
  "$REEL" films --json --limit 100000 --db "$a" > "$T/fa"
  "$REEL" films --json --limit 100000 --db "$b" > "$T/fb"
  cmp -s "$T/fa" "$T/fb" || { echo "films differ ($label)"; diff=1; }
  while IFS= read -r key; do
    "$REEL" film --json --db "$a" "$key" > "$T/ra" 2>&1
    "$REEL" film --json --db "$b" "$key" > "$T/rb" 2>&1
    n=$((n + 1))
    cmp -s "$T/ra" "$T/rb" || { echo "report of '$key' differs ($label)"; diff=1; }
  done < <(python3 -c 'import json,sys; [print(f["id"]) for f in json.load(open(sys.argv[1]))["films"]]' "$T/fa")
  echo "$label: $n film reports compared"
  [ "$diff" = 0 ] && [ "$n" -ge 1 ]
}
check "films and every film report identical (SQLite vs PostgreSQL)" 'compare_reports "$SQ" "$PG" ingest'
same_search=1
for q in "bong joon ho" almodovar "pain glory" film celine "the irishman" 2019 "banderas"; do
  "$REEL" search --json --limit 50 --db "$SQ" "$q" > "$T/sa"
  "$REEL" search --json --limit 50 --db "$PG" "$q" > "$T/sb"
  cmp -s "$T/sa" "$T/sb" || { echo "search '$q' differs"; same_search=0; }
done
check "searches identical (hits, order, ranks, snippets)" '[ $same_search = 1 ]'
# real pages of all kinds (../shared's extraction set): every report and the
# searches, hits, ranks and snippets included, alike
X="$SRC/../shared/data/extraction-dev/html"
if [ -d "$X" ]; then
  XQ="$T/x.db"
  XP=$(newdb extraction)
  "$REEL" ingest --db "$XQ" "$X" 2> /dev/null
  "$REEL" ingest --db "$XP" "$X" 2> /dev/null
  check "extraction pages: films and every report identical" 'compare_reports "$XQ" "$XP" extraction'
  same=0 differ=0
  for q in the world said people data city government police "climate change" music \
      "new york" million water school women science health company technology space; do
    "$REEL" search --json --limit 100 --db "$XQ" "$q" > "$T/sa"
    "$REEL" search --json --limit 100 --db "$XP" "$q" > "$T/sb"
    if cmp -s "$T/sa" "$T/sb"; then same=$((same + 1)); else differ=$((differ + 1)); echo "search '$q' differs"; fi
  done
  check "extraction pages: $same of 20 searches identical" '[ $differ = 0 ]'
  # a word written 255 times (1,019 bytes) once took a minute here: now the
  # hits of the word alone, on both stores. The time is shown, not checked
  # (it is the machine's as much as reel's): test_store_search bounds the
  # same search on both stores, and a minute is past nothing here.
  q255=$(printf 'the %.0s' $(seq 254))the
  t0=$(date +%s)
  "$REEL" search --json --limit 100 --db "$XP" "$q255" > "$T/sa"
  "$REEL" search --json --limit 100 --db "$XQ" "$q255" > "$T/sc"
  took=$(( $(date +%s) - t0 ))
  "$REEL" search --json --limit 100 --db "$XP" the > "$T/sb"
  check "extraction pages: 'the' x 255 gives the hits of 'the' on both stores (${took} s)" \
    'cmp -s <(sed "s/^{\"query\":\"[^\"]*\"//" "$T/sa") <(sed "s/^{\"query\":\"[^\"]*\"//" "$T/sb") &&
     cmp -s "$T/sa" "$T/sc"'
else
  echo "SKIP (part): ../shared is absent; no extraction pages to compare"
fi

M=$(newdb migrated)
"$REEL" migrate --from "$SQ" --to "$M" 2> "$T/e"; rc=$?
cat "$T/e"
check "migrate exits 0" '[ $rc = 0 ]'
check "migrated store gives the same reports" 'compare_reports "$SQ" "$M" migrate'
"$REEL" migrate --json --from "$SQ" --to "$M" > "$T/j" 2>/dev/null
check "migrating again adds nothing" 'grep -q "\"added\":0" "$T/j"'
"$REEL" migrate --from "$T/missing.db" --to "$M" 2> "$T/e"; rc=$?
check "migrate from a missing file: one line, exit 1" '[ $rc = 1 ] && [ "$(wc -l < "$T/e")" = 1 ]'

# ---- 4 concurrent ingests of the same 200 files -----------------------------
mkdir -p "$T/c"
python3 - "$T/c" <<'PY'
import sys, random
words = ["patient", "loud", "tender", "cold", "generous", "tangled", "bright", "slow"]
grades = ["A", "B+", "B", "C+", "C", "D"]
r = random.Random(5)
for i in range(200):
    film = f"The Lantern Keeper {i % 25 + 1}"
    body = " ".join(f"The {r.choice(words)} middle section of {film} works." for _ in range(30))
    with open(f"{sys.argv[1]}/c{i:03d}.txt", "w") as f:
        f.write(f"Review: {film}\n\n{film} is a {r.choice(words)} film. {body}\n\nGrade: {r.choice(grades)}\n")
PY
C=$(newdb concurrent)
"$REEL" load --db "$C" < /dev/null > /dev/null 2>&1 # the schema, so the runs race on articles only
dl0=$(grep -c "deadlock detected" "$PGDIR/server.log")
pids=()
for p in 1 2 3 4; do
  # each process its own order of the same files, small batches: overlapping
  # transactions that insert the same rows in different orders
  ls "$T"/c/*.txt | python3 -c "import sys,random; l=sys.stdin.read().split(); random.Random($p).shuffle(l); print('\n'.join(l))" > "$T/order$p"
  xargs -a "$T/order$p" -d '\n' "$REEL" ingest --json --batch 25 --db "$C" > "$T/out$p" 2> "$T/err$p" &
  pids+=($!)
done
rcs=""
for pid in "${pids[@]}"; do wait "$pid"; rcs="$rcs $?"; done
cat "$T"/err[1-4]
dl=$(( $(grep -c "deadlock detected" "$PGDIR/server.log") - dl0 ))
added=$(cat "$T"/out[1-4] | python3 -c 'import sys,json; print(sum(json.loads(l)["added"] for l in sys.stdin))')
echo "exit codes:$rcs; deadlocks the server broke and reel replayed: $dl; added in all: $added"
check "4 concurrent ingests all exit 0" '[ "$rcs" = " 0 0 0 0" ]'
check "no deadlock or error shown to the user" '! grep -qi "deadlock\|reel: " "$T"/err[1-4]'
check "each of the 200 articles stored once" '[ "$(sql concurrent "select count(*) from articles")" = 200 ]'
check "the runs' \"added\" sum to 200 exactly" '[ "$added" = 200 ]'
"$REEL" ingest --db "$T/seq.db" "$T/c" 2> /dev/null
check "facts stored once (as many as one sequential SQLite ingest)" \
  '[ "$(sql concurrent "select count(*) from facts")" = "$(sqlite3 "$T/seq.db" "select count(*) from facts")" ]'
check "film summaries whole: reports equal a sequential SQLite ingest" 'compare_reports "$T/seq.db" "$C" concurrent'

# ---- the server restarted mid-batch -----------------------------------------
mkdir -p "$T/r"
python3 - "$T/r" <<'PY'
import sys
body = "It is a good film with a long, slow middle and a fine cast. " * 400
for i in range(1, 301):
    with open(f"{sys.argv[1]}/r{i:03d}.txt", "w") as f:
        f.write(f"Review: Harbour Light {i % 30}\n\nHarbour Light {i % 30} opens today, take {i}. {body}\n")
PY
# the runs below are caught mid-ingest by a gate (tests/lib/gate.sh) that
# stands for r151.txt: 150 pages read, 140 of them committed at most, the
# rest waiting for the test, however fast or slow the machine
rargs=("$T"/r/r*.txt)
mv "$T/r/r151.txt" "$T/r151.saved"
# killed mid-ingest: the server rolls the open batch back
K=$(newdb killed)
gate "$T/r/r151.txt"
"$REEL" ingest --batch 20 --db "$K" "${rargs[@]}" > /dev/null 2>&1 &
pid=$!
wait_articles killed 20 || bad "killed: 20 articles not committed in 120 s"
kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
gate_cleanup
before=$(sql killed "select count(*) from articles")
check "SIGKILL stopped the run part way ($before of 300: 20 to 140, whole batches of 20)" \
  '[ "$before" -ge 20 ] && [ "$before" -le 140 ] && [ $((before % 20)) = 0 ]'
check "every stored article has its film" '[ "$(sql killed "select count(*) from articles a where film_key is not null and not exists (select 1 from films f where f.title_key = a.film_key)")" = 0 ]'
rm -f "$T/r/r151.txt"; cp "$T/r151.saved" "$T/r/r151.txt"
"$REEL" ingest --batch 20 --db "$K" "$T/r" 2> /dev/null
check "a re-run after SIGKILL completes: 300" '[ "$(sql killed "select count(*) from articles")" = 300 ]'

# restarted mid-ingest: the server restarts once the run has committed 40
# articles, while the gate keeps it from reading the second half; then the
# gate lets it go on, so its next batches meet the restarted server
R=$(newdb restarted)
rm -f "$T/r/r151.txt"
gate "$T/r/r151.txt"
"$REEL" ingest --batch 20 --db "$R" "${rargs[@]}" > /dev/null 2> "$T/rerr" &
pid=$!
wait_articles restarted 40 || bad "restarted: 40 articles not committed in 120 s"
pg_ctl -m fast -w restart > /dev/null 2>&1
gate_open "$T/r/r151.txt" "$T/r151.saved"
wait $pid; rc=$?
gate_cleanup
rm -f "$T/r/r151.txt"; mv "$T/r151.saved" "$T/r/r151.txt"
before=$(sql restarted "select count(*) from articles")
cat "$T/rerr"
# the restart is survived: the batch it cut (or the next one, which finds
# the connection gone) is written again once the server is back, and the
# user is told; only a server down for over a minute fails the run, with one
# clear line
if [ $rc = 0 ]; then
  check "restart during the run: ingest connected again and completed: $before of 300" '[ "$before" = 300 ]'
  check "what happened was said, and that the batch was tried again" \
    '! grep -q "lost\|cannot be reached" "$T/rerr" || grep -q "trying the batch again" "$T/rerr"'
else
  check "restart: ingest gave up (exit $rc) after $before of 300" '[ "$before" -lt 300 ]'
  check "the error says the connection was lost or the server cannot be reached" \
    'grep -q "lost the connection to the server\|cannot be reached" "$T/rerr"'
fi
"$REEL" ingest --batch 20 --db "$R" "$T/r" 2> "$T/rerr2"; rc=$?
cat "$T/rerr2"
check "a re-run completes (exit $rc): 300 articles" '[ $rc = 0 ] && [ "$(sql restarted "select count(*) from articles")" = 300 ]'
"$REEL" ingest --db "$T/r.db" "$T/r" 2> /dev/null
check "nothing lost: reports equal a SQLite ingest of the same files" 'compare_reports "$T/r.db" "$R" restart'

# ---- serve through a database restart ---------------------------------------
SV=$(newdb served)
"$REEL" ingest --db "$SV" "$SRC/examples" 2> /dev/null
"$REEL" serve --db "$SV" --listen 0 --threads 4 > "$T/serve.out" 2> "$T/serve.err" &
srv=$!
wait_until 60 grep -q serving "$T/serve.out" || bad "reel serve did not start in 60 s"
port=$(sed -n 's|.* on http://[^ ]*:\([0-9]*\)/ .*|\1|p' "$T/serve.out")
# many requests at once, so that every worker has its connection open
codes() { # PATH N: the status codes of N requests, 4 at a time, sorted and counted
  seq 1 "$2" | xargs -P 4 -I{} curl -s -o /dev/null -w '%{http_code}\n' \
    "http://127.0.0.1:$port$1" | sort | uniq -c | tr -s ' ' | tr '\n' ';'
}
before=$(codes /api/films 40)
check "serving PostgreSQL: every request 200 ($before)" '[ "$before" = " 40 200;" ]'
pg_ctl -m fast -w stop > /dev/null 2>&1
down=$(codes /api/films 20)
health_down=$(codes /api/health 8)
curl -s "http://127.0.0.1:$port/api/films" > "$T/down.json"
cat "$T/down.json"; echo
check "database down: every request 503 ($down)" '[ "$down" = " 20 503;" ]'
check "database down: /api/health 503, not ok ($health_down)" '[ "$health_down" = " 8 503;" ]'
check "the 503 is a JSON error that says the database server cannot be reached" \
  'python3 -c "import json,sys; e=json.load(open(sys.argv[1]))[\"error\"]; assert e[\"status\"]==503 and (\"cannot be reached\" in e[\"message\"] or \"cannot connect\" in e[\"message\"])" "$T/down.json"'
pg_ctl -w -l "$PGDIR/server.log" -o "-c listen_addresses=127.0.0.1 -p $(cat "$PGDIR/port") -k $PGDIR -c fsync=off -c max_connections=60" start > /dev/null 2>&1
after=$(codes /api/films 40)
health_after=$(codes /api/health 8)
check "database back: every request 200 on every worker ($after)" '[ "$after" = " 40 200;" ]'
check "database back: /api/health 200 ($health_after)" '[ "$health_after" = " 8 200;" ]'
# restarted while the workers are idle: the first request on each finds its
# connection gone, connects again and is answered
pg_ctl -m fast -w restart > /dev/null 2>&1
again=$(codes /api/films 40)
check "restarted between requests: every request 200 ($again)" '[ "$again" = " 40 200;" ]'
kill $srv; wait $srv 2> /dev/null
# ---- identity: remakes, versions, aliases, the catalog, as in SQLite ------------
cat > "$T/ident.jsonl" <<'JL'
{"url":"https://a.example/dune","film":"Dune","year":1984,"kind":"review","text":"David Lynch's Dune is a muddle of a film. Rating: 2/5"}
{"url":"https://b.example/dune","film":"Dune","year":2021,"kind":"review","text":"Denis Villeneuve's Dune is a triumph. Rating: 4.5/5"}
{"url":"https://c.example/dune","film":"Dune","kind":"review","text":"Dune, directed by Denis Villeneuve, is a grand spectacle of sand. Rating: 4/5"}
{"url":"https://e.example/parasite","film":"Parasite","year":2019,"date":"2019-10-01","kind":"review","text":"Bong Joon-ho's Parasite (Gisaengchung) is a savage satire. Rating: 4/5"}
{"url":"https://e.example/parasite","film":"Parasite","year":2019,"date":"2019-10-02","kind":"review","text":"Bong Joon-ho's Parasite (Gisaengchung) is a savage satire with a paragraph added. Rating: 4/5"}
{"url":"https://k.example/gis","film":"Gisaengchung","year":2019,"kind":"review","text":"Gisaengchung is a masterpiece. Rating: 5/5"}
JL
ID=$(newdb identity)
"$REEL" ingest --quiet --db "$ID" "$T/ident.jsonl" 2>/dev/null
"$REEL" ingest --quiet --db "$T/ident.db" "$T/ident.jsonl" 2>/dev/null
"$REEL" film --db "$ID" Dune > "$T/o" 2>/dev/null
check "identity: a bare title of two films lists them (exit 5)" '[ $? = 5 ] && grep -q "^Dune (1984)" "$T/o"'
"$REEL" film --db "$ID" "Dune (2020)" > /dev/null 2>&1
check "identity: a year that is neither film finds none (exit 4)" '[ $? = 4 ]'
check "identity: the changed page replaced its first version" '[ "$(sql identity "select count(*) from articles where ident = '"'"'https://e.example/parasite'"'"'")" = 1 ] && [ "$(sql identity "select count(*) from article_versions")" = 1 ]'
check "identity: the alias joined Parasite and Gisaengchung" '[ "$(sql identity "select n_articles from films where year = 2019")" = 2 ]'
check "identity: films and reports identical (SQLite vs PostgreSQL)" 'compare_reports "$T/ident.db" "$ID" identity'
"$REEL" catalog import --db "$ID" "$SRC/tests/data/catalog/films.tsv" > /dev/null 2>&1
"$REEL" catalog import --db "$T/ident.db" "$SRC/tests/data/catalog/films.tsv" > /dev/null 2>&1
check "identity: with the catalog, reports carry its ids, alike in both" 'compare_reports "$T/ident.db" "$ID" catalog && "$REEL" film --json --db "$ID" "Dune (2021)" | grep -q tt1160419'
"$REEL" delete --db "$ID" --url https://e.example/parasite > /dev/null 2>&1
check "identity: delete --url (exit 0), the film keeps its other article" '[ $? = 0 ] && [ "$(sql identity "select n_articles from films where year = 2019")" = 1 ]'

# ---- critics and outlets: the same answers from both ------------------------
CR=$(newdb critics)
"$REEL" ingest --no-model --quiet --db "$CR" "$SRC/tests/data/critics.jsonl"
"$REEL" ingest --no-model --quiet --db "$T/critics.db" "$SRC/tests/data/critics.jsonl"
same_people=1
for args in "critics" "critics --sort agreement" "critics lee" "critic ann" \
  "critic bob --limit 2 --offset 1" "outlets --sort score" "outlet reel"; do
  # shellcheck disable=SC2086
  "$REEL" $args --json --db "$CR" > "$T/pa" 2>&1
  # shellcheck disable=SC2086
  "$REEL" $args --json --db "$T/critics.db" > "$T/pb" 2>&1
  cmp -s "$T/pa" "$T/pb" && grep -q '"name"' "$T/pa" || { echo "'$args' differs"; same_people=0; }
done
check "critics and outlets: every view identical (SQLite vs PostgreSQL)" '[ $same_people = 1 ]'
"$REEL" critic --db "$CR" "Ann Lee" > "$T/pa"
check "critics: Ann Lee's agreement from PostgreSQL (2 of 3)" 'grep -q "(2 of 3 films with one)" "$T/pa"'

if [ $fails = 0 ]; then echo "pg: all checks passed"; exit 0; fi
echo "pg: $fails checks failed"; exit 1
