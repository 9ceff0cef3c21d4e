"""Security headers and cookies over HTTP, on pages, cached pages, the API, dumps, static files and errors."""

import pytest
from django.test import Client

from tests.factories import PASSWORD

POLICY = "content-security-policy"


def assert_hardened(response, where: str):
    policy = response[POLICY]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, where
    for directive in ("default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'",
                      "object-src 'none'", "base-uri 'none'", "form-action 'self'"):
        assert directive in policy, (where, directive)
    assert response["X-Frame-Options"] == "DENY", where
    assert response["X-Content-Type-Options"] == "nosniff", where
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin", where
    assert response["Cross-Origin-Opener-Policy"] == "same-origin", where
    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in permissions, (where, feature)


@pytest.mark.django_db
def test_every_kind_of_response_carries_the_headers(standard, settings):
    settings.WHITENOISE_USE_FINDERS = True  # static files as WhiteNoise serves them, without collectstatic
    client = Client()
    for path in ("/", "/", "/registry/", "/eligibility/", "/accounts/login/", "/api/v1/sdgs", "/api/v1/docs",
                 "/api/dpgs", "/registry.json", "/registry.csv", "/static/css/site.css", "/no/such/page/"):
        response = client.get(path)  # "/" twice: the second answer comes from the page cache
        assert response.status_code == (404 if path == "/no/such/page/" else 200), path
        assert_hardened(response, path)


@pytest.mark.django_db
def test_cookies_are_http_only_and_same_site_lax_and_not_secure_on_plain_http(people, settings):
    assert not settings.SESSION_COOKIE_SECURE and not settings.CSRF_COOKIE_SECURE and not settings.SECURE_SSL_REDIRECT
    client = Client()
    csrf = client.get("/accounts/login/").cookies["csrftoken"]
    assert csrf["httponly"] and csrf["samesite"] == "Lax" and not csrf["secure"]
    response = client.post("/accounts/login/", {"login": "amina@clinic.example", "password": PASSWORD})
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["httponly"] and session["samesite"] == "Lax" and not session["secure"]


@pytest.mark.django_db
def test_request_bodies_are_bounded():
    client = Client()
    big = client.post("/accounts/login/", data=b"login=" + b"x" * (1024 * 1024 + 1),
                      content_type="application/x-www-form-urlencoded")
    assert big.status_code == 400
    many = client.post("/accounts/login/", {f"field{number}": "1" for number in range(1001)})
    assert many.status_code == 400
    assert client.post("/accounts/login/", {"login": "a@example.org", "password": "x"}).status_code == 200
