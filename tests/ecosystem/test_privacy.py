"""People stay private: focal points and experts appear by organisation and role, an expert's name only with
consent, and no e-mail address reaches a public page, the API or the dump."""

import re
from datetime import date

import pytest

from dpg_registry.ecosystem import services

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
PUBLIC = [
    "/communities/", "/communities/health/", "/communities/health/collections/immunization/",
    "/communities/climate/", "/pathfinders/", "/pathfinders/clinic-kenya/", "/members/", "/fifty-in-five/",
    "/calls/", "/countries/KE/", "/registry/open-clinic/", "/ecosystem.json", "/api/v1/communities",
    "/api/v1/communities/health", "/api/v1/pilots", "/api/v1/members", "/api/v1/fifty-in-five", "/api/v1/calls",
    "/api/v1/countries/KE",
]


def test_no_email_address_on_public_pages_api_or_dump(client, eco):
    services.save_expert(by=None, community=eco["health"], organisation="WHO", role="Immunisation adviser",
                         public_name="Dr Grace Auma", name_consented_on=date(2025, 2, 1))
    services.save_assessment(by=eco["people"]["focal"], community=eco["health"], product=eco["vaccines"],
                             assessed_by="Health Partners", assessed_on=date(2025, 4, 1),
                             ratings={p: services.Rating(level="low") for p in (
                                 "governance", "security", "interoperability", "roadmap", "source_code",
                                 "total_cost", "composability")})
    seen = {}
    for path in PUBLIC:
        response = client.get(path)
        assert response.status_code == 200, path
        body = response.content.decode()
        seen[path] = body
        assert not EMAIL.findall(body), (path, EMAIL.findall(body))
    for username in ("fiona", "otto"):  # the focal points' accounts appear nowhere, not even by user name
        assert not any(username in body for body in seen.values())
    assert "Health Partners" in seen["/communities/health/"]
    assert "Dr Grace Auma" in seen["/communities/health/"] and "Dr Grace Auma" in seen["/ecosystem.json"]


def test_an_expert_name_needs_consent(eco):
    expert = services.save_expert(by=None, community=eco["health"], organisation="WHO", role="Adviser")
    assert expert.shown_name == ""
    with pytest.raises(services.EcosystemError) as refused:
        services.save_expert(by=None, community=eco["health"], expert=expert, organisation="WHO", role="Adviser",
                             public_name="Dr Who")
    assert refused.value.field == "name_consented_on"
