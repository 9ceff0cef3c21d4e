"""The review clock for DPGs listed without a review (imported records): the same clock as reviewed
listings, product by product, since no approved application stands behind them.

Their renewal opens ``DPG_RENEWAL_NOTICE_DAYS`` before expiry for the product's verified owners; a product
nobody has claimed waits in the staff console's "renewals with no owner". At expiry, a renewal in review (or
a complete draft, which the registry submits) keeps the product listed; otherwise it leaves the DPG list.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from dpg_registry.applications.models import Application
from dpg_registry.applications.selectors import UNDER_REVIEW, listed_without_review
from dpg_registry.applications.services import notifications
from dpg_registry.applications.services.listing_end import end_listing, keep_listed_by_renewal
from dpg_registry.applications.services.renewals import start_product_renewal
from dpg_registry.applications.services.transitions import S, locked
from dpg_registry.audit.services import record
from dpg_registry.ownership.selectors import owners_of
from dpg_registry.registry.models import Product


def _notice_starts(product: Product):
    return product.expires_on - timedelta(days=settings.DPG_RENEWAL_NOTICE_DAYS)


def _horizon(now: datetime):
    return now.date() + timedelta(days=settings.DPG_RENEWAL_NOTICE_DAYS)


def _locked_product(product: Product) -> Product:
    return Product.objects.select_for_update().get(pk=product.pk)


def open_imported_renewals(*, now: datetime) -> list[str]:
    """Open the renewal of each imported DPG within the notice period, once per expiry date."""
    opened = []
    for candidate in listed_without_review().filter(expires_on__lte=_horizon(now)):
        with transaction.atomic():
            product = _locked_product(candidate)
            # One renewal per expiry: none while one is open, or if one was started since the notice period began.
            if product.status != Product.Status.DPG or product.applications.filter(
                Q(state__in=(S.DRAFT, *UNDER_REVIEW)) | Q(created_at__date__gte=_notice_starts(product))
            ).exists():
                continue
            owners = list(owners_of(product))
            renewal = start_product_renewal(product, editors=owners)
            notifications.send(owners, "renewal_due", renewal)
            opened.append(renewal.public_id)
    return opened


def remind_imported_renewals(*, now: datetime) -> list[str]:
    """Every ``DPG_REMINDER_DAYS``, remind the owners of an imported DPG of its renewal draft. Owners verified
    since the draft opened become its editors, so the reminder's link opens a draft they may edit."""
    due = now - timedelta(days=settings.DPG_REMINDER_DAYS)
    reminded = []
    drafts = Application.objects.filter(
        state=S.DRAFT, renewal_of__isnull=True,
        product__in=listed_without_review().filter(expires_on__lte=_horizon(now)),
    )
    for candidate in drafts:
        if (candidate.last_reminder_at or candidate.state_entered_at) > due:
            continue
        with transaction.atomic():
            draft = locked(candidate, None)
            if draft.state != S.DRAFT or (draft.last_reminder_at or draft.state_entered_at) > due:
                continue
            new_owners = list(owners_of(draft.product).exclude(pk__in=draft.editors.values("pk")))
            if new_owners:
                draft.editors.add(*new_owners)
                record(actor=None, role="", action="application.share_with_owners", subject=draft,
                       after={"editors_added": [user.pk for user in new_owners]},
                       reason="verified owners of the product since its renewal opened")
            editors = list(draft.editors.all())
            if not editors:
                continue  # nobody owns the product yet: the staff console lists it
            Application.objects.filter(pk=draft.pk).update(last_reminder_at=now)
            notifications.send(editors, "reminder", draft)
            reminded.append(draft.public_id)
    return reminded


def expire_imported(*, now: datetime) -> list[str]:
    """Imported DPGs past their expiry with no renewal in review (and no complete draft) leave the DPG list."""
    expired = []
    for candidate in listed_without_review().filter(expires_on__lt=now.date()):
        with transaction.atomic():
            product = _locked_product(candidate)
            if product.status != Product.Status.DPG or product.expires_on >= now.date():
                continue
            if keep_listed_by_renewal(product, now=now) is not None:
                continue
            end_listing(product, now=now,
                        reason=f"DPG status expired on {product.expires_on.isoformat()} without a renewal in review")
            draft = product.applications.filter(state=S.DRAFT).order_by("-created_at").first()
            if draft is not None:
                notifications.send(draft.editors.all(), "expired", draft)
            expired.append(product.slug)
    return expired
