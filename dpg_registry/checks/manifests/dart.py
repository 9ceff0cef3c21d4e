"""Dart and Flutter packages: pubspec.yaml."""

from dpg_registry.checks.manifests.common import DEVELOPMENT, RUNTIME, table

_SDK_PACKAGES = ("flutter", "flutter_test", "flutter_localizations")  # shipped with the SDK, not from pub.dev


def pubspec_yaml(data: dict) -> list:
    found = table(data.get("dependencies"), RUNTIME) + table(data.get("dev_dependencies"), DEVELOPMENT)
    return [dep for dep in found if dep[0] not in _SDK_PACKAGES]
