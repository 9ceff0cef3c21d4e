"""The applicant's and the public pages over HTTP: forms name the field, private things stay private."""

import pytest
from django.core import mail
from django.test import Client

from dpg_registry.applications.answers import AnswerInput
from dpg_registry.applications.services import applicant, review
from tests.factories import run_tasks, sign_in


@pytest.fixture
def applicant_client(people):
    client = Client()
    sign_in(client, people["applicant"])
    return client


@pytest.mark.django_db
def test_a_step_with_a_bad_answer_names_the_field_and_saves_nothing(applicant_client, draft):
    url = f"/applications/{draft.public_id}/indicator/2/"
    form = applicant_client.get(url)
    assert "Which licence" in form.content.decode() or "licen" in form.content.decode().lower()
    response = applicant_client.post(url, {
        "version": draft.version,
        "licenses": "CC-BY-NC-4.0",
        "license_evidence_urls": "not a web address",
    })
    page = response.content.decode()
    assert response.status_code == 200 and "Nothing was saved" in page
    assert "not approved for this category: CC-BY-NC-4.0" in page
    assert "&#x27;not a web address&#x27; is not a web address" in page
    assert draft.answers.get(question_key="licenses").value == "Apache-2.0"


@pytest.mark.django_db
def test_saving_a_step_from_a_stale_page_is_refused_with_an_explanation(applicant_client, draft):
    url = f"/applications/{draft.public_id}/indicator/3/"
    stale = draft.version
    assert applicant_client.post(url, {"version": stale, "owner_name": "First"}).status_code == 302
    response = applicant_client.post(url, {"version": stale, "owner_name": "Second"})
    assert "changed by someone else since you opened it" in response.content.decode()
    assert draft.answers.get(question_key="owner_name").value == "First"


@pytest.mark.django_db
def test_the_draft_page_lists_what_is_missing_with_links(applicant_client, people):
    application = applicant.create_application(user=people["applicant"], name="Half", category_key="content",
                                              organisation_name="Half Org")
    page = applicant_client.get(f"/applications/{application.public_id}/").content.decode()
    assert "Still missing before you can submit" in page
    assert f'href="/applications/{application.public_id}/indicator/2/">Indicator 2</a>: licenses: an answer' in page
    response = applicant_client.post(f"/applications/{application.public_id}/submit/", follow=True)
    assert "not complete yet" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_people_are_told_in_their_inbox_and_by_e_mail_with_both_parts(people, draft):
    applicant.submit(application=draft, by=people["applicant"])
    run_tasks()
    message = mail.outbox[-1]
    assert message.to == [people["applicant"].email]
    assert f"Application {draft.public_id} received" in message.subject
    assert "four to eight weeks" in message.body
    html, mime = message.alternatives[0]
    assert mime == "text/html" and f"/applications/{draft.public_id}/" in html
    client = Client()
    sign_in(client, people["applicant"])
    inbox = client.get("/inbox/").content.decode()
    assert f"Application {draft.public_id} received: Open Clinic" in inbox


@pytest.mark.django_db
def test_the_public_application_page_shows_the_trail_but_nothing_private(people, draft):
    applicant.save_answers(application=draft, by=people["applicant"], expected_version=draft.version, answers={
        "pii_handling": AnswerInput("collected_stored_not_distributed", justification="Kept on the clinic server",
                                    is_private=True),
    })
    applicant.submit(application=draft, by=people["applicant"])
    application = review.pull_next(reviewer=people["l1"], level="l1")
    review.decide_indicator(application=application, by=people["l1"], level="l1", indicator_code="1",
                              decision="pass", expected_version=application.version)
    for path in (f"/r/{draft.public_id}/", f"/api/v1/applications/{draft.public_id}"):
        body = Client().get(path).content.decode()
        assert "Kept on the clinic server" not in body
        for person in people.values():
            assert person.email not in body
        assert "pass" in body and "l1" in body.lower()
    assert "Patient records for rural clinics." in Client().get(f"/r/{draft.public_id}/").content.decode()
    unsubmitted = applicant.create_application(user=people["applicant"], name="Hidden", category_key="data",
                                              organisation_name="Elsewhere")
    assert Client().get(f"/r/{unsubmitted.public_id}/").status_code == 404


@pytest.mark.django_db
def test_an_admin_takes_down_an_application_under_review(people, draft):
    applicant.submit(application=draft, by=people["applicant"])
    assert "Patient records for rural clinics." in Client().get(f"/r/{draft.public_id}/").content.decode()
    admin = Client()
    sign_in(admin, people["admin"])
    admin.post(f"/review/{draft.public_id}/archive/", {"reason": "The description advertises counterfeit goods."})

    page = Client().get(f"/r/{draft.public_id}/").content.decode()
    assert "Archived" in page and "no longer shown" in page
    assert "Patient records for rural clinics." not in page and "Answers" not in page


@pytest.mark.django_db(transaction=True)
def test_a_challenge_reaches_the_reviewers_and_upholding_it_reopens_the_renewal(people, draft):
    from dpg_registry.applications.models import Application
    from tests.applications.test_clock import approve

    application = approve(people, draft)
    product = application.product
    challenger = Client()
    sign_in(challenger, people["stranger"])
    response = challenger.post(f"/registry/{product.slug}/challenge/", {"reasons": "The licence changed to BUSL."})
    assert response.status_code == 302
    reviewer = Client()
    sign_in(reviewer, people["l2"])
    home = reviewer.get("/review/").content.decode()
    assert "The licence changed to BUSL." in home
    challenge = product.challenges.get()
    reviewer.post(f"/review/challenges/{challenge.pk}/", {"outcome": "uphold", "resolution": "Confirmed; asking."})
    application.refresh_from_db()
    assert application.state == Application.State.RENEWAL_DUE
    assert application.renewals.filter(state="draft").exists()
    run_tasks()
    assert any("Your challenge of Open Clinic: upheld" in m.subject for m in mail.outbox)
