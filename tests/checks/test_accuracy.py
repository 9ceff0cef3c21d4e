"""The corpus scorer (bench/check/accuracy.py) on two tiny trees judged here, and the corpus file itself."""

import json
import subprocess
from functools import cache

from bench.check import accuracy
from dpg_registry.checks.detectors.licence.texts import TEXTS_FILE, load
from tests.checks.trees import tree_of

ABSENT = {name: None for name in accuracy.PRESENCE}


def judged(repository: str, spdx: str | None, **present) -> dict:
    entry = {
        "repository": repository,
        "url": f"https://example.org/{repository}.git",
        "commit": "0" * 40,
        "category": "software",
        "main_licence": {"spdx": spdx, "gnu_version": None, "evidence": []},
    }
    entry.update(ABSENT, **present)
    return entry


@cache
def licence_text(spdx_id: str) -> str:
    return next(
        record["text"] for record in load(TEXTS_FILE)["licences"] if spdx_id in (record["id"], *record["same_text"])
    )


def build(trees) -> None:
    tree_of(
        trees / "health+tracker",
        {
            "LICENSE": "Copyright (c) 2024 Example Health\n\n" + licence_text("MIT"),
            "README.md": "# Tracker\n\n## Installation\n\npip install tracker\n\n## Usage\n\ntracker --help\n",
            "CONTRIBUTING.md": "# Contributing\n\nOpen a pull request.\n",
            ".github/workflows/ci.yml": "on: push\njobs: {}\n",
            "tests/test_tracker.py": "def test_nothing():\n    assert True\n",
        },
    )
    tree_of(
        trees / "health+registry",
        {
            "COPYING": licence_text("GPL-3.0-only"),
            "package.json": json.dumps({"name": "registry", "license": "GPL-3.0-or-later"}),
            "openapi.yaml": "openapi: 3.0.0\ninfo:\n  title: Registry\n  version: '1'\npaths: {}\n",
        },
    )


ENTRIES = [
    judged(
        "health/tracker",
        "MIT",
        readme="README.md",
        documentation="README.md",
        contributing="CONTRIBUTING.md",
        ci=".github/workflows/ci.yml",
        tests="tests/test_tracker.py",
    ),
    # Judged with a code of conduct the tree does not have, and under another licence: two misses.
    judged(
        "health/registry",
        "Apache-2.0",
        documentation="openapi.yaml",
        openapi="openapi.yaml",
        code_of_conduct="CODE_OF_CONDUCT.md",
    ),
]


def test_the_scorer_counts_each_field_and_lists_every_miss(tmp_path, capsys):
    trees = tmp_path / "trees"
    build(trees)
    corpus_file = tmp_path / "corpus.json"
    corpus_file.write_text(json.dumps({"repositories": ENTRIES}), encoding="utf-8")

    assert accuracy.main(["--trees", str(trees), "--corpus", str(corpus_file)]) == 0
    out = capsys.readouterr().out

    assert "2 repositories checked" in out
    assert "| main_licence | 1 | 2 | 50.0 % |" in out
    assert "| code_of_conduct | 1 | 2 | 50.0 % |" in out
    for field in (
        "readme",
        "documentation",
        "contributing",
        "security_policy",
        "privacy_policy",
        "publiccode",
        "openapi",
        "ci",
        "tests",
    ):
        assert f"| {field} | 2 | 2 | 100.0 % |" in out
    assert "- health/registry main_licence: expected Apache-2.0, found GPL-3.0-or-later" in out
    assert "- health/registry code_of_conduct: expected CODE_OF_CONDUCT.md, found absent" in out
    assert out.count("\n- ") == 2


def test_a_repository_without_a_tree_is_named_and_left_out_of_the_score(tmp_path, capsys):
    trees = tmp_path / "trees"
    build(trees)
    entries = [ENTRIES[0], judged("health/missing", "MIT")]
    corpus_file = tmp_path / "corpus.json"
    corpus_file.write_text(json.dumps({"repositories": entries}), encoding="utf-8")

    accuracy.main(["--trees", str(trees), "--corpus", str(corpus_file)])
    out = capsys.readouterr().out

    assert "1 repositories checked; no tree for health/missing" in out
    assert "| main_licence | 1 | 1 | 100.0 % |" in out
    assert "no misses" in out


def test_licence_expressions_compare_whatever_the_order_of_their_operands():
    report = {"main_license": "CC-BY-4.0 AND MIT", "findings": []}
    same = accuracy.score([judged("a/b", "MIT AND CC-BY-4.0")], {"a/b": report})
    other = accuracy.score([judged("a/b", "MIT OR CC-BY-4.0")], {"a/b": report})
    none = accuracy.score([judged("a/b", None)], {"a/b": {"main_license": None, "findings": []}})

    assert same.right["main_licence"] == 1
    assert other.right["main_licence"] == 0
    assert none.right["main_licence"] == 1


def test_the_corpus_judges_every_field_of_at_least_sixty_repositories():
    entries = json.loads(accuracy.CORPUS.read_text(encoding="utf-8"))["repositories"]

    assert len(entries) >= 60
    assert len({entry["repository"] for entry in entries}) == len(entries)
    for entry in entries:
        assert len(entry["commit"]) == 40, entry["repository"]
        assert entry["category"] in ("software", "data", "content", "aimodel"), entry["repository"]
        assert set(accuracy.PRESENCE) <= set(entry), entry["repository"]
        assert entry["main_licence"]["gnu_version"] in (None, "only", "or-later", "not stated"), entry["repository"]
        assert set(entry.get("notes", {})) <= set(accuracy.FIELDS), entry["repository"]


def test_clone_fetches_a_missing_tree_at_its_judged_commit(tmp_path, capsys):
    source = tmp_path / "source"
    build(source)
    origin = source / "health+tracker"
    git = ["git", "-C", str(origin), "-c", "user.name=Judge", "-c", "user.email=judge@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "judged"], check=True)
    judged_commit = subprocess.run([*git, "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    (origin / "CONTRIBUTING.md").unlink()  # a later commit the judgement does not cover
    subprocess.run([*git, "commit", "-q", "-am", "later"], check=True)
    entry = {**ENTRIES[0], "url": origin.as_uri(), "commit": judged_commit}
    corpus_file = tmp_path / "corpus.json"
    corpus_file.write_text(json.dumps({"repositories": [entry]}), encoding="utf-8")
    trees = tmp_path / "trees"

    accuracy.main(["--trees", str(trees), "--corpus", str(corpus_file), "--clone"])
    out = capsys.readouterr().out

    assert (trees / "health+tracker" / "CONTRIBUTING.md").is_file()
    assert "| contributing | 1 | 1 | 100.0 % |" in out
    assert "no misses" in out
    assert "but checked at" not in out


def test_a_tree_at_another_commit_than_the_judged_one_is_named(tmp_path, capsys):
    trees = tmp_path / "trees"
    build(trees)
    tree = trees / "health+tracker"
    git = ["git", "-C", str(tree), "-c", "user.name=Judge", "-c", "user.email=judge@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "not the judged one"], check=True)
    checked = subprocess.run([*git, "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    corpus_file = tmp_path / "corpus.json"
    corpus_file.write_text(json.dumps({"repositories": [ENTRIES[0]]}), encoding="utf-8")

    accuracy.main(["--trees", str(trees), "--corpus", str(corpus_file)])

    assert f"health/tracker was judged at {'0' * 40} but checked at {checked}" in capsys.readouterr().out
