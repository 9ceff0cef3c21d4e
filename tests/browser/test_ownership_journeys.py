"""Ownership in a real browser: a stranger refused the renewal of a product they do not own, never shown its
private answers; the claim through a token in the product's repository, ending with the owner seeing the product
as theirs and the audit trail whole; the staff revoking an ownership, and verifying a member on a phone without
JavaScript."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from dpg_registry.applications.models import Application
from dpg_registry.audit.models import AuditEvent
from dpg_registry.ownership.models import Claim, ProductOwner
from tests.applications.test_private_everywhere import MARK
from tests.browser.test_claims_browser import (  # noqa: F401 (new_page is a fixture)
    claim_actions,
    new_page,
    sees_it_as_theirs,
    start_claim,
    trail_verifies,
)
from tests.browser.test_layout import too_wide
from tests.browser.test_private_answers_browser import listed  # noqa: F401, F811 (a fixture)
from tests.browser.test_review_journey import make_staff, messages, sign_in
from tests.factories import make_user, run_tasks
from tests.ownership.conftest import local_claim_repositories  # noqa: F401 (a fixture)
from tests.ownership.owners import make_owner
from tests.ownership.products import git_repository, listed_product, manifest

pytestmark = pytest.mark.django_db(transaction=True)


def no_private_answer(page) -> None:
    assert MARK not in page.content().lower(), page.url


def test_a_stranger_cannot_renew_and_never_sees_a_private_answer(live_server, new_page, people, listed):  # noqa: F811
    site, slug = live_server.url, listed.product.slug
    page = new_page()
    sign_in(page, site, people["stranger"])
    response = page.goto(f"{site}/applications/new/?renew={slug}")
    assert response.status == 403
    expect(page.get_by_role("heading", name=f"Only the owners of {listed.product.name} renew it")).to_be_visible()
    expect(page.get_by_role("button", name="Start the application")).to_have_count(0)
    no_private_answer(page)
    page.get_by_role("link", name=f"Claim {listed.product.name}").click()
    expect(page.get_by_role("heading", name=f"Claim {listed.product.name}")).to_be_visible()
    no_private_answer(page)
    for path in (f"/registry/{slug}/", f"/r/{listed.public_id}/", "/registry/", f"/registry/?q={slug}",
                 "/applications/", f"/api/v1/products/{slug}", f"/applications/{listed.public_id}/"):
        page.goto(site + path)
        no_private_answer(page)
    assert not Application.objects.filter(editors=people["stranger"]).exists()
    assert not AuditEvent.objects.filter(actor_id=people["stranger"].pk).exclude(action__startswith="account.")\
        .exists()


def test_claiming_with_a_token_in_the_repository(live_server, standard, new_page, tmp_path,  # noqa: F811
                                                 local_claim_repositories):  # noqa: F811
    site, folder = live_server.url, tmp_path / "clinic"
    product = listed_product(f"file://{folder}")
    amina = make_user("amina@clinic.example")
    page = new_page()
    sign_in(page, site, amina)
    start_claim(page, site, "a token in the product's repository")
    page.get_by_role("button", name="Send the claim").click()
    token = page.locator("#claim-token").inner_text()
    assert token.startswith("dpg-claim-")

    git_repository(folder, {"dpg.json": manifest(token)})  # the owner commits the token to their repository
    page.get_by_role("button", name="Read the repository now").click()
    assert "The repository is being read; reload this page in a minute." in messages(page)
    run_tasks()
    page.reload()
    expect(page.get_by_text("You are a verified owner of Clinic Records: you may renew it.")).to_be_visible()

    page.goto(f"{site}/registry/clinic-records/")
    # The owner sees the listing as claimed, and the ways to ask for a change to it or for its delisting.
    expect(page.locator("p.ownership")).to_have_text("Claimed by Clinic Trust · Ask for a change · Ask for delisting")
    sees_it_as_theirs(page, site)
    page.get_by_role("link", name="Renew Clinic Records").click()
    expect(page.get_by_role("heading", name="Renew Clinic Records")).to_be_visible()

    claim = Claim.objects.get(product=product)
    assert claim_actions(claim) == ["ownership.claim", "ownership.check_request", "ownership.approve"]
    member = AuditEvent.objects.get(action="organisation.verify_member")
    assert member.after == {"user": amina.pk, "verified_by": "claim", "claim": claim.pk}
    trail_verifies()


def test_staff_revoke_an_ownership_and_the_owner_is_told(live_server, standard, new_page):  # noqa: F811
    site = live_server.url
    product = listed_product()
    amina, luis = make_user("amina@clinic.example"), make_staff("luis@review.example", "l2")
    make_owner(product, amina, by=make_user("ada@review.example", "admin"))
    staff = new_page()
    sign_in(staff, site, luis)
    staff.goto(f"{site}/claims/")
    staff.get_by_role("link", name="Verified owners").click()
    staff.get_by_label("Product, or the owner's e-mail address").fill("clinic")
    staff.get_by_role("button", name="Find").click()
    card = staff.locator("article", has_text="amina@clinic.example owns Clinic Records")
    card.get_by_label("Reason").fill("She left the trust in May.")
    card.get_by_role("button", name="Revoke amina@clinic.example's ownership of Clinic Records").click()
    assert "amina@clinic.example no longer owns Clinic Records; they are told by e-mail." in messages(staff)
    assert not ProductOwner.objects.exists()

    run_tasks()
    [message] = [m for m in mail.outbox if m.to == ["amina@clinic.example"]]
    page = new_page()
    sign_in(page, site, amina)
    page.goto(site + re.search(r"http://\S+?(/registry/clinic-records/claim/)", message.body).group(1))
    expect(page.get_by_text("The staff revoked your ownership on")).to_contain_text("She left the trust in May.")
    page.goto(f"{site}/applications/new/?renew=clinic-records")
    expect(page.get_by_role("heading", name="Only the owners of Clinic Records renew it")).to_be_visible()
    assert AuditEvent.objects.get(action="ownership.revoke").role == "l2"
    trail_verifies()


def test_the_staff_pages_on_owners_and_members_work_on_a_phone_without_javascript(browser, live_server, people):
    site = live_server.url
    product = listed_product()
    make_owner(product, people["applicant"], by=people["admin"])
    luis = make_staff("lucia@review.example", "l2")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    sign_in(page, site, luis)
    paths = ["/claims/owners/?q=clinic", "/claims/members/?email=amina%40clinic.example&organisation=clinic"]
    assert too_wide(page, site, paths, 360) == {}
    assert too_wide(page, site, ["/applications/"], 360) == {}

    page.goto(f"{site}/claims/members/")
    page.get_by_label("The person's e-mail address").fill("sam@elsewhere.example")
    page.get_by_label("The organisation's name, or part of it").fill("clinic trust")
    page.get_by_role("button", name="Find").click()
    card = page.locator("article", has_text="Clinic Trust")
    expect(card).to_contain_text("sam@elsewhere.example is not a verified member.")
    card.get_by_label("Verify").check()
    card.get_by_label("Reason").fill("The trust's director vouched for him.")
    card.get_by_role("button", name="Decide on Clinic Trust").click()
    assert "sam@elsewhere.example is a verified member of Clinic Trust." in messages(page)
    expect(page.locator("article", has_text="Clinic Trust")).to_contain_text(
        "sam@elsewhere.example is a verified member since")
    event = AuditEvent.objects.get(action="organisation.verify_member", actor_id=luis.pk)
    assert (event.role, event.reason) == ("l2", "The trust's director vouched for him.")
    context.close()
