"""Manifests written in Ruby, read as text: Bundler's Gemfile and CocoaPods' Podfile."""

import re

from dpg_registry.checks.manifests.common import DEVELOPMENT, RUNTIME
from dpg_registry.checks.patterns import lazy

_GEM = lazy(r"^\s*gem\s+['\"]([^'\"]+)['\"](?:\s*,\s*['\"]([^'\"]+)['\"])?")
_BLOCK = lazy(r"\bdo\s*(?:\|[^|]*\|)?\s*$")
_POD = lazy(r"^\s*pod\s+['\"]([^'\"]+)['\"](?:\s*,\s*['\"]([^'\"]+)['\"])?", re.MULTILINE)


def gemfile(text: str, path: str) -> list:
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


def podfile(text: str, path: str) -> list:
    return [(match.group(1), match.group(2) or "", RUNTIME) for match in _POD.finditer(text)]
