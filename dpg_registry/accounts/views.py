"""The language switcher: a plain link per language, so it works without JavaScript and keeps pages cacheable."""

from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.urls import translate_url
from django.utils.http import url_has_allowed_host_and_scheme

from dpg_registry.accounts.middleware import note_language

ONE_YEAR = 365 * 24 * 3600


def switch_language(request, code: str):
    """Remember the choice (in a cookie, and on the account of a signed-in person, whose messages follow it) and
    show the page the visitor came from (``?next=``) in that language."""
    if code not in dict(settings.LANGUAGES):
        raise Http404("No such language")
    target = request.GET.get("next", "/")
    here = {request.get_host()}
    if not url_has_allowed_host_and_scheme(target, allowed_hosts=here, require_https=request.is_secure()):
        target = "/"
    note_language(request, code)
    response = HttpResponseRedirect(translate_url(target, code))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME, code, max_age=ONE_YEAR, samesite="Lax", secure=request.is_secure()
    )
    return response
