"""The DPG Alliance's legacy repository layout (publicgoods-candidates, 2020-2023).

A folder with ``nominees/*.json`` (stage ``DPG`` or ``nominee``), ``digitalpublicgoods/*.json``
(screening answers for indicators 3-9, merged into the product of the same file name),
``archive/*.json`` (archived) and ``excluded-nominees/*.json`` with a ``README.md`` table
giving each exclusion's date and reason. A product in ``nominees/`` that also has an older
copy in ``archive/`` is one product: the nominee record is current, the archived copy is kept
as a further source record.
"""

import re
from datetime import date
from pathlib import Path

from dpg_registry.importers.errors import ImportFailure, ReadWarning
from dpg_registry.importers.fields import Reader, clean_text, countries, unlisted
from dpg_registry.registry.records import Answer, ProductRecord, SDGLink, SourceRef

FORMAT = "dpga-legacy"
MAPPING_VERSION = 1
FOLDERS = ("nominees", "digitalpublicgoods", "archive", "excluded-nominees")
CATEGORIES = ("software", "data", "content", "standard", "aimodel")
STAGES = {"DPG": "dpg", "nominee": "nominee"}
YES_NO_UNKNOWN = {"Yes": "yes", "No": "no", "Unknown": "unknown"}

# Screening answers: source path → (indicator, question key of the Standard, how to read it).
SCREENING_FIELDS = [
    ("clearOwnership.isOwnershipExplicit", "3", "ownership_documented", "choice"),
    ("clearOwnership.copyrightURL", "3", "ownership_evidence_urls", "one_url"),
    ("platformIndependence.mandatoryDepsCreateMoreRestrictions", "4", "closed_dependencies", "choice"),
    ("platformIndependence.isSoftwarePltIndependent", "4", "open_alternatives_exist", "choice"),
    ("platformIndependence.pltIndependenceDesc", "4", "open_alternatives", "text"),
    ("documentation.isDocumentationAvailable", "5", "documentation_available", "choice"),
    ("documentation.documentationURL", "5", "documentation_urls", "list"),
    ("NonPII.collectsNonPII", "6", "uses_non_pii_data", "choice"),
    ("NonPII.checkNonPIIAccessMechanism", "6", "non_pii_extraction_available", "choice"),
    ("NonPII.nonPIIAccessMechanism", "6", "non_pii_extraction", "text"),
    ("privacy.isPrivacyCompliant", "7", "privacy_compliant", "choice"),
    ("privacy.privacyComplianceList", "7", "applicable_laws", "list"),
    ("privacy.adherenceSteps", "7", "privacy_adherence", "list"),
    ("standards.supportStandards", "8", "supports_standards", "choice"),
    ("standards.standardsList", "8", "standards", "list"),
    ("standards.evidenceStandardSupport", "8", "standards_evidence_urls", "list"),
    ("standards.implementBestPractices", "8", "follows_best_practices", "choice"),
    ("standards.bestPracticesList", "8", "best_practices", "list"),
    ("doNoHarm.preventHarm.stepsToPreventHarm", "9", "harm_prevention_steps", "choice"),
    ("doNoHarm.preventHarm.additionalInfoMechanismProcessesPolicies", "9", "harm_prevention", "text"),
    ("doNoHarm.dataPrivacySecurity.collectsPII", "9a", "collects_pii", "choice"),
    ("doNoHarm.dataPrivacySecurity.typesOfDataCollected", "9a", "pii_types", "list"),
    ("doNoHarm.dataPrivacySecurity.thirdPartyDataSharing", "9a", "pii_shared_with_third_parties", "choice"),
    ("doNoHarm.dataPrivacySecurity.dataSharingCircumstances", "9a", "pii_sharing_circumstances", "list"),
    ("doNoHarm.dataPrivacySecurity.ensurePrivacySecurity", "9a", "pii_protected", "choice"),
    ("doNoHarm.dataPrivacySecurity.privacySecurityDescription", "9a", "pii_protection", "text"),
    ("doNoHarm.inappropriateIllegalContent.collectStoreDistribute", "9b", "collects_content", "choice"),
    ("doNoHarm.inappropriateIllegalContent.type", "9b", "content_types", "one_text"),
    ("doNoHarm.inappropriateIllegalContent.contentFilter", "9b", "content_filter", "text"),
    ("doNoHarm.inappropriateIllegalContent.policyGuidelinesDocumentationLink", "9b", "content_policy_urls", "one_url"),
    ("doNoHarm.inappropriateIllegalContent.illegalContentDetection", "9b", "illegal_content_detection", "choice"),
    ("doNoHarm.inappropriateIllegalContent.illegalContentDetectionMechanism", "9b", "illegal_content_process", "text"),
    ("doNoHarm.protectionFromHarassment.userInteraction", "9c", "user_interaction", "choice"),
    ("doNoHarm.protectionFromHarassment.addressSafetySecurityUnderageUsers", "9c", "underage_safety", "choice"),
    (
        "doNoHarm.protectionFromHarassment.stepsAddressRiskPreventSafetyUnderageUsers",
        "9c",
        "underage_safety_steps",
        "list",
    ),
    ("doNoHarm.protectionFromHarassment.griefAbuseHarassmentProtection", "9c", "harassment_protection", "choice"),
    ("doNoHarm.protectionFromHarassment.harassmentProtectionSteps", "9c", "harassment_protection_steps", "list"),
]

