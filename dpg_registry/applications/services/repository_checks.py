"""Asking for a check of an application's repository; the check runs in a background task.

The task (``dpg_registry.applications.tasks.run_repository_check``) reads the repository with
``dpg_registry.checks`` and records its report through ``check_results``.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from dpg_registry.accounts.roles import Role
from dpg_registry.accounts.selectors import roles_of
from dpg_registry.applications.errors import AnswerErrors, CheckBudgetSpent, CheckPending, InvalidTransition, NotAllowed
from dpg_registry.applications.models import Application, RepositoryCheck
from dpg_registry.applications.services import check_budget
from dpg_registry.applications.services.transitions import S
from dpg_registry.applications.tasks import run_repository_check
from dpg_registry.audit.services import record
from dpg_registry.checks.remote import literal_address_problem
from dpg_registry.lib.queue import enqueue
from dpg_registry.lib.validation import MAX_URL_LENGTH, FieldError


def request_check(*, application: Application, by=None, target: str = "", autofill: bool = False) -> RepositoryCheck:
    """Queue a check of ``target`` (by default the application's first repository).

    Refused while another check of the application waits or runs, and when the account asking has spent
    its daily budget of checks (``check_budget``).
    """
    target = (target or next(iter(application.repository_urls), "")).strip()
    missing = gettext("give the web address of the source code repository")
    problem = literal_address_problem(target) if target else missing
    if problem or len(target) > MAX_URL_LENGTH:
        problem = problem or gettext("a web address is at most %(limit)s characters") % {"limit": MAX_URL_LENGTH}
        raise AnswerErrors([FieldError("repository", problem)])
    if by is not None and not application.editors.filter(pk=by.pk).exists() and not _is_reviewer(by):
        raise NotAllowed(gettext("you may not ask for a check of application %(id)s") % {"id": application.public_id})
    if autofill and application.state != S.DRAFT:
        raise InvalidTransition(gettext("application %(id)s is no longer a draft; nothing can be filled")
                                % {"id": application.public_id})
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)  # one request at a time
        if application.repository_checks.filter(status=RepositoryCheck.Status.QUEUED).exists():
            raise CheckPending(gettext("a check of application %(id)s is already waiting or running; its findings "
                                       "come in a minute or two, then you can ask again")
                               % {"id": application.public_id})
        now = timezone.now()
        if by is not None and check_budget.seconds_left(by, now) < 1:
            raise CheckBudgetSpent(check_budget.spent_message(now), check_budget.renews_at(now))
        check = RepositoryCheck.objects.create(application=application, target=target, autofill=autofill,
                                               requested_by=by, requested_at=now)
        record(actor=by, role=Role.APPLICANT if by else "", action="check.request", subject=application,
               after={"target": target, "autofill": autofill})
        enqueue(run_repository_check, check.pk)  # never before the check is committed
    return check


def _is_reviewer(user) -> bool:
    return bool(roles_of(user) & {Role.L1, Role.L2, Role.EXPERT, Role.ADMIN})
