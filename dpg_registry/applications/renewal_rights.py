"""Who may renew a listed product: its verified owners, the editors of the application the registry last
approved for it (the review clock opens their renewal too), or an admin or L2 reviewer acting for them."""

from dpg_registry.applications.selectors import last_approved
from dpg_registry.ownership.selectors import renewal_right as owners_right
from dpg_registry.registry.models import Product


def renewal_right(user, product: Product) -> str:
    """"owner", "editor", "staff" (acting for the owners), or "" when ``user`` may not renew ``product``."""
    right = owners_right(user, product)
    if right == "owner" or not user.is_authenticated:
        return right
    approved = last_approved(product)
    if approved is not None and approved.editors.filter(pk=user.pk).exists():
        return "editor"
    return right
