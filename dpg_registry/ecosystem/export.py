"""The public record of the ecosystem, as the API and the ``/ecosystem.json`` dump serve it.

People appear by organisation and role only; an expert's name only with their consent. The accounts
behind focal points and assessments are never part of it.
"""

from dpg_registry.ecosystem import selectors
from dpg_registry.ecosystem.models import Call, Community, FiftyInFiveCountry, MaturityAssessment, Member, Pilot
from dpg_registry.registry.countries import country_name


def _date(value) -> str | None:
    return value.isoformat() if value else None


def _product(product) -> dict:
    return {"slug": product.slug, "name": product.name}


def assessment_record(assessment: MaturityAssessment) -> dict:
    return {
        "product": _product(assessment.product),
        "assessed_by": assessment.assessed_by,
        "assessed_on": _date(assessment.assessed_on),
        "pillars": [
            {"pillar": rating.pillar, "level": rating.level, "practices": rating.practices,
             "evidence": rating.evidence}
            for rating in assessment.ratings.all()
        ],
    }


def _focus_areas(community: Community) -> list[dict]:
    return [
        {"priority_area": area.priority_area, "focus": area.focus, "status": area.status}
        for area in community.focus_areas.all()
    ]


def community_record(community: Community) -> dict:
    """A community with everything it curates; expects ``selectors.community``'s prefetching."""
    return {
        "slug": community.slug,
        "name": community.name,
        "summary": community.summary,
        "focus_areas": _focus_areas(community),
        "experts": [
            {"organisation": expert.organisation, "role": expert.role, "name": expert.shown_name or None}
            for expert in community.experts.all()
        ],
        "focal_points": [{"organisation": link.organisation} for link in community.focal_points.all()],
        "criteria": [{"title": c.title, "description": c.description} for c in community.criteria.all()],
        "collections": [
            {
                "slug": collection.slug,
                "title": collection.title,
                "description": collection.description,
                "entries": [{"product": _product(e.product), "reason": e.reason} for e in collection.entries.all()],
            }
            for collection in community.collections.all()
        ],
        "assessments": [assessment_record(assessment) for assessment in community.assessments.all()],
    }


def community_summary(community: Community) -> dict:
    return {
        "slug": community.slug,
        "name": community.name,
        "summary": community.summary,
        "focus_areas": _focus_areas(community),
        "collections": [collection.slug for collection in community.collections.all()],
    }


def _country(code: str) -> dict:
    return {"code": code, "name": country_name(code)}


def pilot_record(pilot: Pilot) -> dict:
    return {
        "slug": pilot.slug,
        "title": pilot.title,
        "programme": pilot.programme,
        "country": _country(pilot.country),
        "partners": pilot.partners,
        "products": [_product(product) for product in pilot.products.all()],
        "goals": pilot.goals,
        "status": pilot.status,
        "started_on": _date(pilot.started_on),
        "ended_on": _date(pilot.ended_on),
        "learnings": pilot.learnings,
        "documents": pilot.documents,
    }


def member_record(member: Member) -> dict:
    return {
        "slug": member.slug,
        "name": member.name,
        "kind": member.kind,
        "country": _country(member.country) if member.country else None,
        "website": member.website,
        "on_board": member.on_board,
        "activities": [
            {"objective": a.objective, "title": a.title, "description": a.description, "year": a.year,
             "status": a.status}
            for a in member.activities.all()
        ],
    }


def fifty_in_five_record(entry: FiftyInFiveCountry) -> dict:
    return {
        "country": _country(entry.country),
        "joined_on": _date(entry.joined_on),
        "components": [
            {"kind": c.kind, "stage": c.stage, "description": c.description,
             "products": [_product(product) for product in c.products.all()]}
            for c in entry.components.all()
        ],
    }


def call_record(call: Call) -> dict:
    return {
        "slug": call.slug,
        "title": call.title,
        "area": call.area,
        "description": call.description,
        "status": call.status,
        "launched_on": _date(call.launched_on),
        "pledges": [
            {"stakeholder": p.stakeholder, "commitment": p.commitment, "pledged_on": _date(p.pledged_on)}
            for p in call.pledges.all()
        ],
    }


def country_record(found: selectors.Country) -> dict:
    return {
        **_country(found.code),
        "developed_dpgs": [{"slug": row["slug"], "name": row["name"]} for row in found.developed],
        "deployed_dpgs": [{"slug": row["slug"], "name": row["name"]} for row in found.deployed],
        "pilots": [pilot_record(pilot) for pilot in found.pilots],
        "fifty_in_five": fifty_in_five_record(found.fifty_in_five) if found.fifty_in_five else None,
        "members": [member_record(member) for member in found.members],
    }


def ecosystem_dump() -> dict:
    """Everything public in the ecosystem, in one document."""
    return {
        "communities": [community_record(community) for community in selectors.communities_in_full()],
        "pilots": [pilot_record(pilot) for pilot in selectors.pilots()],
        "members": [member_record(member) for member in selectors.members()],
        "fifty_in_five": [fifty_in_five_record(entry) for entry in selectors.fifty_in_five()],
        "calls": [call_record(call) for call in selectors.calls()],
    }
