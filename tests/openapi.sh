#!/usr/bin/env bash
# openapi.sh — docs/openapi.json is valid OpenAPI 3.1, describes every route
# of src/http/params.c and nothing else, and fits the live answers of
# `reel serve` over examples/: web/openapi.test.mjs, with validators from npm
# (web/package-lock.json; installed by web/ensure-modules.sh when missing).
# A missing node or npm fails loudly (make check installs them).
set -u
src=${REEL_SRC:-$(cd "$(dirname "$0")/.." && pwd)}
bin=${REEL_BIN:-$src/build/reel}
cd "$src/web" && ./ensure-modules.sh || exit 1
REEL_BIN="$bin" REEL_SRC="$src" exec node openapi.test.mjs
