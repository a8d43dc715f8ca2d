#!/usr/bin/env bash
# http_wire.sh — what `reel serve` puts on the wire around its bodies:
# gzip when the client takes it (Accept-Encoding with qualities, "*",
# refusals), the same bytes once unzipped, ETags per encoding with 304s,
# Vary; CORS off by default (no header, OPTIONS refused) and on with
# --cors ORIGIN (the origin on API answers and errors, a preflight that
# names methods and headers, none on HTML pages); a bad --cors is refused;
# heads the HTTP library would refuse itself (over-long target or headers,
# malformed lines, another HTTP version) answered with reel's headers.
# The client is Python's http.client, so the checks do not share code with
# the server.
set -u
REEL=${REEL_BIN:?REEL_BIN not set}
SRC=${REEL_SRC:?REEL_SRC not set}
. "$SRC/tests/lib/serve.sh"
T=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done; rm -rf "$T"' EXIT

"$REEL" ingest --db "$T/s.db" "$SRC/examples" >/dev/null 2>"$T/ingest.err" ||
  { echo "FAIL: ingest of examples/"; cat "$T/ingest.err"; exit 1; }

start() { # start NAME ARGS...: serve on a free port, its port into $port (not
  # in a $(...) subshell: the pid must reach this shell's list for the trap)
  local name=$1
  shift
  "$REEL" serve --db "$T/s.db" --listen 127.0.0.1:0 "$@" >"$T/$name.out" 2>"$T/$name.err" &
  pids+=($!)
  port=$(serve_port "$T/$name.out")
  [ -n "$port" ] && return 0
  echo "FAIL: reel serve $* did not start" >&2
  cat "$T/$name.err" >&2
  return 1
}

start plain || exit 1
plain=$port
start cors --cors https://films.example.org || exit 1
cors=$port

# a bad origin is refused at start, with a message that names the option
if "$REEL" serve --db "$T/s.db" --listen 127.0.0.1:0 --cors 'https://a.example
X-Evil: 1' >"$T/bad.out" 2>"$T/bad.err"; then
  echo "FAIL: --cors with a newline was accepted"
  exit 1
fi
grep -q -- "--cors wants one origin" "$T/bad.err" || { echo "FAIL: bad --cors message:"; cat "$T/bad.err"; exit 1; }
echo "ok   a bad --cors origin is refused"

# not exec: the EXIT trap must stop the servers
PLAIN=$plain CORS=$cors python3 - <<'EOF'
import gzip, http.client, json, os, sys, urllib.parse

fails = 0
def check(name, cond, detail=""):
    global fails
    print(("ok   " if cond else "FAIL ") + name + ("" if cond else " " + str(detail)))
    if not cond:
        fails += 1

def req(port, path, method="GET", **headers):
    c = http.client.HTTPConnection("127.0.0.1", int(port), timeout=30)
    c.request(method, path, headers=headers)
    r = c.getresponse()
    body = r.read()
    hs = {}
    for k, v in r.getheaders():
        hs.setdefault(k.lower(), []).append(v)
    c.close()
    return r.status, hs, body

def h(hs, name):
    return ", ".join(hs.get(name.lower(), []))

P, C = os.environ["PLAIN"], os.environ["CORS"]

films = json.loads(req(P, "/api/films")[2])
title = films["films"][0]["title"] if "films" in films else films[0]["title"]
path = "/api/films/" + urllib.parse.quote(title)

