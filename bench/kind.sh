#!/usr/bin/env bash
# kind.sh — article kind: the rules (src/analyze/kind.c) beside a model
# trained with the sentiment trainer, on the same labelled documents in the
# same run (bench/kind.c says which and how they are labelled). The rules
# are scored as they stand; the model by 10-fold cross-validation by group.
# Data is read from ../shared at run time; without it the bench skips.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-${REEL_BUILD:-$here/build}}"
case "$build" in /*) ;; *) build="$here/$build" ;; esac
bin="$build/bench_kind"
shared="$here/../shared"
echo "== article kind: rules or a model =="
if [ ! -d "$shared/seeds" ] || [ ! -d "$shared/data" ]; then
  echo "kind: SKIP — $shared is absent (the seeds, extraction-dev and polarity2k are read from it)"
  exit 0
fi
[ -x "$bin" ] || { echo "kind: $bin missing (build first)" >&2; exit 1; }
model=()
[ -f "$here/models/sentiment.model" ] && model=(--model "$here/models/sentiment.model")
nice -n 10 "$bin" "$here" "$shared" --reviews 100 --folds 10 "${model[@]}"
