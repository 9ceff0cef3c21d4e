"""``{% renewal_under_review product as in_review %}``: whether a listed product's renewal is in review, so the
profile can say it stays listed while the renewal is decided."""

from django import template

from dpg_registry.applications.selectors import renewal_in_review
from dpg_registry.registry.models import Product

register = template.Library()


@register.simple_tag
def renewal_under_review(product: Product) -> bool:
    return product.status == Product.Status.DPG and renewal_in_review(product) is not None
