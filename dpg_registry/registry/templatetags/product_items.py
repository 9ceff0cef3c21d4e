"""``{% product_item row %}``: a product in a list of results (a row of ``page_reads.listing_rows``).

Built in Python: the catalogue shows 20 on every search, and the template language took longer to lay them out
than the search takes to find them.
"""

from html import escape

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.text import Truncator
from django.utils.translation import gettext

from dpg_registry.standard.translations import translate

register = template.Library()

DESCRIPTION_WORDS = 32


@register.simple_tag
def product_item(row: dict) -> SafeString:
    meta = ", ".join(translate(label) for label in row["categories"])
    if row["sdgs"]:
        meta += " · " + gettext("SDG") + " " + ", ".join(str(number) for number in row["sdgs"])
    if row["licences"]:
        meta += " · " + ", ".join(row["licences"])
    description = Truncator(row["description"]).words(DESCRIPTION_WORDS, truncate=" …")
    return SafeString(
        f'<li>\n  <h3><a href="{escape(reverse("profile", args=[row["slug"]]))}"><bdi>{escape(row["name"])}</bdi></a> '
        f'<span class="status status-{escape(row["status"])}">{escape(str(row["status_label"]))}</span></h3>\n'
        f'  <p dir="auto">{escape(description)}</p>\n  <p class="meta">{escape(meta)}</p>\n</li>\n'
    )
