#!/usr/bin/env bash
# concurrency.sh — several `reel` processes on one SQLite store: first
# ingests that start together on a new file all succeed (one creates the
# schema, the others find it); a batch being analysed (or a load's input
# being read) does not hold the write lock, so a second ingest goes in
# meanwhile; a store locked by another
# process for longer than SQLite's own wait is waited for, not failed; a
# server whose file is replaced or deleted answers from the new file or 503,
# never from a new empty one; a POST that waits too long for another
# process's lock is a 503 that says so (before: 500 "database is locked"). REEL_TRIALS sets the first-ingest trials (5).
set -u
REEL=${REEL_BIN:?REEL_BIN not set}
SRC=${REEL_SRC:?REEL_SRC not set}
T=$(mktemp -d)
. "$SRC/tests/lib/gate.sh"
pids_to_kill=()
trap 'for p in "${pids_to_kill[@]}"; do kill "$p" 2>/dev/null; done; gate_cleanup; rm -rf "$T"' EXIT
fails=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fails=$((fails + 1)); }
check() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }
now() { date +%s.%N; }

mkdir -p "$T/small"
for i in 1 2 3 4 5 6 7 8; do
  printf 'Review: Harbour Light %d\n\nHarbour Light %d is a patient film about a lighthouse keeper and his daughter.\n\nGrade: B+\n' \
    "$i" "$i" > "$T/small/f$i.txt"
done

# ---- first ingests on a new file, together ----------------------------------
trials=${REEL_TRIALS:-5}
failed_trials=0 created_wrong=0 lost=0
for t in $(seq 1 "$trials"); do
  DB="$T/first$t.db"
  pids=()
  for p in 1 2 3 4; do
    "$REEL" ingest --db "$DB" "$T/small/f$p.txt" "$T/small/f$((p + 4)).txt" \
      > /dev/null 2> "$T/err.first$t.$p" &
    pids+=($!)
  done
  f=0
  for pid in "${pids[@]}"; do wait "$pid" || f=$((f + 1)); done
  [ $f = 0 ] || { failed_trials=$((failed_trials + 1)); cat "$T"/err.first$t.*; }
  [ "$(cat "$T"/err.first$t.* | grep -c "created new store")" = 1 ] || created_wrong=$((created_wrong + 1))
  [ "$(sqlite3 "$DB" "select count(*) from articles" 2>/dev/null)" = 8 ] || lost=$((lost + 1))
done
check "4 first ingests together on a new file: $failed_trials of $trials trials failed" '[ $failed_trials = 0 ]'
check "exactly one of them says it created the store, in every trial" '[ $created_wrong = 0 ]'
check "all 8 articles stored in every trial" '[ $lost = 0 ]'
check "no message blames the file" '! cat "$T"/err.first* | grep -q "not a reel database\|already exists\|locked"'

# ---- analysis outside the write transaction --------------------------------
# A analyses a batch of pages and then waits at a gate (tests/lib/gate.sh)
# with the batch open, for as long as the test likes, on any machine; B
# ingests meanwhile. Before, A held the write lock from its first page, so B
# waited for all of A's analysis (or failed after 10 s).
mkdir -p "$T/many"
pages=20
python3 - "$T/many" "$pages" "$T/page.txt" <<'PY'
import sys
body = "It is a good film with a long, slow middle and a fine cast. " * 1500
def page(i):
    return f"Review: Film Number {i}\n\nFilm Number {i} opens today. {body}\n"
for i in range(1, int(sys.argv[2]) + 1):
    with open(f"{sys.argv[1]}/a{i}.txt", "w") as f:
        f.write(page(i))
with open(sys.argv[3], "w") as f:  # what the gate lets through at the end
    f.write(page(int(sys.argv[2]) + 1))
