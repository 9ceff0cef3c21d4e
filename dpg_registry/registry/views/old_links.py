"""Addresses other registries gave out: the DPG Alliance's ``/r/<slug>`` profiles and its application ids.

Each known one answers with a permanent redirect to the product's profile; an unknown one with a 404 page that
offers a search for the words of the address.
"""

from django.http import HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from dpg_registry.registry import selectors


@require_GET
def profile_by_slug(request, slug):
    product = selectors.product_by_old_slug(slug)
    if product is None:
        return _not_found(request, slug.replace("-", " ").replace("_", " ").replace(".", " "))
    return HttpResponsePermanentRedirect(reverse("profile", args=[product.slug]))


@require_GET
def profile_by_dpga_id(request, identifier):
    product = selectors.product_by_dpga_id(identifier)
    if product is None:
        return _not_found(request, "")
    return HttpResponsePermanentRedirect(reverse("profile", args=[product.slug]))


def _not_found(request, words: str):
    return render(request, "registry/old_link_not_found.html", {"path": request.path, "words": words}, status=404)
