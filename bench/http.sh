#!/usr/bin/env bash
# http.sh — load on `reel serve` with wrk (Debian): 64 connections for
# DURATION (10 s) per call, 2 wrk threads, on the same 2 cores as the
# server. The film report (JSON, from the response cache and with the cache
# off), the film page, a film's timeline (cached and not), full-text search
# the critic and outlet views and the OpenAPI document, beside a static file served by the same
# server as the ceiling. Prints requests/s, p99 latency and errors
# (socket errors + non-2xx). Target: >= 10,000 req/s on the film report
# with 0 errors. Usage: bench/http.sh [BUILD_DIR]; run by bench/run.sh.
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-${REEL_BUILD:-$here/build}}
bin=${REEL_BIN:-$build/reel}
dur=${DURATION:-10s}
conns=${CONNECTIONS:-64}
command -v wrk >/dev/null || { echo "http: wrk is missing (make bench installs it)"; exit 1; }
[ -x "$bin" ] || { echo "http: no reel binary at $bin; build first"; exit 1; }
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY
tmp=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done; rm -rf "$tmp"; }
trap cleanup EXIT

"$bin" ingest --quiet --db "$tmp/reel.db" "$here/examples" >/dev/null 2>&1 || { echo "http: ingest failed"; exit 1; }
seeds="$here/../shared/seeds"
what="examples/"
if [ -d "$seeds" ]; then
  "$bin" ingest --quiet --db "$tmp/reel.db" "$seeds" >/dev/null 2>&1 && what="examples/ + ../shared/seeds"
fi
n=$(sqlite3 "$tmp/reel.db" 'select count(*) from articles' 2>/dev/null || echo '?')

# start a server on a free port in this shell (so cleanup knows its pid:
# a $(...) subshell would lose it and leave the server running); its first
# line names the URL, which url_of waits for
start() { # start NAME [serve options...]
  local name=$1; shift
  nice -n 10 "$bin" serve --db "$tmp/reel.db" --listen 127.0.0.1:0 --threads 2 "$@" >"$tmp/$name.out" 2>&1 &
  pids+=($!)
}
url_of() { # url_of NAME
  for _ in $(seq 100); do
    grep -q 'http://' "$tmp/$1.out" 2>/dev/null && break
    sleep 0.05
  done
  sed -n 's|.*\(http://[0-9.:]*\)/.*|\1|p' "$tmp/$1.out" | head -1
}
start cached
start nocache --no-cache
cached=$(url_of cached)
nocache=$(url_of nocache)
[ -n "$cached" ] && [ -n "$nocache" ] || { echo "http: the server did not start"; cat "$tmp"/*.out; exit 1; }

film="pain%20and%20glory"
# one wrk run: prints "req/s p99 errors"; load URL [wrk options, e.g. -H ...]
load() {
  local out
  out=$(nice -n 10 wrk -t2 -c"$conns" -d"$dur" --latency "${@:2}" "$1" 2>&1)
  local rps p99 sock non2xx
  rps=$(awk '/^Requests\/sec/ {printf "%.0f", $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  sock=$(awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $5}' <<<"$out")
  echo "${rps:-0} ${p99:-?} $(( ${sock:-0} + ${non2xx:-0} ))"
}

echo "store: $n articles ($what); wrk: $conns connections, $dur, 2 threads; server: 2 threads"
printf '%-44s %10s %10s %8s\n' "call" "req/s" "p99" "errors"
report_rps=0
report_err=1
row() { # row LABEL URL [wrk options]
  read -r rps p99 err < <(load "${@:2}")
  printf '%-44s %10s %10s %8s\n' "$1" "$rps" "$p99" "$err"
  LAST_RPS=$rps LAST_ERR=$err
}
row "static file /static/reel.css (ceiling)" "$cached/static/reel.css"
row "film report GET /api/films/{title}" "$cached/api/films/$film"
report_rps=$LAST_RPS report_err=$LAST_ERR
row "film report, gzip (Accept-Encoding: gzip)" "$cached/api/films/$film" -H "Accept-Encoding: gzip"
row "film report, response cache off" "$nocache/api/films/$film"
row "film report, cache off, gzip" "$nocache/api/films/$film" -H "Accept-Encoding: gzip"
row "film page GET /films/{title} (HTML)" "$cached/films/$film"
row "timeline GET /api/films/{title}/timeline" "$cached/api/films/$film/timeline"
row "timeline, response cache off" "$nocache/api/films/$film/timeline"
row "search GET /api/search?q=glory" "$cached/api/search?q=glory"
row "search page GET /search?q=glory (HTML)" "$cached/search?q=glory"
# the critic and outlet views read every review (store/critics.c): a list
# from the cache, and with it off; one critic; the critic page; outlets
row "critics GET /api/critics" "$cached/api/critics"
row "critics, response cache off" "$nocache/api/critics"
row "one critic GET /api/critics/{name}" "$cached/api/critics/Marisol%20Okafor"
row "one critic, response cache off" "$nocache/api/critics/Marisol%20Okafor"
row "critic page GET /critics/{name} (HTML)" "$cached/critics/Marisol%20Okafor"
row "outlets GET /api/outlets?sort=agreement" "$cached/api/outlets?sort=agreement"
# the OpenAPI document: built into the binary, so only the ETag and sending
row "openapi GET /api/openapi.json" "$cached/api/openapi.json"
if [ "$report_rps" -ge 10000 ] && [ "$report_err" -eq 0 ]; then
  echo "target (>= 10,000 req/s on the film report, 0 errors): met"
else
  echo "target (>= 10,000 req/s on the film report, 0 errors): NOT met ($report_rps req/s, $report_err errors)"
fi
