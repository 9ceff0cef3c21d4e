"""Send a first visit to an English page to the visitor's language.

English pages have no URL prefix; French, Spanish and Arabic ones live under ``/fr/``, ``/es/`` and
``/ar/``. A visitor who has not chosen a language (no language cookie) and whose browser prefers one of
the other three is redirected to the same page in it. A visitor who chose English stays. Only pages take
part: the API, dumps, badges, feeds and static files answer the same in every language.
"""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.http import HttpResponseRedirect
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language_from_path, get_supported_language_variant
from django.utils.translation.trans_real import parse_accept_lang_header

NOT_PAGES = ("/api/", "/static/", "/healthz", "/language/")


def unprefixed(path: str) -> str:
    """The path without its language prefix: ``/fr/accounts/login/`` is ``/accounts/login/``."""
    language = get_language_from_path(path)
    return path[len(language) + 1 :] if language else path


def in_language(url: str, code: str) -> str:
    """The same page in language ``code``: ``in_language("/fr/registry/?q=x", "en")`` is ``/registry/?q=x``.

    Only the prefix changes, so a page is found whatever language it was in (Django's ``translate_url``
    resolves the path in the current language and leaves a page of another language as it was).
    """
    parts = urlsplit(url)
    path = unprefixed(parts.path) or "/"
    if code != settings.LANGUAGE_CODE and is_page(path):
        path = f"/{code}{path}"
    return urlunsplit(parts._replace(path=path))


def is_page(path: str) -> bool:
    return path.endswith("/") and not path.startswith(NOT_PAGES)


def preferred_language(request) -> str:
    """The visitor's language: the cookie they set with the switcher, else their browser's first supported one."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if chosen:
        try:
            return get_supported_language_variant(chosen)
        except LookupError:
            pass
    for code, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        if code == "*":
            break
        try:
            return get_supported_language_variant(code)
        except LookupError:
            continue
    return settings.LANGUAGE_CODE


class BrowserLanguage:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        english_page = request.method in ("GET", "HEAD") and is_page(path) and not get_language_from_path(path)
        if english_page:
            language = preferred_language(request)
            if language != settings.LANGUAGE_CODE:
                response = HttpResponseRedirect(f"/{language}{request.get_full_path()}")
                patch_vary_headers(response, ("Accept-Language", "Cookie"))
                return response
        response = self.get_response(request)
        if english_page:
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response
