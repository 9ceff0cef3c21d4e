"""A conflict of interest that appears mid-review sends the application back to the queue; L2 reviewers and
admins reassign reviews, to reviewers with the role and no conflict. Over HTTP, as the reviewers use it."""

import html

import pytest
from django.test import Client

from dpg_registry.accounts.services import verify_membership
from dpg_registry.applications.models import Application, Consultation, IndicatorDecision, Notification
from dpg_registry.applications.services import applicant
from dpg_registry.audit.models import AuditEvent
from tests.factories import make_user, sign_in

S = Application.State


SIGNED_IN = {}


def as_user(user) -> Client:
    """A client signed in as ``user``, the same one each time in a test (an account's authenticator is set once)."""
    if user.pk not in SIGNED_IN:
        SIGNED_IN[user.pk] = Client()
        sign_in(SIGNED_IN[user.pk], user)
    return SIGNED_IN[user.pk]


@pytest.fixture(autouse=True)
def _new_clients():
    SIGNED_IN.clear()


def text(response) -> str:
    return html.unescape(response.content.decode())


def events(application, action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(subject_type="applications.application", subject_id=str(application.pk),
                                          action=action))


def decide(client, application, code: str, decision: str = "pass", **extra):
    application.refresh_from_db()
    return client.post(f"/review/{application.public_id}/decide/", {
        "indicator": code, f"{code}-indicator": code, f"{code}-version": application.version,
        f"{code}-decision": decision, **{f"{code}-{key}": value for key, value in extra.items()}})


def reassign(client, application, level: str, to, reason: str = "The reviewer joined the applicant."):
    return client.post(f"/review/{application.public_id}/reassign/",
                       {"level": level, "to": str(to.pk) if to else "", "reason": reason}, follow=True)


@pytest.fixture
def in_l1_review(people, draft):
    applicant.submit(application=draft, by=people["applicant"])
    reviewer = as_user(people["l1"])
    assert reviewer.post("/review/next/", {"level": "l1"}).status_code == 302
    draft.refresh_from_db()
    assert draft.state == S.L1_REVIEW and draft.l1_reviewer == people["l1"]
    return draft, reviewer


@pytest.mark.django_db
def test_a_conflict_mid_l1_review_sends_the_application_back_and_an_l2_reassigns_it(people, in_l1_review):
    application, reviewer = in_l1_review
    assert decide(reviewer, application, "1").status_code == 302
    verify_membership(user=people["l1"], organisation=application.organisation, by=people["admin"], role="admin",
                      reason="works there")  # after assignment

    refused = decide(reviewer, application, "2")
    assert refused.status_code == 403
    page = text(refused)
    assert "Conflict of interest" in page and "you belong to Open Clinic Foundation, which applied" in page
    assert "back in the queue" in page
    application.refresh_from_db()
    assert application.state == S.SUBMITTED and application.l1_reviewer is None
    assert set(application.decisions.filter(level="l1").values_list("decision", flat=True)) == {"pending"}
    conflict = events(application, "assignment.conflict")
    assert len(conflict) == 1 and conflict[0].actor_id == people["l1"].pk
    assert conflict[0].reason == "conflict of interest: the reviewer belongs to the applying organisation"
    assert [e.after["state"] for e in events(application, "application.requeue_l1")] == ["submitted"]
    note = Notification.objects.get(user=people["l1"], kind="assignment_conflict")
    assert "back in the queue" in note.body and note.url == f"/review/{application.public_id}/"
    # Opening the application again shows the same page, never a bare 403.
    assert "Conflict of interest" in text(reviewer.get(f"/review/{application.public_id}/"))

    lead = as_user(people["l2"])
    review_page = text(lead.get(f"/review/{application.public_id}/"))
    assert "Reassign the review" in review_page
    assert "handed back to the queue: conflict of interest: the reviewer belongs" in review_page
    other = make_user("lina@review.example", "l1")
    done = reassign(lead, application, "l1", other, "Lena joined the applying organisation.")
    assert "The L1 review is now assigned to lina@review.example." in text(done)
    application.refresh_from_db()
    assert application.state == S.L1_REVIEW and application.l1_reviewer == other
    moved = events(application, "assignment.reassign")
    assert len(moved) == 1 and moved[0].actor_id == people["l2"].pk and moved[0].role == "l2"
    assert moved[0].after == {"level": "l1", "reviewer": other.pk}
    assert moved[0].reason == "Lena joined the applying organisation."
    assert Notification.objects.filter(user=other, kind="assigned").exists()
    assert "Lena joined the applying organisation." in text(lead.get(f"/review/{application.public_id}/"))
    new_reviewer = as_user(other)
    assert "You review this application at <strong>L1</strong>" in new_reviewer.get(
        f"/review/{application.public_id}/").content.decode()
    assert decide(new_reviewer, application, "1").status_code == 302


@pytest.mark.django_db
def test_an_l2_reviewer_who_becomes_an_editor_hands_back_and_an_admin_reassigns(people, in_l1_review):
    application, l1 = in_l1_review
    for code in application.decisions.filter(level="l1").values_list("indicator_code", flat=True):
        decide(l1, application, code)
    application.refresh_from_db()
    assert l1.post(f"/review/{application.public_id}/finish/", {"version": application.version}).status_code == 302
    lead = as_user(people["l2"])
    lead.post("/review/next/", {"level": "l2"})
    application.refresh_from_db()
    assert application.state == S.L2_REVIEW and application.l2_reviewer == people["l2"]
    invitation = applicant.invite_editor(application=application, by=people["applicant"], email=people["l2"].email)
    applicant.answer_invitation(invitation=invitation, by=people["l2"], accept=True)  # the reviewer consents

    refused = decide(lead, application, "3")
    assert refused.status_code == 403 and "you are an editor of this application" in text(refused)
    application.refresh_from_db()
    assert application.state == S.L2_REVIEW and application.l2_reviewer is None  # waiting in the L2 queue
    assert events(application, "assignment.conflict")[0].reason.endswith("became an editor of the application")
    assert application.public_id in text(as_user(people["admin"]).get("/review/"))

    second = make_user("lou@review.example", "l2")
    reassign(as_user(people["admin"]), application, "l2", second)
    application.refresh_from_db()
    assert application.l2_reviewer == second
    assert events(application, "assignment.reassign")[0].role == "admin"


