#!/usr/bin/env bash
# crawl_memory.sh — is `reel ingest` memory flat over a crawl (issue 13)?
# A WARC.gz crawl of real-size pages (the extraction-dev pages and
# examples/*.html under different URLs, bodies as sent, gzip and chunked,
# as bench/throughput.sh makes them) is written into one `reel ingest -`
# into a new SQLite store, and the process's RSS now and its peak so far
# are read from /proc when 10%, 25%, 50%, 75% and all of the pages have
# gone in (the pipe holds little, so what was written is what was read),
# and the peak again when it has finished. Flat: the peak when every page
# has been written within 10% of the peak at 10%; what the closing step
# (each grown film settled once, reel_store_settle) adds is shown apart.
# Temporary files go under /tmp and are deleted.
# Env: BENCH_CRAWL_PAGES (default 20000), BENCH_CRAWL_BATCH (ingest
# --batch, default the command's own).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
build=${1:-${REEL_BUILD:-$root/build}}
REEL=${REEL_BIN:-$build/reel}
data=${REEL_EXTRACTION_DATA:-$root/../shared/data/extraction-dev}/html
pages=${BENCH_CRAWL_PAGES:-20000}
batch=${BENCH_CRAWL_BATCH:-}
if [ ! -d "$data" ]; then
    echo "crawl_memory: skipped, $data is absent (needs shared/data/extraction-dev)"
    exit 0
fi
[ -x "$REEL" ] || { echo "crawl_memory: $REEL missing; build first (make build)" >&2; exit 1; }
tmp=$(mktemp -d /tmp/reel-crawlmem.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

nice -n 10 /usr/bin/python3 - "$REEL" "$tmp" "$pages" "$data" "$root/examples" "$batch" "$here" <<'PY'
import os, subprocess, sys, time
sys.path.insert(0, sys.argv[7])
from warc_crawl import Crawl
reel, tmp, n, data, examples, batch = sys.argv[1:7]
n = int(n)
crawl = Crawl(data, examples)
pages = crawl.pages

def status(pid):
    out = {}
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                k, _, v = line.partition(":")
                if k in ("VmRSS", "VmHWM"):
                    out[k] = int(v.split()[0]) / 1024
    except OSError:
        pass
    return out

cmd = [reel, "ingest", "--quiet", "--db", tmp + "/crawl.sqlite"]
if batch:
    cmd += ["--batch", batch]
p = subprocess.Popen(cmd + ["-"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                     stderr=open(tmp + "/err", "w"))
marks = {max(1, n * k // 100): k for k in (10, 25, 50, 75, 100)}
rows = []
html = 0
t0 = time.time()
p.stdin.write(crawl.warcinfo())
for i in range(n):
    rec, size = crawl.page(i)
    p.stdin.write(rec)
    html += size
    if i + 1 in marks:
        p.stdin.flush()
        s = status(p.pid)
        rows.append((marks[i + 1], i + 1, s.get("VmRSS", 0), s.get("VmHWM", 0), time.time() - t0))
p.stdin.close()
_, st, ru = os.wait4(p.pid, 0)
wall = time.time() - t0
print("reel ingest - of a WARC.gz crawl: %d pages (%d distinct, %.0f MB of HTML), new SQLite store"
      % (n, len(pages), html / 1e6))
print("%-10s %8s %12s %14s %8s" % ("written", "pages", "RSS now MB", "peak so far MB", "wall s"))
for pct, k, rss, hwm, t in rows:
    print("%-10s %8d %12.0f %14.0f %8.0f" % ("%d%%" % pct, k, rss, hwm, t))
peak = ru.ru_maxrss / 1024
print("%-10s %8d %12s %14.0f %8.0f" % ("finished", n, "-", peak, wall))
cpu = ru.ru_utime + ru.ru_stime
print("reel: %.0f s CPU, %.0f pages per CPU second" % (cpu, n / cpu if cpu else 0))
first = rows[0][3] if rows else 0
last = rows[-1][3] if rows else 0
print("flat over the crawl (peak with all pages written within 10%% of the peak at 10%%): %s "
      "(%.0f -> %.0f MB); the closing step (films settled once) adds %.0f MB; exit %d"
      % ("yes" if first and last <= 1.1 * first else "NO", first, last, peak - last,
         os.waitstatus_to_exitcode(st)))
err = open(tmp + "/err").read().strip()
if err:
    print("stderr: " + err.splitlines()[0][:200])
PY
