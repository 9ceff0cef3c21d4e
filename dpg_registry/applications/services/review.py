"""The reviewers' side: taking the next application, deciding each indicator, finishing a review step,
expert opinions, and archiving.

L1 reviewers check, L2 reviewers decide; experts give opinions when asked. A decision to list the
product publishes it in the registry (``publish``) and marks the application it renews as renewed. A
reviewer or expert found to have a conflict of interest as they act is refused, and the application
goes back to the queue (``assignment``).
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from dpg_registry.accounts.roles import Role
from dpg_registry.accounts.selectors import roles_of
from dpg_registry.applications.errors import AnswerErrors, Incomplete, InvalidTransition, NotAllowed
from dpg_registry.applications.models import Application, Clarification, Consultation, IndicatorDecision
from dpg_registry.applications.publish import publish, withdraw_listing
from dpg_registry.applications.selectors import indicator_codes
from dpg_registry.applications.services import notifications
from dpg_registry.applications.services.assignment import release_on_conflict
from dpg_registry.applications.services.listing_end import end_after_refusal
from dpg_registry.applications.services.notifications import recipients
from dpg_registry.applications.services.transitions import (
    LEVEL_DECISIONS,
    TRANSITIONS,
    D,
    L,
    S,
    conflict_of_interest,
    locked,
    move,
    require_assigned,
    require_no_conflict,
    require_role,
    require_state,
    touch,
)
from dpg_registry.audit.services import record
from dpg_registry.lib.validation import FieldError
from dpg_registry.registry.models import Product


def pull_next(*, reviewer, level: str) -> Application | None:
    """Assign the oldest waiting application at ``level`` that ``reviewer`` may review, or None."""
    require_role(reviewer, level)
    if level == L.L1:
        waiting = Application.objects.filter(state=S.SUBMITTED).order_by("submitted_at", "pk")
    else:
        waiting = Application.objects.filter(state=S.L2_REVIEW, l2_reviewer__isnull=True).order_by(
            "state_entered_at", "pk"
        )
    for candidate in waiting.select_related("organisation"):
        if conflict_of_interest(candidate, reviewer):
            continue
        with transaction.atomic():
            application = locked(candidate, None)
            if level == L.L1 and application.state == S.SUBMITTED:
                application.l1_reviewer = reviewer
                move(application, "start_l1", S.L1_REVIEW, actor=reviewer, role=level)
            elif level == L.L2 and application.state == S.L2_REVIEW and application.l2_reviewer_id is None:
                application.l2_reviewer = reviewer
                move(application, "start_l2", S.L2_REVIEW, actor=reviewer, role=level)
            else:
                continue  # someone else took it between the query and the lock
            IndicatorDecision.objects.bulk_create(
                [IndicatorDecision(application=application, indicator_code=code, level=level)
                 for code in indicator_codes(application)],
                ignore_conflicts=True,
            )
            return application
    return None


@release_on_conflict
def decide_indicator(*, application: Application, by, level: str, indicator_code: str, decision: str,
                     expected_version: int, note: str = "", public_reason: str = "", expert=None,
                     question: str = "") -> Application:
    """Record a reviewer's decision on one indicator (pass, fail, clarification or consult)."""
    if decision not in LEVEL_DECISIONS[level]:
        raise InvalidTransition(gettext("%(level)s reviewers cannot decide %(decision)s")
                                % {"level": level.upper(), "decision": repr(str(D(decision).label.lower()))})
    if decision == D.FAIL and not public_reason.strip():
        raise AnswerErrors([FieldError("public_reason",
                                        gettext("say why the indicator fails; the applicant will read it"))])
    if decision == D.CLARIFICATION and not public_reason.strip():
        raise AnswerErrors([FieldError("public_reason", gettext("write the question the applicant should answer"))])
    if decision == D.CONSULT:
        if expert is None or Role.EXPERT not in roles_of(expert):
            raise AnswerErrors([FieldError("expert", gettext("choose an expert to consult"))])
        if not question.strip():
            raise AnswerErrors([FieldError("question", gettext("write the question for the expert"))])
    with transaction.atomic():
        application = locked(application, expected_version)
        require_role(by, level)
        require_no_conflict(application, by)
        require_state(application, "finish_l1" if level == L.L1 else "decide")
        require_assigned(application, by, level)
        if indicator_code not in indicator_codes(application):
            raise AnswerErrors([FieldError("indicator", gettext("indicator %(code)s is not part of this review")
                                                % {"code": repr(indicator_code)})])
        row, _ = IndicatorDecision.objects.get_or_create(
            application=application, indicator_code=indicator_code, level=level
        )
        before = {"decision": row.decision}
        row.decision, row.note, row.public_reason = decision, note.strip(), public_reason.strip()
        row.decided_by, row.decided_at = by, timezone.now()
        row.save()
        if decision == D.CONSULT:
            require_no_conflict(application, expert)
            Consultation.objects.create(
                application=application, indicator_code=indicator_code, expert=expert, question=question.strip(),
                requested_by=by, requested_at=timezone.now(),
            )
        touch(application)
        record(actor=by, role=level, action="indicator.decide", subject=application, before=before,
               after={"indicator": indicator_code, "level": level, "decision": decision,
                      "expert": expert.pk if expert else None})
    return application


