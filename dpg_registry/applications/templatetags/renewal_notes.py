"""``{% answered_privately_last_time application as keys %}``: the questions a renewal's previous application
answered privately, so the form step can say so beside each (their answers start empty for anyone who could
not read them)."""

from django import template

from dpg_registry.applications.public_part import answered_privately_last_time as _answered_privately_last_time

register = template.Library()


@register.simple_tag
def answered_privately_last_time(application) -> set[str]:
    return _answered_privately_last_time(application)
