"""Editing pages: one form page per kind of thing, calling the same services as everything else.

A community's focus areas, criteria, collections, collection entries and assessments are edited by its
focal points and by admins; everything else by admins only. Others get 403, also on reading the form.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from dpg_registry.accounts.errors import AccountError
from dpg_registry.accounts.services import find_user
from dpg_registry.ecosystem import forms, permissions, services
from dpg_registry.ecosystem.models import (
    Call,
    Collection,
    CollectionEntry,
    Community,
    Criterion,
    DpiComponent,
    Expert,
    FiftyInFiveCountry,
    FocusArea,
    MaturityAssessment,
    Member,
    Pilot,
    Pledge,
    RoadmapActivity,
)


@dataclass(frozen=True)
class Kind:
    label: str  # what the item is, as shown in messages
    add: str  # the page title for a new one
    edit: str  # the page title for an existing one
    remove: str  # the button that removes it
    model: type
    form: type
    save: Callable
    argument: str  # the service's keyword for the item being edited
    back: str  # the public page the item is shown on
    focal_points: bool = False  # a community's focal points may edit it too
    in_community: str = "community"  # how the item reaches its community


COMMUNITY_KINDS = {
    "focus-area": Kind(_("Focus area"), _("Add a focus area"), _("Edit the focus area"), _("Remove this focus area"),
                       FocusArea, forms.FocusAreaForm, services.save_focus_area, "focus_area", "community",
                       focal_points=True),
    "criterion": Kind(_("Criterion"), _("Add a criterion"), _("Edit the criterion"), _("Remove this criterion"),
                      Criterion, forms.CriterionForm, services.save_criterion, "criterion", "community",
                      focal_points=True),
    "collection": Kind(_("Collection"), _("Add a collection"), _("Edit the collection"),
                       _("Remove this collection"), Collection, forms.CollectionForm, services.save_collection,
                       "collection", "community", focal_points=True),
    "entry": Kind(_("Collection entry"), _("Add a product to a collection"), _("Edit the collection entry"),
                  _("Remove this product from the collection"), CollectionEntry, forms.EntryForm,
                  services.save_collection_entry, "entry", "community", focal_points=True,
                  in_community="collection__community"),
    "assessment": Kind(_("Maturity assessment"), _("Assess a product"), _("Edit the maturity assessment"),
                       _("Remove this maturity assessment"), MaturityAssessment, forms.AssessmentForm,
                       services.save_assessment, "", "community", focal_points=True),
    "expert": Kind(_("Expert"), _("Add an expert"), _("Edit the expert"), _("Remove this expert"), Expert,
                   forms.ExpertForm, services.save_expert, "expert", "community"),
}
ADMIN_KINDS = {
    "community": Kind(_("Community of practice"), _("Add a community of practice"),
                      _("Edit the community of practice"), _("Remove this community of practice"), Community,
                      forms.CommunityForm, services.save_community, "community", "communities"),
    "pilot": Kind(_("Pathfinder pilot"), _("Add a pathfinder pilot"), _("Edit the pathfinder pilot"),
                  _("Remove this pathfinder pilot"), Pilot, forms.PilotForm, services.save_pilot, "pilot",
                  "pathfinders"),
    "member": Kind(_("Member"), _("Add a member"), _("Edit the member"), _("Remove this member"), Member,
                   forms.MemberForm, services.save_member, "member", "members"),
    "activity": Kind(_("Roadmap activity"), _("Add a roadmap activity"), _("Edit the roadmap activity"),
                     _("Remove this roadmap activity"), RoadmapActivity, forms.ActivityForm,
                     services.save_activity, "activity", "members"),
    "fifty-in-five": Kind(_("50-in-5 country"), _("Add a 50-in-5 country"), _("Edit the 50-in-5 country"),
                          _("Remove this 50-in-5 country"), FiftyInFiveCountry, forms.FiftyInFiveForm,
                          services.save_fifty_in_five, "entry", "fifty-in-five"),
    "component": Kind(_("DPI component"), _("Add a DPI component"), _("Edit the DPI component"),
                      _("Remove this DPI component"), DpiComponent, forms.ComponentForm, services.save_component,
                      "component", "fifty-in-five"),
    "call": Kind(_("Call for collaborative action"), _("Add a call for collaborative action"),
                 _("Edit the call for collaborative action"), _("Remove this call for collaborative action"), Call,
                 forms.CallForm, services.save_call, "call", "calls"),
    "pledge": Kind(_("Pledge"), _("Add a pledge"), _("Edit the pledge"), _("Remove this pledge"), Pledge,
                   forms.PledgeForm, services.save_pledge, "pledge", "calls"),
}


def _signed_in(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapped


def _community_kind(request, slug: str, kind_key: str) -> tuple[Community, Kind]:
    community = get_object_or_404(Community, slug=slug)
    kind = COMMUNITY_KINDS.get(kind_key)
    if kind is None:
        raise Http404(f"there is nothing called {kind_key!r} to edit")
    allowed = permissions.can_edit_community(request.user, community) if kind.focal_points else \
        permissions.is_admin(request.user)
    if not allowed:
        raise PermissionDenied(f"only an admin{' or a focal point of ' + community.name if kind.focal_points else ''} "
                               f"may edit this")
    return community, kind


def _admin_kind(request, kind_key: str) -> Kind:
    kind = ADMIN_KINDS.get(kind_key)
    if kind is None:
        raise Http404(f"there is nothing called {kind_key!r} to edit")
    if not permissions.is_admin(request.user):
        raise PermissionDenied("only an admin may edit this")
    return kind


def _form(kind: Kind, community: Community | None, data=None, initial=None):
    extra = {"community": community} if kind.form is forms.EntryForm else {}
    return kind.form(data, initial=initial, **extra)


def _edit(request, kind: Kind, item, community: Community | None, back_url: str):
    initial = kind.form.initial_from(item) if item is not None else None
    form = _form(kind, community, request.POST or None, initial)
    if request.method == "POST" and form.is_valid():
        arguments = form.arguments()
        if kind.argument:
            arguments[kind.argument] = item
        if community is not None and kind.in_community == "community":
            arguments["community"] = community
        try:
            kind.save(by=request.user, **arguments)
        except services.EcosystemError as error:
            form.add_error(error.field if error.field in form.fields else None,
                           str(error).removeprefix(f"{error.field}: "))
        else:
            messages.success(request, gettext("Saved: %(item)s.") % {"item": kind.label})
            return redirect(back_url)
    return render(request, "ecosystem/edit.html", {
        "kind": kind, "item": item, "form": form, "community": community, "back_url": back_url,
        "is_assessment": kind.form is forms.AssessmentForm,
    })


@_signed_in
def community_item(request, slug, kind_key, pk=None):
    community, kind = _community_kind(request, slug, kind_key)
    item = get_object_or_404(kind.model, pk=pk, **{kind.in_community: community}) if pk else None
    return _edit(request, kind, item, community, reverse("ecosystem:community", args=[community.slug]))


@_signed_in
def admin_item(request, kind_key, pk=None):
    kind = _admin_kind(request, kind_key)
    item = get_object_or_404(kind.model, pk=pk) if pk else None
    return _edit(request, kind, item, None, reverse(f"ecosystem:{kind.back}"))


def _remove(request, kind: Kind, item, back_url: str):
    try:
        services.remove(by=request.user, item=item)
    except services.EditingNotAllowed as error:
        raise PermissionDenied(str(error)) from error
    messages.success(request, gettext("Removed: %(item)s.") % {"item": kind.label})
    return redirect(back_url)


@_signed_in
@require_POST
def remove_community_item(request, slug, kind_key, pk):
    community, kind = _community_kind(request, slug, kind_key)
    item = get_object_or_404(kind.model, pk=pk, **{kind.in_community: community})
    return _remove(request, kind, item, reverse("ecosystem:community", args=[community.slug]))


@_signed_in
@require_POST
def remove_admin_item(request, kind_key, pk):
    kind = _admin_kind(request, kind_key)
    item = get_object_or_404(kind.model, pk=pk)
    return _remove(request, kind, item, reverse(f"ecosystem:{kind.back}"))


@_signed_in
def focal_points(request, slug):
    """Admins name the people who edit a community, and stop them."""
    community = get_object_or_404(Community, slug=slug)
    if not permissions.is_admin(request.user):
        raise PermissionDenied("only an admin may name focal points")
    form = forms.FocalPointForm(request.POST or None)
    if request.method == "POST" and request.POST.get("revoke"):
        link = get_object_or_404(community.focal_points, pk=request.POST["revoke"])
        services.revoke_focal_point(by=request.user, user=link.user, community=community)
        messages.success(request, gettext("%(email)s is no longer a focal point of %(community)s.")
                         % {"email": link.user.email, "community": community.name})
        return redirect("ecosystem:focal-points", community.slug)
    if request.method == "POST" and form.is_valid():
        try:
            user = find_user(form.cleaned_data["email"])
            services.grant_focal_point(by=request.user, user=user, community=community,
                                       organisation=form.cleaned_data["organisation"])
        except AccountError as error:
            form.add_error("email", str(error))
        except services.EcosystemError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error))
        else:
            messages.success(request, gettext("%(email)s is now a focal point of %(community)s.")
                             % {"email": user.email, "community": community.name})
            return redirect("ecosystem:focal-points", community.slug)
    return render(request, "ecosystem/focal_points.html", {
        "community": community, "form": form,
        "focal_points": community.focal_points.select_related("user"),
    })

