"""The licence fields of package manifests, as written: parsed, never run.

Which licence a field names is the licence detector's business; this module only says where a
manifest states one and what it says.
"""

import json
import re

from dpg_registry.checks.manifests.common import local
from dpg_registry.checks.patterns import lazy
from dpg_registry.checks.text import line_at, one_line
from dpg_registry.checks.tree import FileEntry
from dpg_registry.lib.records import Record

NAME = "name"  # an SPDX expression or a licence's name
CHOICE = "choice"  # several licences a user may choose from (npm, Composer, Maven, RubyGems, R); maybe only one
TEXT = "text"  # a name, or sometimes a whole licence text
FILE = "file"  # the path of a licence file
ADDRESS = "address"  # the address of a licence


class LicenceField(Record, frozen=True):
    kind: str
    values: tuple  # as written, not checked: one value, or the licences of a CHOICE
    line: int | None
    excerpt: str
    file: str = ""  # FILE: the path the field names
    addresses: tuple = ()  # CHOICE in pom.xml: each licence's <url>, beside its name


def _line_of(text: str, pattern: str) -> int | None:
    match = re.search(pattern, text, re.MULTILINE)
    return line_at(text, match.start()) if match else None


def _classifiers(values: object, text: str) -> list[LicenceField]:
    found = []
    for value in values if isinstance(values, list | tuple) else []:
        if isinstance(value, str) and value.startswith("License ::"):
            name = value.split("::")[-1].strip()
            if name and name not in {"OSI Approved", "License"}:
                found.append(LicenceField(NAME, (name,), _line_of(text, re.escape(value)), value))
    return found


def _package_json(text: str) -> list[LicenceField]:
    data = json.loads(text)
    if not isinstance(data, dict):
        return []
    found = []
    licence = data.get("license")
    if isinstance(licence, dict):  # the old {"type": ..., "url": ...} form
        licence = licence.get("type")
    if isinstance(licence, str):
        found.append(LicenceField(NAME, (licence,), _line_of(text, r'"license"\s*:'), f'"license": "{licence}"'))
    licences = data.get("licenses")
    if isinstance(licences, list):
        names = [item.get("type") if isinstance(item, dict) else item for item in licences]
        found.append(LicenceField(CHOICE, tuple(names), _line_of(text, r'"licenses"\s*:'), '"licenses": [...]'))
    return found


def _composer_json(text: str) -> list[LicenceField]:
    data = json.loads(text)
    licence = data.get("license") if isinstance(data, dict) else None
    names = licence if isinstance(licence, list) else [licence]
    return [LicenceField(CHOICE, tuple(names), _line_of(text, r'"license"\s*:'), f'"license": {json.dumps(licence)}')]


def _pyproject(text: str) -> list[LicenceField]:
    import tomllib  # each parser is imported with the first manifest that needs it

    data = tomllib.loads(text)
    project = data.get("project") or {}
    poetry = (data.get("tool") or {}).get("poetry") or {}
    found = []
    line = _line_of(text, r"^\s*license\s*=")
    for licence in (project.get("license"), poetry.get("license")):
        if isinstance(licence, str):  # PEP 639: an SPDX expression
            found.append(LicenceField(NAME, (licence,), line, f'license = "{licence}"'))
        elif isinstance(licence, dict) and isinstance(licence.get("text"), str):
            found.append(LicenceField(TEXT, (licence["text"],), line, "license = {text = ...}"))
        elif isinstance(licence, dict) and isinstance(licence.get("file"), str):
            found.append(LicenceField(FILE, (licence["file"],), line, f'license = {{file = "{licence["file"]}"}}',
                                      file=licence["file"]))
    return found + _classifiers(project.get("classifiers"), text) + _classifiers(poetry.get("classifiers"), text)


def _setup_cfg(text: str) -> list[LicenceField]:
    import configparser

    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read_string(text)
    except configparser.Error:
        return []
    if not parser.has_section("metadata"):
        return []
    metadata = parser["metadata"]
    found = []
    for key in ("license_expression", "license"):
        value = metadata.get(key, "").strip()
        if value and not value.startswith("file:"):
            line = _line_of(text, rf"^\s*{key}\s*=")
            found.append(LicenceField(TEXT, (value,), line, f"{key} = {one_line(value, 80)}"))
    classifiers = [line.strip() for line in metadata.get("classifiers", "").splitlines() if line.strip()]
    return found + _classifiers(classifiers, text)


def _setup_py(text: str) -> list[LicenceField]:
    """setup(license=..., classifiers=[...]) read from the syntax tree, only where the values are literals."""
    import ast

    found = []
    for node in ast.walk(ast.parse(text)):
        if not (isinstance(node, ast.Call) and _called_name(node.func) == "setup"):
            continue
        for keyword in node.keywords:
            value = keyword.value
            if keyword.arg in {"license", "license_expression"} and isinstance(value, ast.Constant) \
                    and isinstance(value.value, str) and value.value.strip():
                excerpt = f"{keyword.arg}={one_line(value.value, 80)!r}"
                found.append(LicenceField(TEXT, (value.value,), value.lineno, excerpt))
            elif keyword.arg == "classifiers" and isinstance(value, ast.List | ast.Tuple):
                literals = [item.value for item in value.elts if isinstance(item, ast.Constant)]
                found += _classifiers([item for item in literals if isinstance(item, str)], text)
    return found


def _called_name(function) -> str:
    import ast

    if isinstance(function, ast.Name):
        return function.id
    return function.attr if isinstance(function, ast.Attribute) else ""


