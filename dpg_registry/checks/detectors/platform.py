"""Indicator 4 (platform independence): dependencies from manifests and lock files, matched against closed services.

Manifests are parsed as data (never executed, so setup.py and build scripts are read as text or
not at all); lock files are scanned for package names only, because they are often too large to
parse and names are all the match needs. The list of proprietary services lives in
``data/closed-services.json`` so that it can be reviewed and extended without touching code.
A match asks a person whether the service is mandatory; only a run-time dependency suggests "yes".
"""

import fnmatch
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from dpg_registry.checks.model import Confidence, Finding, Outcome, Status
from dpg_registry.checks.standard import CATEGORIES, approved_licences
from dpg_registry.checks.text import (
    MAX_EVIDENCE,
    evidence,
    get,
    head,
    join,
    own_files,
    parse,
    paths,
    read_whole,
    source_files,
    unreadable,
)
from dpg_registry.checks.tree import FileEntry, Tree

NAME = "platform"
INDICATOR = "4"
SERVICES_FILE = Path(__file__).resolve().parent.parent / "data" / "closed-services.json"
MAX_MANIFESTS = 300
LOCK_LIMIT = 2_000_000  # bytes of a lock file scanned for names; big lock files are read in part

ECOSYSTEMS = {
    "npm": "npm", "pypi": "PyPI", "go": "Go", "cargo": "Cargo", "maven": "Maven/Gradle", "rubygems": "RubyGems",
    "packagist": "Composer", "nuget": "NuGet", "pub": "Dart pub", "cocoapods": "CocoaPods",
}
RUNTIME, DEVELOPMENT, OPTIONAL = "run time", "development", "optional"


@dataclass(frozen=True)
class Dependency:
    ecosystem: str
    name: str
    path: str  # the manifest or lock file that names it
    version: str = ""
    scope: str = RUNTIME
    locked: bool = False  # named by a lock file only: possibly indirect


def normalise(ecosystem: str, name: str) -> str:
    name = name.strip().lower()
    return re.sub(r"[-_.]+", "-", name) if ecosystem == "pypi" else name


# Manifest parsers: each takes the parsed file and returns (name, version, scope) triples.

def _package_json(data: dict) -> list:
    sections = {"dependencies": RUNTIME, "peerDependencies": RUNTIME, "optionalDependencies": OPTIONAL,
                "devDependencies": DEVELOPMENT}
    return [
        (name, str(version), scope)
        for section, scope in sections.items() if isinstance(data.get(section), dict)
        for name, version in data[section].items()
    ]


_PEP508 = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(.*)$")


def _pep508(requirements: object, scope: str) -> list:
    if not isinstance(requirements, list):
        return []
    found = []
    for requirement in requirements:
        match = _PEP508.match(requirement) if isinstance(requirement, str) else None
        if match:
            found.append((match.group(1), match.group(2).split(";")[0].strip(), scope))
    return found


def _values(table: object) -> list:
    return list(table.values()) if isinstance(table, dict) else []


def _table(table: object, scope: str, skip: tuple = ()) -> list:
    """Dependencies given as a TOML/YAML table of name → version (or → a table with a version)."""
    if not isinstance(table, dict):
        return []
    found = []
    for name, spec in table.items():
        name = str(name)
        if name.lower() in skip:
            continue
        version = spec if isinstance(spec, str) else str(get(spec, "version") or "")
        found.append((str(get(spec, "package") or name), version, scope))
    return found


def _pyproject(data: dict) -> list:
    found = _pep508(get(data, "project", "dependencies"), RUNTIME)
    for extra in _values(get(data, "project", "optional-dependencies")):
        found += _pep508(extra, OPTIONAL)
    for group in _values(get(data, "dependency-groups")):
        found += _pep508(group, DEVELOPMENT)
    poetry = get(data, "tool", "poetry")
    found += _table(get(poetry, "dependencies"), RUNTIME, skip=("python",))
    found += _table(get(poetry, "dev-dependencies"), DEVELOPMENT)
    for group in _values(get(poetry, "group")):
        found += _table(get(group, "dependencies"), DEVELOPMENT)
    return found


def _pipfile(data: dict) -> list:
    return _table(data.get("packages"), RUNTIME) + _table(data.get("dev-packages"), DEVELOPMENT)


