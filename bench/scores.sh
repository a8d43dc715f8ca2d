#!/bin/bash
# scores.sh — explicit-score table vs Rotten Tomatoes' fresh flag on rt-dev
# (parse rate and reasons, forms, chosen threshold beside naive tables, a
# 2-fold estimate). Usage: bench/scores.sh [BUILD_DIR]; run by bench/run.sh.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$here/build}"
case "$build" in /*) ;; *) build="$here/$build" ;; esac
data="$here/../shared/data/rt-dev/rt_critics.tsv"
if [ ! -r "$data" ]; then
    echo "scores: SKIP — $data is absent (shared data not in this checkout)"
    exit 0
fi
if [ ! -x "$build/bench_scores" ]; then
    echo "scores: $build/bench_scores is missing; build first (make build)" >&2
    exit 1
fi
"$build/bench_scores" "$data"
