"""An application answered wholly in private, listed: its public review record and its profile in a real browser."""

import pytest

from dpg_registry.applications.selectors import questions_by_key
from dpg_registry.applications.services import applicant
from tests.applications.test_clock import approve
from tests.applications.test_private_everywhere import MARK, private_answers

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def listed(people, draft):
    draft = applicant.save_answers(application=draft, by=people["applicant"], expected_version=draft.version,
                                  answers=private_answers(questions_by_key(draft)))
    return approve(people, draft)


def test_the_record_and_the_profile_show_no_private_answer(page, live_server, listed):
    page.goto(f"{live_server.url}/r/{listed.public_id}/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Open Clinic")
    assert page.get_by_text("No public answers.").count() > 10
    assert MARK not in page.content().lower()

    page.get_by_role("link", name="registry listing").click()
    assert page.url.endswith(f"/registry/{listed.product.slug}/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Open Clinic")
    assert MARK not in page.content().lower()
    assert "Apache-2.0" not in page.locator("main").inner_text()  # the private licence is no listing's licence
