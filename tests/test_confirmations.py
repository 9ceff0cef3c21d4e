"""Every destructive action asks first: its form is reachable only inside the confirmation include
(layout/_confirm.html), never as a button that acts on one click."""

import re

import pytest
from django.test import Client

from dpg_registry.applications.services import applicant
from dpg_registry.ecosystem.models import CommunityFocalPoint
from tests.ecosystem.conftest import build_ecosystem
from tests.factories import sign_in

CONFIRMATION = re.compile(r'<details class="confirm" data-confirm>.*?</details>', re.S)


def signed_in(user) -> Client:
    client = Client()
    sign_in(client, user)
    return client


def asks_first(page: str, marker: str) -> bool:
    """``marker`` (an action URL, a button's value) is on the page, only inside confirmations."""
    inside = "".join(CONFIRMATION.findall(page))
    outside = CONFIRMATION.sub("", page)
    return marker in inside and marker not in outside


@pytest.mark.django_db
def test_withdrawing_and_removing_an_editor_ask_first(people, draft):
    draft.editors.add(people["stranger"])
    page = signed_in(people["applicant"]).get(f"/applications/{draft.public_id}/").content.decode()
    assert asks_first(page, f'action="/applications/{draft.public_id}/withdraw/"')
    for editor in (people["applicant"], people["stranger"]):
        assert asks_first(page, f'action="/applications/{draft.public_id}/editors/{editor.pk}/remove/"')
    assert "Remove sam@elsewhere.example from the people who can edit this application?" in page


@pytest.mark.django_db
def test_withdrawing_an_invitation_asks_first(people, draft):
    invitation = applicant.invite_editor(application=draft, by=people["applicant"], email="someone@else.example")
    page = signed_in(people["applicant"]).get(f"/applications/{draft.public_id}/").content.decode()
    assert asks_first(page, f'action="/applications/{draft.public_id}/invitations/{invitation.pk}/withdraw/"')


@pytest.mark.django_db
def test_declining_an_invitation_asks_first_and_accepting_does_not(people, draft):
    applicant.invite_editor(application=draft, by=people["applicant"], email=people["stranger"].email)
    page = signed_in(people["stranger"]).get("/applications/invitations/").content.decode()
    assert asks_first(page, 'value="decline"')
    assert 'value="accept"' in CONFIRMATION.sub("", page)


@pytest.mark.django_db
def test_removing_an_ecosystem_item_and_stopping_a_focal_point_ask_first(people):
    eco = build_ecosystem(people)
    admin = signed_in(people["admin"])
    page = admin.get(f"/communities/health/edit/collection/{eco['collection'].pk}/").content.decode()
    assert asks_first(page, 'action="remove/"')
    link = CommunityFocalPoint.objects.get(community=eco["health"])
    page = admin.get("/communities/health/focal-points/").content.decode()
    assert asks_first(page, f'name="revoke" value="{link.pk}"')
