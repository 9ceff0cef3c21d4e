"""What a check produces: findings with evidence and confidence, summed up per indicator."""

from enum import StrEnum

from dpg_registry.lib.records import Record, as_plain, factory

SCHEMA_VERSION = "1.1"


class Status(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    NEEDS_PERSON = "needs_person"
    NOT_APPLICABLE = "not_applicable"


class Confidence(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def rank(self) -> int:
        return ["low", "medium", "high"].index(self.value)


class Evidence(Record, frozen=True):
    """Where a finding comes from: a file (and line) of the tree, or a web address."""

    path: str = ""
    line: int | None = None
    url: str = ""
    excerpt: str = ""


class Finding(Record):
    indicator: str
    status: Status
    confidence: Confidence
    explanation: str
    detector: str
    evidence: list[Evidence] = factory(list)
    # The Standard's question this finding can answer, and the answer it suggests (for autofill).
    question_key: str | None = None
    value: object = None
    # A project's own answers to the indicator's choice questions (from dpg.json), set on the finding that
    # states the indicator met; a detector that suggests another choice for one of them contradicts it.
    stated: dict[str, str] | None = None


class LicenceHit(Record):
    """A licence found somewhere in the tree."""

    expression: str
    path: str
    kind: str  # licence_file, header, manifest, readme, metadata
    line: int | None = None
    confidence: Confidence = Confidence.MEDIUM


class Outcome(Record):
    """What one detector returns: findings, and facts the report carries at its top level."""

    findings: list[Finding] = factory(list)
    main_license: str | None = None
    licences: list[LicenceHit] = factory(list)


class Report(Record):
    target: str
    category: str
    standard_version: str
    commit: str | None
    main_license: str | None
    main_license_approved: bool | None
    licences: list[LicenceHit]
    findings: list[Finding]
    indicators: dict[str, Finding]
    limits: list[str]
    files_seen: int
    bytes_read: int
    seconds: float
    schema_version: str = SCHEMA_VERSION

    def as_dict(self) -> dict:
        return as_plain(self)
