"""Indicator 2, an approved open licence: which licence the repository is under, and where it says so.

The main licence is decided from the first of these that names one:

1. the licence files at the top of the tree (LICENSE, COPYING, LICENSE-MIT, ...), identified by
   comparing their words with the SPDX licence texts vendored in ``checks/data``;
2. REUSE: the texts in ``LICENSES/`` together with the files' ``SPDX-License-Identifier`` headers;
3. package manifests, parsed and never run (package.json, pyproject.toml, setup.py, pom.xml, ...);
4. ``SPDX-License-Identifier`` headers without a ``LICENSES/`` folder;
5. the README's licence section, or without one, its sentences that license the work ("released under");
6. the manifests of the one folder below the top that holds the package (an R package in ``pkg/``).

A licence of the data or content beside the code's (LICENSE-DATA, LICENSE.data.md, data/LICENSE, or one
the README's licence section names beside the licence file's) joins it: ``MIT AND CC-BY-4.0``.

Later sources only check the earlier ones: a manifest naming another licence than the licence file
is left to a person. Alternatives read ``A OR B`` with the ids in alphabetical order, case ignored
(``Apache-2.0 OR MIT``), so that the same choice always reads the same.

The GNU licences' texts cannot say whether "or any later version" applies: that comes from the
project's own statements (``qualifier.py``), and when they are silent or disagree the plain id
(``GPL-3.0``) is reported with a note, never an assumed ``-only`` or ``-or-later``.
"""

import re
from collections import Counter
from functools import lru_cache

from dpg_registry.checks.detectors.licence.gathering import (
    Claim,
    Gathered,
    LicenceFile,
    coverage_confidence,
    gather,
    is_data_licence_file,
    part_tag,
    vendored_root,
    with_gpl_folded,
)
from dpg_registry.checks.detectors.licence.names import (
    FAMILIES,
    Declared,
    base_id,
    base_ids,
    expression_ids,
    join_expressions,
)
from dpg_registry.checks.detectors.licence.qualifier import (
    Signal,
    about,
    explicit_versions,
    notice_signals,
    qualifier,
    settle,
    signals,
)
from dpg_registry.checks.detectors.licence.statements import GNU_ID, statements
from dpg_registry.checks.detectors.licence.texts import CLOSE_COVERAGE
from dpg_registry.checks.model import Confidence, Evidence, Finding, LicenceHit, Outcome, Status
from dpg_registry.checks.patterns import lazy
from dpg_registry.checks.standard import approved_licences
from dpg_registry.checks.tree import Tree
from dpg_registry.lib.records import Record, factory
from dpg_registry.standard.licences import InvalidLicence, licence_family, unapproved_ids

NAME = "licence"
INDICATOR = "2"

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


class Decision(Record):
    expression: str | None = None
    source: str = ""  # a key of _SOURCE_LABELS
    confidence: Confidence = Confidence.MEDIUM
    evidence: list[Evidence] = factory(list)
    notes: list[str] = factory(list)  # sentences the main finding's explanation adds
    problems: list[tuple[str, Evidence]] = factory(list)  # what a person should look at
    # What names a licence without saying which: reported only when nothing else decides.
    unresolved: list[tuple[str, Evidence]] = factory(list)
    proprietary: Claim | None = None
    # Per licence file, the expression after "-only"/"-or-later" was settled (for the reported hits).
    file_expressions: dict[str, str] = factory(dict)
    main_files: set[str] = factory(set)  # the top licence files the main licence comes from


