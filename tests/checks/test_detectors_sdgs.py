"""Indicator 1: the Sustainable Development Goals a README names, with the file and line of each."""

import pytest

from dpg_registry.checks.detectors import sdgs
from dpg_registry.checks.model import Status
from dpg_registry.checks.run import run_check
from tests.checks.trees import tree_of


def goals_in(tmp_path, readme: str, name: str = "README.md"):
    outcome = sdgs.detect(tree_of(tmp_path, {name: readme}), "software")
    return outcome.findings[0] if outcome.findings else None


@pytest.mark.parametrize("line", [
    "This tool serves SDG 3.",
    "Serves SDG-3 through clinic records.",
    "Tags: #SDG3 #opensource",
    "Aligned with Sustainable Development Goal 3: health for all.",
    "It contributes to Good Health and Well-being by tracking vaccinations.",
    "Our focus: good health & wellbeing.",
    "We work towards SDG 3.8 (universal health coverage).",
])
def test_each_way_of_naming_a_goal_is_found(tmp_path, line):
    finding = goals_in(tmp_path, f"# Clinic\n\n{line}\n")
    assert finding is not None, line
    assert finding.value == [3]
    assert finding.status == Status.NEEDS_PERSON
    assert "SDG 3 (Good health and well-being) at README.md line 3" in finding.explanation
    assert [(e.path, e.line) for e in finding.evidence] == [("README.md", 3)]


def test_several_goals_are_named_with_their_first_line_each(tmp_path):
    readme = ("# Farm\n\nThis project supports the SDGs 2, 13 and 15.\n\nIt also helps Quality Education.\n\n"
              "More on SDG 2 later.\n")
    finding = goals_in(tmp_path, readme)
    assert finding.value == [2, 4, 13, 15]
    assert "SDG 4 (Quality education) at README.md line 5" in finding.explanation
    assert "SDG 13 (Climate action) at README.md line 3" in finding.explanation
    assert [(e.path, e.line) for e in finding.evidence] == [("README.md", 3), ("README.md", 5)]


def test_goal_with_a_number_counts_only_near_sdg_context(tmp_path):
    near = "# Clinic\n\n## Sustainable Development Goals\n\nWe serve Goal 3 and goal 5.\n"
    assert goals_in(tmp_path / "near", near).value == [3, 5]
    far = "# Build tool\n\nGoal 3 of this release is a faster cache.\n\n" + "Text.\n" * 6 + "Not related to SDGs.\n"
    assert goals_in(tmp_path / "far", far) is None


@pytest.mark.parametrize("readme", [
    "# Tool\n\nOur goal 3 is speed.\n",
    "# Tool\n\nParses `SDG9: Industry` labels.\n",
    "# Tool\n\n```\nsdg 4\n```\n",
    "# Tool\n\nRejects SDG 18 and SDG 0.\n",
    "# Tool\n\nRuns since 2030 with SDG 1,000 users.\n",
    "# Tool\n\nThe 2030 Agenda matters.\n",
])
def test_what_names_no_goal_is_not_taken_for_one(tmp_path, readme):
    assert goals_in(tmp_path, readme) is None


def test_a_readme_in_another_format_counts_too(tmp_path):
    assert goals_in(tmp_path, "Clinic\n======\n\nServes SDG 6.\n", "README.rst").value == [6]


def test_the_report_names_the_goals_instead_of_nothing_for_indicator_1(tmp_path):
    (tmp_path / "README.md").write_text("# Clinic\n\nWe serve SDG 3 (Good Health and Well-being).\n")
    report = run_check(str(tmp_path))
    summary = report.indicators["1"]
    assert summary.status == Status.NEEDS_PERSON
    assert "nothing in the repository speaks" not in summary.explanation
    assert "SDG 3 (Good health and well-being) at README.md line 3" in summary.explanation
    assert summary.evidence[0].path == "README.md" and summary.evidence[0].line == 3


def test_without_a_mention_indicator_1_still_asks_a_person(tmp_path):
    (tmp_path / "README.md").write_text("# Tool\n\nA fast build tool.\n")
    summary = run_check(str(tmp_path)).indicators["1"]
    assert summary.status == Status.NEEDS_PERSON
    assert "nothing in the repository speaks" in summary.explanation
