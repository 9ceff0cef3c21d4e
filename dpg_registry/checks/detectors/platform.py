"""Indicator 4 (platform independence): dependencies from manifests and lock files, matched against closed services.

The dependencies come from the manifest inventory (``checks/manifests``). The list of proprietary
services lives in ``data/closed-services.json`` so that it can be reviewed and extended without
touching code. A match asks a person whether the service is mandatory; only a run-time dependency
suggests "yes".
"""

import fnmatch
import json
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from functools import cache
from itertools import accumulate
from pathlib import Path

from dpg_registry.checks.manifests.common import RUNTIME
from dpg_registry.checks.manifests.inventory import Dependency, Inventory, inventory
from dpg_registry.checks.manifests.kinds import ECOSYSTEMS, kind_of
from dpg_registry.checks.model import Confidence, Finding, Outcome, Status
from dpg_registry.checks.patterns import lazy
from dpg_registry.checks.standard import CATEGORIES, approved_licences
from dpg_registry.checks.text import (
    MAX_EVIDENCE,
    Globs,
    evidence,
    get,
    head,
    join,
    own_files,
    paths,
    source_files,
    unreadable,
)
from dpg_registry.checks.tree import Tree

NAME = "platform"
INDICATOR = "4"
SERVICES_FILE = Path(__file__).resolve().parent.parent / "data" / "closed-services.json"


def normalise(ecosystem: str, name: str) -> str:
    name = name.strip().lower()
    return re.sub(r"[-_.]+", "-", name) if ecosystem == "pypi" else name


@cache
def services() -> list[dict]:
    return json.loads(SERVICES_FILE.read_text(encoding="utf-8"))["services"]


@cache
def _index() -> tuple[dict, dict]:
    """Package names of the list: exact ones, and per ecosystem the patterns (in the list's order) with what
    tells in one call whether any of them matches."""
    exact, patterns = {}, {}
    for service in services():
        for ecosystem, specs in service["packages"].items():
            for spec in specs:
                name, spec = (spec, {}) if isinstance(spec, str) else (spec["name"], spec)
                key = (ecosystem, normalise(ecosystem, name))
                if "*" in name:
                    patterns.setdefault(ecosystem, []).append((key[1], service, spec))
                else:
                    exact.setdefault(key, (service, spec))
    return exact, {ecosystem: (Globs(name for name, _, _ in listed), listed) for ecosystem, listed in patterns.items()}


def match(dependency: Dependency) -> dict | None:
    """The closed service a dependency belongs to, if any; the most specific entry of the list wins."""
    exact, patterns = _index()
    key = (dependency.ecosystem, normalise(dependency.ecosystem, dependency.name))
    hit = exact.get(key)
    any_pattern, listed = patterns.get(key[0], (None, []))
    if hit is None and any_pattern is not None and any_pattern.match(key[1]):
        hit = next((service, spec) for pattern, service, spec in listed if fnmatch.fnmatchcase(key[1], pattern))
    if hit is None:
        return None
    service, spec = hit
    if spec.get("proprietary_from"):
        # Earlier major versions were open. Lock files are read for names only, so the version that
        # decides is the one a manifest declares.
        major = re.search(r"\d+", dependency.version or "")
        if dependency.locked or (major and int(major.group(0)) < spec["proprietary_from"]):
            return None
    return service


@cache
def _signatures() -> tuple[object, object, dict]:
    owners = {signature.lower(): service for service in services() for signature in service.get("signatures", [])}
    if not owners:
        return None, None, {}
    import re2  # imported with the first source file searched

    # RE2 searches for all of them in one pass over the text, several times faster than Python's alternation;
    # case-sensitive over lower-cased text, like the lower-cased signatures. The first listed wins at a place.
    alternation = "|".join(re2.escape(signature) for signature in owners)
    # In a text without the characters of _FOLDING_TO_ASCII, a case-insensitive search for ASCII signatures finds
    # what a search of the lower-cased text finds; searched as bytes, it spares lower-casing each head and RE2's
    # conversion of str offsets.
    ascii_only = None
    if all(signature.isascii() and "\0" not in signature for signature in owners):
        options = re2.Options()
        options.case_sensitive = False
        ascii_only = re2.compile(alternation, options)
    return re2.compile(alternation), ascii_only, owners


def _uses_in_source(tree: Tree) -> dict[str, list]:
    """Where source files call a closed service directly (an address, a key, a client call), by service id."""
    found = defaultdict(list)
    files = source_files(tree) + [entry for entry in own_files(tree) if entry.lower_name == "androidmanifest.xml"]
    pattern, ascii_only, owners = _signatures() if files else (None, None, {})
    if pattern is None:
        return found
    texts = [head(tree, entry) for entry in files]
    for entry, text, named in zip(files, texts, _naming(texts, pattern, ascii_only), strict=True):
        if not named:
            continue  # one search over the whole head; lines are looked at only in the few files that match
        for number, line in enumerate(text.splitlines(), start=1):
            hit = pattern.search(line.lower())
            if hit:
                service = owners[hit.group(0).lower()]
                if len(found[service["id"]]) < MAX_EVIDENCE:
                    found[service["id"]].append(evidence(entry, number, line))
    return found


