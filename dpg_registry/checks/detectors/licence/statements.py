"""Statements in running text: headers, notices, README sections."""

import re
from functools import lru_cache

from dpg_registry.checks.detectors.licence.names import (
    FAMILIES,
    Declared,
    declared_from_key,
    expression_ids,
    from_address,
    key_tokens,
    resolve,
    scan_keys,
    spdx_expression,
)
from dpg_registry.checks.detectors.licence.texts import COPYRIGHT_LINE, COPYRIGHT_NAMED
from dpg_registry.checks.patterns import lazy
from dpg_registry.checks.text import line_at, one_line
from dpg_registry.lib.records import Record

# At the start of a line, after comment marks only: an identifier inside a string literal is not a header.
_SPDX_HEADER = lazy(
    r"^[ \t]*(?:#+|//+|/\*+|\*+|<!--|--|;+|%+|\.\.|'|\"\"\"|'''|@?REM|::|\{-|\(\*)?[ \t]*"
    r"SPDX-License-Identifier:[ \t]*([^\n\r]*)",
    re.MULTILINE,
)
_HEADER_TAIL = lazy(r"\s*(?:\*/|-->|#\}|%>|\*\)|'''|\"\"\"|-\}|\}\}|;;).*$")
_GNU_NOTICE = lazy(
    r"GNU\s+(?P<kind>Affero\s+|Lesser\s+|Library\s+)?General\s+Public\s+Licen[cs]e\b(?P<rest>.{0,240})",
    re.IGNORECASE | re.DOTALL,
)
_NOTICE_VERSION = lazy(r"\bversion\s+(\d(?:\.\d)?)\b|\bv(\d(?:\.\d)?)\b", re.IGNORECASE)
_LATER = lazy(r"any\s+later\s+version", re.IGNORECASE)
_COMMENT_BREAK = lazy(r"[ \t]*\r?\n[\s#*/;!%'\"-]*")  # a line break and the next line's comment marks
_LATER_WORDING = lazy(
    r"version\s+(?P<version>\d(?:\.\d)?)(?:\s+of\s+the\s+licen[cs]e)?\s*,?\s*or\s*\(?\s*at\s+your\s+option\s*\)?"
    r"\s*,?\s*any\s+later\s+version",
    re.IGNORECASE,
)
_DUAL = lazy(
    r"\bdual[- ]licen[cs]|\bmulti[- ]licen[cs]|\btriple[- ]licen[cs]|\b(?:licen[cs]ed|available)\s+under\s+either\b"
    r"|\bunder\s+(?:the\s+terms\s+of\s+)?either\b|\beither\s+of\s+the\s+following\s+licen[cs]es"
    r"|\bat\s+your\s+(?:option|choice)\s*[,:]?\s+(?:under|either)\b|\bchoose\s+(?:either|one|between)\b",
    re.IGNORECASE,
)
# A GNU licence id and the part that says whether later versions apply.
GNU_ID = lazy(r"^(?P<base>(?:A|L)?GPL-\d\.\d|GFDL-1\.[123])(?P<suffix>-only|-or-later|\+)?$")
# Such an id with its qualifier written out, anywhere in running text ("released under GPL-3.0-or-later").
_QUALIFIED_GNU_ID = lazy(r"(?<![\w.-])(?P<base>(?:A|L)?GPL-\d\.\d)(?P<suffix>-only|-or-later|\+)(?![\w+-]|\.\w)")
LICENCE_TEXT_MARK = lazy(r"END OF TERMS AND CONDITIONS|How to Apply These Terms", re.IGNORECASE)


def offers_choice(text: str) -> bool:
    """Whether a text says its licences are alternatives ("dual-licensed", "under *either* of")."""
    return bool(_DUAL.search(text.replace("*", "").replace("_", " ")))


class Statement(Record, frozen=True):
    declared: Declared
    line: int  # 1-based, within the text scanned
    excerpt: str


