#!/usr/bin/env bash
# critics.sh — `reel critics`, `critic`, `outlets`, `outlet` end to end: the
# people's output and --json over our fixture (tests/data/critics.jsonl, its
# figures worked by hand in tests/test_critics.c), exit codes, and on rt-dev
# (../shared/data/rt-dev, skipped when absent) every named critic listed with
# the count of their reviews in rt_critics.tsv, checked with Python.
set -u
REEL=${REEL_BIN:?REEL_BIN not set}
SRC=${REEL_SRC:?REEL_SRC not set}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fails=$((fails + 1)); }
check() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }

DB="$T/fx.db"
"$REEL" ingest --no-model --quiet --db "$DB" "$SRC/tests/data/critics.jsonl"
"$REEL" critics --db "$DB" > "$T/list"
cat "$T/list"
check "critics: a header and the four critics" \
  '[ "$(wc -l < "$T/list")" = 5 ] && head -1 "$T/list" | grep -q "^critic .*reviews average spread agreement"'
check "critics: Ann Lee 5 reviews, average 67.5, spread 35.0, 67% of 3" \
  'grep -Eq "^Ann Lee +5 +67.5 +35.0 67% of 3 +The Daily Reel" "$T/list"'
"$REEL" critics --db "$DB" --json --sort name > "$T/list.json"
check "critics --json: an array of flat objects, by name" 'python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
rows = d[\"critics\"]
assert [r[\"name\"] for r in rows] == [\"Ann Lee\", \"Bob Roy\", \"Cy Dee\", \"Dot Fox\"], rows
assert all(not isinstance(v, (dict, list)) for r in rows for v in r.values())
assert d[\"total\"] == 4 and d[\"sort\"] == \"name\"" "$T/list.json"'
"$REEL" critic --db "$DB" "BY ann lée" > "$T/ann"
cat "$T/ann"
check "critic: any spelling finds her; agreement and the films with none" \
  'head -1 "$T/ann" | grep -qx "Ann Lee" && grep -q "agrees with the consensus: 67% of 3 (2 of 3 films with one)" "$T/ann"'
check "critic: highest and lowest rated" \
  'grep -q "^rated highest:" "$T/ann" && grep -q "^rated lowest:" "$T/ann"'
"$REEL" critic --db "$DB" --json --limit 1 --offset 4 "ann lee" > "$T/ann.json"
check "critic --json --limit 1 --offset 4: the oldest review" 'python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
assert len(d[\"items\"]) == 1 and d[\"items\"][0][\"title\"] == \"Alpha Harbour\", d[\"items\"]
assert d[\"agreed\"] == 2 and d[\"compared\"] == 3 and d[\"average\"] == 67.5" "$T/ann.json"'
"$REEL" outlets --db "$DB" > "$T/outlets"
cat "$T/outlets"
check "outlets: The Daily Reel and Daily Reel are one, 9 reviews" \
  'grep -Eq "^The Daily Reel +9 " "$T/outlets" && [ "$(wc -l < "$T/outlets")" = 3 ]'
"$REEL" outlet --db "$DB" "screen weekly" > "$T/weekly"
check "outlet: its critics" 'grep -q "critics: Bob Roy (4), Dot Fox (2)" "$T/weekly"'
"$REEL" critic --db "$DB" "nobody at all" > /dev/null 2> "$T/e"; rc=$?
check "critic: an unknown name exits 4 with one line ($(cat "$T/e"))" '[ $rc = 4 ] && [ "$(wc -l < "$T/e")" = 1 ]'
"$REEL" critic --db "$DB" "o" > /dev/null 2> "$T/e"; rc=$?
check "critic: a part of several names exits 4 and says so" '[ $rc = 4 ] && grep -q "give more of the name" "$T/e"'
"$REEL" critics --db "$DB" --sort title > /dev/null 2> "$T/e"; rc=$?
check "critics: an unknown sort exits 2" '[ $rc = 2 ] && grep -q "use reviews, name, score or agreement" "$T/e"'
"$REEL" critic --db "$DB" > /dev/null 2>&1; rc=$?
check "critic: no name exits 2" '[ $rc = 2 ]'
check "help lists the four commands" \
  '"$REEL" help 2>&1 | grep -q "^  critics " && "$REEL" help 2>&1 | grep -q "^  outlet "'
# --csv: RFC 4180 read back by Python's csv module, the same rows as --json
for v in "critics" "outlets" "critic ann-lee" "outlet screen-weekly"; do
  cmd=${v%% *}
  name=${v#"$cmd"}
  name=${name# }
  name=${name//-/ }
  "$REEL" "$cmd" ${name:+"$name"} --db "$DB" --csv > "$T/csv" 2> "$T/e"
  "$REEL" "$cmd" ${name:+"$name"} --db "$DB" --json > "$T/json" 2>> "$T/e"
  check "$v --csv: the rows of --json" 'python3 - "$T/csv" "$T/json" "$cmd" <<"PY"
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
j = json.load(open(sys.argv[2]))
want = j["items"] if sys.argv[3] in ("critic", "outlet") else j[sys.argv[3]]
assert len(rows) == len(want) > 0, (len(rows), len(want))
for r, w in zip(rows, want):
    for k, v in w.items():
        s = "" if v is None else ("true" if v is True else "false" if v is False else str(v))
        assert r[k] == s or (isinstance(v, float) and float(r[k]) == v), (k, r[k], v)
PY'
done

# ---- rt-dev: every named critic, with the count of their reviews -----------
RT="$SRC/../shared/data/rt-dev"
if [ -f "$RT/rt_critics.tsv" ]; then
  python3 "$SRC/bench/rt_to_jsonl.py" "$RT" > "$T/rt.jsonl"
  "$REEL" ingest --no-model --quiet --db "$T/rt.db" "$T/rt.jsonl"
  start=$(date +%s%N)
  "$REEL" critics --db "$T/rt.db" --json --limit 100000 > "$T/rt.json"
  took=$(( ($(date +%s%N) - start) / 1000000 ))
  check "rt-dev: reel critics lists every named critic with their count in the file ($took ms)" 'python3 - "$RT/rt_critics.tsv" "$T/rt.json" <<"PY"
import collections, json, re, sys, unicodedata
# the rows rt_to_jsonl.py keeps (a quote or a score), by critic; names
# folded as reel folds them: case, accents, apostrophes, punctuation
def fold(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = re.sub(r"^by[ :]+", "", s.replace("\u2019", "").replace("\x27", ""))
    return " ".join(re.findall(r"\w+", s.replace("&", " and ")))
want = collections.Counter()
named = set()
for line in open(sys.argv[1], encoding="utf-8"):
    c = line.rstrip("\n").split("\t")
    if len(c) < 8 or not c[1]:
        continue
    named.add(c[1])
    if c[7] or c[5]:
        want[fold(c[1])] += 1
got = {r["key"]: r["reviews"] for r in json.load(open(sys.argv[2]))["critics"]}
print(f"rt-dev: {len(named)} named critics in the file, {len(want)} with a review kept, {len(got)} listed")
assert len(want) == 1081, len(want)
bad = {k: (want.get(k), got.get(k)) for k in set(want) | set(got) if want.get(k) != got.get(k)}
assert not bad, list(bad.items())[:10]
PY'
else
  echo "SKIP rt-dev: ../shared/data/rt-dev is absent"
fi

if [ $fails = 0 ]; then echo "critics: all checks passed"; exit 0; fi
echo "critics: $fails checks failed"; exit 1