PY
DB="$T/shared.db"
"$REEL" ingest --db "$DB" "$T/small/f1.txt" 2> /dev/null
gate "$T/gateA.txt"
"$REEL" ingest --db "$DB" --batch 1000 "$T/many" "$T/gateA.txt" > /dev/null 2> "$T/errA" &
a=$!
pids_to_kill+=($a)
gate_reached "$T/gateA.txt" || bad "A did not reach its gate in 120 s"
"$REEL" ingest --db "$DB" "$T/small/f2.txt" > /dev/null 2> "$T/errB"
rcb=$?
b_end_running=0
kill -0 $a 2> /dev/null && b_end_running=1
gate_open "$T/gateA.txt" "$T/page.txt"
wait $a
rca=$?
cat "$T/errA" "$T/errB"
check "ingest B while A holds an analysed batch: exit $rcb" '[ $rcb = 0 ]'
check "B finished while A's batch was open (A does not hold the lock)" '[ $b_end_running = 1 ]'
check "A completes too (exit $rca), every article stored once: $((pages + 3))" \
  '[ $rca = 0 ] && [ "$(sqlite3 "$DB" "select count(*) from articles")" = $((pages + 3)) ]'

# load from input that pauses (a pipe from a `reel extract` analysing as it
# goes): the lock is not held while the input is read, so an ingest goes in
# meanwhile. The load has its first record and waits at a gate for the next.
"$REEL" extract "$T/small/f4.txt" > "$T/rec4" 2> /dev/null
"$REEL" extract "$T/small/f5.txt" > "$T/rec5" 2> /dev/null
gate "$T/gateL.jsonl"
"$REEL" load --db "$DB" --batch 100 "$T/rec4" "$T/gateL.jsonl" > /dev/null 2> "$T/errL" &
ld=$!
pids_to_kill+=($ld)
gate_reached "$T/gateL.jsonl" || bad "the load did not reach its gate in 120 s"
"$REEL" ingest --db "$DB" "$T/small/f6.txt" > /dev/null 2> "$T/errD"
rcd=$?
d_end_running=0
kill -0 $ld 2> /dev/null && d_end_running=1
gate_open "$T/gateL.jsonl" "$T/rec5"
wait $ld
rcl=$?
cat "$T/errL" "$T/errD"
check "ingest while load waits for its input: exit $rcd, done before load (not waiting for its lock)" \
  '[ $rcd = 0 ] && [ $d_end_running = 1 ]'
check "the load completes (exit $rcl): both records in" \
  '[ $rcl = 0 ] && [ "$(sqlite3 "$DB" "select count(*) from articles where source like \"%f4.txt\" or source like \"%f5.txt\"")" = 2 ]'

# ---- a store locked longer than SQLite's own wait ---------------------------
# another process holds the write lock until the test lets it go (SQLite's
# busy wait alone gave up after 10 s: "database is locked", exit 1, nothing
# stored). The ingest opens the locked store and waits at a gate; the lock
# is let go 12 s after the gate opens, so the ingest, a page away from its
# write, meets the lock for all of them whatever its start-up costs.
locker() { # DB MARK: hold the write lock until the file MARK exists (at most 300 s)
  python3 - "$1" "$2" <<'PY'
import os, sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
end = time.monotonic() + 300
while not os.path.exists(sys.argv[2]) and time.monotonic() < end:
    time.sleep(0.05)
c.execute("COMMIT")
PY
}
mkdir -p "$T/g3"
locker "$DB" "$T/unlock" > "$T/lock" &
l=$!
pids_to_kill+=($l)
wait_until 60 grep -q locked "$T/lock" || bad "the lock was not taken in 60 s"
gate "$T/g3/f3.txt"
"$REEL" ingest --db "$DB" "$T/g3/f3.txt" > /dev/null 2> "$T/errC" &
ci=$!
pids_to_kill+=($ci)
gate_reached "$T/g3/f3.txt" || bad "the ingest did not reach its gate in 120 s"
t0=$(now)
gate_open "$T/g3/f3.txt" "$T/small/f3.txt"
sleep 12 # how long the lock lasts past the gate: what the ingest must outwait
: > "$T/unlock"
wait $ci
rcc=$?
t1=$(now)
wait $l
cat "$T/errC"
check "ingest into a store locked for 12 s waits and succeeds (exit $rcc, $(python3 -c "print(round($t1 - $t0, 1))") s)" \
  '[ $rcc = 0 ] && [ "$(sqlite3 "$DB" "select count(*) from articles where source like \"%f3.txt\"")" = 1 ]'

