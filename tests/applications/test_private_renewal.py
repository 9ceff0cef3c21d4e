"""A renewal draft copies private answers only for someone who could already read them."""

import pytest
from django.test import Client

from dpg_registry.applications.answers import AnswerInput
from dpg_registry.applications.models import Application
from dpg_registry.applications.services import applicant
from dpg_registry.registry.models import Organisation, ProductOrganisation
from tests.applications.test_clock import approve
from tests.factories import sign_in
from tests.ownership.owners import make_owner

SECRET = "qzxrenewal"
PRIVATE = {
    "sdg_relevance": AnswerInput(f"{SECRET} value: our ministry partner", justification=f"{SECRET} justification",
                                 evidence_urls=(f"https://evidence.example/{SECRET}",), is_private=True),
    "owner_name": AnswerInput(f"{SECRET} owner", justification=f"{SECRET} why", is_private=True),
}


@pytest.fixture
def listed(people, draft):
    draft = applicant.save_answers(application=draft, by=people["applicant"], expected_version=draft.version,
                                  answers=PRIVATE)
    return approve(people, draft).product


def renew(person, product) -> Application:
    return applicant.create_application(user=person, name=product.name, category_key="software",
                                        organisation_name="Open Clinic Foundation", renewal_of=product)


def form_step(person, application, code="1") -> str:
    client = Client()
    sign_in(client, person)
    response = client.get(f"/applications/{application.public_id}/indicator/{code}/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_a_renewal_started_by_someone_else_has_no_private_answer(people, listed):
    # The owner's name was answered privately, so the listing names no owner: its record gains one, and the
    # stranger is verified as an owner since, without ever having read the answers.
    organisation = Organisation.objects.get(name="Open Clinic Foundation")
    ProductOrganisation.objects.create(product=listed, organisation=organisation, role="owner", position=9)
    make_owner(listed, people["stranger"], by=people["admin"])
    renewal = renew(people["stranger"], listed)
    copied = {answer.question_key: answer for answer in renewal.answers.all()}
    for key in PRIVATE:
        assert copied[key].value is None and copied[key].justification == "" and copied[key].evidence_urls == []
        assert copied[key].is_private
    assert copied["licenses"].value == "Apache-2.0"  # public answers are copied
    page = form_step(people["stranger"], renewal)
    assert SECRET not in page
    assert page.count("answered privately last time") == 1  # beside sdg_relevance only, on indicator 1
    owner_step = form_step(people["stranger"], renewal, "3")
    assert SECRET not in owner_step and "answered privately last time" in owner_step


@pytest.mark.django_db
def test_the_editors_renewal_keeps_their_private_answers(people, listed):
    renewal = renew(people["applicant"], listed)
    copied = {answer.question_key: answer for answer in renewal.answers.all()}
    for key, given in PRIVATE.items():
        assert copied[key].value == given.value and copied[key].justification == given.justification
        assert copied[key].is_private
    assert copied["sdg_relevance"].evidence_urls == [f"https://evidence.example/{SECRET}"]
    page = form_step(people["applicant"], renewal)
    assert f"{SECRET} value: our ministry partner" in page and "answered privately last time" not in page


@pytest.mark.django_db
def test_staff_starting_a_renewal_see_the_private_answers_they_reviewed(people, listed):
    renewal = renew(people["l2"], listed)
    assert renewal.answers.get(question_key="owner_name").value == f"{SECRET} owner"
