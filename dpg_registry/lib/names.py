"""Country and language names in the language of the request, from the Unicode CLDR (through Babel)."""

from functools import lru_cache

from babel import Locale
from django.utils.translation import get_language


@lru_cache(maxsize=8)
def _locale(code: str) -> Locale:
    return Locale.parse(code.replace("-", "_"))


def country_name(iso_code: str, default: str = "") -> str:
    """The country's name, e.g. ``country_name("KE")`` is "Kenya", or "Kenia" in Spanish."""
    return _locale(get_language() or "en").territories.get(iso_code.upper(), default or iso_code)


def country_names(iso_codes) -> dict[str, str]:
    """Many countries' names at once (the language is looked up once): code to name, as ``country_name``."""
    territories = _locale(get_language() or "en").territories
    return {code: territories.get(code.upper(), code) for code in iso_codes}


def language_name(code: str) -> str:
    """A language's name in the current language (ISO 639-1 or -3 code)."""
    return _locale(get_language() or "en").languages.get(code.lower(), code)
