"""What a project states about itself: dpg.json (checked against its schema) and publiccode.yml."""

import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from dpg_registry.checks.detectors import metadata
from dpg_registry.checks.model import Confidence, Status
from tests.checks.trees import answer, tree_of

ROOT = Path(__file__).resolve().parents[2]


def dpg_json(answers: dict, **fields) -> str:
    return json.dumps({"schema_version": "1", **fields, "answers": answers}, indent=2)


def test_schema_is_a_valid_draft_2020_12_schema():
    Draft202012Validator.check_schema(json.loads(metadata.SCHEMA_FILE.read_text()))
    Draft202012Validator.check_schema(metadata.validator().schema)


def test_the_documented_example_is_valid():
    text = (ROOT / "docs" / "dpg-json.md").read_text(encoding="utf-8")
    example = json.loads(re.search(r"```json\n(.*?)```", text, re.DOTALL).group(1))
    assert list(metadata.validator().iter_errors(example)) == []


def test_stated_answers_become_findings(tmp_path):
    answers = {
        "owner_name": {"value": "Example Health Foundation", "justification": "It holds the copyright.",
                       "evidence_urls": ["https://example.org/about"]},
        "closed_dependencies": {"value": "no"},
        "sdgs": {"value": [3, 5]},
        "licenses": {"value": "Apache-2.0"},
        "documentation_urls": {"value": []},  # empty: no answer
    }
    outcome = metadata.detect(tree_of(tmp_path, {"dpg.json": dpg_json(answers, category="software")}), "software")

    owner = answer(outcome, "owner_name")
    assert (owner.indicator, owner.status, owner.confidence) == ("3", Status.NEEDS_PERSON, Confidence.MEDIUM)
    assert owner.value == "Example Health Foundation" and owner.detector == "metadata"
    assert "It holds the copyright." in owner.explanation
    assert owner.evidence[0].path == "dpg.json" and owner.evidence[0].line == 5
    assert owner.evidence[1].url == "https://example.org/about"
    assert answer(outcome, "closed_dependencies").indicator == "4"
    assert answer(outcome, "sdgs").value == [3, 5]
    assert answer(outcome, "documentation_urls") is None
    hits = [(hit.expression, hit.path, hit.kind) for hit in outcome.licences]
    assert hits == [("Apache-2.0", "dpg.json", "metadata")]


def test_answers_for_other_categories_are_not_applicable(tmp_path):
    tree = tree_of(tmp_path, {"dpg.json": dpg_json({"model_license": {"value": "MIT"}}, category="aimodel")})
    outcome = metadata.detect(tree, "software")
    assert answer(outcome, "model_license").status == Status.NOT_APPLICABLE
    assert any("describes the product as aimodel" in f.explanation for f in outcome.findings)


@pytest.mark.parametrize(("answers", "path", "indicator", "message"), [
    ({"closed_dependencies": {"value": "maybe"}}, "$.answers.closed_dependencies.value", "4", "is not one of"),
    ({"owner_name": {"value": 42}}, "$.answers.owner_name.value", "3", "is not of type 'string'"),
    ({"sdgs": {"value": [0, 18]}}, "$.answers.sdgs.value[0]", "1", "less than the minimum"),
    ({"documentation_urls": {"value": ["ftp://x"]}}, "$.answers.documentation_urls.value[0]", "5", "does not match"),
    ({"owner_name": {"value": "x", "evidence_urls": ["not a url"]}}, "$.answers.owner_name.evidence_urls[0]", "3",
     "does not match"),
    ({"owner_name": {"value": "x", "note": "typo"}}, "$.answers.owner_name", "3", "'note' was unexpected"),
    ({"owner_name": {"justification": "no value"}}, "$.answers.owner_name", "3", "'value' is a required property"),
    ({"favourite_colour": {"value": "green"}}, "$.answers", "", "favourite_colour is not a question of the DPG"),
])
def test_schema_errors_name_the_json_path(tmp_path, answers, path, indicator, message):
    outcome = metadata.detect(tree_of(tmp_path, {"dpg.json": dpg_json(answers)}), "software")
    errors = [f for f in outcome.findings if "does not follow its schema" in f.explanation]
    assert errors, outcome.findings
    error = errors[0]
    assert f"at {path}:" in error.explanation and message in error.explanation
    assert error.indicator == indicator and error.confidence == Confidence.HIGH
    # A wrong answer is reported as an error, not also as an answer.
    assert not [f for f in outcome.findings if "answers “" in f.explanation]


def test_error_points_at_the_answer_line(tmp_path):
    text = dpg_json({"owner_name": {"value": "Org"}, "closed_dependencies": {"value": "maybe"}})
    outcome = metadata.detect(tree_of(tmp_path, {"dpg.json": text}), "software")
    error = next(f for f in outcome.findings if "does not follow" in f.explanation)
    line = next(number for number, row in enumerate(text.splitlines(), 1) if '"closed_dependencies"' in row)
    assert error.evidence[0].line == line
    assert error.question_key == "closed_dependencies"


def test_answers_of_the_wrong_type(tmp_path):
    outcome = metadata.detect(tree_of(tmp_path, {"dpg.json": '{"schema_version": "1", "answers": []}'}), "software")
    assert [f.explanation for f in outcome.findings] == [
        "dpg.json does not follow its schema at $.answers: [] is not of type 'object'."
    ]


