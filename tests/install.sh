#!/usr/bin/env bash
# install.sh — what `make install` and `make deb` put on a machine, checked
# in scratch roots: the command, the library in the multiarch libdir, the
# header, the model where the command, reel_ctx_new (on its first
# prediction) and reel_ctx_load_default_model find it, reel.pc, the CMake package config and the man pages where man finds
# them. Then each installed `reel` ingests examples/ with every verdict
# present, and a `reel` with no model says so and exits 3 (not with
# --no-model). Reuses the test build dir (cmake --install, cpack).
set -u
SRC=${REEL_SRC:?REEL_SRC not set}
BUILD=${REEL_BUILD:?REEL_BUILD not set}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fails=$((fails + 1)); }
check() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }
unset REEL_MODEL REEL_DB
ARCH=$(gcc -print-multiarch 2>/dev/null || dpkg-architecture -qDEB_HOST_MULTIARCH)
REVIEWS=$(ls "$SRC"/examples/*review* | wc -l)

cmake --build "$BUILD" --target reel reel_cli -j2 >/dev/null || { echo "FAIL build"; exit 1; }
PREFIX=$(sed -n 's/^CMAKE_INSTALL_PREFIX:PATH=//p' "$BUILD/CMakeCache.txt")

# every verdict of examples/ present, from the installed model
ingest_ok() { # $1 reel, $2 root it lives in, $3 db
  LD_LIBRARY_PATH="$2$4" "$1" ingest --json --db "$3" "$SRC/examples" > "$3.out" 2> "$3.err"
  local rc=$?
  [ $rc = 0 ] || { echo "  exit $rc: $(cat "$3.err")"; return 1; }
  grep -q "\"model\":\"$2/[^\"]*share/reel/sentiment.model\"" "$3.out" ||
    { echo "  model: $(cat "$3.out")"; return 1; }
  local n
  n=$(sqlite3 "$3" "select count(*) from articles where kind='review' and json_extract(record,'$.verdict.score100') is not null")
  [ "$n" = "$REVIEWS" ] || { echo "  $n of $REVIEWS reviews with a verdict"; return 1; }
}

# ---- make install DESTDIR=... ------------------------------------------------
R="$T/root"
DESTDIR="$R" cmake --install "$BUILD" > "$T/install.log" 2>&1 || { cat "$T/install.log"; bad "cmake --install"; }
P="$R$PREFIX"
check "install: command" '[ -x "$P/bin/reel" ]'
check "install: library in the multiarch libdir (lib/$ARCH)" '[ -e "$P/lib/$ARCH/libreel.so.0" ] && [ -L "$P/lib/$ARCH/libreel.so" ]'
check "install: header" '[ -f "$P/include/reel.h" ]'
check "install: model in share/reel" 'cmp -s "$P/share/reel/sentiment.model" "$SRC/models/sentiment.model"'
check "install: reel.pc" '[ -f "$P/lib/$ARCH/pkgconfig/reel.pc" ]'
check "install: CMake package config" '[ -f "$P/lib/$ARCH/cmake/reel/reelConfig.cmake" ] && [ -f "$P/lib/$ARCH/cmake/reel/reelTargets.cmake" ]'
check "install: man reel finds reel(1)" '[ "$(MANPATH="$P/share/man" man -w reel 2>/dev/null)" = "$P/share/man/man1/reel.1" ]'
check "install: bash completion in share/bash-completion/completions" 'bash -n "$P/share/bash-completion/completions/reel" && grep -q "complete -F _reel reel" "$P/share/bash-completion/completions/reel"'
check "install: man 3 libreel finds libreel(3)" '[ "$(MANPATH="$P/share/man" man -w 3 libreel 2>/dev/null)" = "$P/share/man/man3/libreel.3" ]'
check "install: reel is linked against libreel.so.0 and finds it by its RUNPATH, without LD_LIBRARY_PATH" \
  'readelf -d "$P/bin/reel" | grep -q "NEEDED.*libreel.so.0" && env -u LD_LIBRARY_PATH "$P/bin/reel" --version > /dev/null'
check "install: the installed reel ingests examples/ with every verdict ($REVIEWS reviews)" \
  'ingest_ok "$P/bin/reel" "$R" "$T/i.db" "$PREFIX/lib/$ARCH"'

# a program built against the install (pkg-config, then CMake's package
# config) finds the installed model by itself
cat > "$T/use.c" <<'C'
#include <reel.h>
#include <stdio.h>
int main(void)
{
    reel_ctx *ctx = NULL;
    if (reel_ctx_new(&ctx)) return 1;
    int rc = reel_ctx_load_default_model(ctx);
    printf("%d %s\n", rc, rc ? reel_errmsg(ctx) : reel_ctx_model_path(ctx));
    reel_ctx_free(ctx);
    return rc ? 1 : 0;
}
C
PKG="$P/lib/$ARCH/pkgconfig"
# a sanitized libreel needs its runtime in the program too
SAN=""
[ -n "${REEL_SANITIZED:-}" ] && SAN="-fsanitize=address,undefined"
if cc $SAN -o "$T/use" "$T/use.c" $(PKG_CONFIG_PATH="$PKG" pkg-config --cflags --libs reel) 2> "$T/cc.err"; then
  LD_LIBRARY_PATH="$P/lib/$ARCH" "$T/use" > "$T/use.out"; rc=$?
  check "pkg-config: a program finds the installed model ($(cat "$T/use.out"))" '[ $rc = 0 ] && grep -q "share/reel/sentiment.model$" "$T/use.out"'
else
  cat "$T/cc.err"; bad "pkg-config: compile and link against the install"
fi
mkdir -p "$T/cm"
cp "$T/use.c" "$T/cm/use.c"
cat > "$T/cm/CMakeLists.txt" <<'CM'
cmake_minimum_required(VERSION 3.18)
project(use C)
find_package(reel 0.1 REQUIRED)
add_executable(use use.c)
target_link_libraries(use PRIVATE reel::reel)
CM
if cmake -S "$T/cm" -B "$T/cm/b" -DCMAKE_PREFIX_PATH="$P" -DCMAKE_C_FLAGS="$SAN" > "$T/cm.log" 2>&1 &&
   cmake --build "$T/cm/b" >> "$T/cm.log" 2>&1; then
  LD_LIBRARY_PATH="$P/lib/$ARCH" "$T/cm/b/use" > "$T/cm.out"
  check "find_package(reel): links and finds the model" '[ $? = 0 ]'
else
  cat "$T/cm.log"; bad "find_package(reel) against the install"
fi

# a program that only makes a context and processes a review (no model
# call at all) gets a predicted verdict from the installed model, read on
# its first prediction; moved away from any model, the record says so
cat > "$T/verdict.c" <<'C'
#include <reel.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
static const char *REVIEW =
    "The Long Road Home review: a trucker's slow drive toward forgiveness\n\n"
    "Director Jane Marlowe's quiet drama follows a retired trucker who crosses the "
    "country to see the daughter he left behind. Tom Hale gives a superb, understated "
    "performance, the photography of empty highways is gorgeous, and the script is "
    "sharp, funny and moving. The film takes its time, but every scene earns it. It is "
    "one of the most beautiful and heartfelt films of the year, and I recommend it "
    "without hesitation.\n";
int main(void)
{
    reel_ctx *ctx = NULL;
    reel_doc *doc = NULL;
    char *json = NULL;
    if (reel_ctx_new(&ctx)) return 1;
    int rc = reel_process(&doc, ctx, REVIEW, strlen(REVIEW), "review.txt", REEL_FORMAT_TEXT);
    if (rc)
        printf("error %s\n", reel_errmsg(ctx));
    else if (doc->kind == REEL_KIND_REVIEW && !doc->score.found && doc->sentiment.has)
        printf("predicted %.0f %s\n", doc->sentiment.score100, reel_ctx_model_path(ctx));
    else if (reel_record_to_json(&json, ctx, doc, 0) == 0)
        printf("no verdict %s\n", json);
    free(json);
    reel_doc_free(doc);
    reel_ctx_free(ctx);
    return rc ? 1 : 0;
}
C
if cc $SAN -o "$T/verdict" "$T/verdict.c" $(PKG_CONFIG_PATH="$PKG" pkg-config --cflags --libs reel) 2> "$T/cc2.err"; then
  LD_LIBRARY_PATH="$P/lib/$ARCH" "$T/verdict" > "$T/verdict.out"; rc=$?
  check "reel_ctx_new + reel_process alone: a predicted verdict from the installed model ($(cat "$T/verdict.out"))" \
    '[ $rc = 0 ] && grep -Eq "^predicted [0-9]+ .*share/reel/sentiment.model$" "$T/verdict.out"'
  if [ -f "$PREFIX/share/reel/sentiment.model" ]; then
    echo "SKIP library without a model: a model is installed on this machine ($PREFIX/share/reel)"
  else
    mkdir -p "$T/bare/lib"
    cp -P "$P/lib/$ARCH"/libreel.so* "$T/bare/lib/"
    LD_LIBRARY_PATH="$T/bare/lib" "$T/verdict" > "$T/bare.out"; rc=$?
    check "reel_ctx_new without any model: no verdict, the record says \"no model\"" \
      '[ $rc = 0 ] && grep -q "\"not_analysed\":{\"analyzers\":\[\"sentiment\"\],\"reason\":\"no model\"}" "$T/bare.out" && grep -q "\"verdict\":null" "$T/bare.out"'
  fi
else
  cat "$T/cc2.err"; bad "compile and link the verdict program against the install"
fi

# ---- no model: said once, in the JSON, exit 3 unless --no-model ------------
# (the command with its library beside it, as an installed tree has them)
mkdir -p "$T/lonely/bin" "$T/lonely/lib/$ARCH"
cp "$P/bin/reel" "$T/lonely/bin/reel"
cp -P "$P/lib/$ARCH"/libreel.so* "$T/lonely/lib/$ARCH/"
if [ -f "$PREFIX/share/reel/sentiment.model" ]; then
  echo "SKIP no-model checks: a model is installed on this machine ($PREFIX/share/reel)"
else
  "$T/lonely/bin/reel" ingest --json --db "$T/n.db" "$SRC/examples" > "$T/n.out" 2> "$T/n.err"; rc=$?
  check "no model: ingest exits 3" '[ $rc = 3 ]'
  check "no model: said once on stderr" '[ "$(grep -c "no sentiment model" "$T/n.err")" = 1 ]'
  check "no model: \"model\":null in the JSON" 'grep -q "\"model\":null" "$T/n.out"'
  "$T/lonely/bin/reel" ingest --json --no-model --db "$T/n2.db" "$SRC/examples" > "$T/n2.out" 2> "$T/n2.err"; rc=$?
  check "--no-model: exit 0, nothing said" '[ $rc = 0 ] && ! grep -q "model" "$T/n2.err"'
  "$T/lonely/bin/reel" extract "$SRC/examples/parasite-news-1.html" > /dev/null 2> "$T/x.err"
  check "no model: extract says so once" '[ "$(grep -c "no sentiment model" "$T/x.err")" = 1 ]'
  "$T/lonely/bin/reel" films --db "$T/n.db" > /dev/null 2> "$T/f.err"
  check "no model: a query (predicts nothing) says nothing" '[ ! -s "$T/f.err" ]'
fi

# ---- make deb: the package's files in a scratch root -------------------------
rm -f "$BUILD"/reel_*.deb
(cd "$BUILD" && cpack -G DEB > "$T/cpack.log" 2>&1) || { cat "$T/cpack.log"; bad "cpack -G DEB"; }
DEB=$(ls "$BUILD"/reel_*.deb 2>/dev/null | head -1)
check "deb: built" '[ -n "$DEB" ]'
if [ -n "$DEB" ]; then
  D="$T/deb"
  dpkg-deb -x "$DEB" "$D"
  dpkg-deb -f "$DEB" Depends > "$T/deps"
  check "deb: depends on its libraries (shlibdeps)" 'grep -q libsqlite3 "$T/deps" && grep -q libutf8proc "$T/deps"'
  check "deb: /usr/bin/reel, libreel in /usr/lib/$ARCH, model, header, reel.pc, CMake config, man pages" \
    '[ -x "$D/usr/bin/reel" ] && [ -e "$D/usr/lib/$ARCH/libreel.so.0" ] && [ -f "$D/usr/share/reel/sentiment.model" ] && [ -f "$D/usr/include/reel.h" ] && [ -f "$D/usr/lib/$ARCH/pkgconfig/reel.pc" ] && [ -f "$D/usr/lib/$ARCH/cmake/reel/reelConfig.cmake" ] && [ -f "$D/usr/share/man/man1/reel.1" ] && [ -f "$D/usr/share/man/man3/libreel.3" ]'
  check "deb: reel.pc points into the package's tree" '[ "$(PKG_CONFIG_PATH="$D/usr/lib/$ARCH/pkgconfig" pkg-config --variable=modeldir reel | xargs realpath)" = "$(realpath "$D/usr/share/reel")" ]'
  check "deb: its reel ingests examples/ with every verdict ($REVIEWS reviews)" \
    'ingest_ok "$D/usr/bin/reel" "$D" "$T/d.db" "/usr/lib/$ARCH"'
fi

if [ $fails = 0 ]; then echo "install: all checks passed"; exit 0; fi
echo "install: $fails checks failed"; exit 1
