"""A worker killed (SIGKILL) in the middle of a repository check or of an e-mail batch loses nothing.

The next worker queues the abandoned task again once its lease ran out (docs/operations.md), runs it from
its start, and the work is done once: the check ends with a result, every notification is e-mailed once.
Each kill happens at a barrier the test holds, not at a moment chosen by the clock: the git server holds
the clone's pack, the mail server holds a message of the batch unanswered.
"""

import signal
import subprocess
import sys
import threading

import pytest
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from dpg_registry.applications.models import Notification, RepositoryCheck
from dpg_registry.applications.services import notifications
from dpg_registry.applications.tasks import run_repository_check
from tests.applications.test_repository_checks import git_repository
from tests.conftest import ROOT, dpg_env
from tests.faults.git_server import GitServer
from tests.test_worker import SMTPServer, start_worker, wait_for

# Slow: CI runs the fault tests in its PostgreSQL pass.
pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def start_local_worker() -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "tests.faults.local_worker", "worker", "--no-startup-delay",
                             "--interval", "0.2"], cwd=ROOT, env=dpg_env(DPG_WORKER_LEASE_SECONDS="3"),
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def stop(workers: list[subprocess.Popen]) -> str:
    output = ""
    for worker in workers:
        if worker.poll() is None:
            worker.terminate()
        output += worker.communicate(timeout=20)[0]
    return output


def test_a_repository_check_killed_mid_clone_runs_again_and_ends_with_its_result(people, draft, tmp_path):
    project = git_repository(tmp_path / "clinic")
    subprocess.run(["git", "clone", "-q", "--bare", str(project), str(tmp_path / "served" / "clinic.git")],
                   check=True)
    commit = subprocess.run(["git", "-C", str(project), "rev-parse", "HEAD"], check=True, capture_output=True,
                            text=True).stdout.strip()
    server = GitServer(tmp_path / "served", hold=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with transaction.atomic():  # as the service queues it: the check and its task together
        check = RepositoryCheck.objects.create(application=draft, target=server.url("clinic.git"),
                                               requested_by=people["applicant"], requested_at=timezone.now())
        run_repository_check.enqueue(check.pk)
    task = DBTaskResult.objects.get(task_path="dpg_registry.applications.tasks.run_repository_check")
    workers = [start_local_worker()]
    try:
        assert server.holding.wait(60), "the worker never started to clone"
        workers[0].send_signal(signal.SIGKILL)
        workers[0].wait(10)
        task.refresh_from_db()
        check.refresh_from_db()
        assert task.status == "RUNNING" and check.status == RepositoryCheck.Status.QUEUED
        server.release()  # the killed worker's git gives up; the server now serves the whole clone

        workers.append(start_local_worker())
        wait_for(lambda: DBTaskResult.objects.filter(pk=task.pk, status="SUCCESSFUL").exists(), 60,
                 "the check to be run again and succeed")
    finally:
        output = stop(workers)
        server.shutdown()
        server.server_close()
    task.refresh_from_db()
    check.refresh_from_db()
    assert len(task.worker_ids) == 2 and task.return_value == "done"
    assert check.status == RepositoryCheck.Status.DONE and check.commit == commit, check.error
    assert check.report["files_seen"] > 0
    assert f"task {task.pk} was abandoned by worker {task.worker_ids[0]}; queued again" in output
    assert not DBTaskResult.objects.exclude(status="SUCCESSFUL").exists()  # no task lost, none left behind


def test_an_e_mail_batch_killed_half_way_sends_each_e_mail_once(people, draft):
    server = SMTPServer(hold=3)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    readers = [people[name] for name in ("applicant", "l1", "l2", "expert", "admin")]
    notes = notifications.send(readers, "submitted", draft)
    task = DBTaskResult.objects.get(task_path="dpg_registry.applications.tasks.deliver_emails")
    port = server.server_address[1]
    workers = [start_worker(port)]
    try:
        assert server.holding.wait(60), "the worker never reached the third e-mail"
        workers[0].send_signal(signal.SIGKILL)
        workers[0].wait(10)
        assert Notification.objects.filter(emailed_at__isnull=False).count() == 2
        assert len(server.accepted) == 2

        workers.append(start_worker(port))
        wait_for(lambda: DBTaskResult.objects.filter(pk=task.pk, status="SUCCESSFUL").exists(), 60,
                 "the batch to be run again and succeed")
    finally:
        stop(workers)
        server.shutdown()
        server.server_close()
    task.refresh_from_db()
    assert task.return_value == 3  # the second run sent only the three not sent before
    sent = [(message["Message-ID"], message["To"]) for message in server.accepted]
    assert sorted(to for _, to in sent) == sorted(user.email for user in readers)
    assert len({message_id for message_id, _ in sent}) == len(readers)
    assert not Notification.objects.filter(pk__in=[n.pk for n in notes], emailed_at__isnull=True).exists()
