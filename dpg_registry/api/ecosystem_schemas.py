"""Response schemas of the ecosystem's API: the shapes of ``ecosystem/export.py``'s public records."""

from ninja import Schema


class ProductRef(Schema):
    slug: str
    name: str


class CountryRef(Schema):
    code: str
    name: str


class FocusArea(Schema):
    priority_area: str
    focus: str
    status: str


class Expert(Schema):
    organisation: str
    role: str
    name: str | None


class FocalPoint(Schema):
    organisation: str


class Criterion(Schema):
    title: str
    description: str


class CollectionEntry(Schema):
    product: ProductRef
    reason: str


class Collection(Schema):
    slug: str
    title: str
    description: str
    entries: list[CollectionEntry]


class PillarRating(Schema):
    pillar: str
    level: str
    practices: list[str]
    evidence: str


class Assessment(Schema):
    product: ProductRef
    assessed_by: str
    assessed_on: str | None
    pillars: list[PillarRating]


class CommunitySummary(Schema):
    slug: str
    name: str
    summary: str
    focus_areas: list[FocusArea]
    collections: list[str]


class CommunityPage(Schema):
    count: int
    results: list[CommunitySummary]
    next: str | None


class Community(Schema):
    slug: str
    name: str
    summary: str
    focus_areas: list[FocusArea]
    experts: list[Expert]
    focal_points: list[FocalPoint]
    criteria: list[Criterion]
    collections: list[Collection]
    assessments: list[Assessment]


class Document(Schema):
    title: str
    url: str


class Pilot(Schema):
    slug: str
    title: str
    programme: str
    country: CountryRef
    partners: list[str]
    products: list[ProductRef]
    goals: str
    status: str
    started_on: str | None
    ended_on: str | None
    learnings: str
    documents: list[Document]


class PilotPage(Schema):
    count: int
    results: list[Pilot]
    next: str | None


class Activity(Schema):
    objective: str
    title: str
    description: str
    year: int
    status: str


class Member(Schema):
    slug: str
    name: str
    kind: str
    country: CountryRef | None
    website: str
    on_board: bool
    activities: list[Activity]


class MemberPage(Schema):
    count: int
    results: list[Member]
    next: str | None


class Component(Schema):
    kind: str
    stage: str
    description: str
    products: list[ProductRef]


class FiftyInFive(Schema):
    country: CountryRef
    joined_on: str | None
    components: list[Component]


class Pledge(Schema):
    stakeholder: str
    commitment: str
    pledged_on: str | None


class Call(Schema):
    slug: str
    title: str
    area: str
    description: str
    status: str
    launched_on: str | None
    pledges: list[Pledge]


class CountryProfile(Schema):
    code: str
    name: str
    developed_dpgs: list[ProductRef]
    deployed_dpgs: list[ProductRef]
    pilots: list[Pilot]
    fifty_in_five: FiftyInFive | None
    members: list[Member]
