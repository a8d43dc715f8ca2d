#!/usr/bin/env bash
# dask.sh — a crawl run on a real Dask distributed cluster: a scheduler and
# two workers on loopback, shards of a WARC set mapped through `reel
# extract` / `reel extract --partials` and the partials reduced with `reel
# merge` (scripts/reel-dask); loaded into a fresh store, every film report
# must be byte-identical to one `reel ingest` of the same WARC files.
set -u
REEL=${REEL_BIN:?REEL_BIN not set}
SRC=${REEL_SRC:?REEL_SRC not set}
PY=/usr/bin/python3 # Debian's python3-distributed imports only here
"$PY" -c 'import distributed' 2>/dev/null || {
  echo "FAIL: python3-distributed is not installed (apt-get install python3-distributed)"
  exit 1
}
T=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  wait 2>/dev/null
  rm -rf "$T"
}
trap cleanup EXIT
export LC_ALL=C
fails=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fails=$((fails + 1)); }
check() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }

# ---- the WARC set: examples/ (and the seeds) as HTTP responses, each page
# under three URLs spread over four shards, two of them gzipped per record
inputs=("$SRC"/examples/*.txt "$SRC"/examples/*.html)
[ -d "$SRC/../shared/seeds" ] && inputs+=("$SRC"/../shared/seeds/*.txt)
"$PY" - "$T" "${inputs[@]}" <<'PY'
import gzip, html, os, sys
out, paths = sys.argv[1], sys.argv[2:]
shards = [[] for _ in range(4)]
n = 0
for copy in range(3):
    for path in paths:
        body = open(path, "rb").read()
        if not path.endswith(".html"):  # a crawl stores pages: text as paragraphs
            paras = body.decode("utf-8", "replace").split("\n\n")
            body = ("<html><body>" + "".join("<p>%s</p>" % html.escape(p) for p in paras)
                    + "</body></html>").encode()
        ctype = b"text/html"
        http = (b"HTTP/1.1 200 OK\r\nContent-Type: " + ctype + b"; charset=utf-8\r\n"
                b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
        uri = "https://crawl.example/%d/%s" % (copy, os.path.basename(path))
        rec = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: " + uri.encode() +
               b"\r\nWARC-Record-ID: <urn:uuid:%08d-0000-0000-0000-000000000000>\r\n" % n +
               b"Content-Type: application/http; msgtype=response\r\n"
               b"Content-Length: " + str(len(http)).encode() + b"\r\n\r\n" + http + b"\r\n\r\n")
        shards[n % 4].append(rec)
        n += 1
for i, recs in enumerate(shards):
    if i % 2:
        with open(os.path.join(out, "shard%d.warc.gz" % i), "wb") as f:
            for r in recs:
                f.write(gzip.compress(r, mtime=0))
    else:
        with open(os.path.join(out, "shard%d.warc" % i), "wb") as f:
            f.write(b"".join(recs))
print("WARC set: %d pages in 4 shards" % n)
PY
warcs=("$T"/shard*.warc*)

# ---- one process --------------------------------------------------------------
"$REEL" ingest --quiet --db "$T/single.db" "${warcs[@]}" 2> "$T/ingest.err"
check "single ingest exits 0" '[ $? = 0 ]'

# ---- the cluster: a scheduler and two workers on loopback ------------------------
port=$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cd "$T" || exit 1
dask-scheduler --host 127.0.0.1 --port "$port" --no-dashboard > "$T/scheduler.log" 2>&1 &
pids+=($!)
for w in 1 2; do
  dask-worker "tcp://127.0.0.1:$port" --host 127.0.0.1 --nthreads 1 --nworkers 1 \
    --no-dashboard --name "w$w" --local-directory "$T/w$w" > "$T/worker$w.log" 2>&1 &
  pids+=($!)
done
# wait until both workers have joined (at most 60 s)
"$PY" - "$port" <<'PY'
import sys, time
from distributed import Client
c = Client("tcp://127.0.0.1:%s" % sys.argv[1], timeout=60)
c.wait_for_workers(2, timeout=60)
print("cluster: %d workers" % len(c.scheduler_info()["workers"]))
c.close()
PY
check "scheduler and two workers up" '[ $? = 0 ]'

"$PY" "$SRC/scripts/reel-dask" --scheduler "tcp://127.0.0.1:$port" --reel "$REEL" \
  --model "$SRC/models/sentiment.model" --reducers 3 \
  --records "$T/records.jsonl" --partials "$T/merged.tsv" "${warcs[@]}" 2> "$T/dask.err"
rc=$?
check "reel-dask exits 0" '[ $rc = 0 ] || { cat "$T/dask.err"; false; }'
check "map tasks ran on both workers" 'grep -q "files on 2 workers" "$T/dask.err"'
n=$(grep -c . "$T/records.jsonl")
check "a record per page ($n)" "[ $n = $(( ${#inputs[@]} * 3 )) ]"
check "the merge is the same as one reel merge of all the records" \
  'cmp -s "$T/merged.tsv" <("$REEL" merge --quiet "$T/records.jsonl")'

"$REEL" load --db "$T/dask.db" "$T/records.jsonl" "$T/merged.tsv" > /dev/null 2> "$T/load.err"
check "load of records and merged partials exits 0 (every partial matches)" '[ $? = 0 ]'

"$REEL" films --db "$T/single.db" --json --limit 100000 > "$T/films.json"
"$REEL" films --db "$T/dask.db" --json --limit 100000 > "$T/films2.json"
check "film lists identical" '[ -s "$T/films.json" ] && cmp -s "$T/films.json" "$T/films2.json"'
"$PY" -c '
import json, sys
for f in json.load(open(sys.argv[1]))["films"]: print(f["key"])' "$T/films.json" > "$T/keys"
nf=$(grep -c . "$T/keys")
same=0
while IFS= read -r key; do
  "$REEL" film --db "$T/single.db" --json "$key" > "$T/a.json"
  "$REEL" film --db "$T/dask.db" --json "$key" > "$T/b.json"
  if cmp -s "$T/a.json" "$T/b.json"; then same=$((same + 1)); else bad "film '$key' differs"; fi
done < "$T/keys"
check "all $nf film reports byte-identical (one ingest = the Dask run)" '[ "$nf" -ge 4 ] && [ $same = "$nf" ]'

[ $fails = 0 ] && echo "all dask checks passed" || echo "$fails dask checks failed"
exit $((fails > 0))
