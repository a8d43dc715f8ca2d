#!/usr/bin/env python3
"""search_same.py DB BIN_A BIN_B [PAIRS] — do two reel builds answer the
same searches byte for byte? Starts `reel serve --no-cache` of each on the
store DB and asks both the film-title mix of bench/search.sh (the first
two words of each title), PAIRS (300) random pairs of words drawn from the
store's titles and texts (a fixed seed), a third as many queries of 3 to
5 such words, some single words and some deeper
pages (offset, limit), as JSON and as the HTML page; prints the number of
queries and every one whose answers differ. Exit 1 when any differs.
BIN_A's libreel: set REEL_A_LIBS to its folder (LD_LIBRARY_PATH) when it
is a copy of an older build. Used before and after a change to search's
speed (bench/search.sh measures it), where results must not change."""
import os
import random
import re
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request


def serve(binary, db, libs):
    env = dict(os.environ)
    if libs:
        env["LD_LIBRARY_PATH"] = libs
    for k in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
        env.pop(k, None)
    p = subprocess.Popen([binary, "serve", "--db", db, "--listen", "127.0.0.1:0",
                          "--threads", "2", "--no-cache", "--no-model"],
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, text=True)
    line = p.stdout.readline()
    m = re.search(r"(http://[0-9.:]+)/", line)
    if not m:
        p.kill()
        sys.exit("search_same: %s did not start: %s" % (binary, line.strip()))
    return p, m.group(1)


def get(base, path):
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(base + path, timeout=60) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def queries(db, n_pairs):
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    titles = [r[0] for r in con.execute(
        "select title from films where key not glob '* [0-9]*' order by key")]
    qs = [" ".join(t.split()[:2]) for t in titles if t.split()]
    rnd = random.Random(13)
    words = set()
    for t in titles:
        words.update(w for w in re.findall(r"[\w']+", t))
    for (text,) in con.execute("select text from articles where rowid % 997 = 1"):
        ws = re.findall(r"[\w']+", text)
        words.update(rnd.sample(ws, min(len(ws), 20)))
    words = sorted(words)
    qs += [rnd.choice(words) + " " + rnd.choice(words) for _ in range(n_pairs)]
    qs += [" ".join(rnd.choice(words) for _ in range(3 + k % 3)) for k in range(n_pairs // 3)]
    qs += [rnd.choice(words) for _ in range(40)]
    qs += ["the", "a", "the the", "All the", "It's a", "the of and", "film"]
    paths = ["/api/search?q=" + urllib.parse.quote_plus(q) for q in qs]
    for q in ["the", "a film", "the of", "movie", "love", rnd.choice(words)]:
        for lim, off in [(1, 0), (5, 15), (20, 40), (50, 950), (10, 1000), (3, 5000)]:
            paths.append("/api/search?q=%s&limit=%d&offset=%d" %
                         (urllib.parse.quote_plus(q), lim, off))
    paths += ["/search?q=" + urllib.parse.quote_plus(q) for q in qs[:40]]
    return paths


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    db, a, b = sys.argv[1], sys.argv[2], sys.argv[3]
    n_pairs = int(sys.argv[4]) if len(sys.argv) > 4 else 300
    paths = queries(db, n_pairs)
    pa, ua = serve(a, db, os.environ.get("REEL_A_LIBS"))
    pb, ub = serve(b, db, os.environ.get("REEL_B_LIBS"))
    bad = 0
    try:
        t0 = time.time()
        for p in paths:
            ra, rb = get(ua, p), get(ub, p)
            if ra != rb:
                bad += 1
                print("differs: %s (HTTP %d, %d bytes / HTTP %d, %d bytes)" %
                      (p, ra[0], len(ra[1]), rb[0], len(rb[1])))
        print("%d queries, %d differ (%.0f s)" % (len(paths), bad, time.time() - t0))
    finally:
        for p in (pa, pb):
            p.terminate()
            p.wait()
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
