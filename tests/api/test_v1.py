"""API v1 over HTTP: filters, cursor pagination, facets, reference data, errors, caching headers, and
requests generated from its OpenAPI document (schemathesis)."""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from dpg_registry.api.pagination import MAX_OFFSET, cursor_at
from dpg_registry.api.views.v1 import api
from dpg_registry.wsgi import application


def test_cursor_pagination_walks_every_result_once(client, registry):
    url, seen = "/api/v1/products?status=dpg&limit=50", []
    while url:
        page = client.get(url).json()
        assert page["count"] == 174
        seen += [product["slug"] for product in page["results"]]
        url = page["next"]
    assert len(seen) == len(set(seen)) == 174


def test_filters_match_the_catalogue(client, registry):
    api = client.get("/api/v1/products?q=health&sdg=3&status=dpg&limit=100").json()
    page = client.get("/registry/results.json?q=health&sdg=3&status=dpg").json()
    assert api["count"] == page["count"]
    assert [p["slug"] for p in api["results"][:20]] == [p["slug"] for p in page["results"]]
    facets = client.get("/api/v1/facets?q=health&sdg=3&status=dpg").json()
    assert facets["count"] == api["count"]
    assert {row["value"]: row["count"] for row in facets["facets"]["status"]}["dpg"] == api["count"]


def test_product_reference_and_standard(client, registry):
    product = client.get("/api/v1/products/dhis2").json()
    assert product["name"] == "DHIS2" and product["status"] == "dpg"
    sdgs = client.get("/api/v1/sdgs").json()
    assert [sdg["number"] for sdg in sdgs] == list(range(1, 18))
    licences = {row["spdx_id"]: row for row in client.get("/api/v1/licenses").json()}
    assert licences["MIT"]["approved_for"] == ["aimodel", "software"]
    assert licences["CC-BY-NC-4.0"]["approved_for"] == []
    standard = client.get("/api/v1/standard").json()
    assert standard["version"] == "1.1.7"
    assert [i["code"] for i in standard["indicators"]][-3:] == ["9a", "9b", "9c"]


@pytest.mark.parametrize(
    ("url", "status", "parameter"),
    [
        ("/api/v1/products?sdg=18", 400, "sdg"),
        ("/api/v1/products?sdg=x", 400, "sdg"),
        ("/api/v1/products?limit=101", 400, "limit"),
        ("/api/v1/products?cursor=nonsense", 400, "cursor"),
        ("/api/v1/products?status=lost", 400, "status"),
        ("/api/v1/products/none-such", 404, None),
        ("/api/v1/products?sector=health%00care", 400, "sector"),
        ("/api/v1/products/dhis2%00", 400, None),
        ("/api/v1/countries/KEN", 400, "iso"),
    ],
)
def test_errors_are_problem_details_naming_the_parameter(client, registry, url, status, parameter):
    response = client.get(url)
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status and body["title"]
    if parameter:
        assert body["parameter"] == parameter


@pytest.mark.parametrize("path", ["products", "communities", "pilots", "members"])
@pytest.mark.parametrize("offset", [2**63, 2**64 + 5, MAX_OFFSET + 1])
def test_a_cursor_beyond_any_page_is_refused_naming_the_cursor(client, registry, path, offset):
    response = client.get(f"/api/v1/{path}", {"cursor": cursor_at(offset)})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["parameter"] == "cursor"
    assert client.get(f"/api/v1/{path}", {"cursor": cursor_at(MAX_OFFSET)}).json()["results"] == []


def test_reads_are_cacheable_and_open_to_other_sites(client, registry):
    response = client.get("/api/v1/products/dhis2")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "max-age" in response["Cache-Control"]
    etag = response["ETag"]
    assert client.get("/api/v1/products/dhis2", HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_openapi_document_and_docs_page(client, registry):
    spec = client.get("/api/v1/openapi.json").json()
    assert spec["openapi"].startswith("3.1")
    assert {
        "/api/v1/products",
        "/api/v1/products/{slug}",
        "/api/v1/facets",
        "/api/v1/sdgs",
        "/api/v1/licenses",
        "/api/v1/standard",
    } <= set(spec["paths"])
    docs = client.get("/api/v1/docs").content.decode()
    assert "/static/" in docs and "cdn" not in docs.lower()


# The document /api/v1/openapi.json serves, built at collection, where no database may be read (serving it
# reads the registry's generation). The requests go through the WSGI application in this process, on the
# test database with the real bundled data: no port, no subprocess, each operation's writes rolled back.
# `bench/api/fuzz.py` runs thousands of cases against a live `dpg serve`.
schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
schema.app = application
# Only cursors a page handed out are valid; the document says so with its own "cursor" format.
schemathesis.openapi.format("cursor", st.just("") | st.integers(min_value=0, max_value=1000).map(cursor_at))


@pytest.fixture
def wsgi_registry(registry):
    # Django's WSGI handler closes the database connection after each request, which would end the
    # test's transaction; Django's test client holds it open the same way.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.usefixtures("wsgi_registry")
@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_generated_requests_get_only_documented_responses(case):
    """Valid and invalid requests: no server error; status, content type and body as the document says."""
    case.call_and_validate()
