"""The review workbench over HTTP: answers read as a person reads them on every page a reviewer sees, the
repository check beside each indicator, changes since the last review, every decision in one submit,
and one timeline."""

import html
import json
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone

from dpg_registry.accounts.services import verify_membership
from dpg_registry.applications.answers import AnswerInput
from dpg_registry.applications.models import Application, IndicatorDecision, RepositoryCheck
from dpg_registry.applications.selectors import indicator_codes
from dpg_registry.applications.services import applicant, review
from dpg_registry.audit.models import AuditEvent
from tests.applications.test_clock import approve
from tests.applications.test_journey import review_all
from tests.factories import EVIDENCE, fill, sign_in

S = Application.State
STANDARD = Path(__file__).resolve().parents[2] / "dpg_registry" / "standard" / "data" / "standard-1.1.7.json"
KEYS = sorted({question["key"] for indicator in json.loads(STANDARD.read_text())["indicators"]
               for question in indicator["questions"]})
RAW = ["['", "[]", "None", "True", "False"]


def client_of(user) -> Client:
    client = Client()
    sign_in(client, user)
    return client


def pieces(response) -> list[str]:
    """The main part of a page as a reader sees it: the texts between its tags."""
    assert response.status_code == 200, response.status_code
    main = re.search(r"<main.*?</main>", response.content.decode(), re.S).group(0)
    main = re.sub(r"<(script|style)\b.*?</\1>", "", main, flags=re.S)
    return [html.unescape(piece).strip() for piece in re.split(r"<[^>]+>", main) if piece.strip()]


def assert_readable(response, where: str) -> str:
    """No stored value's Python spelling, and no question key: one with "_" anywhere, a one-word key (a common
    word too, as "standards") as a text of its own."""
    texts = pieces(response)
    text = " ".join(texts)
    for raw in RAW:
        assert raw not in text, f"{where} shows {raw!r}"
    for key in KEYS:
        if "_" in key:
            assert key not in text, f"{where} shows the question key {key!r}"
        else:
            assert not [t for t in texts if t.rstrip(":").strip() == key], f"{where} shows the question key {key!r}"
    return text


def events(application, action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(subject_type="applications.application", subject_id=str(application.pk),
                                          action=action))


def with_check(application) -> RepositoryCheck:
    now = timezone.now()
    return RepositoryCheck.objects.create(
        application=application, target="https://example.org/clinic/code", status="done", requested_at=now,
        finished_at=now, commit="0123456789abcdef", report={"main_license": "Apache-2.0", "findings": [{
            "indicator": "2", "status": "met", "confidence": "high", "question_key": "licenses",
            "explanation": "The LICENSE file holds the Apache License 2.0 text.",
            "evidence": [{"path": "LICENSE", "line": 1}], "value": "Apache-2.0"}]})


@pytest.mark.django_db
def test_every_page_a_reviewer_sees_reads_as_words_and_the_trail_names_no_question_key(people, draft):
    application = applicant.submit(application=draft, by=people["applicant"])
    with_check(application)
    lena, luis = client_of(people["l1"]), client_of(people["l2"])
    assert_readable(lena.get("/review/"), "the review home")
    assert_readable(lena.get("/review/dashboard/"), "the dashboard")

    assert lena.post("/review/next/", {"level": "l1"}).status_code == 302
    text = assert_readable(lena.get(f"/review/{application.public_id}/"), "the L1 workbench")
    assert "SDG 3: Good health and well-being" in text
    assert "Apache License 2.0 (Apache-2.0)" in text
    assert "Kenya Data Protection Act 2019" in text
    assert "Open Clinic Foundation" in text
    assert "met (high confidence): The LICENSE file holds the Apache License 2.0 text." in text
    assert "LICENSE :1" in text or "LICENSE:1" in text
    page = lena.get(f"/review/{application.public_id}/").content.decode()
    assert '<a href="https://example.org/clinic/LICENSE" rel="nofollow">' in page
    assert '<script src="/static/js/workbench.js" defer></script>' in page

    application = review_all(Application.objects.get(pk=application.pk), people["l1"], "l1")
    review.finish_review(application=application, by=people["l1"], level="l1", expected_version=application.version)
    assert luis.post("/review/next/", {"level": "l2"}).status_code == 302
    assert_readable(luis.get(f"/review/{application.public_id}/"), "the L2 workbench")
    assert_readable(luis.get("/review/"), "the review home at L2")

    # L2 asks about indicator 2; the applicant changes an answer there and replies.
    application = review_all(Application.objects.get(pk=application.pk), people["l2"], "l2",
                             **{"2": ("clarification", {"public_reason": "Which file holds the licence?"})})
    application = review.finish_review(application=application, by=people["l2"], level="l2",
                                       expected_version=application.version,
                                       deadline=timezone.now() + timedelta(days=5))
    application = applicant.save_answers(
        application=application, by=people["applicant"], expected_version=application.version,
        answers={"license_evidence_urls": AnswerInput(["https://example.org/clinic/COPYING"])})
    clarification = application.clarifications.get()
    applicant.respond_to_clarification(clarification=clarification, by=people["applicant"],
                                       response="The COPYING file.", expected_version=application.version)

    trail = assert_readable(Client().get(f"/r/{application.public_id}/"), "the public trail")
    assert "the applicant updated answers on indicator 2" in trail
    timeline = assert_readable(luis.get(f"/review/{application.public_id}/"), "the L2 workbench after the reply")
    history = timeline[timeline.index("History and clarifications"):]
    steps = ["submitted, waiting for l1 review", "applicant asked on indicator 2", "Which file holds the licence?",
             "the applicant updated answers on indicator 2", "applicant's answer on indicator 2", "The COPYING file."]
    seen = 0
    for step in steps:
        assert step in history[seen:], f"{step!r} missing or out of order in {history}"
        seen = history.index(step, seen)


