"""Every write to the ecosystem, one transaction each, recorded in the audit trail.

Pages, forms, the bundled data loader and the command line call these functions; nothing else writes
ecosystem rows. ``by`` is the acting user, or None for the system. A refused change raises
``EcosystemError`` (``EditingNotAllowed`` for permissions) whose ``field`` names the input at fault.
"""

from dataclasses import dataclass
from datetime import date

import pycountry
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext

from dpg_registry.audit.services import record
from dpg_registry.ecosystem import permissions
from dpg_registry.ecosystem.errors import EcosystemError, EditingNotAllowed
from dpg_registry.ecosystem.maturity import PILLARS, Level
from dpg_registry.ecosystem.models import (
    Call,
    Collection,
    CollectionEntry,
    Community,
    CommunityFocalPoint,
    Criterion,
    DpiComponent,
    Expert,
    FiftyInFiveCountry,
    FocusArea,
    MaturityAssessment,
    Member,
    PillarRating,
    Pilot,
    Pledge,
    RoadmapActivity,
)
from dpg_registry.lib.validation import FieldError, clean_urls, single_line
from dpg_registry.registry import cache as registry_cache
from dpg_registry.registry.models import Product

# Permissions -----------------------------------------------------------------------------------


def _require_admin(by) -> None:
    if not permissions.is_admin(by):
        raise EditingNotAllowed(gettext("only an admin may change this"))


def _require_editor(by, community: Community) -> None:
    if not permissions.can_edit_community(by, community):
        raise EditingNotAllowed(gettext("only an admin or a focal point of %(community)s may change this")
                         % {"community": community.name})


# Helpers ---------------------------------------------------------------------------------------


def _values(instance: models.Model) -> dict:
    return {field.attname: getattr(instance, field.attname) for field in instance._meta.concrete_fields
            if not field.primary_key}


def _validate(instance: models.Model) -> None:
    try:
        instance.full_clean()
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        if field == "__all__":  # a unique constraint: name the field that repeats, not its parent
            field = next((c.fields[-1] for c in instance._meta.constraints if getattr(c, "fields", None)), "")
        raise EcosystemError(f"{field}: {messages[0]}" if field else messages[0], field) from None


def _save(instance: models.Model, *, by, community: Community | None, action: str, **fields):
    """Set ``fields``, validate, save and record; call inside the caller's transaction."""
    before = _values(instance) if instance.pk else {}
    for name, value in fields.items():
        if isinstance(value, str) and isinstance(instance._meta.get_field(name), models.CharField):
            _one_line(value, name)  # a CharField holds a name or title; TextFields keep their line breaks
        setattr(instance, name, value)
    _validate(instance)
    instance.save()
    record(actor=by, role=permissions.acting_role(by, community), action=action, subject=instance,
           before=before, after=_values(instance))
    registry_cache.bump()  # community, pilot and country data appear on cached registry pages and API reads
    return instance


def _country(code: str, field: str = "country", *, required: bool = True) -> str:
    code = (code or "").strip().upper()
    if not code and not required:
        return ""
    if pycountry.countries.get(alpha_2=code) is None:
        message = gettext("%(code)r is not an ISO 3166-1 alpha-2 country code") % {"code": code}
        raise EcosystemError(f"{field}: {message}", field)
    return code


def _one_line(value: str, field: str) -> str:
    try:
        return single_line(value, field)
    except FieldError as error:
        raise EcosystemError(f"{field}: {error.message}", field) from None


def _texts(values, field: str) -> list[str]:
    cleaned = [_one_line(str(value).strip(), field) for value in values]
    if not all(cleaned):
        raise EcosystemError(f"{field}: " + gettext("an empty name"), field)
    return cleaned


def _documents(documents, field: str = "documents") -> list[dict]:
    cleaned = []
    for index, document in enumerate(documents):
        title, url = str(document.get("title", "")).strip(), str(document.get("url", "")).strip()
        if not title or not url:
            raise EcosystemError(f"{field}: " + gettext("document %(number)d needs a title and an http(s) address")
                                 % {"number": index + 1}, field)
        cleaned.append({"title": _one_line(title, field), "url": _web_address(url, field, f"document {index + 1}: ")})
    return cleaned


def _web_address(url: str, field: str, where: str = "") -> str:
    try:
        return (clean_urls([url], field) or [""])[0]
    except FieldError as error:
        raise EcosystemError(f"{field}: {where}{error.message}", field) from None


# Communities -----------------------------------------------------------------------------------


def save_community(*, by, community: Community | None = None, slug: str, name: str, summary: str = "",
                   position: int = 0) -> Community:
    _require_admin(by)
    with transaction.atomic():
        return _save(community or Community(), by=by, community=community, action="community.save",
                     slug=slug, name=name, summary=summary, position=position)


