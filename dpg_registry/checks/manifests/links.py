"""The addresses manifests give for a project's documentation and home page, as written."""

from dpg_registry.checks.text import get

# Manifests and site settings that can state where the documentation is, and the format of each.
WITH_LINKS = {"pyproject.toml": "toml", "package.json": "json", "cargo.toml": "toml", "composer.json": "json",
              "mkdocs.yml": "yaml"}


def documentation_links(data: object) -> list:
    """The values of the fields that name the documentation (not checked to be addresses)."""
    return [
        *_labelled(get(data, "project", "urls")), *_labelled(get(data, "tool", "poetry", "urls")),
        get(data, "tool", "poetry", "documentation"), get(data, "package", "documentation"),
        get(data, "support", "docs"), get(data, "site_url"), get(data, "documentation"),
    ]


def homepage(data: object) -> object:
    return get(data, "homepage")


def _labelled(table: object) -> list:
    """The values of a table of links whose labels mention documentation ("Documentation", "Docs")."""
    return [url for key, url in table.items() if "doc" in str(key).lower()] if isinstance(table, dict) else []