def _cargo(data: dict) -> list:
    scopes = {"dependencies": RUNTIME, "build-dependencies": RUNTIME, "dev-dependencies": DEVELOPMENT}
    tables = [data, *_values(get(data, "target"))]
    found = [dep for table in tables for key, scope in scopes.items() for dep in _table(get(table, key), scope)]
    return found + _table(get(data, "workspace", "dependencies"), RUNTIME)


def _composer(data: dict) -> list:
    def keep(name: str) -> bool:  # the PHP runtime and its extensions are platform requirements, not packages
        return "/" in name

    return [dep for dep in _table(data.get("require"), RUNTIME) + _table(data.get("require-dev"), DEVELOPMENT)
            if keep(dep[0])]


def _pubspec(data: dict) -> list:
    found = _table(data.get("dependencies"), RUNTIME) + _table(data.get("dev_dependencies"), DEVELOPMENT)
    return [dep for dep in found if dep[0] not in ("flutter", "flutter_test", "flutter_localizations")]


def _version_catalog(data: dict) -> list:
    found = []
    for spec in _values(get(data, "libraries")):
        if isinstance(spec, str):
            found.append((":".join(spec.split(":")[:2]), "", RUNTIME))
        elif isinstance(spec, dict):
            module = spec.get("module") or f"{spec.get('group', '')}:{spec.get('name', '')}"
            found.append((str(module), str(spec.get("version", "")), RUNTIME))
    return found


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _pom(root) -> list:
    found = []
    blocks = [child for child in root if _local(child.tag) == "dependencies"]
    for profile in (node for node in root.iter() if _local(node.tag) == "profile"):
        blocks += [child for child in profile if _local(child.tag) == "dependencies"]
    for block in blocks:
        for dependency in block:
            fields = {_local(child.tag): (child.text or "").strip() for child in dependency}
            if fields.get("groupId") and fields.get("artifactId"):
                scope = DEVELOPMENT if fields.get("scope") == "test" else OPTIONAL if fields.get("optional") == "true" \
                    else RUNTIME
                found.append((f"{fields['groupId']}:{fields['artifactId']}", fields.get("version", ""), scope))
    return found


def _msbuild(root) -> list:
    found = []
    for node in root.iter():
        if _local(node.tag) in ("PackageReference", "package"):
            name = node.get("Include") or node.get("Update") or node.get("id")
            if name:
                found.append((name, node.get("Version") or node.get("version") or "", RUNTIME))
    return found


# Parsers of plain-text manifests take the text.

_REQUIREMENT_SKIP = ("-", "#", "http:", "https:", "git+", "./", "../", "/")
_DEVELOPMENT_FILE = re.compile(r"(?:^|[-_.])(?:dev|develop|test|tests|testing|docs?|lint|ci)(?:[-_.]|$)", re.IGNORECASE)


def _requirements(text: str, path: str) -> list:
    scope = DEVELOPMENT if _DEVELOPMENT_FILE.search(path.rsplit("/", 1)[-1]) else RUNTIME
    lines = [line.split(" #")[0].strip() for line in text.splitlines()]
    return _pep508([line for line in lines if line and not line.startswith(_REQUIREMENT_SKIP)], scope)


def _go_mod(text: str, path: str) -> list:
    found, in_block = [], False
    for line in text.splitlines():
        line = line.split("//")[0].strip()
        if line.startswith("require ("):
            in_block = True
        elif in_block and line == ")":
            in_block = False
        elif in_block or line.startswith("require "):
            parts = line.removeprefix("require ").split()
            if len(parts) >= 2:
                found.append((parts[0], parts[1], RUNTIME))
    return found


_GRADLE = re.compile(
    r"\b(\w*(?:[Ii]mplementation|[Aa]pi|[Cc]ompile\w*|[Rr]untimeOnly|[Cc]ompileOnly|kapt|ksp|annotationProcessor|"
    r"classpath))\s*\(?\s*(?:(?:enforced)?[Pp]latform\s*\(\s*)?['\"]([^'\":\s]+):([^'\":\s]+)(?::([^'\"]*))?['\"]"
)


def _gradle(text: str, path: str) -> list:
    return [
        (f"{match.group(2)}:{match.group(3)}", match.group(4) or "",
         DEVELOPMENT if match.group(1).lower().startswith(("test", "androidtest")) else RUNTIME)
        for match in _GRADLE.finditer(text)
    ]


