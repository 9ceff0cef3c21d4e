"""The reviewers' pages: queues, assignments, the review workbench and its decisions, expert opinions, the dashboard."""


from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from dpg_registry.accounts.decorators import role_required
from dpg_registry.accounts.roles import Role
from dpg_registry.accounts.selectors import roles_of, users_with_role
from dpg_registry.applications import selectors, workbench
from dpg_registry.applications.errors import AnswerErrors, ApplicationError, ConflictOfInterest
from dpg_registry.applications.forms import (
    DecisionForm,
    FinishForm,
    OpinionForm,
    ReassignForm,
    ResolveChallengeForm,
    errors_text,
)
from dpg_registry.applications.models import Application, Challenge, Consultation, IndicatorDecision
from dpg_registry.applications.services import assignment, batch_decisions, challenges, review
from dpg_registry.applications.services.transitions import TRANSITIONS, conflict_of_interest

S = Application.State
REVIEWERS = (Role.L1, Role.L2, Role.ADMIN)
REASSIGNABLE = TRANSITIONS["reassign_l1"][0] | TRANSITIONS["reassign_l2"][0]


def _fail(request, error: Exception, public_id: str):
    if isinstance(error, ConflictOfInterest) and error.user.pk == request.user.pk:
        return _conflict_page(request, error.application, conflict_of_interest(error.application, request.user))
    messages.error(request, str(error))
    return redirect("review:application", public_id)


def _conflict_page(request, application: Application, reason: str):
    """What a reviewer with a conflict of interest sees instead of the application: why, and what happened."""
    return render(request, "review/conflict.html", {"application": application, "reason": reason}, status=403)


def _reviewers():
    return list(users_with_role(Role.L1).union(users_with_role(Role.L2)).order_by("email"))


@role_required(Role.L1, Role.L2, Role.EXPERT, Role.ADMIN)
def home(request):
    held = roles_of(request.user)
    context = {
        "roles": held,
        "l1_queue": selectors.queue("l1") if held & {Role.L1, Role.ADMIN} else None,
        "l2_queue": selectors.queue("l2") if held & {Role.L2, Role.ADMIN} else None,
        "assignments": [(a, selectors.is_late(a)) for a in selectors.assignments_of(request.user)],
        "consultations": selectors.consultations_of(request.user) if Role.EXPERT in held else None,
        "challenges": selectors.open_challenges() if held & set(REVIEWERS) else None,
    }
    return render(request, "review/home.html", context)


@role_required(Role.L1, Role.L2)
@require_POST
def pull(request):
    level = request.POST.get("level", "")
    if level not in roles_of(request.user) or level not in (Role.L1, Role.L2):
        raise PermissionDenied(f"you do not hold the role {level!r}")
    application = review.pull_next(reviewer=request.user, level=level)
    if application is None:
        messages.info(request, gettext("No application is waiting for %(level)s review that you may take.")
                      % {"level": level.upper()})
        return redirect("review:home")
    return redirect("review:application", application.public_id)


def _level(application: Application, user) -> str | None:
    """The review step ``user`` holds on the application now, or None."""
    if application.state == S.L1_REVIEW and application.l1_reviewer_id == user.pk:
        return "l1"
    if application.state == S.L2_REVIEW and application.l2_reviewer_id == user.pk:
        return "l2"
    return None


def _decision_forms(application: Application, level: str | None, blocks: list[dict], sent: dict) -> None:
    """Give each indicator block its decision form: the one the reviewer sent (with its errors), or a new one."""
    if level is None:
        return
    experts = list(users_with_role(Role.EXPERT).exclude(pk=application.l1_reviewer_id if level == "l1"
                                                          else application.l2_reviewer_id))
    for block in blocks:
        code = block["indicator"].code
        current = block["decisions"].get(level)
        block["form"] = sent.get(code) or DecisionForm(level=level, experts=experts, prefix=code, initial={
            "version": application.version, "indicator": code,
            "decision": current.decision if current and current.decision != "pending" else None,
        })


