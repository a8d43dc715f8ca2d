#!/usr/bin/env bash
# header.sh — include/reel.h (and reel_train.h) as a user of the library meets it: compiled on
# its own as strict C11 (and as C++ when g++ is here) with -pedantic -Werror,
# a small program built against the shared library `reel` alone and run
# (the out-first argument order, each result freed as the header says); and
# the header's promises checked as text: docs/man/libreel.3 lists every
# exported prototype exactly as the header declares it, and every function
# that returns or writes a pointer says who frees it.
set -u
SRC=${REEL_SRC:-$(cd "$(dirname "$0")/.." && pwd)}
BUILD=${REEL_BUILD:-$SRC/build}
CC=${CC:-cc}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fails=$((fails + 1)); }
WARN=(-pedantic -Werror -Wall -Wextra -Wstrict-prototypes -Wmissing-prototypes
      -Wshadow -Wcast-qual -Wconversion -Wsign-conversion)

# ---- the header alone, as strict C11 -----------------------------------------
cat > "$T/only.c" <<'C'
#include <reel.h>
#include <reel_train.h>
/* something of each kind the header declares, so nothing is left unchecked */
int only_uses(const reel_token *t, reel_store *st);
int only_uses(const reel_token *t, reel_store *st)
{
    reel_span s = reel_token_span(t);
    char *json = NULL;
    return (s.end > s.start) + reel_store_stats(&json, st) + REEL_ENOTFOUND;
}
C
if "$CC" -std=c11 "${WARN[@]}" -I"$SRC/include" -c "$T/only.c" -o "$T/only.o" 2> "$T/c.err"; then
  ok "reel.h compiles alone: $CC -std=c11 -pedantic -Werror -Wall -Wextra"
else
  bad "reel.h compiles alone as C11 with -pedantic -Werror:"; cat "$T/c.err"
fi

# ---- and as C++ ------------------------------------------------------------------
if command -v g++ > /dev/null; then
  if g++ -std=c++11 -pedantic -Werror -Wall -Wextra -Wold-style-cast -I"$SRC/include" \
       -x c++ -c "$T/only.c" -o "$T/only_cpp.o" 2> "$T/cpp.err"; then
    ok "reel.h compiles as C++11: g++ -pedantic -Werror -Wall -Wextra"
  else
    bad "reel.h compiles as C++11 with -pedantic -Werror:"; cat "$T/cpp.err"
  fi
else
  echo "skip reel.h as C++: no g++ here"
fi
# clang, when here, also reads the /** */ comments as documentation
if command -v clang++ > /dev/null; then
  if clang++ -std=c++11 -pedantic -Werror -Wall -Wextra -Wdocumentation -I"$SRC/include" \
       -x c++ -c "$T/only.c" -o "$T/only_clang.o" 2> "$T/clang.err"; then
    ok "reel.h compiles with clang++ -pedantic -Wdocumentation -Werror"
  else
    bad "reel.h with clang++ -Wdocumentation -Werror:"; cat "$T/clang.err"
  fi
fi

# ---- a program linked against the shared library --------------------------------
[ -e "$BUILD/libreel.so" ] || cmake --build "$BUILD" --target reel -j2 > /dev/null ||
  { echo "FAIL build of the reel target"; exit 1; }
SAN=
[ -n "${REEL_SANITIZED:-}" ] && SAN="-fsanitize=address,undefined"
cat > "$T/use.c" <<'C'
/* Uses libreel as its header documents it: every result written through the
 * first parameter, every one freed with the function the header names. */
#include <reel.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char REVIEW[] = "Arrival is a quiet science-fiction film about grief "
                             "and language. Rating: 4/5.\n";

static int fail(reel_ctx *ctx, const char *what)
{
    fprintf(stderr, "%s: %s\n", what, ctx ? reel_errmsg(ctx) : "no context");
    return 1;
}

int main(int argc, char **argv)
{
    reel_ctx *ctx = NULL;
    reel_doc *doc = NULL;
    reel_partial *p = NULL, *back = NULL;
    reel_store *st = NULL;
    reel_score score;
    char *json = NULL, *pjson = NULL, *report = NULL, *stats = NULL;
    int added = -1, rc = 1;
    if (argc != 2) return 2;
    if (reel_ctx_new(&ctx) || reel_ctx_load_model(ctx, NULL)) return fail(ctx, "context");
    if (reel_process(&doc, ctx, REVIEW, strlen(REVIEW), "review.txt", REEL_FORMAT_TEXT))
        { fail(ctx, "reel_process"); goto done; }
    if (reel_record_to_json(&json, ctx, doc, 0)) { fail(ctx, "record"); goto done; }
    if (reel_score_parse(&score, "4/5", 3) || score.score100 < 70) {
        fprintf(stderr, "reel_score_parse: 4/5 is not %g\n", score.score100);
        goto done;
    }
    free(score.raw);
    if (reel_partial_new(&p, "arrival") || reel_partial_add(ctx, p, json) ||
        reel_partial_to_json(&pjson, ctx, p) || reel_partial_from_json(&back, ctx, pjson) ||
        reel_partial_count(back) != 1)
        { fail(ctx, "partials"); goto done; }
    if (reel_store_open(&st, ctx, argv[1]) || reel_store_begin(st) ||
        reel_store_put_doc(&added, st, doc) || reel_store_commit(st) || added != 1)
        { fail(ctx, "store"); goto done; }
    if (reel_store_films(&report, st, NULL, NULL, 10, 0) || reel_store_stats(&stats, st))
        { fail(ctx, "store reads"); goto done; }
    printf("%s %s %s\n", REEL_VERSION, reel_kind_name(doc->kind), stats);
    rc = 0;
done:
    free(stats);
    free(report);
    reel_store_close(st);
    reel_partial_free(back);
    reel_partial_free(p);
    free(pjson);
    free(json);
    reel_doc_free(doc);
    reel_ctx_free(ctx);
    return rc;
}
C
if "$CC" -std=c11 -Wall -Wextra -Werror $SAN -I"$SRC/include" "$T/use.c" -L"$BUILD" -lreel \
     -o "$T/use" 2> "$T/link.err"; then
  ok "a program builds against the shared library with -lreel alone"
  out=$(LD_LIBRARY_PATH="$BUILD" "$T/use" "$T/use.db" 2>&1)
  if [[ "$out" == "0.1.0 review {\"articles\":1,"* ]]; then
    ok "it runs: process, record, score, partials, store put and reads ($out)"
  else
    bad "the program over the shared library: $out"
  fi
  if LD_LIBRARY_PATH="$BUILD" ldd "$T/use" | grep -q "libreel.so.0 => $BUILD/"; then
    ok "it is linked to $BUILD/libreel.so.0"
  else
    bad "not linked to the build's libreel.so.0: $(ldd "$T/use" | grep reel)"
  fi
