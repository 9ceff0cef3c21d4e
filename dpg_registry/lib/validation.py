"""Checks of input shared by the apps' services: each error names the field at fault."""

import unicodedata
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext

from dpg_registry.lib.ports import port_problem

_url = URLValidator(schemes=["http", "https"])
_repository_url = URLValidator(schemes=["https"])
MAX_URL_LENGTH = 1000


class FieldError(ValueError):
    """A value refused for one field of a form or record; ``field`` names it, ``message`` says why."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def clean_urls(urls, field: str, *, repository: bool = False) -> list[str]:
    """Web addresses (http or https; https for repositories the registry clones) of bounded length."""
    cleaned = []
    for url in urls:
        url = url.strip()
        if not url:
            continue
        if len(url) > MAX_URL_LENGTH:
            raise FieldError(field, f"a web address is at most {MAX_URL_LENGTH} characters, not {len(url)}")
        try:
            (_repository_url if repository else _url)(url)
        except ValidationError:
            scheme = "https://" if repository else gettext("http:// or https://")
            raise FieldError(field, gettext("%(url)s is not a web address (it must start with %(scheme)s)")
                             % {"url": repr(url), "scheme": scheme}) from None
        if port_problem(url):
            raise FieldError(field, gettext("%(url)s names no valid port (a port is a number from 1 to 65535)")
                             % {"url": repr(url)})
        cleaned.append(url)
    return cleaned


def single_line(value: str, field: str) -> str:
    """``value`` unless it holds a control character (Unicode category Cc: NUL, tab, CR, LF, ESC, ...).

    Names, titles and addresses are one line: they go into e-mail headers (where a CR or LF makes Django
    refuse to send, with ``BadHeaderError``), CSV cells and page titles. Long texts keep their line breaks.
    """
    for character in value:
        if unicodedata.category(character) == "Cc":
            raise FieldError(field, gettext("a control character (%(character)s) is not allowed here: write it "
                                            "on one line") % {"character": f"U+{ord(character):04X}"})
    return value


def is_web_address(url) -> bool:
    """Whether ``url`` is an http or https address with a host: the only kind a page links to.

    ``urlsplit`` drops the spaces, tabs and line breaks a browser ignores in a link, so ``" javascript:x"``,
    or ``javascript:x`` with a tab inside its scheme, is read with the scheme the browser would see.
    """
    if not isinstance(url, str):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)
