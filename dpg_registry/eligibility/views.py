"""The public eligibility check: a GET form, so every outcome has a URL that can be shared; and starting an
application from a favourable outcome."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from dpg_registry.applications.errors import AnswerErrors
from dpg_registry.eligibility.forms import EligibilityForm, StartApplicationForm
from dpg_registry.eligibility.rules import assess
from dpg_registry.eligibility.services import start_application


@require_GET
def check(request):
    form = EligibilityForm(request.GET or None)
    outcome = assess(form.answers()) if form.is_valid() else None
    return render(request, "eligibility/check.html", {"form": form, "outcome": outcome})


@login_required
@require_http_methods(["GET", "POST"])
def start(request):
    """The check's answers come in the address, as the outcome's; a draft starts with them as the person's own."""
    answers_form = EligibilityForm(request.GET)
    outcome = assess(answers_form.answers()) if answers_form.is_valid() else None
    if outcome is None or not outcome.eligible:
        return redirect(f"{reverse('eligibility:check')}?{request.GET.urlencode()}")  # the outcome says why
    form = StartApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            application = start_application(user=request.user, name=form.cleaned_data["name"],
                                            organisation_name=form.cleaned_data["organisation"],
                                            answers=answers_form.answers())
        except AnswerErrors as errors:
            for error in errors.errors:
                form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            return redirect("applications:detail", application.public_id)
    return render(request, "eligibility/start.html", {"form": form, "outcome": outcome,
                                                      "query": request.GET.urlencode()})
