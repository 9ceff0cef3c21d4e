from django import template

from dpg_registry.lib import names
from dpg_registry.standard import translations as data

register = template.Library()


@register.filter
def translated(text: str) -> str:
    """A text from the Standard's data files (indicator, question, SDG, category, sector) in the page's language."""
    return data.translate(text)


@register.filter
def country(iso_code: str) -> str:
    """An ISO 3166-1 alpha-2 code as the country's name in the page's language."""
    return names.country_name(iso_code) if iso_code else ""


@register.filter
def language(code: str) -> str:
    return names.language_name(code) if code else ""