@release_on_conflict
def finish_review(*, application: Application, by, level: str, expected_version: int,
                  deadline=None) -> Application:
    """Close a review step once every indicator has a decision, and move the application on.

    L1 hands over to L2 (through the experts when some were consulted). L2 first waits for open expert
    opinions, then sends its questions to the applicant, then decides: DPG when every indicator passes,
    ineligible when one fails.
    """
    with transaction.atomic():
        application = locked(application, expected_version)
        require_state(application, "finish_l1" if level == L.L1 else "decide")
        require_role(by, level)
        require_no_conflict(application, by)
        require_assigned(application, by, level)
        decisions = {row.indicator_code: row for row in application.decisions.filter(level=level)}
        codes = indicator_codes(application)
        pending = [code for code in codes if decisions.get(code) is None
                   or decisions[code].decision == D.PENDING]
        if pending:
            raise Incomplete(
                gettext("decide every indicator first; still open: %(codes)s") % {"codes": ", ".join(pending)},
                {code: [gettext("a decision")] for code in pending},
            )
        open_consultations = application.consultations.filter(answered_at__isnull=True)
        if open_consultations.exists():
            action = "finish_l1" if level == L.L1 else "consult"
            move(application, action, S.EXPERT_CONSULTATION, actor=by, role=level)
            experts = [c.expert for c in open_consultations.select_related("expert")]
            notifications.send(experts, "consultation", application)
            return application
        if level == L.L1:
            move(application, "finish_l1", S.L2_REVIEW, actor=by, role=level)
            return application
        asked = [row for row in decisions.values() if row.decision == D.CLARIFICATION]
        if asked:
            _ask_clarifications(application, by, asked, deadline)
            return application
        failed = sorted((row for row in decisions.values() if row.decision == D.FAIL),
                        key=lambda row: codes.index(row.indicator_code))
        if failed:
            reason = "; ".join(f"indicator {row.indicator_code}: {row.public_reason}" for row in failed)
            _decide(application, S.INELIGIBLE, by, reason)
        else:
            _decide(application, S.DPG, by, "every indicator of the DPG Standard is met")
    return application


def _ask_clarifications(application: Application, by, rows: list[IndicatorDecision], deadline) -> None:
    now = timezone.now()
    deadline = deadline or now + timedelta(days=settings.DPG_CLARIFICATION_DAYS)
    if deadline <= now:
        raise AnswerErrors([FieldError("deadline", gettext("the deadline must be in the future"))])
    Clarification.objects.bulk_create(
        Clarification(application=application, indicator_code=row.indicator_code, question=row.public_reason,
                      requested_by=by, requested_at=now, deadline=deadline)
        for row in rows
    )
    application.clarification_deadline = deadline
    application.last_reminder_at = None
    move(application, "clarify", S.CLARIFICATION_REQUESTED, actor=by, role=L.L2,
          deadline=deadline.isoformat(), indicators=[row.indicator_code for row in rows])
    notifications.send(application.editors.all(), "clarification", application)


def _decide(application: Application, outcome: str, by, reason: str) -> None:
    now = timezone.now()
    application.decided_at = now
    application.decision_reason = reason
    move(application, "decide", outcome, actor=by, role=L.L2, reason=reason)
    if outcome == S.DPG:
        application.product = publish(application, decided_on=now.date())
        application.save(update_fields=["product"])
        previous = application.renewal_of
        if previous is not None and previous.state in TRANSITIONS["renewed"][0]:
            previous = locked(previous, None)
            move(previous, "renewed", S.RENEWED, actor=by, role=L.L2, by_application=application.public_id)
    else:
        end_after_refusal(application, now=now)
    notifications.send(application.editors.all(), "decision", application)


@release_on_conflict
def give_opinion(*, consultation: Consultation, by, opinion: str, recommendation: str,
                 expected_version: int | None = None) -> Application:
    if not opinion.strip():
        raise AnswerErrors([FieldError("opinion", gettext("write your opinion for the reviewers"))])
    if recommendation not in Consultation.Recommendation.values:
        raise AnswerErrors([FieldError("recommendation", gettext("recommend pass or fail"))])
    with transaction.atomic():
        application = locked(consultation.application, expected_version)
        consultation.refresh_from_db()
        if consultation.expert_id != by.pk:
            raise NotAllowed(gettext("this consultation was asked of another expert"))
        require_role(by, Role.EXPERT)
        require_no_conflict(application, by)
        require_state(application, "opinion")
        if consultation.answered_at is not None:
            raise InvalidTransition(gettext("this consultation was already answered"))
        consultation.opinion, consultation.recommendation = opinion.strip(), recommendation
        consultation.answered_at = timezone.now()
        consultation.save()
        # The L2 reviewer decides again with the opinion in hand.
        IndicatorDecision.objects.filter(
            application=application, level=L.L2, indicator_code=consultation.indicator_code, decision=D.CONSULT
        ).update(decision=D.PENDING, decided_at=None)
        record(actor=by, role=Role.EXPERT, action="consultation.opinion", subject=application,
               after={"indicator": consultation.indicator_code, "recommendation": recommendation})
        if application.consultations.filter(answered_at__isnull=True).exists():
            touch(application)
        else:
            move(application, "opinion", S.L2_REVIEW, actor=by, role=Role.EXPERT)
            notifications.send(recipients(application.l2_reviewer), "opinion", application)
    return application


def archive(*, application: Application, by, reason: str) -> Application:
    with transaction.atomic():
        application = locked(application, None)
        require_role(by, Role.ADMIN)
        if application.state in (S.DPG, S.RENEWAL_DUE) and application.product is not None:
            withdraw_listing(application.product, status=Product.Status.ARCHIVED, reason=reason,
                             on=timezone.now().date())
        move(application, "archive", S.ARCHIVED, actor=by, role=Role.ADMIN, reason=reason)
    return application