# The exclusion table names one product differently from its file.
EXCLUSION_NAME_ALIASES = {"open neural networks": "open-nn"}
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def detect(path: Path) -> bool:
    return path.is_dir() and any((path / folder).is_dir() for folder in FOLDERS)


def read(
    root: Path, warnings: list[ReadWarning] | None = None, sectors: set[str] | None = None
) -> list[ProductRecord]:
    files = {folder: _json_files(root / folder) for folder in FOLDERS}
    exclusions = _read_exclusions(root / "excluded-nominees", files["excluded-nominees"])
    slugs = sorted(set(files["nominees"]) | set(files["archive"]) | set(files["excluded-nominees"]))
    orphans = sorted(set(files["digitalpublicgoods"]) - set(slugs))
    if orphans:
        path = files["digitalpublicgoods"][orphans[0]]
        raise ImportFailure(path, "$", "screening answers for a product that has no nominee, archive or excluded file")
    records = []
    for slug in slugs:
        present = {folder: files[folder][slug] for folder in FOLDERS if slug in files[folder]}
        records.append(_product(root, slug, present, exclusions, lambda path: Reader(path, warnings, sectors)))
    return records


def _json_files(folder: Path) -> dict[str, Path]:
    if not folder.is_dir():
        return {}
    return {path.stem: path for path in sorted(folder.glob("*.json"))}


def _product(root: Path, slug: str, present: dict[str, Path], exclusions: dict, reader_of) -> ProductRecord:
    main_folder = next(folder for folder in ("nominees", "excluded-nominees", "archive") if folder in present)
    by_folder = {
        folder: SourceRef(FORMAT, path.relative_to(root).as_posix(), Reader(path).load(), MAPPING_VERSION)
        for folder, path in present.items()
    }
    sources = list(by_folder.values())
    record = _nominee(reader_of(present[main_folder]), slug, main_folder, by_folder[main_folder].data, sources)
    if main_folder == "excluded-nominees":
        record.status_changed_on, record.status_reason = exclusions[slug]
    if "digitalpublicgoods" in present:
        _screening(reader_of(present["digitalpublicgoods"]), by_folder["digitalpublicgoods"].data, record)
    return record


def _nominee(reader: Reader, slug: str, folder: str, data, sources) -> ProductRecord:
    root = reader.typed(data, dict, "$")
    name = reader.name(root, "$")
    if folder == "nominees":
        stage = reader.field(root, "stage", str, "$", required=True)
        if stage not in STAGES:
            reader.fail("$.stage", f"unknown stage {stage!r} (expected one of {', '.join(STAGES)})")
        status = STAGES[stage]
    else:
        status = "archived" if folder == "archive" else "excluded"
    categories, unknown_categories = _categories(reader, root)
    record = ProductRecord(
        slug=slug,
        name=name,
        status=status,
        categories=categories,
        sources=sources,
        aliases=[alias for alias in (clean_text(a) for a in reader.string_list(root, "aliases", "$")) if alias],
        description=clean_text(reader.field(root, "description", str, "$", default="")),
        website=clean_text(reader.field(root, "website", str, "$", default="")),
    )
    record.sectors, unknown_sectors = reader.sectors(root, "$")
    record.unlisted = unlisted(categories=unknown_categories, sectors=unknown_sectors)
    for index, item in enumerate(reader.field(root, "license", list, "$", required=True)):
        path = f"$.license[{index}]"
        item = reader.typed(item, dict, path)
        spdx = reader.field(item, "spdx", str, path, required=True)
        url = clean_text(reader.field(item, "licenseURL", str, path, default=""))
        record.licences.append(reader.licence(spdx, [url] if url else [], f"{path}.spdx"))
    for index, item in enumerate(reader.field(root, "SDGs", list, "$", required=True)):
        record.sdgs.append(_sdg(reader, item, f"$.SDGs[{index}]"))
    for index, item in enumerate(reader.field(root, "repositories", list, "$", default=[])):
        path = f"$.repositories[{index}]"
        item = reader.typed(item, dict, path)
        url = clean_text(reader.field(item, "url", str, path, required=True))
        record.repositories.append((clean_text(reader.field(item, "name", str, path, default="")), url))
    repository_url = clean_text(reader.field(root, "repositoryURL", str, "$", default=""))
    if repository_url and repository_url not in [url for _, url in record.repositories]:
        record.repositories.append(("main", repository_url))
    for index, item in enumerate(reader.field(root, "organizations", list, "$", required=True)):
        record.organisations.append(reader.organisation(item, f"$.organizations[{index}]"))
    return record


