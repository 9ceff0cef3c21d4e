"""The claim, ownership and invitation pages, and the staff's pages on owners and members, pass axe-core's WCAG
2.1 A and AA rules, left to right and right to left."""

import pytest
from django.conf import settings
from django.test import Client

from dpg_registry.applications.services.applicant import invite_editor
from dpg_registry.ownership import services
from tests.browser.axe import violations
from tests.browser.test_accessibility import report
from tests.factories import sign_in
from tests.ownership.owners import make_owner
from tests.ownership.products import listed_product

pytestmark = pytest.mark.django_db(transaction=True)


def page_of(browser, site: str, user):
    client = Client()
    sign_in(client, user)
    context = browser.new_context(bypass_csp=True)
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME]
                          .value, "url": site}])
    return context.new_page()


@pytest.mark.parametrize("prefix", ["", "/ar"])
def test_claim_and_invitation_pages(browser, live_server, people, draft, prefix):
    site = live_server.url
    product = listed_product()
    services.start_claim(product=product, by=people["applicant"], method="repository")
    services.start_claim(product=product, by=people["stranger"], method="staff", statement="I maintain it.")
    invite_editor(application=draft, by=people["applicant"],
                  email="sam@elsewhere.example")
    make_owner(product, people["expert"], by=people["admin"])
    found: dict = {}
    for user, paths in [
        (people["applicant"], ["/registry/clinic-records/", "/registry/clinic-records/claim/",
                               "/claims/confirm/not-a-token/", f"/applications/{draft.public_id}/"]),
        (people["stranger"], ["/applications/new/?renew=clinic-records", "/applications/invitations/",
                              "/applications/"]),
        (people["expert"], ["/applications/"]),
        (people["l2"], ["/claims/", "/claims/owners/?q=clinic",
                        "/claims/members/?email=amina%40clinic.example&organisation=clinic"]),
    ]:
        page = page_of(browser, site, user)
        for path in paths:
            page.goto(f"{site}{prefix}{path}")
            assert page.locator("main").count() == 1, path
            if problems := violations(page):
                found[f"{prefix}{path}"] = problems
        page.context.close()
    assert not found, report(found)
