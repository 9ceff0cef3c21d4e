"""Redis stops while it holds the rate limits, the cached pages and the task queue (``DPG_TASKS_BACKEND=rq``).

The registry fails closed: a request that needs Redis gets 503 with Retry-After, as when the database is
away, and writes nothing; a limit that cannot be counted is not waived (sign-in guesses would be unlimited).
Jobs Redis had acknowledged are still queued when it comes back, and the first requests after succeed.
"""

import json
import re

import pytest
import redis
from django.test import Client

from dpg_registry.applications.models import Application, Notification, RepositoryCheck
from dpg_registry.applications.services import notifications
from dpg_registry.audit.models import AuditEvent
from dpg_registry.lib.env import read_cache
from tests.conftest import run_dpg
from tests.factories import sign_in
from tests.faults.redis_server import RedisServer
from tests.test_tasks_rq import rq_settings

# Slow: CI runs the fault tests in its PostgreSQL pass.
pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def redis_server(tmp_path, settings):
    """This process's cache and task queue on a Redis of the test's own, as settings.py makes them for REDIS_URL."""
    server = RedisServer(tmp_path)
    server.start()
    settings.CACHES = read_cache(server.url, None)
    rq_settings(settings, server.url)
    yield server
    server.kill()


def test_while_redis_is_down_requests_get_503_and_nothing_is_lost(people, draft, redis_server):
    visitor, applicant = Client(), Client(raise_request_exception=False)
    sign_in(applicant, people["applicant"])
    queue = redis.Redis.from_url(redis_server.url)
    assert visitor.get("/api/v1/products").status_code == 200
    assert visitor.get("/registry/").status_code == 200
    notifications.send([people["l1"]], "submitted", draft)  # a job Redis acknowledged
    assert queue.llen("rq:queue:default") == 1
    submit, check = f"/applications/{draft.public_id}/submit/", f"/applications/{draft.public_id}/check/"
    events = AuditEvent.objects.count()

    redis_server.kill()
    visitor = Client(raise_request_exception=False)
    api = visitor.get("/api/v1/products")
    assert api.status_code == 503 and api["Retry-After"] == "30"
    assert api["Content-Type"] == "application/problem+json" and json.loads(api.content)["status"] == 503
    page = visitor.get("/registry/")
    assert page.status_code == 503 and page["Retry-After"] == "30"
    assert "temporarily unavailable" in page.content.decode() and "Traceback" not in page.content.decode()
    # The submission is rate-limited: its limit cannot be counted, so it is not taken, and nothing changes.
    refused = applicant.post(submit)
    assert refused.status_code == 503 and refused["Retry-After"] == "30"
    # A repository check is queued in the same transaction as its record: neither is written.
    refused = applicant.post(check, {"repository": "https://example.org/clinic/code"})
    assert refused.status_code == 503
    draft.refresh_from_db()
    assert draft.state == Application.State.DRAFT
    assert not RepositoryCheck.objects.exists() and AuditEvent.objects.count() == events
    assert Notification.objects.count() == 1
    health = visitor.get("/healthz")
    assert health.status_code == 503 and health.json()["queue"] == "unreachable"

    redis_server.start()
    assert queue.llen("rq:queue:default") == 1  # the job queued before the crash is still there
    assert visitor.get("/api/v1/products").status_code == 200
    assert visitor.get("/registry/").status_code == 200
    assert applicant.post(submit).status_code == 302
    draft.refresh_from_db()
    assert draft.state == Application.State.SUBMITTED

    worker = run_dpg("worker", "--batch", DPG_TASKS_BACKEND="rq", REDIS_URL=redis_server.url)
    assert worker.returncode == 0, worker.stderr
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()
    # The job from before the crash and the submission's: every notification e-mailed, once.
    assert Notification.objects.count() > 1
    assert sorted(re.findall(r"^To: (.+)$", worker.stdout, re.MULTILINE)) == sorted(
        Notification.objects.values_list("user__email", flat=True))
    assert queue.llen("rq:queue:default") == 0