_GEM = re.compile(r"^\s*gem\s+['\"]([^'\"]+)['\"](?:\s*,\s*['\"]([^'\"]+)['\"])?")
_BLOCK = re.compile(r"\bdo\s*(?:\|[^|]*\|)?\s*$")


def _gemfile(text: str, path: str) -> list:
    found, blocks = [], []  # blocks: whether each open `do … end` block is a development/test group
    for line in text.splitlines():
        stripped = line.split("#")[0].strip()
        match = _GEM.match(stripped)
        if match:
            found.append((match.group(1), match.group(2) or "", DEVELOPMENT if any(blocks) else RUNTIME))
        elif _BLOCK.search(stripped):
            blocks.append(stripped.startswith("group") and bool(re.search(r":(development|test)\b", stripped)))
        elif stripped == "end" and blocks:
            blocks.pop()
    return found


_POD = re.compile(r"^\s*pod\s+['\"]([^'\"]+)['\"](?:\s*,\s*['\"]([^'\"]+)['\"])?", re.MULTILINE)


def _podfile(text: str, path: str) -> list:
    return [(match.group(1), match.group(2) or "", RUNTIME) for match in _POD.finditer(text)]


# Lock files: names only, from text that may have been read in part.

_NPM_LOCK = re.compile(r"\"(?:[^\"]*/)?node_modules/((?:@[^/\"]+/)?[^/\"]+)\"\s*:")
_TOML_LOCK = re.compile(r"^\[\[package\]\]\s*\nname\s*=\s*\"([^\"]+)\"", re.MULTILINE)


def _npm_lock(text: str, path: str) -> list:
    names = set(_NPM_LOCK.findall(text))
    if not names:  # lockfileVersion 1 has no node_modules/ keys: read its nested "dependencies" instead
        try:
            names = set(_lock_v1(json.loads(text).get("dependencies")))
        except (ValueError, AttributeError, RecursionError):
            names = set()
    return [(name, "", RUNTIME) for name in names]


def _lock_v1(block: object):
    if isinstance(block, dict):
        for name, spec in block.items():
            yield name
            yield from _lock_v1(get(spec, "dependencies"))


def _yarn_lock(text: str, path: str) -> list:
    names = set()
    for line in text.splitlines():
        if line and not line[0].isspace() and line.endswith(":") and not line.startswith(("#", "__metadata")):
            for spec in line[:-1].split(","):
                spec = spec.strip().strip('"')
                at = spec.find("@", 1)
                if at > 0:
                    names.add(spec[:at])
    return [(name, "", RUNTIME) for name in names]


def _pnpm_lock(text: str, path: str) -> list:
    names, in_packages = set(), False
    for line in text.splitlines():
        if line and not line[0].isspace():
            in_packages = line.rstrip() == "packages:"
        elif in_packages and line.startswith("  ") and not line.startswith("   ") and line.rstrip().endswith(":"):
            key = line.strip().rstrip(":").strip("'\"").lstrip("/")
            at = key.find("@", 1)
            # "name@1.0.0" (v6 and later) or "name/1.0.0" (v5)
            names.add(key[:at] if at > 0 else key.rsplit("/", 1)[0])
    return [(name, "", RUNTIME) for name in names if name]


def _toml_lock(text: str, path: str) -> list:
    return [(name, "", RUNTIME) for name in _TOML_LOCK.findall(text)]


@dataclass(frozen=True)
class Kind:
    ecosystem: str
    format: str  # json, toml, yaml, xml, or text (given to the parser as text)
    parse: object
    lock: bool = False


