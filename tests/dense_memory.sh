#!/usr/bin/env bash
# dense_memory.sh — a page of dense markup costs memory in proportion to its
# size (issue 13: at most 8x): `reel extract` reads a 4 MiB and a 24 MiB page
# of tiny mixed elements, and the peak RSS (the kernel's count for the child,
# not a timing) may grow by at most 8 bytes per byte the page grew. Without
# the markup budget of the HTML pre-pass it grew by about 55. The sanitizers
# change memory use: under them only the reading is checked.
set -euo pipefail
REEL=${REEL_BIN:?REEL_BIN is not set}
tmp=$(mktemp -d /tmp/reel-dense.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

/usr/bin/python3 - "$REEL" "$tmp" "${REEL_SANITIZED:-}" <<'PY'
import os, subprocess, sys
reel, tmp, sanitized = sys.argv[1], sys.argv[2], sys.argv[3]
head = ("<html><head><title>A dense page</title></head><body><article><p>The opening "
        "paragraph says that Arrival is a patient film that rewards the viewer.</p>")
tail = "</article></body></html>"
unit = "<div><p><b>x</b> <i>y</i><a href=#>z</a></p></div>"

def peak_kb(mib):
    path = "%s/dense-%d.html" % (tmp, mib)
    with open(path, "w") as f:
        f.write(head + unit * ((mib * 1048576 - len(head) - len(tail)) // len(unit)) + tail)
    with open(tmp + "/out", "w") as out:
        p = subprocess.Popen([reel, "extract", "--json", "--no-model", path], stdout=out)
        _, status, usage = os.wait4(p.pid, 0)
    if status != 0:
        sys.exit("dense_memory: reel extract failed on a %d MiB dense page" % mib)
    with open(tmp + "/out") as out:
        rec = out.read()
    if "The opening paragraph" not in rec:
        sys.exit("dense_memory: the %d MiB dense page lost its text" % mib)
    os.unlink(path)
    return usage.ru_maxrss

small, big = 4, 24
if sanitized:
    peak_kb(small)
    print("dense_memory: read (memory not checked under the sanitizers)")
    sys.exit(0)
a, b = peak_kb(small), peak_kb(big)
per_byte = (b - a) * 1024.0 / ((big - small) * 1048576)
print("dense_memory: %d MiB -> %.0f MB, %d MiB -> %.0f MB: %.1f bytes per byte"
      % (small, a / 1024, big, b / 1024, per_byte))
if per_byte > 8:
    sys.exit("dense_memory: a dense page grows memory by %.1f bytes per byte (at most 8)"
             % per_byte)
PY
