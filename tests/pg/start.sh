#!/usr/bin/env bash
# start.sh — a throwaway PostgreSQL server for the tests and benchmarks:
# initdb into a new temporary directory (as an unprivileged user: when run
# as root, the `postgres` system user Debian's package creates, or nobody),
# listening on 127.0.0.1 on a free port and on a socket in that directory.
# Prints two lines: the server's directory (give it to stop.sh) and its URL.
# Fails loudly, never silently, when no server can be started.
#   usage: tests/pg/start.sh [EXTRA_POSTGRES_OPTIONS]
set -u
die() { echo "pg/start.sh: FAIL: $*" >&2; exit 1; }

bindir=""
for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
  [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && { bindir=$d; break; }
done
if [ -z "$bindir" ] && command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then
  bindir=$(dirname "$(command -v initdb)")
fi
[ -n "$bindir" ] || die "PostgreSQL's initdb/pg_ctl not found (Debian package: postgresql; make deps installs it)"

dir=$(mktemp -d /tmp/reel-pg.XXXXXX) || die "cannot make a temporary directory"
chmod 755 "$dir"
as=()
if [ "$(id -u)" = 0 ]; then
  # initdb refuses root: run the server as an unprivileged system user
  user=postgres
  id -u "$user" >/dev/null 2>&1 || user=nobody
  chown "$user" "$dir" || die "cannot give $dir to $user"
  as=(runuser -u "$user" --)
fi
echo "$bindir" > "$dir/bindir"
[ ${#as[@]} -gt 0 ] && echo "${as[*]}" > "$dir/as"

"${as[@]}" "$bindir/initdb" -D "$dir/data" -U reel --auth=trust -E UTF8 --locale=C \
  > "$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb failed (log above)"; }

# a free port: ask the kernel for one, and try again if another process
# takes it before the server binds it
for attempt in 1 2 3 4 5; do
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  if "${as[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
       -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c deadlock_timeout=200ms -c max_connections=60 ${1:-}" \
       start > "$dir/pg_ctl.log" 2>&1; then
    echo "$port" > "$dir/port"
    echo "$dir"
    echo "postgresql://reel@127.0.0.1:$port/postgres"
    exit 0
  fi
done
cat "$dir/server.log" "$dir/pg_ctl.log" >&2 2>/dev/null
die "the server did not start (logs above; directory $dir)"
