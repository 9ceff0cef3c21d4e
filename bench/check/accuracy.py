"""How often `dpg check` agrees with a person, on a hand-labelled corpus of real repositories.

    python bench/check/accuracy.py --trees DIR            # trees already checked out as DIR/<owner>+<name>
    python bench/check/accuracy.py --trees DIR --clone    # clone what is missing, at the judged commit

The corpus (bench/check/corpus.json, described in bench/check/CORPUS.md) holds, per repository, the
commit a person judged, its main licence as an SPDX expression and, for each presence field, the path
that proves it (or null when the repository has none). This script runs the check on each tree, one at
a time, reads the same fields from its JSON report and prints the accuracy per field and every miss
with the repository, what was expected and what the check found.
"""

import argparse
import json
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

CORPUS = Path(__file__).with_name("corpus.json")
PRESENCE = (
    "readme",
    "documentation",
    "contributing",
    "code_of_conduct",
    "security_policy",
    "privacy_policy",
    "publiccode",
    "openapi",
    "ci",
    "tests",
)
FIELDS = ("main_licence", *PRESENCE)
# Items of the practices detector's "best_practices" list, by the field they prove.
PRACTICES = {
    "contributing": "a contribution guide",
    "code_of_conduct": "a code of conduct",
    "security_policy": "a security policy",
    "publiccode": "a publiccode.yml description",
    "ci": "continuous integration",
    "tests": "automated tests",
}


@dataclass
class Miss:
    repository: str
    field: str
    expected: str
    found: str
    note: str = ""


@dataclass
class Score:
    right: dict = field(default_factory=lambda: {name: 0 for name in FIELDS})
    judged: dict = field(default_factory=lambda: {name: 0 for name in FIELDS})
    misses: list = field(default_factory=list)


def _first_path(finding: dict) -> str:
    return next((item["path"] for item in finding.get("evidence", []) if item.get("path")), "")


def found_fields(report: dict) -> dict:
    """What the check's JSON report says for each field: the main licence, and for each presence field the
    path of its evidence (or a short label when it names none), or None when the report does not claim it."""
    found = {name: None for name in FIELDS}
    found["main_licence"] = report.get("main_license") or None
    for finding in report.get("findings", []):
        key, detector, text = finding.get("question_key"), finding.get("detector"), finding.get("explanation", "")
        if detector == "documentation" and key == "documentation_available":
            if finding.get("evidence"):
                found["readme"] = _first_path(finding)
            if finding.get("value") == "yes":
                found["documentation"] = "documentation found"
        elif detector == "practices" and key == "best_practices":
            items = finding.get("value") or []
            for name, label in PRACTICES.items():
                for index, item in enumerate(items):
                    if item.startswith(label) and found[name] is None:
                        evidence = finding.get("evidence") or []
                        found[name] = evidence[index]["path"] if index < len(evidence) else item
        elif detector == "policies" and key == "privacy_compliant" and "has a privacy policy" in text:
            found["privacy_policy"] = _first_path(finding) or "privacy policy"
        elif detector == "policies" and key == "harassment_protection" and "a code of conduct" in text:
            found["code_of_conduct"] = found["code_of_conduct"] or _first_path(finding) or "code of conduct"
        elif detector == "policies" and key == "pii_protected" and "a security policy" in text:
            found["security_policy"] = found["security_policy"] or _first_path(finding) or "security policy"
        elif detector == "extraction" and text.startswith("Machine-readable API descriptions") and "OpenAPI" in text:
            found["openapi"] = _first_path(finding) or "OpenAPI"
    return found


def expected_fields(entry: dict) -> dict:
    expected = {"main_licence": entry["main_licence"]["spdx"]}
    expected.update({name: entry[name] for name in PRESENCE})
    return expected