def _workbench(request, application: Application, sent: dict | None = None, status: int = 200):
    held = roles_of(request.user)
    mine = list(application.consultations.filter(expert=request.user))
    visible = None if held & set(REVIEWERS) else {c.indicator_code for c in mine}
    level = _level(application, request.user)
    blocks, previous = workbench.indicator_blocks(application, visible)
    _decision_forms(application, level, blocks, sent or {})
    return render(request, "review/application.html", {
        "application": application, "sections": blocks, "level": level, "previous": previous,
        "check": workbench.latest_check(application), "late": selectors.is_late(application),
        "timeline": workbench.timeline(application) if held & set(REVIEWERS) else [],
        "finish_form": FinishForm(initial={"version": application.version}) if level else None,
        "opinion_forms": [(c, OpinionForm(initial={"version": application.version}, prefix=f"c{c.pk}"))
                          for c in mine if c.answered_at is None and application.state == S.EXPERT_CONSULTATION],
        "is_admin": Role.ADMIN in held,
        "reassign_form": ReassignForm(reviewers=_reviewers())
        if held & {Role.L2, Role.ADMIN} and application.state in REASSIGNABLE else None,
    }, status=status)


@role_required(Role.L1, Role.L2, Role.EXPERT, Role.ADMIN)
def application(request, public_id):
    application = get_object_or_404(Application.objects.select_related("category", "organisation"),
                                    public_id=public_id, submitted_at__isnull=False)
    conflict = conflict_of_interest(application, request.user)
    if conflict:
        return _conflict_page(request, application, conflict)
    if not roles_of(request.user) & set(REVIEWERS) and not application.consultations.filter(
            expert=request.user).exists():
        raise PermissionDenied("experts see only the applications they are consulted on")
    return _workbench(request, application)


def _fragment(request, application: Application, code: str, sent: DecisionForm | None = None, status: int = 200,
              saved: str = ""):
    """One indicator's block of the workbench, which the page's script swaps in after saving it."""
    level = _level(application, request.user)
    blocks = [b for b in workbench.indicator_blocks(application)[0] if b["indicator"].code == code]
    _decision_forms(application, level, blocks, {code: sent} if sent else {})
    response = render(request, "review/_indicator.html", {
        "application": application, "section": blocks[0], "level": level, "saved": saved}, status=status)
    response["X-Application-Version"] = str(application.version)
    return response


def _decision_of(form: DecisionForm) -> dict:
    data = form.cleaned_data
    return {"decision": data["decision"], "note": data["note"], "public_reason": data["public_reason"],
            "expert": form.experts.get(data["expert"]), "question": data["question"]}


def _put_errors(forms: dict[str, DecisionForm], errors: AnswerErrors) -> None:
    """Put the service's errors (fields named ``<code>-<field>``) on the indicators' forms."""
    for error in errors.errors:
        code, _, field = error.field.partition("-")
        form = forms.get(code)
        if form is not None:
            form.add_error(field if field in form.fields else None, error.message)


@role_required(Role.L1, Role.L2)
@require_POST
def decide(request, public_id):
    """Record the decisions sent: one indicator's (its own button, or the page's script), or every one chosen."""
    application = get_object_or_404(Application.objects.select_related("category", "organisation"),
                                    public_id=public_id, submitted_at__isnull=False)
    level = "l1" if application.state == S.L1_REVIEW else "l2"
    experts = list(users_with_role(Role.EXPERT))
    only = request.POST.get("indicator", "")
    codes = [only] if only else selectors.indicator_codes(application)
    forms = {code: DecisionForm(request.POST, level=level, experts=experts, prefix=code)
             for code in codes if only or request.POST.get(f"{code}-decision")}
    fragment = bool(only) and request.headers.get("X-Workbench") == "fragment"
    if not forms:
        messages.error(request, gettext("Choose a decision for at least one indicator."))
        return redirect("review:application", public_id)
    try:
        if not all([form.is_valid() for form in forms.values()]):
            raise AnswerErrors([])
        versions = {form.cleaned_data["version"] for form in forms.values()}
        application = batch_decisions.decide_indicators(
            application=application, by=request.user, level=level, expected_version=min(versions),
            decisions={code: _decision_of(form) for code, form in forms.items()})
    except AnswerErrors as errors:
        if conflict := conflict_of_interest(application, request.user):  # refused answers show no application
            return _conflict_page(request, application, conflict)
        _put_errors(forms, errors)
        if fragment:
            return _fragment(request, application, only, forms[only], status=400)
        if only:
            text = gettext("indicator %(code)s: %(errors)s") % {"code": only, "errors": errors_text(forms[only])}
            return _fail(request, ValueError(text), public_id)
        return _workbench(request, application, forms, status=400)
    except ApplicationError as error:
        return _fail(request, error, public_id)
    if only:
        text = gettext("Indicator %(code)s: %(decision)s recorded.") % {
            "code": only, "decision": IndicatorDecision.Decision(forms[only].cleaned_data["decision"]).label.lower()}
    else:
        text = gettext("Decisions recorded on indicators %(codes)s.") % {"codes": ", ".join(forms)}
    if fragment:
        return _fragment(request, application, only, saved=text)
    messages.success(request, text)
    return redirect(reverse("review:application", args=[public_id]) + (f"#indicator-{only}" if only else ""))


