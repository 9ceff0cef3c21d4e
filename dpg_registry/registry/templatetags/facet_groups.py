"""``{% facet_groups groups %}``: the catalogue's facets, each a ``<details>`` listing its values, each value a link
that toggles it, with its count.

Built in Python: a search page lists up to 40 values of each of nine facets, and the template language would
spend more time on those few hundred links, and on the nine groups around them, than the search takes. A count is
written as a plain integer, as ``localize`` writes it while ``USE_THOUSAND_SEPARATOR`` is off (and ten times faster).
"""

from html import escape

from django import template
from django.utils.safestring import SafeString

register = template.Library()

# Open at first; the others are folded.
OPEN = {"status", "category", "sdg"}


def _rows(rows) -> str:
    return "\n".join(
        f'<li><a href="{escape(row["url"])}" class="on" aria-current="true">☑ {escape(str(row["label"]))} '
        f'<span class="count">{int(row["count"])}</span></a></li>' if row["selected"] else
        f'<li><a href="{escape(row["url"])}" class="">☐ {escape(str(row["label"]))} '
        f'<span class="count">{int(row["count"])}</span></a></li>'
        for row in rows
    )


@register.simple_tag
def facet_groups(groups) -> SafeString:
    """``groups``: (facet name, title, rows shown) for each facet."""
    return SafeString("".join(
        f'\n    <details{" open" if name in OPEN else ""}>\n      <summary>{escape(str(title))}</summary>\n'
        f'      <ul>{_rows(rows)}</ul>\n    </details>\n  '
        for name, title, rows in groups
    ))
