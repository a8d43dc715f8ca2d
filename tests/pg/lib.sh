# lib.sh — sourced by the shell tests and benchmarks that need a PostgreSQL
# server: pg_start [POSTGRES_OPTIONS] starts one (start.sh) and sets PGDIR
# and PGBASE (its URL without a database); pg_stop stops it (call it from
# the EXIT trap); pg_sql DB SQL, pg_newdb NAME (prints its URL), pg_ctl ARGS
# (as the server's user). pg_start fails loudly, printing why.
PGDIR=""
PGBASE=""
pg_start() {
  local here out
  here=$(dirname "${BASH_SOURCE[0]}")
  if ! out=$(bash "$here/start.sh" "$@" 2>&1); then
    echo "$out"
    echo "FAIL: PostgreSQL could not be started. Install Debian's postgresql package"
    echo "      (make deps does) and run again."
    return 1
  fi
  PGDIR=$(echo "$out" | sed -n 1p)
  PGBASE=$(echo "$out" | sed -n 2p)
  PGBASE=${PGBASE%/*}
}
pg_stop() { [ -n "$PGDIR" ] && bash "$(dirname "${BASH_SOURCE[0]}")/stop.sh" "$PGDIR"; PGDIR=""; }
pg_sql() { psql -X -q -tA -v ON_ERROR_STOP=1 "$PGBASE/$1" -c "$2"; }
pg_newdb() { pg_sql postgres "CREATE DATABASE $1" > /dev/null && echo "$PGBASE/$1"; }
pg_ctl() {
  local as=()
  [ -f "$PGDIR/as" ] && read -r -a as < "$PGDIR/as"
  "${as[@]}" "$(cat "$PGDIR/bindir")/pg_ctl" -D "$PGDIR/data" "$@"
}