MANIFESTS = {
    "package.json": Kind("npm", "json", _package_json),
    "package-lock.json": Kind("npm", "text", _npm_lock, lock=True),
    "npm-shrinkwrap.json": Kind("npm", "text", _npm_lock, lock=True),
    "yarn.lock": Kind("npm", "text", _yarn_lock, lock=True),
    "pnpm-lock.yaml": Kind("npm", "text", _pnpm_lock, lock=True),
    "pyproject.toml": Kind("pypi", "toml", _pyproject),
    "pipfile": Kind("pypi", "toml", _pipfile),
    "poetry.lock": Kind("pypi", "text", _toml_lock, lock=True),
    "go.mod": Kind("go", "text", _go_mod),
    "cargo.toml": Kind("cargo", "toml", _cargo),
    "cargo.lock": Kind("cargo", "text", _toml_lock, lock=True),
    "pom.xml": Kind("maven", "xml", _pom),
    "build.gradle": Kind("maven", "text", _gradle),
    "build.gradle.kts": Kind("maven", "text", _gradle),
    "gemfile": Kind("rubygems", "text", _gemfile),
    "composer.json": Kind("packagist", "json", _composer),
    "packages.config": Kind("nuget", "xml", _msbuild),
    "directory.packages.props": Kind("nuget", "xml", _msbuild),
    "pubspec.yaml": Kind("pub", "yaml", _pubspec),
    "podfile": Kind("cocoapods", "text", _podfile),
}


def kind_of(entry: FileEntry) -> Kind | None:
    """What kind of manifest a file is, by its name, or None."""
    name = entry.lower_name
    if name in MANIFESTS:
        return MANIFESTS[name]
    if name.endswith((".csproj", ".fsproj", ".vbproj")):
        return Kind("nuget", "xml", _msbuild)
    if name.endswith(".versions.toml"):
        return Kind("maven", "toml", _version_catalog)
    in_requirements_folder = entry.directory.rsplit("/", 1)[-1].lower() == "requirements"
    if name.endswith((".txt", ".in")) and (name.startswith("requirements") or in_requirements_folder):
        return Kind("pypi", "text", _requirements)
    return None


@dataclass
class Inventory:
    dependencies: list
    manifests: list  # FileEntry
    problems: list  # Finding
    texts: dict  # path → text, to find the line a hit is on
    partial: list  # lock files read in part


def inventory(tree: Tree, locks: bool = True) -> Inventory:
    """Every dependency the manifests (and, with ``locks``, the lock files) of the tree name.

    Three detectors ask for it; it is read once per check (the callers only read it).
    """
    key = ("inventory", locks)
    if key not in tree.memo:
        tree.memo[key] = _inventory(tree, locks)
    return tree.memo[key]


def _inventory(tree: Tree, locks: bool) -> Inventory:
    found = Inventory([], [], [], {}, [])
    for entry in own_files(tree):
        kind = kind_of(entry)
        if kind is None or (kind.lock and not locks):
            continue
        if len(found.manifests) >= MAX_MANIFESTS:
            tree.notes.append(f"only the first {MAX_MANIFESTS} dependency manifests were read")
            break
        found.manifests.append(entry)
        triples, problem, text = _read(tree, entry, kind)
        if problem:
            found.problems.append(unreadable(INDICATOR, NAME, entry, problem, "dependency manifest"))
            continue
        found.texts[entry.path] = text
        if kind.lock and entry.size > LOCK_LIMIT:
            found.partial.append(entry)
        found.dependencies += [
            Dependency(kind.ecosystem, name, entry.path, version, scope, kind.lock)
            for name, version, scope in triples if isinstance(name, str) and name.strip()
        ]
    return found


def _read(tree: Tree, entry: FileEntry, kind: Kind) -> tuple[list, str, str]:
    if kind.lock:
        text = tree.read_text(entry, LOCK_LIMIT)
        if text is None:
            return [], "it is binary or could not be read", ""
        return kind.parse(text, entry.path), "", text
    if kind.format == "text":
        text, problem = read_whole(tree, entry)
        return ([], problem, "") if problem else (kind.parse(text, entry.path), "", text)
    parsed = parse(tree, entry, kind.format)
    if not parsed.ok:
        return [], parsed.problem, ""
    if kind.format != "xml" and not isinstance(parsed.data, dict):
        return [], f"it does not hold the {kind.format.upper()} table a {entry.name} should hold", ""
    return kind.parse(parsed.data), "", parsed.text


# Matching against the list of closed services.

@cache
def services() -> list[dict]:
    return json.loads(SERVICES_FILE.read_text(encoding="utf-8"))["services"]


