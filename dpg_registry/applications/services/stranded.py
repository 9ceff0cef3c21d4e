"""Work a task queue left behind: the review clock queues it again.

Services queue their tasks after the commit when the queue is Redis (``lib/queue.py``); if Redis refuses a
job at that moment, the change is committed without its job. Each run of the review clock therefore queues
again the e-mails of notifications not e-mailed a few minutes after they were written, and the repository
checks still waiting to start a few minutes after they were asked for. A check that has waited longer than
``GIVE_UP_AFTER`` is recorded as failed instead, with the reason, so that its applicant may ask again.

Queueing again changes nothing (no audit event): the tasks are idempotent, so a job queued twice sends each
e-mail once and runs each check once. Giving a check up is a change, and is audited.
"""

import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from dpg_registry.applications.models import Notification, RepositoryCheck
from dpg_registry.applications.services.check_results import record_result
from dpg_registry.applications.tasks import deliver_emails, run_repository_check
from dpg_registry.audit.services import record
from dpg_registry.lib.queue import enqueue

STRANDED_AFTER = timedelta(minutes=5)  # longer than a committed job takes to reach the queue
GIVE_UP_AFTER = timedelta(hours=2)  # a check clones for at most five minutes: two hours waiting is no queue lag
logger = logging.getLogger("dpg_registry.applications.stranded")


def requeue_unsent_emails(*, now=None) -> list[int]:
    """Queue the e-mails of notifications older than ``STRANDED_AFTER`` not e-mailed yet; returns their ids."""
    now = now or timezone.now()
    ids = list(Notification.objects.filter(emailed_at__isnull=True, created_at__lt=now - STRANDED_AFTER)
               .exclude(user__email="").order_by("pk").values_list("pk", flat=True))
    if ids:
        with transaction.atomic():
            enqueue(deliver_emails, ids)
        logger.info("queued again the e-mails of %d notifications", len(ids))
    return ids


def requeue_waiting_checks(*, now=None) -> list[int]:
    """Fail the checks waiting (or left running) longer than ``GIVE_UP_AFTER``, then queue again those not
    started ``STRANDED_AFTER`` after they were asked for; returns the ids of the checks failed."""
    now = now or timezone.now()
    waiting = RepositoryCheck.objects.filter(status=RepositoryCheck.Status.QUEUED)
    failed = [_give_up(check_id) for check_id in
              waiting.filter(requested_at__lt=now - GIVE_UP_AFTER).values_list("pk", flat=True)]
    requeued = list(waiting.filter(requested_at__lt=now - STRANDED_AFTER, started_at__isnull=True)
                    .order_by("pk").values_list("pk", flat=True))
    with transaction.atomic():
        for check_id in requeued:
            enqueue(run_repository_check, check_id)
    if requeued:
        logger.info("queued again %d repository checks", len(requeued))
    return [pk for pk in failed if pk is not None]


def _give_up(check_id: int) -> int | None:
    reason = gettext("the check did not run: it waited too long in the queue; ask for a check again")
    with transaction.atomic():
        check = RepositoryCheck.objects.select_for_update().get(pk=check_id)
        if check.status != RepositoryCheck.Status.QUEUED:
            return None  # finished meanwhile
        record_result(check=check, report=None, error=reason)
        record(actor=None, role="", action="check.give_up", subject=check.application,
               before={"check": check.pk, "status": RepositoryCheck.Status.QUEUED},
               after={"status": RepositoryCheck.Status.FAILED}, reason=reason)
    return check_id
