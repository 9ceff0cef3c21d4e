"""Small trees for detector tests, written into a test's temporary folder."""

from pathlib import Path

from dpg_registry.checks.tree import Tree


def tree_of(root: Path, files: dict[str, str | bytes]) -> Tree:
    for path, content in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return Tree.walk(root)


def answer(outcome, key):
    """The finding that answers the Standard's question ``key``, if any."""
    return next((finding for finding in outcome.findings if finding.question_key == key), None)
