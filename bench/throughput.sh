#!/usr/bin/env bash
# throughput.sh — `reel extract` as a crawl mapper: a WARC.gz of real-size
# pages (the extraction-dev pages and examples/*.html, repeated under
# different URLs, with the encodings crawls hold: gzip and chunked bodies,
# request and warcinfo records) through one process with every analyzer on.
# Prints pages/s per core (pages / CPU seconds), MB/s and peak RSS, peak RSS
# again for 10x the input, beside Debian's python3-readability on the same
# pages in the same run. Temporary files go under /tmp and are deleted.
# Env: BENCH_PAGES (default 10000); BENCH_FULL=1 runs 10x as 10 x BENCH_PAGES
# (about 10 minutes); by default the 10x pair is BENCH_PAGES/10 and
# BENCH_PAGES, which keeps the run near 2 minutes.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
build=${1:-${REEL_BUILD:-$root/build}}
REEL=${REEL_BIN:-$build/reel}
data=${REEL_EXTRACTION_DATA:-$root/../shared/data/extraction-dev}/html
pages=${BENCH_PAGES:-10000}
full=${BENCH_FULL:-0}
if [ ! -d "$data" ]; then
    echo "throughput: skipped, $data is absent (needs shared/data/extraction-dev)"
    exit 0
fi
[ -x "$REEL" ] || { echo "throughput: $REEL missing; build first (make build)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "throughput: /usr/bin/time missing (apt-get install time)" >&2; exit 1; }
/usr/bin/python3 -c 'from readability import Document' 2>/dev/null || {
    echo "throughput: python3-readability missing (apt-get install python3-readability)" >&2
    exit 1
}
tmp=$(mktemp -d /tmp/reel-throughput.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

# ---- the crawl ---------------------------------------------------------------
# make_warc OUT N: N response records cycling over the distinct pages, each
# record its own gzip member; prints "distinct html_bytes".
make_warc() {
    nice -n 10 /usr/bin/python3 - "$1" "$2" "$data" "$root/examples" "$here" <<'PY'
import sys
sys.path.insert(0, sys.argv[5])
from warc_crawl import Crawl
out, n = sys.argv[1], int(sys.argv[2])
crawl = Crawl(sys.argv[3], sys.argv[4])
html_bytes = 0
with open(out, "wb") as f:
    f.write(crawl.warcinfo())
    for i in range(n):
        rec, size = crawl.page(i, request=True)
        f.write(rec)
        html_bytes += size
print(len(crawl.pages), html_bytes)
PY
}

# run_reel NAME INPUT_CMD: `reel extract` under /usr/bin/time -v, reading
# standard input from INPUT_CMD; writes NAME.{n,time,err}.
run_reel() {
    bash -c "$2" | /usr/bin/time -v -o "$tmp/$1.time" nice -n 10 "$REEL" extract --quiet - \
        2> "$tmp/$1.err" | wc -l > "$tmp/$1.n"
}
field() { awk -F': ' -v k="$2" 'index($0, k) {print $2}' "$tmp/$1.time"; }
cpu() { echo "$(field "$1" 'User time') + $(field "$1" 'System time')" | bc -l; }
rss_mb() { echo "$(field "$1" 'Maximum resident set size') / 1024" | bc -l; }

small=$((pages / 10))
big=$((full == 1 ? pages * 10 : pages))
read -r distinct html_bytes < <(make_warc "$tmp/crawl.warc.gz" "$pages")
if [ "$full" != 1 ]; then make_warc "$tmp/small.warc.gz" "$small" > /dev/null; fi
warc_mb=$(echo "$(stat -c %s "$tmp/crawl.warc.gz") / 1000000" | bc -l)

model=$("$REEL" extract --quiet "$root/examples/parasite-review-1.html" | grep -c '"sentiment":{"prob' || true)
run_reel x1 "cat '$tmp/crawl.warc.gz'"
if [ "$full" = 1 ]; then
    run_reel x10 "for i in \$(seq 10); do cat '$tmp/crawl.warc.gz'; done"
    lo=x1 hi=x10 lo_n=$pages hi_n=$big
else
    run_reel x01 "cat '$tmp/small.warc.gz'"
    lo=x01 hi=x1 lo_n=$small hi_n=$pages
fi

# ---- python3-readability on the same pages ----------------------------------
# each distinct page once: the crawl cycles over them evenly, so the mix is
# the same; readability gets the decoded HTML (no WARC or gzip work)
nice -n 10 /usr/bin/python3 - "$data" "$root/examples" > "$tmp/readability" <<'PY'
import glob, resource, sys, time
from readability import Document
paths = sorted(glob.glob(sys.argv[1] + "/*.html")) + sorted(glob.glob(sys.argv[2] + "/*.html"))
pages = [open(p, "rb").read() for p in paths]
t = time.process_time()
n = 0
for p in pages:
    Document(p).summary()
    n += 1
dt = time.process_time() - t
print(n, dt, sum(map(len, pages)), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
PY
read -r rd_n rd_cpu rd_bytes rd_rss < "$tmp/readability"

# ---- the table ------------------------------------------------------------------
n1=$(cat "$tmp/x1.n")
c1=$(cpu x1)
wall1=$(field x1 'Elapsed (wall clock)')
errors=$(grep -vc 'records skipped' "$tmp/x1.err" || true)
avg_kb=$(echo "$html_bytes / $pages / 1000" | bc -l)
printf 'reel extract on a WARC.gz of %d pages (%d distinct real pages, %.0f KB of HTML each on average;\n' \
    "$pages" "$distinct" "$avg_kb"
printf '%.0f MB of HTML, %.0f MB gzipped; a quarter each stored as sent, gzip, chunked, gzip+chunked);\n' \
    "$(echo "$html_bytes / 1000000" | bc -l)" "$warc_mb"
printf 'sentiment model %s; one process; per core = per CPU second (user+sys), on %d shared cores\n\n' \
    "$([ "$model" = 1 ] && echo loaded || echo MISSING)" "$(nproc)"
printf '%-46s %8s %10s %10s %10s %9s\n' "" pages "pages/s" "HTML MB/s" "gz MB/s" "peak RSS"
printf '%-46s %8s %10s %10s %10s %9s\n' "" "" "per core" "per core" "per core" "MB"
printf '%-46s %8d %10.0f %10.1f %10.1f %9.0f\n' "reel extract (wall $wall1)" "$n1" \
    "$(echo "$n1 / $c1" | bc -l)" "$(echo "$html_bytes / 1000000 / $c1" | bc -l)" \
    "$(echo "$warc_mb / $c1" | bc -l)" "$(rss_mb x1)"
printf '%-46s %8d %10.0f %10.1f %10s %9.0f\n' "python3-readability (Document.summary)" "$rd_n" \
    "$(echo "$rd_n / $rd_cpu" | bc -l)" "$(echo "$rd_bytes / 1000000 / $rd_cpu" | bc -l)" "-" "$rd_rss"
echo
printf 'readability ran on each distinct page once (%d pages, %.1f s CPU), the same mix as the\n' "$rd_n" "$rd_cpu"
printf 'crawl, from decoded HTML; its rate is pages per CPU second, as reel'"'"'s.\n'
printf 'peak RSS of reel extract: %.0f MB at %d pages, %.0f MB at %d pages (10x)%s\n' \
    "$(rss_mb $lo)" "$lo_n" "$(rss_mb $hi)" "$hi_n" \
    "$([ "$full" = 1 ] && echo "" || echo "; BENCH_FULL=1 for $((pages * 10))")"
rate=$(echo "$n1 / $c1" | bc -l)
worst=$(echo "if ($(rss_mb $lo) > $(rss_mb $hi)) $(rss_mb $lo) else $(rss_mb $hi)" | bc -l)
printf 'targets: >= 200 pages/s per core: %s (%.0f); peak RSS <= 100 MB at 1x and 10x: %s (%.0f MB)\n' \
    "$(echo "$rate >= 200" | bc -l | sed 's/1/met/;s/0/MISSED/')" "$rate" \
    "$(echo "$worst <= 100" | bc -l | sed 's/1/met/;s/0/MISSED/')" "$worst"
if [ "$errors" != 0 ]; then
    echo "reel reported $errors errors on the crawl:"
    head -n 5 "$tmp/x1.err"
fi
# every page must come out: fewer records is a bug, not a speed
[ "$n1" = "$pages" ] && [ "$(cat "$tmp/$hi.n")" = "$hi_n" ] && [ "$(cat "$tmp/$lo.n")" = "$lo_n" ]
