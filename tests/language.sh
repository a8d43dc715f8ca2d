#!/usr/bin/env bash
# language.sh — the article's language through the command: `reel article`
# shows it and what was not analysed, `reel films --language CODE` keeps the
# films with an article in that language (text, --json, paging, none).
set -u
REEL=${REEL_BIN:?REEL_BIN not set}
SRC=${REEL_SRC:?REEL_SRC not set}
. "$SRC/tests/lib/serve.sh"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fails=$((fails + 1)); }
check() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }

# two films: one reviewed in French and English, one only in Spanish
cat > "$T/a.jsonl" <<'JSONL'
{"url":"t:1","film":"The Lighthouse Keeper","kind":"review","text":"Un drame austère sur un gardien de phare seul face à l'hiver. La mise en scène est patiente, les images sont superbes et l'acteur principal porte le film sur ses épaules. Note : 4/5"}
{"url":"t:2","film":"The Lighthouse Keeper","kind":"review","text":"An austere drama about a lighthouse keeper alone through a long winter. The direction is patient, the images are gorgeous and the lead carries the film on his shoulders. Rating: 4/5"}
{"url":"t:3","film":"Summer of Noise","kind":"review","text":"Una comedia ruidosa que confunde gritar con hacer reír. Los actores se esfuerzan, pero el guion no les da nada que hacer y la última media hora es interminable. Calificación: 3/10"}
JSONL
"$REEL" ingest --quiet --db "$T/r.db" "$T/a.jsonl" 2> "$T/err"; rc=$?
check "ingest exits 0" '[ $rc = 0 ]'

"$REEL" films --db "$T/r.db" --language fr > "$T/fr"
check "films --language fr: the film with a French review" 'grep -q "The Lighthouse Keeper" "$T/fr" && ! grep -q "Summer of Noise" "$T/fr"'
"$REEL" films --db "$T/r.db" --language es --json > "$T/es"
check "films --language es --json: one film, the language echoed" 'python3 -c "
import json
r=json.load(open(\"$T/es\"))
assert r[\"total\"]==1 and r[\"language\"]==\"es\" and r[\"films\"][0][\"title\"]==\"Summer of Noise\", r
"'
"$REEL" films --db "$T/r.db" --language en --limit 1 --offset 1 --json > "$T/en"
check "films --language en pages after filtering" 'python3 -c "
import json
r=json.load(open(\"$T/en\"))
assert r[\"total\"]==1 and r[\"films\"]==[], r
"'
"$REEL" films --db "$T/r.db" --language de > "$T/de"
check "films --language de: none" 'grep -q "no films" "$T/de"'

id=$("$REEL" extract "$SRC/tests/data/language/es-pan.txt" 2>/dev/null | python3 -c "import json,sys; print(json.loads(sys.stdin.readline())[\"id\"])")
"$REEL" ingest --quiet --db "$T/r.db" "$SRC/tests/data/language/es-pan.txt" 2>> "$T/err"
"$REEL" article --db "$T/r.db" "$id" > "$T/art"
check "article shows the language" 'grep -q "^  lang    es" "$T/art"'
check "article says what was not analysed and why" 'grep -q "not analysed sentiment, facts, quotes (language es)" "$T/art"'
check "article shows no model verdict for Spanish" '! grep -q "^  model" "$T/art"'

# the API's films list takes ?language= too
# on a port the kernel picks (a fixed one may be taken), once the server
# says where it listens: up to 60 s (the sanitizers on a slow machine)
"$REEL" serve --db "$T/r.db" --listen 127.0.0.1:0 > "$T/serve.out" 2> "$T/serve.err" &
spid=$!
port=$(serve_port "$T/serve.out")
curl -s "http://127.0.0.1:$port/api/films?language=fr" > "$T/api"
check "API /api/films?language=fr: the French-reviewed film only" 'python3 -c "
import json
r=json.load(open(\"$T/api\"))
assert r[\"total\"]==1 and r[\"language\"]==\"fr\" and r[\"films\"][0][\"title\"]==\"The Lighthouse Keeper\", r
"'
kill "$spid" 2> /dev/null
wait "$spid" 2> /dev/null

if [ $fails = 0 ]; then echo "language: all checks passed"; exit 0; fi
echo "language: $fails checks failed"; exit 1
