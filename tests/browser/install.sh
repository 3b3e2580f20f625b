#!/usr/bin/env bash
# tests/browser/install.sh -- part of `make deps`: the browser tests'
# JavaScript dependency, playwright-core, installed by npm from
# tests/browser/package-lock.json into tests/browser/node_modules (not
# committed).  The browser itself is Debian's chromium (DEB_PACKAGES);
# Playwright never downloads one (no `playwright install`).  Node.js and npm
# come from Debian when they are missing.  A failure here is reported, not
# fatal: tests/sh/66-browser.sh then drives chromium with --dump-dom and
# --screenshot only, and says what it skipped.
set -u
cd "$(dirname "$0")"
if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "deps: installing nodejs npm (Debian)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm ||
      { echo "deps: WARNING: nodejs/npm could not be installed; browser tests will use --dump-dom only"; exit 0; }
  else
    echo "deps: node/npm missing; run as root: apt-get install nodejs npm"; exit 0
  fi
fi
if [ -f node_modules/playwright-core/package.json ] &&
   [ "$(node -p 'require("./node_modules/playwright-core/package.json").version' 2>/dev/null)" = \
     "$(node -p 'require("./package-lock.json").packages["node_modules/playwright-core"].version' 2>/dev/null)" ]; then
  echo "deps: playwright-core present (tests/browser/node_modules)"
  exit 0
fi
echo "deps: npm ci in tests/browser (playwright-core)"
if ! PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error; then
  echo "deps: WARNING: npm ci failed; browser tests will use chromium --dump-dom only"
fi
exit 0
