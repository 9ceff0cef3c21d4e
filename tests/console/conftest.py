"""Applications spread over the review stages, and clients signed in as staff (with their authenticator proven)."""

import html
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from dpg_registry.applications.models import Application
from dpg_registry.applications.services import applicant, review
from tests.factories import SOFTWARE_ANSWERS, fill, sign_in


def text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def client_of():
    """A client signed in as a person, made once per person in a test."""
    clients = {}

    def signed_in(user) -> Client:
        if user.pk not in clients:
            clients[user.pk] = Client()
            sign_in(clients[user.pk], user)
        return clients[user.pk]

    return signed_in


def new_application(people, name: str, sdgs: list[int]) -> Application:
    draft = applicant.create_application(user=people["applicant"], name=name, category_key="software",
                                         organisation_name=f"{name} Foundation")
    return fill(draft, people["applicant"], {**SOFTWARE_ANSWERS, "sdgs": sdgs})


@pytest.fixture
def in_review(people, draft):
    """Three applications in review: Farm Ledger in L1 review for 20 days (overdue: the limit is 10), Open Clinic
    submitted today, and School Meals, a renewal of Farm Ledger's organisation's earlier listing, submitted today."""
    now = timezone.now()
    farm = new_application(people, "Farm Ledger", [2])
    with time_machine.travel(now - timedelta(days=22), tick=False):
        applicant.submit(application=farm, by=people["applicant"])
    with time_machine.travel(now - timedelta(days=20), tick=False):
        farm = review.pull_next(reviewer=people["l1"], level="l1")
    clinic = applicant.submit(application=draft, by=people["applicant"])
    meals = new_application(people, "School Meals", [2, 4])
    meals = applicant.submit(application=meals, by=people["applicant"])
    # A renewal is opened by the review clock from a listed DPG; here it is marked as one directly.
    Application.objects.filter(pk=meals.pk).update(renewal_of=farm)
    return {"farm": farm, "clinic": clinic, "meals": meals}
