"""The yearly report in a real browser, without JavaScript: from the menu to a chart and its table."""

import pytest
from django.utils import timezone


@pytest.fixture
def site(registry, live_server):
    # The real data is committed once for the module, so the server's own connection sees it.
    return live_server.url


def test_open_this_year_s_report_and_read_a_chart_and_its_table(page_without_js, site):
    page = page_without_js
    year = timezone.now().year
    page.goto(f"{site}/")
    page.get_by_role("link", name="Reports").click()
    page.get_by_role("link", name=f"State of the Ecosystem {year}").click()
    assert page.url.endswith(f"/reports/{year}/")
    assert page.get_by_role("heading", level=1).inner_text() == f"State of the Ecosystem {year}"

    chart = page.get_by_role("img", name="DPGs by category")
    assert chart.is_visible()
    box = chart.bounding_box()
    assert box and box["width"] > 300 and box["height"] > 40
    assert chart.locator("g.bar").count() >= 3
    table = page.locator("table", has=page.locator("caption", has_text="DPGs by category"))
    assert table.is_visible()
    software = table.get_by_role("row", name="Open Software")
    listed = int(software.get_by_role("cell").last.inner_text())
    assert listed > 100
    assert chart.locator("g.bar title", has_text=f"Open Software: {listed}").count() == 1
    assert page.get_by_role("link", name="DPGs by category as CSV").get_attribute("href") == (
        f"/reports/{year}/categories.csv")
    assert page.get_by_role("img", name="Countries DPGs are deployed in").is_visible()
