"""A small ecosystem built through the services: two communities, products in Kenya, a collection with two
assessed products, a pilot, a member, a 50-in-5 country and a call; and the people who may edit them."""

from datetime import date

import pytest

from dpg_registry.ecosystem import services
from dpg_registry.ecosystem.maturity import PILLARS
from dpg_registry.registry.models import Product, ProductCountry
from tests.factories import make_user


def make_product(slug: str, name: str, *, deployed_in=(), developed_in=(), status="dpg") -> Product:
    # A listed DPG has a listing date, as every import and review gives it.
    product = Product.objects.create(slug=slug, name=name, sort_name=name.lower(), status=status,
                                     listed_since=date.today() if status == "dpg" else None)
    for position, code in enumerate(deployed_in):
        ProductCountry.objects.create(product=product, kind="deployed", code=code, source_name=code,
                                      position=position)
    for position, code in enumerate(developed_in):
        ProductCountry.objects.create(product=product, kind="developed", code=code, source_name=code,
                                      position=position)
    return product


def ratings(level: str, **overrides) -> dict:
    """A rating for every pillar at ``level``; ``overrides`` maps a pillar to another Rating."""
    return {pillar.key: overrides.get(pillar.key, services.Rating(level=level)) for pillar in PILLARS}


@pytest.fixture
def eco(people):
    return build_ecosystem(people)


def build_ecosystem(people) -> dict:
    health = services.save_community(by=None, slug="health", name="Health", summary="Immunisation delivery.")
    services.save_focus_area(by=None, community=health, priority_area="Health",
                             focus="Immunization delivery management", status="complete")
    services.save_expert(by=None, community=health, organisation="Ministry of Health", role="Programme lead")
    climate = services.save_community(by=None, slug="climate", name="Climate change adaptation")
    clinic = make_product("open-clinic", "Open Clinic", deployed_in=["KE", "UG"], developed_in=["KE"])
    vaccines = make_product("vaccine-tracker", "Vaccine Tracker", deployed_in=["KE"])
    nominee = make_product("side-project", "Side Project", deployed_in=["KE"], status="nominee")
    collection = services.save_collection(by=None, community=health, slug="immunization",
                                          title="Immunization delivery")
    for position, product in enumerate((clinic, vaccines)):
        services.save_collection_entry(by=None, collection=collection, product=product,
                                       reason=f"{product.name} tracks doses.", position=position)
    services.save_assessment(
        by=None, community=health, product=clinic, assessed_by="Health CoP review panel",
        assessed_on=date(2025, 3, 1),
        ratings=ratings("high", governance=services.Rating(level="medium", practices=("informal",),
                                                           evidence="https://example.org/governance")),
    )
    pilot = services.save_pilot(by=None, slug="clinic-kenya", title="Clinic records in Kenya", country="KE",
                                goals="Record visits in rural clinics.", status="running",
                                partners=["Kenya Ministry of Health"], products=[clinic],
                                started_on=date(2024, 1, 15))
    member = services.save_member(by=None, slug="kenya-ict", name="Kenya ICT Authority", kind="government",
                                  country="KE", on_board=True)
    services.save_activity(by=None, member=member, objective="implement", title="National clinic registry",
                           year=2025, status="in_progress")
    fifty = services.save_fifty_in_five(by=None, country="KE", joined_on=date(2023, 11, 8))
    services.save_component(by=None, country=fifty, kind="identity", stage="design", products=[clinic])
    call = services.save_call(by=None, slug="dpi-call", title="Build safe DPI together", area="Digital public "
                              "infrastructure", description="Countries and funders act together.", status="open")
    services.save_pledge(by=None, call=call, stakeholder="Open Clinic Foundation", commitment="Train 20 teams.")
    focal = make_user("fiona@health.example")
    services.grant_focal_point(by=None, user=focal, community=health, organisation="Health Partners")
    other_focal = make_user("otto@climate.example")
    services.grant_focal_point(by=None, user=other_focal, community=climate, organisation="Climate Network")
    return {
        "health": health, "climate": climate, "clinic": clinic, "vaccines": vaccines, "nominee": nominee,
        "collection": collection, "pilot": pilot, "member": member, "fifty": fifty, "call": call,
        "people": {**people, "focal": focal, "other_focal": other_focal},
    }
