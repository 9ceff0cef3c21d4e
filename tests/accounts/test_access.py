"""Who gets what: every role (and anonymous visitors) on every protected page and API endpoint."""

import pytest
from django.test import Client

from dpg_registry.applications.services import applicant
from tests.factories import sign_in

ROLES = ["anonymous", "applicant", "stranger", "l1", "l2", "expert", "admin"]
SIGNED_IN = ROLES[1:]
REVIEWERS = ["l1", "l2", "admin"]
STAFF = ["l1", "l2", "expert", "admin"]


def expect(ok: list[str], *, refused: int = 403, anonymous: int = 302) -> dict[str, int]:
    return {role: 200 if role in ok else (anonymous if role == "anonymous" else refused) for role in ROLES}


# (method, path with {id} and {slug}, expected status per role)
MATRIX = [
    ("get", "/eligibility/", expect(ROLES)),
    ("get", "/r/{id}/", expect(ROLES)),
    ("get", "/applications/", expect(SIGNED_IN)),
    ("get", "/applications/new/", expect(SIGNED_IN)),
    ("get", "/applications/{id}/", expect(["applicant"])),
    ("get", "/applications/{id}/about/", expect(["applicant"])),
    ("get", "/applications/{id}/indicator/3/", expect(["applicant"])),
    ("post", "/applications/{id}/check/", expect([]) | {"applicant": 302}),
    ("post", "/applications/{id}/withdraw/", expect([], refused=403) | {"applicant": 302}),
    ("get", "/inbox/", expect(SIGNED_IN)),
    ("get", "/registry/{slug}/challenge/", expect(SIGNED_IN)),
    ("get", "/owned/", expect(SIGNED_IN)),
    ("get", "/registry/{slug}/change/", expect([])),  # its verified owners only, and it has none
    ("post", "/registry/{slug}/delist/", expect([])),
    ("get", "/listing-requests/", expect(REVIEWERS)),
    ("get", "/review/", expect(STAFF)),
    ("get", "/review/dashboard/", expect(REVIEWERS)),
    ("get", "/review/{id}/", expect(REVIEWERS)),
    ("post", "/review/next/", expect([]) | {"l1": 302}),
    ("post", "/review/{id}/finish/", expect([]) | {"l1": 302, "l2": 302}),
    ("post", "/review/{id}/archive/", expect([]) | {"admin": 302}),
    ("get", "/api/v1/applications/{id}", expect(ROLES)),
    ("get", "/api/v1/me/applications", expect(SIGNED_IN, anonymous=401)),
    ("get", "/api/v1/review/queue", expect(REVIEWERS, anonymous=401)),
]


@pytest.fixture
def submitted(people, draft):
    return applicant.submit(application=draft, by=people["applicant"])


@pytest.fixture
def listed_product(standard):
    from dpg_registry.registry.models import Product

    return Product.objects.create(slug="open-tool", name="Open Tool", sort_name="open tool", status="dpg")


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_role_by_url_matrix(people, submitted, listed_product, role):
    client = Client()
    if role != "anonymous":
        sign_in(client, people[role])
    seen = {}
    for method, template, expected in MATRIX:
        path = template.format(id=submitted.public_id, slug=listed_product.slug)
        data = {"level": "l1"} if path == "/review/next/" else {}
        response = getattr(client, method)(path, data)
        seen[f"{method.upper()} {path}"] = (response.status_code, expected[role])
        if response.status_code == 302 and role == "anonymous":
            assert response["Location"].startswith("/accounts/login/"), path
    wrong = {request: got for request, got in seen.items() if got[0] != got[1]}
    assert not wrong, f"{role}: (got, expected) {wrong}"


@pytest.mark.django_db
def test_private_api_reads_are_never_cached_for_others(people, submitted):
    client = Client()
    sign_in(client, people["applicant"])
    response = client.get("/api/v1/me/applications")
    assert response["Cache-Control"] == "private, no-store"
    assert [item["id"] for item in response.json()] == [submitted.public_id]
