"""No job reaches a worker before its data is committed (``lib/queue.py``).

With ``DPG_TASKS_BACKEND=rq`` the job goes to Redis only once the transaction has committed, and not at all
if it rolls back; with the database backend it is a row of the same transaction. These run on the Redis at
127.0.0.1:6379, in the database of the test worker (see ``tests/test_tasks_rq.py``).
"""

import pytest
from django.db import transaction
from django.test import Client
from django_tasks_db.models import DBTaskResult
from rq import Queue

from dpg_registry.applications.models import Notification, RepositoryCheck
from dpg_registry.applications.services import notifications
from dpg_registry.applications.tasks import deliver_emails, run_repository_check
from tests.conftest import run_dpg
from tests.factories import sign_in
from tests.test_tasks_rq import RQ_ENV, rq_settings


class RolledBack(Exception):
    pass


@pytest.fixture
def rq_queue(settings, empty_redis):
    """The RQ queue of this test worker, emptied before and after, with this process's tasks sent to it."""
    rq_settings(settings)
    return Queue("default", connection=empty_redis)


def jobs(queue: Queue) -> list[tuple[str, list]]:
    return [(job.func_name, list(job.args)) for job in queue.get_jobs()]


@pytest.mark.django_db(transaction=True)
def test_with_rq_a_job_reaches_redis_only_when_its_transaction_commits(people, draft, rq_queue):
    with transaction.atomic():
        notes = notifications.send([people["l1"]], "submitted", draft)
        assert jobs(rq_queue) == []  # a worker taking it now would find no notification
    assert jobs(rq_queue) == [(deliver_emails.module_path, [[notes[0].pk]])]

    # The worker finds the notification the job names, and e-mails it.
    worker = run_dpg("worker", "--batch", **RQ_ENV)
    assert worker.returncode == 0, worker.stderr
    assert f"To: {people['l1'].email}" in worker.stdout
    assert Notification.objects.get(pk=notes[0].pk).emailed_at is not None


@pytest.mark.django_db(transaction=True)
def test_with_rq_a_rolled_back_transaction_queues_nothing(people, draft, rq_queue):
    with pytest.raises(RolledBack), transaction.atomic():
        notifications.send([people["l1"]], "submitted", draft)
        raise RolledBack
    assert jobs(rq_queue) == [] and not Notification.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_with_rq_a_check_asked_for_over_http_is_queued_after_its_record(people, draft, rq_queue):
    applicant = Client()
    sign_in(applicant, people["applicant"])
    response = applicant.post(f"/applications/{draft.public_id}/check/", {"repository": "https://example.org/code"})
    assert response.status_code == 302
    check = RepositoryCheck.objects.get(application=draft)
    assert check.status == RepositoryCheck.Status.QUEUED
    assert jobs(rq_queue) == [(run_repository_check.module_path, [check.pk])]


@pytest.mark.django_db(transaction=True)
def test_with_the_database_backend_the_job_is_written_in_the_same_transaction(people, draft):
    with transaction.atomic():
        notes = notifications.send([people["l1"]], "submitted", draft)
        waiting = DBTaskResult.objects.filter(task_path=deliver_emails.module_path)
        assert [row.args_kwargs["args"] for row in waiting] == [[[notes[0].pk]]]
    with pytest.raises(RolledBack), transaction.atomic():
        notifications.send([people["l2"]], "submitted", draft)
        raise RolledBack
    assert DBTaskResult.objects.filter(task_path=deliver_emails.module_path).count() == 1
    assert list(Notification.objects.values_list("user", flat=True)) == [people["l1"].pk]
