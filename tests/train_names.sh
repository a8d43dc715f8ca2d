#!/usr/bin/env bash
# train_names.sh — `reel train names` (cli/cmd_train_names.c) on a tiny
# gazetteer and a tiny review set of our own: a name used as a given name
# is kept, one written mostly in lower case ("grace") or seen only inside a
# capitalised title ("The Lion King") is not, the output is sorted, folded
# and the same on a second run; bad options exit 2.
set -u
REEL=${REEL_BIN:?REEL_BIN not set}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fails=$((fails + 1)); }
check() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }

mkdir -p "$T/names" "$T/data"
printf 'Grace\nNora\nLion\nZo\xc3\xab\n' > "$T/names/female.txt"
printf 'Tomas\nNora\n' > "$T/names/male.txt"
{
  for i in 1 2 3; do
    printf '1\t8\tNora Quinn and Tomas Hale are superb, and Zo\xc3\xab Park steals every scene.\n'
    printf '0\t3\tBy the grace of the editor it ends; Grace Lee tries, but grace is not enough.\n'
    printf '1\t9\tI loved The Lion King as a child, and the lion still roars.\n'
  done
} | gzip > "$T/data/imdb_train.tsv.gz"
"$REEL" train names --names "$T/names" --data "$T/data" --out "$T/a.model" 2> "$T/e"
check "trains and says how many names it kept" '[ $? = 0 ] && grep -q "3 of 5 names kept" "$T/e"'
check "given names kept, folded and sorted" \
  '[ "$(grep -v "^#" "$T/a.model" | tr "\n" " ")" = "nora tomas zoe " ]'
check "a name mostly in lower case, or only inside a title, is left out" \
  '! grep -qx "grace\|lion" "$T/a.model"'
"$REEL" train names --names "$T/names" --data "$T/data" --out "$T/b.model" 2> /dev/null
check "deterministic" 'cmp -s "$T/a.model" "$T/b.model"'
"$REEL" train names --names "$T/names" --data "$T/data" --stats > "$T/s" 2> /dev/null
check "--stats prints each name's counts" 'grep -q "^grace	3	6	dropped$" "$T/s"'
"$REEL" train names --min 0 > /dev/null 2>&1; rc=$?
check "bad --min exits 2" '[ $rc = 2 ]'
"$REEL" train names --names "$T/nowhere" --data "$T/data" --out "$T/c.model" 2> "$T/e"; rc=$?
check "a missing gazetteer: exit 1, named" '[ $rc = 1 ] && grep -q nowhere "$T/e"'
[ $fails = 0 ]