def save_focus_area(*, by, community: Community, focus_area: FocusArea | None = None, priority_area: str,
                    focus: str = "", status: str, position: int = 0) -> FocusArea:
    _require_editor(by, community)
    with transaction.atomic():
        return _save(focus_area or FocusArea(community=community), by=by, community=community,
                     action="community.focus_area", priority_area=priority_area, focus=focus, status=status,
                     position=position)


def save_expert(*, by, community: Community, expert: Expert | None = None, organisation: str, role: str,
                public_name: str = "", name_consented_on: date | None = None, position: int = 0) -> Expert:
    _require_admin(by)
    if public_name and name_consented_on is None:
        message = gettext("a name is shown only with the date the expert agreed to it")
        raise EcosystemError(f"name_consented_on: {message}", "name_consented_on")
    with transaction.atomic():
        return _save(expert or Expert(community=community), by=by, community=community, action="community.expert",
                     organisation=organisation, role=role, public_name=public_name,
                     name_consented_on=name_consented_on if public_name else None, position=position)


def save_criterion(*, by, community: Community, criterion: Criterion | None = None, title: str,
                   description: str = "", position: int = 0) -> Criterion:
    _require_editor(by, community)
    with transaction.atomic():
        return _save(criterion or Criterion(community=community), by=by, community=community,
                     action="community.criterion", title=title, description=description, position=position)


def save_collection(*, by, community: Community, collection: Collection | None = None, slug: str, title: str,
                    description: str = "", position: int = 0) -> Collection:
    _require_editor(by, community)
    with transaction.atomic():
        return _save(collection or Collection(community=community), by=by, community=community,
                     action="community.collection", slug=slug, title=title, description=description,
                     position=position)


def save_collection_entry(*, by, collection: Collection, entry: CollectionEntry | None = None, product: Product,
                          reason: str, position: int = 0) -> CollectionEntry:
    community = collection.community
    _require_editor(by, community)
    with transaction.atomic():
        return _save(entry or CollectionEntry(collection=collection), by=by, community=community,
                     action="community.collection_entry", product=product, reason=reason, position=position)


@dataclass(frozen=True)
class Rating:
    level: str
    practices: tuple[str, ...] = ()
    evidence: str = ""


def save_assessment(*, by, community: Community, product: Product, assessed_by: str, assessed_on: date,
                    ratings: dict[str, Rating]) -> MaturityAssessment:
    """Record a community's assessment of ``product`` on all seven pillars, replacing an earlier one."""
    _require_editor(by, community)
    for pillar in PILLARS:
        rating = ratings.get(pillar.key)
        if rating is None or rating.level not in Level.values:
            raise EcosystemError(f"{pillar.key}__level: " + gettext("choose low, medium or high for %(pillar)s")
                                 % {"pillar": pillar.title},
                                 f"{pillar.key}__level")
        unknown = [key for key in rating.practices if key not in pillar.practices]
        if unknown:
            raise EcosystemError(f"{pillar.key}__practices: " + gettext("%(practice)r is not a practice of %(pillar)s")
                                 % {"practice": unknown[0], "pillar": pillar.title},
                                 f"{pillar.key}__practices")
    unknown_pillars = set(ratings) - {pillar.key for pillar in PILLARS}
    if unknown_pillars:
        message = gettext("unknown pillar %(pillar)r") % {"pillar": sorted(unknown_pillars)[0]}
        raise EcosystemError(f"ratings: {message}", "ratings")
    with transaction.atomic():
        assessment = MaturityAssessment.objects.filter(community=community, product=product).first()
        before = _assessment_values(assessment) if assessment else {}
        assessment = assessment or MaturityAssessment(community=community, product=product)
        assessment.assessed_by, assessment.assessed_on = assessed_by, assessed_on
        assessment.recorded_by = by
        _validate(assessment)
        assessment.save()
        assessment.ratings.all().delete()
        PillarRating.objects.bulk_create(
            PillarRating(assessment=assessment, pillar=pillar.key, level=ratings[pillar.key].level,
                         practices=list(ratings[pillar.key].practices), evidence=ratings[pillar.key].evidence,
                         position=position)
            for position, pillar in enumerate(PILLARS)
        )
        record(actor=by, role=permissions.acting_role(by, community), action="community.assessment",
               subject=assessment, before=before, after=_assessment_values(assessment))
        registry_cache.bump()
    return assessment


def _assessment_values(assessment: MaturityAssessment) -> dict:
    return {
        "product": assessment.product.slug, "assessed_by": assessment.assessed_by,
        "assessed_on": assessment.assessed_on,
        "ratings": {rating.pillar: [rating.level, rating.practices, rating.evidence]
                    for rating in assessment.ratings.all()},
    }


# Pilots, members, 50-in-5, calls (admins) -------------------------------------------------------


