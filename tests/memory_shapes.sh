#!/usr/bin/env bash
# memory_shapes.sh — a document costs memory in proportion to its size,
# whatever its shape (issue 13: at most 8x): `reel extract` reads each shape
# at 4 MiB and at 20 MiB, and the peak RSS (the kernel's count for the
# child, not a timing) may grow by at most 8 bytes per byte the input grew.
# The shapes are the worst found: dense markup (a tiny element every few
# bytes: the markup budget of the HTML pre-pass; without it about 55 bytes
# per byte), a short one-sentence paragraph again and again as HTML and as
# text (the sentence and block budgets; without them 14 and 20), and texts
# of a token every one to three bytes (the token budget; without it 14-15).
# Each record must still hold the text's start (near its start), and a text cut by the token
# budget must say so. The sanitizers change memory use: under them only the
# reading is checked.
set -euo pipefail
REEL=${REEL_BIN:?REEL_BIN is not set}
tmp=$(mktemp -d /tmp/reel-shapes.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

/usr/bin/python3 - "$REEL" "$tmp" "${REEL_SANITIZED:-}" <<'PY'
import json, os, subprocess, sys
reel, tmp, sanitized = sys.argv[1], sys.argv[2], sys.argv[3]
opening = ("The opening paragraph says that Arrival is a patient film that rewards "
           "the viewer.")
html_head = ("<html><head><title>A long page</title></head><body><article><p>%s</p>"
             % opening)
html_tail = "</article></body></html>"
# name: (head, repeated unit, tail, cut by the token budget)
shapes = {
    "dense markup": (html_head, "<div><p><b>x</b> <i>y</i><a href=#>z</a></p></div>",
                     html_tail, False),
    "short paragraphs (HTML)": (html_head, "<p>It is good.</p>", html_tail, False),
    "short paragraphs (text)": (opening + "\n\n", "It is good.\n\n", "", True),
    "one-letter words": (opening + "\n\n", "a ", "", False),
    "punctuation": (opening + "\n\n", ",", "", False),
    "initials": (opening + "\n\n", "I. ", "", True),
}

def peak_kb(name, mib):
    head, unit, tail, cut = shapes[name]
    path = "%s/shape-%d" % (tmp, mib)
    with open(path, "w") as f:
        f.write(head + unit * ((mib * 1048576 - len(head) - len(tail)) // len(unit)) + tail)
    # /usr/bin/time's count is reel's own: a child forked from this Python
    # would start with the Python's pages (and the strings made above)
    with open(tmp + "/out", "w") as out:
        status = subprocess.call(["/usr/bin/time", "-f", "%M", "-o", tmp + "/rss", reel,
                                  "extract", "--json", "--no-model", path], stdout=out)
    if status != 0:
        sys.exit("memory_shapes: reel extract failed on %d MiB of %s" % (mib, name))
    with open(tmp + "/rss") as f:
        rss_kb = int(f.read().split()[-1])
    with open(tmp + "/out") as out:
        rec = json.load(out)
    os.unlink(path)
    if opening not in rec["text"][:1000]:
        sys.exit("memory_shapes: %d MiB of %s lost its text" % (mib, name))
    na = rec["not_analysed"] or {}
    if cut and "token budget" not in na.get("reason", ""):
        sys.exit("memory_shapes: %d MiB of %s was cut by the token budget and its record "
                 "does not say so: not_analysed %s" % (mib, name, json.dumps(na)))
    # every sentence and block the record holds lies in the text, in order
    end, size = 0, len(rec["text"].encode())
    for s in rec["sentences"]:
        a, b = s["span"]
        if a < end or b > size:
            sys.exit("memory_shapes: %s: sentence %s out of order or past the text"
                     % (name, s["span"]))
        end = b
    return rss_kb

small, big = 4, 20
worst = 0
for name in shapes:
    if sanitized:
        peak_kb(name, small)
        continue
    a, b = peak_kb(name, small), peak_kb(name, big)
    per_byte = (b - a) * 1024.0 / ((big - small) * 1048576)
    worst = max(worst, per_byte)
    print("memory_shapes: %-24s %d MiB -> %4.0f MB, %d MiB -> %4.0f MB: %.1f bytes per byte"
          % (name, small, a / 1024, big, b / 1024, per_byte))
    if per_byte > 8:
        sys.exit("memory_shapes: %s grows memory by %.1f bytes per byte (at most 8)"
                 % (name, per_byte))
if sanitized:
    print("memory_shapes: read (memory not checked under the sanitizers)")
PY
