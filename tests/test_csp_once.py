"""The Content-Security-Policy headers built once are those django-csp builds for every response."""

import pytest
from csp.exceptions import CSPNonceError
from csp.middleware import CSPMiddleware
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from dpg_registry.lib.csp import PolicyOnce


def _headers(middleware_class, prepare=lambda request, response: None, status=200, path="/registry/"):
    middleware = middleware_class(lambda request: HttpResponse())
    request = RequestFactory().get(path)
    middleware.process_request(request)
    response = HttpResponse(status=status)
    prepare(request, response)
    middleware.process_response(request, response)
    return {name: value for name, value in response.items() if "Security-Policy" in name}, request


def _update(request, response):
    response._csp_update = {"img-src": ["https://tiles.example"]}


def _nonce(request, response):
    str(request.csp_nonce)  # a template asked for one


def _exempt(request, response):
    response._csp_exempt = True


def _already(request, response):
    response["Content-Security-Policy"] = "default-src 'none'"


@pytest.mark.parametrize("prepare", [lambda request, response: None, _update, _nonce, _exempt, _already])
@pytest.mark.parametrize("status", [200, 404])
def test_the_headers_are_django_csps(prepare, status):
    once, _ = _headers(PolicyOnce, prepare, status)
    each, _ = _headers(CSPMiddleware, prepare, status)
    assert once == each  # (the registry's policy names no nonce: one drawn changes nothing)
    assert bool(once) == (prepare is not _exempt)
    policy = once.get("Content-Security-Policy", "")
    assert ("img-src 'self' data: https://tiles.example" in policy) == (prepare is _update)


def test_changed_settings_change_the_headers_and_a_late_nonce_is_refused():
    before, request = _headers(PolicyOnce)
    with pytest.raises(CSPNonceError):
        str(request.csp_nonce)
    policy = {"DIRECTIVES": {"default-src": ["'self'"]}, "EXCLUDE_URL_PREFIXES": ["/api/"]}
    with override_settings(CONTENT_SECURITY_POLICY=policy, CONTENT_SECURITY_POLICY_REPORT_ONLY=policy, DEBUG=True):
        for path, status in (("/registry/", 200), ("/api/v1/products", 200), ("/registry/", 404)):
            assert _headers(PolicyOnce, status=status, path=path)[0] == _headers(
                CSPMiddleware, status=status, path=path)[0]
        assert _headers(PolicyOnce)[0]["Content-Security-Policy"] == "default-src 'self'"
    assert _headers(PolicyOnce)[0] == before