def save_pilot(*, by, pilot: Pilot | None = None, slug: str, title: str, country: str, goals: str, status: str,
               programme: str = "", partners=(), products=(), started_on: date | None = None,
               ended_on: date | None = None, learnings: str = "", documents=()) -> Pilot:
    _require_admin(by)
    if started_on and ended_on and ended_on < started_on:
        raise EcosystemError("ended_on: " + gettext("the pilot cannot end before it started"), "ended_on")
    with transaction.atomic():
        pilot = _save(pilot or Pilot(), by=by, community=None, action="pilot.save", slug=slug, title=title,
                      programme=programme, country=_country(country), partners=_texts(partners, "partners"),
                      goals=goals, status=status, started_on=started_on, ended_on=ended_on, learnings=learnings,
                      documents=_documents(documents))
        pilot.products.set(products)
    return pilot


def save_member(*, by, member: Member | None = None, slug: str, name: str, kind: str, country: str = "",
                website: str = "", on_board: bool = False) -> Member:
    _require_admin(by)
    with transaction.atomic():
        return _save(member or Member(), by=by, community=None, action="member.save", slug=slug, name=name,
                     kind=kind, country=_country(country, required=False), website=_web_address(website, "website"),
                     on_board=on_board)


def save_activity(*, by, member: Member, activity: RoadmapActivity | None = None, objective: str, title: str,
                  year: int, status: str, description: str = "") -> RoadmapActivity:
    _require_admin(by)
    with transaction.atomic():
        return _save(activity or RoadmapActivity(member=member), by=by, community=None, action="member.activity",
                     objective=objective, title=title, description=description, year=year, status=status)


def save_fifty_in_five(*, by, entry: FiftyInFiveCountry | None = None, country: str,
                       joined_on: date | None = None) -> FiftyInFiveCountry:
    _require_admin(by)
    with transaction.atomic():
        return _save(entry or FiftyInFiveCountry(), by=by, community=None, action="fifty_in_five.save",
                     country=_country(country), joined_on=joined_on)


def save_component(*, by, country: FiftyInFiveCountry, component: DpiComponent | None = None, kind: str,
                   stage: str, description: str = "", products=()) -> DpiComponent:
    _require_admin(by)
    with transaction.atomic():
        component = _save(component or DpiComponent(country=country), by=by, community=None,
                          action="fifty_in_five.component", kind=kind, stage=stage, description=description)
        component.products.set(products)
    return component


def save_call(*, by, call: Call | None = None, slug: str, title: str, area: str, description: str, status: str,
              launched_on: date | None = None) -> Call:
    _require_admin(by)
    with transaction.atomic():
        return _save(call or Call(), by=by, community=None, action="call.save", slug=slug, title=title, area=area,
                     description=description, status=status, launched_on=launched_on)


def save_pledge(*, by, call: Call, pledge: Pledge | None = None, stakeholder: str, commitment: str,
                pledged_on: date | None = None) -> Pledge:
    _require_admin(by)
    with transaction.atomic():
        return _save(pledge or Pledge(call=call), by=by, community=None, action="call.pledge",
                     stakeholder=stakeholder, commitment=commitment, pledged_on=pledged_on)


# Removal and focal points ----------------------------------------------------------------------

COMMUNITY_PARTS = (FocusArea, Criterion, Collection, CollectionEntry, MaturityAssessment)


def community_of(item: models.Model) -> Community | None:
    """The community an item belongs to, or None for what is not a community's."""
    if isinstance(item, CollectionEntry):
        return item.collection.community
    return getattr(item, "community", None)


def remove(*, by, item: models.Model) -> None:
    """Delete ``item`` (and what hangs from it). Focal points may remove parts of their own community."""
    community = community_of(item)
    if isinstance(item, COMMUNITY_PARTS):
        _require_editor(by, community)
    else:
        _require_admin(by)
    with transaction.atomic():
        record(actor=by, role=permissions.acting_role(by, community), action=f"{item._meta.model_name}.remove",
               subject=item, before=_values(item))
        item.delete()
        registry_cache.bump()


def grant_focal_point(*, by, user, community: Community, organisation: str) -> CommunityFocalPoint:
    _require_admin(by)
    if not organisation.strip():
        raise EcosystemError("organisation: " + gettext("a focal point is shown publicly by their organisation"),
                             "organisation")
    _one_line(organisation, "organisation")
    with transaction.atomic():
        link, _ = CommunityFocalPoint.objects.update_or_create(
            user=user, community=community, defaults={"organisation": organisation.strip()})
        record(actor=by, role=permissions.acting_role(by), action="community.focal_point.grant", subject=community,
               after={"user": user.pk, "organisation": link.organisation})
    return link


def revoke_focal_point(*, by, user, community: Community) -> None:
    _require_admin(by)
    with transaction.atomic():
        link = CommunityFocalPoint.objects.filter(user=user, community=community).first()
        if link is None:
            raise EcosystemError(gettext("%(user)s is not a focal point of %(community)s")
                                 % {"user": user.get_username(), "community": community.name}, "user")
        link.delete()
        record(actor=by, role=permissions.acting_role(by), action="community.focal_point.revoke", subject=community,
               before={"user": user.pk, "organisation": link.organisation})
