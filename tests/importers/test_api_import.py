import json
import re

import pytest

from dpg_registry.importers.run import run_import
from dpg_registry.registry.export import public_record
from dpg_registry.registry.models import Product
from dpg_registry.registry.selectors import public_products
from tests.conftest import API_SAMPLE
from tests.importers.lossless import assert_lossless, strings

SOURCE = json.loads(API_SAMPLE.read_text(encoding="utf-8"))


@pytest.fixture
def imported(standard):
    return run_import([API_SAMPLE])


def by_gid(gid: str) -> dict:
    return public_record(public_products().get(dpga_gid=gid))


def test_all_fifteen_records_are_imported_as_dpgs(imported):
    assert imported.created == 15
    assert Product.objects.filter(status="dpg").count() == 15
    assert sorted(Product.objects.values_list("dpga_id", flat=True)) == sorted(r["id"] for r in SOURCE)


def test_no_html_entity_is_left_in_any_text(imported):
    for product in public_products():
        for text in strings(public_record(product)):
            assert not re.search(r"&(#\d+|#x[0-9a-f]+|[a-z]+);", text, re.I), f"{product.slug}: {text[:80]}"
            assert "\u00b8" not in text, f"{product.slug}: cedilla used as a comma left in {text[:80]}"


def test_sdg_labels_and_categories_become_numbers_and_keys(imported):
    record = by_gid("GID0091671")
    assert [sdg["number"] for sdg in record["sdgs"]] == [8, 9, 16]
    assert record["categories"] == ["data"]
    assert by_gid("GID0091385")["categories"] == ["software"]


def test_text_split_on_commas_is_joined_back(imported):
    record = by_gid("GID0091624")  # Open Supply Hub
    other = [o["name"] for o in record["deployment_organisations"] if o["kind"] == "other"]
    assert other[0].startswith("We have over 1,100 global contributors uploading data on 307,000 production")
    assert record["indicators"]["9a"]["pii_types"] == [
        "Name, email, title, work location, business registration documentation, utility bills, "
        "employment letters, employment badge"
    ]
    mosip = by_gid("GID0090065")
    standards = mosip["indicators"]["8"]["standards"]
    assert len(standards) == 1
    assert standards[0].startswith("PKCS11, OAuth 2, OIDC (OpenID Connect), JWT (JSON Web Tokens) - rfc7519, UTF-8, ")


def test_country_names_of_the_source_become_iso_codes(imported):
    record = by_gid("GID0090017")  # Community Health Toolkit: "Côte d" is cut at the apostrophe
    assert "CI" in [c["code"] for c in record["deployment_countries"]]
    food = by_gid("GID0091516")
    codes = [c["code"] for c in food["deployment_countries"]]
    assert {"SZ", "CZ", "MM", "CG", "VA", "PS"} <= set(codes)
    assert None not in codes


def test_licences_are_spelled_as_spdx_does(imported):
    assert [lic["expression"] for lic in by_gid("GID0091516")["licenses"]] == ["CC-BY-SA-3.0", "ODbL-1.0"]


def test_second_import_changes_nothing(imported):
    again = run_import([API_SAMPLE])
    assert (again.created, again.updated, again.unchanged) == (0, 0, 15)


