"""The staff verify or refuse that a person speaks for an organisation, on a page: with a reason, audited."""

import pytest
from django.test import Client

from dpg_registry.accounts.models import OrganisationMembership
from dpg_registry.accounts.selectors import organisation_ids_of
from dpg_registry.audit.models import AuditEvent
from dpg_registry.registry.models import Organisation
from tests.factories import sign_in


def signed_in(user) -> Client:
    client = Client()
    sign_in(client, user)
    return client


@pytest.mark.django_db
def test_staff_find_a_person_and_an_organisation_then_verify_and_refuse(people):
    trust = Organisation.objects.create(name="Clinic Trust")
    Organisation.objects.create(name="Farm Co-op")
    amina = people["applicant"]
    admin = signed_in(people["admin"])
    page = admin.get("/claims/members/", {"email": "AMINA@clinic.example", "organisation": "clinic"}).content.decode()
    assert "Clinic Trust" in page and "Farm Co-op" not in page
    assert "amina@clinic.example is not a verified member." in page
    nobody = admin.get("/claims/members/", {"email": "nobody@nowhere.example", "organisation": "clinic"})
    assert "No account uses this e-mail address." in nobody.content.decode()
    bad = admin.get("/claims/members/", {"email": "not an address", "organisation": ""})
    assert bad.status_code == 400 and "Enter a valid email address." in bad.content.decode()

    decision = {"user": amina.pk, "organisation": trust.pk, "decision": "verify", "reason": "",
                "email": "amina@clinic.example", "search": "clinic"}
    missing = admin.post("/claims/members/decide/", decision, follow=True).content.decode()
    assert "Choose a decision and give its reason." in missing and organisation_ids_of(amina) == set()

    done = admin.post("/claims/members/decide/", {**decision, "reason": "The trust's director wrote to us."},
                      follow=True)
    assert "amina@clinic.example is a verified member of Clinic Trust." in done.content.decode()
    assert organisation_ids_of(amina) == {trust.pk}
    assert "amina@clinic.example is a verified member since" in done.content.decode()
    verified = AuditEvent.objects.get(action="organisation.verify_member")
    assert (verified.role, verified.reason, verified.actor_id) == ("admin", "The trust's director wrote to us.",
                                                                   people["admin"].pk)
    assert verified.after == {"user": amina.pk, "verified_by": "staff", "claim": None}

    admin.post("/claims/members/decide/", {**decision, "decision": "refuse", "reason": "She left the trust."})
    assert organisation_ids_of(amina) == set() and not OrganisationMembership.objects.exists()
    refused = AuditEvent.objects.get(action="organisation.refuse_member")
    assert (refused.reason, refused.before, refused.after) == ("She left the trust.", {"verified_by": "staff"},
                                                               {"user": amina.pk})


@pytest.mark.django_db
def test_only_admins_and_l2_decide_and_nobody_decides_their_own(people):
    trust = Organisation.objects.create(name="Clinic Trust")
    for who in ("applicant", "l1", "expert"):
        client = signed_in(people[who])
        assert client.get("/claims/members/").status_code == 403, who
        assert client.post("/claims/members/decide/", {"user": people[who].pk, "organisation": trust.pk,
                                                        "decision": "verify", "reason": "me"}).status_code == 403
    l2 = signed_in(people["l2"])
    own = l2.post("/claims/members/decide/", {"user": people["l2"].pk, "organisation": trust.pk,
                                              "decision": "verify", "reason": "I work there."}, follow=True)
    assert "nobody decides their own membership" in own.content.decode()
    assert not OrganisationMembership.objects.exists() and not AuditEvent.objects.filter(
        action__startswith="organisation.").exists()
    unproven = Client()
    unproven.force_login(people["l2"])
    assert unproven.get("/claims/members/").status_code == 302
