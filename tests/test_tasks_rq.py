"""The task queue on Redis (``DPG_TASKS_BACKEND=rq``): real tasks through RQ, and /healthz reading its lag.

These run on the Redis at 127.0.0.1:6379 (``.ci/run`` starts it), in a database of their own (one per test
worker) that each test empties first.
"""

import datetime as dt
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from dpg_registry.applications.models import Application, Notification
from dpg_registry.applications.scheduled import run_review_clock
from tests.applications.test_clock import to_clarification
from tests.conftest import REDIS_URL, run_dpg

RQ_ENV = {"DPG_TASKS_BACKEND": "rq", "REDIS_URL": REDIS_URL}


def rq_settings(settings, url=REDIS_URL):
    """This process's settings as settings.py makes them for ``DPG_TASKS_BACKEND=rq``."""
    settings.DPG_TASKS_BACKEND = "rq"
    settings.RQ_QUEUES = {"default": {"URL": url}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}


@pytest.mark.django_db(transaction=True)
def test_the_scheduler_and_the_worker_send_a_reminder_e_mail_through_redis(people, draft, empty_redis):
    application = to_clarification(people, draft, timezone.now() + timedelta(days=30))
    # A week has passed since the clarification was asked for: the review clock reminds the applicant.
    Application.objects.filter(pk=application.pk).update(state_entered_at=timezone.now() - timedelta(days=8))

    enqueued = run_dpg("scheduler", "--once", **RQ_ENV)
    assert enqueued.returncode == 0, enqueued.stderr
    assert empty_redis.llen("rq:queue:default") == 1  # the review clock waits in Redis, not in the database

    # The worker stops as soon as the queue is empty, without waiting out its listener thread's minute.
    worker = run_dpg("worker", "--batch", timeout=30, **RQ_ENV)
    assert worker.returncode == 0, worker.stderr
    # The clock ran, noted the reminder, and queued its e-mail, which the same worker sent (console back end).
    reminder = Notification.objects.get(kind="reminder", user=people["applicant"])
    assert reminder.emailed_at is not None
    assert f"To: {people['applicant'].email}" in worker.stdout
    assert f"Subject: [DPG Registry] {reminder.subject}" in worker.stdout
    assert empty_redis.llen("rq:queue:default") == 0


@pytest.mark.django_db
def test_healthz_measures_the_wait_of_the_first_job_in_the_rq_queue(settings, empty_redis):
    rq_settings(settings)
    assert Client().get("/healthz").json()["queue"] == {"ready": 0, "oldest_waiting_seconds": 0, "lagging": False}
    settings.DPG_QUEUE_LAG_SECONDS = 600
    start = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        run_review_clock.enqueue()
    with time_machine.travel(start + dt.timedelta(minutes=2), tick=False):
        run_review_clock.enqueue()
    with time_machine.travel(start + dt.timedelta(minutes=5), tick=False):
        fine = Client().get("/healthz")
    with time_machine.travel(start + dt.timedelta(minutes=11), tick=False):
        late = Client().get("/healthz")
    assert fine.status_code == 200
    assert fine.json()["queue"] == {"ready": 2, "oldest_waiting_seconds": 300, "lagging": False}
    assert late.status_code == 503
    assert late.json() == {"status": "failing", "database": "ok",
                           "queue": {"ready": 2, "oldest_waiting_seconds": 660, "lagging": True}}


@pytest.mark.django_db
def test_healthz_fails_when_redis_is_unreachable(settings):
    rq_settings(settings, url="redis://127.0.0.1:1/0")  # nothing listens on port 1
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "failing", "database": "ok", "queue": "unreachable"}


def test_the_rq_backend_needs_redis_url_and_a_known_backend_is_named():
    missing = run_dpg("worker", "--batch", DPG_TASKS_BACKEND="rq", REDIS_URL="")
    assert missing.returncode != 0 and "DPG_TASKS_BACKEND=rq needs REDIS_URL" in missing.stderr
    unknown = run_dpg("worker", "--batch", DPG_TASKS_BACKEND="celery")
    assert unknown.returncode != 0
    assert "DPG_TASKS_BACKEND must be 'database' or 'rq', not 'celery'" in unknown.stderr