API_FIELDS = {
    "$.id": "dpga_id",
    "$.dpgid": "dpga_gid",
    "$.name": "name",
    "$.stage": lambda r: ["DPG" if r["status"] == "dpg" else r["status"]],
    "$.sectors[]": "sectors",
    "$.aliases[]": "aliases",
    "$.aliases": "aliases",
    "$.categories[]": lambda r: [
        {"software": "Open Software", "data": "Open Data", "content": "Open Content", "aimodel": "Open AI Model"}[c]
        for c in r["categories"]
    ],
    "$.description": "description",
    "$.website": "website",
    "$.repositories[].name": "repositories",
    "$.repositories[].url": "repositories",
    "$.organizations[].name": "organisations",
    "$.organizations[].website": "organisations",
    "$.organizations[].org_type": "organisations",
    "$.locations.developmentCountries[]": lambda r: [
        c for x in r["development_countries"] for c in (x["code"], x["name"]) if c
    ],
    "$.locations.deploymentCountries[]": lambda r: [
        c for x in r["deployment_countries"] for c in (x["code"], x["name"]) if c
    ],
    "$.sdgs.sdg[]": (lambda r: [s["number"] for s in r["sdgs"]], lambda label: int(re.match(r"SDG(\d+):", label)[1])),
    "$.sdgs.relevance": "sdg_relevance",
    "$.openlicenses[].openLicense": "licenses",
    "$.openlicenses[].openLicenseEvidenceURLs": (
        "licenses",
        lambda text: (
            [part for part in re.split(r"[\s,]+", text) if part]
            if all(part.startswith("http") for part in re.split(r"[\s,]+", text) if part)
            else text
        ),
    ),
    "$.deploymentOrganisations": "deployment_organisations",
    "$.deploymentOrganisations[]": "deployment_organisations",
    "$.deploymentCountriesDepartments": "deployment_organisations",
    "$.deploymentCountriesDepartments[]": "deployment_organisations",
    "$.otherDeploymentOrganisations": "deployment_organisations",
    "$.otherDeploymentOrganisations[]": "deployment_organisations",
    "$.awardsReceived": "awards",
    "$.awardsReceived[]": "awards",
    # Display settings of the DPGA website, not facts about the product: kept in the raw record.
    "$.githubActivity": "raw",
    "$.dpgLink": "raw",
}
INDICATOR_PATHS = [
    "$.privacy[].privacyCompliance",
    "$.privacy[].privacyComplianceURL",
    "$.platformIndependence.isPlatformIndependent",
    "$.platformIndependence.openAlternatives[]",
    "$.clearOwnership[].clearOwnershipName",
    "$.clearOwnership[].clearOwnershipURL",
    "$.documentation",
    "$.NonPII.collectsNonPII",
    "$.NonPII.nonPIIAccessMechanism",
    "$.openStandards[]",
    "$.dataPrivacySecurity.collectsPII",
    "$.dataPrivacySecurity.typesOfPIIDataCollected[]",
    "$.dataPrivacySecurity.dataPrivacySecurity",
    "$.userContent.contentManagement",
    "$.userContent.contentTypes[]",
    "$.userContent.contentManagementPolicy",
    "$.protectionFromHarassment.facilitatesUserInteraction",
    "$.protectionFromHarassment.harassmentPolicy",
    "$.bestPractices[]",
]
# How the source words the four levels of handling personal data (9a) and content (9b).
HANDLING_TEXTS = {
    "not_collected": [
        "PII data is NOT collected NOT stored and NOT distributed.",
        "Content is NOT collected NOT stored and NOT distributed.",
    ],
    "collected_not_stored": [
        "PII data is collected but NOT stored and NOT distributed.",
        "Content is collected but NOT stored and NOT distributed.",
    ],
    "collected_stored_not_distributed": [
        "PII data is collected and stored but NOT distributed.",
        "Content is collected and stored but NOT distributed.",
    ],
    "collected_stored_distributed": [
        "PII data is collected and stored and distributed.",
        "Content is collected stored and distributed.",
    ],
}


def indicator_values(record: dict) -> list:
    values = []
    for answers in record["indicators"].values():
        for value in answers.values():
            values.append(value)
            if isinstance(value, str):
                values += HANDLING_TEXTS.get(value, [])
    return values


def test_every_field_of_every_api_record_lands_in_the_product(imported):
    expectations = {**API_FIELDS, **{path: indicator_values for path in INDICATOR_PATHS}}
    for source in SOURCE:
        product = public_products().get(dpga_id=source["id"])
        stored = product.source_records.get()
        assert stored.data == source
        assert_lossless(source, public_record(product), expectations, private=[])