def decide(found: Gathered, category: str) -> Decision:
    decision = Decision()
    readers = (_from_licence_files, _from_reuse, _from_manifests, _from_headers, _from_readme, _from_package_folder)
    for reader in readers:
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
    # The licence files' own notices speak first; READMEs, headers and manifests only when they are silent.
    notices, said = notice_signals(named), signals(found)
    for licence_file in named:
        parts = [_settled(expression, licence_file, about(expression, notices) or said, decision)
                 if from_text else expression
                 for expression, from_text in licence_file.parts]
        decision.file_expressions[licence_file.entry.path] = licence_file.combined(parts, dual=found.readme_dual)
    expressions = []
    for licence_file in chosen:
        expressions.append(decision.file_expressions[licence_file.entry.path])
        decision.evidence.append(Evidence(licence_file.entry.path, licence_file.line, excerpt=licence_file.excerpt))
    # Two licence files at the top offer a choice (LICENSE-MIT and LICENSE-APACHE); the LGPL's COPYING.LESSER
    # comes with the GPL's COPYING it builds on, and is the LGPL alone.
    if len(set(expressions)) > 1 and all(" " not in expression for expression in expressions):
        expressions = with_gpl_folded(expressions)
    decision.expression = _with_data_licences(
        _with_readme_choice(join_expressions("OR", expressions), found, decision), found, decision
    )
    decision.source = "licence file"
    coverages = [licence_file.coverage for licence_file in chosen if licence_file.coverage is not None]
    decision.confidence = coverage_confidence(min(coverages)) if coverages else Confidence.MEDIUM
    for licence_file in chosen:
        decision.notes += _file_notes(licence_file)
        if licence_file.contradicted_by:
            statement = licence_file.contradicted_by
            decision.problems.append((f"{_contradiction(licence_file)}; a person should ask the project which applies",
                                      Evidence(licence_file.entry.path, statement.line, excerpt=statement.excerpt)))
    return True


def _contradiction(licence_file: LicenceFile) -> str:
    texts = " and ".join(match.spdx_id for match in licence_file.matches)
    return (f"{licence_file.entry.path} line {licence_file.contradicted_by.line} licenses the work under "
            f"{licence_file.contradicted_by.declared.expression}, but the text below it is {texts}; the notice is "
            "taken as the project's word")


def _settled(spdx_id: str, licence_file: LicenceFile, said: list[Signal], decision: Decision) -> str:
    """A licence text's id, a GNU one with the qualifier the statements settle; the main files' notes are kept."""
    settled = settle(spdx_id, licence_file.entry.path, said)
    if settled.note and licence_file.entry.path in decision.main_files:
        decision.notes.append(settled.note)
        decision.evidence += settled.evidence
        if settled.problem:
            decision.problems.append((settled.problem, settled.evidence[0]))
    return settled.expression


def _with_readme_choice(expression: str, found: Gathered, decision: Decision) -> str:
    """The licence file's licence, or the choice the README's licence section offers when it includes it."""
    named = [claim for claim in found.readme_claims if claim.declared.expression]
    if not found.readme_dual or len(named) < 2 or " OR " in expression:
        return expression
    covered = base_ids(expression)
    if not covered <= set().union(*(base_ids(claim.declared.expression) for claim in named)):
        return expression
    extra = [claim for claim in named if not base_ids(claim.declared.expression) <= covered]
    if not extra:
        return expression
    decision.notes.append(f"{extra[0].path} line {extra[0].line} offers {expression} or "
                          f"{' or '.join(claim.declared.expression for claim in extra)} as alternatives")
    decision.evidence += [claim.evidence for claim in extra]
    return join_expressions("OR", [expression] + [claim.declared.expression for claim in extra])


def _with_data_licences(expression: str, found: Gathered, decision: Decision) -> str:
    """The licence, and the licence of the repository's data or content when a licence file of its own says it
    (LICENSE-DATA beside LICENSE-CODE, LICENSE.data.md beside LICENSE, or data/LICENSE) or the README's licence
    names it beside this one. Both apply at once, each to its part ("MIT AND CC-BY-4.0"); a licence for
    documentation or a vendored part stays a part."""
    covered = base_ids(expression)
    for licence_file in [*found.parts, *found.nested]:
        other = licence_file.expression
        if not other or base_ids(other) <= covered or not is_data_licence_file(licence_file.entry):
            continue
        expression = join_expressions("AND", [expression, other])
        covered |= base_ids(other)
        decision.main_files.add(licence_file.entry.path)
        decision.evidence.append(Evidence(licence_file.entry.path, licence_file.line, excerpt=licence_file.excerpt))
        decision.notes.append(f"{licence_file.entry.path} licenses the data or content under {other}")
    named = [claim for claim in found.readme_claims if claim.declared.expression]
    if not found.readme_dual and _code_and_data(named):
        for claim in named:
            if not base_ids(claim.declared.expression) <= covered and any(
                    base_ids(other.declared.expression) <= covered for other in named):
                expression = join_expressions("AND", [expression, claim.declared.expression])
                covered |= base_ids(claim.declared.expression)
                decision.evidence.append(claim.evidence)
                decision.notes.append(f"{claim.path} line {claim.line} names {claim.declared.expression} beside it "
                                      "for the data or content")
    return expression


