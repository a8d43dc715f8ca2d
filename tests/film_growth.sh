#!/usr/bin/env bash
# film_growth.sh — a film grown over many batches (and processes), with
# pages crawled again (a newer version replaces the first) and articles
# deleted, has the byte-identical reports of one store that put the same
# articles in one batch: the summaries kept between batches (aggregate.c,
# film_reports) never stand in for what the store holds.
set -u
REEL=${REEL_BIN:?REEL_BIN not set}
command -v sqlite3 >/dev/null || { echo "FAIL: sqlite3 is not installed"; exit 1; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fails=$((fails + 1)); }

# 600 short reviews of one film (and a few of another), in three files; the
# third crawls 40 pages of the first again with a sentence added
python3 - "$T" <<'PY'
import json, os, random, sys
out = sys.argv[1]
rnd = random.Random(7)
grades = ["3/4", "2/5", "8/10", "4 stars", "B+", "1.5/4", "6/10", "2.5/4"]
moods = ["a tender, striking portrait", "a dull and clumsy exercise",
         "an uneven but often moving drama", "a superb, lingering piece of work"]
def review(i, film, extra=""):
    text = (f"Our critic on {film} (2016). Rating: {rnd.choice(grades)}. It is "
            f"{rnd.choice(moods)}, with a central performance that holds the eye. "
            f"Directed by Dana Example. It runs {100 + i % 30} minutes.{extra}")
    return {"url": f"https://site{i % 23}.example.org/review/{film[:4]}/{i}",
            "title": f"{film} review number {i}", "text": text, "film": film}
rows = [review(i, "Quiet Harbour") for i in range(600)]
rows += [review(i, "Loud River") for i in range(30)]
rnd.shuffle(rows)
again = [dict(r, text=r["text"] + " Seen again, it holds up.") for r in rows[:40]]
for name, part in (("a", rows[:300]), ("b", rows[300:]), ("c", again)):
    with open(os.path.join(out, name + ".jsonl"), "w") as f:
        for r in part:
            f.write(json.dumps(r) + "\n")
PY

reports() { sqlite3 "$1" "SELECT key, report FROM films ORDER BY key"; }

# grown: batches of 25 in three processes, then two deletes
G="$T/grown.db"
for f in a b c; do
  "$REEL" ingest --db "$G" --batch 25 --quiet --no-model "$T/$f.jsonl" || bad "ingest $f"
done
# whole: every file in one batch of one process, the same deletes
W="$T/whole.db"
"$REEL" ingest --db "$W" --batch 100000 --quiet --no-model "$T/a.jsonl" "$T/b.jsonl" "$T/c.jsonl" ||
  bad "ingest whole"
[ "$(reports "$G" | md5sum)" = "$(reports "$W" | md5sum)" ] &&
  ok "a film grown over many batches, with versions, = one batch" ||
  bad "a film grown over many batches, with versions, differs from one batch"
n=$(sqlite3 "$G" "SELECT json_extract(report, '$.counts.articles') FROM films WHERE title_key = 'quiet harbour'")
[ "$n" = 600 ] && ok "the film has its 600 articles (40 replaced by newer versions)" ||
  bad "the film has $n articles, not 600"

for u in $(sqlite3 "$G" "SELECT url FROM articles WHERE film_key = 'quiet harbour' ORDER BY id LIMIT 2"); do
  "$REEL" delete --db "$G" --url "$u" >/dev/null || bad "delete $u from grown"
  "$REEL" delete --db "$W" --url "$u" >/dev/null || bad "delete $u from whole"
done
# and more batches after the deletes, in one process
python3 - "$T" <<'PY'
import json, sys
with open(sys.argv[1] + "/d.jsonl", "w") as f:
    for i in range(600, 700):
        f.write(json.dumps({"url": f"https://late.example.org/{i}", "title": f"Late {i}",
                            "text": f"Quiet Harbour (2016) reviewed late: 7/10. Take {i}.",
                            "film": "Quiet Harbour"}) + "\n")
PY
"$REEL" ingest --db "$G" --batch 10 --quiet --no-model "$T/d.jsonl" || bad "ingest d (grown)"
"$REEL" ingest --db "$W" --batch 100000 --quiet --no-model "$T/d.jsonl" || bad "ingest d (whole)"
[ "$(reports "$G" | md5sum)" = "$(reports "$W" | md5sum)" ] &&
  ok "after deletes and more batches, still = the store built at once" ||
  bad "after deletes and more batches, the reports differ"
[ "$fails" = 0 ] && echo "film_growth: all passed" || echo "film_growth: $fails failed"
exit $((fails > 0))
