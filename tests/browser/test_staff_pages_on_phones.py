"""Every staff page fits a 360 px phone: wide tables scroll inside their own box, which a keyboard can reach,
instead of widening the page."""

import pytest

from tests import staff_pages
from tests.browser.test_console_browser import staff_context

pytestmark = pytest.mark.django_db(transaction=True)

WIDTH = 360

# Every scrolling box on the page that is not the page itself, and what names it.
SCROLLERS = """() => [...document.querySelectorAll('main *')]
  .filter(el => el.scrollWidth > el.clientWidth + 1 && ['auto', 'scroll'].includes(getComputedStyle(el).overflowX))
  .map(el => ({tag: el.tagName, tabindex: el.getAttribute('tabindex'), role: el.getAttribute('role'),
               label: el.getAttribute('aria-label')
                      || document.getElementById(el.getAttribute('aria-labelledby'))?.textContent || ''}))"""
# The names of the page's regions (a section or box named by a heading or label): a box named like the section
# around it would be announced twice.
REGIONS = """() => [...document.querySelectorAll(
    'main section[aria-labelledby], main section[aria-label], main [role=region]')]
  .map(el => (el.getAttribute('aria-label')
              || document.getElementById(el.getAttribute('aria-labelledby'))?.textContent || '').trim())"""


def test_every_staff_page_fits_a_phone(browser, live_server, people, draft):
    scene = staff_pages.build(people, draft)
    pages, wide, unreachable, twice, tables = {}, {}, {}, {}, 0
    more = [("the console's data quality", people["admin"], "/console/quality/", 200),
            ("the renewals with no owner", people["admin"], "/console/renewals-with-no-owner/", 200)]
    for what, user, path, _status in staff_pages.pages(people, scene) + more:
        if user.pk not in pages:
            pages[user.pk] = staff_context(browser, live_server.url, user).new_page()
            pages[user.pk].set_viewport_size({"width": WIDTH, "height": 800})
        page = pages[user.pk]
        page.goto(f"{live_server.url}{path}")
        assert page.locator("main").count() == 1, what
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > WIDTH:
            wide[what] = scroll_width
        scrollers = page.evaluate(SCROLLERS)
        tables += len(scrollers)
        if blind := [box for box in scrollers
                     if box["tabindex"] != "0" or box["role"] != "region" or not box["label"].strip()]:
            unreachable[what] = blind
        names = page.evaluate(REGIONS)
        if repeated := sorted({name for name in names if names.count(name) > 1}):
            twice[what] = repeated
    for page in pages.values():
        page.context.close()
    assert wide == {} and unreachable == {} and twice == {}
    assert tables >= 3  # the queue, the people and the dashboard are wider than the phone, in their own boxes
