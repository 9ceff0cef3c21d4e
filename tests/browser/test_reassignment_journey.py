"""In Chromium: a conflict of interest appears in the middle of an L2 review; the application goes back to the queue
with the reason, another L2 reviewer reassigns it to themselves and decides; then an admin grants a role and
corrects the new listing. Each step is checked in the audit trail, and the trail's seals hold."""

import re

import pytest
from playwright.sync_api import expect

from dpg_registry.accounts.services import verify_membership
from dpg_registry.applications.models import Application
from dpg_registry.applications.services import applicant, review
from dpg_registry.audit.models import AuditEvent
from dpg_registry.audit.verify import verify_chain
from tests.applications.test_journey import review_all
from tests.browser.test_review_journey import decide, indicator_codes_on, indicator_section, make_staff, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

S = Application.State
REASON = "Luis joined the foundation that applied."


def trail(application: Application, action: str) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(
            subject_type="applications.application", subject_id=str(application.pk), action=action
        )
    )


@pytest.fixture
def in_l2_queue(people, draft) -> Application:
    application = applicant.submit(application=draft, by=people["applicant"])
    application = review.pull_next(reviewer=people["l1"], level="l1")
    application = review_all(application, people["l1"], "l1")
    return review.finish_review(
        application=application, by=people["l1"], level="l1", expected_version=application.version
    )


