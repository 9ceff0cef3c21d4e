from django import template

from dpg_registry.reports.charts import number

register = template.Library()


@register.filter
def figure(value) -> str:
    """A count or a number of days as the page's language writes it; "–" when there is none."""
    return "–" if value is None else number(value)
