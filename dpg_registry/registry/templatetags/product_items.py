"""``{% product_items rows %}``: products in a list of results (rows of ``page_reads.listing_rows``), an ``<li>`` each.

Built in Python: the catalogue shows 20 on every search, and the template language took longer to lay them out
than the search takes to find them. What every row shares is made once a list: the profile address around the
slug (``reverse`` costs more than the rest of a row) and the word "SDG" in the page's language.
"""

import re
from html import escape

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from dpg_registry.registry.urls import ProductSlug
from dpg_registry.standard.translations import translate

register = template.Library()

DESCRIPTION_WORDS = 32
_SLUG = re.compile(ProductSlug.regex)
_PLACEHOLDER = "slug"


def _first_words(text: str) -> str:
    """``Truncator(text).words(DESCRIPTION_WORDS, truncate=" …")``, without its lazy object."""
    words = text.split()
    if len(words) <= DESCRIPTION_WORDS:
        return " ".join(words)
    shown = " ".join(words[:DESCRIPTION_WORDS])
    return shown if shown.endswith(" …") else shown + " …"


@register.simple_tag
def product_items(rows) -> SafeString:
    # A slug the profile's pattern takes whole is put into its address unchanged, as ``reverse`` would put it (its
    # characters need no quoting nor escaping); any other goes through ``reverse``, which refuses it as before.
    head, _, tail = reverse("profile", args=[_PLACEHOLDER]).rpartition(_PLACEHOLDER)
    head, tail = escape(head), escape(tail)
    sdg = " · " + gettext("SDG") + " "
    items = []
    for row in rows:
        slug = row["slug"]
        url = head + slug + tail if _SLUG.fullmatch(slug) else escape(reverse("profile", args=[slug]))
        meta = ", ".join(translate(label) for label in row["categories"])
        if row["sdgs"]:
            meta += sdg + ", ".join(str(number) for number in row["sdgs"])
        if row["licences"]:
            meta += " · " + ", ".join(row["licences"])
        items.append(
            f'<li>\n  <h3><a href="{url}"><bdi>{escape(row["name"])}</bdi></a> '
            f'<span class="status status-{escape(row["status"])}">{escape(str(row["status_label"]))}</span></h3>\n'
            f'  <p dir="auto">{escape(_first_words(str(row["description"])))}</p>\n'
            f'  <p class="meta">{escape(meta)}</p>\n</li>\n'
        )
    return SafeString("".join(items))
