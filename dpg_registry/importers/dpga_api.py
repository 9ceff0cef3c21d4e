"""Today's DPGA registry API (``/api/dpgs``): a JSON array of product records.

Its quirks, repaired here: HTML entities in strings (a comma written as ``&#184;``), free
text that the source split on commas into arrays, SDGs as ``"SDG9: ..."`` strings,
categories as labels (``"Open Software"``), and fields that are a string in one record and
an array in the next.
"""

import re
from pathlib import Path

from django.utils.text import slugify

from dpg_registry.importers.errors import ReadWarning
from dpg_registry.importers.fields import Reader, clean_text, countries, rejoin_comma_split, unlisted
from dpg_registry.registry.dpga import CATEGORY_LABELS, CONTENT_OPTIONS, PII_OPTIONS
from dpg_registry.registry.records import Answer, ProductRecord, SDGLink, SourceRef

FORMAT = "dpga-api"
MAPPING_VERSION = 1
STAGES = {"DPG": "dpg", "nominee": "nominee"}
YES_NO = {"Yes": "yes", "No": "no", "Unknown": "unknown"}
_SDG_LABEL = re.compile(r"^\s*SDG\s*(\d+)\s*(?::|$)")


def detect(path: Path) -> bool:
    if not path.is_file():
        return False
    with path.open("rb") as handle:
        return handle.read(64).lstrip().startswith(b"[")


def read(
    path: Path, warnings: list[ReadWarning] | None = None, sectors: set[str] | None = None
) -> list[ProductRecord]:
    reader = Reader(path, warnings, sectors)
    items = reader.typed(reader.load(), list, "$")
    records, seen = [], {}
    for index, item in enumerate(items):
        record = _record(reader, item, f"$[{index}]", path)
        if record.slug in seen:
            reader.fail(f"$[{index}].name", f"same product as $[{seen[record.slug]}] ({record.name!r})")
        seen[record.slug] = index
        records.append(record)
    return records


def _record(reader: Reader, item, path: str, file: Path) -> ProductRecord:
    item = reader.typed(item, dict, path)
    record_id = clean_text(reader.field(item, "id", str, path, required=True))
    name = reader.name(item, path)
    if not slugify(name):
        reader.fail(f"{path}.name", f"the name {name!r} has no letter or digit to make the product's address from")
    stage = reader.field(item, "stage", str, path, required=True)
    if stage not in STAGES:
        reader.fail(f"{path}.stage", f"unknown stage {stage!r} (expected one of {', '.join(STAGES)})")
    categories, unknown_categories = reader.labels(item, "categories", path, CATEGORY_LABELS, "category")
    sectors, unknown_sectors = reader.sectors(item, path)
    record = ProductRecord(
        slug=slugify(name)[:120],
        name=name,
        status=STAGES[stage],
        categories=categories,
        sources=[SourceRef(FORMAT, f"dpgs/{record_id}", item, MAPPING_VERSION)],
        aliases=_aliases(reader, item, path),
        description=clean_text(reader.field(item, "description", str, path, default="")),
        website=clean_text(reader.field(item, "website", str, path, default="")),
        sectors=sectors,
        unlisted=unlisted(categories=unknown_categories, sectors=unknown_sectors),
        dpga_id=record_id,
        dpga_gid=clean_text(reader.field(item, "dpgid", str, path, default="")),
        awards=_comma_split(reader, item, "awardsReceived", path),
    )
    if not record.slug:
        reader.fail(f"{path}.name", "the name gives no usable identifier")
    _licences(reader, item, path, record)
    _sdgs(reader, item, path, record)
    for index, repo in enumerate(reader.field(item, "repositories", list, path, default=[])):
        repo_path = f"{path}.repositories[{index}]"
        repo = reader.typed(repo, dict, repo_path)
        url = clean_text(reader.field(repo, "url", str, repo_path, required=True))
        record.repositories.append((clean_text(reader.field(repo, "name", str, repo_path, default="")), url))
    for index, org in enumerate(reader.field(item, "organizations", list, path, default=[])):
        record.organisations.append(reader.organisation(org, f"{path}.organizations[{index}]"))
    locations = reader.field(item, "locations", dict, path, default={})
    record.developed_in = countries(reader.string_list(locations, "developmentCountries", f"{path}.locations"))
    record.deployed_in = countries(reader.string_list(locations, "deploymentCountries", f"{path}.locations"))
    for key, kind in (
        ("deploymentOrganisations", "international"),
        ("deploymentCountriesDepartments", "government"),
        ("otherDeploymentOrganisations", "other"),
    ):
        record.deployment_organisations += [(kind, name) for name in _comma_split(reader, item, key, path)]
    record.answers = _answers(reader, item, path)
    return record


def _aliases(reader: Reader, item: dict, path: str) -> list[str]:
    value = item.get("aliases", [])
    if isinstance(value, str):
        value = value.split(",")
    parts = [
        reader.typed(alias, str, f"{path}.aliases[{i}]")
        for i, alias in enumerate(reader.typed(value, list, f"{path}.aliases"))
    ]
    return [alias for alias in (clean_text(part) for part in parts) if alias]


def _comma_split(reader: Reader, item: dict, key: str, path: str) -> list[str]:
    """A free-text field the source sends as a string or as the text split on commas."""
    value = item.get(key, [])
    if isinstance(value, str):
        value = [value]
    parts = [
        reader.typed(part, str, f"{path}.{key}[{i}]")
        for i, part in enumerate(reader.typed(value, list, f"{path}.{key}"))
    ]
    return rejoin_comma_split(parts)


def _whole_text(reader: Reader, parts: list, path: str) -> str:
    """Text the source split on commas, joined back exactly."""
    return clean_text(",".join(reader.typed(part, str, f"{path}[{i}]") for i, part in enumerate(parts)))


