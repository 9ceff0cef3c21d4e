"""The pages whose forms have pickers or confirmations, with the script running: axe-core finds nothing in
English and Arabic, with a picker's list open and with a confirmation open, and no page is wider than a
320 px or 390 px screen."""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from dpg_registry.applications.services import applicant
from tests.browser.axe import violations
from tests.ecosystem.conftest import build_ecosystem
from tests.factories import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def pages(live_server, people, draft):
    eco = build_ecosystem(people)
    draft.editors.add(people["stranger"])
    invited = applicant.create_application(
        user=people["l1"], name="Field Notes", category_key="software", organisation_name="Field Notes"
    )
    applicant.invite_editor(application=invited, by=people["l1"], email=people["admin"].email)
    return {
        "applicant": [
            f"/applications/{draft.public_id}/",
            f"/applications/{draft.public_id}/about/",
            f"/applications/{draft.public_id}/indicator/3/",
        ],
        "admin": [
            "/applications/invitations/",
            "/communities/health/edit/entry/",
            f"/communities/health/edit/collection/{eco['collection'].pk}/",
            f"/ecosystem/edit/pilot/{eco['pilot'].pk}/",
            f"/ecosystem/edit/member/{eco['member'].pk}/",
            "/ecosystem/edit/component/",
            "/communities/health/focal-points/",
        ],
    }


def signed_in(browser, site: str, user):
    """A browser context of ``user`` (staff with their authenticator app proven); the policy is lifted for axe."""
    client = Client()
    sign_in(client, user)
    context = browser.new_context(bypass_csp=True)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": site}])
    return context


def opened(page) -> str:
    """Open the page's first picker list (typing "a") or, on a page without one, its first confirmation."""
    search = page.locator("[role=combobox]").first  # a picker (a <select> is a combobox too)
    if search.count():
        search.press_sequentially("a")
        expect(page.get_by_role("listbox").first).to_be_visible()
        return "list open"
    page.locator("details[data-confirm] summary").first.click()
    expect(page.get_by_role("dialog")).to_be_visible()
    return "dialog open"


@pytest.mark.parametrize("prefix", ["", "/ar"])
def test_axe_finds_nothing_with_a_list_or_a_dialog_open(browser, live_server, people, pages, prefix):
    found = {}
    for role, paths in pages.items():
        page = signed_in(browser, live_server.url, people[role]).new_page()
        for path in paths:
            page.goto(f"{live_server.url}{prefix}{path}")
            if problems := violations(page):
                found[path] = problems
            state = opened(page)
            if problems := violations(page):
                found[f"{path} ({state})"] = problems
    assert found == {}


@pytest.mark.parametrize("width", [320, 390])
def test_no_page_scrolls_sideways_with_chips_and_an_open_list(browser, live_server, people, pages, width):
    wide = {}
    for role, paths in pages.items():
        page = signed_in(browser, live_server.url, people[role]).new_page()
        page.set_viewport_size({"width": width, "height": 800})
        for prefix in ["", "/ar"]:
            for path in paths:
                page.goto(f"{live_server.url}{prefix}{path}")
                opened(page)
                if (scroll_width := page.evaluate("document.documentElement.scrollWidth")) > width:
                    wide[f"{prefix}{path}"] = scroll_width
    assert wide == {}
