"""A repository check's outcome: recording its report, and filling a draft's empty answers from it.

The only writers of a finished ``RepositoryCheck`` and of answers that come from a check, called by the
task that runs the check. Automation fills only empty answers, and replaces a person's answer only
when its confidence is high.
"""

from django.db import transaction
from django.utils import timezone

from dpg_registry.applications.answers import clean_value
from dpg_registry.applications.models import Answer, Application, RepositoryCheck
from dpg_registry.applications.selectors import questions_by_key
from dpg_registry.applications.services.transitions import S, touch
from dpg_registry.audit.services import record
from dpg_registry.lib.validation import FieldError
from dpg_registry.standard.selectors import approved_licence_ids


def record_result(*, check: RepositoryCheck, report: dict | None, error: str = "") -> RepositoryCheck:
    with transaction.atomic():
        check = RepositoryCheck.objects.select_for_update().get(pk=check.pk)
        if check.status != RepositoryCheck.Status.QUEUED:
            return check  # recorded already, by a run that crashed before the queue heard of it
        check.report, check.error = report, error
        check.commit = (report or {}).get("commit") or ""
        check.status = RepositoryCheck.Status.DONE if report is not None else RepositoryCheck.Status.FAILED
        check.finished_at = timezone.now()
        check.save()
        if report is not None and check.autofill:
            fill_answers(check=check)
    return check


def suggestions(report: dict) -> dict[str, dict]:
    """The answer each question would get from a report: question key → the most confident finding."""
    rank = {"low": 0, "medium": 1, "high": 2}
    best = {}
    for finding in report.get("findings", []):
        key = finding.get("question_key")
        if not key or finding.get("value") in (None, "", []):
            continue
        if key not in best or rank[finding["confidence"]] > rank[best[key]["confidence"]]:
            best[key] = finding
    return best


def fill_answers(*, check: RepositoryCheck) -> list[str]:
    """Fill the draft's answers from the check; returns the question keys that were filled."""
    application = Application.objects.select_for_update().get(pk=check.application_id)
    if application.state != S.DRAFT:
        return []
    questions = questions_by_key(application)
    approved = approved_licence_ids(application.standard_version, application.category.key)
    current = {answer.question_key: answer for answer in application.answers.all()}
    filled = []
    now = timezone.now()
    for key, finding in suggestions(check.report).items():
        question = questions.get(key)
        if question is None:
            continue
        existing = current.get(key)
        by_person = existing is not None and existing.value is not None and not existing.filled_by_check
        if by_person and finding["confidence"] != "high":
            continue
        try:
            value = clean_value(question, finding["value"], approved)
        except FieldError:
            continue  # a suggestion the form would refuse is left to the person
        if value is None or (existing is not None and existing.value == value):
            continue
        urls = [e["url"] for e in finding.get("evidence", []) if e.get("url", "").startswith("http")]
        answer = existing or Answer(application=application, question_key=key, indicator_code=question.indicator.code)
        answer.value = value
        answer.justification = f"Found by the repository check: {finding['explanation']}"
        answer.evidence_urls = urls or (answer.evidence_urls or [])
        answer.filled_by_check = finding["confidence"]
        answer.updated_at = now
        answer.save()
        filled.append(key)
    if filled:
        touch(application)
        record(actor=None, role="", action="application.answers", subject=application,
               after={"questions": sorted(filled), "source": f"repository check of {check.commit or check.target}"})
    return filled
