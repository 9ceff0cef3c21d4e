"""The DPGA API shapes round-trip: import today's API sample, serve /api/dpgs, compare field by field."""

import json

import pytest

from dpg_registry.importers.fields import clean_text
from dpg_registry.importers.run import run_import
from tests.conftest import API_SAMPLE, LEGACY_DIR

SOURCE = json.loads(API_SAMPLE.read_text(encoding="utf-8"))
# Display settings of the DPGA website, not facts about a product.
NOT_COMPARED = {"githubActivity", "dpgLink"}


def normal(value):
    """A value as the registry serves it: entities decoded, free text joined back, "" and [] alike.

    Case is ignored: the registry spells licence ids as SPDX does ("OdbL-1.0" becomes "ODbL-1.0").
    """
    if isinstance(value, dict):
        return {key: normal(item) for key, item in value.items() if key not in NOT_COMPARED}
    if isinstance(value, list):
        if value and all(isinstance(item, str) for item in value):
            joined = clean_text(",".join(value))
            return " ".join(joined.replace(",", " ").split()).casefold()
        return [normal(item) for item in value]
    if isinstance(value, str):
        return " ".join(clean_text(value).replace(",", " ").split()).casefold()
    return value


@pytest.fixture
def served(client, standard):
    run_import([API_SAMPLE])
    return {record["id"]: record for record in client.get("/api/dpgs").json()}


def test_every_sample_record_comes_back_field_by_field(served):
    assert set(served) == {record["id"] for record in SOURCE}
    for source in SOURCE:
        ours = served[source["id"]]
        assert set(source) <= set(ours) | {"locations"}, source["id"]
        for key, value in source.items():
            if key in NOT_COMPARED:
                continue
            expected, got = normal(value), normal(ours.get(key, value))
            if key == "aliases" and value == "":
                expected = normal([])
            for field in (
                "deploymentOrganisations",
                "otherDeploymentOrganisations",
                "awardsReceived",
                "deploymentCountriesDepartments",
            ):
                if key == field and value == "":
                    expected = normal([])
            assert got == expected, f"{source['id']} {key}:\n{got!r}\n!=\n{expected!r}"


def test_single_record_and_nominee_endpoints(client, standard):
    run_import([LEGACY_DIR, API_SAMPLE])
    record = client.get("/api/dpg/11642").json()
    assert record["dpgid"] == "GID0091385" and record["stage"] == "DPG"
    assert client.get("/api/dpg/dhis2").json()["name"] == "DHIS2"
    nominees = client.get("/api/nominees").json()
    assert len(nominees) == 63 and {n["stage"] for n in nominees} == {"nominee"}
    assert client.get(f"/api/nominee/{nominees[0]['id']}").status_code == 200
    missing = client.get("/api/dpg/0")
    assert missing.status_code == 404 and missing["Content-Type"] == "application/problem+json"
