"""Property tests: real records with blank items, odd spacing and case, labels and licences off our lists.

The import never fails on them, and the export (what `dpg export --format json` writes) keeps every value
given: a known label as our key, an unknown one as given, a licence off the SPDX list as its declared text.
"""

import json
import shutil

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dpg_registry.importers.run import run_import
from dpg_registry.registry.dpga import CATEGORY_LABELS
from dpg_registry.registry.export import export_lines
from dpg_registry.registry.selectors import public_products
from dpg_registry.standard.selectors import sector_names
from tests.conftest import API_SAMPLE, LEGACY_DIR
from tests.importers.lossless import assert_lossless
from tests.importers.test_api_import import API_FIELDS, INDICATOR_PATHS, indicator_values
from tests.importers.test_legacy_import import NOMINEE_FIELDS

SOURCE = json.loads(API_SAMPLE.read_text(encoding="utf-8"))
LEGACY_SLUGS = sorted(path.stem for path in (LEGACY_DIR / "nominees").glob("*.json"))[:40]
# Licences as the sources write them that the SPDX list lacks: national ports of Creative Commons, free text.
OFF_LIST_LICENCES = ["CC-BY-3.0-NZ", "CC-BY-4.0-IGO", "CC-BY-SA-3.0-BR", "Licence Ouverte 2.0", "Custom (see site)"]
WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzÉé0123456789 -.", min_size=1, max_size=20).filter(str.strip)
BLANK = st.sampled_from(["", " ", "   ", "\t", "\n"])
PROPERTY_SETTINGS = settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


@st.composite
def respelt(draw, label: str) -> str:
    """A label with other case and surrounding spaces."""
    spelt = draw(st.sampled_from([label, label.upper(), label.lower(), label.title()]))
    return draw(st.sampled_from(["", " ", "  "])) + spelt + draw(st.sampled_from(["", " ", "\t"]))


@st.composite
def perturbed_labels(draw, labels: list[str]) -> list[str]:
    """The labels respelt, with blank items and unknown labels put in."""
    items = [draw(respelt(label)) for label in labels]
    for extra in draw(st.lists(st.one_of(BLANK, WORD), max_size=3)):
        items.insert(draw(st.integers(0, len(items))), extra)
    return items


def import_and_export(paths) -> list[dict]:
    """Import inside a transaction rolled back afterwards, and return the JSON export."""
    with transaction.atomic():
        report = run_import(paths)
        exported = json.loads("".join(export_lines(public_products(), "json")))
        transaction.set_rollback(True)
    assert report.created == len(exported)
    return exported


def licence_places(record: dict) -> list[str]:
    return [lic["expression"] for lic in record["licenses"]] + [lic["declared"] or "" for lic in record["licenses"]]


def sector_places(record: dict) -> list[str]:
    return record["sectors"] + record["unlisted"].get("sectors", [])


@pytest.fixture
def sectors(standard):
    return sorted(sector_names())


@PROPERTY_SETTINGS
@given(data=st.data())
def test_api_records_with_off_list_values_import_and_export_without_loss(sectors, tmp_path_factory, data):
    source = json.loads(json.dumps(data.draw(st.sampled_from(SOURCE))))
    source["categories"] = data.draw(perturbed_labels(source.get("categories", [])))
    source["sectors"] = data.draw(perturbed_labels(data.draw(st.lists(st.sampled_from(sectors), max_size=2))))
    if data.draw(st.booleans()):
        source["openlicenses"][0]["openLicense"] = data.draw(st.sampled_from(OFF_LIST_LICENCES))
    file = tmp_path_factory.mktemp("api") / "dpgs.json"
    file.write_text(json.dumps([source]), encoding="utf-8")

    [record] = import_and_export([file])

    expectations = {
        **API_FIELDS,
        **{path: indicator_values for path in INDICATOR_PATHS},
        "$.categories[]": lambda r: [
            label for label, key in CATEGORY_LABELS.items() if key in r["categories"]
        ] + r["unlisted"].get("categories", []),
        "$.sectors[]": sector_places,
        "$.openlicenses[].openLicense": licence_places,
    }
    assert_lossless(source, record, expectations, private=[])


@PROPERTY_SETTINGS
@given(data=st.data())
def test_legacy_records_with_off_list_values_import_and_export_without_loss(sectors, tmp_path_factory, data):
    slug = data.draw(st.sampled_from(LEGACY_SLUGS))
    root = tmp_path_factory.mktemp("legacy")
    (root / "nominees").mkdir()
    nominee = json.loads((LEGACY_DIR / "nominees" / f"{slug}.json").read_text(encoding="utf-8"))
    nominee["type"] = data.draw(perturbed_labels(nominee["type"]))
    nominee["sectors"] = data.draw(perturbed_labels(nominee.get("sectors", [])))
    for statement in nominee["license"]:
        if data.draw(st.booleans()):
            statement["spdx"] = data.draw(st.one_of(st.sampled_from(OFF_LIST_LICENCES), WORD))
    (root / "nominees" / f"{slug}.json").write_text(json.dumps(nominee), encoding="utf-8")
    if (LEGACY_DIR / "digitalpublicgoods" / f"{slug}.json").exists():
        (root / "digitalpublicgoods").mkdir()
        shutil.copy(LEGACY_DIR / "digitalpublicgoods" / f"{slug}.json", root / "digitalpublicgoods")

    [record] = import_and_export([root])

    expectations = {
        **NOMINEE_FIELDS,
        "$.type[]": lambda r: r["categories"] + r["unlisted"].get("categories", []),
        "$.sectors[]": sector_places,
        "$.license[].spdx": licence_places,
    }
    assert_lossless(nominee, record, expectations, private=_contacts(nominee))


def _contacts(nominee: dict) -> list[str]:
    return [
        str(organisation.get(key, ""))
        for organisation in nominee["organizations"]
        for key in ("contact_name", "contact_email")
    ]