def test_top_level_errors(tmp_path):
    text = json.dumps({"answers": {"owner_name": {"value": "Org"}}, "colour": "red", "category": "film"})
    outcome = metadata.detect(tree_of(tmp_path, {"dpg.json": text}), "software")
    explanations = " ".join(f.explanation for f in outcome.findings)
    assert "at $: 'schema_version' is a required property" in explanations
    assert "'colour' was unexpected" in explanations
    assert "at $.category: 'film' is not one of" in explanations
    assert answer(outcome, "owner_name").value == "Org"  # the good answers are still read


@pytest.mark.parametrize(("content", "problem"), [
    ('{"schema_version": "1",\n "answers": {', "not valid JSON (line 2"),
    (b"\x00\x00\x00", "binary"),
    ("[]", "is not of type 'object'"),
])
def test_unreadable_dpg_json(tmp_path, content, problem):
    outcome = metadata.detect(tree_of(tmp_path, {"dpg.json": content}), "software")
    assert len(outcome.findings) == 1 and problem in outcome.findings[0].explanation
    assert "dpg.json" in outcome.findings[0].explanation


def test_huge_dpg_json_is_not_read(tmp_path):
    text = dpg_json({"owner_name": {"value": "x", "justification": "y" * 600_000}})
    outcome = metadata.detect(tree_of(tmp_path, {"dpg.json": text}), "software")
    assert "larger than" in outcome.findings[0].explanation


PUBLICCODE = """publiccodeYmlVersion: "0.4"
name: Clinic Records
platforms:
  - web
  - linux
legal:
  license: AGPL-3.0-or-later
  mainCopyrightOwner: City of Example <legal@example.org>
maintenance:
  type: internal
  contacts:
    - name: Jane Maintainer
      email: jane.maintainer@example.org
      phone: "+39 000 000"
description:
  en:
    shortDescription: Records for clinics
    documentation: https://docs.example.org
    apiDocumentation: https://docs.example.org/api
    features:
      - Offline visits
      - Stock reports
dependsOn:
  open:
    - name: PostgreSQL
      versionMin: "13"
  proprietary:
    - name: Oracle Database
    - name: Google Maps
      optional: true
localisation:
  localisationReady: true
  availableLanguages: [en, sw]
"""


def test_publiccode_facts_are_mapped(tmp_path):
    outcome = metadata.detect(tree_of(tmp_path, {"publiccode.yml": PUBLICCODE}), "software")

    assert [(hit.expression, hit.kind, hit.line) for hit in outcome.licences] == [("AGPL-3.0-or-later", "metadata", 7)]
    closed = answer(outcome, "closed_dependencies")
    assert closed.indicator == "4" and closed.status == Status.NEEDS_PERSON and closed.value == "yes"
    assert "Oracle Database, Google Maps (optional)" in closed.explanation
    core = answer(outcome, "core_dependencies")
    assert core.value == "Runs on web, linux. Depends on open software: PostgreSQL."
    assert answer(outcome, "documentation_urls").value == ["https://docs.example.org", "https://docs.example.org/api"]
    assert answer(outcome, "owner_name").value == "City of Example"
    assert any(f.indicator == "5" and "2 features" in f.explanation for f in outcome.findings)
    assert any(f.indicator == "8" and "ready for translation and available in en, sw" in f.explanation
               for f in outcome.findings)


def test_publiccode_contacts_are_never_copied(tmp_path):
    outcome = metadata.detect(tree_of(tmp_path, {"publiccode.yml": PUBLICCODE}), "software")
    everything = json.dumps([f.__dict__ for f in outcome.findings], default=str)
    for personal in ("Jane", "jane.maintainer", "legal@example.org", "+39"):
        assert personal not in everything


def test_only_optional_proprietary_dependencies(tmp_path):
    text = "dependsOn:\n  proprietary:\n    - name: Google Maps\n      optional: true\n"
    outcome = metadata.detect(tree_of(tmp_path, {"publiccode.yml": text}), "software")
    assert answer(outcome, "closed_dependencies").value is None


@pytest.mark.parametrize(("content", "problem"), [
    ("legal: [unclosed\n", "not valid YAML (line 2, column 1"),
    ("- just\n- a list\n", "does not hold a YAML mapping"),
    (b"\x00binary", "binary"),
    ("legal: {license: 3}\nplatforms: web\ndependsOn: {proprietary: [42, {name: [1]}]}\ndescription: []\n", None),
    ("a: &a [1, 2]\nb: &b [*a, *a, *a]\nplatforms: [*b, *b, web]\n", None),
])
def test_odd_publiccode_files_never_raise(tmp_path, content, problem):
    outcome = metadata.detect(tree_of(tmp_path, {"publiccode.yml": content}), "software")
    if problem:
        assert problem in outcome.findings[0].explanation
    else:
        assert not outcome.licences
        assert all(f.question_key != "closed_dependencies" for f in outcome.findings)


def test_huge_publiccode_is_not_read(tmp_path):
    text = "description:\n  en:\n    longDescription: " + "x" * 300_000 + "\n"
    outcome = metadata.detect(tree_of(tmp_path, {"publiccode.yml": text}), "software")
    assert "larger than" in outcome.findings[0].explanation


def test_no_metadata_no_findings(tmp_path):
    outcome = metadata.detect(tree_of(tmp_path, {"README.md": "# x\n", "sub/dpg.json": "{"}), "software")
    assert outcome.findings == [] and outcome.licences == []
