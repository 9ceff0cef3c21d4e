"""Valid values outside the reference lists are imported, kept as given and reported; --strict refuses them.

Run as a user runs `dpg`: a subprocess on the test database (SQLite, or PostgreSQL with DATABASE_URL).
"""

import json
import shutil

import pytest
from django.test import Client

from dpg_registry.registry.models import Product
from tests.conftest import API_SAMPLE, LEGACY_DIR, run_dpg

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def migrated():
    result = run_dpg("migrate")
    assert result.returncode == 0, result.stderr


@pytest.fixture
def perturbed_legacy(tmp_path):
    """A legacy folder with one product whose licence, categories and sectors are off our lists."""
    root = tmp_path / "legacy"
    for folder in ("nominees", "digitalpublicgoods"):
        (root / folder).mkdir(parents=True)
        shutil.copy(LEGACY_DIR / folder / "aam-digital.json", root / folder)
    nominee = root / "nominees" / "aam-digital.json"
    data = json.loads(nominee.read_text(encoding="utf-8"))
    data["license"][0]["spdx"] = "CC-BY-3.0-NZ"
    data["type"] = ["software", "", "  Data ", "Open Hardware"]
    data["sectors"] = ["  ", "gender and minority groups", "Space Weather"]
    nominee.write_text(json.dumps(data), encoding="utf-8")
    return root


def expected_warnings(root) -> list[str]:
    file = root / "nominees" / "aam-digital.json"
    return [
        f"{file}: $.type[1]: blank category dropped",
        f"{file}: $.type[3]: unknown category 'Open Hardware' kept as given, not classified",
        f"{file}: $.license[0].spdx: 'CC-BY-3.0-NZ' is not on the SPDX licence list",
        "kept as LicenseRef-CC-BY-3.0-NZ, licence to be confirmed",
        f"{file}: $.sectors[0]: blank sector dropped",
        f"{file}: $.sectors[2]: unknown sector 'Space Weather' kept as given, not classified",
    ]


def test_a_dry_run_reports_every_kept_value_and_writes_nothing(migrated, perturbed_legacy):
    result = run_dpg("import", "--dry-run", str(perturbed_legacy))
    assert result.returncode == 0, result.stderr
    assert "1 created" in result.stdout and "dry run" in result.stdout
    for warning in expected_warnings(perturbed_legacy):
        assert warning in result.stderr, result.stderr
    assert Product.objects.count() == 0


def test_the_record_is_imported_with_unknown_values_kept_and_shown(migrated, perturbed_legacy):
    result = run_dpg("import", str(perturbed_legacy))
    assert result.returncode == 0, result.stderr
    assert "1 created, 0 updated, 0 unchanged" in result.stdout
    for warning in expected_warnings(perturbed_legacy):
        assert warning in result.stderr
    assert f"warning: {perturbed_legacy / 'nominees' / 'aam-digital.json'}: $.type[3]: unknown" in result.stderr

    exported = json.loads(run_dpg("export", "--format", "json").stdout)
    [record] = exported
    assert record["categories"] == ["software", "data"]
    assert record["sectors"] == ["Gender and Minority Groups"]
    assert record["unlisted"] == {"categories": ["Open Hardware"], "sectors": ["Space Weather"]}
    assert record["licenses"][0]["expression"] == "LicenseRef-CC-BY-3.0-NZ"
    assert record["licenses"][0]["declared"] == "CC-BY-3.0-NZ"
    assert record["licenses"][0]["on_spdx_list"] is False

    page = Client().get("/registry/aam-digital/").content.decode()
    assert "LicenseRef-CC-BY-3.0-NZ" in page
    assert "declared as “CC-BY-3.0-NZ”, not on the SPDX list: licence to be confirmed" in page
    assert "Open Hardware" in page and "Space Weather" in page
    found = Client().get("/registry/", {"license": "LicenseRef-CC-BY-3.0-NZ", "status": "all"}).content.decode()
    assert "1 result" in found and "/registry/aam-digital/" in found


def test_strict_refuses_the_file_naming_every_problem(migrated, perturbed_legacy):
    result = run_dpg("import", "--strict", str(perturbed_legacy))
    assert result.returncode == 1, result.stdout
    assert "import failed, nothing was written" in result.stderr
    assert "--strict refuses 5 value(s) outside the reference lists" in result.stderr
    for warning in expected_warnings(perturbed_legacy):
        assert warning in result.stderr
    assert result.stderr.count("error: ") == 5
    assert Product.objects.count() == 0


def test_the_api_format_drops_blank_labels_and_matches_labels_whatever_their_case(migrated, tmp_path):
    records = json.loads(API_SAMPLE.read_text(encoding="utf-8"))[:2]
    records[0]["categories"] = ["Open Software", "", " open data "]
    records[1]["openlicenses"][0]["openLicense"] = "Licence publique du Québec 1.0"
    file = tmp_path / "dpgs.json"
    file.write_text(json.dumps(records), encoding="utf-8")

    result = run_dpg("import", str(file))
    assert result.returncode == 0, result.stderr
    assert f"warning: {file}: $[0].categories[1]: blank category dropped" in result.stderr
    assert f"warning: {file}: $[1].openlicenses[0].openLicense: 'Licence publique du Québec 1.0' is not on" \
        in result.stderr
    first = Product.objects.get(dpga_id=records[0]["id"])
    assert sorted(first.categories.values_list("key", flat=True)) == ["data", "software"]
    second = Product.objects.get(dpga_id=records[1]["id"])
    statement = second.licence_statements.get()
    assert statement.expression == "LicenseRef-Licence-publique-du-Qu-bec-1.0"
    assert statement.declared == "Licence publique du Québec 1.0"
    assert not second.licences.exists()  # never counted as an approved SPDX licence

    again = run_dpg("import", str(file))
    assert "0 created, 0 updated, 2 unchanged" in again.stdout


def test_malformed_input_is_still_refused_whole(migrated, perturbed_legacy):
    nominee = perturbed_legacy / "nominees" / "aam-digital.json"
    data = json.loads(nominee.read_text(encoding="utf-8"))
    data["type"] = ["software", 7]
    nominee.write_text(json.dumps(data), encoding="utf-8")
    result = run_dpg("import", str(perturbed_legacy))
    assert result.returncode == 1
    assert f"{nominee}: $.type[1]: expected a string, got a number" in result.stderr
    assert Product.objects.count() == 0
