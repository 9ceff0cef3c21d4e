"""The package's structure holds: imports run downward only, with no circles (docs/architecture.md)."""

import ast
import subprocess
import sys
import tomllib
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "dpg_registry"
NOT_CODE = {"data", "locale", "static", "templates", "__init__"}

# Function-local imports of the project's own modules, each with why it is not there to dodge a circle.
LOCAL_IMPORTS_ALLOWED = {
    ("dpg_registry/cli.py", "dpg_registry.checks.cli"): "`dpg check` starts without setting Django up",
    ("dpg_registry/checks/run.py", "dpg_registry.checks"): "a folder is checked without the address checks "
    "(and their socket module) that only a clone needs",
}


def _floors() -> list[set[str]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    (contract,) = config["tool"]["importlinter"]["contracts"]
    return [{name.strip() for name in layer.split("|")} for layer in contract["layers"]]


def test_imports_run_downward_only():
    result = subprocess.run(
        [Path(sys.executable).with_name("lint-imports"), "--no-cache"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_part_of_the_package_stands_on_a_floor():
    placed = set().union(*_floors())
    parts = {f"dpg_registry.{path.stem}" for path in PACKAGE.iterdir()
             if (path.suffix == ".py" or (path / "__init__.py").exists()) and path.stem not in NOT_CODE}
    assert parts - placed == set(), "add these to a floor in pyproject.toml's import contract"
    assert placed - parts == set(), "these floors name nothing in the package"


def _strongly_connected(graph: dict[str, set[str]]) -> list[set[str]]:
    """Tarjan's algorithm, iteratively: the groups of modules that reach each other."""
    index, low, on_stack, stack, groups, counter = {}, {}, set(), [], [], [0]
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter[0]
        counter[0] += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.add(member)
                        if member == node:
                            break
                    groups.append(group)
            elif child not in index:
                index[child] = low[child] = counter[0]
                counter[0] += 1
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(graph.get(child, ())))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return groups


def test_no_module_takes_part_in_a_circle():
    imports = grimp.build_graph("dpg_registry", include_external_packages=False, cache_dir=None)
    graph = {module: set(imports.find_modules_directly_imported_by(module)) for module in imports.modules}
    # A package's __init__ is not imported by its modules' own imports, so package links do not count.
    circles = [sorted(group) for group in _strongly_connected(graph) if len(group) > 1]
    assert circles == []


def _local_imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef) or function.name == "ready":
            continue  # AppConfig.ready is where Django wants signal handlers imported
        for node in ast.walk(function):
            if isinstance(node, ast.ImportFrom):
                module = node.module or ""
                if node.level or module.startswith("dpg_registry"):
                    yield module if not node.level else f"{'.' * node.level}{module}"
            elif isinstance(node, ast.Import):
                yield from (alias.name for alias in node.names if alias.name.startswith("dpg_registry"))


def test_no_function_imports_the_project_to_dodge_a_circle():
    found = set()
    for path in PACKAGE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        found |= {(str(path.relative_to(ROOT)), module) for module in _local_imports(path)}
    assert found - set(LOCAL_IMPORTS_ALLOWED) == set()
