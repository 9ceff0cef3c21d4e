"""npm packages: package.json, and the names in npm, Yarn and pnpm lock files."""

import json

from dpg_registry.checks.manifests.common import DEVELOPMENT, OPTIONAL, RUNTIME
from dpg_registry.checks.patterns import lazy
from dpg_registry.checks.text import get

# A key of lockfileVersion 2 and later: "node_modules/name" or "…/node_modules/@scope/name" at the end of a quoted
# string. What a search for \"(?:[^\"]*/)?node_modules/((?:@[^/\"]+/)?[^/\"]+)\"\s*: finds, searched from
# "node_modules/" on, which Python's engine finds quickly, instead of from every quote (see npm_lock).
_NPM_LOCK = lazy(r"node_modules/((?:@[^/\"]+/)?[^/\"]+)\"\s*:")


def package_json(data: dict) -> list:
    sections = {"dependencies": RUNTIME, "peerDependencies": RUNTIME, "optionalDependencies": OPTIONAL,
                "devDependencies": DEVELOPMENT}
    return [
        (name, str(version), scope)
        for section, scope in sections.items() if isinstance(data.get(section), dict)
        for name, version in data[section].items()
    ]


def npm_lock(text: str, path: str) -> list:
    # A match counts where a search from the quotes would find it: right after a quote, or after a "/" with a
    # quote before it that no earlier match took (the quote is where such a match starts, and the text between
    # them holds no quote, as the nearest one before the "/" is).
    names, taken = set(), 0
    for match in _NPM_LOCK.finditer(text):
        start = match.start()
        before = text[start - 1] if start else ""
        if before == '"' or (before == "/" and text.rfind('"', taken, start - 1) != -1):
            names.add(match.group(1))
            taken = match.end()
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


# The line of an entry: not indented, not a comment or the __metadata block, ending in ":". Searched in the whole
# text when "\n" is its only line break (a search per line cost more than the search).
_YARN_ENTRY = lazy(r"\n(?!__metadata)([^\s#][^\n]*):(?=\n)")
_OTHER_LINE_BREAKS = ("\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")  # splitlines' others


def yarn_lock(text: str, path: str) -> list:
    if any(line_break in text for line_break in _OTHER_LINE_BREAKS):
        keys = [line[:-1] for line in text.splitlines()
                if line.endswith(":") and not line[0].isspace() and not line.startswith(("#", "__metadata"))]
    else:
        keys = _YARN_ENTRY.findall(f"\n{text}\n")
    names = set()
    for key in keys:
        for spec in key.split(","):
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
