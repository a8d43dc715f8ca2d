#!/usr/bin/env bash
# film_growth.sh — a film grown over many batches (and processes), with
# pages crawled again (a newer version replaces the first) and articles
# deleted, has the byte-identical reports of one store that put the same
# articles in one batch: the summaries kept between batches (aggregate.c,
# film_reports) never stand in for what the store holds.
set -u
REEL=${REEL_BIN:?REEL_BIN not set}
SRC=${REEL_SRC:-$(cd "$(dirname "$0")/.." && pwd)}
. "$SRC/tests/lib/serve.sh"
command -v sqlite3 >/dev/null || { echo "FAIL: sqlite3 is not installed"; exit 1; }
T=$(mktemp -d)
srv=
trap '[ -n "$srv" ] && kill "$srv" 2>/dev/null; rm -rf "$T"' EXIT
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
# paging: the report lists the first 1000 articles in id order (the film
# has fewer: all, and no articles_total); pages cut from it or read past it
# are the store's articles in id order
"$REEL" film --db "$G" "Quiet Harbour" --json >"$T/full" || bad "film (full)"
python3 - "$T/full" <<'PY' && ok "a film under 1000 articles: the whole list, no articles_total" || bad "the full report"
import json, sys
r = json.load(open(sys.argv[1]))
assert "articles_total" not in r and len(r["articles"]) == r["counts"]["articles"] == 698, r["counts"]
PY
ids=$(sqlite3 "$G" "SELECT substr(id, 1, 12) FROM articles WHERE film_key = 'quiet harbour' ORDER BY id LIMIT 10 OFFSET 690" | tr '\n' ' ')
"$REEL" film --db "$G" "Quiet Harbour" --json --limit 10 --offset 690 >"$T/page" || bad "film --limit --offset"
got=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(" ".join(a["id"][:12] for a in r["articles"]), r["articles_total"], r["articles_limit"], r["articles_offset"])' "$T/page")
[ "$got" = "${ids}698 10 690" ] && ok "film --limit 10 --offset 690: the last 8 by id, articles_total 698" ||
  bad "film --limit --offset gave '$got', not '${ids}698 10 690'"
"$REEL" film --db "$G" "Quiet Harbour" --limit 0 >/dev/null 2>&1
[ $? = 2 ] && ok "film --limit 0: a usage error" || bad "film --limit 0 was not a usage error"

# a film past 1000 articles: the report lists 1000, a page past them is read
python3 - "$T" <<'PY'
import json, sys
with open(sys.argv[1] + "/big.jsonl", "w") as f:
    for i in range(1100):
        f.write(json.dumps({"url": f"https://big.example.org/{i}", "title": f"Big {i}",
                            "text": f"Wide Field (2020) is good: {i % 10}/10. Note {i}.",
                            "film": "Wide Field"}) + "\n")
PY
"$REEL" ingest --db "$G" --batch 200 --quiet --no-model "$T/big.jsonl" || bad "ingest big"
"$REEL" ingest --db "$W" --batch 100000 --quiet --no-model "$T/big.jsonl" || bad "ingest big (whole)"
[ "$(reports "$G" | md5sum)" = "$(reports "$W" | md5sum)" ] &&
  ok "a film of 1100 articles: the capped reports = the store built at once" ||
  bad "a film of 1100 articles: the reports differ"
"$REEL" film --db "$G" "Wide Field" --json >"$T/full" || bad "film (big)"
"$REEL" film --db "$G" "Wide Field" --json --limit 50 --offset 990 >"$T/page" || bad "film (big page)"
sqlite3 "$G" "SELECT id FROM articles WHERE film_key = 'wide field' ORDER BY id" >"$T/ids"
python3 - "$T/full" "$T/page" "$T/ids" <<'PY' && ok "report capped at 1000 with articles_total; a page across the cap in id order" || bad "the big film's report or page"
import json, sys
full, page = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
ids = open(sys.argv[3]).read().split()
assert full["articles_total"] == 1100 and full["counts"]["articles"] == 1100
assert [a["id"] for a in full["articles"]] == ids[:1000]
assert [a["id"] for a in page["articles"]] == ids[990:1040] and page["articles_total"] == 1100
assert {k: v for k, v in page.items() if not k.startswith("articles")} == \
       {k: v for k, v in full.items() if not k.startswith("articles")}
PY

# films --language sees an article past the 1000 a report lists: French
# reviews of the big film, those that sort into the first 1000 deleted
python3 - "$T" <<'PY'
import json, sys
with open(sys.argv[1] + "/fr.jsonl", "w") as f:
    for i in range(8):
        f.write(json.dumps({"url": f"https://fr{i}.example.fr/critique", "title": f"Critique {i}",
            "film": "Wide Field", "text": f"Wide Field (2020) est un film magnifique et "
            f"bouleversant. Note : {i % 5}/5. La mise en scène est superbe, les acteurs sont "
            "justes et la musique accompagne chaque scène avec une grande délicatesse. Nous "
            "avons beaucoup aimé ce film, qui reste longtemps dans la mémoire des spectateurs."})
            + "\n")
PY
"$REEL" ingest --db "$G" --quiet --no-model "$T/fr.jsonl" || bad "ingest French"
late="SELECT rn, url FROM (SELECT row_number() OVER (ORDER BY id) rn, url,
  json_extract(record, '\$.language') lang FROM articles WHERE film_key = 'wide field') WHERE lang = 'fr'"
for u in $(sqlite3 "$G" "SELECT url FROM ($late) WHERE rn <= 1000"); do
  "$REEL" delete --db "$G" --url "$u" >/dev/null || bad "delete $u"
done
if [ -n "$(sqlite3 "$G" "SELECT url FROM ($late)")" ]; then
  "$REEL" films --db "$G" --language fr >"$T/fr" || bad "films --language fr"
  grep -q "Wide Field" "$T/fr" && ok "films --language fr: a French article past the report's 1000" ||
    bad "films --language fr misses the French articles past the report's list"
else
  echo "note: no French review sorted past 1000; the language check did not run"
fi

# the same page over HTTP
if command -v curl >/dev/null; then
  "$REEL" serve --db "$G" --listen 0 --threads 1 >"$T/serve.out" 2>"$T/serve.err" &
  srv=$!
  port=$(serve_port "$T/serve.out")
  "$REEL" film --db "$G" "Wide Field" --json --limit 50 --offset 990 >"$T/page" || bad "film (page)"
  curl -s "http://127.0.0.1:$port/api/films/Wide%20Field?limit=50&offset=990" >"$T/http" ||
    bad "GET /api/films/Wide Field?limit=50&offset=990"
  cmp -s <(python3 -m json.tool --sort-keys "$T/http") <(python3 -m json.tool --sort-keys "$T/page") &&
    ok "GET /api/films/{title}?limit=&offset= = reel film --limit --offset" ||
    bad "the HTTP page differs from reel film's"
  kill "$srv" 2>/dev/null
  wait "$srv" 2>/dev/null
  srv=
else
  echo "note: curl is absent; the HTTP page is not checked"
fi

[ "$fails" = 0 ] && echo "film_growth: all passed" || echo "film_growth: $fails failed"
exit $((fails > 0))
