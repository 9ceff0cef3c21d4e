"""The console's data-quality page in Chromium: it passes axe-core in English and Arabic and fits a 360 px wide
screen, and a reviewer dismisses a flag without JavaScript."""

import pytest
from playwright.sync_api import expect

from dpg_registry.applications.services.challenges import raise_challenge
from dpg_registry.audit.models import AuditEvent
from dpg_registry.registry import quality
from dpg_registry.registry.models import QualityFlag
from tests.browser.axe import violations
from tests.browser.test_console_browser import staff_context
from tests.ecosystem.conftest import make_product

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def flagged(settings, people):
    """Two listed products deployed in more countries than a limit of 2; one of them challenged, one flag dismissed."""
    settings.DPG_QUALITY_MAX_COUNTRIES = 2
    clinic = make_product("open-clinic", "Open Clinic", deployed_in=["KE", "UG", "TZ"])
    ledger = make_product("farm-ledger", "Farm Ledger", deployed_in=["KE", "UG", "TZ", "RW"])
    quality.refresh()
    raise_challenge(product=clinic, by=people["stranger"], reasons="The repository is archived.")
    quality.dismiss(
        flag=QualityFlag.objects.get(product=ledger), reason="Checked with the owner.", by=people["l2"], role="l2"
    )
    make_product("school-meals", "School Meals", deployed_in=["KE", "UG", "TZ"])
    quality.refresh()
    return clinic


@pytest.mark.parametrize("prefix", ["", "/ar"])
def test_the_data_quality_page_passes_axe_and_fits_a_phone(browser, live_server, people, flagged, prefix):
    context = staff_context(browser, live_server.url, people["admin"], viewport={"width": 360, "height": 740})
    page = context.new_page()
    found = {}
    paths = [
        "/console/quality/",
        "/console/quality/?rule=too_many_countries",
        "/console/quality/?state=dismissed",
        "/console/quality/?rule=nothing",
    ]
    for path in paths:
        page.goto(f"{live_server.url}{prefix}{path}")
        assert page.locator("html").get_attribute("lang") == (prefix.strip("/") or "en")
        assert page.locator("table").count() >= 1
        # The page's own content stays within the screen: its tables scroll sideways in their own box.
        assert page.evaluate("(main => main.scrollWidth <= main.clientWidth)(document.querySelector('main'))"), path
        if problems := violations(page):
            found[path] = problems
    context.close()
    assert not found, "\n".join(f"{path}\n  " + "\n  ".join(problems) for path, problems in found.items())


def test_a_reviewer_dismisses_a_flag_without_javascript(browser, live_server, people, flagged):
    context = staff_context(browser, live_server.url, people["l1"], java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/console/quality/")
    expect(page.get_by_role("link", name="Review open since")).to_be_visible()  # Open Clinic is challenged
    page.get_by_label("Rule:").select_option(label="Deployed in implausibly many countries")
    page.get_by_role("button", name="Filter").click()
    assert "rule=too_many_countries" in page.url
    page.get_by_label("Reason for dismissing the flag on School Meals").fill("A global programme: plausible.")
    page.get_by_role("button", name="Dismiss School Meals").click()
    assert "rule=too_many_countries" in page.url  # back to the same filtered view
    expect(page.locator(".messages")).to_contain_text("The flag on School Meals is dismissed.")
    event = AuditEvent.objects.get(action="quality.dismiss", reason="A global programme: plausible.")
    assert event.actor_id == people["l1"].pk
    challenges = page.get_by_role("region", name="Challenges")
    expect(challenges).to_contain_text("The repository is archived.")
    context.close()
