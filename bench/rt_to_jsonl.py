#!/usr/bin/env python3
"""rt_to_jsonl.py RT_DIR — rt-dev critic rows as JSON-lines articles (docs/formats.md):
the pull quote as text, score_raw as the printed score, the film title and
year (of its theatrical release) from rt_movies.tsv, kind "review". Rows with neither a quote nor a score carry no
verdict and are left out. Writes to stdout."""
import json
import sys

rt = sys.argv[1]
titles, years = {}, {}
with open(f"{rt}/rt_movies.tsv", encoding="utf-8") as f:
    for line in f:
        cols = line.rstrip("\n").split("\t")
        if len(cols) >= 2:
            titles[cols[0]] = cols[1]
        if len(cols) >= 10 and cols[9][:4].isdigit():
            years[cols[0]] = int(cols[9][:4])
with open(f"{rt}/rt_critics.tsv", encoding="utf-8") as f:
    for n, line in enumerate(f):
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 8:
            continue
        film_id, critic, _top, publisher, fresh, score, date, text = cols[:8]
        if not text and not score:
            continue
        rec = {"url": f"rt-dev:{n}", "title": None, "date": date or None,
               "outlet": publisher or None, "author": critic or None,
               "text": text or score, "film": titles.get(film_id, film_id), "kind": "review"}
        if score:
            rec["score"] = score
        if film_id in years:
            rec["year"] = years[film_id]
        print(json.dumps({k: v for k, v in rec.items() if v is not None}, ensure_ascii=False))
