"""A listed product with a verified owner, the listing's values an owner asks to change, and signed-in clients."""

import html

import pytest
from django.test import Client

from tests.factories import make_user, sign_in
from tests.ownership.owners import make_owner
from tests.ownership.products import listed_product


def text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def product(people):
    return listed_product()


@pytest.fixture
def owner(product, people):
    person = make_user("omar@clinic.example")
    make_owner(product, person, by=people["l2"])
    return person


@pytest.fixture
def client_of():
    clients = {}

    def signed_in(user) -> Client:
        if user.pk not in clients:
            clients[user.pk] = Client()
            sign_in(clients[user.pk], user)
        return clients[user.pk]

    return signed_in


def proposal(**changes) -> dict:
    """The listing's values as the form shows them (listed_product), with ``changes``."""
    return {"description": "", "website": "https://www.clinic.example/records",
            "repositories": ["https://example.org/clinic.git"], "deployment_countries": [],
            "deployment_organisations": [], **changes}
