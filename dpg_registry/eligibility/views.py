"""The public eligibility check: a GET form, so every outcome has a URL that can be shared."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from dpg_registry.eligibility.forms import EligibilityForm
from dpg_registry.eligibility.rules import assess


@require_GET
def check(request):
    form = EligibilityForm(request.GET or None)
    outcome = assess(form.answers()) if form.is_valid() else None
    return render(request, "eligibility/check.html", {"form": form, "outcome": outcome})
