"""Owners' pages: the products they own, asking for a change to a listing, and asking for delisting."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext

from dpg_registry.lib.validation import FieldError
from dpg_registry.listing_requests import selectors
from dpg_registry.listing_requests.errors import ListingRequestError
from dpg_registry.listing_requests.forms import ChangeForm, DelistingForm
from dpg_registry.listing_requests.services import changes, delisting
from dpg_registry.ownership.selectors import is_owner
from dpg_registry.registry.models import Product
from dpg_registry.registry.selectors import listing_fields


def _owned(request, slug) -> Product:
    """The product, for its verified owners only: anyone else is refused (403), an unknown product is 404."""
    product = get_object_or_404(Product, slug=slug)
    if not is_owner(request.user, product):
        raise PermissionDenied(gettext("only the verified owners of %(product)s ask for changes to its listing")
                               % {"product": product.name})
    return product


def _add_error(form, error) -> None:
    if isinstance(error, FieldError):
        form.add_error(error.field if error.field in form.fields else None, error.message)
    else:
        form.add_error(None, str(error))


@login_required
def owned(request):
    products = [{"product": product, "change": selectors.open_change(product),
                 "delisting": selectors.open_delisting(product)} for product in selectors.owned_products(request.user)]
    return render(request, "listing_requests/owned.html", {"products": products})


@login_required
def change(request, slug):
    product = _owned(request, slug)
    form = ChangeForm.for_listing(listing_fields(product), request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            changes.request_change(product=product, by=request.user, reason=form.cleaned_data["reason"],
                                   **form.proposal())
        except (FieldError, ListingRequestError) as error:
            _add_error(form, error)
        else:
            messages.success(request, gettext("Your request is sent: an L1 reviewer will look at it."))
            return redirect("listing_requests:change", product.slug)
    pending = selectors.open_change(product)
    return render(request, "listing_requests/change.html", {
        "product": product, "form": form, "pending": pending, "diff": selectors.diff(pending) if pending else [],
        "last": selectors.last_decided_change(product), "listed": product.status == Product.Status.DPG,
    }, status=400 if form.errors else 200)


@login_required
def delist(request, slug):
    product = _owned(request, slug)
    form = DelistingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            delisting.request_delisting(product=product, by=request.user, reason=form.cleaned_data["reason"])
        except (FieldError, ListingRequestError) as error:
            _add_error(form, error)
        else:
            messages.success(request, gettext("Your request is sent: the staff will confirm or decline it."))
            return redirect("listing_requests:delist", product.slug)
    return render(request, "listing_requests/delist.html", {
        "product": product, "form": form, "pending": selectors.open_delisting(product),
        "last": selectors.last_decided_delisting(product), "listed": product.status == Product.Status.DPG,
    }, status=400 if form.errors else 200)
