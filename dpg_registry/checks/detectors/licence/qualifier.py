"""The version qualifier of a GNU licence text: "-only" or "-or-later", from what the project states.

The texts of the GPL, LGPL, AGPL (and GFDL) are the same whether a project allows later versions or
not, so a licence file that is the bare text cannot say which. The project's own statements can:
package manifests (package.json, pyproject.toml and setup.cfg classifiers, Cargo.toml, composer.json,
pom.xml, gemspecs, ...), publiccode.yml's ``legal.license``, the README ("version 3 or (at your option)
any later version", "GPL-3.0-or-later"), SPDX-License-Identifier headers of the project's own source
files, and a licence notice beside the text. Each statement is weighed: when they all say the same,
that settles it; when they disagree, or none says anything, the qualifier is left open (the plain
id, ``GPL-3.0``) and the report says which statements said what. Neither "-only" nor "-or-later" is
ever assumed.
"""

from functools import lru_cache

from dpg_registry.checks.detectors.licence.gathering import Gathered, LicenceFile
from dpg_registry.checks.detectors.licence.names import Declared, expression_ids
from dpg_registry.checks.detectors.licence.statements import GNU_ID
from dpg_registry.checks.model import Evidence
from dpg_registry.lib.records import Record, factory

LATER, ONLY = "or-later", "only"
SHOWN_PLACES = 3


class Signal(Record, frozen=True):
    base: str  # the GNU licence it is about: GPL-3.0, LGPL-2.1, ...
    kind: str  # LATER or ONLY
    evidence: Evidence


class Settled(Record):
    expression: str
    note: str = ""  # a sentence for the main finding's explanation
    evidence: list[Evidence] = factory(list)
    problem: str = ""  # what a person should decide, when the statements disagree


def signals(found: Gathered) -> list[Signal]:
    """Every explicit statement of a version qualifier outside the licence files."""
    claims = ([claim for claim in found.headers.hits if not claim.vendored] + found.readme_claims
              + [claim for claim in found.manifests if claim.area == "."] + found.publiccode)
    said = [Signal(base, kind, claim.evidence) for claim in claims for base, kind in explicit_versions(claim.declared)]
    said += [Signal(base, LATER, evidence) for base, evidence in found.headers.later + found.readme_later]
    said += [Signal(base, kind, evidence) for base, kind, evidence in found.readme_versions]
    once = {}  # a line that says it twice (an id in the licence section, and its wording) counts once
    for signal in said:
        once.setdefault((signal.base, signal.kind, signal.evidence.path, signal.evidence.line), signal)
    return list(once.values())


def notice_signals(licence_files: list[LicenceFile]) -> list[Signal]:
    """A licence file that names a GNU licence "or any later version" without holding its text (a notice
    beside the text file, as in LICENSE.md next to LICENSE-AGPL) settles the text file's version, as does
    the notice above the text in the same file."""
    said = []
    for licence_file in licence_files:
        for base, line in licence_file.later:
            evidence = Evidence(licence_file.entry.path, line, excerpt="… or (at your option) any later version")
            said.append(Signal(base, LATER, evidence))
        for expression, from_text in licence_file.parts:
            match = GNU_ID.match(expression)
            if match and not from_text and match["suffix"] in {"-or-later", "+"}:
                evidence = Evidence(licence_file.entry.path, licence_file.line, excerpt=licence_file.excerpt)
                said.append(Signal(match["base"], LATER, evidence))
    return said


def about(expression: str, said: list[Signal]) -> list[Signal]:
    match = GNU_ID.match(expression)
    return [signal for signal in said if match and signal.base == match["base"]]


@lru_cache(maxsize=4096)
def explicit_versions(declared: Declared) -> tuple[tuple[str, str], ...]:
    """(GNU base id, LATER or ONLY) for each GNU licence a declaration names with its qualifier written out (asked
    for the header of every source file, which repeat a few declarations)."""
    found = []
    for spdx_id in expression_ids(declared.expression or ""):
        match = GNU_ID.match(spdx_id)
        if not match:
            continue
        if match["suffix"] in {"-or-later", "+"}:
            found.append((match["base"], LATER))
        elif match["suffix"] == "-only" and "only" in declared.raw.lower():  # "GPLv3" alone says neither
            found.append((match["base"], ONLY))
    return tuple(found)


def qualifier(spdx_id: str) -> str | None:
    """LATER or ONLY for a GNU id that says which, None for one that does not (GPL-3.0) or another licence."""
    match = GNU_ID.match(spdx_id)
    if not match or not match["suffix"]:
        return None
    return LATER if match["suffix"] in {"-or-later", "+"} else ONLY


def settle(spdx_id: str, path: str, said: list[Signal]) -> Settled:
    """A GNU licence text at ``path``, with its qualifier as the project's statements settle it."""
    match = GNU_ID.match(spdx_id)
    if not match:
        return Settled(spdx_id)
    base = match["base"]
    later = [signal.evidence for signal in said if signal.base == base and signal.kind == LATER]
    only = [signal.evidence for signal in said if signal.base == base and signal.kind == ONLY]
    text = f"{path} is the {base} text, which cannot say whether later versions apply"
    if later and not only:
        return Settled(f"{base}-or-later", f"{text}; {_places(later)} {_say(later)} \"or any later version\"",
                       later[:2])
    if only and not later:
        return Settled(f"{base}-only", f"{text}; {_places(only)} {_say(only)} {base}-only", only[:2])
    if later and only:
        disagreement = (f"the version qualifier of {base} is not settled: {_places(later)} {_say(later)} "
                        f"\"or any later version\" but {_places(only)} {_say(only)} {base}-only")
        return Settled(base, f"{text}; {disagreement}", (later[:1] + only[:1]),
                       problem=f"{disagreement}; a person should ask the owners which applies")
    return Settled(base, f"{text}, and no manifest, publiccode.yml, README or SPDX header states it, so the version "
                         f"qualifier is not stated ({base}: neither -only nor -or-later)")


def _places(evidence: list[Evidence]) -> str:
    shown = ", ".join(where(item) for item in evidence[:SHOWN_PLACES])
    more = len(evidence) - SHOWN_PLACES
    return shown + (f" and {more} more place{'s' if more > 1 else ''}" if more > 0 else "")


def _say(evidence: list[Evidence]) -> str:
    return "says" if len(evidence) == 1 else "say"


def where(evidence: Evidence) -> str:
    return f"{evidence.path} line {evidence.line}" if evidence.line else evidence.path
