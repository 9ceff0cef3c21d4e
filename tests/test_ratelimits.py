"""Rate limits: by address and by account, answered with 429 and Retry-After, counted in the shared cache."""

import http.client
import json
import subprocess
import sys
import time

import pytest
from django.test import Client

from dpg_registry.registry.models import Product
from tests.conftest import ROOT, dpg_env
from tests.factories import PASSWORD, make_user, sign_in


def at(address: str) -> Client:
    return Client(REMOTE_ADDR=address)


def assert_too_many(response):
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1


@pytest.mark.django_db
def test_sign_in_is_limited_per_address_and_failed_sign_ins_per_account(settings, people):
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS, "login": "3/h/ip", "login_failed": "10/h/ip,2/h/key"}
    wrong = {"login": "amina@clinic.example", "password": "not the password"}
    first = at("203.0.113.1")
    for _ in range(2):
        assert first.post("/accounts/login/", wrong).status_code == 200  # the form again, with its error
    # The account is now held, whichever address tries next, even with the right password.
    assert_too_many(at("198.51.100.7").post("/accounts/login/", {**wrong, "password": PASSWORD}))
    right = {"login": "sam@elsewhere.example", "password": PASSWORD}
    assert at("203.0.113.1").post("/accounts/login/", right).status_code == 302  # 3rd attempt from this address
    too_many = at("203.0.113.1").post("/accounts/login/", right)
    assert_too_many(too_many)
    assert "Too many requests" in too_many.content.decode()
    assert at("203.0.113.2").post("/accounts/login/", right).status_code == 302  # another address is not blocked


@pytest.mark.django_db
def test_sign_up_and_password_reset_are_limited(settings, standard):
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS, "signup": "2/h/ip", "reset_password": "20/h/ip,2/h/key"}
    for number in range(2):
        passphrase = "a long Passphrase 7"
        form = {"email": f"new{number}@example.org", "password1": passphrase, "password2": passphrase}
        assert at("203.0.113.5").post("/accounts/signup/", form).status_code == 302
    assert_too_many(at("203.0.113.5").post("/accounts/signup/", {"email": "new9@example.org"}))
    make_user("reset@example.org")
    for address in ("203.0.113.8", "203.0.113.9"):
        assert at(address).post("/accounts/password/reset/", {"email": "reset@example.org"}).status_code == 302
    assert_too_many(at("203.0.113.10").post("/accounts/password/reset/", {"email": "reset@example.org"}))
    assert at("203.0.113.10").post("/accounts/password/reset/", {"email": "other@example.org"}).status_code == 302


@pytest.mark.django_db
def test_submitting_and_challenging_are_limited_per_account_across_addresses(settings, people, draft):
    settings.DPG_RATE_LIMITS = {
        **settings.DPG_RATE_LIMITS, "submit": "10/h/ip,2/h/user", "challenge": "1/h/ip,5/h/user"}
    submit = f"/applications/{draft.public_id}/submit/"
    for address in ("203.0.113.20", "203.0.113.21"):
        client = at(address)
        sign_in(client, people["applicant"])
        assert client.post(submit).status_code == 302
    client = at("203.0.113.22")
    sign_in(client, people["applicant"])
    assert_too_many(client.post(submit))

    Product.objects.create(slug="open-tool", name="Open Tool", sort_name="open tool", status="dpg")
    challenge = "/registry/open-tool/challenge/"
    stranger = at("203.0.113.30")
    sign_in(stranger, people["stranger"])
    assert stranger.get(challenge).status_code == 200  # reading the form does not count
    assert stranger.post(challenge, {"reasons": "The licence changed to a closed one in May."}).status_code == 302
    assert_too_many(stranger.post(challenge, {"reasons": "Again."}))
    other = at("203.0.113.31")
    sign_in(other, people["l1"])
    assert other.post(challenge, {"reasons": ""}).status_code == 200  # not limited: the form shows its error


@pytest.mark.django_db
def test_the_api_answers_429_as_problem_details(settings):
    settings.DPG_RATE_LIMITS = {**settings.DPG_RATE_LIMITS, "api": "2/h/ip,100/h/user"}
    client = at("203.0.113.40")
    assert [client.get("/api/v1/sdgs").status_code for _ in range(2)] == [200, 200]
    refused = client.get("/api/v1/sdgs")
    assert_too_many(refused)
    assert refused["Content-Type"] == "application/problem+json"
    body = json.loads(refused.content)
    assert body["status"] == 429 and body["title"] == "Too many requests"
    assert at("203.0.113.41").get("/api/dpgs").status_code == 200


def _serve(port: int, **env) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "dpg_registry.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", "1"],
        cwd=ROOT, env=dpg_env(**env), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )


def _status(port: int, path: str, source: str = "127.0.0.1", deadline: float = 0) -> int:
    while True:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10, source_address=(source, 0))
        try:
            connection.request("GET", path)
            return connection.getresponse().status
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)
        finally:
            connection.close()


@pytest.mark.django_db(transaction=True)
def test_two_server_processes_share_the_count():
    from tests.test_serve import free_port

    ports = [free_port(), free_port()]
    # Counted per hour, so that no window ends during the test.
    servers = [_serve(port, DPG_RATE_API="3/h/ip,100/h/user") for port in ports]
    try:
        for port in ports:  # both are up (/healthz is not rate-limited)
            _status(port, "/healthz", deadline=time.monotonic() + 60)
        statuses = [_status(port, "/api/v1/openapi.json") for port in (ports[0], ports[1], ports[0])]
        assert statuses == [200, 200, 200]
        assert _status(ports[1], "/api/v1/openapi.json") == 429  # the 4th request from this address
        assert _status(ports[1], "/api/v1/openapi.json", source="127.0.0.2") == 200  # another address
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.communicate(timeout=20)
