#!/usr/bin/env bash
# Browser tests for the web front end, driving the system Chromium.
#
#   YORISOI_BIN=/path/to/yorisoi bash tests/browser/run.sh [test files...]
#
# YORISOI_BIN defaults to ../../target/debug/yorisoi (relative to this
# script); build it first with `cargo build -p yorisoi`. Each test file starts
# its own `yorisoi serve --demo` on a fresh SQLite database. Screenshots go to
# tests/browser/screenshots/.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

export YORISOI_BIN="${YORISOI_BIN:-$here/../../target/debug/yorisoi}"
case "$YORISOI_BIN" in /*) ;; *) YORISOI_BIN="$PWD/$YORISOI_BIN" ;; esac
if [ ! -x "$YORISOI_BIN" ]; then
  echo "run.sh: no yorisoi binary at $YORISOI_BIN; build it with 'cargo build -p yorisoi' or set YORISOI_BIN" >&2
  exit 2
fi

export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM_PATH" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "run.sh: installing chromium from the system packages" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
  if [ ! -x "$CHROMIUM_PATH" ]; then
    echo "run.sh: no Chromium at $CHROMIUM_PATH (apt-get install chromium)" >&2
    exit 2
  fi
fi

# playwright-core never downloads a browser; make sure nothing else tries to.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
if [ ! -d node_modules/playwright-core ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-fund --no-audit --loglevel=error
fi

if [ "$#" -eq 0 ]; then
  set -- *.test.mjs
fi
exec node --test --test-concurrency=1 "$@"
