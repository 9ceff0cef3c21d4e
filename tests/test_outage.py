"""The web process survives a database restart: 503 with Retry-After while it is away, normal again after.

Always on PostgreSQL, whichever database the suite runs on: ``dpg serve`` reaches it through a TCP
proxy run by the test, which drops every connection and refuses new ones, then accepts them again.
(SQLite has no server to lose; see docs/operations.md.)
"""

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import zlib

import dj_database_url
import psycopg
import pytest

from tests.conftest import ROOT, dpg_env, worker_number
from tests.test_serve import free_port

# It serves the registry on PostgreSQL whichever database the suite runs on, and takes a minute (`dpg serve`
# imports the real data): CI runs it once, in its PostgreSQL pass.
pytestmark = pytest.mark.slow

POSTGRES = os.environ.get("DATABASE_URL", "") if os.environ.get("DATABASE_URL", "").startswith("postgres") else (
    "postgres://postgres@127.0.0.1:5432/postgres")


class Proxy:
    """Forwards 127.0.0.1:port to PostgreSQL; ``close`` drops every connection and refuses new ones."""

    def __init__(self, target: tuple[str, int]):
        self.target = target
        self.port = free_port()
        self.sockets: list[socket.socket] = []
        self.listener = None
        self.lock = threading.Lock()
        self.open()

    def open(self):
        self.listener = socket.create_server(("127.0.0.1", self.port), reuse_port=False)
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # closed
            upstream = socket.create_connection(self.target)
            with self.lock:
                self.sockets += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    def _pipe(self, source, sink):
        try:
            while data := source.recv(65536):
                if not self.passes(sink, data):
                    return
                sink.sendall(data)
        except OSError:
            pass
        for end in (source, sink):
            try:
                end.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def passes(self, sink, data: bytes) -> bool:
        """Whether ``data`` goes on to ``sink``; a proxy that cuts connections at a chosen moment says no."""
        return True

    def close(self):
        try:
            self.listener.shutdown(socket.SHUT_RDWR)  # wakes the thread in accept(); close() alone would not
        except OSError:
            pass  # closed already
        self.listener.close()
        with self.lock:
            for sock in self.sockets:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                sock.close()
            self.sockets = []


def get(url: str) -> tuple[int, dict, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def until(url: str, status: int, seconds: float) -> tuple[int, dict, str]:
    deadline = time.monotonic() + seconds
    while True:
        try:
            answer = get(url)
            if answer[0] == status or time.monotonic() > deadline:
                return answer
        except OSError:
            if time.monotonic() > deadline:
                raise
        time.sleep(0.3)


@pytest.fixture
def own_database():
    """A PostgreSQL database of its own for the served registry, dropped afterwards."""
    config = dj_database_url.parse(POSTGRES)
    name = f"dpg_outage_{zlib.crc32(str(ROOT).encode()):x}_{worker_number()}"  # one per checkout and worker
    admin = dict(host=config["HOST"] or "127.0.0.1", port=int(config["PORT"] or 5432), user=config["USER"],
                 password=config["PASSWORD"] or None, dbname="postgres", autocommit=True)
    with psycopg.connect(**admin) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    yield config, name, (admin["host"], admin["port"])
    with psycopg.connect(**admin) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_requests_fail_cleanly_while_the_database_is_down_and_succeed_after(own_database, tmp_path):
    config, name, target = own_database
    proxy = Proxy(target)
    password = f":{config['PASSWORD']}" if config["PASSWORD"] else ""
    url = f"postgres://{config['USER']}{password}@127.0.0.1:{proxy.port}/{name}"
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "dpg_registry.cli", "serve", "--port", str(port), "--workers", "1"],
        cwd=ROOT, env=dpg_env(DATABASE_URL=url, DPG_VAR_DIR=str(tmp_path)),
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        assert until(f"{base}/registry/?q=health", 200, 600)[0] == 200
        assert get(f"{base}/api/v1/products?q=health")[0] == 200
        assert get(f"{base}/healthz")[0] == 200

        proxy.close()
        status, headers, page = get(f"{base}/registry/?q=maps")
        assert status == 503 and headers["Retry-After"] == "30", page
        assert "temporarily unavailable" in page and "Traceback" not in page
        status, headers, body = get(f"{base}/api/v1/products?q=maps")
        assert status == 503 and headers["Content-Type"] == "application/problem+json"
        assert headers["Retry-After"] == "30" and json.loads(body)["status"] == 503
        status, _, body = get(f"{base}/healthz")
        assert status == 503 and json.loads(body)["database"] == "unreachable"

        proxy.open()
        status, _, page = until(f"{base}/registry/?q=maps", 200, 20)
        assert status == 200, page
        assert get(f"{base}/api/v1/products?q=maps")[0] == 200
        assert get(f"{base}/healthz")[0] == 200
        assert server.poll() is None  # the same web process throughout
    finally:
        server.terminate()
        output = server.communicate(timeout=20)[0]
        proxy.close()
    assert "database unavailable for GET /api/v1/products" in output
    assert "Traceback" not in output, output
