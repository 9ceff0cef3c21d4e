"""Indicator 8: practices seen in the repository, and the open standards it implements or names."""


from dpg_registry.checks.detectors import practices
from dpg_registry.checks.model import Confidence, Status
from tests.checks.trees import answer, tree_of

WELL_RUN = {
    ".github/workflows/ci.yml": "on: push\n",
    ".github/dependabot.yml": "version: 2\n",
    "tests/test_cities.py": "def test(): pass\n",
    "web/src/map.spec.ts": "it('draws', () => {})\n",
    "CONTRIBUTING.md": "# Contributing\n",
    "CHANGELOG.md": "# Changelog\n",
    ".pre-commit-config.yaml": "repos: []\n",
    "web/.eslintrc.json": "{}",
    "pyproject.toml": '[project]\nname = "x"\n[tool.ruff]\nline-length = 120\n',
    "README.md": "# X\n\nReleases follow [Semantic Versioning](https://semver.org).\n",
}


def test_a_well_run_project(tmp_path):
    outcome = practices.detect(tree_of(tmp_path, WELL_RUN), "software")
    follows = answer(outcome, "follows_best_practices")
    assert follows.status == Status.MET and follows.value == "yes"
    listed = answer(outcome, "best_practices").value
    assert listed == [
        "continuous integration (GitHub Actions)", "automated tests (2 test files)", "a contribution guide",
        "a changelog or release notes", "dependency update automation",
        "linters and formatters (ESLint, Ruff, pre-commit)", "Semantic Versioning",
    ]
    paths = {e.path for e in answer(outcome, "best_practices").evidence}
    assert {".github/workflows/ci.yml", "tests/test_cities.py", "CONTRIBUTING.md"} <= paths


def test_few_practices_need_a_person(tmp_path):
    outcome = practices.detect(tree_of(tmp_path, {"CONTRIBUTING.md": "x", "src/history.js": "x"}), "software")
    follows = answer(outcome, "follows_best_practices")
    assert follows.status == Status.NEEDS_PERSON and follows.value is None
    assert answer(outcome, "best_practices").value == ["a contribution guide"]  # src/history.js is code


def test_data_is_not_asked_for_tests(tmp_path):
    tree = tree_of(tmp_path, {"CONTRIBUTING.md": "x", "CHANGELOG.md": "x", "data/a.csv": "x\n"})
    assert answer(practices.detect(tree, "data"), "follows_best_practices").status == Status.MET
    assert answer(practices.detect(tree, "software"), "follows_best_practices").status == Status.NEEDS_PERSON


def test_nothing_at_all(tmp_path):
    outcome = practices.detect(tree_of(tmp_path, {"main.c": "int main(){}\n"}), "software")
    assert answer(outcome, "best_practices") is None
    assert answer(outcome, "supports_standards").status == Status.NEEDS_PERSON


def test_standards_implemented_and_named(tmp_path):
    tree = tree_of(tmp_path, {
        "api/openapi.yaml": "openapi: 3.1.0\n",
        "package.json": '{"dependencies": {"fhir-kit-client": "^1.9.0"}}',
        "publiccode.yml": "publiccodeYmlVersion: '0.4'\n",
        "README.md": "# Clinic\n\nSign-in uses OpenID Connect. Pages meet WCAG 2.1 AA. Exports GeoJSON.\n",
        "docs/interop.md": "Messages follow HL7 v2; resources follow HL7 FHIR R4.\n",
    })
    outcome = practices.detect(tree, "software")
    supports = answer(outcome, "supports_standards")
    assert supports.value == "yes" and supports.confidence == Confidence.MEDIUM
    assert "Implemented or used: HL7 FHIR, OpenAPI, publiccode.yml." in supports.explanation
    assert answer(outcome, "standards").value == [
        "HL7 FHIR", "OpenAPI", "publiccode.yml", "GeoJSON", "HL7 v2", "OpenID Connect", "WCAG",
    ]


def test_standards_only_named_are_low_confidence(tmp_path):
    outcome = practices.detect(tree_of(tmp_path, {"README.md": "Publishes a DCAT catalogue.\n"}), "data")
    assert answer(outcome, "supports_standards").confidence == Confidence.LOW
    assert answer(outcome, "standards").value == ["DCAT"]


def test_malformed_and_binary_files_are_harmless(tmp_path):
    tree = tree_of(tmp_path, {"pyproject.toml": "[tool.ruff\n", "README.md": b"\x00OpenAPI",
                              "package.json": "{", ".github/workflows/ci.yml": b"\x00"})
    outcome = practices.detect(tree, "software")
    assert answer(outcome, "best_practices").value == ["continuous integration (GitHub Actions)"]
