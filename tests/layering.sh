#!/usr/bin/env bash
# layering.sh — the library's files form no dependency circle across folders:
# from the symbols each object file of libreel defines and uses (nm), file A
# depends on file B when A calls or reads something B defines; a circle whose
# files sit in different folders (src/, src/read/, src/analyze/, ...) fails,
# naming its files. A circle inside one folder is that folder's business.
# Also: the command (cli/) uses only the public API, so `reel` must not be
# built with src/ on its include path (checked in CMakeLists.txt's terms).
set -u
B=${REEL_BUILD:?REEL_BUILD not set}
S=${REEL_SRC:?REEL_SRC not set}
OBJ="$B/CMakeFiles/reel_obj.dir"
[ -d "$OBJ" ] || { echo "FAIL: no object files under $OBJ"; exit 1; }
command -v nm >/dev/null || { echo "SKIP: nm not found (binutils)"; exit 0; }
python3 - "$OBJ" "$S" <<'PY'
import os, subprocess, sys
root = sys.argv[1]
defs, uses = {}, {}
for d, _, files in os.walk(root):
    for f in files:
        if not f.endswith(".c.o"):
            continue
        p = os.path.join(d, f)
        rel = os.path.relpath(p, root)[:-2]          # src/read/html.c
        if not rel.startswith("src/") or not os.path.exists(os.path.join(sys.argv[2], rel)):
            continue       # generated tables; objects of files since moved
        out = subprocess.run(["nm", "-P", p], capture_output=True, text=True).stdout
        dd, uu = set(), set()
        for line in out.splitlines():
            parts = line.split()
            if len(parts) < 2:
                continue
            name, kind = parts[0], parts[1]
            if kind in "TDBRVWC":
                dd.add(name)
            elif kind == "U":
                uu.add(name)
        defs[rel], uses[rel] = dd, uu
owner = {}
for f, dd in defs.items():
    for s in dd:
        owner.setdefault(s, f)
graph = {f: sorted({owner[s] for s in uu if s in owner and owner[s] != f})
         for f, uu in uses.items()}
# strongly connected components (Tarjan, iterative enough for a few hundred files)
sys.setrecursionlimit(10000)
index, low, stack, on, comps, n = {}, {}, [], set(), [], [0]
def strong(v):
    index[v] = low[v] = n[0]; n[0] += 1; stack.append(v); on.add(v)
    for w in graph[v]:
        if w not in index:
            strong(w); low[v] = min(low[v], low[w])
        elif w in on:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        comp = []
        while True:
            w = stack.pop(); on.discard(w); comp.append(w)
            if w == v: break
        comps.append(comp)
for v in sorted(graph):
    if v not in index:
        strong(v)
bad = 0
for c in comps:
    folders = {os.path.dirname(f) for f in c}
    if len(c) > 1 and len(folders) > 1:
        bad += 1
        print("FAIL circle across folders:", " ".join(sorted(c)))
print(f"{len(graph)} files, {sum(len(v) for v in graph.values())} dependencies, "
      f"{bad} circle(s) across folders")
sys.exit(1 if bad else 0)
PY
