"""``/healthz``: whether this web process can reach the database and whether the task queue keeps up.

For load balancers and monitoring: 200 when both are fine, 503 otherwise, with the reason. The
queue lags when its oldest task that is due has waited longer than ``DPG_QUEUE_LAG_SECONDS`` (no
worker runs, or the workers cannot keep up). The queue is the database's table (django-tasks-db) or,
with ``DPG_TASKS_BACKEND=rq``, the RQ queue in Redis: its length and the time its first job was enqueued.
"""

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models import Case, Count, F, Min, When
from django.db.models.functions import Greatest
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_safe


@require_safe
def healthz(request):
    report = {"database": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        if settings.DPG_TASKS_BACKEND == "database":
            ready, oldest = _database_queue()
    except DatabaseError:
        report["database"] = "unreachable"
        return _answer(report, healthy=False)
    if settings.DPG_TASKS_BACKEND == "rq":
        from redis.exceptions import RedisError

        try:
            ready, oldest = _rq_queue()
        except RedisError:
            report["queue"] = "unreachable"
            return _answer(report, healthy=False)
    waited = max(0, round((timezone.now() - oldest).total_seconds())) if oldest else 0
    lagging = waited > settings.DPG_QUEUE_LAG_SECONDS
    report["queue"] = {"ready": ready, "oldest_waiting_seconds": waited, "lagging": lagging}
    return _answer(report, healthy=not lagging)


def _database_queue():
    from django_tasks_db.models import DBTaskResult, get_date_max

    # A task without a time to run after carries the largest date: it is due since it was enqueued.
    due = DBTaskResult.objects.ready().annotate(due_since=Case(
        When(run_after=get_date_max(), then=F("enqueued_at")), default=Greatest("enqueued_at", "run_after"),
    )).aggregate(ready=Count("id"), oldest=Min("due_since"))
    return due["ready"], due["oldest"]


def _rq_queue():
    """The jobs waiting in the RQ queue, and when the first of them was enqueued (jobs leave from the front)."""
    import django_rq

    queue = django_rq.get_queue("default")
    first = queue.get_job_ids(0, 1)
    job = queue.fetch_job(first[0]) if first else None
    return queue.count, job.enqueued_at if job else None


def _answer(report: dict, healthy: bool) -> JsonResponse:
    response = JsonResponse({"status": "ok" if healthy else "failing", **report}, status=200 if healthy else 503)
    response["Cache-Control"] = "no-store"
    return response
