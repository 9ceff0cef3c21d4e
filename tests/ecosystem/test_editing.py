"""Editing through the forms: who may edit what (admins everything, focal points their own community),
bad input named on its field, and every change in the audit trail."""

import pytest
from django.test import Client

from dpg_registry.audit.models import AuditEvent
from dpg_registry.ecosystem import services
from dpg_registry.ecosystem.maturity import PILLARS
from dpg_registry.ecosystem.models import Collection, CommunityFocalPoint, FocusArea, Pilot
from tests.factories import sign_in

ROLES = ["anonymous", "stranger", "l1", "focal", "other_focal", "admin"]


def expect(ok: list[str], *, done: int = 200) -> dict[str, int]:
    return {role: done if role in ok else (302 if role == "anonymous" else 403) for role in ROLES}


# (method, path, data, expected status per role); {…} are filled from the fixture's rows
MATRIX = [
    ("get", "/communities/health/edit/focus-area/", {}, expect(["focal", "admin"])),
    ("post", "/communities/health/edit/focus-area/",
     {"priority_area": "Health", "focus": "Cold chain", "status": "in_progress", "position": 1},
     expect(["focal", "admin"], done=302)),
    ("get", "/communities/health/edit/focus-area/{focus_area}/", {}, expect(["focal", "admin"])),
    ("get", "/communities/health/edit/criterion/", {}, expect(["focal", "admin"])),
    ("get", "/communities/health/edit/collection/{collection}/", {}, expect(["focal", "admin"])),
    ("get", "/communities/health/edit/entry/", {}, expect(["focal", "admin"])),
    ("post", "/communities/health/edit/entry/{entry}/remove/", {}, expect(["focal", "admin"], done=302)),
    ("get", "/communities/health/edit/assessment/", {}, expect(["focal", "admin"])),
    ("get", "/communities/health/edit/expert/", {}, expect(["admin"])),
    ("get", "/communities/climate/edit/collection/", {}, expect(["other_focal", "admin"])),
    ("get", "/communities/health/focal-points/", {}, expect(["admin"])),
    ("get", "/ecosystem/edit/community/", {}, expect(["admin"])),
    ("get", "/ecosystem/edit/community/{health}/", {}, expect(["admin"])),
    ("get", "/ecosystem/edit/pilot/", {}, expect(["admin"])),
    ("get", "/ecosystem/edit/pilot/{pilot}/", {}, expect(["admin"])),
    ("post", "/ecosystem/edit/member/{member}/remove/", {}, expect(["admin"], done=302)),
    ("get", "/ecosystem/edit/activity/", {}, expect(["admin"])),
    ("get", "/ecosystem/edit/fifty-in-five/{fifty}/", {}, expect(["admin"])),
    ("get", "/ecosystem/edit/component/", {}, expect(["admin"])),
    ("get", "/ecosystem/edit/call/{call}/", {}, expect(["admin"])),
    ("get", "/ecosystem/edit/pledge/", {}, expect(["admin"])),
    ("get", "/ecosystem/edit/nonsense/", {}, expect([]) | {"stranger": 404, "l1": 404, "focal": 404,
                                                           "other_focal": 404, "admin": 404}),
]


