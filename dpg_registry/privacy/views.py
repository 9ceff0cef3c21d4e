"""The privacy notice, the download of one's data and account deletion."""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from dpg_registry.accounts.errors import AccountError, WrongConfirmation
from dpg_registry.accounts.middleware import mfa_problem
from dpg_registry.accounts.selectors import is_staff
from dpg_registry.privacy import selectors, services
from dpg_registry.privacy.forms import DeleteAccountForm


def privacy(request):
    return render(request, "privacy/privacy.html", {"contact": settings.DPG_PRIVACY_CONTACT})


def _mfa_redirect(request):
    # These pages live under /accounts/, which staff reach before proving MFA; their data waits for the proof.
    problem = mfa_problem(request) if is_staff(request.user) else ""
    if not problem:
        return None
    target = "mfa_activate_totp" if problem == "setup" else "mfa_reauthenticate"
    return HttpResponseRedirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")


@login_required
def your_data(request):
    return _mfa_redirect(request) or render(request, "privacy/data.html")


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
        except WrongConfirmation as error:
            form.add_error("confirmation", str(error))
        except AccountError as error:
            form.add_error(None, str(error))
        else:
            logout(request)
            messages.success(request, _("Your account is deleted."))
            return redirect("home")
    return render(request, "privacy/delete.html", {"form": form, "open_work": selectors.open_work_of(request.user)})
