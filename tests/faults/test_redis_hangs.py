"""Redis hangs (SIGSTOP) rather than dies: requests get the 503 of a dead Redis after the cache's timeout.

The connection stays open and the kernel still accepts new ones, so without a timeout each request would
wait on Redis for as long as it stays stopped.
"""

import os
import signal
import time

import pytest
from django.test import Client

from dpg_registry.lib.env import read_cache
from tests.faults.redis_server import RedisServer

# Slow: CI runs the fault tests in its PostgreSQL pass.
pytestmark = [pytest.mark.slow, pytest.mark.django_db]


@pytest.fixture
def hung_redis(tmp_path, settings, monkeypatch):
    """This process's cache on a Redis of the test's own, with the command timeout set to 2 seconds."""
    monkeypatch.setenv("DPG_REDIS_TIMEOUT_SECONDS", "2")
    server = RedisServer(tmp_path)
    server.start()
    settings.CACHES = read_cache(server.url, None)
    yield server
    os.kill(server.process.pid, signal.SIGCONT)
    server.kill()


def timed_get(client: Client, path: str):
    start = time.monotonic()
    response = client.get(path)
    return response, time.monotonic() - start


def test_a_hung_redis_gives_503_within_its_timeout_and_the_site_recovers(hung_redis):
    visitor = Client(raise_request_exception=False)
    assert visitor.get("/registry/").status_code == 200
    assert visitor.get("/api/v1/products").status_code == 200

    os.kill(hung_redis.process.pid, signal.SIGSTOP)
    for path in ("/registry/", "/api/v1/products"):
        response, seconds = timed_get(visitor, path)
        assert response.status_code == 503 and response["Retry-After"] == "30", path
        assert seconds < 6, (path, seconds)  # one or two 2-second timeouts, not a wait for ever
    assert "temporarily unavailable" in visitor.get("/registry/").content.decode()

    os.kill(hung_redis.process.pid, signal.SIGCONT)
    response, seconds = timed_get(visitor, "/registry/")
    assert response.status_code == 200 and seconds < 2

