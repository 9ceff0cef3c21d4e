"""Public pages of the ecosystem: communities, collections with their maturity comparison, pathfinder pilots,
members, the 50-in-5 campaign, calls for action and country pages. Every page works without JavaScript."""

import json

import pycountry
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext, ngettext
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition, require_GET

from dpg_registry.ecosystem import permissions, selectors
from dpg_registry.ecosystem.export import ecosystem_dump
from dpg_registry.ecosystem.maturity import PILLARS
from dpg_registry.ecosystem.models import Member, RoadmapActivity
from dpg_registry.lib.names import country_name
from dpg_registry.registry import maps
from dpg_registry.registry.cache import DUMP_MAX_AGE, generation_etag
from dpg_registry.registry.selectors import dpg_deployment_counts


def _admin(request) -> bool:
    return request.user.is_authenticated and permissions.is_admin(request.user)


@require_GET
def communities(request):
    return render(request, "ecosystem/communities.html",
                  {"communities": selectors.communities(), "can_add": _admin(request)})


@require_GET
def community(request, slug):
    found = selectors.community(slug)
    if found is None:
        raise Http404("No community of practice with this name")
    context = {
        "community": found,
        "can_edit": request.user.is_authenticated and permissions.can_edit_community(request.user, found),
        "is_admin": _admin(request),
        "pillars": PILLARS,
    }
    return render(request, "ecosystem/community.html", context)


@require_GET
def collection(request, community_slug, slug):
    found = selectors.collection(community_slug, slug)
    if found is None:
        raise Http404("No collection with this name in this community")
    context = {
        "collection": found,
        "community": found.community,
        "comparison": selectors.comparison(found),
        "can_edit": request.user.is_authenticated and permissions.can_edit_community(request.user, found.community),
    }
    return render(request, "ecosystem/collection.html", context)


@require_GET
def pathfinders(request):
    by_country: dict[str, list] = {}
    for pilot in selectors.pilots():
        by_country.setdefault(pilot.country, []).append(pilot)
    countries = sorted(((country_name(code), code, pilots) for code, pilots in by_country.items()))
    return render(request, "ecosystem/pathfinders.html", {
        "countries": countries,
        "world_map": maps.world_map({code: len(pilots) for code, pilots in by_country.items()},
                                    title=gettext("Pathfinder countries"),
                                    description=ngettext("%(count)d country runs pathfinder pilots, listed below.",
                                                         "%(count)d countries run pathfinder pilots, listed below.",
                                                         len(by_country)) % {"count": len(by_country)}),
        "can_edit": _admin(request),
    })


@require_GET
def pilot(request, slug):
    found = selectors.pilot(slug)
    if found is None:
        raise Http404("No pathfinder pilot with this name")
    return render(request, "ecosystem/pilot.html", {"pilot": found, "can_edit": _admin(request)})


@require_GET
def members(request):
    listed = list(selectors.members())
    activities = [activity for member in listed for activity in member.activities.all()]
    return render(request, "ecosystem/members.html", {
        "kinds": [(label, [m for m in listed if m.kind == kind]) for kind, label in Member.Kind.choices],
        "board": [member for member in listed if member.on_board],
        "objectives": [(label, [a for a in activities if a.objective == objective])
                       for objective, label in RoadmapActivity.Objective.choices],
        "can_edit": _admin(request),
    })


@require_GET
def fifty_in_five(request):
    entries = list(selectors.fifty_in_five())
    return render(request, "ecosystem/fifty_in_five.html", {
        "entries": entries,
        "world_map": maps.world_map({entry.country: 1 for entry in entries},
                                    title=gettext("Countries in the 50-in-5 campaign"),
                                    description=ngettext("%(count)d country has joined, listed below.",
                                                         "%(count)d countries have joined, listed below.",
                                                         len(entries)) % {"count": len(entries)},
                                    key=gettext("joined the campaign")),
        "can_edit": _admin(request),
    })


@require_GET
def calls(request):
    return render(request, "ecosystem/calls.html", {"calls": selectors.calls(), "can_edit": _admin(request)})


@require_GET
def country(request, code):
    if pycountry.countries.get(alpha_2=code.upper()) is None:
        raise Http404("No country with this ISO 3166-1 code")
    if code != code.upper():
        return redirect("ecosystem:country", code.upper(), permanent=True)
    found = selectors.country(code)
    deployed = dpg_deployment_counts().get(code, 0)
    name = country_name(code)
    return render(request, "ecosystem/country.html", {
        "country": found,
        "name": name,
        "world_map": maps.world_map(
            {code: max(deployed, 1)}, title=gettext("%(country)s on the world map") % {"country": name},
            description=ngettext("%(count)d digital public good is deployed in %(country)s.",
                                 "%(count)d digital public goods are deployed in %(country)s.",
                                 deployed) % {"count": deployed, "country": name}),
    })


@require_GET
@cache_control(public=True, max_age=DUMP_MAX_AGE)
@condition(etag_func=generation_etag)  # every ecosystem write gives the registry a new generation
def dump(request):
    response = HttpResponse(json.dumps(ecosystem_dump(), ensure_ascii=False), content_type="application/json")
    response["Content-Disposition"] = 'inline; filename="ecosystem.json"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
