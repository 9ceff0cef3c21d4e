#!/usr/bin/env bash
# Sets up, then serves the registry on SQLite with the bundled DPGA data at http://127.0.0.1:8000/,
# with a task worker (e-mails, the review clock) and the hourly scheduler beside it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/dpg migrate > /dev/null
.venv/bin/dpg worker --no-startup-delay &
.venv/bin/dpg scheduler &
trap 'kill $(jobs -p) 2> /dev/null' EXIT
.venv/bin/dpg serve "$@"
