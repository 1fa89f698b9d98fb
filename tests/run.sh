#!/usr/bin/env bash
# The whole test suite, from a fresh clone: install, lint, format check, type check, tests.
# Extra arguments go to pytest (e.g. `bash tests/run.sh -k load -x`).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[dev,fast]'
# The relationship views' renderer (Cytoscape.js) comes from npm, pinned by package-lock.json.
if [ -f package.json ]; then
  npm ci --no-audit --no-fund
fi
# The browser tests drive Debian's chromium: installed here when missing, where we may (root).
if [ "$(id -u)" = "0" ]; then
  command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }
fi

echo "== ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "== mypy"
.venv/bin/mypy
echo "== pytest"
.venv/bin/pytest "$@"
