"""The staff console in Chromium: an admin signs in with their authenticator app, grants a role and corrects a
listing; the console's pages pass axe-core in English and Arabic."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from dpg_registry.accounts.models import RoleGrant
from dpg_registry.applications.services import applicant, review
from dpg_registry.audit.models import AuditEvent
from dpg_registry.console.services import add_tag
from dpg_registry.registry.models import Product
from tests.browser.axe import violations
from tests.browser.test_review_journey import make_staff, sign_in
from tests.ecosystem.conftest import make_product
from tests.factories import make_user
from tests.factories import sign_in as sign_in_client

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_admin_grants_a_role_and_corrects_a_listing(browser, live_server, standard):
    admin = make_staff("ada@review.example", "admin")
    newcomer = make_user("sam@elsewhere.example")
    product = make_product("open-clinic", "Open Clinc")
    context = browser.new_context()
    context.set_default_timeout(15_000)
    page = context.new_page()
    sign_in(page, live_server.url, admin)

    page.goto(f"{live_server.url}/console/people/")
    page.get_by_label("E-mail address or name").fill("elsewhere")
    page.get_by_role("button", name="Find").click()
    page.get_by_role("link", name="sam@elsewhere.example").click()
    grant = page.locator("form", has=page.get_by_role("button", name="Grant"))
    grant.get_by_label("Role").select_option(label="L2 reviewer")
    grant.get_by_label("Reason").fill("Joins the L2 team.")
    grant.get_by_role("button", name="Grant").click()
    expect(page.locator(".messages")).to_contain_text("sam@elsewhere.example is now L2 reviewer.")
    expect(page.get_by_role("region", name="Role changes")).to_contain_text("Joins the L2 team.")
    assert RoleGrant.objects.filter(user=newcomer, role="l2").exists()

    page.goto(f"{live_server.url}/console/listings/open-clinic/")
    page.get_by_label("Name:", exact=True).fill("Open Clinic")
    page.get_by_label("Reason for the change").fill("Typo in the name.")
    page.get_by_role("button", name="Save the listing").click()
    expect(page.locator(".messages")).to_contain_text("The listing is saved.")
    changes = page.get_by_role("region", name="Changes to this listing")
    expect(changes.locator("del")).to_have_text("Open Clinc")
    expect(changes.locator("ins")).to_have_text("Open Clinic")
    product.refresh_from_db()
    assert product.name == "Open Clinic"
    event = AuditEvent.objects.get(action="product.edit")
    assert (event.before, event.after, event.reason) == ({"name": "Open Clinc"}, {"name": "Open Clinic"},
                                                         "Typo in the name.")
    context.close()


def staff_context(browser, site: str, user, **options):
    """A browser context signed in as ``user``, with the authenticator app proven for the session."""
    client = Client()
    sign_in_client(client, user)
    # The Content-Security-Policy would refuse the injected axe script.
    context = browser.new_context(bypass_csp=True, **options)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": site}])
    return context


@pytest.mark.parametrize("prefix", ["", "/ar"])
def test_console_pages_pass_axe(browser, live_server, people, draft, prefix):
    applicant.submit(application=draft, by=people["applicant"])
    application = review.pull_next(reviewer=people["l1"], level="l1")
    add_tag(application=application, name="security", by=people["l1"])
    make_product("open-clinic", "Open Clinic")
    # An imported DPG nobody claimed, due for renewal: a row of "renewals with no owner".
    today = timezone.localdate()
    Product.objects.filter(slug="open-clinic").update(
        status="dpg", listed_since=today - timedelta(days=330), listed_since_source="import",
        expires_on=today + timedelta(days=35))
    context = staff_context(browser, live_server.url, people["admin"])
    page = context.new_page()
    found = {}
    paths = ["/console/queue/", "/console/queue/?state=l1_review&sdg=3", "/console/queue/?sdg=99",
             "/console/people/", "/console/people/?q=review", f"/console/people/{people['l1'].pk}/",
             "/console/listings/?q=open", "/console/listings/open-clinic/", "/console/renewals-with-no-owner/"]
    for path in paths:
        page.goto(f"{live_server.url}{prefix}{path}")
        assert page.locator("main").count() == 1
        assert page.locator("html").get_attribute("lang") == (prefix.strip("/") or "en")
        if problems := violations(page):
            found[path] = problems
    context.close()
    assert Product.objects.filter(slug="open-clinic").exists()
    assert not found, "\n".join(f"{path}\n  " + "\n  ".join(problems) for path, problems in found.items())


def test_the_queue_filters_and_tags_without_javascript(browser, live_server, people, draft):
    applicant.submit(application=draft, by=people["applicant"])
    context = staff_context(browser, live_server.url, people["l1"], java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/console/queue/")
    page.get_by_label("Stage:", exact=True).select_option(label="Submitted, waiting for L1 review")
    page.get_by_label("SDG:", exact=True).select_option("3")
    page.get_by_role("button", name="Filter").click()
    assert "state=submitted" in page.url and "sdg=3" in page.url
    expect(page.get_by_role("link", name=f"{draft.public_id} Open Clinic")).to_be_visible()
    page.get_by_label(f"New tag for {draft.public_id}").fill("health")
    page.get_by_role("button", name="Add").click()
    assert "state=submitted" in page.url  # back to the same filtered view
    expect(page.locator(".messages")).to_contain_text(f"{draft.public_id} is tagged health.")
    page.get_by_role("link", name="health").first.click()
    expect(page.get_by_role("link", name=f"{draft.public_id} Open Clinic")).to_be_visible()
    assert AuditEvent.objects.filter(action="console.tag.add", subject_id=str(draft.pk)).count() == 1
    context.close()
