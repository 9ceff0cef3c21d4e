"""Which files are dependency manifests or lock files, of which ecosystem, and which parser reads each."""

from collections.abc import Callable

from dpg_registry.checks.manifests.common import toml_lock
from dpg_registry.checks.manifests.dart import pubspec_yaml
from dpg_registry.checks.manifests.dotnet import msbuild
from dpg_registry.checks.manifests.go import go_mod
from dpg_registry.checks.manifests.jvm import gradle_build, pom_xml, version_catalog
from dpg_registry.checks.manifests.node import npm_lock, package_json, pnpm_lock, yarn_lock
from dpg_registry.checks.manifests.php import composer_json
from dpg_registry.checks.manifests.python import pipfile, pyproject_toml, requirements_txt
from dpg_registry.checks.manifests.ruby import gemfile, podfile
from dpg_registry.checks.manifests.rust import cargo_toml
from dpg_registry.checks.tree import FileEntry
from dpg_registry.lib.records import Record

ECOSYSTEMS = {
    "npm": "npm", "pypi": "PyPI", "go": "Go", "cargo": "Cargo", "maven": "Maven/Gradle", "rubygems": "RubyGems",
    "packagist": "Composer", "nuget": "NuGet", "pub": "Dart pub", "cocoapods": "CocoaPods",
}


class Kind(Record, frozen=True):
    ecosystem: str
    format: str  # json, toml, yaml, xml, or text (given to the parser as text)
    parse: Callable[..., list]
    lock: bool = False


MANIFESTS = {
    "package.json": Kind("npm", "json", package_json),
    "package-lock.json": Kind("npm", "text", npm_lock, lock=True),
    "npm-shrinkwrap.json": Kind("npm", "text", npm_lock, lock=True),
    "yarn.lock": Kind("npm", "text", yarn_lock, lock=True),
    "pnpm-lock.yaml": Kind("npm", "text", pnpm_lock, lock=True),
    "pyproject.toml": Kind("pypi", "toml", pyproject_toml),
    "pipfile": Kind("pypi", "toml", pipfile),
    "poetry.lock": Kind("pypi", "text", toml_lock, lock=True),
    "go.mod": Kind("go", "text", go_mod),
    "cargo.toml": Kind("cargo", "toml", cargo_toml),
    "cargo.lock": Kind("cargo", "text", toml_lock, lock=True),
    "pom.xml": Kind("maven", "xml", pom_xml),
    "build.gradle": Kind("maven", "text", gradle_build),
    "build.gradle.kts": Kind("maven", "text", gradle_build),
    "gemfile": Kind("rubygems", "text", gemfile),
    "composer.json": Kind("packagist", "json", composer_json),
    "packages.config": Kind("nuget", "xml", msbuild),
    "directory.packages.props": Kind("nuget", "xml", msbuild),
    "pubspec.yaml": Kind("pub", "yaml", pubspec_yaml),
    "podfile": Kind("cocoapods", "text", podfile),
}


def kind_of(entry: FileEntry) -> Kind | None:
    """What kind of manifest a file is, by its name, or None."""
    name = entry.lower_name
    if name in MANIFESTS:
        return MANIFESTS[name]
    if name.endswith((".csproj", ".fsproj", ".vbproj")):
        return Kind("nuget", "xml", msbuild)
    if name.endswith(".versions.toml"):
        return Kind("maven", "toml", version_catalog)
    if name.endswith((".txt", ".in")) and (
        name.startswith("requirements") or entry.directory.rsplit("/", 1)[-1].lower() == "requirements"
    ):
        return Kind("pypi", "text", requirements_txt)
    return None
