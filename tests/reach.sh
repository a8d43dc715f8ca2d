#!/usr/bin/env bash
# reach.sh — reviews over time and export through the `reel` command, on a
# SQLite file and on a PostgreSQL server this test starts: `film --timeline`
# (people, --json, --csv), `films --sort year|first-review`, --csv on films,
# film, facts and search, and `reel export --format csv|jsonl` of each
# table. Every CSV is read back with Python's csv module and checked against
# the JSON answer of the same command (same rows, same values, quoting and
# UTF-8 intact); both stores must print the same bytes; exporting 3,000
# articles takes no more memory than exporting 300.
# No PostgreSQL server is a loud FAIL, not a skip.
set -u
REEL=${REEL_BIN:?REEL_BIN not set}
SRC=${REEL_SRC:?REEL_SRC not set}
T=$(mktemp -d)
. "$SRC/tests/pg/lib.sh"
trap 'pg_stop; rm -rf "$T"' EXIT
fails=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fails=$((fails + 1)); }
check() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }

# our examples, and a review whose title and outlet need quoting in CSV
mkdir -p "$T/in"
cp "$SRC"/examples/*.txt "$SRC"/examples/*.html "$T/in/"
cat > "$T/in/quoted.jsonl" <<'EOF'
{"url": "https://example.org/a-quoted-review", "title": "Pain and Glory, \"again\": Almodóvar's ½-life\nsecond line", "outlet": "The \"Comma, Inc.\" Review", "author": "Inès Ñúñez", "date": "2019-10-01", "text": "Pain and Glory review\n\nPedro Almodóvar's Pain and Glory is a tender, wonderful film. Antonio Banderas is superb as Salvador Mallo. Rating: 4/5"}
{"url": "https://example.org/undated-review", "title": "Pain and Glory: a late look", "outlet": "Undated Weekly", "text": "Pain and Glory review\n\nPain and Glory is a dull, tired and empty film. Rating: 1/5"}
EOF

pg_start || { echo "reach: FAIL — the PostgreSQL store is untested"; exit 1; }
echo "PostgreSQL for this run: $PGBASE"
SQ="$T/reach.db"
PG=$(pg_newdb "reel_reach_$$")
for db in "$SQ" "$PG"; do
  "$REEL" ingest --quiet --no-model --db "$db" "$T/in" 2> "$T/ingest.err" ||
    { cat "$T/ingest.err"; bad "ingest into ${db%%\?*}"; }
done

# `csvcheck KIND CSV JSON`: the CSV read back with Python's csv module is the
# JSON's rows (KIND: the answer's array, or "lines" for JSON lines)
cat > "$T/csvcheck.py" <<'EOF'
import csv, io, json, sys
kind, csv_path, json_path = sys.argv[1:4]
with open(csv_path, newline="", encoding="utf-8") as f:
    raw = f.read()
rows = list(csv.DictReader(io.StringIO(raw, newline="")))
with open(json_path, encoding="utf-8") as f:
    if kind == "lines":
        want = [json.loads(l) for l in f if l.strip()]
    else:
        want = json.load(f)[kind]
assert len(rows) == len(want), f"{len(rows)} CSV rows, {len(want)} in the JSON"
assert raw == "" or raw.endswith("\r\n"), "records end in CRLF"
def flat(o, pre=""):
    out = {}
    for k, v in o.items():
        if isinstance(v, dict) and v:
            out.update(flat(v, pre + k + "."))
        else:
            out[pre + k] = v
    return out
def cell(v):
    if v is None: return ""
    if v is True: return "true"
    if v is False: return "false"
    if isinstance(v, float) and v == int(v): return str(int(v))
    if isinstance(v, (list, dict)): return None  # compact JSON: compared parsed
    return str(v)
for r, w in zip(rows, want):
    for k, v in flat(w).items():
        if k not in r: continue
        c = cell(v)
        if c is None:
            assert json.loads(r[k]) == v, (k, r[k], v)
        elif isinstance(v, float):
            assert abs(float(r[k]) - v) < 1e-9, (k, r[k], v)
        else:
            assert r[k] == c, (k, r[k], c)
print(len(rows))
EOF
csvcheck() { python3 "$T/csvcheck.py" "$@" > "$T/n" 2> "$T/pyerr" || { cat "$T/pyerr"; return 1; }; }

for db in "$SQ" "$PG"; do
  case $db in postgres*) S=pg ;; *) S=sqlite ;; esac
  R() { "$REEL" "$@" --db "$db"; }
  # ---- over time ----------------------------------------------------------
  R film "Pain and Glory" --timeline > "$T/$S.tl.txt"
  R film "Pain and Glory" --timeline --json > "$T/$S.tl.json"
  R film "Pain and Glory" --timeline --csv > "$T/$S.tl.csv"
  cat "$T/$S.tl.txt"
  check "$S: timeline for people: a line per dated review, the sparkline, the undated said" \
    'grep -q "^2019-10-01 .*Comma, Inc" "$T/$S.tl.txt" && grep -q "share positive over time: " "$T/$S.tl.txt" && grep -q "^1 review without a date is not on the timeline" "$T/$S.tl.txt"'
  check "$S: timeline JSON: dated points in order, the undated counted" \
    'python3 -c "
import json,sys; t=json.load(open(sys.argv[1])); p=t[\"points\"]
assert t[\"dated\"]==len(p)>=3 and t[\"undated\"]==1, t
assert [x[\"date\"] for x in p]==sorted(x[\"date\"] for x in p)
pos=0
for i,x in enumerate(p):
    pos+=x[\"verdict\"]==\"positive\"; assert abs(x[\"running_share\"]-round(100*pos/(i+1),2))<1e-9
" "$T/$S.tl.json"'
  check "$S: timeline --csv is its points" 'csvcheck points "$T/$S.tl.csv" "$T/$S.tl.json"'
  check "$S: --timeline with --limit refused" '! R film Parasite --timeline --limit 2 2> /dev/null'
  # ---- films by year and by first review ----------------------------------
  R films --sort first-review --json > "$T/$S.first.json"
  R films --sort year --json > "$T/$S.year.json"
  check "$S: films by first review: earliest first (Pain and Glory's quoted 2019-10-01)" \
    'python3 -c "
import json,sys; f=json.load(open(sys.argv[1]))[\"films\"]; d=[x[\"first_review\"] for x in f]
assert d==sorted(d) and d[0]==\"2019-10-01\" and f[0][\"key\"]==\"pain and glory\", d
" "$T/$S.first.json"'
  R films --sort first-review > "$T/$S.first.txt"
  check "$S: films by first review for people: the date leads" \
    'sed -n 2p "$T/$S.first.txt" | grep -q "^2019-10-01  Pain and Glory"'
  check "$S: films by year: in year order" 'python3 -c "
import json,sys; y=[x[\"year\"] for x in json.load(open(sys.argv[1]))[\"films\"]]; assert y==sorted(y), y
" "$T/$S.year.json"'
  # ---- --csv on every list -------------------------------------------------
  R films --json > "$T/$S.films.json"; R films --csv > "$T/$S.films.csv"
  check "$S: films --csv = films --json" 'csvcheck films "$T/$S.films.csv" "$T/$S.films.json"'
  check "$S: films --csv header leads with name,title,year" 'head -1 "$T/$S.films.csv" | grep -q "^name,title,year,"'
  R film "Pain and Glory" --json > "$T/$S.film.json"; R film "Pain and Glory" --csv > "$T/$S.film.csv"
  check "$S: film --csv = its articles, quotes and newline intact" \
    'csvcheck articles "$T/$S.film.csv" "$T/$S.film.json" && grep -q "\"The \"\"Comma, Inc.\"\" Review\"" "$T/$S.film.csv"'
  R facts Parasite --json > "$T/$S.facts.json"; R facts Parasite --csv > "$T/$S.facts.csv"
  check "$S: facts --csv = facts --json ($(cat "$T/n" 2>/dev/null) rows)" 'csvcheck facts "$T/$S.facts.csv" "$T/$S.facts.json" && [ "$(cat "$T/n")" -gt 3 ]'
  R search "Almodóvar" --json > "$T/$S.search.json"; R search "Almodóvar" --csv > "$T/$S.search.csv"
  check "$S: search --csv = search --json" 'csvcheck hits "$T/$S.search.csv" "$T/$S.search.json" && [ "$(cat "$T/n")" -ge 2 ]'
  check "$S: --csv with --json refused" '! R films --csv --json 2> /dev/null'
  check "$S: --csv only where there is a list" '! R article 000000 --csv 2> /dev/null'
  # ---- export of the whole store -------------------------------------------
  for t in films articles facts; do
    R export --format csv $t > "$T/$S.$t.x.csv" || bad "$S: export $t csv"
    R export --format jsonl $t > "$T/$S.$t.x.jsonl" || bad "$S: export $t jsonl"
    check "$S: export $t: the CSV is the JSON lines" 'csvcheck lines "$T/$S.$t.x.csv" "$T/$S.$t.x.jsonl"'
    n=$(cat "$T/n" 2>/dev/null)
    case $db in
      postgres*) want=$(pg_sql "reel_reach_$$" "select count(*) from $t") ;;
      *) want=$(sqlite3 "$db" "select count(*) from $t") ;;
    esac
    check "$S: export $t: every row ($n of $want)" '[ "$n" = "$want" ]'
  done
  R export --output "$T/$S.out.csv" films 2> "$T/e"
  check "$S: export --output writes the file and says so" 'cmp -s "$T/$S.out.csv" "$T/$S.films.x.csv" && grep -q "rows written to" "$T/e"'
  check "$S: export of an unknown table is a usage error" 'R export critics > /dev/null 2>&1; [ $? = 2 ]'
done

# ---- the two stores print the same bytes ---------------------------------
for f in first.txt tl.txt tl.json tl.csv first.json year.json films.csv film.csv facts.csv search.csv \
  films.x.csv articles.x.csv facts.x.csv films.x.jsonl articles.x.jsonl facts.x.jsonl; do
  check "sqlite = postgres: $f" 'cmp -s "$T/sqlite.$f" "$T/pg.$f"'
done

# ---- export memory does not grow with the store ---------------------------
# 300 and 3,000 review records (2 KB titles, 6 KB of text each) loaded into
# each store: exporting every article of the larger (6 MB of CSV) takes no
# more memory (streamed rows; holding them would cost megabytes)
python3 - "$T/recs.jsonl" <<'EOF'
import json, sys
with open(sys.argv[1], "w") as f:
    for i in range(3000):
        f.write(json.dumps({"record_version": 1, "id": "%064x" % (i + 1),
            "kind": {"label": "review"}, "title": "Review %d, \"quoted\" " % i + "long " * 400,
            "date": "2020-%02d-%02d" % (1 + i % 12, 1 + i % 28), "outlet": "Outlet %d" % (i % 40),
            "subject": {"title": "Film %d" % (i % 50), "key": "film %d" % (i % 50), "year": 2000 + i % 50},
            "verdict": {"score100": float(i % 100), "source": "explicit", "positive": i % 100 >= 60},
            "text": ("Film number %d is reviewed here. " % (i % 50)) * 200}) + "\n")
EOF
head -300 "$T/recs.jsonl" > "$T/recs300.jsonl"
# (a sanitized reel keeps freed memory in quarantine: turned off here, so
# the figure is what the export holds, not what it has ever freed)
rss() {
  ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0:thread_local_quarantine_size_kb=0 \
    /usr/bin/time -f %M "$REEL" export --db "$1" --format "$2" articles 2>&1 > /dev/null | tail -1
}
for S in sqlite pg; do
  if [ $S = sqlite ]; then small="$T/small.db" big="$T/big.db"; else
    small=$(pg_newdb "reel_reach_s$$") big=$(pg_newdb "reel_reach_b$$"); fi
  "$REEL" load --quiet --db "$small" "$T/recs300.jsonl" && "$REEL" load --quiet --db "$big" "$T/recs.jsonl" ||
    bad "$S: loading the records"
  for f in csv jsonl; do
    a=$(rss "$small" $f) b=$(rss "$big" $f)
    check "$S: export articles as $f: 3,000 articles in ${b} KB, 300 in ${a} KB (bounded)" \
      '[ -n "$a" ] && [ -n "$b" ] && [ "$b" -le $((a + 3072)) ]'
  done
  n=$("$REEL" export --db "$big" articles | python3 -c "import csv,sys; print(sum(1 for _ in csv.DictReader(sys.stdin)))")
  check "$S: the 3,000 articles all exported ($n)" '[ "$n" = 3000 ]'
done

[ $fails = 0 ] && echo "reach: all ok" || echo "reach: $fails failed"
exit $((fails > 0))
