#!/usr/bin/env bash
# film_stale.sh — a film grown by ingest is rebuilt in steps, not at every
# batch (store/stale.c); what a stopped ingest leaves stale (films_stale)
# is read exactly and stored by the next writer; a fact's sources are
# listed up to a bound with the rest counted; a schema 2 store is migrated.
# Every report compared is the one a store built in one batch holds.
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
reports() { sqlite3 "$1" "SELECT key, report FROM films ORDER BY key"; }
stale() { sqlite3 "$1" "SELECT count(*) FROM films_stale"; }

# 1200 short reviews of one film in two halves (the second crawls 30 pages
# of the first again, changed) and a few of another film
python3 - "$T" <<'PY'
import json, os, random, sys
out = sys.argv[1]
rnd = random.Random(13)
grades = ["3/4", "2/5", "7/10", "4 stars", "B-", "1/4", "6/10", "2.5/4"]
def review(i, film, extra=""):
    text = (f"Long Road notes: {film} (2016) gets {rnd.choice(grades)} from us. "
            f"A {rnd.choice(['patient', 'sluggish', 'warm', 'brittle'])} film; "
            f"directed by Ana Placeholder, it runs {90 + i % 40} minutes.{extra}")
    return {"url": f"https://o{i % 31}.example.net/r/{film[:3]}/{i}",
            "title": f"{film} take {i}", "text": text, "film": film}
a = [review(i, "Long Road") for i in range(600)] + [review(i, "Short Walk") for i in range(20)]
b = [review(i, "Long Road") for i in range(600, 1200)]
b += [dict(r, text=r["text"] + " Revisited.") for r in a[:30]]
for name, rows in (("a", a), ("b", b)):
    with open(os.path.join(out, name + ".jsonl"), "w") as f:
        for r in rows:
            f.write(json.dumps(r) + "\n")
PY

W="$T/whole.db"
"$REEL" ingest --db "$W" --batch 100000 --quiet --no-model "$T/a.jsonl" "$T/b.jsonl" || bad "ingest whole"
G="$T/grown.db"
"$REEL" ingest --db "$G" --batch 20 --quiet --no-model "$T/a.jsonl" || bad "ingest a (grown)"
# the films as the first half left them: what a stopped ingest leaves
sqlite3 "$G" "ATTACH '$T/snap.db' AS s; CREATE TABLE s.films AS SELECT * FROM films" ||
  bad "snapshot"
"$REEL" ingest --db "$G" --batch 20 --quiet --no-model "$T/b.jsonl" || bad "ingest b (grown)"
[ "$(reports "$G" | md5sum)" = "$(reports "$W" | md5sum)" ] &&
  ok "a film grown in batches of 20, with versions, = one batch" ||
  bad "a film grown in batches of 20 differs from one batch"
[ "$(stale "$G")" = 0 ] && ok "the ingest left no film stale" || bad "films_stale has $(stale "$G") rows"

# a stopped ingest: the film's row as the first half built it, marked stale
sqlite3 "$G" "ATTACH '$T/snap.db' AS s; DELETE FROM films WHERE title_key = 'long road';
  INSERT INTO films SELECT * FROM s.films WHERE title_key = 'long road';
  INSERT INTO films_stale(title_key, n) VALUES('long road', 630)" || bad "make it stale"
[ "$(reports "$G" | md5sum)" != "$(reports "$W" | md5sum)" ] || bad "the stale row is not stale"
"$REEL" film --db "$W" --json "Long Road" >"$T/want" || bad "film (whole)"
"$REEL" film --db "$G" --json "Long Road" >"$T/got" || bad "film (stale)"
cmp -s "$T/want" "$T/got" && ok "a stale film's report reads as the rebuilt one" ||
  bad "a stale film's report differs from the rebuilt one"
"$REEL" film --db "$W" --json "Long Road" --limit 15 --offset 1190 >"$T/want" || bad "page (whole)"
"$REEL" film --db "$G" --json "Long Road" --limit 15 --offset 1190 >"$T/got" || bad "page (stale)"
cmp -s "$T/want" "$T/got" && ok "a page of a stale film = the rebuilt one's" ||
  bad "a page of a stale film differs"
