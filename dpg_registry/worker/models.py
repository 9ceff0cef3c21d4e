from django.db import models


class WorkerHeartbeat(models.Model):
    """A running ``dpg worker``: it writes ``last_seen`` every few seconds while it lives.

    A task the queue marks as running whose worker has not been seen for ``DPG_WORKER_LEASE_SECONDS``
    was abandoned (the worker was killed, or its machine went away) and is queued again.
    """

    worker_id = models.CharField(max_length=64, primary_key=True)
    started_at = models.DateTimeField()
    last_seen = models.DateTimeField(db_index=True)

    def __str__(self):
        return self.worker_id