@pytest.mark.django_db
def test_a_consulted_expert_with_a_conflict_hands_the_question_back(people, in_l1_review):
    application, l1 = in_l1_review
    assert decide(l1, application, "9a", "consult", expert=str(people["expert"].pk),
                  question="Is the data handled safely?").status_code == 302
    for code in application.decisions.filter(level="l1", decision="pending").values_list("indicator_code", flat=True):
        decide(l1, application, code)
    application.refresh_from_db()
    l1.post(f"/review/{application.public_id}/finish/", {"version": application.version})
    application.refresh_from_db()
    assert application.state == S.EXPERT_CONSULTATION
    verify_membership(user=people["expert"], organisation=application.organisation, by=people["admin"], role="admin",
                      reason="works there")
    consultation = Consultation.objects.get(application=application)
    refused = as_user(people["expert"]).post(f"/review/consultations/{consultation.pk}/", {
        f"c{consultation.pk}-opinion": "Safe.", f"c{consultation.pk}-recommendation": "pass",
        f"c{consultation.pk}-version": application.version})
    assert refused.status_code == 403 and "Conflict of interest" in text(refused)
    application.refresh_from_db()
    assert application.state == S.L2_REVIEW and not application.consultations.exists()
    assert events(application, "assignment.conflict")[0].after == {"released": ["expert"], "indicators": ["9a"]}


@pytest.mark.django_db
def test_an_l1_reviewer_cannot_reassign(people, in_l1_review):
    application, reviewer = in_l1_review
    other = make_user("lina@review.example", "l1")
    refused = reviewer.post(f"/review/{application.public_id}/reassign/",
                            {"level": "l1", "to": str(other.pk), "reason": "Swap."})
    assert refused.status_code == 403
    assert "Reassign the review" not in text(reviewer.get(f"/review/{application.public_id}/"))
    application.refresh_from_db()
    assert application.l1_reviewer == people["l1"] and not events(application, "assignment.reassign")


@pytest.mark.django_db
def test_reassigning_to_someone_with_a_conflict_or_without_the_role_is_refused(people, in_l1_review):
    application, _ = in_l1_review
    lead = as_user(people["l2"])
    insider = make_user("irene@clinic.example", "l1")
    verify_membership(user=insider, organisation=application.organisation, by=people["admin"], role="admin",
                      reason="works there")
    page = text(reassign(lead, application, "l1", insider))
    assert ("Reviewer: conflict of interest: irene@clinic.example belongs to Open Clinic Foundation, which applied"
            in page)
    page = text(reassign(lead, application, "l1", people["l2"]))
    assert "Reviewer: luis@review.example does not hold the L1 reviewer role" in page
    page = text(reassign(lead, application, "l2", people["l2"]))
    assert "cannot reassign the L2 review of application" in page  # no L2 review yet
    page = text(reassign(lead, application, "l1", make_user("lina@review.example", "l1"), reason=""))
    assert "Why it is reassigned: This field is required." in page
    application.refresh_from_db()
    assert application.l1_reviewer == people["l1"] and not events(application, "assignment.reassign")
    assert not IndicatorDecision.objects.filter(application=application, level="l2").exists()


@pytest.mark.django_db
def test_only_l2_reviewers_and_admins_reach_the_reassignment(people, in_l1_review):
    application, _ = in_l1_review
    other = make_user("lina@review.example", "l1")
    form = {"level": "l1", "to": str(other.pk), "reason": "Workload."}
    path = f"/review/{application.public_id}/reassign/"
    assert Client().post(path, form)["Location"].startswith("/accounts/login/")
    for role in ("applicant", "stranger", "l1", "expert"):
        assert as_user(people[role]).post(path, form).status_code == 403, role
    assert not events(application, "assignment.reassign")
    for role in ("l2", "admin"):
        assert as_user(people[role]).post(path, {**form, "to": str((other if role == "l2" else people["l1"]).pk)},
                                          ).status_code == 302
    assert [e.role for e in events(application, "assignment.reassign")] == ["l2", "admin"]
    application.refresh_from_db()
    assert application.l1_reviewer == people["l1"]
    assert Notification.objects.filter(user=people["l1"], kind="unassigned").count() == 1


@pytest.mark.django_db
def test_an_l2_reviewer_with_a_conflict_cannot_reassign(people, in_l1_review):
    application, _ = in_l1_review
    verify_membership(user=people["l2"], organisation=application.organisation, by=people["admin"], role="admin",
                      reason="works there")
    page = as_user(people["l2"]).get(f"/review/{application.public_id}/")
    assert page.status_code == 403 and "Conflict of interest" in text(page)
    refused = reassign(as_user(people["l2"]), application, "l1", make_user("lina@review.example", "l1"))
    assert "conflict of interest: you belong to Open Clinic Foundation" in text(refused)
    application.refresh_from_db()
    assert application.l1_reviewer == people["l1"] and not events(application, "assignment.reassign")
