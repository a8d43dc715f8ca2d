#!/usr/bin/env bash
# completion.sh — `reel completion bash`: a script bash parses, that
# completes every command `reel --help` lists, every option each command's
# --help lists, the values a synopsis names (--sort), a literal first word
# (catalog import), file names after an option that takes a FILE and for
# paths, nothing after a number, and --opt=VALUE; a shell other than bash is
# a usage error (exit 2).
set -u
REEL=${REEL_BIN:?REEL_BIN not set}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fails=$((fails + 1)); }

"$REEL" completion bash >"$T/reel.bash" || { echo "FAIL: reel completion bash"; exit 1; }
bash -n "$T/reel.bash" && ok "the script parses" || bad "the script does not parse"
"$REEL" completion zsh >/dev/null 2>"$T/err"
[ $? -eq 2 ] && grep -q "usage: reel completion bash" "$T/err" && ok "zsh: usage error" || bad "zsh: not a usage error"
"$REEL" completion >/dev/null 2>&1
[ $? -eq 2 ] && ok "no shell: usage error" || bad "no shell: not a usage error"

mkdir -p "$T/dir" && touch "$T/dir/store.db" "$T/dir/stuff.html"
# complete WORDS...: what the script offers for the last word, one a line
complete_words() {
  (
    cd "$T/dir" || exit 1
    # shellcheck disable=SC1091
    source "$T/reel.bash"
    COMP_WORDS=("$@")
    COMP_CWORD=$(($# - 1))
    COMPREPLY=()
    _reel
    printf '%s\n' "${COMPREPLY[@]}"
  )
}
expect() { # expect NAME WANT WORDS...: WANT (space-separated) all offered
  local name=$1 want=$2
  shift 2
  local got
  got=$(complete_words "$@" | sort | tr '\n' ' ')
  for w in $want; do
    case " $got" in *" $w "*) ;; *) bad "$name: '$w' not offered (got: $got)"; return ;; esac
  done
  ok "$name"
}
expect_none() { # expect_none NAME WORDS...
  local name=$1
  shift
  local got
  got=$(complete_words "$@")
  [ -z "$got" ] && ok "$name" || bad "$name: offered $got"
}

# every command of reel --help
cmds=$("$REEL" --help | sed -n 's/^  \([a-z]\+\)  .*/\1/p')
[ "$(wc -w <<<"$cmds")" -ge 10 ] || bad "reel --help listed too few commands: $cmds"
expect "every command of reel --help" "$cmds" reel ""
expect "a prefix" "film films" reel fil
expect "help COMMAND" "ingest serve" reel help ""
# every option each command's --help lists
for c in $cmds; do
  "$REEL" "$c" --help >"$T/help.$c" 2>/dev/null || continue
  opts=$(grep -o -- '--[a-z][a-z0-9-]*' "$T/help.$c" | sort -u | tr '\n' ' ')
  [ -n "$opts" ] || continue
  expect "reel $c --<TAB>: $opts" "$opts" reel "$c" --
done
expect "films --sort values" "title score reviews" reel films --sort ""
expect "films --sort=VALUE" "score" reel films --sort = sc
expect "catalog import" "import" reel catalog ""
expect "completion bash" "bash" reel completion ""
expect "train names (from its usage text)" "names" reel train ""
expect "--db takes a file" "store.db" reel ingest --db st
expect "--db=FILE" "store.db" reel films --db = st
expect "paths for ingest" "stuff.html" reel ingest stu
expect_none "nothing after --limit" reel films --limit ""

[ "$fails" -eq 0 ] || { echo "$fails failed"; exit 1; }
echo "completion: all passed"
