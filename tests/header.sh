#!/usr/bin/env bash
# header.sh — include/reel.h is the whole public API and stands alone: it
# compiles by itself with -std=c11 -pedantic -Werror (and the warnings the
# project builds with, plus -Wstrict-prototypes), and as C++ (its
# extern "C" block), so a GNU extension or a missing include in it fails
# here, not in a user's build.
set -u
SRC=${REEL_SRC:?REEL_SRC not set}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fails=$((fails + 1)); }
CC=${CC:-cc}
printf '#include <reel.h>\nint main(void) { return reel_ctx_new(0) == 0; }\n' > "$T/use.c"
for std in c11 c99; do
  if "$CC" -std=$std -pedantic -Werror -Wall -Wextra -Wstrict-prototypes \
      -I"$SRC/include" -c "$T/use.c" -o "$T/use.o" 2> "$T/err"; then
    ok "reel.h alone: -std=$std -pedantic -Werror"
  else
    cat "$T/err"; bad "reel.h alone: -std=$std -pedantic -Werror"
  fi
done
if command -v c++ > /dev/null; then
  if c++ -x c++ -std=c++11 -pedantic -Werror -Wall -Wextra -I"$SRC/include" \
      -c "$T/use.c" -o "$T/use.o" 2> "$T/err"; then
    ok "reel.h alone as C++11"
  else
    cat "$T/err"; bad "reel.h alone as C++11"
  fi
fi
[ $fails = 0 ]
