#!/usr/bin/env bash
# cli_options.sh — every subcommand parses its options with getopt_long
# (cli/): "--opt=V" and "--opt V" alike, a unique prefix, "--" ending the
# options; a missing value or an unknown option is a usage error (exit 2)
# that names it. Covers the commands that once parsed by hand: migrate,
# train, train names (the others are in cli.sh).
set -u
REEL=${REEL_BIN:?REEL_BIN not set}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fails=$((fails + 1)); }
check() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }
cd "$T" || exit 1

# migrate: the same store named by --from=X and --to X
"$REEL" migrate --from="$T/a.db" --to "$T/a.db" 2> e; rc=$?
check "migrate --from=V --to V" '[ $rc = 2 ] && grep -q "^reel migrate: --from and --to name the same store$" e'
"$REEL" migrate --fr "$T/a.db" --to="$T/a.db" 2> e; rc=$?
check "migrate: a unique prefix (--fr)" '[ $rc = 2 ] && grep -q "name the same store" e'
"$REEL" migrate --from 2> e; rc=$?
check "migrate --from without a value" '[ $rc = 2 ] && grep -qx "reel migrate: --from needs a value" e'
"$REEL" migrate --db 2> e; rc=$?
check "migrate --db without a value" '[ $rc = 2 ] && grep -qx "reel: --db needs a value" e'
"$REEL" migrate --bogus 2> e; rc=$?
check "migrate: unknown option" '[ $rc = 2 ] && grep -qx "reel migrate: unknown argument --bogus" e'
"$REEL" migrate stray 2> e; rc=$?
check "migrate: a stray argument" '[ $rc = 2 ] && grep -qx "reel migrate: unknown argument stray" e'
"$REEL" migrate --from "$T/none.db" --to="$T/b.db" --batch=5 2> e; rc=$?
check "migrate --batch=5 --to=V: a missing source is exit 1, named" '[ $rc = 1 ] && grep -q "none.db" e && [ ! -e "$T/b.db" ]'

# train: checks of the model options see the value either way
"$REEL" train --ngram=5 2> e; rc=$?
check "train --ngram=5" '[ $rc = 2 ] && grep -q "^reel train: --ngram is 1-3" e'
"$REEL" train --mr-weight 11 2> e; rc=$?
check "train --mr-weight 11" '[ $rc = 2 ] && grep -q "^reel train: --ngram is 1-3" e'
"$REEL" train --out 2> e; rc=$?
check "train --out without a value" '[ $rc = 2 ] && grep -qx "reel train: --out needs a value" e'
"$REEL" train --bogus 2> e; rc=$?
check "train: unknown option, with the usage" '[ $rc = 2 ] && grep -qx "reel train: unknown option --bogus" e && grep -q "^usage: reel train" e'
"$REEL" train --cv=nope 2> e; rc=$?
check "train --cv=nope" '[ $rc = 2 ] && grep -qx "reel train: --cv takes polarity2k, mr or imdb" e'
"$REEL" train --cv mr --data="$T/nowhere" 2> e; rc=$?
check "train --data=DIR: a missing set is exit 1, named" '[ $rc = 1 ] && grep -q "nowhere/mr.tsv" e'
"$REEL" train -h > o; rc=$?
check "train -h" '[ $rc = 0 ] && grep -q "^usage: reel train" o'

# train names
mkdir -p names data
printf 'Nora\n' > names/female.txt
printf 'Tomas\n' > names/male.txt
for i in 1 2 3; do printf '1\t8\tNora Quinn and Tomas Hale are superb.\n'; done | gzip > data/imdb_train.tsv.gz
"$REEL" train names --names=names --data data --out=a.model --min=2 2> e; rc=$?
check "train names --names=V --data V --out=V --min=2" '[ $rc = 0 ] && [ "$(grep -v "^#" a.model | tr "\n" " ")" = "nora tomas " ]'
"$REEL" train names --names names --data=data --out b.model --min 4 2> /dev/null
check "train names --min 4 (the value taken)" '[ -z "$(grep -v "^#" b.model)" ]'
"$REEL" train names --min=0 2> e; rc=$?
check "train names --min=0" '[ $rc = 2 ] && grep -q "^reel train names: --min is at least 1" e'
"$REEL" train names --min 2> e; rc=$?
check "train names --min without a value" '[ $rc = 2 ] && grep -qx "reel train names: unknown option or missing value: --min" e'
"$REEL" train names stray 2> e; rc=$?
check "train names: a stray argument" '[ $rc = 2 ] && grep -qx "reel train names: unknown option or missing value: stray" e'
[ $fails = 0 ]
