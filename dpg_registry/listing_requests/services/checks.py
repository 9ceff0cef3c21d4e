"""What every request and decision checks first: the person's right, the product's state, a reason."""

from django.utils.translation import gettext

from dpg_registry.lib.validation import FieldError
from dpg_registry.listing_requests.errors import ListingRequestError, NotAllowed
from dpg_registry.listing_requests.selectors import acting_role, has_conflict
from dpg_registry.ownership.selectors import is_owner
from dpg_registry.registry.models import Product


def owner_of_listed(product: Product, by) -> None:
    """Only a verified owner asks, and only about a product listed as a DPG (call it again under the product's lock,
    as ``locked_listed`` does, to be sure of its status)."""
    if not is_owner(by, product):
        raise NotAllowed(gettext("only the verified owners of %(product)s ask for changes to its listing")
                         % {"product": product.name})
    if product.status != Product.Status.DPG:
        raise ListingRequestError(gettext("%(product)s is not listed as a digital public good")
                                  % {"product": product.name})


def deciding_role(by, allowed, product: Product, requested_by_id: int | None) -> str:
    """The staff role ``by`` decides in; refused without one, or when they speak for the product."""
    role = acting_role(by, allowed)
    if not role:
        raise NotAllowed(gettext("this decision needs one of the roles: %(roles)s")
                         % {"roles": ", ".join(sorted(allowed))})
    if has_conflict(by, product, requested_by_id):
        raise NotAllowed(gettext("nobody decides a request about a product they own or speak for"))
    return role


def reason_given(reason: str, field: str = "reason") -> str:
    reason = reason.strip()
    if not reason:
        raise FieldError(field, gettext("give the reason: it is kept in the audit trail"))
    return reason


def locked_listed(product: Product, by) -> Product:
    """Inside the request's transaction: the product locked, and checked again."""
    product = Product.objects.select_for_update().get(pk=product.pk)
    owner_of_listed(product, by)
    return product
