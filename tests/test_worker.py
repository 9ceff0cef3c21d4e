"""A worker killed in the middle of a task loses nothing: the task runs again, and its effect happens once.

The killed task is a real one, ``deliver_emails`` with two notifications, sent to an SMTP server run
by the test. The server takes the first message and holds the second one's DATA unanswered: a barrier
the task is certainly inside when the worker gets SIGKILL, without guessing at timings (a long
repository check would be killed at a moment chosen by the clock, somewhere in its walk).
"""

import signal
import socketserver
import subprocess
import sys
import threading
import time
from email import message_from_bytes

import pytest
from django.db import OperationalError, connection
from django_tasks_db.models import DBTaskResult

from dpg_registry.applications.models import Notification
from dpg_registry.applications.services import notifications
from dpg_registry.worker.models import WorkerHeartbeat
from dpg_registry.worker.recovery import Heartbeat
from tests.conftest import ROOT, dpg_env

pytestmark = pytest.mark.django_db(transaction=True)


class SMTPServer(socketserver.ThreadingTCPServer):
    """Just enough SMTP for Django's backend; it holds the ``hold``-th message unanswered, once."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, hold: int):
        super().__init__(("127.0.0.1", 0), SMTPHandler)
        self.hold = hold
        self.received = 0
        self.accepted = []  # the messages the server answered 250 to, as a mail system keeps them
        self.holding = threading.Event()
        self.lock = threading.Lock()


class SMTPHandler(socketserver.StreamRequestHandler):
    def reply(self, line: str) -> None:
        self.wfile.write(f"{line}\r\n".encode())

    def handle(self):
        self.reply("220 test ESMTP")
        while line := self.rfile.readline():
            verb = line[:4].upper()
            if verb == b"QUIT":
                self.reply("221 bye")
                return
            if verb != b"DATA":
                self.reply("250 ok")
                continue
            self.reply("354 end with .")
            data = b"".join(iter(self.rfile.readline, b".\r\n"))
            with self.server.lock:
                self.server.received += 1
                held = self.server.received == self.server.hold
            if held:
                self.server.holding.set()
                self.rfile.read(1)  # until the client goes away
                return
            self.server.accepted.append(message_from_bytes(data))
            self.reply("250 queued")


def start_worker(port: int) -> subprocess.Popen:
    env = dpg_env(EMAIL_HOST="127.0.0.1", EMAIL_PORT=str(port), EMAIL_USE_TLS="false", DPG_WORKER_LEASE_SECONDS="3")
    return subprocess.Popen([sys.executable, "-m", "dpg_registry.cli", "worker", "--no-startup-delay",
                             "--interval", "0.2"], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)


def wait_for(condition, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(0.1)
    raise AssertionError(f"waited {seconds} s for {what}")


def test_a_task_killed_mid_way_runs_again_and_each_e_mail_is_sent_once(people, draft):
    server = SMTPServer(hold=2)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    workers = []
    try:
        readers = [people["applicant"], people["l1"]]
        notes = notifications.send(readers, "submitted", draft)
        task = DBTaskResult.objects.get(task_path="dpg_registry.applications.tasks.deliver_emails")

        first = start_worker(server.server_address[1])
        workers.append(first)
        assert server.holding.wait(60), "the worker never reached the second e-mail"
        first.send_signal(signal.SIGKILL)
        first.wait(10)
        task.refresh_from_db()
        assert task.status == "RUNNING"  # what the queue alone would leave forever
        assert Notification.objects.filter(emailed_at__isnull=False).count() == 1

        second = start_worker(server.server_address[1])
        workers.append(second)
        wait_for(lambda: DBTaskResult.objects.filter(pk=task.pk, status="SUCCESSFUL").exists(), 30,
                 "the task to be run again and succeed")
        task.refresh_from_db()
        assert len(task.worker_ids) == 2 and task.return_value == 1  # the second run sent the one left

        by_id = {}
        for message in server.accepted:
            by_id.setdefault(message["Message-ID"], []).append(message["To"])
        assert sorted(to for tos in by_id.values() for to in tos) == sorted(user.email for user in readers)
        assert all(len(tos) == 1 for tos in by_id.values()), by_id
        assert Notification.objects.filter(pk__in=[n.pk for n in notes], emailed_at__isnull=True).count() == 0
        assert WorkerHeartbeat.objects.filter(worker_id=task.worker_ids[1]).exists()
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.terminate()
                worker.wait(10)
        server.shutdown()
        server.server_close()
    # A worker that stops cleanly takes its heartbeat with it.
    assert not WorkerHeartbeat.objects.filter(worker_id=task.worker_ids[1]).exists()
    assert "queued again" in second.stdout.read()


def test_a_stopping_worker_takes_its_heartbeat_away_though_the_signal_broke_its_connection(monkeypatch):
    heartbeat = Heartbeat("stopped-mid-statement")
    heartbeat.tick()
    heartbeat.start()

    def cut(*args, **kwargs):  # as psycopg answers after a statement was interrupted half-way
        raise OperationalError("another command is already in progress")

    monkeypatch.setattr(connection, "ensure_connection", cut)  # the worker's own connection, not the heartbeat's
    heartbeat.stop()
    monkeypatch.undo()
    assert not WorkerHeartbeat.objects.filter(worker_id="stopped-mid-statement").exists()