def _categories(reader: Reader, root: dict) -> tuple[list[str], list[str]]:
    categories, unknown = reader.labels(root, "type", "$", {key: key for key in CATEGORIES}, "category")
    if not categories and not unknown:
        reader.fail("$.type", "at least one category is required")
    return categories, unknown


def _sdg(reader: Reader, item, path: str) -> SDGLink:
    if isinstance(item, list):
        # Old excluded records write an SDG as [number, "name"].
        if not item:
            reader.fail(path, "empty SDG entry")
        return SDGLink(number=reader.sdg_number(item[0], f"{path}[0]"))
    item = reader.typed(item, dict, path)
    number = reader.sdg_number(item.get("SDGNumber"), f"{path}.SDGNumber") if "SDGNumber" in item else None
    if number is None:
        reader.fail(path, "missing required field 'SDGNumber'")
    url = clean_text(reader.field(item, "evidenceURL", str, path, default=""))
    return SDGLink(
        number=number,
        relevance=clean_text(reader.field(item, "evidenceText", str, path, default="")),
        evidence_urls=[url] if url else [],
    )


def _screening(reader: Reader, data, record: ProductRecord) -> None:
    root = reader.typed(data, dict, "$")
    for source_path, indicator, key, how in SCREENING_FIELDS:
        value, path = _walk(reader, root, source_path)
        if value is None:
            continue
        answer = _answer_value(reader, value, how, path)
        if answer not in ("", []):
            record.answers.append(Answer(indicator, key, answer))
    locations = reader.field(root, "locations", dict, "$", default={})
    record.developed_in = countries(reader.string_list(locations, "developmentCountries", "$.locations"))
    record.deployed_in = countries(reader.string_list(locations, "deploymentCountries", "$.locations"))


def _walk(reader: Reader, root: dict, dotted: str):
    node, path = root, "$"
    for part in dotted.split("."):
        node = reader.typed(node, dict, path)
        if part not in node:
            return None, path
        node, path = node[part], f"{path}.{part}"
    return node, path


def _answer_value(reader: Reader, value, how: str, path: str):
    if how == "choice":
        value = reader.typed(value, str, path)
        if value and value not in YES_NO_UNKNOWN:
            reader.fail(path, f"expected Yes, No or Unknown, got {value!r}")
        return YES_NO_UNKNOWN.get(value, "")
    if how == "list":
        items = reader.typed(value, list, path)
        texts = [clean_text(reader.typed(item, str, f"{path}[{i}]")) for i, item in enumerate(items)]
        return [text for text in texts if text]
    text = clean_text(reader.typed(value, str, path))
    if how in ("one_url", "one_text"):
        return [text] if text else []
    return text


def _read_exclusions(folder: Path, files: dict[str, Path]) -> dict[str, tuple[date, str]]:
    """Exclusion date and reason per file, from the table in ``excluded-nominees/README.md``."""
    if not files:
        return {}
    readme = folder / "README.md"
    if not readme.is_file():
        raise ImportFailure(readme, "-", "missing: it gives the date and reason of each exclusion")
    by_name = {}
    for slug, path in files.items():
        data = Reader(path).load()
        name = data.get("name") if isinstance(data, dict) else None
        by_name[_fold(name if isinstance(name, str) else "")] = slug  # a bad name is reported when the file is read
        by_name[_fold(slug)] = slug
    exclusions = {}
    for line_number, line in enumerate(readme.read_text(encoding="utf-8").splitlines(), start=1):
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 3 or cells[0] in ("Nominee", "") or set(cells[0]) <= set("-: "):
            continue
        when = _parse_date(cells[1], readme, line_number)
        for name in re.split(r",\s*|\s+&\s+", cells[0]):
            slug = EXCLUSION_NAME_ALIASES.get(name.strip().lower()) or by_name.get(_fold(name))
            if slug is None:
                raise ImportFailure(readme, f"line {line_number}", f"no excluded-nominees file for {name.strip()!r}")
            exclusions[slug] = (when, cells[2])
    missing = sorted(set(files) - set(exclusions))
    if missing:
        raise ImportFailure(files[missing[0]], "$", "not listed in excluded-nominees/README.md with a date and reason")
    return exclusions


def _fold(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _parse_date(text: str, readme: Path, line_number: int) -> date:
    match = re.fullmatch(r"([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", text.strip())
    month = match and match.group(1)[:3].lower()
    if not match or month not in _MONTHS:
        raise ImportFailure(readme, f"line {line_number}", f"cannot read the date {text!r}")
    try:
        return date(int(match.group(3)), _MONTHS.index(month) + 1, int(match.group(2)))
    except ValueError as exc:
        raise ImportFailure(readme, f"line {line_number}", f"cannot read the date {text!r}: {exc}") from exc
