#!/usr/bin/env bash
# run.sh BUILD_DIR SECONDS [NAME...] — run every libFuzzer target (or the
# named ones, e.g. fuzz_html) for SECONDS each
# with its corpus (new inputs are kept in a scratch copy, not the repo's
# corpus); fails if any target finds a crash, leak or timeout.
set -u
build=${1:-build-fuzz}
secs=${2:-60}
here=$(cd "$(dirname "$0")" && pwd)
status=0
shift 2 2>/dev/null || shift $#
for bin in "$build"/fuzz_*; do
  [ -x "$bin" ] || continue
  name=$(basename "$bin")
  if [ $# -gt 0 ] && [[ " $* " != *" $name "* ]]; then continue; fi
  work=$(mktemp -d)
  cp -r "$here/corpus/$name/." "$work/" 2>/dev/null
  echo "== $name for ${secs}s"
  nice -n 10 "$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$build/$name-" "$work" > "$work.log" 2>&1
  rc=$?
  tail -n 3 "$work.log"
  if [ $rc -ne 0 ]; then
    grep -m1 -A12 '==ERROR\|ERROR: libFuzzer\|runtime error' "$work.log"
    echo "!! $name failed (exit $rc); artifacts in $build/$name-*"
    status=1
  fi
  rm -f "$work.log"
  rm -rf "$work"
done
exit $status
