"""What anyone may see or do about an application or a listing: the public application page, challenges."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext

from dpg_registry.applications.answer_display import as_html
from dpg_registry.applications.errors import ApplicationError
from dpg_registry.applications.forms import ChallengeForm
from dpg_registry.applications.models import Application
from dpg_registry.applications.public_part import public_answers
from dpg_registry.applications.selectors import indicators_of, public_trail, questions_by_key
from dpg_registry.applications.services import challenges
from dpg_registry.lib.ratelimits import limited
from dpg_registry.registry.models import Product


def public(request, public_id):
    """What everyone may see of an application once submitted: status, dates and the decision trail."""
    application = get_object_or_404(
        Application.objects.select_related("category", "standard_version", "product"), public_id=public_id,
        submitted_at__isnull=False,
    )
    # An archived application's own words are taken down; its state and trail stay on record.
    taken_down = application.state == Application.State.ARCHIVED
    questions = questions_by_key(application)
    by_indicator = {}
    for answer in public_answers(application).values():
        question = questions.get(answer.question_key)
        if question is not None:
            shown = as_html(question, answer.value)
            by_indicator.setdefault(answer.indicator_code, []).append((question, answer, shown))
    return render(request, "applications/public.html", {
        "application": application, "trail": public_trail(application), "taken_down": taken_down,
        "indicators": [(indicator, by_indicator.get(indicator.code, [])) for indicator in indicators_of(application)],
    })


@login_required
@limited("challenge")
def challenge(request, slug):
    product = get_object_or_404(Product, slug=slug)
    form = ChallengeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            challenges.raise_challenge(product=product, by=request.user, reasons=form.cleaned_data["reasons"])
        except ApplicationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, gettext("Thank you: your challenge is in the reviewers' queue."))
            return redirect("profile", product.slug)
    return render(request, "applications/challenge.html", {"product": product, "form": form})