else
  bad "a program against the shared library:"; cat "$T/link.err"
fi

# ---- the header's text: man page, ownership -------------------------------------
if python3 - "$SRC/include/reel.h" "$SRC/docs/man/libreel.3" > "$T/text.out" 2>&1 <<'PY'
import re, sys

def norm(p):
    p = re.sub(r'\s+', ' ', p).strip()
    p = re.sub(r'\(\s+', '(', p)
    p = re.sub(r'\s+\)', ')', p)
    return re.sub(r'\s*,\s*', ', ', p).rstrip(';').strip()

def name_of(p):
    return re.search(r'(\w+)\s*\(', p).group(1)

# reel.h and the training header beside it (reel_train.h)
src = open(sys.argv[1]).read() + open(sys.argv[1].replace('reel.h', 'reel_train.h')).read()
# every REEL_EXPORT declaration with the doc comment nearest above it
code = re.sub(r'^\s*#.*$', '', src, flags=re.M)
# (its own: only blank space between them, else none)
header, comment, last, last_end = {}, {}, '', -1
for m in re.finditer(r'(/\*\*(?!<).*?\*/)|/\*.*?\*/|REEL_EXPORT\s+([^;]*?);', code, flags=re.S):
    if m.group(1):
        last, last_end = m.group(1), m.end()
    elif m.group(2):
        p = norm(re.sub(r'REEL_PRINTF\s*\(.*\)\s*$', '', m.group(2).strip(), flags=re.S))
        header[name_of(p)] = p
        comment[name_of(p)] = last if code[last_end:m.start()].strip() == '' else ''
if len(header) < 60:
    sys.exit(f"only {len(header)} prototypes read from reel.h")

lines = open(sys.argv[2]).read().split('\n')
i = lines.index('.SH SYNOPSIS')
text = ''
for l in lines[i:lines.index('.fi', i)]:
    if l.startswith('.BI '):
        text += ''.join(a or b for a, b in re.findall(r'"([^"]*)"|(\S+)', l[4:])) + ' '
man = {name_of(norm(p)): norm(p) for p in text.split(';') if p.strip()}

bad = 0
for n, p in header.items():
    if n not in man:
        print(f"libreel.3 lacks {p}"); bad += 1
    elif man[n] != p:
        print(f"libreel.3 differs from reel.h:\n  reel.h:    {p}\n  libreel.3: {man[n]}"); bad += 1
for n in man:
    if n not in header:
        print(f"libreel.3 lists {man[n]}, which reel.h does not declare"); bad += 1

# a function that returns a pointer, or writes one through a `T **out`
# parameter or into a struct, says who frees it (or that it is borrowed or
# static); the first parameters are the results
for n, p in header.items():
    params = p[p.index('(') + 1:-1]
    ret = p[:p.index(n)]
    if '*' in ret or '**out' in params or '_free(' in p or '_close(' in p or n == 'reel_score_parse':
        if not re.search(r'free|borrowed|static|reel_\w+_(close|stop)', comment[n], re.I):
            print(f"{n}: its own comment does not say who frees what it returns"); bad += 1
    names = [re.sub(r'.*?(\w+)\)?(\(.*\))?$', r'\1', q.strip()) for q in re.split(r',(?![^(]*\))', params)]
    outs = [k for k, q in enumerate(names) if q == 'out' or q.startswith('out_')]
    if outs and outs != list(range(len(outs))):
        print(f"{n}: out parameters are not first: {p}"); bad += 1
print(f"{len(header)} prototypes; {bad} problems")
sys.exit(1 if bad else 0)
PY
then
  ok "libreel.3's synopsis is reel.h's prototypes; out first and ownership said: $(tail -1 "$T/text.out")"
else
  bad "reel.h's text:"; cat "$T/text.out"
fi

[ $fails = 0 ] && echo "header: all passed" || echo "header: $fails failed"
exit $((fails > 0))
