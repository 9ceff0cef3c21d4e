"""The ecosystem over the API: Communities of Practice with their collections and maturity assessments,
pathfinder pilots, members and their roadmap, the 50-in-5 campaign, calls for action and countries.
Read-only and public; people appear by organisation and role, never by e-mail."""

from collections.abc import Callable

import pycountry
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Path, Query, Router

from dpg_registry.api import ecosystem_schemas as schemas
from dpg_registry.api.pagination import Cursor, cursor_at, offset_of
from dpg_registry.api.schemas import Problem, Text
from dpg_registry.ecosystem import export, selectors

router = Router(tags=["ecosystem"])
MAX_LIMIT = 100


def _page(request: HttpRequest, rows: QuerySet, record: Callable, limit: int, cursor: str) -> dict:
    offset = offset_of(cursor)
    count = rows.count()
    next_url = None
    if offset + limit < count:
        next_url = request.build_absolute_uri(request.path) + f"?limit={limit}&cursor={cursor_at(offset + limit)}"
    return {"count": count, "results": [record(row) for row in rows[offset : offset + limit]], "next": next_url}


@router.get("/communities", response={200: schemas.CommunityPage, 400: Problem},
            summary="Communities of Practice and their focus areas")
def communities(request, limit: int = Query(20, ge=1, le=MAX_LIMIT), cursor: Cursor = ""):
    return _page(request, selectors.communities(), export.community_summary, limit, cursor)


@router.get("/communities/{slug}", response={200: schemas.Community, 404: Problem},
            summary="A community: focus areas, experts, criteria, collections and maturity assessments")
def community(request, slug: Text):
    found = selectors.community(slug)
    if found is None:
        raise Http404(f"no community of practice {slug!r}")
    return export.community_record(found)


@router.get("/pilots", response={200: schemas.PilotPage, 400: Problem},
            summary="Pathfinder pilots")
def pilots(request, limit: int = Query(20, ge=1, le=MAX_LIMIT), cursor: Cursor = ""):
    return _page(request, selectors.pilots(), export.pilot_record, limit, cursor)


@router.get("/pilots/{slug}", response={200: schemas.Pilot, 404: Problem})
def pilot(request, slug: Text):
    found = selectors.pilot(slug)
    if found is None:
        raise Http404(f"no pathfinder pilot {slug!r}")
    return export.pilot_record(found)


@router.get("/members", response={200: schemas.MemberPage, 400: Problem},
            summary="Members of the Alliance and their roadmap activities")
def members(request, limit: int = Query(20, ge=1, le=MAX_LIMIT), cursor: Cursor = ""):
    return _page(request, selectors.members(), export.member_record, limit, cursor)


@router.get("/fifty-in-five", response=list[schemas.FiftyInFive],
            summary="Countries in the 50-in-5 campaign, their DPI components and the DPGs they use")
def fifty_in_five(request):
    return [export.fifty_in_five_record(entry) for entry in selectors.fifty_in_five()]


@router.get("/calls", response=list[schemas.Call], summary="Calls for collaborative action and their pledges")
def calls(request):
    return [export.call_record(call) for call in selectors.calls()]


@router.get("/countries/{iso}", response={200: schemas.CountryProfile, 404: Problem},
            summary="A country: DPGs developed and deployed there, pilots, 50-in-5 commitments, members")
def country(request, iso: str = Path(..., pattern="^[A-Za-z]{2}$")):
    code = iso.upper()
    if pycountry.countries.get(alpha_2=code) is None:
        raise Http404(f"no country with the ISO 3166-1 alpha-2 code {iso!r}")
    return export.country_record(selectors.country(code))
