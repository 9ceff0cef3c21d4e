"""A bad file aborts the whole import: exit status 1, a message naming file and JSON path, no write."""

import json
import shutil

import pytest

from dpg_registry.registry.models import Product
from tests.conftest import API_SAMPLE, LEGACY_DIR, run_dpg

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def legacy_copy(tmp_path):
    target = tmp_path / "dpga-legacy"
    shutil.copytree(LEGACY_DIR, target)
    return target


@pytest.fixture
def standard_loaded():
    assert run_dpg("standard", "load").returncode == 0


def edit_json(path, change):
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")


def import_fails(*paths, message: str) -> str:
    result = run_dpg("import", *map(str, paths))
    assert result.returncode == 1, result.stdout + result.stderr
    assert message in result.stderr, result.stderr
    assert "nothing was written" in result.stderr
    assert Product.objects.count() == 0
    return result.stderr


def test_broken_json_names_the_file(standard_loaded, legacy_copy):
    bad = legacy_copy / "nominees" / "aam-digital.json"
    bad.write_text('{"name": "Aam Digital",', encoding="utf-8")
    import_fails(legacy_copy, message=f"{bad}: $: not valid JSON")


def test_a_licence_of_the_wrong_type_names_the_json_path(standard_loaded, legacy_copy):
    bad = legacy_copy / "nominees" / "aam-digital.json"
    edit_json(bad, lambda d: d["license"][0].update(spdx=["GPL-3.0"]))
    import_fails(legacy_copy, message=f"{bad}: $.license[0].spdx: expected a string, got an array")


def test_sdg_18_is_refused(standard_loaded, legacy_copy):
    bad = legacy_copy / "archive" / "5calls-ios.json"
    edit_json(bad, lambda d: d["SDGs"][0].update(SDGNumber=18))
    import_fails(legacy_copy, message=f"{bad}: $.SDGs[0].SDGNumber: SDG 18 does not exist")


def test_wrong_type_names_the_json_path(standard_loaded, legacy_copy):
    bad = legacy_copy / "digitalpublicgoods" / "aam-digital.json"
    edit_json(bad, lambda d: d["privacy"].update(privacyComplianceList="GDPR"))
    import_fails(legacy_copy, message=f"{bad}: $.privacy.privacyComplianceList: expected an array, got a string")


def test_bad_api_record_after_a_good_folder_writes_nothing(standard_loaded, legacy_copy, tmp_path):
    records = json.loads(API_SAMPLE.read_text(encoding="utf-8"))
    records[3]["sdgs"]["sdg"][0] = "SDG18: Something else"
    bad = tmp_path / "dpgs.json"
    bad.write_text(json.dumps(records), encoding="utf-8")
    import_fails(legacy_copy, bad, message=f"{bad}: $[3].sdgs.sdg[0]: SDG 18 does not exist")


def test_unknown_format_and_missing_path_are_explained(standard_loaded, tmp_path):
    odd = tmp_path / "notes.json"
    odd.write_text('{"hello": 1}', encoding="utf-8")
    import_fails(odd, message="unknown format")
    import_fails(tmp_path / "missing", message="no such file or folder")


def test_a_good_import_after_a_failed_one_still_works(standard_loaded, legacy_copy):
    bad = legacy_copy / "nominees" / "aam-digital.json"
    original = bad.read_text(encoding="utf-8")
    bad.write_text("[", encoding="utf-8")
    import_fails(legacy_copy, message="not valid JSON")
    bad.write_text(original, encoding="utf-8")
    result = run_dpg("import", str(legacy_copy))
    assert "750 created, 0 updated, 0 unchanged" in result.stdout
    assert Product.objects.count() == 750


def test_addresses_that_are_not_web_addresses_are_kept_as_text_and_reported(standard_loaded, tmp_path):
    from django.test import Client

    source = json.loads(API_SAMPLE.read_text(encoding="utf-8"))
    source[0]["website"] = "javascript:alert(1)"
    sample = tmp_path / "dpgs.json"
    sample.write_text(json.dumps(source), encoding="utf-8")
    result = run_dpg("import", str(sample))
    assert result.returncode == 0, result.stderr
    product = Product.objects.get(dpga_id=source[0]["id"])
    assert product.website == "javascript:alert(1)"
    assert f"warning: 'javascript:alert(1)' is not an http(s) address; kept as text, not linked, for: {product.slug}" \
        in result.stderr
    page = Client().get(f"/registry/{product.slug}/").content.decode()
    assert "javascript:alert(1)" in page and 'href="javascript' not in page
