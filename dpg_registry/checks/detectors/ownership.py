"""Indicator 3 (clear ownership): copyright notices, NOTICE and people files, contributor agreements, trademarks.

A copyright notice is the most direct public statement of who owns a work, so the notices decide
the main finding; the other files support it. Names of copyright holders are quoted because the
notices publish them for that purpose; people files (AUTHORS, CODEOWNERS …) are cited by path only.
"""

import re
from bisect import bisect_right
from collections import Counter
from functools import cache, lru_cache
from itertools import accumulate

from dpg_registry.checks.model import Confidence, Finding, Outcome, Status
from dpg_registry.checks.patterns import lazy
from dpg_registry.checks.text import (
    HEAD_LINES,
    MAX_EVIDENCE,
    SOURCE_SUFFIXES,
    evidence,
    first_line,
    head,
    mentions,
    own_files,
    paths,
    read_documents,
    root_readme,
    source_files,
    text_of,
)
from dpg_registry.checks.tree import FileEntry, Tree
from dpg_registry.lib.records import Record

NAME = "ownership"
INDICATOR = "3"

LICENCE_PREFIXES = ("license", "licence", "copying", "copyright", "notice")
NOT_TEXT = (*SOURCE_SUFFIXES, ".json", ".toml", ".yml", ".yaml", ".xml", ".csv")
PEOPLE_FILES = ("authors", "contributors", "maintainers", "codeowners", "governance", "owners", "credits")
SOURCE_SAMPLE = 400  # source files whose headers are read; enough to see a project's habit
# Tests hold sample notices of other owners as data; the project's own habit shows in the rest of its source.
TEST_FOLDERS = frozenset({"test", "tests", "__tests__", "spec", "specs", "testing"})

_START = lazy(r"\bcopyright\b|©|&copy;|\(c\)(?=\s*(?:19|20)\d\d)", re.IGNORECASE)
# Where _START matches in no line, no line is a notice: one search of the whole text says so for most files.
_START_ANYWHERE = lazy(r"copyright|©|&copy;|\(c\)", re.IGNORECASE)
_SYMBOL = lazy(r"\s*(?:\(c\)|©|&copy;)", re.IGNORECASE)
_YEARS = lazy(r"\s*(?:19|20)\d\d(?:\s*(?:[-–,]|to)\s*(?:(?:19|20)\d\d|present|now))*[,.]?", re.IGNORECASE)
_TAIL = lazy(
    r"\ball rights reserved\b.*|\b(?:licen[cs]ed|released|distributed) under\b.*|\bspdx-.*|<[^>]*>|\([^)]*@[^)]*\)"
    r"|\S+@\S+|https?://\S+|\*/.*|-->.*",
    re.IGNORECASE,
)
# What follows "copyright" in prose and licence texts rather than in a notice.
_NOT_A_HOLDER = lazy(
    r"^(?:holders?|owners?|notices?|statements?|law|laws|protection|and|or|of|is|to|the copyright|in|for|"
    r"the authors?|author|authors|name|fullname|owner|licen[cs]e)\b",
    re.IGNORECASE,
)
_AUTHORS_STYLE = lazy(r"\s+the\s+[\w .-]+?\s+(?:authors|contributors|project|foundation)\b", re.IGNORECASE)
_COMMENT = lazy(r"^\s*(?:#|//|/\*|\*|<!--|--|;|%|\"\"\"|'''|\(\*|{-|rem\b|copyright\b|©|\(c\))", re.IGNORECASE)
# Holders that appear in the text of common licences, not as owners of the project.
_LICENCE_AUTHORS = lazy(r"free software foundation|creative commons", re.IGNORECASE)
_CONTRIBUTOR_TERMS = lazy(
    r"contributor licen[cs]e agreement|\bCLA\b|developer certificate of origin|\bDCO\b|signed-off-by|cla-assistant",
    re.IGNORECASE,
)
_TRADEMARK = lazy(r"\btrade ?marks?\b|®|™", re.IGNORECASE)


class Notice(Record, frozen=True):
    holder: str
    entry: FileEntry
    line: int
    text: str

    @property
    def in_licence_file(self) -> bool:
        return is_licence_file(self.entry)


def is_licence_file(entry: FileEntry) -> bool:
    """LICENSE, COPYING, NOTICE and the like, in any text form (but not notice.py or license.json)."""
    return entry.lower_name.startswith(LICENCE_PREFIXES) and not entry.lower_name.endswith(NOT_TEXT)


