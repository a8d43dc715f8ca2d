#!/bin/bash
# run.sh — `make bench`: runs every bench/*.sh in name order, each printing
# its own table of reel's numbers beside its anchors. Usage: bench/run.sh [BUILD_DIR]
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-$here/../build}" && pwd)
status=0
for s in "$here"/*.sh; do
    [ "$(basename "$s")" = run.sh ] && continue
    echo "== $(basename "$s" .sh)"
    if ! bash "$s" "$build"; then
        echo "bench $(basename "$s"): failed" >&2
        status=1
    fi
    echo
done
exit $status