# ---- serve: the file replaced, deleted, put back -----------------------------
S="$T/served.db"
"$REEL" ingest --db "$S" "$T/small/f1.txt" "$T/small/f2.txt" 2> /dev/null
"$REEL" ingest --db "$T/other.db" "$T/small" 2> /dev/null
"$REEL" serve --db "$S" --listen 0 --threads 2 > "$T/serve.out" 2> "$T/serve.err" &
srv=$!
pids_to_kill+=($srv)
wait_until 60 grep -q serving "$T/serve.out" || bad "reel serve did not start in 60 s"
port=$(sed -n 's|.* on http://[^ ]*:\([0-9]*\)/ .*|\1|p' "$T/serve.out")
articles() { curl -s "http://127.0.0.1:$port/api/health" | python3 -c 'import json,sys; print(json.load(sys.stdin)["store"]["articles"])' 2> /dev/null; }
code() { curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port$1"; }
check "serving the store: 2 articles" '[ "$(articles)" = 2 ]'
cp "$T/other.db" "$S.new" && mv "$S.new" "$S"
same=1
for _ in 1 2 3 4 5 6; do [ "$(articles)" = 8 ] || same=0; done
check "file replaced: every answer from the new file (8 articles)" '[ $same = 1 ]'
mv "$S" "$T/away.db"
check "file deleted: /api/health 503" '[ "$(code /api/health)" = 503 ]'
check "file deleted: /api/films 503" '[ "$(code /api/films)" = 503 ]'
check "file deleted: no new file made" '[ ! -e "$S" ]'
mv "$T/away.db" "$S"
check "file back: answered again" '[ "$(articles)" = 8 ]'
kill $srv; wait $srv 2> /dev/null

# ---- serve with writes: a POST meets another process's long write lock ------
"$REEL" serve --db "$S" --listen 0 --threads 2 --token sesame > "$T/serve2.out" 2> /dev/null &
srv=$!
pids_to_kill+=($srv)
wait_until 60 grep -q serving "$T/serve2.out" || bad "reel serve did not start in 60 s"
port=$(sed -n 's|.* on http://[^ ]*:\([0-9]*\)/ .*|\1|p' "$T/serve2.out")
post() { # BODY: the status code
  curl -s -o "$T/post.json" -w '%{http_code}' -H 'Authorization: Bearer sesame' \
    -H 'Content-Type: text/plain' --data-binary "$1" "http://127.0.0.1:$port/api/articles"
}
# the lock is held until the POST has its answer, however long the
# server's own wait for it (15 s) takes here
rm -f "$T/unlock"
locker "$S" "$T/unlock" > "$T/lock2" &
l=$!
pids_to_kill+=($l)
wait_until 60 grep -q locked "$T/lock2" || bad "the lock was not taken in 60 s"
st=$(post $'Review: Quiet Water\n\nQuiet Water is a gentle, patient film.')
: > "$T/unlock"
cat "$T/post.json"; echo
check "POST while another process holds the write lock past the wait: 503 saying busy ($st)" \
  '[ "$st" = 503 ] && grep -q "busy" "$T/post.json"'
wait $l
st=$(post $'Review: Quiet Water\n\nQuiet Water is a gentle, patient film.')
check "the same POST once the lock is free: 201 ($st)" '[ "$st" = 201 ]'
kill $srv; wait $srv 2> /dev/null

if [ $fails = 0 ]; then echo "concurrency: all checks passed"; exit 0; fi
echo "concurrency: $fails checks failed"; exit 1
