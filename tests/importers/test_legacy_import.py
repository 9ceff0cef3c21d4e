import json
from datetime import date

import pytest

from dpg_registry.importers.run import run_import
from dpg_registry.registry.export import public_record
from dpg_registry.registry.models import PrivateContact, Product, SourceRecord
from dpg_registry.registry.selectors import public_products
from tests.conftest import LEGACY_DIR
from tests.importers.lossless import assert_lossless

STATUS_OF_STAGE = {"DPG": "dpg", "nominee": "nominee"}


@pytest.fixture(scope="module")
def _imported_once(django_db_setup, django_db_blocker):
    """The legacy folder, imported once for the module (the tests read it); emptied afterwards."""
    from django.core.management import call_command

    from dpg_registry.standard.services import load_standard

    with django_db_blocker.unblock():
        load_standard()
        result = run_import([LEGACY_DIR])
    yield result
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def imported(_imported_once, db):
    """The import's report; each test's own writes are rolled back after it."""
    return _imported_once


def test_every_legacy_record_becomes_one_product_with_its_status(imported):
    assert imported.created == 228 + 481 + 41
    counts = {status: Product.objects.filter(status=status).count() for status in Product.Status.values}
    assert counts == {"dpg": 165, "nominee": 63, "archived": 481, "excluded": 41, "expired": 0, "ineligible": 0}


def test_second_import_changes_nothing(imported):
    before = list(Product.objects.order_by("slug").values_list("slug", "updated_at"))
    again = run_import([LEGACY_DIR])
    assert (again.created, again.updated, again.unchanged) == (0, 0, 750)
    assert list(Product.objects.order_by("slug").values_list("slug", "updated_at")) == before


def test_exclusions_carry_date_and_reason_from_the_readme(imported):
    typescript = Product.objects.get(slug="typescript")
    assert typescript.status == "excluded"
    assert typescript.status_changed_on == date(2022, 5, 27)
    assert "support developers" in typescript.status_reason
    for slug in ("aster-emergency-scoring", "aster-platform", "aster-stream"):
        assert Product.objects.get(slug=slug).status_reason == "No longer actively maintained"
    assert Product.objects.get(slug="open-nn").status_changed_on == date(2022, 5, 13)
    assert not Product.objects.filter(status="excluded", status_reason="").exists()


def test_screening_answers_and_countries_merge_into_the_product(imported):
    record = public_record(public_products().get(slug="aam-digital"))
    assert record["status"] == "dpg"
    assert record["licenses"] == [
        {
            "expression": "GPL-3.0",
            "evidence_urls": ["https://github.com/Aam-Digital/ndb-core/blob/master/LICENSE.md"],
            "on_spdx_list": True,
            "declared": None,
        }
    ]
    assert [sdg["number"] for sdg in record["sdgs"]] == [1, 3, 4, 5, 10]
    assert record["indicators"]["3"]["ownership_documented"] == "yes"
    assert record["indicators"]["7"]["applicable_laws"] == ["GDPR"]
    assert [c["code"] for c in record["development_countries"]] == ["DE", "IN", "IL"]
    assert "PS" in [c["code"] for c in record["deployment_countries"]]


def test_an_older_archived_copy_stays_as_provenance_of_the_current_product(imported):
    product = Product.objects.get(slug="growstuff")
    assert product.status == "nominee"
    assert product.name == "Growstuff"
    keys = set(product.source_records.values_list("source_key", flat=True))
    assert keys == {"nominees/growstuff.json", "archive/growstuff.json"}


def test_unknown_country_names_are_kept_by_name_and_reported(imported):
    assert imported.unmatched_countries == {"Kosovo": ["fedora-linux", "kobotoolbox"]}
    record = public_record(public_products().get(slug="kobotoolbox"))
    assert {"code": None, "name": "Kosovo"} in record["deployment_countries"]


