"""People in the console over HTTP: admins find accounts, grant and revoke roles with a reason (audited) and see
a person's open work; nobody else can, and no page shows a password, an authenticator secret or recovery codes."""

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client

from dpg_registry.accounts.models import RoleGrant
from dpg_registry.audit.models import AuditEvent
from tests.console.conftest import text

pytestmark = pytest.mark.django_db


def test_admins_find_people_by_e_mail_or_name(people, client_of):
    people["stranger"].first_name, people["stranger"].last_name = "Samuel", "Okafor"
    people["stranger"].save()
    client = client_of(people["admin"])
    page = text(client.get("/console/people/?q=elsewhere"))
    assert "sam@elsewhere.example" in page and "lena@review.example" not in page
    page = text(client.get("/console/people/?q=okafor"))
    assert "sam@elsewhere.example" in page and "Samuel Okafor" in page
    everyone = text(client.get("/console/people/"))
    assert "lena@review.example" in everyone and "sam@elsewhere.example" not in everyone  # staff only by default


def test_only_admins_reach_people_and_grants(people, client_of):
    target = people["stranger"]
    assert Client().get("/console/people/").status_code == 302
    for role in ("l1", "l2", "expert", "applicant"):
        client = client_of(people[role])
        assert client.get("/console/people/").status_code == 403
        assert client.get(f"/console/people/{target.pk}/").status_code == 403
        response = client.post(f"/console/people/{target.pk}/grant/", {"role": "admin", "reason": "me too"})
        assert response.status_code == 403
    assert not RoleGrant.objects.filter(user=target).exists()
    assert not AuditEvent.objects.filter(action="role.grant", subject_id=str(target.pk)).exists()


def test_a_grant_and_a_revocation_are_audited_with_their_reason(people, client_of):
    admin, target = people["admin"], people["stranger"]
    client = client_of(admin)
    response = client.post(f"/console/people/{target.pk}/grant/",
                           {"role": "l1", "reason": "Joins the review team in March."}, follow=True)
    assert "sam@elsewhere.example is now L1 reviewer." in text(response)
    assert RoleGrant.objects.filter(user=target, role="l1").exists()
    event = AuditEvent.objects.get(action="role.grant", subject_id=str(target.pk))
    assert (event.actor_id, event.role, event.after, event.reason) == (
        admin.pk, "admin", {"role": "l1"}, "Joins the review team in March.")
    assert "Joins the review team in March." in text(client.get(f"/console/people/{target.pk}/"))

    response = client.post(f"/console/people/{target.pk}/revoke/", {"role": "l1", "reason": "Left the team."},
                           follow=True)
    assert "sam@elsewhere.example is no longer L1 reviewer." in text(response)
    assert not RoleGrant.objects.filter(user=target).exists()
    event = AuditEvent.objects.get(action="role.revoke", subject_id=str(target.pk))
    assert (event.actor_id, event.before, event.reason) == (admin.pk, {"role": "l1"}, "Left the team.")


def test_a_change_without_a_reason_or_of_a_role_not_held_is_refused_and_named(people, client_of):
    client = client_of(people["admin"])
    target = people["stranger"]
    page = text(client.post(f"/console/people/{target.pk}/grant/", {"role": "l2", "reason": "  "}, follow=True))
    assert "Reason: This field is required." in page
    page = text(client.post(f"/console/people/{target.pk}/revoke/", {"role": "l2", "reason": "x"}, follow=True))
    assert "Role: sam@elsewhere.example does not hold this role" in page
    page = text(client.post(f"/console/people/{target.pk}/grant/", {"role": "owner", "reason": "x"}, follow=True))
    assert "Role: Select a valid choice." in page
    assert not RoleGrant.objects.filter(user=target).exists()
    assert not AuditEvent.objects.filter(action__in=["role.grant", "role.revoke"], subject_id=str(target.pk)).exists()


def test_an_admin_cannot_revoke_their_own_admin_role(people, client_of):
    admin = people["admin"]
    page = text(client_of(admin).post(f"/console/people/{admin.pk}/revoke/",
                                      {"role": "admin", "reason": "oops"}, follow=True))
    assert "you cannot revoke your own admin role" in page
    assert RoleGrant.objects.filter(user=admin, role="admin").exists()


def test_a_persons_page_shows_their_open_work_and_no_secrets(people, client_of, in_review):
    l1 = people["l1"]
    client = client_of(people["admin"])
    client_of(l1)  # signing in sets up l1's authenticator app
    page = client.get(f"/console/people/{l1.pk}/").content.decode()
    assert in_review["farm"].public_id in page and "Farm Ledger" in page
    assert in_review["clinic"].public_id not in page
    l1.refresh_from_db()
    assert l1.password and l1.password not in page
    totp = Authenticator.objects.get(user=l1, type=Authenticator.Type.TOTP)
    assert str(totp.data.get("secret")) not in page
    assert "secret" not in page.lower() and "recovery" not in page.lower()
