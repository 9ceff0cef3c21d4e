#!/usr/bin/env bash
# Gathers every text marked for translation into the catalogues (locale/<language>/LC_MESSAGES/django.po),
# keeping the translations already there: each app with a locale/ folder has its own catalogue, and
# dpg_registry/locale/ holds the rest (the shared templates). Translate the new entries, then run the
# tests: they fail while any entry has no translation.
# Usage: scripts/messages.sh [PACKAGE_DIR]   (default: dpg_registry)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
package="${1:-$root/dpg_registry}"
django_admin="${DJANGO_ADMIN:-$root/.venv/bin/django-admin}"
flags=(-l fr -l es -l ar --add-location file --no-obsolete --ignore "migrations/*" --ignore "static/*")
cd "$package"
ignores=(--ignore "checks/*" --ignore "data/*")
for catalogue in */locale; do
    [ -d "$catalogue" ] || continue
    app="${catalogue%/locale}"
    ignores+=(--ignore "$app/*")
    (cd "$app" && "$django_admin" makemessages "${flags[@]}" >/dev/null)
done
"$django_admin" makemessages "${flags[@]}" "${ignores[@]}" >/dev/null
