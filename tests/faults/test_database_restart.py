"""PostgreSQL restarts in the middle of requests and of a review decision.

The served registry (gunicorn, as `dpg serve` runs it) reaches a database of its own through the TCP proxy of
tests/test_outage.py; the "restart" is the proxy dropping every connection, at the moment a chosen statement
reaches PostgreSQL, so it falls inside a request's work, or inside the decision's transaction, every time.
"""

import json
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request

import psycopg
import pytest

from tests.conftest import ROOT, dpg_env
from tests.test_outage import Proxy, get, own_database, until  # noqa: F401  (a fixture)
from tests.test_serve import free_port

# Slow: CI runs the fault tests in its PostgreSQL pass.
pytestmark = pytest.mark.slow


class TrippingProxy(Proxy):
    """The proxy, which also drops every connection the moment a statement holding ``trigger`` comes by.

    That statement never reaches PostgreSQL, which rolls back whatever its connection's transaction had done.
    """

    def __init__(self, target):
        self.trigger = None
        self.tripped = threading.Event()
        super().__init__(target)

    def trip_on(self, statement: str) -> None:
        self.tripped.clear()
        self.trigger = statement.encode()

    def passes(self, sink, data: bytes) -> bool:
        if self.trigger and self.trigger in data and sink.getpeername()[1] == self.target[1]:
            self.trigger = None
            self.tripped.set()
            self.close()
            return False
        return True


class Browser:
    """Cookies and the CSRF token, as a browser keeps them, over plain HTTP."""

    def __init__(self, base: str, session: str):
        self.base = base
        self.cookies = {"sessionid": session}

    def request(self, path: str, data: dict | None = None) -> tuple[int, dict, str]:
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")}).encode() \
            if data is not None else None
        request = urllib.request.Request(self.base + path, data=body, headers={
            "Cookie": "; ".join(f"{name}={value}" for name, value in self.cookies.items())})
        opener = urllib.request.build_opener(NoRedirects)
        try:
            with opener.open(request, timeout=20) as response:
                status, headers, text = response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            status, headers, text = error.code, error.headers, error.read().decode()
        for cookie in headers.get_all("Set-Cookie") or []:
            name, _, value = cookie.split(";")[0].partition("=")
            self.cookies[name] = value
        return status, dict(headers), text


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):
        return None


@pytest.fixture
def served(own_database, tmp_path):  # noqa: F811  (the fixture imported above)
    """The registry migrated, one application waiting for its L2 decision, served through the proxy."""
    config, name, target = own_database
    password = f":{config['PASSWORD']}" if config["PASSWORD"] else ""
    direct = f"postgres://{config['USER']}{password}@{target[0]}:{target[1]}/{name}"
    env = dpg_env(DATABASE_URL=direct, DPG_VAR_DIR=str(tmp_path))
    # What `dpg serve` does before it starts gunicorn, the two side by side.
    steps = [subprocess.Popen([sys.executable, "-m", "dpg_registry.cli", *command], cwd=ROOT, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
             for command in (["migrate"], ["manage", "collectstatic", "--noinput", "--verbosity", "0",
                                           "--ignore", "redoc.standalone.js*"])]
    for step in steps:
        output = step.communicate(timeout=600)[0]
        assert step.returncode == 0, output
    ready = subprocess.run([sys.executable, "-m", "tests.faults.review_ready"], cwd=ROOT, env=env,
                           capture_output=True, text=True, timeout=120)
    assert ready.returncode == 0, ready.stderr
    proxy = TrippingProxy(target)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "dpg_registry.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", "1", "--threads", "4"],
        cwd=ROOT, env={**env, "DATABASE_URL": direct.replace(f":{target[1]}/", f":{proxy.port}/")},
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        assert until(f"{base}/healthz", 200, 60)[0] == 200
        with psycopg.connect(direct.replace("postgres://", "postgresql://"), autocommit=True) as database:
            yield base, proxy, json.loads(ready.stdout), database, env
    finally:
        server.terminate()
        output = server.communicate(timeout=20)[0]
        proxy.close()
    assert "Traceback" not in output, output


def test_a_restart_mid_request_answers_503_and_a_decision_cut_mid_transaction_is_all_or_nothing(served):
    base, proxy, ready, database, env = served
    proxy.trip_on('FROM "registry_product"')  # the listing's query: the request is half-way through its work
    status, headers, page = get(f"{base}/registry/")
    assert proxy.tripped.is_set()
    assert status == 503 and headers["Retry-After"] == "30" and "Traceback" not in page
    status, headers, body = get(f"{base}/api/v1/products")  # while the database is still away
    assert status == 503 and headers["Content-Type"] == "application/problem+json"
    proxy.open()
    assert until(f"{base}/registry/", 200, 5)[0] == 200  # within seconds, the same process
    assert get(f"{base}/api/v1/products")[0] == 200

    public_id, version = ready["public_id"], ready["version"]
    browser = Browser(base, ready["session"])
    assert browser.request(f"/review/{public_id}/")[0] == 200  # the page with the finish form, and its token

    def state() -> dict:
        application = database.execute(
            "SELECT id, state, version, decided_at, product_id FROM applications_application WHERE public_id = %s",
            [public_id]).fetchone()
        return {
            "application": application[1:],
            "events": database.execute(
                "SELECT action FROM audit_auditevent WHERE subject_type = 'applications.application' "
                "AND subject_id = %s ORDER BY id", [str(application[0])]).fetchall(),
            "all events": database.execute("SELECT count(*) FROM audit_auditevent").fetchone(),
            "products": database.execute("SELECT slug FROM registry_product").fetchall(),
            "notifications": database.execute("SELECT count(*) FROM applications_notification").fetchone(),
        }

    before = state()
    # The decision's transaction has moved the application and sealed its audit event when it lists the product.
    proxy.trip_on('INSERT INTO "registry_product"')
    status, headers, _ = browser.request(f"/review/{public_id}/finish/", {"version": version})
    assert proxy.tripped.is_set()
    assert status == 503 and headers["Retry-After"] == "30"
    assert state() == before  # nothing of it: not the state, nor its audit event, nor a listing

    proxy.open()
    status, headers, _ = browser.request(f"/review/{public_id}/finish/", {"version": version})
    assert status == 302, headers
    after = state()
    assert after["application"][0] == "dpg" and after["application"][2] is not None
    assert after["events"] == [*before["events"], ("application.decide",)]
    [(slug,)] = set(after["products"]) - set(before["products"])
    assert until(f"{base}/registry/{slug}/", 200, 5)[0] == 200
    assert slug in get(f"{base}/registry/?q=clinic")[2]
    verified = subprocess.run([sys.executable, "-m", "dpg_registry.cli", "audit", "verify"], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=120)
    assert verified.returncode == 0, verified.stdout + verified.stderr