NOMINEE_FIELDS = {
    "$.name": "name",
    "$.aliases[]": "aliases",
    "$.description": "description",
    "$.website": "website",
    "$.license[].spdx": lambda r: [lic["expression"] for lic in r["licenses"]],
    "$.license[].licenseURL": lambda r: [u for lic in r["licenses"] for u in lic["evidence_urls"]],
    "$.SDGs[].SDGNumber": lambda r: [s["number"] for s in r["sdgs"]],
    "$.SDGs[].evidenceText": lambda r: [s["relevance"] for s in r["sdgs"]],
    "$.SDGs[].evidenceURL": lambda r: [u for s in r["sdgs"] for u in s["evidence_urls"]],
    "$.SDGs[][]": lambda r: [s["number"] for s in r["sdgs"]] + [s["name"] for s in r["sdgs"]],
    "$.sectors[]": "sectors",
    "$.type[]": "categories",
    "$.repositories[].name": lambda r: [x["name"] for x in r["repositories"]],
    "$.repositories[].url": lambda r: [x["url"] for x in r["repositories"]],
    "$.repositoryURL": lambda r: [x["url"] for x in r["repositories"]],
    "$.organizations[].name": lambda r: [o["name"] for o in r["organisations"]],
    "$.organizations[].website": lambda r: [o["website"] for o in r["organisations"]],
    "$.organizations[].org_type": lambda r: [o["role"] for o in r["organisations"]],
    "$.organizations[].contact_name": "private",
    "$.organizations[].contact_email": "private",
    "$.stage": lambda r: [{"dpg": "DPG"}.get(r["status"], r["status"])],
}


def _screening_expectations() -> dict:
    """Every leaf the screening schema defines goes to the indicator answers; locations to countries."""

    def answers(record):
        return [value for questions in record["indicators"].values() for value in questions.values()]

    def countries(key):
        return lambda record: [c for country in record[key] for c in (country["code"], country["name"]) if c]

    schema = json.loads((LEGACY_DIR / "screening-schema.json").read_text())["properties"]
    expectations = {"$.name": "raw"}  # the product's name again; the nominee file's name is the one shown
    for section, section_schema in schema.items():
        if section not in ("name", "locations"):
            for leaf in _schema_leaves(section_schema, f"$.{section}"):
                expectations[leaf] = answers
    expectations["$.locations.developmentCountries[]"] = countries("development_countries")
    expectations["$.locations.deploymentCountries[]"] = countries("deployment_countries")
    return expectations


def _schema_leaves(schema: dict, path: str):
    if schema.get("type") == "object":
        for key, child in schema.get("properties", {}).items():
            yield from _schema_leaves(child, f"{path}.{key}")
    elif schema.get("type") == "array":
        yield f"{path}[]"
    else:
        yield path


def test_every_field_of_every_legacy_file_lands_in_the_product(imported):
    screening = _screening_expectations()
    records = {product.slug: public_record(product) for product in public_products()}
    checked = 0
    for source in SourceRecord.objects.select_related("product").order_by("source_key"):
        on_disk = json.loads((LEGACY_DIR / source.source_key).read_text(encoding="utf-8"))
        assert source.data == on_disk, f"{source.source_key}: the kept raw record differs from the file"
        folder = source.source_key.split("/")[0]
        product = source.product
        if folder == "archive" and product.source_records.filter(source_key__startswith="nominees/").exists():
            continue  # an older copy of a current nominee: kept whole as provenance, checked just above
        private = [
            value
            for contact in PrivateContact.objects.filter(product_organisation__product=product)
            for value in (contact.name, contact.email)
        ]
        expectations = screening if folder == "digitalpublicgoods" else NOMINEE_FIELDS
        if folder != "nominees":
            expectations = {**expectations, "$.stage": "raw"}  # the folder, not the stage, decides the status
        assert_lossless(on_disk, records[product.slug], expectations, private)
        checked += 1
    assert checked == 228 + 486 + 41 + 166 - 5  # every file but the five older copies of current nominees