# The only characters whose lower case holds an ASCII letter (U+0130 "İ", U+212A the Kelvin sign) or that RE2's
# case-insensitive search takes for one (U+017F "ſ", U+212A): in a text without them, a case-insensitive search for
# ASCII signatures finds what a search of the lower-cased text finds, whatever else the text holds.
_FOLDING_TO_ASCII = ("\u0130", "\u017f", "\u212a")


def _naming(texts: list[str], pattern, ascii_only) -> list[bool]:
    """Whether each text holds a signature. The texts are searched together, in one pass over them joined by NULs
    in UTF-8 (no signature holds one, so a match stays inside a text), after each match from the next text on: a
    search per text cost more than the search itself. The few holding a character that folds to an ASCII letter
    are searched lower-cased, one by one."""
    named = [False] * len(texts)
    alone = range(len(texts))
    if ascii_only is not None:
        together, alone = [], []
        for index, text in enumerate(texts):
            if text.isascii() or not any(char in text for char in _FOLDING_TO_ASCII):
                together.append(index)
            else:
                alone.append(index)
        encoded = [texts[index].encode("utf-8") for index in together]
        joined = b"\0".join(encoded)
        starts = list(accumulate((len(data) + 1 for data in encoded), initial=0))
        position = 0
        while (hit := ascii_only.search(joined, position)) is not None:
            which = bisect_right(starts, hit.start()) - 1
            named[together[which]] = True
            position = starts[which + 1]
    for index in alone:
        named[index] = pattern.search(texts[index].lower()) is not None
    return named


def _line(text: str, name: str) -> int | None:
    """The first line of a manifest that names a package (for gradle, only the artifact part is written)."""
    pattern = re.compile(r"(?<![\w@/.-])" + re.escape(name.split(":")[-1]) + r"(?![\w-])", re.IGNORECASE)
    hit = pattern.search(text)
    return text.count("\n", 0, hit.start()) + 1 if hit else None


def _service_finding(service: dict, uses: list[Dependency], calls: list, texts: dict) -> Finding:
    declared = [dep for dep in uses if not dep.locked]
    runtime = [dep for dep in declared if dep.scope == RUNTIME]
    places = []
    for dep in sorted(uses, key=lambda dep: (dep.locked, dep.scope != RUNTIME, dep.path, dep.name, dep.version)):
        line = _line(texts.get(dep.path, ""), dep.name)
        places.append(evidence(dep.path, line, f"{dep.name} {dep.version}".strip()))
    named = join(sorted({f"{dep.name} ({dep.scope}{', lock file only' if dep.locked else ''})" for dep in uses}))
    where = f"Declared as {named}." if uses else "Not declared as a dependency, but source files call it directly."
    return Finding(
        indicator=INDICATOR,
        status=Status.NEEDS_PERSON,
        confidence=Confidence.MEDIUM if runtime or calls else Confidence.LOW,
        explanation=f"{service['name']} ({service['vendor']}, {service['kind']}): {service['note']} {where} "
        f"A person should check whether the product needs it or can run without it. Open alternatives: "
        f"{'; '.join(service['alternatives'])}.",
        detector=NAME,
        evidence=(places + calls)[:MAX_EVIDENCE],
    )


def _counts(dependencies: list[Dependency]) -> str:
    parts, by_ecosystem = [], defaultdict(list)
    for dep in dependencies:  # thousands in lock files: one pass, not one per ecosystem
        by_ecosystem[dep.ecosystem].append(dep)
    for ecosystem, label in ECOSYSTEMS.items():
        own = by_ecosystem[ecosystem]
        declared = {dep.name for dep in own if not dep.locked}
        runtime = sorted({dep.name for dep in own if not dep.locked and dep.scope == RUNTIME})
        locked = {dep.name for dep in own if dep.locked}
        if declared or locked:
            text = f"{label}: {len(declared)} declared"
            text += f" ({len(runtime)} at run time, e.g. {join(runtime, 5)})" if runtime else ""
            text += f", {len(locked)} in lock files" if locked else ""
            parts.append(text)
    return "; ".join(parts)


_LICENCE_ID = lazy(r"[A-Za-z0-9.+-]+")


