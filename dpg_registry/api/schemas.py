"""Response schemas of API v1: the public record of a product, the Standard, applications."""

from datetime import datetime
from typing import Annotated

from ninja import Schema
from pydantic import Field

# Text in a path or query parameter: anything but NUL, which no value of the registry holds (see urlcheck.py).
Text = Annotated[str, Field(pattern=r"^[^\x00]*$")]


class Licence(Schema):
    expression: str = Field(description="An SPDX expression, or a `LicenseRef-` for a licence the SPDX list lacks.")
    evidence_urls: list[str]
    on_spdx_list: bool = Field(description="False for a `LicenseRef-`: the licence is to be confirmed.")
    declared: str | None = Field(description="The text the source gave, when it was no SPDX expression.")


class SDGLink(Schema):
    number: int
    name: str
    relevance: str
    evidence_urls: list[str]


class Repository(Schema):
    name: str
    url: str


class Organisation(Schema):
    name: str
    website: str
    role: str


class Country(Schema):
    code: str | None
    name: str


class DeploymentOrganisation(Schema):
    kind: str
    name: str


class Product(Schema):
    slug: str
    name: str
    aliases: list[str]
    description: str
    website: str
    categories: list[str]
    status: str
    status_reason: str
    status_changed_on: str | None
    listed_since: str | None
    expires_on: str | None
    standard_version: str | None
    licenses: list[Licence]
    sdgs: list[SDGLink]
    sdg_relevance: str
    sectors: list[str]
    repositories: list[Repository]
    organisations: list[Organisation]
    development_countries: list[Country]
    deployment_countries: list[Country]
    deployment_organisations: list[DeploymentOrganisation]
    # Imported records answer in text; a reviewed application also in numbers (SDGs) and choices.
    indicators: dict[str, dict[str, str | int | bool | list[str | int]]]
    awards: list[str]
    unlisted: dict[str, list[str]] = Field(
        description="Labels outside the registry's reference lists (categories, sectors), kept as the source gave them."
    )
    dpga_id: str
    dpga_gid: str


class ProductPage(Schema):
    count: int
    results: list[Product]
    next: str | None


class FacetValue(Schema):
    value: str | int
    label: str
    count: int
    selected: bool


class Facets(Schema):
    count: int
    facets: dict[str, list[FacetValue]]


class SDG(Schema):
    number: int
    name: str
    dpgs: int


class LicenceInfo(Schema):
    spdx_id: str
    name: str
    family: str
    osi_approved: bool
    deprecated: bool
    approved_for: list[str]


class Question(Schema):
    key: str
    prompt: str
    help: str
    answer_type: str
    choices: list[str]
    categories: list[str]
    required: bool
    evidence_required: bool


class Indicator(Schema):
    code: str
    title: str
    requirement: str
    questions: list[Question]


class Standard(Schema):
    version: str
    released_on: str
    summary: str
    indicators: list[Indicator]


class Problem(Schema):
    type: str
    title: str
    status: int
    detail: str | None = None
    parameter: str | None = None


class ApplicationSummary(Schema):
    id: str
    name: str
    category: str
    state: str
    submitted_at: datetime | None
    decided_at: datetime | None


class QueuedApplication(ApplicationSummary):
    late: bool


class ReviewQueue(Schema):
    l1: list[QueuedApplication]
    l2: list[QueuedApplication]


class TrailStep(Schema):
    at: datetime
    action: str
    text: str
    state: str = ""
    indicator: str | None = None
    level: str | None = None
    decision: str | None = None


class PublicApplication(ApplicationSummary):
    standard_version: str
    decision_reason: str
    product: str | None
    trail: list[TrailStep]
