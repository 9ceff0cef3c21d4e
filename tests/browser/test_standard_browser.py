"""Reading the Standard in a browser, and the eligibility check answered to each outcome, in English and Arabic."""

import re

import pytest
from playwright.sync_api import expect

from dpg_registry.applications.models import Application
from tests.browser.axe import violations
from tests.browser.test_accessibility import EVERY_LANGUAGE, signed_in
from tests.factories import make_user

pytestmark = pytest.mark.django_db(transaction=True)

FAVOURABLE = {
    "category": "software", "impact": "direct", "breadth": "high", "is_developer_tool": "no", "derived_work": "no",
    "authorised": "yes", "ownership_documented": "yes", "closed_dependencies": "no", "documented": "yes",
    "data_export": "yes", "privacy_laws": "yes", "open_standards": "yes", "harm": "yes",
}
# Each kind of "not yet": the answers that cause it, and the indicator the outcome links to ("" for none).
NOT_YET = [
    ({"licence": "CC-BY-NC-4.0"}, "2"),
    ({"sdgs": None}, "1"),
    ({"impact": "indirect", "breadth": "low"}, "1"),
    ({"derived_work": "fork", "pillars": "none"}, ""),
    ({"authorised": "no"}, "3"),
    ({"ownership_documented": "no"}, "3"),
    ({"closed_dependencies": "yes"}, "4"),
    ({"documented": "no"}, "5"),
    ({"data_export": "no"}, "6"),
    ({"privacy_laws": "no"}, "7"),
    ({"open_standards": "no"}, "8"),
    ({"harm": "no"}, "9"),
]


@pytest.fixture
def axe_page(browser):
    context = browser.new_context(bypass_csp=True)  # the Content-Security-Policy would refuse the injected axe
    yield context.new_page()
    context.close()


def answer(page, answers: dict) -> None:
    for name, value in answers.items():
        if name == "licence":
            page.locator("input[name=licence]").fill(value)
        elif name == "sdgs":
            page.locator("input[name=sdgs][value='3']").set_checked(value is not None)
        else:
            page.locator(f"input[name={name}][value={value}]").check()


def fill_favourably(page, site: str, prefix: str) -> None:
    page.goto(f"{site}{prefix}/eligibility/")
    answer(page, {**FAVOURABLE, "licence": "Apache-2.0", "sdgs": "3"})
    page.locator("input[name=acknowledgement]").check()


def submit(page) -> None:
    page.locator("main form button[type=submit]").click()
    page.get_by_role("status").wait_for()


def test_reading_the_standard_and_following_an_indicator_link(page, live_server, standard):
    page.goto(f"{live_server.url}/eligibility/")
    page.get_by_role("link", name="DPG Standard", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("DPG Standard 1.1.7")
    page.get_by_role("link", name="9a. Data privacy and security").click()
    expect(page).to_have_url(re.compile(r"/standard/#indicator-9a$"))
    heading = page.get_by_role("heading", name="Indicator 9a: Data privacy and security")
    expect(heading).to_be_in_viewport()
    licences = page.locator("#indicator-2")
    expect(licences.get_by_role("heading", name=re.compile(r"^Open Data: \d+ approved licences$"))).to_be_visible()
    versions = page.get_by_role("navigation", name="Versions of the Standard")
    versions.get_by_role("link", name="1.1.6", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("DPG Standard 1.1.6")
    page.get_by_role("link", name="Read the current version").click()
    page.get_by_role("link", name="What changed from 1.1.6 to 1.1.7").click()
    expect(page.get_by_role("heading", name="From 1.1.6 to 1.1.7")).to_be_visible()
    expect(page.get_by_text("CC-BY-NC-4.0 removed from the approved licences for Open Content.")).to_be_visible()


@pytest.mark.parametrize("prefix", ["", "/ar"])
def test_the_eligibility_check_answered_to_eligible_and_to_each_kind_of_not_yet(page, live_server, standard, prefix):
    fill_favourably(page, live_server.url, prefix)
    submit(page)
    expect(page.locator("section.outcome-likely-eligible")).to_be_visible()
    if not prefix:
        expect(page.get_by_role("status").get_by_role("heading")).to_have_text("Likely eligible")
    favourable_url = page.url
    for changes, indicator in NOT_YET:
        page.goto(favourable_url)  # the outcome's address keeps the answers: change one kind, check again
        answer(page, changes)
        submit(page)
        outcome = page.locator("section.outcome-not-eligible-yet")
        expect(outcome).to_be_visible()
        expect(outcome.locator("li.reason-fail")).to_have_count(1)
        expect(outcome.locator("li.reason-fail .fix")).to_be_visible()
        if not prefix:
            expect(outcome.get_by_role("heading")).to_have_text("Not eligible yet")
        if indicator:
            link = outcome.locator("li.reason-fail").locator(f"a[href='{prefix}/standard/#indicator-{indicator}']")
            expect(link).to_be_visible()
    link = page.locator(f"section.outcome-not-eligible-yet a[href='{prefix}/standard/#indicator-9']")
    link.click()
    expect(page).to_have_url(re.compile(rf"{prefix}/standard/#indicator-9$"))
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if prefix else "ltr")
    expect(page.locator("#indicator-9 h2")).to_be_in_viewport()


@pytest.mark.parametrize("prefix", EVERY_LANGUAGE)
def test_the_standard_pages_pass_axe(axe_page, live_server, standard, prefix):
    site = f"{live_server.url}{prefix}"
    found = {}
    for path in ("/standard/", "/standard/1.1.6/", "/standard/changes/?from=1.1.6&to=1.1.7",
                 "/standard/changes/?from=0.1&to=1.1.7"):
        axe_page.goto(site + path)
        if problems := violations(axe_page):
            found[path] = problems
    fill_favourably(axe_page, live_server.url, prefix)
    answer(axe_page, {"licence": "CC-BY-NC-4.0", "authorised": "no", "harm": "no"})
    submit(axe_page)
    if problems := violations(axe_page):
        found["eligibility, not yet"] = problems
    assert not found, "\n".join(f"{path}\n  " + "\n  ".join(problems) for path, problems in found.items())


@pytest.mark.parametrize("prefix", ["", "/ar"])
def test_applying_with_the_answers_of_a_favourable_outcome(browser, live_server, standard, prefix):
    context = signed_in(browser, live_server.url, make_user("ana@example.org"))
    page = context.new_page()
    fill_favourably(page, live_server.url, prefix)
    submit(page)
    with page.expect_navigation():
        page.locator(f"section.outcome-likely-eligible a[href^='{prefix}/eligibility/start/?']").click()
    assert not violations(page), violations(page)
    page.locator("input[name=name]").fill("Clinic Kit")
    page.locator("input[name=organisation]").fill("Health Org")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(rf"{prefix}/applications/[^/]+/$"))
    application = Application.objects.get(name="Clinic Kit")
    assert application.answers.get(question_key="licenses").value == "Apache-2.0"
    assert application.answers.get(question_key="sdgs").value == [3]
    context.close()


@pytest.mark.parametrize("prefix", ["", "/ar"])
def test_an_application_step_leads_to_its_indicator_in_the_standard(browser, live_server, draft, people, prefix):
    context = signed_in(browser, live_server.url, people["applicant"])
    page = context.new_page()
    page.goto(f"{live_server.url}{prefix}/applications/{draft.public_id}/indicator/9a/")
    page.locator("main a[href*='#indicator-9a']").first.click()
    page.wait_for_url(re.compile(r"/standard/[\d.]+/#indicator-9a$"))
    expect(page.locator("#indicator-9a")).to_be_in_viewport()
    context.close()
