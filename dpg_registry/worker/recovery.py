"""Tasks abandoned by a dead worker go back to the queue.

django-tasks-db marks a task RUNNING when a worker claims it and leaves it so if that worker dies
(SIGKILL, out of memory, a lost machine): nothing would ever run it again (django-tasks issue #46).
Each ``dpg worker`` therefore writes a heartbeat (``WorkerHeartbeat``) every third of the lease, and,
at its start and with each heartbeat, puts back in the queue every RUNNING task whose worker (the
last of the task's ``worker_ids``) has not been seen for ``DPG_WORKER_LEASE_SECONDS``. The task then
runs again from its start, so every task is written to be idempotent (see applications/tasks.py).
"""

import logging
import threading
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from dpg_registry.worker.models import WorkerHeartbeat

logger = logging.getLogger("dpg_registry.worker")


def beat(worker_id: str, *, now=None) -> None:
    now = now or timezone.now()
    updated = WorkerHeartbeat.objects.filter(worker_id=worker_id).update(last_seen=now)
    if not updated:
        WorkerHeartbeat.objects.create(worker_id=worker_id, started_at=now, last_seen=now)


def requeue_abandoned(*, now=None) -> list[str]:
    """Queue again the running tasks whose worker has not been seen for the lease; returns their ids."""
    now = now or timezone.now()
    alive = set(WorkerHeartbeat.objects.filter(
        last_seen__gte=now - timedelta(seconds=settings.DPG_WORKER_LEASE_SECONDS)
    ).values_list("worker_id", flat=True))
    requeued = []
    running = DBTaskResult.objects.running().values_list("id", "worker_ids", "started_at")
    for task_id, worker_ids, started_at in running:
        if worker_ids and worker_ids[-1] in alive:
            continue
        # Only if it is still the same run: a worker that finished or claimed it meanwhile wins.
        if DBTaskResult.objects.filter(pk=task_id, status=TaskResultStatus.RUNNING, started_at=started_at).update(
            status=TaskResultStatus.READY, started_at=None
        ):
            logger.warning("task %s was abandoned by worker %s; queued again", task_id,
                           worker_ids[-1] if worker_ids else "?")
            requeued.append(str(task_id))
    # Heartbeats of workers gone for good are of no further use.
    WorkerHeartbeat.objects.filter(last_seen__lt=now - timedelta(days=1)).delete()
    return requeued


class Heartbeat(threading.Thread):
    """Beats and recovers every third of the lease, beside the worker's loop, on its own connection."""

    def __init__(self, worker_id: str):
        super().__init__(name="dpg-worker-heartbeat", daemon=True)
        self.worker_id = worker_id
        self.stopped = threading.Event()

    def tick(self) -> None:
        try:
            beat(self.worker_id)
            requeue_abandoned()
        except DatabaseError as error:  # the database is away: try again at the next beat
            logger.warning("worker heartbeat failed: %s", error)
            connection.close()

    def run(self) -> None:
        try:
            while not self.stopped.wait(settings.DPG_WORKER_LEASE_SECONDS / 3):
                self.tick()
            # Removed on this thread's connection: the worker's own may have been cut mid-statement by the signal
            # that stops it (its handler exits wherever the loop is).
            try:
                WorkerHeartbeat.objects.filter(worker_id=self.worker_id).delete()
            except DatabaseError:
                pass  # it expires with the lease
        finally:
            connection.close()

    def stop(self) -> None:
        """Stop beating and take this worker's heartbeat away."""
        self.stopped.set()
        self.join()
