#!/usr/bin/env bash
# facts.sh — the facts analyzer's numbers for `make bench`: precision and
# recall against the seeds' gold file, name matching and clustering on
# ../shared/data/rt-dev/rt_movies.tsv (and cast read from its synopses),
# and the time facts add to the per-article flow, measured with and without
# the analyzer on the same inputs in the same run. Data is read from
# ../shared at run time; what is missing is said and skipped.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-${REEL_BUILD:-$here/build}}"
case "$build" in /*) ;; *) build="$here/$build" ;; esac
bin="$build/bench_facts"
shared="$here/../shared"
[ -x "$bin" ] || { echo "facts: $bin missing (build first)"; exit 1; }
echo "== facts (issue 5) =="
if [ ! -d "$shared/seeds" ]; then
  echo "facts: ../shared is absent: skipping the gold, rt_movies and timing runs"
  exit 0
fi
nice -n 10 "$bin" gold "$here" "$shared"
if [ -f "$shared/data/rt-dev/rt_movies.tsv" ]; then
  nice -n 10 "$bin" names "$shared/data/rt-dev/rt_movies.tsv"
else
  echo "facts: rt_movies.tsv absent: name matching skipped"
fi
echo
echo "time the facts analyzer adds to the whole flow (read, clean, segment, analyze, record)"
model=()
[ -f "$here/models/sentiment.model" ] && model=(--model "$here/models/sentiment.model")
BENCH_LABEL="seeds" nice -n 10 "$bin" time "${model[@]}" "$shared"/seeds/*
if [ -d "$shared/data/extraction-dev/html" ]; then
  BENCH_LABEL="extraction-dev html pages" nice -n 10 "$bin" time "${model[@]}" "$shared"/data/extraction-dev/html/*.html
fi
if [ -f "$shared/data/polarity2k.tsv" ]; then
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  # the first 300 reviews, one file each, in a scratch directory
  head -n 300 "$shared/data/polarity2k.tsv" | awk -F'\t' -v d="$tmp" '{ f = sprintf("%s/%04d.txt", d, NR); print $3 > f; close(f) }'
  BENCH_LABEL="polarity2k reviews (300)" nice -n 10 "$bin" time "${model[@]}" "$tmp"/*.txt
fi