def header_expressions(text: str) -> list[tuple[str, int]]:
    """The ``SPDX-License-Identifier`` values in ``text``, with their lines, comment closers removed."""
    found = []
    # Find the marker with a plain search, then read only its line: the pattern alone, tried at every line
    # start of every source file, was the check's slowest step.
    start = text.find("SPDX-License-Identifier:")
    while start != -1:
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", start)
        line_end = len(text) if line_end == -1 else line_end
        value = _header_value(text[line_start:line_end])
        if value:
            found.append((value, line_at(text, line_start)))
        start = text.find("SPDX-License-Identifier:", line_end)
    return found


@lru_cache(maxsize=4096)
def _header_value(line: str) -> str:
    """The value of an ``SPDX-License-Identifier`` line, or "" (worked out once per line: a tree's headers repeat
    a few lines)."""
    match = _SPDX_HEADER.match(line)
    return _HEADER_TAIL.sub("", match.group(1)).strip().strip("\"'`,") if match else ""


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
            return expression, line_at(text, match.start())
    return None


def later_wordings(text: str) -> list[tuple[str, int]]:
    """Each "version N of the License, or (at your option) any later version", as the GNU base id it is
    about (GPL-3.0, LGPL-2.1, ...) with its line; comment marks between lines are ignored."""
    lower = text.lower()
    if "later" not in lower or "option" not in lower or "your" not in lower:
        return []  # words the wording needs ("your" only ever in these letters): most texts lack one
    flat = _COMMENT_BREAK.sub(" ", text)
    found = []
    for match in _LATER_WORDING.finditer(flat):
        number = match.group("version")
        number = number if "." in number else number + ".0"
        before = flat[max(0, match.start() - 400): match.start()].lower()
        prefix = "AGPL" if "affero" in before else "LGPL" if ("lesser" in before or "library" in before) else "GPL"
        found.append((f"{prefix}-{number}", _line_in_original(text, flat, match.start())))
    return found


def qualified_gnu_ids(text: str) -> list[tuple[str, str, int]]:
    """Each GNU id written with its qualifier ("GPL-3.0-or-later", "LGPL-2.1-only"): base id, "or-later" or
    "only", and line."""
    return [(match["base"], "only" if match["suffix"] == "-only" else "or-later", line_at(text, match.start()))
            for match in _QUALIFIED_GNU_ID.finditer(text)]


def _line_in_original(text: str, flat: str, offset: int) -> int:
    # The flattened text lost its line breaks; find the same words ("version 3") in the original.
    probe = flat[offset: offset + 9]
    index = text.find(probe)
    return line_at(text, index) if index >= 0 else 1


def statements(text: str, first_line: int = 1) -> list[Statement]:
    """Licences a piece of prose names: SPDX headers, GNU notices, well-known addresses, and names."""
    found: list[Statement] = []
    for value, line in header_expressions(text):
        found.append(Statement(resolve(value), first_line + line - 1, f"SPDX-License-Identifier: {value}"))
    notice = gnu_notice(text)
    if notice:
        line = one_line(text.splitlines()[notice[1] - 1])
        found.append(Statement(Declared(line, notice[0]), first_line + notice[1] - 1, line))
    # A GNU notice says which version and whether later ones apply; names in it ("GNU LGPL 2.1") say less.
    noticed = {GNU_ID.match(notice[0])["base"]} if notice and GNU_ID.match(notice[0]) else set()
    lines = text.splitlines()
    for number, line in enumerate(lines, start=first_line):
        address = from_address(line) if ("/" in line and "." in line) else None
        if address:
            found.append(Statement(Declared(one_line(line), address), number, one_line(line)))
    for offset, paragraph in _paragraphs([_blank_copyright(line) for line in lines]):
        for declared in _names_in(paragraph):
            if not noticed & {match["base"] for spdx_id in expression_ids(declared.expression or "")
                              if (match := GNU_ID.match(spdx_id))}:
                found.append(Statement(declared, first_line + offset, one_line(paragraph)))
    return _without_repeats(found)


