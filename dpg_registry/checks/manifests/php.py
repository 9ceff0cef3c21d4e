"""Composer packages: composer.json."""

from dpg_registry.checks.manifests.common import DEVELOPMENT, RUNTIME, table


def composer_json(data: dict) -> list:
    def keep(name: str) -> bool:  # the PHP runtime and its extensions are platform requirements, not packages
        return "/" in name

    return [dep for dep in table(data.get("require"), RUNTIME) + table(data.get("require-dev"), DEVELOPMENT)
            if keep(dep[0])]
