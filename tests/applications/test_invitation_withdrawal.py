"""Pending invitations to co-edit: the inviter, and the owners of the product renewed, see them on the application
and withdraw one; its e-mailed link then says so, and accepting it is refused. The invitee sees theirs on their
account's page."""

import re

import pytest
from django.core import mail
from django.test import Client

from dpg_registry.applications.models import Application
from dpg_registry.applications.services.applicant import answer_invitation, invite_editor
from dpg_registry.audit.models import AuditEvent
from tests.factories import make_user, run_tasks, sign_in
from tests.ownership.owners import make_owner
from tests.ownership.products import listed_product


def signed_in(user) -> Client:
    client = Client()
    sign_in(client, user)
    return client


@pytest.mark.django_db(transaction=True)
def test_the_inviter_withdraws_an_invitation_and_its_link_says_so(people, draft):
    inviter, invitee = signed_in(people["applicant"]), signed_in(people["stranger"])
    inviter.post(f"/applications/{draft.public_id}/editors/", {"email": "sam@elsewhere.example"})
    run_tasks()
    [message] = mail.outbox
    link = re.search(r"http://\S+(/applications/invitations/\?invitation=\d+)", message.body).group(1)
    invitation = draft.invitations.get()

    mine = invitee.get("/applications/").content.decode()
    assert "Invitations waiting for you" in mine and f"Application {draft.public_id}: Open Clinic" in mine
    detail = inviter.get(f"/applications/{draft.public_id}/").content.decode()
    assert "Invitations waiting for an answer" in detail and "sam@elsewhere.example, sent on" in detail

    done = inviter.post(f"/applications/{draft.public_id}/invitations/{invitation.pk}/withdraw/", follow=True)
    assert "The invitation to sam@elsewhere.example is withdrawn." in done.content.decode()
    assert "sam@elsewhere.example, sent on" not in done.content.decode()
    event = AuditEvent.objects.get(action="application.withdraw_invitation")
    assert (event.actor_id, event.after) == (people["applicant"].pk, {"invitation": invitation.pk})

    page = invitee.get(link).content.decode()
    assert (f"The invitation to co-edit application {draft.public_id} (Open Clinic) was withdrawn by the person "
            "who sent it.") in page and "No invitation is waiting for you." in page
    assert "Invitations waiting for you" not in invitee.get("/applications/").content.decode()
    replayed = invitee.post("/applications/invitations/", {"invitation": invitation.pk, "answer": "accept"},
                            follow=True)
    assert "this invitation was withdrawn by the person who sent it" in replayed.content.decode()
    assert not draft.editors.filter(pk=people["stranger"].pk).exists()
    assert signed_in(people["l1"]).get(link).content.decode().count("was withdrawn") == 0  # not their invitation
    again = inviter.post(f"/applications/{draft.public_id}/invitations/{invitation.pk}/withdraw/", follow=True)
    assert "this invitation was already answered or withdrawn" in again.content.decode()


@pytest.mark.django_db
def test_the_owners_see_and_withdraw_every_pending_invitation_and_other_editors_only_their_own(people):
    product = listed_product()
    owner, helper = people["applicant"], make_user("hana@clinic.example")
    make_owner(product, owner, by=people["admin"])
    signed_in(owner).post("/applications/new/?renew=clinic-records",
                          {"name": "Clinic Records", "category": "software", "organisation": "Clinic Trust"})
    renewal = Application.objects.get(product=product)
    answer_invitation(invitation=invite_editor(application=renewal, by=owner, email="hana@clinic.example"),
                      by=helper, accept=True)
    theirs = invite_editor(application=renewal, by=helper, email="sam@elsewhere.example")
    owners_own = invite_editor(application=renewal, by=owner, email="olu@elsewhere.example")

    seen_by_helper = signed_in(helper).get(f"/applications/{renewal.public_id}/").content.decode()
    assert "sam@elsewhere.example, sent on" in seen_by_helper and "olu@elsewhere.example" not in seen_by_helper
    refused = signed_in(helper).post(f"/applications/{renewal.public_id}/invitations/{owners_own.pk}/withdraw/",
                                     follow=True)
    assert "only the person who sent an invitation, or an owner of the product, withdraws it" in (
        refused.content.decode())

    client = signed_in(owner)
    seen_by_owner = client.get(f"/applications/{renewal.public_id}/").content.decode()
    assert "sam@elsewhere.example, sent on" in seen_by_owner and "olu@elsewhere.example, sent on" in seen_by_owner
    client.post(f"/applications/{renewal.public_id}/invitations/{theirs.pk}/withdraw/")
    theirs.refresh_from_db()
    owners_own.refresh_from_db()
    assert theirs.withdrawn_at is not None and owners_own.withdrawn_at is None
