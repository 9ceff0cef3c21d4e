"""Every public page and every form step in all four languages passes axe-core at WCAG 2.1 AA."""

import re

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from tests.browser.axe import violations
from tests.ecosystem.conftest import build_ecosystem

pytestmark = pytest.mark.django_db(transaction=True)

PREFIXES = ["", "/fr", "/es", "/ar"]  # English has no prefix
# A page checked in every language: English and Arabic (left to right, right to left) in each pass of CI; French
# and Spanish, which change only the words of the same layout, marked slow so that one pass runs them.
EVERY_LANGUAGE = [pytest.param(prefix, marks=pytest.mark.slow) if prefix in ("/fr", "/es") else prefix
                  for prefix in PREFIXES]

PUBLIC_PAGES = [
    "/",
    "/registry/?status=dpg",
    "/registry/?q=clinic&sdg=3&status=dpg",
    "/registry/open-clinic/",
    "/open-data/",
    "/eligibility/",
    "/communities/",
    "/communities/health/",
    "/communities/health/collections/immunization/",
    "/pathfinders/",
    "/pathfinders/clinic-kenya/",
    "/members/",
    "/fifty-in-five/",
    "/calls/",
    "/countries/KE/",
    "/reports/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/privacy/",
]


@pytest.fixture
def axe_page(browser):
    # The registry's Content-Security-Policy would refuse the injected axe script.
    context = browser.new_context(bypass_csp=True)
    yield context.new_page()
    context.close()


@pytest.fixture
def site(live_server, people):
    build_ecosystem(people)
    return live_server.url


def check(page, url: str, found: dict) -> None:
    page.goto(url)
    assert page.locator("main").count() == 1, url
    if problems := violations(page):
        found[url] = problems


def report(found: dict) -> str:
    return "\n".join(f"{url}\n  " + "\n  ".join(problems) for url, problems in found.items())


@pytest.mark.parametrize("prefix", EVERY_LANGUAGE)
def test_public_pages(axe_page, site, prefix):
    found: dict = {}
    for path in PUBLIC_PAGES:
        check(axe_page, f"{site}{prefix}{path}", found)
    # The report of the year the products were listed, reached as a reader does.
    axe_page.goto(f"{site}{prefix}/reports/")
    axe_page.locator("main a[href*='/reports/20']").first.click()
    check(axe_page, axe_page.url, found)
    assert not found, report(found)


@pytest.mark.parametrize("prefix", EVERY_LANGUAGE)
def test_eligibility_steps(axe_page, site, prefix):
    found: dict = {}
    page = axe_page
    page.goto(f"{site}{prefix}/eligibility/")
    with page.expect_navigation():  # the answer to the post, before axe looks at the page
        page.locator("main form button[type=submit]").click()  # nothing answered: the errors
    if problems := violations(page):
        found["eligibility with errors"] = problems
    page.locator("input[name=category][value=software]").check()
    page.locator("input[name=licence], input[name=license]").first.fill("Apache-2.0")
    page.locator("input[name=sdgs][value='3']").check()
    for group in page.locator("main fieldset").all():
        radios = group.locator("input[type=radio]")
        if radios.count() and not group.locator("input[type=radio]:checked").count():
            radios.first.check()
    for box in page.locator("main input[type=checkbox][required]").all():
        box.check()
    page.locator("main form button[type=submit]").click()
    page.get_by_role("status").wait_for()
    if problems := violations(page):
        found["eligibility outcome"] = problems
    assert not found, report(found)


def signed_in(browser, site: str, user, **options):
    client = Client()
    client.force_login(user)
    context = browser.new_context(bypass_csp=True, **options)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": site}])
    return context


@pytest.mark.parametrize("prefix", EVERY_LANGUAGE)
def test_application_form_steps(browser, site, draft, people, prefix):
    context = signed_in(browser, site, people["applicant"])
    page = context.new_page()
    found: dict = {}
    public_id = draft.public_id
    steps = ["/applications/", "/applications/new/", f"/applications/{public_id}/",
             f"/applications/{public_id}/about/"]
    steps += [f"/applications/{public_id}/indicator/{code}/" for code in draft_indicator_codes(draft)]
    steps += ["/registry/open-clinic/challenge/", "/inbox/", "/accounts/data/", "/accounts/delete/"]
    for path in steps:
        check(page, f"{site}{prefix}{path}", found)
    # A step with errors: a licence that is no SPDX expression, evidence that is no web address.
    page.goto(f"{site}{prefix}/applications/{public_id}/indicator/2/")
    page.locator("#question-licenses input[type=text]").first.fill("not a licence (")
    page.locator("#question-license_evidence_urls textarea").first.fill("not a web address")
    page.locator("main form button[type=submit]").first.click()
    expect(page.get_by_role("alert")).to_have_count(1)  # waits for the answer to the post
    if problems := violations(page):
        found["indicator step with an error"] = problems
    context.close()
    assert not found, report(found)


def draft_indicator_codes(application) -> list[str]:
    from dpg_registry.applications.selectors import questions_by_key

    return sorted({question.indicator.code for question in questions_by_key(application).values()},
                  key=lambda code: (int(re.match(r"\d+", code).group()), code))