# ---- gzip -------------------------------------------------------------------
st, hs, ident = req(P, path)
check("identity answer without Accept-Encoding", st == 200 and "content-encoding" not in hs, hs)
check("Vary: Accept-Encoding on a body", "Accept-Encoding" in h(hs, "vary"), hs)
etag = h(hs, "etag")
st, hz, zbody = req(P, path, **{"Accept-Encoding": "gzip, deflate"})
check("gzip when asked", st == 200 and h(hz, "content-encoding") == "gzip", hz)
check("the same bytes once unzipped", gzip.decompress(zbody) == ident)
check("gzip is smaller", len(zbody) < len(ident), (len(zbody), len(ident)))
zetag = h(hz, "etag")
check("ETag per encoding", zetag != etag and zetag.endswith('-gz"'), (etag, zetag))
st, _, _ = req(P, path, **{"Accept-Encoding": "gzip", "If-None-Match": zetag})
check("304 for the gzip tag", st == 304, st)
st, hs2, _ = req(P, path, **{"Accept-Encoding": "gzip", "If-None-Match": etag})
check("200 for the other encoding's tag", st == 200, st)
# the cached answer (asked twice) keeps its encoding apart
st, hs3, b3 = req(P, path)
check("identity again after a gzip answer was cached", "content-encoding" not in hs3 and b3 == ident)
for ae, want in [("gzip;q=0", False), ("gzip; q=0.000", False), ("gzip;q=0.5", True),
                 ("*", True), ("*;q=0", False), ("br", False), ("identity, *;q=0.1", True),
                 ("br, GZIP", True), ("gzip;q=0, *", False), ("x-gzip", True)]:
    st, hs, b = req(P, path, **{"Accept-Encoding": ae})
    got = h(hs, "content-encoding") == "gzip"
    check("Accept-Encoding %r -> %s" % (ae, "gzip" if want else "identity"), st == 200 and got == want, hs)
st, hs, b = req(P, "/films/" + urllib.parse.quote(title), **{"Accept-Encoding": "gzip"})
check("web pages gzipped too", st == 200 and h(hs, "content-encoding") == "gzip" and b"<html" in gzip.decompress(b)[:200].lower())
st, hs, b = req(P, "/api/health", **{"Accept-Encoding": "gzip"})
check("a small body goes as it is", st == 200 and "content-encoding" not in hs and json.loads(b)["status"] == "ok")
st, hs, b = req(P, path, method="HEAD", **{"Accept-Encoding": "gzip"})
check("HEAD names the encoding, no body", st == 200 and h(hs, "content-encoding") == "gzip" and b == b"")

# ---- CORS -------------------------------------------------------------------
st, hs, _ = req(P, path, Origin="https://films.example.org")
check("no CORS header by default", "access-control-allow-origin" not in hs, hs)
st, hs, _ = req(P, "/api/films", method="OPTIONS", Origin="https://films.example.org",
                **{"Access-Control-Request-Method": "GET"})
check("OPTIONS refused by default", st == 405, st)
st, hs, b = req(C, path, Origin="https://films.example.org")
check("--cors: the origin on API answers", st == 200 and h(hs, "access-control-allow-origin") == "https://films.example.org", hs)
check("--cors: Vary: Origin", "Origin" in h(hs, "vary"), hs)
st, hs, b = req(C, "/api/films/No%20Such%20Film%20Ever", Origin="https://films.example.org")
check("--cors: on API errors too", st == 404 and h(hs, "access-control-allow-origin") == "https://films.example.org", (st, hs))
st, hs, b = req(C, "/api/films", method="OPTIONS", Origin="https://films.example.org",
                **{"Access-Control-Request-Method": "POST",
                   "Access-Control-Request-Headers": "authorization, content-type"})
check("--cors: preflight 204", st == 204 and b == b"", st)
check("--cors: preflight names methods", "POST" in h(hs, "access-control-allow-methods"), hs)
check("--cors: preflight names headers", "Authorization" in h(hs, "access-control-allow-headers"), hs)
check("--cors: preflight max-age", h(hs, "access-control-max-age").isdigit(), hs)
st, hs, b = req(C, "/films/" + urllib.parse.quote(title), Origin="https://films.example.org")
check("--cors: none on HTML pages", st == 200 and "access-control-allow-origin" not in hs, hs)
st, hs, b = req(C, "/films", method="OPTIONS", Origin="https://films.example.org")
check("--cors: OPTIONS on a page path still refused", st == 405, st)

# ---- heads the HTTP library refuses -------------------------------------------
# libmicrohttpd answers these itself with no Content-Type and none of our
# headers; reel reads a connection's first head before it does (gate.c) and
# a later one's size itself (server.c), so each gets reel's usual answer.
import socket

