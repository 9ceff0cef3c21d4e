"""``{% facet_rows rows %}``: a facet's values in the catalogue, each a link that toggles it, with its count.

Built in Python: a search page lists up to 40 values of each of nine facets, and the template language would
spend more time on those few hundred links than the search takes. A count is written as a plain integer, as
``localize`` writes it while ``USE_THOUSAND_SEPARATOR`` is off (and ten times faster).
"""

from html import escape

from django import template
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag
def facet_rows(rows) -> SafeString:
    return SafeString("\n".join(
        f'<li><a href="{escape(row["url"])}" class="on" aria-current="true">☑ {escape(str(row["label"]))} '
        f'<span class="count">{int(row["count"])}</span></a></li>' if row["selected"] else
        f'<li><a href="{escape(row["url"])}" class="">☐ {escape(str(row["label"]))} '
        f'<span class="count">{int(row["count"])}</span></a></li>'
        for row in rows
    ))
