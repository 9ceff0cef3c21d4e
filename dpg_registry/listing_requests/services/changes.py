"""An owner asks for a change to their listing; an L1 reviewer approves it (the listing changes through
``registry.services.edit_listing``, as the console's corrections do) or refuses it. One transaction each, audited
with the diff; the owner is told the outcome."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from dpg_registry.applications.services.notifications import send
from dpg_registry.audit.services import record
from dpg_registry.lib.validation import FieldError
from dpg_registry.listing_requests.errors import ListingRequestError, StaleRequest
from dpg_registry.listing_requests.fields import LABELS
from dpg_registry.listing_requests.models import ChangeRequest
from dpg_registry.listing_requests.selectors import CHANGE_REVIEWERS, stale_fields
from dpg_registry.listing_requests.services.checks import (
    deciding_role,
    locked_listed,
    owner_of_listed,
    reason_given,
)
from dpg_registry.registry import services as registry
from dpg_registry.registry.countries import country_code
from dpg_registry.registry.models import Product
from dpg_registry.registry.selectors import listing_fields

S = ChangeRequest.State


def request_change(*, product: Product, by, description: str, website: str, repositories: list[str],
                   deployment_countries: list[str], deployment_organisations: list[str],
                   reason: str) -> ChangeRequest:
    """Ask for the listing's fields to read as given (countries by name or code). Only the fields that differ from
    the listing are kept, and only those are checked, each refused value naming its field."""
    owner_of_listed(product, by)
    reason = reason_given(reason)
    current = listing_fields(product)
    given = {"description": description.strip(), "website": website.strip(),
             "repositories": _lines(repositories), "deployment_organisations": _lines(deployment_organisations),
             "deployment_countries": [_country(name, current["deployment_countries"])
                                      for name in _lines(deployment_countries)]}
    changed = {field: value for field, value in given.items() if value != current[field]}
    changed = {field: value for field, value in registry.clean_listing(**changed).items() if value != current[field]}
    if not changed:
        raise ListingRequestError(gettext("nothing to change: every field is as the listing has it"))
    with transaction.atomic():
        product = locked_listed(product, by)
        current = listing_fields(product)  # as it stands under the lock: the values a stale check compares with
        change = ChangeRequest(product=product, requested_by=by, before={field: current[field] for field in changed},
                               after=changed, reason=reason, created_at=timezone.now())
        try:
            with transaction.atomic():
                change.save()
        except IntegrityError:
            raise ListingRequestError(gettext("a change to %(product)s is already waiting for review")
                                      % {"product": product.name}) from None
        record(actor=by, role="owner", action="listing_change.request", subject=change, before=change.before,
               after=change.after, reason=reason)
    return change


def _lines(values) -> list[str]:
    return [value.strip() for value in values if value and value.strip()]


def _country(name: str, current: list[str]) -> str:
    """A country's code; a name the listing keeps unmatched stays as it is (kept only if it is not changed)."""
    if name in current:
        return name
    return country_code(name) or name


def decide_change(*, change: ChangeRequest, by, approve: bool, reason: str) -> ChangeRequest:
    """Approve (the listing takes the values asked for) or refuse, with the reason the owner is told. A request whose
    fields changed in the listing since it was made is not approved: it would overwrite the newer values."""
    role = deciding_role(by, CHANGE_REVIEWERS, change.product, change.requested_by_id)
    reason = reason_given(reason)
    with transaction.atomic():
        change = ChangeRequest.objects.select_for_update().select_related("product").get(pk=change.pk)
        if change.state != S.OPEN:
            raise ListingRequestError(gettext("this request is already decided"))
        product = Product.objects.select_for_update().get(pk=change.product_id)
        if approve:
            _apply(change, product, by=by, role=role, reason=reason)
        change.state = S.APPROVED if approve else S.REFUSED
        change.outcome, change.decided_at, change.decided_by = reason, timezone.now(), by
        change.save(update_fields=["state", "outcome", "decided_at", "decided_by"])
        record(actor=by, role=role, action=f"listing_change.{'approve' if approve else 'refuse'}", subject=change,
               before=change.before, after=change.after, reason=reason)
        if change.requested_by is not None:
            send([change.requested_by], f"listing_change_{change.state}", None, change=change, product=product,
                 site=settings.DPG_SITE_URL)
    return change


def _apply(change: ChangeRequest, product: Product, *, by, role: str, reason: str) -> None:
    if product.status != Product.Status.DPG:
        raise ListingRequestError(gettext("%(product)s is no longer listed: refuse the request")
                                  % {"product": product.name})
    stale = stale_fields(change, listing_fields(product))
    if stale:
        raise StaleRequest(gettext("the listing changed since the request was made (%(fields)s): refuse it, and the "
                                   "owner asks again from the listing as it is now")
                           % {"fields": ", ".join(str(LABELS[field]) for field in stale)})
    try:
        registry.edit_listing(product=product, by=by, role=role, reason=reason, **change.after)
    except FieldError as error:  # a value that passed when asked no longer does: refuse it, naming the field
        raise ListingRequestError(f"{LABELS.get(error.field, error.field)}: {error.message}") from None
