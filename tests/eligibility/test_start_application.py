"""Starting an application from a favourable eligibility outcome, over HTTP."""

from urllib.parse import urlencode

from dpg_registry.applications.models import Application
from dpg_registry.audit.models import AuditEvent
from tests.eligibility.test_page import HEALTH_APP
from tests.factories import make_user, sign_in


def start_url(**changes) -> str:
    return "/eligibility/start/?" + urlencode({**HEALTH_APP, **changes}, doseq=True)


def test_a_favourable_outcome_offers_to_apply_with_its_answers(client, standard):
    page = client.get("/eligibility/?" + urlencode(HEALTH_APP, doseq=True)).content.decode()
    assert 'href="/eligibility/start/?category=software&amp;licence=Apache-2.0' in page
    assert "Apply with these answers" in page


def test_signing_in_is_required(client, standard):
    response = client.get(start_url())
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=")


def test_the_draft_starts_with_the_checks_answers_as_the_applicants_own(client, standard):
    user = make_user("ana@example.org")
    sign_in(client, user)
    page = client.get(start_url()).content.decode()
    assert "<h1>Apply with these answers</h1>" in page and "Likely eligible" in page
    response = client.post(start_url(), {"name": "Clinic Kit", "organisation": "Health Org"})
    application = Application.objects.get(name="Clinic Kit")
    assert response.status_code == 302 and response["Location"] == f"/applications/{application.public_id}/"
    assert application.category.key == "software" and application.state == "draft"
    answers = {answer.question_key: answer for answer in application.answers.all()}
    assert {key: answer.value for key, answer in answers.items()} == {
        "sdgs": [3],
        "licenses": "Apache-2.0",
        "ownership_documented": "yes",
        "closed_dependencies": "no",
        "documentation_available": "yes",
        "uses_non_pii_data": "yes",
        "non_pii_extraction_available": "yes",
        "privacy_compliant": "yes",
        "supports_standards": "yes",
        "harm_prevention_steps": "yes",
    }
    assert not any(answer.filled_by_check for answer in answers.values())
    assert not any(answer.is_private for answer in answers.values())
    assert set(AuditEvent.objects.filter(actor_id=user.pk).values_list("action", flat=True)) >= {
        "application.answers"
    }


def test_an_outcome_that_is_not_yet_eligible_cannot_start_one(client, standard):
    sign_in(client, make_user("ana@example.org"))
    response = client.post(start_url(harm="no"), {"name": "Clinic Kit", "organisation": "Health Org"})
    assert response.status_code == 302 and response["Location"].startswith("/eligibility/?")
    assert not Application.objects.exists()


def test_a_missing_name_is_named_and_nothing_is_created(client, standard):
    sign_in(client, make_user("ana@example.org"))
    response = client.post(start_url(), {"name": "", "organisation": "Health Org"})
    assert response.status_code == 200
    assert "Product name: Give the product&#x27;s name." in response.content.decode()
    assert not Application.objects.exists()
