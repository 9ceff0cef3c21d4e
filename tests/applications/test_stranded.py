"""The review clock queues again what a failed queue left behind (``services/stranded.py``).

A change committed while Redis refused its job keeps its notifications un-e-mailed and its repository check
"waiting": a few minutes later the clock queues their jobs again, and a check that waited hours is failed
with the reason. The RQ tests use the Redis at 127.0.0.1:6379 (see ``tests/test_tasks_rq.py``).
"""

from datetime import timedelta

import pytest
import redis
import time_machine
from django.db import transaction
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from rq import Queue

from dpg_registry.applications.models import Notification, RepositoryCheck
from dpg_registry.applications.scheduled import run_review_clock
from dpg_registry.applications.services import notifications
from dpg_registry.applications.tasks import deliver_emails, run_repository_check
from dpg_registry.audit.models import AuditEvent
from tests.conftest import run_dpg
from tests.factories import sign_in
from tests.test_queue_after_commit import jobs
from tests.test_tasks_rq import RQ_ENV, rq_settings

pytestmark = pytest.mark.django_db(transaction=True)
DEAD_REDIS = "redis://127.0.0.1:1/0"  # nothing listens on port 1: the queue refuses every job


@pytest.fixture
def rq_queue(empty_redis):
    return Queue("default", connection=empty_redis)


def waiting_in_database(task) -> list[list]:
    return [row.args_kwargs["args"] for row in DBTaskResult.objects.filter(task_path=task.module_path)]


def test_notifications_committed_while_redis_refused_their_job_are_e_mailed_after_the_clock(
        people, draft, settings, rq_queue):
    rq_settings(settings, DEAD_REDIS)
    with pytest.raises(redis.ConnectionError):
        notifications.send([people["l1"], people["l2"]], "submitted", draft)
    notes = sorted(Notification.objects.filter(emailed_at__isnull=True).values_list("pk", flat=True))
    assert len(notes) == 2  # committed: the error came after the commit

    rq_settings(settings)
    run_review_clock.call()
    assert jobs(rq_queue) == []  # too fresh: its own job may still be on its way
    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        run_review_clock.call()
    assert jobs(rq_queue) == [(deliver_emails.module_path, [notes])]

    worker = run_dpg("worker", "--batch", **RQ_ENV)
    assert worker.returncode == 0, worker.stderr
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()
    assert sorted(line for line in worker.stdout.splitlines() if line.startswith("To: ")) == [
        f"To: {people['l1'].email}", f"To: {people['l2'].email}"]
    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        run_review_clock.call()
    assert jobs(rq_queue) == []  # all sent: nothing to queue again


def test_a_check_asked_for_while_redis_refused_its_job_is_queued_again_then_given_up(
        people, draft, settings, rq_queue):
    applicant = Client(raise_request_exception=False)
    sign_in(applicant, people["applicant"])
    rq_settings(settings, DEAD_REDIS)
    refused = applicant.post(f"/applications/{draft.public_id}/check/", {"repository": "https://example.org/code"})
    assert refused.status_code == 503 and refused["Retry-After"] == "30"
    check = RepositoryCheck.objects.get(application=draft)
    assert check.status == RepositoryCheck.Status.QUEUED  # committed, with no job

    rq_settings(settings)
    events = AuditEvent.objects.count()
    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        assert run_review_clock.call()["checks_given_up"] == []
    assert jobs(rq_queue) == [(run_repository_check.module_path, [check.pk])]
    assert AuditEvent.objects.filter(action="check.give_up").count() == 0
    rq_queue.empty()

    with time_machine.travel(timezone.now() + timedelta(hours=3)):
        assert run_review_clock.call()["checks_given_up"] == [str(check.pk)]
        assert run_review_clock.call()["checks_given_up"] == []  # once
    check.refresh_from_db()
    assert check.status == RepositoryCheck.Status.FAILED and "waited too long in the queue" in check.error
    assert jobs(rq_queue) == []
    given_up = AuditEvent.objects.filter(action="check.give_up")
    assert given_up.count() == 1 and given_up.get().actor_id is None
    assert given_up.get().after == {"status": "failed"}
    assert AuditEvent.objects.count() == events + 1  # queueing again wrote no event; giving up wrote one
    # The applicant sees why on the application's page, and may ask again.
    page = applicant.get(f"/applications/{draft.public_id}/")
    assert "waited too long in the queue" in page.content.decode()
    again = applicant.post(f"/applications/{draft.public_id}/check/", {"repository": "https://example.org/code"})
    assert again.status_code == 302 and RepositoryCheck.objects.filter(status="queued").count() == 1


def test_with_the_database_backend_lost_jobs_are_queued_again_and_run(people, draft):
    with transaction.atomic():
        notes = notifications.send([people["l1"]], "submitted", draft)
        waiting = RepositoryCheck.objects.create(application=draft, target="https://example.org/code",
                                                 requested_at=timezone.now())
        running = RepositoryCheck.objects.create(application=draft, target="https://example.org/other",
                                                 requested_at=timezone.now(), started_at=timezone.now())
    DBTaskResult.objects.all().delete()  # the jobs are lost (a restore from an older copy of the queue)

    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        run_review_clock.call()
    assert waiting_in_database(deliver_emails) == [[[notes[0].pk]]]
    assert waiting_in_database(run_repository_check) == [[waiting.pk]]  # not the one that started already
    running.refresh_from_db()
    assert running.status == RepositoryCheck.Status.QUEUED  # running for minutes only: left to its worker

    DBTaskResult.objects.filter(task_path=run_repository_check.module_path).delete()  # no network in tests
    worker = run_dpg("worker", "--batch")
    assert worker.returncode == 0, worker.stderr
    assert worker.stdout.count(f"To: {people['l1'].email}") == 1
    assert Notification.objects.get(pk=notes[0].pk).emailed_at is not None
