from django import template
from django.conf import settings
from django.urls import translate_url

register = template.Library()


@register.simple_tag(takes_context=True)
def language_alternates(context) -> list[tuple[str, str]]:
    """This page's address in each language, as (hreflang, absolute URL), English also as ``x-default``."""
    request = context["request"]
    here = request.get_full_path()
    found = [(code, request.build_absolute_uri(translate_url(here, code))) for code, _name in settings.LANGUAGES]
    return [*found, ("x-default", dict(found)[settings.LANGUAGE_CODE])]
