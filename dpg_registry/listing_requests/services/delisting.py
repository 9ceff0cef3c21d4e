"""An owner asks for their product to leave the DPG list; an L2 reviewer or an admin confirms (the product is
archived, nothing is deleted) or declines. One transaction each, audited; the owner is told the outcome."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from dpg_registry.applications.services.notifications import send
from dpg_registry.audit.services import record
from dpg_registry.listing_requests.errors import ListingRequestError
from dpg_registry.listing_requests.models import DelistingRequest
from dpg_registry.listing_requests.selectors import DELISTING_DECIDERS
from dpg_registry.listing_requests.services.checks import (
    deciding_role,
    locked_listed,
    owner_of_listed,
    reason_given,
)
from dpg_registry.registry import services as registry
from dpg_registry.registry.models import Product

S = DelistingRequest.State
# What the public record says of a product delisted this way (the owner's reason stays with the staff).
DELISTED_REASON = "delisted at the owner's request"


def request_delisting(*, product: Product, by, reason: str) -> DelistingRequest:
    owner_of_listed(product, by)
    reason = reason_given(reason)
    with transaction.atomic():
        product = locked_listed(product, by)
        delisting = DelistingRequest(product=product, requested_by=by, reason=reason, created_at=timezone.now())
        try:
            with transaction.atomic():
                delisting.save()
        except IntegrityError:
            raise ListingRequestError(gettext("the delisting of %(product)s is already waiting for the staff")
                                      % {"product": product.name}) from None
        record(actor=by, role="owner", action="listing_delisting.request", subject=delisting,
               after={"product": product.slug}, reason=reason)
    return delisting


def decide_delisting(*, delisting: DelistingRequest, by, confirm: bool, reason: str) -> DelistingRequest:
    """Confirm (the product leaves the DPG list, archived) or decline, with the reason the owner is told."""
    role = deciding_role(by, DELISTING_DECIDERS, delisting.product, delisting.requested_by_id)
    reason = reason_given(reason)
    with transaction.atomic():
        delisting = DelistingRequest.objects.select_for_update().get(pk=delisting.pk)
        if delisting.state != S.OPEN:
            raise ListingRequestError(gettext("this request is already decided"))
        product = Product.objects.select_for_update().get(pk=delisting.product_id)
        status = {"status": product.status}
        if confirm:
            if product.status != Product.Status.DPG:
                raise ListingRequestError(gettext("%(product)s is no longer listed: decline the request")
                                          % {"product": product.name})
            registry.change_status(product=product, status=Product.Status.ARCHIVED, reason=DELISTED_REASON,
                                   on=timezone.localdate())
        delisting.state = S.CONFIRMED if confirm else S.DECLINED
        delisting.outcome, delisting.decided_at, delisting.decided_by = reason, timezone.now(), by
        delisting.save(update_fields=["state", "outcome", "decided_at", "decided_by"])
        record(actor=by, role=role, action=f"listing_delisting.{'confirm' if confirm else 'decline'}",
               subject=delisting, before=status, after={"product": product.slug, "status": product.status},
               reason=reason)
        if delisting.requested_by is not None:
            send([delisting.requested_by], f"listing_delisting_{delisting.state}", None, delisting=delisting,
                 product=product, site=settings.DPG_SITE_URL)
    return delisting
