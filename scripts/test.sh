#!/usr/bin/env bash
# Sets up, then runs the whole test suite on the database DATABASE_URL names (SQLite by default).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/ruff check --quiet dpg_registry tests bench
exec .venv/bin/python -m pytest "$@"
