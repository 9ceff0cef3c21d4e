#!/usr/bin/env bash
# Creates .venv (once) and installs the registry with its test tools into it.
set -euo pipefail
cd "$(dirname "$0")/.."
# The report's PDF is laid out by WeasyPrint, which needs Pango, in the DejaVu fonts it embeds.
if ! dpkg -s libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core >/dev/null 2>&1; then
    apt-get update -qq && apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core >/dev/null
fi
# Translations are compiled with GNU gettext's msgfmt.
if ! command -v msgfmt >/dev/null; then
    apt-get update -qq && apt-get install -y -qq gettext >/dev/null
fi
if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[test]"
(cd dpg_registry && ../.venv/bin/django-admin compilemessages --ignore "*/.venv/*" >/dev/null)
# The project's modules compiled to bytecode once, as an installed package has them: each `dpg` process then
# starts without compiling them again, even where PYTHONDONTWRITEBYTECODE keeps Python from writing bytecode.
.venv/bin/python -m compileall -q dpg_registry > /dev/null
