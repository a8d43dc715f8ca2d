#!/usr/bin/env bash
# pg_stale.sh — PostgreSQL keeps a growing film's report as SQLite does
# (store/stale.c): a film grown in batches of 20, and by two ingests at
# once, has the reports of a SQLite store built in one batch; what a
# stopped ingest leaves stale (films_stale) reads exactly and the next
# ingest stores it; reel migrate copies alike; a schema 2 database is
# migrated to 3. On a server this test starts (tests/pg/start.sh); no
# server is a loud FAIL, not a skip.
set -u
REEL=${REEL_BIN:?REEL_BIN not set}
SRC=${REEL_SRC:?REEL_SRC not set}
T=$(mktemp -d)
. "$SRC/tests/pg/lib.sh"
trap 'pg_stop; rm -rf "$T"' EXIT
fails=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fails=$((fails + 1)); }
pg_start || { echo "pg_stale: FAIL — the PostgreSQL store is untested"; exit 1; }

# 1100 short reviews of one film in two halves (the second crawls 25 pages
# of the first again, changed), and a few of another film
python3 - "$T" <<'PY'
import json, os, random, sys
out = sys.argv[1]
rnd = random.Random(29)
grades = ["3/4", "2/5", "7/10", "4 stars", "C+", "1/4", "6/10", "2.5/4"]
def review(i, film):
    text = (f"{film} (2018) earns {rnd.choice(grades)} here: a "
            f"{rnd.choice(['quiet', 'clumsy', 'tender', 'glib'])} picture directed by "
            f"Noor Sample, {80 + i % 50} minutes long.")
    return {"url": f"https://s{i % 17}.example.com/{film[:4]}/{i}", "outlet": f"Site {i % 17}",
            "title": f"{film} {i}", "text": text, "film": film}
a = [review(i, "Far Shore") for i in range(550)] + [review(i, "Near Bank") for i in range(15)]
b = [review(i, "Far Shore") for i in range(550, 1100)]
b += [dict(r, text=r["text"] + " Seen twice.") for r in a[:25]]
for name, rows in (("a", a), ("b", b)):
    with open(os.path.join(out, name + ".jsonl"), "w") as f:
        for r in rows:
            f.write(json.dumps(r) + "\n")
PY
films() { # DB: every film's report, in key order
  "$REEL" films --db "$1" --json --limit 1000 >"$T/list" || return 1
  for id in $(python3 -c 'import json,sys; print("\n".join(f["id"].replace(" ", "_") for f in json.load(open(sys.argv[1]))["films"]))' "$T/list" | sort); do
    "$REEL" film --db "$1" --json "${id//_/ }" || return 1
  done
}
W="$T/whole.db"
"$REEL" ingest --db "$W" --batch 100000 --quiet --no-model "$T/a.jsonl" "$T/b.jsonl" || bad "ingest whole (SQLite)"
films "$W" >"$T/want" || bad "films (SQLite)"

G=$(pg_newdb grown)
"$REEL" ingest --db "$G" --batch 20 --quiet --no-model "$T/a.jsonl" || bad "ingest a"
pg_sql grown "CREATE TABLE snap AS SELECT * FROM films" || bad "snapshot"
"$REEL" ingest --db "$G" --batch 20 --quiet --no-model "$T/b.jsonl" || bad "ingest b"
films "$G" >"$T/got" || bad "films (grown)"
cmp -s "$T/want" "$T/got" && ok "PostgreSQL, grown in batches of 20 with versions = SQLite in one batch" ||
  bad "PostgreSQL grown in batches differs from SQLite in one batch"
[ "$(pg_sql grown "SELECT count(*) FROM films_stale")" = 0 ] && ok "no film left stale" ||
  bad "films_stale is not empty"

# a stopped ingest: the film's row as the first half built it, marked stale
pg_sql grown "DELETE FROM films WHERE title_key = 'far shore';
  INSERT INTO films SELECT * FROM snap WHERE title_key = 'far shore';
  INSERT INTO films_stale(title_key, n) VALUES('far shore', 575)" || bad "make it stale"
films "$G" >"$T/got" || bad "films (stale)"
cmp -s "$T/want" "$T/got" && ok "a stale film's report reads as the rebuilt one" ||
  bad "a stale film's report differs from the rebuilt one"
"$REEL" ingest --db "$G" --quiet --no-model "$T/a.jsonl" || bad "ingest again"
[ "$(pg_sql grown "SELECT count(*) FROM films_stale")" = 0 ] &&
  films "$G" >"$T/got" && cmp -s "$T/want" "$T/got" &&
  ok "the next ingest rebuilds what a stopped one left stale" ||
  bad "the next ingest left the film stale or different"

# two ingests of the two halves at once, each deferring
C=$(pg_newdb together)
"$REEL" ingest --db "$C" --quiet --no-model "$SRC/examples/parasite-review-2.txt" || bad "make the schema"
"$REEL" ingest --db "$C" --batch 20 --quiet --no-model "$T/a.jsonl" &
p1=$!
"$REEL" ingest --db "$C" --batch 20 --quiet --no-model "$T/b.jsonl" &
p2=$!
wait $p1 || bad "ingest a (together)"
wait $p2 || bad "ingest b (together)"
# the same as whole once the examples' film is left out
"$REEL" ingest --db "$W" --quiet --no-model "$SRC/examples/parasite-review-2.txt" || bad "ingest example (SQLite)"
films "$W" >"$T/want" || bad "films (SQLite, with the example)"
films "$C" >"$T/got" || bad "films (together)"
[ "$(pg_sql together "SELECT count(*) FROM films_stale")" = 0 ] && cmp -s "$T/want" "$T/got" &&
  ok "two ingests growing one film at once = SQLite in one batch, nothing stale" ||
  bad "two ingests at once: the reports differ or a film is left stale"

# reel migrate copies in batches as ingest does (reel_store_copy defers)
M=$(pg_newdb migrated)
"$REEL" migrate --from "$W" --to "$M" --batch 25 >/dev/null 2>&1 || bad "migrate"
films "$M" >"$T/got" || bad "films (migrated)"
[ "$(pg_sql migrated "SELECT count(*) FROM films_stale")" = 0 ] && cmp -s "$T/want" "$T/got" &&
  ok "reel migrate in batches of 25 = SQLite, nothing stale" ||
  bad "reel migrate: the reports differ or a film is left stale"

# schema 2: no films_stale; a writer's open migrates it, films untouched
pg_sql grown "DROP TABLE films_stale; DROP TABLE snap; UPDATE meta SET value = '2' WHERE key = 'schema_version'"
before=$(pg_sql grown "SELECT md5(string_agg(report, '' ORDER BY key)) FROM films")
"$REEL" films --db "$G" --json >/dev/null || bad "films on schema 2"
[ "$(pg_sql grown "SELECT value FROM meta WHERE key = 'schema_version'")" = 3 ] &&
  [ "$(pg_sql grown "SELECT count(*) FROM films_stale")" = 0 ] &&
  [ "$(pg_sql grown "SELECT md5(string_agg(report, '' ORDER BY key)) FROM films")" = "$before" ] &&
  ok "schema 2 migrated to 3 on open, its films untouched" || bad "the schema 2 migration"

[ "$fails" = 0 ] && echo "pg_stale: all passed" || echo "pg_stale: $fails failed"
exit $((fails > 0))
