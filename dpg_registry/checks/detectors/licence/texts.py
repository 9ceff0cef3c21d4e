"""Licence texts: normalised words, compared as sets of word sequences."""

import gzip
import json
import os
import re
import zlib
from collections import Counter
from functools import cache
from pathlib import Path

from dpg_registry.checks.patterns import lazy
from dpg_registry.lib.records import Record

DATA = Path(__file__).resolve().parent.parent.parent / "data"
TEXTS_FILE = DATA / "licence-texts.json.gz"  # the texts as vendored: provenance, tests, normalising again
INDEX_FILE = DATA / "licence-index.json.gz"  # what the detector reads when it starts: names and signatures
WORDS_FILE = DATA / "licence-words.bin"  # each text's normalised words, compressed one by one, read when needed
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

_MARKDOWN_LINK = lazy(r"\[([^\]\n]*)\]\([^)\n]*\)")
_PLACEHOLDER = lazy(r"<[^<>\n]{0,80}>|\[[^\[\]\n]{0,80}\]|\$?\{[^{}\n]{0,80}\}")
COPYRIGHT_LINE = lazy(
    r"^\W*(?:copyright\b\s*(?:\(c\)|©|\d|<|\[|\{|:|$|by\b)|\(c\)\s*(?:\d|<|\[)|©|spdx-)", re.IGNORECASE
)
# "Copyright The Foo Authors"; licence bodies only say "copyright notice" in lower case.
COPYRIGHT_NAMED = lazy(r"^\W*Copyright\s+[A-Z]")
_BULLET = lazy(r"^\s*(?:\(?(?:\d{1,3}(?:\.\d{1,3})*|[a-z]{1,2}|[ivx]{1,5})[.)]|[-*•+>#=]+)\s+", re.IGNORECASE)
_RIGHTS_RESERVED = lazy(r"all rights reserved", re.IGNORECASE)
_WORD = lazy(r"[^\W_]+")
_END_OF_TERMS = lazy(r"^\s*END OF TERMS AND CONDITIONS\s*$", re.MULTILINE)
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
        if not (COPYRIGHT_LINE.match(line) or COPYRIGHT_NAMED.match(line))
    ]
    text = _PLACEHOLDER.sub(" ", _RIGHTS_RESERVED.sub(" ", "\n".join(kept)))
    return [_SPELLING.get(word, word) for word in _WORD.findall(text.lower())]


def word_sequences(words: list[str]) -> set[tuple[str, ...]]:
    return set(zip(*(words[i:] for i in range(NGRAM)), strict=False))


class TextMatch(Record, frozen=True):
    spdx_id: str
    same_text: tuple[str, ...]  # other ids whose SPDX text is the same
    coverage: float  # share of the licence's word sequences found in the file
    share: float  # share of the file's word sequences that belong to this licence


class LicenceText:
    __slots__ = ("spdx_id", "name", "same_text", "signature", "_words", "_optional_from", "_sequences", "_required")

    def __init__(self, record: dict, words, optional: int | None, signature: list[str]):
        """``words``: the normalised words, or a function that gives them (read from the words file on first use)."""
        self.spdx_id = record["id"]
        self.name = record["name"]
        self.same_text = tuple(record.get("same_text", ()))
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
            words = (self._words() if callable(self._words) else self._words).split()
            ordered = list(zip(*(words[i:] for i in range(NGRAM)), strict=False))
            self._sequences = frozenset(ordered)
            # The sequences of the words before the appendix are the first ones: no second pass over the words.
            self._required = (
                frozenset(ordered[: max(self._optional_from - NGRAM + 1, 0)]) if self._optional_from
                else self._sequences
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

    def __init__(self, texts: list[LicenceText]):
        self.texts = texts
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
        sequences = word_sequences(words)
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


class _Candidate(Record):
    licence: LicenceText
    common: frozenset  # the licence's sequences found in the file
    coverage: float  # share of its required sequences found

    @property
    def missing(self) -> float:
        return (1 - self.coverage) * len(self.licence.required)

    def new(self, explained: set) -> int:
        """How many of its sequences no licence chosen before explains."""
        return len(self.common - explained) if explained else len(self.common)


def load(path: Path) -> dict:
    return json.loads(gzip.decompress(path.read_bytes()))


class Words:
    """The words file: each text's part read and inflated on its own, when a text needs its words (a few dozen
    parts of a few KB: reading the whole 1.2 MB file cost more than reading them one by one)."""

    def __init__(self, path: Path):
        self.path = path

    def of(self, start: int, length: int) -> str:
        handle = os.open(self.path, os.O_RDONLY)
        try:
            data = os.pread(handle, length, start)
        finally:
            os.close(handle)
        return zlib.decompress(data).decode("utf-8")


@cache
def corpus() -> Corpus:
    index = load(INDEX_FILE)
    if index.get("normaliser") == NORMALISER_VERSION:
        words = Words(WORDS_FILE)
        return Corpus([
            LicenceText(r, lambda at=r["words_at"]: words.of(*at), r.get("optional_from"), r["signature"])
            for r in index["licences"]
        ])
    return from_texts(load(TEXTS_FILE)["licences"])


def from_texts(records: list[dict]) -> Corpus:
    """A corpus made from the texts themselves: slower to start, for an index made by another normaliser."""
    words = {r["id"]: normalise_words(r["text"]) for r in records}
    rare = signatures(words)
    return Corpus([LicenceText(r, " ".join(words[r["id"]]), optional_from(r["text"]), rare[r["id"]]) for r in records])
