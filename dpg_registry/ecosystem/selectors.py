"""Reads of the ecosystem, each in a fixed number of queries. Public reads leave out the accounts behind
focal points and assessments."""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from dpg_registry.ecosystem.maturity import PILLARS, Pillar
from dpg_registry.ecosystem.models import (
    Call,
    Collection,
    CollectionEntry,
    Community,
    CommunityFocalPoint,
    DpiComponent,
    FiftyInFiveCountry,
    MaturityAssessment,
    Member,
    PillarRating,
    Pilot,
)
from dpg_registry.registry.models import Product, ProductCountry
from dpg_registry.registry.selectors import for_listing

_ASSESSMENTS = Prefetch(
    "assessments", queryset=MaturityAssessment.objects.select_related("product").prefetch_related("ratings")
)


def communities() -> QuerySet[Community]:
    return Community.objects.prefetch_related("focus_areas", "collections")


def communities_in_full() -> QuerySet[Community]:
    """Communities with everything their public record shows."""
    return Community.objects.prefetch_related(
        "focus_areas", "experts", "criteria", "focal_points", _ASSESSMENTS,
        Prefetch("collections__entries", queryset=CollectionEntry.objects.select_related("product")),
    )


def community(slug: str) -> Community | None:
    return communities_in_full().filter(slug=slug).first()


def collection(community_slug: str, slug: str) -> Collection | None:
    return (
        Collection.objects.filter(community__slug=community_slug, slug=slug)
        .select_related("community")
        .prefetch_related(Prefetch("entries", queryset=CollectionEntry.objects.select_related("product")))
        .first()
    )


@dataclass
class Comparison:
    """A collection's products side by side on the seven pillars (None where a product is not assessed)."""

    entries: list[CollectionEntry]
    assessments: list[MaturityAssessment | None]
    rows: list[tuple[Pillar, list[PillarRating | None]]]


def comparison(collection: Collection) -> Comparison:
    entries = list(collection.entries.all())
    found = {
        assessment.product_id: assessment
        for assessment in MaturityAssessment.objects.filter(
            community=collection.community_id, product__in=[entry.product_id for entry in entries]
        ).prefetch_related("ratings")
    }
    assessments = [found.get(entry.product_id) for entry in entries]
    ratings = [{r.pillar: r for r in a.ratings.all()} if a else {} for a in assessments]
    rows = [(pillar, [by_pillar.get(pillar.key) for by_pillar in ratings]) for pillar in PILLARS]
    return Comparison(entries=entries, assessments=assessments, rows=rows)


def assessments_of(product: Product) -> QuerySet[MaturityAssessment]:
    return product.maturity_assessments.select_related("community").prefetch_related("ratings")


def pilots() -> QuerySet[Pilot]:
    return Pilot.objects.prefetch_related("products")


def pilot(slug: str) -> Pilot | None:
    return pilots().filter(slug=slug).first()


def members() -> QuerySet[Member]:
    return Member.objects.prefetch_related("activities")


def fifty_in_five() -> QuerySet[FiftyInFiveCountry]:
    return FiftyInFiveCountry.objects.prefetch_related(
        Prefetch("components", queryset=DpiComponent.objects.prefetch_related("products"))
    )


def calls() -> QuerySet[Call]:
    return Call.objects.prefetch_related("pledges")


@dataclass
class Country:
    code: str
    developed: list[dict]  # rows of registry.page_reads.listing_rows
    deployed: list[dict]
    pilots: QuerySet[Pilot]
    fifty_in_five: FiftyInFiveCountry | None
    members: QuerySet[Member]


def _dpgs_in(code: str, kind: str) -> list[dict]:
    ids = ProductCountry.objects.filter(code=code, kind=kind).values("product_id")
    return for_listing(Product.objects.filter(pk__in=ids, status=Product.Status.DPG).order_by("sort_name"))


def country(code: str) -> Country:
    return Country(
        code=code,
        developed=_dpgs_in(code, ProductCountry.Kind.DEVELOPED),
        deployed=_dpgs_in(code, ProductCountry.Kind.DEPLOYED),
        pilots=pilots().filter(country=code),
        fifty_in_five=fifty_in_five().filter(country=code).first(),
        members=members().filter(country=code),
    )


def editable_communities(user) -> QuerySet[Community]:
    """The communities ``user`` may edit as a focal point (admins may edit all)."""
    ids = CommunityFocalPoint.objects.filter(user=user).values("community_id")
    return Community.objects.filter(pk__in=ids)