@pytest.mark.django_db
def test_one_submit_records_every_decision_chosen_and_a_refused_one_records_none(people, draft):
    application = applicant.submit(application=draft, by=people["applicant"])
    lena = client_of(people["l1"])
    lena.post("/review/next/", {"level": "l1"})
    application.refresh_from_db()
    codes = indicator_codes(application)
    form = {f"{code}-{field}": value for code in codes
            for field, value in (("indicator", code), ("version", application.version))}

    # A fail without a reason is refused, with the field named, and nothing of the batch is recorded.
    refused = lena.post(f"/review/{application.public_id}/decide/", {
        **form, **{f"{code}-decision": "pass" for code in codes[:-1]}, f"{codes[-1]}-decision": "fail"})
    assert refused.status_code == 400
    assert "say why the indicator fails" in html.unescape(refused.content.decode())
    assert events(application, "indicator.decide") == []

    done = lena.post(f"/review/{application.public_id}/decide/", {
        **form, **{f"{code}-decision": "pass" for code in codes[:-1]}}, follow=True)
    assert f"Decisions recorded on indicators {', '.join(codes[:-1])}." in html.unescape(done.content.decode())
    assert len(events(application, "indicator.decide")) == len(codes) - 1
    decided = dict(application.decisions.filter(level="l1").values_list("indicator_code", "decision"))
    assert decided == {**{code: "pass" for code in codes[:-1]}, codes[-1]: IndicatorDecision.Decision.PENDING}


@pytest.mark.django_db
def test_one_indicator_saved_from_the_page_script_returns_its_block(people, draft):
    application = applicant.submit(application=draft, by=people["applicant"])
    lena = client_of(people["l1"])
    lena.post("/review/next/", {"level": "l1"})
    application.refresh_from_db()
    response = lena.post(f"/review/{application.public_id}/decide/", {
        "indicator": "3", "3-indicator": "3", "3-version": application.version, "3-decision": "pass",
    }, headers={"X-Workbench": "fragment"})
    assert response.status_code == 200
    block = html.unescape(response.content.decode())
    assert block.lstrip().startswith('<section id="indicator-3"')
    assert "Indicator 3: pass recorded." in block
    application.refresh_from_db()
    assert response["X-Application-Version"] == str(application.version)

    refused = lena.post(f"/review/{application.public_id}/decide/", {
        "indicator": "4", "4-indicator": "4", "4-version": application.version, "4-decision": "fail",
    }, headers={"X-Workbench": "fragment"})
    assert refused.status_code == 400
    assert "say why the indicator fails" in html.unescape(refused.content.decode())
    assert not application.decisions.filter(indicator_code="4", decision="fail").exists()


@pytest.mark.django_db(transaction=True)
def test_a_renewal_shows_the_answers_changed_since_the_last_review(people, draft):
    product = approve(people, draft).product
    renewal = applicant.create_application(user=people["applicant"], name=product.name, category_key="software",
                                           organisation_name="Open Clinic Foundation", renewal_of=product)
    renewal = fill(renewal, people["applicant"])
    standards = AnswerInput(["HL7 FHIR R4", "OpenAPI 3.1"], evidence_urls=EVIDENCE)
    renewal = applicant.save_answers(application=renewal, by=people["applicant"], expected_version=renewal.version,
                                     answers={"standards": standards})
    renewal = applicant.submit(application=renewal, by=people["applicant"])
    lena = client_of(people["l1"])
    assert lena.post("/review/next/", {"level": "l1"}).status_code == 302
    text = assert_readable(lena.get(f"/review/{renewal.public_id}/"), "a renewal's workbench")
    assert f"This application renews application {draft.public_id}" in text
    assert text.count("changed since the last review") == 1
    changed = text[text.index("changed since the last review"):]
    assert re.search(r"OpenAPI 3\.1\s+Before:\s+HL7 FHIR R4", changed), changed[:300]


@pytest.mark.django_db
def test_a_refused_decision_by_a_reviewer_with_a_conflict_shows_nothing_of_the_application(people, draft):
    application = applicant.submit(application=draft, by=people["applicant"])
    lena = client_of(people["l1"])
    lena.post("/review/next/", {"level": "l1"})
    application.refresh_from_db()
    verify_membership(user=people["l1"], organisation=application.organisation, by=people["admin"], role="admin",
                      reason="joined the applying organisation after taking the review")
    response = lena.post(f"/review/{application.public_id}/decide/", {
        "indicator": "1", "1-indicator": "1", "1-version": application.version, "1-decision": "fail",
    }, headers={"X-Workbench": "fragment"})
    assert response.status_code == 403
    assert "Clinics in rural districts" not in response.content.decode()
    assert events(application, "indicator.decide") == []
