"""/healthz over HTTP: the database and the task queue, as a load balancer or a monitor reads them."""

import datetime as dt

import pytest
import time_machine
from django.test import Client

from dpg_registry.applications.scheduled import run_review_clock


@pytest.mark.django_db
def test_healthy_when_the_database_answers_and_nothing_waits():
    response = Client().get("/healthz")
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    assert response.json() == {"status": "ok", "database": "ok",
                               "queue": {"ready": 0, "oldest_waiting_seconds": 0, "lagging": False}}


@pytest.mark.django_db
def test_failing_when_a_due_task_has_waited_too_long(settings):
    settings.DPG_QUEUE_LAG_SECONDS = 600
    start = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        run_review_clock.enqueue()
    with time_machine.travel(start + dt.timedelta(minutes=5), tick=False):
        fine = Client().get("/healthz")
    with time_machine.travel(start + dt.timedelta(minutes=11), tick=False):
        late = Client().get("/healthz")
    assert fine.status_code == 200 and fine.json()["queue"]["oldest_waiting_seconds"] == 300
    assert late.status_code == 503
    assert late.json()["status"] == "failing" and late.json()["queue"] == {
        "ready": 1, "oldest_waiting_seconds": 660, "lagging": True}


@pytest.mark.django_db
def test_only_reads():
    assert Client().post("/healthz").status_code == 405
