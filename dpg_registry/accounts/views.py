"""The language switcher: links for visitors (pages stay cacheable and work without JavaScript), buttons for
signed-in people, whose choice is also kept on their account."""

from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from dpg_registry.accounts.middleware import note_language
from dpg_registry.lib.languages import in_language

ONE_YEAR = 365 * 24 * 3600


@require_http_methods(["GET", "POST"])
def switch_language(request, code: str):
    """Show the page the visitor came from (``next``) in that language, remembered in a cookie.

    Only a POST, which the CSRF check guards, also records the choice on a signed-in person's account (their
    e-mails follow it): a GET can come from a link or an image on any other site, so it changes the page
    language and nothing stored.
    """
    if code not in dict(settings.LANGUAGES):
        raise Http404("No such language")
    target = (request.POST if request.method == "POST" else request.GET).get("next", "/")
    here = {request.get_host()}
    if not url_has_allowed_host_and_scheme(target, allowed_hosts=here, require_https=request.is_secure()):
        target = "/"
    if request.method == "POST":
        note_language(request, code)
    response = HttpResponseRedirect(in_language(target, code))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME, code, max_age=ONE_YEAR, samesite="Lax", secure=request.is_secure()
    )
    return response
