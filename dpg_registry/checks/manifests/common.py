"""What the parsers of every ecosystem share: the scopes of a dependency and the shapes manifests give them in.

Each parser returns (name, version, scope) triples.
"""

import re

from dpg_registry.checks.patterns import lazy
from dpg_registry.checks.text import get

RUNTIME, DEVELOPMENT, OPTIONAL = "run time", "development", "optional"

_TOML_LOCK = lazy(r"^\[\[package\]\]\s*\nname\s*=\s*\"([^\"]+)\"", re.MULTILINE)


def values(table: object) -> list:
    return list(table.values()) if isinstance(table, dict) else []


def table(section: object, scope: str, skip: tuple = ()) -> list:
    """Dependencies given as a TOML/YAML table of name → version (or → a table with a version)."""
    if not isinstance(section, dict):
        return []
    found = []
    for name, spec in section.items():
        name = str(name)
        if name.lower() in skip:
            continue
        version = spec if isinstance(spec, str) else str(get(spec, "version") or "")
        found.append((str(get(spec, "package") or name), version, scope))
    return found


def local(tag: object) -> str:
    """An XML tag without its namespace."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def toml_lock(text: str, path: str) -> list:
    """poetry.lock and Cargo.lock: the names of their [[package]] tables, from text that may have been read in part."""
    return [(name, "", RUNTIME) for name in _TOML_LOCK.findall(text)]
