"""Queueing a task from inside a service's transaction, so that no job runs before its data exists.

With the database backend (django-tasks-db) the job is a row written in the same transaction as the
data it names: both are committed or neither. Any other backend (RQ in Redis) takes the job at once,
outside the transaction, and an idle worker could run it before the commit and find nothing; there the
job is queued only once the transaction has committed, and not at all if it rolls back.

``robust=False``: if the queue refuses the job after the commit (Redis down at that moment), the error
reaches the caller (a 503 for a request), and the work is not lost: the review clock's sweep
(``applications/scheduled.py``) queues again what was left without its job.
"""

from functools import partial

from django.db import transaction
from django_tasks_db import DatabaseBackend


def enqueue(task, *args) -> None:
    """Queue ``task(*args)``: in the transaction with the database backend, after its commit otherwise."""
    if isinstance(task.get_backend(), DatabaseBackend):
        task.enqueue(*args)
    else:
        transaction.on_commit(partial(task.enqueue, *args), robust=False)
