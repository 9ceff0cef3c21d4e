"""Maven and Gradle artifacts: pom.xml, build.gradle(.kts) and Gradle version catalogs."""


from dpg_registry.checks.manifests.common import DEVELOPMENT, OPTIONAL, RUNTIME, local, values
from dpg_registry.checks.patterns import lazy
from dpg_registry.checks.text import get

_GRADLE = lazy(
    r"\b(\w*(?:[Ii]mplementation|[Aa]pi|[Cc]ompile\w*|[Rr]untimeOnly|[Cc]ompileOnly|kapt|ksp|annotationProcessor|"
    r"classpath))\s*\(?\s*(?:(?:enforced)?[Pp]latform\s*\(\s*)?['\"]([^'\":\s]+):([^'\":\s]+)(?::([^'\"]*))?['\"]"
)


def pom_xml(root) -> list:
    found = []
    blocks = [child for child in root if local(child.tag) == "dependencies"]
    for profile in (node for node in root.iter() if local(node.tag) == "profile"):
        blocks += [child for child in profile if local(child.tag) == "dependencies"]
    for block in blocks:
        for dependency in block:
            fields = {local(child.tag): (child.text or "").strip() for child in dependency}
            if fields.get("groupId") and fields.get("artifactId"):
                scope = DEVELOPMENT if fields.get("scope") == "test" else OPTIONAL if fields.get("optional") == "true" \
                    else RUNTIME
                found.append((f"{fields['groupId']}:{fields['artifactId']}", fields.get("version", ""), scope))
    return found


def gradle_build(text: str, path: str) -> list:
    return [
        (f"{match.group(2)}:{match.group(3)}", match.group(4) or "",
         DEVELOPMENT if match.group(1).lower().startswith(("test", "androidtest")) else RUNTIME)
        for match in _GRADLE.finditer(text)
    ]


def version_catalog(data: dict) -> list:
    found = []
    for spec in values(get(data, "libraries")):
        if isinstance(spec, str):
            found.append((":".join(spec.split(":")[:2]), "", RUNTIME))
        elif isinstance(spec, dict):
            module = spec.get("module") or f"{spec.get('group', '')}:{spec.get('name', '')}"
            found.append((str(module), str(spec.get("version", "")), RUNTIME))
    return found
