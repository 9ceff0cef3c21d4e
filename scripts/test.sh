#!/usr/bin/env bash
# Sets up, then runs the whole test suite on the database DATABASE_URL names (SQLite by default); arguments
# go to pytest (e.g. -m "not slow", a folder).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# Browser tests drive Debian's Chromium; Playwright never downloads a browser of its own.
if [ ! -x /usr/bin/chromium ]; then
    apt-get update -qq && apt-get install -y -qq chromium >/dev/null
fi
# The report's tests turn its PDF into images with pdftoppm.
if [ ! -x /usr/bin/pdftoppm ]; then
    apt-get update -qq && apt-get install -y -qq poppler-utils >/dev/null
fi
# Accessibility tests inject axe-core, pinned in package.json, into the pages.
if [ ! -f node_modules/axe-core/axe.min.js ]; then
    npm ci --no-audit --no-fund --silent
fi
# The deployment tests check deploy/ with nginx -t and systemd-analyze verify.
if ! command -v nginx > /dev/null || ! command -v systemd-analyze > /dev/null; then
    apt-get update -qq && apt-get install -y -qq nginx-light systemd >/dev/null
fi
.venv/bin/ruff check --quiet dpg_registry tests bench
# Two workers (one on a single core; PYTEST_WORKERS overrides), each with a test database of its own. Each
# worker takes a whole test module at a time, so a module's data is imported once, and the modules holding
# slow tests are handed out first (tests/conftest.py puts them first; the scheduler keeps that order).
workers=${PYTEST_WORKERS:-$(( $(nproc) < 2 ? $(nproc) : 2 ))}
exec .venv/bin/python -m pytest -n "$workers" --dist loadfile --no-loadscope-reorder "$@"
