"""The applicant's pages: their applications, the steps of the form, submitting, withdrawing, clarifications."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from dpg_registry.applications.errors import AnswerErrors, ApplicationError, Incomplete
from dpg_registry.applications.forms import (
    AboutForm,
    AddEditorForm,
    ClarificationResponseForm,
    IndicatorForm,
    NewApplicationForm,
    add_service_errors,
)
from dpg_registry.applications.invitations import open_invitations_for, pending_invitations_on
from dpg_registry.applications.models import Application
from dpg_registry.applications.renewal_rights import renewal_right
from dpg_registry.applications.selectors import applications_of, indicators_of, missing, questions_by_key
from dpg_registry.applications.services import applicant, repository_checks
from dpg_registry.applications.services.transitions import TRANSITIONS
from dpg_registry.lib.forms import lines
from dpg_registry.lib.ratelimits import limited
from dpg_registry.ownership.selectors import products_owned_by
from dpg_registry.registry.models import Product
from dpg_registry.standard.selectors import licence_choices

S = Application.State


def _own(request, public_id: str) -> Application:
    application = get_object_or_404(Application.objects.select_related("category"), public_id=public_id)
    if not application.editors.filter(pk=request.user.pk).exists():
        raise PermissionDenied("you are not an editor of this application")
    return application


@login_required
def mine(request):
    return render(request, "applications/mine.html", {
        "applications": applications_of(request.user), "invitations": open_invitations_for(request.user),
        "owned": products_owned_by(request.user),
    })


@login_required
@limited("create")
def new(request):
    renewal_of = None
    if request.GET.get("renew"):
        renewal_of = get_object_or_404(Product, slug=request.GET["renew"])
        if not renewal_right(request.user, renewal_of):  # owners, the editors who carried the review, staff
            return render(request, "ownership/renew_refused.html", {"product": renewal_of}, status=403)
    initial = {"category": request.GET.get("category")}
    if renewal_of is not None:
        owner = renewal_of.organisation_roles.filter(role="owner").select_related("organisation").first()
        initial.update(name=renewal_of.name, category=renewal_of.categories.values_list("key", flat=True).first(),
                       organisation=owner.organisation.name if owner else "")
    form = NewApplicationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            application = applicant.create_application(
                user=request.user, name=form.cleaned_data["name"], category_key=form.cleaned_data["category"].key,
                organisation_name=form.cleaned_data["organisation"], renewal_of=renewal_of,
            )
        except AnswerErrors as errors:
            add_service_errors(form, errors.errors)
        else:
            return redirect("applications:about", application.public_id)
    return render(request, "applications/new.html", {"form": form, "renewal_of": renewal_of})


@login_required
def detail(request, public_id):
    application = _own(request, public_id)
    clarifications = application.clarifications.filter(responded_at__isnull=True)
    if application.state != S.CLARIFICATION_REQUESTED:
        clarifications = clarifications.none()  # a missed deadline closed them: they can no longer be answered
    return render(request, "applications/detail.html", {
        "application": application,
        "missing": missing(application) if application.state == S.DRAFT else {},
        "indicators": indicators_of(application),
        "clarifications": [(c, ClarificationResponseForm(initial={"version": application.version}, prefix=str(c.pk)))
                           for c in clarifications],
        "editor_form": AddEditorForm(),
        "can_withdraw": application.state in TRANSITIONS["withdraw"][0],
        "check": application.repository_checks.first(),
        "pending_invitations": pending_invitations_on(application, request.user),
    })


@login_required
def about(request, public_id):
    application = _own(request, public_id)
    form = AboutForm.for_application(application, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            applicant.save_about(
                application=application, by=request.user, expected_version=data["version"], name=data["name"],
                description=data["description"], website=data["website"],
                repository_urls=lines(data["repository_urls"]), sectors=data["sectors"],
                deployment_countries=data["deployment_countries"],
                contact_name=data["contact_name"], contact_email=data["contact_email"],
            )
        except AnswerErrors as errors:
            add_service_errors(form, errors.errors)
        except ApplicationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, gettext("Saved."))
            return redirect(_next_step(application, None))
    return render(request, "applications/about.html", {"application": application, "form": form,
                                                        "indicators": indicators_of(application)})


def _next_step(application: Application, code: str | None) -> str:
    codes = [indicator.code for indicator in indicators_of(application)]
    position = -1 if code is None else codes.index(code)
    if position + 1 < len(codes):
        return reverse("applications:indicator", args=[application.public_id, codes[position + 1]])
    return reverse("applications:detail", args=[application.public_id])


@login_required
def indicator(request, public_id, code):
    application = _own(request, public_id)
    indicators = {indicator.code: indicator for indicator in indicators_of(application)}
    if code not in indicators:
        raise Http404(f"indicator {code} is not part of this application")
    questions = [q for q in questions_by_key(application).values() if q.indicator.code == code]
    answers = {answer.question_key: answer for answer in application.answers.filter(indicator_code=code)}
    form = IndicatorForm(request.POST or None, questions=questions, answers=answers,
                         licences=licence_choices(application.standard_version, application.category.key),
                         initial={"version": application.version})
    if request.method == "POST" and form.is_valid():
        try:
            applicant.save_answers(application=application, by=request.user,
                                  expected_version=form.cleaned_data["version"], answers=form.answer_inputs())
        except AnswerErrors as errors:
            add_service_errors(form, errors.errors)
        except ApplicationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, gettext("Indicator %(code)s saved.") % {"code": code})
            if application.state == S.CLARIFICATION_REQUESTED:
                return redirect("applications:detail", application.public_id)
            return redirect(_next_step(application, code))
    return render(request, "applications/indicator.html", {
        "application": application, "indicator": indicators[code], "form": form,
        "indicators": indicators.values(), "gaps": missing(application).get(code, []),
    })


@login_required
@limited("submit")
@require_POST
def submit(request, public_id):
    application = _own(request, public_id)
    try:
        application = applicant.submit(application=application, by=request.user)
    except Incomplete:
        messages.error(request, gettext("The application is not complete yet: the list below shows what is missing."))
    except ApplicationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, gettext("Application %(id)s is submitted for review.")
                         % {"id": application.public_id})
    return redirect("applications:detail", application.public_id)


@login_required
@limited("check")
@require_POST
def check_repository(request, public_id):
    """'Start from my repository': check it in the background and fill the empty answers from the findings."""
    application = _own(request, public_id)
    try:
        repository_checks.request_check(application=application, by=request.user,
                                        target=request.POST.get("repository", ""), autofill=True)
    except AnswerErrors as errors:
        messages.error(request, "; ".join(str(error) for error in errors.errors))
    except ApplicationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, gettext("The repository is being checked; its findings fill your empty answers in "
                                          "a minute or two. Reload this page to see them."))
    return redirect("applications:detail", application.public_id)


@login_required
@require_POST
def withdraw(request, public_id):
    application = _own(request, public_id)
    try:
        applicant.withdraw(application=application, by=request.user, reason=request.POST.get("reason", ""))
    except ApplicationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, gettext("The application is withdrawn."))
    return redirect("applications:detail", application.public_id)


@login_required
@require_POST
def respond(request, public_id, clarification_id):
    application = _own(request, public_id)
    clarification = get_object_or_404(application.clarifications, pk=clarification_id)
    form = ClarificationResponseForm(request.POST, prefix=str(clarification.pk))
    if not form.is_valid():
        messages.error(request, gettext("Your answer to the reviewer: write your answer to the reviewer's question."))
    else:
        try:
            applicant.respond_to_clarification(clarification=clarification, by=request.user,
                                              response=form.cleaned_data["response"],
                                              expected_version=form.cleaned_data["version"])
        except ApplicationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, gettext("Your answer on indicator %(code)s is sent.")
                             % {"code": clarification.indicator_code})
    return redirect("applications:detail", application.public_id)
