"""The eligibility rules against the real DPG Standard data."""

from dataclasses import replace

import pytest

from dpg_registry.eligibility.rules import Answers, Severity, Verdict, assess

HEALTH_APP = Answers(
    category="software",
    licence="Apache-2.0",
    sdgs=(3,),
    impact="direct",
    breadth="high",
    is_developer_tool=False,
    authorised="yes",
    ownership_documented="yes",
    closed_dependencies="no",
    documented="yes",
    data_export="none",
    privacy_laws="yes",
    open_standards="yes",
    harm="yes",
)


def check(**changes):
    return assess(replace(HEALTH_APP, **changes))


def problems(outcome) -> dict[str, str]:
    return {reason.code: reason.text for reason in outcome.reasons if reason.severity == Severity.FAIL}


def test_direct_impact_with_an_approved_licence_is_likely_eligible(standard):
    outcome = check()
    assert outcome.verdict == Verdict.LIKELY and outcome.eligible
    assert all(reason.severity == Severity.PASS for reason in outcome.reasons)
    assert "Apache-2.0 is approved for Open Software in DPG Standard 1.1.7." in [r.text for r in outcome.reasons]


def test_direct_impact_is_enough_with_low_breadth(standard):
    assert check(breadth="low", is_developer_tool=True).verdict == Verdict.LIKELY


@pytest.mark.parametrize(
    "expression", ["CC-BY-NC-4.0 OR MIT", "mit or cc-by-nc-4.0", "CC0-1.0 OR (MIT AND BSD-3-Clause)"]
)
def test_one_fully_approved_alternative_is_enough(standard, expression):
    assert check(licence=expression).verdict == Verdict.LIKELY


def test_and_needs_every_licence_approved(standard):
    outcome = check(licence="MIT AND CC-BY-4.0")
    assert outcome.verdict == Verdict.NOT_YET
    reason = next(r for r in outcome.reasons if r.code == "licence-not-approved")
    assert reason.text.startswith("CC-BY-4.0 is not approved for Open Software")
    assert "MIT" not in reason.text
    assert reason.fix_url_or_hint == "/standard/#licences-software" and reason.fix_is_url


def test_a_licence_exception_does_not_hide_the_licence(standard):
    assert check(licence="GPL-2.0-only WITH Classpath-exception-2.0").verdict == Verdict.LIKELY


def test_non_commercial_and_no_derivatives_licences_get_their_own_reason(standard):
    outcome = check(category="content", licence="CC-BY-NC-4.0 OR CC-BY-ND-4.0")
    found = problems(outcome)
    assert outcome.verdict == Verdict.NOT_YET
    assert "CC-BY-NC-4.0 forbids commercial reuse" in found["licence-non-commercial"]
    assert "CC-BY-ND-4.0 forbids adapted versions" in found["licence-no-derivatives"]
    assert "licence-not-approved" not in found
    assert {reason.fix_url_or_hint for reason in outcome.reasons if reason.severity == Severity.FAIL} == {
        "Relicense under CC-BY-4.0, CC-BY-SA-4.0 or CC0-1.0: each allows commercial reuse and adaptation."
    }


def test_restricted_creative_commons_on_software_points_to_the_approved_list(standard):
    reason = next(r for r in check(licence="CC-BY-NC-SA-4.0").reasons if r.code == "licence-non-commercial")
    assert reason.fix_is_url and reason.fix_url_or_hint == "/standard/#licences-software"


def test_content_licence_for_data_is_approved_only_when_listed(standard):
    assert check(category="data", licence="CC-BY-4.0").verdict == Verdict.LIKELY
    assert (
        "CC-BY-3.0 is not approved for Open Data"
        in problems(check(category="data", licence="CC-BY-3.0"))["licence-not-approved"]
    )


def test_at_least_one_sdg_is_needed(standard):
    assert "No Sustainable Development Goal chosen" in problems(check(sdgs=()))["sdgs"]


def test_indirect_impact_with_high_breadth_needs_a_justification(standard):
    outcome = check(impact="indirect", breadth="high")
    assert outcome.verdict == Verdict.JUSTIFY and outcome.eligible
    reason = next(r for r in outcome.reasons if r.code == "impact-breadth")
    assert reason.severity == Severity.JUSTIFY and "adoption" in reason.fix_url_or_hint


def test_developer_tool_claiming_high_breadth_is_told_why_that_needs_proof(standard):
    reason = next(r for r in check(impact="indirect", breadth="high", is_developer_tool=True).reasons)
    assert "Developer tools normally count as low breadth" in reason.text


def test_indirect_impact_with_low_breadth_is_not_eligible(standard):
    outcome = check(impact="indirect", breadth="low", is_developer_tool=True)
    assert outcome.verdict == Verdict.NOT_YET and not outcome.eligible
    text = problems(outcome)["impact-breadth"]
    assert "Indirect impact and low breadth" in text and "count as low breadth" in text


def test_derived_work_needs_a_pillar(standard):
    fork = check(derived_work="fork", pillars=("none",))
    assert fork.verdict == Verdict.NOT_YET
    reason = next(r for r in fork.reasons if r.code == "derived-work")
    assert reason.text.startswith("A fork of another project that mainly changes branding")
    assert "parent project" in reason.fix_url_or_hint
    assert check(derived_work="vertical", pillars=("sdg",)).verdict == Verdict.LIKELY


def test_problems_come_first_and_every_problem_says_what_to_do(standard):
    outcome = check(licence="CC-BY-NC-4.0", sdgs=(), impact="indirect", breadth="low", derived_work="distribution")
    severities = [reason.severity for reason in outcome.reasons]
    assert severities == sorted(severities, key=[Severity.FAIL, Severity.JUSTIFY, Severity.PASS].index)
    failing = [reason for reason in outcome.reasons if reason.severity == Severity.FAIL]
    assert {reason.code for reason in failing} == {"licence-non-commercial", "sdgs", "impact-breadth", "derived-work"}
    assert all(reason.fix_url_or_hint for reason in failing)


@pytest.mark.parametrize(
    ("field", "answer", "indicator"),
    [
        ("authorised", "no", "3"),
        ("ownership_documented", "no", "3"),
        ("closed_dependencies", "yes", "4"),
        ("documented", "no", "5"),
        ("data_export", "no", "6"),
        ("privacy_laws", "no", "7"),
        ("open_standards", "no", "8"),
        ("harm", "no", "9"),
    ],
)
def test_each_indicator_answer_that_would_fail_says_why_what_to_do_and_where_to_read(standard, field, answer,
                                                                                     indicator):
    outcome = check(**{field: answer})
    assert outcome.verdict == Verdict.NOT_YET
    [reason] = [reason for reason in outcome.reasons if reason.severity == Severity.FAIL]
    assert reason.code == field and reason.text and reason.fix_url_or_hint and not reason.fix_is_url
    assert reason.indicator_url == f"/standard/#indicator-{indicator}"


def test_data_export_does_not_apply_when_there_is_no_such_data(standard):
    assert check(data_export="none").verdict == Verdict.LIKELY
    assert check(data_export="yes").verdict == Verdict.LIKELY
