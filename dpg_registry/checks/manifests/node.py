"""npm packages: package.json, and the names in npm, Yarn and pnpm lock files."""

import json

from dpg_registry.checks.manifests.common import DEVELOPMENT, OPTIONAL, RUNTIME
from dpg_registry.checks.patterns import lazy
from dpg_registry.checks.text import get

_NPM_LOCK = lazy(r"\"(?:[^\"]*/)?node_modules/((?:@[^/\"]+/)?[^/\"]+)\"\s*:")


def package_json(data: dict) -> list:
    sections = {"dependencies": RUNTIME, "peerDependencies": RUNTIME, "optionalDependencies": OPTIONAL,
                "devDependencies": DEVELOPMENT}
    return [
        (name, str(version), scope)
        for section, scope in sections.items() if isinstance(data.get(section), dict)
        for name, version in data[section].items()
    ]


def npm_lock(text: str, path: str) -> list:
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


def yarn_lock(text: str, path: str) -> list:
    names = set()
    for line in text.splitlines():
        # Most lines are indented fields that do not end in ":": the first test leaves them out.
        if line.endswith(":") and not line[0].isspace() and not line.startswith(("#", "__metadata")):
            for spec in line[:-1].split(","):
                spec = spec.strip().strip('"')
                at = spec.find("@", 1)
                if at > 0:
                    names.add(spec[:at])
    return [(name, "", RUNTIME) for name in names]


def pnpm_lock(text: str, path: str) -> list:
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
