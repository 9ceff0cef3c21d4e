"""An owner asks for a change to their listing and an L1 reviewer approves it, in a real browser; the owner's and
the staff's pages pass axe-core's WCAG 2.1 A and AA rules, left to right and right to left, and fit 360 px."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from dpg_registry.audit.models import AuditEvent
from dpg_registry.listing_requests.services.changes import request_change
from dpg_registry.listing_requests.services.delisting import request_delisting
from tests.browser.axe import violations
from tests.browser.test_accessibility import report
from tests.browser.test_claims_accessibility import page_of
from tests.browser.test_review_journey import make_staff, messages, sign_in
from tests.factories import make_user, run_tasks
from tests.listing_requests.conftest import proposal
from tests.ownership.owners import make_owner
from tests.ownership.products import listed_product

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_owner_asks_for_a_change_and_l1_approves_it(live_server, people, browser, page):
    site = live_server.url
    product = listed_product()
    omar = make_user("omar@clinic.example")
    make_owner(product, omar, by=people["l2"])
    lena = make_staff("lena.l1@review.example", "l1")

    owner = page
    owner.set_default_timeout(15_000)
    sign_in(owner, site, omar)
    owner.goto(f"{site}/registry/clinic-records/")
    owner.get_by_role("link", name="Ask for a change").click()
    expect(owner.get_by_role("heading", name="Ask for a change to Clinic Records")).to_be_visible()
    expect(owner.get_by_label("Website")).to_have_value("https://www.clinic.example/records")
    owner.get_by_label("Website").fill("https://clinic.example/records")
    owner.get_by_label("Countries where it is deployed").fill("Kenya\nSenegal")
    owner.get_by_label("Why the listing should change").fill("The site moved; we now deploy in two countries.")
    owner.get_by_role("button", name="Send the request").click()
    assert "Your request is sent: an L1 reviewer will look at it." in messages(owner)
    expect(owner.get_by_role("heading", name=re.compile(r"Request \d+: waiting for review"))).to_be_visible()

    staff_context = browser.new_context()  # another person, with cookies of their own
    staff_context.set_default_timeout(15_000)
    staff = staff_context.new_page()
    sign_in(staff, site, lena)
    staff.goto(f"{site}/review/")
    staff.get_by_role("link", name="Owners' requests: changes to listings, delisting").click()
    staff.get_by_role("link", name=re.compile(r"Change \d+ to Clinic Records")).click()
    table = staff.locator("table.diff")
    expect(table.locator("del")).to_have_text("https://www.clinic.example/records")
    expect(table.locator("ins")).to_have_text(["https://clinic.example/records", "Kenya", "Senegal"])
    expect(staff.get_by_text("The site moved; we now deploy in two countries.")).to_be_visible()
    staff.get_by_label("Approve the change").check()
    staff.get_by_label("Reason, for the owner").fill("The trust's new address; both ministries confirmed.")
    staff.get_by_role("button", name=re.compile(r"Decide change \d+")).click()
    assert re.search(r"Change request \d+ is decided\.", messages(staff))
    expect(staff.get_by_text("No change is waiting.")).to_be_visible()
    staff_context.close()

    owner.goto(f"{site}/registry/clinic-records/")
    expect(owner.get_by_role("link", name="https://clinic.example/records")).to_be_visible()
    expect(owner.locator("figcaption")).to_contain_text("Senegal")
    run_tasks()
    (message,) = [m for m in mail.outbox if m.to == [omar.email]]
    assert "Your change to Clinic Records is approved" in message.subject
    assert list(AuditEvent.objects.filter(subject_type="listing_requests.changerequest")
                .order_by("pk").values_list("action", flat=True)) == ["listing_change.request",
                                                                       "listing_change.approve"]
    assert AuditEvent.objects.get(action="product.edit").role == "l1"


@pytest.mark.parametrize("prefix", ["", "/ar"])
def test_owner_and_staff_pages_are_accessible_and_fit_a_phone(browser, live_server, people, prefix):
    site = live_server.url
    product = listed_product()
    omar = make_user("omar@clinic.example")
    make_owner(product, omar, by=people["l2"])
    change = request_change(product=product, by=omar, reason="The site moved.",
                            **proposal(website="https://clinic.example/", deployment_countries=["Kenya"]))
    delisting = request_delisting(product=product, by=omar, reason="We stopped maintaining it.")
    found: dict = {}
    for user, paths in [
        (omar, ["/owned/", "/registry/clinic-records/change/", "/registry/clinic-records/delist/"]),
        (people["l2"], ["/listing-requests/", f"/listing-requests/changes/{change.pk}/",
                        f"/listing-requests/delisting/{delisting.pk}/"]),
    ]:
        page = page_of(browser, site, user)
        page.set_viewport_size({"width": 360, "height": 740})
        for path in paths:
            page.goto(f"{site}{prefix}{path}")
            assert page.locator("main").count() == 1, path
            assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
            if problems := violations(page):
                found[f"{prefix}{path}"] = problems
        page.context.close()
    assert not found, report(found)
