"""The layout holds at every width people use: no sideways scrolling on phones, navigation that never overlaps,
step lists numbered once, a menu on phones, and English text inside Arabic pages kept in its own direction."""

import pytest

from dpg_registry.registry.models import Product
from tests.browser.test_accessibility import (
    EVERY_LANGUAGE,
    PREFIXES,
    PUBLIC_PAGES,
    draft_indicator_codes,
    signed_in,
)
from tests.ecosystem.conftest import build_ecosystem

pytestmark = pytest.mark.django_db(transaction=True)

# The boxes of every visible link and button inside ``selector``, with its text.
BOXES = """(selector) => [...document.querySelectorAll(selector)]
  .flatMap(root => [...root.querySelectorAll('a, button, summary')])
  .filter(el => el.offsetParent !== null)
  .map(el => {const r = el.getBoundingClientRect();
              return {text: el.innerText.trim(), x: r.left, y: r.top, right: r.right, bottom: r.bottom};})"""


@pytest.fixture
def site(live_server, people):
    build_ecosystem(people)
    Product.objects.filter(slug="open-clinic").update(
        description="Open Clinic keeps patient records for rural clinics, offline first.")
    return live_server.url


def overlapping(boxes: list[dict]) -> list[tuple[str, str]]:
    pairs = []
    for index, one in enumerate(boxes):
        for other in boxes[index + 1:]:
            if one["x"] < other["right"] - 0.5 and other["x"] < one["right"] - 0.5 \
                    and one["y"] < other["bottom"] - 0.5 and other["y"] < one["bottom"] - 0.5:
                pairs.append((one["text"], other["text"]))
    return pairs


PHONES = (320, 390)  # the narrowest phone still sold, and a common one


def too_wide(page, site: str, paths: list[str], *widths: int) -> dict[str, int]:
    """The pages, in the four languages, whose content is wider than a screen of each of ``widths`` px: each page is
    loaded once, at the first width, and turned to the others as a phone is."""
    wide = {}
    for prefix in PREFIXES:
        for path in paths:
            page.set_viewport_size({"width": widths[0], "height": 800})
            page.goto(f"{site}{prefix}{path}")
            for width in widths:
                page.set_viewport_size({"width": width, "height": 800})
                scroll_width = page.evaluate("document.documentElement.scrollWidth")
                if scroll_width > width:
                    wide[f"{width} {prefix}{path}"] = scroll_width
    return wide


def test_no_public_page_scrolls_sideways_on_a_phone(page, site):
    assert too_wide(page, site, PUBLIC_PAGES, *PHONES) == {}


def test_no_page_of_an_application_scrolls_sideways_on_a_phone(browser, site, draft, people):
    context = signed_in(browser, site, people["applicant"])
    page = context.new_page()
    steps = ["/applications/", f"/applications/{draft.public_id}/", f"/applications/{draft.public_id}/about/"]
    steps += [f"/applications/{draft.public_id}/indicator/{code}/" for code in draft_indicator_codes(draft)]
    assert too_wide(page, site, steps, *PHONES) == {}
    context.close()


@pytest.mark.parametrize("prefix", EVERY_LANGUAGE)
def test_header_links_never_overlap(browser, site, people, prefix):
    for context in (browser.new_context(), signed_in(browser, site, people["applicant"])):
        page = context.new_page()
        for width in (768, 1024, 1280):
            page.set_viewport_size({"width": width, "height": 800})
            page.goto(f"{site}{prefix}/communities/")
            boxes = page.evaluate(BOXES, "header")
            assert len(boxes) >= 9, (width, boxes)  # brand, six sections, two account links at least
            assert overlapping(boxes) == [], width
            assert all(box["right"] <= width and box["x"] >= 0 for box in boxes), (width, boxes)
            subnav = page.evaluate(BOXES, "main nav")
            assert len(subnav) >= 5 and overlapping(subnav) == [], (width, subnav)
        context.close()


