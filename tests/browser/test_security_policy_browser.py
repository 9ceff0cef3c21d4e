"""The main public pages under the Content-Security-Policy in a real browser: nothing is blocked."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from dpg_registry.ecosystem.seed import load_ecosystem
from dpg_registry.importers.run import run_import
from dpg_registry.registry.models import Product
from dpg_registry.standard.services import load_standard
from tests.conftest import LEGACY_DIR

# Playwright's init script is not subject to the page's policy; it records what the policy blocks.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""


@pytest.fixture(scope="module")
def _real_registry(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_standard()
        run_import([LEGACY_DIR])
        load_ecosystem()
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def site(_real_registry, db, live_server):
    return live_server.url


def test_public_pages_run_under_the_policy_without_violations(page, site):
    page.add_init_script(RECORD_VIOLATIONS)
    console_errors = []
    page.on("console", lambda message: message.type == "error" and console_errors.append(message.text))
    product = Product.objects.filter(status="dpg").order_by("slug").first()
    pages = {
        "/": "h1",
        "/registry/?status=dpg": "h1",
        f"/registry/{product.slug}/": "h1",
        "/eligibility/": "h1",
        "/communities/": "h1",
        f"/reports/{timezone.now().year}/": "svg.chart",
        "/accounts/login/": "input[type=password]",
        "/api/v1/docs": ".swagger-ui .info .title",
    }
    for path, ready in pages.items():
        response = page.goto(f"{site}{path}")
        assert response.status == 200, path
        assert "script-src 'self'" in response.headers["content-security-policy"], path
        page.locator(ready).first.wait_for()
        if path == "/communities/":
            page.locator("main a[href^='/communities/']").first.click()
            page.locator("h1").wait_for()
        assert page.evaluate("window.__violations") == [], path
    # Swagger UI drew the API's operations from the local bundle, not a CDN.
    assert "DPG Registry API" in page.locator(".swagger-ui .info .title").inner_text()
    assert page.locator(".opblock").count() > 5
    assert [text for text in console_errors if "Content Security Policy" in text] == []
