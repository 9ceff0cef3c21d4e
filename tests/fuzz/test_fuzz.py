"""Importers and the checker's parsers never crash: each input is accepted or refused naming its place."""

import json

import pytest
from hypothesis import given

from dpg_registry.importers import dpga_api, dpga_legacy
from dpg_registry.importers.errors import ImportFailure
from dpg_registry.standard.licences import InvalidLicence, parse_expression
from tests.fuzz.targets import TARGETS, _api_seed, _legacy_seed, check_tree


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_never_crashes(name):
    strategy, check = TARGETS[name]

    @given(strategy)
    def holds(value):
        check(value)

    holds()


# Crashes the fuzzing found, each kept as a test.


def test_an_excluded_record_whose_name_is_not_text_is_reported_not_crashed_on(tmp_path):
    excluded = _legacy_seed()["nominee"] | {"name": None}
    (tmp_path / "excluded-nominees").mkdir()
    (tmp_path / "excluded-nominees" / "gone.json").write_text(json.dumps(excluded))
    table = "Nominee | Exclusion Date | Reason\n--- | --- | ---\ngone | Sept 3rd, 2020 | no licence\n"
    (tmp_path / "excluded-nominees" / "README.md").write_text(table)
    with pytest.raises(ImportFailure) as failure:
        dpga_legacy.read(tmp_path)
    assert failure.value.file.endswith("excluded-nominees/gone.json")
    assert failure.value.json_path == "$.name" and "expected a string, got null" in failure.value.reason


def test_a_legacy_record_with_an_empty_name_is_refused(tmp_path):
    (tmp_path / "nominees").mkdir()
    (tmp_path / "nominees" / "blank.json").write_text(json.dumps(_legacy_seed()["nominee"] | {"name": " &nbsp; "}))
    with pytest.raises(ImportFailure) as failure:
        dpga_legacy.read(tmp_path)
    assert failure.value.json_path == "$.name" and failure.value.reason == "the name is empty"


def test_an_api_record_whose_name_makes_no_address_is_refused(tmp_path):
    file = tmp_path / "dpgs.json"
    file.write_text(json.dumps([_api_seed()[0] | {"name": "!!!"}]))
    with pytest.raises(ImportFailure) as failure:
        dpga_api.read(file)
    assert failure.value.json_path == "$[0].name" and "no letter or digit" in failure.value.reason


def test_manifests_that_are_not_tables_are_findings_naming_them():
    report = check_tree({"package.json": "[1, 2]", "composer.json": "{", "dpg.json": "null"})
    said = json.dumps(report.as_dict())
    assert "package.json" in said and "composer.json" in said and "dpg.json" in said


@pytest.mark.parametrize("expression", ["(AND 0", "(OR MIT", "(WITH 0", "()", "MIT AND ()"])
def test_a_malformed_licence_expression_is_refused_not_crashed_on(expression):
    with pytest.raises(InvalidLicence, match="not a valid licence expression|Invalid"):
        parse_expression(expression)
