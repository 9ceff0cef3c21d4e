"""Staff accounts must use TOTP: set it up first, then prove it in every session."""

from django.http import HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.http import urlencode

from dpg_registry.accounts.selectors import is_staff

# Pages a staff member can reach before MFA is in place: signing in and out, and setting MFA up.
OPEN_PREFIXES = ("/accounts/", "/static/")


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


class StaffMfaRequired:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or request.path.startswith(OPEN_PREFIXES) or not is_staff(user):
            return self.get_response(request)
        problem = mfa_problem(request)
        if not problem:
            return self.get_response(request)
        if request.path.startswith("/api/"):
            return JsonResponse(
                {"title": "Multi-factor authentication required", "status": 403,
                 "detail": "staff accounts must sign in with their authenticator app"},
                status=403, content_type="application/problem+json",
            )
        target = "mfa_activate_totp" if problem == "setup" else "mfa_reauthenticate"
        return HttpResponseRedirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
