"""A project's own answers in dpg.json state an indicator met only when complete, favourable and backed by
files of the repository; the summary weighs them against what the detectors found."""

import json

from dpg_registry.checks.detectors import metadata
from dpg_registry.checks.model import Confidence, Finding, Status
from dpg_registry.checks.run import run_check, summarise
from tests.checks.trees import tree_of

PRIVACY = {
    "privacy_compliant": {"value": "yes", "evidence_files": ["docs/privacy.md"]},
    "applicable_laws": {"value": ["GDPR"]},
    "privacy_evidence_urls": {"value": [], "evidence_files": ["docs/privacy.md"]},
}


def dpg_json(answers: dict) -> str:
    return json.dumps({"schema_version": "1", "answers": answers}, indent=2)


def indicator_statement(outcome, code):
    return next((f for f in outcome.findings if f.indicator == code and f.question_key is None
                 and "dpg.json" in f.explanation and "schema" not in f.explanation), None)


def test_a_complete_answer_with_files_states_the_indicator_met(tmp_path):
    tree = tree_of(tmp_path, {"dpg.json": dpg_json(PRIVACY), "docs/privacy.md": "# Privacy\n"})
    stated = indicator_statement(metadata.detect(tree, "software"), "7")
    assert (stated.status, stated.confidence) == (Status.MET, Confidence.MEDIUM)
    assert stated.stated == {"privacy_compliant": "yes"}
    assert [e.path for e in stated.evidence] == ["dpg.json", "docs/privacy.md"]


def test_a_file_answers_where_to_look(tmp_path):
    tree = tree_of(tmp_path, {"dpg.json": dpg_json(PRIVACY), "docs/privacy.md": "# Privacy\n"})
    where = next(f for f in metadata.detect(tree, "software").findings if f.question_key == "privacy_evidence_urls")
    assert "in the repository, docs/privacy.md" in where.explanation


def test_a_cited_file_that_is_missing_is_named_with_its_json_path(tmp_path):
    outcome = metadata.detect(tree_of(tmp_path, {"dpg.json": dpg_json(PRIVACY)}), "software")
    missing = [f for f in outcome.findings if "no such file" in f.explanation]
    assert missing[0].explanation == (
        "dpg.json cites docs/privacy.md at $.answers.privacy_compliant.evidence_files[0], "
        "but the repository has no such file."
    )
    assert missing[0].confidence == Confidence.HIGH
    stated = indicator_statement(outcome, "7")
    assert stated.status == Status.NEEDS_PERSON and "names no file of the repository" in stated.explanation


def test_paths_outside_the_repository_are_refused_by_the_schema(tmp_path):
    answers = {"privacy_compliant": {"value": "yes", "evidence_files": ["../secrets.txt", "/etc/passwd"]}}
    outcome = metadata.detect(tree_of(tmp_path, {"dpg.json": dpg_json(answers)}), "software")
    errors = [f.explanation for f in outcome.findings if "does not follow its schema" in f.explanation]
    assert any("$.answers.privacy_compliant.evidence_files[0]" in error for error in errors)
    assert any("$.answers.privacy_compliant.evidence_files[1]" in error for error in errors)


def test_an_unfavourable_answer_is_left_to_a_person(tmp_path):
    answers = {"closed_dependencies": {"value": "yes", "evidence_files": ["README.md"]},
               "open_alternatives_exist": {"value": "no"}}
    tree = tree_of(tmp_path, {"dpg.json": dpg_json(answers), "README.md": "# Tool\n"})
    stated = indicator_statement(metadata.detect(tree, "software"), "4")
    assert stated.status == Status.NEEDS_PERSON and "not in a way that shows" in stated.explanation


def test_an_indicator_with_a_required_answer_missing_is_not_stated(tmp_path):
    answers = {"privacy_compliant": {"value": "yes", "evidence_files": ["docs/privacy.md"]}}
    tree = tree_of(tmp_path, {"dpg.json": dpg_json(answers), "docs/privacy.md": "# Privacy\n"})
    assert indicator_statement(metadata.detect(tree, "software"), "7") is None


def test_the_statement_settles_the_indicator_in_the_report(tmp_path):
    tree_of(tmp_path, {"dpg.json": dpg_json(PRIVACY), "docs/privacy.md": "# Privacy\nWe follow the GDPR.\n"})
    report = run_check(str(tmp_path))
    assert report.indicators["7"].status == Status.MET and report.indicators["7"].detector == "metadata"


def test_a_detector_that_finds_otherwise_reopens_the_statement(tmp_path):
    answers = {"closed_dependencies": {"value": "no", "evidence_files": ["package.json"]}}
    package = json.dumps({"name": "app", "license": "MIT", "dependencies": {"firebase": "^10.0.0"}})
    tree_of(tmp_path, {"dpg.json": dpg_json(answers), "package.json": package})
    summary = run_check(str(tmp_path)).indicators["4"]
    assert summary.status == Status.NEEDS_PERSON
    assert summary.explanation.startswith("The project states “closed_dependencies: no”, but platform found otherwise")


def finding(status, confidence, detector="test", **fields):
    return Finding("5", status, confidence, f"{status} {confidence}", detector, **fields)


def test_a_weak_doubt_does_not_outweigh_a_confident_met():
    summary = summarise([finding(Status.NEEDS_PERSON, Confidence.LOW), finding(Status.MET, Confidence.MEDIUM)],
                        "software")
    assert summary["5"].status == Status.MET


def test_an_equal_doubt_does():
    summary = summarise([finding(Status.MET, Confidence.MEDIUM), finding(Status.NEEDS_PERSON, Confidence.MEDIUM)],
                        "software")
    assert summary["5"].status == Status.NEEDS_PERSON


def test_a_confident_not_met_outweighs_the_projects_statement():
    summary = summarise([finding(Status.MET, Confidence.MEDIUM, "metadata", stated={}),
                         finding(Status.NOT_MET, Confidence.HIGH)], "software")
    assert summary["5"].status == Status.NOT_MET
