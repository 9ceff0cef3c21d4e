"""The `dpg` command as a user runs it: help, import, export (public fields only)."""

import csv
import io
import json
import re
import subprocess
import sys

import pytest

from dpg_registry.registry.models import PrivateContact
from tests.conftest import API_SAMPLE, LEGACY_DIR, ROOT, dpg_env, legacy_copy_with_contact, run_dpg

pytestmark = pytest.mark.django_db(transaction=True)
slow = pytest.mark.slow  # `dpg` over the real data, as a subprocess: once, in the PostgreSQL pass

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


def test_help_explains_each_command():
    result = run_dpg("--help")
    assert result.returncode == 0
    for command in ("serve", "import", "export", "standard"):
        assert re.search(rf"^  {command}\s+\S", result.stdout, re.M), result.stdout
    import_help = run_dpg("import", "--help")
    assert "usage: dpg import" in import_help.stdout and "--dry-run" in import_help.stdout
    assert run_dpg("frobnicate").returncode == 2


# Runs `dpg` in a Python that then says whether the URL configuration (which Django's system checks import,
# with every view) was imported.
LOADS_URLS = ("import sys\nfrom dpg_registry.cli import main\ntry:\n    main(sys.argv[1:])\nfinally:\n"
              "    print('urls imported:', 'dpg_registry.urls' in sys.modules)")


@pytest.mark.parametrize("command, checked", [
    (["role", "list"], False), (["ecosystem", "focal-points"], False), (["export", "--format", "csv"], False),
    (["migrate"], True),
])
def test_the_data_commands_leave_the_system_checks_to_migrate_and_serve(standard, command, checked):
    result = subprocess.run([sys.executable, "-c", LOADS_URLS, *command], capture_output=True, text=True,
                            env=dpg_env(), cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.rstrip().endswith(f"urls imported: {checked}"), result.stdout[-300:]


@slow
def test_import_then_export_gives_the_legacy_registry_and_keeps_contacts_private(tmp_path):
    legacy = legacy_copy_with_contact(tmp_path, "aam-digital", "Ada Example", "ada@example.org")
    assert run_dpg("standard", "load").returncode == 0
    first = run_dpg("import", str(legacy))
    assert first.returncode == 0, first.stderr
    assert "750 created, 0 updated, 0 unchanged" in first.stdout
    assert "'Kosovo' matches no ISO 3166-1 country" in first.stderr
    second = run_dpg("import", str(legacy))
    assert "0 created, 0 updated, 750 unchanged" in second.stdout
    contact = PrivateContact.objects.get()
    assert (contact.name, contact.email) == ("Ada Example", "ada@example.org")

    exported = run_dpg("export", "--format", "json")
    assert exported.returncode == 0, exported.stderr
    products = json.loads(exported.stdout)
    statuses = [p["status"] for p in products]
    assert (statuses.count("dpg"), statuses.count("nominee")) == (165, 63)
    assert (statuses.count("archived"), statuses.count("excluded")) == (481, 41)

    source = json.loads((LEGACY_DIR / "nominees" / "dhis2.json").read_text())
    screening = json.loads((LEGACY_DIR / "digitalpublicgoods" / "dhis2.json").read_text())
    dhis2 = next(p for p in products if p["slug"] == "dhis2")
    assert [s["number"] for s in dhis2["sdgs"]] == [s["SDGNumber"] for s in source["SDGs"]]
    assert [lic["expression"] for lic in dhis2["licenses"]] == [lic["spdx"] for lic in source["license"]]
    names = [c["name"] for c in dhis2["deployment_countries"]]
    assert len(names) == len(set(screening["locations"]["deploymentCountries"]))

    # The contact person is kept privately: no export format holds them.
    for text in (exported.stdout, *(run_dpg("export", "--format", fmt).stdout for fmt in ("csv", "ndjson"))):
        assert "aam-digital" in text
        assert "Ada Example" not in text
        assert "ada@example.org" not in EMAIL.findall(text)


@slow
def test_csv_and_ndjson_exports_hold_the_same_products(tmp_path):
    run_dpg("standard", "load")
    run_dpg("import", str(API_SAMPLE))
    out = tmp_path / "registry.csv"
    assert run_dpg("export", "--format", "csv", "-o", str(out)).returncode == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    ndjson = [json.loads(line) for line in run_dpg("export", "--format", "ndjson").stdout.splitlines()]
    assert len(rows) == len(ndjson) == 15
    assert [row["slug"] for row in rows] == [record["slug"] for record in ndjson]
    harmony = next(row for row in rows if row["dpga_gid"] == "GID0090045")
    assert harmony["sdgs"] == "1; 3; 5; 6; 8; 17"
    assert harmony["licenses"] == "AGPL-3.0"


@slow
def test_a_fresh_database_is_migrated_by_dpg_migrate_and_nothing_else(tmp_path):
    fresh = {"DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}", "DPG_VAR_DIR": str(tmp_path)}
    for command in (["import", str(API_SAMPLE)], ["export"], ["snapshot", str(tmp_path / "copy")],
                    ["report", "--year", "2024", "--html", str(tmp_path / "r.html")]):
        refused = run_dpg(*command, **fresh)
        assert refused.returncode == 1, command
        assert "the database is not ready" in refused.stderr and "run 'dpg migrate' first" in refused.stderr
    assert not (tmp_path / "copy").exists() and not (tmp_path / "r.html").exists()

    migrated = run_dpg("migrate", **fresh)
    assert migrated.returncode == 0, migrated.stderr
    assert "Database up to date" in migrated.stdout
    assert run_dpg("migrate", **fresh).returncode == 0  # a second run changes nothing
    result = run_dpg("import", str(API_SAMPLE), **fresh)
    assert result.returncode == 0, result.stderr
    assert "15 created" in result.stdout
    assert len(json.loads(run_dpg("export", **fresh).stdout)) == 15
