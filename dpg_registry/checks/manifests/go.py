"""Go modules: the require directives of go.mod."""

from dpg_registry.checks.manifests.common import RUNTIME


def go_mod(text: str, path: str) -> list:
    found, in_block = [], False
    for line in text.splitlines():
        line = line.split("//")[0].strip()
        if line.startswith("require ("):
            in_block = True
        elif in_block and line == ")":
            in_block = False
        elif in_block or line.startswith("require "):
            parts = line.removeprefix("require ").split()
            if len(parts) >= 2:
                found.append((parts[0], parts[1], RUNTIME))
    return found
