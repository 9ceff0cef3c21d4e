"""Co-editors by invitation over HTTP: the e-mail, accepting and declining, removing an editor, the limits."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.utils import timezone

from dpg_registry.applications.models import Invitation
from dpg_registry.audit.models import AuditEvent
from tests.factories import make_user, run_tasks, sign_in


def signed_in(user) -> Client:
    client = Client()
    sign_in(client, user)
    return client


@pytest.mark.django_db(transaction=True)
def test_the_invitation_names_the_application_and_the_invitee_accepts(people, draft):
    signed_in(people["applicant"]).post(f"/applications/{draft.public_id}/editors/", {"email": "Sam@Elsewhere.example"})
    run_tasks()
    [message] = mail.outbox
    assert message.to == ["sam@elsewhere.example"]
    assert draft.public_id in message.body and "Open Clinic" in message.body
    assert "http://127.0.0.1:8000/applications/invitations/" in message.body

    stranger = signed_in(people["stranger"])
    page = stranger.get("/applications/invitations/").content.decode()
    assert f"Application {draft.public_id}: Open Clinic" in page and "Sent by amina@clinic.example" in page
    invitation = Invitation.objects.get()
    response = stranger.post("/applications/invitations/", {"invitation": invitation.pk, "answer": "accept"})
    assert response["Location"] == f"/applications/{draft.public_id}/"
    assert stranger.get(response["Location"]).status_code == 200
    actions = AuditEvent.objects.filter(subject_id=str(draft.pk)).values_list("action", flat=True)
    assert {"application.invite_editor", "application.accept_invitation"} <= set(actions)
    again = stranger.post("/applications/invitations/", {"invitation": invitation.pk, "answer": "accept"}, follow=True)
    assert "this invitation was already answered" in again.content.decode()


@pytest.mark.django_db
def test_declining_leaves_the_editors_as_they_were(people, draft):
    signed_in(people["applicant"]).post(f"/applications/{draft.public_id}/editors/", {"email": "sam@elsewhere.example"})
    stranger = signed_in(people["stranger"])
    stranger.post("/applications/invitations/", {"invitation": Invitation.objects.get().pk, "answer": "decline"})
    assert list(draft.editors.all()) == [people["applicant"]]
    assert Invitation.objects.get().accepted is False
    assert "No invitation is waiting for you." in stranger.get("/applications/invitations/").content.decode()


@pytest.mark.django_db
def test_only_the_holder_of_a_verified_address_may_answer(people, draft):
    signed_in(people["applicant"]).post(f"/applications/{draft.public_id}/editors/", {"email": "new@elsewhere.example"})
    invitation = Invitation.objects.get()
    other = signed_in(people["stranger"])
    assert "No invitation is waiting" in other.get("/applications/invitations/").content.decode()
    refused = other.post("/applications/invitations/", {"invitation": invitation.pk, "answer": "accept"}, follow=True)
    assert "this invitation was sent to another address" in refused.content.decode()
    unverified = make_user("new.person@example.org")
    EmailAddress.objects.create(user=unverified, email="new@elsewhere.example", verified=False)
    signed_in(unverified).post("/applications/invitations/", {"invitation": invitation.pk, "answer": "accept"})
    assert list(draft.editors.all()) == [people["applicant"]]


@pytest.mark.django_db
def test_an_old_invitation_expires(people, draft):
    signed_in(people["applicant"]).post(f"/applications/{draft.public_id}/editors/", {"email": "sam@elsewhere.example"})
    Invitation.objects.update(created_at=timezone.now() - timedelta(days=15))
    stranger = signed_in(people["stranger"])
    assert "No invitation is waiting" in stranger.get("/applications/invitations/").content.decode()
    response = stranger.post("/applications/invitations/", {"invitation": Invitation.objects.get().pk,
                                                             "answer": "accept"}, follow=True)
    assert "this invitation has expired" in response.content.decode()
    assert not draft.editors.filter(pk=people["stranger"].pk).exists()


@pytest.mark.django_db
def test_an_editor_removes_another_but_never_the_last(people, draft):
    applicant = signed_in(people["applicant"])
    applicant.post(f"/applications/{draft.public_id}/editors/", {"email": "sam@elsewhere.example"})
    stranger = signed_in(people["stranger"])
    stranger.post("/applications/invitations/", {"invitation": Invitation.objects.get().pk, "answer": "accept"})
    assert "Remove sam@elsewhere.example" in applicant.get(f"/applications/{draft.public_id}/").content.decode()
    applicant.post(f"/applications/{draft.public_id}/editors/{people['stranger'].pk}/remove/")
    assert list(draft.editors.all()) == [people["applicant"]]
    assert AuditEvent.objects.get(action="application.remove_editor").before == {"editor": people["stranger"].pk}
    last = applicant.post(f"/applications/{draft.public_id}/editors/{people['applicant'].pk}/remove/", follow=True)
    assert f"the last editor of application {draft.public_id} cannot be removed" in last.content.decode()
    assert list(draft.editors.all()) == [people["applicant"]]
    outsider = stranger.post(f"/applications/{draft.public_id}/editors/{people['applicant'].pk}/remove/", follow=True)
    assert f"you are not an editor of application {draft.public_id}" in outsider.content.decode()
    assert list(draft.editors.all()) == [people["applicant"]]


@pytest.mark.django_db
def test_only_editors_invite_and_a_bad_address_is_named(people, draft):
    stranger = signed_in(people["stranger"])
    assert stranger.post(f"/applications/{draft.public_id}/editors/", {"email": "x@example.org"}).status_code == 403
    response = signed_in(people["applicant"]).post(f"/applications/{draft.public_id}/editors/", {"email": "nope"},
                                                   follow=True)
    assert "E-mail address: give the address to send the invitation to." in response.content.decode()
    assert not Invitation.objects.exists()


@pytest.mark.django_db
def test_inviting_and_claiming_are_rate_limited(settings, people, draft):
    settings.DPG_RATE_LIMITS = {**settings.DPG_RATE_LIMITS, "invite": "100/h/ip,2/h/user", "claim": "100/h/ip,1/h/user"}
    client = signed_in(people["applicant"])
    answers = [client.post(f"/applications/{draft.public_id}/editors/", {"email": f"p{n}@example.org"}).status_code
               for n in range(3)]
    assert answers == [302, 302, 429] and Invitation.objects.count() == 2
    client.post("/registry/no-such-product/claim/", {"method": "staff", "statement": "Mine."})
    assert client.post("/registry/no-such-product/claim/", {"method": "staff"}).status_code == 429
