"""Claiming a product (its page, the repository check, the e-mailed link) and the staff's queue of claims."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from dpg_registry.lib.ratelimits import limited
from dpg_registry.lib.validation import FieldError
from dpg_registry.ownership import services
from dpg_registry.ownership.errors import OwnershipError
from dpg_registry.ownership.forms import ClaimForm, DecisionForm
from dpg_registry.ownership.models import Claim
from dpg_registry.ownership.selectors import (
    claimed_by,
    claims_to_decide,
    deciding_role,
    domains_of,
    is_owner,
    open_claim_of,
    owner_organisation,
    refusal_of,
)
from dpg_registry.registry.models import Product


@login_required
@limited("claim")
def claim(request, slug):
    product = get_object_or_404(Product, slug=slug)
    form = ClaimForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.start_claim(product=product, by=request.user, method=data["method"], email=data["email"],
                                 statement=data["statement"])
        except FieldError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        except OwnershipError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, gettext("Your claim is recorded; the page says what comes next."))
            return redirect("ownership:claim", product.slug)
    return render(request, "ownership/claim.html", {
        "product": product, "form": form, "organisation": owner_organisation(product),
        "claimed_by": claimed_by(product), "is_owner": is_owner(request.user, product),
        "open_claim": open_claim_of(request.user, product), "refusal": refusal_of(request.user, product),
        "domains": sorted(domains_of(product)),
        "has_repository": product.repositories.exists(),
    }, status=400 if form.errors else 200)


@login_required
@limited("claim")  # each check clones a repository
@require_POST
def check(request, claim_id):
    claim = get_object_or_404(Claim.objects.select_related("product"), pk=claim_id, claimant=request.user)
    try:
        services.request_repository_check(claim=claim, by=request.user)
    except OwnershipError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, gettext("The repository is being read; reload this page in a minute."))
    return redirect("ownership:claim", claim.product.slug)


@login_required
def confirm(request, token):
    """The e-mailed link: a page with a button, so that a mail scanner opening the link confirms nothing."""
    if request.method == "POST":
        try:
            claim = services.confirm_email(token=token, by=request.user)
        except OwnershipError as error:
            return render(request, "ownership/confirm.html", {"error": str(error)}, status=400)
        messages.success(request, gettext("Confirmed: you are an owner of %(product)s.")
                         % {"product": claim.product.name})
        return redirect("ownership:claim", claim.product.slug)
    return render(request, "ownership/confirm.html", {"token": token})


@login_required
def queue(request):
    if not deciding_role(request.user):
        raise PermissionDenied("only an admin or an L2 reviewer decides claims")
    return render(request, "ownership/queue.html", {"claims": claims_to_decide(), "form": DecisionForm()})


@login_required
@require_POST
def decide(request, claim_id):
    if not deciding_role(request.user):
        raise PermissionDenied("only an admin or an L2 reviewer decides claims")
    claim = get_object_or_404(Claim, pk=claim_id)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, gettext("Claim %(id)s: choose a decision and give its reason.") % {"id": claim.pk})
        return redirect("ownership:queue")
    try:
        services.decide(claim=claim, by=request.user, approve=form.cleaned_data["decision"] == "approve",
                        reason=form.cleaned_data["reason"])
    except (OwnershipError, FieldError) as error:
        messages.error(request, gettext("Claim %(id)s: %(error)s") % {"id": claim.pk, "error": error})
    else:
        messages.success(request, gettext("Claim %(id)s is decided.") % {"id": claim.pk})
    return redirect("ownership:queue")
