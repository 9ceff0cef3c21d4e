"""Each account's daily budget of repository checks: the seconds its checks ran today (UTC), and starting a run
within what is left.

A check counts from the start of its last run to its end, or to now while it runs. The budget
(``DPG_CHECK_BUDGET_SECONDS_PER_DAY``) renews at midnight UTC; a check's clone stops at what is left of it.
"""

from datetime import UTC, datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from dpg_registry.applications.models import RepositoryCheck
from dpg_registry.applications.services.check_results import record_result
from dpg_registry.checks.run import CLONE_SECONDS


def day_start(now: datetime) -> datetime:
    return datetime.combine(now.astimezone(UTC).date(), time(), tzinfo=UTC)


def renews_at(now: datetime) -> datetime:
    """When the budget of the day of ``now`` is whole again: the next midnight UTC."""
    return day_start(now) + timedelta(days=1)


def seconds_spent(user, now: datetime, excluding: int | None = None) -> float:
    """The seconds the checks ``user`` asked for ran today, up to ``now``."""
    runs = RepositoryCheck.objects.filter(requested_by=user, started_at__gte=day_start(now)).exclude(pk=excluding)
    return sum(((finished or now) - started).total_seconds()
               for started, finished in runs.values_list("started_at", "finished_at"))


def seconds_left(user, now: datetime, excluding: int | None = None) -> float:
    return max(settings.DPG_CHECK_BUDGET_SECONDS_PER_DAY - seconds_spent(user, now, excluding), 0)


def spent_message(now: datetime) -> str:
    return gettext("your repository checks used up today's time (%(seconds)d seconds); new checks can be asked "
                   "for again from %(when)s UTC") % {
        "seconds": settings.DPG_CHECK_BUDGET_SECONDS_PER_DAY,
        "when": renews_at(now).strftime("%Y-%m-%d %H:%M")}


def start_run(*, check: RepositoryCheck) -> int:
    """Mark the run of a queued check as started; the seconds its clone may take (0: the check is not run).

    A check whose account has no time left today is recorded as failed, with the time the budget renews.
    """
    with transaction.atomic():
        check = RepositoryCheck.objects.select_for_update().get(pk=check.pk)
        if check.status != RepositoryCheck.Status.QUEUED:
            return 0
        now = timezone.now()
        left = CLONE_SECONDS if check.requested_by_id is None else seconds_left(check.requested_by, now, check.pk)
        if left < 1:
            record_result(check=check, report=None, error=spent_message(now))
            return 0
        check.started_at = now
        check.save(update_fields=["started_at"])
    return min(CLONE_SECONDS, int(left))