@lru_cache(maxsize=4096)
def holder_of(line: str) -> str | None:
    """The holder a copyright notice names, or None when the line is not a notice (or a template's blank).
    Decided once per line: the source files of a project mostly repeat the same header."""
    start = _START.search(line)
    if not start:
        return None
    position, marked = start.end(), start.group(0).lower() != "copyright"
    while True:
        symbol = _SYMBOL.match(line, position)
        years = _YEARS.match(line, position)
        if symbol:
            position, marked = symbol.end(), True
        elif years:
            position, marked = years.end(), True
        else:
            break
    # "Copyright" alone opens prose ("copyright law", "copyright holders") more often than notices,
    # except in the "Copyright The Foo Authors" style that many projects now use.
    if not marked and not _AUTHORS_STYLE.match(line, position):
        return None
    holder = _TAIL.sub("", line[position:])
    holder = re.sub(r"^\s*(?:by|:)\s*", "", holder)
    holder = " ".join(holder.split()).strip(" .,;:-*#/\"'`|")
    if len(holder) < 2 or len(holder) > 100 or _NOT_A_HOLDER.match(holder) or re.search(r"[<>\[\]{}$%|\\=^\"]", holder):
        return None
    if "yyyy" in holder.lower() or "name of" in holder.lower():
        return None
    return holder


def _notices_in(text: str, entry: FileEntry, max_lines: int | None = None, comments_only: bool = False) -> list[Notice]:
    # Only a line holding "copyright", "©", "&copy;" or "(c)" can be a notice: they are found in the whole text,
    # and only their lines are read (most source files hold none, and are not cut into lines).
    marks = _marks(text, len(text))
    if not marks:
        return []
    # Cut into lines up to the end of the last mark's line (or further: its first "\n" after the mark), not beyond.
    last_break = text.find("\n", max(marks))
    pieces = text[: len(text) if last_break == -1 else last_break + 1].splitlines(keepends=True)[:max_lines]
    ends = list(accumulate(map(len, pieces)))
    found = []
    for index in sorted({bisect_right(ends, offset) for offset in marks}):
        if index >= len(pieces):
            break  # after the lines looked at (a mark holds no line break: it is inside one line)
        number, line = index + 1, pieces[index].splitlines()[0]
        # In source files a notice sits in a comment; elsewhere "copyright" is code (like this detector's own).
        if comments_only and not _COMMENT.match(line):
            continue
        holder = holder_of(line)
        if holder and not (is_licence_file(entry) and _LICENCE_AUTHORS.search(holder)):
            found.append(Notice(holder, entry, number, line))
    return found


_MARKS = ("copyright", "©", "&copy;", "(c)")


def _marks(text: str, end: int) -> list[int]:
    """Where _START_ANYWHERE matches in the first ``end`` characters. Lower-cased, the text holds the marks where the
    case-insensitive pattern finds them, at the same places, unless it holds the Turkish dotted or dotless i:
    Python's case-insensitive search takes them for "i", and the dotted one is two characters in lower case."""
    if "\u0130" in text or "\u0131" in text:
        return [match.start() for match in _START_ANYWHERE.finditer(text, 0, end)]
    lowered, found = text.lower(), []
    for mark in _MARKS:
        at = lowered.find(mark, 0, end)
        while at != -1:
            found.append(at)
            at = lowered.find(mark, at + 1, end)
    return found


def _notices(tree: Tree) -> list[Notice]:
    licence_files = [entry for entry in own_files(tree) if entry.depth <= 1 and is_licence_file(entry)]
    found = []
    for entry in licence_files:
        found += _notices_in(text_of(tree, entry), entry)
    readme = root_readme(tree)
    if readme:
        found += _notices_in(text_of(tree, readme), readme)
    # Twice the sample's names, so that it stays full when tests are left out.
    sources = [entry for entry in source_files(tree, SOURCE_SAMPLE * 2) if not _in_tests(entry)]
    for entry in sources[:SOURCE_SAMPLE]:
        found += _notices_in(head(tree, entry), entry, max_lines=HEAD_LINES, comments_only=True)
    return found


def _in_tests(entry: FileEntry) -> bool:
    return _test_directory(entry.directory)


@cache
def _test_directory(directory: str) -> bool:
    # Decided once per folder: a folder holds many of the sample's files.
    return any(part.lower() in TEST_FOLDERS for part in directory.split("/"))