def _operands(expression: str | None) -> tuple:
    """An expression joined by one operator only compares equal with its operands in any order
    ("MIT AND CC-BY-4.0" is "CC-BY-4.0 AND MIT"); anything else compares as written."""
    if expression is None:
        return ()
    words = expression.split()
    operators = set(words) & {"AND", "OR", "WITH"}
    if len(operators) == 1 and operators != {"WITH"} and "(" not in expression:
        operator = operators.pop()
        return (operator, *sorted(word for word in words if word != operator))
    return (" ".join(words),)


def _same_licence(expected: str | None, found: str | None) -> bool:
    return _operands(expected) == _operands(found)


def score(entries: list[dict], reports: dict[str, dict]) -> Score:
    """Compare each judged repository with its report (by repository name); a repository without a
    report is left out of the score."""
    result = Score()
    for entry in entries:
        report = reports.get(entry["repository"])
        if report is None:
            continue
        expected, found = expected_fields(entry), found_fields(report)
        notes = entry.get("notes", {})
        for name in FIELDS:
            result.judged[name] += 1
            if name == "main_licence":
                right = _same_licence(expected[name], found[name])
            else:
                right = (expected[name] is None) == (found[name] is None)
            if right:
                result.right[name] += 1
            else:
                result.misses.append(
                    Miss(entry["repository"], name, _shown(expected[name]), _shown(found[name]), notes.get(name, ""))
                )
    return result


def _shown(value) -> str:
    return "absent" if value is None else str(value)


def table(result: Score) -> str:
    lines = ["| field | right | judged | accuracy |", "| --- | ---: | ---: | ---: |"]
    for name in FIELDS:
        judged = result.judged[name]
        share = f"{100 * result.right[name] / judged:.1f} %" if judged else "–"
        lines.append(f"| {name} | {result.right[name]} | {judged} | {share} |")
    return "\n".join(lines)


def misses(result: Score) -> str:
    lines = []
    for miss in result.misses:
        line = f"- {miss.repository} {miss.field}: expected {miss.expected}, found {miss.found}"
        lines.append(line + (f" ({miss.note})" if miss.note else ""))
    return "\n".join(lines) or "no misses"


def tree_of(trees: Path, entry: dict) -> Path:
    return trees / entry["repository"].replace("/", "+")


def clone(entry: dict, target: Path) -> None:
    """The judged commit only, into an empty folder (never any of the repository's hooks)."""
    target.mkdir(parents=True)
    git = ["git", "-C", str(target), "-c", "core.hooksPath=/dev/null"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "fetch", "-q", "--depth", "1", entry["url"], entry["commit"]], check=True)
    subprocess.run([*git, "checkout", "-q", "FETCH_HEAD"], check=True)


def check(tree: Path, category: str) -> dict:
    from dpg_registry.checks.run import run_check

    return run_check(str(tree), category=category).as_dict()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trees", type=Path, required=True, help="folder of trees named <owner>+<name>")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--clone", action="store_true", help="clone the trees that are missing")
    arguments = parser.parse_args(argv)
    entries = json.loads(arguments.corpus.read_text(encoding="utf-8"))["repositories"]
    reports, left_out = {}, []
    for entry in entries:
        tree = tree_of(arguments.trees, entry)
        if not tree.is_dir() and arguments.clone:
            clone(entry, tree)
        if not tree.is_dir():
            left_out.append(entry["repository"])
            continue
        print(f"checking {entry['repository']}", file=sys.stderr)
        reports[entry["repository"]] = check(tree, entry["category"])
    result = score(entries, reports)
    print(f"{len(reports)} repositories checked" + (f"; no tree for {', '.join(left_out)}" if left_out else ""))
    for entry in entries:  # a tree with its .git says which commit it is; an exported one says nothing
        commit = reports.get(entry["repository"], {}).get("commit")
        if commit and commit != entry["commit"]:
            print(f"{entry['repository']} was judged at {entry['commit']} but checked at {commit}")
    print()
    print(table(result))
    print()
    print(misses(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