def as_role(eco, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        sign_in(client, eco["people"][role])
    return client


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(eco, role):
    client = as_role(eco, role)
    ids = {
        "focus_area": eco["health"].focus_areas.first().pk, "collection": eco["collection"].pk,
        "entry": eco["collection"].entries.first().pk, "health": eco["health"].pk, "pilot": eco["pilot"].pk,
        "member": eco["member"].pk, "fifty": eco["fifty"].pk, "call": eco["call"].pk,
    }
    wrong = {}
    for method, template, data, expected in MATRIX:
        path = template.format(**ids)
        response = getattr(client, method)(path, data)
        if response.status_code != expected[role]:
            wrong[f"{method.upper()} {path}"] = (response.status_code, expected[role])
        if role == "anonymous":
            assert response["Location"].startswith("/accounts/login/"), path
    assert not wrong, f"{role}: (got, expected) {wrong}"


def test_a_focal_point_cannot_reach_another_communitys_items(eco):
    entry = eco["collection"].entries.first()
    other = as_role(eco, "other_focal")
    assert other.get(f"/communities/health/edit/entry/{entry.pk}/").status_code == 403
    assert other.get(f"/communities/climate/edit/entry/{entry.pk}/").status_code == 404
    assert as_role(eco, "admin").get(f"/communities/climate/edit/entry/{entry.pk}/").status_code == 404


def test_editing_links_appear_for_those_who_may_edit(eco):
    page = as_role(eco, "focal").get("/communities/health/").content.decode()
    assert "Add a focus area" in page and "Assess a product" in page
    assert "Add an expert" not in page and "Focal points</a>" not in page
    assert "Add a focus area" not in as_role(eco, "other_focal").get("/communities/health/").content.decode()
    admin_page = as_role(eco, "admin").get("/communities/health/").content.decode()
    assert "Add an expert" in admin_page and "Focal points</a>" in admin_page


def test_a_focal_point_adds_a_focus_area_recorded_in_the_audit_trail(eco):
    client = as_role(eco, "focal")
    response = client.post("/communities/health/edit/focus-area/",
                           {"priority_area": "Health", "focus": "Cold chain", "status": "in_progress", "position": 1})
    assert response.status_code == 302 and response["Location"] == "/communities/health/"
    area = FocusArea.objects.get(focus="Cold chain")
    event = AuditEvent.objects.filter(subject_type="ecosystem.focusarea", subject_id=str(area.pk)).get()
    assert event.role == "focal_point" and event.actor_id == eco["people"]["focal"].pk
    assert event.after["focus"] == "Cold chain" and event.before == {}
    assert "Cold chain" in client.get("/communities/").content.decode()


def assessment_form(product: str, **changes) -> dict:
    data = {"product": product, "assessed_by": "Health CoP review panel", "assessed_on": "2025-06-30"}
    for pillar in PILLARS:
        data[f"{pillar.key}__level"] = "medium"
        data[f"{pillar.key}__evidence"] = ""
    data["security__practices"] = ["role_based_access", "encrypted_by_default"]
    return data | changes


def test_a_focal_point_assesses_a_product_and_it_shows_in_the_comparison(eco):
    client = as_role(eco, "focal")
    response = client.post("/communities/health/edit/assessment/",
                           assessment_form("vaccine-tracker", interoperability__level="high"))
    assert response.status_code == 302
    table = client.get("/communities/health/collections/immunization/").content.decode()
    row = table[table.index('<th scope="row">Open standards and interoperability</th>'):]
    row = row[:row.index("</tr>")]
    assert row.count("High") == 2  # Open Clinic and now Vaccine Tracker
    assert "All remote access (web interface, API) is encrypted by default." in table
    event = AuditEvent.objects.filter(action="community.assessment").last()
    assert event.after["ratings"]["security"][1] == ["role_based_access", "encrypted_by_default"]


@pytest.mark.parametrize(
    ("role", "path", "data", "field", "message"),
    [
        ("focal", "/communities/health/edit/collection/", {"slug": "immunization", "title": "Again", "position": 0},
         "slug", "already exists"),
        ("focal", "/communities/health/edit/entry/", {"collection": "{collection}", "product": "nope", "reason": "x",
                                                      "position": 0}, "product", "no product &#x27;nope&#x27;"),
        ("focal", "/communities/health/edit/assessment/", {"governance__level": ""}, "governance__level",
         "This field is required"),
        ("focal", "/communities/health/edit/assessment/", {"security__practices": ["readme"]}, "security__practices",
         "Select a valid choice"),
        ("admin", "/communities/health/edit/expert/", {"organisation": "WHO", "role": "Adviser",
                                                       "public_name": "Dr Who", "position": 0},
         "name_consented_on", "agreed to it"),
        ("admin", "/ecosystem/edit/pilot/", {"country": "XX"}, "country", "not an ISO 3166-1 alpha-2"),
        ("admin", "/ecosystem/edit/pilot/", {"products": "dhis2"}, "products", "no product &#x27;dhis2&#x27;"),
        ("admin", "/ecosystem/edit/pilot/", {"documents": "https://example.org/brief.pdf"}, "documents",
         "needs a title"),
        ("admin", "/ecosystem/edit/pilot/", {"started_on": "2025-05-01", "ended_on": "2025-01-01"}, "ended_on",
         "cannot end before"),
        ("admin", "/ecosystem/edit/member/", {"slug": "m", "name": "M", "kind": "club"}, "kind",
         "Select a valid choice"),
    ],
)
def test_bad_input_is_named_on_its_field(eco, role, path, data, field, message):
    if path.endswith("/assessment/"):
        data = assessment_form("open-clinic", **data)
    if path.endswith("/pilot/"):
        data = {"slug": "p", "title": "P", "country": "KE", "goals": "G", "status": "running"} | data
    data = {key: value.format(collection=eco["collection"].pk) if isinstance(value, str) else value
            for key, value in data.items()}
    pilots, collections = Pilot.objects.count(), Collection.objects.count()
    response = as_role(eco, role).post(path, data)
    assert response.status_code == 200
    page = response.content.decode()
    error = page[page.index(f'id="id_{field}_error"'):]
    assert message in error[:error.index("</ul>")], error[:300]
    assert (Pilot.objects.count(), Collection.objects.count()) == (pilots, collections)


def test_admins_name_and_stop_focal_points(eco):
    client = as_role(eco, "admin")
    stranger = eco["people"]["stranger"]
    response = client.post("/communities/climate/focal-points/",
                           {"email": stranger.email, "organisation": "Weather Service"})
    assert response.status_code == 302
    assert CommunityFocalPoint.objects.filter(user=stranger, community=eco["climate"]).exists()
    assert as_role(eco, "stranger").get("/communities/climate/edit/collection/").status_code == 200
    page = client.post("/communities/climate/focal-points/", {"email": "nobody@nowhere.example",
                                                              "organisation": "X"}).content.decode()
    assert 'id="id_email_error"' in page and "no account with the e-mail address" in page
    link = CommunityFocalPoint.objects.get(user=stranger, community=eco["climate"])
    client.post("/communities/climate/focal-points/", {"revoke": link.pk})
    assert not CommunityFocalPoint.objects.filter(pk=link.pk).exists()
    assert as_role(eco, "stranger").get("/communities/climate/edit/collection/").status_code == 403
    actions = list(AuditEvent.objects.filter(subject_type="ecosystem.community").values_list("action", flat=True))
    assert actions[-2:] == ["community.focal_point.grant", "community.focal_point.revoke"]


def test_cached_ecosystem_pages_show_an_edit_at_once(eco, django_assert_max_num_queries):
    visitor = Client()
    first = visitor.get("/communities/health/")
    with django_assert_max_num_queries(1):  # the registry's generation: the page itself comes from the cache
        assert visitor.get("/communities/health/").content == first.content
    services.save_focus_area(by=None, community=eco["health"], priority_area="Health",
                             focus="Cold chain monitoring", status="complete")
    assert "Cold chain monitoring" in visitor.get("/communities/health/").content.decode()
