"""Repository checks of applications: asking for one, recording its report, filling answers from it.

The check itself (``dpg_registry.checks``) reads the repository in a background task; these services
are the only writers of ``RepositoryCheck`` and of answers that come from a check. Automation fills
only empty answers, and replaces a person's answer only when its confidence is high.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from dpg_registry.accounts.roles import Role
from dpg_registry.applications.answers import MAX_URL_LENGTH, AnswerError, clean_value
from dpg_registry.applications.models import Answer, Application, RepositoryCheck
from dpg_registry.applications.selectors import questions_by_key
from dpg_registry.applications.services import AnswerErrors, InvalidTransition, NotAllowed, _touch
from dpg_registry.audit.services import record
from dpg_registry.checks.remote import literal_address_problem
from dpg_registry.standard.selectors import approved_licence_ids

S = Application.State


def request_check(*, application: Application, by=None, target: str = "", autofill: bool = False) -> RepositoryCheck:
    """Queue a check of ``target`` (by default the application's first repository)."""
    target = (target or next(iter(application.repository_urls), "")).strip()
    missing = gettext("give the web address of the source code repository")
    problem = literal_address_problem(target) if target else missing
    if problem or len(target) > MAX_URL_LENGTH:
        problem = problem or gettext("a web address is at most %(limit)s characters") % {"limit": MAX_URL_LENGTH}
        raise AnswerErrors([AnswerError("repository", problem)])
    if by is not None and not application.editors.filter(pk=by.pk).exists() and not _is_reviewer(by):
        raise NotAllowed(gettext("you may not ask for a check of application %(id)s") % {"id": application.public_id})
    if autofill and application.state != S.DRAFT:
        raise InvalidTransition(gettext("application %(id)s is no longer a draft; nothing can be filled")
                                % {"id": application.public_id})
    with transaction.atomic():
        check = RepositoryCheck.objects.create(application=application, target=target, autofill=autofill,
                                               requested_by=by, requested_at=timezone.now())
        record(actor=by, role=Role.APPLICANT if by else "", action="check.request", subject=application,
               after={"target": target, "autofill": autofill})
        from dpg_registry.applications.tasks import run_repository_check

        run_repository_check.enqueue(check.pk)  # in the transaction: the check exists if and only if it is queued
    return check


def _is_reviewer(user) -> bool:
    from dpg_registry.accounts.selectors import roles_of

    return bool(roles_of(user) & {Role.L1, Role.L2, Role.EXPERT, Role.ADMIN})


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
        except AnswerError:
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
        _touch(application)
        record(actor=None, role="", action="application.answers", subject=application,
               after={"questions": sorted(filled), "source": f"repository check of {check.commit or check.target}"})
    return filled
