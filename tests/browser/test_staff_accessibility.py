"""Every staff page, over a review in progress and a console with data, passes axe-core at WCAG 2.1 AA in all four
languages, for staff signed in with their authenticator app proven."""

import pytest

from tests import staff_pages
from tests.browser.axe import violations
from tests.browser.test_console_browser import staff_context

# axe on every staff page in four languages takes minutes: CI runs it once, in its PostgreSQL pass.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


@pytest.mark.parametrize("prefix", ["", "/fr", "/es", "/ar"])
def test_every_staff_page_passes_axe(browser, live_server, people, draft, prefix):
    scene = staff_pages.build(people, draft)
    contexts, found = {}, {}
    for what, user, path, _status in staff_pages.pages(people, scene):
        if user.pk not in contexts:
            contexts[user.pk] = staff_context(browser, live_server.url, user).new_page()
        page = contexts[user.pk]
        page.goto(f"{live_server.url}{prefix}{path}")
        assert page.locator("main").count() == 1, what
        assert page.locator("html").get_attribute("lang") == (prefix.strip("/") or "en"), what
        if problems := violations(page):
            found[what] = problems
    for page in contexts.values():
        page.context.close()
    assert not found, "\n".join(f"{what}\n  " + "\n  ".join(problems) for what, problems in found.items())
