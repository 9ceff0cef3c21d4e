"""``{{ code|indicator_url:version }}``: the address where the Standard explains an indicator (of ``version``,
or of the current version when it is None), for every page that names one."""

from django import template

from dpg_registry.standard.selectors import indicator_url as address_of

register = template.Library()


@register.filter
def indicator_url(code, version=None) -> str:
    return address_of(str(code), version)
