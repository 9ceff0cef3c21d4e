"""A person's own data: the privacy notice, downloading everything held about them, deleting their account;
and the language switcher, which remembers the choice for the account's messages."""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, translate_url
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _

from dpg_registry.accounts import selectors, services
from dpg_registry.accounts.forms import DeleteAccountForm
from dpg_registry.accounts.middleware import mfa_problem, note_language

ONE_YEAR = 365 * 24 * 3600


def privacy(request):
    return render(request, "accounts/privacy.html", {"contact": settings.DPG_PRIVACY_CONTACT})


def _mfa_redirect(request):
    # These pages live under /accounts/, which staff reach before proving MFA; their data waits for the proof.
    problem = mfa_problem(request) if selectors.is_staff(request.user) else ""
    if not problem:
        return None
    target = "mfa_activate_totp" if problem == "setup" else "mfa_reauthenticate"
    return HttpResponseRedirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")


@login_required
def your_data(request):
    return _mfa_redirect(request) or render(request, "accounts/data.html")


@login_required
def download(request):
    blocked = _mfa_redirect(request)
    if blocked:
        return blocked
    body = json.dumps(selectors.personal_data(request.user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="dpg-registry-my-data.json"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def delete(request):
    blocked = _mfa_redirect(request)
    if blocked:
        return blocked
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.delete_account(user=request.user, confirmation=form.cleaned_data["confirmation"])
        except services.WrongConfirmation as error:
            form.add_error("confirmation", str(error))
        except services.AccountError as error:
            form.add_error(None, str(error))
        else:
            logout(request)
            messages.success(request, _("Your account is deleted."))
            return redirect("home")
    return render(request, "accounts/delete.html", {"form": form, "open_work": services.open_work_of(request.user)})



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
