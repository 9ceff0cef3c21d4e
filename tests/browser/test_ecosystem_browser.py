"""The ecosystem in a real browser: a community, its collection's maturity comparison, a country page."""

import pytest
from playwright.sync_api import expect

from tests.ecosystem.conftest import build_ecosystem

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def site(live_server, people):
    build_ecosystem(people)
    return live_server.url


def test_community_collection_comparison_and_country(page, site):
    page.goto(f"{site}/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Communities").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Communities of Practice"
    page.get_by_role("row", name="Health").get_by_role("link", name="Health").click()
    assert page.url.endswith("/communities/health/")
    assert page.get_by_role("heading", level=1).inner_text() == "Health"

    page.get_by_role("link", name="Immunization delivery").first.click()
    table = page.get_by_role("table", name="Maturity of the products in Immunization delivery")
    expect(table).to_be_visible()  # waits for the collection's page
    headers = table.get_by_role("columnheader").all_inner_texts()
    assert headers == ["Pillar", "Open Clinic", "Vaccine Tracker"]
    governance = table.get_by_role("row", name="Governance")
    assert governance.get_by_role("cell").nth(0).inner_text().startswith("Medium")
    assert governance.get_by_role("cell").nth(1).inner_text() == "not assessed"
    governance.get_by_text("1 practice").click()  # <details> opens without script
    assert governance.get_by_text("Informal processes guide the community and development.").is_visible()
    assert table.get_by_role("row", name="Composability").get_by_role("cell").nth(0).inner_text() == "High"

    page.goto(f"{site}/countries/KE/")
    assert page.get_by_role("heading", level=1).inner_text() == "Kenya"
    world = page.get_by_role("img", name="Kenya on the world map")
    box = world.bounding_box()
    assert box and box["width"] > 300
    assert page.locator("svg.map path.s2").count() == 1  # Kenya, with two DPGs deployed
    assert page.get_by_role("link", name="Clinic records in Kenya").is_visible()
    assert page.get_by_role("heading", name="50-in-5 commitments").is_visible()


def test_country_page_without_javascript(page_without_js, site):
    page = page_without_js
    page.goto(f"{site}/pathfinders/")
    page.get_by_role("link", name="Kenya", exact=True).click()
    assert page.url.endswith("/countries/KE/")
    page.get_by_role("link", name="Clinic records in Kenya").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Clinic records in Kenya"
