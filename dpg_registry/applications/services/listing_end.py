"""When a listing reaches its expiry date: a renewal keeps it listed while it is reviewed; only a renewal
refused (or closed for a missed clarification deadline), or none at all, ends it.

These functions run inside their caller's transaction, with the registry itself as the actor.
"""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from dpg_registry.applications.models import Application
from dpg_registry.applications.publish import withdraw_listing
from dpg_registry.applications.selectors import missing, renewal_in_review
from dpg_registry.applications.services import notifications
from dpg_registry.applications.services.repository_checks import request_check
from dpg_registry.applications.services.transitions import S, locked, move
from dpg_registry.audit.services import record
from dpg_registry.registry.models import Product


def keep_listed_by_renewal(product: Product, *, now: datetime) -> Application | None:
    """The renewal that keeps ``product`` listed past its expiry date: the one in review, or else the newest
    complete renewal draft (the previous answers copied when it opened), which the registry submits now."""
    return renewal_in_review(product) or _submit_complete_draft(product, now)


def submit_renewals_at_expiry(*, now: datetime | None = None) -> list[str]:
    """For each listing past its expiry date with no renewal in review, the registry submits the newest complete
    renewal draft as the renewal: the product stays listed while it is reviewed."""
    now = now or timezone.now()
    submitted = []
    for candidate in Product.objects.filter(status=Product.Status.DPG, expires_on__lt=now.date()):
        with transaction.atomic():
            product = Product.objects.select_for_update().get(pk=candidate.pk)
            if (product.status != Product.Status.DPG or product.expires_on >= now.date()
                    or renewal_in_review(product) is not None):
                continue
            renewal = _submit_complete_draft(product, now)
            if renewal is not None:
                submitted.append(renewal.public_id)
    return submitted


def _submit_complete_draft(product: Product, now: datetime) -> Application | None:
    for draft in product.applications.filter(state=S.DRAFT).order_by("-created_at"):
        if missing(draft):
            continue
        draft = locked(draft, None)
        draft.submitted_at = now
        move(draft, "submit", S.SUBMITTED, actor=None, role="", expires_on=product.expires_on.isoformat(),
             reason="submitted by the registry as the renewal when the listing reached its expiry date; "
                    "the product stays listed while it is reviewed")
        notifications.send(draft.editors.all(), "submitted", draft)
        if draft.repository_urls:
            request_check(application=draft)
        return draft
    return None


def end_listing(product: Product, *, now: datetime, reason: str, listed_by: Application | None = None) -> None:
    """Take ``product`` off the DPG list as expired, deleting nothing; ``listed_by`` is the approved application
    behind the listing, if any (it becomes expired), else the audit trail records the product's own change."""
    if listed_by is not None:
        move(listed_by, "expire", S.EXPIRED, actor=None, role="", reason=reason,
             expires_on=product.expires_on.isoformat())
    else:
        record(actor=None, role="", action="product.expire", subject=product, reason=reason,
               before={"status": product.status}, after={"status": Product.Status.EXPIRED,
                                                         "expires_on": product.expires_on.isoformat()})
    withdraw_listing(product, status=Product.Status.EXPIRED, on=now.date(), reason=reason)


def end_after_refusal(renewal: Application, *, now: datetime | None = None) -> None:
    """A renewal found ineligible (or closed for a missed deadline) ends its product's listing if the listing
    is already past its expiry date; before that date the listing runs on, and the clock decides at expiry."""
    now = now or timezone.now()
    if renewal.product_id is None:
        return
    product = Product.objects.select_for_update().get(pk=renewal.product_id)
    if product.status != Product.Status.DPG or product.expires_on is None or product.expires_on >= now.date():
        return
    if renewal_in_review(product) is not None:
        return  # another renewal is still in review
    listed_by = product.applications.filter(state__in=[S.DPG, S.RENEWAL_DUE]).first()
    end_listing(product, now=now, listed_by=locked(listed_by, None) if listed_by else None,
                reason=f"DPG status expired on {product.expires_on.isoformat()}: its renewal "
                       f"{renewal.public_id} was not approved")
