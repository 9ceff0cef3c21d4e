"""Staff accounts must use TOTP: set it up first, then prove it in every session."""

from django.contrib import messages
from django.http import HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext

from dpg_registry.accounts.selectors import is_staff
from dpg_registry.accounts.services import remember_language
from dpg_registry.lib.languages import is_page, unprefixed

# Pages a staff member can reach before MFA is in place: signing in and out, and setting MFA up.
OPEN_PREFIXES = ("/accounts/",)
# The page that sent a staff member to set up their authenticator app, to go back to once it is active.
SESSION_NEXT_KEY = "dpg_mfa_next"


def mfa_problem(request) -> str:
    """What keeps a signed-in staff member from staff work, or "" when nothing does."""
    from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY
    from allauth.mfa.models import Authenticator

    if not Authenticator.objects.filter(user=request.user, type=Authenticator.Type.TOTP).exists():
        return "setup"
    methods = request.session.get(AUTHENTICATION_METHODS_SESSION_KEY, [])
    if not any(method.get("method") == "mfa" for method in methods):
        return "prove"
    return ""


def same_site_path(request, url: str) -> bool:
    return url.startswith("/") and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()})


class StaffMfaRequired:
    """Staff pages wait until the session has proven the authenticator app; the API answers 403.

    Only pages are redirected: a stylesheet, the favicon, robots.txt, a dump or a badge the browser asks for on
    its own is answered as it is for anyone, so that it never lands on (and renews) the set-up page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not is_staff(user):
            return self.get_response(request)
        path = unprefixed(request.path_info)
        if path.startswith(OPEN_PREFIXES):
            return self._setting_up(request)
        api = path.startswith("/api/")
        if not (api or is_page(path)):
            return self.get_response(request)
        problem = mfa_problem(request)
        if not problem:
            return self.get_response(request)
        if api:
            return JsonResponse(
                {"title": "Multi-factor authentication required", "status": 403,
                 "detail": "staff accounts must sign in with their authenticator app"},
                status=403, content_type="application/problem+json",
            )
        here = request.get_full_path()
        if problem == "setup" and request.method in ("GET", "HEAD") and same_site_path(request, here):
            request.session[SESSION_NEXT_KEY] = here
        target = "mfa_activate_totp" if problem == "setup" else "mfa_reauthenticate"
        return HttpResponseRedirect(f"{reverse(target)}?{urlencode({'next': here})}")

    def _setting_up(self, request):
        """An account page; once the authenticator app is activated, back to the page that asked for it."""
        waiting = request.method == "POST" and request.session.get(SESSION_NEXT_KEY)
        if not waiting or mfa_problem(request) != "setup":
            return self.get_response(request)
        response = self.get_response(request)
        if not request.user.is_authenticated or mfa_problem(request) == "setup":  # signed out, or not activated
            return response
        destination = request.session.pop(SESSION_NEXT_KEY)
        if not same_site_path(request, destination):
            return response
        messages.info(request, format_html(
            '{} <a href="{}">{}</a>',
            gettext("Keep your recovery codes somewhere safe: each signs you in once if you lose your "
                    "authenticator app."),
            reverse("mfa_view_recovery_codes"),
            gettext("See your recovery codes"),
        ))
        return HttpResponseRedirect(destination)


# The language last recorded for the session's account, so the database is written only when it changes.
SESSION_LANGUAGE_KEY = "dpg_language"


def note_language(request, language: str) -> None:
    """Remember that the signed-in person uses the site in ``language``: their messages will be written in it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or request.session.get(SESSION_LANGUAGE_KEY) == language:
        return
    remember_language(user=user, language=language)
    request.session[SESSION_LANGUAGE_KEY] = language


class RememberLanguage:
    """A signed-in person's language follows the forms they send (from ``/fr/...`` French, unprefixed English).

    Only a POST counts, which the CSRF check has let through: any other site can make a signed-in person's
    browser GET a page (with a link, or an image), and that must not change the language of their e-mails.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (request.method == "POST" and response.status_code < 400 and is_page(request.path_info)
                and hasattr(request, "LANGUAGE_CODE")):
            note_language(request, request.LANGUAGE_CODE)
        return response
