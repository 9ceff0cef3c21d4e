"""Who reviews an application: sending it back to the queue when its reviewer or a consulted expert turns
out to have a conflict of interest as they act, and reassigning an L1 or L2 review.

A conflict appears after assignment when the reviewer becomes an editor of the application or joins the
applying organisation. The work they did on it is set aside: their pending decisions and the questions
for experts they had not sent yet.
"""

import functools

from django.db import transaction
from django.utils.translation import gettext

from dpg_registry.accounts.roles import Role
from dpg_registry.accounts.selectors import roles_of
from dpg_registry.applications.errors import AnswerErrors, ConflictOfInterest, NotAllowed
from dpg_registry.applications.models import Application, IndicatorDecision
from dpg_registry.applications.selectors import indicator_codes
from dpg_registry.applications.services import notifications
from dpg_registry.applications.services.transitions import (
    D,
    L,
    S,
    conflict_described,
    conflict_kind,
    conflict_of_interest,
    locked,
    move,
    require_state,
    touch,
)
from dpg_registry.audit.services import record
from dpg_registry.lib.validation import FieldError

# The reason kept in the audit trail, for the staff who read it.
REASONS = {
    "editor": "conflict of interest: the reviewer became an editor of the application",
    "member": "conflict of interest: the reviewer belongs to the applying organisation",
}


def release_on_conflict(service):
    """For a service a reviewer or expert acts through (``by``): when it refuses them for a conflict of
    interest, the application goes back to the queue before the refusal reaches them."""

    @functools.wraps(service)
    def wrapped(*args, by, **kwargs):
        try:
            return service(*args, by=by, **kwargs)
        except ConflictOfInterest as conflict:
            if conflict.user.pk == by.pk:
                send_back(application=conflict.application, reviewer=by)
            raise

    return wrapped


def send_back(*, application: Application, reviewer) -> Application:
    """Take ``application`` from ``reviewer``, who has a conflict of interest with it, and tell them."""
    with transaction.atomic():
        application = locked(application, None)
        kind = conflict_kind(application, reviewer)
        if not kind:
            return application
        reason = REASONS[kind]
        released = []
        if application.l1_reviewer_id == reviewer.pk and application.state == S.L1_REVIEW:
            _set_aside(application, reviewer, L.L1)
            application.l1_reviewer = None
            move(application, "requeue_l1", S.SUBMITTED, actor=reviewer, role=L.L1, reason=reason)
            released.append(L.L1)
        if application.l2_reviewer_id == reviewer.pk:
            if application.state == S.L2_REVIEW:
                _set_aside(application, reviewer, L.L2)
            application.l2_reviewer = None
            touch(application)
            released.append(L.L2)
        consultations = application.consultations.filter(expert=reviewer, answered_at__isnull=True)
        codes = list(consultations.values_list("indicator_code", flat=True))
        if codes:
            consultations.delete()
            IndicatorDecision.objects.filter(application=application, level=L.L2, indicator_code__in=codes,
                                             decision=D.CONSULT).update(decision=D.PENDING, decided_at=None)
            released.append(Role.EXPERT)
            if application.state == S.EXPERT_CONSULTATION and not application.consultations.filter(
                    answered_at__isnull=True).exists():
                move(application, "release_experts", S.L2_REVIEW, actor=reviewer, role=Role.EXPERT, reason=reason)
            else:
                touch(application)
        if not released:
            return application
        record(actor=reviewer, role=released[0], action="assignment.conflict", subject=application,
               before={"reviewer": reviewer.pk}, after={"released": released, "indicators": codes}, reason=reason)
        notifications.send([reviewer], "assignment_conflict", application)
    return application


def _set_aside(application: Application, reviewer, level: str) -> None:
    """Undo the reviewer's decisions at ``level`` and drop the expert questions they had not sent yet."""
    application.decisions.filter(level=level, decided_by=reviewer).update(
        decision=D.PENDING, note="", public_reason="", decided_by=None, decided_at=None)
    application.consultations.filter(requested_by=reviewer, answered_at__isnull=True).delete()


def reassign(*, application: Application, level: str, to, by, reason: str) -> Application:
    """Give the L1 or L2 review of ``application`` to ``to`` (an L2 reviewer's or an admin's decision)."""
    if level not in (L.L1, L.L2):
        raise AnswerErrors([FieldError("level", gettext("choose the L1 or the L2 review"))])
    if not reason.strip():
        raise AnswerErrors([FieldError("reason", gettext("say why the review is reassigned"))])
    held = roles_of(by)
    if not held & {Role.L2, Role.ADMIN}:
        raise NotAllowed(gettext("only L2 reviewers and admins can reassign a review"))
    with transaction.atomic():
        application = locked(application, None)
        if conflict_of_interest(application, by):
            raise NotAllowed(gettext("conflict of interest: %(reason)s")
                             % {"reason": conflict_of_interest(application, by)})
        require_state(application, f"reassign_{level}")
        _require_eligible(application, to, level)
        field = "l1_reviewer" if level == L.L1 else "l2_reviewer"
        previous = getattr(application, field)
        if previous is not None and previous.pk == to.pk:
            raise AnswerErrors([FieldError("to", gettext("%(email)s already has this review")
                                           % {"email": to.email})])
        setattr(application, field, to)
        role = Role.L2 if Role.L2 in held else Role.ADMIN
        if application.state == S.SUBMITTED:
            move(application, "start_l1", S.L1_REVIEW, actor=by, role=role, reason=reason)
        else:
            touch(application)
        IndicatorDecision.objects.bulk_create(
            [IndicatorDecision(application=application, indicator_code=code, level=level)
             for code in indicator_codes(application)],
            ignore_conflicts=True,
        )
        record(actor=by, role=role, action="assignment.reassign", subject=application,
               before={"level": level, "reviewer": previous.pk if previous else None},
               after={"level": level, "reviewer": to.pk}, reason=reason.strip())
        notifications.send([to], "assigned", application, level=level.upper())
        if previous is not None:
            notifications.send([previous], "unassigned", application, level=level.upper())
    return application


def _require_eligible(application: Application, user, level: str) -> None:
    if level not in roles_of(user):
        raise AnswerErrors([FieldError("to", gettext("%(email)s does not hold the %(role)s role")
                                       % {"email": user.email, "role": Role(level).label})])
    conflict = conflict_described(application, user)
    if conflict:
        raise AnswerErrors([FieldError("to", gettext("conflict of interest: %(reason)s") % {"reason": conflict})])

