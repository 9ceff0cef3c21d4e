#!/usr/bin/env bash
# Sets up, then serves the registry on SQLite with the bundled DPGA data at http://127.0.0.1:8000/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/dpg serve "$@"
