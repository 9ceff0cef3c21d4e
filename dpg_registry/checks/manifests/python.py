"""PyPI packages: pyproject.toml (PEP 621, dependency groups, Poetry), Pipfile and requirements files."""

import re

from dpg_registry.checks.manifests.common import DEVELOPMENT, OPTIONAL, RUNTIME, table, values
from dpg_registry.checks.patterns import lazy
from dpg_registry.checks.text import get

_PEP508 = lazy(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(.*)$")
_REQUIREMENT_SKIP = ("-", "#", "http:", "https:", "git+", "./", "../", "/")
_DEVELOPMENT_FILE = lazy(r"(?:^|[-_.])(?:dev|develop|test|tests|testing|docs?|lint|ci)(?:[-_.]|$)", re.IGNORECASE)


def _pep508(requirements: object, scope: str) -> list:
    if not isinstance(requirements, list):
        return []
    found = []
    for requirement in requirements:
        match = _PEP508.match(requirement) if isinstance(requirement, str) else None
        if match:
            found.append((match.group(1), match.group(2).split(";")[0].strip(), scope))
    return found


def pyproject_toml(data: dict) -> list:
    found = _pep508(get(data, "project", "dependencies"), RUNTIME)
    for extra in values(get(data, "project", "optional-dependencies")):
        found += _pep508(extra, OPTIONAL)
    for group in values(get(data, "dependency-groups")):
        found += _pep508(group, DEVELOPMENT)
    poetry = get(data, "tool", "poetry")
    found += table(get(poetry, "dependencies"), RUNTIME, skip=("python",))
    found += table(get(poetry, "dev-dependencies"), DEVELOPMENT)
    for group in values(get(poetry, "group")):
        found += table(get(group, "dependencies"), DEVELOPMENT)
    return found


def pyproject_tools(data: object) -> list[str]:
    """The tools a pyproject.toml configures, by the names of its [tool.*] tables."""
    tools = get(data, "tool")
    return list(tools) if isinstance(tools, dict) else []


def pipfile(data: dict) -> list:
    return table(data.get("packages"), RUNTIME) + table(data.get("dev-packages"), DEVELOPMENT)


def requirements_txt(text: str, path: str) -> list:
    scope = DEVELOPMENT if _DEVELOPMENT_FILE.search(path.rsplit("/", 1)[-1]) else RUNTIME
    lines = [line.split(" #")[0].strip() for line in text.splitlines()]
    return _pep508([line for line in lines if line and not line.startswith(_REQUIREMENT_SKIP)], scope)
