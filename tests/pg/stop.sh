#!/usr/bin/env bash
# stop.sh — stop a server tests/pg/start.sh started and remove its
# directory. usage: tests/pg/stop.sh DIR
set -u
dir=${1:?usage: stop.sh DIR}
[ -f "$dir/bindir" ] || { echo "pg/stop.sh: $dir is not a server directory" >&2; exit 1; }
as=()
[ -f "$dir/as" ] && read -r -a as < "$dir/as"
"${as[@]}" "$(cat "$dir/bindir")/pg_ctl" -D "$dir/data" -m immediate -w stop > /dev/null 2>&1
case "$dir" in /tmp/reel-pg.*) rm -rf "$dir" ;; esac
