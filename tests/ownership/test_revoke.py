"""The staff revoke a verified ownership: with a reason, in the audit trail, the former owner told by e-mail and
unable to renew from that moment, even a renewal draft they started before."""

import pytest
from django.core import mail
from django.test import Client

from dpg_registry.accounts.selectors import organisation_ids_of
from dpg_registry.applications.models import Application
from dpg_registry.audit.models import AuditEvent
from dpg_registry.ownership import services
from dpg_registry.ownership.models import Claim, ProductOwner
from tests.factories import fill, run_tasks, sign_in
from tests.ownership.owners import make_owner
from tests.ownership.products import listed_product


def signed_in(user) -> Client:
    client = Client()
    sign_in(client, user)
    return client


@pytest.mark.django_db(transaction=True)
def test_staff_revoke_an_ownership_and_the_former_owner_can_no_longer_renew(people):
    product = listed_product()
    amina = people["applicant"]
    make_owner(product, amina, by=people["admin"])
    owner = signed_in(amina)
    assert owner.get("/applications/new/?renew=clinic-records").status_code == 200
    assert "Claimed by Clinic Trust" in Client().get("/registry/clinic-records/").content.decode()

    l2 = signed_in(people["l2"])
    found = l2.get("/claims/owners/?q=clinic").content.decode()
    assert "amina@clinic.example owns Clinic Records" in found
    ownership = ProductOwner.objects.get(product=product, user=amina)
    no_reason = l2.post(f"/claims/owners/{ownership.pk}/revoke/", {"reason": " ", "q": "clinic"}, follow=True)
    assert "Give the reason for revoking the ownership." in no_reason.content.decode()
    assert ProductOwner.objects.filter(pk=ownership.pk).exists()

    done = l2.post(f"/claims/owners/{ownership.pk}/revoke/", {"reason": "She left the trust in May.", "q": "clinic"},
                   follow=True)
    assert "amina@clinic.example no longer owns Clinic Records; they are told by e-mail." in done.content.decode()
    assert not ProductOwner.objects.filter(product=product).exists()
    refused = owner.get("/applications/new/?renew=clinic-records")
    assert refused.status_code == 403 and "Only the owners of Clinic Records renew it" in refused.content.decode()
    assert "Unclaimed" in Client().get("/registry/clinic-records/").content.decode()  # no stale cached profile
    told = owner.get("/registry/clinic-records/claim/").content.decode()
    assert "The staff revoked your ownership on" in told and "She left the trust in May." in told

    claim = Claim.objects.get(product=product)
    assert claim.state == "revoked" and claim.decided_by == people["l2"]
    event = AuditEvent.objects.get(action="ownership.revoke")
    assert (event.role, event.reason, event.actor_id) == ("l2", "She left the trust in May.", people["l2"].pk)
    assert event.before == {"product": "clinic-records", "owner": amina.pk, "organisation": "Clinic Trust"}
    assert organisation_ids_of(amina) == {claim.organisation_id}  # the membership stays until refused

    run_tasks()
    [message] = [m for m in mail.outbox if m.to == ["amina@clinic.example"]]
    assert "Your ownership of Clinic Records is revoked" in message.subject
    assert "She left the trust in May." in message.body and "/registry/clinic-records/claim/" in message.body
    again = l2.post(f"/claims/owners/{ownership.pk}/revoke/", {"reason": "Twice."})
    assert again.status_code == 404


@pytest.mark.django_db
def test_only_admins_and_l2_reviewers_revoke(people):
    product = listed_product()
    make_owner(product, people["applicant"], by=people["admin"])
    ownership = ProductOwner.objects.get()
    for who in ("applicant", "stranger", "l1", "expert"):
        client = signed_in(people[who])
        assert client.get("/claims/owners/?q=clinic").status_code == 403, who
        assert client.post(f"/claims/owners/{ownership.pk}/revoke/", {"reason": "No."}).status_code == 403, who
    assert ProductOwner.objects.exists() and not AuditEvent.objects.filter(action="ownership.revoke").exists()
    admin = signed_in(people["admin"])
    admin.post(f"/claims/owners/{ownership.pk}/revoke/", {"reason": "Asked by the trust."})
    assert AuditEvent.objects.get(action="ownership.revoke").role == "admin"


@pytest.mark.django_db
def test_the_owners_page_needs_the_staff_members_authenticator(people):
    client = Client()
    client.force_login(people["l2"])  # signed in with a password only
    response = client.get("/claims/owners/?q=clinic")
    assert response.status_code == 302 and "/accounts/2fa/" in response["Location"]


@pytest.mark.django_db
def test_a_renewal_draft_started_before_the_revocation_cannot_be_submitted(people):
    product = listed_product()
    amina = people["applicant"]
    make_owner(product, amina, by=people["admin"])
    owner = signed_in(amina)
    owner.post("/applications/new/?renew=clinic-records",
               {"name": "Clinic Records", "category": "software", "organisation": "Clinic Trust"})
    renewal = Application.objects.get(product=product)
    fill(renewal, amina)
    services.revoke(owner=ProductOwner.objects.get(), by=people["l2"], reason="She left the trust in May.")

    refused = owner.post(f"/applications/{renewal.public_id}/submit/", follow=True).content.decode()
    assert "nobody editing this renewal may renew Clinic Records any more; its owners may" in refused
    renewal.refresh_from_db()
    assert renewal.state == "draft" and renewal.submitted_at is None

    make_owner(product, people["stranger"], by=people["admin"])  # a new owner joins the draft and submits it
    renewal.editors.add(people["stranger"])
    signed_in(people["stranger"]).post(f"/applications/{renewal.public_id}/submit/")
    renewal.refresh_from_db()
    assert renewal.state == "submitted"
