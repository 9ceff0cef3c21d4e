from django import template

from dpg_registry.ownership.selectors import claimed_by, has_owners

register = template.Library()


@register.inclusion_tag("ownership/_product_ownership.html", takes_context=True)
def product_ownership(context, product):
    """"Claimed by <organisation>" (or by its owners, for a record naming no owner organisation) or "Unclaimed",
    with the way to claim it (not in the offline copy)."""
    request = context.get("request")
    return {"product": product, "claimed_by": claimed_by(product), "owned": has_owners(product),
            "offline": getattr(request, "offline_copy", False)}