def _licences(reader: Reader, item: dict, path: str, record: ProductRecord) -> None:
    for index, entry in enumerate(reader.field(item, "openlicenses", list, path, default=[])):
        entry_path = f"{path}.openlicenses[{index}]"
        entry = reader.typed(entry, dict, entry_path)
        spdx = clean_text(reader.field(entry, "openLicense", str, entry_path, required=True))
        evidence = clean_text(reader.field(entry, "openLicenseEvidenceURLs", str, entry_path, default=""))
        urls = [url for url in re.split(r"[\s,]+", evidence) if url]
        if not all(url.startswith(("http://", "https://")) for url in urls):
            urls = [evidence]  # a sentence that names its links: kept whole rather than cut into words
        record.licences.append(reader.licence(spdx, urls, f"{entry_path}.openLicense"))


def _sdgs(reader: Reader, item: dict, path: str, record: ProductRecord) -> None:
    sdgs = reader.field(item, "sdgs", dict, path, default={})
    for index, label in enumerate(reader.string_list(sdgs, "sdg", f"{path}.sdgs")):
        label_path = f"{path}.sdgs.sdg[{index}]"
        match = _SDG_LABEL.match(clean_text(label))
        if not match:
            reader.fail(label_path, f"expected 'SDG<number>: <name>', got {label!r}")
        record.sdgs.append(SDGLink(number=reader.sdg_number(int(match.group(1)), label_path)))
    record.sdg_relevance = clean_text(reader.field(sdgs, "relevance", str, f"{path}.sdgs", default=""))


def _answers(reader: Reader, item: dict, path: str) -> list[Answer]:
    answers: list[Answer] = []

    def add(indicator: str, key: str, value) -> None:
        if value not in ("", [], None):
            answers.append(Answer(indicator, key, value))

    def choice(obj: dict, field: str, obj_path: str, options: dict):
        value = clean_text(reader.field(obj, field, str, obj_path, default=""))
        if value and value not in options:
            reader.fail(f"{obj_path}.{field}", f"unexpected answer {value!r} (expected one of: {'; '.join(options)})")
        return options.get(value, "")

    def obj(key: str) -> tuple[dict, str]:
        return reader.field(item, key, dict, path, default={}), f"{path}.{key}"

    owner_names, owner_evidence = [], []
    for index, owner in enumerate(reader.field(item, "clearOwnership", list, path, default=[])):
        owner_path = f"{path}.clearOwnership[{index}]"
        owner = reader.typed(owner, dict, owner_path)
        owner_names.append(clean_text(reader.field(owner, "clearOwnershipName", str, owner_path, default="")))
        owner_evidence.append(clean_text(reader.field(owner, "clearOwnershipURL", str, owner_path, default="")))
    add("3", "owner_name", "; ".join(name for name in owner_names if name))
    add("3", "ownership_evidence_urls", [evidence for evidence in owner_evidence if evidence])

    platform, platform_path = obj("platformIndependence")
    add("4", "closed_dependencies", choice(platform, "isPlatformIndependent", platform_path, YES_NO))
    alternatives = reader.field(platform, "openAlternatives", list, platform_path, default=[])
    add("4", "open_alternatives", _whole_text(reader, alternatives, f"{platform_path}.openAlternatives"))

    documentation = clean_text(reader.field(item, "documentation", str, path, default=""))
    add("5", "documentation_urls", [documentation] if documentation else [])

    non_pii, non_pii_path = obj("NonPII")
    add("6", "uses_non_pii_data", choice(non_pii, "collectsNonPII", non_pii_path, YES_NO))
    add(
        "6",
        "non_pii_extraction",
        clean_text(reader.field(non_pii, "nonPIIAccessMechanism", str, non_pii_path, default="")),
    )

    laws, law_urls = [], []
    for index, entry in enumerate(reader.field(item, "privacy", list, path, default=[])):
        entry_path = f"{path}.privacy[{index}]"
        entry = reader.typed(entry, dict, entry_path)
        laws.append(clean_text(reader.field(entry, "privacyCompliance", str, entry_path, default="")))
        law_urls.append(clean_text(reader.field(entry, "privacyComplianceURL", str, entry_path, default="")))
    add("7", "applicable_laws", [law for law in laws if law])
    add("7", "privacy_evidence_urls", [url for url in law_urls if url])

    add("8", "standards", _comma_split(reader, item, "openStandards", path))
    add("8", "best_practices", _comma_split(reader, item, "bestPractices", path))

    pii, pii_path = obj("dataPrivacySecurity")
    add("9a", "pii_handling", choice(pii, "collectsPII", pii_path, PII_OPTIONS))
    add("9a", "pii_types", _comma_split(reader, pii, "typesOfPIIDataCollected", pii_path))
    add("9a", "pii_protection", clean_text(reader.field(pii, "dataPrivacySecurity", str, pii_path, default="")))

    content, content_path = obj("userContent")
    add("9b", "content_handling", choice(content, "contentManagement", content_path, CONTENT_OPTIONS))
    add("9b", "content_types", _comma_split(reader, content, "contentTypes", content_path))
    add(
        "9b",
        "content_policy",
        clean_text(reader.field(content, "contentManagementPolicy", str, content_path, default="")),
    )

    harassment, harassment_path = obj("protectionFromHarassment")
    add("9c", "user_interaction", choice(harassment, "facilitatesUserInteraction", harassment_path, YES_NO))
    policy = clean_text(reader.field(harassment, "harassmentPolicy", str, harassment_path, default=""))
    add("9c", "harassment_protection_steps", [policy] if policy else [])
    return answers
