"""The public registry in a real browser: search, facets, profile, shareable URLs, map, no JavaScript."""

import pytest
from playwright.sync_api import expect

from dpg_registry.importers.run import run_import
from dpg_registry.standard.services import load_standard
from tests.conftest import LEGACY_DIR

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def site(live_server):
    load_standard()
    run_import([LEGACY_DIR])
    return live_server.url


def result_count(page) -> int:
    return int(page.locator(".results .count").inner_text().split()[0])


def test_search_apply_and_remove_facets_then_share_the_url(page, site):
    page.goto(f"{site}/registry/?status=dpg")
    everything = result_count(page)
    page.get_by_label("Search", exact=True).fill("health")
    page.get_by_role("button", name="Search").click()
    after_search = result_count(page)
    assert 0 < after_search < everything
    page.locator(".facets a", has_text="Open Software").first.click()
    with_facet = result_count(page)
    assert 0 < with_facet <= after_search
    assert "category=software" in page.url and "q=health" in page.url
    shared = page.url

    page.get_by_role("link", name="Remove filter “health”").click()
    assert "q=" not in page.url and "category=software" in page.url
    assert result_count(page) >= with_facet

    page.goto(shared)
    assert result_count(page) == with_facet
    assert page.get_by_label("Search", exact=True).input_value() == "health"


def test_open_a_profile_with_its_map(page, site):
    page.goto(f"{site}/registry/?q=aam+digital")
    page.get_by_role("link", name="Aam Digital", exact=True).click()
    assert page.url.endswith("/registry/aam-digital/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Aam Digital")
    map_svg = page.locator("svg.map")
    box = map_svg.bounding_box()
    assert box and box["width"] > 300 and box["height"] > 100
    assert map_svg.locator("path").count() > 150
    shaded = map_svg.locator("path.s4")  # a yes-or-no map: every country deployed in has the strong shade
    assert shaded.count() == 7  # the seven countries Aam Digital is deployed in
    badge = page.get_by_role("img", name="Aam Digital: Digital public good")
    expect(badge).to_be_visible()  # the badge is an image of its own: it may arrive after the page
    assert badge.evaluate("img => img.complete && img.naturalWidth > 0")


def test_pages_work_with_javascript_off(page_without_js, site):
    page = page_without_js
    page.goto(f"{site}/")
    page.locator("a.sdg-4").click()
    assert "sdg=4" in page.url
    count = result_count(page)
    assert count > 0
    page.get_by_role("link", name="Next").click()
    assert "page=2" in page.url
    page.locator(".products h3 a").first.click()
    expect(page.locator("h1")).to_have_count(1)  # the profile has loaded, not only its address
    assert "/registry/" in page.url
