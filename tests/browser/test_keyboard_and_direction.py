"""Keyboard-only use with a visible focus, and Arabic laid out right to left."""

import io

import pytest
from PIL import Image

from dpg_registry.registry import search
from dpg_registry.registry.models import Product
from tests.browser.test_accessibility import signed_in
from tests.ecosystem.conftest import build_ecosystem

pytestmark = pytest.mark.django_db(transaction=True)

FOCUS_STYLE = """() => {
  const el = document.activeElement, style = getComputedStyle(el);
  return {tag: el.tagName, name: el.getAttribute('name') || '', href: el.getAttribute('href') || '',
          text: el.innerText || '', outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0};
}"""


@pytest.fixture
def site(live_server, people):
    build_ecosystem(people)
    search.index_products(Product.objects.all())
    return live_server.url


def tab_to(page, wanted, limit: int = 60) -> dict:
    """Press Tab until ``wanted(focused)`` holds; every stop on the way must show its focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS_STYLE)
        assert focused["outline"], f"no visible focus on {focused}"
        if wanted(focused):
            return focused
    raise AssertionError("never reached by Tab")


def test_search_and_open_a_product_with_the_keyboard_only(page, site):
    page.goto(f"{site}/registry/")
    skip = tab_to(page, lambda f: True)
    assert skip["href"] == "#main"  # the first stop skips the navigation
    tab_to(page, lambda f: f["tag"] == "INPUT" and f["name"] == "q")
    page.keyboard.type("clinic")
    page.keyboard.press("Enter")
    page.wait_for_url("**q=clinic**")
    tab_to(page, lambda f: f["href"].endswith("/registry/open-clinic/"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/registry/open-clinic/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Open Clinic")


def test_answer_an_application_step_with_the_keyboard_only(browser, site, draft, people):
    context = signed_in(browser, site, people["applicant"])
    page = context.new_page()
    page.goto(f"{site}/applications/{draft.public_id}/indicator/1/")
    tab_to(page, lambda f: f["tag"] == "INPUT" and f["name"].endswith("sdgs"))
    page.keyboard.press("Space")  # SDG 1 joins the answer
    tab_to(page, lambda f: f["tag"] == "TEXTAREA" and f["name"] == "sdg_relevance")
    page.keyboard.press("Control+A")
    page.keyboard.type("Clinics record visits, which serves target 3.8 on universal health coverage.")
    tab_to(page, lambda f: f["tag"] == "BUTTON" and "Save" in f["text"])
    page.keyboard.press("Enter")
    page.wait_for_url("**/indicator/2/")  # saved, on to the next step
    answers = {answer.question_key: answer.value for answer in draft.answers.all()}
    assert 1 in answers["sdgs"]
    assert answers["sdg_relevance"].startswith("Clinics record visits")
    context.close()


def ink_columns(png: bytes) -> list[int]:
    """The x positions of the screenshot's dark pixels."""
    image = Image.open(io.BytesIO(png)).convert("L")
    width, height = image.size
    pixels = image.load()
    return [x for x in range(width) for y in range(height) if pixels[x, y] < 96]


@pytest.mark.parametrize("prefix, brand_side", [("", "left"), ("/ar", "right")])
def test_arabic_is_laid_out_right_to_left(browser, site, prefix, brand_side, tmp_path):
    context = browser.new_context(viewport={"width": 1200, "height": 800})
    page = context.new_page()
    page.goto(f"{site}{prefix}/")
    assert page.locator("html").get_attribute("dir") == ("rtl" if prefix else "ltr")
    brand = page.locator(".brand").bounding_box()
    png = page.screenshot(clip={"x": 0, "y": brand["y"], "width": 1200, "height": brand["height"]})
    (tmp_path / f"header{prefix.replace('/', '-')}.png").write_bytes(png)
    ink = [x for x in ink_columns(png) if brand["x"] <= x <= brand["x"] + brand["width"]]
    assert ink, "the brand is drawn where the layout puts it"
    middle = sum(ink) / len(ink)
    assert (middle > 600) == (brand_side == "right"), f"brand drawn around x={middle:.0f}"
    context.close()
