"""The whole review in a real browser: an applicant signs up and applies, reviewers sign in with their
authenticator app and decide, an expert gives an opinion, and the public sees the outcome."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone
from django.utils.formats import date_format
from playwright.sync_api import expect

from dpg_registry.applications.forms import choice_label
from dpg_registry.applications.scheduled import run_review_clock
from dpg_registry.applications.services.applicant import submit
from dpg_registry.applications.services.review import finish_review, pull_next
from tests.applications.test_journey import review_all
from tests.factories import EVIDENCE, PASSWORD, SOFTWARE_ANSWERS, give_totp, make_user, run_tasks, totp_code

pytestmark = pytest.mark.django_db(transaction=True)

APPLICANT = "amina@clinic.example"
EMAIL_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


# People, each in their own browser -----------------------------------------------------------------


@pytest.fixture
def new_page(browser):
    """Open a page in a fresh browser context: one person, with their own cookies."""
    contexts = []

    def open_page():
        context = browser.new_context()
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def make_staff(email: str, role: str):
    user = make_user(email, role)
    user.totp_secret = give_totp(user)
    return user


def sign_in(page, site, user) -> None:
    """Sign in with e-mail and password, then, for staff, with the code of the authenticator app."""
    page.goto(f"{site}/accounts/login/")
    page.get_by_label("Email:", exact=True).fill(user.email)
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    if hasattr(user, "totp_secret"):
        expect(page.get_by_role("heading", name="Two-Factor Authentication")).to_be_visible()
        page.get_by_label("Code:", exact=True).fill(totp_code(user.totp_secret))
        page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def messages(page) -> str:
    return page.locator(".messages").inner_text()


def expect_status(page, text: str) -> None:
    expect(page.locator("h1 .status").first).to_have_text(text)


# The applicant's steps ----------------------------------------------------------------------------


def sign_up(page, site, email: str) -> None:
    page.goto(f"{site}/accounts/signup/")
    page.get_by_label("Email:", exact=True).fill(email)
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again):", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", name="Verify Your Email Address")).to_be_visible()

    (message,) = [m for m in mail.outbox if email in m.to]
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body).group(0)
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()  # signed in by confirming


def check_eligibility(page, site) -> None:
    page.goto(f"{site}/")
    page.get_by_role("link", name="Eligibility check").click()
    page.get_by_role("group", name="Category").get_by_label("Open Software").check()
    page.get_by_label("Licence:", exact=True).fill("Apache-2.0")
    page.get_by_role("group", name="Sustainable Development Goals").get_by_label(re.compile(r"^\s*SDG 3:")).check()
    page.get_by_role("group", name="Impact").get_by_label(re.compile(r"^\s*Direct:")).check()
    page.get_by_role("group", name="Breadth").get_by_label(re.compile(r"^\s*High:")).check()
    page.get_by_role("group", name="Developer tool").get_by_label("No", exact=True).check()
    page.get_by_role("group", name="Derived work").get_by_label("No, it is an original project").check()
    for group, choice in (("Owner or authorised", "Yes"), ("Documented ownership", "Yes"), ("Closed components", "No"),
                          ("Documentation", "Yes"), ("Data export", "Yes"), ("Privacy and applicable laws", "Yes"),
                          ("Standards and best practices", "Yes"), ("Do no harm", "Yes")):
        page.get_by_role("group", name=group).get_by_label(choice, exact=True).check()
    page.get_by_label(re.compile(r"^\s*I confirm the product is real")).check()
    page.get_by_role("button", name="Check eligibility").click()
    outcome = page.get_by_role("status")
    expect(outcome.get_by_role("heading", name="Likely eligible")).to_be_visible()
    outcome.get_by_role("link", name="Start an application").click()


def steps_nav(page):
    return page.get_by_role("navigation", name="Steps of the application")


def still_missing(page) -> list[str]:
    """The "still missing" list of the application page, one entry per step with something missing."""
    steps_nav(page).get_by_role("link", name="Review and submit").click()
    expect(page.get_by_role("button", name="Submit for review")).to_be_visible()  # the page is there
    if page.get_by_text("Every required answer is given.").is_visible():
        return []
    return page.locator("section[aria-labelledby=missing-title] li").all_inner_texts()


QUESTIONS_ON_PAGE = """fieldsets => fieldsets.map(fieldset => ({
    key: fieldset.id.replace("question-", ""),
    choice: fieldset.querySelector("input[type=radio]") !== null,
    evidence_required: fieldset.innerText.includes("Evidence (one web address per line) — required"),
}))"""


def answer_step(page, answers: dict) -> None:
    """Answer the questions of an indicator step the way a person does: tick, choose or type."""
    expect(page.get_by_role("button", name="Save and continue")).to_be_visible()  # the whole form is there
    for question in page.locator("fieldset[id^=question-]").evaluate_all(QUESTIONS_ON_PAGE):
        if question["key"] not in answers:
            continue
        value = answers[question["key"]]
        fieldset = page.locator(f"#question-{question['key']}")
        if isinstance(value, list) and all(isinstance(item, int) for item in value):  # SDGs
            for number in value:
                fieldset.get_by_label(re.compile(rf"^\s*{number}\. ")).check()
        elif question["choice"]:
            fieldset.get_by_label(str(choice_label(value)), exact=True).check()
        else:  # the first text field of a question is its answer (a licence's is a combobox); justification and
            # evidence follow
            answer = fieldset.locator("input[type=text], textarea").first
            answer.fill("\n".join(value) if isinstance(value, list) else value)
        if question["evidence_required"]:
            fieldset.get_by_label("Evidence (one web address per line) — required").fill("\n".join(EVIDENCE))


def apply(page) -> str:
    """Create the application and fill every step; returns the application's id."""
    expect(page.get_by_role("heading", name="New application")).to_be_visible()
    page.get_by_label("Product name").fill("Open Clinic")
    expect(page.get_by_label("Open Software")).to_be_checked()  # carried over from the eligibility check
    page.get_by_label("Organisation you apply for").fill("Open Clinic Foundation")
    page.get_by_role("button", name="Start the application").click()
    expect(page.get_by_role("heading", name="Open Clinic: about the product")).to_be_visible()
    public_id = page.url.split("/applications/")[1].split("/")[0]

    steps = steps_nav(page).get_by_role("link").all_inner_texts()[1:-1]  # between "About" and "Review and submit"
    missing = still_missing(page)
    assert missing[0].startswith("About the product: a description of the product")

    steps_nav(page).get_by_role("link", name="About the product").click()
    page.get_by_label("What the product does, in a few sentences").fill("Patient records for rural clinics.")
    page.get_by_label("Website").fill("https://example.org/clinic")
    page.get_by_label("Source code repositories (one address per line)").fill("https://example.org/clinic/code")
    countries = page.get_by_role("combobox", name="Countries where it is deployed")
    countries.press_sequentially("kenya")
    countries.press("Enter")
    page.get_by_role("button", name="Save and continue").click()
    assert "Saved." in messages(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(steps[0])  # on to the first indicator
    now_missing = still_missing(page)
    assert now_missing == missing[1:]
    missing = now_missing

    for position, step in enumerate(steps):
        code = step.split(".")[0]
        listed = [entry for entry in missing if entry.startswith(f"Indicator {code}:")]
        steps_nav(page).get_by_role("link", name=step).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(step)
        gaps = page.get_by_text("Still missing here:")
        if listed:
            expect(gaps).to_be_visible()
        else:
            expect(gaps).to_be_hidden()
        answer_step(page, SOFTWARE_ANSWERS)
        page.get_by_role("button", name="Save and continue").click()
        assert f"Indicator {code} saved." in messages(page)
        if position + 1 < len(steps):
            expect(page.get_by_role("heading", level=1)).to_have_text(steps[position + 1])
        now_missing = still_missing(page)
        assert now_missing == [entry for entry in missing if entry not in listed]
        missing = now_missing
    assert missing == []
    expect(page.get_by_text("Every required answer is given.")).to_be_visible()

    page.get_by_role("button", name="Submit for review").click()
    assert f"Application {public_id} is submitted for review." in messages(page)
    expect_status(page, "Submitted, waiting for L1 review")
    return public_id


# The reviewers' steps -----------------------------------------------------------------------------


def indicator_section(page, code: str):
    return page.locator(f"section#indicator-{code}")


def decide(page, code: str, decision: str, **fields) -> None:
    """Record a decision on one indicator; ``fields`` fill further labelled fields of its form."""
    section = indicator_section(page, code)
    section.get_by_label(decision, exact=True).check()
    for label, value in fields.items():
        field = section.get_by_label(label)
        if field.evaluate("element => element.tagName") == "SELECT":
            field.select_option(label=value)
        else:
            field.fill(value)
    section.get_by_role("button", name=f"Record the decision on {code}").click()
    expect(indicator_section(page, code).get_by_role("status")).to_contain_text(f"Indicator {code}: ")  # saved in place


def indicator_codes_on(page) -> list[str]:
    return [section.get_attribute("id").removeprefix("indicator-")
            for section in page.locator("section.review-indicator").all()]


def take_next(page, site, level: str, public_id: str) -> None:
    page.goto(f"{site}/")
    page.get_by_role("navigation", name="Account").get_by_role("link", name="Review").click()
    page.get_by_role("button", name=f"Take the next application for {level} review").click()
    expect(page.locator(".meta").first).to_contain_text(f"Application {public_id} ")
    expect(page.get_by_text("You review this application at")).to_contain_text(f"at {level}.")
    expect(page.get_by_role("button", name=f"Finish the {level} review")).to_be_visible()  # the whole page is there


def finish(page, level: str, deadline=None) -> str:
    if deadline is not None:
        page.get_by_label(re.compile("^Deadline for the applicant")).fill(deadline.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name=f"Finish the {level} review").click()
    expect(page.get_by_role("heading", name="Review", exact=True)).to_be_visible()  # back to the queues
    return messages(page)


# Journeys ---------------------------------------------------------------------------------------


def test_an_application_from_sign_up_to_a_listed_dpg(live_server, standard, new_page):
    site = live_server.url
    l1 = make_staff("lena@review.example", "l1")
    l2 = make_staff("luis@review.example", "l2")
    expert = make_staff("eve@review.example", "expert")

    # 1-3. The applicant signs up, checks eligibility, applies and submits.
    applicant = new_page()
    sign_up(applicant, site, APPLICANT)
    check_eligibility(applicant, site)
    public_id = apply(applicant)

    # 4. L1 passes every indicator.
    lena = new_page()
    sign_in(lena, site, l1)
    take_next(lena, site, "L1", public_id)
    codes = indicator_codes_on(lena)
    assert codes[:3] == ["1", "2", "3"] and "9a" in codes
    for code in codes:
        decide(lena, code, "Pass")
    assert f"Application {public_id} is now: In L2 review." in finish(lena, "L1")

    # 5. L2 passes all but two: a question for the applicant on 3, an expert's opinion on 9a.
    luis = new_page()
    sign_in(luis, site, l2)
    take_next(luis, site, "L2", public_id)
    for code in codes:
        if code == "3":
            decide(luis, code, "Needs clarification", **{
                "Reason or question for the applicant": "Who holds the copyright of the mobile app?"})
        elif code == "9a":
            decide(luis, code, "Consult an expert", **{
                "Expert to consult": expert.email, "Question for the expert": "Is storing visit notes on phones safe?"})
        else:
            decide(luis, code, "Pass")
    deadline = (timezone.now() + timedelta(days=10)).replace(second=0, microsecond=0)
    assert "is now: Waiting for an expert's opinion." in finish(luis, "L2", deadline)

    # 6. The expert sees only the indicator asked about, and recommends a pass.
    eve = new_page()
    sign_in(eve, site, expert)
    eve.get_by_role("navigation", name="Account").get_by_role("link", name="Review").click()
    eve.get_by_role("link", name="Open Clinic, indicator 9a").click()
    expect(eve.get_by_role("heading", name="9a. Data privacy and security")).to_be_visible()
    expect(eve.get_by_role("heading", name="Your opinion on indicator 9a")).to_be_visible()
    expect(eve.get_by_role("heading", name=re.compile(r"^1\. "))).to_have_count(0)
    assert indicator_codes_on(eve) == ["9a"]
    expect(eve.get_by_text("Is storing visit notes on phones safe?").first).to_be_visible()
    eve.get_by_role("textbox", name="Your opinion").fill("Visit notes are encrypted on the phone; acceptable.")
    eve.get_by_role("group", name="Recommendation").get_by_label("Pass", exact=True).check()
    eve.get_by_role("button", name="Send my opinion").click()
    assert "Your opinion is recorded. Thank you." in messages(eve)

    # 7. L2 passes 9a with the opinion in hand; the question goes to the applicant, who answers it.
    luis.goto(f"{site}/review/{public_id}/")
    expect_status(luis, "In L2 review")
    assert "Opinion (Pass): Visit notes are encrypted" in indicator_section(luis, "9a").inner_text()
    decide(luis, "9a", "Pass")
    assert "is now: Waiting for the applicant's clarification." in finish(luis, "L2", deadline)

    applicant.goto(f"{site}/applications/")
    applicant.get_by_role("link", name=public_id).click()
    expect_status(applicant, "Waiting for the applicant's clarification")
    questions = applicant.get_by_role("region", name="Questions from the reviewers")
    expect(questions.get_by_role("heading", name="Indicator 3")).to_be_visible()
    expect(questions.get_by_text("Who holds the copyright of the mobile app?")).to_be_visible()
    assert f"Answer by {date_format(deadline, 'DATETIME_FORMAT')} UTC." in questions.inner_text()
    questions.get_by_label("Your answer to the reviewer").fill("The foundation holds it; see the CLA.")
    questions.get_by_role("button", name="Send the answer on indicator 3").click()
    assert "Your answer on indicator 3 is sent." in messages(applicant)
    expect_status(applicant, "In L2 review")

    luis.goto(f"{site}/review/{public_id}/")
    assert "Answer: The foundation holds it; see the CLA." in indicator_section(luis, "3").inner_text()
    decide(luis, "3", "Pass")
    assert "is now: Digital public good." in finish(luis, "L2")

    applicant.reload()
    expect_status(applicant, "Digital public good")
    registry_listing = applicant.get_by_role("link", name="See the registry listing").get_attribute("href")

    # 8. Anyone sees the listing and the decision trail, and no one's e-mail address.
    assert registry_listing == "/registry/open-clinic/"
    visitor = new_page()
    visitor.goto(f"{site}{registry_listing}")
    expect(visitor.get_by_role("heading", level=1)).to_contain_text("Open Clinic")
    expect_status(visitor, "Digital public good")
    expect(visitor.get_by_role("img", name="Open Clinic: Digital public good")).to_be_visible()

    visitor.goto(f"{site}/r/{public_id}/")
    expect_status(visitor, "Digital public good")
    trail = visitor.locator("ol.trail").inner_text()
    seen = 0
    for step in ("indicator 3, L2 review: needs clarification", "indicator 9a, L2 review: consult an expert",
                 "waiting for an expert's opinion", "an expert gave an opinion on indicator 9a",
                 "indicator 9a, L2 review: pass", "waiting for the applicant's clarification on indicator 3",
                 "the applicant answered the question on indicator 3", "indicator 3, L2 review: pass",
                 "digital public good"):
        assert step in trail[seen:], f"{step!r} missing or out of order in:\n{trail}"
        seen = trail.index(step, seen)
    html = visitor.content()
    for email in (APPLICANT, l1.email, l2.email, expert.email):
        assert email not in html
    assert not EMAIL_ADDRESS.search(visitor.locator("main").inner_text())


def test_a_missed_clarification_deadline_shows_the_application_ineligible(live_server, people, draft, new_page):
    site = live_server.url
    applicant, l1, l2 = people["applicant"], people["l1"], people["l2"]
    l2.totp_secret = give_totp(l2)
    application = submit(application=draft, by=applicant)
    application = pull_next(reviewer=l1, level="l1")
    application = review_all(application, l1, "l1")
    application = finish_review(application=application, by=l1, level="l1",
                                         expected_version=application.version)
    application = pull_next(reviewer=l2, level="l2")
    review_all(application, l2, "l2")
    public_id = application.public_id

    # L2 asks the applicant about indicator 5, with a deadline three days away; the applicant sees it.
    luis = new_page()
    sign_in(luis, site, l2)
    luis.goto(f"{site}/review/{public_id}/")
    decide(luis, "5", "Needs clarification", **{"Reason or question for the applicant": "Where is the user guide?"})
    deadline = (timezone.now() + timedelta(days=3)).replace(second=0, microsecond=0)
    assert "is now: Waiting for the applicant's clarification." in finish(luis, "L2", deadline)

    amina = new_page()
    sign_in(amina, site, applicant)
    amina.goto(f"{site}/applications/{public_id}/")
    expect_status(amina, "Waiting for the applicant's clarification")
    questions = amina.get_by_role("region", name="Questions from the reviewers")
    expect(questions.get_by_text("Where is the user guide?")).to_be_visible()
    assert f"Answer by {date_format(deadline, 'DATETIME_FORMAT')} UTC." in questions.inner_text()

    # No answer comes; the review clock runs a minute after the deadline.
    with time_machine.travel(deadline + timedelta(minutes=1), tick=False):
        run_review_clock.enqueue()
        run_tasks()

    amina.reload()
    expect_status(amina, "Ineligible")
    decision = amina.locator("section", has=amina.get_by_role("heading", name="Decision")).inner_text()
    assert f"no answer by the deadline ({deadline:%Y-%m-%d %H:%M} UTC)" in decision
    assert "indicator 5" in decision
    expect(amina.get_by_role("region", name="Questions from the reviewers")).to_have_count(0)  # too late to answer