@pytest.mark.parametrize("prefix", ["", "/ar"])
def test_phones_get_a_menu_holding_every_section(page, site, prefix):
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(f"{site}{prefix}/registry/open-clinic/")
    menu = page.locator("header details.menu")
    assert menu.is_visible() and menu.get_attribute("open") is None
    sections = page.locator("header .menu-body .primary a")
    assert sections.count() == 6 and not sections.first.is_visible()
    menu.locator("summary").click()
    boxes = page.evaluate(BOXES, "header .menu-body")
    assert len(boxes) == 6 + 2 + 4  # the sections, sign in and sign up, the four languages
    assert overlapping(boxes) == []
    assert all(0 <= box["x"] and box["right"] <= 360 for box in boxes), boxes
    sections.nth(1).click()
    page.wait_for_url("**/eligibility/")


def test_application_steps_are_numbered_once_and_never_overlap(browser, site, draft, people):
    context = signed_in(browser, site, people["applicant"])
    page = context.new_page()
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(f"{site}/applications/{draft.public_id}/indicator/1/")
        steps = page.locator("nav.steps li")
        assert steps.count() >= 10
        assert steps.nth(1).inner_text().startswith("1. ")  # the indicator's own number, and no list marker
        assert steps.first.evaluate("el => getComputedStyle(el).listStyleType") == "none"
        assert overlapping(page.evaluate(BOXES, "nav.steps")) == []
    context.close()


def test_an_english_description_keeps_its_full_stop_at_its_end_in_arabic(page, site):
    page.goto(f"{site}/ar/registry/open-clinic/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    # The screen positions of the description's first letter and of its closing full stop.
    first, last = page.evaluate("""() => {
      const text = [...document.querySelectorAll('main .lead p')][0].firstChild;
      const at = (i) => {const r = document.createRange(); r.setStart(text, i); r.setEnd(text, i + 1);
                         return r.getBoundingClientRect();};
      return [at(0), at(text.length - 1)];
    }""")
    assert first["top"] == last["top"]  # one line at this width
    assert last["left"] > first["left"], "the full stop is drawn before the text"
    page.goto(f"{site}/ar/registry/?status=dpg")
    item = page.locator(".products li p[dir=auto]").first
    assert item.evaluate("el => getComputedStyle(el).direction") == "ltr"


@pytest.mark.parametrize("scripts", [True, False], ids=["scripts on", "scripts off"])
def test_the_header_fits_a_phone_with_or_without_scripts(browser, site, people, scripts):
    """Signed out and signed in, the header is no wider than the phone, and its menu opens without scripts."""
    wide, missing = {}, {}
    for context in (browser.new_context(java_script_enabled=scripts),
                    signed_in(browser, site, people["applicant"], java_script_enabled=scripts)):
        page = context.new_page()
        for width in (320, 360, 390):
            page.set_viewport_size({"width": width, "height": 800})
            for prefix in PREFIXES:
                page.goto(f"{site}{prefix}/registry/open-clinic/")
                header = page.locator("header.top").bounding_box()
                scroll_width = page.evaluate("document.documentElement.scrollWidth")
                if scroll_width > width or header["x"] < 0 or header["x"] + header["width"] > width:
                    wide[f"{width} {prefix or '/'}"] = scroll_width
                page.locator("header details.menu > summary").click()
                # Each shown link's text and box, in one round trip.
                shown = page.locator("header .menu-body a, header .menu-body button").evaluate_all(
                    "links => links.filter(link => link.getClientRects().length"
                    " && getComputedStyle(link).visibility !== 'hidden')"
                    ".map(link => [link.innerText, link.getBoundingClientRect().toJSON()])")
                outside = [text for text, box in shown if box["x"] < 0 or box["x"] + box["width"] > width]
                if len(shown) < 6 + 2 + 4 or outside:
                    missing[f"{width} {prefix or '/'}"] = (len(shown), outside)
        context.close()
    assert wide == {} and missing == {}
