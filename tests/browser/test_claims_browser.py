"""Claiming a listed product in a real browser: by an address at the organisation's domain, and by a staff
decision; the profile then says who claimed it, the owner finds it among their products, and the audit trail
holds each step and verifies."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from dpg_registry.audit.models import AuditEvent
from dpg_registry.ownership.models import Claim, ProductOwner
from tests.browser.test_review_journey import make_staff, messages, sign_in
from tests.conftest import run_dpg
from tests.factories import make_user, run_tasks
from tests.ownership.products import listed_product

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def new_page(browser):
    """Open a page in a browser context of its own: one person, with their own cookies."""
    contexts = []

    def open_page():
        contexts.append(browser.new_context())
        contexts[-1].set_default_timeout(15_000)
        return contexts[-1].new_page()

    yield open_page
    for context in contexts:
        context.close()


def start_claim(page, site, way: str) -> None:
    page.goto(f"{site}/registry/clinic-records/")
    expect(page.locator("p.ownership")).to_contain_text("Unclaimed")
    page.get_by_role("link", name="Is this your product? Claim it").click()
    expect(page.get_by_role("heading", name="Claim Clinic Records")).to_be_visible()
    page.get_by_label(way).check()


def claim_actions(claim) -> list[str]:
    return list(AuditEvent.objects.filter(subject_type="ownership.claim", subject_id=str(claim.pk))
                .order_by("pk").values_list("action", flat=True))


def sees_it_as_theirs(page, site) -> None:
    """The owner's own page lists the product, with the way to renew it."""
    page.goto(f"{site}/applications/")
    owned = page.locator("section[aria-labelledby=owned-title]")
    expect(owned.get_by_role("link", name="Clinic Records", exact=True)).to_be_visible()
    expect(owned.get_by_role("link", name="Renew Clinic Records")).to_be_visible()


def trail_verifies() -> None:
    verified = run_dpg("audit", "verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr


def test_claiming_with_an_address_at_the_organisations_domain(live_server, standard, new_page):
    site = live_server.url
    product = listed_product()
    amina = make_user("amina@clinic.example")
    page = new_page()
    sign_in(page, site, amina)
    start_claim(page, site, "an e-mail address at the organisation's web domain")
    page.get_by_label("Your address at the organisation's web domain").fill("amina@clinic.example")
    page.get_by_role("button", name="Send the claim").click()
    expect(page.get_by_text("A link was sent to amina@clinic.example.")).to_be_visible()

    run_tasks()
    (message,) = [m for m in mail.outbox if m.to == ["amina@clinic.example"]]
    link = re.search(r"http://\S+/claims/confirm/\S+/", message.body).group(0)
    page.goto(site + link.split("8000", 1)[1])
    page.get_by_role("button", name="Confirm the claim").click()
    assert "Confirmed: you are an owner of Clinic Records." in messages(page)
    expect(page.get_by_text("You are a verified owner of Clinic Records: you may renew it.")).to_be_visible()

    page.goto(f"{site}/registry/clinic-records/")
    # The owner sees the listing as claimed, and the ways to ask for a change to it or for its delisting.
    expect(page.locator("p.ownership")).to_have_text("Claimed by Clinic Trust · Ask for a change · Ask for delisting")
    claim = Claim.objects.get(product=product)
    assert claim_actions(claim) == ["ownership.claim", "ownership.approve"]
    assert ProductOwner.objects.filter(product=product, user=amina).exists()
    sees_it_as_theirs(page, site)
    trail_verifies()


def test_claiming_by_a_staff_decision(live_server, standard, new_page):
    site = live_server.url
    product = listed_product()
    amina = make_user("amina@clinic.example")
    luis = make_staff("luis@review.example", "l2")
    page = new_page()
    sign_in(page, site, amina)
    page.goto(f"{site}/applications/new/?renew=clinic-records")
    expect(page.get_by_role("heading", name="Only the owners of Clinic Records renew it")).to_be_visible()
    page.get_by_role("link", name="Claim Clinic Records").click()
    page.get_by_label("a decision of the registry's staff").check()
    page.get_by_label("Who you are and how you speak for the organisation").fill("I lead the Clinic Trust's team.")
    page.get_by_role("button", name="Send the claim").click()
    expect(page.get_by_text("The registry's staff will decide and tell you their reason.")).to_be_visible()
    claim = Claim.objects.get(product=product)

    staff = new_page()
    sign_in(staff, site, luis)
    staff.goto(f"{site}/claims/")
    card = staff.locator(f"article[aria-labelledby=claim-{claim.pk}]")
    expect(card).to_contain_text("I lead the Clinic Trust's team.")
    card.get_by_label("Approve").check()
    card.get_by_label("Reason").fill("The trust's director confirmed it by phone.")
    card.get_by_role("button", name=f"Decide claim {claim.pk}").click()
    assert f"Claim {claim.pk} is decided." in messages(staff)
    expect(staff.get_by_text("No claim is waiting.")).to_be_visible()

    page.goto(f"{site}/registry/clinic-records/")
    # The owner sees the listing as claimed, and the ways to ask for a change to it or for its delisting.
    expect(page.locator("p.ownership")).to_have_text("Claimed by Clinic Trust · Ask for a change · Ask for delisting")
    page.goto(f"{site}/applications/new/?renew=clinic-records")
    expect(page.get_by_role("heading", name="Renew Clinic Records")).to_be_visible()
    assert claim_actions(claim) == ["ownership.claim", "ownership.approve"]
    approval = AuditEvent.objects.get(action="ownership.approve")
    assert (approval.role, approval.reason, approval.actor_id) == ("l2", "The trust's director confirmed it by phone.",
                                                                  luis.pk)
    sees_it_as_theirs(page, site)
    trail_verifies()
