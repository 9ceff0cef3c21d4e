from django import template

from dpg_registry.ownership.selectors import claimed_by, has_owners, is_owner

register = template.Library()


@register.inclusion_tag("ownership/_product_ownership.html", takes_context=True)
def product_ownership(context, product):
    """"Claimed by <organisation>" (or by its owners, for a record naming no owner organisation) or "Unclaimed",
    with the way to claim it (not in the offline copy); its verified owners also find how to ask for a change or
    for delisting (only pages with a session, never cached, show it)."""
    request = context.get("request")
    offline = getattr(request, "offline_copy", False)
    user = getattr(request, "user", None)
    return {"product": product, "claimed_by": claimed_by(product), "owned": has_owners(product), "offline": offline,
            "is_owner": not offline and user is not None and is_owner(user, product)}
