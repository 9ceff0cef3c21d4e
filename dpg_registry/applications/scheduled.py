"""The scheduled task: ``dpg scheduler`` enqueues the review clock, ``dpg worker`` runs it.

It is idempotent like the tasks in ``tasks.py``: each clock service re-reads an application under a
lock before it moves it, so a run repeated after a crash moves nothing twice.
"""

from django.utils import timezone
from django_tasks import task

from dpg_registry.applications.services.clock import (
    close_missed_deadlines,
    expire_listings,
    open_renewals,
    send_reminders,
)
from dpg_registry.applications.services.listing_end import submit_renewals_at_expiry
from dpg_registry.applications.services.stranded import requeue_unsent_emails, requeue_waiting_checks
from dpg_registry.audit.services import write_checkpoint


@task()
def run_review_clock() -> dict[str, list[str]]:
    """Everything time decides: missed deadlines, renewals opening, renewals the registry submits at expiry,
    listings expiring, reminders; the e-mails and repository checks a failed queue left without their job
    (``services/stranded.py``); then a checkpoint of the audit trail, so that one is signed (and published) at
    least as often as the clock runs.

    Queueing a job again moves nothing, so it is not in the result (the log has it); giving a check up is.

    The checkpoint comes last: if the trail does not verify it fails the task, after the review's own work.
    """
    now = timezone.now()
    requeue_unsent_emails(now=now)
    moved = {
        "closed": close_missed_deadlines(now=now),
        "renewals_opened": open_renewals(now=now),
        # Expiry before reminders: a renewal the registry submits at expiry needs no reminder to submit it.
        "renewals_submitted": submit_renewals_at_expiry(now=now),
        "expired": expire_listings(now=now),
        "reminded": send_reminders(now=now),
        "checks_given_up": [str(pk) for pk in requeue_waiting_checks(now=now)],
    }
    write_checkpoint()
    return moved
