"""``{% facet_rows rows %}``: a facet's values in the catalogue, each a link that toggles it, with its count.

Built in Python: a search page lists up to 40 values of each of nine facets, and the template language would
spend more time on those few hundred links than the search takes.
"""

from django import template
from django.utils.formats import localize
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

register = template.Library()

ROW = '<li><a href="{}" class="{}"{}>{} {} <span class="count">{}</span></a></li>'
SELECTED = SafeString(' aria-current="true"')


@register.simple_tag
def facet_rows(rows) -> SafeString:
    return format_html_join(
        "\n",
        ROW,
        (
            (row["url"], "on", SELECTED, "☑", row["label"], localize(row["count"])) if row["selected"]
            else (row["url"], "", "", "☐", row["label"], localize(row["count"]))
            for row in rows
        ),
    )
