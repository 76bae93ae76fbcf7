#!/bin/sh
# Interop test runner: hooksock against the standardwebhooks npm package.
# Usage: run.sh /path/to/hk-webhook
# Skips (exit 77, meson's skip code) with a printed reason only when node or
# npm is missing. Installs the pinned package with `npm ci` into this
# directory (node_modules is ignored by git) unless it is already there.
set -eu
hk=$1
dir=$(cd "$(dirname "$0")" && pwd)
if ! command -v node >/dev/null 2>&1; then
  echo "SKIP: node is not installed (apt-get install nodejs npm)"
  exit 77
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "SKIP: npm is not installed (apt-get install npm)"
  exit 77
fi
want=$(node -e 'console.log(require(process.argv[1]).packages["node_modules/standardwebhooks"].version)' "$dir/package-lock.json")
have=$(node -e 'try{console.log(require(process.argv[1]).version)}catch(e){console.log("")}' "$dir/node_modules/standardwebhooks/package.json" 2>/dev/null || true)
if [ "$want" != "$have" ]; then
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
fi
exec node "$dir/interop.js" "$hk" "${HK_INTEROP_ROUNDS:-40}"
