"""Template helpers: a product's maturity assessments for its profile page."""

from django import template

from dpg_registry.ecosystem.maturity import PILLARS
from dpg_registry.ecosystem.selectors import assessments_of

register = template.Library()


@register.inclusion_tag("ecosystem/_product_maturity.html", takes_context=True)
def product_maturity(context, product):
    request = context.get("request")
    return {"assessments": list(assessments_of(product)), "pillars": PILLARS,
            "offline": getattr(request, "offline_copy", False)}  # the offline copy has no community pages