def _lock_licences(found: Inventory) -> Finding | None:
    """Licences that npm lock files record for each package; the only lock format read here that carries them."""
    # Permissive licences approved for data or content (CC0-1.0, CC-BY-4.0) are no more restrictive than
    # the product's; what deserves a look is a licence on none of the Standard's lists.
    approved = set().union(*(approved_licences(category) for category in CATEGORIES))
    counts, unusual, approves = Counter(), [], {}  # whether a licence names an approved id, per licence written
    locks = [entry for entry in found.manifests
             if entry.lower_name in ("package-lock.json", "npm-shrinkwrap.json") and entry.path in found.texts]
    for entry in locks:
        try:
            packages = get(json.loads(found.texts[entry.path]), "packages")
        except (ValueError, RecursionError):  # read in part, or malformed: its names were still scanned
            continue
        for key, spec in (packages if isinstance(packages, dict) else {}).items():
            licence = get(spec, "license")
            if not key or not isinstance(licence, str):
                continue
            counts[licence] += 1
            if licence not in approves:  # a thousand packages write a few licences
                ids = [word for word in _LICENCE_ID.findall(licence) if word not in ("AND", "OR", "WITH")]
                approves[licence] = any(word in approved for word in ids)
            if not approves[licence]:
                package = f"{key.rsplit('node_modules/', 1)[-1]} ({licence})"
                if package not in unusual:
                    unusual.append(package)
    if not counts:
        return None
    summary = ", ".join(f"{licence} {count}" for licence, count in counts.most_common(8))
    if unusual:
        return Finding(
            INDICATOR, Status.NEEDS_PERSON, Confidence.LOW,
            f"npm lock files record the licences of the packages ({summary}). Some are on none of the Standard's "
            f"lists of approved licences or are not SPDX identifiers: {join(unusual)}. A person should check "
            "whether any of them is more restrictive than the product's own licence.",
            NAME, [evidence(entry) for entry in locks[:MAX_EVIDENCE]],
        )
    return Finding(
        INDICATOR, Status.MET, Confidence.LOW,
        f"npm lock files record only licences the Standard approves for the packages ({summary}).",
        NAME, [evidence(entry) for entry in locks[:MAX_EVIDENCE]],
    )


def detect(tree: Tree, category: str) -> Outcome:
    found = inventory(tree)
    if not found.manifests and category in ("data", "content"):
        return Outcome(findings=[Finding(
            INDICATOR, Status.NOT_APPLICABLE, Confidence.MEDIUM,
            f"No dependency manifest was found; for {category} the closed-dependency question is about the formats "
            "and tools needed to use the work, which a person needs to answer.",
            NAME,
        )])
    by_service = defaultdict(list)
    for dependency in found.dependencies:
        service = match(dependency)
        if service:
            by_service[service["id"]].append(dependency)
    calls = _uses_in_source(tree)
    hits = [service for service in services() if service["id"] in by_service or service["id"] in calls]
    findings = [_service_finding(service, by_service[service["id"]], calls[service["id"]], found.texts)
                for service in hits]
    counts = _counts(found.dependencies)
    partial = f" Lock files read in part (too large): {paths(found.partial)}." if found.partial else ""
    # Declared dependencies say more about the product than lock files, so their manifests come first.
    ordered = sorted(found.manifests, key=lambda entry: (kind_of(entry).lock, entry.depth, entry.path))
    manifests = [evidence(entry) for entry in ordered[:MAX_EVIDENCE]]
    if hits:
        mandatory = any(dep.scope == RUNTIME and not dep.locked for s in hits for dep in by_service[s["id"]])
        summary = Finding(
            INDICATOR, Status.NEEDS_PERSON, Confidence.MEDIUM,
            f"Closed services or SDKs are used: {join([service['name'] for service in hits])}. "
            f"Dependencies: {counts or 'none declared'}.{partial}",
            NAME, manifests, question_key="closed_dependencies", value="yes" if mandatory else None,
        )
    elif found.manifests:
        # A manifest that could not be read may hide the very dependency that matters.
        unread = f" {len(found.problems)} manifest(s) could not be read." if found.problems else ""
        summary = Finding(
            INDICATOR, Status.MET, Confidence.LOW if unread else Confidence.MEDIUM,
            f"None of the {len(services())} proprietary services the check knows was found among the dependencies "
            f"({counts or 'none declared'}) or in source files. The list is not exhaustive, and services reached "
            f"without a client library are not seen.{partial}{unread}",
            NAME, manifests, question_key="closed_dependencies", value=None if unread else "no",
        )
    else:
        summary = Finding(
            INDICATOR, Status.NEEDS_PERSON, Confidence.LOW,
            "No dependency manifest was found, so the check cannot list the product's dependencies; a person needs "
            "to say which technologies it requires.",
            NAME, question_key="closed_dependencies",
        )
    problems = [unreadable(INDICATOR, NAME, entry, problem, "dependency manifest") for entry, problem in found.problems]
    licences = _lock_licences(found)
    return Outcome(findings=[summary, *findings, *problems, *([licences] if licences else [])])
