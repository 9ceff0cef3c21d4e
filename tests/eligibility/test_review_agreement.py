"""The eligibility check and the review read "an approved licence for this category" the same way.

Every licence of every bundled DPG Alliance record, under each category the record declares, gets the same
verdict from the check as from the review's answer rule for the licence question.
"""

import json
from dataclasses import replace
from pathlib import Path

import pytest

from dpg_registry.applications.answers import clean_value
from dpg_registry.eligibility.rules import Severity, assess
from dpg_registry.lib.validation import FieldError
from dpg_registry.standard.errors import InvalidLicence
from dpg_registry.standard.licences import parse_expression
from dpg_registry.standard.models import Question
from dpg_registry.standard.selectors import approved_licence_ids, current_version
from tests.eligibility.test_rules import HEALTH_APP

LEGACY = Path(__file__).resolve().parents[2] / "dpg_registry" / "data" / "dpga-legacy"
CATEGORIES = {"software", "data", "content", "aimodel"}


def licence_cases() -> set[tuple[str, str]]:
    cases = set()
    for path in sorted(LEGACY.glob("*/*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(record, dict):
            continue
        for category in set(record.get("type") or []) & CATEGORIES:
            for licence in record.get("license") or []:
                try:
                    expression, _ = parse_expression(str(licence.get("spdx", "")))
                except InvalidLicence:
                    continue  # refused by both before any rule: the check's form and the review's answer alike
                cases.add((expression, category))
    return cases


def test_the_check_and_the_review_agree_on_every_bundled_records_licence(standard):
    version = current_version()
    question = Question.objects.get(indicator__version=version, key="licenses")
    cases = licence_cases()
    verdicts = set()
    for expression, category in sorted(cases):
        outcome = assess(replace(HEALTH_APP, category=category, licence=expression))
        check_approves = not any(r.code.startswith("licence") and r.severity == Severity.FAIL for r in outcome.reasons)
        try:
            clean_value(question, expression, approved_licence_ids(version, category))
            review_approves = True
        except FieldError:
            review_approves = False
        assert check_approves == review_approves, (expression, category)
        verdicts.add(check_approves)
    assert len(cases) > 50 and verdicts == {True, False}  # the records hold both approved and refused licences


@pytest.mark.parametrize(("expression", "category", "approved"), [
    ("CC-BY-NC-4.0", "content", False),
    ("CC-BY-4.0", "content", True),
    ("MIT OR CC-BY-NC-4.0", "software", True),
    ("MIT AND CC-BY-NC-4.0", "software", False),
])
def test_known_cases_agree(standard, expression, category, approved):
    version = current_version()
    question = Question.objects.get(indicator__version=version, key="licenses")
    outcome = assess(replace(HEALTH_APP, category=category, licence=expression))
    assert outcome.eligible is approved
    if approved:
        assert clean_value(question, expression, approved_licence_ids(version, category)) == expression
    else:
        with pytest.raises(FieldError):
            clean_value(question, expression, approved_licence_ids(version, category))
