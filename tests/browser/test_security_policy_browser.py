"""The main public pages under the Content-Security-Policy in a real browser: nothing is blocked."""

import pytest
from django.utils import timezone

from dpg_registry.applications.services import applicant
from tests.ecosystem.conftest import build_ecosystem

# Playwright's init script is not subject to the page's policy; it records what the policy blocks.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""


pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def site(live_server, people, draft):
    build_ecosystem(people)
    applicant.submit(application=draft, by=people["applicant"])  # the year has a report
    return live_server.url


def test_public_pages_run_under_the_policy_without_violations(page, site, draft):
    page.add_init_script(RECORD_VIOLATIONS)
    console_errors = []
    page.on("console", lambda message: message.type == "error" and console_errors.append(message.text))
    pages = {
        "/": "h1",
        "/registry/?status=dpg": "h1",
        "/registry/open-clinic/": "h1",
        "/eligibility/": "h1",
        "/communities/health/": "h1",
        "/pathfinders/": "h1",
        f"/reports/{timezone.now().year}/": "svg.chart",
        f"/r/{draft.public_id}/": "h1",
        "/accounts/login/": "input[type=password]",
        "/api/v1/docs": ".swagger-ui .info .title",
    }
    for path, ready in pages.items():
        response = page.goto(f"{site}{path}")
        assert response.status == 200, path
        assert "script-src 'self'" in response.headers["content-security-policy"], path
        page.locator(ready).first.wait_for()
        assert page.evaluate("window.__violations") == [], path
    # Swagger UI drew the API's operations from the local bundle, not a CDN.
    assert "DPG Registry API" in page.locator(".swagger-ui .info .title").inner_text()
    assert page.locator(".opblock").count() > 5
    assert [text for text in console_errors if "Content Security Policy" in text] == []
