#!/bin/bash
# extraction.sh — HTML reading quality and speed on ../shared/data/extraction-dev:
# reel's read + clean text scored by the benchmark's metric beside the 15
# baselines' outputs, and reel's pages/s and MB/s beside Debian's
# python3-readability on the same pages in the same run.
# Usage: bench/extraction.sh [BUILD_DIR]  (or env REEL_BUILD; BENCH_SECONDS:
# how long each side is timed, default 3)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
build=${1:-${REEL_BUILD:-$root/build}}
data=${REEL_EXTRACTION_DATA:-$root/../shared/data/extraction-dev}
secs=${BENCH_SECONDS:-3}
if [ ! -f "$data/ground-truth.json" ]; then
    echo "extraction: skipped, $data is absent (needs shared/data/extraction-dev)"
    exit 0
fi
driver=$build/bench_extraction_run
if [ ! -x "$driver" ]; then
    echo "extraction: $driver missing; build first (make build)" >&2
    exit 1
fi
/usr/bin/python3 -c 'from readability import Document' 2>/dev/null || {
    echo "extraction: python3-readability missing (apt-get install python3-readability)" >&2
    exit 1
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
nice -n 10 "$driver" "$data" "$tmp/reel.json" "$tmp/speed.json" "$secs"
BENCH_SECONDS=$secs nice -n 10 /usr/bin/python3 "$here/extraction_score.py" \
    "$data" "$tmp/reel.json" "$tmp/speed.json"
