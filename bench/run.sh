#!/usr/bin/env bash
# run.sh BUILD_DIR — `make bench`: every bench/*.sh in name order, each
# printing its own table of reel's numbers beside its anchors, measured in
# this same run. A missing ../shared skips the benches that need it.
set -u
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
export REEL_BIN="$(cd "$build" && pwd)/reel" REEL_BUILD="$(cd "$build" && pwd)" REEL_SRC="$(cd "$here/.." && pwd)"
echo "reel benchmarks — $(date -u +%Y-%m-%d) on $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -m)"
status=0
for b in "$here"/*.sh; do
  [ "$(basename "$b")" = run.sh ] && continue
  echo
  echo "=== $(basename "$b" .sh)"
  bash "$b" || status=1
done
exit $status