def _file_notes(licence_file: LicenceFile) -> list[str]:
    path = licence_file.entry.path
    if not licence_file.matches:
        return [f"{path} holds no licence text but names {licence_file.expression}"]
    if licence_file.contradicted_by:
        return [_contradiction(licence_file)]
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
        has_texts = set(expression_ids(decision.expression)) <= set(ids)
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
    return _from_manifest_claims([claim for claim in found.manifests if claim.area == "."], decision)


def _from_package_folder(found: Gathered, category: str, decision: Decision) -> bool:
    """With nothing at the top, the manifests of the one folder below it that holds the package (an R package
    in pkg/, a library in src/); several such folders are several packages, and none speaks for all."""
    below = [claim for claim in found.manifests if claim.area.count("/") == 1]
    if len({claim.area for claim in below}) != 1 or not _from_manifest_claims(below, decision):
        return False
    decision.notes.append(f"nothing at the top of the tree names a licence; the package in {below[0].area} does")
    return True


def _from_manifest_claims(top: list[Claim], decision: Decision) -> bool:
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
    elif _code_and_data(named):
        # A software licence and a data or content licence, each named for itself: each covers its part.
        decision.expression = join_expressions("AND", [claim.declared.expression for claim in named])
        decision.evidence += [claim.evidence for claim in named]
        decision.notes.append("the README names a licence for the code and one for the data or content")
    else:
        decision.expression = named[0].declared.expression
        decision.evidence.append(named[0].evidence)
        if len(named) > 1:
            others = ", ".join(claim.declared.expression for claim in named[1:])
            decision.notes.append(f"the README's licence section also names {others}")
    decision.source = "readme"
    decision.confidence = Confidence.LOW
    return True


def _code_and_data(claims: list[Claim]) -> bool:
    """Two licences, one for software and one for data or content ("the code under MIT, the database under
    CC BY 4.0"). A licence said of the documentation is for a part, as a LICENSE-docs file is."""
    if len(claims) != 2 or any(_said_of_documentation(claim) for claim in claims):
        return False
    kinds = [_fits("software", expression_ids(claim.declared.expression)) for claim in claims]
    return kinds[0] != kinds[1]


def _said_of_documentation(claim: Claim) -> bool:
    """Whether the sentence of the README that names the claim's licence speaks of the documentation."""
    ids = base_ids(claim.declared.expression)
    for sentence in _SENTENCE_END.split(claim.evidence.excerpt or ""):
        if _DOCUMENTATION.search(sentence) and any(
                base_ids(statement.declared.expression or "") & ids for statement in statements(sentence)):
            return True
    return False


_SENTENCE_END = lazy(r"(?<=[.!?])\s+")
_DOCUMENTATION = lazy(r"\bdoc(?:s|umentation)\b", re.IGNORECASE)


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
    return base_id(first) == base_id(second)



def _ordered(expression: str) -> str:
    """A plain choice of ids in alphabetical order, so that "MIT OR Apache-2.0" reads "Apache-2.0 OR MIT"."""
    parts = expression.split(" OR ")
    if len(parts) > 1 and all(re.fullmatch(r"[A-Za-z0-9.+:-]+", part) for part in parts):
        return join_expressions("OR", parts)
    return expression


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
    main = base_ids(expression)
    if declared.expression:
        # "-only" against "-or-later" (or the other way round) is a disagreement the owners should settle.
        stated = dict(explicit_versions(declared))
        for spdx_id in expression_ids(expression):
            match = GNU_ID.match(spdx_id)
            kind = qualifier(spdx_id)
            if match and kind and match["base"] in stated and stated[match["base"]] != kind:
                return False
        return base_ids(declared.expression) <= main  # naming one of the alternatives is fine
    if declared.family:
        prefixes = FAMILIES[declared.family][0]
        return any(base.startswith(prefixes) for base in main)
    return False


class Part(Record, frozen=True):
    area: str
    expression: str
    evidence: Evidence
    files: int = 1


def _other_parts(found: Gathered, decision: Decision) -> list[Part]:
    """Licences that cover a part of the tree (docs/, a vendored package) and differ from the main licence."""
    main = base_ids(decision.expression) if decision.expression else set()
    parts: dict[tuple[str, str], Part] = {}

    def add(area: str, expression: str | None, evidence: Evidence) -> None:
        if not expression or base_ids(expression) <= main:
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
    for claim in found.headers.hits:  # one per source file: its evidence is made only for a licence of a part
        if claim.declared.expression and not base_ids(claim.declared.expression) <= main:
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
