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


# The configuration names that end the first word of a _GRADLE match: it begins at the start of a word holding one.
_GRADLE_KEYWORDS = ("Implementation", "implementation", "Api", "api", "Compile", "compile", "RuntimeOnly",
                    "runtimeOnly", "kapt", "ksp", "annotationProcessor", "classpath")


def gradle_build(text: str, path: str) -> list:
    return [
        (f"{match.group(2)}:{match.group(3)}", match.group(4) or "",
         DEVELOPMENT if match.group(1).lower().startswith(("test", "androidtest")) else RUNTIME)
        for match in _gradle_matches(text)
    ]


def _gradle_matches(text: str) -> list:
    """What ``_GRADLE.finditer(text)`` finds. That search tries every word of the file, and each word's every
    split; only the words holding a configuration name can match, and they are found by plain searches of the
    names."""
    starts = set()
    for keyword in _GRADLE_KEYWORDS:
        at = text.find(keyword)
        while at != -1:
            start = at
            while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):  # back to the word's start
                start -= 1
            starts.add(start)
            at = text.find(keyword, at + 1)
    found, end = [], 0
    for start in sorted(starts):
        if start >= end and (match := _GRADLE.match(text, start)):  # not inside the last match, as finditer
            found.append(match)
            end = match.end()
    return found


def version_catalog(data: dict) -> list:
    found = []
    for spec in values(get(data, "libraries")):
        if isinstance(spec, str):
            found.append((":".join(spec.split(":")[:2]), "", RUNTIME))
        elif isinstance(spec, dict):
            module = spec.get("module") or f"{spec.get('group', '')}:{spec.get('name', '')}"
            found.append((str(module), str(spec.get("version", "")), RUNTIME))
    return found
