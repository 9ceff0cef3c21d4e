"""The staff's pages on owners and members (admin or L2): revoking a verified ownership, and verifying or refusing
that a person speaks for an organisation. Staff pages: the session has proved MFA before any of them opens."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from dpg_registry.lib.validation import FieldError
from dpg_registry.ownership import services
from dpg_registry.ownership.errors import OwnershipError
from dpg_registry.ownership.forms import MemberSearchForm, MembershipDecisionForm, RevokeForm
from dpg_registry.ownership.models import ProductOwner
from dpg_registry.ownership.selectors import (
    deciding_role,
    organisations_for_membership,
    owners_matching,
    person_with_address,
)
from dpg_registry.registry.models import Organisation


def _deciding(request) -> None:
    if not deciding_role(request.user):
        raise PermissionDenied(gettext("only an admin or an L2 reviewer decides on owners and members"))


@login_required
def owners(request):
    _deciding(request)
    query = request.GET.get("q", "")
    return render(request, "ownership/owners.html", {"query": query, "owners": owners_matching(query),
                                                     "form": RevokeForm()})


@login_required
@require_POST
def revoke(request, owner_id):
    _deciding(request)
    owner = get_object_or_404(ProductOwner.objects.select_related("product", "user"), pk=owner_id)
    back = reverse("ownership:owners") + "?" + urlencode({"q": request.POST.get("q", "")})
    form = RevokeForm(request.POST)
    if not form.is_valid():
        messages.error(request, gettext("Give the reason for revoking the ownership."))
        return redirect(back)
    try:
        services.revoke(owner=owner, by=request.user, reason=form.cleaned_data["reason"])
    except (OwnershipError, FieldError) as error:
        messages.error(request, str(error))
    else:
        messages.success(request, gettext("%(email)s no longer owns %(product)s; they are told by e-mail.")
                         % {"email": owner.user.email, "product": owner.product.name})
    return redirect(back)


@login_required
def members(request):
    _deciding(request)
    search = MemberSearchForm(request.GET or None)
    person, found = None, []
    if search.is_valid():
        person = person_with_address(search.cleaned_data["email"])
        if person is not None:
            found = organisations_for_membership(search.cleaned_data["organisation"], person)
    return render(request, "ownership/members.html", {"search": search, "person": person, "found": found},
                  status=400 if search.is_bound and not search.is_valid() else 200)


@login_required
@require_POST
def decide_membership(request):
    _deciding(request)
    form = MembershipDecisionForm(request.POST)
    back = reverse("ownership:members") + "?" + urlencode({"email": request.POST.get("email", ""),
                                                           "organisation": request.POST.get("search", "")})
    if not form.is_valid():
        messages.error(request, gettext("Choose a decision and give its reason."))
        return redirect(back)
    data = form.cleaned_data
    person = get_object_or_404(get_user_model(), pk=data["user"])
    organisation = get_object_or_404(Organisation, pk=data["organisation"])
    try:
        services.decide_membership(user=person, organisation=organisation, by=request.user,
                                   verify_it=data["decision"] == "verify", reason=data["reason"])
    except (OwnershipError, FieldError) as error:
        messages.error(request, str(error))
    else:
        done = (gettext("%(email)s is a verified member of %(organisation)s.") if data["decision"] == "verify"
                else gettext("%(email)s is not a member of %(organisation)s."))
        messages.success(request, done % {"email": person.email, "organisation": organisation.name})
    return redirect(back)
