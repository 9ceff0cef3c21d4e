"""The state machine's guards: invalid moves, conflicts of interest, stale forms."""

import pytest

from dpg_registry.accounts.services import verify_membership
from dpg_registry.applications.errors import AnswerErrors, Incomplete, InvalidTransition, NotAllowed, StaleApplication
from dpg_registry.applications.models import Application, Clarification, Consultation
from dpg_registry.applications.services import review
from dpg_registry.applications.services.applicant import (
    create_application,
    respond_to_clarification,
    save_answers,
    submit,
    withdraw,
)
from dpg_registry.applications.services.transitions import TRANSITIONS
from tests.factories import make_user

S = Application.State


def _consultation(application, expert, by):
    from django.utils import timezone

    return Consultation.objects.create(application=application, indicator_code="9a", expert=expert,
                                       question="Safe?", requested_by=by, requested_at=timezone.now())


def _clarification(application, by):
    from django.utils import timezone

    return Clarification.objects.create(application=application, indicator_code="3", question="Who?",
                                        requested_by=by, requested_at=timezone.now(), deadline=timezone.now())


def move_by_action(action, application, people):
    """Attempt ``action`` on ``application`` through the service that performs it."""
    applicant, l1, l2, expert, admin = (people[k] for k in ("applicant", "l1", "l2", "expert", "admin"))
    version = application.version
    calls = {
        "submit": lambda: submit(application=application, by=applicant, expected_version=version),
        "start_l1": lambda: review.pull_next(reviewer=l1, level="l1"),
        "finish_l1": lambda: review.finish_review(application=application, by=l1, level="l1",
                                                    expected_version=version),
        "decide": lambda: review.finish_review(application=application, by=l2, level="l2",
                                                 expected_version=version),
        "withdraw": lambda: withdraw(application=application, by=applicant),
        "opinion": lambda: review.give_opinion(consultation=_consultation(application, expert, l2), by=expert,
                                                 opinion="Fine", recommendation="pass"),
        "respond": lambda: respond_to_clarification(clarification=_clarification(application, l2),
                                                             by=applicant, response="Here it is"),
        "archive": lambda: review.archive(application=application, by=admin, reason="tidy"),
    }
    return calls[action]()


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["submit", "finish_l1", "decide", "opinion", "respond", "withdraw", "archive"])
def test_every_state_refuses_the_moves_it_does_not_allow(people, draft, action):
    refused = [state for state in S.values if state not in TRANSITIONS[action][0]]
    assert refused
    for state in refused:
        Application.objects.filter(pk=draft.pk).update(
            state=state, l1_reviewer=people["l1"], l2_reviewer=people["l2"],
            submitted_at=None if state == S.DRAFT else draft.created_at,
        )
        draft.refresh_from_db()
        if action == "submit":
            # Submitting an already submitted application is harmless: nothing changes.
            assert move_by_action(action, draft, people).state == state
            continue
        with pytest.raises(InvalidTransition) as raised:
            move_by_action(action, draft, people)
        assert str(raised.value).startswith("cannot ") and draft.public_id in str(raised.value), state
        draft.refresh_from_db()
        assert draft.state == state


@pytest.mark.django_db
def test_submitting_an_incomplete_draft_names_what_is_missing(people):
    application = create_application(user=people["applicant"], name="Half Done", category_key="data",
                                              organisation_name="Half Org")
    with pytest.raises(Incomplete) as raised:
        submit(application=application, by=people["applicant"])
    assert "about" in raised.value.missing and "2" in raised.value.missing
    assert any(need.startswith("licenses") for need in raised.value.missing["2"])


@pytest.mark.django_db
def test_submitting_twice_is_harmless(people, draft):
    first = submit(application=draft, by=people["applicant"], expected_version=draft.version)
    second = submit(application=draft, by=people["applicant"], expected_version=draft.version)
    assert first.version == second.version and second.state == S.SUBMITTED


@pytest.mark.django_db
def test_answers_are_checked_against_the_category_and_nothing_is_half_saved(people, draft):
    from dpg_registry.applications.answers import AnswerInput

    with pytest.raises(AnswerErrors) as raised:
        save_answers(application=draft, by=people["applicant"], expected_version=draft.version, answers={
            "owner_name": AnswerInput("A new owner"),
            "licenses": AnswerInput("CC-BY-NC-4.0"),
            "documentation_urls": AnswerInput(["ftp://example.org/docs"]),
        })
    fields = {error.field for error in raised.value.errors}
    assert fields == {"licenses", "documentation_urls"}
    assert "not approved for this category: CC-BY-NC-4.0" in str(raised.value)
    assert draft.answers.get(question_key="owner_name").value == "Open Clinic Foundation"


