"""Challenges: anyone may say a listed DPG no longer meets the Standard; reviewers dismiss or uphold it."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from dpg_registry.accounts.roles import Role
from dpg_registry.accounts.selectors import roles_of
from dpg_registry.applications.errors import AnswerErrors, InvalidTransition, NotAllowed
from dpg_registry.applications.models import Challenge
from dpg_registry.applications.selectors import UNDER_REVIEW, listed_without_review
from dpg_registry.applications.services import notifications
from dpg_registry.applications.services.notifications import recipients
from dpg_registry.applications.services.renewals import start_product_renewal, start_renewal
from dpg_registry.applications.services.transitions import S, locked, move
from dpg_registry.audit.services import record
from dpg_registry.lib.validation import FieldError
from dpg_registry.ownership.selectors import owners_of
from dpg_registry.registry.models import Product


def raise_challenge(*, product: Product, by, reasons: str, role: str = Role.APPLICANT) -> Challenge:
    """Anyone's case against a listed DPG; staff raise one too (``role`` names theirs) to open a product's review."""
    if not reasons.strip():
        raise AnswerErrors([FieldError("reasons", gettext("explain why the product no longer meets the Standard"))])
    if product.status != Product.Status.DPG:
        raise InvalidTransition(gettext("%(name)s is not a listed DPG; only listed DPGs can be challenged")
                                % {"name": product.name})
    with transaction.atomic():
        challenge = Challenge.objects.create(product=product, raised_by=by, reasons=reasons.strip(),
                                             raised_at=timezone.now())
        record(actor=by, role=role, action="challenge.raise", subject=challenge,
               after={"product": product.slug})
    return challenge


def resolve_challenge(*, challenge: Challenge, by, upheld: bool, resolution: str) -> Challenge:
    """Dismiss a challenge, or uphold it: then the product's renewal opens now, so its owners answer again (an
    imported listing's too)."""
    if not resolution.strip():
        raise AnswerErrors([FieldError("resolution",
                                        gettext("explain the outcome; the person who raised it will read it"))])
    with transaction.atomic():
        challenge = Challenge.objects.select_for_update().get(pk=challenge.pk)
        if not roles_of(by) & {Role.L1, Role.L2, Role.ADMIN}:
            raise NotAllowed(gettext("challenges are resolved by L1 or L2 reviewers or admins"))
        if challenge.state != Challenge.State.OPEN:
            raise InvalidTransition(gettext("this challenge was already resolved"))
        challenge.state = Challenge.State.UPHELD if upheld else Challenge.State.DISMISSED
        challenge.resolved_by, challenge.resolved_at, challenge.resolution = by, timezone.now(), resolution.strip()
        challenge.save()
        record(actor=by, role=",".join(sorted(roles_of(by) - {Role.APPLICANT})), action="challenge.resolve",
               subject=challenge, after={"state": challenge.state}, reason=resolution)
        if upheld:
            _open_renewal(challenge.product, by=by, reason=resolution)
        notifications.send(recipients(challenge.raised_by), "challenge_resolved", None, challenge=challenge)
    return challenge


def _open_renewal(product: Product, *, by, reason: str) -> None:
    """Open the renewal of a challenged listing now: the reviewed application's, or for a listing imported
    without a review the product's own, for its verified owners (nobody yet: the staff console lists it)."""
    listed = product.applications.filter(state=S.DPG).first()
    if listed is not None:
        listed = locked(listed, None)
        move(listed, "open_renewal", S.RENEWAL_DUE, actor=by, role=Role.L2, reason=reason)
        start_renewal(listed)
        notifications.send(listed.editors.all(), "renewal_due", listed)
    elif (listed_without_review().filter(pk=product.pk).exists()
          and not product.applications.filter(state__in=(S.DRAFT, *UNDER_REVIEW)).exists()):
        owners = list(owners_of(product))
        renewal = start_product_renewal(product, editors=owners)
        notifications.send(owners, "renewal_due", renewal)
