from django import template
from django.conf import settings

from dpg_registry.lib.languages import in_language

register = template.Library()


@register.simple_tag(takes_context=True)
def language_alternates(context) -> list[tuple[str, str]]:
    """This page's address in each language, as (hreflang, absolute URL), English also as ``x-default``.

    Only the language prefix changes (``in_language``): the pages that name their alternates are pages in every
    language, so nothing needs resolving.
    """
    request = context["request"]
    here = request.get_full_path()
    found = [(code, request.build_absolute_uri(in_language(here, code))) for code, _name in settings.LANGUAGES]
    return [*found, ("x-default", dict(found)[settings.LANGUAGE_CODE])]