def _pom_xml(text: str) -> list[LicenceField]:
    from defusedxml import ElementTree

    root = ElementTree.fromstring(text)
    names, addresses = [], []
    for child in root:
        if local(child.tag) != "licenses":
            continue
        for licence in child:
            parts = {local(item.tag): (item.text or "").strip() for item in licence}
            names.append(parts.get("name", ""))
            addresses.append(parts.get("url", ""))
    # Maven: "if multiple licenses are listed, it is assumed that the user can select any of them".
    if not names:
        return []
    return [LicenceField(CHOICE, tuple(names), _line_of(text, r"<licenses>"), "<licenses>",
                         addresses=tuple(addresses))]


_GRADLE_LICENCE = lazy(r"licen[cs]e\s*\{[^{}]*?\bname\s*(?:=|\.set\(|\(|\s)\s*[\"']([^\"'\n]+)[\"']", re.DOTALL)


def _gradle(text: str) -> list[LicenceField]:
    names = [match.group(1) for match in _GRADLE_LICENCE.finditer(text)]
    if not names:
        return []
    return [LicenceField(CHOICE, tuple(names), _line_of(text, r"licen[cs]e\s*\{"),
                         "pom { licenses { license { name ... } } }")]


def _cargo_toml(text: str) -> list[LicenceField]:
    import tomllib

    data = tomllib.loads(text)
    found = []
    for table in (data.get("package") or {}, (data.get("workspace") or {}).get("package") or {}):
        licence, licence_file = table.get("license"), table.get("license-file")
        if isinstance(licence, str):  # Cargo once allowed "MIT/Apache-2.0" for "MIT OR Apache-2.0"
            found.append(LicenceField(NAME, (licence,), _line_of(text, r"^\s*license\s*="), f'license = "{licence}"'))
        if isinstance(licence_file, str):
            found.append(LicenceField(FILE, (licence_file,), _line_of(text, r"^\s*license-file\s*="),
                                      f'license-file = "{licence_file}"', file=licence_file))
    return found


_GEMSPEC = lazy(r"\.licen[cs]es?\s*=\s*(\[[^\]]*\]|%w[\[(][^\])]*[\])]|[\"'][^\"'\n]+[\"'])")


def _gemspec(text: str) -> list[LicenceField]:
    match = _GEMSPEC.search(text)
    if not match:
        return []
    value = match.group(1)
    names = value[3:-1].split() if value.startswith("%w") else re.findall(r"[\"']([^\"'\n]+)[\"']", value)
    return [LicenceField(CHOICE, tuple(names), line_at(text, match.start()), one_line(match.group(0), 80))]


_R_FILE = lazy(r"\s*\+\s*file\s+LICEN[CS]E\s*$", re.IGNORECASE)


def _r_description(text: str) -> list[LicenceField]:
    """R's DESCRIPTION: "GPL (>= 2)", "MIT + file LICENSE", "GPL-2 | GPL-3" (| is a choice)."""
    match = re.search(r"^License:[ \t]*(.*(?:\n[ \t]+.*)*)", text, re.MULTILINE)
    if not match or not re.search(r"^Package:", text, re.MULTILINE):
        return []
    value = " ".join(match.group(1).split())
    parts = [_R_FILE.sub("", part.strip()) for part in value.split("|")]
    line = line_at(text, match.start())
    if parts == ["file LICENSE"] or parts == ["file LICENCE"]:
        return [LicenceField(FILE, (value,), line, f"License: {value}", file="LICENSE")]
    return [LicenceField(CHOICE, tuple(parts), line, f"License: {value}")]


_DOTNET = [
    (lazy(r"<PackageLicenseExpression>\s*([^<]+?)\s*</PackageLicenseExpression>", re.I), NAME),
    (lazy(r"<license\s+type=[\"']expression[\"']\s*>\s*([^<]+?)\s*</license>", re.I), NAME),
    (lazy(r"<PackageLicenseFile>\s*([^<]+?)\s*</PackageLicenseFile>", re.I), FILE),
    (lazy(r"<license\s+type=[\"']file[\"']\s*>\s*([^<]+?)\s*</license>", re.I), FILE),
    (lazy(r"<(?:PackageLicenseUrl|licenseUrl)>\s*([^<]+?)\s*</", re.I), ADDRESS),
]


def _dotnet(text: str) -> list[LicenceField]:
    found = []
    for pattern, kind in _DOTNET:
        for match in pattern.finditer(text):
            value = match.group(1)
            found.append(LicenceField(kind, (value,), line_at(text, match.start()), one_line(match.group(0), 100),
                                      file=value if kind == FILE else ""))
    return found


_READERS = {
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
_READER_SUFFIXES = {".gemspec": _gemspec, ".csproj": _dotnet, ".fsproj": _dotnet, ".vbproj": _dotnet,
                    ".nuspec": _dotnet}
_SUFFIXES = tuple(_READER_SUFFIXES)
# Manifests with no licence field: the registry behind them reads the LICENSE file.
NO_LICENCE_FIELD = {"go.mod": "Go modules", "pubspec.yaml": "pub.dev"}


def has_licence_field(entry: FileEntry) -> bool:
    """Whether the file is a manifest that can state a licence."""
    return _reader(entry) is not None


def _reader(entry: FileEntry):
    name = entry.lower_name
    if name in _READERS:
        return _READERS[name]
    if not name.endswith(_SUFFIXES):  # most files of a tree: one look instead of one per suffix
        return None
    return next((reader for suffix, reader in _READER_SUFFIXES.items() if name.endswith(suffix)), None)


def licence_fields(entry: FileEntry, text: str) -> list[LicenceField]:
    """The licence fields of a manifest; [] when it has none or cannot be parsed."""
    reader = _reader(entry)
    if reader is None:
        return []
    try:
        return reader(text)
    except (ValueError, SyntaxError, RecursionError, MemoryError, AttributeError, TypeError):
        # A manifest that does not parse says nothing we can rely on; other detectors report broken files.
        return []