def licensing_paragraphs(text: str) -> list[tuple[int, str]]:
    """The paragraphs of a README without a licence section that license something ("This work is licensed
    under a Creative Commons ... License", "All source code is available under a MIT license"), with their
    first lines."""
    return [(offset + 1, paragraph) for offset, paragraph in _paragraphs(text.splitlines())
            if _LICENSING.search(paragraph)]


def _blank_copyright(line: str) -> str:
    # "Copyright 2001 Python Software Foundation" names an owner, not a licence.
    return "." if COPYRIGHT_LINE.match(line) or COPYRIGHT_NAMED.match(line) else line


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
    tokens = key_tokens(re.sub(r"https?://\S+", " ", paragraph))
    keys = scan_keys()
    found, index = [], 0
    while index < len(tokens):
        for length in range(min(8, len(tokens) - index), 0, -1):
            value = keys.get(" ".join(tokens[index: index + length]))
            if value:
                found.append(declared_from_key(" ".join(tokens[index: index + length]), value))
                index += length
                break
        else:
            index += 1
    return found


def _without_repeats(found: list[Statement]) -> list[Statement]:
    """Each licence once; a family name ("GPL") only when nothing more precise names that family."""
    ids = {spdx_id for statement in found if statement.declared.expression
           for spdx_id in expression_ids(statement.declared.expression)}
    kept, seen = [], set()
    for statement in sorted(found, key=lambda statement: statement.line):
        declared = statement.declared
        if declared.family and any(spdx_id.startswith(FAMILIES[declared.family][0]) for spdx_id in ids):
            continue
        key = declared.expression or declared.family or declared.raw
        if key not in seen:
            seen.add(key)
            kept.append(statement)
    return kept


_LICENSING = lazy(
    r"\b(?:licen[cs]ed|released|available|distributed|published|dedicated)\b(?:[^.\n]|\.(?!\s)){0,300}?\bunder\b",
    re.IGNORECASE,
)
_HEADING = lazy(r"^\s{0,3}(?:#{1,6}|={1,6})\s+(?P<title>.+?)\s*#*\s*$")
_UNDERLINE = lazy(r"^\s*(?:={3,}|-{3,}|~{3,}|\^{3,}|\*{3,}|\+{3,})\s*$")
_HTML_HEADING = lazy(r"^\s*<h[1-6][^>]*>(?P<title>.*?)</h[1-6]>\s*$", re.IGNORECASE)
_BOLD_HEADING = lazy(r"^\s*(\*\*|__)(?P<title>[^*_]{2,40})\1:?\s*$")
_LICENCE_HEADING = lazy(r"\blicen[cs](?:e|es|ing)\b|\bcopying\b", re.IGNORECASE)


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
    """The licence section of a README: its first line number and text, up to the next heading within 40 lines.
    Its first three paragraphs are read, and after them only paragraphs that license something: a quoted
    notice and the references to cite may come before the project's own terms ("The source code ... is
    released under ..."). Left-out paragraphs stay as blank lines, so that line numbers hold."""
    lines = text.splitlines()
    for index in range(len(lines)):
        title = _heading(lines, index)
        if not (title and len(title) <= 60 and _LICENCE_HEADING.search(title)):
            continue
        start = index + 1
        if start < len(lines) and _UNDERLINE.match(lines[start]):
            start += 1
        end = start
        while end < min(len(lines), start + 40) and _heading(lines, end) is None:
            end += 1
        body = lines[start:end]
        for number, (offset, paragraph) in enumerate(_paragraphs(body)):
            if number >= 3 and not _LICENSING.search(paragraph):
                position = offset
                while position < len(body) and body[position].strip():
                    body[position] = ""
                    position += 1
        return start + 1, "\n".join(body)
    return None
