"""Loading the Standard's data files into the database. Loading is idempotent."""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.db import transaction

from dpg_registry.standard import licences
from dpg_registry.standard.errors import StandardDataError
from dpg_registry.standard.models import (
    SDG,
    ApprovedLicence,
    Category,
    Indicator,
    Licence,
    Question,
    Sector,
    StandardVersion,
)

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass
class LoadReport:
    versions: list[str] = field(default_factory=list)
    created: int = 0

    def __str__(self) -> str:
        return f"DPG Standard {', '.join(self.versions)} loaded ({self.created} rows created)"


def _read(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise StandardDataError(f"{path}: line {exc.lineno} column {exc.colno}: {exc.msg}") from exc


def _require(mapping: dict, key: str, where: str, kind: type):
    if key not in mapping:
        raise StandardDataError(f"{where}: missing '{key}'")
    value = mapping[key]
    if not isinstance(value, kind):
        raise StandardDataError(f"{where}.{key}: expected {kind.__name__}, got {type(value).__name__}")
    return value


@transaction.atomic
def load_standard(*, data_dir: Path = DATA_DIR) -> LoadReport:
    """Load categories, SDGs, sectors and every ``standard-*.json`` version from ``data_dir``."""
    report = LoadReport()
    report.created += _load_categories(data_dir / "categories.json")
    report.created += _load_sdgs(data_dir / "sdgs.json")
    report.created += _load_sectors(data_dir / "sectors.json")
    version_files = sorted(data_dir.glob("standard-*.json"))
    if not version_files:
        raise StandardDataError(f"{data_dir}: no standard-*.json file")
    loaded = [_load_version(path, report) for path in version_files]
    newest = max(loaded, key=lambda version: (version.released_on, version.version))
    StandardVersion.objects.exclude(pk=newest.pk).filter(is_current=True).update(is_current=False)
    if not newest.is_current:
        newest.is_current = True
        newest.save(update_fields=["is_current"])
    return report


def _load_categories(path: Path) -> int:
    rows = []
    for position, item in enumerate(_require(_read(path), "categories", f"{path}: $", list)):
        where = f"{path}: $.categories[{position}]"
        rows.append(Category(key=_require(item, "key", where, str), label=_require(item, "label", where, str),
                             is_legacy=bool(item.get("legacy", False)), position=position))
    return _upsert(Category, rows, "key", ["label", "is_legacy", "position"])


def _load_sdgs(path: Path) -> int:
    rows = []
    for position, item in enumerate(_require(_read(path), "sdgs", f"{path}: $", list)):
        where = f"{path}: $.sdgs[{position}]"
        rows.append(SDG(number=_require(item, "number", where, int), name=_require(item, "name", where, str)))
    return _upsert(SDG, rows, "number", ["name"])


def _upsert(model, rows: list, key: str, fields: list[str]) -> int:
    """Create the rows whose ``key`` is new and update the others where one of ``fields`` differs, in a few
    queries whatever the number of rows; returns the number created."""
    stored = model.objects.in_bulk([getattr(row, key) for row in rows], field_name=key)
    new = [row for row in rows if getattr(row, key) not in stored]
    changed = []
    for row in rows:
        current = stored.get(getattr(row, key))
        if current is not None and any(getattr(current, name) != getattr(row, name) for name in fields):
            for name in fields:
                setattr(current, name, getattr(row, name))
            changed.append(current)
    model.objects.bulk_create(new)
    model.objects.bulk_update(changed, fields)
    return len(new)


def _load_sectors(path: Path) -> int:
    names = _require(_read(path), "sectors", f"{path}: $", list)
    known = set(Sector.objects.values_list("name", flat=True))
    Sector.objects.bulk_create(Sector(name=name) for name in dict.fromkeys(names) if name not in known)
    return len(set(names) - known)


def ensure_licence(spdx_id: str) -> Licence:
    """The Licence row of an SPDX identifier, created from the SPDX list on first use."""
    return ensure_licences([spdx_id])[licences.canonical_id(spdx_id)]


def ensure_licences(spdx_ids: list[str]) -> dict[str, Licence]:
    """The Licence rows of SPDX identifiers by canonical id, creating the missing ones in one query."""
    infos = {info.spdx_id: info for info in map(licences.licence_info, spdx_ids)}
    found = {licence.spdx_id: licence for licence in Licence.objects.filter(spdx_id__in=list(infos))}
    missing = [
        Licence(spdx_id=i.spdx_id, name=i.name, family=i.family, osi_approved=i.osi_approved, deprecated=i.deprecated)
        for spdx_id, i in infos.items()
        if spdx_id not in found
    ]
    Licence.objects.bulk_create(missing, ignore_conflicts=True)
    if missing:
        found = {licence.spdx_id: licence for licence in Licence.objects.filter(spdx_id__in=list(infos))}
    return found


def _load_version(path: Path, report: LoadReport) -> StandardVersion:
    raw = path.read_bytes()
    data = _read(path)
    where = f"{path}: $"
    number = _require(data, "version", where, str)
    try:
        released_on = date.fromisoformat(_require(data, "released_on", where, str))
    except ValueError as exc:
        raise StandardDataError(f"{where}.released_on: {exc}") from exc
    digest = hashlib.sha256(raw).hexdigest()
    existing = StandardVersion.objects.filter(version=number).first()
    report.versions.append(number)
    if existing and existing.source_sha256 == digest:
        return existing
    if existing:
        raise StandardDataError(
            f"{path}: version {number} is already loaded with different content; "
            "a published version does not change, a new version of the Standard is a new file"
        )
    version = StandardVersion.objects.create(
        version=number, released_on=released_on, summary=data.get("summary", ""), source_sha256=digest
    )
    report.created += 1
    categories = {category.key: category for category in Category.objects.all()}
    _load_indicators(version, _require(data, "indicators", where, list), where, categories, report)
    approved = _require(data, "approved_licenses", where, dict)
    for category_key, entries in approved.items():
        category = categories.get(category_key)
        if category is None:
            raise StandardDataError(f"{where}.approved_licenses.{category_key}: unknown category")
        listed = {}
        for index, entry in enumerate(entries):
            entry_where = f"{where}.approved_licenses.{category_key}[{index}]"
            spdx_id = _require(entry, "spdx", entry_where, str)
            if spdx_id in listed:
                raise StandardDataError(f"{entry_where}.spdx: {spdx_id} is listed twice")
            try:
                info = licences.licence_info(spdx_id)
            except licences.InvalidLicence as exc:
                raise StandardDataError(f"{entry_where}.spdx: {exc}") from exc
            if entry.get("osi_approved") != info.osi_approved:
                raise StandardDataError(
                    f"{entry_where}.osi_approved: the SPDX list says {info.osi_approved} for {spdx_id}"
                )
            listed[spdx_id] = info.spdx_id
        rows = ensure_licences(list(listed))
        ApprovedLicence.objects.bulk_create(
            ApprovedLicence(version=version, category=category, licence=rows[spdx_id]) for spdx_id in listed.values()
        )
        report.created += len(listed)
    return version


def _load_indicators(version, items: list, where: str, categories: dict, report: LoadReport) -> None:
    """The version's indicators, their questions and the questions' categories, each created in one query."""
    indicators, questions, question_categories = [], [], []
    for position, item in enumerate(items):
        item_where = f"{where}.indicators[{position}]"
        indicator = Indicator(
            version=version,
            code=_require(item, "code", item_where, str),
            parent_code=item.get("parent", ""),
            title=_require(item, "title", item_where, str),
            requirement=_require(item, "requirement", item_where, str),
            position=position,
        )
        indicators.append(indicator)
        for q_position, q_item in enumerate(_require(item, "questions", item_where, list)):
            q_where = f"{item_where}.questions[{q_position}]"
            answer_type = _require(q_item, "answer_type", q_where, str)
            if answer_type not in Question.AnswerType.values:
                raise StandardDataError(f"{q_where}.answer_type: unknown answer type {answer_type!r}")
            keys = _require(q_item, "categories", q_where, list)
            unknown = [key for key in keys if key not in categories]
            if unknown:
                raise StandardDataError(f"{q_where}.categories: unknown category {unknown[0]!r}")
            question = Question(
                indicator=indicator,
                key=_require(q_item, "key", q_where, str),
                prompt=_require(q_item, "prompt", q_where, str),
                help=q_item.get("help", ""),
                answer_type=answer_type,
                choices=q_item.get("choices", []),
                required=bool(q_item.get("required", True)),
                evidence_required=bool(q_item.get("evidence_required", False)),
                position=q_position,
            )
            questions.append(question)
            question_categories.extend((question, categories[key]) for key in dict.fromkeys(keys))
    Indicator.objects.bulk_create(indicators)  # sets each indicator's id, which its questions then take
    Question.objects.bulk_create(questions)
    Through = Question.categories.through
    Through.objects.bulk_create(Through(question=question, category=category)
                                for question, category in question_categories)
    report.created += len(indicators) + len(questions)
