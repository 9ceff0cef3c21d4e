"""The takeovers the registry used to allow, each refused now (over HTTP)."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from dpg_registry.accounts.models import OrganisationMembership
from dpg_registry.accounts.selectors import organisation_ids_of
from dpg_registry.applications.models import Application
from dpg_registry.applications.services import review
from dpg_registry.applications.services.applicant import submit
from dpg_registry.audit.models import AuditEvent
from tests.applications.test_clock import approve
from tests.factories import sign_in
from tests.ownership.owners import make_owner
from tests.ownership.products import listed_product


def signed_in(user) -> Client:
    client = Client()
    sign_in(client, user)
    return client


@pytest.mark.django_db
def test_a_stranger_cannot_renew_a_listed_product_and_no_draft_is_made(people):
    listed_product()
    client = signed_in(people["stranger"])
    before = Application.objects.count()
    page = client.get("/applications/new/?renew=clinic-records")
    assert page.status_code == 403
    text = page.content.decode()
    assert "Only the owners of Clinic Records renew it" in text and 'href="/registry/clinic-records/claim/"' in text
    posted = client.post("/applications/new/?renew=clinic-records",
                         {"name": "Clinic Records", "category": "software", "organisation": "Clinic Trust"})
    assert posted.status_code == 403 and Application.objects.count() == before


@pytest.mark.django_db
def test_a_verified_owner_renews_for_the_owner_organisation(people):
    product = listed_product()
    make_owner(product, people["applicant"], by=people["admin"])
    client = signed_in(people["applicant"])
    response = client.post("/applications/new/?renew=clinic-records",
                           {"name": "Clinic Records", "category": "software", "organisation": "Some Other Name"})
    renewal = Application.objects.get(product=product)
    assert response.status_code == 302 and renewal.organisation.name == "Clinic Trust"


@pytest.mark.django_db
def test_staff_renewing_for_the_owners_is_recorded_as_staff(people):
    product = listed_product()
    client = signed_in(people["admin"])
    assert client.get("/applications/new/?renew=clinic-records").status_code == 200
    client.post("/applications/new/?renew=clinic-records",
                {"name": "Clinic Records", "category": "software", "organisation": "Clinic Trust"})
    renewal = Application.objects.get(product=product)
    event = AuditEvent.objects.get(action="application.create", subject_id=str(renewal.pk))
    assert event.role == "admin" and event.after["for_owners_of"] == "clinic-records"
    assert event.reason == "staff renewal for the product's owners"


@pytest.mark.django_db
def test_typing_an_organisations_name_gives_no_membership(people):
    product = listed_product()
    client = signed_in(people["stranger"])
    response = client.post("/applications/new/", {"name": "Clinic Clone", "category": "software",
                                                  "organisation": "Clinic Trust"})
    assert response.status_code == 302
    assert not OrganisationMembership.objects.filter(user=people["stranger"]).exists()
    assert organisation_ids_of(people["stranger"]) == set()
    assert "Unclaimed" in Client().get(f"/registry/{product.slug}/").content.decode()


@pytest.mark.django_db
def test_a_reviewer_invited_as_editor_is_not_locked_out_of_reviewing(people, draft):
    applicant = signed_in(people["applicant"])
    applicant.post(f"/applications/{draft.public_id}/editors/", {"email": "lena@review.example"})
    assert not draft.editors.filter(pk=people["l1"].pk).exists()  # not without their consent
    assert organisation_ids_of(people["l1"]) == set()
    submit(application=draft, by=people["applicant"])
    assert review.pull_next(reviewer=people["l1"], level="l1").pk == draft.pk


@pytest.mark.django_db
def test_an_accepted_invitation_makes_an_editor_not_a_member(people, draft):
    signed_in(people["applicant"]).post(f"/applications/{draft.public_id}/editors/", {"email": "sam@elsewhere.example"})
    stranger = signed_in(people["stranger"])
    invitation = draft.invitations.get()
    stranger.post("/applications/invitations/", {"invitation": invitation.pk, "answer": "accept"})
    assert draft.editors.filter(pk=people["stranger"].pk).exists()
    assert organisation_ids_of(people["stranger"]) == set()
    assert not OrganisationMembership.objects.filter(user=people["stranger"]).exists()


def invite(client, draft, email):
    """The answer to inviting ``email``, the message the next page shows, and the queries made (addresses and
    numbers left out, so that two invitations compare)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.post(f"/applications/{draft.public_id}/editors/", {"email": email})
    shown = [str(m) for m in client.get(response["Location"]).context["messages"]]
    sql = [re.sub(r"\d+", "N", query["sql"].replace(email, "ADDRESS")) for query in queries.captured_queries]
    return response, shown, sql


@pytest.mark.django_db
def test_inviting_answers_the_same_whether_or_not_an_account_uses_the_address(people, draft):
    client = signed_in(people["applicant"])
    invite(client, draft, "first@elsewhere.example")  # the rate-limit counters exist from now on
    known, known_said, known_sql = invite(client, draft, "sam@elsewhere.example")
    unknown, unknown_said, unknown_sql = invite(client, draft, "nobody@nowhere.example")
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert known_said == ["An invitation is sent to sam@elsewhere.example. The person becomes an editor when they "
                          "accept it."]
    assert unknown_said == [known_said[0].replace("sam@elsewhere.example", "nobody@nowhere.example")]
    assert known_sql == unknown_sql
    assert not any("emailaddress" in query or "auth_user" in query for query in known_sql if "SELECT" in query
                   and "ADDRESS" in query)


@pytest.mark.django_db
def test_the_editors_of_the_approved_application_renew_it_and_nobody_else(people, draft):
    product = approve(people, draft).product
    assert signed_in(people["applicant"]).get(f"/applications/new/?renew={product.slug}").status_code == 200
    assert signed_in(people["stranger"]).get(f"/applications/new/?renew={product.slug}").status_code == 403
