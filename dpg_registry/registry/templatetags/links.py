"""``{% if url|is_web_address %}<a href="{{ url }}">…{% else %}{{ url }}{% endif %}``: link only http(s) addresses.

Imported records keep addresses our forms would refuse (``javascript:…``, ``www.example.org``, a sentence
naming its links): they are shown as text, never as a link.
"""

from django import template

from dpg_registry.lib.validation import is_web_address as _is_web_address

register = template.Library()


@register.filter
def is_web_address(value) -> bool:
    return _is_web_address(value)
