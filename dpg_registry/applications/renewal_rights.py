"""Who may renew a listed product: its verified owners, the editors of the application the registry last
approved for it (the review clock opens their renewal too), or an admin or L2 reviewer acting for them."""

from dpg_registry.applications.models import Application
from dpg_registry.ownership.selectors import renewal_right as owners_right
from dpg_registry.registry.models import Product

S = Application.State
DECIDED_LISTED = (S.DPG, S.RENEWAL_DUE, S.EXPIRED, S.RENEWED)


def renewal_right(user, product: Product) -> str:
    """"owner", "editor", "staff" (acting for the owners), or "" when ``user`` may not renew ``product``."""
    right = owners_right(user, product)
    if right == "owner" or not user.is_authenticated:
        return right
    approved = (product.applications.filter(decided_at__isnull=False, state__in=DECIDED_LISTED)
                .order_by("-decided_at").first())
    if approved is not None and approved.editors.filter(pk=user.pk).exists():
        return "editor"
    return right
