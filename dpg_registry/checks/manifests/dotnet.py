"""NuGet packages: MSBuild project files, packages.config and central package versions."""

from dpg_registry.checks.manifests.common import RUNTIME, local


def msbuild(root) -> list:
    found = []
    for node in root.iter():
        if local(node.tag) in ("PackageReference", "package"):
            name = node.get("Include") or node.get("Update") or node.get("id")
            if name:
                found.append((name, node.get("Version") or node.get("version") or "", RUNTIME))
    return found
