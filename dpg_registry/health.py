"""``/healthz``: whether this web process can reach the database and whether the task queue keeps up.

For load balancers and monitoring: 200 when both are fine, 503 otherwise, with the reason. The
queue lags when its oldest task that is due has waited longer than ``DPG_QUEUE_LAG_SECONDS`` (no
worker runs, or the workers cannot keep up).
"""

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models import Case, Count, F, Min, When
from django.db.models.functions import Greatest
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_safe
from django_tasks_db.models import DBTaskResult, get_date_max


@require_safe
def healthz(request):
    report = {"database": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        # A task without a time to run after carries the largest date: it is due since it was enqueued.
        due = DBTaskResult.objects.ready().annotate(due_since=Case(
            When(run_after=get_date_max(), then=F("enqueued_at")), default=Greatest("enqueued_at", "run_after"),
        )).aggregate(ready=Count("id"), oldest=Min("due_since"))
    except DatabaseError:
        report["database"] = "unreachable"
        return _answer(report, healthy=False)
    waited = max(0, round((timezone.now() - due["oldest"]).total_seconds())) if due["oldest"] else 0
    lagging = waited > settings.DPG_QUEUE_LAG_SECONDS
    report["queue"] = {"ready": due["ready"], "oldest_waiting_seconds": waited, "lagging": lagging}
    return _answer(report, healthy=not lagging)


def _answer(report: dict, healthy: bool) -> JsonResponse:
    response = JsonResponse({"status": "ok" if healthy else "failing", **report}, status=200 if healthy else 503)
    response["Cache-Control"] = "no-store"
    return response
