#!/usr/bin/env bash
# limits.sh — cost of hostile and huge pages through `reel extract`, beside
# the targets of issue 13: one element with 80,000 attributes (libxml2's
# duplicate-attribute check made it quadratic; target under 1 s), and the
# peak memory (max RSS) of the largest accepted input, a 64 MiB page and
# 64 MiB of plain text, of 20 MB of quote-laden text, and of 64 MiB pages of
# the densest markup, a tiny element every few bytes (without the markup
# budget of the HTML pre-pass they took 30-120x; docs/formats.md) (target at
# most 8x the input), and of 64 MiB of the shapes the budgets of blocks,
# sentences and tokens hold (one-sentence paragraphs as HTML and as text,
# one-letter words, punctuation, initials; without the budgets 10-20x).
# Each input is read by `reel extract` and by `reel ingest` into a new
# SQLite store. Inputs are made here under /tmp and deleted. Env:
# BENCH_LIMIT_MB (default 64) for the pages and the text.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
build=${1:-${REEL_BUILD:-$root/build}}
REEL=${REEL_BIN:-$build/reel}
mb=${BENCH_LIMIT_MB:-64}
[ -x "$REEL" ] || { echo "limits: $REEL missing; build first (make build)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "limits: /usr/bin/time missing (apt-get install time)" >&2; exit 1; }
tmp=$(mktemp -d /tmp/reel-limits.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

/usr/bin/python3 - "$tmp" "$mb" <<'PY'
import sys
tmp, mb = sys.argv[1], int(sys.argv[2])
attrs = " ".join('data-a%d="x"' % i for i in range(80000))
with open(tmp + "/attrs.html", "w") as f:
    f.write("<html><body><div %s><p>One paragraph under an element with eighty "
            "thousand attributes, long enough to be read.</p></div></body></html>" % attrs)
para = ("<p>Every paragraph of this long page says much the same about the film, "
        "that Denis Villeneuve's Arrival, with Amy Adams, is patient and strange.</p>\n")
head, tail = "<html><head><title>A long page</title></head><body><article>", "</article></body></html>"
n = (mb * 1024 * 1024 - len(head) - len(tail)) // len(para)
with open(tmp + "/big.html", "w") as f:
    f.write(head + para * n + tail)
tpara = ("Every paragraph of this long text says much the same about the film, "
         "that Denis Villeneuve's Arrival, with Amy Adams, is patient and strange.\n\n")
with open(tmp + "/big.txt", "w") as f:
    f.write(tpara * (mb * 1024 * 1024 // len(tpara)))
# the densest shapes: paragraphs of one italic word, list items of one
# letter, letters between line breaks, inline soup
dense = {"dense-p-i": "<p><i>a</i></p>", "dense-li": "<li>x", "dense-br": "x<br>",
         "dense-mixed": "<div><p><b>x</b> <i>y</i><a href=#>z</a></p></div>"}
for name, unit in dense.items():
    with open("%s/%s.html" % (tmp, name), "w") as f:
        f.write(head + unit * ((mb * 1024 * 1024 - len(head) - len(tail)) // len(unit)) + tail)
# the shapes the budgets of blocks, sentences and tokens hold: a short
# one-sentence paragraph again and again, and a token every one to three
# bytes
shapes = {"short-p.html": (head, "<p>It is good.</p>", tail), "short-p.txt": ("", "It is good.\n\n", ""),
          "letters.txt": ("", "a ", ""), "commas.txt": ("", ",", ""), "initials.txt": ("", "I. ", "")}
for name, (h, unit, t) in shapes.items():
    with open("%s/%s" % (tmp, name), "w") as f:
        f.write(h + unit * ((mb * 1024 * 1024 - len(h) - len(t)) // len(unit)) + t)
q = 'The critic wrote that "it is a patient and strange film, one of the year\'s best," and more. '
with open(tmp + "/quotes.txt", "w") as f:
    f.write(q * (20 * 1000 * 1000 // len(q)))
PY

# run NAME FILE: CPU seconds (user + system: the machine may be shared) and
# max RSS (KB) of reel extract on FILE
run() {
    /usr/bin/time -f "%U %S %M" -o "$tmp/$1.time" nice -n 10 "$REEL" extract "$2" >/dev/null
    awk '{ printf "%.2f %d\n", $1 + $2, $3 }' "$tmp/$1.time"
}
# ingest FILE: max RSS (KB) of reel ingest of FILE into a new SQLite store
ingest() {
    rm -f "$tmp/store.db" "$tmp/store.db-wal" "$tmp/store.db-shm"
    /usr/bin/time -f "%M" -o "$tmp/ingest.time" nice -n 10 "$REEL" ingest --quiet \
        --db "$tmp/store.db" "$1" >/dev/null 2>&1
    cat "$tmp/ingest.time"
}
size() { stat -c %s "$1"; }
# row LABEL FILE KB: one line of peak memory, reel extract's (KB) and reel
# ingest's, each beside the target of 8x the input
row() {
    local ikb
    ikb=$(ingest "$2")
    awk -v kb="$3" -v ikb="$ikb" -v b="$(size "$2")" -v l="$1" 'BEGIN {
        printf "%-30s %7.0f MB %6.1fx %7.0f MB %6.1fx %9.0f MB\n", l, kb / 1024, kb * 1024 / b,
               ikb / 1024, ikb * 1024 / b, 8 * b / 1048576 }'
}

read -r at_s at_kb < <(run attrs "$tmp/attrs.html")
read -r big_s big_kb < <(run big "$tmp/big.html")
read -r txt_s txt_kb < <(run text "$tmp/big.txt")
read -r q_s q_kb < <(run quotes "$tmp/quotes.txt")
printf '%-30s %10s %7s %10s %7s %12s\n' "input: peak RSS" "extract" "ratio" "ingest" "ratio" "target"
row "$mb MiB page" "$tmp/big.html" "$big_kb"
row "$mb MiB of text" "$tmp/big.txt" "$txt_kb"
row "20 MB of quotes" "$tmp/quotes.txt" "$q_kb"
for d in dense-p-i.html dense-li.html dense-br.html dense-mixed.html short-p.html short-p.txt \
         letters.txt commas.txt initials.txt; do
    read -r d_s d_kb < <(run "$d" "$tmp/$d")
    row "$mb MiB $d" "$tmp/$d" "$d_kb"
    rm -f "$tmp/$d"
done
printf '%-30s %10.2f s %s\n' "80,000 attributes: CPU time" "$at_s" "(target < 1 s)"
printf '%-30s %10.1f s\n' "$mb MiB page: CPU time" "$big_s"