@pytest.mark.django_db
def test_a_stale_form_never_overwrites_a_newer_change(people, draft):
    from dpg_registry.applications.answers import AnswerInput

    opened_at = draft.version
    save_answers(application=draft, by=people["applicant"], expected_version=opened_at,
                          answers={"owner_name": AnswerInput("First editor's owner")})
    with pytest.raises(StaleApplication, match="changed by someone else"):
        save_answers(application=draft, by=people["applicant"], expected_version=opened_at,
                              answers={"owner_name": AnswerInput("Second editor's owner")})
    assert draft.answers.get(question_key="owner_name").value == "First editor's owner"


@pytest.mark.django_db
def test_two_reviewers_deciding_from_the_same_page_do_not_overwrite_each_other(people, draft):
    submit(application=draft, by=people["applicant"])
    application = review.pull_next(reviewer=people["l1"], level="l1")
    seen = application.version
    review.decide_indicator(application=application, by=people["l1"], level="l1", indicator_code="1",
                              decision="pass", expected_version=seen)
    with pytest.raises(StaleApplication):
        review.decide_indicator(application=application, by=people["l1"], level="l1", indicator_code="1",
                                  decision="fail", public_reason="no SDG link", expected_version=seen)
    assert application.decisions.get(level="l1", indicator_code="1").decision == "pass"


@pytest.mark.django_db
def test_nobody_reviews_an_application_of_their_own_organisation(people, draft):
    submit(application=draft, by=people["applicant"])
    insider = make_user("irene@clinic.example", "l1")
    verify_membership(user=insider, organisation=draft.organisation, by=people["admin"], role="admin",
                      reason="works at the foundation")
    assert review.pull_next(reviewer=insider, level="l1") is None
    application = review.pull_next(reviewer=people["l1"], level="l1")
    Application.objects.filter(pk=application.pk).update(l1_reviewer=insider)
    application.refresh_from_db()
    with pytest.raises(NotAllowed, match="conflict of interest: you belong to Open Clinic Foundation"):
        review.decide_indicator(application=application, by=insider, level="l1", indicator_code="1",
                                  decision="pass", expected_version=application.version)


@pytest.mark.django_db
def test_an_expert_in_the_applying_organisation_cannot_be_consulted(people, draft):
    verify_membership(user=people["expert"], organisation=draft.organisation, by=people["admin"], role="admin",
                      reason="advises the foundation")
    submit(application=draft, by=people["applicant"])
    application = review.pull_next(reviewer=people["l1"], level="l1")
    with pytest.raises(NotAllowed, match="conflict of interest"):
        review.decide_indicator(application=application, by=people["l1"], level="l1", indicator_code="9a",
                                  decision="consult", expert=people["expert"], question="Safe?",
                                  expected_version=application.version)


@pytest.mark.django_db
def test_clarification_is_an_l2_decision_only(people, draft):
    submit(application=draft, by=people["applicant"])
    application = review.pull_next(reviewer=people["l1"], level="l1")
    with pytest.raises(InvalidTransition, match="L1 reviewers cannot decide"):
        review.decide_indicator(application=application, by=people["l1"], level="l1", indicator_code="3",
                                  decision="clarification", public_reason="Who owns it?",
                                  expected_version=application.version)


@pytest.mark.django_db
def test_a_reviewer_cannot_decide_an_application_assigned_to_someone_else(people, draft):
    submit(application=draft, by=people["applicant"])
    application = review.pull_next(reviewer=people["l1"], level="l1")
    other = make_user("olga@review.example", "l1")
    with pytest.raises(NotAllowed, match="assigned to another L1 reviewer"):
        review.decide_indicator(application=application, by=other, level="l1", indicator_code="1",
                                  decision="pass", expected_version=application.version)


@pytest.mark.django_db
def test_reviews_older_than_their_configured_time_are_flagged_late(people, draft, settings):
    from datetime import timedelta

    from django.utils import timezone

    from dpg_registry.applications.selectors import dashboard, is_late

    settings.DPG_REVIEW_LIMIT_DAYS = {"l1_review": 5}
    submit(application=draft, by=people["applicant"])
    application = review.pull_next(reviewer=people["l1"], level="l1")
    assert not is_late(application, timezone.now() + timedelta(days=4))
    assert is_late(application, timezone.now() + timedelta(days=6))
    stats = dashboard(timezone.now() + timedelta(days=6))
    assert stats["late"] == 1 and ("In L1 review", 1) in stats["backlog"]
    assert sum(week["received"] for week in stats["weeks"]) == 1
