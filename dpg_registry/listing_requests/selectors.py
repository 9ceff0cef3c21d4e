"""Reads of owners' requests: the open ones, the staff's queues, a change's diff against the listing, and who may
decide what."""

from dpg_registry.accounts.roles import Role
from dpg_registry.accounts.selectors import organisation_ids_of, roles_of
from dpg_registry.listing_requests.fields import LABELS, as_lines
from dpg_registry.listing_requests.models import ChangeRequest, DelistingRequest
from dpg_registry.ownership.models import ProductOwner
from dpg_registry.ownership.selectors import is_owner, owner_organisation
from dpg_registry.registry.models import Product
from dpg_registry.registry.selectors import listing_fields

# Who reviews a change (L1, and the roles above it), and who confirms a delisting.
CHANGE_REVIEWERS = frozenset({Role.L1.value, Role.L2.value, Role.ADMIN.value})
DELISTING_DECIDERS = frozenset({Role.L2.value, Role.ADMIN.value})


def acting_role(user, allowed) -> str:
    """The highest of ``user``'s roles among ``allowed`` (named in the audit trail), or "" without one."""
    held = roles_of(user) & set(allowed)
    return next((role.value for role in (Role.ADMIN, Role.L2, Role.L1) if role.value in held), "")


def has_conflict(user, product: Product, requested_by_id: int | None) -> bool:
    """Whether ``user`` speaks for the product: they asked, own it, or are a verified member of its owner."""
    if user.pk == requested_by_id or is_owner(user, product):
        return True
    organisation = owner_organisation(product)
    return organisation is not None and organisation.pk in organisation_ids_of(user)


def open_change(product: Product) -> ChangeRequest | None:
    return ChangeRequest.objects.filter(product=product, state=ChangeRequest.State.OPEN).first()


def open_delisting(product: Product) -> DelistingRequest | None:
    return DelistingRequest.objects.filter(product=product, state=DelistingRequest.State.OPEN).first()


def last_decided_change(product: Product) -> ChangeRequest | None:
    return ChangeRequest.objects.filter(product=product).exclude(state=ChangeRequest.State.OPEN).first()


def last_decided_delisting(product: Product) -> DelistingRequest | None:
    return DelistingRequest.objects.filter(product=product).exclude(state=DelistingRequest.State.OPEN).first()


def changes_to_review():
    """Open change requests, oldest first: L1's queue."""
    return (ChangeRequest.objects.filter(state=ChangeRequest.State.OPEN).select_related("product")
            .order_by("created_at", "pk"))


def delistings_to_decide():
    """Open delisting requests, oldest first."""
    return (DelistingRequest.objects.filter(state=DelistingRequest.State.OPEN).select_related("product")
            .order_by("created_at", "pk"))


def owned_products(user):
    """The products ``user`` is a verified owner of, by name."""
    ids = ProductOwner.objects.filter(user=user).values_list("product_id", flat=True)
    return Product.objects.filter(pk__in=ids).order_by("sort_name", "slug")


def stale_fields(change: ChangeRequest, current: dict | None = None) -> list[str]:
    """The fields of an open request whose value in the listing changed since the request was made."""
    current = current if current is not None else listing_fields(Product.objects.get(pk=change.product_id))
    return [field for field, value in change.before.items() if current[field] != value]


def diff(change: ChangeRequest) -> list[dict]:
    """Field by field: the listing's value when the request was made, its value now (an open request), and the
    value asked for; ``stale`` when the listing changed since."""
    is_open = change.state == ChangeRequest.State.OPEN
    current = listing_fields(Product.objects.get(pk=change.product_id)) if is_open else None
    stale = set(stale_fields(change, current)) if current is not None else set()
    rows = []
    for field, label in LABELS.items():
        if field not in change.after:
            continue
        before, after = as_lines(field, change.before[field]), as_lines(field, change.after[field])
        rows.append({
            "field": field, "label": label, "before": before, "after": after, "stale": field in stale,
            "now": as_lines(field, current[field]) if field in stale else None,
            "removed": [line for line in before if line not in after],
            "added": [line for line in after if line not in before],
        })
    return rows
