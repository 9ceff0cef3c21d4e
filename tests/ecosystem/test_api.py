"""The ecosystem over the API: lists with cursor pagination, details, countries, problem details, and cached
reads that change when the ecosystem does."""

import pytest

from dpg_registry.ecosystem import services


def walk(client, url: str) -> list[dict]:
    seen = []
    while url:
        page = client.get(url).json()
        seen += page["results"]
        url = page["next"]
    return seen


def test_lists_walk_every_row_once_with_cursors(client, eco):
    for number in range(3):
        services.save_community(by=None, slug=f"extra-{number}", name=f"Extra {number}")
    communities = walk(client, "/api/v1/communities?limit=2")
    assert len(communities) == 5 and len({c["slug"] for c in communities}) == 5
    health = next(c for c in communities if c["slug"] == "health")
    assert health["focus_areas"] == [{"priority_area": "Health", "focus": "Immunization delivery management",
                                      "status": "complete"}]
    assert health["collections"] == ["immunization"]
    assert [p["slug"] for p in walk(client, "/api/v1/pilots?limit=1")] == ["clinic-kenya"]
    assert [m["slug"] for m in walk(client, "/api/v1/members")] == ["kenya-ict"]


def test_community_detail_has_collections_and_assessments(client, eco):
    community = client.get("/api/v1/communities/health").json()
    assert community["experts"] == [{"organisation": "Ministry of Health", "role": "Programme lead", "name": None}]
    assert community["focal_points"] == [{"organisation": "Health Partners"}]
    entries = community["collections"][0]["entries"]
    assert [e["product"]["slug"] for e in entries] == ["open-clinic", "vaccine-tracker"]
    assessment = community["assessments"][0]
    assert assessment["product"]["slug"] == "open-clinic" and assessment["assessed_on"] == "2025-03-01"
    assert [p["pillar"] for p in assessment["pillars"]] == [
        "governance", "security", "interoperability", "roadmap", "source_code", "total_cost", "composability"]
    assert assessment["pillars"][0] == {"pillar": "governance", "level": "medium", "practices": ["informal"],
                                        "evidence": "https://example.org/governance"}


def test_pilot_members_fifty_in_five_calls_and_country(client, eco):
    pilot = client.get("/api/v1/pilots/clinic-kenya").json()
    assert pilot["country"] == {"code": "KE", "name": "Kenya"} and pilot["started_on"] == "2024-01-15"
    assert pilot["products"] == [{"slug": "open-clinic", "name": "Open Clinic"}]
    member = client.get("/api/v1/members").json()["results"][0]
    assert member["on_board"] and member["activities"][0]["objective"] == "implement"
    fifty = client.get("/api/v1/fifty-in-five").json()
    assert fifty[0]["components"][0] | {"products": None} == {"kind": "identity", "stage": "design",
                                                              "description": "", "products": None}
    assert client.get("/api/v1/calls").json()[0]["pledges"][0]["stakeholder"] == "Open Clinic Foundation"
    country = client.get("/api/v1/countries/ke").json()
    assert country["name"] == "Kenya"
    assert [p["slug"] for p in country["deployed_dpgs"]] == ["open-clinic", "vaccine-tracker"]
    assert [p["slug"] for p in country["developed_dpgs"]] == ["open-clinic"]
    assert [p["slug"] for p in country["pilots"]] == ["clinic-kenya"]
    assert country["fifty_in_five"]["joined_on"] == "2023-11-08"
    assert [m["slug"] for m in country["members"]] == ["kenya-ict"]


@pytest.mark.parametrize(
    ("url", "status", "parameter"),
    [
        ("/api/v1/communities/none-such", 404, None),
        ("/api/v1/pilots/none-such", 404, None),
        ("/api/v1/countries/XX", 404, None),
        ("/api/v1/communities?cursor=nonsense", 400, "cursor"),
        ("/api/v1/pilots?limit=0", 400, "limit"),
    ],
)
def test_errors_are_problem_details(client, eco, url, status, parameter):
    response = client.get(url)
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    if parameter:
        assert response.json()["parameter"] == parameter


def test_cached_reads_change_when_the_ecosystem_does(client, eco):
    first = client.get("/api/v1/communities/health")
    assert "public" in first["Cache-Control"]
    assert client.get("/api/v1/communities/health").json() == first.json()
    services.save_criterion(by=None, community=eco["health"], title="Works offline")
    assert client.get("/api/v1/communities/health").json()["criteria"] == [
        {"title": "Works offline", "description": ""}]


def test_the_dump_holds_the_whole_ecosystem(client, eco):
    response = client.get("/ecosystem.json")
    assert response["Content-Type"] == "application/json"
    dump = response.json()
    assert [c["slug"] for c in dump["communities"]] == ["climate", "health"]
    assert dump["communities"][1] == client.get("/api/v1/communities/health").json()
    assert [p["slug"] for p in dump["pilots"]] == ["clinic-kenya"]
    assert dump["members"][0]["slug"] == "kenya-ict"
    assert dump["fifty_in_five"][0]["country"]["code"] == "KE"
    assert dump["calls"][0]["slug"] == "dpi-call"
    assert "/ecosystem.json" in client.get("/open-data/").content.decode()