if command -v curl >/dev/null; then
  "$REEL" serve --db "$G" --listen 0 --threads 1 >"$T/serve.out" 2>"$T/serve.err" &
  srv=$!
  port=$(serve_port "$T/serve.out")
  curl -s "http://127.0.0.1:$port/api/films/Long%20Road" >"$T/http" || bad "GET /api/films/Long Road"
  "$REEL" film --db "$W" --json "Long Road" >"$T/want"
  cmp -s <(python3 -m json.tool --sort-keys "$T/http") <(python3 -m json.tool --sort-keys "$T/want") &&
    ok "read-only (serve): a stale film's report = the rebuilt one" ||
    bad "serve answers a stale film with another report"
  kill "$srv" 2>/dev/null
  wait "$srv" 2>/dev/null
  srv=
fi
[ "$(stale "$G")" = 1 ] && ok "reads leave the mark (they never write)" || bad "a read changed films_stale"
# the next ingest (nothing new in it) stores it
"$REEL" ingest --db "$G" --quiet --no-model "$T/a.jsonl" || bad "ingest again"
[ "$(stale "$G")" = 0 ] && [ "$(reports "$G" | md5sum)" = "$(reports "$W" | md5sum)" ] &&
  ok "the next ingest rebuilds what a stopped one left stale" ||
  bad "the next ingest left the film stale or different"

# a delete from a stale film (reel delete does not defer): rebuilt, forgotten
sqlite3 "$G" "INSERT INTO films_stale(title_key, n) VALUES('long road', 5)"
for u in $(sqlite3 "$G" "SELECT url FROM articles WHERE film_key = 'long road' ORDER BY id LIMIT 3"); do
  "$REEL" delete --db "$G" --url "$u" >/dev/null || bad "delete $u (grown)"
  "$REEL" delete --db "$W" --url "$u" >/dev/null || bad "delete $u (whole)"
done
[ "$(stale "$G")" = 0 ] && [ "$(reports "$G" | md5sum)" = "$(reports "$W" | md5sum)" ] &&
  ok "deletes from a stale film: rebuilt, = the store built at once" ||
  bad "deletes from a stale film: stale or different"

# the director stated by every article: 20 sources listed, the rest
# counted, the support exact
"$REEL" film --db "$G" --json "Long Road" >"$T/full"
python3 - "$T/full" <<'PY' && ok "a fact lists 20 sources, sources_more counts the rest, support exact" || bad "the capped sources"
import json, sys
r = json.load(open(sys.argv[1]))
d = [f for f in r["facts"] if f["predicate"] == "director"]
assert d, [f["predicate"] for f in r["facts"]]
f = d[0]
assert len(f["sources"]) == 20, len(f["sources"])
n = r["counts"]["articles"]
assert f["sources_more"] == n - 20, (f["sources_more"], n)
assert f["support"] == n, (f["support"], n)  # no outlets: each article counts
small = [g for g in r["facts"] if len(g["sources"]) < 20]
assert all("sources_more" not in g for g in small)
PY

# a schema 2 store (written by reel before films_stale): migrated when a
# writer opens it, its films as they were
V="$T/v2.db"
cp "$SRC/tests/data/store-v2.sqlite" "$V"
# (schema 3 also rebuilds the films, whose reports gain "dates": the rest
# of each report stays as it was)
undated() { reports "$1" | python3 -c '
import json, sys
for line in sys.stdin:
    key, _, rep = line.rstrip("\n").partition("|")
    r = json.loads(rep)
    r.pop("dates", None)
    print(key, json.dumps(r, sort_keys=True))' | md5sum; }
before=$(undated "$V")
"$REEL" films --db "$V" --json >"$T/o" || bad "films on schema 2"
[ "$(sqlite3 "$V" "SELECT value FROM meta WHERE key = 'schema_version'")" = 3 ] &&
  [ "$(stale "$V")" = 0 ] && [ "$(undated "$V")" = "$before" ] &&
  ok "schema 2 migrated to 3 on open, its films the same but for their dates" || bad "the schema 2 store's migration"
"$REEL" ingest --db "$V" --quiet --no-model "$SRC/examples/parasite-review-1.html" || bad "ingest after migration"
[ "$(sqlite3 "$V" "SELECT json_extract(report, '$.counts.articles') FROM films WHERE key = 'parasite (2019)'")" = 3 ] &&
  ok "the migrated store takes new articles" || bad "the migrated store's film did not grow"

[ "$fails" = 0 ] && echo "film_stale: all passed" || echo "film_stale: $fails failed"
exit $((fails > 0))
