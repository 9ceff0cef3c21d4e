"""Indicator 1 (relevance to the SDGs): the goals the README names.

A README that names a Sustainable Development Goal says which goal the project means to serve; how it
serves it is for a person to judge, so the finding asks a person and hands over the goals and lines.
A goal counts when a line of a top-level README names it in one of these ways (case ignored):

- its number after "SDG" or "Sustainable Development Goal": "SDG 3", "SDG-3", "#SDG3", "SDGs 3 and 4",
  "Sustainable Development Goal 3";
- its number after "Goal" ("Goal 3"), only when the same line or the three lines before or after it
  speak of the SDGs ("SDG", "Sustainable Development", "Global Goals", "2030 Agenda"): "goal 3" in other
  prose is a project's own goal;
- its full name as the Standard's SDG data writes it ("Good health and well-being", with "&" for "and"
  and "wellbeing" for "well-being").

Fenced code blocks and inline code are left out: they quote formats and commands, not the project's aims.
Numbers outside 1 to 17 name no goal.
"""

import re

from dpg_registry.checks import standard
from dpg_registry.checks.model import Confidence, Finding, Outcome, Status
from dpg_registry.checks.patterns import LazyPattern, lazy
from dpg_registry.checks.text import README_NAMES, documents_matching, evidence, text_of
from dpg_registry.checks.tree import Tree

NAME = "sdgs"
INDICATOR = "1"
CONTEXT_LINES = 3
GOALS = range(1, 18)

_NUMBER = r"#?\d{1,2}\b(?!,\d)"  # not the "1" of "1,000"
_LIST = rf"{_NUMBER}(?:\s*(?:,|/|&|\band\b|\bor\b)\s*{_NUMBER})*"
_NUMBERED = lazy(
    rf"(?:\bSDGs?|\bSustainable\s+Development\s+Goals?)\s*(?:[-:]|\bno\.?|\bnumber)?\s*(?P<goals>{_LIST})",
    re.IGNORECASE,
)
_GOAL = lazy(rf"\bGoals?\s*(?:[-:]|\bno\.?|\bnumber)?\s*(?P<goals>{_LIST})", re.IGNORECASE)
_CONTEXT = lazy(r"\bSDG|\bSustainable\s+Development|\bGlobal\s+Goals\b|\b2030\s+Agenda\b|\bAgenda\s+2030\b",
                      re.IGNORECASE)
_FENCE = lazy(r"^ {0,3}(```|~~~)")
_INLINE_CODE = lazy(r"`[^`\n]*`")


def _name_pattern(name: str) -> LazyPattern:
    words = []
    for word in name.replace(",", " ").split():
        if word.lower() == "and":
            words.append(r"(?:and|&)")
        elif word.lower() == "well-being":
            words.append(r"well[-\s]?being")
        else:
            words.append(re.escape(word))
    return lazy(r"\b" + r"[\s,]+".join(words) + r"\b", re.IGNORECASE)


def _names() -> dict[int, tuple[str, LazyPattern]]:
    return {number: (name, _name_pattern(name)) for number, name in standard.sdg_names().items()}


def detect(tree: Tree, category: str) -> Outcome:
    names = _names()
    found: dict[int, tuple[str, int, str]] = {}  # goal → (path, line, text) where it is first named
    for entry in tree.named(*README_NAMES, max_depth=0):
        lines = _prose_lines(text_of(tree, entry))
        for number, goal in _goals_named(lines, names):
            found.setdefault(goal, (entry.path, number, lines[number - 1]))
    if not found:
        return Outcome()
    goals = sorted(found)
    named = "; ".join(f"SDG {goal} ({names[goal][0]}) at {found[goal][0]} line {found[goal][1]}"
                      for goal in goals)
    one = len(goals) == 1
    text = (f"The README names {'a Sustainable Development Goal' if one else 'Sustainable Development Goals'}: "
            f"{named}; a person judges how the product serves {'it' if one else 'them'}.")
    places = [evidence(path, line, quote) for path, line, quote in (found[goal] for goal in goals)]
    return Outcome(findings=[Finding(INDICATOR, Status.NEEDS_PERSON, Confidence.MEDIUM, text, NAME,
                                     list(dict.fromkeys(places)), question_key="sdgs", value=goals)])


def _prose_lines(text: str) -> list[str]:
    """The README's lines, with code blocks and inline code blanked (line numbers stay as they are)."""
    lines, fenced = [], False
    for line in text.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
            lines.append("")
            continue
        lines.append("" if fenced else _INLINE_CODE.sub(" ", line))
    return lines


def _goals_named(lines: list[str], names: dict[int, tuple[str, LazyPattern]]) -> list[tuple[int, int]]:
    """(line number, goal) for each goal each line names."""
    # A pattern that matches a line matches the lines joined too (a line break is no word character), so a
    # search of the whole README tells which of the 19 patterns are worth trying line by line: most match nowhere.
    whole = "\n".join(lines)
    numbered, goal_words = _NUMBERED.search(whole) is not None, _GOAL.search(whole) is not None
    # One pass of RE2 says which names the README may hold; only those are compiled and searched.
    patterns = [(goal, pattern) for goal, (_, pattern) in names.items()]
    maybe = documents_matching([(None, whole)], [pattern for _, pattern in patterns])
    named = [(goal, pattern) for (goal, pattern), held in zip(patterns, maybe, strict=True)
             if held and pattern.search(whole)]
    if not (numbered or goal_words or named):
        return []
    found = []
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        goals = [goal for match in _NUMBERED.finditer(line) for goal in _numbers(match["goals"])] if numbered else []
        if goal_words and _GOAL.search(line) and _near_context(lines, index):
            goals += [goal for match in _GOAL.finditer(line) for goal in _numbers(match["goals"])]
        goals += [goal for goal, pattern in named if pattern.search(line)]
        found += [(index + 1, goal) for goal in dict.fromkeys(goals)]
    return found


def _near_context(lines: list[str], index: int) -> bool:
    window = lines[max(0, index - CONTEXT_LINES): index + CONTEXT_LINES + 1]
    return any(_CONTEXT.search(line) for line in window)


def _numbers(listed: str) -> list[int]:
    return [int(number) for number in re.findall(r"\d{1,2}", listed) if int(number) in GOALS]