@cache
def _index() -> tuple[dict, list]:
    exact, patterns = {}, []
    for service in services():
        for ecosystem, specs in service["packages"].items():
            for spec in specs:
                name, spec = (spec, {}) if isinstance(spec, str) else (spec["name"], spec)
                key = (ecosystem, normalise(ecosystem, name))
                if "*" in name:
                    patterns.append((key, service, spec))
                else:
                    exact.setdefault(key, (service, spec))
    return exact, patterns


def match(dependency: Dependency) -> dict | None:
    """The closed service a dependency belongs to, if any; the most specific entry of the list wins."""
    exact, patterns = _index()
    key = (dependency.ecosystem, normalise(dependency.ecosystem, dependency.name))
    hit = exact.get(key) or next(
        ((service, spec) for (ecosystem, pattern), service, spec in patterns
         if ecosystem == key[0] and fnmatch.fnmatchcase(key[1], pattern)),
        None,
    )
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
def _signatures() -> tuple[re.Pattern | None, dict]:
    owners = {signature.lower(): service for service in services() for signature in service.get("signatures", [])}
    if not owners:
        return None, {}
    # Case-sensitive over lower-cased text: an alternation with IGNORECASE is several times slower.
    return re.compile("|".join(re.escape(signature) for signature in owners)), owners


def _uses_in_source(tree: Tree) -> dict[str, list]:
    """Where source files call a closed service directly (an address, a key, a client call), by service id."""
    pattern, owners = _signatures()
    found = defaultdict(list)
    if pattern is None:
        return found
    files = source_files(tree) + [entry for entry in own_files(tree) if entry.lower_name == "androidmanifest.xml"]
    for entry in files:
        text = head(tree, entry)
        if not pattern.search(text.lower()):
            continue  # one search over the whole head; lines are looked at only in the few files that match
        for number, line in enumerate(text.splitlines(), start=1):
            hit = pattern.search(line.lower())
            if hit:
                service = owners[hit.group(0).lower()]
                if len(found[service["id"]]) < MAX_EVIDENCE:
                    found[service["id"]].append(evidence(entry, number, line))
    return found


def _line(text: str, name: str) -> int | None:
    """The first line of a manifest that names a package (for gradle, only the artifact part is written)."""
    pattern = re.compile(r"(?<![\w@/.-])" + re.escape(name.split(":")[-1]) + r"(?![\w-])", re.IGNORECASE)
    hit = pattern.search(text)
    return text.count("\n", 0, hit.start()) + 1 if hit else None


def _service_finding(service: dict, uses: list[Dependency], calls: list, texts: dict) -> Finding:
    declared = [dep for dep in uses if not dep.locked]
    runtime = [dep for dep in declared if dep.scope == RUNTIME]
    places = []
    for dep in sorted(uses, key=lambda dep: (dep.locked, dep.scope != RUNTIME, dep.path)):
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
    parts = []
    for ecosystem, label in ECOSYSTEMS.items():
        declared = {dep.name for dep in dependencies if dep.ecosystem == ecosystem and not dep.locked}
        runtime = sorted({dep.name for dep in dependencies if dep.ecosystem == ecosystem and not dep.locked
                          and dep.scope == RUNTIME})
        locked = {dep.name for dep in dependencies if dep.ecosystem == ecosystem and dep.locked}
        if declared or locked:
            text = f"{label}: {len(declared)} declared"
            text += f" ({len(runtime)} at run time, e.g. {join(runtime, 5)})" if runtime else ""
            text += f", {len(locked)} in lock files" if locked else ""
            parts.append(text)
    return "; ".join(parts)


_LICENCE_ID = re.compile(r"[A-Za-z0-9.+-]+")


def _lock_licences(found: Inventory) -> Finding | None:
    """Licences that npm lock files record for each package; the only lock format read here that carries them."""
    # Permissive licences approved for data or content (CC0-1.0, CC-BY-4.0) are no more restrictive than
    # the product's; what deserves a look is a licence on none of the Standard's lists.
    approved = set().union(*(approved_licences(category) for category in CATEGORIES))
    counts, unusual = Counter(), []
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
            ids = [word for word in _LICENCE_ID.findall(licence) if word not in ("AND", "OR", "WITH")]
            package = f"{key.rsplit('node_modules/', 1)[-1]} ({licence})"
            if not any(word in approved for word in ids) and package not in unusual:
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
    licences = _lock_licences(found)
    return Outcome(findings=[summary, *findings, *found.problems, *([licences] if licences else [])])
