"""Destructive actions ask first: one click on "Withdraw the application" withdraws nothing, with JavaScript
(a modal dialog) or without it (the question opens in place)."""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from dpg_registry.applications.models import Application
from tests.browser.axe import violations

pytestmark = pytest.mark.django_db(transaction=True)

QUESTION = "Withdraw this application? Its review stops for good"


def signed_in_page(browser, site, user, **options):
    client = Client()
    client.force_login(user)
    context = browser.new_context(**options)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": site}])
    return context.new_page()


def state(draft) -> str:
    return Application.objects.get(pk=draft.pk).state


def test_one_click_does_not_withdraw_without_javascript(browser, live_server, people, draft):
    page = signed_in_page(browser, live_server.url, people["applicant"], java_script_enabled=False)
    page.goto(f"{live_server.url}/applications/{draft.public_id}/")
    confirm = page.get_by_role("button", name="Yes, withdraw it")
    expect(confirm).to_be_hidden()
    page.get_by_text("Withdraw the application").click()
    expect(page.get_by_text(QUESTION)).to_be_visible()
    expect(confirm).to_be_visible()
    assert state(draft) == "draft"
    page.get_by_text("Withdraw the application").click()  # closes again
    expect(confirm).to_be_hidden()
    page.get_by_text("Withdraw the application").click()
    confirm.click()
    expect(page.get_by_role("status")).to_contain_text("The application is withdrawn.")
    assert state(draft) == "withdrawn"


@pytest.mark.parametrize("prefix", ["", "/ar"])
def test_one_click_opens_a_dialog_that_asks_first(browser, live_server, people, draft, prefix):
    page = signed_in_page(browser, live_server.url, people["applicant"], bypass_csp=bool(prefix))
    page.goto(f"{live_server.url}{prefix}/applications/{draft.public_id}/")
    summary = page.locator("details[data-confirm] summary").last
    summary.click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    assert state(draft) == "draft"
    if prefix:  # the page in Arabic, with the dialog open, checked by axe-core
        assert not violations(page)
        return
    expect(dialog).to_have_accessible_name("Withdraw the application")
    expect(dialog).to_contain_text(QUESTION)
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(summary).to_be_focused()
    summary.press("Enter")  # the keyboard opens it too
    dialog.get_by_role("button", name="Cancel").click()
    expect(dialog).to_be_hidden()
    assert state(draft) == "draft"
    assert not violations_free_of_csp(browser, live_server.url, people, draft)

    summary.click()
    dialog.get_by_role("button", name="Yes, withdraw it").click()
    expect(page.get_by_role("status")).to_contain_text("The application is withdrawn.")
    assert state(draft) == "withdrawn"


def violations_free_of_csp(browser, site, people, draft) -> list[str]:
    """axe-core on the page with the dialog open (axe is injected, so this page lifts the policy)."""
    page = signed_in_page(browser, site, people["applicant"], bypass_csp=True)
    page.goto(f"{site}/applications/{draft.public_id}/")
    page.locator("details[data-confirm] summary").last.click()
    expect(page.get_by_role("dialog")).to_be_visible()
    return violations(page)