def test_a_conflict_mid_l2_review_is_reassigned_decided_and_the_admin_work_is_audited(
    browser, live_server, people, in_l2_queue
):
    site, application = live_server.url, in_l2_queue
    luis, lou = make_staff("luis.l2@review.example", "l2"), make_staff("lou@review.example", "l2")
    admin = make_staff("ada.admin@review.example", "admin")
    contexts = []

    def page_of(user):
        context = browser.new_context()
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        sign_in(page, site, user)
        return page

    # Luis takes the application and decides the first indicator.
    first = page_of(luis)
    first.goto(f"{site}/review/")
    first.get_by_role("button", name="Take the next application for L2 review").click()
    expect(first.get_by_text("You review this application at")).to_contain_text("at L2.")
    codes = indicator_codes_on(first)
    decide(first, codes[0], "Pass")
    assert len(trail(application, "indicator.decide")) == len(codes) + 1  # L1's, then Luis's

    # Mid-review, Luis is verified as a member of the organisation that applied: his next decision is refused.
    verify_membership(
        user=luis,
        organisation=application.organisation,
        by=admin,
        role="admin",
        reason="Luis now works at the foundation.",
    )
    section = indicator_section(first, codes[1])
    section.get_by_label("Pass", exact=True).check()
    section.get_by_role("button", name=f"Record the decision on {codes[1]}").click()
    expect(first.get_by_role("heading", name="Conflict of interest")).to_be_visible()
    expect(first.locator("main")).to_contain_text("you belong to Open Clinic Foundation, which applied")
    application.refresh_from_db()
    assert application.state == S.L2_REVIEW and application.l2_reviewer is None
    assert set(application.decisions.filter(level="l2").values_list("decision", flat=True)) == {"pending"}
    [conflict] = trail(application, "assignment.conflict")
    assert conflict.actor_id == luis.pk and "belongs to the applying organisation" in conflict.reason

    # Lou finds it waiting in the L2 queue, sees why, and gives the L2 review to herself.
    second = page_of(lou)
    second.goto(f"{site}/review/")
    expect(second.get_by_role("heading", name="Waiting for L2 review (1)")).to_be_visible()
    second.goto(f"{site}/console/queue/?state=l2_review&assignee=none")
    second.get_by_role("link", name=f"{application.public_id} Open Clinic").click()
    history = second.get_by_role("region", name="History and clarifications")
    expect(history).to_contain_text("handed back to the queue: conflict of interest")
    reassign = second.get_by_role("region", name="Reassign the review")
    reassign.get_by_label("L2 review", exact=True).check()
    reassign.get_by_label("Reviewer:", exact=True).select_option(label="lou@review.example")
    reassign.get_by_label("Why it is reassigned").fill(REASON)
    reassign.get_by_role("button", name="Reassign").click()
    expect(second.locator(".messages")).to_contain_text("The L2 review is now assigned to lou@review.example.")
    expect(second.get_by_role("region", name="History and clarifications")).to_contain_text(REASON)
    [moved] = trail(application, "assignment.reassign")
    assert (moved.actor_id, moved.role, moved.reason) == (lou.pk, "l2", REASON)
    assert moved.after == {"level": "l2", "reviewer": lou.pk}

    # Lou decides every indicator in one submit and concludes: the product is listed.
    second.reload()
    for code in indicator_codes_on(second):
        indicator_section(second, code).get_by_label("Pass", exact=True).check()
    second.get_by_role("button", name="Record every decision chosen").click()
    expect(second.locator(".messages")).to_contain_text("Decisions recorded on indicators")
    second.get_by_role("button", name="Finish the L2 review").click()
    expect(second.locator(".messages")).to_contain_text(
        f"Application {application.public_id} is now: Digital public good."
    )
    application.refresh_from_db()
    assert application.state == S.DPG and application.l2_reviewer == lou
    l2_decisions = [event for event in trail(application, "indicator.decide") if event.role == "l2"]
    assert {event.actor_id for event in l2_decisions} == {luis.pk, lou.pk}
    assert len([event for event in l2_decisions if event.actor_id == lou.pk]) == len(codes)
    [listed] = trail(application, "application.decide")
    assert listed.actor_id == lou.pk and listed.after["state"] == S.DPG

    # The admin grants the expert role to a newcomer and corrects the new listing's description.
    third = page_of(admin)
    third.goto(f"{site}/console/people/")
    third.get_by_label("E-mail address or name").fill("elsewhere")
    third.get_by_role("button", name="Find").click()
    third.get_by_role("link", name=people["stranger"].email).click()
    grant = third.locator("form", has=third.get_by_role("button", name="Grant"))
    grant.get_by_label("Role").select_option(label="Expert")
    grant.get_by_label("Reason").fill("Knows clinical records.")
    grant.get_by_role("button", name="Grant").click()
    expect(third.locator(".messages")).to_contain_text(f"{people['stranger'].email} is now Expert.")
    expect(third.get_by_role("region", name="Role changes")).to_contain_text(
        f"Expert granted by account {admin.pk}: Knows clinical records."
    )
    [granted] = AuditEvent.objects.filter(action="role.grant", subject_id=str(people["stranger"].pk))
    assert (granted.actor_id, granted.role, granted.after, granted.reason) == (
        admin.pk,
        "admin",
        {"role": "expert"},
        "Knows clinical records.",
    )

    product = application.product
    third.goto(f"{site}/console/listings/")
    third.get_by_label(re.compile("^Name")).fill("clinic")
    third.get_by_role("button", name="Find").click()
    third.get_by_role("link", name="Open Clinic").click()
    third.get_by_label("Description:", exact=True).fill("Patient records for rural clinics, offline first.")
    third.get_by_label("Reason for the change").fill("The description leaves out offline use.")
    third.get_by_role("button", name="Save the listing").click()
    expect(third.locator(".messages")).to_contain_text("The listing is saved.")
    changes = third.get_by_role("region", name="Changes to this listing")
    expect(changes.get_by_role("row", name=re.compile("^Description"))).to_contain_text("offline first")
    [edit] = AuditEvent.objects.filter(action="product.edit", subject_id=str(product.pk))
    assert (edit.actor_id, edit.role, edit.reason) == (admin.pk, "admin", "The description leaves out offline use.")
    assert edit.before == {"description": "Patient records for rural clinics."}
    assert edit.after == {"description": "Patient records for rural clinics, offline first."}

    for context in contexts:
        context.close()
    report = verify_chain()
    assert report.intact, report.problem
