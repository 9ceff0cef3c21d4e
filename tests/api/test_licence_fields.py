"""Both APIs tell the truth about a licence the SPDX list lacks: the DPGA's legacy shape sends the text the record
gave, as the DPGA's own API does; API v1 sends the ``LicenseRef-`` with ``on_spdx_list`` and ``declared``, and its
OpenAPI document declares every field its responses carry."""

import json

import jsonschema
import pytest
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from dpg_registry.importers.run import run_import
from tests.conftest import API_SAMPLE

pytestmark = pytest.mark.django_db


@pytest.fixture
def unconfirmed(standard, tmp_path):
    """The API sample with Harmony declaring a licence the SPDX list lacks and a category outside the list."""
    records = json.loads(API_SAMPLE.read_text())
    harmony = records[4]
    harmony["openlicenses"] = [{"openLicense": "CC-BY-3.0-NZ", "openLicenseEvidenceURLs": "https://example.org/l"}]
    harmony["categories"] = ["Open Software", "Open Hardware"]
    path = tmp_path / "dpgs.json"
    path.write_text(json.dumps(records))
    run_import([path])
    return harmony


def test_the_legacy_api_sends_the_licence_as_the_record_gave_it(client, unconfirmed):
    record = client.get(f"/api/dpg/{unconfirmed['id']}").json()
    assert record["openlicenses"] == [
        {"openLicense": "CC-BY-3.0-NZ", "openLicenseEvidenceURLs": "https://example.org/l"}
    ]
    listed = {item["id"]: item for item in client.get("/api/dpgs").json()}
    assert listed[unconfirmed["id"]]["openlicenses"][0]["openLicense"] == "CC-BY-3.0-NZ"
    assert listed["11642"]["openlicenses"][0]["openLicense"] == "Apache-2.0"  # SPDX ids as they are


def test_api_v1_sends_the_licence_ref_with_what_was_declared(client, unconfirmed):
    product = client.get("/api/v1/products/harmony").json()
    assert product["licenses"] == [
        {
            "expression": "LicenseRef-CC-BY-3.0-NZ",
            "evidence_urls": ["https://example.org/l"],
            "on_spdx_list": False,
            "declared": "CC-BY-3.0-NZ",
        }
    ]
    assert product["unlisted"] == {"categories": ["Open Hardware"]}
    spdx = client.get("/api/v1/products/cider").json()["licenses"]
    assert [(licence["on_spdx_list"], licence["declared"]) for licence in spdx] == [(True, None)]


def test_a_response_validates_against_the_published_schema_which_declares_each_field(client, unconfirmed):
    document = client.get("/api/v1/openapi.json").json()
    registry = Registry().with_resource("urn:api", DRAFT202012.create_resource(document))
    components = document["components"]["schemas"]
    product_schema = {"$ref": "urn:api#/components/schemas/Product"}
    page_schema = {"$ref": "urn:api#/components/schemas/ProductPage"}
    product = client.get("/api/v1/products/harmony").json()
    jsonschema.Draft202012Validator(product_schema, registry=registry).validate(product)
    page = client.get("/api/v1/products?limit=50").json()
    jsonschema.Draft202012Validator(page_schema, registry=registry).validate(page)
    licence = components["Licence"]
    assert {"declared", "on_spdx_list"} <= set(licence["required"])
    assert set(licence["properties"]) == set(product["licenses"][0])
    assert set(components["Product"]["properties"]) == set(product)
    broken = {**product, "licenses": [{**product["licenses"][0], "on_spdx_list": "no"}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(product_schema, registry=registry).validate(broken)