def raw(port, data, conn=None):
    """Send bytes as they are; the status, headers and body of the answer."""
    s = conn or socket.create_connection(("127.0.0.1", int(port)), timeout=30)
    s.sendall(data)
    got = b""
    while b"\r\n\r\n" not in got:
        d = s.recv(65536)
        if not d:
            break
        got += d
    head, _, body = got.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    hs = {}
    for l in lines[1:]:
        k, _, v = l.partition(":")
        hs.setdefault(k.strip().lower(), []).append(v.strip())
    n = int(h(hs, "content-length") or 0)
    while len(body) < n:
        d = s.recv(65536)
        if not d:
            break
        body += d
    if conn is None:
        s.close()
    status = int(lines[0].split(" ")[1]) if lines[0].startswith("HTTP/1.") else 0
    return status, hs, body

def usual(name, st, hs, body, want, api):
    check(name + ": " + str(want), st == want, (st, body[:120]))
    ct = h(hs, "content-type")
    check(name + ": Content-Type", ct.startswith("application/json" if api else "text/html"), hs)
    check(name + ": nosniff", h(hs, "x-content-type-options") == "nosniff", hs)
    check(name + ": no-cache", h(hs, "cache-control") == "no-cache", hs)
    if api:
        try:
            e = json.loads(body)["error"]
            check(name + ": the JSON error body", e["status"] == want and e["message"], e)
        except Exception as x:
            check(name + ": the JSON error body", False, (x, body[:120]))
    else:
        check(name + ": CSP on a page", "default-src 'none'" in h(hs, "content-security-policy"), hs)
        check(name + ": an HTML page", b"<html" in body.lower(), body[:120])

long_target = b"/api/search?q=" + b"a" * 70000
st, hs, b = raw(P, b"GET " + long_target + b" HTTP/1.1\r\nHost: x\r\n\r\n")
usual("request target over 64 KiB", st, hs, b, 414, True)
st, hs, b = raw(P, b"GET /api/films?q=" + b"a" * 5000 + b" HTTP/1.1\r\nHost: x\r\n\r\n")
usual("request target over 4096 bytes", st, hs, b, 414, True)
big = b"X-Padding: " + b"p" * 70000 + b"\r\n"
st, hs, b = raw(P, b"GET /api/films HTTP/1.1\r\nHost: x\r\n" + big + b"\r\n")
usual("headers over 64 KiB", st, hs, b, 431, True)
st, hs, b = raw(P, b"GET /films HTTP/1.1\r\nHost: x\r\n" + big * 4 + b"\r\n")
usual("headers over 256 KiB, a page", st, hs, b, 431, False)
st, hs, b = raw(P, b"GARBAGE\r\n\r\n")
usual("a request line without target or version", st, hs, b, 400, False)
st, hs, b = raw(P, b"GET /api/films HTTP/1.x\r\nHost: x\r\n\r\n")
usual("a malformed HTTP version", st, hs, b, 400, True)
st, hs, b = raw(P, b"GET /api/films HTTP/2.0\r\nHost: x\r\n\r\n")
usual("another HTTP version", st, hs, b, 505, True)
st, hs, b = raw(P, b"GET /api/films HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n")
usual("a header line without a colon", st, hs, b, 400, True)
st, hs, b = raw(C, b"GARBAGE /api/films\r\n\r\n")
usual("--cors: a malformed request line", st, hs, b, 400, True)
check("--cors: the origin on it too", h(hs, "access-control-allow-origin") == "https://films.example.org", hs)
# a kept-alive connection: its later heads are libmicrohttpd's to read,
# and reel still answers one over the limit
k = socket.create_connection(("127.0.0.1", int(P)), timeout=30)
st, hs, b = raw(P, b"GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n", conn=k)
check("kept alive: the first request", st == 200, st)
st, hs, b = raw(P, b"GET /api/films HTTP/1.1\r\nHost: x\r\n" + big + b"\r\n", conn=k)
usual("kept alive: headers over 64 KiB", st, hs, b, 431, True)
k.close()
# and what is within the limits is served as before
st, hs, b = raw(P, b"\r\nGET /api/health HTTP/1.1\r\nHost: x\r\nX-Padding: " + b"p" * 60000 + b"\r\n\r\n")
check("a 60 KB head after an empty line is served", st == 200 and json.loads(b)["status"] == "ok", (st, b[:100]))
sys.exit(1 if fails else 0)
EOF
