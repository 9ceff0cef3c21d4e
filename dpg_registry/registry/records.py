"""The registry's import record: what an importer hands to ``services.import_products``.

Importers turn a foreign format into these plain values (checked and cleaned, with errors
naming the file and JSON path); the service writes them in one transaction.
"""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date


@dataclass
class LicenceStatement:
    expression: str
    evidence_urls: list[str] = field(default_factory=list)
    # The text the source gave when it is not an SPDX expression (the expression is then a ``LicenseRef-``).
    declared: str = ""


@dataclass
class SDGLink:
    number: int
    relevance: str = ""
    evidence_urls: list[str] = field(default_factory=list)


@dataclass
class OrganisationRole:
    name: str
    role: str
    website: str = ""
    contact_name: str = ""
    contact_email: str = ""


@dataclass
class CountryRef:
    """A country as the source named it; ``code`` is blank when the name matched no country."""

    source_name: str
    code: str


@dataclass
class Answer:
    indicator_code: str
    question_key: str
    value: object


@dataclass
class SourceRef:
    source_format: str
    source_key: str
    data: object
    mapping_version: int

    @property
    def sha256(self) -> str:
        # The mapping version is part of the digest so that a changed importer re-maps old sources.
        canonical = json.dumps([self.mapping_version, self.data], sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass
class ProductRecord:
    slug: str
    name: str
    status: str
    categories: list[str]
    sources: list[SourceRef]
    aliases: list[str] = field(default_factory=list)
    description: str = ""
    website: str = ""
    status_reason: str = ""
    status_changed_on: date | None = None
    listed_since: date | None = None
    expires_on: date | None = None
    licences: list[LicenceStatement] = field(default_factory=list)
    sdgs: list[SDGLink] = field(default_factory=list)
    sdg_relevance: str = ""
    sectors: list[str] = field(default_factory=list)
    repositories: list[tuple[str, str]] = field(default_factory=list)
    organisations: list[OrganisationRole] = field(default_factory=list)
    developed_in: list[CountryRef] = field(default_factory=list)
    deployed_in: list[CountryRef] = field(default_factory=list)
    deployment_organisations: list[tuple[str, str]] = field(default_factory=list)
    answers: list[Answer] = field(default_factory=list)
    dpga_id: str = ""
    dpga_gid: str = ""
    awards: list[str] = field(default_factory=list)
    # Labels outside the reference lists, kept as given: ``{"categories": ["Open Hardware"]}``.
    unlisted: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class ReviewedProduct:
    """What a positive review hands to ``services.publish_reviewed``: the reviewed answers, checked."""

    name: str
    description: str
    website: str
    categories: list[str]
    sectors: list[str]
    licences: list[LicenceStatement]
    sdgs: list[SDGLink]
    sdg_relevance: str
    repositories: list[tuple[str, str]]
    owner: OrganisationRole | None
    deployed_in: list[CountryRef]
    answers: list[Answer]
    sources: list[SourceRef]
    standard_version_id: int
    decided_on: date
    expires_on: date
