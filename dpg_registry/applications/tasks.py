"""Work the services queue for ``dpg worker``: e-mailing notifications and checking repositories.

These tasks sit below the services that queue them and call only the services of their own floor
(delivering e-mails, starting a check within its account's daily budget, recording its outcome), so
queueing one needs no import upward. The review clock, which calls the services above, is the
scheduled task in ``scheduled.py``.

A worker that dies in the middle of a task leaves it to be run again from its start (see
``dpg_registry/worker/recovery.py``), so every task of the app is idempotent: run twice, it leaves the
state of one run. E-mails skip the notifications already e-mailed; a repository check already
recorded is not run again, and a run started again counts its time from its own start; the review
clock re-reads each application under a lock before it moves it.
"""

from django_tasks import task

from dpg_registry.applications.models import RepositoryCheck
from dpg_registry.applications.services.check_budget import start_run
from dpg_registry.applications.services.check_results import record_result
from dpg_registry.applications.services.emails import deliver
from dpg_registry.checks.run import CheckError, run_check


@task()
def deliver_emails(notification_ids: list[int]) -> int:
    """E-mail the notifications not e-mailed yet; returns how many went out."""
    return deliver(notification_ids=notification_ids)


@task()
def run_repository_check(check_id: int) -> str:
    """Run `dpg check` on an application's repository and keep the report with the commit it saw."""
    check = RepositoryCheck.objects.select_related("application__category").get(pk=check_id)
    if check.status != RepositoryCheck.Status.QUEUED:
        return check.status  # a run before a crash recorded it already
    clone_seconds = start_run(check=check)  # capped by what is left of the account's daily budget
    if not clone_seconds:
        check.refresh_from_db()
        return check.status
    try:
        report = run_check(check.target, category=check.application.category.key, public_only=True,
                           clone_seconds=clone_seconds)
    except CheckError as error:
        record_result(check=check, report=None, error=str(error))
        return "failed"
    except Exception as error:
        # An unforeseen failure still ends the check: a record left "queued" would wait for ever. It is raised
        # again so that the queue keeps the traceback.
        record_result(check=check, report=None, error=f"the check stopped unexpectedly ({_why(error)})")
        raise
    try:
        record_result(check=check, report=report.as_dict())
    except Exception as error:
        record_result(check=check, report=None, error=f"the check's report could not be recorded ({_why(error)})")
        raise
    return "done"


def _why(error: Exception) -> str:
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
