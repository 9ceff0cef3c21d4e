"""Checked reading of JSON values: every failure and every warning names the file and the JSON path.

Malformed input (not JSON, a wrong type, a required field missing) fails. A valid value outside the
registry's reference lists (a licence the SPDX list lacks, an unknown label) is kept and noted as a warning;
blank items of a list are dropped with a warning.
"""

import html
import json
from collections.abc import Iterable
from pathlib import Path

from dpg_registry.importers.errors import ImportFailure, ReadWarning
from dpg_registry.registry.countries import country_code
from dpg_registry.registry.licence_refs import licence_ref
from dpg_registry.registry.records import CountryRef, LicenceStatement, OrganisationRole
from dpg_registry.standard import licences

ORGANISATION_ROLES = ("owner", "maintainer", "funder", "implementer")
_TYPE_NAMES = {str: "a string", list: "an array", dict: "an object", int: "a number", bool: "true or false"}


class Reader:
    """Reads typed values out of one JSON document, keeping the file name for errors."""

    def __init__(self, file: Path, warnings: list[ReadWarning] | None = None, sectors: Iterable[str] | None = None):
        """``sectors``: the Standard's sector names; without them, sectors are cleaned but not matched."""
        self.file = file
        self.warnings = [] if warnings is None else warnings
        self.known_sectors = None if sectors is None else {name: name for name in sectors}

    def fail(self, path: str, reason: str):
        raise ImportFailure(self.file, path, reason)

    def warn(self, path: str, what: str) -> None:
        self.warnings.append(ReadWarning(str(self.file), path, what))

    def load(self):
        try:
            return json.loads(self.file.read_text(encoding="utf-8"))
        except UnicodeDecodeError as exc:
            self.fail("$", f"not UTF-8 text ({exc.reason} at byte {exc.start})")
        except json.JSONDecodeError as exc:
            self.fail("$", f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")

    def typed(self, value, kind: type, path: str):
        if kind is int and isinstance(value, bool) or not isinstance(value, kind):
            self.fail(path, f"expected {_TYPE_NAMES[kind]}, got {_json_type(value)}")
        return value

    def field(self, obj: dict, key: str, kind: type, path: str, default=None, required: bool = False):
        if key not in obj:
            if required:
                self.fail(path, f"missing required field '{key}'")
            return default
        return self.typed(obj[key], kind, f"{path}.{key}")

    def name(self, obj: dict, path: str) -> str:
        """A product's name: required, and more than blanks or markup."""
        name = clean_text(self.field(obj, "name", str, path, required=True))
        if not name:
            self.fail(f"{path}.name", "the name is empty")
        return name

    def string_list(self, obj: dict, key: str, path: str) -> list[str]:
        items = self.field(obj, key, list, path, default=[])
        return [self.typed(item, str, f"{path}.{key}[{index}]") for index, item in enumerate(items)]

    def labels(
        self, obj: dict, key: str, path: str, known: dict[str, str] | None, what: str
    ) -> tuple[list[str], list[str]]:
        """The labels of a list matched to ``known`` (label → our key), and the unknown ones as given.

        Labels are trimmed and matched whatever their case; blank items are dropped. Each drop and each
        unknown label is a warning. ``known`` None takes every label as it is.
        """
        items = self.string_list(obj, key, path)
        if known is None:
            known = {clean_text(item): clean_text(item) for item in items}
        folded = {label.casefold(): ours for label, ours in known.items()}
        keys, unknown = [], []
        for index, item in enumerate(items):
            item_path = f"{path}.{key}[{index}]"
            label = clean_text(item)
            if not label:
                self.warn(item_path, f"blank {what} dropped")
            elif label.casefold() in folded:
                if folded[label.casefold()] not in keys:
                    keys.append(folded[label.casefold()])
            else:
                self.warn(item_path, f"unknown {what} {label!r} kept as given, not classified")
                unknown.append(label)
        return keys, unknown

    def sectors(self, obj: dict, path: str) -> tuple[list[str], list[str]]:
        return self.labels(obj, "sectors", path, self.known_sectors, "sector")

    def licence(self, spdx: str, evidence: list[str], path: str) -> LicenceStatement:
        """A licence statement; a text that is no SPDX expression is kept as a ``LicenseRef-`` to be confirmed."""
        if not spdx.strip():
            self.fail(path, "empty licence expression")
        try:
            licences.parse_expression(spdx)
        except licences.InvalidLicence as exc:
            reference = licence_ref(spdx)
            self.warn(path, f"{spdx.strip()!r} is not on the SPDX licence list ({exc}): kept as {reference}, "
                            "licence to be confirmed")
            return LicenceStatement(expression=reference, evidence_urls=evidence, declared=spdx.strip())
        return LicenceStatement(expression=spdx.strip(), evidence_urls=evidence)

    def organisation(self, item, path: str) -> OrganisationRole:
        """An organisation with its role, as both DPGA formats write it (``org_type``, contacts)."""
        item = self.typed(item, dict, path)
        role = self.field(item, "org_type", str, path, required=True)
        if role not in ORGANISATION_ROLES:
            self.fail(
                f"{path}.org_type",
                f"unknown organisation role {role!r} (expected one of {', '.join(ORGANISATION_ROLES)})",
            )
        return OrganisationRole(
            name=clean_text(self.field(item, "name", str, path, required=True)),
            role=role,
            website=clean_text(self.field(item, "website", str, path, default="")),
            contact_name=clean_text(self.field(item, "contact_name", str, path, default="")),
            contact_email=clean_text(self.field(item, "contact_email", str, path, default="")),
        )

    def sdg_number(self, value, path: str) -> int:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        number = self.typed(value, int, path)
        if not 1 <= number <= 17:
            self.fail(path, f"SDG {number} does not exist (the goals are numbered 1 to 17)")
        return number


def _json_type(value) -> str:
    if value is None:
        return "null"
    for kind, name in _TYPE_NAMES.items():
        if isinstance(value, kind) and not (kind is int and isinstance(value, bool)):
            return name
    return "a number" if isinstance(value, float) else type(value).__name__


def clean_text(text: str) -> str:
    """Decode HTML entities (the DPGA API writes a comma as ``&#184;``) and tidy line ends."""
    decoded = html.unescape(text).replace("\u00b8", ",").replace("\u00a0", " ")
    return decoded.replace("\r\n", "\n").replace("\r", "\n").strip()


def _continues(previous: str, part: str) -> bool:
    # ", x" was written inside one text; "1,100" is a number with a thousands separator.
    return part[:1].isspace() or (previous[-1:].isdigit() and part[:3].isdigit() and not part[3:4].isdigit())


def rejoin_comma_split(parts: list[str]) -> list[str]:
    """Undo a split on commas: a part that starts with white space continued the one before it.

    ``["Name", " phone", " email"]`` was the text ``"Name, phone, email"``; a part with no
    leading space started a new item, except the digits after a thousands separator
    (``["over 1", "100 people"]``). Joining every part with "," gives back the source exactly.
    """
    items: list[str] = []
    for part in parts:
        if items and _continues(items[-1], part):
            items[-1] += "," + part
        else:
            items.append(part)
    return [cleaned for cleaned in (clean_text(item) for item in items) if cleaned]


def unlisted(**labels: list[str]) -> dict[str, list[str]]:
    """The labels outside the reference lists, per field of the record, leaving out empty fields."""
    return {field: values for field, values in labels.items() if values}


def countries(names: list[str]) -> list[CountryRef]:
    refs: list[CountryRef] = []
    seen: set[str] = set()
    for name in names:
        cleaned = clean_text(name)
        if not cleaned:
            continue
        if cleaned not in seen:
            seen.add(cleaned)
            refs.append(CountryRef(source_name=cleaned, code=country_code(cleaned) or ""))
    return refs
