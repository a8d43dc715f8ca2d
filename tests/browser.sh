#!/usr/bin/env bash
# browser.sh — the web pages in a real browser: web/browser.test.mjs drives
# Debian's chromium through playwright-core (npm) against `reel serve`.
# Installs web/node_modules from the lock file when it is missing. A missing
# chromium or node fails loudly (make check installs them); only the seed
# checks skip, when ../shared is absent. Screenshots: web/artifacts/.
set -u
src=${REEL_SRC:-$(cd "$(dirname "$0")/.." && pwd)}
bin=${REEL_BIN:-$src/build/reel}
[ -x /usr/bin/chromium ] || { echo "FAIL: /usr/bin/chromium is missing (make check installs chromium)"; exit 1; }
cd "$src/web" || exit 1
# npm ci when a pinned module is missing, never while openapi.sh runs one
./ensure-modules.sh || exit 1
# an ASan reel reports leaks at exit; the server's exit status is checked
REEL_BIN="$bin" REEL_SRC="$src" exec node browser.test.mjs
