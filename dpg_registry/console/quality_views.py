"""The console's data-quality page: flags on listed products and challenges in one place. Thin: forms in,
services out."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from dpg_registry.accounts.decorators import role_required
from dpg_registry.accounts.roles import STAFF_ROLES
from dpg_registry.accounts.selectors import roles_of
from dpg_registry.applications.errors import ApplicationError
from dpg_registry.console import quality_selectors as selectors
from dpg_registry.console import quality_services as services
from dpg_registry.console.errors import ConsoleError
from dpg_registry.console.quality_forms import DismissForm, FlagFilterForm
from dpg_registry.console.services import SORTERS
from dpg_registry.console.views import PAGE_SIZE, _back, _page
from dpg_registry.lib.validation import FieldError
from dpg_registry.registry.models import QualityFlag


@role_required(*STAFF_ROLES)
def quality(request):
    form = FlagFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        found, state = QualityFlag.objects.none(), ""  # the page names the fields to correct
    else:
        data = form.cleaned_data if form.is_bound else {}
        state = data.get("state") or QualityFlag.State.OPEN
        found = selectors.flags(rule=data.get("rule", ""), state=state)
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    others = request.GET.copy()
    others.pop("page", None)
    reviews = selectors.open_challenges_of([flag.product_id for flag in page])
    return _page(
        request,
        "console/quality.html",
        {
            "form": form,
            "page": page,
            "query": others.urlencode(),
            "state": state,
            "rows": [{"flag": flag, "review": reviews.get(flag.product_id)} for flag in page],
            "counts": [(QualityFlag.Rule(rule), count) for rule, count in selectors.rule_counts().items()],
            "can_act": bool(roles_of(request.user) & SORTERS),
            "challenges": selectors.challenges(),
            "here": request.get_full_path(),
        },
    )


@role_required(*SORTERS)
@require_POST
def dismiss(request, flag_id):
    flag = get_object_or_404(QualityFlag, pk=flag_id)
    form = DismissForm(request.POST)
    if not form.is_valid():
        messages.error(
            request,
            "; ".join(f"{form.fields[field].label}: {' '.join(errors)}" for field, errors in form.errors.items()),
        )
    else:
        try:
            services.dismiss_flag(flag=flag, reason=form.cleaned_data["reason"], by=request.user)
        except (FieldError, ConsoleError) as error:
            messages.error(request, str(error))
        else:
            messages.success(request, gettext("The flag on %(name)s is dismissed.") % {"name": flag.product.name})
    return _back(request, reverse("console:quality"))


@role_required(*SORTERS)
@require_POST
def open_review(request, flag_id):
    flag = get_object_or_404(QualityFlag, pk=flag_id)
    try:
        services.open_review(flag=flag, by=request.user)
    except (ConsoleError, ApplicationError) as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            gettext("A review of %(name)s is open: it waits among the challenges.") % {"name": flag.product.name},
        )
    return _back(request, reverse("console:quality"))
