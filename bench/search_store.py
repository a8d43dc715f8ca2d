#!/usr/bin/env python3
"""search_store.py RECORDS N — N article records from the records of
`reel extract` (rt-dev rows and extraction pages), for bench/search.sh.
Copy k of a record gets its own id, URL and film ("<title> k"): the store
sees N different articles, its films stay as small as the originals (a
film's report is rebuilt from its articles at every batch), and the text,
which is what search reads, is the original's. Writes to stdout."""
import hashlib
import json
import sys

records = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
n = int(sys.argv[2])
out = sys.stdout
copy = 0
written = 0
while written < n:
    for r in records:
        if written >= n:
            break
        c = dict(r)
        c["id"] = hashlib.sha256(f"{r['id']}/{copy}".encode()).hexdigest()
        base = r.get("url") or r.get("source") or r["id"]
        c["url"] = f"{base}#copy-{copy}"
        s = r.get("subject")
        if copy and s and s.get("key"):
            s = dict(s)
            s["title"] = f"{s['title']} {copy}"
            s["key"] = f"{s['key']} {copy}"
            c["subject"] = s
        out.write(json.dumps(c, ensure_ascii=False) + "\n")
        written += 1
    copy += 1
