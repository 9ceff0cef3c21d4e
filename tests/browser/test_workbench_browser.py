"""An L1 reviewer works applications from the queue to "L1 finished" on the review workbench: with
JavaScript, each decision saved in place without leaving the page; without it, every decision in one
submit. The workbench passes axe-core in all four languages."""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from dpg_registry.applications.models import Application
from dpg_registry.applications.selectors import indicator_codes
from dpg_registry.applications.services import applicant
from dpg_registry.audit.models import AuditEvent
from tests.applications.test_workbench_pages import with_check
from tests.browser.axe import violations
from tests.browser.test_accessibility import EVERY_LANGUAGE
from tests.browser.test_review_journey import indicator_section, messages, sign_in
from tests.factories import fill, give_totp, make_user
from tests.factories import sign_in as sign_in_client

pytestmark = pytest.mark.django_db(transaction=True)
S = Application.State


def submitted(people, name: str) -> Application:
    application = applicant.create_application(user=people["applicant"], name=name, category_key="software",
                                               organisation_name="Open Clinic Foundation")
    application = fill(application, people["applicant"])
    return applicant.submit(application=application, by=people["applicant"])


def decisions_recorded(application) -> list[str]:
    return [event.after["indicator"] for event in AuditEvent.objects.filter(
        subject_type="applications.application", subject_id=str(application.pk), action="indicator.decide")]


def take_next(page, site) -> None:
    page.goto(f"{site}/review/")
    page.get_by_role("button", name="Take the next application for L1 review").click()
    expect(page.get_by_role("button", name="Finish the L1 review")).to_be_visible()


def finish(page, application) -> None:
    page.get_by_role("button", name="Finish the L1 review").click()
    expect(page.get_by_role("heading", name="Review", exact=True)).to_be_visible()
    assert f"Application {application.public_id} is now: In L2 review." in messages(page)
    application.refresh_from_db()
    assert application.state == S.L2_REVIEW


def test_an_l1_reviewer_decides_in_place_with_javascript_and_in_one_submit_without(
        live_server, people, browser, page_without_js):
    site = live_server.url
    l1 = people["l1"]
    l1.totp_secret = give_totp(l1)
    first, second = submitted(people, "Open Clinic"), submitted(people, "Open Ledger")
    codes = indicator_codes(first)

    # With JavaScript: every decision is saved where it is, the page never reloads.
    context = browser.new_context()
    page = context.new_page()
    sign_in(page, site, l1)
    take_next(page, site)
    url = page.url
    navigations = []
    page.on("framenavigated", lambda frame: navigations.append(frame.url) if frame == page.main_frame else None)
    for position, code in enumerate(codes):
        section = indicator_section(page, code)
        if position == 0:  # by keyboard alone: choose with the space bar, record with Enter
            section.get_by_label("Pass", exact=True).focus()
            page.keyboard.press("Space")
            section.get_by_role("button", name=f"Record the decision on {code}").focus()
            page.keyboard.press("Enter")
        elif code == codes[-1]:  # a fail without its reason is refused in place, then given one
            section.get_by_label("Fail", exact=True).check()
            section.get_by_role("button", name=f"Record the decision on {code}").click()
            expect(indicator_section(page, code)).to_contain_text("say why the indicator fails")
            assert code not in decisions_recorded(first)
            indicator_section(page, code).get_by_label("Reason or question for the applicant").fill(
                "No documentation in the repository.")
            indicator_section(page, code).get_by_role("button", name=f"Record the decision on {code}").click()
        else:
            section.get_by_label("Pass", exact=True).check()
            section.get_by_role("button", name=f"Record the decision on {code}").click()
        expect(indicator_section(page, code).get_by_role("status")).to_contain_text(f"Indicator {code}: ")
    assert navigations == [] and page.url == url
    assert decisions_recorded(first) == codes
    assert "L1: Fail: No documentation in the repository." in indicator_section(page, codes[-1]).inner_text()
    finish(page, first)
    context.close()

    # Without JavaScript: another L1 reviewer chooses every decision, then sends them all with one button.
    lin = make_user("lin@review.example", "l1")
    lin.totp_secret = give_totp(lin)
    page = page_without_js
    sign_in(page, site, lin)
    take_next(page, site)
    for code in codes:
        indicator_section(page, code).get_by_label("Pass", exact=True).check()
    page.get_by_role("button", name="Record every decision chosen").click()
    assert f"Decisions recorded on indicators {', '.join(codes)}." in messages(page)
    assert decisions_recorded(second) == codes
    for code in codes:
        expect(indicator_section(page, code).get_by_label("Pass", exact=True)).to_be_checked()
    finish(page, second)


@pytest.mark.parametrize("prefix", EVERY_LANGUAGE)
def test_the_workbench_passes_axe_in_every_language(live_server, people, browser, prefix):
    application = submitted(people, "Open Clinic")
    with_check(application)
    client = Client()
    sign_in_client(client, people["l1"])
    assert client.post("/review/next/", {"level": "l1"}).status_code == 302
    context = browser.new_context(bypass_csp=True)  # the registry's policy would refuse the injected axe script
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}])
    page = context.new_page()
    page.goto(f"{live_server.url}{prefix}/review/{application.public_id}/")
    expect(page.locator("section.review-indicator").first).to_be_visible()
    found = {"workbench": violations(page)}
    code = indicator_codes(application)[1]
    page.locator(f"#indicator-{code} input[value=fail]").check()
    page.locator(f"#indicator-{code} button[data-save-indicator]").click()
    expect(page.locator(f"#indicator-{code} .errorlist")).to_have_count(1)  # the block came back with the error
    found["an indicator refused in place"] = violations(page)
    context.close()
    assert not any(found.values()), found
