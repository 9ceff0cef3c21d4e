"""The state machine of the review: which action may start from which state, and the checks every change makes.

Every state change goes through ``move`` and every other change to an application through ``touch``,
the one place its version goes up; the other service modules build on these.
"""

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from dpg_registry.accounts.roles import Role
from dpg_registry.accounts.selectors import organisation_ids_of, roles_of
from dpg_registry.applications.errors import ConflictOfInterest, InvalidTransition, NotAllowed, StaleApplication
from dpg_registry.applications.models import Application, IndicatorDecision
from dpg_registry.audit.services import record

S = Application.State
D = IndicatorDecision.Decision
L = IndicatorDecision.Level

IN_REVIEW = frozenset({S.SUBMITTED, S.L1_REVIEW, S.L2_REVIEW, S.EXPERT_CONSULTATION, S.CLARIFICATION_REQUESTED})

# action: (states it may start from, what the action is called in an error)
TRANSITIONS = {
    "submit": ({S.DRAFT}, _("submit")),
    "start_l1": ({S.SUBMITTED}, _("start the L1 review of")),
    "finish_l1": ({S.L1_REVIEW}, _("finish the L1 review of")),
    "start_l2": ({S.L2_REVIEW}, _("start the L2 review of")),
    "consult": ({S.L1_REVIEW, S.L2_REVIEW}, _("ask an expert about")),
    "opinion": ({S.EXPERT_CONSULTATION}, _("give an expert opinion on")),
    "clarify": ({S.L2_REVIEW}, _("ask for a clarification of")),
    "respond": ({S.CLARIFICATION_REQUESTED}, _("answer a clarification of")),
    "decide": ({S.L2_REVIEW}, _("decide")),
    "deadline": ({S.CLARIFICATION_REQUESTED}, _("close for a missed deadline")),
    "open_renewal": ({S.DPG}, _("open the renewal of")),
    "renewed": ({S.DPG, S.RENEWAL_DUE, S.EXPIRED}, _("mark as renewed")),
    "expire": ({S.DPG, S.RENEWAL_DUE}, _("expire")),
    "withdraw": ({S.DRAFT, *IN_REVIEW}, _("withdraw")),
    # A reviewer's conflict of interest found when they act sends the application back (see assignment.py).
    "requeue_l1": ({S.L1_REVIEW}, _("send back to the L1 queue")),
    "release_experts": ({S.EXPERT_CONSULTATION}, _("end the expert consultation of")),
    "reassign_l1": ({S.SUBMITTED, S.L1_REVIEW}, _("reassign the L1 review of")),
    "reassign_l2": ({S.L2_REVIEW, S.EXPERT_CONSULTATION, S.CLARIFICATION_REQUESTED}, _("reassign the L2 review of")),
    # An admin also archives an application under review to take down content that breaks the law or the rules.
    "archive": ({*IN_REVIEW, S.DPG, S.RENEWAL_DUE, S.INELIGIBLE, S.EXPIRED, S.RENEWED, S.WITHDRAWN}, _("archive")),
}
LEVEL_DECISIONS = {
    L.L1: {D.PASS, D.FAIL, D.CONSULT},
    L.L2: {D.PASS, D.FAIL, D.CLARIFICATION, D.CONSULT},
}


def locked(application: Application, expected_version: int | None) -> Application:
    """The application read again under a row lock, refused if it changed since ``expected_version``."""
    fresh = Application.objects.select_for_update().get(pk=application.pk)
    if expected_version is not None and fresh.version != expected_version:
        raise StaleApplication(
            gettext("application %(id)s was changed by someone else since you opened it; reload the page to see "
                    "the change, then try again") % {"id": fresh.public_id}
        )
    return fresh


def require_state(application: Application, action: str) -> None:
    allowed, verb = TRANSITIONS[action]
    if application.state not in allowed:
        raise InvalidTransition(
            gettext("cannot %(action)s application %(id)s: it is %(state)s")
            % {"action": verb, "id": application.public_id, "state": application.get_state_display().lower()}
        )


def move(application: Application, action: str, to: str, *, actor, role: str, reason: str = "", **after) -> None:
    require_state(application, action)
    before = application.state
    application.state = to
    application.state_entered_at = timezone.now()
    touch(application)
    record(actor=actor, role=role, action=f"application.{action}", subject=application,
           before={"state": before}, after={"state": to, **after}, reason=reason)


def touch(application: Application) -> None:
    """Save a change to ``application``; its new version makes forms read before the change stale."""
    application.version += 1
    application.save()


def require_role(user, role: str) -> None:
    if role not in roles_of(user):
        raise NotAllowed(gettext("this needs the %(role)s role") % {"role": Role(role).label})


def require_editor(application: Application, user) -> None:
    if not application.editors.filter(pk=user.pk).exists():
        raise NotAllowed(gettext("you are not an editor of application %(id)s") % {"id": application.public_id})


def conflict_kind(application: Application, user) -> str:
    """"editor", "member" (of the applying organisation) or ""."""
    if application.editors.filter(pk=user.pk).exists():
        return "editor"
    if application.organisation_id in organisation_ids_of(user):
        return "member"
    return ""


def conflict_of_interest(application: Application, user) -> str:
    """Why ``user`` may not review ``application``, told to them, or "" when they may."""
    kind = conflict_kind(application, user)
    if kind == "editor":
        return gettext("you are an editor of this application")
    if kind == "member":
        return gettext("you belong to %(organisation)s, which applied") % {
            "organisation": application.organisation.name}
    return ""


def conflict_described(application: Application, user) -> str:
    """Why ``user`` may not review ``application``, told to others, or "" when they may."""
    kind = conflict_kind(application, user)
    if kind == "editor":
        return gettext("%(email)s is an editor of application %(id)s") % {
            "email": user.email, "id": application.public_id}
    if kind == "member":
        return gettext("%(email)s belongs to %(organisation)s, which applied") % {
            "email": user.email, "organisation": application.organisation.name}
    return ""


def require_no_conflict(application: Application, user) -> None:
    reason = conflict_of_interest(application, user)
    if reason:
        raise ConflictOfInterest(gettext("conflict of interest: %(reason)s") % {"reason": reason},
                                 application=application, user=user, reason=conflict_kind(application, user))


def require_assigned(application: Application, user, level: str) -> None:
    assigned = application.l1_reviewer_id if level == L.L1 else application.l2_reviewer_id
    if assigned != user.pk:
        raise NotAllowed(gettext("application %(id)s is assigned to another %(level)s reviewer")
                         % {"id": application.public_id, "level": level.upper()})