@role_required(Role.L1, Role.L2)
@require_POST
def finish(request, public_id):
    application = get_object_or_404(Application, public_id=public_id)
    level = "l1" if application.state == S.L1_REVIEW else "l2"
    form = FinishForm(request.POST)
    if not form.is_valid():
        return _fail(request, ValueError(errors_text(form)), public_id)
    try:
        application = review.finish_review(application=application, by=request.user, level=level,
                                             expected_version=form.cleaned_data["version"],
                                             deadline=form.cleaned_data["deadline"])
    except ApplicationError as error:
        return _fail(request, error, public_id)
    messages.success(request, gettext("Application %(id)s is now: %(state)s.")
                     % {"id": application.public_id, "state": application.get_state_display()})
    return redirect("review:home")


@role_required(Role.EXPERT)
@require_POST
def opinion(request, consultation_id):
    consultation = get_object_or_404(Consultation.objects.select_related("application"), pk=consultation_id,
                                     expert=request.user)
    public_id = consultation.application.public_id
    form = OpinionForm(request.POST, prefix=f"c{consultation.pk}")
    if not form.is_valid():
        return _fail(request, ValueError(errors_text(form)), public_id)
    try:
        review.give_opinion(consultation=consultation, by=request.user, opinion=form.cleaned_data["opinion"],
                              recommendation=form.cleaned_data["recommendation"],
                              expected_version=form.cleaned_data["version"])
    except ApplicationError as error:
        return _fail(request, error, public_id)
    messages.success(request, gettext("Your opinion is recorded. Thank you."))
    return redirect("review:home")


@role_required(*REVIEWERS)
@require_POST
def resolve(request, challenge_id):
    challenge = get_object_or_404(Challenge, pk=challenge_id)
    form = ResolveChallengeForm(request.POST)
    if form.is_valid():
        try:
            challenges.resolve_challenge(challenge=challenge, by=request.user,
                                       upheld=form.cleaned_data["outcome"] == "uphold",
                                       resolution=form.cleaned_data["resolution"])
        except ApplicationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, gettext("The challenge of %(name)s is resolved.")
                             % {"name": challenge.product.name})
    else:
        messages.error(request, errors_text(form))
    return redirect("review:home")


@role_required(Role.L2, Role.ADMIN)
@require_POST
def reassign(request, public_id):
    application = get_object_or_404(Application, public_id=public_id, submitted_at__isnull=False)
    form = ReassignForm(request.POST, reviewers=_reviewers())
    if not form.is_valid():
        messages.error(request, "; ".join(f"{form.fields[field].label}: {' '.join(errors)}"
                                          for field, errors in form.errors.items()))
        return redirect("review:application", public_id)
    data = form.cleaned_data
    try:
        assignment.reassign(application=application, level=data["level"], to=form.reviewers[data["to"]],
                            by=request.user, reason=data["reason"])
    except AnswerErrors as errors:
        messages.error(request, "; ".join(f"{form.fields[error.field].label}: {error.message}"
                                          for error in errors.errors))
    except ApplicationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, gettext("The %(level)s review is now assigned to %(email)s.")
                         % {"level": data["level"].upper(), "email": form.reviewers[data["to"]].email})
    return redirect("review:application", public_id)


@role_required(Role.ADMIN)
@require_POST
def archive(request, public_id):
    application = get_object_or_404(Application, public_id=public_id)
    try:
        review.archive(application=application, by=request.user, reason=request.POST.get("reason", ""))
    except ApplicationError as error:
        return _fail(request, error, public_id)
    messages.success(request, gettext("Application %(id)s is archived.") % {"id": public_id})
    return redirect("review:home")


@role_required(*REVIEWERS)
def dashboard(request):
    return render(request, "review/dashboard.html", {"stats": selectors.dashboard()})
