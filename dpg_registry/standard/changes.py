"""What changed between two versions of the Standard, read from their data files."""

import json
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from dpg_registry.standard.choices import choice_label
from dpg_registry.standard.errors import StandardDataError
from dpg_registry.standard.services import DATA_DIR
from dpg_registry.standard.translations import translate

INDICATOR_FIELDS = ("title", "requirement", "parent")
QUESTION_FIELDS = ("prompt", "help", "answer_type", "choices", "categories", "required", "evidence_required")
QUESTION_DEFAULTS = {"help": "", "choices": [], "required": True, "evidence_required": False}


@dataclass(frozen=True)
class Change:
    kind: str  # "added", "changed" or "removed"
    subject: str  # "indicator", "question" or "licence"
    indicator: str = ""  # the indicator's code (questions and indicators)
    name: str = ""  # the question's key, or the licence's SPDX identifier
    category: str = ""  # the category key (licences)
    field: str = ""  # what changed (changed indicators and questions)
    before: object = None
    after: object = None


def version_files(data_dir: Path = DATA_DIR) -> dict[str, Path]:
    """Each version's data file by version number."""
    files = {}
    for path in sorted(data_dir.glob("standard-*.json")):
        files[json.loads(path.read_text(encoding="utf-8"))["version"]] = path
    return files


def read_version(number: str, data_dir: Path = DATA_DIR) -> dict:
    path = version_files(data_dir).get(number)
    if path is None:
        raise StandardDataError(f"no data file for version {number} of the Standard")
    return json.loads(path.read_text(encoding="utf-8"))


def version_notes(number: str, data_dir: Path = DATA_DIR) -> list[str]:
    """The notes of a version's data file on how its lists were drawn up; none when no file holds that version."""
    path = version_files(data_dir).get(number)
    return json.loads(path.read_text(encoding="utf-8")).get("notes", []) if path else []


def compare(old: dict, new: dict) -> list[Change]:
    """Indicators, questions and approved licences added, changed or removed from ``old`` to ``new``."""
    return [*_indicator_changes(old, new), *_licence_changes(old, new)]


def _indicator_changes(old: dict, new: dict) -> list[Change]:
    before = {item["code"]: item for item in old["indicators"]}
    after = {item["code"]: item for item in new["indicators"]}
    changes = []
    for code in [*after, *(code for code in before if code not in after)]:
        if code not in before:
            changes.append(Change("added", "indicator", code, after=after[code]["title"]))
        elif code not in after:
            changes.append(Change("removed", "indicator", code, before=before[code]["title"]))
        else:
            for field in INDICATOR_FIELDS:
                if before[code].get(field, "") != after[code].get(field, ""):
                    changes.append(Change("changed", "indicator", code, field=field,
                                          before=before[code].get(field, ""), after=after[code].get(field, "")))
            changes.extend(_question_changes(code, before[code]["questions"], after[code]["questions"]))
    return changes


def _question_changes(code: str, old: list[dict], new: list[dict]) -> list[Change]:
    before = {item["key"]: item for item in old}
    after = {item["key"]: item for item in new}
    changes = []
    for key in [*after, *(key for key in before if key not in after)]:
        if key not in before:
            changes.append(Change("added", "question", code, key, after=after[key]["prompt"]))
        elif key not in after:
            changes.append(Change("removed", "question", code, key, before=before[key]["prompt"]))
        else:
            for field in QUESTION_FIELDS:
                was, now = (item.get(field, QUESTION_DEFAULTS.get(field)) for item in (before[key], after[key]))
                if field == "categories":
                    was, now = sorted(was), sorted(now)
                if was != now:
                    changes.append(Change("changed", "question", code, key, field=field, before=was, after=now))
    return changes


def _licence_changes(old: dict, new: dict) -> list[Change]:
    changes = []
    old_lists, new_lists = old["approved_licenses"], new["approved_licenses"]
    for category in [*new_lists, *(key for key in old_lists if key not in new_lists)]:
        was = [entry["spdx"] for entry in old_lists.get(category, [])]
        now = [entry["spdx"] for entry in new_lists.get(category, [])]
        changes.extend(Change("added", "licence", name=i, category=category) for i in now if i not in was)
        changes.extend(Change("removed", "licence", name=i, category=category) for i in was if i not in now)
    return changes


FIELD_NAMES = {
    "title": _("title"),
    "requirement": _("requirement"),
    "parent": _("parent indicator"),
    "prompt": _("wording"),
    "help": _("help text"),
    "answer_type": _("kind of answer"),
    "choices": _("choices"),
    "categories": _("categories asked"),
    "required": _("whether an answer is required"),
    "evidence_required": _("whether evidence is required"),
}


@dataclass(frozen=True)
class Described:
    sentence: str
    before: str = ""
    after: str = ""


def describe(change: Change, category_labels: dict[str, str]) -> Described:
    """A change as a reader reads it, in the current language; ``category_labels`` names categories by key."""
    values = {"code": change.indicator, "key": change.name, "licence": change.name,
              "category": category_labels.get(change.category, change.category),
              "field": FIELD_NAMES.get(change.field, change.field)}
    if change.subject == "licence":
        sentence = (gettext("%(licence)s added to the approved licences for %(category)s.") if change.kind == "added"
                    else gettext("%(licence)s removed from the approved licences for %(category)s."))
        return Described(sentence % values)
    sentences = {
        ("indicator", "added"): gettext("Indicator %(code)s added."),
        ("indicator", "removed"): gettext("Indicator %(code)s removed."),
        ("indicator", "changed"): gettext("Indicator %(code)s: its %(field)s changed."),
        ("question", "added"): gettext("Indicator %(code)s: question “%(key)s” added."),
        ("question", "removed"): gettext("Indicator %(code)s: question “%(key)s” removed."),
        ("question", "changed"): gettext("Indicator %(code)s: question “%(key)s”: its %(field)s changed."),
    }
    return Described(sentences[change.subject, change.kind] % values, _shown(change.before, category_labels),
                     _shown(change.after, category_labels))


def _shown(value, category_labels: dict[str, str]) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, list):
        return ", ".join(category_labels.get(item, choice_label(item)) for item in value)
    return translate(value)