def _notice_findings(notices: list[Notice]) -> list[Finding]:
    counts = Counter(notice.holder.casefold() for notice in notices)
    spelling = {}
    for notice in notices:
        spelling.setdefault(notice.holder.casefold(), notice.holder)
    # Notices in licence files first: they speak for the whole product, a header for one file.
    ordered = sorted(notices, key=lambda notice: (not notice.in_licence_file, notice.entry.depth, notice.entry.path))
    named = ", ".join(f"{spelling[key]} ({count} place{'s' * (count > 1)})" for key, count in counts.most_common(5))
    more = f" and {len(counts) - 5} other holders" if len(counts) > 5 else ""
    strong = any(notice.in_licence_file for notice in notices) or len(notices) >= 2
    findings = [
        Finding(
            indicator=INDICATOR,
            status=Status.MET,
            confidence=Confidence.MEDIUM if strong else Confidence.LOW,
            explanation=f"Copyright notices state who owns the work: {named}{more}.",
            detector=NAME,
            evidence=[evidence(notice.entry, notice.line, notice.text) for notice in ordered[:MAX_EVIDENCE]],
            question_key="ownership_documented",
            value="yes",
        )
    ]
    # A licence file speaks for the whole product, a header for one file (often copied from elsewhere),
    # so the owner is suggested from the licence files when they name anyone, and only for a clear majority.
    candidates = [notice for notice in notices if notice.in_licence_file] or notices
    top, top_count = Counter(notice.holder.casefold() for notice in candidates).most_common(1)[0]
    top_notices = [notice for notice in ordered if notice.holder.casefold() == top]
    if top_count * 2 > len(candidates) and (candidates[0].in_licence_file or top_count >= 2):
        shared = "" if len(counts) == 1 else (
            " Other holders are named too: check that the owner holds the rights to all parts."
        )
        where = " in the licence files" if candidates[0].in_licence_file else ""
        findings.append(
            Finding(
                indicator=INDICATOR,
                status=Status.MET,
                confidence=Confidence.MEDIUM,
                explanation=f"{spelling[top]} holds the copyright in {top_count} of {len(candidates)} notices"
                f"{where}.{shared}",
                detector=NAME,
                evidence=[evidence(notice.entry, notice.line, notice.text) for notice in top_notices[:MAX_EVIDENCE]],
                question_key="owner_name",
                value=spelling[top],
            )
        )
    return findings


def _is_agreement(entry: FileEntry) -> bool:
    """A CLA or DCO text, a CLA bot's settings, or a workflow that asks contributors to sign."""
    name = entry.lower_name
    stem = name.rsplit(".", 1)[0]
    if stem in ("cla", "dco") or name == ".clabot" or stem.startswith(("individual-cla", "corporate-cla")):
        return True
    if "contributor-license" in name or "contributor_license" in name:
        return True
    return entry.path.lower().startswith(".github/workflows/") and "cla" in re.split(r"[-_.]", stem)


def _contributor_agreements(tree: Tree) -> list:
    found = [evidence(entry) for entry in own_files(tree) if _is_agreement(entry)]
    for entry in tree.named("contributing", "contributing.", max_depth=2):
        line = first_line(text_of(tree, entry), _CONTRIBUTOR_TERMS)
        if line:
            found.append(evidence(entry, line.number, line.text))
    return found


def _trademarks(tree: Tree) -> list:
    found = [evidence(entry) for entry in own_files(tree) if entry.lower_name.startswith(("trademark", "trade-mark"))]
    # Licences mention trademarks only to say that they grant no rights to them.
    docs = [(entry, text) for entry, text in read_documents(tree, limit=60) if not is_licence_file(entry)]
    return found + mentions(docs, _TRADEMARK, per_file=1)


def detect(tree: Tree, category: str) -> Outcome:
    notices = _notices(tree)
    findings = _notice_findings(notices) if notices else [
        Finding(
            indicator=INDICATOR,
            status=Status.NEEDS_PERSON,
            confidence=Confidence.LOW,
            explanation="No copyright notice was found in licence files, the README or source headers. Ownership "
            "may be stated elsewhere (a website, terms of use); a person needs to check.",
            detector=NAME,
            question_key="ownership_documented",
        )
    ]
    people = [
        entry for entry in tree.named(*PEOPLE_FILES, *(name + "." for name in PEOPLE_FILES), "notice", "notice.",
                                      max_depth=2)
        if entry.depth == 0 or entry.directory.lower() in (".github", "docs", ".gitlab")
    ]
    if people:
        findings.append(Finding(
            indicator=INDICATOR,
            status=Status.MET,
            confidence=Confidence.LOW,
            explanation=f"Files name the people or organisations behind the project ({paths(people)}); they support "
            "a statement of ownership but do not make one.",
            detector=NAME,
            # By path only: these files list people, and the check does not copy personal names.
            evidence=[evidence(entry) for entry in people[:MAX_EVIDENCE]],
        ))
    agreements = _contributor_agreements(tree)
    if agreements:
        findings.append(Finding(
            indicator=INDICATOR,
            status=Status.MET,
            confidence=Confidence.MEDIUM,
            explanation="Contributions are accepted under a contributor licence agreement or a Developer Certificate "
            "of Origin, which documents the project's right to distribute contributed work.",
            detector=NAME,
            evidence=agreements[:MAX_EVIDENCE],
        ))
    trademarks = _trademarks(tree)
    if trademarks:
        findings.append(Finding(
            indicator=INDICATOR,
            status=Status.MET,
            confidence=Confidence.LOW,
            explanation="The project mentions trademarks; a trademark policy helps show who owns the product's name.",
            detector=NAME,
            evidence=trademarks[:MAX_EVIDENCE],
        ))
    return Outcome(findings=findings)
