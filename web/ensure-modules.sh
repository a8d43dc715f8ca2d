#!/usr/bin/env bash
# ensure-modules.sh — web/node_modules as web/package-lock.json pins it:
# `npm ci` when a dependency of package.json is missing or not the pinned
# version (a fresh clone, or a lock file that gained one). Under flock, so
# the browser and OpenAPI tests, which ctest runs side by side, never
# install over each other. Used by tests/browser.sh and tests/openapi.sh.
# A missing node or npm fails loudly (make check installs them).
set -u
for tool in node npm; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool is missing (make check installs nodejs and npm)"; exit 1; }
done
cd "$(dirname "$0")" || exit 1
exec 9>"${TMPDIR:-/tmp}/reel-web-npm.$(id -u).lock"
flock 9
stale=$(node -e '
const fs = require("fs");
const deps = require("./package.json").dependencies || {};
for (const [name, want] of Object.entries(deps)) {
  let have = null;
  try { have = JSON.parse(fs.readFileSync(`node_modules/${name}/package.json`, "utf8")).version; } catch {}
  if (have !== want) console.log(`${name} ${have || "missing"} (want ${want})`);
}') || { echo "FAIL: node cannot read web/package.json"; exit 1; }
[ -z "$stale" ] && exit 0
npm ci --no-audit --no-fund --loglevel=error >/dev/null || { echo "FAIL: npm ci in web/ ($stale)"; exit 1; }
