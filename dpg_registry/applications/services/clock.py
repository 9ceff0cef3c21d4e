"""The review clock: what time decides, with the system as the actor.

Missed clarification deadlines, reminders, renewals opening before a listing expires, and expiry: a listing
stays while its renewal is in review. Imported DPGs, which no approved application stands behind, follow
the same clock product by product (``imported_clock.py``). The scheduled task ``scheduled.run_review_clock``
calls these with one ``now``; each re-reads an application under a lock before it moves it, so a run beside
another (or after a crash) moves nothing twice.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from dpg_registry.applications.models import Application
from dpg_registry.applications.selectors import renewal_in_review
from dpg_registry.applications.services import notifications
from dpg_registry.applications.services.imported_clock import (
    expire_imported,
    open_imported_renewals,
    remind_imported_renewals,
)
from dpg_registry.applications.services.listing_end import end_after_refusal, end_listing, keep_listed_by_renewal
from dpg_registry.applications.services.renewals import start_renewal
from dpg_registry.applications.services.transitions import S, locked, move


def close_missed_deadlines(*, now=None) -> list[str]:
    """Applications whose clarification deadline passed without an answer become ineligible."""
    now = now or timezone.now()
    closed = []
    late = Application.objects.filter(state=S.CLARIFICATION_REQUESTED, clarification_deadline__lt=now)
    for candidate in late:
        with transaction.atomic():
            application = locked(candidate, None)
            if application.state != S.CLARIFICATION_REQUESTED or application.clarification_deadline >= now:
                continue
            codes = sorted(application.clarifications.filter(responded_at__isnull=True)
                           .values_list("indicator_code", flat=True))
            reason = (f"no answer by the deadline ({application.clarification_deadline:%Y-%m-%d %H:%M} UTC) "
                      f"to the clarification asked on indicator {', '.join(codes)}")
            application.decided_at = now
            application.decision_reason = reason
            move(application, "deadline", S.INELIGIBLE, actor=None, role="", reason=reason)
            notifications.send(application.editors.all(), "decision", application)
            end_after_refusal(application, now=now)
            closed.append(application.public_id)
    return closed


def send_reminders(*, now=None) -> list[str]:
    """Every few days (``DPG_REMINDER_DAYS``), remind applicants of open clarifications and renewals due (not of
    a renewal already in review)."""
    now = now or timezone.now()
    due = now - timedelta(days=settings.DPG_REMINDER_DAYS)
    reminded = []
    for application in Application.objects.filter(state__in=[S.CLARIFICATION_REQUESTED, S.RENEWAL_DUE]):
        last = application.last_reminder_at or application.state_entered_at
        if last > due or (application.state == S.RENEWAL_DUE and renewal_in_review(application.product)):
            continue
        with transaction.atomic():
            # Read again under the lock: a clock run beside this one (or before a crash) may have reminded.
            application = locked(application, None)
            if application.state not in (S.CLARIFICATION_REQUESTED, S.RENEWAL_DUE) or (
                (application.last_reminder_at or application.state_entered_at) > due
            ):
                continue
            Application.objects.filter(pk=application.pk).update(last_reminder_at=now)
            notifications.send(application.editors.all(), "reminder", application)
            reminded.append(application.public_id)
    return reminded + remind_imported_renewals(now=now)


def open_renewals(*, now=None) -> list[str]:
    """``DPG_RENEWAL_NOTICE_DAYS`` before a listing expires, open its renewal with the answers copied."""
    now = now or timezone.now()
    horizon = now.date() + timedelta(days=settings.DPG_RENEWAL_NOTICE_DAYS)
    opened = []
    for candidate in Application.objects.filter(state=S.DPG, product__expires_on__lte=horizon).select_related(
        "product"
    ):
        with transaction.atomic():
            application = locked(candidate, None)
            if application.state != S.DPG:
                continue
            move(application, "open_renewal", S.RENEWAL_DUE, actor=None, role="",
                  expires_on=application.product.expires_on.isoformat())
            start_renewal(application)
            notifications.send(application.editors.all(), "renewal_due", application)
            opened.append(application.public_id)
    return opened + open_imported_renewals(now=now)


def expire_listings(*, now=None) -> list[str]:
    """Listings past their expiry date without a renewal in review leave the DPG list, nothing deleted. A
    complete renewal draft is first submitted by the registry: the product then stays listed while it is
    reviewed, and only a refusal (``listing_end.end_after_refusal``) ends the listing."""
    now = now or timezone.now()
    expired = []
    for candidate in Application.objects.filter(
        state__in=[S.DPG, S.RENEWAL_DUE], product__expires_on__lt=now.date()
    ).select_related("product"):
        with transaction.atomic():
            application = locked(candidate, None)
            if application.state not in (S.DPG, S.RENEWAL_DUE):
                continue  # expired by a clock run beside this one, or before a crash
            product = application.product
            if keep_listed_by_renewal(product, now=now) is not None:
                continue
            end_listing(product, now=now, listed_by=application,
                        reason=f"DPG status expired on {product.expires_on.isoformat()} without a renewal in review")
            notifications.send(application.editors.all(), "expired", application)
            expired.append(application.public_id)
    return expired + expire_imported(now=now)
