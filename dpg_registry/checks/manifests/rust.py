"""Cargo crates: Cargo.toml, with its per-target and workspace tables."""

from dpg_registry.checks.manifests.common import DEVELOPMENT, RUNTIME, table, values
from dpg_registry.checks.text import get


def cargo_toml(data: dict) -> list:
    scopes = {"dependencies": RUNTIME, "build-dependencies": RUNTIME, "dev-dependencies": DEVELOPMENT}
    tables = [data, *values(get(data, "target"))]
    found = [dep for section in tables for key, scope in scopes.items() for dep in table(get(section, key), scope)]
    return found + table(get(data, "workspace", "dependencies"), RUNTIME)
